"""How long loading a policy pack takes at the limits, and how fast hostile packs are refused.

    .venv/bin/python bench/policy_load.py [--runs 5]

Target (issue 9, item 4): loading any pack within the limits (README "Policy packs") takes at
most 0.5 s. Measured (medians of --runs, wall clock, one process):

  * the worst in-limit packs: the most terms, the most partners (with aliases, domains and
    hashtags up to the term limit), the deepest nesting, the most keys and values, the largest
    file (the slowest contents per byte found); each read, checked
    and laid over the defaults; and both layers at once (organisation + user, every partner
    named in both, so the merge does the most work)
  * the first check with the most terms (compiling the terms is the check's work, shown for
    reference)
  * hostile packs beyond the limits (the red-team's: deep nesting, 800,000 days, 20,000
    partners, 100,000-part dotted keys, 100,000 terms, a header of 400,000 spaces), which must
    be refused quickly with a PolicyError

Peak memory is the process's maximum resident size after everything ran.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.check.engine import check_draft  # noqa: E402
from app.check.policy import (  # noqa: E402
    MAX_ITEMS,
    MAX_NESTING,
    MAX_PACK_BYTES,
    MAX_PARTNERS,
    MAX_TERMS,
    MAX_TEXT_CHARS,
    PolicyError,
    load_policy_file,
    load_policy_layers,
)
from app.core.model import CheckTarget, Network, Persona  # noqa: E402
from app.paths import init_paths  # noqa: E402

TARGET_SECONDS = 0.5


def most_terms() -> str:
    # 10,000 confidential terms, as long as fits in the file limit (~100 characters each).
    width = min(MAX_TEXT_CHARS, MAX_PACK_BYTES // MAX_TERMS - 8)
    terms = ",\n".join(f'"{("Codename " + str(i) + " ").ljust(width, "x")}"'
                       for i in range(MAX_TERMS))
    return f"version = 1\n[confidential]\nterms = [\n{terms}\n]\n"


def most_partners(tag: str = "") -> str:
    per_list = (MAX_TERMS // MAX_PARTNERS) // 3  # aliases, domains, hashtags share the terms
    blocks = []
    for i in range(MAX_PARTNERS):
        aliases = ", ".join(f'"P{i} alias {k}{tag}"' for k in range(per_list))
        domains = ", ".join(f'"p{i}-{k}{tag}.example"' for k in range(per_list))
        hashtags = ", ".join(f'"#P{i}tag{k}{tag}"' for k in range(per_list))
        blocks.append(f'[[partners]]\nname = "Partner {i}"\naliases = [{aliases}]\n'
                      f"domains = [{domains}]\nhashtags = [{hashtags}]\n")
    return "version = 1\n" + "".join(blocks)


def deepest() -> str:
    # Nesting at the limit, repeated up to the item limit (the parser's worst case within the
    # limits: it recurses for every level).
    nested = "[" * (MAX_NESTING - 1) + '"x"' + "]" * (MAX_NESTING - 1)
    per_line = 2 * (MAX_NESTING - 1) + 2  # the key, the brackets, the string
    count = (MAX_ITEMS - 2) // per_line
    return "version = 1\n" + "".join(f"x{i} = {nested}\n" for i in range(count))


def most_items() -> str:
    # Just under the item limit, the cheapest items to write: one list of small numbers.
    return "version = 1\nx = [" + "1," * (MAX_ITEMS - 10) + "]\n"


def multiline_strings() -> str:
    # A full file of line continuations in one multi-line string: the slowest text per byte
    # found for the parser.
    return 'version = 1\nx = """' + "a\\\n" * (MAX_PACK_BYTES // 3 - 10) + '"""\n'


def largest_file() -> str:
    # A full file: a commented pack (IT documents its terms), terms up to what fits.
    lines = ["version = 1\n[confidential]\nterms = [\n"]
    size = len(lines[0]) + 2
    for i in range(MAX_TERMS):
        line = f'  "Term {i}",  # why term {i} is confidential, for the record\n'
        if size + len(line) > MAX_PACK_BYTES:
            break
        lines.append(line)
        size += len(line)
    return "".join(lines) + "]\n"


HOSTILE = {
    "nesting 5,000 deep": "version = 1\nx = " + "[" * 5000 + "]" * 5000 + "\n",
    "days = 800000": "version = 1\n[promotion_limits]\npersonal = { posts = 1, days = 800000 }\n",
    "20,000 partners": "version = 1\n" + "".join(f'[[partners]]\nname="{i}"\n'
                                                 for i in range(20_000)),
    "100,000-part dotted key": "version = 1\n" + ".".join(["a"] * 100_000) + " = 1\n",
    "60,000 one-letter terms": "version = 1\n[confidential]\nterms = ["
                               + ",".join('"x"' for i in range(60_000)) + "]\n",
    "100,000 terms (2 MB)": "version = 1\n[confidential]\nterms = ["
                            + ",".join(f'"term number {i}"' for i in range(100_000)) + "]\n",
    "header of 400,000 spaces": "version = 1\n[" + " " * 400_000 + "x\n",
    "5,000-digit number": "version = 1\n[limits]\nmastodon = 1" + "0" * 5000 + "\n",
    "200,000 numbers": "version = 1\nx = [" + "1," * 200_000 + "]\n",
}


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def load(path: Path) -> Callable[[], object]:
    return lambda: load_policy_file(path)


def refuse(path: Path) -> Callable[[], object]:
    def run() -> str:
        try:
            load_policy_file(path)
        except PolicyError as error:
            return str(error)
        raise SystemExit(f"{path.name} was not refused")

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    folder = Path(tempfile.mkdtemp(prefix="twofold-policy-bench-"))
    worst = True
    print(f"Loading packs within the limits (median of {runs}; target <= {TARGET_SECONDS} s):")
    for name, text in (("most terms (10,000)", most_terms()),
                       ("most partners (1,000, 9,000 terms)", most_partners()),
                       (f"deepest nesting ({MAX_NESTING}), most items", deepest()),
                       (f"most items ({MAX_ITEMS:,} numbers)", most_items()),
                       ("largest file (commented terms)", largest_file()),
                       ("largest file (one long string)", multiline_strings())):
        path = folder / f"{name.split()[0]}-{len(text)}-{abs(hash(name))}.toml"
        path.write_text(text, encoding="utf-8")
        try:
            load_policy_file(path)
            action, outcome = load(path), "loaded"
        except PolicyError as error:  # the deep pack is refused by the schema, after parsing
            action, outcome = refuse(path), f"refused by the schema ({error.problem[:32]}…)"
        seconds = median_seconds(action, runs)
        worst = worst and seconds <= TARGET_SECONDS
        size = path.stat().st_size
        print(f"  {name:<40} {size / 1024:7.0f} KB  {seconds * 1000:7.1f} ms  {outcome}")

    profile = init_paths(folder / "profile")
    profile.site_config_root.mkdir(parents=True)
    (profile.site_config_root / "policy.toml").write_text(most_partners(), encoding="utf-8")
    profile.config_root.mkdir(parents=True)
    (profile.config_root / "policy.toml").write_text(most_partners(" user"), encoding="utf-8")
    seconds = median_seconds(lambda: load_policy_layers(profile, environ={}), runs)
    worst = worst and seconds <= TARGET_SECONDS
    print(f"  {'both layers, 1,000 partners each (merge)':<40} {'':>10} {seconds * 1000:7.1f} ms"
          "  loaded (and the organisation's copy kept)")

    terms_path = folder / "terms-check.toml"
    terms_path.write_text(most_terms(), encoding="utf-8")
    policy = load_policy_file(terms_path)
    target = CheckTarget(Network.MASTODON, Persona.WORK)
    start = time.perf_counter()
    check_draft("Nothing secret here, just lunch.", target, policy=policy)
    print(f"  (first check with 10,000 terms, compiling them: "
          f"{(time.perf_counter() - start) * 1000:.0f} ms — the check's work, for reference)")

    print("\nHostile packs beyond the limits (median; each must be refused):")
    for name, text in HOSTILE.items():
        path = folder / f"hostile-{abs(hash(name))}.toml"
        path.write_text(text, encoding="utf-8")
        message = refuse(path)()
        seconds = median_seconds(refuse(path), runs)
        print(f"  {name:<28} {len(text) / 1024:7.0f} KB  {seconds * 1000:7.1f} ms  "
              f"{str(message).split(': ', 1)[1][:70]}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak resident memory of this process: {peak:.0f} MB")
    print("Within the target." if worst else "OVER THE TARGET.")


if __name__ == "__main__":
    main()
