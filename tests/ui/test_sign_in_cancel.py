"""Closing the connect dialog (or the account manager) while the network's page is still open
in the browser stops the sign-in: its loopback callback port is free again at once, so the
next sign-in gets it (not five minutes later, when the browser wait would have run out)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.model import Network, Persona
from app.paths import init_paths
from app.store.secrets import SecretStore
from app.store.store import Store
from app.ui.dialogs.accounts import AccountsDialog, ConnectDialog
from app.ui.services import StoreAccountBook
from app.ui.workers import TaskRunner
from tests.networks.helpers import free_port
from tests.networks.test_sign_in_ports import listening
from tests.threads_server import ThreadsContractServer


@pytest.fixture
def threads() -> Iterator[ThreadsContractServer]:
    running = ThreadsContractServer()
    yield running
    running.close()


@pytest.fixture
def book_and_port(profile_dir, threads):
    """An account book whose Threads sign-in listens on a free port (the organisation's
    redirect), and a browser that opens the page but where the user never finishes."""
    port = free_port()
    site = init_paths(profile_dir).site_config_dir()
    site.mkdir(parents=True, exist_ok=True)
    (site / "managed.toml").write_text(
        f'[app_credentials.threads]\nclient_id = "{threads.client_id}"\n'
        f'client_secret = "{threads.client_secret}"\n'
        f'redirect_uri = "http://127.0.0.1:{port}/callback"\n', encoding="utf-8")
    opened: list[str] = []
    paths = init_paths(profile_dir)
    store = Store(paths)
    book = StoreAccountBook(store, SecretStore.in_memory(), paths, open_browser=opened.append)
    yield book, port, opened, store
    store.close()


def is_free(port: int) -> bool:
    return not listening(port)


@pytest.mark.parametrize("closing", ["cancel", "escape"])
def test_closing_the_connect_dialog_frees_the_callback_port(qtbot, book_and_port, threads,
                                                            closing):
    from PySide6.QtCore import Qt

    book, port, opened, store = book_and_port
    runner = TaskRunner()
    dialog = ConnectDialog(book, runner, persona=Persona.WORK)
    qtbot.addWidget(dialog)
    dialog.network.setCurrentIndex(dialog.network.findData(Network.THREADS))
    dialog.server.setText(threads.url)  # the contract server stands in for Threads
    dialog.show()
    assert dialog.connect_button.isEnabled()
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)  # the page is open in the browser
    assert listening(port)
    if closing == "cancel":
        dialog.buttons.rejected.emit()  # the Cancel button
    else:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: is_free(port), timeout=5_000)
    qtbot.waitUntil(lambda: runner.running == 0, timeout=10_000)
    assert store.accounts.list() == []


def test_closing_the_account_manager_stops_a_one_click_reconnect(qtbot, book_and_port,
                                                                  threads):
    from app.core.model import Account

    book, port, opened, store = book_and_port
    store.accounts.add(Account(Network.THREADS, "acme.news", Persona.WORK, server=threads.url,
                               settings={"sign_in_expires_at": "2000-01-01T00:00:00+00:00"}))
    runner = TaskRunner()
    manager = AccountsDialog(book, runner)
    qtbot.addWidget(manager)
    manager.show()
    qtbot.waitUntil(lambda: bool(manager.editors), timeout=5_000)
    [editor] = manager.editors
    manager.reconnect(editor.account, editor)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert listening(port)
    manager.reject()  # Close
    qtbot.waitUntil(lambda: is_free(port), timeout=5_000)
    qtbot.waitUntil(lambda: runner.running == 0, timeout=10_000)


def test_the_port_is_usable_by_the_next_sign_in(qtbot, book_and_port, threads):
    """Cancel, then connect again in a new dialog: it listens on the same first port."""
    from PySide6.QtCore import Qt

    book, port, opened, _store = book_and_port
    runner = TaskRunner()
    for _attempt in range(2):
        dialog = ConnectDialog(book, runner, persona=Persona.WORK)
        qtbot.addWidget(dialog)
        dialog.network.setCurrentIndex(dialog.network.findData(Network.THREADS))
        dialog.server.setText(threads.url)
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda count=_attempt: len(opened) > count, timeout=10_000)
        assert f"127.0.0.1%3A{port}%2Fcallback" in opened[-1]  # the first port, not a fallback
        dialog.reject()
        qtbot.waitUntil(lambda: is_free(port), timeout=5_000)
    qtbot.waitUntil(lambda: runner.running == 0, timeout=10_000)
