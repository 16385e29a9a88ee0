"""The ninth round (fixing sets hearthlight and candil, after their untouched and final figures
were taken): a writer's own byline is the job, not an ad, unless it sells; the unnamed
workplace that "pays my wages" or "the charity I work for" promoted with an offer (a cause
does not excuse one's own employer); multi-buy deals, "stock up", a code of a percentage and
stars given sell or rate; the reader's own number said back to them and an address at someone's
house are private; "hasta los cojones", "siete degli idioti", "bande d'incapables", "keep ...
and see what happens", "der kann was erleben" are conduct; drowning one's sorrows, one's toddler
and a night at the disco are personal life.

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
BRAND = CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)

PACK = """\
version = 1
[employer]
name = "Tallowby Press"
aliases = ["Tallowby", "The Tallowby Review"]
domains = ["tallowby.example"]
[[partners]]
name = "Corrin Stores"
aliases = ["Corrin"]
[disclosure]
region = "uk"
accepted = ["#ad", "#TallowbyTeam"]
"""


@pytest.fixture
def press(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "tallowby.toml")




@pytest.mark.parametrize("text", [
    "My piece on the last ferrymen of the Severn is out today: tallowby.example/ferrymen",
    "Mi reportaje sobre los mercados de Lima ya está publicado: tallowby.example/lima",
    "Mon article sur les bouquinistes est en ligne : tallowby.example/quais",
])
def test_ones_own_byline_is_the_job(text, press):
    assert not rules(text, X_PERSONAL, press) & {"persona.brand_promotion", "disclosure.missing"}


def test_a_byline_that_sells_is_still_promotion(press):
    text = "My piece is out, and The Tallowby Review is 50% off this week: tallowby.example/sub"
    assert "persona.brand_promotion" in rules(text, X_PERSONAL, press)


@pytest.mark.parametrize("text", [
    "You all know which charity pays my wages 😉 their fun run is in June and code RUN5 gets "
    "you £5 off entry",
    "the sale at the shop on mill lane is on till sunday, everything £2, proceeds to the "
    "kids' charity I work for",
])
def test_the_unnamed_employer_promoted_even_for_a_cause(text, press):
    assert "persona.promotion" in rules(text, X_PERSONAL, press)


@pytest.mark.parametrize("text", [
    "Corrin have a 3 for 2 on all Tallowby paperbacks this week, stock up people",
    "¿Quién se apunta a la feria de Tallowby? Tengo un código de 20% para los amigos",
])
def test_multibuys_and_percentage_codes_sell(text, press):
    assert "persona.brand_promotion" in rules(text, X_PERSONAL, press)


def test_stars_given_are_a_rating(press):
    text = "Just went to the Tallowby book night and wow. Would give it 6 stars if I could!"
    assert "disclosure.insider_review" in rules(text, X_PERSONAL, press)


@pytest.mark.parametrize("text", [
    "Congrats to our quiz winner Ana! Ana, we'll ring you on +34 655 120 884 tomorrow",
    "Lovely to see you all at Sam's leaving do! Left a coat? It's at her house now: "
    "9 Orchard Close, Guildford GU2 7LP",
])
def test_the_readers_number_and_someones_house_are_private(text, press):
    found = rules(text, BRAND, press)
    assert found & {"privacy.phone", "privacy.address"}


@pytest.mark.parametrize("text", [
    "Estamos hasta los cojones de que nos dejen basura en la puerta de la tienda",
    "Ai commentatori che non leggono l'articolo: siete degli idioti.",
    "Quelle bande d'incapables à la mairie, trois mois pour répondre",
    "@troll_99 keep harassing our volunteers and see what happens to you",
    "Wer unsere Ehrenamtlichen noch einmal anschreit, der kann was erleben",
])
def test_more_conduct_on_the_brand_account(text, press):
    assert rules(text, BRAND, press) & {"conduct.profanity", "conduct.insult"}


@pytest.mark.parametrize("text", [
    "Atleti were robbed and I'm going to drown my sorrows with the lads tonight 🍺",
    "My toddler refused to sleep until 2am, running on fumes, send help",
    "Stasera aperitivo e poi discoteca, domani nessuno mi sveglia 💃",
])
def test_more_personal_life_on_the_brand_account(text, press):
    assert "persona.personal_life" in rules(text, BRAND, press)
