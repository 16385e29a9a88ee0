"""Start the Qt application: the composition root of the GUI.

``build_services`` is the ONE place where the real persona check, store, keychain and posting
engine are built and adapted to the window's ports (``app/ui/ports.py``); every widget gets
its collaborators through its constructor. Start-up stays lean: the store opens before the
window (the accounts and the last draft are shown at once), while the persona check and the
keychain load on first use, off the UI thread.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from app import APP_ID, APP_NAME, __version__
from app.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from app.check.policy import Policy
    from app.core.model import (
        Account,
        CheckResult,
        CheckTarget,
        Draft,
        Finding,
        HistoryEntry,
        ImageAttachment,
        Network,
    )
    from app.diagnostics import Diagnostics
    from app.instance import InstanceAddress
    from app.networks.engine import PostingEngine
    from app.networks.handoff import HandOff
    from app.redact import SecretRegistry
    from app.store.secrets import SecretStore
    from app.store.store import Store
    from app.ui.ports import AccountBook, AppServices, LengthCountLike, PolicyReport
    from app.ui.services import EnginePoster, Lazy, PersonaChecker, StoreAccountBook
    from app.ui.shell import DesktopShell
    from app.ui.single_instance import InstanceServer

log = logging.getLogger(__name__)

NO_DISPLAY_MESSAGE = (
    "Twofold: no desktop display found (DISPLAY and WAYLAND_DISPLAY are unset). "
    "The window was opened off-screen and closed again; run Twofold from a desktop session "
    "to use it."
)


def _has_display() -> bool:
    """Whether a window can be shown to a person on this machine."""
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True  # The caller chose a platform (offscreen in tests); respect it.
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _quiet_offscreen_messages(mode: object, context: object, message: str) -> None:
    """Drop the offscreen plugin's chatter after the user was told there is no display."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


# --- services ------------------------------------------------------------------------------


class LazyChecker:
    """The persona check, loaded on its first use (on the worker that runs the first live
    check), so importing the rules and lexicons never delays the window."""

    def __init__(self, factory: Callable[[], PersonaChecker]) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._checker: PersonaChecker | None = None

    def _get(self) -> PersonaChecker:
        with self._lock:
            if self._checker is None:
                self._checker = self._factory()
            return self._checker

    def check(self, text: str, target: CheckTarget, *, images: Sequence[ImageAttachment] = (),
              fresh_history: bool = False) -> CheckResult:
        """See ``DraftChecker.check``."""
        return self._get().check(text, target, images=images, fresh_history=fresh_history)

    def policy(self) -> Policy | None:
        """The policy pack in force (for the posting engine's override rule)."""
        return self._get().policy

    def count(self, network: Network, text: str, *,
              max_chars: int | None = None) -> LengthCountLike:
        """See ``DraftChecker.count``."""
        return self._get().count(network, text, max_chars=max_chars)

    def may_override(self, finding: Finding) -> bool:
        """See ``DraftChecker.may_override``."""
        return bool(self._get().may_override(finding))

    def policy_report(self) -> PolicyReport:
        """See ``DraftChecker.policy_report``."""
        return self._get().policy_report()

    def posting_refused(self) -> str:
        """Why nothing may be posted under the policy in force ("" when posting is allowed)."""
        return str(getattr(self._get().policy, "posting_refused", "") or "")

    def refresh_history(self) -> None:
        """See ``DraftChecker.refresh_history``."""
        self._get().refresh_history()

    def reload(self) -> None:
        """Read the policy packs again at the next use (the user changed their own budget
        or quiet hours in Settings): no restart needed."""
        with self._lock:
            self._checker = None


def build_checker(paths: AppPaths, store: Store | None) -> PersonaChecker:
    """The persona check with the policy pack layers in force (the last good version of a
    pack that breaks) and the store's recent history."""
    from datetime import UTC, datetime

    from app.check.engine import check_draft
    from app.check.limits import count_for_network
    from app.check.policy import PolicyKeeper, user_pack_path
    from app.networks.wiring import HISTORY_WINDOW, override_rule
    from app.ui.services import PersonaChecker, policy_report_from

    keeper = PolicyKeeper(paths)
    loaded = keeper.reload()

    def history() -> list[HistoryEntry]:
        if store is None:
            return []
        return store.history.recent(datetime.now(UTC) - HISTORY_WINDOW)

    return PersonaChecker(check=check_draft, count=count_for_network, history=history,
                          policy=keeper.policy,
                          report=policy_report_from(loaded, str(user_pack_path(paths))),
                          override_allowed=override_rule(keeper.policy))


