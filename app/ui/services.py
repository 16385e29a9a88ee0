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
    Owner,
    Persona,
)
from app.networks.descriptor import POSTING_BY_BROWSER, POSTING_SETTING
from app.paths import AppPaths
from app.ui.ports import (
    AccountHealth,
    ConnectRequest,
    DeliveryState,
    DeliveryUpdate,
    HistoryRecord,
    LengthCountLike,
    PolicyReport,
    PolicySource,
    ProgressCallback,
    SignInState,
)

# A sign-in that ends sooner than this is shown as "expiring", with Reconnect.
SIGN_IN_WARN_DAYS = 7.0

if TYPE_CHECKING:
    from app.check.policy import LoadedPolicy, Policy
    from app.networks.engine import AccountResult, PostingEngine, Progress
    from app.networks.oauth import SignInCancel
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

    def outbox_counts(self) -> tuple[int, int]:
        """(waiting, failed): deliveries of unsent drafts still queued or being sent, and
        those that failed or whose fate is unknown (for the tray's badge and tooltip)."""
        from app.core.model import OutboxState

        store = self._store
        unsent = {d.id for d in store.drafts.list()}
        waiting = store.outbox.list_by_state(OutboxState.QUEUED, OutboxState.SENDING)
        failed = store.outbox.list_by_state(OutboxState.FAILED, OutboxState.UNKNOWN)
        return (sum(1 for e in waiting if e.draft_id in unsent),
                sum(1 for e in failed if e.draft_id in unsent))

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
                 open_browser: Callable[[str], object] | None = None,
                 sign_in_check_lookup: Callable[[Network], Any] | None = None) -> None:
        # Both may be Lazy: the keychain is opened on first use (loading keyring and probing
        # D-Bus is slow, and may show an unlock prompt), from whichever thread needs it first.
        self._store_source = store
        self._secrets_source = secrets
        self._paths = paths
        self._verifier_lookup = verifier_lookup
        self._sign_in_check_lookup = sign_in_check_lookup
        self._open_browser = open_browser
        self._managed_setup: Any = None

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

    def _managed(self) -> Any:
        """The organisation's set-up file (read once; a change needs a restart)."""
        if self._managed_setup is None:
            from app.store.managed import load_managed_setup

            self._managed_setup = load_managed_setup(self._paths)
        return self._managed_setup

    def media_host(self) -> Any:
        """The organisation's media host (Instagram's images go there), or None: none set
        up, or the organisation file cannot be read (its error shows elsewhere)."""
        from app.store.errors import ManagedConfigError

        try:
            return self._managed().media_host
        except ManagedConfigError:
            return None

    def connect_account(self, request: ConnectRequest) -> Account:
        """Sign in the way the network's descriptor says (app password or token checked with
        the network, or the network's own page in the browser), then save the account and put
        the secret in the keychain. Accounts of networks Twofold cannot post to (or whose app
        credentials IT has not supplied) are saved for checking and posted through the
        browser. Blocking: call from a worker."""
        from app.networks.registry import descriptor
        from app.store.secrets import secret_from_input

        described = descriptor(request.network)
        account = Account(request.network, request.handle.strip(), request.persona,
                          request.owner, server=request.server.strip())
        if request.reconnect_id is not None:
            account = self._store.accounts.get(request.reconnect_id)
        typed = request.secret.strip()
        asked_first = described.secret_fields[0].name if described.secret_fields else "token"
        typed_is_sign_in = bool(typed) and (asked_first in ("token", "app_password")
                                            or typed.startswith("{"))
        if described.browser_connect is not None and not typed_is_sign_in:
            credentials = self._managed().app_credentials.get(described.network)
            own_app = {"client_id": typed} if typed else {}
            if request.app_id and request.app_secret:
                own_app = {"client_id": request.app_id, "client_secret": request.app_secret}
            elif request.reconnect_id is not None and credentials is None:
                own_app = self._own_app_of(account)
            if credentials is None and not own_app and described.needs_app_credentials:
                return self._connect_for_browser(account)
            return self._connect_in_browser(described, account, credentials, request, own_app)
        if described.client_factory is None:
            return self._connect_for_browser(account)
        secret = secret_from_input(request.network, request.secret)
        self._secrets.remember(secret)  # hidden from the log before it is even checked
        verifier = self._lookup(request.network)
        if verifier is not None:
            # Raises LoginCheckFailed with a plain sentence; may hand back what to keep.
            secret = verifier(account, secret) or secret
        return self._save(account, secret)

    def reconnect_account(self, account: Account, *, cancel: SignInCancel | None = None
                          ) -> Account:
        """Sign in again through the network's page in the browser (one click in the account
        manager); the new sign-in replaces the old one in the keychain. Blocking; ``cancel``
        stops it (the account manager was closed)."""
        from app.networks.registry import descriptor

        # A page posts with its administrator's sign-in: ask for the pages again.
        options = tuple(name for name, _label in descriptor(account.network).connect_options
                        ) if account.owner is Owner.EMPLOYER else ()
        return self.connect_account(ConnectRequest(
            account.network, account.handle, account.persona, account.owner,
            account.server, reconnect_id=account.id, options=options, cancel=cancel))

    def _connect_in_browser(self, described: Any, account: Account, credentials: Any,
                            request: ConnectRequest, own_app: dict[str, str]) -> Account:
        """Sign in on the network's own page (OAuth through a loopback redirect); the
        account is whoever signs in there (and, for LinkedIn, the pages they run)."""
        if described.server.value == "required" and not account.server:
            raise ValueError(f"Type your {described.display_name} server (for example "
                             f"{described.example_server}) so Twofold can open its sign-in "
                             "page.")
        options: dict[str, Any] = {name: True for name in request.options}
        if request.cancel is not None:
            options["cancel"] = request.cancel
        logins = described.browser_connect(account.server, credentials,
                                           open_browser=self._open_browser, **own_app,
                                           **options)
        for login in logins:
            self._secrets.remember(login.secret)  # tokens just received: never in the log
        if own_app.get("client_secret"):
            # The user's own app stays with each sign-in, in the keychain (reconnecting and,
            # for Pinterest, refreshing need it); never in the profile.
            logins = [dataclasses.replace(login, secret=_with_app(login.secret, own_app))
                      for login in logins]
        if request.reconnect_id is not None:
            match = next((login for login in logins
                          if login.handle.lower() == account.handle.lower()), None)
            if match is None:
                raise ValueError(f"You signed in as {logins[0].handle if logins else '?'}, "
                                 f"not {account.handle}; sign in with that account to "
                                 "reconnect it.")
            return self._save(dataclasses.replace(
                account, settings={**account.settings, **match.settings}), match.secret)
        saved: list[Account] = []
        for index, login in enumerate(logins):
            if index == 0:
                target = dataclasses.replace(
                    account, handle=login.handle or account.handle,
                    server=login.server or account.server,
                    display_name=login.display_name or account.display_name,
                    settings={**account.settings, **login.settings})
            else:  # a page the member administers: the employer's brand account
                target = Account(account.network, login.handle, Persona.WORK, Owner.EMPLOYER,
                                 display_name=login.display_name, server=login.server,
                                 settings=dict(login.settings))
            saved.append(self._save(target, login.secret, refresh_existing=index > 0))
        return saved[0]

    def _own_app_of(self, account: Account) -> dict[str, str]:
        """The user's own developer app kept with the account's sign-in (for reconnecting)."""
        kept = self._secrets.load(account)
        if kept is None:
            return {}
        app = {key: kept.extra.get(key, "") for key in ("client_id", "client_secret")}
        return app if all(app.values()) else {}

    def _connect_for_browser(self, account: Account) -> Account:
        """Save an account Twofold checks drafts for but posts to through the browser (no
        secret is asked or kept)."""
        from app.store.accounts import validated_account
        from app.store.lifecycle import apply_managed_rules

        account = dataclasses.replace(account, settings={**account.settings,
                                                         POSTING_SETTING: POSTING_BY_BROWSER})
        if account.id is not None:
            return self._store.accounts.update(account)
        prepared = apply_managed_rules(validated_account(account), self._managed())
        return self._store.accounts.add(prepared)

    def _save(self, account: Account, secret: Any, *, refresh_existing: bool = False
              ) -> Account:
        """A new account with its secret, or a new secret (and settings) for one that is
        already connected: when reconnecting, when a browser-only account now signs in, and
        for the pages a sign-in brings along (``refresh_existing``)."""
        from app.store.lifecycle import connect_account

        existing = account if account.id is not None else None
        if existing is None:
            found = self._store.accounts.find(account.network, account.handle, account.server)
            if found is not None and (refresh_existing or found.settings.get(
                    POSTING_SETTING) == POSTING_BY_BROWSER):
                existing = found
        if existing is None:
            return connect_account(self._store, self._secrets, account, secret,
                                   managed=self._managed())
        self._secrets.save(existing, secret)
        settings = {**existing.settings, **account.settings}
        settings.pop(POSTING_SETTING, None)
        return self._store.accounts.update(dataclasses.replace(
            existing, settings=settings,
            display_name=account.display_name or existing.display_name))

    def can_verify(self, network: Network) -> bool:
        """Whether Twofold can log in to ``network`` to check a sign-in."""
        return self._lookup(network) is not None

    def posts_itself(self, network: Network) -> bool:
        """Whether Twofold posts to ``network`` itself (else through the browser), given the
        app credentials in the organisation's set-up."""
        from app.networks.registry import supports_posting

        return supports_posting(network, self._managed())

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

    def account_status(self, account_id: int) -> AccountHealth:
        """Use the account's saved sign-in once and say whether it works, with the one
        action that fixes it. Blocking (keychain and network): call from a worker."""
        from app.networks.errors import AuthError, NetworkError
        from app.store.errors import SecretStoreError

        account = self._store.accounts.get(account_id)
        name = account.network.display_name
        check = self._sign_in_checks(account.network)
        if check is None:
            # Nothing to try here (posting through the browser, or a sign-in only used when
            # posting): the row's own status line says how the account posts.
            return AccountHealth(SignInState.NOT_CHECKED, "")
        try:
            if not self._secrets.is_persistent and self._secrets.load(account) is None:
                # The keychain was locked or missing at start, so this run keeps sign-ins in
                # memory: signing in again is what works now.
                return AccountHealth(
                    SignInState.KEYCHAIN_LOCKED,
                    "The keychain was locked or unavailable when Twofold started, so this "
                    "sign-in cannot be read. Reconnect to use the account in this run (or "
                    "unlock the keychain and restart Twofold).", "reconnect")
            days = check(account, self._secrets)
        except SecretStoreError:
            return AccountHealth(SignInState.KEYCHAIN_LOCKED,
                                 "The keychain is locked or not answering, so the sign-in "
                                 "cannot be read. Unlock it, then check again.", "check")
        except AuthError as error:
            return AccountHealth(SignInState.EXPIRED, error.user_message, "reconnect")
        except NetworkError as error:
            return AccountHealth(SignInState.UNREACHABLE, error.user_message, "check")
        if days is not None and days < SIGN_IN_WARN_DAYS:
            if days <= 0:
                return AccountHealth(SignInState.EXPIRED, f"The {name} sign-in has expired; "
                                     "reconnect the account.", "reconnect")
            return AccountHealth(SignInState.EXPIRING,
                                 f"The {name} sign-in ends in about {max(1, round(days))} "
                                 f"day{'s' if round(days) > 1 else ''}; reconnect to renew it.",
                                 "reconnect")
        return AccountHealth(SignInState.WORKING, "Signed in and working.")

    def _sign_in_checks(self, network: Network) -> Any:
        if self._sign_in_check_lookup is not None:
            return self._sign_in_check_lookup(network)
        from app.networks.registry import sign_in_check

        return sign_in_check(network)

    def unsent_posts(self, account_id: int) -> int:
        """Posts to this account that have not gone out (any outbox state but sent)."""
        from app.core.model import OutboxState

        waiting = [s for s in OutboxState if s is not OutboxState.SENT]
        queued = sum(1 for entry in self._store.outbox.list_by_state(*waiting)
                     if entry.account_id == account_id)
        # Scheduled posts not yet handed to the outbox are cancelled with the account too.
        scheduled = sum(1 for post in self._store.schedule.list_posts(account_id=account_id)
                        if post.state.open and not any(
                            e.account_id == account_id
                            for e in self._store.outbox.entries_for_draft(post.draft_id)))
        return queued + scheduled

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
    if progress.stage == "waiting" and progress.detail:
        # The engine says why and for how long ("… not answering. Trying again in 6 s.").
        return DeliveryUpdate(progress.account_id, state, progress.detail)
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
    from app.networks.handoff import handed_to_browser

    if handed_to_browser(result.remote_id):
        # Sent to the browser: say what to do there; there is no post to open yet.
        return DeliveryUpdate(result.account_id, state, result.message, None)
    message = "" if state == DeliveryState.SENT else result.message
    return DeliveryUpdate(result.account_id, state, message, result.url,
                          needs_reconnect=getattr(result, "needs_reconnect", False))


