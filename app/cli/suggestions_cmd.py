"""``suggestions``: the posts the employer asked you to share, on your terms.

    suggestions [--json] [--all]            list them (id, state, title, text, link, partner)
    suggestions refresh [--json]            read the organisation's and your feeds again
    suggestions share ID --work [--yes] [--text TEXT] [--no-images] [--override-reason TEXT]
    suggestions decline ID                  never shown as new again
    suggestions snooze ID --until DATE      out of the way until DATE
    suggestions restore ID                  back to new
    suggestions feeds | feed-add URL | feed-remove URL

Nothing is posted automatically and nothing about what you do with a suggestion leaves this
computer. ``share`` posts through the normal posting engine to your Work accounts only, with
the disclosure at the start. Exit 0 when done, 1 when a feed or a post failed, 2 for usage
errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any, TextIO

from app.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, error, guarded, note, open_store
from app.cli.post_cmd import _hand_off_in_terminal, _open_secrets

if TYPE_CHECKING:
    from app.check.policy import Policy
    from app.core.suggestions import Suggestion
    from app.networks.handoff import HandOff
    from app.networks.ports import Checker
    from app.paths import AppPaths
    from app.store.secrets import SecretStore

PRIVACY_NOTE = ("Nothing is posted automatically, nothing is scored, and nothing about what "
                "you do with a suggestion leaves this computer.")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``suggestions`` command."""
    parser = subparsers.add_parser(
        "suggestions", help="posts your employer asked you to share: list, share, decline",
        description="The posts your employer asked you to share. " + PRIVACY_NOTE)
    parser.add_argument("--json", action="store_true", help="print as JSON")
    parser.add_argument("--all", action="store_true",
                        help="also list suggestions outside their dates or withdrawn")
    parser.set_defaults(handler=run, action=None)
    actions = parser.add_subparsers(title="actions", metavar="ACTION")

    refresh = actions.add_parser("refresh", help="read the suggestions feeds again")
    refresh.add_argument("--json", action="store_true", help="print as JSON")
    refresh.set_defaults(action="refresh")

    share = actions.add_parser(
        "share", help="post a suggestion to your Work accounts, disclosure first")
    share.add_argument("id", type=int, metavar="ID")
    share.add_argument("--work", action="store_true", required=True,
                       help="post to every connected Work account (never a personal one)")
    share.add_argument("--yes", action="store_true",
                       help="confirm warnings (block findings still stop the post)")
    share.add_argument("--text", metavar="TEXT",
                       help="your own version of the text (the disclosure is put first)")
    share.add_argument("--no-images", action="store_true",
                       help="leave the suggestion's images out")
    share.add_argument("--override-reason", default="", metavar="TEXT",
                       help="post despite a block finding where the policy allows it")
    share.add_argument("--json", action="store_true", help="print the results as JSON")
    share.set_defaults(action="share")

    decline = actions.add_parser("decline", help="decline a suggestion, privately")
    decline.add_argument("id", type=int, metavar="ID")
    decline.set_defaults(action="decline")

    snooze = actions.add_parser("snooze", help="put a suggestion off until a date")
    snooze.add_argument("id", type=int, metavar="ID")
    snooze.add_argument("--until", required=True, metavar="DATE",
                        help="a date (2026-12-01, the start of that day in UTC) or a time "
                        "(2026-12-01T09:00:00Z)")
    snooze.set_defaults(action="snooze")

    restore = actions.add_parser("restore", help="make a declined or snoozed suggestion new")
    restore.add_argument("id", type=int, metavar="ID")
    restore.set_defaults(action="restore")

    feeds = actions.add_parser("feeds", help="list the suggestions feeds and how they did")
    feeds.add_argument("--json", action="store_true", help="print as JSON")
    feeds.set_defaults(action="feeds")
    feed_add = actions.add_parser("feed-add", help="add a suggestions feed of your own")
    feed_add.add_argument("url", metavar="URL")
    feed_add.set_defaults(action="feed-add")
    feed_remove = actions.add_parser("feed-remove", help="remove a feed you added")
    feed_remove.add_argument("url", metavar="URL")
    feed_remove.set_defaults(action="feed-remove")


