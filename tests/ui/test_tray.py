"""The tray icon and how Twofold lives on the desktop, with the system tray mocked both ways.

With a tray: the menu is rebuilt each time it opens (quick post, the window, recent drafts,
posts waiting or failed, the settings, Quit), the tooltip and a badge count what is pending,
and closing the main window keeps Twofold running (said once). Without one: closing the
window quits, and a quick post opened on its own ends Twofold when it is hidden.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from app.core.model import Draft, Persona
from app.paths import init_paths
from app.ui import application
from app.ui import tray as tray_module
from app.ui.main_window import MainWindow
from app.ui.shell import TRAY_TOLD_TITLE, DesktopShell
from app.ui.tray import TraySettings, TrayState, badge_icon, draft_label, tooltip_text

# A tray icon "made available" on the offscreen platform: Qt's generic tray code looks for a
# signal the offscreen plugin does not have and says so. Harmless here; real desktops have it.
OFFSCREEN_TRAY = pytest.mark.qt_log_ignore(r"No such signal .*systemTrayWindowChanged")


class CountingDrafts:
    """The fake drafts book plus outbox counts, as the store's book has them."""

    def __init__(self, drafts, waiting=0, failed=0):
        self.inner = drafts
        self.waiting, self.failed = waiting, failed

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def outbox_counts(self):
        return self.waiting, self.failed


@pytest.fixture
def window(qtbot, profile_dir, services, runner):
    main = MainWindow(init_paths(profile_dir), services, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.is_loaded, timeout=3000)
    return main


@pytest.fixture
def tray_settings(profile_dir):
    paths = init_paths(profile_dir)
    return TraySettings(QSettings(str(paths.config_root / "ui.ini"),
                                  QSettings.Format.IniFormat), paths)


def menu_texts(tray) -> list[str]:
    return [a.text() for a in tray.menu.actions() if not a.isSeparator() and a.text()]


def action(tray, text):
    return next(a for a in tray.menu.actions() if a.text() == text)


def test_no_tray_icon_without_a_system_tray(window, services, runner, monkeypatch):
    monkeypatch.setattr(tray_module, "tray_available", lambda: False)
    assert tray_module.create_tray(window, services, runner) is None
    assert window.findChildren(QSystemTrayIcon) == []


@OFFSCREEN_TRAY
def test_one_click_opens_the_quick_post_to_work_with_work_accounts_only(
        qtbot, window, services, runner, monkeypatch):
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    window.composer.accounts.set_ticked([1, 3])  # the main window's ticks never carry over
    tray = tray_module.create_tray(window, services, runner)
    assert tray is not None
    qtbot.addWidget(tray.quick_post)
    tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)  # one click on the icon
    quick = tray.quick_post
    qtbot.waitUntil(lambda: bool(quick.composer.accounts.accounts()), timeout=3000)
    assert quick.isVisible() and quick.composer.text() == ""
    assert quick.composer.accounts.ticked() == []
    assert {a.id for a in quick.composer.accounts.accounts()} == {1, 2, 5}  # Work only
    assert quick.composer.post_work_button.text() == "Post to Work"
    assert quick.composer.post_personal_button.isHidden()
    tray.hide()


@OFFSCREEN_TRAY
def test_the_menu_is_rebuilt_with_drafts_and_what_is_pending(
        qtbot, window, services, runner, monkeypatch, tray_settings):
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    drafts = CountingDrafts(services.drafts)
    services.drafts = drafts
    tray = tray_module.create_tray(window, services, runner, settings=tray_settings)
    qtbot.addWidget(tray.quick_post)
    qtbot.waitUntil(lambda: not tray._reading, timeout=3000)
    assert menu_texts(tray) == ["&Quick post to Work…", "&Open Twofold", "Asked to &share…",
                                "&Keep running in the tray when the window closes",
                                "Start at &login", "&Quit Twofold"]
    assert tooltip_text(tray.state) == tray.toolTip()
    assert "waiting" not in tray.toolTip()

    for text in ("First idea", "Second idea & more"):
        drafts.save_draft(Draft(text=text))
    drafts.waiting, drafts.failed = 2, 1
    with qtbot.waitSignal(tray.state_changed, timeout=3000):
        tray.menu.aboutToShow.emit()  # opening the menu reads the state again
    tray.rebuild_menu()
    texts = menu_texts(tray)
    assert texts[:2] == ["&Quick post to Work…", "&Open Twofold"]
    assert "Second idea && more" in texts and "First idea" in texts
    assert "Posts 2 waiting, 1 failed…" in texts
    assert texts[-1] == "&Quit Twofold"
    assert not any("Pause" in t for t in texts)  # scheduled posts are held one by one
    assert "2 posts waiting, 1 failed" in tray.toolTip()
    assert not tray.icon().isNull()

    action(tray, "First idea").trigger()  # a draft opens in the main window
    assert window.composer.text() == "First idea" and window.isVisible()
    assert window.composer.accounts.ticked() == []
    tray.hide()


