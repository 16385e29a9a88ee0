"""Build Twofold's one-folder bundle and its Debian packages, and smoke-test every one of them.

    .venv/bin/python packaging/package.py [--org DIR] [--out DIR] [--debian-root TAR]
    .venv/bin/python packaging/package.py bundle          the bundle only (dist/twofold/)
    .venv/bin/python packaging/package.py icons --out DIR  PNG sizes, .ico and .icns from the SVG
    .venv/bin/python packaging/package.py debian-root TAR  a Debian 12 root for the install test
                                                         (debootstrap: needs the Debian mirror)

``./dev.sh package`` runs the first form (after ``debian-root``, cached outside the clone). In
order: build the bundle (skipped when its inputs are unchanged), smoke-test it (``--version``,
``check`` on sample drafts, the window offscreen with a throw-away profile), make
``twofold_VERSION_ARCH.deb`` (and with ``--org DIR`` a branded ``twofold_VERSION+ORG_ARCH.deb``
carrying the organisation folder in ``/etc/xdg/twofold``), check their metadata and contents,
smoke-test each unpacked with ``dpkg -x``, then install each into a fresh Debian 12 root with
apt (offline: the root carries the dependencies' packages), check every bundled library finds
its dependencies, start it, and purge it, checking nothing is left behind. Any unexpected line
on standard error fails the run. Exit status 0 when everything passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app import APP_ID, __version__  # noqa: E402

PACKAGING = REPO / "packaging"
ICON_SVG = REPO / "resources" / "icons" / "twofold.svg"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
DEBIAN_SUITE = "bookworm"
DEBIAN_MIRROR = "http://deb.debian.org/debian"
INSTALL_DIR = "/opt/twofold"
ORG_DIR = "/etc/xdg/twofold"  # platformdirs' site_config_dir on Linux: AppPaths.site_config_root

# What the bundle needs from the system. PyInstaller deliberately leaves out the libraries that
# must match the machine's graphics driver and display server (GL, EGL, xcb, Wayland); the rest
# are the shared libraries PySide6's wheels expect (dev.sh's RUN_APT_PACKAGES). The install
# test checks with ldd that a fresh Debian 12 with only these can load every bundled library.
DEB_DEPENDS = (
    "libc6 (>= 2.36)", "libgl1", "libegl1", "libxcb1", "libwayland-client0",
    "libwayland-cursor0", "libwayland-egl1", "libxkbcommon0", "libxkbcommon-x11-0",
    "libfontconfig1", "libdbus-1-3", "libglib2.0-0", "libxcb-cursor0", "libxcb-icccm4",
    "libxcb-keysyms1", "libxcb-shape0",
)
# The account secrets live in the desktop's Secret Service; any of these provides one.
DEB_RECOMMENDS = ("gnome-keyring | kwalletmanager | keepassxc",)

# Standard-error lines a healthy run may print; anything else fails the smoke test.
ALLOWED_STDERR = (
    # The offscreen platform cannot resize to size hints (see pyproject's qt_log_ignore).
    re.compile(r"^This plugin does not support propagateSizeHints\(\)$"),
)
# Who answers for the package: IT sets its own contact with --maintainer for a branded build.
DEFAULT_MAINTAINER = "Twofold packagers <twofold@example.org>"
CLEAN_DRAFT = "Our team shipped the new search page today. Proud of this one!"
PROFANE_DRAFT = "What a fucking day at the office"


class PackagingError(Exception):
    """A step failed; the message says which and why."""


def say(message: str) -> None:
    print(f"[package] {message}", file=sys.stderr, flush=True)


def cache_root() -> Path:
    """Twofold's build cache outside the clone (as dev.sh's TWOFOLD_CACHE_HOME)."""
    chosen = os.environ.get("TWOFOLD_CACHE_HOME")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "twofold"


def run(command: Sequence[str | os.PathLike[str]], *, env: dict[str, str] | None = None,
        timeout: float = 600, check: bool = True, input: str | None = None
        ) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True,
                            env=env, timeout=timeout, input=input, check=False)
    if check and result.returncode != 0:
        raise PackagingError(f"{' '.join(map(str, command))} failed ({result.returncode}):\n"
                             f"{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return result


# --- the bundle ----------------------------------------------------------------------------


def bundle_inputs_digest() -> str:
    """What the bundle is made of: sources, resources, spec and tool versions."""
    digest = hashlib.sha256()
    files: list[Path] = [REPO / "build.spec", REPO / "pyproject.toml",
                         PACKAGING / "bundle_trim.py"]
    files += sorted(p for p in (REPO / "app").rglob("*.py"))
    files += sorted(p for p in (REPO / "resources").rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    for dist in ("pyinstaller", "pyinstaller-hooks-contrib", "PySide6-Essentials", "keyring",
                 "regex", "requests", "platformdirs"):
        digest.update(f"{dist}={importlib.metadata.version(dist)}".encode())
    digest.update(sys.version.encode())
    digest.update(b"after-build: runpaths cleared")  # change when build_bundle's own steps change
    return digest.hexdigest()[:20]


def pyinstaller_env() -> dict[str, str]:
    """PyInstaller's own cache (stripped copies of the libraries) lives outside the clone."""
    env = dict(os.environ)
    env["PYINSTALLER_CONFIG_DIR"] = str(
        cache_root() / f"pyinstaller-{importlib.metadata.version('pyinstaller')}")
    return env


