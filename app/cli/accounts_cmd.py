"""``accounts``: connect, list, remove and re-file social accounts; offboarding.

    accounts add --network N --handle H --persona work|personal [--owner self|employer]
                 [--server URL] [--display-name NAME] [--no-verify]
    accounts add --network N --browser --persona P [--client-id ID] [--pages]
    accounts list [--json]
    accounts reconnect ID [--no-verify]
    accounts remove ID
    accounts set-persona ID work|personal [--yes]
    accounts offboard [--yes]

The secret (app password or token) is read from stdin when stdin is not a terminal, otherwise
asked for without echo; it is never taken from an argument, where other users and the shell
history could see it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    error,
    guarded,
    note,
    open_store,
    remember_secret,
    remembering,
)
from app.core.model import Network, Owner, Persona

if TYPE_CHECKING:
    from app.core.model import Account
    from app.networks.descriptor import NetworkDescriptor
    from app.networks.registry import LoginVerifier
    from app.paths import AppPaths
    from app.store.managed import ManagedSetup
    from app.store.secrets import AccountSecret, SecretStore


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``accounts`` command and its actions."""
    parser = subparsers.add_parser(
        "accounts", help="connect, list and remove social accounts",
        description="Connect, list and remove the social accounts of your Work and Personal "
        "identities. Secrets go to the system keychain, never to a file.")
    parser.set_defaults(handler=run)
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action",
                                    required=True)

    add = actions.add_parser(
        "add", help="connect an account (the secret is read from stdin or asked for)",
        description="Connect an account. The app password or token is read from stdin when "
        "stdin is not a terminal, otherwise asked for without showing it.")
    add.add_argument("--network", required=True, choices=[n.value for n in Network])
    add.add_argument("--handle", default="",
                     help="the account's handle, e.g. alice.bsky.social (with --browser: "
                     "whoever signs in)")
    add.add_argument("--persona", choices=[p.value for p in Persona],
                     help="which identity the account belongs to (required unless your "
                     "organisation's set-up defines the account)")
    add.add_argument("--owner", choices=[o.value for o in Owner],
                     help="whose account it is (default: self)")
    add.add_argument("--server", default="", metavar="URL",
                     help="the account's server (Mastodon instance, Bluesky PDS); for networks "
                     "with one API it replaces the API's scheme, host and port (tests, proxies)")
    add.add_argument("--display-name", default="", metavar="NAME")
    add.add_argument("--no-verify", action="store_true",
                     help="store the secret without logging in to check it")
    add.add_argument("--browser", action="store_true",
                     help="sign in on the network's own page in your browser instead of "
                     "piping a token (X, LinkedIn, Mastodon)")
    add.add_argument("--client-id", default="", metavar="ID",
                     help="with --browser: your own developer app's client ID (X), when your "
                     "organisation's set-up has none")
    add.add_argument("--pages", action="store_true",
                     help="with --browser on LinkedIn: also connect the company pages you "
                     "administer (as employer brand accounts)")

    listing = actions.add_parser("list", help="list connected accounts by identity")
    listing.add_argument("--json", action="store_true", help="print JSON")

    reconnect = actions.add_parser(
        "reconnect", help="renew an account's sign-in (the new secret is read from stdin or "
        "asked for); the account keeps its id, drafts, queued posts and history",
        description="Renew the sign-in of a connected account: only the saved secret is "
        "replaced. The new app password or token is read from stdin when stdin is not a "
        "terminal, otherwise asked for without showing it.")
    reconnect.add_argument("id", type=int, metavar="ID")
    reconnect.add_argument("--no-verify", action="store_true",
                           help="store the secret without logging in to check it")

    remove = actions.add_parser("remove", help="remove an account and its saved sign-in")
    remove.add_argument("id", type=int, metavar="ID")

    persona = actions.add_parser("set-persona", help="move an account to the other identity")
    persona.add_argument("id", type=int, metavar="ID")
    persona.add_argument("persona", choices=[p.value for p in Persona])
    persona.add_argument("--yes", action="store_true", help="confirm the change")

    offboard = actions.add_parser(
        "offboard", help="leaving your job: remove every employer-owned account and its "
        "sign-in, keeping your own accounts")
    offboard.add_argument("--yes", action="store_true", help="confirm the removal")


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    """Run one ``accounts`` action."""
    action = {
        "add": add_account, "list": list_accounts, "reconnect": reconnect_account,
        "remove": remove_account,
        "set-persona": set_persona, "offboard": offboard,
    }[args.action]
    return action(args, paths)


