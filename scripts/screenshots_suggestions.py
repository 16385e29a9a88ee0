"""Screenshots of the "Asked to share" inbox and of sharing a suggestion, for the README.

    .venv/bin/python scripts/screenshots_suggestions.py   # docs/screenshots/suggestions-*.png

Like ``scripts/screenshots.py`` (which it borrows its Xvfb relaunch from): the real window on
the composition root's services in a throw-away profile, the organisation's file with inline
suggestions, and its feed served by the test suite's feed server on 127.0.0.1. Nothing is
posted; sign-ins are kept in memory; the real keychain and home folder are never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"

PACK = """version = 1
[employer]
name = "Acme Magazine"
aliases = ["Acme Mag", "@acmemag"]
domains = ["acmemag.com"]
[[partners]]
name = "Brightside Cosmetics"
aliases = ["Brightside"]
domains = ["brightside.example"]
"""

ORGANISATION = """organisation = "Acme Magazine"
suggestions_feed = "{feed}"

[[suggestions]]
id = "spring-issue"
title = "The spring issue is out"
text = "Our spring issue is out now: twelve recipes for busy weeknights and a garden guide."
link = "https://acmemag.com/spring"
"""


def main() -> int:
    if "--inside" not in sys.argv:
        return relaunch()
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="twofold-shots-") as profile:
        os.environ["TWOFOLD_PROFILE_DIR"] = profile
        os.environ["HOME"] = profile
        os.environ["PYTHON_KEYRING_BACKEND"] = "app.store.memory_keyring.MemoryKeyring"
        return take(Path(profile))


def relaunch() -> int:
    """Run this script under a virtual X server (or the display already set)."""
    import shutil
    import subprocess

    command = [sys.executable, str(Path(__file__).resolve()), "--inside"]
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    if os.environ.get("DISPLAY"):
        return subprocess.call(command, env=env)
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        print("screenshots: xvfb-run not found; install it with: apt-get install xvfb xauth",
              file=sys.stderr)
        return 1
    return subprocess.call([xvfb, "-a", "-s", "-screen 0 1600x1100x24 -dpi 96", *command],
                           env=env)


def take(profile: Path) -> int:
    from PySide6.QtWidgets import QApplication, QStyleFactory

    from app.core.model import Account, Network, Owner, Persona
    from app.paths import init_paths
    from app.store.store import Store
    from app.ui.application import build_services
    from app.ui.main_window import MainWindow
    from app.ui.workers import TaskRunner
    from tests.feed_server import FeedServer, json_feed

    app = QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    OUT.mkdir(parents=True, exist_ok=True)

    def wait(condition, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit("screenshots: timed out waiting for the window")
            app.processEvents()
            time.sleep(0.01)

    def shoot(widget, name: str) -> None:
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        path = OUT / name
        widget.grab().save(str(path))
        print(f"wrote {path.relative_to(REPO)}")

    feeds = FeedServer()
    url = feeds.serve("/share.json", json_feed(
        {"id": "glow", "title": "Brightside Glow is in every copy",
         "content_html": "<p>Every copy of the spring issue comes with a sample of "
                         "<b>Brightside's new Glow serum</b>. Pick yours up this week!</p>",
         "url": "https://brightside.example/glow"},
        {"id": "awards", "title": "We are shortlisted",
         "content_text": "Acme Magazine is shortlisted for Magazine of the Year at the "
                         "Press Awards. Thank you to every reader!",
         "url": "https://acmemag.com/awards"},
        {"id": "survey", "title": "Reader survey",
         "content_text": "Tell us what you want to read next: the reader survey is open "
                         "until Friday.", "url": "https://acmemag.com/survey"}),
        "application/feed+json", etag='"v1"')
    paths = init_paths(profile / "main")
    site = paths.site_config_dir()
    site.mkdir(parents=True, exist_ok=True)
    (site / "policy.toml").write_text(PACK, encoding="utf-8")
    (site / "managed.toml").write_text(ORGANISATION.format(feed=url), encoding="utf-8")
    services = build_services(paths)
    runner = TaskRunner()
    try:
        with Store(paths) as store:
            for account in (
                Account(Network.BLUESKY, "dana-acme.bsky.social", Persona.WORK,
                        display_name="Dana at Acme"),
                Account(Network.LINKEDIN, "dana-reyes", Persona.WORK,
                        display_name="Dana Reyes"),
                Account(Network.MASTODON, "acmemag", Persona.WORK, Owner.EMPLOYER,
                        server="https://social.example", display_name="Acme Magazine"),
                Account(Network.BLUESKY, "danareyes.bsky.social", Persona.PERSONAL,
                        display_name="Dana"),
                Account(Network.X, "danadoesthings", Persona.PERSONAL, display_name="dana"),
            ):
                store.accounts.add(account)
        window = MainWindow(paths, services, runner)
        window.resize(1360, 900)
        window.show()
        wait(lambda: window.is_loaded and window.new_suggestions == 4)
        window.statusBar().clearMessage()
        inbox = services.suggestions
        assert inbox is not None
        survey = next(s for s in inbox.list_suggestions() if s.title == "Reader survey")
        inbox.decline(survey.id)
        window.open_suggestions()
        dialog = window.suggestions_dialog
        wait(lambda: dialog.list.count() == 3)
        dialog.list.setCurrentRow(1)
        shoot(dialog, "suggestions-inbox.png")
        dialog.share_current()
        composer = window.composer
        wait(lambda: composer.suggestion is not None)
        composer.editor.setPlainText(composer.text().replace(
            "Pick yours up this week!", "I tried it on the train this morning: light, and it "
            "smells of cucumber. Pick yours up this week!"))
        wait(lambda: composer.live_check.is_current(composer._round)
             and composer._round is not None and bool(composer._round.text))
        shoot(window, "suggestions-share.png")
        window.close()
    finally:
        runner.wait_for_done(30_000)
        services.close()
        feeds.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