def build_bundle(dist: Path, work: Path, *, force: bool = False) -> Path:
    """Build ``dist/twofold`` unless an up-to-date one is there; return its folder."""
    target = dist / APP_ID
    stamp = dist / f"{APP_ID}.inputs"
    digest = bundle_inputs_digest()
    if (not force and (target / APP_ID).is_file() and stamp.is_file()
            and stamp.read_text().strip() == digest):
        say(f"bundle {target} is up to date")
        return target
    say(f"building the bundle into {target} (PyInstaller; about a minute)")
    stamp.unlink(missing_ok=True)
    result = run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                  "--workpath", work, "--distpath", dist, REPO / "build.spec"],
                 env=pyinstaller_env(), timeout=1800)
    for line in result.stdout.splitlines():
        if line.startswith("bundle_trim:"):
            say(line)
    if sys.platform.startswith("linux"):
        clear_foreign_runpaths(target)
    stamp.write_text(digest + "\n")
    return target


def clear_foreign_runpaths(bundle: Path) -> None:
    """Remove library search paths that point outside the bundle.

    Python's extension modules keep the build machine's RUNPATH (e.g. a pyenv folder in the
    builder's home). On a staff machine that folder may not exist — or may be created by
    another user, who could then plant libraries Twofold loads. Only ``$ORIGIN`` paths stay.
    """
    if not shutil.which("patchelf"):
        raise PackagingError("patchelf is needed to clean the bundle's library search paths "
                             "(apt-get install patchelf; ./dev.sh package installs it)")
    cleared = 0
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file() or ".so" not in path.name:
            continue
        current = run(["patchelf", "--print-rpath", path], check=False)
        if current.returncode != 0 or not current.stdout.strip():
            continue
        entries = current.stdout.strip().split(":")
        kept = [entry for entry in entries if entry.startswith("$ORIGIN")]
        if kept == entries:
            continue
        if kept:
            run(["patchelf", "--set-rpath", ":".join(kept), path])
        else:
            run(["patchelf", "--remove-rpath", path])
        cleared += 1
    say(f"removed search paths outside the bundle from {cleared} libraries")


