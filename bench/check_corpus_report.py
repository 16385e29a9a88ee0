"""Precision and recall of the persona check on the unseen-draft corpus.

    .venv/bin/python bench/check_corpus_report.py [--misses] [--only PREFIX]

For each rule and category: true positives (a "must" that fired), false negatives (a "must"
that did not), false positives (a "must_not" that fired), precision and recall. Only the
corpus's expectations count: a rule firing where the corpus says nothing is not scored.
With --misses, every disagreeing draft is listed with what the check found. Corpora whose
drafts carry a ``tier`` also get the share fully right per tier (mainstream, hard) and the share
of harmless drafts flagged (any warning or block).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.check.unseen_corpus import CORPUS_DIR, judge_all, load_cases  # noqa: E402


def _ratio(good: int, total: int) -> str:
    return f"{good / total:6.1%}" if total else "     -"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every disagreeing draft")
    parser.add_argument("--only", default="", help="only cases whose id starts with this")
    parser.add_argument("--corpus", type=Path, action="append",
                        help="a corpus file (repeatable; default: every *_drafts.jsonl in "
                        "tests/check/corpus)")
    args = parser.parse_args(argv)

    files = args.corpus or sorted(CORPUS_DIR.glob("*_drafts.jsonl"))
    cases = [case for path in files for case in load_cases(path)
             if case.id.startswith(args.only)]
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fn, fp
    verdicts = [0, 0]
    failures = []
    outcomes = list(judge_all(cases))
    for outcome in outcomes:
        case = outcome.case
        for selector in case.must:
            name = selector.split(":")[0]
            keys = {name, name.split(".")[0]}
            hit = selector not in outcome.missed
            for key in keys:
                counts[key][0 if hit else 1] += 1
        for selector in case.must_not:
            if selector in outcome.unwanted:
                wrongly = {rule for rule in outcome.fired
                           if rule == selector or rule.split(".")[0] == selector}
                for key in wrongly | {rule.split(".")[0] for rule in wrongly}:
                    counts[key][2] += 1
        if case.verdict is not None:
            verdicts[0 if not outcome.verdict_wrong else 1] += 1
        if not outcome.ok:
            failures.append(outcome)

    print(f"{len(cases)} drafts, {len(cases) - len(failures)} fully right, "
          f"verdicts right {verdicts[0]}/{sum(verdicts)}")
    for tier in ("mainstream", "hard", "harmless"):
        tiered = [outcome for outcome in outcomes if outcome.case.tier == tier]
        if not tiered:
            continue
        right = sum(outcome.ok for outcome in tiered)
        line = f"  {tier:10} {right}/{len(tiered)} fully right ({right / len(tiered):.1%})"
        if tier == "harmless":
            flagged = sum(outcome.result.verdict != "ok" for outcome in tiered)
            line += f", {flagged} flagged ({flagged / len(tiered):.1%})"
        print(line)
    print(f"{'rule or category':32} {'TP':>4} {'FN':>4} {'FP':>4} {'precision':>10} "
          f"{'recall':>7}")
    for key in sorted(counts, key=lambda k: (k.split(".")[0], "." in k, k)):
        tp, fn, fp = counts[key]
        indent = "  " if "." in key else ""
        print(f"{indent + key:32} {tp:4} {fn:4} {fp:4} {_ratio(tp, tp + fp):>10} "
              f"{_ratio(tp, tp + fn):>7}")
    if args.misses:
        print()
        for outcome in failures:
            case = outcome.case
            known = f" (known miss: {case.known_miss})" if case.known_miss else ""
            print(f"- {case.id}{known} [{case.target.network.value}/{case.target.persona.value}/"
                  f"{case.target.owner.value}{'/' + case.pack if case.pack else ''}] "
                  f"{case.text[:110]!r}")
            if outcome.missed:
                print(f"    missed: {', '.join(outcome.missed)}")
            if outcome.unwanted:
                print(f"    wrongly raised: {', '.join(outcome.unwanted)}")
            if outcome.verdict_wrong:
                print(f"    verdict {outcome.result.verdict}, expected {case.verdict}")
            found = ", ".join(
                f"{f.rule}:{f.severity.value}"
                + (f" {[case.text[s.start:s.end] for s in f.spans][:3]}" if f.spans else "")
                for f in outcome.result.findings)
            print(f"    found: {found or 'nothing'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
