"""Small pictures of attached images for the composer, the previews and the confirmation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPixmap


def thumbnail(path: Path, side: int = 56) -> QPixmap | None:
    """The image at ``path`` scaled to fit ``side`` pixels, upright (its EXIF orientation
    applied, as it will be posted); None when it cannot be read. Only the scaled size is
    decoded, so a large photo costs little."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        return None
    scale = side / max(size.width(), size.height())
    if scale < 1:
        reader.setScaledSize(QSize(max(1, round(size.width() * scale)),
                                   max(1, round(size.height() * scale))))
    image = reader.read()
    if image.isNull():
        return None
    return QPixmap.fromImage(image)
