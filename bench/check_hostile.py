"""Time and memory of the persona check on hostile drafts (issue 9, item 3).

    .venv/bin/python bench/check_hostile.py [--size 1000000] [--only SHAPE ...] [--skip-huge]

Each case runs in a fresh subprocess, so one case's caches and memory never help or hurt the
next; the child reports how long ``check_draft`` took, and the parent reads the child's peak
resident memory from ``os.wait4``. Targets:

  * any 1 MB draft, of any shape, checked (or refused) in <= 2 s and <= 300 MB peak RSS
  * 16,000 digits in <= 0.2 s
  * 20 MB drafts through the ``check`` command (standard input): reported, same memory bound

Every check runs for a work account on X (which runs every word list), with a policy pack
(employer, partner, codenames) and one earlier post that nearly repeats the draft, so the
duplicate comparison runs too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SECONDS_TARGET = 2.0
RSS_TARGET_MB = 300.0
DIGITS_TARGET = 0.2

# Each shape: a unit repeated to the size asked for (a few are built differently, below).
SHAPES: dict[str, str] = {
    "digits": "7",
    "punctuation": ".,;:!?-'\"()[]",
    "spaced letters": "a b c ",
    "spaced word": "V e r i t y ",
    "links": "https://example.com/path?q=1 ",
    "links, no spaces": "https://acmemag.com/a.",
    "dotted numbers": "1.",
    "combining marks": "e\u0301\u0302\u0303",
    "emoji": "\U0001f468\u200d\U0001f469\u200d\U0001f467\U0001f1ec\U0001f1e7\u2728",
    "mixed scripts": "a\u0431\u03b3\u5b57\u0627\u05d0\u0e01 ",
    "codename fragments": "Pro-ject Fal.con Falc0n P r o j e c t ",
    "emails": "jane.doe@example.com ",
    "spelled emails": "jane dot doe at gmail dot ",
    "mentions": "@someone@example.social ",
    "hashtags": "#ad #AcmeGiveaway ",
    "whitespace": " \n\t \u00a0",
    "phone numbers": "+1 (555) 123-4567 ",
    "addresses": "12 Main Street 7 rue de la Paix ",
    "words": "lorem ipsum dolor sit amet ",
    "invisible": "f\u200bu\u200bc\u200bk\u200b ",
    "stretched": "fuuuuuuuuuuuuuuck ",
    "brand and exceptions": "Acme Magazine mother's day my mum ",
    "hyphen runs": "a-",
    "word then spaces": "dm",
    "code words": "code",
    "giveaway chain": "rt and like & ",
    "link then punctuation": "https://example.com/",
}
# Shapes whose unit starts the draft once, followed by a long filler.
PREFIXED = {"word then spaces": " ", "code words": "code", "link then punctuation": "."}

CHILD = r"""
import json, os, random, sys, time
sys.path.insert(0, os.environ["REPO"])
from datetime import UTC, datetime
from pathlib import Path
from app.check.engine import check_draft
from app.check.policy import load_policy_file
from app.core.model import CheckTarget, HistoryEntry, Network, Owner, Persona
text = Path(sys.argv[1]).read_text(encoding="utf-8")
policy = load_policy_file(Path(sys.argv[2]))
now = datetime(2026, 11, 24, 12, tzinfo=UTC)
target = CheckTarget(Network.X, Persona.WORK, Owner.SELF)
history = [HistoryEntry(Network.X, Persona.WORK, Owner.SELF, text[:-10] + " changed", now)]
start = time.perf_counter()
result = check_draft(text, target, policy=policy, history=history, now=now)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "verdict": result.verdict,
                  "rules": sorted({f.rule for f in result.findings})}))
"""

PACK = """\
version = 1
[employer]
name = "Acme Magazine"
aliases = ["Acme Mag", "@acmemag"]
domains = ["acmemag.com"]
hashtags = ["#AcmeGiveaway"]
[[partners]]
name = "Brightside Cosmetics"
aliases = ["Brightside"]
domains = ["brightside.example"]
[disclosure]
accepted = ["#ad", "#sponsored", "#employee"]
[confidential]
terms = ["Project Falcon", "Kestrel", "Nightjar"]
"""


def build(shape: str, size: int) -> str:
    """The draft for ``shape``, ``size`` characters long."""
    unit = SHAPES[shape]
    if shape in PREFIXED:
        filler = PREFIXED[shape]
        return (unit + filler * size)[:size]
    return (unit * (size // len(unit) + 1))[:size]


def write_draft(path: Path, shape: str, size: int) -> None:
    """Write the draft in pieces: a child's peak memory (``ru_maxrss``) starts from the
    parent's at the moment it is started, so the parent never holds a whole huge draft."""
    piece = 1_000_000
    with path.open("w", encoding="utf-8") as handle:
        for start in range(0, size, piece):
            handle.write(_slice(shape, start, min(size, start + piece)))


