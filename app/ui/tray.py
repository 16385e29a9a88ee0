"""The tray icon: an optional adapter.

Created only when the desktop has a system tray (``create_tray`` returns None otherwise, and
the app runs as a window that quits when closed). The menu is rebuilt each time it opens, from
a snapshot of the drafts and the outbox read on a worker (never on the UI thread):

- Quick post to Work…, Open Twofold, Asked to share (with the count of new suggestions),
  Scheduled posts (with the count still to go out: the queue);
- the last few drafts (each opens in the main window);
- posts waiting or failed, when there are any (also counted in the tooltip and as a badge on
  the icon);
- Keep running when the window closes, Start at login (settings);
- Quit Twofold.

Scheduled posts go out while Twofold runs, in the tray too (``app/ui/scheduling.py``); held
or failed ones are announced with a notification. There is no Pause/resume: a post is held or
cancelled one by one in the queue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app import APP_NAME
from app.core.model import Draft
from app.ui import theme
from app.ui.ports import AppServices
from app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from app.paths import AppPaths
    from app.ui.main_window import MainWindow
    from app.ui.quick_post import QuickPostWindow

RECENT_DRAFTS = 5
DRAFT_LABEL_CHARS = 40
REFRESH_MS = 60_000


@dataclass(frozen=True)
class TrayState:
    """What the tray shows besides its fixed actions."""

    drafts: list[Draft] = field(default_factory=list)
    waiting: int = 0
    failed: int = 0
    scheduled: int = 0  # scheduled posts still to go out

    @property
    def pending(self) -> int:
        """Posts not yet out: waiting plus failed."""
        return self.waiting + self.failed


def read_tray_state(services: AppServices) -> TrayState:
    """On a worker: the last few drafts and the outbox counts."""
    drafts = services.drafts
    if drafts is None:
        return TrayState()
    recent = drafts.list_drafts()[:RECENT_DRAFTS]
    counts = getattr(drafts, "outbox_counts", None)
    waiting, failed = counts() if counts is not None else (0, 0)
    scheduled = 0
    if services.schedule is not None:
        try:
            scheduled = services.schedule.count_open()
        except Exception:  # the queue's own window says why it cannot be read
            scheduled = 0
    return TrayState(recent, waiting, failed, scheduled)


def draft_label(draft: Draft) -> str:
    """A draft's first words, for a menu entry (ampersands kept as text)."""
    text = " ".join(draft.text.split())
    if len(text) > DRAFT_LABEL_CHARS:
        text = text[:DRAFT_LABEL_CHARS].rstrip() + "…"
    return (text or "(empty draft)").replace("&", "&&")


def tooltip_text(state: TrayState, new_suggestions: int = 0) -> str:
    """The icon's tooltip: what it does, what is waiting or failed, and new suggestions."""
    parts = []
    if state.waiting:
        parts.append(f"{state.waiting} {'post' if state.waiting == 1 else 'posts'} waiting")
    if state.failed:
        parts.append(f"{state.failed} failed")
    if state.scheduled:
        parts.append(f"{state.scheduled} scheduled")
    if new_suggestions:
        plural = "s" if new_suggestions != 1 else ""
        parts.append(f"{new_suggestions} new suggestion{plural} to look at")
    suffix = f" — {', '.join(parts)}" if parts else ""
    return f"{APP_NAME}: click for a quick post to Work{suffix}"


def badge_icon(count: int) -> QIcon:
    """The app icon, with ``count`` in a red disc in its corner when it is not zero."""
    icon = theme.app_icon()
    if count <= 0:
        return icon
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPainter

    size = 64
    pixmap = icon.pixmap(size, size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    disc = QRectF(size * 0.42, 0, size * 0.58, size * 0.58)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#c62828"))
    painter.drawEllipse(disc)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.38))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, str(count) if count < 10 else "9+")
    painter.end()
    return QIcon(pixmap)


