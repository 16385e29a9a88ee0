"""The history: what went where, when, with links to the posts and any override reason.
Read on a worker, so a busy database never freezes the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.networks.handoff import HANDED_LABEL, handed_to_browser
from app.ui import theme
from app.ui.ports import DraftBook, HistoryRecord
from app.ui.workers import TaskRunner

# The override reason sits next to the text it excused, not off to the right past the link.
COLUMNS = ("When", "Account", "Identity", "Network", "Text",
           "Posted despite a block, because", "Link")
TEXT_COLUMN, REASON_COLUMN, LINK_COLUMN = 4, 5, 6


class HistoryDialog(QDialog):
    """A table of posts; activating a row opens its link.

    Signals:
        loaded: the table shows the history as stored now.
    """

    loaded = Signal()

    def __init__(self, drafts: DraftBook, open_url: Callable[[str], object], runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open_url = open_url
        self.setWindowTitle("History")
        self.resize(980, 480)
        layout = QVBoxLayout(self)
        self.summary = QLabel("Reading the history…", self)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName("Posting history")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.summary.setBuddy(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT_COLUMN, QHeaderView.ResizeMode.Stretch)
        # The reason and the link get a set width (the full text is in the tooltip), so the
        # post's text keeps the room to read it.
        for column, width in ((REASON_COLUMN, 200), (LINK_COLUMN, 200)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.itemActivated.connect(self._activated)
        layout.addWidget(self.table, 1)
        from app.ui.widgets.link_fallback import LinkFallback

        self.link_fallback = LinkFallback(self)
        layout.addWidget(self.link_fallback)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        runner.run(drafts.list_history, on_done=self._fill, on_error=self._failed,
                   context=self)

    def _fill(self, records: list[HistoryRecord]) -> None:
        self.summary.setText(
            f"{len(records)} {'post' if len(records) == 1 else 'posts'}, newest first. "
            "Press Enter or double-click a row to open the post." if records
            else "Nothing has been posted from Twofold yet.")
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            entry = record.entry
            when = entry.posted_at.astimezone().strftime("%d %b %Y %H:%M")
            handle = record.account_label or entry.handle
            identity = entry.persona.label + (" (brand)" if entry.owner.value == "employer"
                                              else "")
            text = " ".join(entry.text.split())
            cells = (when, f"@{handle.lstrip('@')}" if handle else "", identity,
                     entry.network.display_name, text,
                     record.override_reason or entry.override_reason,
                     entry.url or (HANDED_LABEL if handed_to_browser(entry.remote_id) else ""))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if column == 3:
                    item.setIcon(theme.network_icon(entry.network))
                self.table.setItem(row, column, item)
            first = self.table.item(row, 0)
            if first is not None:
                first.setData(Qt.ItemDataRole.UserRole, entry.url or "")
        self.table.resizeRowsToContents()
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.summary.setText(f"The history could not be read: {error}")
        self.loaded.emit()

    def _activated(self, item: QTableWidgetItem) -> None:
        first = self.table.item(item.row(), 0)
        url = first.data(Qt.ItemDataRole.UserRole) if first is not None else ""
        if url and self._open_url(url) is False:
            self.link_fallback.show_for(url)
