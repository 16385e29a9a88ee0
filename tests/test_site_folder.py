"""Where Twofold looks for the organisation folder IT installs (Linux)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from app.paths import linux_site_config_root

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="XDG folders are Linux's")


def _env(tmp_path: Path, *entries: str) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home"), "XDG_CONFIG_DIRS": os.pathsep.join(entries)}


def test_the_organisation_folder_is_found_behind_a_desktop_specific_first_entry(tmp_path):
    # Ubuntu's GNOME session puts /etc/xdg/xdg-ubuntu first; IT installed into /etc/xdg.
    ubuntu, system = tmp_path / "etc/xdg/xdg-ubuntu", tmp_path / "etc/xdg"
    ubuntu.mkdir(parents=True)
    (system / "twofold").mkdir(parents=True)
    assert linux_site_config_root(_env(tmp_path, str(ubuntu), str(system))) == system / "twofold"


def test_a_folder_in_the_users_home_never_stands_for_the_organisation(tmp_path):
    # KDE Plasma puts ~/.config/kdedefaults first: the user could write a "policy" there.
    user_writable = tmp_path / "home/.config/kdedefaults"
    (user_writable / "twofold").mkdir(parents=True)
    system = tmp_path / "etc/xdg"
    (system / "twofold").mkdir(parents=True)
    env = _env(tmp_path, str(user_writable), "relative/dir", str(system))
    assert linux_site_config_root(env) == system / "twofold"


def test_without_any_installed_folder_the_standard_place_is_named(tmp_path):
    env = _env(tmp_path, str(tmp_path / "nowhere"))
    assert linux_site_config_root(env) == Path("/etc/xdg/twofold")
    assert linux_site_config_root({"HOME": str(tmp_path)}) == Path("/etc/xdg/twofold")
