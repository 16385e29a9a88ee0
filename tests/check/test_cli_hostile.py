"""The ``check`` command on hostile standard input: any bytes give a result or one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.check.engine import CHECKED_CHARS
from tests.conftest import REPO_ROOT


def _check(data: bytes, tmp_path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT),
               TWOFOLD_PROFILE_DIR=str(tmp_path / "profile"))
    return subprocess.run([sys.executable, "-m", "app", "check", "--network", "x",
                           "--persona", "work", *args], input=data, capture_output=True,
                          cwd=REPO_ROOT, env=env, timeout=120, check=False)


def _decode_error(data: bytes) -> UnicodeDecodeError:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error
    raise AssertionError("valid UTF-8")


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.timeout(300)
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=1, max_size=200).filter(lambda data: not _valid_utf8(data)))
def test_bytes_that_are_not_utf8_get_one_line_and_exit_2(data, tmp_path):
    result = _check(data, tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and "not UTF-8" in lines[0]
    # The message points at the first byte that is not UTF-8, as an editor would show it.
    error = _decode_error(data)
    assert f"byte {error.start:,} is 0x{data[error.start]:02X}" in lines[0]
    assert b"Traceback" not in result.stderr


@pytest.mark.timeout(120)
def test_a_megabytes_long_draft_on_stdin_is_blocked_with_the_unchecked_rest(tmp_path):
    draft = ("7" * 500_000 + "a\u0431\u5b57 \U0001f600" * 300_000).encode("utf-8")
    result = _check(draft, tmp_path, "--json", "-")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["verdict"] == "block"
    (unchecked,) = [f for f in report["findings"] if f["rule"] == "limit.unchecked"]
    assert unchecked["spans"][0]["start"] <= CHECKED_CHARS
    assert unchecked["spans"][0]["end"] == len(draft.decode("utf-8"))
    assert unchecked["message"].startswith("Only the first ")
