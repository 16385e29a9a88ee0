"""The user's own policy pack (``policy.toml`` in the config folder), edited from Settings.

Two changes only, both validated with the pack reader before anything is kept:
- importing a pack file someone gave the user (it replaces their own pack);
- their own promotion budget (the ``[promotion_limits]`` table), written into their pack with
  the rest of the file left as it was.
The organisation's pack is never written: it is IT's file, and its locks still apply when the
layers are combined.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from app.check.policy import PolicyError, read_pack

_ANY_TABLE = re.compile(r"^\s*\[", re.MULTILINE)


def _table_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*\[\s*{name}(\s*\]|\.)", re.MULTILINE)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".new")
    scratch.write_bytes(data)
    os.replace(scratch, path)


def import_pack(source: Path, target: Path) -> None:
    """Copy the pack at ``source`` to the user's pack ``target`` after reading it as a pack;
    raises PolicyError (one plain sentence) and leaves ``target`` alone when it is not one."""
    read_pack(Path(source))
    _write_atomically(Path(target), Path(source).read_bytes())


def promotion_limits_text(personal: tuple[int, int], work: tuple[int, int]) -> str:
    """The ``[promotion_limits]`` table for (posts, days) of each identity."""
    return ("[promotion_limits]\n"
            f"personal = {{ posts = {personal[0]}, days = {personal[1]} }}\n"
            f"work = {{ posts = {work[0]}, days = {work[1]} }}\n")


def set_promotion_limits(target: Path, personal: tuple[int, int],
                         work: tuple[int, int]) -> None:
    """Write the user's own promotion budget into their pack (creating it if needed),
    replacing any ``[promotion_limits]`` table and keeping everything else. The result is
    read back as a pack before it replaces the file; PolicyError if it would not read."""
    _set_table(Path(target), "promotion_limits", promotion_limits_text(personal, work))


def set_quiet_hours(target: Path, ranges: list[str], *, weekends: bool = False) -> None:
    """Write the user's own quiet hours (``"22:00-07:00"`` ranges, local time; ``weekends``:
    no work posts on Saturdays and Sundays) into their pack, replacing any ``[quiet_hours]``
    table; none: the table is removed."""
    body = ""
    if ranges or weekends:
        listed = ", ".join(f'"{r.strip()}"' for r in ranges)
        body = f"[quiet_hours]\ntimes = [{listed}]\n"
        if weekends:
            body += "weekends = true\n"
    _set_table(Path(target), "quiet_hours", body)


def _set_table(target: Path, name: str, body: str) -> None:
    text = target.read_text(encoding="utf-8") if target.exists() else (
        "# Your own Twofold policy pack (on top of your organisation's).\nversion = 1\n")
    kept = _without_tables(text, name).rstrip("\n")
    new = f"{kept}\n\n{body}" if body else f"{kept}\n"
    scratch = target.with_name(target.name + ".check")
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    scratch.write_text(new, encoding="utf-8")
    try:
        read_pack(scratch)
    except PolicyError:
        scratch.unlink(missing_ok=True)
        raise
    os.replace(scratch, target)


def _without_tables(text: str, name: str) -> str:
    """``text`` without its ``[name]`` tables (and their sub-tables)."""
    table = _table_pattern(name)
    while (match := table.search(text)) is not None:
        following = _ANY_TABLE.search(text, match.end())
        while following is not None and table.match(text, following.start()):
            following = _ANY_TABLE.search(text, following.end())
        end = following.start() if following is not None else len(text)
        text = text[:match.start()] + text[end:]
    return text
