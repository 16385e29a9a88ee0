""""Post to Work at…": a date and time in local time, quick choices, and what quiet hours do.

The quick choices are In an hour, Tomorrow 9:00, Next Monday 9:00 and the user's own usual
times (the times they chose most for earlier scheduled posts, kept in the local store). The
line under the picker always says when the post goes out (local time and UTC), and what
daylight saving or the quiet hours did to the time; a time in the quiet hours is moved to
their end unless "Keep this time" is ticked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.timing import QuietRules, Resolved, TimeError, resolve_local
from app.ui.schedule_services import ScheduleBook


class SchedulePicker(QDialog):
    """Choose when a post goes out. ``plan`` is the result once accepted."""

    def __init__(self, book: ScheduleBook, rules: QuietRules, usual: Sequence[str], *,
                 work: bool = True, title: str = "Post to Work at…",
                 initial: datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.book = book
        self.rules = rules
        self.work = work
        self.plan: Any = None
        layout = QVBoxLayout(self)
        intro = QLabel("When should it go out? Times are your local time "
                       f"({book.describe(book.now(), with_utc=False).rsplit(' ', 1)[-1]}).",
                       self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        quick = QHBoxLayout()
        self.quick_buttons: list[QPushButton] = []
        choices = [("In an &hour", "in 1 hour"), ("&Tomorrow 9:00", "tomorrow 09:00"),
                   ("Next &Monday 9:00", "next monday 09:00")]
        choices += [(f"Usual: {time}", time) for time in usual
                    if time not in ("09:00",)][:3]
        for text, typed in choices:
            button = QPushButton(text, self)
            button.setAccessibleName(text.replace("&", ""))
            button.clicked.connect(lambda _=False, typed=typed: self.choose(typed))
            quick.addWidget(button)
            self.quick_buttons.append(button)
        quick.addStretch(1)
        layout.addLayout(quick)

        row = QHBoxLayout()
        label = QLabel("&Date and time:", self)
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.when.setAccessibleName("Date and time to post")
        label.setBuddy(self.when)
        row.addWidget(label)
        row.addWidget(self.when, 1)
        layout.addLayout(row)

        self.keep = QCheckBox("&Keep this time, even in my quiet hours", self)
        self.keep.setAccessibleName("Keep this time even in my quiet hours")
        self.keep.hide()
        layout.addWidget(self.keep)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("When the post goes out")
        layout.addWidget(self.summary)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.addButton("&Schedule", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        start = initial if initial is not None and initial > book.now() else \
            book.parse("in 1 hour").utc
        self._set(start)
        self.when.dateTimeChanged.connect(self._update)
        self.keep.toggled.connect(self._update)
        self._update()
        self.when.setFocus()

    def _set(self, moment: datetime) -> None:
        local = moment.astimezone(self.book.zone)
        self.when.setDateTime(QDateTime(local.year, local.month, local.day, local.hour,
                                        local.minute, 0, 0, QTimeZone.systemTimeZone()))

    def chosen(self) -> Resolved:
        """The wall-clock time in the picker, in the user's zone (daylight saving applied)."""
        shown = self.when.dateTime()
        date, time = shown.date(), shown.time()
        return resolve_local(datetime(date.year(), date.month(), date.day(), time.hour(),
                                      time.minute()), self.book.zone)

    def choose(self, typed: str) -> None:
        """A quick choice: put it in the picker."""
        try:
            resolved = self.book.parse(typed)
        except TimeError as problem:
            self.summary.setText(str(problem))
            return
        self._set(resolved.utc)
        self._update()

    def _update(self, *_: object) -> None:
        chosen = self.chosen()
        if chosen.utc <= self.book.now():
            self.plan = None
            self.keep.hide()
            self.summary.setText("That time has passed; choose a time that is still to come.")
            self.ok_button.setEnabled(False)
            return
        plan = self.book.plan(chosen, self.rules, work=self.work,
                              keep_quiet_time=self.keep.isChecked())
        quiet = plan.moved or bool(plan.quiet_note)
        self.keep.setVisible(quiet)
        lines = [f"Goes out {self.book.describe(plan.due.utc)}."] + plan.notes
        self.summary.setText("\n".join(lines))
        self.ok_button.setEnabled(True)
        self.plan = plan


def pick_time(parent: QWidget, book: ScheduleBook, rules: QuietRules, usual: Sequence[str], *,
              work: bool = True, title: str = "Post to Work at…",
              initial: datetime | None = None) -> object | None:
    """Show the picker; the chosen ``Plan``, or None when cancelled."""
    dialog = SchedulePicker(book, rules, usual, work=work, title=title, initial=initial,
                            parent=parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.plan
        return None
    finally:
        dialog.deleteLater()