def folder_size(path: Path) -> int:
    """Bytes of the files under ``path`` (symbolic links not followed)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# --- smoke tests ---------------------------------------------------------------------------


def unexpected_stderr(text: str) -> list[str]:
    """The lines of ``text`` that no pattern in ALLOWED_STDERR accepts."""
    return [line for line in text.splitlines()
            if line.strip() and not any(p.match(line) for p in ALLOWED_STDERR)]


def smoke_test(command: Sequence[str], env: dict[str, str], *, profile_args: Sequence[str],
               label: str, org_term: str | None = None, org_applies: bool = False) -> None:
    """Run the built app: --version, check on sample drafts, the window offscreen.

    ``command`` starts the app (possibly inside a chroot); ``profile_args`` choose its profile
    (empty: the standard folders under the given HOME, so the system organisation folder
    counts). With ``org_term``, a draft naming that confidential term must be blocked exactly
    when ``org_applies``.
    """
    def invoke(*args: str, expect: Iterable[int], timeout: float = 120) -> str:
        result = run([*command, *args], env=env, timeout=timeout, check=False)
        stray = unexpected_stderr(result.stderr)
        shown = " ".join(args)
        if result.returncode not in expect:
            raise PackagingError(f"{label}: `twofold {shown}` exited {result.returncode}, "
                                 f"expected {expect}:\n{result.stdout}{result.stderr}")
        if stray:
            raise PackagingError(f"{label}: `twofold {shown}` printed unexpected errors:\n"
                                 + "\n".join(stray))
        return result.stdout

    version = invoke("--version", expect=(0,)).strip()
    if version != f"Twofold {__version__}":
        raise PackagingError(f"{label}: --version said {version!r}")
    check = (*profile_args, "check", "--network", "bluesky", "--persona", "work")
    invoke(*check, CLEAN_DRAFT, expect=(0,))
    found = invoke(*check, PROFANE_DRAFT, expect=(1,))
    if "conduct.profanity" not in found:
        raise PackagingError(f"{label}: the check missed the swearing (lexicons not bundled?):"
                             f"\n{found}")
    if org_term is not None:
        draft = f"Sneak peek: {org_term} is nearly ready."
        output = invoke(*check, draft, expect=(1,) if org_applies else (0, 1))
        if org_applies != ("confidential" in output):
            raise PackagingError(f"{label}: the organisation's confidential term was "
                                 f"{'not ' if org_applies else ''}flagged:\n{output}")
    invoke(*profile_args, "--quit-after-show", expect=(0,))
    say(f"{label}: --version, check and the window passed")


def smoke_env(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment: a throw-away HOME, offscreen Qt, no session bus or display."""
    runtime = home / "runtime"
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "XDG_RUNTIME_DIR": str(runtime), "QT_QPA_PLATFORM": "offscreen"}
    env.update(extra)
    return env


def check_bundled_modules(bundle: Path) -> None:
    """Every module of the app, the keyring backends and Pillow's decoders are inside the
    frozen archive."""
    from PyInstaller.archive.readers import CArchiveReader, ZlibArchiveReader

    executable = bundle / APP_ID
    archive = CArchiveReader(str(executable))
    pyz_name = next(name for name in archive.toc if name.endswith(".pyz"))
    with tempfile.TemporaryDirectory() as scratch:
        pyz_path = Path(scratch) / "PYZ.pyz"
        pyz_path.write_bytes(archive.extract(pyz_name))
        modules = set(ZlibArchiveReader(str(pyz_path)).toc)
    # Every module of the app (some are loaded by name, which PyInstaller cannot see).
    app_modules = {".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(
        ".__init__") for path in (REPO / "app").rglob("*.py")} - {"app.__main__"}  # the entry
    needed = app_modules | {"keyring.backends.SecretService", "keyring.backends.kwallet",
              "keyring.backends.Windows", "keyring.backends.macOS", "secretstorage",
              "jeepney", "app.cli.check_cmd", "app.cli.post_cmd", "app.ui.main_window",
              "PIL.Image", "PIL.PngImagePlugin", "PIL.JpegImagePlugin", "PIL.GifImagePlugin",
              "PIL.WebPImagePlugin", "feedparser", "requests", "platformdirs", "regex"}
    missing = sorted(needed - modules)
    # Pillow's decoders (attached images are decoded before upload) are extension modules.
    for extension in ("_imaging", "_webp"):
        if not list((bundle / "_internal" / "PIL").glob(f"{extension}.*")):
            missing.append(f"PIL.{extension} (extension module)")
    if missing:
        raise PackagingError(f"modules missing from the bundle: {', '.join(missing)}")
    say(f"bundle archive holds every app module, the keyring backends and Pillow's decoders "
        f"({len(modules)} modules)")


# --- icons ---------------------------------------------------------------------------------


