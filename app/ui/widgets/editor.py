"""The draft editor, with the persona check's findings highlighted in the text.

Highlights are extra selections: they never change the document, so they do not touch undo,
do not emit ``textChanged`` and cannot loop back into the check. Each highlight carries the
finding's message, shown as a tooltip when the pointer rests on the words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPoint, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from app.core.model import Severity


@dataclass(frozen=True)
class Highlight:
    """Words to mark: UTF-16 positions [start, end) in the editor's document."""

    start: int
    end: int
    colour: QColor
    severity: Severity
    message: str


# Underline style per severity (names of QTextCharFormat.UnderlineStyle members; the class
# is loaded on the first highlight, not at start-up). Shapes, not only colours, and ones that
# stay apart at 100 % zoom: a wave drawn one pixel high looks like a dotted line, dashes do not.
_UNDERLINES = {
    Severity.BLOCK: "SingleUnderline",
    Severity.WARN: "DashUnderline",
    Severity.INFO: "DotLine",
}


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def _image_paths(source: QMimeData) -> list[Path]:
    """Local image files among the pasted or dropped links."""
    if not source.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in source.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()]


def tooltip_markup(messages: Sequence[str]) -> str:
    """The messages as rich text: Qt wraps rich-text tooltips to a readable width instead of
    one line wider than the window."""
    escaped = (m.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
               for m in messages)
    return "".join(f"<p>{m}</p>" for m in escaped)


class DraftEditor(QPlainTextEdit):
    """Plain-text editor for the draft with finding highlights and their tooltips. Images
    pasted or dropped on it are handed on, not inserted as text.

    Signals:
        image_files_dropped(list): paths of image files pasted or dropped.
        image_pasted(QImage): a picture pasted from the clipboard (no file behind it).
    """

    image_files_dropped = Signal(list)
    image_pasted = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Draft")
        self.setAccessibleDescription(
            "The post you are writing. Problems found by the persona check are underlined; "
            "they are listed with their fixes in the Findings panel.")
        self.setPlaceholderText("Write your post here. Twofold checks it as you type.")
        self.setTabChangesFocus(True)  # Tab moves on to the next control (keyboard-first)
        self._highlights: list[Highlight] = []

    def highlights(self) -> list[Highlight]:
        """The highlights shown now."""
        return list(self._highlights)

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Replace the highlights. Overlaps are drawn in order, most severe last (on top)."""
        if not highlights and not self._highlights:
            return  # nothing to clear (and the text-format classes stay unloaded at start-up)
        from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat
        from PySide6.QtWidgets import QTextEdit

        ordered = sorted(highlights, key=lambda h: h.severity.rank)
        self._highlights = ordered
        length = self.document().characterCount() - 1
        selections = []
        for highlight in ordered:
            start, end = max(0, highlight.start), min(highlight.end, length)
            if end <= start:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            fmt = QTextCharFormat()
            tint = QColor(highlight.colour)
            tint.setAlpha(70 if highlight.severity is not Severity.INFO else 36)
            fmt.setBackground(tint)
            fmt.setUnderlineStyle(getattr(QTextCharFormat.UnderlineStyle,
                                          _UNDERLINES[highlight.severity]))
            fmt.setUnderlineColor(highlight.colour)
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt override)
        """Accept images (files or a copied picture) as well as text."""
        return bool(_image_paths(source)) or source.hasImage() or \
            super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        """Images become attachments; everything else is pasted as plain text."""
        paths = _image_paths(source)
        if paths:
            self.image_files_dropped.emit(paths)
            return
        if source.hasImage():
            self.image_pasted.emit(source.imageData())
            return
        super().insertFromMimeData(source)

    def messages_at(self, position: int) -> list[str]:
        """The messages of the highlights covering UTF-16 ``position``, most severe first."""
        found = [h for h in self._highlights if h.start <= position < h.end]
        found.sort(key=lambda h: -h.severity.rank)
        messages: list[str] = []
        for highlight in found:
            if highlight.message not in messages:
                messages.append(highlight.message)
        return messages

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Show the finding's message when the pointer rests on highlighted words."""
        if event.type() == QEvent.Type.ToolTip:
            from PySide6.QtGui import QHelpEvent
            from PySide6.QtWidgets import QToolTip

            if not isinstance(event, QHelpEvent):
                return super().viewportEvent(event)
            messages = self._messages_under(event.pos())
            if messages:
                QToolTip.showText(event.globalPos(), tooltip_markup(messages), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _messages_under(self, point: QPoint) -> list[str]:
        cursor = self.cursorForPosition(point)
        # cursorForPosition gives the nearest gap between characters; use the character
        # under the pointer, which is on the left of the gap when the pointer is past its middle.
        position = cursor.position()
        rect = self.cursorRect(cursor)
        if point.x() < rect.center().x() and position > 0:
            position -= 1
        return self.messages_at(position)

    def replace_range(self, start: int, end: int, text: str) -> None:
        """Replace UTF-16 [start, end) with ``text`` as one undoable step."""
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)

    def focus_at_end(self) -> None:
        """Put the caret at the end and focus the editor."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QTextCursor

        self.moveCursor(QTextCursor.MoveOperation.End)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
