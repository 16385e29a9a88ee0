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

from app.core.model import Account, Network
from app.ui import theme
from app.ui.ports import AccountBook, PolicyReport

LAYER_NAMES = {"built-in": "Built-in defaults", "organisation": "Your organisation",
               "user": "Your own pack"}
VISIBILITIES = (("public", "Public"), ("unlisted", "Quiet public (unlisted)"),
                ("private", "Followers only"), ("direct", "Mentioned people only"))
# Networks where the character limit differs per server or per subscription.
LIMIT_NETWORKS = {Network.MASTODON: "Character limit of the instance",
                  Network.X: "Character limit (X Premium allows more)"}


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
        self._editors: dict[int, tuple[Account, QSpinBox | None, QComboBox | None]] = {}
        if accounts_now is not None:
            accounts_list = list(accounts_now)
        else:
            accounts_list = accounts.list_accounts() if accounts is not None else []
        for account in accounts_list:
            self._add_account_options(account)
        if not self._editors:
            self.options_layout.addRow(QLabel(
                "Options appear here for connected Mastodon and X accounts (character limits, "
                "default visibility).", self.options))
        layout.addWidget(self.options)
        layout.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add_account_options(self, account: Account) -> None:
        if account.network not in LIMIT_NETWORKS or account.id is None:
            return
        limit = QSpinBox(self.options)
        limit.setRange(0, 100_000)
        limit.setSpecialValueText("network default")
        current = account.settings.get("max_chars", "")
        limit.setValue(int(current) if current.isdigit() else 0)
        limit.setAccessibleName(f"Character limit of {theme.account_title(account)}")
        title = f"{theme.account_title(account)} ({account.persona.label})"
        self.options_layout.addRow(f"{title} — {LIMIT_NETWORKS[account.network]}:", limit)
        visibility = None
        if account.network is Network.MASTODON:
            visibility = QComboBox(self.options)
            for value, label in VISIBILITIES:
                visibility.addItem(label, value)
            chosen = visibility.findData(account.settings.get("visibility", "public"))
            visibility.setCurrentIndex(max(0, chosen))
            visibility.setAccessibleName(f"Default visibility of {theme.account_title(account)}")
            self.options_layout.addRow(f"{title} — default visibility:", visibility)
        self._editors[account.id] = (account, limit, visibility)

    def save(self) -> None:
        """Save the per-account options that changed."""
        if self._accounts is None:
            self.accept()
            return
        for account, limit, visibility in self._editors.values():
            settings = dict(account.settings)
            if limit is not None:
                if limit.value():
                    settings["max_chars"] = str(limit.value())
                else:
                    settings.pop("max_chars", None)
            if visibility is not None:
                settings["visibility"] = str(visibility.currentData())
            if settings != account.settings:
                try:
                    self._accounts.update_account(dataclasses.replace(account,
                                                                      settings=settings))
                except Exception as error:
                    QMessageBox.warning(self, "Not saved", str(error))
                    return
        self.accept()