def _slice(shape: str, start: int, stop: int) -> str:
    """Characters [start, stop) of the draft ``build(shape, ...)`` without building all of it."""
    unit = SHAPES[shape]
    head = ""
    if shape in PREFIXED:
        head = unit[start:stop]
        start = max(start, len(unit)) - len(unit)
        stop -= len(unit)
        unit = PREFIXED[shape]
    offset = start % len(unit)
    return head + (unit * ((stop - start) // len(unit) + 2))[offset:offset + stop - start]


def run_child(script: list[str], stdin_path: Path | None = None) -> tuple[float, float, str]:
    """Run one case; return (wall seconds, peak RSS in MB, the child's stdout)."""
    env = dict(os.environ, REPO=str(REPO), PYTHONPATH=str(REPO),
               TWOFOLD_PROFILE_DIR=tempfile.mkdtemp(prefix="twofold-bench-"))
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        stdin = stdin_path.open("rb") if stdin_path else subprocess.DEVNULL
        try:
            process = subprocess.Popen(script, stdout=out, stderr=subprocess.DEVNULL,
                                       stdin=stdin, env=env, cwd=REPO)
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            if stdin_path:
                stdin.close()
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return wall, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per draft")
    parser.add_argument("--only", nargs="*", help="run only these shapes")
    parser.add_argument("--skip-huge", action="store_true", help="leave out the 20 MB cases")
    args = parser.parse_args()
    shapes = args.only or list(SHAPES)
    print(f"{'case':34s} {'chars':>11s} {'check s':>8s} {'process s':>9s} {'peak MB':>8s}  "
          "verdict / findings")
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder) / "pack.toml"
        pack.write_text(PACK, encoding="utf-8")
        cases = [("16,000 digits", "digits", 16_000, DIGITS_TARGET)]
        cases += [(shape, shape, args.size, SECONDS_TARGET) for shape in shapes]
        for label, shape, size, seconds_target in cases:
            draft = Path(folder) / "draft.txt"
            write_draft(draft, shape, size)
            wall, rss, output = run_child([sys.executable, "-c", CHILD, str(draft), str(pack)])
            try:
                report = json.loads(output.strip().splitlines()[-1])
            except (ValueError, IndexError):
                print(f"{label:34s} {size:>11,} {'failed':>8s} {wall:9.2f} {rss:8.0f}")
                failures += 1
                continue
            ok = report["seconds"] <= seconds_target and rss <= RSS_TARGET_MB
            failures += not ok
            print(f"{label:34s} {size:>11,} {report['seconds']:8.3f} {wall:9.2f} {rss:8.0f}  "
                  f"{report['verdict']} {', '.join(report['rules'])}"
                  f"{'' if ok else '   <-- OVER TARGET'}", flush=True)
        if not args.skip_huge:
            for shape in ("digits", "emoji", "mixed scripts", "links, no spaces"):
                draft = Path(folder) / "huge.txt"
                size = 20_000_000
                write_draft(draft, shape, size)
                command = [sys.executable, "-m", "app", "check", "--network", "x", "--persona",
                           "work", "--policy", str(pack), "--json", "-"]
                wall, rss, output = run_child(command, stdin_path=draft)
                try:
                    verdict = json.loads(output)["verdict"]
                except ValueError:
                    verdict = "no JSON"
                ok = rss <= RSS_TARGET_MB and verdict == "block"
                failures += not ok
                size_mb = draft.stat().st_size / 1e6
                print(f"{'check command, 20M ' + shape:34s} {size:>11,} {'-':>8s} "
                      f"{wall:9.2f} {rss:8.0f}  {verdict} ({size_mb:.0f} MB of UTF-8 on stdin)"
                      f"{'' if ok else '   <-- OVER TARGET'}", flush=True)
    print(f"\n{failures} case(s) over target" if failures else "\nevery case within target")


if __name__ == "__main__":
    main()