def render_icons(out: Path) -> None:
    """PNG sizes, a Windows .ico and a macOS .icns rendered from the SVG (Qt, offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise PackagingError(f"{ICON_SVG} is not a valid SVG")
    out.mkdir(parents=True, exist_ok=True)
    pngs: dict[int, bytes] = {}
    for size in (*PNG_SIZES, 1024):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        pngs[size] = bytes(data.data())
        if size in PNG_SIZES:
            (out / f"twofold-{size}.png").write_bytes(pngs[size])
    (out / "twofold.ico").write_bytes(_ico([(s, pngs[s]) for s in (16, 24, 32, 48, 64, 256)]))
    (out / "twofold.icns").write_bytes(_icns(pngs))
    del app


def _ico(images: Iterable[tuple[int, bytes]]) -> bytes:
    """A Windows icon holding PNG images (supported since Windows Vista)."""
    entries = list(images)
    header = (0).to_bytes(2, "little") + (1).to_bytes(2, "little") + len(entries).to_bytes(
        2, "little")
    offset = 6 + 16 * len(entries)
    directory, payload = b"", b""
    for size, png in entries:
        side = 0 if size >= 256 else size  # 0 means 256 in the icon directory
        directory += (bytes([side, side, 0, 0]) + (1).to_bytes(2, "little")
                      + (32).to_bytes(2, "little") + len(png).to_bytes(4, "little")
                      + (offset + len(payload)).to_bytes(4, "little"))
        payload += png
    return header + directory + payload


def _icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon family of PNG images (icp4..icp6 and ic07..ic10)."""
    types = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09",
             1024: b"ic10"}
    body = b"".join(kind + (8 + len(pngs[size])).to_bytes(4, "big") + pngs[size]
                    for size, kind in types.items())
    return b"icns" + (8 + len(body)).to_bytes(4, "big") + body


# --- the organisation folder ---------------------------------------------------------------


def validate_org(folder: Path) -> list[Path]:
    """Load the organisation folder with Twofold's own loaders; return the files to install.

    Raises PackagingError with the loader's one-line message (file, line, key) on a mistake.
    """
    from app.check.policy import POLICY_FILE_NAME, PolicyError, read_pack
    from app.store.errors import ManagedConfigError
    from app.store.managed import MANAGED_FILENAME, load_managed_setup

    if not folder.is_dir():
        raise PackagingError(f"the organisation folder {folder} does not exist")
    managed = folder / MANAGED_FILENAME
    try:
        setup = load_managed_setup(managed)
    except ManagedConfigError as error:
        raise PackagingError(str(error)) from None
    # The pack Twofold applies: the one policy_pack names, else policy.toml. The package
    # installs this folder only, so a named pack must be a file in it.
    pack = setup.policy_pack or folder / POLICY_FILE_NAME
    if pack.parent.resolve() != folder.resolve():
        raise PackagingError(f"{managed}: policy_pack must name a file in the organisation "
                             f"folder (the package installs only that folder), not {pack}")
    allowed = (MANAGED_FILENAME, pack.name)
    files = [folder / name for name in allowed if (folder / name).is_file()]
    if not files and setup.policy_pack is None:
        raise PackagingError(f"{folder} has neither {MANAGED_FILENAME} nor {POLICY_FILE_NAME}")
    ignored = sorted(p.name for p in folder.iterdir()
                     if p.name not in allowed and not p.name.startswith(".")
                     and not p.name.lower().startswith("readme"))
    if ignored:
        raise PackagingError(f"{folder}: Twofold reads only {' and '.join(allowed)} from "
                             f"the organisation folder; remove {', '.join(ignored)}")
    try:
        if pack.is_file() or setup.policy_pack is not None:
            read_pack(pack)  # a named pack must exist: Twofold would refuse to post without it
    except PolicyError as error:
        raise PackagingError(str(error)) from None
    say(f"organisation folder {folder}: {setup.organisation or 'unnamed'}, "
        f"{len(setup.accounts)} managed accounts, app credentials for "
        f"{len(setup.app_credentials)} networks, policy pack "
        f"{'yes' if pack.is_file() else 'no'}")
    return files


def org_slug(folder: Path) -> str:
    """A Debian-version-safe name for the organisation (from managed.toml, or the folder)."""
    from app.store.managed import MANAGED_FILENAME, load_managed_setup

    name = load_managed_setup(folder / MANAGED_FILENAME).organisation or folder.name
    slug = re.sub(r"[^a-z0-9]+", ".", name.lower()).strip(".")
    return slug or "org"


# --- the Debian package --------------------------------------------------------------------


def deb_architecture() -> str:
    return run(["dpkg", "--print-architecture"]).stdout.strip()