def _open_secrets() -> SecretStore:
    from app.store.secrets import SecretStore

    return SecretStore.open_default()


def _lookup_verifier(network: Network) -> LoginVerifier | None:
    from app.networks.registry import login_verifier

    return login_verifier(network)


def _descriptor(network: Network) -> NetworkDescriptor:
    from app.networks.registry import descriptor

    return descriptor(network)


def _read_secret(stdin: TextIO, prompt: str) -> str:
    if stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return stdin.read()


def _open_in_browser(url: str) -> None:
    import webbrowser

    note("Opening the sign-in page in your browser; finish signing in there.")
    if not webbrowser.open(url):
        note(f"No browser could be opened: visit {url}")


def _label(account: Account) -> str:
    from app.store.accounts import describe

    return describe(account)


class _SignInRefused(Exception):
    """The network refused the sign-in (or checking it failed); ``str()`` is the line."""


def _checked(args: argparse.Namespace, account: Account, secret: AccountSecret,
             verifier_lookup: Callable[[Network], LoginVerifier | None], *, unchecked: str,
             refused: str) -> tuple[AccountSecret, bool]:
    """Log in with ``secret`` where Twofold can (not with ``--no-verify``): the secret to
    keep (a verifier may hand back another, e.g. Bluesky's session) and whether it was
    checked. Raises _SignInRefused ending with ``refused`` when the login fails."""
    from app.networks.registry import LoginCheckFailed

    if args.no_verify:
        return secret, False
    network = Network(account.network)
    verifier = verifier_lookup(network)
    if verifier is None:
        note(f"Could not verify: Twofold cannot log in to {network.display_name} yet. "
             f"{unchecked} without being checked.")
        return secret, False
    try:
        return verifier(account, secret) or secret, True
    except LoginCheckFailed as exc:
        raise _SignInRefused(f"Could not log in to {_label(account)}: {exc} {refused}"
                             ) from None
    except Exception as exc:  # a client bug must not print what it was handed
        raise _SignInRefused(f"Could not log in to {_label(account)} "
                             f"({type(exc).__name__}). {refused}") from None


