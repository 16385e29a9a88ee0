"""The organisation's managed set-up file and offboarding."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from app.core.model import Account, Network, Owner, Persona
from app.store.errors import ManagedConfigError, PersonaChangeRefused, SecretStoreError
from app.store.lifecycle import connect_account, offboard, remove_account
from app.store.managed import MANAGED_FILENAME, load_managed_setup, managed_file
from app.store.memory_keyring import MemoryKeyring
from app.store.secrets import AccountSecret, SecretStore
from app.store.store import Store

GOOD_FILE = """\
organisation = "Acme Magazines"
policy_pack = "acme-policy.toml"

[[accounts]]
network = "bluesky"
handle = "@acme.bsky.social"
persona = "work"
owner = "employer"

[[accounts]]
network = "mastodon"
server = "social.acme.example"
handle = "jo"
persona = "work"

[app_credentials.linkedin]
client_id = "86abc"
client_secret = "li-client-secret-4242"
redirect_uri = "http://127.0.0.1:8765/callback"
"""


def _write_site(paths, text: str, *, pack: bool = True) -> Path:
    site = paths.site_config_dir()
    site.mkdir(parents=True, exist_ok=True)
    if pack:
        (site / "acme-policy.toml").write_text("# policy\n")
    target = site / MANAGED_FILENAME
    target.write_text(textwrap.dedent(text))
    return target


def test_no_file_means_no_managed_set_up(paths):
    setup = load_managed_setup(paths)
    assert not setup.is_managed and setup.accounts == () and setup.policy_pack is None


def test_a_good_file_is_read_completely(paths):
    _write_site(paths, GOOD_FILE)
    setup = load_managed_setup(paths)
    assert setup.is_managed and setup.organisation == "Acme Magazines"
    assert setup.policy_pack == paths.site_config_dir() / "acme-policy.toml"
    brand, jo = setup.accounts
    assert (brand.network, brand.handle, brand.persona, brand.owner) == (
        Network.BLUESKY, "acme.bsky.social", Persona.WORK, Owner.EMPLOYER)
    assert (jo.server, jo.owner) == ("https://social.acme.example", Owner.SELF)
    credentials = setup.app_credentials[Network.LINKEDIN]
    assert credentials.client_id == "86abc"
    assert credentials.client_secret == "li-client-secret-4242"
    assert "li-client-secret-4242" not in repr(setup)
    assert setup.match(Network.BLUESKY, "ACME.bsky.social") is brand
    assert setup.pending([brand.to_account()]) == [jo]


@pytest.mark.parametrize(("text", "line", "key", "words"), [
    ('organisation = "Acme\n[[accounts]\n', 1, None, "not valid TOML"),
    ('organisation = "Acme"\npolicy = "x.toml"\n', 2, "policy", "unknown setting"),
    ('[[accounts]]\nnetwork = "bluesky"\nhandle = "a"\npersona = "work"\n\n'
     '[[accounts]]\nnetwork = "bluesky"\nhandle = "b"\npersona = "wrok"\n',
     9, "accounts[2].persona", "\u201cwrok\u201d is not one of"),
    ('[[accounts]]\nnetwork = "myspace"\nhandle = "a"\npersona = "work"\n', 2,
     "accounts[1].network", "not one of"),
    ('[[accounts]]\nnetwork = "x"\nhandle = "brand"\npersona = "personal"\nowner = "employer"\n',
     4, "accounts[1].persona", "employer-owned account must have persona"),
    ('[[accounts]]\nnetwork = "mastodon"\nhandle = "a"\npersona = "work"\n', 1,
     "accounts[1].server", "needs its server"),
    ('[[accounts]]\nnetwork = "x"\npersona = "work"\n', 1, "accounts[1].handle",
     "is required"),
    ('[[accounts]]\nnetwork = "x"\nhandle = "a"\npersona = "work"\ncolour = "red"\n', 5,
     "accounts[1].colour", "unknown setting"),
    ('[[accounts]]\nnetwork = "x"\nhandle = "a"\npersona = "work"\n'
     '[[accounts]]\nnetwork = "x"\nhandle = "@A"\npersona = "work"\n', 7,
     "accounts[2].handle", "listed twice"),
    ('policy_pack = 7\n', 1, "policy_pack", "must be text"),
    ('[app_credentials.friendster]\nclient_id = "1"\n', 1, "app_credentials.friendster",
     "not a network"),
    ('[app_credentials.linkedin]\nclient_secret = "s"\n', 1, "app_credentials.linkedin",
     "is required"),
    ('[[accounts]]\nnetwork = "x"\nhandle = 42\npersona = "work"\n', 3, "accounts[1].handle",
     "must be text"),
])
def test_mistakes_in_the_file_name_the_file_line_and_key(paths, text, line, key, words):
    target = _write_site(paths, text, pack=False)
    with pytest.raises(ManagedConfigError) as caught:
        load_managed_setup(paths)
    error = caught.value
    assert (error.path, error.line, error.key) == (target, line, key)
    message = str(error)
    assert words in message and str(target) in message
    if line:
        assert f"line {line}" in message


def test_managed_accounts_keep_the_organisations_persona_and_owner(run_cli, paths):
    _write_site(paths, GOOD_FILE)
    # Persona not given: the file's is used; the owner comes from the file too.
    added = run_cli("accounts", "add", "--network", "bluesky", "--handle", "acme.bsky.social",
                    "--no-verify", input="brand-app-password\n")
    assert added.returncode == 0, added.stderr
    refused = run_cli("accounts", "add", "--network", "mastodon", "--server",
                      "https://social.acme.example", "--handle", "jo", "--persona", "personal",
                      input="tok\n")
    assert refused.returncode == 1
    assert "organisation's set-up says @jo on Mastodon is a Work account" in refused.stderr
    with Store(paths) as store:
        [brand] = store.accounts.list()
    assert (brand.persona, brand.owner, brand.managed) == (Persona.WORK, Owner.EMPLOYER, True)
    moved = run_cli("accounts", "set-persona", str(brand.id), "personal", "--yes")
    assert moved.returncode == 1 and "employer" in moved.stderr
    # The app's client secret from the file never reaches the profile.
    for path in paths.profile_dir.rglob("*"):
        if path.is_file() and path.parent != paths.site_config_dir():
            assert b"li-client-secret-4242" not in path.read_bytes()


def test_a_self_owned_managed_account_cannot_be_moved_either(paths):
    _write_site(paths, GOOD_FILE)
    setup = load_managed_setup(paths)
    with Store(paths) as store:
        jo = connect_account(store, SecretStore.in_memory(), Account(
            Network.MASTODON, "jo", Persona.WORK, server="https://social.acme.example"),
            AccountSecret(token="t"), managed=setup)
        assert jo.managed and jo.owner is Owner.SELF
        with pytest.raises(PersonaChangeRefused, match="organisation"):
            store.accounts.set_persona(jo.id, Persona.PERSONAL, confirm=True)


def test_a_broken_managed_file_stops_adding_accounts_with_a_clear_line(run_cli, paths):
    target = _write_site(paths, 'organisation = "Acme"\npolicy = "x"\n')
    result = run_cli("accounts", "add", "--network", "x", "--handle", "me", "--persona",
                     "personal", input="tok\n")
    assert result.returncode == 1
    assert f"{target}, line 2 (policy)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_managed_file_lives_in_the_site_config_folder(paths):
    assert managed_file(paths) == paths.site_config_root / "managed.toml"


# --- connecting, removing, offboarding -------------------------------------------------------


class RefusingKeyring(MemoryKeyring):
    """A keychain that refuses to write, or to delete particular entries."""

    def __init__(self, refuse_writes: bool = False, refuse_delete_of: str = "") -> None:
        super().__init__()
        self.refuse_writes = refuse_writes
        self.refuse_delete_of = refuse_delete_of

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.refuse_writes:
            raise OSError("keychain is read-only")
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        if self.refuse_delete_of and username.startswith(self.refuse_delete_of):
            raise OSError("keychain said no")
        super().delete_password(service, username)


def test_an_account_is_not_kept_when_its_secret_cannot_be_saved(store):
    secrets = SecretStore(RefusingKeyring(refuse_writes=True))
    with pytest.raises(SecretStoreError, match="could not save"):
        connect_account(store, secrets, Account(Network.X, "me", Persona.PERSONAL),
                        AccountSecret(token="t"))
    assert store.accounts.list() == []


def test_removing_an_account_removes_its_secret(store):
    secrets = SecretStore(MemoryKeyring())
    account = connect_account(store, secrets, Account(Network.X, "me", Persona.PERSONAL),
                              AccountSecret(token="t"))
    remove_account(store, secrets, account.id)
    assert store.accounts.list() == [] and secrets.load(account) is None


def _connect_everyone(store, secrets):
    accounts = {
        "brand": Account(Network.X, "brand", Persona.WORK, Owner.EMPLOYER),
        "brand2": Account(Network.BLUESKY, "brand.example", Persona.WORK, Owner.EMPLOYER),
        "my_work": Account(Network.LINKEDIN, "me-at-work", Persona.WORK, Owner.SELF),
        "mine": Account(Network.BLUESKY, "me.example", Persona.PERSONAL),
    }
    return {name: connect_account(store, secrets, account, AccountSecret(token=f"tok-{name}"))
            for name, account in accounts.items()}


def test_offboarding_removes_every_employer_account_and_secret_and_nothing_else(store):
    secrets = SecretStore(MemoryKeyring())
    connected = _connect_everyone(store, secrets)
    store.history.record(connected["brand"], "a brand post")
    report = offboard(store, secrets)
    assert report.complete
    assert sorted(a.handle for a in report.removed) == ["brand", "brand.example"]
    assert sorted(a.handle for a in report.kept) == ["me-at-work", "me.example"]
    assert sorted(a.handle for a in store.accounts.list()) == ["me-at-work", "me.example"]
    assert secrets.load(connected["brand"]) is None
    assert secrets.load(connected["brand2"]) is None
    assert secrets.load(connected["my_work"]).token == "tok-my_work"
    assert secrets.load(connected["mine"]).token == "tok-mine"
    assert store.history.list()[0].text == "a brand post"  # the user's record stays


def test_offboarding_reports_what_it_could_not_remove_and_keeps_it_retryable(store):
    backend = RefusingKeyring()
    secrets = SecretStore(backend)
    connected = _connect_everyone(store, secrets)
    backend.refuse_delete_of = "x:brand"
    report = offboard(store, secrets)
    assert not report.complete
    [(failed, reason)] = report.failed
    assert failed.handle == "brand" and "could not delete" in reason
    assert [a.handle for a in report.removed] == ["brand.example"]
    assert store.accounts.get(connected["brand"].id)  # still there, with its secret
    assert secrets.load(connected["brand"]).token == "tok-brand"
    backend.refuse_delete_of = ""
    assert [a.handle for a in offboard(store, secrets).removed] == ["brand"]