def build_poster(store: Lazy[Store], accounts: StoreAccountBook,
                 checker: LazyChecker, hand_off: HandOff | None = None) -> EnginePoster:
    """The posting engine behind the window's ``Poster`` port, built on the first post. It
    checks with the same persona check (policy and history) the window shows; posts to
    accounts Twofold cannot post to itself go to ``hand_off`` (the browser)."""
    from app.ui.services import EnginePoster, Lazy

    def build_engine() -> PostingEngine:
        from app.networks.wiring import build_engine as build

        def check(draft: Draft, account: Account) -> CheckResult:
            return checker.check(draft.text, account.check_target(),
                                 images=tuple(draft.images), fresh_history=True)

        return build(store.get(), accounts.secrets(), checker=check,
                     policy=checker.policy(), hand_off=hand_off,
                     media_host=accounts.media_host())

    return EnginePoster(Lazy(build_engine))


def build_services(paths: AppPaths, *, log_secrets: SecretRegistry | None = None
                   ) -> AppServices:
    """Build the real services and adapt them to the window's ports.

    Nothing slow happens here: the store opens on first use (the window asks right after it
    is shown), the keychain and the persona check on first use on a worker. ``log_secrets``
    (``Diagnostics.secrets``) learns every sign-in the keychain store saves or loads, so the
    log never holds one.
    """
    from app.ui.browser_handoff import BrowserHandoffBridge
    from app.ui.ports import AppServices
    from app.ui.services import Lazy, StoreAccountBook, StoreDraftBook

    def open_store() -> Store:
        from app.store.store import Store

        return Store(paths)

    def open_secrets() -> SecretStore:
        from app.store.secrets import SecretStore

        return SecretStore.open_default().remember_in(log_secrets)

    store = Lazy(open_store)
    accounts = StoreAccountBook(store, Lazy(open_secrets), paths)
    drafts = StoreDraftBook(store)
    checker = LazyChecker(lambda: build_checker(paths, _opened_or_none(store)))
    built: list[AppServices] = []
    # Opens pages through services.open_url as it is at that moment (tests replace it).
    handoff = BrowserHandoffBridge(lambda url: built[0].open_url(url))
    poster = build_poster(store, accounts, checker, hand_off=handoff.hand_off)
    warnings: list[str] = []

    def background_warnings() -> list[str]:
        # After the window is shown, on a worker: opening the keychain and loading the
        # policy packs may take a moment. A broken pack must not go unnoticed.
        found = [accounts.secrets_warning or ""]
        found += _sign_in_warnings(accounts)
        try:
            report = checker.policy_report()
            refused = checker.posting_refused()
        except Exception as error:  # the check itself reports this again on every draft
            found.append(f"The persona check could not load ({type(error).__name__}).")
        else:
            # A refusal, or a notice that a kept copy is used, names its problem itself.
            found += [f"Policy pack: {problem}" for problem in report.errors
                      if not any(problem in other for other in (refused, *report.errors)
                                 if other != problem)]
        return found

    def close() -> None:
        if store.built:
            store.get().close()

    from app.ui.suggestion_services import StoreSuggestionInbox

    suggestions = StoreSuggestionInbox(store, paths, checker.policy)
    from app.ui.schedule_services import build_schedule_book

    schedule = build_schedule_book(paths, store, poster, checker, accounts.list_accounts)
    services = AppServices(checker=checker, accounts=accounts, drafts=drafts, poster=poster,
                           open_url=open_in_browser, warnings=warnings,
                           background_warnings=background_warnings,
                           posting_refusal=checker.posting_refused, close=close,
                           suggestions=suggestions, schedule=schedule)
    built.append(services)
    return services


def _sign_in_warnings(accounts: AccountBook) -> list[str]:
    """Banner sentences for sign-ins that end within their network's warning time (LinkedIn:
    a week) or have ended: reconnecting is one click in Accounts."""
    from app.networks.registry import sign_in_status

    try:
        connected = accounts.list_accounts()
    except Exception:  # the store's own banner says why it cannot be read
        return []
    found = []
    for account in connected:
        text, warn = sign_in_status(account)
        if warn:
            found.append(f"{account.network.display_name} "
                         f"{account.display_name or account.handle}: {text} (Accounts → "
                         "Reconnect)")
    return found


def _opened_or_none(store: Lazy[Store]) -> Store | None:
    try:
        return store.get()
    except Exception:  # the window already shows why the store cannot open
        log.info("persona check runs without history: the store did not open")
        return None