class EnginePoster:
    """The posting engine (a ``PostingEngine`` or a ``Lazy`` one) behind the ``Poster`` port."""

    def __init__(self, engine: PostingEngine | Lazy[PostingEngine]) -> None:
        self._source = engine

    @property
    def _engine(self) -> PostingEngine:
        return _resolve(self._source)

    def engine(self) -> PostingEngine:
        """The posting engine itself (built now if it was not yet; blocking): the scheduler
        hands due posts to the same engine and outbox as the composer."""
        return self._engine

    def post(self, draft: Draft, accounts: Sequence[Account], *, confirmed: bool,
             override_reason: str | None, on_update: ProgressCallback,
             cancel: threading.Event | None = None) -> list[DeliveryUpdate]:
        """Deliver ``draft`` (saved, with an id) to ``accounts``; blocking."""
        report = self._engine.post(
            draft, list(accounts), confirm_warnings=confirmed,
            override_reason=override_reason or "",
            on_progress=_progress_relay(on_update),
            on_result=lambda result: on_update(update_from_result(result)), cancel=cancel)
        return [update_from_result(result) for result in report.results]

    def recover(self) -> list[DeliveryUpdate]:
        """Ask the servers about deliveries left ``sending`` by a crash (or ``unknown``);
        nothing is sent. Blocking."""
        return [update_from_result(result) for result in self._engine.recover()]

    def retry_failed(self, draft: Draft, *, on_update: ProgressCallback,
                     cancel: threading.Event | None = None) -> list[DeliveryUpdate]:
        """Resend to the accounts whose delivery did not go out; blocking."""
        assert draft.id is not None
        report = self._engine.retry_failed(
            draft.id, on_progress=_progress_relay(on_update),
            on_result=lambda result: on_update(update_from_result(result)), cancel=cancel)
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


