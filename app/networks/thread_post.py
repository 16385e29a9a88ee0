"""Tailored posts: the text each account gets (its network's variant), its check, and threads
sent exactly once per part.

A thread is ONE outbox row (draft × account) whose ``progress`` holds the parts
(``thread.parts``, frozen when the row is queued) and, per part, what the network answered.
``ThreadClient`` wraps the account's client for such a row:

- ``send`` posts the parts in order, each a reply to the part before it (root = the first
  part), skipping the parts already answered. Before a part's request leaves, the row records
  that it was tried (``thread.<i>.tried``); its receipt is saved as soon as it comes back.
- ``find_existing`` asks the network (its own "find what was already posted") about a part
  that was tried without an answer. It returns a receipt only when EVERY part is out; a part
  the server certainly does not have is marked untried, and the engine's next ``send``
  resumes from it. So a crash in the middle resumes from the first part not sent, and a part
  whose fate is unknown is checked before it is sent again: never a duplicate.
- A part that is out but whose post id the network has not given yet (a ``provisional``
  receipt: Threads published it, its replies listing does not show it yet) is never
  answered: the thread stops there as ``unknown``, and the lookup is asked again before
  the rest is sent.

The engine drives the row's states as for any post (queued → sending → sent | failed |
unknown); the row becomes ``sent`` when the last part is out, with the first part's address.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.core.model import Account, CheckResult, Draft, Network
from app.core.variants import draft_for, text_for, wants_thread
from app.networks.errors import AmbiguousError, PermanentError
from app.networks.ports import (
    Checkpoint,
    NetworkClient,
    PostContent,
    PostReceipt,
    ReplyTo,
)

if TYPE_CHECKING:
    from app.check.thread_check import ThreadCheck

PARTS_KEY = "thread.parts"


def supports_threads(network: Network | str) -> bool:
    """Whether the network's descriptor says it takes threads."""
    from app.networks.registry import descriptor

    return descriptor(network).supports_threads


def check_for_account(check: Callable[[Draft, Account], CheckResult], draft: Draft,
                      account: Account) -> ThreadCheck:
    """The persona check of what ``account`` actually gets: its network's variant (else the
    main text), as a thread when the draft asks for one there (see
    ``app.check.thread_check``)."""
    from app.check.thread_check import ThreadCheck, check_as_thread
    from app.check.thread_split import ThreadPart

    network = account.network.value
    tailored = draft_for(draft, network)
    if not wants_thread(draft, network):
        return ThreadCheck(check(tailored, account),
                           (ThreadPart(tailored.text, 0, len(tailored.text)),))
    return check_as_thread(lambda text: check(replace(tailored, text=text), account),
                           tailored.text, account.network,
                           max_chars=account.check_target().max_chars,
                           supports_threads=supports_threads(account.network))


def queued_text(draft: Draft, account: Account) -> str:
    """The text frozen into ``account``'s outbox row."""
    return text_for(draft, account.network.value)


def thread_progress(parts: Sequence[str]) -> dict[str, str]:
    """A thread row's first progress: its parts, frozen with the row."""
    return {PARTS_KEY: json.dumps(list(parts), ensure_ascii=False)}


def parts_of(progress: Mapping[str, str]) -> list[str] | None:
    """The parts of a thread row (None: the row is one ordinary post)."""
    raw = progress.get(PARTS_KEY)
    if not raw:
        return None
    try:
        parts = json.loads(raw)
    except ValueError:
        return None
    return [str(part) for part in parts] if isinstance(parts, list) and parts else None


def part_key(idempotency_key: str, index: int) -> str:
    """Part ``index``'s own idempotency key (the first part keeps the row's)."""
    return idempotency_key if index == 0 else f"{idempotency_key}.{index}"


