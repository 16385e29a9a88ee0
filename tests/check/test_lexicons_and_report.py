"""The shipped word lists load and are sane; the readable report lines up its markers."""

from __future__ import annotations

import pytest

from app.check.lexicons import LexiconError, builtin_lexicons, compile_lexicon
from app.check.report import mark_span, render_text
from app.core.model import CheckResult, Finding, Severity, Span


def test_builtin_word_lists_load_with_every_group_filled():
    lists = builtin_lexicons()
    for lexicon in (lists.promotion, lists.personal, lists.conduct):
        assert lexicon.groups
        kinds = {group.kind for group in lexicon.groups}
        assert kinds
    personal_themes = {group.label for group in lists.personal.groups}
    for theme in ("family", "health", "religion", "politics"):
        assert theme in personal_themes
    assert "#ad" in lists.disclosure["accepted"]
    assert "press" in lists.privacy["role_mailboxes"]


def test_a_broken_word_list_is_refused_with_its_place():
    with pytest.raises(LexiconError, match="group 1"):
        compile_lexicon("demo", {"group": [{"id": "x", "patterns": ["(unclosed"]}]})
    with pytest.raises(LexiconError, match=r"\(\?:"):
        compile_lexicon("demo", {"group": [{"id": "x", "patterns": ["(capturing)"]}]})


def test_marker_lines_up_under_wide_characters():
    text = "日本語 and Project Falcon"
    line, carets = mark_span(text, 8, 22)
    assert carets.index("^") == len("日本語 and ") + 3  # three wide characters
    assert carets.count("^") == len("Project Falcon")
    assert line == text


def test_report_shows_verdict_and_invisible_characters():
    text = "a\u200bb"
    result = CheckResult((Finding("limit.empty", "limit", Severity.BLOCK, "Empty.",
                                  (Span(0, 3),)),))
    report = render_text(result, text, heading="X")
    assert report.startswith("BLOCK — X (1 block)")
    assert "a·b" in report