@guarded
def add_account(args: argparse.Namespace, paths: AppPaths, *,
                secrets_factory: Callable[[], SecretStore] = _open_secrets,
                verifier_lookup: Callable[[Network], LoginVerifier | None] = _lookup_verifier,
                stdin: TextIO | None = None,
                open_browser: Callable[[str], object] = _open_in_browser) -> int:
    """``accounts add``: check the details, read the secret, verify it when Twofold can log in
    to the network, then save the account and put the secret in the keychain."""
    from app.core.model import Account
    from app.networks.descriptor import (
        POSTING_BY_BROWSER,
        POSTING_SETTING,
        ServerField,
        SignIn,
    )
    from app.store.accounts import validated_account
    from app.store.lifecycle import apply_managed_rules, connect_account
    from app.store.managed import load_managed_setup
    from app.store.secrets import secret_from_input

    network = Network(args.network)
    managed = load_managed_setup(paths)
    entry = managed.match(network, args.handle, args.server)
    if args.persona is None and entry is None:
        return error("Say which identity the account belongs to: --persona work or "
                     "--persona personal.", EXIT_USAGE)
    described = _descriptor(network)
    if described.server is ServerField.REQUIRED and not args.server.strip():
        return error(f"A {described.display_name} account needs its server: --server "
                     f"{described.example_server} (or your own).", EXIT_USAGE)
    if getattr(args, "browser", False):
        return _add_in_browser(args, paths, described, managed, secrets_factory, open_browser)
    if not args.handle.strip():
        return error("Say which account: --handle NAME (or --browser to sign in on the "
                     "network's page).", EXIT_USAGE)
    account = Account(
        network=network, handle=args.handle,
        persona=Persona(args.persona) if args.persona else entry.persona,  # type: ignore[union-attr]
        owner=Owner(args.owner) if args.owner else Owner.SELF,
        server=args.server, display_name=args.display_name)
    account = validated_account(account)
    account = apply_managed_rules(account, managed, persona_given=args.persona is not None)

    with open_store(paths) as store:
        if store.accounts.find(account.network, account.handle, account.server):
            return error(f"{_label(account)} is already connected to Twofold.", EXIT_FAILED)
        browser_only = described.sign_in is SignIn.BROWSER_ONLY
        secret = None
        if not browser_only:
            text = _read_secret(stdin or sys.stdin, f"{described.secret_label()} for "
                                f"{_label(account)} (not shown): ")
            try:
                secret = secret_from_input(network, text)
            except ValueError as exc:
                return error(str(exc), EXIT_USAGE)
            remember_secret(args, secret)
            # Nothing given for a network whose unsigned accounts are shared through the
            # browser (a personal Facebook profile): keep it for checking.
            browser_only = secret.is_empty and described.browser_without_sign_in
        if browser_only:
            # No sign-in to keep: drafts are checked for it, posts open its page.
            account.settings[POSTING_SETTING] = POSTING_BY_BROWSER
            saved = store.accounts.add(account)
            print(f"Connected {_label(saved)} as a {saved.persona.label} account, id "
                  f"{saved.id}. Twofold checks posts for it and opens "
                  f"{described.display_name}'s own page to post them.")
            return EXIT_OK
        assert secret is not None
        if secret.is_empty:
            return error("No secret was given: pipe the app password or token into the command, "
                         "or type it when asked.", EXIT_USAGE)
        secrets = remembering(args, secrets_factory())
        try:
            secret, verified = _checked(args, account, secret, verifier_lookup,
                                        unchecked="The sign-in was stored",
                                        refused="The account was not added.")
        except _SignInRefused as refused:
            return error(str(refused), EXIT_FAILED)
        saved = connect_account(store, secrets, account, secret, managed=managed)
    checked = " (sign-in checked)" if verified else ""
    print(f"Connected {_label(saved)} as a {saved.persona.label} account, id {saved.id}"
          f"{checked}. Its sign-in is kept in {secrets.backend_description}.")
    if not secrets.is_persistent:
        note("No keychain (password manager) is reachable, so the sign-in was kept only while "
             "this command ran and nothing was written to disk; Twofold will ask for it again "
             "when it starts.")
    return EXIT_OK


