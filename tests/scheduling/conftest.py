"""Fixtures for the scheduling tests: a real store in a temporary profile, a clock the test
moves by hand (nothing sleeps), a network client that counts every post it is asked to send."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.core.model import Account, CheckResult, Draft, Finding, Network, Persona
from app.networks.engine import PostingEngine
from app.networks.ports import PostContent, PostReceipt
from app.networks.scheduler import Scheduler
from app.store.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


class ManualClock:
    """The current moment, moved only by the test."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


class CountingClient:
    """A network that records every send (one entry per request, duplicates included)."""

    network = Network.MASTODON

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []  # (idempotency key, text)
        self.lock = threading.Lock()
        self.on_send: object = None

    def validate(self, content: PostContent) -> None:
        pass

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None) -> PostReceipt:
        if callable(self.on_send):
            self.on_send()
        with self.lock:
            self.sent.append((idempotency_key, content.text))
        return PostReceipt(remote_id=f"id-{idempotency_key}",
                           url=f"https://social.example/@me/{idempotency_key}")

    def find_existing(self, content: PostContent, key: str,
                      queued_at: datetime | None = None) -> PostReceipt | None:
        with self.lock:
            if any(sent_key == key for sent_key, _ in self.sent):
                return PostReceipt(remote_id=f"id-{key}", url=f"https://social.example/{key}")
        return None


@dataclass
class TimedChecker:
    """Findings by account id, changeable between scheduling and sending; records the moment
    each check was made for."""

    findings: dict[int, tuple[Finding, ...]] = field(default_factory=dict)
    moments: list[datetime] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def __call__(self, draft: Draft, account: Account, moment: datetime) -> CheckResult:
        self.moments.append(moment)
        self.texts.append(draft.text)
        return CheckResult(self.findings.get(account.id or 0, ()))

    def engine_check(self, draft: Draft, account: Account) -> CheckResult:
        return CheckResult(self.findings.get(account.id or 0, ()))


@dataclass
class Setup:
    store: Store
    clock: ManualClock
    client: CountingClient
    checker: TimedChecker
    engine: PostingEngine
    scheduler: Scheduler
    work: list[Account]

    def draft(self, text: str = "Spring issue out now") -> Draft:
        return self.store.drafts.save(Draft(text=text))


def make_scheduler(store: Store, clock: ManualClock, engine: PostingEngine,
                   checker: TimedChecker, **kwargs: object) -> Scheduler:
    return Scheduler(store=store, engine=engine, check=checker, zone=BERLIN, clock=clock,
                     **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    store = Store(tmp_path / "twofold.sqlite3")
    work = [store.accounts.add(Account(Network.MASTODON, f"me{i}", Persona.WORK,
                                       server="https://social.example")) for i in (1, 2)]
    clock = ManualClock(datetime(2026, 12, 1, 8, 0, tzinfo=UTC))  # Tue 09:00 in Berlin
    client = CountingClient()
    checker = TimedChecker()
    engine = PostingEngine(accounts=store.accounts, outbox=store.outbox,
                           checker=checker.engine_check, client_for=lambda account: client)
    scheduler = make_scheduler(store, clock, engine, checker)
    try:
        yield Setup(store, clock, client, checker, engine, scheduler, work)
    finally:
        engine.close()
        store.close()
