"""Stand-ins for the persona check and a network (the store in engine tests is the real one)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from app.core.model import (
    Account,
    CheckResult,
    Draft,
    Finding,
    Network,
    Persona,
    Severity,
)
from app.networks.ports import PostContent, PostReceipt
from app.store.store import Store


def make_accounts(store: Store, count: int, persona: Persona = Persona.WORK,
                  network: Network = Network.BLUESKY, prefix: str = "acct") -> list[Account]:
    """Save ``count`` accounts in the store and return them (with ids)."""
    return [store.accounts.add(Account(network, f"{prefix}{i}.test", persona))
            for i in range(1, count + 1)]


@dataclass
class FakeChecker:
    """Findings by account id (default: none)."""

    findings: dict[int, tuple[Finding, ...]] = field(default_factory=dict)
    calls: list[tuple[str, int]] = field(default_factory=list)

    def __call__(self, draft: Draft, account: Account) -> CheckResult:
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

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None) -> PostReceipt:
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
                      queued_at: datetime | None = None) -> PostReceipt | None:
        self.finds += 1
        if self.find_script:
            step = self.find_script.pop(0)
            if isinstance(step, BaseException):
                raise step
        with self.server.lock:
            return receipt_for(key) if key in self.server.posts else None
