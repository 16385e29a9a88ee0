"""``post``: check a post and send it to accounts, exactly once, with a result per account.

    post [--work | --account ID ...] [--yes] [--override-reason TEXT] [--image PATH]...
         [--alt TEXT]... [--lang CODE] [--content-warning TEXT] [--visibility V]
         [--variant NETWORK=TEXT]... [--thread] [TEXT | -]
    post --retry DRAFT_ID
    post --work --at DATETIME [--keep-time] [--yes] TEXT    (schedule it: see queue_cmd)

``--variant NETWORK=TEXT`` gives the accounts on one network their own text (each is checked
with the text it gets); ``--thread`` splits a text over a network's limit into a numbered
thread on the networks that take threads.

``--work`` means every connected WORK account and never a personal one. The persona check runs
for every target first: ``--yes`` confirms warnings; blocks still refuse (unless a reason is
given with ``--override-reason`` and the policy allows it). Exit 0 only when every target got
the post; 1 when any failed, is unknown, or was refused; 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, error, guarded, note, open_store

if TYPE_CHECKING:
    from app.core.model import Account
    from app.networks.engine import PostReport
    from app.networks.handoff import HandOff, Handoff
    from app.networks.ports import Checker
    from app.paths import AppPaths
    from app.store.secrets import SecretStore
    from app.store.store import Store

_MARKS = {"sent": "posted", "failed": "FAILED", "unknown": "UNKNOWN", "refused": "REFUSED",
          "needs_confirmation": "NOT SENT", "not_queued": "NOT SENT", "in_progress": "SENDING"}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``post`` command."""
    parser = subparsers.add_parser(
        "post", help="check a post and send it to your accounts",
        description="Check TEXT with the persona check, then post it to the chosen accounts, "
        "exactly once each. TEXT '-' (or no TEXT with piped input) reads stdin as UTF-8.")
    targets = parser.add_mutually_exclusive_group()
    targets.add_argument("--work", action="store_true",
                         help="post to every connected Work account (never a personal one)")
    targets.add_argument("--account", type=int, action="append", metavar="ID", default=[],
                         help="post to this account (repeatable; see: accounts list)")
    targets.add_argument("--retry", type=int, metavar="DRAFT_ID",
                         help="send again only the accounts that did not get DRAFT_ID")
    parser.add_argument("--yes", action="store_true",
                        help="confirm warnings (block findings still stop the post)")
    parser.add_argument("--override-reason", default="", metavar="TEXT",
                        help="post despite a block finding where the policy allows it; the "
                        "reason is kept in the history")
    parser.add_argument("--image", action="append", default=[], metavar="PATH",
                        help="attach an image (repeatable, at most 4)")
    parser.add_argument("--alt", action="append", default=[], metavar="TEXT",
                        help="description of the image in the same position (repeatable)")
    parser.add_argument("--lang", action="append", default=[], metavar="CODE",
                        help="language of the post, e.g. en (repeatable)")
    parser.add_argument("--content-warning", default="", metavar="TEXT",
                        help="Mastodon content warning")
    parser.add_argument("--visibility", choices=["public", "unlisted", "private", "direct"],
                        help="Mastodon visibility (default: the account's setting, else public)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--at", metavar="DATETIME",
                        help='schedule instead of posting now: ISO 8601 (2026-12-01T09:00) or '
                        '"tomorrow 09:00", "in 1 hour", "next monday 9:00" (your local time)')
    parser.add_argument("--keep-time", action="store_true",
                        help="with --at: keep a time that falls in your quiet hours")
    from app.cli.tailoring import add_arguments as add_tailoring_arguments

    add_tailoring_arguments(parser, post=True)  # --variant NETWORK=TEXT, --thread
    parser.add_argument("text", nargs="?", metavar="TEXT")
    parser.set_defaults(handler=run)


def _open_secrets() -> SecretStore:
    from app.store.secrets import SecretStore

    return SecretStore.open_default()


