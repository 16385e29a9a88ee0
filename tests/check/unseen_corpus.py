"""The unseen-draft corpus (``tests/check/corpus/unseen_drafts.jsonl``): loading and judging.

Each line is one realistic draft with the account it is headed for, an optional policy pack
(``tests/check/corpus/<pack>.toml``), earlier posts and what the check must and must not say:

* ``must`` / ``must_not``: rule ids ("persona.promotion") or whole categories ("conduct").
  A rule "fires" when it has a finding at ``warn`` or ``block``; ``info`` findings do not
  count either way. ``"conduct.profanity:block"`` also pins the severity.
* ``verdict`` (optional): the expected overall verdict.
* ``known_miss`` (optional): why the check still disagrees, for drafts left unfixed on
  purpose; the test expects them to fail (strictly, so a fix is noticed).

Used by ``tests/check/test_unseen_corpus.py`` and ``bench/check_corpus_report.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from app.check.engine import check_draft
from app.check.policy import Policy, load_policy_file
from app.check.rules import CATEGORIES, RULES
from app.core.model import (
    CheckResult,
    CheckTarget,
    HistoryEntry,
    ImageAttachment,
    Network,
    Owner,
    Persona,
)

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
CORPUS_FILE = CORPUS_DIR / "unseen_drafts.jsonl"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
# Attached images are never opened, only measured; a path that does not exist has no size.
IMAGE = Path(__file__).resolve().parent / "corpus" / "photo.jpg"


@dataclass(frozen=True)
class Case:
    """One corpus line."""

    id: str
    text: str
    target: CheckTarget
    pack: str | None
    images: int
    history: tuple[HistoryEntry, ...]
    must: tuple[str, ...]
    must_not: tuple[str, ...]
    verdict: str | None
    why: str = ""
    known_miss: str = ""


@dataclass
class Outcome:
    """What the check said about one case, and where it disagreed with the corpus."""

    case: Case
    result: CheckResult
    fired: dict[str, str]  # rule id -> highest severity at warn or above
    missed: list[str] = field(default_factory=list)  # must entries that did not fire
    unwanted: list[str] = field(default_factory=list)  # must_not entries that fired
    verdict_wrong: bool = False

    @property
    def ok(self) -> bool:
        return not (self.missed or self.unwanted or self.verdict_wrong)


def _selector_ok(selector: str) -> bool:
    name = selector.split(":")[0]
    return name in CATEGORIES or name in RULES


def _case(line: dict[str, Any], number: int) -> Case:
    for key in ("must", "must_not"):
        for selector in line.get(key, []):
            if not _selector_ok(selector):
                raise ValueError(f"corpus line {number}: unknown rule or category {selector!r}")
    history = tuple(
        HistoryEntry(Network(item["network"]), Persona(item["persona"]),
                     Owner(item.get("owner", "self")), item["text"],
                     NOW - timedelta(hours=item["hours_ago"]))
        for item in line.get("history", ()))
    target = CheckTarget(Network(line["network"]), Persona(line["persona"]),
                         Owner(line.get("owner", "self")), line.get("max_chars"))
    return Case(line["id"], line["text"], target, line.get("pack"), int(line.get("images", 0)),
                history, tuple(line.get("must", ())), tuple(line.get("must_not", ())),
                line.get("verdict"), line.get("why", ""), line.get("known_miss", ""))


def load_cases(path: Path = CORPUS_FILE) -> list[Case]:
    """Every case in the corpus, in file order."""
    cases = []
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                cases.append(_case(json.loads(raw), number))
    return cases


@cache
def pack_policy(name: str | None) -> Policy:
    """The corpus pack ``name`` loaded over the defaults (the defaults alone for None)."""
    if name is None:
        return Policy.default()
    return load_policy_file(CORPUS_DIR / f"{name}.toml")


def _matches(rule: str, selector: str) -> bool:
    name = selector.split(":")[0]
    return rule == name or rule.split(".")[0] == name


def judge(case: Case) -> Outcome:
    """Run the check on ``case`` and compare with what the corpus expects."""
    result = check_draft(case.text, case.target,
                         # Described: the corpus is about the persona rules, not alt text
                         # (tests/check/test_rules.py covers that).
                         images=[ImageAttachment(IMAGE, "A photo")] * case.images,
                         policy=pack_policy(case.pack), history=case.history, now=NOW)
    fired: dict[str, str] = {}
    for finding in result.findings:
        if finding.severity.value in ("warn", "block"):
            current = fired.get(finding.rule)
            if current != "block":
                fired[finding.rule] = finding.severity.value
    outcome = Outcome(case, result, fired)
    for selector in case.must:
        severity = selector.partition(":")[2]
        hits = [sev for rule, sev in fired.items() if _matches(rule, selector)]
        if not hits or (severity and severity not in hits):
            outcome.missed.append(selector)
    for selector in case.must_not:
        if any(_matches(rule, selector) for rule in fired):
            outcome.unwanted.append(selector)
    if case.verdict is not None and result.verdict != case.verdict:
        outcome.verdict_wrong = True
    return outcome


def judge_all(cases: list[Case] | None = None) -> Iterator[Outcome]:
    """Judge every case."""
    for case in cases if cases is not None else load_cases():
        yield judge(case)
