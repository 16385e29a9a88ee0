"""The h-check3 round's own sanity set (tests/check/sanity_set.py): drafts written from the
mechanisms behind the kestrel round's misses and false alarms, not from any corpus, so a fix
that only fits one phrasing shows here. Every positive must raise its rule (warn or block) and
every near miss must raise nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.check.engine import check_draft
from app.core.model import CheckTarget, Network, Owner, Persona, Severity
from tests.check.sanity_set import NEGATIVES, POSITIVES
from tests.check.unseen_corpus import pack_policy

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
ACCOUNTS = {"p": CheckTarget(Network.X, Persona.PERSONAL),
            "w": CheckTarget(Network.X, Persona.WORK),
            "b": CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)}
# Near misses the check still raises, and why (each must keep failing until fixed).
# (b-bar-event, a launch party with soft drinks on the brand account, was read as a night out
# until the personal head learned from judged drafts in the twenty-first round.)
STILL_RAISED: dict[str, str] = {}


def fired(text: str, account: str) -> set[str]:
    result = check_draft(text, ACCOUNTS[account], policy=pack_policy("kestrel"), now=NOW)
    return {f.rule for f in result.findings if f.severity.rank >= Severity.WARN.rank}


@pytest.mark.parametrize(("account", "text", "rule"),
                         [pytest.param(a, t, r, id=i) for i, a, t, r in POSITIVES])
def test_the_mechanism_catches_drafts_it_was_not_written_from(account, text, rule):
    rules = fired(text, account)
    assert any(r == rule or r.split(".")[0] == rule for r in rules), rules


@pytest.mark.parametrize(("account", "text"), [
    pytest.param(a, t, id=i, marks=[pytest.mark.xfail(strict=True, reason=STILL_RAISED[i])]
                 if i in STILL_RAISED else [])
    for i, a, t, _ in NEGATIVES])
def test_near_misses_raise_nothing(account, text):
    assert fired(text, account) == set()