def _load_policy(paths: AppPaths) -> Policy:
    from app.check.policy import load_policy_layers, organisation_pack_path

    loaded = load_policy_layers(paths)
    for problem in loaded.errors:
        if problem.path is not None and problem.path != organisation_pack_path(paths):
            note(str(problem))
    for notice in loaded.notices:
        note(notice)
    return loaded.policy


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _row(suggestion: Suggestion, policy: Policy, now: datetime) -> dict[str, Any]:
    from app.check.suggested import partner_of

    return {"id": suggestion.id, "state": suggestion.state_at(now).value,
            "title": suggestion.title, "text": suggestion.text, "link": suggestion.link,
            "partner": partner_of(policy, suggestion.partner, suggestion.link),
            "images": list(suggestion.images), "from": _when(suggestion.starts_at),
            "until": _when(suggestion.ends_at),
            "snoozed_until": _when(suggestion.snoozed_until)
            if suggestion.state_at(now).value == "snoozed" else None,
            "shared_draft_id": suggestion.shared_draft_id, "source": suggestion.source,
            "withdrawn": suggestion.withdrawn}


def _parse_until(text: str, now: datetime) -> datetime | str:
    value = text.strip()
    try:
        if "T" in value or " " in value:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        else:
            moment = datetime.combine(date.fromisoformat(value), time.min, tzinfo=UTC)
    except ValueError:
        return f"\u201c{text}\u201d is not a date like 2026-12-01 or a time like " \
               "2026-12-01T09:00:00Z."
    if moment <= now:
        return f"{text} has already passed; snooze until a later date."
    return moment


@guarded
def run(args: argparse.Namespace, paths: AppPaths, *,
        secrets_factory: Callable[[], SecretStore] = _open_secrets,
        checker: Checker | None = None, http: Any = None, out: TextIO | None = None,
        hand_off: HandOff = _hand_off_in_terminal, now: datetime | None = None) -> int:
    """List, refresh, share, decline or snooze suggestions."""
    out = out or sys.stdout
    moment = now or datetime.now(UTC)
    action = getattr(args, "action", None)
    if action == "refresh":
        return _refresh(args, paths, http, out, moment)
    if action == "share":
        return _share(args, paths, secrets_factory, checker, http, out, hand_off, moment)
    if action in ("feeds", "feed-add", "feed-remove"):
        return _feeds(args, paths, out)
    with open_store(paths) as store:
        if action == "decline":
            store.suggestions.decline(args.id)
            print(f"Declined suggestion {args.id}; it will not be shown as new again. "
                  "No one is told.", file=out)
            return EXIT_OK
        if action == "restore":
            store.suggestions.restore(args.id)
            print(f"Suggestion {args.id} is new again.", file=out)
            return EXIT_OK
        if action == "snooze":
            until = _parse_until(args.until, moment)
            if isinstance(until, str):
                return error(until, EXIT_USAGE)
            store.suggestions.snooze(args.id, until)
            print(f"Snoozed suggestion {args.id} until {until:%d %B %Y %H:%M} UTC.", file=out)
            return EXIT_OK
        policy = _load_policy(paths)
        rows = [_row(s, policy, moment)
                for s in store.suggestions.list(now=moment, include_hidden=args.all)]
        feeds = store.suggestions.feeds()
    if args.json:
        import json

        print(json.dumps(rows, indent=2, ensure_ascii=False), file=out)
        return EXIT_OK
    if not rows:
        print("No suggestions. (suggestions refresh reads the feeds again.)", file=out)
    for row in rows:
        about = f" — about {row['partner']} (an ad)" if row["partner"] else ""
        print(f"{row['id']:>4}  {row['state']:<8}  {row['title'] or row['text'][:60]}{about}",
              file=out)
    for feed in feeds:
        if feed.status == "failed":
            note(f"{feed.url}: {feed.message} The last good list is shown.")
    note(PRIVACY_NOTE)
    return EXIT_OK


def _refresh(args: argparse.Namespace, paths: AppPaths, http: Any, out: TextIO,
             now: datetime) -> int:
    from app.networks.suggestion_feed import refresh_suggestions
    from app.store.errors import ManagedConfigError
    from app.store.managed import load_managed_setup

    setup, problem = None, ""
    try:
        setup = load_managed_setup(paths)
    except ManagedConfigError as exc:
        problem = str(exc)
    with open_store(paths) as store:
        report = refresh_suggestions(store, setup, session=http, setup_problem=problem,
                                     now=now)
        new = store.suggestions.count_new(now=now)
    if args.json:
        import json

        print(json.dumps({"new": new, "sources": [
            {"source": r.source, "status": r.status, "message": r.message, "added": r.added,
             "duplicates": r.duplicates} for r in report.results]}, indent=2), file=out)
    else:
        for result in report.results:
            print(result.describe(), file=out)
        if not report.results:
            print("There is no suggestions feed: your organisation's file names none and you "
                  "have added none (suggestions feed-add URL).", file=out)
        print(f"{new} new suggestion(s).", file=out)
    return EXIT_FAILED if report.failed else EXIT_OK


