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