def open_in_browser(url: str) -> bool:
    """Open a post or a share page in the user's browser; False when none opened (the
    window then offers to copy the link)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl(url)))


# --- the application -----------------------------------------------------------------------


def run_gui(paths: AppPaths, *, quit_after_show: bool = False,
            diagnostics: Diagnostics | None = None, instance: InstanceAddress | None = None,
            quick_post: bool = False, hidden: bool = False) -> int:
    """Open the main window and run the event loop; return the exit code.

    With ``quit_after_show`` the application quits as soon as the window has been shown.
    Without a display (a headless server) it says so, opens the window off-screen and quits,
    rather than aborting inside Qt with a cryptic platform-plugin error. With
    ``diagnostics``, an error nobody caught opens a plain dialog naming the log file.

    ``instance`` (the caller holds the profile's lock): listen there for later launches.
    ``quick_post``: open the quick post at once; the main window stays hidden (in the tray,
    or, without a tray, the quick post is Twofold's only window). ``hidden``: start in the
    tray without showing the window (Start at login); without a tray the window opens.
    """
    headless = not _has_display()
    if headless:
        sys.stderr.write(NO_DISPLAY_MESSAGE + "\n")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        quit_after_show = True

    from PySide6.QtCore import QSettings, QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    if headless:
        qInstallMessageHandler(_quiet_offscreen_messages)

    from app.ui.main_window import MainWindow
    from app.ui.theme import app_icon
    from app.ui.workers import TaskRunner

    existing = QApplication.instance()
    qt_app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    qt_app.setApplicationName(APP_NAME)
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName(APP_ID)
    qt_app.setWindowIcon(app_icon())

    services = build_services(paths, log_secrets=diagnostics.secrets if diagnostics else None)
    runner = TaskRunner()
    settings = QSettings(str(paths.config_root / "ui.ini"), QSettings.Format.IniFormat)
    in_background = (quick_post or hidden) and not quit_after_show
    first_run = (not quit_after_show and not in_background
                 and settings.value("onboarding_done", "") != "yes")
    # A smoke test or benchmark that quits at once must not start the after-show work
    # (history, keychain): it would only delay the exit it measures.
    window = MainWindow(paths, services, runner, onboarding=first_run,
                        background=not quit_after_show)
    if first_run:
        window.shown.connect(lambda: _remember_onboarding(paths, settings))
    crash_dialogs = None
    if diagnostics is not None:
        from app.ui.crash_dialog import CrashDialogs

        crash_dialogs = CrashDialogs(window)
        diagnostics.add_crash_listener(crash_dialogs.report)

    shell: DesktopShell | None = None
    if not quit_after_show:
        from app.ui.shell import DesktopShell
        from app.ui.tray import TraySettings

        # Twofold decides itself when to end (see DesktopShell): hiding the window to the
        # tray or hiding the quick post must not end it.
        qt_app.setQuitOnLastWindowClosed(False)
        shell = DesktopShell(window, services, runner,
                             settings=TraySettings(settings, paths,
                                                     lambda text: window.add_warnings([text])))
        if os.environ.get("TWOFOLD_REPORT_SHOWN"):  # bench/single_instance.py, tests
            shell.quick_post_shown.connect(
                lambda: sys.stdout.write(f"quick-post-shown-at {time.time():.6f}\n")
                or sys.stdout.flush())
    if os.environ.get("TWOFOLD_REPORT_SHOWN"):  # bench/startup.py: when the window appeared
        window.shown.connect(lambda: sys.stdout.write(f"shown-at {time.time():.6f}\n")
                             or sys.stdout.flush())
    if quit_after_show:
        window.shown.connect(lambda: QTimer.singleShot(0, qt_app.quit))
    servers: list[InstanceServer] = []

    def listen() -> None:
        # Later launches of this profile talk to this window from now on (they wait for it
        # meanwhile). Not before the window is shown: QtNetwork costs start-up time.
        if instance is None or servers or quit_after_show:  # (a smoke test: gone at once)
            return
        from app.ui.single_instance import InstanceServer

        server = InstanceServer(instance)
        servers.append(server)
        if os.environ.get("TWOFOLD_REPORT_SHOWN"):  # tests and benchmarks: when it arrived
            server.requested.connect(lambda request: sys.stdout.write(
                f"request {request} {time.time():.6f}\n") or sys.stdout.flush())
        if shell is not None:
            server.requested.connect(shell.handle_request)
        server.listen()

    if shell is not None and in_background:
        # The tray first (it decides whether the window may stay hidden), then the request.
        shell.prepare()
        listen()
        window.start_background_work()
        if quick_post:
            shell.open_quick_post()
        elif shell.tray is None:
            window.show()  # no tray to live in: a hidden start would leave nothing
    else:
        if shell is not None:
            # The tray icon and the quick post window come right after the window is on
            # screen: they are not needed to show the composer, and cost start-up time.
            ready = shell
            window.shown.connect(lambda: QTimer.singleShot(0, ready.prepare))
        window.shown.connect(lambda: QTimer.singleShot(0, listen))
        window.show()
    try:
        return qt_app.exec()
    finally:
        window.composer.save_now()
        if shell is not None:
            if shell._quick_post is not None:
                shell._quick_post.composer.save_now()
                shell._quick_post.hide()
            if shell.tray is not None:
                shell.tray.hide()
        for server in servers:
            server.close()
        runner.wait_for_done(10_000)
        services.close()
        if diagnostics is not None and crash_dialogs is not None:
            diagnostics.remove_crash_listener(crash_dialogs.report)


def _remember_onboarding(paths: AppPaths, settings: QSettings) -> None:
    paths.config_dir()  # created 0700 before QSettings writes into it
    settings.setValue("onboarding_done", "yes")
    settings.sync()
