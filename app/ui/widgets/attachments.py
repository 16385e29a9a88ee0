"""The draft's attached images: "Attach image…", one chip per image (its thumbnail, click to
remove), pictures pasted or dropped, and asking for descriptions (alt text)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from app.core.model import ImageAttachment
from app.ui import theme


class AttachmentsBar(QWidget):
    """The attach button and the attached images of one draft.

    Signals:
        changed: images were added, removed or described.
        status(str): a sentence for the status bar.
    """

    changed = Signal()
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.attach_button = QPushButton("Attach image…", self)
        self.attach_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.attach_button.setAccessibleName("Attach an image")
        row.addWidget(self.attach_button)
        self.chips_layout = QHBoxLayout()
        row.addLayout(self.chips_layout)
        row.addStretch(1)
        self.images: list[ImageAttachment] = []

    def chips(self) -> list[QWidget]:
        """The image chips, in order (for the Tab order)."""
        chips: list[QWidget] = []
        for index in range(self.chips_layout.count()):
            item = self.chips_layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None:
                chips.append(widget)
        return chips

    def set_images(self, images: Sequence[ImageAttachment]) -> None:
        """Show ``images`` (a draft opened or finished); ``changed`` is not emitted."""
        self.images = list(images)
        self.refresh()

    def add(self, images: Sequence[ImageAttachment]) -> None:
        """Attach ``images``."""
        self.images.extend(images)
        self.refresh()
        self.changed.emit()

    def add_files(self, paths: Sequence[Path]) -> None:
        """Attach image files (dropped or pasted); the check's "no description" finding asks
        for their descriptions."""
        self.add([ImageAttachment(Path(path), "") for path in paths])

    def add_pasted(self, picture: object, folder: Callable[[], Path] | None) -> None:
        """A picture pasted from the clipboard: saved as a PNG file in ``folder()`` (posting
        reads files), then attached."""
        import time

        from PySide6.QtGui import QImage

        if not isinstance(picture, QImage) or picture.isNull():
            return
        if folder is None:
            self.status.emit("Pasted pictures cannot be attached here; save it as a file and "
                             "attach that.")
            return
        path = folder() / (f"pasted-{time.strftime('%Y%m%d-%H%M%S')}-"
                           f"{len(self.images) + 1}.png")
        if not picture.save(str(path)):  # PNG, from the file name
            self.status.emit("The pasted picture could not be saved; nothing was attached.")
            return
        self.add_files([path])

    def undescribed(self) -> list[ImageAttachment]:
        """The images without a description."""
        return [image for image in self.images if not image.alt_text.strip()]

    def describe(self, ask: Callable[[ImageAttachment], str | None]) -> None:
        """Ask for the description of each image that has none (stops when cancelled)."""
        for image in self.undescribed():
            text = ask(image)
            if text is None:
                break
            if text:
                self.images[self.images.index(image)] = dataclasses.replace(image,
                                                                            alt_text=text)
        self.refresh()
        self.changed.emit()

    def remove(self, image: ImageAttachment) -> None:
        """Detach ``image``."""
        if image in self.images:
            self.images.remove(image)
            self.refresh()
            self.changed.emit()

    def refresh(self) -> None:
        """Rebuild the chips: a thumbnail, the name, click to remove."""
        from app.ui.widgets.thumbnails import thumbnail

        while self.chips_layout.count():
            item = self.chips_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for image in self.images:
            chip = QPushButton(f"{image.path.name} ✕", self)
            chip.setFlat(True)
            chip.setStyleSheet(theme.FLAT_BUTTON_STYLE)
            pixmap = thumbnail(image.path, 40)
            if pixmap is not None:
                from PySide6.QtGui import QIcon

                chip.setIcon(QIcon(pixmap))
                chip.setIconSize(pixmap.size())
            chip.setToolTip(f"Alt text: {image.alt_text or '(none)'} — click to remove")
            chip.setAccessibleName(f"Remove image {image.path.name}")
            chip.clicked.connect(lambda _=False, i=image: self.remove(i))
            self.chips_layout.addWidget(chip)
