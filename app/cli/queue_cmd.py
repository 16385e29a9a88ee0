"""``queue`` and ``send-due``: scheduled posts on the command line (``post --at`` queues them).

    queue [--all] [--json]                 what is scheduled, per account: when, state
    queue cancel ID                        take a post off the queue
    queue reschedule ID DATETIME           move it (checked again when it is due)
    queue send ID                          send it now (an overdue or held post)
    send-due [--max-late MINUTES] [--json] send what is due (for cron or a systemd timer)

``send-due`` sends posts due in the last ``--max-late`` minutes (default 15) and never an older
one: those were due while the computer was off or asleep, and wait for the user (the window
asks; here ``queue send``, ``queue reschedule`` or ``queue cancel``), listed on stderr. Exit
0 when every post due in this run went out (overdue ones left waiting are not an error), 1
when one failed or was held by the persona check, 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, TextIO

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    error,
    guarded,
    log_secrets,
    note,
    open_store,
)

if TYPE_CHECKING:
    from app.core.model import Account
    from app.core.schedule import ScheduledPost
    from app.core.timing import Clock, Resolved
    from app.networks.ports import Checker
    from app.networks.scheduler import Scheduler
    from app.paths import AppPaths
    from app.redact import SecretRegistry
    from app.store.secrets import SecretStore
    from app.store.store import Store

PREVIEW_LENGTH = 50
_MARKS = {"sent": "posted", "held": "HELD", "failed": "FAILED", "skipped": "skipped"}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``queue`` and ``send-due`` commands."""
    queue = subparsers.add_parser(
        "queue", help="scheduled posts: list, cancel, reschedule, send now",
        description="Without an action: the scheduled posts still to go out, per account, in "
        "your local time.")
    queue.add_argument("--json", action="store_true", help="print JSON (times in UTC and local)")
    queue.add_argument("--all", action="store_true", help="include sent and cancelled posts")
    actions = queue.add_subparsers(dest="queue_action", metavar="ACTION")
    cancel = actions.add_parser("cancel", help="take a scheduled post off the queue")
    cancel.add_argument("id", type=int, metavar="ID")
    move = actions.add_parser("reschedule", help="move a scheduled post to another time")
    move.add_argument("id", type=int, metavar="ID")
    move.add_argument("when", nargs="+", metavar="DATETIME",
                      help='ISO 8601 or e.g. "tomorrow 09:00", "in 1 hour", "next monday 9:00"')
    move.add_argument("--keep-time", action="store_true",
                      help="keep a time that falls in your quiet hours")
    send = actions.add_parser("send", help="send a scheduled post now (an overdue or held one)")
    send.add_argument("id", type=int, metavar="ID")
    queue.set_defaults(handler=run_queue)

    due = subparsers.add_parser(
        "send-due", help="send the scheduled posts that are due (for cron or a systemd timer)",
        description="Send the scheduled posts due now. Posts due more than --max-late minutes "
        "ago are never sent here: they wait for you (queue send/reschedule/cancel, or the "
        "window asks).")
    due.add_argument("--max-late", type=int, default=15, metavar="MINUTES",
                     help="send posts due up to this many minutes ago (default 15)")
    due.add_argument("--json", action="store_true", help="print the results as JSON")
    due.set_defaults(handler=run_send_due)


def _open_secrets() -> SecretStore:
    from app.store.secrets import SecretStore

    return SecretStore.open_default()


def account_label(account: Account | None, account_id: int) -> str:
    """``Mastodon @me (Work)``."""
    if account is None:
        return f"account {account_id}"
    handle = account.handle if account.handle.startswith("@") else f"@{account.handle}"
    return f"{account.network.display_name} {handle} ({account.persona.label})"


