"""The quick post window: a post to Work in a few seconds, and nothing else.

It is Work-only by construction: it is handed every account but keeps only the Work
identity's, so no personal account is ever in its list; it posts to Work (Ctrl+Enter) or
schedules with Post to Work at… (the composer's own picker, checks and confirmation).
Everything else is the composer's own (``ComposerWidget``): the same live check, findings,
fixes, blocks, override reasons and confirmations, the same counters per network, images
attached, pasted or dropped (and described), and the same posting engine.

Escape (or closing it) hides it and keeps the text for next time (it is also saved in
Drafts). After a post that reached every account it hides and a notification names each
account's result with its link; after a failure it stays open with "Retry failed" (the
sending report) and "Open in composer".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QCursor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import APP_NAME
from app.core.model import Account, Draft, Persona
from app.ui import theme
from app.ui.composer import ComposerWidget, ConfirmFunction, OverrideFunction
from app.ui.composer import ask_confirmation as default_confirm
from app.ui.composer import ask_override_reason as default_override
from app.ui.ports import AppServices, DeliveryState, DeliveryUpdate
from app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

# (title, one line per account, the links) -> shown to the user somehow.
Notifier = Callable[[str, list[str], list[str]], None]


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` above the others and give it the keyboard."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    if QGuiApplication.platformName() != "offscreen":  # it cannot raise windows
        window.raise_()
    window.activateWindow()


def work_accounts(accounts: Sequence[Account]) -> list[Account]:
    """The accounts a quick post may ever show: the Work identity's, nothing else."""
    return [account for account in accounts if account.persona is Persona.WORK]


def result_lines(updates: Sequence[DeliveryUpdate],
                 accounts: Sequence[Account]) -> tuple[list[str], list[str]]:
    """One line per account (who, where, what happened, the link) and the links."""
    by_id = {a.id: a for a in accounts}
    lines: list[str] = []
    links: list[str] = []
    for update in updates:
        account = by_id.get(update.account_id)
        who = (f"{theme.account_title(account)} on {account.network.display_name}"
               if account is not None else f"account {update.account_id}")
        if update.state == DeliveryState.SENT:
            line = f"{who}: posted"
            if update.url:
                line += f" — {update.url}"
                links.append(update.url)
        else:
            line = f"{who}: {update.state}" + (f" ({update.message})" if update.message else "")
        lines.append(line)
    return lines, links