def _feeds(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    if args.action != "feeds" and not args.url.lower().startswith(("https://", "http://")):
        return error("A feed is a web address starting with https:// (or http://).",
                     EXIT_USAGE)
    with open_store(paths) as store:
        if args.action == "feed-add":
            store.suggestions.add_feed(args.url, "user")
            print(f"Added {args.url}; read it with: suggestions refresh", file=out)
            return EXIT_OK
        if args.action == "feed-remove":
            store.suggestions.remove_feed(args.url)
            print(f"Removed {args.url}.", file=out)
            return EXIT_OK
        feeds = store.suggestions.feeds()
    if args.json:
        import json

        print(json.dumps([{"url": f.url, "origin": f.origin, "status": f.status,
                           "message": f.message, "checked_at": _when(f.checked_at)}
                          for f in feeds], indent=2), file=out)
        return EXIT_OK
    for feed in feeds:
        print(f"{feed.origin:<12}  {feed.status:<9}  {feed.url}  {feed.message}".rstrip(),
              file=out)
    return EXIT_OK


def _share(args: argparse.Namespace, paths: AppPaths,
           secrets_factory: Callable[[], SecretStore], checker: Checker | None, http: Any,
           out: TextIO, hand_off: HandOff, now: datetime) -> int:
    from app.check.suggested import (
        copied_share,
        disclosure_prefix,
        make_it_mine_hint,
        partner_of,
        promotion_budget,
        share_text,
        text_language,
    )
    from app.cli.post_cmd import _print_report
    from app.core.model import Draft, Persona
    from app.networks.wiring import HISTORY_WINDOW, build_engine

    policy = _load_policy(paths)
    with open_store(paths) as store:
        suggestion = store.suggestions.get(args.id)
        if args.text is not None and not args.text.strip():
            return error("--text is empty; give your version of the post.", EXIT_USAGE)
        partner = partner_of(policy, suggestion.partner, suggestion.link)
        text = share_text(policy, suggestion.text, suggestion.link, partner, args.text)
        targets = store.accounts.list(persona=Persona.WORK)
        if not targets:
            return error("No Work account is connected; connect one with: accounts add … "
                         "--persona work", EXIT_USAGE)
        disclosure = disclosure_prefix(policy, partner, text_language(text))
        note(make_it_mine_hint(copied_share(suggestion.text, text, disclosure)))
        note(promotion_budget(policy, store.history.recent(now - HISTORY_WINDOW),
                              now=now).describe())
        images = []
        if suggestion.images and not args.no_images:
            from app.core.model import ImageAttachment
            from app.networks.suggestion_feed import fetch_images

            fetched, problems = fetch_images(suggestion.images,
                                             paths.cache_dir() / "suggestion-images",
                                             session=http)
            for problem in problems:
                note(problem)
            images = [ImageAttachment(path) for path in fetched]
        draft = store.drafts.save(Draft(text=text, images=images,
                                        target_account_ids=[a.id for a in targets]))  # type: ignore[misc]
        if policy.posting_refused:
            return error(f"{policy.posting_refused} Nothing was posted; your text is kept as "
                         f"draft {draft.id}.", EXIT_FAILED)
        from app.cli.common import remembering

        secrets = remembering(args, secrets_factory())
        with build_engine(store, secrets, policy=policy, checker=checker, http=http,
                          hand_off=hand_off) as engine:
            engine.recover()
            report = engine.post(draft, targets, confirm_warnings=args.yes,
                                 override_reason=args.override_reason)
        if any(result.ok for result in report.results):
            store.suggestions.mark_shared(suggestion.id, draft.id)
        if report.all_sent:
            store.drafts.mark_sent(draft.id)  # type: ignore[arg-type]
        _print_report(report, store, args.json, out)
        return EXIT_OK if report.all_sent else EXIT_FAILED
