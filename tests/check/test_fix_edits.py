"""A fix's edits never overlap, so applying a fix removes exactly what it flags and keeps every
other character (two adjacent swear words once took a comma with them)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.check.engine import check_draft
from app.core.model import CheckTarget, Fix, Network, Persona, TextEdit, apply_edits

X_WORK = CheckTarget(Network.X, Persona.WORK)


def apply_like_the_editor(text: str, fix: Fix) -> str:
    """What the composer does: each edit in turn, from the last position to the first."""
    for edit in sorted(fix.edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text


def without(text: str, spans) -> str:
    gone = {i for span in spans for i in range(span.start, span.end)}
    return "".join(char for i, char in enumerate(text) if i not in gone)


def removal_fixes(result):
    for finding in result.findings:
        for fix in finding.fixes:
            if fix.edits and all(edit.text == "" for edit in fix.edits):
                yield finding, fix


def test_removing_two_adjacent_swear_words_keeps_the_comma():
    text = "Damn shit, what a day"
    finding, fix = next(removal_fixes(check_draft(text, X_WORK)))
    assert finding.rule == "conduct.profanity"
    assert apply_like_the_editor(text, fix) == ", what a day"


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["damn", "shit", "fucking", "crap", "bullshit", "day",
                                      "what", ",", ".", "!", " ", " ", " ", "\n", "(", ")"]),
                     min_size=1, max_size=14).map("".join))
def test_a_removal_fix_removes_exactly_the_flagged_words(text):
    for finding, fix in removal_fixes(check_draft(text, X_WORK)):
        fixed = apply_like_the_editor(text, fix)
        # Every character that is not flagged survives, in order; only spaces may go too
        # (one next to each removed word, so no double space is left behind).
        assert fixed.replace(" ", "") == without(text, finding.spans).replace(" ", "")
        if "  " not in text:
            assert "  " not in fixed


EDITS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)), max_size=8)


@settings(max_examples=500, deadline=None)
@given(text=st.text(min_size=0, max_size=30), ranges=EDITS)
def test_overlapping_deletions_in_one_fix_delete_only_their_union(text, ranges):
    edits = [TextEdit(min(start, len(text)), min(start + length, len(text)), "")
             for start, length in ranges]
    fix = Fix("Remove", tuple(edits))
    assert all(a.end <= b.start for a, b in zip(fix.edits, fix.edits[1:], strict=False))
    gone = {i for edit in edits for i in range(edit.start, edit.end)}
    expected = "".join(char for i, char in enumerate(text) if i not in gone)
    assert apply_like_the_editor(text, fix) == expected
    assert apply_edits(text, fix.edits) == expected

