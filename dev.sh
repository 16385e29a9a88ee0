#!/usr/bin/env bash
# Twofold developer entry point. Idempotent: a second run skips every install that is current.
#
#   ./dev.sh run        install Twofold into .venv (once) and start it
#   ./dev.sh test [ARGS] install everything the tests need, run ruff and mypy, then the whole
#                        suite (ARGS go to pytest)
#   ./dev.sh package [--org DIR]
#                       build the bundle (dist/twofold/) and dist/twofold_*.deb (with --org DIR also
#                       a branded .deb carrying that organisation folder) and smoke-test them all
#
# System packages come from apt-get (as root, or through sudo); Python packages go into .venv
# (pip's wheel cache lives in ~/.cache/pip, outside the clone, so fresh clones install fast).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

VENV="${TWOFOLD_VENV:-.venv}"
PYTHON="${PYTHON:-python3}"

# Shared libraries PySide6's wheels expect from the system (GL, fonts, keyboard, D-Bus, X).
RUN_APT_PACKAGES=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
                  libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0)
# What the test suite adds: a real Secret Service on a private D-Bus.
TEST_APT_PACKAGES=(dbus gnome-keyring)
# What packaging adds (dpkg-deb comes with dpkg): a Debian 12 root for the install test,
# patchelf to clean the bundle's library paths, the validators of .desktop and AppStream files.
PACKAGE_APT_PACKAGES=(debootstrap patchelf desktop-file-utils appstream)

# The official Bluesky server (PDS + PLC directory) the integration tests run on 127.0.0.1.
PDS_PROJECT=tests/pds

say() { printf '\033[1m[twofold]\033[0m %s\n' "$*" >&2; }

ensure_apt_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null; then sudo=(sudo); else
            say "Please install these Debian packages first: ${missing[*]}"; exit 1
        fi
    fi
    say "Installing system packages: ${missing[*]}"
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

# Install the pinned Bluesky server's npm packages OUTSIDE the clone, in a cache keyed on the
# lockfile and the Node major version (native addons such as better-sqlite3 are built for one
# Node ABI). Installs into a scratch folder and renames it into place, so an interrupted install
# never leaves a half-filled cache behind. Exports TWOFOLD_PDS_MODULES for the test suite.
ensure_pds_modules() {
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        say "Node.js 20 and npm are needed to run the Bluesky server the tests post to."
        say "Install them (e.g. the nodejs package from NodeSource) and run ./dev.sh test again."
        exit 1
    fi
    local node_major lock_hash cache_root target scratch
    node_major="$(node -p 'process.versions.node.split(".")[0]')"
    if [ "$node_major" != "20" ]; then
        say "The test Bluesky server (@atproto/pds 0.4.x) needs Node 20; found $(node --version)."
        exit 1
    fi
    lock_hash="$(cat "$PDS_PROJECT/package.json" "$PDS_PROJECT/package-lock.json" | sha256sum | cut -c1-16)"
    cache_root="${TWOFOLD_CACHE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/twofold}"
    target="$cache_root/pds-$lock_hash-node$node_major"
    if [ ! -f "$target/.twofold-complete" ]; then
        say "Installing the test Bluesky server's npm packages into $target (about 1-2 minutes, once)"
        mkdir -p "$cache_root"
        scratch="$(mktemp -d "$cache_root/.pds-install-XXXXXX")"
        cp "$PDS_PROJECT/package.json" "$PDS_PROJECT/package-lock.json" "$scratch/"
        # build_from_source: compile better-sqlite3 with the local Node headers instead of
        # trying to download a prebuilt binary from GitHub (unreachable or hanging on CI).
        # nodedir: node-gyp would otherwise download the headers too; use the installed ones.
        local node_prefix nodedir_env=()
        node_prefix="$(dirname "$(dirname "$(node -p 'process.execPath')")")"
        if [ -f "$node_prefix/include/node/node.h" ]; then
            nodedir_env=("npm_config_nodedir=$node_prefix")
        fi
        if ! (cd "$scratch" && env "${nodedir_env[@]}" npm_config_build_from_source=true \
                npm ci --no-audit --no-fund --loglevel=error >"$scratch/npm-install.log" 2>&1); then
            say "npm ci failed for $PDS_PROJECT; the last lines of its log:"
            tail -n 30 "$scratch/npm-install.log" >&2
            rm -rf "$scratch"
            exit 1
        fi
        touch "$scratch/.twofold-complete"
        rm -rf "$target"
        # -T: if a parallel run finished first, keep its copy and drop ours.
        mv -T "$scratch" "$target" 2>/dev/null || rm -rf "$scratch"
    fi
    export TWOFOLD_PDS_MODULES="$target/node_modules"
}

# A minimal Debian 12 (debootstrap) with the .deb's dependencies downloaded into its apt cache,
# stored as a tarball OUTSIDE the clone and keyed on those dependencies; the package's install
# test unpacks a fresh copy and installs offline. Exports TWOFOLD_DEBIAN_ROOT.
ensure_debian_root() {
    if [ "$(id -u)" -ne 0 ]; then
        say "Not root: the .deb install test in a Debian 12 root (debootstrap, chroot) is skipped."
        return 0
    fi
    TWOFOLD_DEBIAN_ROOT="$("$VENV/bin/python" packaging/package.py debian-root)"
    export TWOFOLD_DEBIAN_ROOT
}

ensure_venv() {
    # $1: the pip extras to install ("", "build" or "test,build"). The test install (which
    # includes the packaging tools: the suite builds the package) serves every command.
    local extras="$1" hash installed
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating the virtual environment in $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    hash="$(sha256sum < pyproject.toml | cut -c1-16)"
    installed="$(cat "$VENV/.twofold-installed" 2>/dev/null || true)"
    case "$installed" in
        "$hash-$extras"|"$hash-test,build") return 0 ;;
    esac
    say "Installing Twofold${extras:+ with [$extras]} into $VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}"
    echo "$hash-$extras" > "$VENV/.twofold-installed"
}

case "${1:-}" in
    run)
        shift
        ensure_apt_packages "${RUN_APT_PACKAGES[@]}"
        ensure_venv ""
        exec "$VENV/bin/python" -m app "$@"
        ;;
    test)
        shift
        ensure_apt_packages "${RUN_APT_PACKAGES[@]}" "${TEST_APT_PACKAGES[@]}" \
            "${PACKAGE_APT_PACKAGES[@]}"
        ensure_venv "test,build"
        ensure_pds_modules
        ensure_debian_root
        # The packaging test keeps PyInstaller's cache here rather than in the suite's fake home.
        export TWOFOLD_CACHE_HOME="${TWOFOLD_CACHE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/twofold}"
        "$VENV/bin/ruff" check --quiet .
        "$VENV/bin/mypy" --no-error-summary app
        exec "$VENV/bin/python" -m pytest "$@"
        ;;
    package)
        shift
        ensure_apt_packages "${RUN_APT_PACKAGES[@]}" "${PACKAGE_APT_PACKAGES[@]}"
        ensure_venv "build"
        ensure_debian_root
        exec "$VENV/bin/python" packaging/package.py "$@"
        ;;
    *)
        sed -n '2,13p' "$0" >&2
        exit 2
        ;;
esac
