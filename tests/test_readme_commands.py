"""The README's commands work as written: a bare ``python -m app`` fails outside the virtual
environment (no PySide6, no keyring), so every command runs through the venv's Python."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_readme_command_runs_twofold_through_the_virtual_environment() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", text, re.DOTALL)
    commands = [line for block in blocks for line in block.splitlines()
                if re.search(r"\bpython3? -m app\b", line)]
    assert commands  # the README does show commands
    bare = [line for line in commands
            if re.search(r"(?<![/\w.])python3? -m app\b", line)]
    assert bare == []
