"""Settings: the policy pack in force and where it came from; per-network options."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
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


class SettingsDialog(QDialog):
    """Read-only policy report plus editable per-account network options."""

    def __init__(self, report: PolicyReport, accounts: AccountBook | None,
                 parent: QWidget | None = None, *,
                 accounts_now: Sequence[Account] | None = None) -> None:
        """``accounts_now``: the accounts as read on a worker (else read here)."""
        super().__init__(parent)
        self._accounts = accounts
        self.setWindowTitle("Settings")
        self.resize(720, 560)
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
        # As tall as its rows (a few layers at most), not an empty grid under them.
        self.sources.setMaximumHeight(self.sources.horizontalHeader().sizeHint().height()
                                      + self.sources.verticalHeader().length()
                                      + 2 * self.sources.frameWidth() + 8)
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
        layout.addWidget(policy)

        self.options = QGroupBox("Per-network options", self)
        self.options_layout = QFormLayout(self.options)
        self._editors: dict[int, tuple[Account, dict[str, QSpinBox | QComboBox]]] = {}
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

    def _add_account_options(self, account: Account) -> None:
        offered = _account_settings(account)
        if not offered or account.id is None:
            return
        title = f"{theme.account_title(account)} ({account.persona.label})"
        editors: dict[str, QSpinBox | QComboBox] = {}
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
            else:
                editor = QSpinBox(self.options)
                editor.setRange(0, 100_000)
                editor.setSpecialValueText("network default")
                editor.setValue(int(current) if current.isdigit() else 0)
            editor.setAccessibleName(f"{setting.label} of {theme.account_title(account)}")
            self.options_layout.addRow(f"{title} — {setting.label}:", editor)
            editors[setting.key] = editor
        self._editors[account.id] = (account, editors)

    def save(self) -> None:
        """Save the per-account options that changed."""
        if self._accounts is None:
            self.accept()
            return
        for account, editors in self._editors.values():
            settings = dict(account.settings)
            for key, editor in editors.items():
                if isinstance(editor, QComboBox):
                    settings[key] = str(editor.currentData())
                elif editor.value():
                    settings[key] = str(editor.value())
                else:
                    settings.pop(key, None)
            if settings != account.settings:
                try:
                    self._accounts.update_account(dataclasses.replace(account,
                                                                      settings=settings))
                except Exception as error:
                    QMessageBox.warning(self, "Not saved", str(error))
                    return
        self.accept()
