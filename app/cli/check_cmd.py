"""``check``: run the persona check on one draft for one kind of account.

    python -m app check --network x --persona work [--owner self|employer] [--handle HANDLE]
        [--policy FILE]
        [--history FILE.jsonl] [--now ISO-8601] [--image PATH [--alt TEXT]]... [--json]
        [--variant NETWORK=TEXT]... [--thread] [TEXT | -]

``--variant`` for the checked network replaces TEXT (others are ignored); ``--thread`` checks
a text over the limit as the numbered thread it would go out as and prints its posts.

Without TEXT, or with ``-``, the draft is read from standard input as UTF-8 (one trailing line
break, as shells add, is dropped). Exit status: 0 when nothing needs attention (no warn or block
finding), 1 when something does, 2 for a usage or input error (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from app.paths import AppPaths

NETWORKS = ("x", "bluesky", "mastodon", "linkedin", "facebook", "instagram", "threads",
            "pinterest")
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class InputError(Exception):
    """Bad input from the user: reported in one line, exit status 2."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` command."""
    parser = subparsers.add_parser(
        "check",
        help="run the persona check on a draft (exit 0 ok, 1 warn/block, 2 usage error)",
        description="Check a draft against the account it is headed for: promotion on a "
        "personal account, personal life or bad language on a work account, FTC disclosure, "
        "confidential terms, network limits, promotion budget, duplicates and personal data.",
    )
    parser.add_argument("--network", required=True, choices=NETWORKS,
                        help="the network the draft is for")
    parser.add_argument("--persona", required=True, choices=("work", "personal"),
                        help="whether the target account is a work or a personal one")
    parser.add_argument("--owner", default="self", choices=("self", "employer"),
                        help="self: the user's own account (default); employer: the brand's "
                        "own account the user operates")
    parser.add_argument("--handle", metavar="HANDLE", default="",
                        help="the account's handle (@crunchly, crunchly.bsky.social, "
                        "@crunchly@mastodon.social): a partner's own account when the policy "
                        "pack lists it among the partner's accounts")
    parser.add_argument("--policy", metavar="FILE", type=Path,
                        help="use this policy pack instead of your own (the organisation's "
                        "pack still applies underneath)")
    parser.add_argument("--history", metavar="FILE.jsonl", type=Path,
                        help="earlier posts, one JSON object a line: network, persona, owner, "
                        "text, posted_at")
    parser.add_argument("--now", metavar="ISO-8601",
                        help="the time to check as of (default: now), e.g. 2026-11-24T09:00:00Z")
    parser.add_argument("--image", metavar="PATH", type=Path, action="append", default=[],
                        help="an attached image (repeat for several)")
    parser.add_argument("--alt", metavar="TEXT", action="append", default=[],
                        help="the description (alt text) of the --image before it, in the "
                        "same order; an image without one gets a warning")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    from app.cli.tailoring import add_arguments as add_tailoring_arguments

    add_tailoring_arguments(parser, post=False)  # --variant NETWORK=TEXT, --thread
    parser.add_argument("text", nargs="?", metavar="TEXT",
                        help="the draft; '-' or nothing reads it from standard input")
    parser.set_defaults(handler=run)

    def one_line_error(message: str) -> NoReturn:
        print(f"twofold check: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)

    parser.error = one_line_error  # type: ignore[method-assign]


# Times outside these years are refused: nobody posts there, and the check's date arithmetic
# (budget windows, "posted N days ago") must never overflow Python's datetime.
EARLIEST_YEAR = 1900
LATEST_YEAR = 9000


def _shown(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


def _parse_time(value: str, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{what} {_shown(value)} is not an ISO-8601 time like "
                         "2026-11-24T09:00:00Z") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        year = moment.astimezone(UTC).year
    except (OverflowError, ValueError):
        year = 0
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise InputError(f"{what} {_shown(value)} is outside the years {EARLIEST_YEAR}–"
                         f"{LATEST_YEAR}")
    return moment


def _read_text(argument: str | None) -> str:
    if argument is not None and argument != "-":
        return argument
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"standard input is not UTF-8 text: byte {error.start:,} is "
                         f"0x{data[error.start]:02X}; save the draft as UTF-8") from None
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text


def _read_history(path: Path) -> list[Any]:
    from app.core.model import HistoryEntry, Network, Owner, Persona

    try:
        raw = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise InputError(f"cannot read history file {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise InputError(f"history file {path} is not UTF-8 text") from None
    entries = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"history file {path}, line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{where}: not valid JSON ({error.msg})") from None
        except RecursionError:
            raise InputError(f"{where}: the JSON is nested too deeply") from None
        except ValueError:  # e.g. an integer of more than 4,300 digits
            raise InputError(f"{where}: the JSON holds a number too large to read") from None
        if not isinstance(item, dict):
            raise InputError(f"{where}: expected a JSON object")
        network = _choice(Network, item, "network", where)
        persona = _choice(Persona, item, "persona", where)
        owner = _choice(Owner, {"owner": "self", **item}, "owner", where)
        text = item.get("text")
        if not isinstance(text, str):
            raise InputError(f"{where}: 'text' must be a string")
        posted_at = item.get("posted_at")
        if not isinstance(posted_at, str):
            raise InputError(f"{where}: 'posted_at' must be an ISO-8601 time string")
        handle = item.get("handle", "")
        if not isinstance(handle, str):
            raise InputError(f"{where}: 'handle' must be a string")
        entries.append(HistoryEntry(network, persona, owner, text,
                                    _parse_time(posted_at, f"{where}: posted_at"),
                                    handle=handle))
    return entries


def _choice(kind: Any, item: dict[str, Any], key: str, where: str) -> Any:
    """``item[key]`` as a member of the enum ``kind``, or InputError naming the choices."""
    if key not in item:
        raise InputError(f"{where}: missing {key!r}")
    value = item[key]
    allowed = [member.value for member in kind]
    if not isinstance(value, str) or value not in allowed:
        raise InputError(f"{where}: {key!r} must be one of {', '.join(allowed)}")
    return kind(value)


def _load_builtin_data(paths: AppPaths) -> None:
    """Have the built-in word lists (each compiled on first use) and the meaning model (every
    check reads it, so it is read now) go through the profile's cache folder: less than half
    the time when an earlier run saved them (see app.check.compiled_cache)."""
    from app.check.lexicons import builtin_lexicons
    from app.check.meaning import shipped_model

    try:
        cache_dir: Path | None = paths.cache_dir()
    except OSError:  # a cache folder that cannot be made only costs time
        cache_dir = None
    builtin_lexicons(cache_dir=cache_dir)
    shipped_model(cache_dir=cache_dir)


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    """Check the draft; print JSON or a readable report; return 0, 1 or 2."""
    try:
        return _run(args, paths)
    except InputError as error:
        print(f"twofold check: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _run(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.check.engine import check_draft
    from app.check.policy import is_handle, load_policy_layers
    from app.check.report import dumps, render_text
    from app.core.model import CheckTarget, ImageAttachment, Network, Owner, Persona

    now = _parse_time(args.now, "--now") if args.now else None
    handle = args.handle.strip()
    if handle and not is_handle(handle):
        raise InputError(f"--handle {handle!r} is not an account handle; write it as the "
                         "network shows it: @crunchly, crunchly.bsky.social or "
                         "@crunchly@mastodon.social")
    for image in args.image:
        if not image.is_file():
            raise InputError(f"image not found: {image}")
    if len(args.alt) > len(args.image):
        raise InputError("--alt describes the --image given before it; there are more --alt "
                         "than --image options")
    history = _read_history(args.history) if args.history is not None else []
    from app.cli.tailoring import TailoringError, parse_variants

    try:
        variants = parse_variants(args.variant)
    except TailoringError as problem:
        raise InputError(str(problem)) from None
    # The variant for --network is what that network's accounts get; others do not apply.
    text = variants[args.network] if args.network in variants else _read_text(args.text)

    _load_builtin_data(paths)
    loaded = load_policy_layers(paths, explicit=args.policy)
    if loaded.errors:
        raise InputError(str(loaded.errors[0]))
    for notice in loaded.notices:
        print(f"twofold check: note: {notice}", file=sys.stderr)

    target = CheckTarget(Network(args.network), Persona(args.persona), Owner(args.owner),
                         handle=handle)
    alts = [*args.alt, *[""] * (len(args.image) - len(args.alt))]
    images = [ImageAttachment(p, alt) for p, alt in zip(args.image, alts, strict=True)]
    parts: tuple[Any, ...] = ()
    if args.thread:
        from app.check.thread_check import check_as_thread
        from app.networks.registry import descriptor

        checked = check_as_thread(
            lambda part: check_draft(part, target, images=images, policy=loaded.policy,
                                     history=history, now=now),
            text, target.network, max_chars=loaded.policy.max_length(target.network),
            supports_threads=descriptor(target.network).supports_threads)
        result, parts = checked.result, checked.parts if checked.is_thread else ()
    else:
        result = check_draft(text, target, images=images,
                             policy=loaded.policy, history=history, now=now)
    if args.json and parts:
        payload = json.loads(dumps(result))
        payload["thread"] = [part.text for part in parts]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    elif args.json:
        from app.check.limits import count_for_network

        count = count_for_network(target.network, text, max_chars=target.max_chars
                                  or loaded.policy.max_length(target.network))
        print(dumps(result, length={"count": count.used, "limit": count.limit,
                                    "unit": count.unit}))
    else:
        owner = "employer's account" if target.owner is Owner.EMPLOYER else "your account"
        client = loaded.policy.client_for(handle) if target.persona is Persona.WORK else None
        if client is not None:
            owner = f"{client.name}'s account, your client"
        if handle:
            owner = f"{handle}, {owner}"
        heading = f"{target.network.display_name} · {target.persona.label} ({owner})"
        sys.stdout.write(render_text(result, text, heading=heading))
        if parts:
            print(f"\nAs a thread of {len(parts)} posts:")
            for number, part in enumerate(parts, start=1):
                print(f"\n--- post {number}/{len(parts)} ---\n{part.text}")
    return EXIT_OK if result.verdict == "ok" else EXIT_FINDINGS
