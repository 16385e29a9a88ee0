"""Twenty-seventh round: what the eleventh wave of unseen sets (a pet-insurance and vet-clinic
company, a chain of opticians, a group of thermal spas, a mutual insurer and student bank, a
mobile and fibre carrier) showed the check missing or raising wrongly, read after their
untouched and end figures were taken, made general. Examples of our own in six languages, each
beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import fired, policy_from

BRAND = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
PERSONAL = CheckTarget(Network.FACEBOOK, Persona.PERSONAL)

PACK = """version = 1
[employer]
name = "Corrandel Water"
aliases = ["Corrandel", "Brookline Pure", "Fennick Tap", "@corrandel"]
domains = ["corrandel.example"]
[[partners]]
name = "Osterling Filters"
aliases = ["Osterling"]
domains = ["osterling.example"]
[confidential]
terms = ["Project Millrace"]
"""


@pytest.fixture
def water(tmp_path):
    return policy_from(tmp_path, PACK)


# --- 1. the brand ranked above its rivals in a named place ----------------------------------------

@pytest.mark.parametrize("text", [
    "Corrandel's help desk fixed my meter in five minutes. Best water company in Wales, fight me.",
    "The Brookline Pure refill station at sunrise. Loveliest spot in Cardiff 💧",
    "Los filtros Osterling son los mejores de Galicia, y punto",
    "Osterling : le meilleur filtre de Bretagne, sans discussion",
    "Brookline Pure ist das beste Wasser in Bayern, ehrlich",
])
def test_the_brand_ranked_first_in_a_place_is_promotion(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Corrandel's office is next to the best bakery in Cardiff, which explains a lot",
    "Shift at Corrandel, then the noisiest pub in Swansea with the lads",
    "Corrandel a fermé pour la journée. La meilleure journée de ma semaine.",
])
def test_a_ranking_of_something_else_beside_the_brand_stays_a_mention(water, text):
    assert "persona.brand_promotion" not in fired(text, PERSONAL, water)
