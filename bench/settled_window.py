"""For bench/startup.py: the real Twofold window in use — store open, accounts shown, a draft
typed and checked by the real persona check — then quit. Its peak memory is the app's
working size, beyond the bare start-up that ``--quit-after-show`` measures."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.paths import init_paths  # noqa: E402
from app.ui.application import build_services  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.workers import TaskRunner  # noqa: E402

app = QApplication(sys.argv[:1])
paths = init_paths(os.environ["TWOFOLD_PROFILE_DIR"])
services = build_services(paths)
runner = TaskRunner()
window = MainWindow(paths, services, runner, background=False)
window.show()
window.load()  # reads the accounts on a worker
deadline = time.monotonic() + 30
while not window.is_loaded and time.monotonic() < deadline:
    app.processEvents()
if not window.is_loaded:
    raise SystemExit("the accounts never loaded")
text = "Big news: our spring issue is out, 20% off with code SPRING20 this week! #ad"
window.composer.editor.setPlainText(text)
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    app.processEvents()
    latest = window.composer.live_check.latest
    if latest is not None and latest.text == text and latest.results:
        break
else:
    raise SystemExit("the persona check never finished")
window.close()
runner.wait_for_done(10_000)
services.close()
