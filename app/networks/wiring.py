"""Builds a ``PostingEngine`` from the real parts: the store, the keychain, the persona check.

The command line and the window both call ``build_engine``; tests build engines from fakes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from app.core.model import Account, CheckResult, Draft, Finding

if TYPE_CHECKING:
    from app.check.policy import Policy
    from app.networks.engine import PostingEngine, RetryPolicy
    from app.networks.handoff import HandOff
    from app.networks.http import HttpSession
    from app.networks.ports import Checker
    from app.store.managed import MediaHost
    from app.store.secrets import SecretStore
    from app.store.store import Store

log = logging.getLogger(__name__)

# How far back the persona check looks (promotion budgets, duplicates).
HISTORY_WINDOW = timedelta(days=31)


def make_checker(store: Store, policy: Policy | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Checker:
    """The persona check for the engine: ``check_draft`` with the policy in force and the
    store's recent history."""

    def check(draft: Draft, account: Account) -> CheckResult:
        from app.check.engine import check_draft

        now = clock()
        history = store.history.recent(now - HISTORY_WINDOW)
        return check_draft(draft.text, account.check_target(), images=tuple(draft.images),
                           policy=policy, history=tuple(history), now=now)

    return check


def override_rule(policy: Policy | None) -> Callable[[Finding], bool]:
    """Whether a typed reason may override a block finding: never for what the organisation
    locked in its pack (``Policy.is_locked``), nor for confidential terms and network limits
    (the engine's default)."""
    from app.networks.engine import default_override_allowed

    is_locked = getattr(policy, "is_locked", None)
    if callable(is_locked):
        return lambda finding: (default_override_allowed(finding)
                                and not is_locked(finding.rule))
    return default_override_allowed


def build_engine(store: Store, secrets: SecretStore, *, policy: Policy | None = None,
                 checker: Checker | None = None, retry: RetryPolicy | None = None,
                 http: HttpSession | None = None,
                 hand_off: HandOff | None = None,
                 media_host: MediaHost | None = None) -> PostingEngine:
    """A posting engine on the profile's store and keychain. It refuses every post and retry
    while ``policy.posting_refused`` says why (the organisation's pack cannot be read), whoever
    asks: the command line, the window, the tray's quick post. ``hand_off`` opens the web
    compose page (or fills the clipboard) for accounts Twofold posts to through the
    browser; ``media_host`` is the organisation's (Instagram's images go there). ``http``
    (default: a session per account) may be one shared session, e.g.
    ``new_session(secrets=registry)`` so the log file's filter knows the secrets its
    requests carry."""
    from app.networks.engine import PostingEngine
    from app.networks.registry import client_for

    return PostingEngine(
        accounts=store.accounts, outbox=store.outbox,
        checker=checker or make_checker(store, policy),
        client_for=lambda account: client_for(account, secrets, http=http, hand_off=hand_off,
                                              media_host=media_host),
        override_allowed=override_rule(policy), retry=retry,
        posting_refused=lambda: str(getattr(policy, "posting_refused", "") or ""))
