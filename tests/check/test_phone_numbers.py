"""Phone numbers: a phone-shaped number is checked against libphonenumber's numbering plans
(the lite package), so PINs, lockers, scores, dates and parcel numbers are not taken for
someone's phone, while real numbers from several countries still are."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest

from app.check.engine import check_draft
from app.core.model import CheckTarget, Network, Persona
from tests.conftest import REPO_ROOT

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)
PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)


def phones(text: str) -> list[str]:
    result = check_draft(text, PERSONAL, now=NOW)
    return [text[span.start:span.end] for finding in result.findings
            if finding.rule == "privacy.phone" for span in finding.spans]


# Each of these was reported as a phone number before numbers were validated.
NEAR_MISSES = [
    "Locker combination 12 34 56 78, don't tell",  # no country has this number
    "Scores tonight: 21 14 18 25 30",
    "We met on 30 11 2026 in Leeds",  # a date written with spaces
    "Parcel 0042 1187 5531 arrived today",  # "00" + 42 is no country code
    "My PIN 4821 9137 65 stopped working",
    "Room 214-305-118 is on the third floor",  # a room, whatever its digits look like
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_numbers_that_are_not_phones_are_left_alone(text):
    assert phones(text) == []


HITS = [
    ("Ring Tom on 07700 900123", "07700 900123"),  # UK mobile
    ("Text Sarah at (415) 555-2671", "(415) 555-2671"),  # US
    ("Ruf Anna an: 0171 2345678", "0171 2345678"),  # German mobile
    ("Appelle Marie au 06 12 34 56 78", "06 12 34 56 78"),  # French mobile
    ("Llama a Pedro al 612 345 678", "612 345 678"),  # Spanish mobile, thousands-shaped
    ("Chiama Luca al 347 123 4567", "347 123 4567"),  # Italian mobile
    ("Bel Sanne: 06-12345678", "06-12345678"),  # Dutch mobile
    ("Dave's number is +61 412 345 678", "+61 412 345 678"),  # Australia, international
    ("Her mobile: 0049 171 2345678", "0049 171 2345678"),  # "00" international prefix
    ("Call Jane on 555-123-4567 tonight", "555-123-4567"),  # said to call: possible is enough
]


@pytest.mark.parametrize(("text", "number"), HITS)
def test_real_numbers_in_several_countries_are_found(text, number):
    assert phones(text) == [number]


def test_a_spaced_count_is_not_a_phone_unless_the_text_says_to_call_it():
    assert phones("We sold 612 345 678 copies") == []
    assert phones("Llama al 612 345 678") == ["612 345 678"]


def test_phonenumbers_is_imported_only_for_a_phone_shaped_number():
    code = (
        "import sys\n"
        "from app.check.engine import check_draft\n"
        "from app.core.model import CheckTarget, Network, Persona\n"
        "target = CheckTarget(Network.X, Persona.PERSONAL)\n"
        "check_draft('No numbers here, just words and 42 things', target)\n"
        "print('phonenumbers' in sys.modules)\n"
        "check_draft('Ring Tom on 07700 900123', target)\n"
        "print('phonenumbers' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.stdout.split() == ["False", "True"], done.stderr
