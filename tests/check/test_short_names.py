"""The employer called by its short name: a pack that lists only "Pika Air" still knows the
employer in "flew Pika again" (fifteenth round). The short name counts only where it is
written with a capital, as a name is, so the animal, the word or the plant stays nobody's ad."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.compiled import short_name
from app.check.policy import Policy, load_policy_file
from app.core.model import CheckTarget, Network, Persona
from tests.check.rounds import fired

X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)


@pytest.fixture
def airline(tmp_path: Path) -> Policy:
    path = tmp_path / "airline.toml"
    path.write_text('version = 1\n[employer]\nname = "Pika Air"\n'
                    'domains = ["flypika.example"]\n'
                    '[[partners]]\nname = "Banque Orvelle"\n', encoding="utf-8")
    return load_policy_file(path)


@pytest.mark.parametrize(("name", "short"), [
    ("Pika Air", "Pika"), ("Kelvary Bank", "Kelvary"), ("Lunargent Studios", "Lunargent"),
    ("Corbel Media", "Corbel"), ("Acme Magazine", "Acme"), ("Banque Orvelle", "Orvelle"),
    ("Maison Ondine", "Ondine"), ("Wyvern Energy Ltd.", None), ("Velvet Fork Coffee", None),
    ("Harbor & Pine", None), ("Nimbus Gear", None), ("@pikaair", None), ("Pika", None),
])
def test_a_short_name_is_the_distinctive_word_of_an_organisation_name(name, short):
    assert short_name(name) == short


@pytest.mark.parametrize("text", [
    "Primera vez que vuelo con Pika y wow: puntuales, amables y baratísimos. ¡10 de 10!",
    "Pika's new app is the best one out there, go download it",
    "Honestly Orvelle has the best savings account in France, 5 stars",
])
def test_praise_of_the_employer_or_a_partner_by_its_short_name_asks_for_a_disclosure(
        text, airline):
    assert {"persona.brand_promotion"} <= fired(text, X_PERSONAL, airline)
    assert fired(text, X_PERSONAL, airline) & {"disclosure.missing", "disclosure.insider_review"}


@pytest.mark.parametrize("text", [
    "saw a pika on the trail this morning, 10/10 cutest animal alive",
    "Flying Pika to Denver tonight for my sister's wedding",
])
def test_the_word_in_lower_case_or_a_trip_told_plainly_is_no_ad(text, airline):
    assert not fired(text, X_PERSONAL, airline) & {"persona.brand_promotion",
                                                   "disclosure.missing",
                                                   "disclosure.insider_review"}


def test_the_job_said_with_the_short_name_states_the_tie(airline):
    rules = fired("I work at Pika, and our new app is the best one out there. Go try it",
                  X_PERSONAL, airline)
    assert not rules & {"disclosure.missing", "disclosure.insider_review"}
