"""The queue of scheduled posts, per account: time (local), state (with the reason when held
or failed) and the start of the text; Edit, Reschedule…, Post now, Cancel.

The same dialog asks about overdue posts at start ("These posts were due while Twofold was not
running"): Send now, Reschedule… or Cancel, for the chosen post or for all of them. Every
store and network call runs on a worker; the list is read again after each action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.model import Draft, Owner, Persona
from app.core.schedule import ScheduleState
from app.ui import theme
from app.ui.schedule_services import QueueRow, ScheduleBook
from app.ui.workers import TaskRunner

PREVIEW_LENGTH = 70
POST_ID_ROLE = Qt.ItemDataRole.UserRole

# (parent, book, quiet rules, usual times, initial=moment, work=bool) → a Plan, or None.
TimeAsker = Callable[..., Any]


def _ask_time(parent: QWidget, book: ScheduleBook, rules: Any, usual: list[str], *,
              initial: Any = None, **_: Any) -> Any:
    from app.ui.dialogs.schedule_picker import pick_time

    return pick_time(parent, book, rules, usual, title="Reschedule", initial=initial,
                     work=bool(_.get("work", True)))


def state_text(row: QueueRow) -> str:
    """``Scheduled``, ``Overdue``, ``Held: <reason>`` …"""
    if row.overdue:
        return "Overdue: not sent, waiting for you"
    text = row.post.state.label
    return f"{text}: {row.post.reason}" if row.post.reason else text


class QueueDialog(QDialog):
    """Scheduled posts. ``edit_requested(Draft)``: open this draft in the composer."""

    edit_requested = Signal(object)
    changed = Signal()

    def __init__(self, book: ScheduleBook, runner: TaskRunner, parent: QWidget | None = None,
                 *, overdue_only: bool = False, ask_time: TimeAsker = _ask_time) -> None:
        super().__init__(parent)
        self.book = book
        self.runner = runner
        self.overdue_only = overdue_only
        self._ask_time = ask_time
        self.rows: list[QueueRow] = []
        self._rules: Any = None
        self._usual: list[str] = []
        self.busy = False
        self.setWindowTitle("Overdue posts" if overdue_only else "Scheduled posts")
        self.resize(820, 460)
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            "These posts were due while Twofold was not running (or the computer was asleep). "
            "Nothing was sent late without you: send them now, choose a new time, or cancel "
            "them." if overdue_only else
            "What is scheduled, per account, in your local time. Each post is checked again "
            "when it is due; a new problem holds it here with the reason.", self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["When", "State", "Text"])
        self.tree.setAccessibleName("Scheduled posts by account")
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 230)
        self.tree.setColumnWidth(1, 190)
        self.tree.setWordWrap(True)
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        layout.addWidget(self.tree, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Queue status")
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.edit_button = self._button("&Edit", "Open the draft in the composer (the post "
                                        "waits until you schedule it again)", self.edit)
        self.reschedule_button = self._button("&Reschedule…", "Choose a new time",
                                              self.reschedule)
        self.post_now_button = self._button("Send now" if overdue_only else "&Post now",
                                            "Send this post now (it is checked first)",
                                            self.post_now)
        self.cancel_button = self._button("&Cancel post", "Take this post off the queue; the "
                                          "text stays a draft", self.cancel_post)
        for button in (self.edit_button, self.reschedule_button, self.post_now_button,
                       self.cancel_button):
            buttons.addWidget(button)
        if overdue_only:
            self.edit_button.hide()
            self.send_all_button = self._button("Send &all now", "Send every overdue post now",
                                                self.send_all)
            self.cancel_all_button = self._button("Ca&ncel all", "Cancel every overdue post",
                                                  self.cancel_all)
            buttons.addWidget(self.send_all_button)
            buttons.addWidget(self.cancel_all_button)
        buttons.addStretch(1)
        self.close_button = self._button("Close" if not overdue_only else "&Decide later",
                                         "Close this window", self.accept)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.reload()

    def _button(self, text: str, description: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", "").replace("…", ""))
        button.setAccessibleDescription(description)
        button.setToolTip(description)
        button.clicked.connect(slot)
        return button

    # --- reading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the queue (and the picker's quiet hours and usual times) on a worker."""
        self.busy = True
        self._refresh_buttons()

        def read() -> tuple[list[QueueRow], Any, list[str]]:
            rows = self.book.overdue() if self.overdue_only else self.book.rows()
            return rows, self.book.quiet_rules(), self.book.usual_times()

        self.runner.run(read, on_done=self._show, on_error=self._failed, context=self)

    def _show(self, found: tuple[list[QueueRow], Any, list[str]]) -> None:
        self.rows, self._rules, self._usual = found
        self.busy = False
        current = self.selected_id()
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for row in sorted(self.rows, key=lambda r: (self._account_title(r), r.post.due_at)):
            title = self._account_title(row)
            group = groups.get(title)
            if group is None:
                group = QTreeWidgetItem(self.tree, [title])
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                if row.account is not None:
                    group.setIcon(0, _colour_swatch(row.account.shown_colour))
                group.setToolTip(0, theme.account_description(row.account)
                                 if row.account is not None else title)
                groups[title] = group
            flat = " ".join(row.post.text.split())
            preview = flat if len(flat) <= PREVIEW_LENGTH else flat[:PREVIEW_LENGTH - 1] + "…"
            item = QTreeWidgetItem(group, [self.book.describe(row.post.due_at, with_utc=False),
                                           state_text(row), preview])
            item.setData(0, POST_ID_ROLE, row.post.id)
            item.setToolTip(1, state_text(row))
            item.setToolTip(2, row.post.text)
            if row.post.id == current:
                self.tree.setCurrentItem(item)
        self.tree.expandAll()
        if self.tree.currentItem() is None:
            first = next(iter(groups.values()), None)
            child = first.child(0) if first is not None and first.childCount() else None
            if child is not None:
                self.tree.setCurrentItem(child)
        if not self.rows:
            self.status.setText("Nothing is overdue any more." if self.overdue_only else
                                "Nothing is scheduled. Use “Post to Work at…” in the composer.")
        self._refresh_buttons()

    @staticmethod
    def _account_title(row: QueueRow) -> str:
        """``Mastodon @dana — WORK`` (``BRAND`` for the employer's account): colour is never
        the only cue."""
        account = row.account
        if account is None:
            return f"Account {row.post.account_id} (removed)"
        label = "BRAND" if account.owner is Owner.EMPLOYER else account.persona.label.upper()
        return f"{account.network.display_name} {theme.account_title(account)} — {label}"

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.status.setText(str(error) or type(error).__name__)
        self._refresh_buttons()

    def selected_id(self) -> int | None:
        """The id of the chosen post (None: an account heading or nothing)."""
        item = self.tree.currentItem()
        value = item.data(0, POST_ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def select(self, post_id: int) -> None:
        """Choose a post in the list (tests, keyboard helpers)."""
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group is None:
                continue
            for child in range(group.childCount()):
                item = group.child(child)
                if item is not None and item.data(0, POST_ID_ROLE) == post_id:
                    self.tree.setCurrentItem(item)

    def _row(self) -> QueueRow | None:
        chosen = self.selected_id()
        return next((r for r in self.rows if r.post.id == chosen), None)

    def _selection_changed(self) -> None:
        """A held or failed post says why below the list (the column is too narrow)."""
        row = self._row()
        if row is not None and row.post.reason:
            self.status.setText(f"{row.post.state.label}: {row.post.reason}")
        elif row is not None and row.overdue:
            self.status.setText(state_text(row))
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        row = None if self.busy else self._row()
        state = row.post.state if row is not None else None
        self.edit_button.setEnabled(state in (ScheduleState.SCHEDULED, ScheduleState.HELD))
        self.reschedule_button.setEnabled(state in (ScheduleState.SCHEDULED, ScheduleState.HELD,
                                                    ScheduleState.FAILED))
        self.post_now_button.setEnabled(state in (ScheduleState.SCHEDULED, ScheduleState.HELD,
                                                  ScheduleState.FAILED))
        self.cancel_button.setEnabled(state in (ScheduleState.SCHEDULED, ScheduleState.HELD,
                                                ScheduleState.FAILED))
        if self.overdue_only:
            self.send_all_button.setEnabled(not self.busy and bool(self.rows))
            self.cancel_all_button.setEnabled(not self.busy and bool(self.rows))

    # --- actions ----------------------------------------------------------------------------

    def _act(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.busy = True
        self._refresh_buttons()

        def finished(result: Any) -> None:
            self.busy = False
            done(result)
            self.changed.emit()
            self.reload()

        self.runner.run(work, on_done=finished, on_error=self._failed_action, context=self)

    def _failed_action(self, error: BaseException) -> None:
        self._failed(error)
        self.reload()

    def edit(self) -> None:
        """Hold the draft's posts and open the draft in the composer."""
        row = self._row()
        if row is None:
            return
        post_id = row.post.id

        def opened(draft: Draft) -> None:
            self.status.setText("The draft is open in the composer; its posts wait here "
                                "until you schedule it again (Post to Work at…).")
            self.edit_requested.emit(draft)

        self._act(lambda: self.book.edit(post_id), opened)  # type: ignore[arg-type]

    def reschedule(self) -> None:
        """Choose a new time for the chosen post."""
        row = self._row()
        if row is None:
            return
        account = row.account
        plan = self._ask_time(self, self.book, self._rules, self._usual,
                              initial=row.post.due_at,
                              work=account is None or account.persona is Persona.WORK)
        if plan is None:
            return
        post_id = row.post.id
        self._act(lambda: self.book.reschedule(post_id, plan.due),  # type: ignore[arg-type]
                  lambda moved: self.status.setText(
                      f"Moved: it goes out {self.book.describe(moved.due_at)}."))

    def post_now(self) -> None:
        """Send the chosen post now (checked first)."""
        row = self._row()
        if row is None:
            return
        post_id = row.post.id
        self._act(lambda: self.book.send_now(post_id),  # type: ignore[arg-type]
                  lambda result: self.status.setText(_result_text(result)))

    def cancel_post(self) -> None:
        """Take the chosen post off the queue."""
        row = self._row()
        if row is None:
            return
        post_id = row.post.id
        self._act(lambda: self.book.cancel(post_id),  # type: ignore[arg-type]
                  lambda _post: self.status.setText("Cancelled; it will not be sent. The text "
                                                    "is kept as a draft."))

    def send_all(self) -> None:
        """Overdue: send every one now."""
        ids = [row.post.id for row in self.rows]
        self._act(lambda: [self.book.send_now(i) for i in ids],  # type: ignore[arg-type]
                  lambda results: self.status.setText(
                      " ".join(_result_text(r) for r in results)))

    def cancel_all(self) -> None:
        """Overdue: cancel every one."""
        ids = [row.post.id for row in self.rows]
        self._act(lambda: [self.book.cancel(i) for i in ids],  # type: ignore[arg-type]
                  lambda posts: self.status.setText(f"Cancelled {len(posts)}."))


def _colour_swatch(colour: str) -> Any:
    """A small square in the account's colour, beside its name."""
    from PySide6.QtGui import QColor, QIcon, QPixmap

    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def _result_text(result: Any) -> str:
    if result.outcome == "sent":
        return "Posted." + (f" {result.url}" if result.url else "")
    if result.outcome == "held":
        return result.message
    if result.outcome == "failed":
        return f"Not sent: {result.message}"
    return result.message