def _hand_off_in_terminal(plan: Handoff) -> str:
    """Open the network's compose page with the default browser; the terminal has no
    clipboard, so the text to paste is the one given to ``post``."""
    import webbrowser

    opened = plan.url is not None and webbrowser.open(plan.url)
    name = plan.network.display_name
    if plan.images:
        files = ", ".join(str(path) for path in plan.images)
        return (f"{name} takes the picture in its own app: post {files} there and use the "
                "text of this post as the caption.")
    if opened and not plan.copy_text:
        return (f"{name}'s compose page was opened in your browser with the text filled in; "
                "check the account signed in there and post it.")
    if opened:
        return (f"{name}'s share page was opened in your browser; paste the text of this post "
                "there and post it.")
    where = f" ({plan.url})" if plan.url else ""
    return f"Open {name} in your browser{where}, paste the text of this post and post it."


def _media_host(paths: AppPaths) -> Any:
    """The organisation's media host (Instagram's images go there), or None."""
    from app.store.errors import ManagedConfigError
    from app.store.managed import load_managed_setup

    try:
        return load_managed_setup(paths).media_host
    except ManagedConfigError as problem:
        note(str(problem))
        return None


def _read_text(args: argparse.Namespace, stdin: TextIO) -> str | None:
    if args.text not in (None, "-"):
        return str(args.text)
    if args.text is None and stdin.isatty():
        return None
    data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
    return data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data


def _targets(args: argparse.Namespace, store: Store) -> list[Account] | str:
    from app.core.model import Persona

    if args.work:
        accounts = store.accounts.list(persona=Persona.WORK)
        if not accounts:
            return "No Work account is connected; connect one with: accounts add … --persona work"
        return accounts
    if args.account:
        return [store.accounts.get(account_id) for account_id in dict.fromkeys(args.account)]
    return "Say where to post: --work (every Work account) or --account ID (see: accounts list)."


def _label(account: Account | None, account_id: int) -> str:
    if account is None:
        return f"account {account_id}"
    handle = account.handle if account.handle.startswith("@") else f"@{account.handle}"
    return f"{account.network.display_name} {handle} ({account.persona.label})"


def _print_report(report: PostReport, store: Store, as_json: bool, out: TextIO) -> None:
    import json

    from app.networks.handoff import handed_to_browser

    accounts: dict[int, Account | None] = {}
    for result in report.results:
        try:
            accounts[result.account_id] = store.accounts.get(result.account_id)
        except LookupError:
            accounts[result.account_id] = None
    if as_json:
        rows = [{"account_id": r.account_id, "outcome": r.outcome.value, "message": r.message,
                 "url": r.url, "remote_id": r.remote_id,
                 "handed_to_browser": handed_to_browser(r.remote_id),
                 "findings": [{"rule": f.rule, "severity": f.severity.value,
                               "message": f.message} for f in (r.check.findings if r.check
                                                                else ())]}
                for r in report.results]
        print(json.dumps({"draft_id": report.draft_id, "results": rows}, indent=2), file=out)
        return
    for result in report.results:
        label = _label(accounts[result.account_id], result.account_id)
        mark = "browser" if handed_to_browser(result.remote_id) else _MARKS[result.outcome.value]
        line = f"{mark:<9} {label}"
        detail = result.url if result.ok and result.url else result.message
        if result.ok and result.url and " as a thread of " in result.message:
            detail += f" ({result.message.split(' as ', 1)[1].rstrip('.')})"
        print(f"{line}: {detail}", file=out)
        if result.outcome.value == "needs_confirmation":
            print("          Run again with --yes to post anyway.", file=out)
    if not report.all_sent and any(r.outcome.value in ("failed", "unknown")
                                   for r in report.results):
        print(f"To send the rest later: post --retry {report.draft_id}", file=out)


def _organisation_path(paths: AppPaths) -> Path:
    from app.check.policy import organisation_pack_path

    return organisation_pack_path(paths)


