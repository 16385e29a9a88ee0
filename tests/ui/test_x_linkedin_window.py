"""X and LinkedIn from the window and the tray on the real services (store, in-memory
keychain, persona check, posting engine) against their contract servers on 127.0.0.1; a
browser-only account is handed to the browser and recorded; the account manager says which
networks Twofold posts to itself, shows LinkedIn's expiry, and reconnects in one click."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.core.model import Network, Persona
from app.networks.registry import sign_in_status
from app.paths import init_paths
from app.ui.application import build_services
from app.ui.dialogs.accounts import AccountsDialog, ConnectDialog
from app.ui.dialogs.history import HistoryDialog
from app.ui.main_window import MainWindow
from app.ui.ports import ConnectRequest, DeliveryState
from app.ui.workers import TaskRunner
from tests.linkedin_server import LinkedInContractServer
from tests.networks.helpers import free_port
from tests.ui.test_composer import type_into
from tests.x_server import XContractServer


@pytest.fixture
def x_server():
    server = XContractServer()
    yield server
    server.close()


@pytest.fixture
def linkedin():
    server = LinkedInContractServer()
    yield server
    server.close()


@pytest.fixture
def window(qtbot, profile_dir, answers):
    paths = init_paths(profile_dir)
    services = build_services(paths)
    runner = TaskRunner()
    main = MainWindow(paths, services, runner)
    main.composer._confirm = answers.ask_confirmation
    opened: list[str] = []
    services.open_url = opened.append  # the browser, played by the test
    main.opened = opened  # type: ignore[attr-defined]
    qtbot.addWidget(main)
    yield main
    runner.wait_for_done(30_000)
    qtbot.wait(20)
    services.close()


@pytest.fixture
def work_accounts(qtbot, window, x_server, linkedin):
    """An X, a LinkedIn and a Threads work account (X and LinkedIn signed in by piping
    tokens, checked with their servers; Threads posts through the browser)."""
    user = x_server.add_user("acmenews", "Acme News")
    access, refresh = x_server.issue_tokens(user)
    member = linkedin.add_member("Dana Smith")
    book = window.services.accounts
    x_id = book.connect_account(ConnectRequest(
        Network.X, "acmenews", Persona.WORK, server=x_server.url, secret=json.dumps({
            "token": access, "refresh_token": refresh, "client_id": x_server.client_id,
            "expires_at": str(int(time.time() + 7200))}))).id
    li = book.connect_account(ConnectRequest(
        Network.LINKEDIN, "dana", Persona.WORK, server=linkedin.url, secret=json.dumps({
            "token": linkedin.issue_token(member),
            "expires_at": str(int(time.time() + 5_184_000))})))
    threads_id = book.connect_account(ConnectRequest(Network.THREADS, "acme.threads",
                                                     Persona.WORK)).id
    window.show()
    window.load()
    qtbot.waitUntil(lambda: window.is_loaded, timeout=10_000)
    return {"x": x_id, "linkedin": li.id, "threads": threads_id, "user": user,
            "author": f"urn:li:person:{member.sub}", "linkedin_account": li}


def test_post_to_work_reaches_x_and_linkedin_and_hands_threads_to_the_browser(
        qtbot, window, work_accounts, x_server, linkedin):
    composer = window.composer
    ids = work_accounts
    composer.accounts.set_ticked([ids["x"], ids["linkedin"], ids["threads"]])
    text = "Our spring issue (with #poetry) is out today"
    type_into(qtbot, composer, text)
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round), timeout=15_000)
    with qtbot.waitSignal(composer.delivery_finished, timeout=60_000):
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    rows = composer.delivery.rows
    assert all(row.state == DeliveryState.SENT for row in rows.values()), [
        row.state_label.text() for row in rows.values()]
    assert [t["sent_text"] for t in x_server.tweets_of(ids["user"])] == [text]
    [post] = linkedin.posts_by(ids["author"])
    assert post["shown"] == text and "\\(with #poetry\\)" in post["commentary"]
    # Threads: its compose page opened with the text, and the row says what to do there.
    qtbot.waitUntil(lambda: len(window.opened) == 1, timeout=5000)
    assert window.opened[0].startswith("https://www.threads.com/intent/post?text=Our%20spring")
    assert rows[ids["threads"]].state_label.text().startswith("Handed to your browser")
    assert rows[ids["x"]].url.startswith("https://x.com/acmenews/status/")
    assert composer.text() == ""  # every target has it
    history = HistoryDialog(window.services.drafts, window.opened.append, window.runner)
    qtbot.addWidget(history)
    qtbot.waitUntil(lambda: history.table.rowCount() == 3, timeout=5000)
    from app.ui.dialogs.history import LINK_COLUMN

    links = {history.table.item(r, 3).text(): history.table.item(r, LINK_COLUMN).text()
             for r in range(3)}
    assert links["Threads"] == "Handed to your browser"
    assert links["LinkedIn"].startswith("https://www.linkedin.com/feed/update/urn:li:share:")


def test_a_facebook_post_without_a_link_gets_the_clipboard(qtbot, window):
    # Facebook's sharer takes only a link: without one, the text goes to the clipboard.
    book = window.services.accounts
    insta = book.connect_account(ConnectRequest(Network.FACEBOOK, "acme.pics", Persona.WORK))
    window.show()
    window.load()
    qtbot.waitUntil(lambda: window.is_loaded, timeout=10_000)
    composer = window.composer
    composer.accounts.set_ticked([insta.id])
    type_into(qtbot, composer, "Behind the scenes at the shoot")
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round), timeout=15_000)
    with qtbot.waitSignal(composer.delivery_finished, timeout=60_000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text()
                    == "Behind the scenes at the shoot", timeout=5000)
    assert window.opened == []
    assert "clipboard" in composer.delivery.rows[insta.id].state_label.text()


def test_quick_post_from_the_tray_posts_to_x_and_linkedin(qtbot, window, work_accounts,
                                                           x_server, linkedin, answers):
    from app.ui.quick_post import QuickPostWindow

    notes: list[tuple[str, list[str], list[str]]] = []
    quick = QuickPostWindow(window.services, window.runner,
                            notify=lambda title, lines, links: notes.append((title, lines, links)))
    qtbot.addWidget(quick)
    quick.set_accounts(window.composer.accounts.accounts())
    quick.present()
    composer = quick.composer
    composer._confirm = answers.ask_confirmation
    composer.accounts.set_ticked([work_accounts["x"], work_accounts["linkedin"]])
    type_into(qtbot, composer, "Quick note from the tray")
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round), timeout=15_000)
    with qtbot.waitSignal(composer.delivery_finished, timeout=60_000):
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # It closed and said where the post went (the tray's notification), one line an account.
    qtbot.waitUntil(lambda: bool(notes), timeout=5000)
    assert not quick.isVisible() and notes[0][0] == "Posted to Work" and len(notes[0][1]) == 2
    assert [t["sent_text"] for t in x_server.tweets_of(work_accounts["user"])] == [
        "Quick note from the tray"]
    assert [p["shown"] for p in linkedin.posts_by(work_accounts["author"])] == [
        "Quick note from the tray"]


# --- the account manager -------------------------------------------------------------------


def test_the_connect_dialog_says_how_each_network_is_posted_to_and_what_x_costs(
        qtbot, window, profile_dir):
    book = window.services.accounts
    dialog = ConnectDialog(book, window.runner, persona=Persona.WORK)
    qtbot.addWidget(dialog)
    # No organisation file: neither X nor LinkedIn has an app, so they go through the browser.
    assert dialog.routes.text().startswith("Twofold posts to Bluesky and Mastodon itself.")
    assert "For X, LinkedIn, Facebook, Instagram, Threads and Pinterest it checks the post, " \
        "then opens the network's own page" in dialog.routes.text()
    dialog.network.setCurrentIndex(dialog.network.findData(Network.X))
    assert "$0.015 per post and $0.20 for a post with a link" in dialog.note.text()
    assert dialog.secret_label.text() == "&Client ID:"
    dialog.network.setCurrentIndex(dialog.network.findData(Network.LINKEDIN))
    assert "60 days" in dialog.note.text() and "not set up a LinkedIn app" in dialog.note.text()
    assert list(dialog.options) == ["pages"]
    assert not dialog.app_id.isVisibleTo(dialog)  # LinkedIn's way round is a token
    dialog.network.setCurrentIndex(dialog.network.findData(Network.FACEBOOK))
    # Facebook Pages: the organisation's Meta app, or the user's own; profiles go by browser.
    assert dialog.app_id.isVisibleTo(dialog) and dialog.app_secret.isVisibleTo(dialog)
    assert "No app can post to a personal Facebook profile" in dialog.note.text()
    assert "your own developer app's ID and secret" in dialog.note.text()

    site = init_paths(profile_dir).site_config_dir()
    site.mkdir(parents=True, exist_ok=True)
    (site / "managed.toml").write_text('[app_credentials.linkedin]\nclient_id = "86acme"\n'
                                       'client_secret = "s"\n[app_credentials.x]\n'
                                       'client_id = "native"\n', encoding="utf-8")
    book._managed_setup = None  # read the organisation file again
    again = ConnectDialog(book, window.runner, persona=Persona.WORK)
    qtbot.addWidget(again)
    assert again.routes.text().startswith("Twofold posts to X, Bluesky, Mastodon and LinkedIn "
                                          "itself.")


def test_linkedin_expiry_is_shown_and_warned_a_week_before(window, work_accounts):
    account = work_accounts["linkedin_account"]
    text, warn = sign_in_status(account)
    assert text.startswith("Signed in until ") and not warn
    soon = datetime.now(UTC) + timedelta(days=3, hours=1)
    account.settings["sign_in_expires_at"] = soon.isoformat(timespec="seconds")
    text, warn = sign_in_status(account)
    assert warn and "in 3 days" in text and "reconnect now" in text
    account.settings["sign_in_expires_at"] = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    text, warn = sign_in_status(account)
    assert warn and "expired" in text


def test_reconnect_is_one_click_through_the_browser(qtbot, profile_dir, linkedin):
    from app.store.secrets import SecretStore
    from app.store.store import Store
    from app.ui.services import StoreAccountBook

    port = free_port()
    redirect = f"http://127.0.0.1:{port}/callback"
    linkedin.callbacks = [redirect]
    site = init_paths(profile_dir).site_config_dir()
    site.mkdir(parents=True, exist_ok=True)
    (site / "managed.toml").write_text(
        f'[app_credentials.linkedin]\nclient_id = "{linkedin.client_id}"\n'
        f'client_secret = "{linkedin.client_secret}"\nredirect_uri = "{redirect}"\n',
        encoding="utf-8")

    def browser(url: str) -> None:  # the member approves on LinkedIn's page
        answer = requests.get(url + "&login_as=Erin+Jones", allow_redirects=False, timeout=5)
        requests.get(answer.headers["Location"], timeout=5)

    paths = init_paths(profile_dir)
    store, secrets = Store(paths), SecretStore.in_memory()
    book = StoreAccountBook(store, secrets, paths, open_browser=browser)
    runner = TaskRunner()
    connect = ConnectDialog(book, runner, persona=Persona.WORK)
    qtbot.addWidget(connect)
    connect.network.setCurrentIndex(connect.network.findData(Network.LINKEDIN))
    assert not connect.server.isVisibleTo(connect)  # LinkedIn has one API: not asked
    connect.server.setText(linkedin.url)  # the contract server stands in for it
    assert connect.connect_button.isEnabled()  # nothing to type: LinkedIn's own page
    with qtbot.waitSignal(connect.accepted, timeout=20_000):
        qtbot.mouseClick(connect.connect_button, Qt.MouseButton.LeftButton)
    [account] = store.accounts.list()
    assert account.display_name == "Erin Jones" and account.settings["author"].startswith(
        "urn:li:person:")
    first = secrets.load(account)
    # A week before the end the manager says so, and one click signs in again.
    account.settings["sign_in_expires_at"] = (datetime.now(UTC) + timedelta(days=2)
                                              ).isoformat(timespec="seconds")
    store.accounts.update(account)
    manager = AccountsDialog(book, runner)
    qtbot.addWidget(manager)
    qtbot.waitUntil(lambda: bool(manager.editors), timeout=5000)
    [editor] = manager.editors
    assert "reconnect now" in editor.status.text()
    assert editor.reconnect_button.text() == "Reconnect now"
    with qtbot.waitSignal(manager.reloaded, timeout=20_000):
        qtbot.mouseClick(editor.reconnect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(manager.editors) and "Signed in until"
                    in manager.editors[0].status.text(), timeout=20_000)
    [renewed] = store.accounts.list()
    assert renewed.id == account.id
    second = secrets.load(renewed)
    assert first is not None and second is not None and second.token != first.token
    runner.wait_for_done(10_000)
    store.close()


def test_without_an_app_linkedin_needs_a_handle_and_is_kept_for_the_browser(
        qtbot, window):
    book = window.services.accounts
    dialog = ConnectDialog(book, window.runner, persona=Persona.WORK)
    qtbot.addWidget(dialog)
    dialog.network.setCurrentIndex(dialog.network.findData(Network.LINKEDIN))
    assert not dialog.connect_button.isEnabled()  # no sign-in page without IT's app
    qtbot.keyClicks(dialog.handle, "dana-smith")
    assert dialog.connect_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    [account] = book.list_accounts()
    assert account.settings == {"posting": "browser"}
    assert book.secrets().load(account) is None  # nothing secret was asked or kept
    text, warn = sign_in_status(account)
    assert text.startswith("Posts go through your browser") and not warn
