"""Twenty-first round: what the unseen sets of a magazine publisher, a solar installer, a mutual
bank, a mobile carrier and an animal charity showed the check missing (read after their
untouched and end figures were taken), made general. Examples of our own in six languages,
each beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import fired, policy_from

BRAND = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)

PACK = """version = 1
[employer]
name = "Brindle Telecom"
aliases = ["Brindle", "Brindle Fibre"]
domains = ["brindle.example"]
[[partners]]
name = "Caravel Phones"
aliases = ["Caravel"]
[confidential]
terms = ["Project Kestrel"]
"""


@pytest.fixture
def carrier(tmp_path):
    return policy_from(tmp_path, PACK)


# --- 1. a brand's name disguised on a personal account is promotion ---------------------------

@pytest.mark.parametrize("text", [
    "B r i n d l e  fibre at home now, that's all I'm saying",        # letters spaced apart
    "br1ndl3 in the new flat, finally",                                # digits for letters
    "Вrindle came round today to fit the router",                      # a Cyrillic В
    "Ｂｒｉｎｄｌｅ Ｆｉｂｒｅ tonight, streaming three films at once",  # full-width letters
    "Esta semana me pasé a B.r.i.n.d.l.e, ya os contaré",               # dots between letters
    "Neues Handy von C a r a v e l, mal sehen wie lange der Akku hält",  # a partner, spaced
    "Brin\u200bdle a casa dei miei, finalmente",                      # an invisible character
])
def test_a_disguised_brand_on_a_personal_account_is_promotion(text, carrier):
    rules = fired(text, PERSONAL, carrier)
    assert {"persona.brand_promotion", "disclosure.missing"} <= rules, rules


@pytest.mark.parametrize("text", [
    # the same mentions typed plainly stay a note
    "Brindle fibre at home now, that's all I'm saying",
    "Brindle came round today to fit the router",
    "Neues Handy von Caravel, mal sehen wie lange der Akku hält",
])
def test_the_same_mention_typed_plainly_stays_a_note(text, carrier):
    assert not {"persona.brand_promotion", "disclosure.missing"} & fired(text, PERSONAL, carrier)


def test_a_disguised_brand_on_the_work_account_is_no_promotion_finding(carrier):
    rules = fired("B r i n d l e fibre: faster uploads from Monday", WORK, carrier)
    assert not {"persona.brand_promotion", "disclosure.missing"} & rules, rules


# --- 2. praise in slang and recommendation in a word, beside a brand ---------------------------

@pytest.mark.parametrize("text", [
    "Brindle engineers, absolute legends, fibre fitted in an hour",
    "Franchement Brindle c'est le top, installé en une matinée",
    "Los técnicos de Brindle, unos cracks, todo listo antes de comer",
    "Caravel phones never miss? This one never misses, battery for days",
    "A instalação da Brindle foi impecável, do início ao fim",
])
def test_slang_praise_of_a_brand_is_an_endorsement(text, carrier):
    assert {"persona.brand_promotion", "disclosure.missing"} <= fired(text, PERSONAL, carrier)


@pytest.mark.parametrize("text", [
    "Fibra de Brindle en casa, 100% recomendado",
    "Il nuovo Caravel è consigliatissimo, batteria infinita",
    "Brindle Fibre: klare Kaufempfehlung von mir",
    "Brindle pour la fibre ? Allez-y les yeux fermés",
])
def test_a_recommendation_in_one_word_is_an_insider_review(text, carrier):
    assert "disclosure.insider_review" in fired(text, PERSONAL, carrier)


@pytest.mark.parametrize("text", [
    # the same words of something else, or of no brand
    "My sister's wedding was impeccable, the caterers were absolute legends",
    "Ce restaurant près du bureau, c'est le top",
    "Recomendado por mi médico: caminar treinta minutos al día",
    "Brindle came round to fix the line. The engineer said the old socket was the problem",
])
def test_the_same_words_without_a_brand_praised_stay_quiet(text, carrier):
    rules = fired(text, PERSONAL, carrier)
    assert not {"persona.brand_promotion", "disclosure.missing",
                "disclosure.insider_review"} & rules, rules


# --- 3. one's own trade sold on a work account --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Also, I tutor maths on Saturday mornings: two spots left for spring, DMs open",
    "Side quest: I restore old road bikes, three ready to ride, price on request: DM me for rates",
    "Los sábados hago pasteles por encargo, pedidme presupuesto por privado",
    "Mes bougies parfumées maison sont en vente, précommandez en MP",
    "Feierabendprojekt: Holzspielzeug für Kinder, zwei Sets zum Verkauf",
    "My brass quartet is playing the Old Exchange on Friday, £10 on the door",
])
def test_ones_own_trade_sold_on_a_work_account_is_promotion(text, carrier):
    assert "persona.promotion" in fired(text, WORK, carrier)


@pytest.mark.parametrize("text", [
    # the employer's own offers, or the job, with the same selling words
    "Two spots left on our Brindle onboarding workshop, DM me for the link",
    "Our fibre team is hiring: DMs open if you want to hear what the job is like",
    "I build the dashboards our support team uses every day. Slides in the comments",
])
def test_the_employers_offers_and_the_job_stay_quiet(text, carrier):
    assert "persona.promotion" not in fired(text, WORK, carrier)


# --- 4. words of private life or swearing in another sense, on the brand's account -------------

@pytest.mark.parametrize("text", [
    "Dating back to 1921, our first exchange still stands on Quay Street",
    "Office politics kills more projects than budgets do. Culture first.",
    "Our readers voted for a tiny café in Whitby as the best breakfast of the year",
    "Spotted dick with custard: our canteen's Friday pudding is back",
    "Moving house without the debt hangover: our guide to the true costs",
])
def test_a_word_of_private_life_or_swearing_in_another_sense_stays_quiet(text, carrier):
    rules = fired(text, BRAND, carrier)
    assert not {"persona.personal_life", "conduct.profanity"} & rules, rules


@pytest.mark.parametrize(("text", "rule"), [
    ("I voted for the Greens this morning, first time ever", "persona.personal_life"),
    ("Back on the dating apps after the divorce, wish me luck", "persona.personal_life"),
    ("What a dick that courier was today", "conduct.profanity"),
])
def test_the_same_words_of_ones_own_life_still_warn(text, rule, carrier):
    assert rule in fired(text, BRAND, carrier)


# --- 5. a tip, a guide or a lesson told to readers is not an attack ----------------------------

@pytest.mark.parametrize("text", [
    "Winter tip: check under the bonnet before you start the car, cats love a warm engine",
    "Father's Day guide: eight slow-cooker dinners so whoever cooks gets to watch the match",
    "Consejos para ahorrar en la factura: apaga el router cuando te vas de vacaciones",
    "Retour d'expérience : comment on a réduit de moitié les délais de réclamation",
])
def test_advice_to_readers_on_the_brand_account_is_not_an_attack(text, carrier):
    assert "conduct.insult" not in fired(text, BRAND, carrier)


@pytest.mark.parametrize("text", [
    "Pro tip: don't be an idiot and leave your router in the cupboard",
    "Tip for the customer who keyed our van: you absolute coward",
])
def test_advice_with_a_name_called_still_warns(text, carrier):
    assert "conduct.insult" in fired(text, BRAND, carrier)


# --- 6. a deal got as a shopper, told on a personal account ------------------------------------

@pytest.mark.parametrize("text", [
    "The chippy near us does two-for-one on Thursdays and I regret nothing",
    "Rebajas: me he comprado un abrigo con un 50% de descuento, por fin",
    "Picked up the kids' wellies for half price at the garden centre sale",
])
def test_a_deal_got_as_a_shopper_is_not_promotion(text, carrier):
    rules = fired(text, PERSONAL, carrier)
    assert not {"persona.promotion", "disclosure.missing"} & rules, rules


@pytest.mark.parametrize("text", [
    "Half price on all my prints this weekend, DM me",            # one's own things
    "Use code SPRING20 for 20% off at the garden centre",          # a code
    "Mention my name at the garage for 10% off your MOT",           # a referral
    "Our spring sale: 30% off all boots this weekend only",         # a sale of "ours"
])
def test_a_deal_that_is_ones_own_to_give_still_sells(text, carrier):
    assert "persona.promotion" in fired(text, PERSONAL, carrier)


# --- 7. a job offered on one's own work account is the employer's news ------------------------

@pytest.mark.parametrize("text", [
    "I'm looking for a network engineer to join my team in Valencia. Hybrid, permanent.",
    "Looking for a sales manager for our business customers in Leeds. "
    "Details: brindle.example/careers",
    "Hiring: two field technicians to join my team. Apply via brindle.example/jobs",
])
def test_a_job_offered_on_ones_work_account_needs_no_disclosure(text, carrier):
    rules = fired(text, WORK, carrier)
    assert not {"disclosure.missing", "persona.promotion"} & rules, rules


def test_a_team_to_join_for_money_is_still_recruiting(carrier):
    rules = fired("Join my team and earn from home, be your own boss! DM me", WORK, carrier)
    assert "persona.promotion" in rules, rules
