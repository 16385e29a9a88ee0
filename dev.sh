#!/usr/bin/env bash
# Twofold developer entry point. Idempotent: a second run skips every install that is current.
#
#   ./dev.sh run        install Twofold into .venv (once) and start it
#   ./dev.sh test [ARGS] install everything the tests need and run the whole suite (ARGS go to pytest)
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

ensure_venv() {
    # $1: the pip extra to install ("" or "test"). A test install also serves `run`.
    local extras="$1" hash installed
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating the virtual environment in $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    hash="$(sha256sum < pyproject.toml | cut -c1-16)"
    installed="$(cat "$VENV/.twofold-installed" 2>/dev/null || true)"
    case "$installed" in
        "$hash-$extras"|"$hash-test") return 0 ;;
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
        ensure_apt_packages "${RUN_APT_PACKAGES[@]}" "${TEST_APT_PACKAGES[@]}"
        ensure_venv "test"
        "$VENV/bin/ruff" check --quiet .
        exec "$VENV/bin/python" -m pytest "$@"
        ;;
    *)
        sed -n '2,9p' "$0" >&2
        exit 2
        ;;
esac
