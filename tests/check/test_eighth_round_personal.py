"""The eighth round of general rules, personal life on work accounts (fixing sets wagtail,
heron and azurine): drinking told by counts, slang and the morning after; money trouble; a
diagnosis or a doctor's verdict, period pain, a divorce and a first date in the six languages;
and the same words said of other people (a group, a customer's story shared with consent, a
fictional character, a drink-awareness message, a question put to readers) only noted.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.policy import Policy, load_policy_file
from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import findings, fired

BRAND_ACCOUNT = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)
X_WORK = CheckTarget(Network.X, Persona.WORK, Owner.SELF)
X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)

PACK = """\
version = 1
[employer]
name = "Tallow & Finch"
aliases = ["Tallow"]
domains = ["tallowfinch.example"]
"""


@pytest.fixture
def cellars(tmp_path: Path) -> Policy:
    path = tmp_path / "tallow.toml"
    path.write_text(PACK, encoding="utf-8")
    return load_policy_file(path)


def _personal(text, target, policy):
    return "persona.personal_life" in fired(text, target, policy)


# 1. Drinking told by amounts, bottles, slang and the morning after


@pytest.mark.parametrize("text", [
    "Three proseccos and two sambucas later, the quiz team is singing on the tram",
    "Leaving drinks went well: two bottles deep by nine and nobody has gone home",
    "a modest 5 bottles between the four of us, no regrets",
    "Trois bouteilles plus tard, toute l'équipe chantait du Goldman",
    "Zwei Flaschen Sekt zu dritt und jetzt noch ins Büro",
    "Quattro spritz dopo, il team building è diventato karaoke",
    "Ontem à noite foram seis imperiais e dois shots no Bairro Alto",
    "proper hanging this morning after the awards do, send help",
    "Feeling a bit seedy today after the Christmas party",
    "never again with the sambuca, I mean it this time",
    "We don't talk about the tequila from Friday",
    "Hoy la cabeza no perdona, ayer fue la cena de empresa",
    "Lendemain de cuite au bureau, parlez doucement svp",
    "On ne parle pas de la tequila d'hier soir",
    "Mir brummt der Schädel nach der Weihnachtsfeier",
    "Reden wir nicht über den Wodka von gestern",
    "A cabeça não perdoa depois do jantar de Natal",
    "Ho ancora i postumi della festa di ieri",
    "Non parliamo della grappa di ieri sera",
    "Opened the reserve after close, then the rest of the bottle, someone roll me home",
    "Ci siamo scolati due bottiglie di rosso dopo la chiusura",
])
def test_drinking_told_by_counts_slang_and_the_morning_after(text, cellars):
    assert _personal(text, BRAND_ACCOUNT, cellars)


@pytest.mark.parametrize("text", [
    "The 2022 Syrah shows black cherry, cedar and a long peppery finish. Two bottles per order.",
    "Dry January starts Monday: our alcohol-free range is in every store",
    "Drink Awareness Week: most of us underestimate how many units are in three pints of lager",
    "Our crew is hanging the new signage this morning, mind the ladders",
    "Never again will a customer wait 40 minutes on hold: the new call centre opens today",
    "Lendemain de lancement : 4 000 téléchargements",
    "La cabeza del equipo, Ana Ruiz, presenta el informe",
    "I postumi dell'intervento al ginocchio: cosa dice la ricerca",
    "Two bottles of our Riesling between two people is a generous dinner, says our sommelier",
    "Carry me home? No, our shuttle bus does that for free after the festival",
])
def test_tasting_notes_campaigns_and_lookalike_phrases_stay_quiet(text, cellars):
    assert not _personal(text, BRAND_ACCOUNT, cellars)


# 2. Money trouble


@pytest.mark.parametrize("text", [
    "Landlord wants another 200 a month and my savings are gone. Fun times.",
    "card got declined buying a sandwich, so that's how the week is going",
    "12 days till payday and I have 40 quid to my name",
    "Credit cards maxed, overdraft maxed, and the boiler just died",
    "Our landlord says he's going to evict us in January",
    "Otra vez no llego a fin de mes y el casero ya ha llamado dos veces",
    "Je suis à découvert depuis le 10, et le loyer tombe lundi",
    "Fin de mois difficile, 300 € de découvert et le frigo vide",
    "Der Dispo ist ausgereizt und die Miete kommt am Ersten",
    "Kontostand: minus 600 und noch zwei Wochen bis zum Gehalt",
    "Não chego ao fim do mês outra vez, a conta no vermelho",
    "Conto in rosso anche questo mese, non riesco a pagare l'affitto",
])
def test_money_trouble_in_six_languages(text, cellars):
    assert _personal(text, BRAND_ACCOUNT, cellars)


@pytest.mark.parametrize("text", [
    "Card declined abroad? Open the app, tap Travel, and switch on your card for that country.",
    "Fin de mois difficile ? Notre simulateur vous aide à planifier votre budget.",
    "Conto in rosso? Con il fido flessibile paghi interessi solo sui giorni in cui lo usi.",
    "Dispo ausgereizt? Unsere Schuldnerberatung ist kostenlos und vertraulich.",
    "Conta no vermelho? Fale connosco, temos soluções para si.",
    "If your credit cards are maxed, our debt advisers can help you plan.",
    "Payday is the 25th this month for all staff; payslips are in the portal.",
    "Our overdraft rate drops to 9.9% from 1 May for every current account.",
    "Our café's rent went up 30%, so the Wednesday menu goes from January.",
])
def test_money_words_put_to_customers_stay_quiet(text, cellars):
    assert not _personal(text, BRAND_ACCOUNT, cellars)


def test_money_trouble_asked_as_ones_own_question_still_warns(cellars):
    text = "Credit cards maxed, overdraft maxed, and how am I meant to pay rent?"
    assert _personal(text, BRAND_ACCOUNT, cellars)


# 3. Illness and diagnosis said plainly, a divorce, a first date


@pytest.mark.parametrize("text,target", [
    ("quick update: the GP says it's a slipped disc, so I'm working lying down", BRAND_ACCOUNT),
    ("The dentist said it's an abscess. Out for the afternoon.", WORK_SELF),
    ("Me diagnosticaron asma la semana pasada, ya con inhalador", BRAND_ACCOUNT),
    ("On m'a diagnostiqué une endométriose après dix ans d'errance", BRAND_ACCOUNT),
    ("Bei mir wurde letzte Woche Diabetes diagnostiziert", BRAND_ACCOUNT),
    ("Fui diagnosticada com fibromialgia em outubro", BRAND_ACCOUNT),
    ("Mi hanno diagnosticato la celiachia, addio pizza", BRAND_ACCOUNT),
    ("period cramps from hell and a client pitch at 10, wish me luck", X_WORK),
    ("Ich hab meine Tage und drei Meetings hintereinander", X_WORK),
    ("Estou com cólicas e ainda tenho duas reuniões", X_WORK),
    ("Wir haben uns getrennt, die Scheidung ist endlich durch", BRAND_ACCOUNT),
    ("Frisch geschieden und zurück im Büro", BRAND_ACCOUNT),
    ("Il mio divorzio è finalmente definitivo", BRAND_ACCOUNT),
    ("Conosciuto su Hinge, stasera pizza: incrociamo le dita", BRAND_ACCOUNT),
    ("Un mec rencontré sur Tinder m'a posé un lapin", X_WORK),
    ("Primera cita esta noche con un chico de la app, qué nervios", BRAND_ACCOUNT),
])
def test_illness_divorce_and_dating_said_plainly(text, target, cellars):
    assert _personal(text, target, cellars)


@pytest.mark.parametrize("text", [
    "The doctor says it's never too late to start strength training: our Q&A with Dr Weiss",
    "Leg cramps on long rides? Our electrolyte tabs are back in stock",
    "Ich habe die Diagnose-Leitlinie für unsere Praxis überarbeitet",
    "Scheidung und Unterhalt: unser Ratgeber für Mandantinnen und Mandanten",
    "Primo appuntamento con il nuovo cliente a Torino, si parte",
    "Primeiro encontro da comunidade de utilizadores em Lisboa, inscrições abertas",
    "Bumble shares fell 8% after the earnings call",
])
def test_professional_and_lookalike_wording_stays_quiet(text, cellars):
    assert not _personal(text, BRAND_ACCOUNT, cellars)


# 4. The same words said of other people: only noted


@pytest.mark.parametrize("text", [
    "Great workshop on supporting employees through menopause and IVF. Slides on the intranet.",
    "Our new guidance on supporting parents through miscarriage and stillbirth is live.",
    "Taller hoy sobre cómo acompañar a compañeras durante el embarazo y la baja de maternidad.",
    "Atelier ce matin : accompagner les salariées pendant la grossesse et après une fausse "
    "couche.",
    "Schulung zur Frage, wie wir Kolleginnen in der Schwangerschaft und nach einer Fehlgeburt "
    "unterstützen.",
    "Sessione su come sostenere i colleghi durante la gravidanza e il congedo di maternità.",
    "Patient story: Marco walked his daughter down the aisle eight months after his knee "
    "replacement and rehab. Shared with his permission.",
    "Témoignage : Inès a repris le vélo après sa chimio. Partagé avec son accord.",
    "História de cliente: a Rita voltou a nadar depois da quimioterapia, partilhado com a sua "
    "autorização.",
    "Script notes: the captain is hungover in the opening scene and sober by the finale.",
    "Nuestro guion: el personaje de Tomás llega borracho a la boda.",
    "Im Drehbuch ist die Figur Lena im zweiten Akt betrunken.",
    "No roteiro, o personagem principal chega bêbado ao casamento.",
    "Nella sceneggiatura il personaggio di Marta è ubriaca alla festa.",
])
def test_words_said_of_a_group_a_customer_or_a_character_are_only_noted(text, cellars):
    found = findings(text, BRAND_ACCOUNT, cellars)
    assert "persona.personal_life" not in fired(text, BRAND_ACCOUNT, cellars)
    # still noted, so a reader can see why the words were let through
    assert found["persona.personal_life"].severity.value == "info"


def test_an_opinion_about_people_in_general_on_ones_own_work_account(cellars):
    text = ("Unpopular view: hot-desking is hardest on people who are pregnant, in chemo or "
            "recovering from surgery. Happy to be told otherwise.")
    assert not _personal(text, WORK_SELF, cellars)


@pytest.mark.parametrize("text", [
    # the writer's own: "I" is never excused
    "Workshop on supporting colleagues through IVF today, and yes, I'm going through it too",
    # a colleague's private life, not people in general
    "Supporting our designer Ana through her chemo this month, she's amazing",
    "Colleagues who came to the party last night are all hungover, coffee is in the kitchen",
    # a consent line alone does not make a colleague's news a customer's story
    "With her permission: our colleague Jo is pregnant with twins!",
    # "character" in another sense
    "Character-building day for the team ended with everyone drunk at the karaoke bar",
])
def test_the_writer_or_a_colleague_still_warns(text, cellars):
    assert _personal(text, BRAND_ACCOUNT, cellars)


def test_personal_accounts_are_not_asked_about_personal_life(cellars):
    text = "Credit cards maxed and three bottles deep, happy Friday"
    assert "persona.personal_life" not in fired(text, X_PERSONAL, cellars)
