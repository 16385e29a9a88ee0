"""The window around the composer: dialogs, the main window, the tray, keyboard paths."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QSystemTrayIcon

from app.core.model import Account, Draft, Network, Owner, Persona
from app.paths import init_paths
from app.ui import tray as tray_module
from app.ui.dialogs.accounts import AccountsDialog, ConnectDialog
from app.ui.dialogs.confirm import ConfirmDialog, ConfirmRequest, ask_confirmation
from app.ui.dialogs.drafts import DraftsDialog
from app.ui.dialogs.history import HistoryDialog
from app.ui.dialogs.settings import SettingsDialog
from app.ui.main_window import MainWindow
from app.ui.ports import AppServices
from app.ui.quick_post import QuickPostWindow
from tests.ui.fakes import (
    FakeAccounts,
    FakeChecker,
    FakeDrafts,
    history_record,
    sample_accounts,
)


@pytest.fixture
def window(qtbot, profile_dir, services, runner):
    main = MainWindow(init_paths(profile_dir), services, runner)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.shown, timeout=5000):
        main.show()
    qtbot.waitUntil(lambda: bool(main.composer.accounts.rows), timeout=3000)
    return main


def answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    return asked


def test_connect_needs_an_explicit_identity_and_saves_the_account(qtbot, runner):
    book = FakeAccounts()
    dialog = ConnectDialog(book, runner)
    qtbot.addWidget(dialog)
    dialog.network.setCurrentIndex(dialog.network.findData(Network.BLUESKY))
    qtbot.keyClicks(dialog.handle, "dana.bsky.social")
    qtbot.keyClicks(dialog.secret, "abcd-efgh-ijkl-mnop")
    assert not dialog.connect_button.isEnabled()  # Work or Personal is never pre-chosen
    dialog.work_radio.setChecked(True)
    assert dialog.connect_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    [account] = book.list_accounts()
    assert (account.handle, account.persona) == ("dana.bsky.social", Persona.WORK)
    assert book.secrets[account.id] == "abcd-efgh-ijkl-mnop"
    assert dialog.secret.text() == ""  # the secret does not linger in the widget


def test_a_brand_account_is_always_work(qtbot, runner):
    dialog = ConnectDialog(FakeAccounts(), runner, persona=Persona.PERSONAL)
    qtbot.addWidget(dialog)
    dialog.owner.setCurrentIndex(dialog.owner.findData(Owner.EMPLOYER))
    assert dialog.work_radio.isChecked()
    assert not dialog.personal_radio.isEnabled()


def test_a_failed_sign_in_is_shown_in_one_sentence(qtbot, runner):
    class Refusing(FakeAccounts):
        def connect_account(self, request):
            raise RuntimeError("Bluesky says the app password is wrong.")

    dialog = ConnectDialog(Refusing(), runner, persona=Persona.WORK)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.handle, "dana.bsky.social")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=5000)
    assert dialog.error.text() == "Bluesky says the app password is wrong."
    assert dialog.connect_button.isEnabled()


def accounts_dialog(qtbot, book, runner) -> AccountsDialog:
    """The account manager once it has read the accounts (on a worker)."""
    dialog = AccountsDialog(book, runner)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.editors), timeout=3000)
    return dialog


def test_changing_identity_asks_first(qtbot, runner, monkeypatch):
    book = FakeAccounts(sample_accounts())
    dialog = accounts_dialog(qtbot, book, runner)
    editor = next(e for e in dialog.editors if e.account.id == 3)
    answer(monkeypatch, QMessageBox.StandardButton.No)
    editor.persona.setCurrentIndex(editor.persona.findData(Persona.WORK))
    assert {a.id: a.persona for a in book.list_accounts()}[3] is Persona.PERSONAL
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    editor = next(e for e in dialog.editors if e.account.id == 3)
    with qtbot.waitSignal(dialog.reloaded, timeout=3000):
        editor.persona.setCurrentIndex(editor.persona.findData(Persona.WORK))
    assert "from Personal to Work" in asked[0]
    assert {a.id: a.persona for a in book.list_accounts()}[3] is Persona.WORK
    brand = next(e for e in dialog.editors if e.account.id == 5)
    assert not brand.persona.isEnabled()


def test_leaving_a_job_removes_only_employer_accounts(qtbot, runner, monkeypatch):
    book = FakeAccounts(sample_accounts())
    dialog = accounts_dialog(qtbot, book, runner)
    changed = []
    dialog.accounts_changed.connect(lambda: changed.append(True))
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.reloaded, timeout=3000):
        qtbot.mouseClick(dialog.offboard_button, Qt.MouseButton.LeftButton)
    assert "@acme@acme.social" in asked[0]
    assert sorted(a.id for a in book.list_accounts()) == [1, 2, 3, 4]
    assert changed and not dialog.offboard_button.isEnabled()


def test_settings_show_the_policy_in_force_and_save_network_options(qtbot):
    book = FakeAccounts(sample_accounts())
    dialog = SettingsDialog(FakeChecker().policy_report(), book)
    qtbot.addWidget(dialog)
    cells = [[dialog.sources.item(r, c).text() for c in range(3)]
             for r in range(dialog.sources.rowCount())]
    assert cells[1] == ["Your organisation", "/etc/xdg/twofold/policy.toml",
                        "confidential.term"]
    account, editors = dialog._editors[2]  # the Mastodon work account
    limit, visibility = editors["max_chars"][0], editors["visibility"][0]
    limit.setValue(11000)
    visibility.setCurrentIndex(visibility.findData("unlisted"))
    dialog.save()
    saved = {a.id: a for a in book.list_accounts()}[2]
    assert saved.settings == {"max_chars": "11000", "visibility": "unlisted"}
    assert saved.check_target().max_chars == 11000


def test_history_shows_where_posts_went_with_the_override_reason(qtbot, runner):
    drafts = FakeDrafts()
    account = sample_accounts()[0]
    drafts.history.append(history_record("Launch day!", account, "https://example.test/p/1",
                                         reason="Approved by legal"))
    opened: list[str] = []
    dialog = HistoryDialog(drafts, opened.append, runner)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=3000)
    row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert row[1:] == ["@dana.work.example", "Work", "Bluesky", "Launch day!",
                       "Approved by legal", "https://example.test/p/1"]
    dialog.table.itemActivated.emit(dialog.table.item(0, 4))
    assert opened == ["https://example.test/p/1"]


def test_drafts_list_opens_a_draft_with_nothing_ticked(qtbot, window, services, monkeypatch):
    services.drafts.save_draft(Draft("An older idea", target_account_ids=[3]))
    window.composer.accounts.set_ticked([1])

    def pick(dialog_self):
        qtbot.waitUntil(lambda: dialog_self.list.count() == 1, timeout=3000)
        dialog_self.list.setCurrentRow(0)
        dialog_self._open()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DraftsDialog, "exec", pick)
    window.open_drafts()
    assert window.composer.text() == "An older idea"
    assert window.composer.accounts.ticked() == []


def test_the_last_draft_comes_back_after_a_restart_without_targets(
        qtbot, profile_dir, services, runner):
    services.drafts.save_draft(Draft("Unfinished thought", target_account_ids=[1, 3]))
    main = MainWindow(init_paths(profile_dir), services, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.composer.text() == "Unfinished thought", timeout=3000)
    assert main.composer.accounts.ticked() == []


def test_warnings_show_in_a_banner(qtbot, profile_dir, runner):
    services = AppServices(
        checker=FakeChecker(), accounts=FakeAccounts(), drafts=FakeDrafts(),
        warnings=["The database is read-only."],
        background_warnings=lambda: ["Sign-ins are kept in memory only."])
    main = MainWindow(init_paths(profile_dir), services, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: "memory only" in main.banner_label.text(), timeout=3000)
    assert "read-only" in main.banner_label.text()
    assert main.banner.isVisibleTo(main)


def test_keyboard_reaches_the_draft_the_accounts_and_the_findings(qtbot, window):
    from tests.ui.conftest import wait_checked
    from tests.ui.test_composer import type_into

    type_into(qtbot, window.composer, "Acme sale")
    wait_checked(qtbot, window.composer)
    assert window.composer.findings.cards
    window.activateWindow()
    for keys, expected in (("Ctrl+2", "checkbox"), ("Ctrl+3", "fix"), ("Ctrl+1", "editor")):
        action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                      if a.shortcut().toString() == keys)
        action.trigger()
        focus = QApplication.focusWidget()
        if expected == "checkbox":
            assert focus is window.composer.accounts.rows[1].checkbox
        elif expected == "fix":
            assert focus in [b for c in window.composer.findings.cards for b in c.fix_buttons]
        else:
            assert focus is window.composer.editor


def test_every_button_of_the_composer_has_a_name_for_screen_readers(qtbot, window):
    from PySide6.QtWidgets import QAbstractButton

    for button in window.composer.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            assert button.text().strip() or button.accessibleName().strip(), button


def test_confirmation_defaults_to_cancel(qtbot):
    request = ConfirmRequest(sample_accounts()[2:3], text="Weekend photos")
    dialog = ConfirmDialog(request)
    qtbot.addWidget(dialog)
    assert dialog.cancel_button.isDefault() and not dialog.post_button.isDefault()
    texts = [label.text() for label in dialog.findChildren(type(dialog.text_label))]
    assert "Weekend photos" in texts
    assert any("PERSONAL: the post goes out under your private identity" in t for t in texts)

    def press_enter() -> None:
        modal = QApplication.activeModalWidget()
        assert modal is not None
        qtbot.keyClick(modal, Qt.Key.Key_Return)

    QTimer.singleShot(100, press_enter)
    assert ask_confirmation(None, request) is False  # a reflexive Enter never posts


def test_no_tray_without_a_system_tray(qtbot, window, services, runner, monkeypatch):
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    assert tray_module.create_tray(window, services, runner) is None


def test_quick_post_opens_with_the_work_accounts_and_nothing_ticked(qtbot, services, runner):
    quick = QuickPostWindow(services, runner)
    qtbot.addWidget(quick)
    quick.set_accounts(sample_accounts())
    quick.present()
    assert quick.composer.text() == ""
    assert quick.composer.accounts.ticked() == []
    assert sorted(quick.composer.accounts.rows) == [1, 2, 5]  # the Work identity's only


def test_an_account_can_become_the_brand_account_but_not_back(qtbot, runner, monkeypatch):
    book = FakeAccounts(sample_accounts())
    dialog = accounts_dialog(qtbot, book, runner)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    personal = next(e for e in dialog.editors if e.account.id == 3)
    personal.owner.setCurrentIndex(personal.owner.findData(Owner.EMPLOYER))
    assert {a.id: a.owner for a in book.list_accounts()}[3] is Owner.SELF  # personal: refused
    work = next(e for e in dialog.editors if e.account.id == 1)
    with qtbot.waitSignal(dialog.reloaded, timeout=3000):
        work.owner.setCurrentIndex(work.owner.findData(Owner.EMPLOYER))
    assert {a.id: a.owner for a in book.list_accounts()}[1] is Owner.EMPLOYER
    assert not next(e for e in dialog.editors if e.account.id == 1).owner.isEnabled()


def test_reconnect_renews_the_sign_in_of_the_same_account(qtbot, runner):
    book = FakeAccounts(sample_accounts())
    account = next(a for a in book.list_accounts() if a.id == 3)
    dialog = ConnectDialog(book, runner, reconnect=account)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.connect_button.text() == "&Reconnect"
    assert not dialog.handle.isEnabled() and dialog.handle.text() == "dana.example"
    assert "keeps its identity, colour, drafts" in dialog.note.text()
    qtbot.keyClicks(dialog.secret, "new-app-password")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.connected.id == 3
    assert [a.id for a in book.list_accounts()] == [1, 2, 3, 4, 5]  # no second account
    assert book.secrets == {3: "new-app-password"}


def test_reconnect_in_the_real_store_keeps_id_drafts_and_outbox(profile_dir):
    from app.store.secrets import AccountSecret, SecretStore
    from app.store.store import Store
    from app.ui.services import StoreAccountBook

    paths = init_paths(profile_dir)
    store = Store(paths)
    secrets = SecretStore.in_memory()
    try:
        account = store.accounts.add(Account(
            Network.BLUESKY, "dana.work.example", Persona.WORK, colour="#224466"))
        secrets.save(account, AccountSecret(app_password="expired"))
        draft = store.drafts.save(Draft("Spring issue", target_account_ids=[account.id]))
        checked: list[str] = []
        book = StoreAccountBook(store, secrets, paths, verifier_lookup=lambda network: (
            lambda acc, secret: checked.append(secret.app_password)))
        from app.ui.ports import ConnectRequest

        # What the connect dialog sends for "Reconnect…" (an app password typed again).
        renewed = book.connect_account(ConnectRequest(
            account.network, account.handle, account.persona, account.owner, account.server,
            "fresh-password", reconnect_id=account.id))
        assert renewed.id == account.id and checked == ["fresh-password"]
        assert [(a.id, a.colour) for a in store.accounts.list()] == [(account.id, "#224466")]
        assert store.drafts.get(draft.id).target_account_ids == [account.id]
        assert secrets.load(account).app_password == "fresh-password"
        # The queued post survived the reconnect; removing the account would cancel it.
        store.outbox.create_entries(draft.id, [account.id])
        assert book.unsent_posts(account.id) == 1
    finally:
        store.close()


class MessageBoxWatcher:
    """Answers the next real message box by pressing a key, and records what it showed: its
    text and whether the safe answer (No) was the default button."""

    def __init__(self, qtbot, key=Qt.Key.Key_Return) -> None:
        self.qtbot, self.key = qtbot, key
        self.texts: list[str] = []
        self.default_was_no: list[bool] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        self.texts.append(box.text())
        self.default_was_no.append(box.defaultButton() is box.button(
            QMessageBox.StandardButton.No))
        self.qtbot.keyClick(box, self.key)

    def stop(self) -> None:
        self._timer.stop()


def test_risky_questions_default_to_no_so_enter_changes_nothing(qtbot):
    from app.ui.dialogs.ask import ask_risky

    watcher = MessageBoxWatcher(qtbot, Qt.Key.Key_Return)
    try:
        assert ask_risky(None, "Remove account", "Remove @dana?") is False
    finally:
        watcher.stop()
    assert watcher.default_was_no == [True]


def test_removing_an_account_with_unsent_posts_says_what_happens_to_them(qtbot, runner):
    book = FakeAccounts(sample_accounts())
    book.unsent[2] = 2
    dialog = accounts_dialog(qtbot, book, runner)
    editor = next(e for e in dialog.editors if e.account.id == 2)
    watcher = MessageBoxWatcher(qtbot, Qt.Key.Key_Return)  # Enter: the default answer
    try:
        with qtbot.waitSignal(editor.removal_asked, timeout=3000) as asked:
            qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(watcher.texts), timeout=3000)
    finally:
        watcher.stop()
    assert asked.args == [2]
    assert "2 posts have not gone out" in watcher.texts[0]
    assert "cancels them" in watcher.texts[0] and "Drafts" in watcher.texts[0]
    assert watcher.default_was_no == [True]
    assert 2 in {a.id for a in book.list_accounts()}  # Enter kept the account


def test_marking_a_brand_account_defaults_to_no(qtbot, runner):
    book = FakeAccounts(sample_accounts())
    dialog = accounts_dialog(qtbot, book, runner)
    work = next(e for e in dialog.editors if e.account.id == 1)
    watcher = MessageBoxWatcher(qtbot, Qt.Key.Key_Return)
    try:
        work.owner.setCurrentIndex(work.owner.findData(Owner.EMPLOYER))
    finally:
        watcher.stop()
    assert watcher.default_was_no == [True] and "cannot be undone" in watcher.texts[0]
    assert {a.id: a.owner for a in book.list_accounts()}[1] is Owner.SELF
    assert work.owner.currentData() == Owner.SELF


def test_history_shows_the_override_reason_next_to_the_text(qtbot, runner):
    from app.ui.dialogs.history import REASON_COLUMN, TEXT_COLUMN

    drafts = FakeDrafts()
    drafts.history.append(history_record("Quoting the reader", sample_accounts()[4],
                                         "https://x.test/1", reason="A verbatim quote"))
    dialog = HistoryDialog(drafts, lambda url: None, runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=3000):
        dialog.show()
    header = dialog.table.horizontalHeaderItem(REASON_COLUMN).text()
    assert "despite a block" in header and "warning" not in header
    assert REASON_COLUMN == TEXT_COLUMN + 1
    assert dialog.table.item(0, REASON_COLUMN).text() == "A verbatim quote"
    reason_right = dialog.table.columnViewportPosition(REASON_COLUMN) + \
        dialog.table.columnWidth(REASON_COLUMN)
    assert reason_right <= dialog.table.viewport().width()  # visible without scrolling


def test_connect_defaults_to_a_network_twofold_posts_to_and_says_which_those_are(
        qtbot, runner):
    class Book(FakeAccounts):  # the organisation has set up no X or LinkedIn app
        def posts_itself(self, network):
            return network in (Network.BLUESKY, Network.MASTODON)

    dialog = ConnectDialog(Book(), runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.selected_network() is Network.BLUESKY  # not X
    assert "Twofold posts to Bluesky and Mastodon itself" in dialog.routes.text()
    assert dialog.secret_label.text() == "&App password:"
    assert "bsky.social" in dialog.handle.placeholderText()
    dialog.network.setCurrentIndex(dialog.network.findData(Network.MASTODON))
    assert "bsky" not in dialog.handle.placeholderText()
    dialog.network.setCurrentIndex(dialog.network.findData(Network.X))
    assert "you post in the browser" in dialog.network.currentText()
    dialog.network.setCurrentIndex(dialog.network.findData(Network.INSTAGRAM))
    # No Meta app from the organisation: the user's own app, a token, or the browser.
    assert dialog.app_id.isVisible() and dialog.app_secret.isVisible()
    assert "has not set up an Instagram app" in dialog.note.text()
    assert "posts going through your browser" in dialog.note.text()


def test_history_offers_copy_link_when_no_browser_opens(qtbot, runner):
    drafts = FakeDrafts()
    drafts.history.append(history_record("Launch", sample_accounts()[0],
                                         "https://bsky.app/profile/dana/post/3k"))
    dialog = HistoryDialog(drafts, lambda url: False, runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=3000):
        dialog.show()
    dialog.table.itemActivated.emit(dialog.table.item(0, 0))
    assert dialog.link_fallback.isVisibleTo(dialog)
    assert "bsky.app/profile/dana/post/3k" in dialog.link_fallback.label.text()


def test_account_status_names_each_sign_in_problem_with_the_one_fix(profile_dir):
    from app.networks.errors import AuthError, NotSentError
    from app.store.secrets import AccountSecret, SecretStore
    from app.store.store import Store
    from app.ui.ports import SignInState
    from app.ui.services import StoreAccountBook

    paths = init_paths(profile_dir)
    store = Store(paths)
    try:
        accounts = {name: store.accounts.add(Account(network, name, Persona.WORK,
                                                     server=server))
                    for name, network, server in (
                        ("ok.example", Network.BLUESKY, ""),
                        ("soon.example", Network.BLUESKY, ""),
                        ("dead.example", Network.BLUESKY, ""),
                        ("away", Network.MASTODON, "https://away.test"),
                        ("danadoes", Network.X, ""))}
        outcome = {"ok.example": 60.0, "soon.example": 3.0,
                   "dead.example": AuthError("Bluesky no longer accepts the saved login; "
                                             "reconnect the account."),
                   "away": NotSentError("Mastodon (away.test) could not be reached.")}

        def check(account, secrets):
            result = outcome[account.handle]
            if isinstance(result, Exception):
                raise result
            return result

        persistent = SecretStore.in_memory()
        persistent._persistent = True  # stands in for a working keychain
        for account in accounts.values():
            persistent.save(account, AccountSecret(token="t"))
        book = StoreAccountBook(store, persistent, paths, sign_in_check_lookup=lambda n: (
            None if n is Network.X else check))
        status = {name: book.account_status(a.id) for name, a in accounts.items()}
        assert (status["ok.example"].state, status["ok.example"].action) == (
            SignInState.WORKING, "")
        assert status["soon.example"].state == SignInState.EXPIRING
        assert "about 3 days" in status["soon.example"].sentence
        assert (status["dead.example"].state, status["dead.example"].action) == (
            SignInState.EXPIRED, "reconnect")
        assert (status["away"].state, status["away"].action) == (
            SignInState.UNREACHABLE, "check")
        assert status["danadoes"].state == SignInState.NOT_CHECKED

        locked = StoreAccountBook(store, SecretStore.in_memory("locked"), paths,
                                  sign_in_check_lookup=lambda n: check)
        health = locked.account_status(accounts["ok.example"].id)
        assert (health.state, health.action) == (SignInState.KEYCHAIN_LOCKED, "reconnect")
        assert "locked" in health.sentence

        class Refusing(SecretStore):
            def load(self, account):
                from app.store.errors import SecretStoreError

                raise SecretStoreError("The keychain could not read the sign-in.")

        refusing = Refusing.in_memory()
        refusing._persistent = True
        health = StoreAccountBook(store, refusing, paths,
                                  sign_in_check_lookup=lambda n: lambda a, s: s.load(a)
                                  ).account_status(accounts["ok.example"].id)
        assert (health.state, health.action) == (SignInState.KEYCHAIN_LOCKED, "check")
    finally:
        store.close()


def test_the_account_manager_shows_each_sign_in_state_and_its_fix(qtbot, runner):
    from app.ui.ports import AccountHealth, SignInState

    book = FakeAccounts(sample_accounts())
    book.health[3] = AccountHealth(SignInState.EXPIRED, "Bluesky no longer accepts the saved "
                                   "login; reconnect the account.", "reconnect")
    book.health[2] = AccountHealth(SignInState.KEYCHAIN_LOCKED, "The keychain is locked.",
                                   "check")
    dialog = accounts_dialog(qtbot, book, runner)
    editors = {e.account.id: e for e in dialog.editors}
    qtbot.waitUntil(lambda: all(e.health is not None for e in editors.values()), timeout=3000)
    assert editors[1].health_label.text().startswith("✔ Signed in and working")
    assert not editors[1].health_button.isVisibleTo(dialog)
    assert "no longer accepts" in editors[3].health_label.text()
    assert editors[3].health_button.text() == "Reconnect…"
    assert editors[2].health_button.text() == "Check again"

    reconnects: list[int] = []
    dialog.connect_account = lambda persona=None, reconnect=None: reconnects.append(reconnect.id)
    editors[3].reconnect_button.clicked.disconnect()
    editors[3].reconnect_button.clicked.connect(
        lambda: dialog.connect_account(reconnect=editors[3].account))
    qtbot.mouseClick(editors[3].health_button, Qt.MouseButton.LeftButton)
    assert reconnects == [3]

    book.health.pop(2)  # the user unlocked the keychain
    qtbot.mouseClick(editors[2].health_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editors[2].health.state == SignInState.WORKING, timeout=3000)


def test_an_open_window_sees_accounts_added_from_the_command_line(qtbot, window, services):
    from PySide6.QtCore import QEvent

    from app.ui.ports import ConnectRequest

    qtbot.waitUntil(lambda: window.is_loaded, timeout=3000)
    window.composer.accounts.set_ticked([1])
    # Meanwhile, in a terminal: `accounts add` writes a new account to the same store.
    services.accounts.connect_account(ConnectRequest(Network.MASTODON, "dana@home.social",
                                                     Persona.PERSONAL,
                                                     server="https://home.social"))
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))  # back to the window
    qtbot.waitUntil(lambda: 6 in window.composer.accounts.rows, timeout=3000)
    assert {a.id for a in window.composer.accounts.ticked()} == {1}  # the tick stays
    assert "dana@home.social" in window.statusBar().currentMessage()
    rows_before = dict(window.composer.accounts.rows)
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))  # nothing changed
    assert window._account_read_running
    qtbot.waitUntil(lambda: not window._account_read_running, timeout=3000)
    assert window.composer.accounts.rows == rows_before  # not rebuilt needlessly


def test_settings_save_only_what_changed_and_the_users_own_budget(qtbot, tmp_path):
    import dataclasses

    from app.check.policy import read_pack

    own = tmp_path / "config" / "policy.toml"
    report = dataclasses.replace(FakeChecker().policy_report(), user_pack=str(own))
    dialog = SettingsDialog(report, FakeAccounts(sample_accounts()))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save_button.isEnabled()  # nothing to save yet
    rows = dialog.sources.rowCount()
    assert dialog.sources.height() >= sum(dialog.sources.rowHeight(r) for r in range(rows))
    posts, days = dialog.budget_spins["personal"]
    posts.setValue(0)  # no promotion at all on personal accounts
    assert dialog.save_button.isEnabled()
    posts.setValue(1)
    assert not dialog.save_button.isEnabled()  # back as it was
    posts.setValue(0)
    dialog.save()
    pack = read_pack(own)
    assert pack.values["personal_limit"].posts == 0
    assert pack.values["work_limit"].posts == 3


def test_settings_import_a_pack_file_refuses_one_that_is_not_a_pack(qtbot, tmp_path):
    import dataclasses

    own = tmp_path / "config" / "policy.toml"
    broken = tmp_path / "broken.toml"
    broken.write_text("this is not = a [pack", encoding="utf-8")
    good = tmp_path / "team.toml"
    good.write_text('version = 1\n[confidential]\nterms = ["Project Heron"]\n',
                    encoding="utf-8")
    chosen = [broken]
    report = dataclasses.replace(FakeChecker().policy_report(), user_pack=str(own))
    dialog = SettingsDialog(report, FakeAccounts(), pick_pack=lambda parent: chosen[0])
    qtbot.addWidget(dialog)
    dialog.import_pack()
    assert dialog.import_status.text().startswith("Not imported:")
    assert not own.exists()
    chosen[0] = good
    dialog.import_pack()
    assert "Imported team.toml" in dialog.import_status.text()
    assert "Project Heron" in own.read_text(encoding="utf-8")


def test_close_to_tray_is_a_setting_and_closing_then_hides_the_window(qtbot, window,
                                                                      monkeypatch):
    from PySide6.QtWidgets import QDialog

    assert SettingsDialog(FakeChecker().policy_report(), None).tray_box is None  # no tray
    window.tray_present = True

    def choose(dialog_self) -> int:
        assert not dialog_self.save_button.isEnabled()
        dialog_self.tray_box.setChecked(True)
        assert dialog_self.save_button.isEnabled()
        dialog_self.save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", choose)
    window._show_settings(FakeChecker().policy_report(), [])
    assert window.close_to_tray
    ini = (window._paths.config_root / "ui.ini").read_text(encoding="utf-8")
    assert "close_to_tray=yes" in ini
    window.composer.editor.setPlainText("Half a thought")
    window.close()
    assert not window.isVisible()  # hidden to the tray, still running
    assert [d.text for d in window.services.drafts.list_drafts()] == ["Half a thought"]


def test_settings_set_your_own_quiet_hours_in_your_pack(qtbot, tmp_path):
    import dataclasses

    from app.check.policy import load_policy_file, parse_time_range

    own = tmp_path / "config" / "policy.toml"
    report = dataclasses.replace(FakeChecker().policy_report(), user_pack=str(own))
    dialog = SettingsDialog(report, FakeAccounts())
    qtbot.addWidget(dialog)
    dialog.quiet_hours.setText("22:00-07:00, 12:00-13:00")
    assert dialog.save_button.isEnabled()
    dialog.save()
    assert load_policy_file(own).quiet_hours == (parse_time_range("22:00-07:00"),
                                                 parse_time_range("12:00-13:00"))
