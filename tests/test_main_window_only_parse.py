"""``python -m app`` with only window options skips the sub-command parsers (start-up time),
and anything else still gets the full parser."""

from __future__ import annotations

import pytest

from app.main import opens_window_only


@pytest.mark.parametrize("argv", [
    [], ["--quit-after-show"], ["--profile-dir", "/tmp/p"], ["--profile-dir=/tmp/p"],
    ["--profile-dir", "accounts", "--quit-after-show"],
])
def test_window_options_alone_need_no_command_parsers(argv):
    assert opens_window_only(argv)


@pytest.mark.parametrize("argv", [
    ["accounts", "list"], ["--help"], ["-h"], ["--version"], ["--quit"], ["--profile-dir"],
    ["--profile-dir", "/tmp/p", "paths"], ["frobnicate"], ["--quit-after-show", "check"],
])
def test_anything_else_gets_the_full_parser(argv):
    assert not opens_window_only(argv)


def test_help_still_lists_the_commands(run_cli):
    result = run_cli("--help")
    assert result.returncode == 0
    assert "accounts" in result.stdout and "check" in result.stdout