@guarded
def run(args: argparse.Namespace, paths: AppPaths, *,
        secrets_factory: Callable[[], SecretStore] = _open_secrets,
        checker: Checker | None = None, http: Any = None,
        stdin: TextIO | None = None, out: TextIO | None = None,
        hand_off: HandOff = _hand_off_in_terminal, clock: Any = None, zone: Any = None) -> int:
    """Post (or retry) and print one line per account; the exit code says if all went out."""
    from app.core.model import Draft, ImageAttachment
    from app.networks.engine import PostOptions
    from app.networks.wiring import build_engine

    out = out or sys.stdout
    from app.check.policy import load_policy_layers
    from app.cli.common import remembering

    # Loaded even when a checker is handed in: the organisation's policy decides whether
    # anything may be posted at all.
    loaded = load_policy_layers(paths)
    for problem in loaded.errors:
        if problem.path is not None and problem.path != _organisation_path(paths):
            note(str(problem))
    for notice in loaded.notices:
        note(notice)
    policy = loaded.policy
    refused = policy.posting_refused
    options = PostOptions(langs=tuple(args.lang), content_warning=args.content_warning,
                          visibility=args.visibility)
    media_host = _media_host(paths)
    with open_store(paths) as store:
        secrets = remembering(args, secrets_factory())
        if args.retry is not None and args.at:
            return error("--at schedules a new post; it cannot be used with --retry.", EXIT_USAGE)
        if args.retry is not None:
            meant = store.drafts.get(args.retry)  # a clear usage error for an unknown draft
            if refused:
                return error(f"{refused} Nothing was sent.", EXIT_FAILED)
            with build_engine(store, secrets, policy=policy, checker=checker, http=http,
                              hand_off=hand_off, media_host=media_host) as engine:
                engine.recover()
                report = engine.retry_failed(args.retry, options=options,
                                             intended=meant.target_account_ids)
            if not report.results:
                if not report.already_sent:
                    return error(f"Draft {args.retry} was never queued for any account, so "
                                 "nothing was sent; post it with --work or --account.")
                print(f"Nothing to retry: draft {args.retry} went out everywhere.", file=out)
                return EXIT_OK
            _print_report(report, store, args.json, out)
            return EXIT_OK if report.all_sent else EXIT_FAILED

        text = _read_text(args, stdin or sys.stdin)
        if text is None:
            return error("Give the text to post, or '-' to read it from stdin.", EXIT_USAGE)
        if len(args.alt) > len(args.image):
            return error("There are more --alt descriptions than --image files.", EXIT_USAGE)
        images = []
        for position, image in enumerate(args.image):
            path = Path(image).expanduser()
            if not path.is_file():
                return error(f"The image {image} does not exist.", EXIT_USAGE)
            alt = args.alt[position] if position < len(args.alt) else ""
            images.append(ImageAttachment(path.absolute(), alt))
        from app.cli.tailoring import TailoringError, parse_variants, thread_networks

        try:
            variants = parse_variants(args.variant)
        except TailoringError as problem:
            return error(str(problem), EXIT_USAGE)
        targets = _targets(args, store)
        if isinstance(targets, str):
            return error(targets, EXIT_USAGE)
        draft = store.drafts.save(Draft(text=text, images=images,
                                        target_account_ids=[a.id for a in targets],  # type: ignore[misc]
                                        variants=variants,
                                        thread_networks=thread_networks(args.thread)))
        if refused:
            return error(f"{refused} Nothing was posted; your text is kept as draft {draft.id}.",
                         EXIT_FAILED)
        if not secrets.is_persistent:
            note("No keychain is reachable: sign-ins last for this run only.")
        if args.at:
            from app.cli.queue_cmd import schedule_post

            return schedule_post(args, paths, store, draft, targets, out,
                                 secrets_factory=lambda: secrets, checker=checker, http=http,
                                 hand_off=hand_off, clock=clock, zone=zone)
        with build_engine(store, secrets, policy=policy, checker=checker, http=http,
                          hand_off=hand_off, media_host=media_host) as engine:
            engine.recover()  # settle what an earlier crash left half-sent
            report = engine.post(draft, targets, confirm_warnings=args.yes,
                                 override_reason=args.override_reason, options=options)
        if report.all_sent:
            store.drafts.mark_sent(draft.id)  # type: ignore[arg-type]
        _print_report(report, store, args.json, out)
        return EXIT_OK if report.all_sent else EXIT_FAILED

