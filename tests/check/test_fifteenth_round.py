"""Fifteenth round: a personal-life word that names a game's or a product's effect is no one's
private life; a customer's number the organisation rang is private even on its own account;
praise the same sentence takes back with a complaint is no ad. Examples of our own in six
languages, with the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import fired, policy_from

BRAND = CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)


@pytest.mark.parametrize("text", [
    "Patch notes: the Drunk debuff now wears off after 20 seconds",
    "Balance change: the Tipsy status no longer slows your mount",
    "El efecto Resaca ya no ralentiza a tu personaje",
    "La potion Ivresse double vos dégâts pendant 10 secondes",
    "Der Effekt Kater halbiert jetzt nur noch die Ausdauer",
    "L'effetto Sbornia ora dura la metà",
    "New emote: Hungover Goblin, free for every season-pass holder",
])
def test_a_word_that_names_a_games_effect_is_no_ones_night(text):
    assert "persona.personal_life" not in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "Full drunk mode after the launch party, see you Monday",
    "modo resaca activado después de la cena de empresa",
    "I was so drunk at the launch party, sorry for the typos",
    "Still hungover from the studio party, the status meeting can wait",
])
def test_a_night_out_told_with_the_same_words_still_warns(text):
    assert "persona.personal_life" in fired(text, WORK)


@pytest.mark.parametrize("text", [
    "@dana_k sorry we missed you! We tried calling 720.555.0143 twice about your refund",
    "@luis_mx le marcamos al +52 55 4123 9876 pero no contestó, ¿nos manda DM?",
    "Nous vous avons appelé au 06 41 27 83 90 sans succès, écrivez-nous en privé",
    "Wir haben Sie gestern unter 0171 2345678 angerufen, bitte melden Sie sich per DM",
    "@rita_p ligámos para o 912 345 678 mas não atendeu, pode mandar DM?",
    "@marco_b l'abbiamo chiamata al 347 123 4567 ma non ha risposto",
    "@kenji_r the number on his file is +33 6 52 19 84 07, can support call him back?",
])
def test_a_customers_number_the_brand_rang_is_private(text):
    assert "privacy.phone" in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "Questions about your booking? Call us at 720.555.0143, 7am to 10pm",
    "¿Dudas con tu reserva? Llámanos al +52 55 4123 9876",
    "Une question ? Appelez notre service client au 01 41 27 83 90",
])
def test_the_brands_own_line_stays_quiet(text):
    assert "privacy.phone" not in fired(text, BRAND)


PERSONAL = CheckTarget(Network.MASTODON, Persona.PERSONAL)


@pytest.fixture
def studio(tmp_path):
    return policy_from(tmp_path, 'version = 1\n[employer]\nname = "Lunaris Studios"\n'
                                 'aliases = ["Lunaris", "Shardfall"]\n')


@pytest.mark.parametrize("text", [
    "I love Shardfall but the new crafting UI is a step backwards for me",
    "Me encanta Shardfall pero la nueva interfaz es un paso atrás",
    "J'adore Shardfall mais le nouveau patch est une vraie déception",
    "Ich mag Shardfall, aber das neue Menü ist ein Rückschritt",
    "Adoro Shardfall ma la nuova mappa è un passo indietro",
])
def test_praise_taken_back_by_a_complaint_is_no_ad(text, studio):
    assert not fired(text, PERSONAL, studio) & {"persona.brand_promotion",
                                                "disclosure.missing"}


@pytest.mark.parametrize("text", [
    "I love Shardfall, the new crafting UI is brilliant, go play it",
    "The queue is terrible but Shardfall's new raid is the best thing out there. Go play it",
])
def test_praise_that_stands_still_asks_for_a_disclosure(text, studio):
    assert "persona.brand_promotion" in fired(text, PERSONAL, studio)


@pytest.mark.parametrize(("text", "account", "quiet"), [
    ("Two long reads for the train: https://www.example.org/features/2026/why-concert-tickets-"
     "price-like-airlines-and-why-it-feels-random and a coffee.", PERSONAL,
     {"persona.promotion", "disclosure.missing"}),
    ("Worth a read: https://news.example.com/2026/hangover-remedies-tested-by-scientists", WORK,
     {"persona.personal_life"}),
    ("Worth a read before the derby: https://sport.example.com/2026/why-fans-call-the-referee-an-idiot",
     BRAND, {"conduct.insult"}),
    ("Good piece on crowd safety: https://sport.example.com/2026/stop-the-bullshit-chants", BRAND,
     {"conduct.profanity"}),
])
def test_words_inside_a_link_are_an_address_not_the_draft_speaking(text, account, quiet):
    assert not fired(text, account) & quiet


@pytest.mark.parametrize(("text", "account", "loud"), [
    ("Ticket prices drop Friday, buy yours now: https://shop.example/sale", PERSONAL,
     "persona.promotion"),
    ("So hungover after the party, read this: https://news.example/2026/weekend", WORK,
     "persona.personal_life"),
])
def test_the_same_words_outside_the_link_still_count(text, account, loud):
    assert loud in fired(text, account)
