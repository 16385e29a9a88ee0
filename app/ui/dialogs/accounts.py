"""The account manager: connect, reconnect, identity, owner, colour, remove, and leaving a job.

Sign-ins run on a worker (they talk to the network); the dialog stays responsive and shows
the network's answer in one plain sentence.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.model import Account, Network, Owner, Persona
from app.networks.descriptor import (
    POSTING_BY_BROWSER,
    POSTING_SETTING,
    NetworkDescriptor,
    ServerField,
    SignIn,
)
from app.networks.oauth import SignInCancel
from app.networks.registry import sign_in_status
from app.ui import theme
from app.ui.dialogs.ask import ask_risky
from app.ui.ports import AccountBook, AccountHealth, ConnectRequest, SignInState
from app.ui.widgets.accounts import AccountBadge
from app.ui.workers import TaskRunner


def _descriptor(network: Network) -> NetworkDescriptor:
    from app.networks.registry import descriptor

    return descriptor(network)


def posting_routes(accounts: AccountBook) -> str:
    """One sentence: which networks Twofold posts to itself, which through the browser."""
    from app.networks.registry import descriptors

    posts_itself = getattr(accounts, "posts_itself", None)
    itself: list[str] = []
    browser: list[str] = []
    for described in descriptors():
        direct = (posts_itself(described.network) if posts_itself is not None
                  else described.posts_itself)
        (itself if direct else browser).append(described.display_name)
    sentence = f"Twofold posts to {_listing(itself)} itself."
    if browser:
        sentence += (f" For {_listing(browser)} it checks the post, then opens the network's "
                     "own page in your browser (or puts the text on the clipboard) for you to "
                     "post it there.")
    return sentence


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class ConnectDialog(QDialog):
    """Connect one account. The identity (Work or Personal) must be chosen explicitly."""

    def __init__(self, accounts: AccountBook, runner: TaskRunner, *,
                 persona: Persona | None = None, reconnect: Account | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._runner = runner
        self.connected: Account | None = None
        self._sign_in: SignInCancel | None = None
        self.setWindowTitle("Reconnect an account" if reconnect else "Connect an account")
        self._reconnect = reconnect
        layout = QVBoxLayout(self)
        self.routes = QLabel(posting_routes(accounts), self)
        self.routes.setWordWrap(True)
        layout.addWidget(self.routes)
        form = QFormLayout()
        self._form = form
        self.network = QComboBox(self)
        # The networks Twofold posts to first (and chosen by default), then the others.
        posts_itself = getattr(accounts, "posts_itself", None)
        postable = [n for n in Network if (posts_itself(n) if posts_itself is not None
                                           else _descriptor(n).posts_itself)]
        # Networks that need no app set up by the organisation first (Bluesky, Mastodon).
        postable.sort(key=lambda n: _descriptor(n).needs_app_credentials)
        for network in postable + [n for n in Network if n not in postable]:
            label = network.display_name + ("" if network in postable
                                            else " (checked; you post in the browser)")
            self.network.addItem(theme.network_icon(network), label, network)
        self.network.setAccessibleName("Network")
        form.addRow("&Network:", self.network)
        self.server = QLineEdit(self)
        self.server.setAccessibleName("Server")
        form.addRow("&Server:", self.server)
        self.handle = QLineEdit(self)
        self.handle.setAccessibleName("Handle")
        form.addRow("&Handle:", self.handle)

        identity_row = QHBoxLayout()
        self.identity = QButtonGroup(self)
        self.work_radio = QRadioButton("&Work identity", self)
        self.personal_radio = QRadioButton("&Personal identity", self)
        for button in (self.work_radio, self.personal_radio):
            self.identity.addButton(button)
            identity_row.addWidget(button)
        form.addRow("Identity:", identity_row)
        self.owner = QComboBox(self)
        self.owner.addItem("My own account", Owner.SELF)
        self.owner.addItem("My employer's brand account (I post for the company)",
                           Owner.EMPLOYER)
        self.owner.setAccessibleName("Whose account")
        form.addRow("&Whose:", self.owner)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("Sign-in secret")
        self.secret_label = QLabel("&Token:", self)
        self.secret_label.setBuddy(self.secret)
        form.addRow(self.secret_label, self.secret)
        # The user's own developer app, for networks whose sign-in needs an app secret when
        # the organisation supplies no app (Meta, Pinterest, LinkedIn).
        self.app_id = QLineEdit(self)
        self.app_id.setAccessibleName("Your developer app's ID")
        form.addRow("Your app's &ID:", self.app_id)
        self.app_secret = QLineEdit(self)
        self.app_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.app_secret.setAccessibleName("Your developer app's secret")
        form.addRow("Your app's s&ecret:", self.app_secret)
        layout.addLayout(form)
        self.options_box = QVBoxLayout()
        layout.addLayout(self.options_box)
        self.options: dict[str, QCheckBox] = {}
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {theme.category_colour('conduct').name()};")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = self.buttons.addButton(
            "&Connect", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._connect)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.network.currentIndexChanged.connect(self._network_changed)
        for signal in (self.handle.textChanged, self.secret.textChanged,
                       self.server.textChanged, self.identity.buttonToggled,
                       self.app_id.textChanged, self.app_secret.textChanged):
            signal.connect(self._validate)
        self.owner.currentIndexChanged.connect(self._owner_changed)
        if persona is Persona.WORK:
            self.work_radio.setChecked(True)
        elif persona is Persona.PERSONAL:
            self.personal_radio.setChecked(True)
        if reconnect is not None:
            self.network.setCurrentIndex(self.network.findData(reconnect.network))
            self.server.setText(reconnect.server)
            self.handle.setText(reconnect.handle)
            (self.work_radio if reconnect.persona is Persona.WORK
             else self.personal_radio).setChecked(True)
            self.owner.setCurrentIndex(self.owner.findData(reconnect.owner))
            for widget in (self.network, self.server, self.handle, self.work_radio,
                           self.personal_radio, self.owner):
                widget.setEnabled(False)
            self.connect_button.setText("&Reconnect")
        self._network_changed()
        if reconnect is not None:
            self.note.setText("Only the sign-in is renewed: the account keeps its identity, "
                              "colour, drafts, queued posts and history. "
                              + self.note.text())
            self.secret.setFocus()
        else:
            self.handle.setFocus()

    def selected_network(self) -> Network:
        """The chosen network."""
        return Network(self.network.currentData())

    def request(self) -> ConnectRequest:
        """What the user typed."""
        persona = Persona.WORK if self.work_radio.isChecked() else Persona.PERSONAL
        ticked = tuple(name for name, box in self.options.items() if box.isChecked())
        return ConnectRequest(self.selected_network(), self.handle.text().strip(), persona,
                              Owner(self.owner.currentData()), self.server.text().strip(),
                              self.secret.text(), options=ticked,
                              reconnect_id=self._reconnect.id if self._reconnect else None,
                              app_id=self.app_id.text().strip(),
                              app_secret=self.app_secret.text().strip())

    def _network_changed(self) -> None:
        described = _descriptor(self.selected_network())
        self.server.setPlaceholderText(described.server_hint)
        self._form.setRowVisible(self.server, described.server is not ServerField.NO)
        self.handle.setPlaceholderText(described.handle_hint)
        browser_only = described.sign_in is SignIn.BROWSER_ONLY
        self._form.setRowVisible(self.secret, not browser_only)
        self.secret_label.setText(f"&{described.secret_label()}:")
        hint = described.secret_fields[0].hint if described.secret_fields else ""
        self.secret.setPlaceholderText(hint)
        for box in self.options.values():
            self.options_box.removeWidget(box)
            box.deleteLater()
        self.options = {}
        for name, label in described.connect_options:
            box = QCheckBox(label, self)
            self.options_box.addWidget(box)
            self.options[name] = box
        posts_itself = getattr(self._accounts, "posts_itself", None)
        direct = (posts_itself(described.network) if posts_itself is not None
                  else described.posts_itself)
        note = described.connect_note
        own_app_fields = self._own_app_asked(described, direct)
        self._form.setRowVisible(self.app_id, own_app_fields)
        self._form.setRowVisible(self.app_secret, own_app_fields)
        if not direct and not browser_only:
            own = ("type your own developer app's client ID" if described.sign_in
                   is SignIn.OAUTH_PKCE else "paste an access token")
            if own_app_fields:
                own = "enter your own developer app's ID and secret, " + own
            article = "an" if described.display_name[:1] in "AEIOU" else "a"
            note += (f" Your organisation has not set up {article} {described.display_name} "
                     f"app for Twofold: {own}, or leave it empty and the account is kept for "
                     "checking, with posts going through your browser.")
        elif described.browser_connect is None and not browser_only:
            note += " The secret goes only to your system's keychain."
        self.note.setText(note)
        self._validate()

    @staticmethod
    def _own_app_asked(described: NetworkDescriptor, direct: bool) -> bool:
        """Whether to offer the user's own app's ID and secret: the network's browser
        sign-in needs an app secret and the organisation supplies no app. (LinkedIn keeps
        its token-only way round: its own-app sign-in needs LinkedIn's approval.)"""
        return (not direct and described.browser_connect is not None
                and described.sign_in is SignIn.OAUTH_APP_SECRET
                and described.network is not Network.LINKEDIN)

    def _owner_changed(self) -> None:
        if Owner(self.owner.currentData()) is Owner.EMPLOYER:
            self.work_radio.setChecked(True)  # a brand account is always Work
        self.personal_radio.setEnabled(Owner(self.owner.currentData()) is Owner.SELF)
        self._validate()

    def _validate(self, *_: object) -> None:
        described = _descriptor(self.selected_network())
        has_handle = bool(self.handle.text().strip())
        asked = described.secret_fields[0].name if described.secret_fields else "token"
        typed = self.secret.text().strip()
        own_app = bool(typed) and asked not in ("token", "app_password")  # X's client ID
        posts_itself = getattr(self._accounts, "posts_itself", None)
        direct = (posts_itself(described.network) if posts_itself is not None
                  else described.posts_itself)
        # Without IT's app (or the user's own) there is no sign-in page to go to: the account
        # is kept for checking under the handle typed, and posts go through the browser.
        own_app = own_app or (bool(self.app_id.text().strip())
                              and bool(self.app_secret.text().strip()) and not typed)
        browser_sign_in = (described.browser_connect is not None
                           and (not typed or own_app) and (direct or own_app)
                           and (described.server is not ServerField.REQUIRED
                                or bool(self.server.text().strip())))
        ready = (has_handle or browser_sign_in) and self.identity.checkedButton() is not None
        self.connect_button.setEnabled(ready)

    def done(self, result: int) -> None:
        """Closing the dialog (Cancel, Escape, the window's close button, or connected)
        stops a sign-in still waiting for the browser: its loopback port is freed now, not
        when the browser wait times out."""
        if self._sign_in is not None:
            self._sign_in.cancel()
        super().done(result)

    def _connect(self) -> None:
        if self._sign_in is not None:
            self._sign_in.cancel()
        self._sign_in = SignInCancel()
        request = dataclasses.replace(self.request(), cancel=self._sign_in)
        self.connect_button.setEnabled(False)
        self.connect_button.setText("Connecting…")
        self.error.hide()
        # A reconnect carries the account's id (request.reconnect_id): the sign-in of that
        # account is renewed, never a second account added.
        self._runner.run(lambda: self._accounts.connect_account(request),
                         on_done=self._connected, on_error=self._failed, context=self)

    def _connected(self, account: Account) -> None:
        self.connected = account
        self.secret.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.connect_button.setText("&Reconnect" if self._reconnect else "&Connect")
        self._validate()
        self.error.setText(str(error) or f"Connecting failed ({type(error).__name__}).")
        self.error.show()


class AccountEditor(QFrame):
    """One account's row in the manager: the account as it is shown everywhere, and below it
    what can be changed, each control with a visible label.

    Every change runs on a worker (removing an account deletes its keychain entry, which may
    wait for the keychain to unlock); the row is disabled meanwhile.

    Signals:
        changed: the account was saved, moved or removed.
        removal_asked(int): the remove question is being asked, naming this many unsent posts.
        check_requested: check the sign-in again (after unlocking the keychain, say).
    """

    changed = Signal()
    removal_asked = Signal(int)
    check_requested = Signal()

    def __init__(self, account: Account, accounts: AccountBook, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self._accounts = accounts
        self._runner = runner
        title = theme.account_title(account)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(theme.account_description(account))
        outer = QVBoxLayout(self)
        outer.setSpacing(4)
        outer.addWidget(AccountBadge(account, self))
        # Whether the sign-in works, and the one action that fixes it (filled by a check).
        health_row = QHBoxLayout()
        self.health_label = QLabel("Checking the sign-in…", self)
        self.health_label.setWordWrap(True)
        health_row.addWidget(self.health_label, 1)
        self.health_button = QPushButton(self)
        self.health_button.hide()
        self.health_button.clicked.connect(self._health_action)
        health_row.addWidget(self.health_button)
        outer.addLayout(health_row)
        self.health: AccountHealth | None = None
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        status, warn = sign_in_status(account)
        self.status.setText(status)
        self.status.setVisible(bool(status))
        if warn:
            self.status.setStyleSheet(f"color: {theme.category_colour('conduct').name()};")
        outer.addWidget(self.status)
        layout = QHBoxLayout()
        layout.setSpacing(6)
        outer.addLayout(layout)

        self.persona = QComboBox(self)
        for persona in Persona:
            self.persona.addItem(persona.label, persona)
        self.persona.setCurrentIndex(self.persona.findData(account.persona))
        self.persona.setAccessibleName(f"Identity of {title}")
        if account.managed or account.owner is Owner.EMPLOYER:
            self.persona.setEnabled(False)
            self.persona.setToolTip("Set by your organisation" if account.managed
                                    else "An employer's account is always Work.")
        self.persona.currentIndexChanged.connect(self._persona_changed)
        persona_label = QLabel("&Identity:", self)
        persona_label.setBuddy(self.persona)
        layout.addWidget(persona_label)
        layout.addWidget(self.persona)

        self.owner = QComboBox(self)
        self.owner.addItem("Mine", Owner.SELF)
        self.owner.addItem("Employer's brand account", Owner.EMPLOYER)
        self.owner.setCurrentIndex(self.owner.findData(account.owner))
        self.owner.setAccessibleName(f"Whose account {title} is")
        if account.owner is Owner.EMPLOYER:
            self.owner.setEnabled(False)
            self.owner.setToolTip("An employer's account cannot be made your own.")
        self.owner.currentIndexChanged.connect(self._owner_changed)
        owner_label = QLabel("&Whose:", self)
        owner_label.setBuddy(self.owner)
        layout.addWidget(owner_label)
        layout.addWidget(self.owner)
        layout.addStretch(1)

        self.colour_button = QPushButton("Colour…", self)
        self.colour_button.setAccessibleName(f"Colour of {title}")
        self.colour_button.clicked.connect(self._pick_colour)
        layout.addWidget(self.colour_button)
        described = _descriptor(account.network)
        in_browser = described.browser_connect is not None
        self.reconnect_button = QPushButton("Reconnect now" if warn and in_browser
                                            else "Reconnect…", self)
        self.reconnect_button.setAccessibleName(f"Reconnect {title}")
        self.reconnect_button.setToolTip(
            f"Sign in again on {described.display_name}'s page in your browser." if in_browser
            else "Sign in again (a new app password or token).")
        layout.addWidget(self.reconnect_button)
        self.remove_button = QPushButton("Remove…", self)
        self.remove_button.setAccessibleName(f"Remove {title}")
        self.remove_button.clicked.connect(self._remove)
        layout.addWidget(self.remove_button)

    def show_health(self, health: AccountHealth) -> None:
        """Show whether the sign-in works, with the one action that fixes it."""
        self.health = health
        marks = {SignInState.WORKING: "✔", SignInState.NOT_CHECKED: "•"}
        mark = marks.get(health.state, "⚠")
        self.health_label.setText(f"{mark} {health.sentence}")
        self.health_label.setVisible(bool(health.sentence))
        self.health_label.setAccessibleName(f"Sign-in: {health.sentence}")
        labels = {"reconnect": "Reconnect…", "check": "Check again"}
        self.health_button.setText(labels.get(health.action, ""))
        self.health_button.setAccessibleName(
            f"{labels.get(health.action, '')} {theme.account_title(self.account)}")
        self.health_button.setVisible(health.action in labels)
        self.health_button.setEnabled(True)

    def _health_action(self) -> None:
        if self.health is None:
            return
        if self.health.action == "reconnect":
            self.reconnect_button.click()
        elif self.health.action == "check":
            self.health_label.setText("Checking the sign-in…")
            self.health_button.setEnabled(False)
            self.check_requested.emit()

    def _persona_changed(self) -> None:
        new = Persona(self.persona.currentData())
        if new is self.account.persona:
            return
        if not ask_risky(
                self, "Change identity",
                f"Move {theme.account_title(self.account)} from {self.account.persona.label} "
                f"to {new.label}? The persona check then treats its posts as "
                f"{new.label.lower()} posts."):
            self.persona.setCurrentIndex(self.persona.findData(self.account.persona))
            return
        account_id = self.account.id
        assert account_id is not None  # the dialog lists saved accounts only
        self._save(lambda: self._accounts.set_persona(account_id, new))

    def _owner_changed(self) -> None:
        new = Owner(self.owner.currentData())
        if new is self.account.owner:
            return
        if self.account.persona is not Persona.WORK:
            QMessageBox.information(self, "Brand account",
                                    "A brand account is a Work account: move it to the Work "
                                    "identity first.")
            self.owner.setCurrentIndex(self.owner.findData(self.account.owner))
            return
        if not ask_risky(
                self, "Brand account",
                f"Mark {theme.account_title(self.account)} as your employer's brand account? "
                "Posts there speak for the company: the persona check is stricter and every "
                "post is confirmed. This cannot be undone here."):
            self.owner.setCurrentIndex(self.owner.findData(self.account.owner))
            return
        updated = dataclasses.replace(self.account, owner=new)
        self._save(lambda: self._accounts.update_account(updated))

    def _pick_colour(self) -> None:
        colour = QColorDialog.getColor(QColor(self.account.shown_colour), self,
                                       f"Colour of {theme.account_title(self.account)}")
        if colour.isValid():
            updated = dataclasses.replace(self.account, colour=colour.name())
            self._save(lambda: self._accounts.update_account(updated))

    def _remove(self) -> None:
        """Ask first (No is the default); first learn on a worker whether posts are still
        waiting to go to this account, so the question can say what happens to them."""
        account_id = self.account.id
        unsent = getattr(self._accounts, "unsent_posts", None)
        if unsent is None or account_id is None:
            self._ask_remove(0)
            return
        self.remove_button.setEnabled(False)
        self._runner.run(lambda: unsent(account_id), on_done=self._ask_remove,
                         on_error=lambda _error: self._ask_remove(0), context=self)

    def _ask_remove(self, unsent: int) -> None:
        self.remove_button.setEnabled(True)
        text = (f"Remove {theme.account_description(self.account)} from Twofold? Its sign-in "
                "is deleted from the keychain; posts already made stay on the network.")
        if unsent:
            posts = "1 post has" if unsent == 1 else f"{unsent} posts have"
            text += (f"\n\n{posts} not gone out to this account yet (failed, waiting, "
                     "scheduled or not sure). Removing the account cancels them: they will "
                     "never be sent there. Their drafts stay in Drafts, so you can post them "
                     "from another account. Choose No to keep the account and retry them "
                     "first.")
        self.removal_asked.emit(unsent)
        if ask_risky(self, "Remove account", text):
            account_id = self.account.id
            assert account_id is not None  # the dialog lists saved accounts only
            self._save(lambda: self._accounts.remove_account(account_id))

    def _save(self, action: Callable[[], object]) -> None:
        self.setEnabled(False)
        self._runner.run(action, on_done=lambda _result: self.changed.emit(),
                         on_error=self._failed, context=self)

    def _failed(self, error: BaseException) -> None:
        # A plain sentence from the store or the keychain; the list shows what is stored.
        QMessageBox.warning(self, "Not changed", str(error) or type(error).__name__)
        self.changed.emit()


class AccountsDialog(QDialog):
    """All accounts, grouped by identity, with what can be done to each. The accounts and
    where sign-ins are kept are read on a worker (the keychain may be waiting to be unlocked).

    Signals:
        accounts_changed: something was connected, changed or removed.
        reloaded: the list shows the accounts as stored now.
    """

    accounts_changed = Signal()
    reloaded = Signal()

    def __init__(self, accounts: AccountBook, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._runner = runner
        self.setWindowTitle("Accounts")
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.connect_button = QPushButton("&Connect an account…", self)
        self.connect_button.clicked.connect(lambda: self.connect_account())
        top.addWidget(self.connect_button)
        top.addStretch(1)
        self.offboard_button = QPushButton("&Leaving this job…", self)
        self.offboard_button.setToolTip(
            "Removes every employer-owned account and its sign-in in one step; your own "
            "accounts are not touched.")
        self.offboard_button.setAccessibleDescription(self.offboard_button.toolTip())
        self.offboard_button.setEnabled(False)
        self.offboard_button.clicked.connect(self.offboard)
        top.addWidget(self.offboard_button)
        layout.addLayout(top)
        self.keychain_label = QLabel("Checking where sign-ins are kept…", self)
        self.keychain_label.setWordWrap(True)
        layout.addWidget(self.keychain_label)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Connected accounts")
        self._list = QWidget(scroll)
        self._list_layout = QVBoxLayout(self._list)
        scroll.setWidget(self._list)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.editors: list[AccountEditor] = []
        self._accounts_now: list[Account] = []
        self._sign_ins: list[SignInCancel] = []
        self.reload()
        self._runner.run(self._keychain_status, on_done=self.keychain_label.setText,
                         on_error=lambda _e: self.keychain_label.setText(
                             "Twofold could not ask the keychain where sign-ins are kept."),
                         context=self)

    def _keychain_status(self) -> str:
        """On a worker: one sentence on where sign-ins are kept (opens the keychain)."""
        if self._accounts.secrets_persistent:
            where = getattr(self._accounts, "secrets_location", "your system's keychain")
            return f"Sign-ins are kept in {where}."
        return ("No keychain is available: sign-ins are kept in memory for this run only and "
                "are asked for again next time.")

    def reload(self) -> None:
        """Read the accounts on a worker, then show them; ``reloaded`` follows."""
        self._runner.run(self._accounts.list_accounts, on_done=self._show,
                         on_error=self._read_failed, context=self)

    def _read_failed(self, error: BaseException) -> None:
        self.keychain_label.setText(f"Could not read the accounts: {error}")
        self.reloaded.emit()

    def _show(self, accounts: list[Account]) -> None:
        while self._list_layout.count():
            item = self._list_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.editors = []
        self._accounts_now = list(accounts)
        for persona in Persona:
            heading = QLabel(f"<b>{theme.PERSONA_DESCRIPTIONS[persona]}</b>", self._list)
            self._list_layout.addWidget(heading)
            mine = [a for a in accounts if a.persona is persona]
            if not mine:
                empty = QLabel("None connected.", self._list)
                empty.setEnabled(False)
                self._list_layout.addWidget(empty)
            for account in mine:
                editor = AccountEditor(account, self._accounts, self._runner, self._list)
                editor.changed.connect(self._changed)
                editor.reconnect_button.clicked.connect(
                    lambda _=False, a=account, e=editor: self.reconnect(a, e))
                editor.check_requested.connect(lambda e=editor: self._check(e))
                self._list_layout.addWidget(editor)
                self.editors.append(editor)
                self._check(editor)
        self._list_layout.addStretch(1)
        self.offboard_button.setEnabled(any(a.owner is Owner.EMPLOYER for a in accounts))
        self.reloaded.emit()

    def _check(self, editor: AccountEditor) -> None:
        """Check one account's sign-in on a worker; its row shows the answer."""
        status = getattr(self._accounts, "account_status", None)
        account_id = editor.account.id
        if status is None or account_id is None:
            editor.health_label.hide()
            return
        self._runner.run(
            lambda: status(account_id), on_done=editor.show_health,
            on_error=lambda error: editor.show_health(AccountHealth(
                SignInState.UNREACHABLE,
                f"The sign-in could not be checked ({type(error).__name__}).", "check")),
            context=editor)

    def connect_account(self, persona: Persona | None = None,
                        reconnect: Account | None = None) -> Account | None:
        """Run the connect dialog; the connected account, or None."""
        dialog = ConnectDialog(self._accounts, self._runner, persona=persona,
                               reconnect=reconnect, parent=self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.connected is not None:
                self._changed()
                return dialog.connected
            return None
        finally:
            dialog.deleteLater()

    def reconnect(self, account: Account, editor: AccountEditor | None = None) -> None:
        """Sign in again. Networks that sign in through the browser go straight there (one
        click, on a worker); the others ask for a new app password or token."""
        one_click = getattr(self._accounts, "reconnect_account", None)
        if one_click is None or _descriptor(account.network).browser_connect is None \
                or account.settings.get(POSTING_SETTING) == POSTING_BY_BROWSER:
            self.connect_account(reconnect=account)
            return
        if editor is not None:
            editor.setEnabled(False)
        cancel = SignInCancel()
        self._sign_ins.append(cancel)
        self._runner.run(lambda: one_click(account, cancel=cancel),
                         on_done=lambda _account: self._changed(),
                         on_error=lambda error: self._reconnect_failed(error, cancel),
                         context=self)

    def done(self, result: int) -> None:
        """Closing the account manager stops one-click reconnects still waiting for the
        browser (their loopback ports are freed now)."""
        for cancel in self._sign_ins:
            cancel.cancel()
        self._sign_ins.clear()
        super().done(result)

    def _reconnect_failed(self, error: BaseException, cancel: SignInCancel | None = None
                          ) -> None:
        if cancel is not None and cancel.cancelled:
            return  # the manager was closed: the user stopped it, nothing to report
        QMessageBox.warning(self, "Not reconnected", str(error) or type(error).__name__)
        self._changed()

    def offboard(self) -> None:
        """Remove every employer-owned account after a confirmation (on a worker: each
        removal deletes a keychain entry)."""
        brand = [a for a in self._accounts_now if a.owner is Owner.EMPLOYER]
        names = "\n".join("• " + theme.account_description(a) for a in brand)
        if not ask_risky(
                self, "Leaving this job",
                f"Remove these employer-owned accounts and their sign-ins?\n\n{names}\n\n"
                "Your own accounts, work and personal, stay."):
            return
        self.offboard_button.setEnabled(False)
        self._runner.run(self._accounts.offboard, on_done=self._offboarded,
                         on_error=self._offboard_failed, context=self)

    def _offboarded(self, removed: list[Account]) -> None:
        QMessageBox.information(self, "Leaving this job",
                                f"Removed {len(removed)} employer-owned "
                                f"{'account' if len(removed) == 1 else 'accounts'}.")
        self._changed()

    def _offboard_failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, "Leaving this job", str(error))
        self._changed()

    def _changed(self) -> None:
        self.reload()
        self.accounts_changed.emit()
