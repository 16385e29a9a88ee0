"""What the bundle keeps and drops (packaging/bundle_trim.py), and the icons the packages carry."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "packaging"))

import bundle_trim  # noqa: E402
import package  # noqa: E402

QT = Path(PySide6.__file__).parent / "Qt"


@pytest.mark.parametrize("path", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/qwindows.dll",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/plugins/imageformats/libqwebp.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
])
def test_what_the_window_needs_stays(path):
    assert not bundle_trim.is_dropped_qt_file(path)


@pytest.mark.parametrize("path", [
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6/Qt/plugins/imageformats/qtiff.dll",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
])
def test_unused_plugins_and_translations_go(path):
    assert bundle_trim.is_dropped_qt_file(path)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF links are Linux's")
def test_libraries_only_a_dropped_plugin_needed_go_and_the_rest_stay():
    def entry(relative: str) -> tuple[str, str, str]:
        return (f"PySide6/Qt/{relative}", str(QT / relative), "BINARY")

    kept_plugin = entry("plugins/platforms/libqoffscreen.so")
    core, gui = entry("lib/libQt6Core.so.6"), entry("lib/libQt6Gui.so.6")
    network = entry("lib/libQt6Network.so.6")  # nothing kept links it
    kept = bundle_trim.drop_orphan_libraries([kept_plugin, core, gui, network], log=lambda _: None)
    assert kept == [kept_plugin, core, gui]


def test_icons_are_rendered_for_every_package(tmp_path):
    subprocess.run([sys.executable, str(REPO / "packaging" / "package.py"), "icons", "--out",
                    str(tmp_path)], check=True, capture_output=True, timeout=120)
    for size in package.PNG_SIZES:
        png = (tmp_path / f"twofold-{size}.png").read_bytes()
        assert png.startswith(b"\x89PNG")
        assert struct.unpack(">II", png[16:24]) == (size, size)
    ico = (tmp_path / "twofold.ico").read_bytes()
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 6)  # an icon file with six images
    icns = (tmp_path / "twofold.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
