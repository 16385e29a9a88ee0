"""``history``: what was posted where, newest first."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, guarded, open_store

if TYPE_CHECKING:
    from app.paths import AppPaths

PREVIEW_LENGTH = 60


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``history`` command."""
    parser = subparsers.add_parser("history", help="what was posted where, newest first")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--limit", type=int, default=50, metavar="N",
                        help="show at most N posts (default 50)")
    parser.set_defaults(handler=run)


@guarded
def run(args: argparse.Namespace, paths: AppPaths) -> int:
    """Print the posting history."""
    from app.networks.handoff import handed_to_browser

    with open_store(paths) as store:
        entries = store.history.list(limit=max(args.limit, 0))
    if args.json:
        print(json.dumps([{
            "id": e.id, "posted_at": e.posted_at.isoformat(), "network": e.network.value,
            "handle": e.handle, "persona": e.persona.value, "owner": e.owner.value,
            "account_id": e.account_id, "text": e.text, "remote_id": e.remote_id,
            "url": e.url, "override_reason": e.override_reason,
            "handed_to_browser": handed_to_browser(e.remote_id),
        } for e in entries], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not entries:
        print("Nothing has been posted yet.")
    for e in entries:
        when = e.posted_at.astimezone().strftime("%Y-%m-%d %H:%M")
        flat = " ".join(e.text.split())
        preview = flat if len(flat) <= PREVIEW_LENGTH else flat[:PREVIEW_LENGTH - 1] + "\u2026"
        print(f"{when}  {e.persona.label:<8}  {e.network.display_name} @{e.handle}  {preview}")
        if e.url:
            print(f"{'':18}{e.url}")
        elif handed_to_browser(e.remote_id):
            print(f"{'':18}handed to your browser (posted there by you, not by Twofold)")
        if e.override_reason:
            print(f"{'':18}posted despite a blocking finding, because: {e.override_reason}")
    return EXIT_OK
