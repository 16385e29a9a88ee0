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
from bench.window_harness import open_loaded_window  # noqa: E402

app = QApplication(sys.argv[:1])
window, services, runner = open_loaded_window(app, init_paths(os.environ["TWOFOLD_PROFILE_DIR"]))
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
