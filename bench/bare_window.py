"""Baseline for bench/startup.py: the smallest PySide6 program that shows a window and quits."""

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class Window(QMainWindow):
    def showEvent(self, event):  # noqa: N802 (Qt override)
        super().showEvent(event)
        if os.environ.get("TWOFOLD_REPORT_SHOWN"):  # bench/startup.py: when it appeared
            print(f"shown-at {time.time():.6f}", flush=True)
        QTimer.singleShot(0, QApplication.instance().quit)


app = QApplication(sys.argv[:1])
window = Window()
window.setWindowTitle("bare")
window.resize(960, 640)
window.show()
sys.exit(app.exec())
