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
        os.environ["TZ"] = "Europe/Berlin"  # the picker shows local time and UTC apart
        time.tzset()
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


def dark_palette():
    """A dark desktop palette (what a dark system theme hands every application)."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#1e1f22"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#141517"), (QPalette.ColorRole.AlternateBase, "#24262a"),
        (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#2b2d31"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#3d7be0"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.Mid, "#4a4c52"),
        (QPalette.ColorRole.Dark, "#101113"), (QPalette.ColorRole.Light, "#3a3c41"),
        (QPalette.ColorRole.Midlight, "#33353a"), (QPalette.ColorRole.Shadow, "#000000"),
        (QPalette.ColorRole.PlaceholderText, "#8b8e94"), (QPalette.ColorRole.Link, "#7aa7ff"),
        (QPalette.ColorRole.ToolTipBase, "#2b2d31"), (QPalette.ColorRole.ToolTipText, "#e6e6e6"),
    ):
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8087"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, QColor("#25272b"))
    return palette


def take_screenshots(profile: Path) -> int:
    from PySide6.QtWidgets import QApplication, QStyleFactory

    from app.core.model import Account, Draft, Network, Owner, Persona
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

    def focus(widget) -> None:
        """Give ``widget`` keyboard focus in an active window (so the focus frame shows)."""
        from PySide6.QtCore import Qt

        widget.window().activateWindow()
        wait(lambda: QApplication.activeWindow() is widget.window(), timeout=5)
        # As if reached with Tab: styles draw the focus frame only after keyboard navigation.
        widget.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
        widget.setFocus(Qt.FocusReason.TabFocusReason)

    def open_window(paths, services, size) -> MainWindow:
        window = MainWindow(paths, services, runner)
        window.resize(*size)
        window.show()
        wait(lambda: window.is_loaded)  # accounts and the last draft come from a worker
        return window

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
            store.drafts.autosave(Draft("Ideas for the autumn issue: readers' letters, the "
                                        "street-food map, an interview with the printers."))
            store.drafts.autosave(Draft("Thank you all for the birthday wishes!"))

        # The window as it opens for real: the keychain is checked after it is shown, and
        # this machine has none (sign-ins in memory), so the banner says so.
        window = open_window(paths, services, (1180, 760))  # the default size
        wait(lambda: "memory only" in window.banner_label.text())
        composer = window.composer
        composer.new_draft()  # (the last draft came back; start afresh)
        window.statusBar().clearMessage()
        by_handle = {row.account.handle: account_id
                     for account_id, row in composer.accounts.rows.items()}

        # 1. A promotion headed for the personal accounts.
        composer.accounts.set_ticked([by_handle["danareyes.bsky.social"],
                                      by_handle["danadoesthings"]])
        text = ("Loving the new spring issue from Acme Mag! Readers get 20% off with code "
                "SPRING20 this week: acmemag.com/spring")
        composer.editor.setPlainText(text)
        wait(lambda: composer.live_check.is_current(composer._round)
             and composer.finding_for("persona.brand_promotion") is not None)
        focus(composer.editor)
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
        focus(composer.post_work_button)
        shoot(window, "composer-fixed.png")
        composer.accounts.set_ticked([by_handle["dana-acme.bsky.social"]], False)
        wait(lambda: composer.live_check.is_current(composer._round))

        # 3. The confirmation, because the employer's brand account is a target.
        from app.ui.dialogs.confirm import ConfirmDialog, ConfirmRequest

        ticked = composer.accounts.ticked(Persona.WORK)
        dialog = ConfirmDialog(ConfirmRequest(ticked, text=composer.text()), window)
        dialog.show()
        wait(dialog.isVisible)
        focus(dialog.cancel_button)
        shoot(dialog, "confirm-targets.png")
        dialog.close()

        # 4. Sending for real; the server refuses one of the two, to show "Retry failed".
        server.fail_next("POST", "/api/v1/statuses", 422,
                         {"error": "Validation failed: the server is in maintenance"})
        composer._confirm = lambda parent, request: True
        composer.post_to_work()
        wait(lambda: not composer.posting)
        focus(composer.delivery.retry_button)
        shoot(window, "sending-results.png")

        # 5. A block the policy lets the user override with a typed reason.
        from app.ui.dialogs.override import OverrideDialog

        composer.new_draft()
        composer.accounts.set_ticked([by_handle["dana"]])
        composer.editor.setPlainText("Sneak peek: Project Falcon lands in the May issue!")
        wait(lambda: composer.live_check.is_current(composer._round)
             and composer.finding_for("confidential.term") is not None)
        override = OverrideDialog([s for s in composer.shown_findings()
                                   if s.finding.rule == "confidential.term"], window)
        override.reason_edit.setPlainText("The editor announced it on stage this morning.")
        override.show()
        wait(override.isVisible)
        shoot(override, "override-reason.png")
        override.close()
        composer.new_draft()

        # 6. The account manager, the drafts, the history and the settings.
        from app.ui.dialogs.accounts import AccountsDialog
        from app.ui.dialogs.drafts import DraftsDialog
        from app.ui.dialogs.history import HistoryDialog
        from app.ui.dialogs.settings import SettingsDialog

        accounts_dialog = AccountsDialog(services.accounts, runner, window)
        accounts_dialog.resize(820, 640)
        accounts_dialog.show()
        wait(lambda: len(accounts_dialog.editors) == 6
             and "Checking" not in accounts_dialog.keychain_label.text())
        shoot(accounts_dialog, "accounts.png")
        accounts_dialog.close()
        drafts_dialog = DraftsDialog(services.drafts, runner, window)
        drafts_dialog.show()
        wait(lambda: drafts_dialog.list.count() >= 2)
        focus(drafts_dialog.list)
        shoot(drafts_dialog, "drafts.png")
        drafts_dialog.close()
        history_dialog = HistoryDialog(services.drafts, services.open_url, runner, window)
        history_dialog.show()
        wait(lambda: history_dialog.table.rowCount() >= 1)
        shoot(history_dialog, "history.png")
        history_dialog.close()
        settings_dialog = SettingsDialog(services.checker.policy_report(), services.accounts,
                                         window)
        settings_dialog.show()
        wait(settings_dialog.isVisible)
        shoot(settings_dialog, "settings.png")
        settings_dialog.close()

        # 7. The quick post window the tray icon opens: Post to Work only, same check.
        from app.ui.quick_post import QuickPostWindow

        quick = QuickPostWindow(services, runner)
        quick.set_accounts(composer.accounts.accounts())  # it keeps the Work ones only
        quick.present()
        quick.composer.accounts.set_ticked([by_handle["dana"]])
        quick.composer.editor.setPlainText("Reading the proofs of the June issue today. It "
                                           "is a good one!")
        wait(lambda: quick.composer.live_check.is_current(quick.composer._round)
             and quick.composer._round is not None and bool(quick.composer._round.text))
        focus(quick.composer.editor)
        shoot(quick, "quick-post.png")
        quick.close()

        # 8. Scheduling: the picker ("Post to Work at…"), then the queue with a held post.
        from app.core.timing import QuietRules
        from app.ui.dialogs.queue import QueueDialog
        from app.ui.dialogs.schedule_picker import SchedulePicker

        book = services.schedule
        with Store(paths) as store:
            plans = [("Our spring issue is out: readers' letters, the street-food map and "
                      "an interview with the printers.", "tomorrow 09:00",
                      ["dana", "acmemag"]),
                     ("Meet the Acme team at the book fair, stand 4B, all weekend.",
                      "next monday 09:00", ["dana"]),
                     ("Photos from the print room: the June issue on the press.",
                      "next tuesday 12:30", ["acmemag"])]
            for text, when, handles in plans:
                draft = store.drafts.save(Draft(text))
                store.schedule.schedule(draft.id, [by_handle[h] for h in handles],
                                        book.parse(when).utc, local_time=when[-5:])
            held = store.drafts.save(Draft("Spring sale: 20% off every subscription with "
                                           "code SPRING20 #ad"))
            [post] = store.schedule.schedule(held.id, [by_handle["dana"]],
                                             book.parse("tomorrow 17:00").utc)
            store.schedule.hold(post.id, "You have already promoted 3 time(s) on this work "
                                "account in the last day (the budget is 3 per day); promote "
                                "once, not every day.")
        picker = SchedulePicker(book, QuietRules(((20 * 60, 7 * 60),), weekends=True),
                                ["08:30", "12:30"], parent=window)
        picker.choose("saturday 10:00")
        picker.show()
        wait(picker.isVisible)
        focus(picker.ok_button)
        shoot(picker, "schedule-picker.png")
        picker.close()
        queue = QueueDialog(book, runner, window)
        queue.resize(900, 420)
        queue.show()
        wait(lambda: not queue.busy and len(queue.rows) == 5)
        focus(queue.tree)
        queue.select(post.id)  # a held post says why under the list
        shoot(queue, "queue.png")
        queue.close()
        window.close()

        # 9. First run, no accounts, a dark desktop: the welcome, then checking a Work post
        # on LinkedIn.
        from app.ui.dialogs.onboarding import OnboardingDialog

        app.setPalette(dark_palette())
        fresh_paths = init_paths(profile / "fresh")
        fresh = build_services(fresh_paths)
        first = open_window(fresh_paths, fresh, (1360, 820))
        welcome = OnboardingDialog(first)
        welcome.show()
        wait(welcome.isVisible)
        focus(welcome.later_button)
        shoot(welcome, "first-run-welcome.png")
        welcome.close()
        first.composer.check_as(Network.LINKEDIN, Persona.WORK)
        first.composer.editor.setPlainText(
            "So hungover after the launch party, damn. Taking my kids to the doctor, then "
            "back to the office to finish the Q3 deck.")
        wait(lambda: first.composer.finding_for("persona.personal_life") is not None)
        focus(first.composer.editor)
        shoot(first, "first-run-dark.png")
        first.close()
        fresh.close()
    finally:
        runner.wait_for_done(30_000)
        services.close()
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
