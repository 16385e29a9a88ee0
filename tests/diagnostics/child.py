"""Twofold's real entry point with the ``paths`` command made to fail in one way (run by
test_cli_diagnostics.py).

    python -m tests.diagnostics.child MODE [twofold arguments ...]

MODE: ``raise`` (an exception nobody catches, carrying a secret in its message), ``engine``
(an engine-style ``log.exception`` followed by the command's own one-line error), ``thread``
(a background thread dies; the command itself succeeds), ``segfault`` (a fatal signal),
``window-segfault`` (a fatal signal where the window would start; run without a command).
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading

import app.cli.paths_cmd
import app.ui.application
from app.cli.common import error
from app.main import main

SECRET = "hunter2-Secret-Value-9f8e7d6c5b4a"


def fail_with(mode: str) -> None:
    def run(args: object, paths: object) -> int:
        if mode == "raise":
            raise RuntimeError(f"server echoed password={SECRET}")
        if mode == "engine":
            try:
                raise ConnectionError("the server hung up")
            except ConnectionError:
                logging.getLogger("app.networks.engine").exception(
                    "posting to account %s failed unexpectedly", 3)
            return error("Account 3: the post may not have gone out.")
        if mode == "thread":
            thread = threading.Thread(target=lambda: 1 / 0, name="avatar-download")
            thread.start()
            thread.join()
            return 0
        if mode == "segfault":
            faulthandler._sigsegv()
        return 0

    app.cli.paths_cmd.run = run
    if mode == "window-segfault":
        app.ui.application.run_gui = lambda *args, **options: faulthandler._sigsegv()


if __name__ == "__main__":
    fail_with(sys.argv[1])
    sys.exit(main(sys.argv[2:]))