class ThreadClient:
    """An account's client, posting one outbox row's thread part by part (see the module
    notes). ``checkpoint`` is the row's progress."""

    keeps_progress = True  # the engine hands in the checkpoint; this one keeps its own

    def __init__(self, inner: NetworkClient, parts: Sequence[str], checkpoint: Checkpoint
                 ) -> None:
        self.inner = inner
        self.network = inner.network
        self.idempotent_resend = getattr(inner, "idempotent_resend", False)
        self.parts = list(parts)
        self._checkpoint = checkpoint

    def validate(self, content: PostContent) -> None:
        """Every part must be one the network accepts."""
        for index in range(len(self.parts)):
            try:
                self.inner.validate(self._part(content, index, None))
            except PermanentError as error:
                raise PermanentError(f"Post {index + 1}/{len(self.parts)} of the thread: "
                                     f"{error.user_message}") from None

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None, **_: Any) -> PostReceipt:
        """Post every part not yet out, in order, each answering the one before."""
        for index in range(len(self.parts)):
            if self._receipt(index) is not None:
                continue
            part = self._part(content, index, self._reply_to(index))
            progress = self._checkpoint.load()
            progress[f"thread.{index}.tried"] = "1"
            self._checkpoint.save(progress)
            receipt = self.inner.send(part, part_key(idempotency_key, index), queued_at,
                                      **self._inner_kwargs(index))
            self._hold_if_unanswerable(index, receipt)
            self._record(index, receipt)
        return self._finished()

    def find_existing(self, content: PostContent, idempotency_key: str,
                      queued_at: datetime | None = None, **_: Any) -> PostReceipt | None:
        """The first part's receipt when every part is out; None when some part certainly
        is not (the next ``send`` resumes there)."""
        for index in range(len(self.parts)):
            if self._receipt(index) is not None:
                continue
            progress = self._checkpoint.load()
            if not progress.get(f"thread.{index}.tried"):
                return None
            part = self._part(content, index, self._reply_to(index))
            found = self.inner.find_existing(part, part_key(idempotency_key, index),
                                             queued_at, **self._inner_kwargs(index))
            if found is None:
                progress = self._checkpoint.load()
                progress.pop(f"thread.{index}.tried", None)
                self._checkpoint.save(progress)
                return None
            self._hold_if_unanswerable(index, found)
            self._record(index, found)
        return self._finished()

    # -- parts ------------------------------------------------------------------------------

    def _part(self, content: PostContent, index: int, reply_to: ReplyTo | None) -> PostContent:
        # Images go with the first part only; every part keeps the post's other options.
        return replace(content, text=self.parts[index],
                       images=content.images if index == 0 else (), reply_to=reply_to)

    def _receipt(self, index: int) -> PostReceipt | None:
        progress = self._checkpoint.load()
        remote_id = progress.get(f"thread.{index}.id")
        if not remote_id:
            return None
        return PostReceipt(remote_id=remote_id, url=progress.get(f"thread.{index}.url", ""),
                           reply_ref=progress.get(f"thread.{index}.ref", ""))

    def _reply_to(self, index: int) -> ReplyTo | None:
        if index == 0:
            return None
        root = self._receipt(0)
        parent = self._receipt(index - 1)
        if root is None or parent is None:  # cannot happen: parts go out in order
            raise PermanentError("A thread's part was to be sent before the one it answers.")
        return ReplyTo(root_id=root.remote_id, parent_id=parent.remote_id,
                       root_ref=root.reply_ref, parent_ref=parent.reply_ref)

    def _hold_if_unanswerable(self, index: int, receipt: PostReceipt) -> None:
        """Stop the thread at part ``index`` when it is out but the network has not said
        which post it became (Threads: published, not yet in the replies listing): the next
        part would answer a wrong id. The part stays "tried", so the row becomes unknown and
        the next look (``find_existing``) asks the network again before anything is sent."""
        if not receipt.provisional or index == len(self.parts) - 1:
            return  # the last part: nothing answers it, its receipt is enough
        raise AmbiguousError(
            f"Post {index + 1}/{len(self.parts)} of the thread went out, but "
            f"{self.network.display_name} does not list it yet, so the next post cannot "
            "answer it. Twofold looks for it again before sending the rest.")

    def _record(self, index: int, receipt: PostReceipt) -> None:
        progress = self._checkpoint.load()
        progress.pop(f"thread.{index}.tried", None)
        progress[f"thread.{index}.id"] = receipt.remote_id
        progress[f"thread.{index}.url"] = receipt.url
        if receipt.reply_ref:
            progress[f"thread.{index}.ref"] = receipt.reply_ref
        self._checkpoint.save(progress)

    def _finished(self) -> PostReceipt:
        first = self._receipt(0)
        assert first is not None
        total = len(self.parts)
        return PostReceipt(remote_id=first.remote_id, url=first.url, reply_ref=first.reply_ref,
                           note=f"Posted to {self.network.display_name} as a thread of "
                                f"{total} posts.")

    def _inner_kwargs(self, index: int) -> dict[str, Any]:
        if not getattr(self.inner, "keeps_progress", False):
            return {}
        return {"checkpoint": _PartCheckpoint(self._checkpoint, index)}

    def __repr__(self) -> str:
        return f"ThreadClient({self.inner!r}, parts={len(self.parts)})"


class _PartCheckpoint:
    """One part's own progress (a Threads container) inside the row's, under
    ``thread.<i>.``."""

    def __init__(self, row: Checkpoint, index: int) -> None:
        self._row = row
        self._prefix = f"thread.{index}.inner."

    def load(self) -> dict[str, str]:
        return {key[len(self._prefix):]: value for key, value in self._row.load().items()
                if key.startswith(self._prefix)}

    def save(self, progress: Mapping[str, str]) -> None:
        kept = {key: value for key, value in self._row.load().items()
                if not key.startswith(self._prefix)}
        kept.update({self._prefix + key: str(value) for key, value in progress.items()})
        self._row.save(kept)


def client_for_row(client: NetworkClient, progress: Mapping[str, str],
                   checkpoint: Checkpoint) -> NetworkClient:
    """``client`` itself for an ordinary row; a ``ThreadClient`` for a thread's row."""
    parts = parts_of(progress)
    if parts is None:
        return client
    return ThreadClient(client, parts, checkpoint)  # type: ignore[return-value]
