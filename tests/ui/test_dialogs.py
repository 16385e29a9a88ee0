"""The window around the composer: dialogs, the main window, the tray, keyboard paths."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QSystemTrayIcon

from app.core.model import Draft, Network, Owner, Persona
from app.paths import init_paths
from app.ui import tray as tray_module
from app.ui.dialogs.accounts import AccountsDialog, ConnectDialog
from app.ui.dialogs.confirm import ConfirmDialog, ConfirmRequest, ask_confirmation
from app.ui.dialogs.drafts import DraftsDialog
from app.ui.dialogs.history import HistoryDialog
from app.ui.dialogs.settings import SettingsDialog
from app.ui.main_window import MainWindow
from app.ui.ports import AppServices
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
    limit, visibility = editors["max_chars"], editors["visibility"]
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
                       "https://example.test/p/1", "Approved by legal"]
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
    from tests.ui.test_composer import type_into

    type_into(qtbot, window.composer, "Acme sale")
    qtbot.waitUntil(lambda: bool(window.composer.findings.cards), timeout=3000)
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


def test_quick_post_opens_empty_with_nothing_ticked(qtbot, services, runner):
    quick = tray_module.QuickPostWindow(services, runner)
    qtbot.addWidget(quick)
    quick.composer.set_accounts(sample_accounts())
    quick.composer.accounts.set_ticked([1, 3])
    quick.composer.editor.setPlainText("left over")
    quick.open_fresh(sample_accounts())
    assert quick.composer.text() == ""
    assert quick.composer.accounts.ticked() == []
    assert len(quick.composer.accounts.rows) == 5


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