@guarded
def reconnect_account(args: argparse.Namespace, paths: AppPaths, *,
                      secrets_factory: Callable[[], SecretStore] = _open_secrets,
                      verifier_lookup: Callable[[Network], LoginVerifier | None] = _lookup_verifier,
                      stdin: TextIO | None = None) -> int:
    """``accounts reconnect ID``: read the new secret, verify it when Twofold can log in to the
    network, then replace only the saved secret (the account, its id, identity, colour,
    drafts, queued posts and history stay as they are)."""
    from app.store.lifecycle import reconnect_account as renew
    from app.store.secrets import secret_from_input

    with open_store(paths) as store:
        account = store.accounts.get(args.id)  # a wrong id is reported before anything is read
        network = Network(account.network)
        text = _read_secret(stdin or sys.stdin,
                            f"New app password or token for {_label(account)} (not shown): ")
        try:
            secret = secret_from_input(network, text)
        except ValueError as exc:
            return error(str(exc), EXIT_USAGE)
        remember_secret(args, secret)
        if secret.is_empty:
            return error("No secret was given: pipe the new app password or token into the "
                         "command, or type it when asked.", EXIT_USAGE)
        secrets = remembering(args, secrets_factory())
        try:
            secret, verified = _checked(args, account, secret, verifier_lookup,
                                        unchecked="The new sign-in was stored",
                                        refused="The saved sign-in was not changed.")
        except _SignInRefused as refused:
            return error(str(refused), EXIT_FAILED)
        renewed = renew(store, secrets, args.id, secret)
    checked = " (sign-in checked)" if verified else ""
    print(f"Reconnected {_label(renewed)}, id {renewed.id}{checked}; its drafts, queued posts "
          f"and history are unchanged. The sign-in is kept in {secrets.backend_description}.")
    if not secrets.is_persistent:
        note("No keychain (password manager) is reachable, so the new sign-in was kept only "
             "while this command ran; Twofold will ask for it again when it starts.")
    return EXIT_OK


def _add_in_browser(args: argparse.Namespace, paths: AppPaths, described: NetworkDescriptor,
                    managed: ManagedSetup, secrets_factory: Callable[[], SecretStore],
                    open_browser: Callable[[str], object]) -> int:
    """``accounts add --browser``: sign in on the network's page; connect whoever signed in
    (and, with ``--pages`` on LinkedIn, the pages they administer)."""
    from app.core.model import Account
    from app.networks.errors import NetworkError
    from app.store.accounts import validated_account
    from app.store.lifecycle import apply_managed_rules, connect_account

    name = described.display_name
    if described.browser_connect is None:
        return error(f"{name} does not sign in through the browser; pipe its "
                     f"{described.secret_label().lower()} instead.", EXIT_USAGE)
    credentials = managed.app_credentials.get(described.network)
    own = {"client_id": args.client_id.strip()} if args.client_id.strip() else {}
    if described.needs_app_credentials and credentials is None and not own:
        return error(f"Signing in to {name} needs your organisation's {name} app (ask IT to "
                     "add it to the organisation's set-up)"
                     + (" or your own app's --client-id." if described.sign_in.value
                        == "oauth_pkce" else "."), EXIT_FAILED)
    options = {"pages": True} if args.pages and described.connect_options else {}
    try:
        logins = described.browser_connect(args.server, credentials, open_browser=open_browser,
                                           **own, **options)
    except NetworkError as exc:
        return error(f"Could not sign in to {name}: {exc}", EXIT_FAILED)
    for login in logins:
        remember_secret(args, login.secret)
    if args.handle.strip() and logins and \
            logins[0].handle.lower() != args.handle.strip().lstrip("@").lower():
        return error(f"You signed in as {logins[0].handle}, not {args.handle}; nothing was "
                     "added.", EXIT_FAILED)
    persona = Persona(args.persona) if args.persona else Persona.WORK
    secrets = remembering(args, secrets_factory())
    with open_store(paths) as store:
        for index, login in enumerate(logins):
            mine = index == 0
            account = validated_account(Account(
                network=described.network, handle=login.handle,
                persona=persona if mine else Persona.WORK,
                owner=(Owner(args.owner) if args.owner else Owner.SELF) if mine
                else Owner.EMPLOYER, server=login.server or args.server,
                display_name=login.display_name, settings=dict(login.settings)))
            account = apply_managed_rules(account, managed, persona_given=mine
                                          and args.persona is not None)
            if store.accounts.find(account.network, account.handle, account.server):
                note(f"{_label(account)} is already connected; remove it first to sign in "
                     "again.")
                continue
            saved = connect_account(store, secrets, account, login.secret, managed=managed)
            print(f"Connected {_label(saved)} as a {saved.persona.label} account, id "
                  f"{saved.id} (signed in through the browser).")
    return EXIT_OK


