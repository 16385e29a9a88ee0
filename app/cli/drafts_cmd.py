"""``drafts``: list saved drafts and show one (what the composer autosaved)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, guarded, open_store

if TYPE_CHECKING:
    from app.core.model import Draft
    from app.paths import AppPaths

PREVIEW_LENGTH = 60


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``drafts`` command."""
    parser = subparsers.add_parser("drafts", help="list saved drafts or show one")
    parser.set_defaults(handler=run)
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action",
                                    required=True)
    listing = actions.add_parser("list", help="drafts, most recently changed first")
    listing.add_argument("--all", action="store_true", help="include drafts already posted")
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = actions.add_parser("show", help="one draft in full, with where it is being posted")
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="print JSON")


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_LENGTH else flat[:PREVIEW_LENGTH - 1] + "\u2026"


def _draft_json(draft: Draft) -> dict[str, object]:
    return {
        "id": draft.id, "text": draft.text,
        "images": [{"path": str(i.path), "alt_text": i.alt_text} for i in draft.images],
        "target_account_ids": draft.target_account_ids,
        "updated_at": draft.updated_at.isoformat() if draft.updated_at else None,
        "sent_at": draft.sent_at.isoformat() if draft.sent_at else None,
    }


@guarded
def run(args: argparse.Namespace, paths: AppPaths) -> int:
    """Run ``drafts list`` or ``drafts show ID``."""
    from app.store.accounts import describe

    with open_store(paths) as store:
        if args.action == "list":
            drafts = store.drafts.list(include_sent=args.all)
            if args.json:
                print(json.dumps([_draft_json(d) for d in drafts], indent=2, ensure_ascii=False))
            elif not drafts:
                print("No drafts.")
            for draft in [] if args.json else drafts:
                when = draft.updated_at.astimezone().strftime("%Y-%m-%d %H:%M") \
                    if draft.updated_at else ""
                sent = "  (posted)" if draft.sent_at else ""
                print(f"{draft.id:>5}  {when}  {_preview(draft.text)}{sent}")
            return EXIT_OK
        draft = store.drafts.get(args.id)
        deliveries = store.outbox.entries_for_draft(args.id)
        accounts = {a.id: a for a in store.accounts.list()}
    if args.json:
        data = _draft_json(draft)
        data["deliveries"] = [{"account_id": e.account_id, "state": e.state.value,
                               "attempts": e.attempts, "last_error": e.last_error,
                               "remote_url": e.remote_url} for e in deliveries]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(draft.text)
    print()
    for image in draft.images:
        print(f"Image: {image.path}" + (f" — {image.alt_text}" if image.alt_text else
                                         " (no description)"))
    for account_id in draft.target_account_ids:
        if account_id in accounts:
            print(f"For: {describe(accounts[account_id])}")
    for entry in deliveries:
        target = describe(accounts[entry.account_id]) if entry.account_id in accounts \
            else f"account {entry.account_id}"
        detail = entry.remote_url or entry.last_error
        print(f"Posting to {target}: {entry.state.value}" + (f" — {detail}" if detail else ""))
    return EXIT_OK