@OFFSCREEN_TRAY
def test_open_twofold_and_quit_from_the_menu(qtbot, window, services, runner, monkeypatch):
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    quits = []
    tray = tray_module.create_tray(window, services, runner, on_quit=lambda: quits.append(1))
    qtbot.addWidget(tray.quick_post)
    window.hide()
    action(tray, "&Open Twofold").trigger()
    assert window.isVisible()
    action(tray, "&Quick post to Work…").trigger()
    assert tray.quick_post.isVisible()
    action(tray, "&Quit Twofold").trigger()
    assert quits == [1]
    tray.hide()


@OFFSCREEN_TRAY
def test_the_settings_in_the_menu_switch_keep_in_tray_and_start_at_login(
        qtbot, window, services, runner, monkeypatch, tray_settings):
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    tray = tray_module.create_tray(window, services, runner, settings=tray_settings)
    qtbot.addWidget(tray.quick_post)
    keep = action(tray, "&Keep running in the tray when the window closes")
    assert keep.isChecked()
    keep.trigger()
    assert not tray_settings.keep_in_tray()
    from app import autostart

    login = action(tray, "Start at &login")
    assert not login.isChecked() and not autostart.is_enabled()
    login.trigger()
    assert autostart.is_enabled()  # under the fake home's XDG config folder
    tray.rebuild_menu()
    assert action(tray, "Start at &login").isChecked()
    action(tray, "Start at &login").trigger()
    assert not autostart.is_enabled()
    tray.hide()


def test_badge_and_tooltip_count_what_is_pending():
    assert tooltip_text(TrayState()) == "Twofold: click for a quick post to Work"
    assert tooltip_text(TrayState(waiting=1)).endswith("— 1 post waiting")
    plain = badge_icon(0).pixmap(64, 64).toImage()
    badged = badge_icon(3).pixmap(64, 64).toImage()
    assert plain != badged  # the corner carries the count
    assert draft_label(Draft(text="a  b\n" + "c" * 80)).endswith("…")


# --- closing, quitting, no tray ----------------------------------------------------------


@OFFSCREEN_TRAY
def test_closing_the_window_keeps_twofold_in_the_tray_and_says_so_once(
        qtbot, window, services, runner, monkeypatch, tray_settings):
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    quits = []
    shell = DesktopShell(window, services, runner, settings=tray_settings,
                         quit_app=lambda: quits.append(1))
    shell.prepare()
    assert shell.tray is not None
    qtbot.addWidget(shell.quick_post)
    told = []
    monkeypatch.setattr(shell.tray, "showMessage", lambda title, *rest: told.append(title))
    window.close()
    assert quits == [] and told == [TRAY_TOLD_TITLE]
    shell.handle_request("show")  # a second launch brings it back
    assert window.isVisible()
    window.close()
    assert quits == [] and told == [TRAY_TOLD_TITLE]  # said once only
    window.show()
    window.request_quit()  # File > Quit ends it
    assert quits == [1]
    shell.tray.hide()


@OFFSCREEN_TRAY
def test_with_keep_in_tray_off_closing_the_window_quits(
        qtbot, window, services, runner, monkeypatch, tray_settings):
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    tray_settings.set_keep_in_tray(False)
    quits = []
    shell = DesktopShell(window, services, runner, settings=tray_settings,
                         quit_app=lambda: quits.append(1))
    shell.prepare()
    qtbot.addWidget(shell.quick_post)
    window.close()
    assert quits == [1]
    shell.tray.hide()


def test_without_a_tray_a_quick_post_on_its_own_ends_twofold_when_hidden(
        qtbot, window, services, runner, monkeypatch):
    monkeypatch.setattr(tray_module, "tray_available", lambda: False)
    quits = []
    shell = DesktopShell(window, services, runner, quit_app=lambda: quits.append(1))
    shell.prepare()
    assert shell.tray is None
    qtbot.addWidget(shell.quick_post)
    window.hide()
    shell.handle_request("quick-post")
    assert shell.quick_post.isVisible()
    qtbot.waitUntil(shell.quick_post.isActiveWindow, timeout=2000)
    qtbot.keyClick(shell.quick_post.composer.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: quits == [1], timeout=2000)


