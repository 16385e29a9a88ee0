"""Connected accounts (never their secrets): add, look up, list by identity, change, remove.

An account is identified by network, server and handle (case-insensitive); its secret lives in
the OS keychain under a key derived from those (see ``app.store.secrets``), so those three
never change after connecting — remove the account and add it again instead.
"""

from __future__ import annotations

import builtins
import json
import re
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app.core.model import Account, Network, Owner, Persona
from app.networks.addresses import AddressError, check_handle, server_address
from app.store.database import Database, to_db_time, utc_now
from app.store.errors import (
    AccountExistsError,
    InvalidAccountError,
    NotFoundError,
    OwnerChangeRefused,
    PersonaChangeNeedsConfirmation,
    PersonaChangeRefused,
)

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Settings are shown and exported freely; anything secret belongs in the keychain instead.
_SECRET_SETTING_WORDS = ("token", "password", "passwd", "secret", "jwt", "cookie", "credential")
_COLUMNS = ("id, network, handle, server, persona, owner, display_name, colour, avatar_path, "
            "settings, managed")


def normalise_handle(handle: str) -> str:
    """A handle as stored: surrounding spaces and a leading "@" removed."""
    cleaned = handle.strip()
    if cleaned.startswith("@"):
        cleaned = cleaned[1:]
    return cleaned


def normalise_server(server: str) -> str:
    """A server address as stored: "" for the network's default, else ``scheme://host[:port]``
    plus any path, without a trailing slash. Raises InvalidAccountError for a bad address.

    Addresses that ``server_address`` accepts get exactly its form; older, looser ones (an
    account saved before the stricter rules) are still normalised, so they can be found."""
    try:
        return server_address(server)
    except AddressError:
        pass
    cleaned = server.strip().rstrip("/")
    if not cleaned:
        return ""
    if "://" not in cleaned:
        cleaned = "https://" + cleaned
    try:
        parts = urlsplit(cleaned)
        port = parts.port
    except ValueError:
        parts, port = None, None
    if parts is None or parts.scheme not in ("https", "http") or not parts.hostname \
            or parts.query or parts.fragment or parts.username or parts.password:
        raise InvalidAccountError(
            f"\u201c{server.strip()[:80]}\u201d is not a server address; write it like "
            "https://mastodon.social"
        )
    host = parts.hostname.lower()
    netloc = f"{host}:{port}" if port else host
    return f"{parts.scheme}://{netloc}{parts.path.rstrip('/')}"


def describe(account: Account) -> str:
    """How an account is named in messages: "@handle on Network"."""
    return f"@{account.handle} on {Network(account.network).display_name}"


def validated_account(account: Account) -> Account:
    """A cleaned copy of ``account`` (handle and server normalised), or InvalidAccountError /
    PersonaChangeRefused explaining what is wrong."""
    try:
        network = Network(account.network)
        persona = Persona(account.persona)
        owner = Owner(account.owner)
    except ValueError as exc:
        raise InvalidAccountError(f"The account has an unknown value: {exc}.") from None
    try:
        # One set of rules for every network's handles and server addresses.
        handle = check_handle(network, account.handle)
        server = server_address(account.server)
    except AddressError as exc:
        raise InvalidAccountError(str(exc)) from None
    if owner is Owner.EMPLOYER and persona is Persona.PERSONAL:
        raise PersonaChangeRefused(
            f"@{handle} on {network.display_name} belongs to your employer, so it can only "
            "be a Work account.")
    if account.colour and not _COLOUR.match(account.colour):
        raise InvalidAccountError(
            f"\u201c{account.colour}\u201d is not a colour; use the form #1f6feb.")
    settings = dict(account.settings)
    for key, value in settings.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise InvalidAccountError("Account settings must be text.")
        if any(word in key.lower() for word in _SECRET_SETTING_WORDS):
            # Refuse rather than store: the database must never hold a secret.
            raise InvalidAccountError(
                f"The account setting \u201c{key}\u201d looks like a secret; secrets go to the "
                "system keychain, never into Twofold's database.")
    return Account(
        network=network, handle=handle, persona=persona, owner=owner,
        display_name=account.display_name.strip(), colour=account.colour.lower(),
        server=server, avatar_path=account.avatar_path, settings=settings, id=account.id,
        managed=bool(account.managed),
    )


def _from_row(row: sqlite3.Row | tuple[Any, ...]) -> Account:
    (id_, network, handle, server, persona, owner, display_name, colour, avatar_path,
     settings, managed) = row
    return Account(
        network=Network(network), handle=str(handle), persona=Persona(persona),
        owner=Owner(owner), display_name=str(display_name), colour=str(colour),
        server=str(server), avatar_path=Path(str(avatar_path)) if avatar_path else None,
        settings=json.loads(str(settings)), id=int(id_),  # type: ignore[call-overload]
        managed=bool(managed),
    )


