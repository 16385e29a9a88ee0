"""The command line with diagnostics on: one line on the terminal, the detail in the log file,
fatal crashes in the crash file. Runs Twofold's real entry point in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT
from tests.diagnostics.child import SECRET


def run_child(mode: str, env: dict[str, str] | None = None,
              command: tuple[str, ...] = ("paths",)) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), **(env or {}))
    return subprocess.run([sys.executable, "-m", "tests.diagnostics.child", mode, *command],
                          capture_output=True, text=True, encoding="utf-8",
                          env=full_env, cwd=REPO_ROOT, timeout=60, check=False)


def log_text(profile_dir: Path) -> str:
    return (profile_dir / "log" / "twofold.log").read_text(encoding="utf-8")


def test_an_unexpected_error_is_one_line_on_stderr_and_a_traceback_in_the_log(profile_dir):
    result = run_child("raise")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    log_file = profile_dir / "log" / "twofold.log"
    assert "RuntimeError" in lines[0] and str(log_file) in lines[0]
    logged = log_text(profile_dir)
    assert "Traceback (most recent call last)" in logged
    assert 'in run\n    raise RuntimeError(f"server echoed' in logged  # the failing line
    assert "RuntimeError: server echoed password=[redacted]" in logged
    assert SECRET not in logged and SECRET not in result.stderr


def test_an_engine_error_logged_with_its_traceback_stays_off_the_terminal(profile_dir):
    result = run_child("engine")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["Account 3: the post may not have gone out."]
    logged = log_text(profile_dir)
    assert "posting to account 3 failed unexpectedly" in logged
    assert "ConnectionError: the server hung up" in logged
    assert "Traceback (most recent call last)" in logged


def test_a_dying_background_thread_is_logged_and_the_command_still_finishes(profile_dir):
    result = run_child("thread")
    assert result.returncode == 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "ZeroDivisionError" in result.stderr and "Traceback" not in result.stderr
    logged = log_text(profile_dir)
    assert "unexpected ZeroDivisionError in thread avatar-download" in logged
    assert "Traceback (most recent call last)" in logged


def test_a_fatal_crash_of_a_command_shows_its_stack_on_the_terminal(profile_dir):
    result = run_child("segfault")
    assert result.returncode != 0
    assert "Fatal Python error: Segmentation fault" in result.stderr
    assert "tests/diagnostics/child.py" in result.stderr  # where it happened


def test_a_fatal_crash_of_the_window_leaves_its_stack_in_the_crash_file(profile_dir):
    result = run_child("window-segfault", command=())
    assert result.returncode != 0
    crash = (profile_dir / "log" / "crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in crash
    assert "tests/diagnostics/child.py" in crash


def test_the_log_level_comes_from_the_environment(profile_dir):
    quiet = run_child("engine", env={"TWOFOLD_LOG_LEVEL": "critical"})
    assert quiet.returncode == 1
    log_file = profile_dir / "log" / "twofold.log"
    assert not log_file.exists() or "failed unexpectedly" not in log_text(profile_dir)

    wrong = run_child("engine", env={"TWOFOLD_LOG_LEVEL": "loud"})
    assert "TWOFOLD_LOG_LEVEL='loud' is not a log level" in wrong.stderr
    assert "failed unexpectedly" in log_text(profile_dir)  # INFO and up, as by default
