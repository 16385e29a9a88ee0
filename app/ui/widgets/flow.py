"""A row of controls that stacks them when the window is too narrow for one line, so a row
of buttons or choices never forces a panel wider than the window (no sideways scrolling).

A widget around a standard QBoxLayout whose direction follows the width: left to right when
everything fits, top to bottom otherwise. (A Python QLayout subclass would do finer
wrapping, but Qt calls back into it while widgets are being destroyed, which is fragile.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QBoxLayout, QLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent


class WrappingRow(QWidget):
    """Controls in one line when they fit, one under the other when they do not."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(spacing)
        # The row's own minimum is its widest control, not the sum: it may get narrower
        # than one line, and then stacks.
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._layout.addStretch(1)  # controls keep their own size, to the left
        self._widgets: list[QWidget] = []

    def add(self, widget: QWidget) -> None:
        """Append a control."""
        self._layout.insertWidget(self._layout.count() - 1, widget)
        self._widgets.append(widget)
        self._arrange(self.width())

    def one_line_width(self) -> int:
        """The width everything needs side by side."""
        shown = [w for w in self._widgets if not w.isHidden()]
        return (sum(w.sizeHint().width() for w in shown)
                + self._layout.spacing() * max(0, len(shown) - 1))

    def is_stacked(self) -> bool:
        """Whether the controls are one under the other now."""
        return self._layout.direction() == QBoxLayout.Direction.TopToBottom

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As narrow as the widest control; as tall as the current arrangement."""
        width = max((w.minimumSizeHint().width() for w in self._widgets), default=0)
        return QSize(width, self._layout.sizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """The current arrangement's size."""
        return self._layout.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Choose the arrangement for the new width."""
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def _arrange(self, width: int) -> None:
        stacked = width > 0 and self.one_line_width() > width
        direction = (QBoxLayout.Direction.TopToBottom if stacked
                     else QBoxLayout.Direction.LeftToRight)
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)
            self.updateGeometry()
