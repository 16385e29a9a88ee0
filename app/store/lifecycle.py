"""Account changes that touch both the database and the keychain, kept consistent.

The window and the command line both go through these, so an account row never exists for a
secret that failed to save, a secret is never left behind by a removed account, and leaving a
job removes every employer-owned account in one step.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from app.core.model import Account, Owner, Persona
from app.store.accounts import describe
from app.store.errors import NotFoundError, PersonaChangeRefused, SecretStoreError, StoreError
from app.store.managed import ManagedSetup
from app.store.secrets import AccountSecret, SecretStore
from app.store.store import Store

log = logging.getLogger(__name__)


def apply_managed_rules(account: Account, managed: ManagedSetup | None,
                        *, persona_given: bool = True) -> Account:
    """The account as it must be connected under the organisation's set-up.

    An account the organisation file lists gets the file's persona and owner and is marked
    managed; asking for a different persona (``persona_given``) is refused with
    PersonaChangeRefused. Other accounts are returned unchanged.
    """
    entry = managed.match(account.network, account.handle, account.server) if managed else None
    if entry is None:
        return account
    if persona_given and Persona(account.persona) is not entry.persona:
        raise PersonaChangeRefused(
            f"Your organisation's set-up says {describe(account)} is a {entry.persona.label} "
            f"account, so it cannot be connected as {Persona(account.persona).label}.")
    return replace(account, persona=entry.persona, owner=entry.owner, managed=True,
                   display_name=account.display_name or entry.display_name)


def connect_account(store: Store, secrets: SecretStore, account: Account,
                    secret: AccountSecret, *, managed: ManagedSetup | None = None) -> Account:
    """Save a newly connected account and its secret; return the saved account.

    The row is written first (so a duplicate is refused before the keychain is touched); if
    the keychain then refuses the secret, the row is removed again and SecretStoreError raised.
    """
    prepared = apply_managed_rules(account, managed)
    saved = store.accounts.add(prepared)
    try:
        secrets.save(saved, secret)
    except SecretStoreError:
        store.accounts.remove(saved.id)  # type: ignore[arg-type]
        raise
    return saved


def reconnect_account(store: Store, secrets: SecretStore, account_id: int,
                      secret: AccountSecret) -> Account:
    """Renew the sign-in of a connected account: only its keychain secret is replaced.

    The account keeps its id, identity, owner, colour and settings, and with them its drafts,
    outbox and history. Raises NotFoundError for an unknown id, SecretStoreError when the
    keychain refuses the new secret (the old one then stays as it was).
    """
    account = store.accounts.get(account_id)
    secrets.save(account, secret)
    log.info("renewed the sign-in of account %s", account.id)
    return account


def remove_account(store: Store, secrets: SecretStore, account_id: int) -> Account:
    """Remove an account and its keychain secret; return the removed account.

    The secret goes first: if the keychain refuses, the account stays so it can be retried,
    and no secret is ever left without an account that points at it.
    """
    account = store.accounts.get(account_id)
    secrets.delete(account)
    return store.accounts.remove(account_id)


@dataclass
class OffboardingReport:
    """What ``offboard`` did."""

    removed: list[Account] = field(default_factory=list)
    kept: list[Account] = field(default_factory=list)
    # Accounts that could not be removed, with the plain reason; they are still there.
    failed: list[tuple[Account, str]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when every employer-owned account was removed."""
        return not self.failed


def offboard(store: Store, secrets: SecretStore) -> OffboardingReport:
    """For someone leaving their job: remove every employer-owned account and its secret in
    one step; the user's own accounts (personal or work) are not touched."""
    report = OffboardingReport()
    for account in store.accounts.list():
        if account.owner is not Owner.EMPLOYER:
            report.kept.append(account)
            continue
        try:
            report.removed.append(remove_account(store, secrets, account.id))  # type: ignore[arg-type]
        except NotFoundError:
            continue  # removed meanwhile by another window: that is what we wanted
        except StoreError as exc:
            report.failed.append((account, str(exc)))
    return report
