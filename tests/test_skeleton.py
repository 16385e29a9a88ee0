"""The walking skeleton: the window opens, the CLI stays Qt-free, paths are isolated."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from app import __version__
from app.paths import init_paths
from app.ui.main_window import MainWindow


def test_main_window_is_titled_twofold(qtbot, profile_dir):
    window = MainWindow(init_paths(profile_dir))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.shown, timeout=5000):
        window.show()
    assert window.windowTitle() == "Twofold"
    assert window.isVisible()


def test_quit_after_show_opens_and_exits_cleanly(run_cli):
    result = run_cli("--quit-after-show")
    assert result.returncode == 0, result.stderr


def test_without_a_display_the_app_says_so_and_exits(run_cli):
    result = run_cli(env={"QT_QPA_PLATFORM": ""})
    assert result.returncode == 0
    assert "no desktop display found" in result.stderr


def test_version_flag(run_cli):
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Twofold {__version__}"


def test_cli_commands_never_import_qt(run_cli):
    probe = (
        "import sys, runpy; sys.argv = ['app', 'paths', '--json'];\n"
        "try:\n    runpy.run_module('app', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "slow = sorted(m for m in sys.modules if m in ('requests', 'keyring'))\n"
        "print('QT-MODULES', bad, slow)\n"
    )
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT

    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=REPO_ROOT, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "QT-MODULES [] []" in result.stdout


def test_every_command_help_routes_to_the_cli(run_cli):
    result = run_cli("paths", "--help")
    assert result.returncode == 0
    assert "usage: twofold paths" in result.stdout


def test_unknown_command_is_a_usage_error(run_cli):
    result = run_cli("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_profile_dir_option_puts_everything_in_one_folder(run_cli, tmp_path):
    chosen = tmp_path / "elsewhere"
    result = run_cli("--profile-dir", str(chosen), "paths", "--json")
    assert result.returncode == 0, result.stderr
    folders = json.loads(result.stdout)
    assert all(Path(folder).is_relative_to(chosen) for folder in folders.values())
    # Printing the paths must not create them.
    assert not chosen.exists()


def test_profile_dir_comes_from_environment(run_cli, profile_dir):
    result = run_cli("paths", "--json")
    folders = json.loads(result.stdout)
    assert folders["data"] == str(profile_dir / "data")


def test_folders_are_created_private_on_first_use_only(tmp_path):
    paths = init_paths(tmp_path / "p")
    assert not (tmp_path / "p").exists()
    data = paths.data_dir()
    assert data.is_dir()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert not paths.log_root.exists()


def test_default_paths_follow_the_platform(monkeypatch, tmp_path):
    monkeypatch.delenv("TWOFOLD_PROFILE_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    paths = init_paths()
    assert paths.data_root == tmp_path / "xdg-data" / "twofold"
    assert paths.profile_dir is None


def test_installed_twofold_command_reports_its_version():
    import subprocess
    import sys

    command = Path(sys.executable).parent / "twofold"
    assert command.exists(), "the twofold console script is not installed (pip install -e .)"
    result = subprocess.run([str(command), "--version"], capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.stdout.strip() == f"Twofold {__version__}"
