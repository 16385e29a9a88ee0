"""The window on the real composition root while the keychain is missing or waiting for an
unlock prompt, and while the store is slow: the plain-language banner appears, and the window
and the account manager never wait for either."""

from __future__ import annotations

import threading

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QElapsedTimer, QTimer

from app.paths import init_paths
from app.ui.application import build_services
from app.ui.main_window import MainWindow
from app.ui.workers import TaskRunner


@pytest.fixture
def real_window(qtbot, profile_dir):
    """The main window on the real services (store in the test profile)."""
    paths = init_paths(profile_dir)
    services = build_services(paths)
    runner = TaskRunner()
    main = MainWindow(paths, services, runner)
    qtbot.addWidget(main)
    yield main
    runner.wait_for_done(30_000)
    qtbot.wait(20)
    services.close()


class Heartbeat:
    """Counts the event loop's turns: the longest gap shows whether the UI thread waited."""

    def __init__(self) -> None:
        self.gaps: list[int] = []
        self._clock = QElapsedTimer()
        self._clock.start()
        self._last = 0
        self._timer = QTimer()
        self._timer.timeout.connect(self._tick)
        self._timer.start(10)

    def _tick(self) -> None:
        now = self._clock.elapsed()
        self.gaps.append(now - self._last)
        self._last = now

    def stop(self) -> int:
        self._timer.stop()
        return max(self.gaps[1:], default=0)


def test_without_a_keychain_the_banner_says_sign_ins_last_for_this_run(qtbot, real_window):
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # a desktop without any keychain
    real_window.show()
    qtbot.waitUntil(lambda: "memory only" in real_window.banner_label.text(), timeout=10_000)
    text = real_window.banner_label.text()
    assert "no keychain" in text and "forgotten when Twofold closes" in text
    assert real_window.banner.isVisibleTo(real_window)


class WaitingKeyring(KeyringBackend):
    """A keychain whose unlock prompt nobody has answered yet."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.answered = threading.Event()
        self.asked = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.asked.set()
        self.answered.wait(30)
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.answered.wait(30)

    def delete_password(self, service: str, username: str) -> None:
        self.answered.wait(30)


def test_a_keychain_waiting_for_its_unlock_prompt_never_freezes_the_window(
        qtbot, real_window, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from app.ui.dialogs.accounts import AccountsDialog

    waiting = WaitingKeyring()
    keyring.set_keyring(waiting)
    beat = Heartbeat()
    real_window.show()
    qtbot.waitUntil(lambda: real_window.is_loaded, timeout=10_000)  # the store opened
    assert waiting.asked.wait(10)  # the keychain is being opened (on a worker)

    # The account manager opens at once and lists the accounts; only the keychain line waits.
    seen: list[str] = []

    def look(dialog_self) -> int:
        qtbot.waitUntil(lambda: dialog_self._list_layout.count() > 0, timeout=5000)
        qtbot.wait(200)
        seen.append(dialog_self.keychain_label.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(AccountsDialog, "exec", look)
    real_window.open_accounts()
    real_window.composer.editor.insertPlainText("still typing while the keychain waits")
    qtbot.wait(300)
    assert beat.stop() < 250, "the UI thread waited for the keychain"
    assert seen and "Checking where sign-ins are kept" in seen[0]

    waiting.answered.set()  # the user unlocks the keychain
    qtbot.waitUntil(lambda: real_window.services.accounts.secrets_persistent, timeout=10_000)


def test_autosave_does_not_wait_for_a_store_that_is_still_opening(qtbot, profile_dir, runner):
    from app.ui.composer import ComposerWidget
    from app.ui.services import Lazy, StoreDraftBook
    from tests.ui.fakes import FakeChecker

    release = threading.Event()
    paths = init_paths(profile_dir)

    def slow_store():
        from app.store.store import Store

        release.wait(30)  # e.g. another Twofold process holds the database
        return Store(paths)

    lazy = Lazy(slow_store)
    drafts = StoreDraftBook(lazy)
    composer = ComposerWidget(FakeChecker(), runner, drafts=drafts)
    qtbot.addWidget(composer)
    composer.show()
    runner.run(lazy.get)  # the window's start-up read is opening the store
    qtbot.waitUntil(lambda: lazy.building, timeout=3000)
    beat = Heartbeat()
    qtbot.keyClicks(composer.editor, "typed while the store opens")
    qtbot.wait(1200)  # past the autosave delay
    assert beat.stop() < 250, "the autosave waited on the UI thread"
    release.set()
    qtbot.waitUntil(lambda: composer.draft.id is not None, timeout=10_000)
    assert [d.text for d in drafts.list_drafts()] == ["typed while the store opens"]
    lazy.get().close()