def build_scheduler(paths: AppPaths, store: Store, *,
                    secrets_factory: Callable[[], SecretStore] = _open_secrets,
                    checker: Checker | None = None, http: Any = None,
                    hand_off: Any = None, clock: Clock | None = None,
                    zone: tzinfo | None = None, grace: timedelta | None = None,
                    log_registry: SecretRegistry | None = None) -> Scheduler:
    """The scheduler of the command line: the policy in force (its quiet hours read again on
    each use), the persona check as of any moment, and a posting engine built on first use
    (``close_scheduler`` closes it). ``log_registry``: the run's registry, which learns every
    sign-in the engine loads (app.cli.common.log_secrets)."""
    from app.check.policy import load_policy_layers
    from app.core.timing import local_zone, system_clock
    from app.networks.scheduler import (
        DEFAULT_GRACE,
        Scheduler,
        quiet_rules_of,
        timed_checker,
    )
    from app.networks.wiring import build_engine, override_rule

    loaded = load_policy_layers(paths)
    for notice in loaded.notices:
        note(notice)
    policy = loaded.policy
    engines: list[Any] = []

    def engine() -> Any:
        from app.cli.post_cmd import _hand_off_in_terminal, _media_host

        built = build_engine(store, secrets_factory().remember_in(log_registry), policy=policy,
                             checker=checker,
                             http=http, hand_off=hand_off or _hand_off_in_terminal,
                             media_host=_media_host(paths))
        built.recover()  # settle what an earlier crash left half-sent
        engines.append(built)
        return built

    check = timed_checker(store, policy)
    if checker is not None:
        given = checker

        def check(draft: Any, account: Any, moment: datetime) -> Any:  # type: ignore[misc]
            return given(draft, account)

    scheduler = Scheduler(
        store=store, engine=engine, check=check, zone=zone or local_zone(),
        clock=clock or system_clock,
        quiet=lambda: quiet_rules_of(load_policy_layers(paths).policy),
        posting_refused=lambda: str(policy.posting_refused or ""),
        override_allowed=override_rule(policy),
        grace=grace if grace is not None else DEFAULT_GRACE)
    scheduler._cli_engines = engines  # type: ignore[attr-defined]
    return scheduler


def close_scheduler(scheduler: Scheduler) -> None:
    """Close the posting engine the scheduler built, if it built one."""
    for engine in getattr(scheduler, "_cli_engines", []):
        engine.close()


def describe_when(scheduler: Scheduler, moment: datetime) -> str:
    """``Tue 1 Dec, 09:00 CET (08:00 UTC)``."""
    from app.core.timing import format_local

    return format_local(moment, scheduler.zone, with_utc=True, now=scheduler.now())


def resolve_when(scheduler: Scheduler, text: str) -> Resolved:
    """What the user typed as a moment (raises TimeError)."""
    from app.core.timing import parse_when

    return parse_when(text, now=scheduler.now(), zone=scheduler.zone)


def schedule_post(args: argparse.Namespace, paths: AppPaths, store: Store, draft: Any,
                  targets: list[Account], out: TextIO, **collaborators: Any) -> int:
    """``post --at``: check the draft as of that time and queue it; print when."""
    from app.core.timing import TimeError
    from app.networks.scheduler import ScheduleRefused, is_work

    scheduler = build_scheduler(paths, store, log_registry=log_secrets(args),
                                **collaborators)
    try:
        chosen = resolve_when(scheduler, args.at)
    except TimeError as problem:
        return error(f"{problem} Your text is kept as draft {draft.id}.", EXIT_USAGE)
    plan = scheduler.plan(chosen, work=is_work(targets), keep_quiet_time=args.keep_time)
    try:
        posts = scheduler.schedule(draft, targets, plan.due, confirm_warnings=args.yes,
                                   override_reason=args.override_reason)
    except ScheduleRefused as refusal:
        if refusal.needs_confirmation:
            return error(f"{refusal} Run again with --yes to schedule it anyway; your text is "
                         f"kept as draft {draft.id}.", EXIT_FAILED)
        return error(f"{refusal} Your text is kept as draft {draft.id}.", EXIT_FAILED)
    finally:
        close_scheduler(scheduler)
    if args.json:
        import json

        print(json.dumps({"draft_id": draft.id, "due_at": plan.due.utc.isoformat(),
                          "due_local": plan.due.local.isoformat(), "notes": plan.notes,
                          "scheduled": [{"id": p.id, "account_id": p.account_id}
                                        for p in posts]}, indent=2), file=out)
        return EXIT_OK
    for line in plan.notes:
        print(f"Note: {line}", file=out)
    print(f"Scheduled for {describe_when(scheduler, plan.due.utc)}:", file=out)
    by_id = {a.id: a for a in targets}
    for post in posts:
        print(f"  #{post.id}  {account_label(by_id.get(post.account_id), post.account_id)}",
              file=out)
    print("It is checked again when it is due. See: queue", file=out)
    return EXIT_OK


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_LENGTH else flat[:PREVIEW_LENGTH - 1] + "\u2026"


