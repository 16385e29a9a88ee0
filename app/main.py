"""Entry point of ``python -m app`` and the ``twofold`` command.

Parses the global options, resolves the profile's paths, then hands over either to a
command-line sub-command (never importing Qt) or to the GUI (importing Qt only then).
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from app.cli.parser import COMMAND_MODULE_OF, build_parser
from app.diagnostics import start_diagnostics
from app.paths import init_paths

if TYPE_CHECKING:
    from app.diagnostics import Diagnostics
    from app.paths import AppPaths

# Options that only shape the window's start; with nothing else on the command line the
# command modules are not even imported (they cost ~15 ms of the window's start-up).
_WINDOW_FLAGS = frozenset({"--quit-after-show", "--quick-post", "--hidden"})
_VALUED_OPTIONS = frozenset({"--profile-dir"})
EXIT_FAILED = 1  # as app.cli.common (not imported: the window's start does not need it)
# Commands that editors and scripts run once per draft, which hold no file, database or thread
# open when they return: their process runs without the cyclic garbage collector and ends
# without the interpreter's teardown (see run()).
_QUICK_COMMANDS = frozenset({"check"})


def _first_after_window_options(argv: Sequence[str]) -> str | None:
    """The first argument that is not one of the window's global options (with its value),
    or None when there is none."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg in _WINDOW_FLAGS or ("=" in arg and arg.split("=", 1)[0] in _VALUED_OPTIONS):
            continue
        if arg in _VALUED_OPTIONS and rest:
            rest.pop(0)
            continue
        return arg
    return None


def opens_window_only(argv: Sequence[str]) -> bool:
    """Whether ``argv`` holds nothing but the window's global options (no command, no
    ``--help`` or ``--version``, no abbreviations): then the full parser is not needed."""
    return _first_after_window_options(argv) is None


def named_command(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names after the window's global options ("check" in
    ``--profile-dir P check ...``), or None when anything else comes first (``--help``, an
    abbreviated option, an unknown word): then the full parser must decide."""
    first = _first_after_window_options(argv)
    return first if first in COMMAND_MODULE_OF else None


def run() -> NoReturn:
    """``python -m app`` and the ``twofold`` command: :func:`main` on the process arguments,
    then exit with its code.

    A ``check`` runs without the cyclic garbage collector: its process lives well under a
    second and what it allocates is mostly kept to the end (modules, compiled word lists and
    patterns), which the collector would only walk again and again (40-120 ms of a ~0.4 s
    process); reference counting still frees everything else at once. It then ends without
    the interpreter's teardown, which would free every compiled word list and pattern one
    object at a time (40-120 ms more) only for the operating system to take the memory back.
    """
    argv = sys.argv[1:]
    quick = named_command(argv) in _QUICK_COMMANDS
    if quick:
        gc.disable()  # for the rest of the process: never switched back on (see above)
    code = main(argv)
    if quick:
        exit_without_teardown(code)
    sys.exit(code)


def exit_without_teardown(code: int) -> None:
    """End the process with ``code`` as a normal exit would (the standard streams flushed,
    the exit handlers run: log files closed) but without the interpreter's teardown. Returns,
    for the caller's normal exit, when a stream cannot be flushed (a closed pipe is then
    reported as usual) or when another thread still runs."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()  # what a normal exit runs first (logging.shutdown among them)
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run Twofold with ``argv`` (default: the process arguments); return the exit code.

    Everything after parsing the arguments runs with diagnostics on (``app.diagnostics``):
    an error nobody handled is one line on stderr and exit code 1, with the traceback in the
    log file.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if opens_window_only(argv):
        return _run(build_parser(commands=False), argv)
    # --help, --version or a typo (no command named): the full parser answers.
    return _run(build_parser(only=named_command(argv)), argv)


def _run(parser: argparse.ArgumentParser, argv: list[str]) -> int:
    """Parse ``argv`` and run the command it names, or open the window."""
    args = parser.parse_args(argv)
    paths = init_paths(args.profile_dir)
    handler = getattr(args, "handler", None)
    # A fatal crash of a command is shown where it runs; the window's goes to the crash file.
    diagnostics = start_diagnostics(paths, crash_handler="stderr" if handler else "file")
    # The run's secret registry: what the commands and the window add to it is hidden from
    # every log line and crash report.
    args.log_secrets = diagnostics.secrets
    try:
        if handler is not None:
            return int(handler(args, paths))
        return _open_window(args, paths, diagnostics)
    except Exception as unexpected:
        diagnostics.report_unexpected((type(unexpected), unexpected, unexpected.__traceback__))
        return EXIT_FAILED
    finally:
        diagnostics.close()


def _open_window(args: argparse.Namespace, paths: AppPaths, diagnostics: Diagnostics) -> int:
    """Hand the request to the Twofold already running for this profile (without importing
    Qt: this must return at once), or take the profile and open the window."""
    from app.instance import (
        REQUEST_QUICK_POST,
        REQUEST_SHOW,
        HandOverError,
        ProfileBusyError,
        claim_profile,
        instance_address,
    )

    address = instance_address(paths)
    try:
        claim = claim_profile(address, REQUEST_QUICK_POST if args.quick_post else REQUEST_SHOW)
    except (HandOverError, ProfileBusyError) as error:
        sys.stderr.write(f"Twofold: {error}\n")
        return EXIT_FAILED
    if claim.handed_over or claim.lock is None:
        return 0
    from app.ui.application import run_gui

    try:
        return run_gui(paths, quit_after_show=args.quit_after_show, diagnostics=diagnostics,
                       instance=address, quick_post=args.quick_post, hidden=args.hidden)
    finally:
        claim.lock.release()
