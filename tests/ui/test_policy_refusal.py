"""The window when the organisation's policy cannot be read and no good copy is kept: a banner
names the problem, Post is off (in the quick post window too), the draft is still checked."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from app.paths import init_paths
from app.ui import tray as tray_module
from app.ui.application import build_services
from app.ui.main_window import MainWindow
from app.ui.workers import TaskRunner
from tests.ui.test_composer import type_into

REASON = ("Your organisation's policy cannot be read: Policy file /etc/xdg/twofold/policy.toml, "
          "line 3: is not valid TOML: unclosed array.")
OFFSCREEN_TRAY = pytest.mark.qt_log_ignore(r"No such signal .*systemTrayWindowChanged")


@pytest.fixture
def refusing_window(qtbot, profile_dir, services, runner):
    main = MainWindow(init_paths(profile_dir), replace(services, posting_refusal=lambda: REASON),
                      runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.is_loaded, timeout=3000)
    return main


@OFFSCREEN_TRAY
def test_banner_names_the_problem_and_post_is_off(qtbot, refusing_window, services, runner,
                                                  monkeypatch):
    window = refusing_window
    composer = window.composer
    qtbot.waitUntil(lambda: REASON in window.banner_label.text(), timeout=3000)
    assert window.banner.isVisible()
    assert "Posting is turned off" in window.banner_label.text()
    composer.accounts.set_ticked([1])  # a Work account, and a harmless draft
    type_into(qtbot, composer, "Lunch at noon")
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round), timeout=3000)
    assert not composer.post_work_button.isEnabled()
    assert composer.action_label.text() == REASON
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    composer.post_to_work()
    assert services.poster.calls == []

    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    tray = tray_module.create_tray(window, services, runner)
    assert tray is not None
    quick = tray.quick_post
    qtbot.addWidget(quick)
    tray.open_quick_post()
    qtbot.waitUntil(lambda: bool(quick.composer.accounts.accounts()), timeout=3000)
    quick.composer.accounts.set_ticked([1])
    assert quick.composer.accounts.ticked()  # a Work account is ticked: only the policy stops it
    type_into(qtbot, quick.composer, "Lunch at noon")
    qtbot.waitUntil(lambda: quick.composer.live_check.is_current(quick.composer._round),
                    timeout=3000)
    assert not quick.composer.post_work_button.isEnabled()
    assert quick.composer.action_label.text() == REASON
    qtbot.keyClick(quick.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert services.poster.calls == []
    tray.hide()


@pytest.mark.integration
def test_a_broken_organisation_pack_with_no_copy_turns_posting_off(qtbot, profile_dir,
                                                                   monkeypatch):
    monkeypatch.delenv("TWOFOLD_POLICY", raising=False)
    paths = init_paths(profile_dir)
    paths.site_config_root.mkdir(parents=True, exist_ok=True)
    pack = paths.site_config_root / "policy.toml"
    pack.write_text('version = 1\n[confidential]\nterms = ["Project Falcon"\n', encoding="utf-8")
    services = build_services(paths)
    runner = TaskRunner()
    main = MainWindow(paths, services, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: "cannot be read" in main.banner_label.text(), timeout=15_000)
    banner = main.banner_label.text()
    assert "Your organisation's policy cannot be read: " in banner and str(pack) in banner
    assert banner.count(str(pack)) == 1  # named once, not again as a "Policy pack:" line
    assert main.posting_refusal.startswith("Your organisation's policy cannot be read")
    assert main.composer.action_label.text() == main.posting_refusal
    assert not main.composer.post_work_button.isEnabled()
    runner.wait_for_done(10_000)
    services.close()


@pytest.mark.integration
def test_the_pack_managed_toml_names_is_the_one_the_window_applies(qtbot, profile_dir,
                                                                  monkeypatch):
    monkeypatch.delenv("TWOFOLD_POLICY", raising=False)
    paths = init_paths(profile_dir)
    paths.site_config_root.mkdir(parents=True, exist_ok=True)
    (paths.site_config_root / "managed.toml").write_text('policy_pack = "acme-policy.toml"\n',
                                                         encoding="utf-8")
    # policy.toml reads fine, but it is not the pack IT named: that one is missing.
    (paths.site_config_root / "policy.toml").write_text("version = 1\n", encoding="utf-8")
    named = paths.site_config_root / "acme-policy.toml"
    services = build_services(paths)
    runner = TaskRunner()
    main = MainWindow(paths, services, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: "cannot be read" in main.banner_label.text(), timeout=15_000)
    assert str(named) in main.banner_label.text()
    assert main.posting_refusal.startswith("Your organisation's policy cannot be read")
    assert not main.composer.post_work_button.isEnabled()
    runner.wait_for_done(10_000)
    services.close()


@pytest.mark.integration
def test_with_a_good_copy_the_banner_names_it_and_posting_stays_on(qtbot, profile_dir,
                                                                   monkeypatch):
    from app.check.policy import load_policy_layers

    monkeypatch.delenv("TWOFOLD_POLICY", raising=False)
    paths = init_paths(profile_dir)
    paths.site_config_root.mkdir(parents=True, exist_ok=True)
    pack = paths.site_config_root / "policy.toml"
    pack.write_text('version = 1\n[confidential]\nterms = ["Project Falcon"]\n', encoding="utf-8")
    assert load_policy_layers(paths).errors == []  # read cleanly once: a copy is kept
    pack.write_text('version = 1\n[confidential]\nterms = ["Project Falcon"\n', encoding="utf-8")
    services = build_services(paths)
    runner = TaskRunner()
    main = MainWindow(paths, services, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: "using the copy from" in main.banner_label.text(), timeout=15_000)
    banner = main.banner_label.text()
    assert "Your organisation's policy could not be read (" in banner
    assert banner.count(str(pack)) == 1
    composer = main.composer
    type_into(qtbot, composer, "Project Falcon demo at 3")
    qtbot.waitUntil(lambda: composer.finding_for("confidential.term") is not None,
                    timeout=15_000)  # the copy's term is still caught
    assert main.posting_refusal == ""
    runner.wait_for_done(10_000)
    services.close()


def test_a_quick_post_without_a_tray_is_off_too(qtbot, refusing_window, services, runner,
                                                monkeypatch):
    from app.ui.shell import DesktopShell

    window = refusing_window
    qtbot.waitUntil(lambda: window.posting_refusal == REASON, timeout=3000)
    monkeypatch.setattr(tray_module, "tray_available", lambda: False)
    shell = DesktopShell(window, services, runner, quit_app=lambda: None)
    shell.prepare()
    quick = shell.quick_post
    qtbot.addWidget(quick)
    shell.handle_request("quick-post")  # twofold --quick-post
    qtbot.waitUntil(lambda: bool(quick.composer.accounts.accounts()), timeout=3000)
    quick.composer.accounts.set_ticked([1])
    type_into(qtbot, quick.composer, "Lunch at noon")
    qtbot.waitUntil(lambda: quick.composer.live_check.is_current(quick.composer._round),
                    timeout=3000)
    assert not quick.composer.post_work_button.isEnabled()
    assert quick.composer.action_label.text() == REASON
    quick.composer.post_to_work()
    assert services.poster.calls == []
