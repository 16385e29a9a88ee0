"""Eighteenth round: what the unseen set of a pub chain showed the check missing (read after its
untouched figures were taken), made general. Examples of our own in six languages, each beside
the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import findings, fired, policy_from

BRAND = CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
PERSONAL = CheckTarget(Network.INSTAGRAM, Persona.PERSONAL)

PACK = """version = 1
[employer]
name = "Brindle Arms"
aliases = ["Brindle"]
domains = ["brindle.example"]
[[partners]]
name = "Orchard Lane Cider"
aliases = ["Orchard Lane", "@orchardlane"]
[[partners]]
name = "Saltmarsh Snacks"
aliases = ["Saltmarsh"]
[confidential]
terms = ["Project Heron", "Vault 7"]
"""


@pytest.fixture
def pub(tmp_path):
    return policy_from(tmp_path, PACK)


# --- 1. one's own shop, and a team to join for money, on a work account --------------------------

@pytest.mark.parametrize("text", [
    "Besides the day job I run a small soap business, Lather & Co. 20% off this week with code "
    "LATHER20!",
    "Je lance ma petite marque de bijoux ✨ -10 % avec le code ETOILE, lien en bio",
    "Ho aperto il mio negozio online di candele! Sconto del 15% col codice LUCE",
    "Ich habe meinen kleinen Onlineshop eröffnet, 10 % Rabatt mit dem Code START10",
    "Abri a minha loja de cerâmica 🏺 10% de desconto com o cupom BARRO10",
])
def test_ones_own_shop_with_a_code_is_a_sale_on_a_work_account(text, pub):
    assert "persona.promotion" in fired(text, WORK, pub)


@pytest.mark.parametrize("text", [
    "Want to make an extra £800 a month from your phone? I'm building a team, DM me 'START'.",
    "¿Quieres ganar dinero extra? Busco gente para mi equipo, escríbeme por privado.",
    "Quem quer uma renda extra? Tô montando equipe, chama no direct.",
])
def test_a_team_to_join_for_money_is_a_pitch_on_a_work_account(text, pub):
    assert "persona.promotion" in fired(text, WORK, pub)


@pytest.mark.parametrize("text", [
    "We're building a team of 12 engineers in Leeds; 20% of the roles are remote.",
    "I run a team of nine at Brindle and we hit 15% growth this quarter.",
    "Our new store opens Monday with 10% off for the first week.",
])
def test_the_employers_team_and_news_are_not_a_side_business(text, pub):
    assert "persona.promotion" not in fired(text, WORK, pub)


# --- 2. a giveaway, a table to book, thanks promised ---------------------------------------------

@pytest.mark.parametrize("text", [
    "Giveaway time!! Win a meal for two at the Brindle Arms: follow us and tag a mate. Ends Friday",
    "Cosy new snug at the Brindle in York. Book a table and see for yourself → brindle.example",
    "No digo nada, pero el asado de Brindle es otro nivel, luego me lo agradecéis",
    "Só digo que o assado do Brindle é outro nível, depois me agradeçam",
])
def test_a_giveaway_a_booking_or_thanks_promised_sells_on_a_personal_account(text, pub):
    assert "persona.promotion" in fired(text, PERSONAL, pub)


@pytest.mark.parametrize("text", [
    "That look on his face was a dead giveaway, he'd eaten the last of the cake",
    "Ticket raised, the team will get on it.",
    "I still cry about it, honestly",
])
def test_everyday_words_that_look_like_a_pitch_stay_quiet(text):
    assert "persona.promotion" not in fired(text, PERSONAL)
    assert "conduct.insult" not in fired(text, PERSONAL)


def test_a_price_for_the_employers_offer_with_get_on_it_is_promotion(pub):
    result = fired("Pie and a pint of Brindle Best for £12 at any Brindle this week, get on it 🙌",
                   PERSONAL, pub)
    assert {"persona.brand_promotion", "persona.promotion", "disclosure.missing"} <= result


# --- 3. a partner thanked for what it sent -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Thanks Orchard Lane for the bottles, the perry is gorgeous",
    "Merci Orchard Lane pour le colis 🍏 le cidre rosé est top !",
    "Grazie Saltmarsh per il pacco, le patatine al rosmarino sono spettacolari",
    "Danke an Saltmarsh für das Paket, die Chips sind der Wahnsinn",
    "Obrigada à Orchard Lane pelos mimos 🍏",
])
def test_a_gift_thanked_for_is_no_clear_label(text, pub):
    result = findings(text, PERSONAL, pub)
    assert result["disclosure.unclear"].severity.value == "block"
    assert "persona.brand_promotion" in fired(text, PERSONAL, pub)


def test_a_gift_labelled_as_an_ad_is_fine(pub):
    assert "disclosure.unclear" not in fired(
        "#ad Thanks Orchard Lane for the bottles, the perry is gorgeous", PERSONAL, pub)


def test_thanks_for_something_not_sent_is_not_read_as_a_gift(pub):
    result = findings("Great chat with Orchard Lane at the trade fair, thanks for the tips",
                      PERSONAL, pub)
    assert "for what it sent" not in getattr(result.get("disclosure.unclear"), "message", "")


def test_a_vague_label_beside_a_verdict_is_unclear_not_a_review(pub):
    text = "Huge thanks to Saltmarsh, the sea salt crisps are elite. #collab"
    result = fired(text, PERSONAL, pub)
    assert "disclosure.unclear" in result
    assert "disclosure.insider_review" not in result


# --- 4. the customer told off without a swear word ----------------------------------------------

@pytest.mark.parametrize("text", [
    "@jo_b if you can't cope with a 15 minute wait on a Saturday maybe stay at home mate.",
    "@markyboy nobody asked for your moaning",
    "@kez imagine being this much of a crybaby over a cold chip 💀 cry about it",
    "Anyone who shops there needs their head examined.",
])
def test_a_customer_told_off_is_an_insult_on_the_brand_account(text):
    assert "conduct.insult" in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "If you can't wait for the table, we'll text you when it's ready.",
    "Nobody asked for a refund, they just wanted the chips hot. Fair enough!",
    "We'll get on it first thing tomorrow, sorry again.",
])
def test_the_care_voice_stays_clean(text):
    assert "conduct.insult" not in fired(text, BRAND)


# --- 5. health, hangovers and politics said indirectly on a work account -------------------------

@pytest.mark.parametrize("text", [
    "Quiet on here lately: a lot of hospital car parks and not much sleep. Better now.",
    "Anyone else been waiting 30 weeks for an autism assessment? Asking for me.",
    "Drei Wochen raus gewesen. Burnout, Klinik, alles. Jetzt geht's wieder.",
    "Semanas entre consultas e exames. Ainda sem diagnóstico.",
    "Noche larga ayer, hoy café y ibuprofeno 😵",
    "Anyone who votes for that lot needs their head examined.",
])
def test_personal_life_said_indirectly_is_personal(text):
    assert "persona.personal_life" in fired(text, WORK)


@pytest.mark.parametrize("text", [
    "Families waiting for an ADHD assessment can now book through the app.",
    "The rehab of the Victoria Hall is finished and it reopens on Monday.",
    "Our coffee and pastry offer runs all week.",
])
def test_the_organisations_own_subjects_stay_work(text):
    target = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
    assert "persona.personal_life" not in fired(text, target)
