"""Twenty-ninth round: what the thirteenth wave of unseen sets (a mountain resort operator, a
publisher of county magazines and podcasts, a municipal utility, a chain of opticians and
hearing-aid centres, a chain of language academies) showed the check missing or raising
wrongly, read after their untouched and end figures were taken, made general. Examples of our
own in six languages, each beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import CORRANDEL_PACK, fired, policy_from

BRAND = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
PERSONAL = CheckTarget(Network.FACEBOOK, Persona.PERSONAL)


@pytest.fixture
def water(tmp_path):
    return policy_from(tmp_path, CORRANDEL_PACK)


# --- 1. a staff member's own praise of the brand is an insider testimonial -----------------------

@pytest.mark.parametrize("text", [
    "Brookline Pure in my bottle every day, honestly the best water around here.",
    "Las jarras de Osterling: las uso con mis sobrinos y funcionan genial ✨",
    "J'ai testé la gourde Fennick Tap tout l'été : parfaite, rien à dire.",
    "Osterling ist mein Lieblingsfilter, seit Jahren.",
    "Corrandel's tap-refill app is worth it for the leak alerts alone.",
])
def test_staff_praise_of_the_brand_left_unsaid_is_an_insider_review(water, text):
    assert {"disclosure.insider_review", "disclosure.missing"} <= fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    # the tie said up front: a disclosed endorsement, no insider review
    "I work at Corrandel: Brookline Pure in my bottle every day, honestly the best water around.",
    # the brand named without praise
    "Brookline Pure delivery came a day late again this week.",
])
def test_praise_with_the_tie_said_or_no_praise_is_no_insider_review(water, text):
    assert "disclosure.insider_review" not in fired(text, PERSONAL, water)


# --- 2. praise and calls with no sales word: the best of one's life, "you have to go", a tip ----

@pytest.mark.parametrize("text", [
    "Brookline Pure tasting at the fair and honestly? unreal. best water of my life",
    "Beste Trinkflasche überhaupt, die von Fennick Tap 💧",
    "Los filtros de Osterling son lo más top que hay.",
    "Still can't get over how good the new Osterling jug is.",
    "Genuinely the only thing that got me through the heatwave was Brookline Pure.",
    "Corrandel refill station by the park: se passate da Leeds dovete venire!",
    "Free water checks at the Corrandel van on Saturday, spread the word!",
    "Pro tip: the Corrandel refill point at the station is never busy before 8.",
    "Qui veut 15 % sur sa gourde Fennick Tap ? Mon code parrainage LEA15 🙌",
])
def test_praise_calls_and_tips_beside_the_brand_are_promotion(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    # a tip or a call with no brand sells nobody's product
    "Pro tip: the student discount at the cinema works until you're 27.",
    "You guys have to go to the lantern festival this weekend, it's magic.",
    # the best day or decision of one's life is not a product's praise
    "Leaving Corrandel for a year of travel was the best decision of my life.",
])
def test_the_same_shapes_without_a_product_praised_stay_quiet(water, text):
    assert not {"persona.brand_promotion", "persona.promotion"} & fired(text, PERSONAL, water)
