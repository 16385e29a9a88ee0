"""The argument parser: global options plus one sub-parser per command module."""

from __future__ import annotations

import argparse
import importlib
import sys

from app import __version__

# Each module registers its commands. They import anything heavy inside their handlers, so
# building the parser stays cheap on every start, the GUI's included.
COMMAND_MODULES = (
    "app.cli.paths_cmd",
    "app.cli.check_cmd",
    "app.cli.accounts_cmd",
    "app.cli.drafts_cmd",
    "app.cli.history_cmd",
    "app.cli.post_cmd",
    "app.cli.queue_cmd",
    "app.cli.suggestions_cmd",
)
# Which module registers each command name (tests keep this in step with the modules): a run
# naming its command imports and builds only that command's parser (~25 ms of a `check`).
COMMAND_MODULE_OF = {
    "paths": "app.cli.paths_cmd",
    "check": "app.cli.check_cmd",
    "accounts": "app.cli.accounts_cmd",
    "drafts": "app.cli.drafts_cmd",
    "history": "app.cli.history_cmd",
    "post": "app.cli.post_cmd",
    "queue": "app.cli.queue_cmd",
    "send-due": "app.cli.queue_cmd",
    "suggestions": "app.cli.suggestions_cmd",
}


class _Parser(argparse.ArgumentParser):
    """The standard parser, but an option's value "--" ("--server=--") stays "--": argparse
    (3.11) turns it into an empty list, which a command would fail on instead of refusing it
    with a plain message."""

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def,override]
        parsed, extras = super().parse_known_args(args, namespace)
        for token in sys.argv[1:] if args is None else args:
            name, equals, value = token.partition("=")
            if equals and value == "--" and name.startswith("--"):
                dest = name[2:].replace("-", "_")
                if getattr(parsed, dest, None) == []:
                    setattr(parsed, dest, "--")
        return parsed, extras


def build_parser(*, commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """Build the parser for ``python -m app [global options] [command ...]``.

    ``commands=False`` leaves the sub-commands out: ``app.main`` uses that when the arguments
    hold only global options, so opening the window never imports the command modules.
    ``only`` (a name in :data:`COMMAND_MODULE_OF`) registers just the module of that command
    (the others' parsers cannot be reached once the command is named).
    """
    parser = _Parser(
        prog="twofold",
        description="Twofold keeps your work and personal social accounts apart. "
        "Without a command it opens the Twofold window.",
    )
    parser.add_argument("--version", action="version", version=f"Twofold {__version__}")
    parser.add_argument(
        "--profile-dir",
        metavar="DIR",
        help="keep every file of this profile (settings, database, logs) under DIR "
        "(also TWOFOLD_PROFILE_DIR)",
    )
    parser.add_argument(
        "--quit-after-show",
        action="store_true",
        help="open the window and quit as soon as it is shown (smoke tests, benchmarks)",
    )
    parser.add_argument(
        "--quick-post",
        action="store_true",
        help="open the quick post to Work (in the Twofold already running for this profile, "
        "or start Twofold with it); bind this to a keyboard shortcut",
    )
    parser.add_argument(
        "--hidden",
        action="store_true",
        help="start in the system tray without showing the window (used by Start at login; "
        "without a tray the window opens)",
    )
    if not commands:
        return parser
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    modules = (COMMAND_MODULE_OF[only],) if only is not None else COMMAND_MODULES
    for module_name in modules:
        importlib.import_module(module_name).register(subparsers)
    return parser
