"""Start-to-window time and peak memory of Twofold against a bare PySide6 window.

Runs both programs alternately in one run (same machine state), each until its window has
been shown and it has quit, and reports medians and the ratio Twofold / bare.

    .venv/bin/python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def measure(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Run ``command`` once; return (wall seconds, peak resident KiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed with status {status}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as profile:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TWOFOLD_PROFILE_DIR=profile)
        programs = {
            "bare PySide6 window": [sys.executable, str(REPO / "bench" / "bare_window.py")],
            "twofold --quit-after-show": [sys.executable, "-m", "app", "--quit-after-show"],
        }
        for command in programs.values():  # warm the OS file cache and bytecode
            measure(command, env)
        times: dict[str, list[float]] = {name: [] for name in programs}
        memory: dict[str, list[int]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, command in programs.items():
                seconds, rss = measure(command, env)
                times[name].append(seconds)
                memory[name].append(rss)
    bare, ours = programs
    for name in programs:
        print(f"{name:28s} median {statistics.median(times[name]) * 1000:7.1f} ms   "
              f"peak RSS median {statistics.median(memory[name]) / 1024:6.1f} MiB")
    time_ratio = statistics.median(times[ours]) / statistics.median(times[bare])
    memory_ratio = statistics.median(memory[ours]) / statistics.median(memory[bare])
    print(f"ratio start-to-window: {time_ratio:.2f}x   peak memory: {memory_ratio:.2f}x   "
          f"({args.runs} runs each, alternating)")


if __name__ == "__main__":
    main()