def test_without_a_tray_hiding_the_quick_post_keeps_a_visible_window(
        qtbot, window, services, runner, monkeypatch):
    monkeypatch.setattr(tray_module, "tray_available", lambda: False)
    quits = []
    shell = DesktopShell(window, services, runner, quit_app=lambda: quits.append(1))
    shell.prepare()
    qtbot.addWidget(shell.quick_post)
    shell.open_quick_post()
    shell.quick_post.hide_keeping_text()
    qtbot.wait(50)  # the check runs on the next turn of the event loop
    assert quits == []
    window.close()  # the last window: Twofold ends
    assert quits == [1]


def run_app(profile_dir, drive, **options) -> int:
    """Run the real ``run_gui`` (its event loop) with ``drive(window)`` called once the
    window exists (shown, or hidden in the tray); returns the exit code."""
    paths = init_paths(profile_dir)
    paths.config_dir()
    settings = QSettings(str(paths.config_root / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("onboarding_done", "yes")  # no welcome dialog in the way
    settings.sync()
    app = QApplication.instance()
    earlier = set(app.topLevelWidgets())  # windows of earlier runs are not this run's

    def find_window() -> None:
        windows = [w for w in app.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.is_loaded and w not in earlier]
        if windows:
            drive(windows[0])
        else:
            QTimer.singleShot(20, find_window)

    QTimer.singleShot(20, find_window)
    try:
        return application.run_gui(paths, **options)
    finally:
        app.setQuitOnLastWindowClosed(True)


def test_without_a_tray_the_app_still_runs_as_a_window(qtbot, profile_dir, monkeypatch):
    monkeypatch.setattr(tray_module, "tray_available", lambda: False)
    seen = {}

    def drive(window: MainWindow) -> None:
        def check() -> None:
            seen["tray"] = window.findChildren(QSystemTrayIcon)
            window.composer.check_as(window.composer.check_as_target().network, Persona.WORK)
            window.composer.editor.setPlainText("Checking works without a tray")
            window.close()  # the last window: the app ends

        QTimer.singleShot(100, check)  # after the tray would have been added

    assert run_app(profile_dir, drive) == 0
    assert seen == {"tray": []}
    # The draft typed in the window was saved on the way out.
    from app.store.store import Store

    with Store(init_paths(profile_dir)) as store:
        assert [d.text for d in store.drafts.list()] == ["Checking works without a tray"]


def test_without_a_tray_quick_post_at_start_opens_on_its_own(qtbot, profile_dir, monkeypatch):
    monkeypatch.setattr(tray_module, "tray_available", lambda: False)
    seen: dict[str, object] = {}

    def drive(window: MainWindow) -> None:
        def step() -> None:
            quick = [w for w in QApplication.topLevelWidgets()
                     if w.accessibleName() == "Quick post to Work" and w.isVisible()]
            if not quick:
                QTimer.singleShot(20, step)
                return
            seen["window visible"] = window.isVisible()
            quick[0].composer.editor.setPlainText("From the shortcut")
            quick[0].hide_keeping_text()  # Escape: nothing left on screen, Twofold ends

        QTimer.singleShot(0, step)

    assert run_app(profile_dir, drive, quick_post=True) == 0
    assert seen == {"window visible": False}
    from app.store.store import Store

    with Store(init_paths(profile_dir)) as store:
        assert [d.text for d in store.drafts.list()] == ["From the shortcut"]


@OFFSCREEN_TRAY
def test_with_a_tray_a_hidden_start_lives_in_the_tray_until_quit(
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
            seen["window visible"] = window.isVisible()
            tray.open_quick_post()
            tray.quick_post.hide_keeping_text()  # no window visible now, yet Twofold runs
            QTimer.singleShot(50, lambda: finish(tray))

        def finish(tray) -> None:
            seen["alive"] = True
            seen["menu"] = menu_texts(tray)[0]
            tray.quit()

        QTimer.singleShot(0, step)

    assert run_app(profile_dir, drive, hidden=True) == 0
    assert seen == {"window visible": False, "alive": True, "menu": "&Quick post to Work…"}
