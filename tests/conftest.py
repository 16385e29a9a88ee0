"""Test-suite set-up: isolation (fake home, loopback only, in-memory keyring), offscreen Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["tests.isolation", "pytester"]

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run_cli():
    """Run ``python -m app`` in a subprocess with the test's profile; return CompletedProcess."""

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
        full_env = dict(os.environ)
        full_env["PYTHONPATH"] = str(REPO_ROOT)
        if env:
            full_env.update(env)
        return subprocess.run(
            [sys.executable, "-m", "app", *args],
            input=input, capture_output=True, text=True, encoding="utf-8",
            env=full_env, cwd=REPO_ROOT, timeout=timeout, check=False,
        )

    return run
