"""Thirty-first round: what the fifteenth wave of unseen sets (a coworking operator, an aquarium
operator, a funeral-home chain, a regional press group, a locksmith chain) showed the check
missing or raising wrongly, read after their untouched and end figures were taken, made
general. Examples of our own in six languages, each beside the near misses that must stay as
they were."""

from __future__ import annotations

import pytest

from tests.check.rounds import BRAND, PERSONAL, WORK, fired

# --- 1. the brand's own web address written out is a link to buy ---------------------------------

@pytest.mark.parametrize("text", [
    "Die neuen Wasserfilter von Osterling sind top. Bestellbar über osterling.example",
    "Brookline Pure in the glass bottle is back, corrandel.example has it",
    "Agua Brookline Pure, la mejor del norte 💧 corrandel.example",
])
def test_the_brands_address_written_out_sells_like_a_link(water, text):
    assert {"persona.brand_promotion", "persona.promotion"} <= fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    # the address inside an e-mail is how to reach someone, not a shop
    "Brookline Pure leaked all over my bag, wrote to care@corrandel.example about it",
    # a mention with no cue at all: no finding to add a pitch to
    "Drank a Brookline Pure on the train this morning.",
])
def test_an_email_or_a_mention_is_no_pitch(water, text):
    assert "persona.promotion" not in fired(text, PERSONAL, water)


# --- 2. a pitch naming no brand and hinting at no tie needs no disclosure warning ---------------

@pytest.mark.parametrize("text", [
    "Back to knitting baby blankets, £25 each, DM me to order 🧶",
    "Hago tartas por encargo para cumpleaños, desde 30 €, escribidme por privado",
    "Je refais des bijoux en perles, 15 € pièce, commandes en MP ✨",
])
def test_ones_own_trade_sold_is_a_pitch_without_a_disclosure_warning(text):
    rules = fired(text, PERSONAL)
    assert "persona.promotion" in rules
    assert "disclosure.missing" not in rules


@pytest.mark.parametrize("text", [
    "Switch your energy with my referral link and we both get £50, DM me 💸",
    "Giro in bici stamattina 🚴 c'è il mio codice in bio per lo sconto del 20%",
    "Not saying where I work 🤐 but the winter sale there is 40% off everything, go go go",
    "Mega deal on headphones, 50% off today only: amzn.to/3xYz12",
])
def test_a_pitch_that_hints_at_a_tie_still_asks_for_the_disclosure(text):
    assert "disclosure.missing" in fired(text, PERSONAL)


# --- 3. a deal the writer got, told with a word between, and a price the writer paid ----------

@pytest.mark.parametrize("text", [
    "Saldi: ho finalmente comprato le scarpe che volevo, al 50% in meno 🥳",
    "I finally bought the good headphones, 40% off in the January sale",
    "Les soldes : je me suis ruiné, -40 % sur les vinyles 😅",
    "Old enamel mugs on my shelf, thrifted for £2 each",
    "Estas sillas de terraza, compradas por 10 € cada una en el rastro 😍",
])
def test_a_deal_the_writer_got_is_no_pitch(text):
    assert "persona.promotion" not in fired(text, PERSONAL)


@pytest.mark.parametrize("text", [
    "Old enamel mugs, £2 each, DM me if you want one",
    "Zapatillas nuevas al 50% en mi tienda online, ¡escribidme!",
])
def test_a_price_offered_still_sells(text):
    assert "persona.promotion" in fired(text, PERSONAL)


# --- 4. the young, births and birthdays of animals no one keeps at home, on the brand's account -

@pytest.mark.parametrize("text", [
    "Our flamingo dad is sitting on the egg! Baby due any day now 🦩",
    "It's a boy! 🦭 Our seal pup arrived on Sunday, mum and baby doing great",
    "Birthday party for Rocco the sea lion 🎉 he's 25 today!",
])
def test_animals_in_the_organisations_care_are_not_private_life(text):
    assert "persona.personal_life" not in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    # the writer's own baby beside the day's feeding time
    "Three hours' sleep, the baby's teething again 😴 anyway, penguin talk at 2!",
    # a colleague's news told beside the animals
    "Big news: Sam from the otter team is pregnant with twins! 🦦",
])
def test_a_persons_life_beside_the_animals_still_warns(text):
    assert "persona.personal_life" in fired(text, BRAND)


# --- 5. a faith's people or buildings named as a subject of the work -----------------------------

@pytest.mark.parametrize("text", [
    "Correction: our piece on the flood misnamed the parish priest of St Anne's. Apologies.",
    "Demain j'interviewe un prêtre et un imam sur la banque alimentaire du quartier.",
    "Site visit: alarm systems for three listed churches in the old town.",
    "Gespräch mit dem Rabbiner? Nein: heute mit l'imam de la mosquée, pour notre dossier.",
])
def test_a_faiths_people_and_places_as_the_works_subject_stay_quiet(text):
    assert "persona.personal_life" not in fired(text, WORK)


@pytest.mark.parametrize("text", [
    "Off to church, back online at 2.",
    "My pastor gave a great sermon today about patience.",
    "Heading to the mosque for Friday prayers, back after lunch.",
    "Our church choir is singing tonight, come along!",
])
def test_ones_own_faith_still_warns(text):
    assert "persona.personal_life" in fired(text, WORK)


def test_teething_problems_of_a_new_system_are_not_a_baby():
    assert "persona.personal_life" not in fired(
        "New booking system is live! Some teething problems expected, bear with us.", WORK)
    assert "persona.personal_life" in fired("Our little one is teething, slow replies today.",
                                            WORK)


# --- 6. the polite "Sie" is no one's name ------------------------------------------------------

def test_the_polite_you_before_a_desks_mailbox_is_no_persons_contact(water):
    text = "Fragen zur Rechnung? Schreiben Sie an rechnung@corrandel.example, wir helfen gern."
    assert "privacy.email" not in fired(text, BRAND, water)


def test_a_named_person_after_the_polite_you_still_is(water):
    text = "Fragen zur Rechnung? Schreiben Sie an Jonas unter 0171 2345678."
    assert "privacy.phone" in fired(text, BRAND, water)
