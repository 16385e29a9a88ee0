"""Rules that look back at earlier posts: the promotion budget and duplicates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from difflib import SequenceMatcher
from functools import lru_cache

from app.check.entities import find_urls
from app.check.policy import handle_key
from app.check.text import fold_string
from app.core.model import CheckTarget, HistoryEntry, Persona

SAME_ACCOUNT_WINDOW = timedelta(days=30)
OTHER_IDENTITY_WINDOW = timedelta(days=90)
NEAR_DUPLICATE_RATIO = 0.9
_MIN_WORDS_FOR_NEAR = 4
# Greetings and one-liners ("gm", "Happy new year!") are posted by everyone: the same few words
# on both identities do not link them.
_MIN_WORDS_TO_LINK = 4
_WORD = re.compile(r"[^\W_]+")
_MAX_COMPARED_WORDS = 400


def as_utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC time (a naive time is taken to be UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def same_account(entry: HistoryEntry, target: CheckTarget) -> bool:
    """Whether ``entry`` was posted from the account ``target`` describes: the same network,
    persona and owner, and the same handle when both are known (an agency's staff run several
    clients' accounts of one kind; each has its own promotion budget and its own repeats)."""
    return (entry.network == target.network and entry.persona == target.persona
            and entry.owner == target.owner and _same_handle(entry.handle, target.handle))


def _same_handle(one: str, other: str) -> bool:
    """Whether two handles may name one account: either unknown, equal as written to reach
    it, or one of them without the Mastodon server the other names ("crunchly" and
    "crunchly@mastodon.social", as the history keeps the handle the server gave)."""
    one, other = handle_key(one), handle_key(other)
    if not one or not other or one == other:
        return True
    return one.partition("@")[0] == other.partition("@")[0] and ("@" not in one
                                                                 or "@" not in other)


def same_identity(entry: HistoryEntry, target: CheckTarget) -> bool:
    """Whether ``entry`` was posted as the identity ``target`` posts as (the same persona and
    owner), on any network."""
    return entry.persona == target.persona and entry.owner == target.owner


def comparable_words(text: str) -> list[str]:
    """The words that make two posts "the same": folded, links removed (networks rewrite
    them), punctuation, emoji and # / @ signs ignored."""
    return list(_comparable_words(text))


@lru_cache(maxsize=4096)
def _comparable_words(text: str) -> tuple[str, ...]:
    pieces = []
    position = 0
    for url in find_urls(text):
        pieces.append(text[position:url.start])
        position = url.end
    pieces.append(text[position:])
    return tuple(_WORD.findall(fold_string(" ".join(pieces))))


@dataclass(frozen=True)
class Duplicate:
    """An earlier post that matches the draft."""

    entry: HistoryEntry
    exact: bool


def _similar(words: list[str], other: list[str]) -> tuple[bool, bool]:
    if not words or not other:
        return False, False
    if words == other:
        return True, True
    if len(words) < _MIN_WORDS_FOR_NEAR or len(other) < _MIN_WORDS_FOR_NEAR:
        return False, False
    shorter, longer = sorted((len(words), len(other)))
    if shorter / longer < 0.8:
        return False, False
    common = set(words) & set(other)
    if len(common) / len(set(words) | set(other)) < 0.6:
        return False, False
    # SequenceMatcher is quadratic in the worst case: long posts are compared on their
    # beginnings, which is where a reworded repeat shows.
    ratio = SequenceMatcher(None, words[:_MAX_COMPARED_WORDS], other[:_MAX_COMPARED_WORDS],
                            autojunk=False).ratio()
    return ratio >= NEAR_DUPLICATE_RATIO, False


def find_duplicates(text: str, target: CheckTarget, history: Sequence[HistoryEntry],
                    now: datetime) -> tuple[Duplicate | None, Duplicate | None]:
    """(the closest repeat on this account, a repeat from the other identity), each or None."""
    words = comparable_words(text)
    if not words:
        return None, None
    mine: Duplicate | None = None
    other: Duplicate | None = None
    for entry in history:
        age = now - as_utc(entry.posted_at)
        if same_account(entry, target):
            if age > SAME_ACCOUNT_WINDOW or (mine is not None and mine.exact):
                continue
        elif Persona(entry.persona) is not Persona(target.persona):
            if age > OTHER_IDENTITY_WINDOW or (other is not None and other.exact) \
                    or len(words) < _MIN_WORDS_TO_LINK:
                continue
        else:
            continue  # the same identity on another network: cross-posting is fine
        similar, exact = _similar(words, comparable_words(entry.text))
        if not similar:
            continue
        found = Duplicate(entry, exact)
        if same_account(entry, target):
            if mine is None or exact:
                mine = found
        elif other is None or exact:
            other = found
    return mine, other
