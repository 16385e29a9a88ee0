"""The seventh round of general rules (fixing set azurine, after its unseen figure was taken):
a person's own line on a brand account is private whoever is named; a percentage after a dash
that counts a rise is no discount; German swear compounds, "a$$hat" and scornful name-calling;
a codename with its generic word after the name; a ranking given as one's verdict is a review;
prices said to be at their lowest and "you know where to find me" sell.

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
LINKEDIN_PERSONAL = CheckTarget(Network.LINKEDIN, Persona.PERSONAL)
BRAND_ACCOUNT = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)

PACK = """\
version = 1
[employer]
name = "Quillon Ferries"
aliases = ["Quillon", "Quillon Pass"]
domains = ["quillon.example"]
[[partners]]
name = "Marrow Tea"
aliases = ["Marrow"]
domains = ["marrow.example"]
[disclosure]
region = "us"
accepted = ["#ad", "#employee"]
[confidential]
terms = ["Project Heron", "Tern 4"]
"""


@pytest.fixture
def ferries(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "quillon.toml")




@pytest.mark.parametrize("text", [
    "Found a passport on the 9:40 crossing. The owner can text me directly on 07700 900123",
    "Lost a scarf on deck? Ask Priya in the kiosk, or on her cell, 646 555 0147",
    "Passenger Mr Okafor's daughter is looking for him, call his wife at +44 7700 900456",
    "Reach our purser Tom on his mobile: two oh seven, 946 0123, before 6pm",
    "¿Perdiste la maleta? Llámame al 612 345 678 y te la guardo",
])
def test_a_persons_own_line_on_the_brand_account_is_private(text, ferries):
    assert "privacy.phone" in rules(text, BRAND_ACCOUNT, ferries)


@pytest.mark.parametrize("text", [
    "Timetable questions? Call us on 0345 600 7788, 7am to 10pm",
    "Lost property desk: reach our team at 0345 600 7789, any day",
    "Group bookings: contact the sales office on +44 20 7946 0958",
])
def test_the_organisations_own_line_stays_public(text, ferries):
    assert "privacy.phone" not in rules(text, BRAND_ACCOUNT, ferries)


@pytest.mark.parametrize("text", [
    "Unser Team hat abgeliefert – 18 % mehr Buchungen als im Vorjahr. Danke!",
    "Un trimestre record – 12 % de plus de passagers sur la ligne du nord",
    "Best quarter yet - 15% more crossings booked through the app",
    "Gran verano – 20 % más de viajeros que en 2025",
])
def test_a_dash_before_a_rise_is_no_discount(text, ferries):
    assert not rules(text, WORK_SELF, ferries) & {"disclosure.missing", "persona.promotion",
                                                  "persona.brand_promotion"}


def test_a_dash_before_a_cut_is_still_a_discount(ferries):
    found = rules("Quillon Pass weekend: -25% on every crossing, book now", X_PERSONAL, ferries)
    assert found & {"persona.brand_promotion", "disclosure.missing"}


@pytest.mark.parametrize("text", [
    "Was für ein Scheißwetter, alle Fähren bis morgen gestrichen",
    "Scheissjob heute an der Kasse, ehrlich",
    "Kackwetter, Kackfahrplan, Kacktag",
    "the a$$hats who cut the queue at gate 3 this morning",
    "Total asshats in the car deck again",
])
def test_swear_compounds_and_masked_swearing_on_work_accounts(text, ferries):
    assert "conduct.profanity" in rules(text, BRAND_ACCOUNT, ferries)


@pytest.mark.parametrize("text", [
    "To whoever left the cabin like that: you're a filthy slob",
    "You are an entitled brat and the crew owes you nothing",
    "you're a spoiled little freeloader",
    "Passengers who throw bins overboard are disgusting slobs",
])
def test_name_calling_with_a_scornful_adjective(text, ferries):
    assert "conduct.insult" in rules(text, BRAND_ACCOUNT, ferries)


@pytest.mark.parametrize("text", [
    "You're a legend, thank you for finding my bag",
    "you're a little early, boarding starts at 3",
    "Die Scheibenwischer der Fähre glänzen wieder",
    "Kakaobohnen aus Ghana für das Bordcafé",
])
def test_praise_and_lookalike_words_stay_quiet(text, ferries):
    assert not rules(text, BRAND_ACCOUNT, ferries) & {"conduct.profanity", "conduct.insult"}


@pytest.mark.parametrize("text", [
    "the heron project is finally moving, more soon (typed on my phone, no caps)",
    "Das Heron-Projekt startet im Frühjahr",
    "Honestly the Heron project is my whole life right now",
])
def test_a_codename_with_its_generic_word_after_it(text, ferries):
    assert "confidential.term" in rules(text, X_PERSONAL, ferries)


@pytest.mark.parametrize("text", [
    "saw a heron by the project office this morning",
    "A grey heron on the pier, what a project to photograph",
    "Our heron project with the primary school got its funding",
])
def test_the_name_beside_other_words_stays_quiet(text, ferries):
    assert "confidential.term" not in rules(text, X_PERSONAL, ferries)


@pytest.mark.parametrize("text", [
    "My ranking of Channel ferry passes: 1. Quillon Pass. Nothing else comes close",
    "Ferry apps, ranked: Quillon first, the rest aren't even close",
    "Mi ranking de navieras: Quillon Ferries, sin duda. No tiene rival",
])
def test_a_ranking_by_staff_is_a_review(text, ferries):
    assert "disclosure.insider_review" in rules(text, LINKEDIN_PERSONAL, ferries)


def test_a_ranking_with_the_connection_said_is_fine(ferries):
    text = "#employee My ranking of Channel ferry passes: 1. Quillon Pass, nothing comes close"
    assert not rules(text, LINKEDIN_PERSONAL, ferries) & {"disclosure.insider_review",
                                                          "disclosure.missing"}


@pytest.mark.parametrize("text", [
    "Psst: Quillon's winter fares are the lowest they've been in years. You know where to "
    "find me 😉",
    "Quillon Pass prices have never been lower, hit me up",
])
def test_lowest_prices_and_come_to_me_sell(text, ferries):
    assert rules(text, X_PERSONAL, ferries) & {"persona.brand_promotion", "disclosure.missing"}


def test_where_to_find_me_without_a_sale_stays_quiet(ferries):
    text = "Long week on the Quillon night shift. You know where to find me: asleep"
    assert not rules(text, X_PERSONAL, ferries) & {"persona.brand_promotion",
                                                   "disclosure.missing", "persona.promotion"}
