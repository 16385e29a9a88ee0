"""Facebook Pages, Instagram, Threads and Pinterest from the window and the tray on the real
services (store, in-memory keychain, persona check, posting engine), against their contract
servers and the organisation's media host on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
import requests
from PySide6.QtCore import Qt

from app.core.model import ImageAttachment, Network, Persona
from app.paths import init_paths
from app.ui.application import build_services
from app.ui.main_window import MainWindow
from app.ui.ports import ConnectRequest, DeliveryState
from app.ui.workers import TaskRunner
from tests.meta_server import MediaHostServer, MetaContractServer
from tests.networks.helpers import write_png
from tests.pinterest_server import PinterestContractServer
from tests.threads_server import ThreadsContractServer
from tests.ui.test_composer import type_into


@pytest.fixture
def servers():
    made = {"meta": MetaContractServer(), "threads": ThreadsContractServer(),
            "pinterest": PinterestContractServer(), "host": MediaHostServer()}
    yield made
    for server in made.values():
        server.close()


@pytest.fixture
def window(qtbot, profile_dir, answers, servers):
    host = servers["host"]
    site = init_paths(profile_dir).site_config_dir()
    site.mkdir(parents=True, exist_ok=True)
    (site / "managed.toml").write_text(
        f'[media_host]\nput_url = "{host.url}/upload/{{name}}?key=upload-key"\n',
        encoding="utf-8")
    paths = init_paths(profile_dir)
    services = build_services(paths)
    runner = TaskRunner()
    main = MainWindow(paths, services, runner)
    main.composer._confirm = answers.ask_confirmation
    services.open_url = lambda _url: None
    qtbot.addWidget(main)
    yield main
    runner.wait_for_done(30_000)
    qtbot.wait(20)
    services.close()


@pytest.fixture
def accounts(qtbot, window, servers):
    """A Facebook Page, an Instagram professional account, a Threads profile and a Pinterest
    board, each signed in by piping its token (checked with its server)."""
    meta, threads, pinterest = servers["meta"], servers["threads"], servers["pinterest"]
    user = meta.add_user("Dana Smith")
    page = meta.add_page(user, "Acme Magazine", instagram="acmemag")
    profile = threads.add_profile("acme.news")
    pin_user = pinterest.add_user("acmepins")
    access, _refresh = pinterest.issue(pin_user)
    book = window.services.accounts
    ids = {
        "facebook": book.connect_account(ConnectRequest(
            Network.FACEBOOK, page.id, Persona.WORK, server=meta.url,
            secret=json.dumps({"token": page.token, "page_id": page.id}))).id,
        "instagram": book.connect_account(ConnectRequest(
            Network.INSTAGRAM, "acmemag", Persona.WORK, server=meta.url,
            secret=json.dumps({"token": meta.user_token(user),
                               "ig_user_id": page.instagram}))).id,
        "threads": book.connect_account(ConnectRequest(
            Network.THREADS, "acme.news", Persona.WORK, server=threads.url,
            secret=json.dumps({"token": threads.token_for(profile)}))).id,
        "pinterest": book.connect_account(ConnectRequest(
            Network.PINTEREST, "acmepins", Persona.WORK, server=pinterest.url,
            secret=json.dumps({"token": access}))).id,
    }
    window.show()
    window.load()
    qtbot.waitUntil(lambda: window.is_loaded, timeout=10_000)
    return ids, page, profile, pin_user


def test_one_post_with_a_picture_reaches_all_four(qtbot, window, accounts, servers, tmp_path):
    ids, page, profile, pin_user = accounts
    composer = window.composer
    composer.accounts.set_ticked(list(ids.values()))
    picture = ImageAttachment(write_png(tmp_path, "cover.png", 8, 8), "The spring cover")
    composer._pick_image = lambda parent: picture
    qtbot.mouseClick(composer.attach_button, Qt.MouseButton.LeftButton)
    text = "Spring issue\nOut today: https://example.com/spring #magazine"
    first, rest = text.split("\n")
    type_into(qtbot, composer, first)
    composer.editor.insertPlainText("\n")  # a new line, as Return types it
    type_into(qtbot, composer, rest)
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round), timeout=15_000)
    with qtbot.waitSignal(composer.delivery_finished, timeout=60_000):
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    rows = composer.delivery.rows
    assert all(row.state == DeliveryState.SENT for row in rows.values()), [
        row.state_label.text() for row in rows.values()]
    meta = servers["meta"]
    [post] = meta.posts_of(page)
    assert post["message"] == text and len(post["photos"]) == 1
    [media] = meta.media_of(meta.ig_of(page))
    assert media["caption"] == text and len(servers["host"].files) == 2  # IG + Threads
    [thread] = servers["threads"].posts_of(profile)
    assert thread["kind"] == "IMAGE" and thread["text"] == text
    [pin] = servers["pinterest"].pins
    assert pin["title"] == "Spring issue" and pin["link"] == "https://example.com/spring"
    assert rows[ids["instagram"]].url == media["permalink"]


def test_quick_post_from_the_tray_reaches_the_page_and_threads(qtbot, window, accounts,
                                                                servers):
    from app.ui.quick_post import QuickPostWindow

    ids, page, profile, _pin_user = accounts
    notes: list[tuple[str, list[str], list[str]]] = []
    quick = QuickPostWindow(window.services, window.runner,
                            notify=lambda title, lines, links: notes.append((title, lines, links)))
    qtbot.addWidget(quick)
    quick.set_accounts(window.composer.accounts.accounts())
    quick.present()
    composer = quick.composer
    composer._confirm = window.composer._confirm
    composer.accounts.set_ticked([ids["facebook"], ids["threads"]])
    type_into(qtbot, composer, "Quick note from the tray")
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round), timeout=15_000)
    with qtbot.waitSignal(composer.delivery_finished, timeout=60_000):
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # It closed and said where the post went (the tray's notification), one line an account.
    qtbot.waitUntil(lambda: bool(notes), timeout=5000)
    assert not quick.isVisible() and notes[0][0] == "Posted to Work" and len(notes[0][1]) == 2
    assert [p["message"] for p in servers["meta"].posts_of(page)] == ["Quick note from the tray"]
    assert [p["text"] for p in servers["threads"].posts_of(profile)] == [
        "Quick note from the tray"]


def test_your_own_meta_app_typed_in_the_dialog_signs_in_and_stays_in_the_keychain(
        qtbot, profile_dir, servers):
    from app.networks.meta_graph import REDIRECT_PORTS
    from app.store.secrets import SecretStore
    from app.store.store import Store
    from app.ui.dialogs.accounts import ConnectDialog
    from app.ui.services import StoreAccountBook

    meta = servers["meta"]
    # Every port Twofold may listen on is registered, as IT registers them for its Meta app:
    # the first may be busy on the machine running the tests.
    meta.callbacks = [f"http://127.0.0.1:{port}/callback" for port in REDIRECT_PORTS]
    user = meta.add_user("Dana Smith")
    page = meta.add_page(user, "Acme Magazine")

    def browser(url: str) -> None:  # Dana allows the app on Facebook's page
        answer = requests.get(url + "&login_as=Dana+Smith", allow_redirects=False, timeout=5)
        requests.get(answer.headers["Location"], timeout=5)

    paths = init_paths(profile_dir)
    store, secrets = Store(paths), SecretStore.in_memory()
    book = StoreAccountBook(store, secrets, paths, open_browser=browser)
    runner = TaskRunner()
    dialog = ConnectDialog(book, runner, persona=Persona.WORK)
    qtbot.addWidget(dialog)
    dialog.network.setCurrentIndex(dialog.network.findData(Network.FACEBOOK))
    dialog.server.setText(meta.url)  # the contract server stands in for Facebook
    assert not dialog.connect_button.isEnabled()  # no handle, no app: nothing to sign in with
    dialog.app_id.setText(meta.client_id)
    assert not dialog.connect_button.isEnabled()  # the secret is needed too
    dialog.app_secret.setText(meta.client_secret)
    assert dialog.connect_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    [account] = store.accounts.list()
    assert (account.handle, account.display_name) == (page.id, "Acme Magazine")
    kept = secrets.load(account)
    assert kept is not None and kept.token == page.token
    assert kept.extra["client_secret"] == meta.client_secret  # in the keychain…
    assert meta.client_secret not in json.dumps(account.settings)  # …never in the profile
    runner.wait_for_done(10_000)
    store.close()


def test_the_pinterest_board_is_chosen_in_settings(qtbot, window, accounts):
    from app.ui.dialogs.settings import SettingsDialog

    ids, _page, _profile, pin_user = accounts
    book = window.services.accounts
    account = next(a for a in book.list_accounts() if a.id == ids["pinterest"])
    first, = pin_user.boards
    assert account.settings["board_id"] == first
    pin_user.boards["777000111"] = "Events"
    account.settings["boards"] = json.dumps([[first, "Spring issue"],
                                             ["777000111", "Events"]])
    book.update_account(account)
    dialog = SettingsDialog(window.services.checker.policy_report(), book)
    qtbot.addWidget(dialog)
    _saved, editors = dialog._editors[ids["pinterest"]]
    board, _default = editors["board_id"]
    assert [board.itemText(i) for i in range(board.count())] == ["Spring issue", "Events"]
    board.setCurrentIndex(board.findData("777000111"))
    dialog.save()
    chosen = next(a for a in book.list_accounts() if a.id == ids["pinterest"])
    assert chosen.settings["board_id"] == "777000111"
