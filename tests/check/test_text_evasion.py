"""Evasion-proof matching: disguised words are found, and spans point at the ORIGINAL text."""

from __future__ import annotations

import pytest

from app.check.terms import TermIndex, make_term
from app.check.text import fold_view


def _find(term: str, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    index = TermIndex([make_term(term, term, evasion=True)])
    return sorted((hit.start, hit.end, hit.disguises) for hit in index.find(fold_view(text)))


# The reference cases for the brand term "Warby" (persona-check.md §3).
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Loving my new W a r b y frames!", (14, 23)),
        ("W\u200barby Parker rocks", (0, 6)),
        ("W\u0430rby", (0, 5)),  # Cyrillic а
        ("\U0001d416\U0001d400\U0001d411\U0001d401\U0001d418 sale", (0, 5)),  # math bold
        ("w4rby p4rk3r", (0, 5)),
        ("\uff37\uff41\uff52\uff42\uff59", (0, 5)),  # full-width
        ("W.a.r.b.y", (0, 9)),
        ("Warby", (0, 5)),
        ("WARBY!", (0, 5)),
    ],
)
def test_disguised_term_is_found_at_its_original_span(text, span):
    hits = _find("Warby", text)
    assert [(start, end) for start, end, _ in hits] == [span]


@pytest.mark.parametrize("text", ["Warbyfan is not a match?", "the war by Russia",
                                  "a swarby day", "War-by", "w a r"])
def test_near_misses_are_not_the_term(text):
    assert _find("Warby", text) == []


@pytest.mark.parametrize(
    ("text", "disguise"),
    [
        ("V\u200be\u200dr\u00adi\u2060t\u202ey", "invisible characters"),
        ("V e r i t y", "letters spaced apart"),
        ("V\u0435rity", "look-alike letters"),  # Cyrillic е
        ("V3rity", "numbers or signs in place of letters"),
        ("\uff36\uff45\uff52\uff49\uff54\uff59", "special letter styles"),
    ],
)
def test_disguise_is_named(text, disguise):
    hits = _find("Verity", text)
    assert len(hits) == 1
    start, end, disguises = hits[0]
    assert (start, end) == (0, len(text))
    assert disguise in disguises


def test_plain_spelling_is_not_called_disguised():
    assert _find("Verity", "Thanks Verity!") == [(7, 13, ())]


def test_spans_survive_emoji_and_combining_marks_before_the_word():
    text = "👩🏽\u200d💻 cafe\u0301 ñ 🇬🇧 Project Falcon"
    hits = _find("Project Falcon", text)
    assert len(hits) == 1
    start, end, _ = hits[0]
    assert text[start:end] == "Project Falcon"


def test_span_covers_combining_marks_of_the_last_letter():
    text = "Visit Cafe\u0301 today"  # e + combining acute: the highlight must not split it
    hits = _find("cafe", text)
    assert [(s, e) for s, e, _ in hits] == [(6, 11)]


def test_folding_handles_case_and_length_changes():
    # ß -> ss and the ﬁ ligature change the length; the span still covers the original word.
    text = "Große ﬁnale by Strasse"
    hits = _find("grosse", text)
    assert [text[s:e] for s, e, _ in hits] == ["Große"]
    hits = _find("finale", text)
    assert [text[s:e] for s, e, _ in hits] == ["ﬁnale"]


def test_plain_ascii_lookalike_collisions_do_not_count():
    # "com" is the confusable skeleton of "corn": plain letters are never a disguise.
    assert _find("corn", "visit acme.com today") == []


def test_multi_word_terms_allow_line_breaks_but_not_sentences():
    assert _find("Project Falcon", "Project\nFalcon") != []
    assert _find("Project Falcon", "Project. Falcon") == []


def test_cjk_terms_are_found_inside_unspaced_text():
    hits = _find("アクメ", "新しいアクメの雑誌")
    assert len(hits) == 1