def _changelog(version: str, maintainer: str) -> str:
    """A Debian changelog entry for this build (dpkg and IT's tools read the version here)."""
    when = datetime.datetime.now(datetime.UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    return (f"{APP_ID} ({version}) stable; urgency=medium\n\n"
            f"  * Twofold {__version__}, built from the project's build.spec.\n\n"
            f" -- {maintainer}  {when}\n")


def make_deb(bundle: Path, icons: Path, out: Path, org_files: Sequence[Path] = (),
             slug: str = "", maintainer: str = "") -> Path:
    """Stage the package tree and build it with dpkg-deb; return the .deb's path."""
    version = f"{__version__}+{slug}" if slug else __version__
    maintainer = maintainer or DEFAULT_MAINTAINER
    arch = deb_architecture()
    deb = out / f"{APP_ID}_{version}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="twofold-deb-", dir=out) as scratch:
        root = Path(scratch)
        shutil.copytree(bundle, root / INSTALL_DIR.lstrip("/"), symlinks=True)
        (root / "usr/bin").mkdir(parents=True)
        (root / "usr/bin" / APP_ID).symlink_to(f"{INSTALL_DIR}/{APP_ID}")
        share = root / "usr/share"
        (share / "applications").mkdir(parents=True)
        shutil.copy(PACKAGING / "linux" / "twofold.desktop", share / "applications")
        (share / "metainfo").mkdir()
        metainfo = (PACKAGING / "linux" / "org.twofold.Twofold.metainfo.xml").read_text()
        metainfo = metainfo.replace("@VERSION@", __version__).replace(
            "@DATE@", datetime.date.today().isoformat())
        (share / "metainfo" / "org.twofold.Twofold.metainfo.xml").write_text(metainfo)
        hicolor = share / "icons/hicolor"
        (hicolor / "scalable/apps").mkdir(parents=True)
        shutil.copy(ICON_SVG, hicolor / "scalable/apps/twofold.svg")
        for size in PNG_SIZES:
            folder = hicolor / f"{size}x{size}/apps"
            folder.mkdir(parents=True)
            shutil.copy(icons / f"twofold-{size}.png", folder / "twofold.png")
        (share / "doc" / APP_ID).mkdir(parents=True)
        shutil.copy(PACKAGING / "linux" / "copyright", share / "doc" / APP_ID / "copyright")
        (share / "doc" / APP_ID / "changelog.gz").write_bytes(gzip.compress(
            _changelog(version, maintainer).encode(), mtime=0))
        conffiles = []
        if org_files:
            org = root / ORG_DIR.lstrip("/")
            org.mkdir(parents=True)
            for path in org_files:
                shutil.copy(path, org / path.name)
                conffiles.append(f"{ORG_DIR}/{path.name}")
        _normalise_modes(root)
        control = root / "DEBIAN"
        control.mkdir()
        installed_kib = folder_size(root) // 1024
        description = ("Keeps work and personal social accounts apart\n"
                       " Twofold checks every draft against the account it is headed for\n"
                       " (promotion, personal life, disclosures, confidential terms) and\n"
                       " posts exactly once. Secrets stay in the system keychain.")
        if slug:
            description += f"\n .\n This build applies the organisation settings of {slug}."
        (control / "control").write_text(
            f"Package: {APP_ID}\nVersion: {version}\nArchitecture: {arch}\n"
            f"Maintainer: {maintainer}\nInstalled-Size: {installed_kib}\n"
            f"Depends: {', '.join(DEB_DEPENDS)}\nRecommends: {', '.join(DEB_RECOMMENDS)}\n"
            f"Section: net\nPriority: optional\n"
            f"Description: {description}\n")
        if conffiles:
            (control / "conffiles").write_text("\n".join(conffiles) + "\n")
        (control / "md5sums").write_text(_md5sums(root))
        for path in control.iterdir():
            path.chmod(0o644)
        deb.unlink(missing_ok=True)
        # xz level 1: about as small as zstd -12 here, 10x faster than xz's default level,
        # and what every dpkg and lintian reads.
        run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", root, deb],
            timeout=1800)
    say(f"built {deb.name} ({deb.stat().st_size / 2**20:.1f} MiB)")
    return deb


