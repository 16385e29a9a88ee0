"""In the window: an unexpected error opens one plain dialog naming the log file, the details
go to the log, the window keeps working; a failing background task is logged with its
traceback."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from app.diagnostics import start_diagnostics
from app.paths import init_paths
from app.ui.crash_dialog import CrashDialogs


@pytest.fixture
def diagnostics(profile_dir):
    started = start_diagnostics(init_paths(profile_dir), environ={}, crash_handler="off")
    yield started
    started.close()


@pytest.fixture
def window(qtbot, diagnostics):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.dialogs = CrashDialogs(widget)
    diagnostics.add_crash_listener(widget.dialogs.report)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    diagnostics.remove_crash_listener(widget.dialogs.report)


def logged(diagnostics) -> str:
    return diagnostics.log_file.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_opens_one_plain_dialog_and_the_window_carries_on(
        qtbot, window, diagnostics):
    def on_click():
        raise KeyError("draft 7")

    button = QPushButton("Post", window)
    button.clicked.connect(on_click)
    button.show()
    button.click()
    button.click()  # the same error again while the dialog is open: logged, no second dialog

    qtbot.waitUntil(lambda: window.dialogs.dialog is not None)
    dialog = window.dialogs.dialog
    assert dialog.text() == ("Twofold ran into an unexpected problem (KeyError); details are "
                             f"in {diagnostics.log_file}")
    assert window.findChildren(type(dialog)) == [dialog]
    qtbot.waitUntil(lambda: logged(diagnostics).count("unexpected KeyError") == 2)
    assert "in on_click" in logged(diagnostics)
    assert "KeyError: 'draft 7'" in logged(diagnostics)

    ticks = []
    QTimer.singleShot(0, lambda: ticks.append(1))  # the event loop still runs
    qtbot.waitUntil(lambda: ticks == [1])
    assert window.isVisible()
    dialog.accept()
    qtbot.waitUntil(lambda: window.dialogs.dialog is None)


def test_an_error_in_a_plain_thread_reaches_the_dialog_too(qtbot, window, diagnostics):
    thread = threading.Thread(target=lambda: [][1], name="preview-loader")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: window.dialogs.dialog is not None)
    assert "(IndexError)" in window.dialogs.dialog.text()
    assert "unexpected IndexError in thread preview-loader" in logged(diagnostics)
    window.dialogs.dialog.accept()


def test_a_failing_background_task_is_logged_with_its_traceback(qtbot, runner, diagnostics):
    errors = []

    def load_avatar():
        raise TimeoutError("avatar server too slow")

    runner.run(load_avatar, on_error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    text = logged(diagnostics)
    assert "background task tests.ui.test_diagnostics_ui." in text
    assert "load_avatar failed" in text
    assert "Traceback (most recent call last)" in text
    assert 'raise TimeoutError("avatar server too slow")' in text
