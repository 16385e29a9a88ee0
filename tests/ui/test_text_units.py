"""Code-point spans from the persona check land on the right characters in Qt's UTF-16 text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.ui.text_units import Utf16Index, utf16_length

FAMILY = "\U0001F469\U0001F3FD\u200D\U0001F4BB"  # woman technologist, medium skin tone
FLAG_FR = "\U0001F1EB\U0001F1F7"
E_ACUTE = "e\u0301"  # e + combining acute accent
MATH_A = "\U0001D400"  # mathematical bold capital A, outside the BMP


def utf16_slice(text: str, start: int, end: int) -> str:
    """What Qt would show for UTF-16 [start, end) of ``text``."""
    return text.encode("utf-16-le")[start * 2:end * 2].decode("utf-16-le")


def test_reference_example_from_the_persona_check_notes():
    text = f"{FAMILY} café"
    index = Utf16Index(text)
    assert len(text) == 9
    assert index.utf16_length == utf16_length(text) == 12
    assert index.to_utf16(len(text)) == 12


def test_brand_after_emoji_and_flag_is_highlighted_exactly():
    text = f"{FAMILY}{FLAG_FR} Loving the Acme sale"
    start = text.index("Acme")
    u_start, u_end = Utf16Index(text).span_to_utf16(start, start + 4)
    assert utf16_slice(text, u_start, u_end) == "Acme"
    # Naive code-point positions would be off by one unit per astral character before it.
    assert u_start == start + 5  # three astral code points in the emoji, two in the flag


def test_span_after_astral_letters_and_combining_marks():
    text = f"{MATH_A}{MATH_A} {E_ACUTE}t{E_ACUTE} Project Falcon"
    start = text.index("Project")
    u_start, u_end = Utf16Index(text).span_to_utf16(start, len(text))
    assert utf16_slice(text, u_start, u_end) == "Project Falcon"


def test_span_ending_before_a_combining_mark_grows_to_include_it():
    text = f"caf{E_ACUTE} now"
    # The engine may report "cafe" (4 code points), leaving the accent outside.
    u_start, u_end = Utf16Index(text).span_to_utf16(0, 4)
    assert utf16_slice(text, u_start, u_end) == f"caf{E_ACUTE}"
    assert Utf16Index(text).span_to_utf16(0, 4, snap=False) == (0, 4)


def test_span_inside_an_emoji_sequence_covers_the_whole_sequence():
    text = f"hi {FAMILY} there"
    start = text.index(FAMILY)
    # Only the skin-tone modifier (the second code point of the sequence).
    u_start, u_end = Utf16Index(text).span_to_utf16(start + 1, start + 2)
    assert utf16_slice(text, u_start, u_end) == FAMILY


def test_half_a_flag_becomes_the_whole_flag():
    text = f"go {FLAG_FR}!"
    start = text.index(FLAG_FR)
    u_start, u_end = Utf16Index(text).span_to_utf16(start, start + 1)
    assert utf16_slice(text, u_start, u_end) == FLAG_FR


def test_empty_span_stays_empty_and_out_of_range_is_clamped():
    text = f"{FLAG_FR}ab"
    index = Utf16Index(text)
    assert index.span_to_utf16(3, 3) == (5, 5)
    assert index.span_to_utf16(0, 99) == (0, 6)
    assert index.to_utf16(-5) == 0


def test_utf16_back_to_code_points_rounds_a_surrogate_half_down():
    text = f"a{MATH_A}b"
    index = Utf16Index(text)
    assert [index.to_code_points(u) for u in range(5)] == [0, 1, 1, 2, 3]


@given(st.text())
def test_conversion_matches_utf16_encoding_for_any_text(text):
    index = Utf16Index(text)
    for i in range(len(text) + 1):
        assert index.to_utf16(i) == len(text[:i].encode("utf-16-le")) // 2
        assert index.to_code_points(index.to_utf16(i)) == i


@given(st.text(min_size=1), st.data())
def test_snapped_span_always_covers_the_requested_characters(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    index = Utf16Index(text)
    u_start, u_end = index.span_to_utf16(start, end)
    assert 0 <= u_start <= index.to_utf16(start)
    assert index.to_utf16(end) <= u_end <= index.utf16_length
    if end > start:
        assert text[start:end] in utf16_slice(text, u_start, u_end)
