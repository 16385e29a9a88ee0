"""Where Twofold keeps its files: the one place paths come from.

Nothing is resolved or created at import time. ``init_paths`` is called once by the entry
point and the resulting ``AppPaths`` is handed to whoever needs it. Folders are created with
mode 0700 the first time they are asked for, never earlier.

``--profile-dir DIR`` (or ``TWOFOLD_PROFILE_DIR``) puts everything under DIR, including the
"site" folder where IT drops the organisation's policy pack, so a profile is fully isolated.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app import APP_ID, APP_NAME

PROFILE_ENV = "TWOFOLD_PROFILE_DIR"
PRIVATE_DIR_MODE = 0o700


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) readable only by the user; return it.

    An existing folder only ever loses permissions (those of the group and others), never
    gains them: a folder the user made read-only stays read-only, and the store says so.
    """
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    # mkdir's mode is masked by the umask and ignored for existing folders; be explicit.
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        path.chmod(mode & 0o700)
    return path


@dataclass(frozen=True)
class AppPaths:
    """The resolved folders of one Twofold profile. Accessors create the folder on first use."""

    config_root: Path
    data_root: Path
    cache_root: Path
    log_root: Path
    site_config_root: Path
    profile_dir: Path | None = None

    def config_dir(self) -> Path:
        """User settings and the user's own policy pack."""
        return ensure_private_dir(self.config_root)

    def data_dir(self) -> Path:
        """The database (accounts without secrets, drafts, outbox, history)."""
        return ensure_private_dir(self.data_root)

    def cache_dir(self) -> Path:
        """Re-creatable files such as downloaded avatars."""
        return ensure_private_dir(self.cache_root)

    def log_dir(self) -> Path:
        """Log files (identifiers only, never secrets or post text)."""
        return ensure_private_dir(self.log_root)

    def site_config_dir(self) -> Path:
        """Read-only organisation folder (policy pack, managed accounts). Never created."""
        return self.site_config_root


def init_paths(
    profile_dir: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> AppPaths:
    """Resolve the profile's folders without creating any of them.

    ``profile_dir`` wins over the ``TWOFOLD_PROFILE_DIR`` environment variable; without either,
    the platform's standard folders are used (through platformdirs).
    """
    env = os.environ if environ is None else environ
    chosen = profile_dir if profile_dir is not None else env.get(PROFILE_ENV) or None
    if chosen is not None:
        root = Path(chosen).expanduser().absolute()
        return AppPaths(
            config_root=root / "config",
            data_root=root / "data",
            cache_root=root / "cache",
            log_root=root / "log",
            site_config_root=root / "site",
            profile_dir=root,
        )
    # Imported here so that --profile-dir runs (tests, scripts) never pay for it.
    import platformdirs

    dirs = platformdirs.PlatformDirs(appname=APP_NAME if sys.platform != "linux" else APP_ID,
                                     appauthor=False)
    site = (linux_site_config_root(env) if sys.platform == "linux"
            else Path(dirs.site_config_dir))
    return AppPaths(
        config_root=Path(dirs.user_config_dir),
        data_root=Path(dirs.user_data_dir),
        cache_root=Path(dirs.user_cache_dir),
        log_root=Path(dirs.user_log_dir),
        site_config_root=site,
    )


def linux_site_config_root(environ: Mapping[str, str] | None = None) -> Path:
    """The organisation folder on Linux: ``<dir>/twofold`` in the first system entry of
    ``$XDG_CONFIG_DIRS`` that has one, else ``/etc/xdg/twofold``.

    Every entry is searched, not only the first (platformdirs' choice): Ubuntu's GNOME session
    puts ``/etc/xdg/xdg-ubuntu`` first and KDE Plasma ``~/.config/kdedefaults``, and the
    folder IT installs is ``/etc/xdg/twofold``. Entries that are relative or inside the user's
    home are skipped: the organisation's policy must not come from a folder the user can write.
    """
    env = os.environ if environ is None else environ
    home = Path(env.get("HOME") or str(Path.home())).absolute()
    for entry in (env.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(os.pathsep):
        if not entry or not os.path.isabs(entry):
            continue
        folder = Path(entry) / APP_ID
        if folder.absolute().is_relative_to(home):
            continue
        if folder.is_dir():
            return folder
    return Path("/etc/xdg") / APP_ID


def xdg_config_home(environ: Mapping[str, str] | None = None) -> Path:
    """The desktop's per-user configuration folder (``$XDG_CONFIG_HOME``, else
    ``~/.config``), where desktop files such as autostart entries live. Not created here."""
    env = os.environ if environ is None else environ
    chosen = env.get("XDG_CONFIG_HOME", "")
    if chosen and os.path.isabs(chosen):
        return Path(chosen)
    home = env.get("HOME") or str(Path.home())
    return Path(home) / ".config"


@cache
def resources_dir() -> Path:
    """The folder of shipped data: icons, lexicons, the default policy.

    In a PyInstaller build it sits under ``sys._MEIPASS``; from a source checkout it is the
    repository's top-level ``resources/``. Worked out once per process (the check asks on
    every draft, and resolving the path costs a dozen system calls).
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
