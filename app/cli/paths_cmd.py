"""``paths``: show where this profile keeps its files (for IT and support)."""

from __future__ import annotations

import argparse
import json

from app.paths import AppPaths


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``paths`` command."""
    parser = subparsers.add_parser(
        "paths", help="show where Twofold keeps settings, data, cache and logs"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    """Print the profile's folders without creating them."""
    folders = {
        "config": str(paths.config_root),
        "data": str(paths.data_root),
        "cache": str(paths.cache_root),
        "log": str(paths.log_root),
        "site_config": str(paths.site_config_root),
    }
    if args.json:
        print(json.dumps(folders, indent=2))
    else:
        width = max(map(len, folders))
        for name, folder in folders.items():
            print(f"{name.ljust(width)}  {folder}")
    return 0