def policy_report_from(loaded: LoadedPolicy, user_pack: str = "") -> PolicyReport:
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
        # A client's own accounts are where its products need no ad label: say which they are,
        # so agency staff can see why a post on one of them is quiet.
        summary.append(("Partners", ", ".join(
            f"{p.name} (its accounts: {', '.join(p.accounts)})" if p.accounts else p.name
            for p in policy.partners)))
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
    is_locked = getattr(policy, "is_locked", None)
    return PolicyReport(tuple(sources), errors, tuple(summary), user_pack=user_pack,
                        personal_limit=(policy.personal_limit.posts, policy.personal_limit.days),
                        work_limit=(policy.work_limit.posts, policy.work_limit.days),
                        budget_locked=bool(is_locked("frequency")) if is_locked else False,
                        quiet_hours=tuple(_time_range(r)
                                          for r in getattr(policy, "quiet_hours", ())),
                        quiet_weekends=bool(getattr(policy, "quiet_weekends", False)))


def _time_range(minutes: tuple[int, int]) -> str:
    from app.check.policy import format_time_range

    return format_time_range(minutes)


def _with_app(secret: Any, app: dict[str, str]) -> Any:
    """``secret`` with the user's own app's id and secret added to its extra fields."""
    from types import MappingProxyType

    return dataclasses.replace(secret, extra=MappingProxyType({**secret.extra, **app}))
