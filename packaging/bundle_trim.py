"""What the PyInstaller bundle leaves out, and why: shared by build.spec and the bare-window spec.

PyInstaller's Qt hooks collect every plugin of every plugin type a Qt module might use, all of
Qt's translations, and then every shared library those plugins link to (on Linux that drags in
GTK 3, Cairo, Pango and ATK from the build machine for the GTK platform theme alone). Twofold
uses QtCore, QtGui and QtWidgets on a desktop (X11 or Wayland) and offscreen (smoke tests), shows
SVG icons and JPEG/PNG/GIF/WebP avatars, and has no translations; everything else goes.

Two steps, each reported in the build log with its size:

1. :func:`drop_unused_qt` removes Qt plugins and translation files by name.
2. :func:`drop_orphan_libraries` (Linux) then removes shared libraries that nothing kept links
   to any more, by walking the ELF ``NEEDED`` entries from what stays (Python extension
   modules, the Python library, the Qt plugins kept).

Only names are matched here (``libqeglfs.so``, ``qeglfs.dll`` and ``libqeglfs.dylib`` are all
"qeglfs"), so the same rules serve the Windows and macOS builds.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import PurePosixPath

# Python modules of PySide6 Twofold never imports (the hooks would otherwise follow them in
# through the bindings' cross-references: QtNetwork alone brings its TLS, network-information
# and Kerberos libraries).
QT_MODULE_EXCLUDES = (
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtPrintSupport",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtWebEngineCore",
    "PySide6.QtMultimedia",
    "PySide6.Qt3DCore",
)

# Tk is reached through optional imports of the standard library and never used. Pillow only
# decodes attached PNG, JPEG, GIF and WebP images to verify them (app/networks/images.py):
# its AVIF codec (libavif, ~5 MiB), colour management (lcms2) and Tk/Qt bridges are never
# used, and Pillow treats a missing AVIF module as "format not supported".
PYTHON_EXCLUDES = ("tkinter", "PIL._avif", "PIL.ImageCms", "PIL._imagingcms", "PIL.ImageTk",
                   "PIL._imagingtk", "PIL.ImageQt")

# Whole plugin folders: input for bare framebuffers (evdev, tslib), embedded EGL devices, Qt
# Network's plugins, and styles other than the platform's own.
DROPPED_PLUGIN_TYPES = frozenset({
    "generic", "egldeviceintegrations", "networkinformation", "tls", "position",
    "sqldrivers", "printsupport",
})

# Single plugins, by name without "lib" and extension.
DROPPED_PLUGINS = frozenset({
    # platforms: kiosk and embedded back-ends (desktops use xcb/wayland, Windows and macOS
    # their own; tests use offscreen).
    "qeglfs", "qlinuxfb", "qminimal", "qminimalegl", "qvnc", "qvkkhrdisplay", "qdirect2d",
    # platformthemes: GTK 3 alone pulls ~15 MiB of GTK, Cairo and Pango libraries from the
    # build machine; Qt's built-in GNOME/KDE handling and the portal theme remain.
    "qgtk3",
    # imageformats Twofold never reads (avatars are PNG, JPEG, GIF or WebP; icons are SVG).
    "qtiff", "qtga", "qwbmp", "qicns", "qpdf",
    # wayland shell integrations of embedded compositors (desktops speak xdg-shell).
    "ivi-shell", "fullscreen-shell-v1", "wl-shell-plugin", "qt-shell",
})

_PLUGIN_PATH = re.compile(r"(?:^|/)plugins/(?P<type>[^/]+)/(?P<file>[^/]+)$")
_TRANSLATION_PATH = re.compile(r"(?:^|/)translations/[^/]+\.qm$")

Entry = tuple  # PyInstaller TOC entry: (dest_name, src_name, typecode)


def _plugin_name(filename: str) -> str:
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def _dest(entry: Entry) -> str:
    return PurePosixPath(str(entry[0]).replace(os.sep, "/")).as_posix()


def _size(entry: Entry) -> int:
    try:
        return os.path.getsize(entry[1])
    except OSError:
        return 0


def is_dropped_qt_file(dest: str) -> bool:
    """Whether a bundle path is a Qt plugin or translation Twofold does not use."""
    if _TRANSLATION_PATH.search(dest):
        return True
    match = _PLUGIN_PATH.search(dest)
    if not match:
        return False
    return (match["type"] in DROPPED_PLUGIN_TYPES
            or _plugin_name(match["file"]) in DROPPED_PLUGINS)


def _report(log: Callable[[str], None], what: str, dropped: Sequence[Entry]) -> None:
    total = sum(_size(entry) for entry in dropped)
    log(f"bundle_trim: {what}: {len(dropped)} files, {total / 2**20:.1f} MiB")
    for entry in sorted(dropped, key=_size, reverse=True)[:12]:
        log(f"bundle_trim:   {_size(entry) / 2**20:6.2f} MiB  {_dest(entry)}")


def drop_unused_qt(entries: Iterable[Entry], log: Callable[[str], None] = print) -> list[Entry]:
    """``entries`` without the Qt plugins and translations listed above."""
    kept, dropped = [], []
    for entry in entries:
        (dropped if is_dropped_qt_file(_dest(entry)) else kept).append(entry)
    _report(log, "unused Qt plugins and translations", dropped)
    return kept


def _is_shared_library(dest: str) -> bool:
    name = dest.rsplit("/", 1)[-1]
    return ".so" in name and not _is_python_extension(name)


def _is_python_extension(name: str) -> bool:
    return bool(re.search(r"\.(cpython-[^.]+|abi3)\.so$", name))


def drop_orphan_libraries(binaries: Iterable[Entry],
                          log: Callable[[str], None] = print) -> list[Entry]:
    """Linux: ``binaries`` without the shared libraries nothing kept links to any more.

    Roots are everything that is not a plain shared library (Python extension modules, Qt
    plugins, executables) plus the Python library the bootloader opens. Libraries reachable
    from them through ``NEEDED`` stay; the rest were only there for a dropped plugin.
    """
    entries = list(binaries)
    if not sys.platform.startswith("linux"):
        return entries
    from PyInstaller.depend.bindepend import get_imports

    by_name: dict[str, list[Entry]] = {}
    for entry in entries:
        by_name.setdefault(_dest(entry).rsplit("/", 1)[-1], []).append(entry)
    roots = [e for e in entries
             if not _is_shared_library(_dest(e)) or "/plugins/" in _dest(e)
             or _dest(e).rsplit("/", 1)[-1].startswith("libpython")]
    reached: set[int] = set()
    pending = list(roots)
    while pending:
        entry = pending.pop()
        if id(entry) in reached:
            continue
        reached.add(id(entry))
        try:
            needed = get_imports(entry[1])
        except Exception:  # noqa: BLE001 - not an ELF file (a script or data): no links
            continue
        for name, _path in needed:
            pending.extend(by_name.get(os.path.basename(name), []))
    kept = [e for e in entries if id(e) in reached]
    dropped = [e for e in entries if id(e) not in reached]
    _report(log, "libraries only the dropped plugins needed", dropped)
    return kept


def drop_dangling_links(entries: Iterable[Entry], binaries: Iterable[Entry],
                        log: Callable[[str], None] = print) -> list[Entry]:
    """``entries`` without symbolic links whose target left the bundle."""
    present = {_dest(entry) for entry in binaries}
    kept, dropped = [], []
    for entry in entries:
        is_link = len(entry) > 2 and entry[2] == "SYMLINK"
        if is_link:
            target = (PurePosixPath(_dest(entry)).parent / str(entry[1])).as_posix()
            target = os.path.normpath(target).replace(os.sep, "/")
            if target not in present:
                dropped.append(entry)
                continue
        kept.append(entry)
    log(f"bundle_trim: links to dropped libraries: {len(dropped)}")
    return kept
