"""The sixth round of general rules (fixing set orvelle, after its unseen figure was taken):
denying an ad is no disclosure, in any language, and beside a brand it reads as the endorsement
it denies; a label followed by any separator discloses; on the employer's own account, the
employer sponsoring what it names is its own news, and a role mailbox in any language is the
organisation's, not a person's.

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


@pytest.mark.parametrize("text", [
    "Tamsin Rail is proud to sponsor the Corvi Coffee barista championship again this year",
    "We are proud to sponsor Corvi Coffee's apprentice scheme for a fifth year",
    "Tamsin Rail sponsert die Corvi-Baristameisterschaft auch 2027",
    "Nous soutenons le championnat des baristas Corvi depuis cinq ans",
    "Tamsin Rail patrocina el campeonato de baristas de Corvi",
])
def test_the_brand_sponsoring_a_partner_is_its_own_news(text, rail):
    assert "disclosure.missing" not in rules(text, BRAND_ACCOUNT, rail)


@pytest.mark.parametrize("text", [
    "Corvi Coffee: two flat whites for the price of one in the buffet car, corvi.example",
    "Corvi supports your commute: 20% off every coffee this week at corvi.example",
])
def test_a_partners_offer_on_the_brand_account_still_needs_its_label(text, rail):
    assert "disclosure.missing" in rules(text, BRAND_ACCOUNT, rail)


@pytest.mark.parametrize("text", [
    "Phishing texts are going round: report them to fraude@tamsinrail.example",
    "Fahrgastrechte? Schreibt an kundenservice@tamsinrail.example",
    "Pour toute réclamation : reclamations@tamsinrail.example",
    "Perdiste algo en el tren? Escribe a contacto@tamsinrail.example",
])
def test_a_role_mailbox_on_the_brands_domain_is_public(text, rail):
    assert "privacy.email" not in rules(text, BRAND_ACCOUNT, rail)


def test_a_persons_mailbox_is_still_private(rail):
    assert "privacy.email" in rules("Lost property: ask anna.berg@gmail.com, she has the bag",
                                    BRAND_ACCOUNT, rail)


@pytest.mark.parametrize("text", [
    "Orders are open for my hand-painted mugs, DM me for the colours",
    "Pedidos abiertos para roscones de Reyes, escríbeme por privado",
    "Commandes ouvertes pour les bûches de Noël, MP moi",
    "Few spots left in Saturday's sourdough workshop, DM me 🍞",
    "Two tickets for the Lyon gig, 45€ l'une, écrivez-moi",
    "Gli ultimi 5 maglioni, 30€ l'uno, chi li vuole?",
    "Use my code parrain for 15€ off your first basket",
    "Mein Empfehlungscode gibt euch 10 € auf die erste Bestellung",
])
def test_selling_by_its_shape_in_any_language(text, rail):
    assert "persona.promotion" in rules(text, X_PERSONAL, rail)


@pytest.mark.parametrize("text", [
    "Few spots left on the coach to the match, text me if you need a lift",
    "Orders are open? The canteen finally fixed its app",
    "Two tickets came in the post today, the gig is in March",
])
def test_places_and_orders_that_are_not_for_sale_stay_quiet(text, rail):
    assert "persona.promotion" not in rules(text, X_PERSONAL, rail)


WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)


@pytest.mark.parametrize("text", [
    "Two faint lines on the test this morning and I can't think about slides",
    "Erst vorgestern aus der Entzugsklinik raus, heute wieder im Büro",
    "Un mes desde que salí del centro de rehabilitación",
    "We're separating after nine years; thanks for the kind messages",
    "Wir trennen uns. Ich sage es hier, weil viele von euch uns beide kennen",
])
def test_personal_life_said_around_the_word(text, rail):
    assert "persona.personal_life" in rules(text, WORK, rail)


@pytest.mark.parametrize("text", [
    "The clinic's report lists two lines of enquiry for next year",
    "Our rehab unit reopens after the refurbishment on Monday",
    "Congratulations to the Kestrel team on their separation of the two datasets",
])
def test_the_same_words_at_work_stay_quiet(text, rail):
    assert "persona.personal_life" not in rules(text, WORK, rail)


def test_being_back_does_not_excuse_a_partners_offer(rail):
    assert "disclosure.missing" in rules(
        "We're back! Corvi Coffee: two flat whites for one at corvi.example", BRAND_ACCOUNT, rail)
