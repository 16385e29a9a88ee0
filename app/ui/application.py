"""Start the Qt application: the composition root of the GUI."""

from __future__ import annotations

import os
import sys

from app import APP_ID, APP_NAME, __version__
from app.paths import AppPaths

NO_DISPLAY_MESSAGE = (
    "Twofold: no desktop display found (DISPLAY and WAYLAND_DISPLAY are unset). "
    "The window was opened off-screen and closed again; run Twofold from a desktop session "
    "to use it."
)


def _has_display() -> bool:
    """Whether a window can be shown to a person on this machine."""
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True  # The caller chose a platform (offscreen in tests); respect it.
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _quiet_offscreen_messages(mode: object, context: object, message: str) -> None:
    """Drop the offscreen plugin's chatter after the user was told there is no display."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def run_gui(paths: AppPaths, *, quit_after_show: bool = False) -> int:
    """Open the main window and run the event loop; return the exit code.

    With ``quit_after_show`` the application quits as soon as the window has been shown.
    Without a display (a headless server) it says so, opens the window off-screen and quits,
    rather than aborting inside Qt with a cryptic platform-plugin error.
    """
    headless = not _has_display()
    if headless:
        sys.stderr.write(NO_DISPLAY_MESSAGE + "\n")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        quit_after_show = True

    from PySide6.QtCore import QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    if headless:
        qInstallMessageHandler(_quiet_offscreen_messages)

    from app.ui.main_window import MainWindow

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_app.setApplicationName(APP_NAME)
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName(APP_ID)

    window = MainWindow(paths)
    if quit_after_show:
        window.shown.connect(lambda: QTimer.singleShot(0, qt_app.quit))
    window.show()
    return qt_app.exec()
