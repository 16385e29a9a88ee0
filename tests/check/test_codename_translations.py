"""A codename whose name is an everyday word, written in another language: "Proyecto Linterna"
for "Project Lantern", "Adega 9" for "Cellar 9". The translation counts with the generic word or
with the codename's number; the translated word alone in an ordinary sentence is a lantern."""

from __future__ import annotations

import pytest

from app.check.lexicons import builtin_lexicons, read_codename_words
from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import findings, fired, policy_from

PERSONAL = CheckTarget(Network.X, Persona.PERSONAL, Owner.SELF)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)

PACK = """version = 1
[employer]
name = "Brindle Arms"
[confidential]
terms = ["Project Lantern", "Cellar 9", "Kestrel"]
"""


@pytest.fixture
def pack(tmp_path):
    return policy_from(tmp_path, PACK)


def test_the_shipped_table_reads_and_holds_the_common_codename_words():
    table = builtin_lexicons().codename_words
    assert len(table) >= 300
    assert "linterna" in table["lantern"] and "laterne" in table["lantern"]
    assert "lantern" not in table["lantern"]  # the English word is matched already


@pytest.mark.parametrize(("text", "codename"), [
    # the name translated after a generic word of any language
    ("El proyecto Linterna va viento en popa, pronto lo veréis en vuestro pub 😉",
     "Project Lantern"),
    ("Le projet Lanterne avance bien, on en reparle bientôt", "Project Lantern"),
    ("Das Projekt Laterne startet im Frühjahr in allen Häusern", "Project Lantern"),
    ("O projeto Lanterna está quase pronto!", "Project Lantern"),
    ("Il progetto Lanterna parte a marzo", "Project Lantern"),
    ("Proyecto L1nterna: no puedo decir más 🤐", "Project Lantern"),
    # the name translated with its number, however the number is written
    ("Cellier 9 🤫 c'est tout ce que je peux dire pour l'instant", "Cellar 9"),
    ("Adega 9 vai mudar tudo lá no trabalho 🤐", "Cellar 9"),
    ("Bodega nueve llega en primavera", "Cellar 9"),
    ("Keller IX ist fast fertig", "Cellar 9"),
])
def test_the_name_translated_with_its_generic_word_or_number_is_the_codename(text, codename,
                                                                             pack):
    found = findings(text, PERSONAL, pack).get("confidential.term")
    assert found is not None and found.severity.value == "block", found
    assert codename in found.message


@pytest.mark.parametrize("text", [
    "Me he comprado una linterna nueva para el camping",
    "Une lanterne sur la table, et la soirée était parfaite",
    "La bodega de mi abuelo tiene vinos de 1990",
    "Vi um peneireiro no campo hoje de manhã",
    "Keller aufgeräumt, 9 Kisten zum Wertstoffhof gebracht",
])
def test_the_translated_word_in_an_ordinary_sentence_is_the_thing(text, pack):
    assert "confidential" not in {rule.split(".")[0] for rule in fired(text, PERSONAL, pack)}


def test_a_bare_codename_translated_counts_where_a_secret_is_teased(pack):
    kestrel_es = builtin_lexicons().codename_words["kestrel"][0]
    text = f"{kestrel_es.capitalize()} llega el año que viene y no puedo decir más 🤫"
    assert "confidential.term" in fired(text, WORK, pack)


def test_a_table_row_keeps_its_alternatives_and_drops_accents(tmp_path):
    table = tmp_path / "words.tsv"
    table.write_text("# comment\ncellar\tbodega|sótano\tcave|cellier\tkeller\tadega|porão\t"
                     "cantina\n", encoding="utf-8")
    read = read_codename_words(table)
    assert read["cellar"] == ("bodega", "sotano", "cave", "cellier", "keller", "adega", "porao",
                              "cantina")
    # ... and each translation leads back to the English word and the other languages, so a
    # codename named in German ("Projekt Keller") is found in English ("Project Cellar")
    assert read["keller"] == ("cellar", "bodega", "sotano", "cave", "cellier", "adega", "porao",
                              "cantina")
    assert set(read) == {"cellar", "bodega", "sotano", "cave", "cellier", "keller", "adega",
                         "porao", "cantina"}
