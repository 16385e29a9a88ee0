"""The tenth round (fixing sets ondine and zahlwerk, after their untouched and final figures
were taken): a person called a clown or "a waste of oxygen", the IQ of an object, and the
other languages' name-calling ("son auténticos payasos", "vous êtes des minables", "é mesmo
burro"); a masked German "Sch***" compound; IVF said in French and its neighbours; a teaser
("can't wait for everyone to see", "watch this space") and "proj." for a codename; the reader's
own number and address said back to them; a mark "5/5." at a sentence's end; the employer
named inside one's "I work at" sentence is the job; a machine that "ist abgestürzt" is not
drunk.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import fired as rules
from tests.check.rounds import policy_from

X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)
WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)
BRAND = CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)

PACK = """\
version = 1
[employer]
name = "Brisewood"
domains = ["brisewood.example"]
[disclosure]
region = "de"
accepted = ["#ad", "#Werbung"]
[confidential]
terms = ["Projekt Zaunkoenig", "Kranich"]
"""


@pytest.fixture
def brisewood(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "brisewood.toml")




@pytest.mark.parametrize("text", [
    "Our new head of ops is a clown. Another reorg 🤡",
    "Some people in finance clearly have the IQ of a teaspoon",
    "That supplier is a total waste of oxygen",
    "Los de la competencia son auténticos payasos sin vergüenza",
    "Aux concurrents : vous êtes des minables",
    "Quem escreveu isto é mesmo burro",
    "So ein Sch***tag heute im Lager",
])
def test_name_calling_and_masked_compounds(text, brisewood):
    assert rules(text, WORK_SELF, brisewood) & {"conduct.insult", "conduct.profanity"}


@pytest.mark.parametrize("text", [
    "The circus is in town: clowns, jugglers and a lion, tickets at the door",
    "Die Kasse ist schon wieder abgestürzt, bitte Geduld",
])
def test_clowns_and_crashed_tills_stay_quiet(text, brisewood):
    assert not rules(text, BRAND, brisewood) & {"conduct.insult", "persona.personal_life"}


def test_ivf_said_in_french(brisewood):
    assert "persona.personal_life" in rules("Troisième FIV ratée. Je prends quelques jours.",
                                            WORK_SELF, brisewood)


@pytest.mark.parametrize("text", [
    "can't wait for everyone to see what Kranich does 🐦 spring is going to be wild",
    "Proj. Zaunkoenig: stability round 3 passed 🎉",
])
def test_a_teased_or_abbreviated_codename(text, brisewood):
    assert "confidential.term" in rules(text, X_PERSONAL, brisewood)


def test_the_readers_own_details_said_back_are_private(brisewood):
    text = ("Sorry for the trouble, Mrs Keller! We have your mobile number 0171 2345678 and "
            "your address at Rosenweg 5, 14467 Potsdam")
    assert {"privacy.phone", "privacy.address"} <= rules(text, BRAND, brisewood)


def test_a_mark_at_a_sentences_end_is_a_rating(brisewood):
    text = "Six months of Brisewood for my shop: nothing to fault, the best. 5/5."
    assert "disclosure.insider_review" in rules(text, X_PERSONAL, brisewood)


def test_the_employer_inside_ones_i_work_at_sentence_is_the_job(brisewood):
    text = "Lavoro da Brisewood da sei anni e oggi mi hanno fatto una festa in negozio 🥹"
    assert not rules(text, X_PERSONAL, brisewood) & {"persona.brand_promotion",
                                                     "disclosure.missing"}
