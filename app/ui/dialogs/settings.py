"""Settings: the policy pack in force and where each layer came from (with importing a pack
file as the user's own), the user's own promotion budget on top of the organisation's, and
per-account network options. Save is offered only when something changed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.model import Account
from app.networks.descriptor import AccountSetting
from app.ui import theme
from app.ui.ports import AccountBook, PolicyReport

LAYER_NAMES = {"built-in": "Built-in defaults", "organisation": "Your organisation",
               "user": "Your own pack"}


def _account_settings(account: Account) -> tuple[AccountSetting, ...]:
    """The per-account options the account's network offers (from its descriptor)."""
    from app.networks.registry import descriptor

    return descriptor(account.network).settings


PackPicker = Callable[[QWidget], "Path | None"]


def pick_pack_file(parent: QWidget) -> Path | None:
    """Ask for a policy pack file (TOML)."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, "Import a policy pack", "",
                                          "Policy packs (*.toml);;All files (*)")
    return Path(path) if path else None


class SettingsDialog(QDialog):
    """The policy report, the user's own budget and per-account network options."""

    def __init__(self, report: PolicyReport, accounts: AccountBook | None,
                 parent: QWidget | None = None, *,
                 accounts_now: Sequence[Account] | None = None,
                 pick_pack: PackPicker = pick_pack_file,
                 close_to_tray: bool | None = None) -> None:
        """``accounts_now``: the accounts as read on a worker (else read here);
        ``close_to_tray``: the current choice, None where there is no tray (not offered)."""
        super().__init__(parent)
        self._accounts = accounts
        self._report = report
        self._pick_pack = pick_pack
        self.setWindowTitle("Settings")
        self.resize(760, 680)
        layout = QVBoxLayout(self)

        policy = QGroupBox("Policy pack in force", self)
        policy_layout = QVBoxLayout(policy)
        self.sources = QTableWidget(len(report.sources), 3, policy)
        self.sources.setAccessibleName("Policy pack layers")
        self.sources.setHorizontalHeaderLabels(("Layer", "From", "Locked rules"))
        self.sources.verticalHeader().hide()
        for row, source in enumerate(report.sources):
            values = (LAYER_NAMES.get(source.layer, source.layer), source.location,
                      ", ".join(source.locked_rules) or "—")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.sources.setItem(row, column, item)
        self.sources.horizontalHeader().setStretchLastSection(True)
        self.sources.resizeColumnsToContents()
        # As tall as its rows (a few layers at most): never clipped, no empty grid under them.
        self.sources.resizeRowsToContents()
        rows_height = sum(self.sources.rowHeight(r) for r in range(self.sources.rowCount()))
        self.sources.setFixedHeight(self.sources.horizontalHeader().sizeHint().height()
                                    + rows_height + 2 * self.sources.frameWidth() + 4)
        policy_layout.addWidget(QLabel("Later layers add to earlier ones; your organisation "
                                       "can lock rules so they cannot be lowered.", policy))
        policy_layout.addWidget(self.sources)
        summary = QFormLayout()
        for label, value in report.summary:
            text = QLabel(value, policy)
            text.setWordWrap(True)
            summary.addRow(f"{label}:", text)
        policy_layout.addLayout(summary)
        self.errors = QLabel("\n".join(report.errors), policy)
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet(f"color: {theme.category_colour('conduct').name()};")
        self.errors.setVisible(bool(report.errors))
        policy_layout.addWidget(self.errors)
        import_row = QHBoxLayout()
        self.import_button = QPushButton("&Import a pack file…", policy)
        self.import_button.setToolTip("Use a policy pack file as your own pack (on top of "
                                      "your organisation's, whose locks still apply).")
        self.import_button.setEnabled(bool(report.user_pack))
        self.import_button.clicked.connect(self.import_pack)
        import_row.addWidget(self.import_button)
        self.import_status = QLabel(policy)
        self.import_status.setWordWrap(True)
        import_row.addWidget(self.import_status, 1)
        policy_layout.addLayout(import_row)
        layout.addWidget(policy)

        budget = QGroupBox("Your own limits (on top of your organisation's)", self)
        budget_layout = QFormLayout(budget)
        self.budget_spins: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        for key, label, (posts, days) in (("personal", "Personal accounts",
                                           report.personal_limit),
                                          ("work", "Work accounts", report.work_limit)):
            budget_row = QHBoxLayout()
            posts_box, days_box = QSpinBox(budget), QSpinBox(budget)
            posts_box.setRange(0, 100)
            days_box.setRange(1, 365)
            posts_box.setValue(posts)
            days_box.setValue(days)
            posts_box.setAccessibleName(f"Promotional posts allowed on {label.lower()}")
            days_box.setAccessibleName(f"Days the budget of {label.lower()} covers")
            budget_row.addWidget(posts_box)
            budget_row.addWidget(QLabel("promotional posts per", budget))
            budget_row.addWidget(days_box)
            budget_row.addWidget(QLabel("days, per account", budget))
            budget_row.addStretch(1)
            budget_layout.addRow(f"{label}:", budget_row)
            posts_box.valueChanged.connect(self._changed)
            days_box.valueChanged.connect(self._changed)
            self.budget_spins[key] = (posts_box, days_box)
        self.quiet_hours = QLineEdit(", ".join(report.quiet_hours), budget)
        self.quiet_hours.setPlaceholderText("e.g. 22:00-07:00, 12:00-13:00 (none: any time)")
        self.quiet_hours.setAccessibleName("Quiet hours")
        self.quiet_hours.textChanged.connect(self._changed)
        quiet_label = QLabel("&Quiet hours:", budget)
        quiet_label.setBuddy(self.quiet_hours)
        budget_layout.addRow(quiet_label, self.quiet_hours)
        self.quiet_weekends = QCheckBox("No &work posts at weekends", budget)
        self.quiet_weekends.setAccessibleName("No work posts at weekends")
        self.quiet_weekends.setChecked(report.quiet_weekends)
        self.quiet_weekends.toggled.connect(self._changed)
        budget_layout.addRow("", self.quiet_weekends)
        self.budget_note = QLabel(
            ("Your organisation locked the budget: you can make it stricter, not looser. "
             if report.budget_locked else "")
            + "Saved in your own pack; it applies as soon as you save.", budget)
        self.budget_note.setWordWrap(True)
        budget_layout.addRow(self.budget_note)
        budget.setEnabled(bool(report.user_pack))
        layout.addWidget(budget)

        self._close_to_tray = close_to_tray
        self.close_to_tray_choice: bool | None = None
        self.tray_box: QCheckBox | None = None
        if close_to_tray is not None:
            window = QGroupBox("Window", self)
            window_layout = QVBoxLayout(window)
            self.tray_box = QCheckBox("Closing the window keeps Twofold running in the &tray "
                                      "(quit from the tray menu)", window)
            self.tray_box.setChecked(close_to_tray)
            self.tray_box.toggled.connect(self._changed)
            window_layout.addWidget(self.tray_box)
            layout.addWidget(window)

        self.options = QGroupBox("Per-network options", self)
        self.options_layout = QFormLayout(self.options)
        self._editors: dict[int, tuple[Account, dict[str, tuple[QSpinBox | QComboBox, str]]]] = {}
        if accounts_now is not None:
            accounts_list = list(accounts_now)
        else:
            accounts_list = accounts.list_accounts() if accounts is not None else []
        for account in accounts_list:
            self._add_account_options(account)
        if not self._editors:
            self.options_layout.addRow(QLabel(
                "Options appear here for connected accounts whose network has any (character "
                "limits, default visibility).", self.options))
        layout.addWidget(self.options)
        layout.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Save is offered only when there is something to save.
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)

    def _changed(self, *_: object) -> None:
        self.save_button.setEnabled(self._budget_changed() or bool(self._account_changes())
                                    or self._tray_changed() or self._quiet_hours_changed())

    def _tray_changed(self) -> bool:
        return self.tray_box is not None and self.tray_box.isChecked() != self._close_to_tray

    def _budget(self, key: str) -> tuple[int, int]:
        posts, days = self.budget_spins[key]
        return posts.value(), days.value()

    def _budget_changed(self) -> bool:
        return (self._budget("personal") != tuple(self._report.personal_limit)
                or self._budget("work") != tuple(self._report.work_limit))

    def _quiet_hours(self) -> list[str]:
        return [part.strip() for part in self.quiet_hours.text().split(",") if part.strip()]

    def _quiet_hours_changed(self) -> bool:
        return (self._quiet_hours() != list(self._report.quiet_hours)
                or self.quiet_weekends.isChecked() != self._report.quiet_weekends)

    def import_pack(self) -> None:
        """Use a pack file as the user's own pack, after reading it as a pack (a file that
        is not one is refused with the reader's sentence and nothing changes)."""
        from app.check.policy import PolicyError
        from app.check.user_pack import import_pack

        chosen = self._pick_pack(self)
        if chosen is None or not self._report.user_pack:
            return
        target = Path(self._report.user_pack)
        if target.exists():
            from app.ui.dialogs.ask import ask_risky

            if not ask_risky(self, "Import a policy pack",
                             f"Replace your own pack ({target}) with {chosen.name}?"):
                return
        try:
            import_pack(chosen, target)
        except (PolicyError, OSError) as error:
            self.import_status.setText(f"Not imported: {error}")
            return
        self.import_status.setText(f"Imported {chosen.name} as your own pack; it takes "
                                   "effect the next time Twofold starts.")

    def _add_account_options(self, account: Account) -> None:
        offered = _account_settings(account)
        if not offered or account.id is None:
            return
        title = f"{theme.account_title(account)} ({account.persona.label})"
        editors: dict[str, tuple[QSpinBox | QComboBox, str]] = {}
        for setting in offered:
            current = account.settings.get(setting.key, "")
            editor: QSpinBox | QComboBox
            choices = setting.choices_for(account.settings)
            if setting.choices_setting and not choices:
                continue  # nothing to choose from yet (not signed in through the browser)
            if choices:
                editor = QComboBox(self.options)
                for value, label in choices:
                    editor.addItem(label, value)
                editor.setCurrentIndex(max(0, editor.findData(current or setting.default)))
                editor.currentIndexChanged.connect(self._changed)
            else:
                editor = QSpinBox(self.options)
                editor.setRange(0, 100_000)
                editor.setSpecialValueText("network default")
                editor.setValue(int(current) if current.isdigit() else 0)
                editor.valueChanged.connect(self._changed)
            editor.setAccessibleName(f"{setting.label} of {theme.account_title(account)}")
            self.options_layout.addRow(f"{title} — {setting.label}:", editor)
            editors[setting.key] = (editor, setting.default)
        self._editors[account.id] = (account, editors)

    def _account_changes(self) -> list[Account]:
        changed = []
        for account, editors in self._editors.values():
            settings = dict(account.settings)
            for key, (editor, default) in editors.items():
                if isinstance(editor, QComboBox):
                    chosen = str(editor.currentData())
                    # Left at the network's default: not a change to save.
                    if chosen != account.settings.get(key, default):
                        settings[key] = chosen
                elif editor.value():
                    settings[key] = str(editor.value())
                else:
                    settings.pop(key, None)
            if settings != account.settings:
                changed.append(dataclasses.replace(account, settings=settings))
        return changed

    def save(self) -> None:
        """Save what changed: the user's own budget (into their pack) and the per-account
        options."""
        if self._quiet_hours_changed() and self._report.user_pack:
            from app.check.policy import PolicyError, parse_time_range
            from app.check.user_pack import set_quiet_hours

            wrong = [r for r in self._quiet_hours() if parse_time_range(r) is None]
            if wrong:
                QMessageBox.warning(self, "Not saved", f"“{wrong[0]}” is not a time range; "
                                    "write it like 22:00-07:00.")
                return
            try:
                set_quiet_hours(Path(self._report.user_pack), self._quiet_hours(),
                                weekends=self.quiet_weekends.isChecked())
            except (PolicyError, OSError) as error:
                QMessageBox.warning(self, "Not saved", str(error))
                return
        if self._budget_changed() and self._report.user_pack:
            from app.check.policy import PolicyError
            from app.check.user_pack import set_promotion_limits

            try:
                set_promotion_limits(Path(self._report.user_pack), self._budget("personal"),
                                     self._budget("work"))
            except (PolicyError, OSError) as error:
                QMessageBox.warning(self, "Not saved", str(error))
                return
        if self._tray_changed() and self.tray_box is not None:
            self.close_to_tray_choice = self.tray_box.isChecked()
        if self._accounts is not None:
            for account in self._account_changes():
                try:
                    self._accounts.update_account(account)
                except Exception as error:
                    QMessageBox.warning(self, "Not saved", str(error))
                    return
        self.accept()
