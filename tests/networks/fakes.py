"""In-memory stand-ins for the store, the persona check and a network, for engine tests."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from app.core.model import (
    Account,
    CheckResult,
    Draft,
    Finding,
    HistoryEntry,
    Network,
    OutboxEntry,
    OutboxState,
    Persona,
    Severity,
)
from app.networks.ports import PostContent, PostReceipt


class FakeOutbox:
    def __init__(self) -> None:
        self.rows: dict[int, OutboxEntry] = {}
        self._ids = itertools.count(1)
        self.lock = threading.Lock()

    def ensure(self, draft_id: int, account_id: int, idempotency_key: str) -> OutboxEntry:
        with self.lock:
            for row in self.rows.values():
                if (row.draft_id, row.account_id) == (draft_id, account_id):
                    return replace(row)
            row = OutboxEntry(draft_id, account_id, idempotency_key, id=next(self._ids),
                              created_at=datetime.now(UTC))
            self.rows[row.id] = row
            return replace(row)

    def update(self, entry: OutboxEntry) -> None:
        with self.lock:
            assert entry.id in self.rows
            self.rows[entry.id] = replace(entry)

    def for_draft(self, draft_id: int) -> list[OutboxEntry]:
        with self.lock:
            return [replace(r) for r in self.rows.values() if r.draft_id == draft_id]

    def in_states(self, states: Sequence[OutboxState]) -> list[OutboxEntry]:
        with self.lock:
            return [replace(r) for r in self.rows.values() if r.state in states]

    def row(self, draft_id: int, account_id: int) -> OutboxEntry:
        [row] = [r for r in self.rows.values()
                 if (r.draft_id, r.account_id) == (draft_id, account_id)]
        return row


class FakeHistory:
    def __init__(self) -> None:
        self.entries: list[tuple[HistoryEntry, str]] = []

    def record(self, entry: HistoryEntry, override_reason: str = "") -> None:
        self.entries.append((entry, override_reason))

    def recent(self) -> list[HistoryEntry]:
        return [entry for entry, _ in self.entries]


class FakeDrafts:
    def __init__(self) -> None:
        self.drafts: dict[int, Draft] = {}
        self._ids = itertools.count(1)

    def add(self, text: str, **kwargs: object) -> Draft:
        draft = Draft(text=text, id=next(self._ids), **kwargs)  # type: ignore[arg-type]
        self.drafts[draft.id] = draft  # type: ignore[index]
        return draft

    def get(self, draft_id: int) -> Draft | None:
        return self.drafts.get(draft_id)


class FakeAccounts:
    def __init__(self, accounts: Sequence[Account] = ()) -> None:
        self.accounts = {a.id: a for a in accounts}

    def get(self, account_id: int) -> Account | None:
        return self.accounts.get(account_id)


def make_accounts(count: int, persona: Persona = Persona.WORK,
                  network: Network = Network.BLUESKY, first_id: int = 1) -> list[Account]:
    return [Account(network, f"acct{i}.test", persona, id=i)
            for i in range(first_id, first_id + count)]


@dataclass
class FakeChecker:
    """Findings by account id (default: none)."""

    findings: dict[int, tuple[Finding, ...]] = field(default_factory=dict)
    calls: list[tuple[str, int]] = field(default_factory=list)

    def __call__(self, draft: Draft, account: Account,
                 history: Sequence[HistoryEntry]) -> CheckResult:
        self.calls.append((draft.text, account.id))  # type: ignore[arg-type]
        return CheckResult(self.findings.get(account.id, ()))  # type: ignore[arg-type]


def finding(severity: Severity, category: str = "persona", message: str = "Problem.") -> Finding:
    return Finding(rule=f"{category}.test", category=category, severity=severity,
                   message=message)


class FakeNetwork:
    """A server that honours idempotency keys: one post per key, like putRecord/swapRecord."""

    def __init__(self) -> None:
        self.posts: dict[str, PostContent] = {}
        self.lock = threading.Lock()

    def store(self, content: PostContent, key: str) -> PostReceipt:
        with self.lock:
            self.posts.setdefault(key, content)
        return receipt_for(key)


def receipt_for(key: str) -> PostReceipt:
    return PostReceipt(remote_id=f"id-{key}", url=f"https://example.test/post/{key}")


Action = Callable[["FakeClient", PostContent, str], PostReceipt]


class FakeClient:
    """A network client whose send() follows a script of actions, then succeeds."""

    network = Network.BLUESKY

    def __init__(self, server: FakeNetwork | None = None, script: Sequence[object] = (),
                 send_seconds: float = 0.0, find_script: Sequence[object] = ()) -> None:
        self.server = server or FakeNetwork()
        self.script = list(script)
        self.find_script = list(find_script)
        self.send_seconds = send_seconds
        self.sends = 0
        self.finds = 0
        self.on_send: Callable[[str], None] | None = None
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()

    def validate(self, content: PostContent) -> None:
        pass

    def send(self, content: PostContent, idempotency_key: str) -> PostReceipt:
        with self._lock:
            self.sends += 1
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            if self.on_send:
                self.on_send(idempotency_key)
            if self.send_seconds:
                time.sleep(self.send_seconds)
            step = self.script.pop(0) if self.script else "ok"
            if step == "ok":
                return self.server.store(content, idempotency_key)
            if step == "landed-then-lost":  # the server posted it; the answer never arrived
                self.server.store(content, idempotency_key)
                from app.networks.errors import AmbiguousError
                raise AmbiguousError("Bluesky did not answer in time.")
            assert isinstance(step, BaseException)
            raise step
        finally:
            with self._lock:
                self.active -= 1

    def find_existing(self, content: PostContent, key: str,
                      since: datetime | None) -> PostReceipt | None:
        self.finds += 1
        if self.find_script:
            step = self.find_script.pop(0)
            if isinstance(step, BaseException):
                raise step
        with self.server.lock:
            return receipt_for(key) if key in self.server.posts else None