def _normalise_modes(root: Path) -> None:
    """0755 folders and executables, 0644 everything else (the build may have left others)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        # Shared libraries are mapped, never executed: 0644 as Debian ships them.
        if path.is_dir() or (os.access(path, os.X_OK) and ".so" not in path.name):
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def _md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.parts:
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            lines.append(f"{digest}  {path.relative_to(root).as_posix()}")
    return "\n".join(lines) + "\n"


def check_deb(deb: Path, *, branded: bool, org_files: Sequence[Path] = ()) -> None:
    """The package's metadata and file list are what IT and the desktop expect."""
    info = run(["dpkg-deb", "--field", deb, "Package", "Depends"]).stdout
    if f"Package: {APP_ID}" not in info or "libxcb-cursor0" not in info:
        raise PackagingError(f"{deb.name}: unexpected control fields:\n{info}")
    listing = run(["dpkg-deb", "--contents", deb]).stdout.splitlines()
    paths: dict[str, str] = {}
    for line in listing:
        fields = line.split(None, 5)
        owner, name = fields[1], fields[5]
        if owner != "root/root":
            raise PackagingError(f"{deb.name}: {name} is owned by {owner}, not root")
        paths[name.split(" -> ")[0].rstrip("/")] = name
    required = [f".{INSTALL_DIR}/{APP_ID}", "./usr/share/applications/twofold.desktop",
                "./usr/share/metainfo/org.twofold.Twofold.metainfo.xml",
                "./usr/share/icons/hicolor/scalable/apps/twofold.svg",
                "./usr/share/doc/twofold/copyright",
                f".{INSTALL_DIR}/_internal/resources/icons/twofold.svg"]
    required += [f"./usr/share/icons/hicolor/{s}x{s}/apps/twofold.png" for s in PNG_SIZES]
    org = [f".{ORG_DIR}/{path.name}" for path in org_files]
    missing = [p for p in required + (org if branded else []) if p not in paths]
    if missing:
        raise PackagingError(f"{deb.name} lacks {', '.join(missing)}")
    if not paths.get(f"./usr/bin/{APP_ID}", "").endswith(f"-> {INSTALL_DIR}/{APP_ID}"):
        raise PackagingError(f"{deb.name}: /usr/bin/{APP_ID} is not a link to the bundle")
    outside = [p for p in paths if not p.startswith(
        (f".{INSTALL_DIR}", "./usr/bin", "./usr/share", "./etc/xdg/twofold", "./etc/xdg"))
        and p not in (".", "./opt", "./usr", "./etc")]
    if outside or (not branded and any(p.startswith("./etc") for p in paths)):
        raise PackagingError(f"{deb.name}: unexpected paths {outside[:5]}")
    for tool, args in (("desktop-file-validate", ["/usr/share/applications/twofold.desktop"]),
                       ("appstreamcli", ["validate", "--no-net",
                                         "/usr/share/metainfo/org.twofold.Twofold.metainfo.xml"])):
        if shutil.which(tool):
            with tempfile.TemporaryDirectory() as scratch:
                run(["dpkg-deb", "-x", deb, scratch])
                run([tool, *[a if not a.startswith("/") else scratch + a for a in args]])
            say(f"{deb.name}: {tool} passed")
    say(f"{deb.name}: control fields and {len(paths)} paths as expected")


def smoke_extracted(deb: Path, work: Path, *, org_term: str | None, branded: bool) -> None:
    """Unpack the package with dpkg -x and smoke-test the unpacked app, organisation included
    (XDG_CONFIG_DIRS points at the unpacked /etc/xdg, which is where Twofold looks)."""
    target = work / f"extract-{deb.stem}"
    shutil.rmtree(target, ignore_errors=True)
    run(["dpkg", "-x", deb, target])
    env = smoke_env(target / "home", XDG_CONFIG_DIRS=str(target / "etc/xdg"))
    smoke_test([str(target / INSTALL_DIR.lstrip("/") / APP_ID)], env, profile_args=(),
               label=f"{deb.name} (dpkg -x)", org_term=org_term, org_applies=branded)
    shutil.rmtree(target, ignore_errors=True)


# --- a fresh Debian 12 ---------------------------------------------------------------------


def debian_root_key() -> str:
    """Names the cached root: the suite and the dependencies it carries."""
    text = DEBIAN_SUITE + "\n" + "\n".join(DEB_DEPENDS) + "\nv1"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _in_root(root: Path, *command: str, offline: bool = True) -> list[str]:
    """A command run inside ``root`` with its own /proc, in a private mount namespace (nothing
    stays mounted when it ends) and, ``offline``, a network namespace with no network at all."""
    return ["unshare", "--mount", "--pid", "--fork", *(["--net"] if offline else []),
            f"--mount-proc={root}/proc", "chroot", str(root), *command]


