"""Shared fixtures for the persona check tests: the issue's example policy pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.policy import Policy, load_policy_file
from tests.check.rounds import CORRANDEL_PACK, policy_from

EXAMPLE_PACK = """\
version = 1
[employer]
name = "Acme Magazine"
aliases = ["Acme Mag", "@acmemag"]          # names and handles
domains = ["acmemag.com"]                   # links to these (any subdomain/path) count
hashtags = ["#AcmeGiveaway"]
[[partners]]                                # advertisers, clients, sponsors; repeatable
name = "Brightside Cosmetics"
aliases = ["Brightside"]
domains = ["brightside.example"]
hashtags = ["#BrightsideGlow"]
[disclosure]
accepted = ["#ad", "#sponsored", "#employee", "#AcmePartner"]
within_chars = 100
[confidential]
terms = ["Project Falcon"]
[promotion_limits]
personal = { posts = 1, days = 7 }
work = { posts = 3, days = 1 }
"""


@pytest.fixture
def pack_file(tmp_path: Path) -> Path:
    """The example pack from the issue, written to a file."""
    path = tmp_path / "acme-policy.toml"
    path.write_text(EXAMPLE_PACK, encoding="utf-8")
    return path


@pytest.fixture
def acme(pack_file: Path) -> Policy:
    """The example pack, loaded over the built-in defaults."""
    return load_policy_file(pack_file)


@pytest.fixture
def water(tmp_path: Path) -> Policy:
    """The invented water company of the twenty-seventh and later rounds' tests
    (tests/check/rounds.py, CORRANDEL_PACK), loaded."""
    return policy_from(tmp_path, CORRANDEL_PACK)
