""""Asked to share": the inbox of posts the employer asked the user to share — new, snoozed,
shared, declined. Share opens one in the composer from Work; decline and snooze are one click
and private. Everything is read and saved on a worker."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.core.suggestions import Suggestion, SuggestionState
from app.ui.ports import SuggestionInbox
from app.ui.workers import TaskRunner

PRIVACY_NOTE = ("Nothing here is posted automatically, nothing is scored, and nothing about "
                "what you do with a suggestion — sharing, snoozing, declining — leaves this "
                "computer. Your employer is not told.")
SNOOZE_DAYS = 7
STATES = (SuggestionState.NEW, SuggestionState.SNOOZED, SuggestionState.SHARED,
          SuggestionState.DECLINED)


class SuggestionsDialog(QDialog):
    """The inbox.

    Signals:
        share_requested(SharePlan): open this suggestion in the composer.
        reloaded(int): the lists show the store as it is now; the number of new ones.
    """

    share_requested = Signal(object)
    reloaded = Signal(int)

    def __init__(self, inbox: SuggestionInbox, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._inbox = inbox
        self._runner = runner
        self._suggestions: list[Suggestion] = []
        self._now: datetime | None = None
        self.setWindowTitle("Asked to share")
        self.setAccessibleName("Asked to share")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        intro = QLabel("<b>Posts your employer asked you to share.</b> Share one from your "
                       "Work accounts, in your own words, or decline it.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.privacy = QLabel(PRIVACY_NOTE, self)
        self.privacy.setWordWrap(True)
        self.privacy.setAccessibleName("Privacy")
        layout.addWidget(self.privacy)

        self.tabs = QTabBar(self)
        self.tabs.setAccessibleName("Show suggestions that are")
        for state in STATES:
            self.tabs.addTab(state.label)
        self.tabs.currentChanged.connect(lambda _i: self._fill_list())
        layout.addWidget(self.tabs)

        splitter = QSplitter(self)
        splitter.setChildrenCollapsible(False)
        self.list = QListWidget(splitter)
        self.list.setAccessibleName("Suggestions")
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)  # no sideways scrolling
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        detail = QWidget(splitter)
        column = QVBoxLayout(detail)
        column.setContentsMargins(8, 0, 0, 0)
        self.title = QLabel(detail)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.title)
        self.about = QLabel(detail)
        self.about.setWordWrap(True)
        column.addWidget(self.about)
        self.text = QPlainTextEdit(detail)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Suggested text")
        column.addWidget(self.text, 1)
        self.link = QLabel(detail)
        self.link.setWordWrap(True)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.link)
        buttons = QHBoxLayout()
        self.share_button = QPushButton("Share to Work…", detail)
        self.share_button.setAccessibleDescription(
            "Opens it in the composer with only your Work accounts ticked and the disclosure "
            "at the start. Nothing is sent until you post.")
        self.share_button.setDefault(True)
        self.snooze_button = QPushButton(f"Snooze {SNOOZE_DAYS} days", detail)
        self.decline_button = QPushButton("Decline", detail)
        self.decline_button.setAccessibleDescription("Privately; it never comes back.")
        self.restore_button = QPushButton("Make it new again", detail)
        for button in (self.share_button, self.snooze_button, self.decline_button,
                       self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setSizes([320, 560])
        layout.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Feeds")
        bottom.addWidget(self.status, 1)
        self.refresh_button = QPushButton("Refresh", self)
        self.refresh_button.setAccessibleDescription("Read your employer's feed again")
        bottom.addWidget(self.refresh_button)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        bottom.addWidget(close)
        layout.addLayout(bottom)

        self.share_button.clicked.connect(self.share_current)
        self.snooze_button.clicked.connect(
            lambda: self._change(lambda i: self._inbox.snooze(i, SNOOZE_DAYS)))
        self.decline_button.clicked.connect(lambda: self._change(self._inbox.decline))
        self.restore_button.clicked.connect(lambda: self._change(self._inbox.restore))
        self.refresh_button.clicked.connect(self.refresh)
        self._show_current()
        self.reload()

    # --- data ----------------------------------------------------------------------------

    def _read(self) -> tuple[list[Suggestion], datetime | None]:
        now = getattr(self._inbox, "now", None)
        return self._inbox.list_suggestions(), now() if callable(now) else None

    def reload(self) -> None:
        """Read the suggestions on a worker, then show them."""
        self._runner.run(self._read, on_done=self._loaded, on_error=self._failed,
                         context=self)

    def refresh(self) -> None:
        """Read the feeds again on a worker; each source's result is shown below."""
        self.refresh_button.setEnabled(False)
        self.status.setText("Reading the feeds…")

        def work() -> tuple[list[str], tuple[list[Suggestion], datetime | None]]:
            return self._inbox.refresh(), self._read()

        def done(result: tuple[list[str], tuple[list[Suggestion], datetime | None]]) -> None:
            lines, listed = result
            self.refresh_button.setEnabled(True)
            self.status.setText("\n".join(lines) or "Your organisation names no feed.")
            self._loaded(listed)

        def failed(error: BaseException) -> None:
            self.refresh_button.setEnabled(True)
            self._failed(error)

        self._runner.run(work, on_done=done, on_error=failed, context=self)

    def _change(self, action: Any) -> None:
        current = self.current()
        if current is None:
            return
        suggestion_id = current.id

        def work() -> tuple[list[Suggestion], datetime | None]:
            action(suggestion_id)
            return self._read()

        self._runner.run(work, on_done=self._loaded, on_error=self._failed, context=self)

    def share_current(self) -> None:
        """Open the chosen suggestion in the composer (built on a worker: the budget reads the
        history), then close the inbox."""
        current = self.current()
        if current is None:
            return
        self.share_button.setEnabled(False)
        suggestion_id = current.id

        def done(plan: Any) -> None:
            self.share_button.setEnabled(True)
            self.share_requested.emit(plan)
            self.close()

        def failed(error: BaseException) -> None:
            self.share_button.setEnabled(True)
            self._failed(error)

        self._runner.run(lambda: self._inbox.plan_share(suggestion_id), on_done=done,
                         on_error=failed, context=self)

    def _loaded(self, result: tuple[list[Suggestion], datetime | None]) -> None:
        self._suggestions, self._now = result
        counts = {state: 0 for state in STATES}
        for suggestion in self._suggestions:
            counts[self.state_of(suggestion)] += 1
        for index, state in enumerate(STATES):
            self.tabs.setTabText(index, f"{state.label} ({counts[state]})")
        self._fill_list()
        self.reloaded.emit(counts[SuggestionState.NEW])

    def _failed(self, error: BaseException) -> None:
        self.status.setText(f"Could not read the suggestions: {error}")

    # --- showing ---------------------------------------------------------------------------

    def state_of(self, suggestion: Suggestion) -> SuggestionState:
        """Its state as shown now (an ended snooze is new)."""
        return suggestion.state_at(self._now) if self._now else suggestion.state

    def shown_state(self) -> SuggestionState:
        """The tab chosen."""
        return STATES[max(0, self.tabs.currentIndex())]

    def select_state(self, state: SuggestionState) -> None:
        """Show the suggestions in ``state``."""
        self.tabs.setCurrentIndex(STATES.index(state))

    def shown(self) -> list[Suggestion]:
        """The suggestions in the list, top to bottom."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.list.count())]

    def current(self) -> Suggestion | None:
        """The suggestion chosen in the list."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _fill_list(self) -> None:
        chosen = self.current()
        state = self.shown_state()
        self.list.clear()
        for suggestion in self._suggestions:
            if self.state_of(suggestion) is not state:
                continue
            label = suggestion.title or suggestion.text.splitlines()[0][:80]
            if suggestion.partner:
                label += f"  ·  about {suggestion.partner}"
            item = QListWidgetItem(label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, suggestion)
            item.setToolTip(suggestion.text[:400])
            if chosen is not None and suggestion.id == chosen.id:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._show_current()

    def _show_current(self) -> None:
        import html

        current = self.current()
        has = current is not None
        for button in (self.share_button, self.snooze_button, self.decline_button,
                       self.restore_button):
            button.setVisible(has)
        if current is None:
            self.title.setText("<i>Nothing here.</i>")
            self.about.clear()
            self.text.clear()
            self.link.clear()
            return
        state = self.state_of(current)
        self.title.setText(f"<b>{html.escape(current.title or 'Suggested post')}</b>")
        about = (f"About {current.partner}, an advertiser or client: shared as an ad."
                 if current.partner else "Your employer's own news: shared as an employee.")
        if state is SuggestionState.SNOOZED and current.snoozed_until is not None:
            about += f" Snoozed until {current.snoozed_until.astimezone():%d %b %Y}."
        if current.ends_at is not None:
            about += f" Offered until {current.ends_at.astimezone():%d %b %Y}."
        self.about.setText(about)
        self.text.setPlainText(current.text)
        self.link.setText(current.link)
        self.snooze_button.setVisible(state is SuggestionState.NEW)
        self.decline_button.setVisible(state in (SuggestionState.NEW, SuggestionState.SNOOZED))
        self.restore_button.setVisible(state in (SuggestionState.SNOOZED,
                                                 SuggestionState.DECLINED))
