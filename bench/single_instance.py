"""How fast a second launch reaches the running Twofold, and how soon its quick post shows.

For each run a Twofold window is started (offscreen, a throw-away profile) and left running;
then ``twofold --quick-post`` is launched as a user's keyboard shortcut would:

- hand-over: the whole ``--quick-post`` process, start to exit (target ≤ 0.3 s); then more
  ``--quick-post`` and plain launches against the same window;
- baseline: ``twofold --version`` (the interpreter and the entry point, no hand-over), run
  alongside, to tell the hand-over's own cost from the machine's load;
- quick post visible: from the moment the running window received the request to the first
  paint of its quick post window (target ≤ 100 ms), and from the launch to that paint.

Each window gets ``SETTLE_S`` seconds after it is shown before the first request: a running
Twofold is idle when a shortcut asks for it, not in the middle of its own start-up.

And what the probe costs a first start (nobody running): the hand-over attempt plus taking
the profile's lock, in this process (the whole start is measured by ``bench/startup.py``).

    .venv/bin/python bench/single_instance.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SETTLE_S = 2.0
sys.path.insert(0, str(REPO))


def start_window(profile: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """Start the window and wait until it is shown and listening."""
    from app.instance import instance_address
    from app.paths import init_paths

    process = subprocess.Popen([sys.executable, "-m", "app", "--profile-dir", str(profile)],
                               env=env, cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    read_until(process, "shown-at")
    socket_path = instance_address(init_paths(profile)).server_name
    while not os.path.exists(socket_path):
        time.sleep(0.01)
    # A running Twofold is idle when a shortcut asks for it: let the window finish its
    # start-up work (accounts, history, the persona check loading on workers) first.
    time.sleep(SETTLE_S)
    return process


def read_until(process: subprocess.Popen[str], prefix: str) -> list[str]:
    assert process.stdout is not None
    lines = []
    while True:
        line = process.stdout.readline()
        if not line:
            raise SystemExit(f"the window ended before printing {prefix!r}: {lines}")
        lines.append(line.strip())
        if line.startswith(prefix):
            return lines


def launch(profile: Path, env: dict[str, str], *args: str) -> tuple[float, float]:
    """Run one launch; return (wall-clock start, seconds to exit)."""
    wall = time.time()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "app", "--profile-dir", str(profile), *args],
                          env=env, cwd=REPO, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"launch {args} failed: {done.returncode} {done.stderr}")
    return wall, elapsed


def probe_cost(runs: int) -> list[float]:
    """Seconds the single-instance probe adds to a start when no window runs."""
    from app.instance import REQUEST_SHOW, claim_profile, instance_address
    from app.paths import init_paths

    seconds = []
    with tempfile.TemporaryDirectory(prefix="twofold-bench-") as folder:
        for run in range(runs):
            paths = init_paths(Path(folder) / f"probe{run}")
            start = time.perf_counter()
            claim = claim_profile(instance_address(paths), REQUEST_SHOW)
            seconds.append(time.perf_counter() - start)
            assert claim.lock is not None
            claim.lock.release()
    return seconds


def summary(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    return (f"{name:46s} median {statistics.median(ms):6.1f} ms   max {ms[-1]:6.1f} ms   "
            f"(n={len(ms)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    first_handover: list[float] = []
    warm_handover: list[float] = []
    show_handover: list[float] = []
    request_to_shown: list[float] = []
    launch_to_shown: list[float] = []
    baseline: list[float] = []
    with tempfile.TemporaryDirectory(prefix="twofold-bench-") as folder:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TWOFOLD_REPORT_SHOWN="1")
        env.pop("TWOFOLD_PROFILE_DIR", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for run in range(args.runs):
            profile = Path(folder) / f"p{run}"
            window = start_window(profile, env)
            try:
                wall, seconds = launch(profile, env, "--quick-post")
                first_handover.append(seconds)
                lines = read_until(window, "quick-post-shown-at")
                received = next(float(x.split()[2]) for x in lines
                                if x.startswith("request quick-post"))
                shown = float(lines[-1].split()[1])
                request_to_shown.append(shown - received)
                launch_to_shown.append(shown - wall)
                for _ in range(3):  # the quick post is open already: the hand-over alone
                    warm_handover.append(launch(profile, env, "--quick-post")[1])
                show_handover.append(launch(profile, env)[1])
                baseline.append(launch(profile, env, "--version")[1])
            finally:
                window.send_signal(signal.SIGTERM)
                window.communicate(timeout=10)
    print(summary("probe on a first start (try hand-over, lock)", probe_cost(20)))
    print(summary("baseline: twofold --version (start→exit)", baseline))
    print(summary("--quick-post hand-over (process start→exit)", first_handover))
    print(summary("--quick-post hand-over, quick post already open", warm_handover))
    print(summary("plain second launch hand-over (show window)", show_handover))
    print(summary("quick post visible after the request arrived", request_to_shown))
    print(summary("quick post visible after the launch started", launch_to_shown))


if __name__ == "__main__":
    main()