class AccountStore:
    """The accounts table. Methods raise StoreError subclasses with plain messages."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, account: Account) -> Account:
        """Save a newly connected account; return it with its ``id``.

        Raises AccountExistsError when the same network, server and handle is already there,
        InvalidAccountError for bad details, PersonaChangeRefused for an employer-owned
        personal account.
        """
        clean = validated_account(account)
        now = to_db_time(utc_now())
        with self._db.write("save the account") as conn:
            try:
                cursor = conn.execute(
                    "INSERT INTO accounts (network, handle, server, persona, owner, "
                    "display_name, colour, avatar_path, settings, managed, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (clean.network.value, clean.handle, clean.server, clean.persona.value,
                     clean.owner.value, clean.display_name, clean.colour,
                     str(clean.avatar_path) if clean.avatar_path else None,
                     json.dumps(clean.settings, sort_keys=True), int(clean.managed), now, now),
                )
            except sqlite3.IntegrityError:
                raise AccountExistsError(
                    f"{describe(clean)} is already connected to Twofold.") from None
            clean.id = cursor.lastrowid
        return clean

    def get(self, account_id: int) -> Account:
        """The account with this id; raises NotFoundError."""
        with self._db.read("read the account") as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM accounts WHERE id = ?",
                               (int(account_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no account number {account_id} in Twofold.")
        return _from_row(row)

    def find(self, network: Network | str, handle: str, server: str = "") -> Account | None:
        """The account with this network, server and handle (case-insensitive), or None."""
        with self._db.read("read the accounts") as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM accounts WHERE network = ? AND server = ? "
                "AND handle = ?",
                (Network(network).value, normalise_server(server), normalise_handle(handle)),
            ).fetchone()
        return _from_row(row) if row else None

    def list(self, *, persona: Persona | None = None, network: Network | None = None,
             owner: Owner | None = None) -> list[Account]:
        """Accounts, Work first, then by network and handle; optionally filtered."""
        clauses, params = [], []
        for column, value in (("persona", persona), ("network", network), ("owner", owner)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(str(value))
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._db.read("read the accounts") as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM accounts{where} "
                "ORDER BY persona = 'personal', network, handle, id", params).fetchall()
        return [_from_row(row) for row in rows]

    def by_persona(self) -> dict[Persona, builtins.list[Account]]:  # not self.list
        """The two identities: ``{Persona.WORK: [...], Persona.PERSONAL: [...]}`` (both keys
        always present)."""
        grouped: dict[Persona, builtins.list[Account]] = {Persona.WORK: [], Persona.PERSONAL: []}
        for account in self.list():
            grouped[account.persona].append(account)
        return grouped

    def update(self, account: Account) -> Account:
        """Save changed display details (name, colour, avatar, settings) of a stored account.

        Network, server and handle cannot change (remove and add the account instead); the
        persona changes only through ``set_persona``; an employer's account cannot become the
        user's own.
        """
        if account.id is None:
            raise InvalidAccountError("Only a saved account can be updated.")
        clean = validated_account(account)
        with self._db.write("save the account") as conn:
            current = self.get(clean.id)  # type: ignore[arg-type]
            if (current.network, current.server.lower(), current.handle.lower()) != (
                    clean.network, clean.server.lower(), clean.handle.lower()):
                raise InvalidAccountError(
                    "An account's network, server and handle cannot be changed; remove the "
                    "account and connect it again.")
            if clean.persona is not current.persona:
                raise PersonaChangeNeedsConfirmation(
                    "Change an account's identity with set_persona, which asks to confirm.")
            if current.owner is Owner.EMPLOYER and clean.owner is Owner.SELF:
                raise OwnerChangeRefused(
                    f"{describe(current)} belongs to your employer; it cannot be made your own.")
            conn.execute(
                "UPDATE accounts SET owner = ?, display_name = ?, colour = ?, avatar_path = ?, "
                "settings = ?, updated_at = ? WHERE id = ?",
                (clean.owner.value, clean.display_name, clean.colour,
                 str(clean.avatar_path) if clean.avatar_path else None,
                 json.dumps(clean.settings, sort_keys=True), to_db_time(utc_now()), clean.id),
            )
        clean.managed = current.managed
        return clean

    def set_persona(self, account_id: int, persona: Persona, *, confirm: bool = False
                    ) -> Account:
        """Move an account to the other identity; returns the updated account.

        Raises PersonaChangeNeedsConfirmation unless ``confirm`` is true (the UI asks the user
        first), and PersonaChangeRefused for an employer-owned account going personal or an
        account the organisation's managed set-up defines. Setting the same persona is a no-op.
        """
        new = Persona(persona)
        with self._db.write("change the account's identity") as conn:
            account = self.get(account_id)
            if account.persona is new:
                return account
            if account.owner is Owner.EMPLOYER and new is Persona.PERSONAL:
                raise PersonaChangeRefused(
                    f"{describe(account)} belongs to your employer, so it stays a Work account.")
            if account.managed:
                raise PersonaChangeRefused(
                    f"Your organisation set up {describe(account)} as a "
                    f"{account.persona.label} account; ask your IT team to change it.")
            if not confirm:
                raise PersonaChangeNeedsConfirmation(
                    f"Moving {describe(account)} from {account.persona.label} to {new.label} "
                    "changes which posts the persona check allows there; please confirm.")
            conn.execute("UPDATE accounts SET persona = ?, updated_at = ? WHERE id = ?",
                         (new.value, to_db_time(utc_now()), account.id))
        account.persona = new
        return account

    def remove(self, account_id: int) -> Account:
        """Delete an account (its queued deliveries and draft targets go with it; posting
        history stays, unlinked). Returns what was removed. Its keychain secret is NOT touched
        here — use ``app.store.lifecycle.remove_account`` for both."""
        with self._db.write("remove the account") as conn:
            account = self.get(account_id)
            conn.execute("DELETE FROM accounts WHERE id = ?", (account.id,))
        return account
