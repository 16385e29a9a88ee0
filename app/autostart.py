"""Start at login: an XDG autostart entry on Linux desktops (GNOME, KDE, Xfce, ...).

The entry starts Twofold in the tray (``--hidden``) for the same profile. On Windows and
macOS Twofold does not write anything itself; README.md says how to add it to the startup
items there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from app import APP_ID, APP_NAME
from app.paths import AppPaths, xdg_config_home

ENTRY_NAME = f"{APP_ID}.desktop"


def supported(platform: str | None = None) -> bool:
    """Whether Twofold can switch Start at login itself here (XDG desktops)."""
    name = sys.platform if platform is None else platform
    return name.startswith("linux") or "bsd" in name


def entry_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the autostart entry lives: ``$XDG_CONFIG_HOME/autostart/twofold.desktop``."""
    return xdg_config_home(environ) / "autostart" / ENTRY_NAME


def launch_command(paths: AppPaths) -> list[str]:
    """The command that starts this copy of Twofold in the tray for this profile."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        script = Path(sys.executable).with_name("twofold")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "app"]
    if paths.profile_dir is not None:
        command += ["--profile-dir", str(paths.profile_dir)]
    return [*command, "--hidden"]


def _quote(argument: str) -> str:
    """Quote one argument as the Desktop Entry specification's Exec key wants it."""
    if argument and not any(ch in argument for ch in ' \t\n"\'\\><~|&;$*?#()`='):
        return argument.replace("%", "%%")
    escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument)
    return '"' + escaped.replace("%", "%%") + '"'


def entry_text(command: Sequence[str]) -> str:
    """The desktop entry that runs ``command`` at login."""
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        "Comment=Keeps your work and personal social accounts apart",
        "Exec=" + " ".join(_quote(arg) for arg in command),
        f"Icon={APP_ID}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        "",
    ])


def is_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the autostart entry is there."""
    return entry_path(environ).is_file()


def set_enabled(enabled: bool, paths: AppPaths,
                environ: Mapping[str, str] | None = None) -> Path:
    """Write (or remove) the autostart entry; return its path. Raises ``OSError`` with the
    reason when the folder cannot be written."""
    path = entry_path(environ)
    if not enabled:
        path.unlink(missing_ok=True)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(entry_text(launch_command(paths)), encoding="utf-8")
    os.replace(temporary, path)
    return path