def prepare_debian_root(tarball: Path) -> None:
    """debootstrap a minimal Debian 12, download (not install) the package's dependencies into
    its apt cache, and store it as ``tarball``. Needs the Debian mirror; runs once per key."""
    if tarball.is_file():
        say(f"Debian 12 root {tarball} is ready")
        return
    tarball.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".debian-root-", dir=tarball.parent) as scratch:
        root = Path(scratch) / "root"
        say(f"debootstrap {DEBIAN_SUITE} (minbase) into {root} (about a minute, once)")
        run(["debootstrap", "--variant=minbase", DEBIAN_SUITE, root, DEBIAN_MIRROR],
            timeout=1800)
        (root / "etc/apt/sources.list").write_text(
            f"deb {DEBIAN_MIRROR} {DEBIAN_SUITE} main\n"
            f"deb {DEBIAN_MIRROR} {DEBIAN_SUITE}-updates main\n"
            f"deb {DEBIAN_MIRROR}-security {DEBIAN_SUITE}-security main\n")
        run(_in_root(root, "apt-get", "clean", offline=False))
        run(_in_root(root, "apt-get", "update", "-qq", offline=False), timeout=900)
        names = [d.split()[0] for d in DEB_DEPENDS]
        run(_in_root(root, "apt-get", "install", "-y", "-qq", "--download-only",
                     "--no-install-recommends", *names, offline=False), timeout=1800)
        partial = Path(scratch) / "root.tar"
        run(["tar", "-C", root, "-cf", partial, "."], timeout=900)
        partial.rename(tarball)
    say(f"Debian 12 root stored in {tarball}")


def install_test(deb: Path, tarball: Path, work: Path, *, org_term: str | None,
                 branded: bool, org_files: Sequence[Path] = ()) -> None:
    """Install ``deb`` into a fresh copy of the Debian 12 root (apt, offline), check every
    bundled library resolves, smoke-test it (the plain package also with ``org_files`` copied
    into the system folder afterwards), purge it, and check nothing is left."""
    root = work / f"root-{deb.stem}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    try:
        run(["tar", "-C", root, "-xf", tarball], timeout=900)
        shutil.copy(deb, root / "tmp" / deb.name)
        apt = ("apt-get", "-o", "Dpkg::Use-Pty=0", "-y", "-qq", "--no-install-recommends")
        # No network in there: every dependency must come from the root's apt cache.
        run(_in_root(root, *apt, "install", f"/tmp/{deb.name}"), timeout=900)
        # The bootloader puts _internal on LD_LIBRARY_PATH; anything else must come from
        # the packages the .deb depends on.
        missing = run(_in_root(root, "sh", "-c",
                               f"LD_LIBRARY_PATH={INSTALL_DIR}/_internal find {INSTALL_DIR} "
                               "-type f -name '*.so*' -exec ldd {} + | grep 'not found' || true"
                               )).stdout.strip()
        if missing:
            raise PackagingError(f"{deb.name} on Debian 12: libraries not found:\n{missing}")
        home = root / "tmp/home"
        home.mkdir()
        (home / "runtime").mkdir(mode=0o700)
        env_args = ["env", "-i", "PATH=/usr/bin:/bin", "HOME=/tmp/home", "LANG=C.UTF-8",
                    "XDG_RUNTIME_DIR=/tmp/home/runtime", "QT_QPA_PLATFORM=offscreen"]
        smoke_test(_in_root(root, *env_args, APP_ID), dict(os.environ), profile_args=(),
                   label=f"{deb.name} installed on Debian 12", org_term=org_term,
                   org_applies=branded)
        if not branded and org_files and org_term is not None:
            # The other way IT deploys: the plain package, the folder dropped in afterwards.
            dropped = root / ORG_DIR.lstrip("/")
            dropped.mkdir(parents=True)
            for path in org_files:
                shutil.copy(path, dropped / path.name)
            smoke_test(_in_root(root, *env_args, APP_ID), dict(os.environ), profile_args=(),
                       label=f"{deb.name} with the organisation folder dropped into {ORG_DIR}",
                       org_term=org_term, org_applies=True)
            shutil.rmtree(dropped)
        run(_in_root(root, *apt, "purge", APP_ID), timeout=600)
        status = run(_in_root(root, "dpkg-query", "-W", "-f=${Status}", APP_ID), check=False)
        if "installed" in status.stdout and "not-installed" not in status.stdout:
            raise PackagingError(f"{deb.name}: still installed after purge: {status.stdout}")
        leftovers = run(_in_root(root, "sh", "-c",
                                 "find / -xdev -name '*twofold*' -not -path '/tmp/*' "
                                 "-not -path '/proc/*' -not -path '/var/cache/apt/*'")
                        ).stdout.split()
        if leftovers:
            raise PackagingError(f"{deb.name}: left behind after purge: {leftovers}")
        say(f"{deb.name}: installed, started and purged cleanly on Debian 12")
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --- the whole run -------------------------------------------------------------------------


