"""Size of Twofold's PyInstaller bundle against a bare PySide6 window bundled the same way.

Builds (or reuses) dist/twofold/ with build.spec, and two bundles of bench/bare_window.py with
packaging/bare_window.spec: PyInstaller's defaults (the yardstick of the budget: Twofold
<= 1.15x), and with Twofold's own Qt trimming (so the difference is Twofold's code and Python
packages alone). Same PyInstaller, same one-folder layout, same strip and UPX settings. The bare
bundles are cached outside the clone, keyed on the tools' versions and the spec files.

Then says what is in Twofold's bundle, by part, and what it has beyond the trimmed bare one.

    .venv/bin/python bench/bundle_size.py [--rebuild]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "packaging"))

import package  # noqa: E402


def size_of(path: Path) -> int:
    return package.folder_size(path)


def bare_bundle(trim: bool, rebuild: bool) -> Path:
    """Build the bare window's bundle (cached); return its folder."""
    digest = hashlib.sha256()
    for path in (REPO / "packaging" / "bare_window.spec", REPO / "packaging" / "bundle_trim.py",
                 REPO / "bench" / "bare_window.py"):
        digest.update(path.read_bytes())
    for dist in ("pyinstaller", "pyinstaller-hooks-contrib", "PySide6-Essentials"):
        digest.update(importlib.metadata.version(dist).encode())
    digest.update(sys.version.encode())
    root = package.cache_root() / "bare-bundles" / (
        f"{digest.hexdigest()[:12]}-{'trimmed' if trim else 'default'}")
    target = root / "dist" / "bare_window"
    if rebuild or not (target / "bare_window").is_file():
        print(f"building the bare window bundle ({'trimmed' if trim else 'defaults'}) ...",
              flush=True)
        env = package.pyinstaller_env()
        env["TWOFOLD_BARE_TRIM"] = "1" if trim else "0"
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level",
                        "ERROR", "--workpath", str(root / "work"), "--distpath",
                        str(root / "dist"), str(REPO / "packaging" / "bare_window.spec")],
                       env=env, check=True, stdout=subprocess.DEVNULL)
    return target


def part_of(relative: Path) -> str:
    """The part of the bundle a file belongs to, for the breakdown."""
    parts = relative.parts
    if parts[0] != "_internal":
        return "executable"
    inner = parts[1:]
    if inner[:3] == ("PySide6", "Qt", "lib"):
        return "Qt libraries"
    if inner[:3] == ("PySide6", "Qt", "plugins"):
        return f"Qt plugins ({inner[3]})"
    if inner[0] in ("PySide6", "shiboken6"):
        return "PySide6 bindings"
    if inner[0].startswith("libpython") or inner[0] in ("python3.11", "base_library.zip"):
        return "Python runtime"
    if inner[0] == "resources":
        return "Twofold resources"
    if inner[0].endswith(".so") or ".so." in inner[0]:
        return "other shared libraries"
    return f"Python package {inner[0].split('-')[0]}"


def breakdown(bundle: Path) -> Counter[str]:
    sizes: Counter[str] = Counter()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            sizes[part_of(path.relative_to(bundle))] += path.lstat().st_size
    return sizes


def files(bundle: Path) -> dict[str, int]:
    return {str(p.relative_to(bundle)): p.lstat().st_size for p in bundle.rglob("*")
            if p.is_file() and not p.is_symlink()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true", help="build every bundle again")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    twofold = package.build_bundle(REPO / "dist", REPO / "build" / "pyinstaller",
                                   force=args.rebuild)
    bare = bare_bundle(trim=False, rebuild=args.rebuild)
    bare_trimmed = bare_bundle(trim=True, rebuild=args.rebuild)
    mib = 2**20
    ours, default, trimmed = size_of(twofold), size_of(bare), size_of(bare_trimmed)
    print(f"PyInstaller {importlib.metadata.version('pyinstaller')}, PySide6 "
          f"{importlib.metadata.version('PySide6-Essentials')}, one folder, strip on Linux, "
          "no UPX")
    print(f"twofold bundle                         {ours / mib:7.1f} MiB")
    print(f"bare window, PyInstaller defaults      {default / mib:7.1f} MiB   "
          f"ratio {ours / default:.2f}x (budget 1.15x)")
    print(f"bare window, Twofold's Qt trimming     {trimmed / mib:7.1f} MiB   "
          f"ratio {ours / trimmed:.2f}x (Twofold's own code and packages)")
    print("\nwhat is in the Twofold bundle:")
    for part, size in breakdown(twofold).most_common(14):
        print(f"  {size / mib:6.1f} MiB  {part}")
    ours_files, bare_files = files(twofold), files(bare_trimmed)
    extra = Counter({part_of(Path(name)): 0 for name in ours_files})
    for name, size in ours_files.items():
        if name not in bare_files:
            extra[part_of(Path(name))] += size
    print("\nbeyond the trimmed bare window (Twofold's own weight):")
    for part, size in extra.most_common(8):
        if size:
            print(f"  {size / mib:6.1f} MiB  {part}")


if __name__ == "__main__":
    main()
