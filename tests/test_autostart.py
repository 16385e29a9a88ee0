"""Start at login writes an XDG autostart entry under the (fake) XDG config home that starts
this copy of Twofold in the tray for this profile, and removes it again."""

from __future__ import annotations

import os
import shlex

from app import autostart
from app.paths import init_paths


def test_the_entry_starts_twofold_in_the_tray_for_this_profile(tmp_path):
    profile = tmp_path / "my profile"  # a space: quoted as the specification asks
    path = autostart.set_enabled(True, init_paths(profile))
    assert path == autostart.entry_path()
    assert path.parent.name == "autostart"
    assert str(path).startswith(os.environ["XDG_CONFIG_HOME"])  # the fake home, never ours
    assert autostart.is_enabled()
    lines = dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    assert lines["Type"] == "Application" and lines["Name"] == "Twofold"
    command = shlex.split(lines["Exec"])
    assert command[-3:] == ["--profile-dir", str(profile), "--hidden"]
    assert f'"{profile}"' in lines["Exec"]
    autostart.set_enabled(False, init_paths(profile))
    assert not path.exists() and not autostart.is_enabled()
    autostart.set_enabled(False, init_paths(profile))  # already off: no error


def test_exec_quoting_follows_the_desktop_entry_specification():
    text = autostart.entry_text(["/opt/two fold/twofold", "--profile-dir", 'a"b$c%d', "--hidden"])
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line == 'Exec="/opt/two fold/twofold" --profile-dir "a\\"b\\$c%%d" --hidden'


def test_the_folder_follows_xdg_config_home(tmp_path):
    assert autostart.entry_path({"XDG_CONFIG_HOME": str(tmp_path)}) == \
        tmp_path / "autostart" / "twofold.desktop"
    assert autostart.entry_path({"HOME": str(tmp_path)}) == \
        tmp_path / ".config" / "autostart" / "twofold.desktop"
    # A relative XDG_CONFIG_HOME is invalid by the specification and ignored.
    assert autostart.entry_path({"XDG_CONFIG_HOME": "rel", "HOME": str(tmp_path)}) == \
        tmp_path / ".config" / "autostart" / "twofold.desktop"
    assert not autostart.supported("win32") and not autostart.supported("darwin")
    assert autostart.supported("linux")
