"""Real read-only folders and real full disks for the store's failure tests.

Root ignores permission bits, so as root a folder is made read-only with a read-only bind
mount and a full disk is a tiny tmpfs; as another user, permission bits do it (a full disk is
then not possible and the test skips — the simulated disk-full test still runs).
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *argv], capture_output=True, text=True, check=False,
                          timeout=30)


def _umount(folder: Path) -> None:
    result = subprocess.run(["umount", str(folder)], capture_output=True, text=True,
                            check=False, timeout=30)
    if result.returncode != 0:  # still busy: detach lazily so nothing stays mounted
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False,
                       timeout=30)


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """Make ``folder`` (and the files in it) read-only for the duration."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for path in modes:
            path.chmod(stat.S_IMODE(modes[path]) & ~0o222)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(stat.S_IMODE(mode))
        return
    bound = _mount("--bind", str(folder), str(folder))
    if bound.returncode != 0:
        pytest.skip(f"cannot make a read-only folder as root here: {bound.stderr.strip()}")
    try:
        remounted = _mount("-o", "remount,bind,ro", str(folder))
        if remounted.returncode != 0:
            pytest.skip(f"cannot remount read-only here: {remounted.stderr.strip()}")
        yield
    finally:
        _umount(folder)


@contextmanager
def tiny_disk(folder: Path, size: str = "320k") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (root only)."""
    if os.geteuid() != 0:
        pytest.skip("a real full disk needs root (to mount a tiny tmpfs)")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = _mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder))
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        _umount(folder)
