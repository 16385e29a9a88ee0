"""Check results for people and for scripts: the ``check`` command's JSON and readable report.

The JSON shape is a contract::

    {"verdict": "ok|warn|block",
     "findings": [{"rule", "category", "severity", "message",
                   "spans": [{"start": 0, "end": 5}],
                   "fixes": [{"label", "action", "edits": [{"start", "end", "text"}]}]}]}
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from app.core.model import CheckResult, Finding, Fix

_CONTEXT = 30


def fix_to_json(fix: Fix) -> dict[str, Any]:
    """One fix: a label, an action id (or null) and text edits in original code points."""
    return {
        "label": fix.label,
        "action": fix.action,
        "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in fix.edits],
    }


def finding_to_json(finding: Finding) -> dict[str, Any]:
    """One finding as the ``check --json`` contract describes it."""
    return {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity.value,
        "message": finding.message,
        "spans": [{"start": s.start, "end": s.end} for s in finding.spans],
        "fixes": [fix_to_json(fix) for fix in finding.fixes],
    }


def result_to_json(result: CheckResult) -> dict[str, Any]:
    """The whole result as the ``check --json`` contract describes it."""
    return {"verdict": result.verdict,
            "findings": [finding_to_json(finding) for finding in result.findings]}


def dumps(result: CheckResult, *, length: dict[str, Any] | None = None) -> str:
    """The JSON text printed by ``check --json``; ``length`` (count, limit, unit for the
    target network) is added when given."""
    data = result_to_json(result)
    if length is not None:
        data["length"] = length
    return json.dumps(data, ensure_ascii=False, indent=2)


def _width(text: str) -> int:
    """Terminal columns taken by ``text`` (wide CJK and emoji take two, marks none)."""
    total = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Cf", "Mn", "Me"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def _printable(text: str) -> str:
    """``text`` with line breaks and invisible characters shown, so columns line up."""
    shown = []
    for char in text:
        if char in "\n\r":
            shown.append("⏎")
        elif char == "\t":
            shown.append(" ")
        elif unicodedata.category(char) in ("Cf", "Cc") or char in "\u034f\u3164\uffa0":
            shown.append("·")
        else:
            shown.append(char)
    return "".join(shown)


def mark_span(text: str, start: int, end: int) -> tuple[str, str]:
    """A one-line excerpt around [start, end) and a caret line marking the words."""
    first = max(0, start - _CONTEXT)
    last = min(len(text), end + _CONTEXT)
    before = ("…" if first > 0 else "") + _printable(text[first:start])
    marked = _printable(text[start:end])
    after = _printable(text[end:last]) + ("…" if last < len(text) else "")
    line = before + marked + after
    carets = " " * _width(before) + "^" * max(1, _width(marked))
    return line, carets


def render_text(result: CheckResult, text: str, *, heading: str = "") -> str:
    """A readable report: the verdict, then each finding with its words marked."""
    lines: list[str] = []
    counts = {level: sum(f.severity.value == level for f in result.findings)
              for level in ("block", "warn", "info")}
    summary = ", ".join(f"{count} {level}" for level, count in counts.items() if count)
    verdict = result.verdict.upper()
    lines.append(f"{verdict}{' — ' + heading if heading else ''}"
                 f"{f' ({summary})' if summary else ': nothing to fix'}")
    for finding in result.findings:
        lines.append("")
        lines.append(f"[{finding.severity.value}] {finding.rule}: {finding.message}")
        for span in finding.spans[:5]:
            excerpt, carets = mark_span(text, span.start, span.end)
            lines.append(f"    {excerpt}")
            lines.append(f"    {carets}")
        if len(finding.spans) > 5:
            lines.append(f"    … and {len(finding.spans) - 5} more")
        for fix in finding.fixes:
            lines.append(f"    fix: {fix.label}")
    return "\n".join(lines) + "\n"
