"""Share via the browser, recorded: posting to accounts Twofold cannot post to itself.

For a network without an API client (a personal Facebook profile, Instagram…) or whose app
credentials IT has not supplied, the draft is checked like any other; then, instead of an API
call, the network's web compose page is opened with the text filled in where the network
supports it, or the text goes to the clipboard with a one-line instruction. The outbox row is
then ``sent`` with a ``browser:`` remote id, so the history shows the post as "handed to your
browser" (Twofold cannot see whether the user finished it there).

``BrowserHandoffClient`` is a ``NetworkClient``; what "open the page" and "copy the text"
mean is the caller's ``hand_off`` function (Qt's desktop services in the window,
``webbrowser`` on the command line). No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.model import Account, Network
from app.networks.descriptor import POSTING_BY_BROWSER, POSTING_SETTING
from app.networks.ports import PostContent, PostReceipt

if TYPE_CHECKING:
    from app.networks.descriptor import NetworkDescriptor

BROWSER_ID_PREFIX = "browser:"
HANDED_LABEL = "Handed to your browser"


@dataclass(frozen=True)
class Handoff:
    """What to do for one post: open ``url`` (if any), put ``text`` on the clipboard when
    ``copy_text``; ``instruction`` is the one line to show."""

    network: Network
    url: str | None
    text: str = field(repr=False)
    copy_text: bool
    instruction: str
    # Image files to show (Instagram: the app takes the picture; Twofold shows the file).
    images: tuple[Path, ...] = ()


# Carries the hand-off out; may return the instruction to show instead of the planned one
# (the command line has no clipboard, so it says something else).
HandOff = Callable[[Handoff], "str | None"]


def handed_to_browser(remote_id: str | None) -> bool:
    """Whether a sent post (outbox row or history entry) was handed to the browser."""
    return bool(remote_id) and str(remote_id).startswith(BROWSER_ID_PREFIX)


def posts_by_browser(account: Account, described: NetworkDescriptor) -> bool:
    """Whether this account's posts go through the browser."""
    return (described.client_factory is None
            or account.settings.get(POSTING_SETTING) == POSTING_BY_BROWSER)


def plan_handoff(account: Account, described: NetworkDescriptor, text: str,
                 images: tuple[Path, ...] = ()) -> Handoff:
    """The page to open (or the clipboard) and the instruction for ``text``. For a network
    that needs the picture itself (Instagram) the image files are shown as well."""
    name = described.display_name
    who = f"@{account.handle.lstrip('@')}"
    url = described.share_url(text, account.server)
    fills_text = url is not None and _carries_text(url, text)
    if url is not None and fills_text:
        instruction = (f"{name}'s compose page is open in your browser with the text filled "
                       f"in: check that you are signed in as {who} and post it there.")
    elif url is not None:
        instruction = (f"{name}'s share page is open in your browser and the text is on the "
                       f"clipboard: paste it there as {who} and post it.")
    else:
        instruction = (f"The text is on the clipboard: open {name}, signed in as {who}, paste "
                       "it into a new post and post it.")
    shown: tuple[Path, ...] = ()
    if described.needs_media_host and images:
        shown = tuple(images)
        names = ", ".join(path.name for path in shown)
        instruction = (f"The caption is on the clipboard and the picture ({names}, in "
                       f"{shown[0].parent}) is open: post it in {name} as {who} and paste "
                       "the caption.")
    return Handoff(described.network, url, text, copy_text=not fills_text,
                   instruction=instruction, images=shown)


def _carries_text(url: str, text: str) -> bool:
    from urllib.parse import parse_qs, urlsplit

    values = [v for values in parse_qs(urlsplit(url).query).values() for v in values]
    return text in values


class BrowserHandoffClient:
    """The "client" of an account Twofold posts to through the browser."""

    def __init__(self, account: Account, described: NetworkDescriptor,
                 hand_off: HandOff) -> None:
        self.network = described.network
        self._account = account
        self._described = described
        self._hand_off = hand_off

    def validate(self, content: PostContent) -> None:
        """Nothing to refuse: the persona check has run, and the network's page decides."""

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None) -> PostReceipt:
        """Open the page (or fill the clipboard); record the post as handed over."""
        plan = plan_handoff(self._account, self._described, content.text,
                            tuple(Path(image.path) for image in content.images))
        instruction = self._hand_off(plan) or plan.instruction
        note = f"{HANDED_LABEL}: {instruction}"
        if content.images and not plan.images:
            note += " Attach the images there yourself."
        return PostReceipt(remote_id=f"{BROWSER_ID_PREFIX}{idempotency_key}", url="",
                           note=note)

    def find_existing(self, content: PostContent, idempotency_key: str,
                      queued_at: datetime | None = None) -> PostReceipt | None:
        """Twofold cannot see what happened in the browser: never found (a retry hands the
        post to the browser again; nothing is ever posted by Twofold itself)."""
        return None
