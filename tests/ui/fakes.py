"""Small stand-ins for the services the window talks to (see app/ui/ports.py).

The fake checker follows the persona check's contract (code-point spans into the original
text, fixes as edits or actions) with a handful of fixed rules, so UI tests can say exactly
which finding they expect. The fake poster records what reached which account and can be
told to fail or to hang until released, per account.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.core.model import (
    Account,
    CheckResult,
    CheckTarget,
    Draft,
    Finding,
    Fix,
    HistoryEntry,
    ImageAttachment,
    Network,
    Owner,
    Persona,
    Severity,
    Span,
    TextEdit,
)
from app.ui.ports import (
    AccountHealth,
    ConnectRequest,
    DeliveryState,
    DeliveryUpdate,
    HistoryRecord,
    PolicyReport,
    PolicySource,
    SignInState,
)

BRAND = re.compile(r"\bAcme\b", re.IGNORECASE)
PROMO = re.compile(r"\b(sale|discount|code|giveaway)\b", re.IGNORECASE)
CODENAME = re.compile(r"\bProject (Falcon|Osprey)\b", re.IGNORECASE)
DISCLOSURE = re.compile(r"(?<!\w)#(ad|employee)\b", re.IGNORECASE)
PROFANITY = re.compile(r"\bdamn\b", re.IGNORECASE)
LIMITS = {network: 300 for network in Network}


@dataclass
class LengthCount:
    used: int
    limit: int
    unit: str
    over: bool


class FakeChecker:
    """Fixed rules: brand/promo on personal (warn, switch fix), missing disclosure (warn,
    insert fix), codename (block, remove fix; overridable only when ``overridable``),
    profanity on work (warn), empty draft (block)."""

    def __init__(self, overridable: frozenset[str] = frozenset()) -> None:
        self.overridable = overridable
        self.calls = 0

    def check(self, text: str, target: CheckTarget, *,
              images: Sequence[ImageAttachment] = ()) -> CheckResult:
        self.calls += 1
        findings: list[Finding] = []
        if not text.strip():
            findings.append(Finding("limit.empty", "limit", Severity.BLOCK,
                                    "The draft is empty: write something to post."))
            return CheckResult(tuple(findings))
        promo_spans = tuple(Span(m.start(), m.end()) for m in BRAND.finditer(text)) + tuple(
            Span(m.start(), m.end()) for m in PROMO.finditer(text))
        if promo_spans and target.persona is Persona.PERSONAL:
            findings.append(Finding(
                "persona.promotion_on_personal", "persona", Severity.WARN,
                "This reads like promotion for Acme but is headed for your personal account; "
                "post it from your work account instead.",
                promo_spans,
                (Fix("Post from Work instead", action="switch_to_work"),)))
        if promo_spans and not DISCLOSURE.search(text):
            findings.append(Finding(
                "disclosure.missing", "disclosure", Severity.WARN,
                "Promotion of your employer needs a disclosure such as #employee at the start.",
                promo_spans[:1],
                (Fix("Insert “#employee” at the start", edits=(TextEdit(0, 0, "#employee "),)),)))
        for match in CODENAME.finditer(text):
            findings.append(Finding(
                "confidential.term", "confidential", Severity.BLOCK,
                f"“{match.group(0)}” is confidential: remove it before posting.",
                (Span(match.start(), match.end()),),
                (Fix(f"Remove “{match.group(0)}”", edits=(TextEdit(match.start(), match.end(),
                                                                ""),)),)))
        for number, image in enumerate(images, start=1):
            if not image.alt_text.strip():
                findings.append(Finding(
                    "accessibility.alt_text", "accessibility", Severity.WARN,
                    f"Image {number} ({image.path.name}) has no description.", (),
                    (Fix("Describe the image…", action="describe_image"),)))
        if target.persona is Persona.WORK:
            for match in PROFANITY.finditer(text):
                findings.append(Finding(
                    "conduct.profanity", "conduct", Severity.WARN,
                    "Profanity on a work account reflects on your employer.",
                    (Span(match.start(), match.end()),)))
        return CheckResult(tuple(findings))

    def count(self, network: Network, text: str, *, max_chars: int | None = None) -> LengthCount:
        limit = max_chars or LIMITS[network]
        return LengthCount(len(text), limit, "characters", len(text) > limit)

    def may_override(self, finding: Finding) -> bool:
        return finding.rule in self.overridable

    def policy_report(self) -> PolicyReport:
        return PolicyReport(
            sources=(PolicySource("built-in", "Twofold's built-in defaults"),
                     PolicySource("organisation", "/etc/xdg/twofold/policy.toml",
                                  ("confidential.term",))),
            summary=(("Employer", "Acme Magazine"), ("Confidential terms", "1")))

    def refresh_history(self) -> None:
        pass


class FakeAccounts:
    """Accounts in memory; ``connect_account`` gives them ids."""

    def __init__(self, accounts: Sequence[Account] = (), persistent: bool = True) -> None:
        self._accounts = {a.id: a for a in accounts if a.id is not None}
        self.secrets_persistent = persistent
        self.secrets: dict[int, str] = {}
        self.unsent: dict[int, int] = {}  # account id → posts not gone out yet
        self.health: dict[int, AccountHealth] = {}  # default: working

    def account_status(self, account_id: int) -> AccountHealth:
        return self.health.get(account_id, AccountHealth(SignInState.WORKING,
                                                         "Signed in and working."))

    def unsent_posts(self, account_id: int) -> int:
        return self.unsent.get(account_id, 0)

    def list_accounts(self) -> list[Account]:
        return [dataclasses.replace(a) for a in self._accounts.values()]

    def connect_account(self, request: ConnectRequest) -> Account:
        if request.reconnect_id is not None:  # a new sign-in for the same account
            self.secrets[request.reconnect_id] = request.secret
            return dataclasses.replace(self._accounts[request.reconnect_id])
        new_id = max(self._accounts, default=0) + 1
        account = Account(request.network, request.handle, request.persona, request.owner,
                          server=request.server, id=new_id)
        self._accounts[new_id] = account
        self.secrets[new_id] = request.secret
        return dataclasses.replace(account)

    def update_account(self, account: Account) -> Account:
        self._accounts[account.id] = dataclasses.replace(account)
        return dataclasses.replace(account)

    def set_persona(self, account_id: int, persona: Persona) -> Account:
        self._accounts[account_id].persona = persona
        return dataclasses.replace(self._accounts[account_id])

    def remove_account(self, account_id: int) -> None:
        self._accounts.pop(account_id, None)
        self.secrets.pop(account_id, None)

    def offboard(self) -> list[Account]:
        removed = [a for a in self._accounts.values() if a.owner is Owner.EMPLOYER]
        for account in removed:
            self.remove_account(account.id)  # type: ignore[arg-type]
        return removed


class FakeDrafts:
    """Drafts and history in memory."""

    def __init__(self) -> None:
        self.drafts: dict[int, Draft] = {}
        self.history: list[HistoryRecord] = []
        self.outbox: dict[int, list[DeliveryUpdate]] = {}
        self.saves = 0
        self._next = 1

    def save_draft(self, draft: Draft) -> Draft:
        self.saves += 1
        if draft.id is None:
            draft = dataclasses.replace(draft, id=self._next)
            self._next += 1
        self.drafts[draft.id] = dataclasses.replace(draft)  # type: ignore[index]
        return draft

    def list_drafts(self) -> list[Draft]:
        return sorted(self.drafts.values(), key=lambda d: -(d.id or 0))

    def delete_draft(self, draft_id: int) -> None:
        self.drafts.pop(draft_id, None)

    def finish_draft(self, draft_id: int) -> None:
        self.drafts.pop(draft_id, None)

    def deliveries(self, draft_id: int) -> list[DeliveryUpdate]:
        return list(self.outbox.get(draft_id, []))

    def list_history(self, limit: int = 500) -> list[HistoryRecord]:
        return self.history[:limit]


@dataclass
class FakePoster:
    """Records deliveries. ``fail`` holds account ids that fail (once each, unless
    ``fail_always``); ``gate`` (when set) makes every delivery wait until it is set. A cancel
    ends that wait like the engine does (nothing sent, failed) unless ``hung``: then the
    request is "on the wire" and only the gate ends it."""

    fail: set[int] = field(default_factory=set)
    fail_always: bool = False
    gate: threading.Event | None = None
    hung: bool = False
    signed_out: set[int] = field(default_factory=set)  # accounts whose sign-in stopped working
    delivered: list[tuple[int, str]] = field(default_factory=list)
    calls: list[tuple[str, list[int]]] = field(default_factory=list)
    override_reasons: list[str | None] = field(default_factory=list)
    _failed: dict[int, set[int]] = field(default_factory=dict)
    _accounts: dict[int, Account] = field(default_factory=dict)

    def post(self, draft: Draft, accounts: Sequence[Account], *, confirmed: bool,
             override_reason: str | None, on_update, cancel=None) -> list[DeliveryUpdate]:
        self.calls.append(("post", [a.id for a in accounts]))
        self.override_reasons.append(override_reason)
        for account in accounts:
            self._accounts[account.id] = account  # type: ignore[index]
        return self._deliver(draft, list(accounts), on_update, cancel)

    def retry_failed(self, draft: Draft, *, on_update, cancel=None) -> list[DeliveryUpdate]:
        failed = self._failed.get(draft.id or 0, set())
        accounts = [self._accounts[i] for i in sorted(failed)]
        self.calls.append(("retry", [a.id for a in accounts]))
        return self._deliver(draft, accounts, on_update, cancel)

    def _deliver(self, draft: Draft, accounts: list[Account], on_update,
                 cancel=None) -> list[DeliveryUpdate]:
        results = []
        for account in accounts:
            on_update(DeliveryUpdate(account.id, DeliveryState.SENDING))
        cancelled = False
        if self.gate is not None:
            deadline = time.monotonic() + 30
            while not self.gate.wait(0.01):
                if cancel is not None and cancel.is_set() and not self.hung:
                    cancelled = True
                    break
                assert time.monotonic() < deadline, "test never released the fake server"
        failed = self._failed.setdefault(draft.id or 0, set())
        for account in accounts:
            if cancelled:
                failed.add(account.id)
                update = DeliveryUpdate(account.id, DeliveryState.FAILED,
                                        "Cancelled before it went out; nothing was posted.")
            elif account.id in self.signed_out:
                failed.add(account.id)
                update = DeliveryUpdate(account.id, DeliveryState.FAILED,
                                        "Bluesky no longer accepts the saved login; reconnect "
                                        "the account.", needs_reconnect=True)
            elif account.id in self.fail:
                if not self.fail_always:
                    self.fail.discard(account.id)
                failed.add(account.id)
                update = DeliveryUpdate(account.id, DeliveryState.FAILED,
                                        "the server answered 500; nothing was posted")
            else:
                failed.discard(account.id)
                self.delivered.append((account.id, draft.text))
                update = DeliveryUpdate(account.id, DeliveryState.SENT,
                                        url=f"https://example.test/{account.id}/1")
            on_update(update)
            results.append(update)
        return results


def sample_accounts() -> list[Account]:
    """Two identities across Bluesky, Mastodon and X, plus an employer brand account."""
    return [
        Account(Network.BLUESKY, "dana.work.example", Persona.WORK, id=1,
                display_name="Dana at Acme", server="http://127.0.0.1:1"),
        Account(Network.MASTODON, "dana@acme.social", Persona.WORK, id=2,
                server="https://acme.social"),
        Account(Network.BLUESKY, "dana.example", Persona.PERSONAL, id=3,
                display_name="Dana", server="http://127.0.0.1:1"),
        Account(Network.X, "danadoes", Persona.PERSONAL, id=4),
        Account(Network.MASTODON, "acme@acme.social", Persona.WORK, Owner.EMPLOYER, id=5,
                display_name="Acme Magazine", server="https://acme.social"),
    ]


def history_record(text: str, account: Account, url: str, reason: str = "") -> HistoryRecord:
    """A history row for the history window."""
    from datetime import UTC, datetime

    return HistoryRecord(HistoryEntry(account.network, account.persona, account.owner, text,
                                      datetime(2026, 11, 24, 9, 0, tzinfo=UTC),
                                      account.id, "rid", url),
                         account_label=account.handle, override_reason=reason)
