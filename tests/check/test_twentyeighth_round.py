"""Twenty-eighth round: what the twelfth wave of unseen sets (a home-solar installer, a chain of
driving schools, a maker of organic baby food and wooden toys, an operator of coaches and
island ferries, a chain of dental clinics) showed the check missing or raising wrongly, read
after their untouched and end figures were taken, made general. Examples of our own in six
languages, each beside the near misses that must stay as they were."""

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
hashtags = ["#DrinkBrookline"]
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


# --- 1. drinks, a stomach bug, a divorce, a lonely-hearts advert, a vote and Holy Week in slang ---

@pytest.mark.parametrize("text", [
    "Who's up for margaritas tonight after the valve swap? 🍹",
    "Mañana nos vamos de cañas todo el turno de noche, ¡hasta que el cuerpo aguante!",
    "Cervecita con los de la depuradora y a casa 🍻",
    "still hanging from Friday's leaving do, send coffee",
    "Erst Kölsch, dann Club: wer ist Samstag dabei?",
    "Llevo dos días con gastroenteritis, perdonad si tardo en contestar",
    "Ho la febbre a 39 ma il report lo chiudo lo stesso",
    "Ma daronne a eu 60 ans hier, grosse teuf jusqu'à 3 h",
    "Bei mir läuft gerade die Scheidung, ich bin nächste Woche kaum erreichbar.",
    "Single, 41, own van, loves a long walk. Anyone want to set me up?",
    "Domingo votad bien, que la sanidad no se defiende sola. Ya sabéis a quién me refiero.",
    "Quem vota neles não quer saber da água de ninguém.",
    "El Jueves Santo sale nuestra Hermandad y yo de costalero, ¡que Dios nos dé fuerzas!",
])
def test_own_drinking_health_family_dating_politics_and_faith_said_in_slang(water, text):
    assert "persona.personal_life" in fired(text, WORK, water)


@pytest.mark.parametrize("text", [
    "O'zapft is! Our coach trip to the Oktoberfest leaves Munich at 9, seats still free.",
    "Puesta en marcha de la nueva depuradora de Arganda este lunes.",
    "The new filter set me up for a much simpler maintenance routine.",
    "Single-use bottles, 40 per cent fewer since the refill stations opened.",
    "Our members want your vote: which refill station should open next?",
    "La febbre dell'oro blu: perché l'acqua costa sempre di più.",
])
def test_the_same_words_at_work_stay_clean(water, text):
    assert "persona.personal_life" not in fired(text, WORK, water)