class QuickPostWindow(QWidget):
    """A small window on top of the others for a post to Work.

    Signals:
        open_in_composer(Draft): the user wants this draft in the main window.
        connect_requested(): the user wants to connect a Work account.
        shown(): the window is being shown.
        painted(): the window was painted for the first time since it was shown (what the
            user sees; benchmarks time this).
        hidden(): the window left the screen (Escape, closed, or posted).
        result_dismissed(): the message with a post's results (without a tray) was closed.
    """

    open_in_composer = Signal(object)
    connect_requested = Signal()
    shown = Signal()
    painted = Signal()
    hidden = Signal()
    result_dismissed = Signal()

    def __init__(self, services: AppServices, runner: TaskRunner, *,
                 notify: Notifier | None = None,
                 pasted_images_dir: Callable[[], Path] | None = None,
                 confirm: ConfirmFunction = default_confirm,
                 ask_override: OverrideFunction = default_override,
                 ask_time: Callable[..., Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.services = services
        self.runner = runner
        self.notify: Notifier = notify or self.show_result_box
        self._refreshing = False
        self._awaiting_paint = False
        self.result_box: QMessageBox | None = None
        self.setWindowTitle(f"Quick post to Work — {APP_NAME}")
        self.setAccessibleName("Quick post to Work")
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The full composer, not its compact form: the counters per ticked network and the
        # images (attached, pasted or dropped, then described) are part of a quick post too.
        self.composer = ComposerWidget(services.checker, runner, drafts=services.drafts,
                                       poster=services.poster, open_url=services.open_url,
                                       confirm=confirm, ask_override=ask_override,
                                       pasted_images_dir=pasted_images_dir,
                                       schedule=services.schedule, ask_time=ask_time,
                                       parent=self)
        layout.addWidget(self.composer, 1)
        self._make_work_only()

        failure_row = QHBoxLayout()
        failure_row.setContentsMargins(8, 0, 8, 8)
        self.failure_label = QLabel(self)  # the composer's sentences, and failures
        self.failure_label.setWordWrap(True)
        self.failure_label.setAccessibleName("Quick post status")
        failure_row.addWidget(self.failure_label, 1)
        self.open_in_composer_button = QPushButton("Open in composer", self)
        self.open_in_composer_button.setToolTip(
            "Move this draft, with its sending report, to the main window")
        self.open_in_composer_button.clicked.connect(self.move_to_composer)
        failure_row.addWidget(self.open_in_composer_button)
        layout.addLayout(failure_row)
        self._show_failure(False)

        hide_action = QAction("Hide", self)
        hide_action.setShortcuts([QKeySequence("Escape")])
        hide_action.triggered.connect(self.hide_keeping_text)
        self.addAction(hide_action)
        self.composer.delivery_finished.connect(self._delivery_finished)
        self.composer.scheduled.connect(self._scheduled)
        self.composer.connect_requested.connect(lambda _p: self.connect_requested.emit())
        self.composer.status.connect(self._status)

    # --- Work only -----------------------------------------------------------------------

    def _make_work_only(self) -> None:
        composer = self.composer
        composer.post_personal_button.hide()
        composer.post_personal_button.setEnabled(False)
        # "Check as" (while nothing is ticked) is always a Work post here.
        persona = composer.check_as_persona
        persona.setCurrentIndex(persona.findData(Persona.WORK))
        persona.setEnabled(False)
        persona.currentIndexChanged.connect(self._keep_checking_as_work)

    def _keep_checking_as_work(self) -> None:
        persona = self.composer.check_as_persona
        if Persona(persona.currentData()) is not Persona.WORK:
            persona.setCurrentIndex(persona.findData(Persona.WORK))
            self._status("A quick post goes to Work only; for a personal post, open the "
                         "composer.")

    def set_accounts(self, accounts: Sequence[Account]) -> None:
        """Show the Work accounts among ``accounts`` (personal ones are dropped here, so
        they can never be ticked); ticks of accounts still listed are kept."""
        work = work_accounts(accounts)
        def order(account: Account) -> tuple[int, str]:
            return account.id or 0, account.handle

        if sorted(work, key=order) == sorted(self.composer.accounts.accounts(), key=order):
            return
        ticked = [a.id for a in self.composer.accounts.ticked()]
        self.composer.set_accounts(work)
        self.composer.accounts.set_ticked([i for i in ticked if i in {a.id for a in work}])

    def refresh_accounts(self) -> None:
        """Read the accounts on a worker (they may have changed elsewhere), then show them."""
        book = self.services.accounts
        if book is None or self._refreshing:
            return
        self._refreshing = True

        def done(accounts: list[Account]) -> None:
            self._refreshing = False
            self.set_accounts(accounts)

        def failed(error: BaseException) -> None:
            self._refreshing = False
            self._status(f"Could not read the accounts: {error}")

        self.runner.run(book.list_accounts, on_done=done, on_error=failed, context=self)

    # --- showing and hiding -----------------------------------------------------------------

    def present(self, anchor: QPoint | None = None) -> None:
        """Show the window near ``anchor`` (default: the pointer), on that screen, above
        the other windows, with the cursor in the editor. What was typed before is kept."""
        if not self.isVisible():
            self.move(self.placement(anchor if anchor is not None else QCursor.pos()))
            if self.open_in_composer_button.isHidden():
                self._status("")  # an old sentence would read as news
        bring_to_front(self)
        self.composer.editor.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        self.refresh_accounts()

    def placement(self, anchor: QPoint) -> QPoint:
        """The top-left corner that puts the window next to ``anchor`` and wholly on the
        available part of the screen under it (not under a panel or the tray)."""
        screen = QGuiApplication.screenAt(anchor) or QGuiApplication.primaryScreen()
        area: QRect = screen.availableGeometry() if screen is not None else QRect(
            0, 0, 1280, 800)
        frame = self.frameGeometry()
        width = min(max(frame.width(), self.width()), area.width())
        height = min(max(frame.height(), self.height()), area.height())
        # Above-left of a pointer low on the screen (a tray at the bottom), else below it.
        x = anchor.x() - width // 2
        y = anchor.y() - height - 12 if anchor.y() > area.center().y() else anchor.y() + 12
        x = max(area.left(), min(x, area.right() - width + 1))
        y = max(area.top(), min(y, area.bottom() - height + 1))
        return QPoint(x, y)

    def hide_keeping_text(self) -> None:
        """Hide; the text stays here for next time (and is saved in Drafts)."""
        self.composer.save_now()
        self.hide()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Say so when the window is being shown."""
        super().showEvent(event)
        self._awaiting_paint = True
        self.shown.emit()

    def event(self, event: QEvent) -> bool:
        """Notice the first paint after showing (``painted``)."""
        if event.type() == QEvent.Type.Paint and self._awaiting_paint:
            self._awaiting_paint = False
            self.painted.emit()
        return super().event(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        """Say so when the window leaves the screen."""
        super().hideEvent(event)
        if not self.isVisible():
            self.hidden.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Closing is hiding: what was typed is kept."""
        self.composer.save_now()
        super().closeEvent(event)

    # --- after a post -------------------------------------------------------------------

    def _delivery_finished(self, updates: list[DeliveryUpdate]) -> None:
        accounts = self.composer.accounts.accounts()
        if updates and all(u.state == DeliveryState.SENT for u in updates):
            self._show_failure(False)
            lines, links = result_lines(updates, accounts)
            self.hide()
            self.notify("Posted to Work", lines, links)
            return
        failed = sum(1 for u in updates if u.state != DeliveryState.SENT)
        self._show_failure(True, f"{failed} of {len(updates)} did not go out. Use “Retry "
                                 "failed” above, or open the draft in the composer.")

    def _scheduled(self, posts: list[Any]) -> None:
        """"Post to Work at…" queued it: as after a post, hide and name each account with
        when it goes out (the queue is in the main window, Post › Scheduled posts)."""
        book = self.services.schedule
        by_id = {a.id: a for a in self.composer.accounts.accounts()}
        lines = []
        for post in posts:
            account = by_id.get(post.account_id)
            who = (f"{theme.account_title(account)} on {account.network.display_name}"
                   if account is not None else f"account {post.account_id}")
            lines.append(f"{who}: scheduled for {book.describe(post.due_at)}")
        self._show_failure(False)
        self.hide()
        self.notify("Scheduled for Work", lines, [])

    def _show_failure(self, shown: bool, text: str = "") -> None:
        self.open_in_composer_button.setVisible(shown)
        self._status(text)

    def move_to_composer(self) -> None:
        """Hand the draft (saved first) to the main window and start afresh here."""
        saved = self.composer.save_now()
        draft: Draft = saved if saved is not None else self.composer.draft
        self._show_failure(False)
        self.open_in_composer.emit(draft)
        self.composer.draft = Draft()  # the main window has it now: never save it twice
        self.composer.new_draft()
        if self.composer._delivery is not None:
            self.composer._delivery.hide()
        self.hide()

    def _status(self, text: str) -> None:
        """A sentence from the composer (why nothing was sent, what happened)."""
        self.failure_label.setText(text)
        self.failure_label.setVisible(bool(text))

    def show_result_box(self, title: str, lines: list[str], links: list[str]) -> None:
        """Without a tray: the results in a small message with working links."""
        from html import escape

        from PySide6.QtWidgets import QMessageBox

        rows = []
        for line in lines:
            html = escape(line)
            for link in links:
                html = html.replace(escape(link), f'<a href="{escape(link)}">{escape(link)}</a>')
            rows.append(html)
        box = QMessageBox(QMessageBox.Icon.Information, title, "<br>".join(rows))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        label = box.findChild(QLabel, "qt_msgbox_label")
        if label is not None:
            label.setOpenExternalLinks(False)
            label.linkActivated.connect(self.services.open_url)
        box.finished.connect(lambda _code: self.result_dismissed.emit())
        box.show()
        self.result_box = box
