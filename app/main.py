"""Entry point of ``python -m app`` and the ``twofold`` command.

Parses the global options, resolves the profile's paths, then hands over either to a
command-line sub-command (never importing Qt) or to the GUI (importing Qt only then).
"""

from __future__ import annotations

from collections.abc import Sequence

from app.cli.parser import build_parser
from app.paths import init_paths


def main(argv: Sequence[str] | None = None) -> int:
    """Run Twofold with ``argv`` (default: the process arguments); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = init_paths(args.profile_dir)
    handler = getattr(args, "handler", None)
    if handler is not None:
        return int(handler(args, paths))
    from app.ui.application import run_gui

    return run_gui(paths, quit_after_show=args.quit_after_show)
