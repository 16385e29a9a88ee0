"""Colours, labels, icons and avatars shared by the widgets.

Everything follows the system palette: no hard-coded window or text colours. The few accent
colours (finding categories, identity colours) are chosen to read on light and dark
backgrounds, and are lightened when the palette is dark. Colour is never the only cue: every
coloured thing also carries a word (the identity's label, the severity's name).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette, QPixmap

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

from app.core.model import Account, Network, Owner, Persona, Severity
from app.paths import resources_dir

CATEGORY_LABELS = {
    "persona": "Wrong identity",
    "accessibility": "Accessibility",
    "conduct": "Conduct",
    "disclosure": "Disclosure",
    "confidential": "Confidential",
    "limit": "Network limits",
    "frequency": "Promotion budget",
    "duplicate": "Duplicate",
    "privacy": "Privacy",
}

# Accents for highlights and finding cards, light-palette values.
CATEGORY_COLOURS = {
    "persona": "#8250df",
    "accessibility": "#1a7f37",
    "conduct": "#cf222e",
    "disclosure": "#0a7ea4",
    "confidential": "#a40e26",
    "limit": "#6e7781",
    "frequency": "#9a6700",
    "duplicate": "#1a7f37",
    "privacy": "#bf3989",
}
FALLBACK_CATEGORY_COLOUR = "#57606a"

SEVERITY_LABELS = {
    Severity.BLOCK: "Blocks posting",
    Severity.WARN: "Check before posting",
    Severity.INFO: "Note",
}
_SEVERITY_ICON_FILES = {Severity.BLOCK: "block", Severity.WARN: "warn", Severity.INFO: "info"}

PERSONA_DESCRIPTIONS = {
    Persona.WORK: "Work identity",
    Persona.PERSONAL: "Personal identity",
}


# Flat buttons (link-like: "Tick all", an attached image's chip) get no focus frame from
# styles such as Fusion; this one draws it, so keyboard focus is always visible.
# A list that takes Tab focus (to scroll it with the keys) shows it: frameless scroll areas
# draw no focus indication of their own.
SCROLL_FOCUS_STYLE = ("QScrollArea { border: 2px solid transparent; }"
                      "QScrollArea:focus { border: 2px solid palette(highlight);"
                      " border-radius: 3px; }")
FLAT_BUTTON_STYLE = (
    "QPushButton { border: 2px solid transparent; border-radius: 4px; padding: 1px 6px; }"
    "QPushButton:hover { border-color: palette(mid); }"
    "QPushButton:focus { border-color: palette(highlight); }"
)


def category_label(category: str) -> str:
    """The category's name as shown to people."""
    return CATEGORY_LABELS.get(category, category.replace("_", " ").capitalize())


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the palette in force has a dark window background."""
    if palette is None:
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def category_colour(category: str, palette: QPalette | None = None) -> QColor:
    """The accent colour of a finding category, adjusted to the palette."""
    colour = QColor(CATEGORY_COLOURS.get(category, FALLBACK_CATEGORY_COLOUR))
    return colour.lighter(160) if is_dark(palette) else colour


def identity_colour(account: Account, palette: QPalette | None = None) -> QColor:
    """The account's colour band, slightly lightened on a dark palette."""
    colour = QColor(account.shown_colour)
    if not colour.isValid():
        colour = QColor("#808080")
    return colour.lighter(125) if is_dark(palette) else colour


def persona_label(persona: Persona) -> str:
    """Short upper-case label shown next to every account ("WORK", "PERSONAL")."""
    return persona.label.upper()


def account_title(account: Account) -> str:
    """``@handle`` (or the handle as typed when it is not an @-name)."""
    handle = account.handle.strip()
    return handle if handle.startswith("@") or not handle else f"@{handle}"


def account_description(account: Account) -> str:
    """One line for screen readers and confirmations: who, where, which identity, whose."""
    owner = " (the employer's brand account)" if account.owner is Owner.EMPLOYER else ""
    return (f"{account_title(account)} on {account.network.display_name}, "
            f"{account.persona.label} identity{owner}")


def _icon_path(*parts: str) -> Path:
    return resources_dir().joinpath("icons", *parts)


@cache
def network_icon(network: Network) -> QIcon:
    """The network's SVG icon (sharp at any scale), named as descriptors name it (without
    importing the network's module)."""
    from app.networks.descriptor import icon_file

    return QIcon(str(_icon_path("networks", icon_file(network))))


@cache
def severity_icon(severity: Severity) -> QIcon:
    """Shape-coded severity icon: octagon (block), triangle (warn), circle (note)."""
    return QIcon(str(_icon_path("ui", f"{_SEVERITY_ICON_FILES[severity]}.svg")))


@cache
def ok_icon() -> QIcon:
    """Green tick: no problems found."""
    return QIcon(str(_icon_path("ui", "ok.svg")))


@cache
def app_icon() -> QIcon:
    """Twofold's own icon."""
    return QIcon(str(_icon_path("twofold.svg")))


def avatar_pixmap(account: Account, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """A round avatar: the cached picture when there is one, else the handle's initial on the
    account's colour. Drawn at the screen's pixel ratio so it stays sharp on high-DPI."""
    # Imported here: these classes are costly to load and no avatar is drawn before the
    # accounts are read, after the window is on screen.
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QBrush, QFont, QPainter, QPainterPath

    pixels = max(1, round(size * device_pixel_ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    clip = QPainterPath()
    clip.addEllipse(QRectF(0, 0, pixels, pixels))
    picture = _load_avatar(account.avatar_path)
    if picture is not None:
        painter.setClipPath(clip)
        scaled = picture.scaled(pixels, pixels, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                Qt.TransformationMode.SmoothTransformation)
        painter.drawImage(0, 0, scaled)
    else:
        painter.fillPath(clip, QBrush(QColor(account.shown_colour)))
        painter.setPen(QColor("#ffffff"))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(6, int(pixels * 0.46)))
        painter.setFont(font)
        initial = next((ch for ch in account.handle if ch.isalnum()), "?").upper()
        painter.drawText(QRectF(0, 0, pixels, pixels), Qt.AlignmentFlag.AlignCenter, initial)
    painter.end()
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


def _load_avatar(path: Path | None) -> QImage | None:
    if path is None:
        return None
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    return None if image.isNull() else image


def icon_pixmap(icon: QIcon, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """Render ``icon`` at ``size`` logical pixels for the given pixel ratio."""
    return icon.pixmap(QSize(size, size), device_pixel_ratio)