class TwofoldTray(QSystemTrayIcon):
    """Tray icon: quick post to Work, the window, recent drafts, what is pending, quit.

    Signals:
        state_changed(TrayState): a new snapshot of drafts and counts is shown.
    """

    state_changed = Signal(object)

    def __init__(self, window: MainWindow, services: AppServices, runner: TaskRunner,
                 quick_post: QuickPostWindow | None = None, *,
                 on_quit: Callable[[], None] | None = None,
                 settings: TraySettings | None = None) -> None:
        super().__init__(theme.app_icon(), window)
        self.window = window
        self.services = services
        self.runner = runner
        if quick_post is None:
            from app.ui.quick_post import QuickPostWindow

            quick_post = QuickPostWindow(services, runner, notify=self.notify)
            follow_posting_refusal(quick_post, window)
        self.quick_post = quick_post
        self._on_quit = on_quit
        self.settings = settings
        # With a tray, closing the window hides it here unless the user turned that off
        # (the tray menu, or Settings: one setting, on by default).
        window.tray_present = True
        if settings is not None:
            window.close_to_tray = settings.keep_in_tray()
        self.state = TrayState()
        self._links: list[str] = []
        self._reading = False
        self.new_suggestions = 0
        self.setToolTip(tooltip_text(self.state))
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self._menu_opens)
        self.setContextMenu(self.menu)
        self.activated.connect(self._activated)
        self.messageClicked.connect(self._open_links)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        for composer in (window.composer, quick_post.composer):
            composer.delivery_finished.connect(lambda _u: self.refresh())
            composer.draft_saved.connect(lambda _d: self.refresh())
        self.set_suggestion_count(window.new_suggestions)
        window.suggestions_counted.connect(self.set_suggestion_count)
        window.schedule_notice.connect(
            lambda text: self.notify("Scheduled posts", [text], []))
        for composer in (window.composer, quick_post.composer):
            composer.scheduled.connect(lambda _posts: self.refresh())
        self.rebuild_menu()
        self.refresh()

    def set_suggestion_count(self, count: int) -> None:
        """Show how many of the employer's suggestions are new (tooltip and menu)."""
        self.new_suggestions = count
        self.setToolTip(tooltip_text(self.state, count))

    # --- the menu --------------------------------------------------------------------------

    def _menu_opens(self) -> None:
        self.rebuild_menu()
        self.refresh()

    def rebuild_menu(self) -> None:
        """Build the menu from the current state (called each time it opens)."""
        self.menu.clear()
        self.menu.addAction("&Quick post to Work…", self.open_quick_post)
        self.menu.addAction("&Open Twofold", self.show_window)
        count = self.new_suggestions
        self.menu.addAction(f"Asked to &share ({count} new)…" if count else "Asked to &share…",
                            self._open_suggestions)
        if self.services.schedule is not None:
            scheduled = self.state.scheduled
            self.menu.addAction(f"Sc&heduled posts ({scheduled})…" if scheduled else
                                "Sc&heduled posts…", self.window.open_queue)
        if self.state.drafts:
            self.menu.addSeparator()
            self.menu.addSection("Recent drafts")
            for draft in self.state.drafts:
                self.menu.addAction(draft_label(draft), partial(self.open_draft, draft))
        if self.state.pending:
            self.menu.addSeparator()
            parts = []
            if self.state.waiting:
                parts.append(f"{self.state.waiting} waiting")
            if self.state.failed:
                parts.append(f"{self.state.failed} failed")
            noun = "post" if self.state.pending == 1 else "posts"
            self.menu.addAction(f"{noun.capitalize()} {', '.join(parts)}…", self.open_pending)
        if self.settings is not None:
            self.menu.addSeparator()
            keep = self.menu.addAction("&Keep running in the tray when the window closes")
            keep.setCheckable(True)
            keep.setChecked(self.window.close_to_tray)
            keep.toggled.connect(self._set_keep_in_tray)
            login = self.menu.addAction("Start at &login")
            login.setCheckable(True)
            login.setChecked(self.settings.starts_at_login())
            available, why = self.settings.login_start_available()
            login.setEnabled(available)
            if why:
                login.setToolTip(why)
            login.toggled.connect(self.settings.set_start_at_login)
        self.menu.addSeparator()
        self.menu.addAction("&Quit Twofold", self.quit)

    def refresh(self) -> None:
        """Read the drafts and the outbox counts on a worker; then update the tooltip, the
        badge and the menu's next opening."""
        if self._reading or self.services.drafts is None:
            return
        self._reading = True
        self.runner.run(lambda: read_tray_state(self.services), on_done=self._show_state,
                        on_error=self._state_failed, context=self)

    def _show_state(self, state: TrayState) -> None:
        self._reading = False
        changed = state != self.state
        self.state = state
        self.setToolTip(tooltip_text(state, self.new_suggestions))
        if changed:
            self.setIcon(badge_icon(state.pending))
            if self.menu.isVisible():
                self.rebuild_menu()
        self.state_changed.emit(state)

    def _state_failed(self, _error: BaseException) -> None:
        self._reading = False

    # --- actions -------------------------------------------------------------------------

    def open_quick_post(self) -> None:
        """Open the quick post near the tray icon (or the pointer)."""
        area = self.geometry()
        anchor = area.center() if area.isValid() and not area.isEmpty() else None
        self.quick_post.present(anchor)

    def show_window(self) -> None:
        """Bring the main window to the front."""
        from app.ui.quick_post import bring_to_front

        bring_to_front(self.window)

    def open_draft(self, draft: Draft) -> None:
        """Open a draft from the menu in the main window (nothing ticked)."""
        self.show_window()
        self.window.composer.open_draft(draft)

    def open_pending(self) -> None:
        """Show the drafts whose posts wait or failed (after the menu has closed)."""
        self.show_window()
        QTimer.singleShot(0, self.window, self.window.open_drafts)

    def notify(self, title: str, lines: list[str], links: list[str]) -> None:
        """A desktop notification; clicking it opens the links."""
        self._links = list(links)
        self.showMessage(title, "\n".join(lines), QSystemTrayIcon.MessageIcon.Information,
                         8000)

    def _open_links(self) -> None:
        for link in self._links:
            self.services.open_url(link)

    def _set_keep_in_tray(self, keep: bool) -> None:
        self.window.close_to_tray = keep  # the window hides itself on close when True
        if self.settings is not None:
            self.settings.set_keep_in_tray(keep)

    def _open_suggestions(self) -> None:
        self.show_window()
        self.window.open_suggestions()

    def quit(self) -> None:
        """End Twofold (each window saves its draft on the way out)."""
        if self._on_quit is not None:
            self._on_quit()
            return
        from PySide6.QtWidgets import QApplication

        self.quick_post.close()
        self.window.close()
        QApplication.quit()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_quick_post()


