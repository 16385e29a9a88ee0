"""Guard against a Qt binding that corrupts reference counts (PySide6 6.12.0 on Python 3.11
drops a reference to None on every void call and to True on every emit(); the app then aborts
with "none_dealloc" after a few thousand calls)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class _Emitter(QObject):
    changed = Signal()


def test_void_calls_and_emits_keep_none_and_true_alive(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    emitter = _Emitter()
    emitter.changed.connect(lambda: None)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        widget.setEnabled(True)
        emitter.changed.emit()
    # A few references may come and go elsewhere; a leak of one per call is 2000.
    assert abs(sys.getrefcount(None) - none_before) < 100
    assert abs(sys.getrefcount(True) - true_before) < 100
