"""Suggested posts: what the employer asked staff to share, as plain data.

A ``SuggestedPost`` is one item as a feed or the organisation file gives it (already plain
text); a ``Suggestion`` is that item as the store keeps it, with what the user did with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class SuggestionState(StrEnum):
    """What the user did with a suggestion. Never reported anywhere."""

    NEW = "new"
    SNOOZED = "snoozed"
    SHARED = "shared"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        """"New", "Snoozed", …"""
        return self.value.capitalize()


# Where inline ``[[suggestions]]`` of the organisation file are kept (instead of a feed URL).
INLINE_SOURCE = "organisation-file"


@dataclass(frozen=True)
class SuggestedPost:
    """One suggestion as its source gives it: plain text, no HTML."""

    key: str  # the source's id for it (a feed item's id or guid; the file's ``id``)
    title: str
    text: str
    link: str = ""
    images: tuple[str, ...] = ()  # image addresses
    partner: str = ""  # the advertiser or client it concerns; "" for the employer's own news
    starts_at: datetime | None = None  # shown from …
    ends_at: datetime | None = None  # … until


@dataclass(frozen=True)
class Suggestion:
    """A stored suggestion and what the user did with it."""

    id: int
    source: str  # the feed's address, or INLINE_SOURCE
    key: str
    title: str
    text: str
    link: str
    images: tuple[str, ...]
    partner: str
    starts_at: datetime | None
    ends_at: datetime | None
    state: SuggestionState  # as saved; see ``state_at`` for a snooze that has ended
    snoozed_until: datetime | None
    shared_draft_id: int | None
    withdrawn: bool  # no longer in its source (kept: nothing the user did is lost)
    first_seen: datetime

    def state_at(self, now: datetime) -> SuggestionState:
        """The state as the inbox shows it: a snooze that has ended is new again."""
        if (self.state is SuggestionState.SNOOZED and self.snoozed_until is not None
                and self.snoozed_until <= now):
            return SuggestionState.NEW
        return self.state

    def current_at(self, now: datetime) -> bool:
        """Whether it is within its dates and still offered by its source."""
        if self.withdrawn:
            return False
        if self.starts_at is not None and now < self.starts_at:
            return False
        return self.ends_at is None or now <= self.ends_at


@dataclass(frozen=True)
class FeedStatus:
    """A suggestions feed and how its last refresh went."""

    url: str
    origin: str  # "organisation" or "user"
    status: str  # never | ok | unchanged | failed
    message: str
    etag: str
    last_modified: str
    checked_at: datetime | None
    succeeded_at: datetime | None


# Elements whose end starts a new line in plain text, and those whose content is never text.
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                         "blockquote", "pre", "tr", "table", "section", "article", "hr"})
_HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "template", "noscript", "iframe",
                          "object", "svg"})


def plain_text(markup: str) -> str:
    """``markup`` (HTML, or plain text with entities) as plain text: tags dropped, scripts and
    styles with their content, entities decoded, paragraphs and line breaks kept as single
    blank lines, runs of spaces collapsed."""
    import re
    from html.parser import HTMLParser

    pieces: list[str] = []
    hidden = [0]

    class _Text(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in _HIDDEN_TAGS:
                hidden[0] += 1
            elif tag in _BLOCK_TAGS:
                pieces.append("\n")

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in _BLOCK_TAGS:
                pieces.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in _HIDDEN_TAGS:
                hidden[0] = max(0, hidden[0] - 1)
            elif tag in _BLOCK_TAGS:
                pieces.append("\n")

        def handle_data(self, data: str) -> None:
            if not hidden[0]:
                pieces.append(data)

    parser = _Text(convert_charrefs=True)
    parser.feed(markup)
    parser.close()
    text = "".join(pieces).replace("\r\n", "\n").replace("\u00a0", " ")
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
