"""What the rule-round tests (test_fourth_round.py, test_fifth_round.py, ...) ask of the check:
its findings by rule, and the rules that fire (a warning or a block), at one fixed time."""

from __future__ import annotations

from datetime import UTC, datetime

from app.check.engine import check_draft
from app.check.policy import load_policy_file
from app.core.model import CheckTarget, Network, Owner, Persona, Severity

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)

# The accounts the rule-round tests check against: the employer's brand account, one's own
# work account, one's personal account.
BRAND = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
PERSONAL = CheckTarget(Network.FACEBOOK, Persona.PERSONAL)


def findings(text, target, policy=None):
    """The check's findings for ``text`` by rule id."""
    result = check_draft(text, target, policy=policy, now=NOW)
    return {f.rule: f for f in result.findings}


def fired(text, target, policy=None):
    """Rules with a warning or a block."""
    return {rule for rule, f in findings(text, target, policy).items()
            if f.severity.rank >= Severity.WARN.rank}


def severities(text, target, policy=None):
    """The severity of each rule the check raises (notes included), by rule id."""
    return {rule: f.severity.value for rule, f in findings(text, target, policy).items()}


def policy_from(tmp_path, text, name="pack.toml"):
    """A policy pack written from ``text`` into ``tmp_path`` and loaded."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_policy_file(path)


CONDUCT = frozenset(("conduct.insult", "conduct.profanity", "conduct.slur"))


def conduct_listed(text, target, policy=None):
    """Conduct rules raised (warn or block) by the word lists and their patterns, leaving out
    the meaning layer's own reading ("This reads as …"), which is tuned apart."""
    return {f.rule for f in check_draft(text, target, policy=policy, now=NOW).findings
            if f.rule in CONDUCT and f.severity.value in ("warn", "block")
            and f.message.startswith("This has")}


def conduct_marked(text, target, policy=None):
    """The words the conduct lists highlighted."""
    result = check_draft(text, target, policy=policy, now=NOW)
    return [text[s.start:s.end] for f in result.findings
            if f.rule in CONDUCT and f.message.startswith("This has") for s in f.spans]


# The invented water company of the twenty-seventh and later rounds' tests: its brands, a
# campaign tag, a partner and a codename.
CORRANDEL_PACK = """version = 1
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