def _accounts_of(store: Store, posts: list[ScheduledPost]) -> dict[int, Account | None]:
    found: dict[int, Account | None] = {}
    for post in posts:
        if post.account_id not in found:
            try:
                found[post.account_id] = store.accounts.get(post.account_id)
            except LookupError:
                found[post.account_id] = None
    return found


def _state_text(scheduler: Scheduler, post: ScheduledPost) -> str:
    if post.overdue(scheduler.now(), scheduler.grace.total_seconds()):
        return "overdue"
    return post.state.value


def _json_post(scheduler: Scheduler, post: ScheduledPost, account: Account | None
               ) -> dict[str, Any]:
    return {"id": post.id, "draft_id": post.draft_id, "account_id": post.account_id,
            "account": account_label(account, post.account_id),
            "due_at": post.due_at.isoformat(),
            "due_local": post.due_at.astimezone(scheduler.zone).isoformat(),
            "state": post.state.value,
            "overdue": post.overdue(scheduler.now(), scheduler.grace.total_seconds()),
            "reason": post.reason, "text": post.text, "url": post.url}


@guarded
def run_queue(args: argparse.Namespace, paths: AppPaths, *, out: TextIO | None = None,
              **collaborators: Any) -> int:
    """List, cancel, reschedule or send scheduled posts."""
    out = out or sys.stdout
    action = getattr(args, "queue_action", None)
    with open_store(paths) as store:
        scheduler = build_scheduler(paths, store, log_registry=log_secrets(args),
                                **collaborators)
        try:
            if action == "cancel":
                post = scheduler.cancel(args.id)
                print(f"Cancelled #{post.id}; it will not be sent. The text is kept as draft "
                      f"{post.draft_id}.", file=out)
                return EXIT_OK
            if action == "reschedule":
                return _reschedule(args, scheduler, store, out)
            if action == "send":
                return _send_now(args, scheduler, store, out)
            return _list(args, scheduler, store, out)
        finally:
            close_scheduler(scheduler)


def _list(args: argparse.Namespace, scheduler: Scheduler, store: Store, out: TextIO) -> int:
    import json

    posts = scheduler.queue(include_done=args.all)
    accounts = _accounts_of(store, posts)
    if args.json:
        print(json.dumps([_json_post(scheduler, p, accounts[p.account_id]) for p in posts],
                         indent=2, ensure_ascii=False), file=out)
        return EXIT_OK
    if not posts:
        print("Nothing is scheduled. Schedule a post with: post --work --at \"tomorrow 09:00\" "
              "TEXT", file=out)
        return EXIT_OK
    order = sorted(posts, key=lambda p: (account_label(accounts[p.account_id], p.account_id),
                                         p.due_at))
    shown_account = None
    from app.core.timing import format_local

    for post in order:
        label = account_label(accounts[post.account_id], post.account_id)
        if label != shown_account:
            print(label, file=out)
            shown_account = label
        when = format_local(post.due_at, scheduler.zone, now=scheduler.now())
        print(f"  #{post.id:<4} {when:<26} {_state_text(scheduler, post):<10} "
              f"{_preview(post.text)}", file=out)
        if post.reason:
            print(f"{'':8}{post.reason}", file=out)
        elif post.url:
            print(f"{'':8}{post.url}", file=out)
    overdue = [p for p in posts if p.overdue(scheduler.now(), scheduler.grace.total_seconds())]
    if overdue:
        print(f"{len(overdue)} overdue: send with 'queue send ID', move with 'queue reschedule "
              "ID DATETIME' or drop with 'queue cancel ID'.", file=out)
    return EXIT_OK


