"""Screenshots of the real Twofold window for the README, taken under Xvfb.

    .venv/bin/python scripts/screenshots.py          # writes docs/screenshots/*.png

Runs itself again under ``xvfb-run`` (Debian: apt-get install xvfb xauth) unless a display is
set. Everything is real: the composition root's store (in a throw-away profile), persona
check with a demo policy pack and posting engine; the Mastodon accounts post to the contract
server from the test suite on 127.0.0.1 (one answer is made to fail, to show "Retry
failed"); the Bluesky, X and LinkedIn accounts are only shown, never posted to. Sign-ins are
kept in memory; the real keychain and home folder are never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
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
[confidential]
terms = ["Project Falcon"]
"""


def main() -> int:
    if "--inside" not in sys.argv:
        return relaunch()
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="twofold-shots-") as profile:
        os.environ["TWOFOLD_PROFILE_DIR"] = profile
        os.environ["HOME"] = profile  # nothing may land in the real home
        os.environ["PYTHON_KEYRING_BACKEND"] = "app.store.memory_keyring.MemoryKeyring"
        return take_screenshots(Path(profile))


def relaunch() -> int:
    """Run this script under a virtual X server (or the display already set)."""
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


def take_screenshots(profile: Path) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication, QStyleFactory

    from app.core.model import Account, Network, Owner, Persona
    from app.paths import init_paths
    from app.ui.application import build_services
    from app.ui.main_window import MainWindow
    from app.ui.ports import ConnectRequest
    from app.ui.workers import TaskRunner
    from tests.mastodon_server import MastodonContractServer

    app = QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    OUT.mkdir(parents=True, exist_ok=True)

    def settle(seconds: float = 0.3) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)

    def wait(condition, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit("screenshots: timed out waiting for the window")
            app.processEvents()
            time.sleep(0.01)

    def shoot(widget, name: str) -> None:
        settle()
        path = OUT / name
        widget.grab().save(str(path))
        print(f"wrote {path.relative_to(REPO)}")

    server = MastodonContractServer(domain="social.example")
    paths = init_paths(profile / "main")
    paths.config_dir().joinpath("policy.toml").write_text(PACK, encoding="utf-8")
    services = build_services(paths)
    runner = TaskRunner()
    try:
        # Accounts: two on the local Mastodon server (sign-ins checked there), the rest shown.
        services.accounts.connect_account(ConnectRequest(
            Network.MASTODON, "dana", Persona.WORK, server=server.url,
            secret=server.add_account("dana", "Dana Reyes")))
        services.accounts.connect_account(ConnectRequest(
            Network.MASTODON, "acmemag", Persona.WORK, Owner.EMPLOYER, server=server.url,
            secret=server.add_account("acmemag", "Acme Magazine")))
        from app.store.store import Store

        with Store(paths) as store:
            for account in (
                Account(Network.BLUESKY, "dana-acme.bsky.social", Persona.WORK,
                        display_name="Dana at Acme"),
                Account(Network.LINKEDIN, "dana-reyes", Persona.WORK,
                        display_name="Dana Reyes"),
                Account(Network.BLUESKY, "danareyes.bsky.social", Persona.PERSONAL,
                        display_name="Dana"),
                Account(Network.X, "danadoesthings", Persona.PERSONAL, display_name="dana"),
            ):
                store.accounts.add(account)

        window = MainWindow(paths, services, runner, background=False)
        window.resize(1360, 860)
        window.show()
        window.load()
        wait(window.isVisible)
        composer = window.composer
        by_handle = {row.account.handle: account_id
                     for account_id, row in composer.accounts.rows.items()}

        # 1. A promotion headed for the personal accounts.
        composer.accounts.set_ticked([by_handle["danareyes.bsky.social"],
                                      by_handle["danadoesthings"]])
        text = ("Loving the new spring issue from Acme Mag! Readers get 20% off with code "
                "SPRING20 this week: acmemag.com/spring")
        composer.editor.setPlainText(text)
        wait(lambda: composer.finding_for("persona.brand_promotion") is not None)
        composer.editor.setFocus()
        shoot(window, "composer-wrong-identity.png")

        # 2. One click: post from Work instead; a second: the disclosure at the start.
        card = next(c for c in composer.findings.cards
                    if c.finding.rule == "persona.brand_promotion")
        next(b for b in card.fix_buttons if "work" in b.text().lower()).click()
        wait(lambda: composer.live_check.is_current(composer._round)
             and composer.finding_for("disclosure.missing") is not None)
        next(c for c in composer.findings.cards
             if c.finding.rule == "disclosure.missing").fix_buttons[0].click()
        wait(lambda: composer.live_check.is_current(composer._round)
             and composer.finding_for("disclosure.missing") is None)
        composer.accounts.set_ticked([by_handle["danadoesthings"]], False)
        composer.accounts.set_ticked([by_handle["dana"], by_handle["acmemag"]])
        wait(lambda: composer.live_check.is_current(composer._round))
        composer.post_work_button.setFocus()
        shoot(window, "composer-fixed.png")
        composer.accounts.set_ticked([by_handle["dana-acme.bsky.social"]], False)
        wait(lambda: composer.live_check.is_current(composer._round))

        # 3. The confirmation, because the employer's brand account is a target.
        from app.ui.dialogs.confirm import ConfirmDialog, ConfirmRequest

        ticked = composer.accounts.ticked(Persona.WORK)
        dialog = ConfirmDialog(ConfirmRequest(ticked, text=composer.text()), window)
        dialog.show()
        wait(dialog.isVisible)
        shoot(dialog, "confirm-targets.png")
        dialog.close()

        # 4. Sending for real; the server refuses one of the two, to show "Retry failed".
        server.fail_next("POST", "/api/v1/statuses", 422,
                         {"error": "Validation failed: the server is in maintenance"})
        composer._confirm = lambda parent, request: True
        composer.post_to_work()
        wait(lambda: not composer.posting)
        shoot(window, "sending-results.png")

        # 5. The account manager and the settings (policy pack in force).
        from app.ui.dialogs.accounts import AccountsDialog
        from app.ui.dialogs.settings import SettingsDialog

        accounts_dialog = AccountsDialog(services.accounts, runner, window)
        accounts_dialog.resize(820, 560)
        accounts_dialog.show()
        wait(accounts_dialog.isVisible)
        shoot(accounts_dialog, "accounts.png")
        accounts_dialog.close()
        settings_dialog = SettingsDialog(services.checker.policy_report(), services.accounts,
                                         window)
        settings_dialog.show()
        wait(settings_dialog.isVisible)
        shoot(settings_dialog, "settings.png")
        settings_dialog.close()
        window.close()

        # 6. First run, no accounts, a dark desktop: checking as a Work post on LinkedIn.
        dark = QPalette()
        for role, colour in (
            (QPalette.ColorRole.Window, "#1e1f22"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
            (QPalette.ColorRole.Base, "#141517"), (QPalette.ColorRole.AlternateBase, "#24262a"),
            (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#2b2d31"),
            (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#3d7be0"),
            (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.Mid, "#3a3c41"),
            (QPalette.ColorRole.PlaceholderText, "#8b8e94"),
            (QPalette.ColorRole.ToolTipBase, "#2b2d31"), (QPalette.ColorRole.ToolTipText,
                                                          "#e6e6e6"),
        ):
            dark.setColor(role, QColor(colour))
        dark.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText,
                      QColor("#8b8e94"))
        dark.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#8b8e94"))
        app.setPalette(dark)
        fresh_paths = init_paths(profile / "fresh")
        fresh = build_services(fresh_paths)
        first = MainWindow(fresh_paths, fresh, runner, background=False)
        first.resize(1360, 820)
        first.show()
        first.load()
        wait(first.isVisible)
        first.composer.check_as(Network.LINKEDIN, Persona.WORK)
        first.composer.editor.setPlainText(
            "So hungover after the launch party, damn. Taking my kids to the doctor, then "
            "back to the office to finish the Q3 deck.")
        wait(lambda: first.composer.finding_for("persona.personal_life") is not None)
        first.composer.editor.setFocus()
        shoot(first, "first-run-dark.png")
        first.close()
        fresh.close()
        del Qt
    finally:
        runner.wait_for_done(30_000)
        services.close()
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
