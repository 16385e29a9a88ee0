"""Denying an ad is no disclosure, in any language, and beside a brand it reads as the
endorsement it denies; a label followed by any separator discloses.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.engine import check_draft
from app.check.policy import Policy, load_policy_file
from app.core.model import CheckTarget, Network, Owner, Persona

X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)
BRAND_ACCOUNT = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)

PACK = """\
version = 1
[employer]
name = "Tamsin Rail"
aliases = ["Tamsin"]
domains = ["tamsinrail.example"]
[[partners]]
name = "Corvi Coffee"
aliases = ["Corvi"]
domains = ["corvi.example"]
[disclosure]
region = "de"
accepted = ["#ad", "#Werbung", "#employee"]
"""


@pytest.fixture
def rail(tmp_path: Path) -> Policy:
    path = tmp_path / "tamsin.toml"
    path.write_text(PACK, encoding="utf-8")
    return load_policy_file(path)


def rules(text, target, policy):
    return {f.rule for f in check_draft(text, target, policy=policy).findings
            if f.severity.value in ("warn", "block")}


@pytest.mark.parametrize("text", [
    "Not an ad, I just love the Corvi oat flat white on the morning train",
    "This isn't sponsored: Tamsin's new night train is the comfiest way to Vienna",
    "Keine Werbung, aber der Corvi-Kaffee im Speisewagen ist einfach gut",
    "Ce n'est pas une pub, mais le café Corvi du wagon-bar est excellent",
    "No es publi: el tren nocturno de Tamsin es lo mejor que hay",
    "Non è una pubblicità, ma il caffè Corvi sul treno è ottimo",
    "Não é publi, mas o café Corvi no comboio é ótimo",
    "Werbung? Nein! Ich finde den Corvi-Kaffee einfach gut",
])
def test_a_denied_ad_beside_a_brand_needs_a_disclosure(text, rail):
    found = rules(text, X_PERSONAL, rail)
    assert "disclosure.missing" in found or "disclosure.insider_review" in found, found


@pytest.mark.parametrize("text", [
    "This is not an ad, just a photo of my cat",
    "Keine Werbung im Briefkasten bitte, danke",
    "No es publi, es solo mi perro dormido",
    "Not sponsored, not paid, just a long walk in the rain",
])
def test_a_denial_with_no_brand_is_nothing(text, rail):
    assert not rules(text, X_PERSONAL, rail) & {"disclosure.missing", "persona.promotion",
                                                "persona.brand_promotion"}


@pytest.mark.parametrize("text", [
    "Werbung · Mit Corvi Coffee: zwei Kaffee zum Preis von einem im Speisewagen, corvi.example",
    "Werbung | Mit Corvi Coffee: zwei Kaffee zum Preis von einem im Speisewagen, corvi.example",
    "Werbung – mit Corvi Coffee: zwei Kaffee zum Preis von einem, corvi.example",
    "Werbung: mit Corvi Coffee: zwei Kaffee zum Preis von einem, corvi.example",
])
def test_a_label_before_any_separator_discloses(text, rail):
    assert "disclosure.missing" not in rules(text, BRAND_ACCOUNT, rail)