class TraySettings:
    """The settings the tray menu switches (kept in the profile's ``ui.ini``)."""

    KEEP_IN_TRAY = "close_to_tray"  # the key the Settings dialog writes too
    TOLD_ABOUT_TRAY = "told_about_tray"

    def __init__(self, settings: QSettings, paths: AppPaths,
                 on_problem: Callable[[str], None] | None = None) -> None:
        self._settings = settings
        self._paths = paths
        self._on_problem = on_problem or (lambda _message: None)

    def _flag(self, key: str, default: bool) -> bool:
        value = self._settings.value(key, "yes" if default else "no")
        return str(value) == "yes"

    def _store(self, key: str, value: bool) -> None:
        self._paths.config_dir()  # created 0700 before QSettings writes into it
        self._settings.setValue(key, "yes" if value else "no")
        self._settings.sync()

    def keep_in_tray(self) -> bool:
        """Whether closing the main window keeps Twofold in the tray (default yes)."""
        return self._flag(self.KEEP_IN_TRAY, True)

    def set_keep_in_tray(self, keep: bool) -> None:
        """Switch keeping Twofold in the tray when the window closes."""
        self._store(self.KEEP_IN_TRAY, keep)

    def told_about_tray(self) -> bool:
        """Whether the user was told once that Twofold keeps running in the tray."""
        return self._flag(self.TOLD_ABOUT_TRAY, False)

    def set_told_about_tray(self) -> None:
        """Remember that the user was told."""
        self._store(self.TOLD_ABOUT_TRAY, True)

    def starts_at_login(self) -> bool:
        """Whether the autostart entry is there."""
        from app import autostart

        return autostart.supported() and autostart.is_enabled()

    def login_start_available(self) -> tuple[bool, str]:
        """Whether Twofold can switch Start at login here, and if not, why."""
        from app import autostart

        if autostart.supported():
            return True, ""
        return False, "On Windows and macOS, add Twofold to the login items (see README)."

    def set_start_at_login(self, enabled: bool) -> None:
        """Write or remove the autostart entry."""
        from app import autostart

        try:
            autostart.set_enabled(enabled, self._paths)
        except OSError as error:
            self._on_problem(f"Start at login could not be changed: {error}")


def follow_posting_refusal(quick_post: QuickPostWindow, window: MainWindow) -> None:
    """Posting off in the main window (the organisation's policy cannot be read): off in the
    quick post too, now and whenever the window turns it off."""
    quick_post.composer.set_posting_refused(window.posting_refusal)
    window.posting_refused.connect(quick_post.composer.set_posting_refused)


def tray_available() -> bool:
    """Whether this desktop shows tray icons (the one place tests mock)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


def create_tray(window: MainWindow, services: AppServices, runner: TaskRunner,
                quick_post: QuickPostWindow | None = None, *,
                on_quit: Callable[[], None] | None = None,
                settings: TraySettings | None = None) -> TwofoldTray | None:
    """The tray icon, or None when this desktop has no system tray."""
    if not tray_available():
        return None
    tray = TwofoldTray(window, services, runner, quick_post, on_quit=on_quit,
                       settings=settings)
    tray.show()
    return tray

