"""One Twofold per profile, with real processes on a throw-away profile (offscreen): a second
launch and ``--quick-post`` reach the running window and return with exit code 0; a killed
window leaves nothing that stops the next start; two processes never hold one profile; the
command line keeps working while the window runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.instance import (
    MAX_SOCKET_PATH,
    REQUEST_SHOW,
    ProfileLock,
    claim_profile,
    hand_over,
    instance_address,
)
from app.paths import init_paths
from tests.conftest import REPO_ROOT


def env_for(profile: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TWOFOLD_REPORT_SHOWN="1",
               PYTHONPATH=str(REPO_ROOT))
    env.pop("TWOFOLD_PROFILE_DIR", None)
    return env


def start_window(profile: Path, *args: str) -> subprocess.Popen[str]:
    """Start the window (first instance) and wait until it listens for later launches."""
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--profile-dir", str(profile), *args],
        env=env_for(profile), cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    address = instance_address(init_paths(profile))
    deadline = time.monotonic() + 60
    while not os.path.exists(address.server_name):
        if process.poll() is not None:
            raise AssertionError(f"the window ended: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("the window never listened")
        time.sleep(0.05)
    return process


def launch(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", "--profile-dir", str(profile), *args],
                          env=env_for(profile), cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=60, check=False)


def read_lines_until(process: subprocess.Popen[str], wanted: str, timeout: float = 30) -> list[str]:
    """Lines the window printed, up to the first one starting with ``wanted``."""
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
        if line.startswith(wanted):
            return lines
    raise AssertionError(f"no {wanted!r} line; saw {lines}")


def stop(process: subprocess.Popen[str]) -> None:
    """End a window process and close its pipes."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate(timeout=10)


@pytest.fixture
def profile(tmp_path) -> Path:
    return tmp_path / "profile"


def test_a_second_launch_and_quick_post_reach_the_running_window(profile):
    first = start_window(profile)
    try:
        read_lines_until(first, "shown-at")
        again = launch(profile)
        assert (again.returncode, again.stderr) == (0, "")
        read_lines_until(first, "request show")
        quick = launch(profile, "--quick-post")
        assert (quick.returncode, quick.stderr) == (0, "")
        lines = read_lines_until(first, "quick-post-shown-at")
        assert lines[0].startswith("request quick-post ")
        assert first.poll() is None  # still the one window of this profile
        # The command line works while the window runs (it takes no lock).
        listing = launch(profile, "drafts", "list")
        assert listing.returncode == 0, listing.stderr
    finally:
        stop(first)


def test_quick_post_starts_twofold_when_none_runs(profile):
    first = start_window(profile, "--quick-post")
    try:
        read_lines_until(first, "quick-post-shown-at")
    finally:
        stop(first)


def test_a_killed_window_leaves_nothing_that_stops_the_next_start(profile):
    first = start_window(profile)
    address = instance_address(init_paths(profile))
    read_lines_until(first, "shown-at")
    first.kill()
    stop(first)
    # What it left: the socket file (no one listens) and the lock file (no one holds it).
    assert os.path.exists(address.server_name) and address.lock_path.exists()
    assert hand_over(address, REQUEST_SHOW) is False
    second = start_window(profile)
    try:
        read_lines_until(second, "shown-at")
        assert launch(profile).returncode == 0
        read_lines_until(second, "request show")
    finally:
        stop(second)


def test_two_processes_never_hold_one_profile(profile):
    paths = init_paths(profile)
    address = instance_address(paths)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from app.instance import ProfileLock; "
         "lock = ProfileLock(Path(sys.argv[1])); print(lock.try_acquire(), flush=True); "
         "time.sleep(60)", str(address.lock_path)],
        env=env_for(profile), cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        mine = ProfileLock(address.lock_path)
        assert not mine.try_acquire()
        assert mine.holder_pid() == holder.pid
        # A window start against that profile waits for it to answer, then says why not.
        with pytest.raises(Exception, match="already running for this profile"):
            claim_profile(address, REQUEST_SHOW, wait_s=0.3)
    finally:
        holder.kill()
        holder.communicate(timeout=10)
    assert mine.try_acquire()  # the killed holder's lock went with it
    mine.release()


def test_two_windows_started_together_end_as_one(profile):
    first = subprocess.Popen([sys.executable, "-m", "app", "--profile-dir", str(profile)],
                             env=env_for(profile), cwd=REPO_ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen([sys.executable, "-m", "app", "--profile-dir", str(profile)],
                              env=env_for(profile), cwd=REPO_ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while first.poll() is None and second.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        ended = first if first.poll() is not None else second
        running = second if ended is first else first
        assert ended.wait(10) == 0  # it handed over to the other
        time.sleep(0.5)
        assert running.poll() is None
    finally:
        stop(first)
        stop(second)


def test_the_socket_name_fits_whatever_the_profile_path(tmp_path):
    deep = tmp_path / ("a-very-long-folder-name-" * 12) / "profile"
    one = instance_address(init_paths(deep))
    other = instance_address(init_paths(tmp_path / "other"))
    assert len(one.server_name) <= MAX_SOCKET_PATH
    assert one.server_name != other.server_name
    assert instance_address(init_paths(deep)) == one  # stable across starts
    without_runtime = instance_address(init_paths(deep), environ={})
    assert len(without_runtime.server_name) <= MAX_SOCKET_PATH
