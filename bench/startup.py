"""Start-to-window time and peak memory of Twofold against a bare PySide6 window.

Runs the programs alternately in one run (same machine state), each until its window has
been shown and it has quit, and reports medians and the ratio Twofold / bare: the whole
process (start to exit), and start to the moment the window was shown (both programs print
the time they showed it). A third program, the real window in use (accounts loaded, a draft
checked by the real persona check), gives the working memory beyond start-up.

Python's compiled bytecode (``__pycache__``) is written by the warm-up run and used by the
measured runs, as on any installed copy (pip and PyInstaller ship bytecode; a source checkout
writes it on the first start), even when the calling shell sets PYTHONDONTWRITEBYTECODE.
``--source-only`` measures the other case: every run compiles Twofold's sources again.

    .venv/bin/python bench/startup.py [--runs 15] [--source-only]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def measure(command: list[str], env: dict[str, str]) -> tuple[float, int, float | None]:
    """Run ``command`` once; return (wall seconds, peak resident KiB, seconds to shown)."""
    wall_start = time.time()
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed with status {status}")
    shown = None
    for line in output.splitlines():
        if line.startswith("shown-at "):
            shown = float(line.split()[1]) - wall_start
    return elapsed, usage.ru_maxrss, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--source-only", action="store_true",
                        help="no bytecode cache: every run compiles Twofold's sources")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as profile:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TWOFOLD_PROFILE_DIR=profile,
                   TWOFOLD_REPORT_SHOWN="1")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if args.source_only:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
            for cache in (REPO / "app").rglob("__pycache__"):
                shutil.rmtree(cache)
        programs = {
            "bare PySide6 window": [sys.executable, str(REPO / "bench" / "bare_window.py")],
            "twofold --quit-after-show": [sys.executable, "-m", "app", "--quit-after-show"],
            "twofold window in use": [sys.executable,
                                      str(REPO / "bench" / "settled_window.py")],
        }
        for command in programs.values():  # warm the OS file cache and bytecode
            measure(command, env)
        times: dict[str, list[float]] = {name: [] for name in programs}
        memory: dict[str, list[int]] = {name: [] for name in programs}
        shown: dict[str, list[float]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, command in programs.items():
                seconds, rss, to_shown = measure(command, env)
                times[name].append(seconds)
                memory[name].append(rss)
                if to_shown is not None:
                    shown[name].append(to_shown)
    bare, ours, in_use = programs
    for name in programs:
        to_shown = (f"   to shown {statistics.median(shown[name]) * 1000:6.1f} ms"
                    if shown[name] else "")
        print(f"{name:28s} start-to-exit median {statistics.median(times[name]) * 1000:7.1f} ms"
              f"{to_shown}   peak RSS median {statistics.median(memory[name]) / 1024:6.1f} MiB")
    time_ratio = statistics.median(times[ours]) / statistics.median(times[bare])
    memory_ratio = statistics.median(memory[ours]) / statistics.median(memory[bare])
    bytecode = "sources compiled on every run" if args.source_only else "bytecode cached"
    print(f"ratio start-to-window (whole process): {time_ratio:.2f}x   peak memory: "
          f"{memory_ratio:.2f}x   ({args.runs} runs each, alternating; {bytecode})")
    if shown[bare] and shown[ours]:
        print(f"ratio start-to-shown: "
              f"{statistics.median(shown[ours]) / statistics.median(shown[bare]):.2f}x")
    print(f"window in use (store, accounts, real persona check): peak memory "
          f"{statistics.median(memory[in_use]) / statistics.median(memory[bare]):.2f}x bare")


if __name__ == "__main__":
    main()
