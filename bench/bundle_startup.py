"""Start-to-window time of the bundled Twofold (dist/twofold/twofold) against running it from
source (python -m app), both offscreen with a throw-away profile, until the window is shown.

Alternates the two in one run (same machine state) after a warm-up of each; reports medians of
start-to-shown (the app prints when its window appeared) and of the whole process, and the
ratio bundled / source (budget 1.2x). Builds the bundle first if it is missing or stale.

    .venv/bin/python bench/bundle_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "packaging"))
sys.path.insert(0, str(REPO / "bench"))

import package  # noqa: E402
from startup import measure  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    bundle = package.build_bundle(REPO / "dist", REPO / "build" / "pyinstaller")
    with tempfile.TemporaryDirectory() as profile:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TWOFOLD_PROFILE_DIR=profile,
                   TWOFOLD_REPORT_SHOWN="1")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # source runs use cached bytecode, as installed
        programs = {
            "from source (python -m app)": [sys.executable, "-m", "app", "--quit-after-show"],
            "bundled (dist/twofold)": [str(bundle / "twofold"), "--quit-after-show"],
        }
        for command in programs.values():
            measure(command, env)
        whole: dict[str, list[float]] = {name: [] for name in programs}
        shown: dict[str, list[float]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, command in programs.items():
                seconds, _rss, to_shown = measure(command, env)
                whole[name].append(seconds)
                if to_shown is None:
                    raise SystemExit(f"{name} never reported its window")
                shown[name].append(to_shown)
    for name in programs:
        print(f"{name:30s} start-to-shown median {statistics.median(shown[name]) * 1000:6.1f} ms"
              f"   whole process {statistics.median(whole[name]) * 1000:6.1f} ms")
    source, bundled = programs
    print(f"ratio bundled / source: start-to-shown "
          f"{statistics.median(shown[bundled]) / statistics.median(shown[source]):.2f}x "
          f"(budget 1.2x), whole process "
          f"{statistics.median(whole[bundled]) / statistics.median(whole[source]):.2f}x   "
          f"({args.runs} runs each, alternating)")


if __name__ == "__main__":
    main()
