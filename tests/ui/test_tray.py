"""The tray icon and its quick post window, with the system tray mocked both ways: with a
tray, one click opens a quick post to Work on the same services and rules; without one, the
app runs as a plain window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from app.core.model import Persona
from app.paths import init_paths
from app.ui import application
from app.ui import tray as tray_module
from app.ui.main_window import MainWindow
from tests.ui.conftest import wait_for_finding
from tests.ui.fakes import sample_accounts
from tests.ui.test_composer import card_for, type_into

# A tray icon "made available" on the offscreen platform: Qt's generic tray code looks for a
# signal the offscreen plugin does not have and says so. Harmless here; real desktops have it.
OFFSCREEN_TRAY = pytest.mark.qt_log_ignore(r"No such signal .*systemTrayWindowChanged")


@pytest.fixture
def window(qtbot, profile_dir, services, runner):
    main = MainWindow(init_paths(profile_dir), services, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.is_loaded, timeout=3000)
    return main


def test_no_tray_icon_without_a_system_tray(window, services, runner, monkeypatch):
    monkeypatch.setattr(tray_module, "tray_available", lambda: False)
    assert tray_module.create_tray(window, services, runner) is None
    assert window.findChildren(QSystemTrayIcon) == []


@OFFSCREEN_TRAY
def test_with_a_tray_one_click_opens_an_empty_quick_post_to_work(
        qtbot, window, services, runner, monkeypatch):
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    window.composer.accounts.set_ticked([1, 3])  # the main window's ticks never carry over
    tray = tray_module.create_tray(window, services, runner)
    assert tray is not None
    qtbot.addWidget(tray.quick_post)
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts[0] == "&Quick post to Work…"
    assert "&Quit Twofold" in texts
    tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)  # one click on the icon
    quick = tray.quick_post
    assert quick.isVisible() and quick.composer.text() == ""
    assert quick.composer.accounts.ticked() == []
    assert {a.id for a in quick.composer.accounts.accounts()} == {1, 2, 3, 4, 5}
    assert quick.composer.post_work_button.text() == "Post to Work"
    tray.hide()


@OFFSCREEN_TRAY
def test_quick_post_has_the_same_findings_blocks_and_work_only_rule(
        qtbot, window, services, runner, monkeypatch, answers):
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    tray = tray_module.create_tray(window, services, runner)
    quick = tray.quick_post
    qtbot.addWidget(quick)
    tray.open_quick_post()
    composer = quick.composer
    composer._confirm = answers.ask_confirmation
    composer.accounts.set_ticked([1, 3])  # a work and a personal account
    type_into(qtbot, composer, "Acme sale: Project Falcon is here")
    wait_for_finding(qtbot, composer, "confidential.term", timeout=3000)
    assert composer.finding_for("persona.promotion_on_personal") is not None
    assert not composer.post_work_button.isEnabled()  # the block stops it, as in the window
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert services.poster.calls == []

    qtbot.mouseClick(card_for(composer, "confidential.term").fix_buttons[0],
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: composer.finding_for("confidential.term") is None
                    and composer.live_check.is_current(composer._round), timeout=3000)
    answers.confirm = True
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert services.poster.calls == [("post", [1])]  # never the ticked personal account
    assert [r.accounts for r in answers.confirmations] == [[sample_accounts()[0]]]
    tray.hide()


def run_app(profile_dir, drive) -> int:
    """Run the real ``run_gui`` (its event loop) with ``drive(window)`` called once the
    window has loaded; returns the exit code."""
    paths = init_paths(profile_dir)
    paths.config_dir()
    settings = QSettings(str(paths.config_root / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("onboarding_done", "yes")  # no welcome dialog in the way
    settings.sync()
    app = QApplication.instance()

    def find_window() -> None:
        windows = [w for w in app.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible() and w.is_loaded]
        if windows:
            drive(windows[0])
        else:
            QTimer.singleShot(20, find_window)

    QTimer.singleShot(20, find_window)
    try:
        return application.run_gui(paths)
    finally:
        app.setQuitOnLastWindowClosed(True)


def test_without_a_tray_the_app_still_runs_as_a_window(qtbot, profile_dir, monkeypatch):
    monkeypatch.setattr(tray_module, "tray_available", lambda: False)
    seen = {}

    def drive(window: MainWindow) -> None:
        def check() -> None:
            seen["tray"] = window.findChildren(QSystemTrayIcon)
            seen["quits_on_close"] = QApplication.instance().quitOnLastWindowClosed()
            window.composer.check_as(window.composer.check_as_target().network, Persona.WORK)
            window.composer.editor.setPlainText("Checking works without a tray")
            window.close()  # the last window: the app ends

        QTimer.singleShot(100, check)  # after the tray would have been added

    assert run_app(profile_dir, drive) == 0
    assert seen == {"tray": [], "quits_on_close": True}
    # The draft typed in the window was saved on the way out.
    from app.store.store import Store

    with Store(init_paths(profile_dir)) as store:
        assert [d.text for d in store.drafts.list()] == ["Checking works without a tray"]


@OFFSCREEN_TRAY
def test_with_a_tray_hiding_the_window_keeps_the_app_until_quit(
        qtbot, profile_dir, monkeypatch):
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    seen: dict[str, object] = {}

    def drive(window: MainWindow) -> None:
        def step() -> None:
            trays = window.findChildren(tray_module.TwofoldTray)
            if not trays:
                QTimer.singleShot(20, step)
                return
            tray = trays[0]
            tray._toggle_window()  # "Hide Twofold"
            tray.open_quick_post()
            tray.quick_post.close()  # no window visible now, yet the app keeps running
            QTimer.singleShot(50, lambda: finish(tray))

        def finish(tray) -> None:
            seen["alive"] = True
            seen["menu"] = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
            tray.quit()

        QTimer.singleShot(0, step)

    assert run_app(profile_dir, drive) == 0
    assert seen["alive"] is True
    assert seen["menu"][0] == "&Quick post to Work…"
