"""Adapters from the real services (store, keychain, posting engine, persona check) to the
small ports the window uses (``app/ui/ports.py``). No Qt here, and nothing heavy at import
time: each adapter imports its service module when it is built.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from app.core.model import (
    Account,
    CheckResult,
    CheckTarget,
    Draft,
    Finding,
    HistoryEntry,
    ImageAttachment,
    Network,
    Persona,
)
from app.paths import AppPaths
from app.ui.ports import (
    ConnectRequest,
    DeliveryState,
    DeliveryUpdate,
    HistoryRecord,
    LengthCountLike,
    PolicyReport,
    PolicySource,
    ProgressCallback,
)

if TYPE_CHECKING:
    from app.check.policy import LoadedPolicy, Policy
    from app.networks.engine import AccountResult, PostingEngine, Progress
    from app.networks.registry import LoginVerifier
    from app.store.secrets import SecretStore
    from app.store.store import Store


_Service = TypeVar("_Service")


class Lazy(Generic[_Service]):
    """A service built on first use, from any thread, once. A failed build (a store that
    cannot open) is tried again on the next use, so fixing the cause needs no restart."""

    def __init__(self, factory: Callable[[], _Service]) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._value: _Service | None = None
        self._building = False

    def get(self) -> _Service:
        """The service (built now if it was not yet)."""
        with self._lock:
            if self._value is None:
                self._building = True
                try:
                    self._value = self._factory()
                finally:
                    self._building = False
            return self._value

    @property
    def built(self) -> bool:
        """Whether the service exists already."""
        return self._value is not None

    @property
    def building(self) -> bool:
        """Whether another thread is building it right now (a ``get`` would wait)."""
        return self._building


def _resolve(source: Lazy[_Service] | _Service) -> _Service:
    return source.get() if isinstance(source, Lazy) else source


class StoreDraftBook:
    """Drafts and history in the SQLite store (a ``Store`` or a ``Lazy`` one)."""

    def __init__(self, store: Store | Lazy[Store]) -> None:
        self._source = store

    @property
    def _store(self) -> Store:
        return _resolve(self._source)

    @property
    def ready(self) -> bool:
        """False while the store is being opened on a worker: a call now would wait."""
        return not (isinstance(self._source, Lazy) and self._source.building)

    def save_draft(self, draft: Draft) -> Draft:
        """Autosave (an atomic upsert); returns the draft with its id."""
        return self._store.drafts.autosave(dataclasses.replace(
            draft, images=list(draft.images), target_account_ids=list(draft.target_account_ids)))

    def list_drafts(self) -> list[Draft]:
        """Drafts not yet sent, most recent first."""
        return self._store.drafts.list()

    def latest_unsent(self) -> Draft | None:
        """The draft to put back into the composer after a restart."""
        return self._store.drafts.latest_unsent()

    def delete_draft(self, draft_id: int) -> None:
        """Forget a draft the user deleted."""
        self._store.drafts.delete(draft_id)

    def finish_draft(self, draft_id: int) -> None:
        """Every target has the post: mark it sent (it leaves the drafts list)."""
        self._store.drafts.mark_sent(draft_id)

    def deliveries(self, draft_id: int) -> list[DeliveryUpdate]:
        """Where each delivery of this draft stands (from the outbox)."""
        return [DeliveryUpdate(entry.account_id, str(entry.state), entry.last_error,
                               entry.remote_url)
                for entry in self._store.outbox.entries_for_draft(draft_id)]

    def list_history(self, limit: int = 500) -> list[HistoryRecord]:
        """What went where, newest first."""
        return [HistoryRecord(entry, account_label=entry.handle,
                              override_reason=entry.override_reason)
                for entry in self._store.history.list(limit=limit)]


class StoreAccountBook:
    """Accounts in the store, secrets in the keychain, kept consistent by the store's
    lifecycle functions; sign-ins are checked with the network where Twofold can."""

    def __init__(self, store: Store | Lazy[Store], secrets: SecretStore | Lazy[SecretStore],
                 paths: AppPaths,
                 verifier_lookup: Callable[[Network], LoginVerifier | None] | None = None,
                 open_browser: Callable[[str], object] | None = None) -> None:
        # Both may be Lazy: the keychain is opened on first use (loading keyring and probing
        # D-Bus is slow, and may show an unlock prompt), from whichever thread needs it first.
        self._store_source = store
        self._secrets_source = secrets
        self._paths = paths
        self._verifier_lookup = verifier_lookup
        self._open_browser = open_browser

    @property
    def _store(self) -> Store:
        return _resolve(self._store_source)

    @property
    def _secrets(self) -> SecretStore:
        return _resolve(self._secrets_source)

    @property
    def secrets_persistent(self) -> bool:
        """False when sign-ins last for this run only (no usable keychain)."""
        return self._secrets.is_persistent

    @property
    def secrets_warning(self) -> str | None:
        """The sentence for the banner when secrets are not persistent (blocking)."""
        return self._secrets.warning

    @property
    def secrets_location(self) -> str:
        """Where sign-ins are kept ("your desktop's keyring (Secret Service)")."""
        return self._secrets.backend_description

    def secrets(self) -> SecretStore:
        """The keychain (opened now if it was not yet)."""
        return self._secrets

    def list_accounts(self) -> list[Account]:
        """Every connected account."""
        return self._store.accounts.list()

    def connect_account(self, request: ConnectRequest) -> Account:
        """Check the sign-in with the network (where Twofold can), then save the account and
        put the secret in the keychain. Blocking: call from a worker."""
        from app.store.lifecycle import connect_account
        from app.store.managed import load_managed_setup
        from app.store.secrets import secret_from_input

        account = Account(request.network, request.handle.strip(), request.persona,
                          request.owner, server=request.server.strip())
        if request.network is Network.MASTODON and not request.secret.strip():
            return self._connect_mastodon_in_browser(account)
        secret = secret_from_input(request.network, request.secret)
        verifier = self._lookup(request.network)
        if verifier is not None:
            verifier(account, secret)  # raises LoginCheckFailed with a plain sentence
        return connect_account(self._store, self._secrets, account, secret,
                               managed=load_managed_setup(self._paths))

    def _connect_mastodon_in_browser(self, account: Account) -> Account:
        """Sign in on the instance's own page (OAuth with PKCE through a loopback redirect);
        the account is whoever signs in there."""
        from app.networks.mastodon import connect
        from app.store.lifecycle import connect_account
        from app.store.managed import load_managed_setup

        if not account.server:
            raise ValueError("Type your Mastodon server (for example https://mastodon.social) "
                             "so Twofold can open its sign-in page.")
        login = connect(account.server, open_browser=self._open_browser)
        acct = str(login.account.get("acct") or login.account.get("username") or "")
        account = dataclasses.replace(
            account, handle=account.handle or acct, server=login.instance,
            display_name=str(login.account.get("display_name") or ""),
            settings={**account.settings, "max_chars": str(login.info.max_chars)})
        return connect_account(self._store, self._secrets, account, login.secret(),
                               managed=load_managed_setup(self._paths))

    def can_verify(self, network: Network) -> bool:
        """Whether Twofold can log in to ``network`` to check a sign-in."""
        return self._lookup(network) is not None

    def _lookup(self, network: Network) -> LoginVerifier | None:
        if self._verifier_lookup is not None:
            return self._verifier_lookup(network)
        from app.networks.registry import login_verifier

        return login_verifier(network)

    def update_account(self, account: Account) -> Account:
        """Save display details, colour, owner and settings."""
        return self._store.accounts.update(account)

    def set_persona(self, account_id: int, persona: Persona) -> Account:
        """Move the account to the other identity (the user confirmed in the UI)."""
        return self._store.accounts.set_persona(account_id, persona, confirm=True)

    def remove_account(self, account_id: int) -> None:
        """Remove the account and its keychain entry."""
        from app.store.lifecycle import remove_account

        remove_account(self._store, self._secrets, account_id)

    def offboard(self) -> list[Account]:
        """Remove every employer-owned account and its secret; raise when one could not be
        removed (the others are gone; the message names what is left)."""
        from app.store.lifecycle import offboard

        report = offboard(self._store, self._secrets)
        if report.failed:
            names = "; ".join(f"{a.handle}: {why}" for a, why in report.failed)
            raise RuntimeError(f"Some employer accounts could not be removed: {names}")
        return report.removed


_STAGES = {
    "checking": DeliveryState.QUEUED,
    "queued": DeliveryState.QUEUED,
    "sending": DeliveryState.SENDING,
    "waiting": DeliveryState.SENDING,
    "reconciling": DeliveryState.SENDING,
}
_STAGE_WORDS = {
    "waiting": "waiting before trying again",
    "reconciling": "checking with the network whether an earlier attempt went out",
}


def update_from_progress(progress: Progress) -> DeliveryUpdate | None:
    """The engine's progress step as the UI's update (None for "done": a result follows)."""
    state = _STAGES.get(progress.stage)
    if state is None:
        return None
    words = _STAGE_WORDS.get(progress.stage, "")
    if words and progress.detail:
        words = f"{words} ({progress.detail})"
    return DeliveryUpdate(progress.account_id, state, words)


def update_from_result(result: AccountResult) -> DeliveryUpdate:
    """The engine's per-account result as the UI's final update."""
    outcome = str(result.outcome)
    state = {
        "sent": DeliveryState.SENT,
        "failed": DeliveryState.FAILED,
        "unknown": DeliveryState.UNKNOWN,
        # Another window or the command line is sending it: not known here yet.
        "in_progress": DeliveryState.UNKNOWN,
    }.get(outcome, DeliveryState.REFUSED)
    message = "" if state == DeliveryState.SENT else result.message
    return DeliveryUpdate(result.account_id, state, message, result.url)


class EnginePoster:
    """The posting engine (a ``PostingEngine`` or a ``Lazy`` one) behind the ``Poster`` port."""

    def __init__(self, engine: PostingEngine | Lazy[PostingEngine]) -> None:
        self._source = engine

    @property
    def _engine(self) -> PostingEngine:
        return _resolve(self._source)

    def post(self, draft: Draft, accounts: Sequence[Account], *, confirmed: bool,
             override_reason: str | None, on_update: ProgressCallback) -> list[DeliveryUpdate]:
        """Deliver ``draft`` (saved, with an id) to ``accounts``; blocking."""
        report = self._engine.post(
            draft, list(accounts), confirm_warnings=confirmed,
            override_reason=override_reason or "",
            on_progress=_progress_relay(on_update),
            on_result=lambda result: on_update(update_from_result(result)))
        return [update_from_result(result) for result in report.results]

    def recover(self) -> list[DeliveryUpdate]:
        """Ask the servers about deliveries left ``sending`` by a crash (or ``unknown``);
        nothing is sent. Blocking."""
        return [update_from_result(result) for result in self._engine.recover()]

    def retry_failed(self, draft: Draft, *, on_update: ProgressCallback) -> list[DeliveryUpdate]:
        """Resend to the accounts whose delivery did not go out; blocking."""
        assert draft.id is not None
        report = self._engine.retry_failed(
            draft.id, on_progress=_progress_relay(on_update),
            on_result=lambda result: on_update(update_from_result(result)))
        return [update_from_result(result) for result in report.results]


def recover_deliveries(poster: object) -> list[DeliveryUpdate]:
    """At start-up: settle deliveries a crash or a lost answer left open (blocking)."""
    recover = getattr(poster, "recover", None)
    return list(recover()) if recover is not None else []


def _progress_relay(on_update: ProgressCallback) -> Callable[[Progress], None]:
    def relay(progress: Progress) -> None:
        update = update_from_progress(progress)
        if update is not None:
            on_update(update)

    return relay


class PersonaChecker:
    """The persona check (``app.check``) behind the ``DraftChecker`` port, with the posting
    history it needs for the frequency and duplicate rules."""

    def __init__(self, *, check: Callable[..., CheckResult],
                 count: Callable[..., LengthCountLike],
                 history: Callable[[], Sequence[HistoryEntry]] = tuple,
                 policy: Policy | None = None,
                 report: PolicyReport | None = None,
                 override_allowed: Callable[[Finding], bool] | None = None) -> None:
        self._check = check
        self._count = count
        self._load_history = history
        self._history: tuple[HistoryEntry, ...] = ()
        self._policy = policy
        self._report = report or PolicyReport(
            sources=(PolicySource("built-in", "Twofold's built-in defaults"),))
        self._override_allowed = override_allowed

    @property
    def policy(self) -> Policy | None:
        """The policy pack in force (None: built-in defaults)."""
        return self._policy

    def check(self, text: str, target: CheckTarget, *, images: Sequence[ImageAttachment] = (),
              fresh_history: bool = False) -> CheckResult:
        """The persona check of ``text`` for ``target``. The live check uses the history
        read at start and after each post; ``fresh_history`` reads it now (the posting
        engine's check, right before sending)."""
        history = tuple(self._load_history()) if fresh_history else self._history
        kwargs: dict[str, Any] = {"images": tuple(images), "history": history}
        if self._policy is not None:
            kwargs["policy"] = self._policy
        return self._check(text, target, **kwargs)

    def count(self, network: Network, text: str, *,
              max_chars: int | None = None) -> LengthCountLike:
        """The network's own count of ``text``."""
        return self._count(network, text, max_chars=max_chars)

    def may_override(self, finding: Finding) -> bool:
        """Whether a typed reason may override this block finding."""
        if self._override_allowed is not None:
            return self._override_allowed(finding)
        from app.networks.engine import default_override_allowed

        return default_override_allowed(finding)

    def policy_report(self) -> PolicyReport:
        """The policy pack in force and where it came from."""
        return self._report

    def refresh_history(self) -> None:
        """Re-read the posting history (blocking)."""
        self._history = tuple(self._load_history())


LAYER_LABELS = {"built-in defaults": "built-in", "organisation": "organisation",
                "user": "user"}


def policy_report_from(loaded: LoadedPolicy) -> PolicyReport:
    """The settings window's view of ``app.check.policy.LoadedPolicy``: its layers, what the
    policy says, and any pack that could not be read."""
    policy = loaded.policy
    locked = tuple(selector for selector, _floor in getattr(policy, "floors", ()))
    sources = []
    for layer, path in loaded.sources:
        label = LAYER_LABELS.get(str(layer), str(layer))
        location = "Twofold's built-in defaults" if label == "built-in" else str(path)
        sources.append(PolicySource(label, location,
                                    locked if label == "organisation" else ()))
    errors = tuple(str(error) for error in loaded.errors) + tuple(
        str(notice) for notice in getattr(loaded, "notices", ()))
    summary: list[tuple[str, str]] = []
    if policy.employer is not None:
        summary.append(("Employer", policy.employer.name))
    if policy.partners:
        summary.append(("Partners", ", ".join(p.name for p in policy.partners)))
    if policy.accepted_disclosures:
        summary.append(("Accepted disclosures", ", ".join(policy.accepted_disclosures)))
    if policy.confidential_terms:
        # The count only: the settings window is often on screen in meetings.
        count = len(policy.confidential_terms)
        summary.append(("Confidential terms", f"{count} in the pack"))
    summary.append(("Promotion budget",
                    f"personal {policy.personal_limit.posts} per {policy.personal_limit.days} "
                    f"days; work {policy.work_limit.posts} per {policy.work_limit.days} "
                    f"{'day' if policy.work_limit.days == 1 else 'days'}"))
    return PolicyReport(tuple(sources), errors, tuple(summary))
