"""The main window: the composer, menus for everything else, and warnings that matter.

Every action is in a menu with a shortcut, so the whole app works from the keyboard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.core.model import Account, Draft, Persona
from app.paths import AppPaths
from app.ui import theme
from app.ui.composer import ComposerWidget
from app.ui.workers import TaskRunner

if TYPE_CHECKING:  # only for annotations: loading these Qt classes costs start-up time
    from pathlib import Path

    from PySide6.QtGui import QCloseEvent, QShowEvent

    from app.ui.ports import AppServices


class MainWindow(QMainWindow):
    """Twofold's main window.

    The store and the keychain are never touched on the UI thread: the accounts and the last
    draft are read on a worker right after the window is shown, and the dialogs get their
    data the same way before they open.

    Signals:
        shown: emitted once, the first time the window is shown on screen.
        closed: the user closed the window (the draft is saved).
        accounts_changed: accounts were connected, changed or removed here.
        accounts_loaded: the composer shows the accounts as stored now.
        loaded: the accounts and the last unsent draft are in the window (after ``load``).
        quit_requested: the user chose Quit (not just closing the window, which may keep
            Twofold in the tray).
        hidden_to_tray: closing hid the window; Twofold keeps running in the tray.
        posting_refused(str): posting is turned off, for this reason (the organisation's
            policy cannot be read); ``posting_refusal`` keeps the reason.
        suggestions_counted(int): how many suggestions are new (the tray shows it).
    """

    shown = Signal()
    closed = Signal()
    accounts_changed = Signal()
    accounts_loaded = Signal()
    loaded = Signal()
    quit_requested = Signal()
    hidden_to_tray = Signal()
    posting_refused = Signal(str)
    suggestions_counted = Signal(int)

    def __init__(self, paths: AppPaths, services: AppServices | None = None,
                 runner: TaskRunner | None = None, *, onboarding: bool = False,
                 background: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if services is None:
            from app.ui.application import build_services

            services = build_services(paths)
        self._paths = paths
        self.services = services
        self.runner = runner or TaskRunner(parent=self)
        self._shown_once = False
        self._background_started = False
        self._onboarding = onboarding
        self._background = background
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(theme.app_icon())
        self.resize(1180, 760)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = self._build_banner(central)
        layout.addWidget(self.banner)
        self.composer = ComposerWidget(services.checker, self.runner, drafts=services.drafts,
                                       poster=services.poster, open_url=services.open_url,
                                       pasted_images_dir=self._pasted_images_dir,
                                       schedule=services.schedule, parent=central)
        layout.addWidget(self.composer, 1)
        self.setCentralWidget(central)
        self.editor = self.composer.editor  # the draft editor (kept for older callers)
        self.composer.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.composer.connect_requested.connect(lambda _p: self.open_accounts(connect=True))
        self.composer.reconnect_requested.connect(self.reconnect_account)
        self.composer.delivery_finished.connect(lambda _u: self._refresh_history())
        self.composer.suggestion_shared.connect(self._suggestion_shared)
        self._build_menus()
        self.statusBar().showMessage("Ready. Twofold checks the draft as you type.")
        self._loaded = False
        self._is_loaded = False
        self._account_read_running = False
        # Set by the application when a tray icon exists: closing the window then hides it
        # to the tray if the user chose so in Settings.
        self.tray_present = False
        self.close_to_tray = False
        self._quitting = False
        self.posting_refusal = ""
        self.new_suggestions = 0
        self.suggestions_dialog: Any = None
        self.queue_dialog: Any = None
        self.overdue_dialog: Any = None
        self.schedule_ticker: Any = None
        self.composer.scheduled.connect(lambda _posts: self._refresh_history())

    # --- building --------------------------------------------------------------------------

    def _build_banner(self, parent: QWidget) -> QFrame:
        banner = QFrame(parent)
        banner.setObjectName("warning-banner")
        colour = theme.category_colour("frequency")
        banner.setStyleSheet(f"QFrame#warning-banner {{ border-bottom: 2px solid "
                             f"{colour.name()}; }}")
        row = QHBoxLayout(banner)
        icon = QLabel(banner)
        icon.setPixmap(theme.icon_pixmap(theme.severity_icon(theme.Severity.WARN), 18,
                                         self.devicePixelRatioF()))
        row.addWidget(icon)
        self.banner_label = QLabel(banner)
        self.banner_label.setWordWrap(True)
        self.banner_label.setAccessibleName("Warning")
        row.addWidget(self.banner_label, 1)
        warnings = [w for w in self.services.warnings if w]
        self.banner_label.setText("\n".join(warnings))
        banner.setVisible(bool(warnings))
        return banner

    def _action(self, menu, text: str, slot, shortcut: str | QKeySequence.StandardKey | None
                = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        # setShortcuts (a list), not setShortcut: the latter's overloads make shiboken load
        # Qt's whole enum namespace (~17 ms of start-up).
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(QKeySequence.keyBindings(shortcut))
        elif shortcut is not None:
            action.setShortcuts([QKeySequence(shortcut)])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&New draft", self.composer.new_draft, QKeySequence.StandardKey.New)
        self.drafts_action = self._action(file_menu, "&Drafts…", self.open_drafts, "Ctrl+O")
        self.history_action = self._action(file_menu, "&History…", self.open_history, "Ctrl+H")
        self.suggestions_action = self._action(
            file_menu, "Asked to &share…", self.open_suggestions, "Ctrl+Shift+S",
            "Posts your employer asked you to share: share from Work, snooze or decline")
        self.suggestions_action.setEnabled(self.services.suggestions is not None)
        file_menu.addSeparator()
        self._action(file_menu, "&Settings…", self.open_settings, "Ctrl+,")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.request_quit, QKeySequence.StandardKey.Quit)

        post_menu = bar.addMenu("&Post")
        # The shortcut itself belongs to the composer (the quick post window has one too);
        # the menu only names it, so the two never compete for the same keys.
        self._action(post_menu, "Post to &Work\tCtrl+Enter", self.composer.post_to_work, None,
                     "Sends to the ticked Work accounts only")
        self._action(post_menu, "Post to &Personal…", self.composer.post_to_personal,
                     "Ctrl+Shift+P", "Sends to the ticked personal accounts, after confirming")
        self.schedule_action = self._action(
            post_menu, "Post to Work &at…", self.composer.post_to_work_at, "Ctrl+Shift+Return",
            "Schedules the post for the ticked Work accounts")
        self.queue_action = self._action(
            post_menu, "&Scheduled posts…", self.open_queue, "Ctrl+Shift+L",
            "What is scheduled, per account: edit, reschedule, post now, cancel")
        self.schedule_action.setEnabled(self.services.schedule is not None)
        self.queue_action.setEnabled(self.services.schedule is not None)
        post_menu.addSeparator()
        self._action(post_menu, "&Attach image…", self.composer._attach_image, "Ctrl+Shift+I")

        accounts_menu = bar.addMenu("&Accounts")
        self._action(accounts_menu, "&Manage accounts…", self.open_accounts, "Ctrl+Shift+A")
        self._action(accounts_menu, "&Connect an account…",
                     lambda: self.open_accounts(connect=True))

        view = bar.addMenu("&View")
        self._action(view, "Go to the &draft", lambda: self.composer.editor.setFocus(),
                     "Ctrl+1")
        self._action(view, "Go to the &accounts", self._focus_accounts, "Ctrl+2")
        self._action(view, "Go to the &findings", self._focus_findings, "Ctrl+3")

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Welcome tour…", self.show_onboarding)
        self._action(help_menu, "&About Twofold", self._about)

    # --- accounts and drafts -----------------------------------------------------------------

    def refresh_accounts(self) -> None:
        """Read the accounts on a worker, then show them in the composer (nothing ticked);
        ``accounts_loaded`` follows."""
        book = self.services.accounts
        if book is None:
            self._show_accounts([])
            return
        self.runner.run(book.list_accounts, on_done=self._show_accounts,
                        on_error=self._accounts_failed, context=self)

    def _pasted_images_dir(self) -> Path:
        """Where pictures pasted into the draft are kept (the profile's data folder, private
        to the user; created when first needed)."""
        from app.paths import ensure_private_dir

        return ensure_private_dir(self._paths.data_dir() / "pasted-images")

    def notice_account_changes(self) -> None:
        """Re-read the accounts on a worker and show them only if they changed (added or
        removed from the command line or another window). Ticks on accounts that are still
        there stay: the user's choice for this draft is not taken away."""
        book = self.services.accounts
        if book is None or not self._is_loaded or self._account_read_running:
            return
        self._account_read_running = True
        self.runner.run(book.list_accounts, on_done=self._accounts_read,
                        on_error=lambda _error: self._accounts_read(None), context=self)

    def _accounts_read(self, accounts: list[Account] | None) -> None:
        self._account_read_running = False
        if accounts is None:
            return
        shown = self.composer.accounts.accounts()
        if sorted(accounts, key=lambda a: a.id or 0) == sorted(shown, key=lambda a: a.id or 0):
            return
        before = {a.id for a in shown}
        added = [a for a in accounts if a.id not in before]
        self.composer.update_accounts(accounts)
        if added:
            names = ", ".join(theme.account_title(a) for a in added)
            self.statusBar().showMessage(f"New account{'s' if len(added) > 1 else ''}: "
                                         f"{names}.", 8000)
        self.accounts_loaded.emit()

    def event(self, event: QEvent) -> bool:
        """Coming back to the window (from a terminal, say): pick up account changes."""
        if event.type() == QEvent.Type.WindowActivate:
            self.notice_account_changes()
        return super().event(event)

    def _show_accounts(self, accounts: list[Account]) -> None:
        self.composer.set_accounts(accounts)
        self.accounts_loaded.emit()

    def _accounts_failed(self, error: BaseException) -> None:
        # The store says why in one sentence; the composer still checks drafts.
        self.add_warnings([f"Could not read the accounts: {error}"])
        self.accounts_loaded.emit()

    def _read_start_state(self) -> dict[str, Any]:
        """On a worker: the accounts and the draft to put back (or why they could not be
        read). Opening the store happens here, never on the UI thread."""
        state: dict[str, Any] = {"accounts": [], "draft": None}
        if self.services.accounts is not None:
            try:
                state["accounts"] = self.services.accounts.list_accounts()
            except Exception as error:
                state["accounts_error"] = error
        drafts = self.services.drafts
        if drafts is not None:
            try:
                latest = getattr(drafts, "latest_unsent", None)
                state["draft"] = (latest() if latest is not None
                                  else next(iter(drafts.list_drafts()), None))
            except Exception as error:
                state["draft_error"] = error
        return state

    def _apply_start_state(self, state: dict[str, Any]) -> None:
        if "accounts_error" in state:
            self._accounts_failed(state["accounts_error"])
        else:
            self._show_accounts(state["accounts"])
        if "draft_error" in state:
            self.add_warnings([f"Could not read the drafts: {state['draft_error']} Your typing "
                               "is kept in the window; Twofold keeps trying to save it."])
        draft: Draft | None = state["draft"]
        # Put the last draft back only into an untouched composer: someone who started typing
        # in the first instant keeps their text (the old draft stays in the drafts list).
        if (draft is not None and draft.text and not self.composer.text()
                and self.composer.draft.id is None):
            self.composer.open_draft(draft)
            self.statusBar().showMessage("Your last draft is back, with no account ticked.",
                                         15000)
        self._is_loaded = True
        self.loaded.emit()

    def _start_state_failed(self, error: BaseException) -> None:
        self._apply_start_state({"accounts": [], "draft": None, "accounts_error": error})

    def _recovered(self, updates: list) -> None:
        if not updates:
            return
        sent = sum(1 for u in updates if u.state == "sent")
        open_ = len(updates) - sent
        text = (f"Checked {len(updates)} deliveries interrupted last time: {sent} had gone "
                "out")
        text += (f", {open_} did not (see Drafts, then “Retry failed”)." if open_ else ".")
        self.statusBar().showMessage(text, 15000)
        self._refresh_history()

    def add_warnings(self, warnings: list[str]) -> None:
        """Show more sentences in the warning banner."""
        lines = [line for line in self.banner_label.text().split("\n") if line]
        lines += [w for w in warnings if w and w not in lines]
        self.banner_label.setText("\n".join(lines))
        self.banner.setVisible(bool(lines))

    def refuse_posting(self, reason: str) -> None:
        """Name the problem in the banner and turn Post off (the organisation's policy cannot
        be read): nothing may be posted until it is fixed."""
        if not reason:
            return
        self.posting_refusal = reason
        self.add_warnings([f"{reason} Posting is turned off until it is fixed."])
        self.composer.set_posting_refused(reason)
        self.posting_refused.emit(reason)

    def _refresh_history(self) -> None:
        checker = self.services.checker
        self.runner.run(checker.refresh_history, on_error=lambda _e: None, context=self)

    def _focus_accounts(self) -> None:
        from PySide6.QtCore import Qt

        rows = list(self.composer.accounts.rows.values())
        if rows:
            rows[0].checkbox.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.composer.accounts.connect_button.setFocus()

    def _focus_findings(self) -> None:
        from PySide6.QtCore import Qt

        for card in self.composer.findings.cards:
            for button in card.fix_buttons:
                if button.isEnabled():
                    button.setFocus(Qt.FocusReason.ShortcutFocusReason)
                    return
        self.composer.findings.setFocus()

    # --- dialogs -------------------------------------------------------------------------------

    def open_accounts(self, connect: bool = False, persona: Persona | None = None) -> None:
        """The account manager (optionally starting with the connect dialog)."""
        if self.services.accounts is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self, "Accounts", "Accounts cannot be stored: "
                                    + " ".join(self.services.warnings))
            return
        from app.ui.dialogs.accounts import AccountsDialog

        dialog = AccountsDialog(self.services.accounts, self.runner, self)
        dialog.accounts_changed.connect(self.refresh_accounts)
        dialog.accounts_changed.connect(self.accounts_changed)
        if connect:
            QTimer.singleShot(0, dialog, lambda: dialog.connect_account(persona=persona))
        dialog.exec()
        dialog.deleteLater()

    def reconnect_account(self, account: Account) -> None:
        """Sign in again to one account (from a failed delivery); the accounts reload after."""
        if self.services.accounts is None:
            return
        from app.ui.dialogs.accounts import ConnectDialog

        dialog = ConnectDialog(self.services.accounts, self.runner, reconnect=account,
                               parent=self)
        if dialog.exec() == dialog.DialogCode.Accepted:
            self.statusBar().showMessage(f"Signed in again to {account.handle}; use “Retry "
                                         "failed” to send what did not go out.", 15000)
            self.refresh_accounts()
        dialog.deleteLater()

    def open_drafts(self) -> None:
        """The drafts list; the chosen draft opens with nothing ticked."""
        if self.services.drafts is None:
            return
        from app.ui.dialogs.drafts import DraftsDialog

        self.composer.save_now()
        dialog = DraftsDialog(self.services.drafts, self.runner, self)
        if dialog.exec() == dialog.DialogCode.Accepted and dialog.chosen is not None:
            self.composer.open_draft(dialog.chosen)
        dialog.deleteLater()

    # --- "Asked to share" ---------------------------------------------------------------

    def open_suggestions(self) -> None:
        """The suggestions inbox (not modal: the composer stays usable)."""
        inbox = self.services.suggestions
        if inbox is None:
            return
        if self.suggestions_dialog is None:
            from app.ui.dialogs.suggestions import SuggestionsDialog

            dialog = SuggestionsDialog(inbox, self.runner, self)
            dialog.share_requested.connect(self.composer.open_suggestion)
            dialog.reloaded.connect(self._count_suggestions)
            self.suggestions_dialog = dialog
        else:
            self.suggestions_dialog.reload()
        self.suggestions_dialog.show()
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.platformName() != "offscreen":  # it cannot raise windows
            self.suggestions_dialog.raise_()
        self.suggestions_dialog.activateWindow()

    def refresh_suggestions(self, *, fetch: bool = True) -> None:
        """Read the feeds again (``fetch``) and count the new suggestions, on a worker."""
        inbox = self.services.suggestions
        if inbox is None:
            return

        def work() -> int:
            if fetch:
                inbox.refresh()
            return inbox.count_new()

        self.runner.run(work, on_done=self._count_suggestions, on_error=lambda _e: None,
                        context=self)

    def _count_suggestions(self, count: int) -> None:
        self.new_suggestions = count
        self.suggestions_action.setText(f"Asked to &share ({count} new)…" if count
                                        else "Asked to &share…")
        self.suggestions_counted.emit(count)

    def _suggestion_shared(self, suggestion_id: int, draft_id: object) -> None:
        inbox = self.services.suggestions
        if inbox is None:
            return
        shared_draft = draft_id if isinstance(draft_id, int) else None

        def work() -> int:
            inbox.mark_shared(suggestion_id, shared_draft)
            return inbox.count_new()

        def done(count: int) -> None:
            self._count_suggestions(count)
            if self.suggestions_dialog is not None:
                self.suggestions_dialog.reload()

        self.runner.run(work, on_done=done, on_error=lambda error: self.statusBar().showMessage(
            f"Posted, but the suggestion could not be marked as shared ({error}).", 8000),
            context=self)

    def open_history(self) -> None:
        """What went where, when."""
        if self.services.drafts is None:
            return
        from app.ui.dialogs.history import HistoryDialog

        dialog = HistoryDialog(self.services.drafts, self.services.open_url, self.runner, self)
        dialog.exec()
        dialog.deleteLater()

    def open_settings(self) -> None:
        """The policy pack in force and per-network options (read on a worker first: the
        persona check may still be loading its packs)."""
        checker, book = self.services.checker, self.services.accounts

        def read() -> tuple[Any, list[Account]]:
            return checker.policy_report(), (book.list_accounts() if book is not None else [])

        self.statusBar().showMessage("Opening the settings…", 3000)
        self.runner.run(read, on_done=lambda data: self._show_settings(*data),
                        on_error=lambda error: self.statusBar().showMessage(
                            f"The settings could not be read: {error}", 8000),
                        context=self)

    def _show_settings(self, report: Any, accounts: list[Account]) -> None:
        from app.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(report, self.services.accounts, self, accounts_now=accounts,
                                close_to_tray=self.close_to_tray if self.tray_present else None)
        if dialog.exec() == dialog.DialogCode.Accepted:
            if dialog.close_to_tray_choice is not None:
                self.close_to_tray = dialog.close_to_tray_choice
                self._save_ui_setting("close_to_tray", "yes" if self.close_to_tray else "no")
            self._policy_changed()
            self.refresh_accounts()
        dialog.deleteLater()

    def _policy_changed(self) -> None:
        """The user's own budget or quiet hours may have changed: the persona check reads
        the packs again (on a worker) and the draft is checked again, no restart needed."""
        reload = getattr(self.services.checker, "reload", None)
        if reload is None:
            return
        reload()
        checker = self.services.checker

        def rebuilt(_policy: object) -> None:
            self.composer._request_check()

        self.runner.run(lambda: getattr(checker, "policy", lambda: None)(), on_done=rebuilt,
                        on_error=lambda _e: None, context=self)

    def _save_ui_setting(self, key: str, value: str) -> None:
        """Remember a window setting in the profile's ``ui.ini``."""
        from PySide6.QtCore import QSettings

        self._paths.config_dir()  # created 0700 before QSettings writes into it
        settings = QSettings(str(self._paths.config_root / "ui.ini"),
                             QSettings.Format.IniFormat)
        settings.setValue(key, value)
        settings.sync()

    def show_onboarding(self) -> None:
        """The welcome tour; it can connect the first Work or Personal account."""
        from app.ui.dialogs.onboarding import OnboardingDialog

        dialog = OnboardingDialog(self)
        dialog.exec()
        choice = dialog.choice
        dialog.deleteLater()
        if choice is not None:
            self.open_accounts(connect=True, persona=choice)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<b>{APP_NAME} {__version__}</b><p>Keeps your work and personal "
                          "social accounts apart and checks every post before it goes out.</p>")

    # --- events ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Emit ``shown`` the first time; then load history and maybe welcome a new user."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.shown.emit()
            # The accounts and the last draft come from the store, which opens now on a
            # worker: the window is on screen first, filled a moment later.
            if self._background:
                QTimer.singleShot(0, self, self.start_background_work)

    @property
    def is_loaded(self) -> bool:
        """Whether ``load`` has put the accounts and the last draft into the window."""
        return self._is_loaded

    def load(self) -> None:
        """Read the accounts and the last unsent draft on a worker, then show them (once);
        ``loaded`` follows."""
        if self._loaded:
            return
        self._loaded = True
        self.runner.run(self._read_start_state, on_done=self._apply_start_state,
                        on_error=self._start_state_failed, context=self)

    def request_quit(self) -> None:
        """Quit Twofold (File > Quit): say so, then close the window (not into the tray)."""
        self._quitting = True
        self.quit_requested.emit()
        self.close()

    def start_background_work(self) -> None:
        """Load the accounts and the last draft, recover interrupted deliveries and look for
        warnings, once: after the first show, or at once when Twofold starts in the tray."""
        if self._background_started:
            return
        self._background_started = True
        self._after_first_show()

    def _after_first_show(self) -> None:
        if self._onboarding:
            self.loaded.connect(self._welcome_if_new)
        self.load()
        self._refresh_history()
        if self.services.poster is not None:
            from app.ui.services import recover_deliveries

            poster = self.services.poster
            self.runner.run(lambda: recover_deliveries(poster), on_done=self._recovered,
                            on_error=lambda _e: None, context=self)
        self.runner.run(self.services.background_warnings, on_done=self.add_warnings,
                        on_error=lambda _e: None, context=self)
        self.refresh_suggestions()
        self.start_scheduler()
        self.runner.run(self.services.posting_refusal, on_done=self.refuse_posting,
                        on_error=lambda error: self.refuse_posting(
                            f"Your organisation's policy could not be checked ({error})."),
                        context=self)

    # --- scheduled posts ---------------------------------------------------------------------

    def start_scheduler(self) -> None:
        """Send scheduled posts at their time while Twofold runs (window or tray), and ask
        about overdue ones (see ``app/ui/scheduling.py``)."""
        if self.services.schedule is None or self.schedule_ticker is not None:
            return
        from app.ui.scheduling import ScheduleTicker

        self.schedule_ticker = ScheduleTicker(self.services.schedule, self.runner, self)
        self.schedule_ticker.notice.connect(self._schedule_notice)
        self.schedule_ticker.overdue_found.connect(self.ask_about_overdue)
        self.schedule_ticker.report.connect(lambda _r: self._refresh_history())
        self.schedule_ticker.start()

    schedule_notice = Signal(str)

    def _schedule_notice(self, text: str) -> None:
        self.statusBar().showMessage(text, 15000)
        self.schedule_notice.emit(text)
        if self.queue_dialog is not None and self.queue_dialog.isVisible():
            self.queue_dialog.reload()

    def open_queue(self) -> None:
        """The queue of scheduled posts (not modal: the composer stays usable for Edit)."""
        if self.services.schedule is None:
            return
        if self.queue_dialog is None:
            from app.ui.dialogs.queue import QueueDialog

            self.queue_dialog = QueueDialog(self.services.schedule, self.runner, self)
            self.queue_dialog.edit_requested.connect(self._edit_scheduled)
        else:
            self.queue_dialog.reload()
        from app.ui.quick_post import bring_to_front

        bring_to_front(self)
        bring_to_front(self.queue_dialog)

    def ask_about_overdue(self, post_ids: list[int]) -> None:
        """Posts that were due while Twofold was not running: Send now / Reschedule… /
        Cancel, per post or for all (never sent late without the user)."""
        if self.services.schedule is None:
            return
        if self.overdue_dialog is not None and self.overdue_dialog.isVisible():
            self.overdue_dialog.reload()
            return
        from app.ui.dialogs.queue import QueueDialog

        self.overdue_dialog = QueueDialog(self.services.schedule, self.runner, self,
                                          overdue_only=True)
        self.schedule_notice.emit(f"{len(post_ids)} scheduled post(s) missed their time while "
                                  "Twofold was not running; Twofold asks what to do.")
        from app.ui.quick_post import bring_to_front

        bring_to_front(self.overdue_dialog)

    def _edit_scheduled(self, draft: Draft) -> None:
        from app.ui.quick_post import bring_to_front

        self.composer.open_draft(draft)
        bring_to_front(self)
        self.composer.editor.setFocus()
        self.statusBar().showMessage(
            "Editing a scheduled post: it waits in the queue (held) until you choose Post to "
            "Work at… again; nothing half-edited goes out.", 20000)

    def _welcome_if_new(self) -> None:
        self.loaded.disconnect(self._welcome_if_new)
        if not self.composer.accounts.accounts():
            self.show_onboarding()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Save the draft before closing; never lose typed text. With "keep running in the
        tray" chosen (and a tray present), closing hides the window instead."""
        self.composer.save_now()
        if self.close_to_tray and self.tray_present and not self._quitting:
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