def _reschedule(args: argparse.Namespace, scheduler: Scheduler, store: Store, out: TextIO
                ) -> int:
    from app.core.timing import TimeError
    from app.networks.scheduler import ScheduleRefused

    post = store.schedule.get(args.id)
    account = store.accounts.get(post.account_id)
    try:
        chosen = resolve_when(scheduler, " ".join(args.when))
    except TimeError as problem:
        return error(str(problem), EXIT_USAGE)
    from app.networks.scheduler import is_work

    plan = scheduler.plan(chosen, work=is_work([account]), keep_quiet_time=args.keep_time)
    try:
        moved = scheduler.reschedule(post.id, plan.due)  # type: ignore[arg-type]
    except ScheduleRefused as refusal:
        return error(str(refusal), EXIT_USAGE)
    for line in plan.notes:
        print(f"Note: {line}", file=out)
    print(f"#{moved.id} now goes out {describe_when(scheduler, moved.due_at)} to "
          f"{account_label(account, moved.account_id)}.", file=out)
    return EXIT_OK


def _send_now(args: argparse.Namespace, scheduler: Scheduler, store: Store, out: TextIO
              ) -> int:
    result = scheduler.send_now(args.id)
    account = store.accounts.get(result.post.account_id)
    _print_result(result, account, out)
    return EXIT_OK if result.outcome == "sent" else EXIT_FAILED


def _print_result(result: Any, account: Account | None, out: TextIO) -> None:
    label = account_label(account, result.post.account_id)
    detail = result.url if result.outcome == "sent" and result.url else result.message
    print(f"{_MARKS.get(result.outcome, result.outcome):<8} #{result.post.id} {label}: "
          f"{detail or 'done'}", file=out)


@guarded
def run_send_due(args: argparse.Namespace, paths: AppPaths, *, out: TextIO | None = None,
                 **collaborators: Any) -> int:
    """Send the posts that are due; leave older ones for the user (see the module notes)."""
    import json

    from app.core.timing import format_local

    out = out or sys.stdout
    if args.max_late < 0:
        return error("--max-late must be 0 minutes or more.", EXIT_USAGE)
    with open_store(paths) as store:
        scheduler = build_scheduler(paths, store, grace=timedelta(minutes=args.max_late),
                                    log_registry=log_secrets(args),
                                    **collaborators)
        try:
            report = scheduler.send_due()
        finally:
            close_scheduler(scheduler)
        accounts = _accounts_of(store, [r.post for r in report.results] + list(report.overdue))
    if args.json:
        print(json.dumps({
            "results": [{"id": r.post.id, "account_id": r.post.account_id,
                         "outcome": r.outcome, "message": r.message, "url": r.url}
                        for r in report.results],
            "overdue": [_json_post(scheduler, p, accounts[p.account_id])
                        for p in report.overdue]}, indent=2, ensure_ascii=False), file=out)
    else:
        for result in report.results:
            _print_result(result, accounts[result.post.account_id], out)
        for post in report.overdue:
            when = format_local(post.due_at, scheduler.zone, now=scheduler.now())
            note(f"OVERDUE #{post.id} {account_label(accounts[post.account_id], post.account_id)}"
                 f" was due {when} and was not sent (more than {args.max_late} minutes late): "
                 f"queue send {post.id}, queue reschedule {post.id} DATETIME, or queue cancel "
                 f"{post.id}.")
    return EXIT_FAILED if report.needs_user else EXIT_OK