def _account_json(account: Account) -> dict[str, object]:
    return {
        "id": account.id, "network": account.network.value, "handle": account.handle,
        "persona": account.persona.value, "owner": account.owner.value,
        "server": account.server, "display_name": account.display_name,
        "colour": account.shown_colour, "managed": account.managed,
        "avatar_path": str(account.avatar_path) if account.avatar_path else None,
        "settings": account.settings,
    }


@guarded
def list_accounts(args: argparse.Namespace, paths: AppPaths) -> int:
    """``accounts list``: the two identities and their accounts."""
    with open_store(paths) as store:
        grouped = store.accounts.by_persona()
    if args.json:
        print(json.dumps({persona.value: [_account_json(a) for a in accounts]
                          for persona, accounts in grouped.items()}, indent=2,
                         ensure_ascii=False))
        return EXIT_OK
    for persona, accounts in grouped.items():
        print(persona.label)
        if not accounts:
            print("  (no accounts)")
        for account in accounts:
            marks = [account.owner.value if account.owner is Owner.EMPLOYER else "",
                     "managed" if account.managed else "", account.server]
            extra = "  ".join(m for m in marks if m)
            print(f"  {account.id:>4}  {account.network.display_name:<9}  @{account.handle}"
                  f"{'  ' + extra if extra else ''}")
    return EXIT_OK


@guarded
def remove_account(args: argparse.Namespace, paths: AppPaths, *,
                   secrets_factory: Callable[[], SecretStore] = _open_secrets) -> int:
    """``accounts remove ID``: the account and its saved sign-in."""
    from app.store import lifecycle

    with open_store(paths) as store:
        store.accounts.get(args.id)  # a wrong id is reported before the keychain is opened
        secrets = remembering(args, secrets_factory())
        removed = lifecycle.remove_account(store, secrets, args.id)
    print(f"Removed {_label(removed)} and its saved sign-in.")
    if not secrets.is_persistent:
        note("No keychain was reachable, so a sign-in saved there earlier (if any) could not "
             "be deleted; remove it in your keychain app.")
    return EXIT_OK


@guarded
def set_persona(args: argparse.Namespace, paths: AppPaths) -> int:
    """``accounts set-persona ID work|personal [--yes]``."""
    from app.store.errors import PersonaChangeNeedsConfirmation

    new = Persona(args.persona)
    with open_store(paths) as store:
        try:
            account = store.accounts.set_persona(args.id, new, confirm=args.yes)
        except PersonaChangeNeedsConfirmation as exc:
            return error(f"{exc} Run the command again with --yes to confirm.", EXIT_FAILED)
    print(f"{_label(account)} is now a {account.persona.label} account.")
    return EXIT_OK


@guarded
def offboard(args: argparse.Namespace, paths: AppPaths, *,
             secrets_factory: Callable[[], SecretStore] = _open_secrets) -> int:
    """``accounts offboard [--yes]``: remove every employer-owned account and its sign-in."""
    from app.store.lifecycle import offboard as run_offboarding

    with open_store(paths) as store:
        employer = store.accounts.list(owner=Owner.EMPLOYER)
        if not employer:
            print("No employer-owned accounts are connected; nothing to remove.")
            return EXIT_OK
        if not args.yes:
            note("These employer-owned accounts and their sign-ins would be removed:")
            for account in employer:
                note(f"  {account.id}: {_label(account)}")
            return error("Nothing was removed. Run the command again with --yes to remove "
                         "them; your own accounts stay.", EXIT_FAILED)
        report = run_offboarding(store, remembering(args, secrets_factory()))
    for account in report.removed:
        print(f"Removed {_label(account)} and its saved sign-in.")
    kept = len(report.kept)
    print(f"Kept your {kept} own account{'s' if kept != 1 else ''}.")
    for account, reason in report.failed:
        note(f"Could not remove {_label(account)}: {reason}")
    return EXIT_OK if report.complete else EXIT_FAILED
