"""The drafts list: every autosaved draft, to open or delete. Read and deleted on a worker,
so a busy database never freezes the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.model import Draft
from app.ui.ports import DraftBook
from app.ui.workers import TaskRunner


def draft_title(draft: Draft) -> str:
    """When the draft was last changed, then its first line (shortened): the date first, so
    a long line never pushes it out of sight."""
    first = next((line.strip() for line in draft.text.splitlines() if line.strip()), "")
    first = first if len(first) <= 80 else first[:79] + "…"
    when = draft.updated_at.astimezone().strftime("%d %b %Y %H:%M") if draft.updated_at else ""
    first = first or "(empty draft)"
    return f"{when}  ·  {first}" if when else first


class DraftsDialog(QDialog):
    """Pick a draft to open (``chosen``) or delete drafts.

    Signals:
        reloaded: the list shows the drafts as stored now.
    """

    reloaded = Signal()

    def __init__(self, drafts: DraftBook, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._drafts = drafts
        self._runner = runner
        self.chosen: Draft | None = None
        self.setWindowTitle("Drafts")
        self.resize(620, 420)
        layout = QVBoxLayout(self)
        intro = QLabel("Autosaved drafts, newest first. Opening one does not tick any "
                       "account: you choose where it goes each time.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Drafts")
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)  # no sideways scrolling
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(lambda _item: self._open())
        intro.setBuddy(self.list)
        layout.addWidget(self.list, 1)
        self.status_label = QLabel("Reading the drafts…", self)
        self.status_label.setEnabled(False)
        layout.addWidget(self.status_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = buttons.addButton("&Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.delete_button = buttons.addButton("&Delete…",
                                               QDialogButtonBox.ButtonRole.DestructiveRole)
        self.open_button.clicked.connect(self._open)
        self.delete_button.clicked.connect(self._delete)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._selection_changed)
        self._selection_changed()
        self.reload()

    def reload(self) -> None:
        """Read the drafts on a worker, then show them; ``reloaded`` follows."""
        self._runner.run(self._drafts.list_drafts, on_done=self._show,
                         on_error=self._failed, context=self)

    def _show(self, drafts: list[Draft]) -> None:
        self.list.clear()
        for draft in drafts:
            item = QListWidgetItem(draft_title(draft))
            item.setData(Qt.ItemDataRole.UserRole, draft)
            item.setToolTip(draft.text[:500])
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.status_label.setText(f"{len(drafts)} {'draft' if len(drafts) == 1 else 'drafts'}."
                                  if drafts else "No saved drafts.")
        self._selection_changed()
        self.reloaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.status_label.setText(f"The drafts could not be read: {error}")
        self.reloaded.emit()

    def _current(self) -> Draft | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _selection_changed(self) -> None:
        has = self._current() is not None
        self.open_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _open(self) -> None:
        self.chosen = self._current()
        if self.chosen is not None:
            self.accept()

    def _delete(self) -> None:
        draft = self._current()
        if draft is None or draft.id is None:
            return
        from app.ui.dialogs.ask import ask_risky

        if ask_risky(self, "Delete draft", f"Delete this draft?\n\n{draft.text[:200]}"):
            draft_id = draft.id
            self.delete_button.setEnabled(False)
            self._runner.run(lambda: self._drafts.delete_draft(draft_id),
                             on_done=lambda _r: self.reload(), on_error=self._failed,
                             context=self)
