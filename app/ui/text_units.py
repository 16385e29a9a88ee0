"""Convert between the persona check's code-point offsets and Qt's UTF-16 positions.

Python strings index code points; ``QString``, ``QTextCursor`` and ``QTextDocument`` positions
count UTF-16 code units, where every character outside the Basic Multilingual Plane (most
emoji, flags, many CJK extension characters) takes two. A span computed by the engine must be
converted before it can highlight the right words, and snapped outwards to grapheme boundaries
so a highlight never splits an emoji sequence or separates a letter from its accent.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from PySide6.QtCore import QTextBoundaryFinder


def utf16_length(text: str) -> int:
    """How many UTF-16 code units ``text`` takes (its length as a Qt string)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Utf16Index:
    """Offsets of one text in both units, computed once per text.

    ``to_utf16(i)`` maps a code-point index (0..len(text)) to a UTF-16 position;
    ``to_code_points(u)`` maps a UTF-16 position back, rounding a position that falls inside a
    surrogate pair down to the character's start.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # prefix[i] = UTF-16 units before code point i; prefix[len(text)] = total length.
        self._prefix = [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]
        self._finder: QTextBoundaryFinder | None = None

    @property
    def utf16_length(self) -> int:
        """The text's length in UTF-16 code units."""
        return self._prefix[-1]

    def to_utf16(self, index: int) -> int:
        """The UTF-16 position of code point ``index`` (clamped to the text)."""
        return self._prefix[min(max(index, 0), len(self.text))]

    def to_code_points(self, position: int) -> int:
        """The code-point index of UTF-16 ``position`` (clamped; mid-pair rounds down)."""
        position = min(max(position, 0), self.utf16_length)
        return bisect_right(self._prefix, position) - 1

    def span_to_utf16(self, start: int, end: int, *, snap: bool = True) -> tuple[int, int]:
        """Convert the code-point span [start, end) to a UTF-16 span.

        With ``snap`` the span grows to whole grapheme clusters: the start moves back to the
        beginning of its cluster and the end forward to the end of its cluster, so a highlight
        covers "é" written as e + combining accent, or a whole family emoji, and never half.
        """
        if end < start:
            start, end = end, start
        u_start, u_end = self.to_utf16(start), self.to_utf16(end)
        if not snap or not self.text:
            return u_start, u_end
        finder = self._boundaries()
        finder.setPosition(u_start)
        if not finder.isAtBoundary():
            previous = finder.toPreviousBoundary()
            u_start = previous if previous >= 0 else 0
        if u_end > u_start or end > start:
            finder.setPosition(u_end)
            if not finder.isAtBoundary():
                following = finder.toNextBoundary()
                u_end = following if following >= 0 else self.utf16_length
        return u_start, max(u_start, u_end)

    def _boundaries(self) -> QTextBoundaryFinder:
        if self._finder is None:
            self._finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme,
                                               self.text)
        return self._finder