def package(args: argparse.Namespace) -> list[Path]:
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    org_files = validate_org(args.org.resolve()) if args.org else []
    bundle = build_bundle(args.dist.resolve(), args.work.resolve(), force=args.rebuild)
    say(f"bundle size {folder_size(bundle) / 2**20:.1f} MiB")
    check_bundled_modules(bundle)
    work = Path(tempfile.mkdtemp(prefix="twofold-package-", dir=out))
    try:
        smoke_test([str(bundle / APP_ID)], smoke_env(work / "home-bundle"),
                   profile_args=("--profile-dir", str(work / "profile-bundle")),
                   label="bundle")
        icons = args.work.resolve().parent / "icons"
        run([sys.executable, __file__, "icons", "--out", icons])
        org_term = _org_confidential_term(org_files)
        debs = [make_deb(bundle, icons, out, maintainer=args.maintainer)]
        if org_files:
            debs.append(make_deb(bundle, icons, out, org_files, org_slug(args.org.resolve()),
                                 maintainer=args.maintainer))
        for deb in debs:
            branded = deb is not debs[0]
            check_deb(deb, branded=branded, org_files=org_files)
            smoke_extracted(deb, work, org_term=org_term, branded=branded)
            if args.debian_root:
                install_test(deb, args.debian_root, work, org_term=org_term, branded=branded,
                             org_files=org_files)
            else:
                say(f"{deb.name}: no Debian 12 root given (--debian-root or "
                    "TWOFOLD_DEBIAN_ROOT); the install test was not run")
        return debs
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _org_confidential_term(org_files: Sequence[Path]) -> str | None:
    """A confidential term of the organisation's pack (for the applies/does-not-apply check);
    None when the pack lists none."""
    import tomllib

    for path in org_files:
        if path.name != "managed.toml":  # the pack, whatever policy_pack calls it
            terms = tomllib.loads(path.read_text()).get("confidential", {}).get("terms", [])
            if terms:
                return str(terms[0])
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    icons = sub.add_parser("icons", help="render the icons")
    icons.add_argument("--out", type=Path, required=True)
    root = sub.add_parser("debian-root", help="prepare the cached Debian 12 root")
    root.add_argument("tarball", type=Path, nargs="?")
    sub.add_parser("bundle", help="build the bundle only")
    parser.add_argument("--org", type=Path, help="organisation folder for a branded package")
    parser.add_argument("--out", type=Path, default=REPO / "dist", help="where .deb files go")
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="PyInstaller distpath")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "pyinstaller",
                        help="PyInstaller workpath")
    parser.add_argument("--debian-root", type=Path,
                        default=os.environ.get("TWOFOLD_DEBIAN_ROOT") or None,
                        help="Debian 12 root tarball for the install test")
    parser.add_argument("--rebuild", action="store_true", help="build the bundle even if current")
    parser.add_argument("--maintainer", default="",
                        help=f"the packages' Maintainer field (default: {DEFAULT_MAINTAINER})")
    args = parser.parse_args(argv)
    try:
        if args.command == "icons":
            render_icons(args.out)
        elif args.command == "debian-root":
            prepare_debian_root(args.tarball or default_debian_root())
            print(args.tarball or default_debian_root())
        elif args.command == "bundle":
            build_bundle(args.dist.resolve(), args.work.resolve(), force=args.rebuild)
        else:
            debs = package(args)
            say("done: " + ", ".join(str(d) for d in debs))
    except PackagingError as error:
        print(f"[package] FAILED: {error}", file=sys.stderr)
        return 1
    return 0


def default_debian_root() -> Path:
    return cache_root() / f"debian12-root-{debian_root_key()}.tar"


if __name__ == "__main__":
    sys.exit(main())
