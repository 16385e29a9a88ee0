"""Speed of the persona check against the issue's targets.

    .venv/bin/python bench/check_speed.py [--runs 15]

Measures (medians):
  * loading a 1,000-term policy pack (read + validate + compile)      target <= 50 ms
  * checking a 280-character draft with that pack                      target <= 1 ms
    (a work account, which also runs the meaning layer: target <= 2 ms)
  * reading the meaning layer's model on the first check (once per process)
  * checking a 10,000-character draft with that pack                   target <= 10 ms
    (for a personal account, and for a work account, which runs more word lists)
  * the whole `python -m app check ...` process                        target <= 0.35 s
    (personal and work account; the profile's cache of compiled word lists and model weights
    filled by the first run, as after any earlier check; plus one run with an empty cache),
    beside the floor: `python -c pass` on the same machine

The process figures are only comparable on a quiet machine: report them with the floor. The
app's modules are byte-compiled first (as in an installed package or the bundle), so an
environment with PYTHONDONTWRITEBYTECODE does not time compiling source on every run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.check.engine import check_draft  # noqa: E402
from app.check.lexicons import builtin_lexicons  # noqa: E402
from app.check.policy import Policy, apply_pack, read_pack  # noqa: E402
from app.core.model import CheckTarget, HistoryEntry, Network, Owner, Persona  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "vex", "sol", "bri", "dan", "qua", "zel", "mor",
             "pin", "ash", "cor", "lu", "ne", "ta", "gro", "fi"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def thousand_term_pack(rng: random.Random) -> str:
    """An employer, 100 partners (name, 2 aliases, domain, hashtag) and 495 codenames."""
    lines = ["version = 1", "[employer]", 'name = "Acme Magazine"',
             'aliases = ["Acme Mag", "@acmemag"]', 'domains = ["acmemag.com"]',
             'hashtags = ["#AcmeGiveaway"]']
    for _ in range(100):
        name = f"{word(rng)} {word(rng)}"
        lines += ["[[partners]]", f'name = "{name}"',
                  f'aliases = ["{word(rng)}", "@{word(rng).lower()}"]',
                  f'domains = ["{word(rng).lower()}.example"]',
                  f'hashtags = ["#{word(rng)}{word(rng)}"]']
    codenames = ", ".join(f'"Project {word(rng)}"' for _ in range(495))
    lines += ["[confidential]", f"terms = [{codenames}]",
              "[disclosure]", 'accepted = ["#ad", "#employee"]']
    return "\n".join(lines) + "\n"


DRAFT_280 = (
    "Loving the new issue of Acme Magazine! Our editors went all out this month: interviews, "
    "recipes and a look behind the scenes. Grab your copy at acmemag.com/dec and tell me what "
    "you think. Also, huge thanks to the team for the late nights \u2728 #AcmeGiveaway #mag"
)[:280]
DRAFT_280_DISGUISED = (
    "L\u043eving the n\u0435w issue of \u0410cme Magazine! Our editors went all out this "
    "month \U0001f468\u200d\U0001f469\u200d\U0001f467: interviews, r\u0435cipes and a look "
    "behind the scenes. Grab your copy at acmemag.com/dec and t\u200bell me what you think. "
    "Pr0ject Falcon? V e r i t y says hi \u2728 #AcmeGiveaway"
)[:280]

# No sales cue and no brand: the meaning layer reads it for selling intent.
DRAFT_PLAIN = (
    "Long walk along the canal this morning, then soup and a nap. The heron was back on its "
    "usual post by the lock and the swans have six cygnets now. Tomorrow the allotment, if "
    "the rain holds off; the leeks need lifting and the shed door still sticks. Bliss."
)


def median_ms(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _process_ms(command: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall time of ``runs`` runs of ``command``, in ms."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=REPO, capture_output=True, check=False)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21, help="process runs")
    args = parser.parse_args()
    rng = random.Random(20261124)
    builtin_lexicons()  # once per process, as in the app
    from app.check.meaning import shipped_model

    started = time.perf_counter()
    shipped_model()
    model_ms = (time.perf_counter() - started) * 1000
    with tempfile.TemporaryDirectory() as folder:
        from app.check.meaning import MeaningModel, model_path

        MeaningModel.read(model_path(), cache_dir=Path(folder))  # fills the cache
        started = time.perf_counter()
        MeaningModel.read(model_path(), cache_dir=Path(folder))
        cached_model_ms = (time.perf_counter() - started) * 1000
    with tempfile.TemporaryDirectory() as folder:
        pack_path = Path(folder) / "pack.toml"
        pack_path.write_text(thousand_term_pack(rng), encoding="utf-8")

        def load():
            policy, _ = apply_pack(Policy.default(), read_pack(pack_path), organisation=True)
            return policy.compiled

        compiled = load()
        terms = len(compiled.brands.terms) + len(compiled.confidential.terms)
        load_ms = median_ms(load, 30)
        policy = compiled.policy
        target = CheckTarget(Network.X, Persona.PERSONAL)
        posted = datetime(2026, 11, 20, 9, tzinfo=UTC)
        history = [HistoryEntry(Network.X, Persona.PERSONAL, Owner.SELF, f"post {i} about cats",
                                posted) for i in range(20)]
        long_draft = (DRAFT_280 + " ") * 36
        long_draft = long_draft[:10_000]
        results = [
            ("load 1,000-term pack (read+validate+compile)", load_ms, 50.0,
             f"1,000 pack terms, {terms} compiled variants"),
            ("check 280-char draft", median_ms(lambda: check_draft(DRAFT_280, target,
                                                                   policy=policy), 2000),
             1.0, ""),
            ("model load on first check (once per process)", model_ms, 50.0, "unpacking"),
            ("model load on first check, from the cache", cached_model_ms, 50.0, ""),
            ("check 280-char draft, work (meaning layer)", median_ms(
                lambda: check_draft(DRAFT_280, CheckTarget(Network.X, Persona.WORK),
                                    policy=policy), 2000), 2.0, ""),
            ("check 280-char draft, personal, no sales cue", median_ms(
                lambda: check_draft(DRAFT_PLAIN, target, policy=policy), 2000), 2.0, ""),
            ("check 280-char draft, disguised + 20 history", median_ms(
                lambda: check_draft(DRAFT_280_DISGUISED, target, policy=policy,
                                    history=history), 2000), 1.0, ""),
            ("check 10,000-char draft", median_ms(lambda: check_draft(long_draft, target,
                                                                      policy=policy), 200),
             10.0, ""),
            # A work account also runs the personal-life and conduct lists.
            ("check 10,000-char draft, work account", median_ms(
                lambda: check_draft(long_draft, CheckTarget(Network.X, Persona.WORK),
                                    policy=policy), 200), 10.0, ""),
        ]
        compileall.compile_dir(REPO / "app", quiet=1)
        env = dict(os.environ, TWOFOLD_PROFILE_DIR=str(Path(folder) / "profile"))
        floor = _process_ms([sys.executable, "-c", "pass"], env, args.runs)
        for persona in ("personal", "work"):
            command = [sys.executable, "-m", "app", "check", "--network", "x", "--persona",
                       persona, "--policy", str(pack_path), "--json", DRAFT_280]
            subprocess.run(command, env=env, cwd=REPO, capture_output=True, check=False)  # warm
            results.append((f"whole `python -m app check` process, {persona}",
                            _process_ms(command, env, args.runs), 350.0,
                            f"{args.runs} runs; floor `python -c pass` {floor:.0f} ms"))
        cold = []
        for run in range(max(5, args.runs // 3)):
            cold_env = dict(env, TWOFOLD_PROFILE_DIR=str(Path(folder) / f"cold{run}"))
            cold.append(_process_ms(command, cold_env, 1))
        results.append(("  the same, work, empty cache (first run)", statistics.median(cold),
                        350.0, f"{len(cold)} runs"))
    for name, value, target_ms, note in results:
        verdict = "ok" if value <= target_ms else "OVER"
        print(f"{name:48s} {value:8.3f} ms  (target <= {target_ms:g} ms) {verdict}  {note}")


if __name__ == "__main__":
    main()
