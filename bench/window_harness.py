"""Shared by the window benchmarks: open the real Twofold window and wait for its accounts."""

from __future__ import annotations

import time


def open_loaded_window(app, paths, *, timeout: float = 30.0):
    """Build the real services and main window for ``paths``, show it, and pump events until
    the accounts have loaded. Returns ``(window, services, runner)``."""
    from app.ui.application import build_services
    from app.ui.main_window import MainWindow
    from app.ui.workers import TaskRunner

    services = build_services(paths)
    runner = TaskRunner()
    window = MainWindow(paths, services, runner, background=False)
    window.show()
    window.load()  # reads the accounts on a worker
    deadline = time.monotonic() + timeout
    while not window.is_loaded and time.monotonic() < deadline:
        app.processEvents()
    if not window.is_loaded:
        raise SystemExit("the accounts never loaded")
    return window, services, runner
