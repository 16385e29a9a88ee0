"""Needles: the strings one of which every match of a pattern contains, used to skip scans
that cannot match (app/check/needles.py). Skipping must never lose a match: the properties
below compare against the regular-expression engine itself."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from app.check.needles import Alternation, needles_of, pattern_needles, squeezed
from app.check.text import LEET_WORD, has_leet_word, needs_loose


def test_needles_are_the_words_every_match_holds():
    assert pattern_needles(r"(?:got|getting)\s+(?:hammered|plastered)") == {
        "got hammered", "got plastered", "getting hammered", "getting plastered"}
    # optional parts give each way of writing it; white space is one space once squeezed
    assert pattern_needles(r"ab(?:cd)?ef\s*gh") == {"abefgh", "abef gh", "abcdefgh",
                                                    "abcdef gh"}
    # the part that is always there when the rest is not a small set
    assert pattern_needles(r"\w+ing\s+(?:hammered|plastered)") == {"ing hammered",
                                                                     "ing plastered"}
    assert pattern_needles(r"x*yzw") == {"yzw"}


def test_no_needles_when_they_cannot_be_told():
    assert pattern_needles(r"(?i)hammered") is None  # the case is not as written
    assert pattern_needles(r"foo(?i:bar)") is None
    assert pattern_needles(r"(?:a|b)c") is None  # every needle would be too short
    assert pattern_needles(r"\w+\s+\d+") is None
    assert pattern_needles(r"(?:hammered|\w+)") is None  # one alternative needs nothing known
    assert pattern_needles("(unbalanced") is None


def test_a_text_without_the_pieces_of_any_needle_is_skipped():
    needles = needles_of(r"(?:got|getting)\s+(?:hammered|plastered)")
    assert needles is not None
    text = squeezed("we  got\n hammered")
    pieces = frozenset(text[at:at + 3] for at in range(len(text) - 2))
    assert needles.in_text(text, pieces)
    other = squeezed("we got a hammer")
    assert not needles.in_text(other, frozenset(other[at:at + 3]
                                                for at in range(len(other) - 2)))


_ATOMS = ["ab", "cd", "e", r"\s+", r"\s", r"\s*", " ", r"\b", r"(?:ab|abc)", r"(?:x\s+y|xz)",
          r"[\s-]", r"\w+", r"(?:cd)?", r"\d", "(?=ab)", "(?!cd)", "f{2,3}", r"(?:ab\s+)+",
          r"(?<!x)", "ing", r"[.!?]", r"(?:eat|ate)\s+(?:it|them)", "x?yz", "\n", "\t ",
          r"[ \t]"]
_CHARS = ["a", "b", "c", "d", "e", "f", "x", "y", "z", " ", "  ", "\n", "\t", "-", "1", "!",
          "ing", "eat", "them", "\u00a0"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ATOMS), min_size=1, max_size=6), st.data(),
       st.lists(st.lists(st.sampled_from(_CHARS), max_size=16), min_size=1, max_size=12))
def test_a_match_always_holds_a_needle(atoms, data, texts):
    pattern = "".join(atoms)
    needles = pattern_needles(pattern)
    if needles is None:
        return
    compiled = re.compile(pattern)
    # texts the pattern matches, written from the pattern, and random ones
    written = [data.draw(st.from_regex(compiled)) for _ in range(5)]
    for text in [*written, *("".join(parts) for parts in texts)]:
        if compiled.search(text) is not None:
            assert any(needle in squeezed(text) for needle in needles), (pattern, text)


_ALTERNATIVES = [r"\bfoo bar", r"bar\w*", r"(?<!x)baz(?= qux)", "ba", r"\d+/5", r"qux\s+\w+",
                 r"(?:foo|fool)s?", r"o b"]
_TOKENS = ["foo", "bar", "baz", "qux", "x", "barn", "ba", "3/5", " ", "xbaz", "foo bar",
           "fools", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALTERNATIVES), min_size=1, max_size=5, unique=True),
       st.lists(st.sampled_from(_TOKENS), max_size=10), st.integers(0, 40), st.integers(0, 40))
def test_alternatives_read_apart_find_what_the_joined_pattern_finds(alternatives, tokens,
                                                                   pos, endpos):
    text = " ".join(tokens)
    pos, endpos = min(pos, len(text)), min(max(pos, endpos), len(text))
    joined = re.compile("|".join(f"(?:{a})" for a in alternatives))
    expected = [m.span() for m in joined.finditer(text, pos, endpos)]
    reader = Alternation(alternatives)
    assert reader.spans(text, pos, endpos) == expected
    assert reader.first(text, pos, endpos) == (expected[0] if expected else None)
    found = reader.finditer(text, pos, endpos)
    assert [(m.span(), m.group()) for m in found] == \
        [(m.span(), m.group()) for m in joined.finditer(text, pos, endpos)]
    first = reader.search(text, pos, endpos)
    assert (first.span() if first else None) == (expected[0] if expected else None)


def test_a_group_is_read_by_its_branches_with_what_follows_it():
    source = r"\b(?:you won't regret it|holy grail|10/10|worth every (?:penny|cent))(?![\w/])"
    reader = Alternation.of(source)
    text = "holy grailed? no. holy grail! 10/10, worth every penny/cent and worth every cent"
    assert reader.spans(text) == [m.span() for m in re.finditer(source, text)]
    assert len(reader.spans(text)) == 3


def test_an_alternative_that_can_match_nothing_uses_the_joined_pattern():
    reader = Alternation(["a*", "b"])
    assert reader.spans("xab b") == [m.span() for m in re.finditer("(?:a*)|(?:b)", "xab b")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1|é✨_ 3@$\u0301ж٣²x", max_size=8))
def test_shortcuts_answer_as_the_patterns_they_replace(text):
    loose = re.compile(r"(?=[^\x00-\x7f])\w|[a-z][0-9|]|[0-9|][a-z]")
    assert needs_loose(text) == (loose.search(text) is not None)
    assert has_leet_word(text) == (LEET_WORD.search(text) is not None)


def test_the_shipped_needle_table_is_complete_and_current():
    """Every pattern the shipped lists scan with needles has them in the shipped table, as
    computed now, each keyed by a piece it holds (regenerate with scripts/gen_needles.py after
    editing a list)."""
    from app.check.needle_table import build_table, shipped_sources
    from app.check.needles import NEEDLE_TABLE, read_table
    from app.paths import resources_dir

    shipped = read_table(resources_dir() / "lexicons" / NEEDLE_TABLE)
    assert shipped is not None
    current = build_table(shipped_sources())
    assert shipped.keys() == current.keys(), \
        "the needle table is stale: run python scripts/gen_needles.py"
    for key, entry in current.items():
        if entry is None:
            assert shipped[key] is None
            continue
        assert shipped[key] is not None
        assert {needle for group in shipped[key].values() for needle in group} == \
            {needle for group in entry.values() for needle in group}
        assert all(len(piece) == 3 and piece in needle
                   for piece, group in shipped[key].items() for needle in group)


def test_a_pattern_missing_from_the_table_has_its_needles_computed():
    from app.check.needles import needles_of

    source = r"(?:zorblax|quibbleton)\s+(?:frobnicates|wibbles)"  # in no shipped list
    needles = needles_of(source)
    assert needles is not None
    assert {needle for group in needles.by_piece.values() for needle in group} == {
        "zorblax frobnicates", "zorblax wibbles", "quibbleton frobnicates",
        "quibbleton wibbles"}


def test_a_damaged_table_is_not_used(tmp_path):
    from app.check.needles import read_table

    (tmp_path / "bad.z").write_bytes(b"not compressed at all")
    assert read_table(tmp_path / "bad.z") is None
    assert read_table(tmp_path / "missing.z") is None


def test_a_table_entry_of_the_wrong_shape_is_read_anew(monkeypatch):
    from app.check import needles

    source = r"(?:zorblax|quibbleton)\s+wibbles"
    key = needles.source_key(source)
    for bad in ([1, 2], {"xyz": ["no piece here"]}, {"zo": ["zorblax wibbles"]}, {}):
        monkeypatch.setattr(needles, "shipped_table", lambda bad=bad: {key: bad})
        found = needles.needles_of(source)
        assert found is not None
        assert {n for group in found.by_piece.values() for n in group} == {
            "zorblax wibbles", "quibbleton wibbles"}
