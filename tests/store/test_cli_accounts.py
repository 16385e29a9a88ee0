"""The store's command line: accounts, drafts and history, exit codes and messages, and no
secret anywhere in the profile after connecting accounts."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from app.cli import accounts_cmd
from app.cli.parser import build_parser
from app.core.model import Account, Draft, Network, Owner, Persona
from app.networks.registry import LoginCheckFailed
from app.store.secrets import AccountSecret, SecretStore
from app.store.store import Store

SECRETS = {
    "work": "app-pw-WORK-7c1e-0000",
    "brand": "brand-token-9d2f-1111",
    "mine": "personal-token-3a4b-2222",
    "refresh": "refresh-token-5e6f-3333",
}


def _add(run_cli, *args: str, secret: str = "some-secret-value", **kw):
    # --no-verify: these secrets are made up, and Bluesky and Mastodon logins are now checked
    # for real (tests/networks covers verifying against local servers).
    return run_cli("accounts", "add", "--no-verify", *args, input=secret + "\n", **kw)


def _files_under(folder: Path) -> list[Path]:
    return [Path(root) / name for root, _, names in os.walk(folder) for name in names]


def _assert_no_secret_in(folder: Path, secrets: list[str]) -> list[Path]:
    files = _files_under(folder)
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            for encoded in (secret.encode("utf-8"), secret.encode("utf-16-le")):
                assert encoded not in data, f"a secret was written to {path}"
    return files


def test_connecting_accounts_leaves_no_secret_in_any_profile_file(run_cli, paths):
    # Keep a connection open so the WAL and shared-memory files stay to be searched too.
    with Store(paths) as watcher:
        results = [
            _add(run_cli, "--network", "bluesky", "--handle", "me.work.example", "--persona",
                 "work", secret=SECRETS["work"]),
            _add(run_cli, "--network", "x", "--handle", "acme", "--persona", "work", "--owner",
                 "employer", secret=SECRETS["brand"]),
            _add(run_cli, "--network", "mastodon", "--handle", "me", "--server",
                 "https://mastodon.social", "--persona", "personal",
                 secret=json.dumps({"token": SECRETS["mine"],
                                    "refresh_token": SECRETS["refresh"]})),
        ]
        for result in results:
            assert result.returncode == 0, result.stderr
            for secret in SECRETS.values():
                assert secret not in result.stdout + result.stderr
        watcher.drafts.save(Draft("a draft, to make the WAL busy"))
        assert len(watcher.accounts.list()) == 3
        files = _assert_no_secret_in(paths.profile_dir, list(SECRETS.values()))
        names = {p.name for p in files}
        assert {"twofold.sqlite3", "twofold.sqlite3-wal", "twofold.sqlite3-shm"} <= names


@pytest.mark.integration
def test_connecting_with_the_real_keychain_puts_the_secret_there_and_nowhere_else(
        run_cli, paths, real_keyring, secret_service):
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
           "DBUS_SESSION_BUS_ADDRESS": secret_service.address}
    result = _add(run_cli, "--network", "bluesky", "--handle", "me.example.org", "--persona",
                  "personal", secret=SECRETS["mine"], env=env)
    assert result.returncode == 0, result.stderr
    assert "Secret Service" in result.stdout
    assert "memory" not in result.stderr
    with Store(paths) as store:
        [account] = store.accounts.list()
    assert SecretStore(real_keyring).load(account).app_password == SECRETS["mine"]
    _assert_no_secret_in(paths.profile_dir, [SECRETS["mine"]])
    removed = run_cli("accounts", "remove", str(account.id), env=env)
    assert removed.returncode == 0, removed.stderr
    assert SecretStore(real_keyring).load(account) is None
    assert secret_service.items("twofold") == []


def test_without_a_keychain_the_cli_says_the_secret_was_not_kept(run_cli):
    result = _add(run_cli, "--network", "bluesky", "--handle", "me.example.org", "--persona",
                  "personal")
    assert result.returncode == 0
    assert "nothing was written to disk" in result.stderr


@pytest.mark.parametrize(("args", "stdin", "expected"), [
    (["--network", "bluesky", "--handle", "a.example"], "x", "--persona work"),
    (["--network", "mastodon", "--handle", "a", "--persona", "work"], "x", "needs its server"),
    (["--network", "bluesky", "--handle", "a.example", "--persona", "work"], "   \n",
     "No secret was given"),
    (["--network", "bluesky", "--handle", "two words", "--persona", "work"], "x", "handle"),
    (["--network", "x", "--handle", "a", "--persona", "work"], '{"token": ', "not valid JSON"),
])
def test_bad_input_is_a_usage_error_with_one_clear_line(run_cli, args, stdin, expected):
    result = run_cli("accounts", "add", *args, input=stdin)
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_the_secret_cannot_be_given_as_an_argument(run_cli):
    result = run_cli("accounts", "add", "--network", "x", "--handle", "a", "--persona", "work",
                     "--password", "hunter2", input="")
    assert result.returncode == 2
    assert "unrecognized arguments" in result.stderr


def test_refusals_exit_1_and_change_nothing(run_cli, paths):
    assert _add(run_cli, "--network", "x", "--handle", "brand", "--persona", "work",
                "--owner", "employer").returncode == 0
    assert _add(run_cli, "--network", "x", "--handle", "me", "--persona",
                "personal").returncode == 0
    duplicate = _add(run_cli, "--network", "x", "--handle", "@BRAND", "--persona", "work")
    assert duplicate.returncode == 1 and "already connected" in duplicate.stderr
    employer_personal = _add(run_cli, "--network", "x", "--handle", "other", "--persona",
                             "personal", "--owner", "employer")
    assert employer_personal.returncode == 1 and "employer" in employer_personal.stderr
    with Store(paths) as store:
        brand = store.accounts.find(Network.X, "brand")
        me = store.accounts.find(Network.X, "me")
        assert len(store.accounts.list()) == 2
    refused = run_cli("accounts", "set-persona", str(brand.id), "personal", "--yes")
    assert refused.returncode == 1 and "stays a Work account" in refused.stderr
    unconfirmed = run_cli("accounts", "set-persona", str(me.id), "work")
    assert unconfirmed.returncode == 1 and "--yes" in unconfirmed.stderr
    with Store(paths) as store:
        assert store.accounts.get(brand.id).persona is Persona.WORK
        assert store.accounts.get(me.id).persona is Persona.PERSONAL
    confirmed = run_cli("accounts", "set-persona", str(me.id), "work", "--yes")
    assert confirmed.returncode == 0 and "now a Work account" in confirmed.stdout
    unknown = run_cli("accounts", "remove", "999")
    assert unknown.returncode == 2 and "no account number 999" in unknown.stderr


def test_list_shows_both_identities_as_text_and_json(run_cli):
    _add(run_cli, "--network", "bluesky", "--handle", "acme.example", "--persona", "work",
         "--owner", "employer")
    _add(run_cli, "--network", "mastodon", "--handle", "me", "--server", "social.example",
         "--persona", "personal", "--display-name", "Me at home")
    text = run_cli("accounts", "list")
    assert text.returncode == 0
    work_part, personal_part = text.stdout.split("Personal")
    assert "@acme.example" in work_part and "employer" in work_part
    assert "@me" in personal_part and "https://social.example" in personal_part
    data = json.loads(run_cli("accounts", "list", "--json").stdout)
    assert [a["handle"] for a in data["work"]] == ["acme.example"]
    [mine] = data["personal"]
    assert (mine["display_name"], mine["server"], mine["colour"]) == (
        "Me at home", "https://social.example", "#d97706")
    assert not any(key in json.dumps(data) for key in ("token", "password"))


def test_offboarding_from_the_command_line(run_cli, paths):
    _add(run_cli, "--network", "x", "--handle", "brand", "--persona", "work", "--owner",
         "employer")
    _add(run_cli, "--network", "x", "--handle", "me", "--persona", "personal")
    asked = run_cli("accounts", "offboard")
    assert asked.returncode == 1
    assert "@brand on X" in asked.stderr and "--yes" in asked.stderr
    done = run_cli("accounts", "offboard", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Removed @brand on X" in done.stdout
    with Store(paths) as store:
        assert [a.handle for a in store.accounts.list()] == ["me"]
    again = run_cli("accounts", "offboard", "--yes")
    assert again.returncode == 0 and "nothing to remove" in again.stdout


def test_drafts_and_history_commands_show_what_the_store_holds(run_cli, paths):
    with Store(paths) as store:
        work = store.accounts.add(Account(Network.BLUESKY, "acme.example", Persona.WORK,
                                          Owner.EMPLOYER))
        draft = store.drafts.save(Draft("Spring issue out now\nwith a second line",
                                        target_account_ids=[work.id]))
        posted = store.drafts.save(Draft("Already posted", target_account_ids=[work.id]))
        [entry] = store.outbox.create_entries(posted.id, [work.id],
                                              override_reasons={work.id: "approved"})
        store.outbox.claim(entry.id)
        store.outbox.mark_sent(entry.id, "at://1", "https://bsky.app/profile/acme/post/1")
        store.drafts.mark_sent(posted.id)
    listed = run_cli("drafts", "list")
    assert listed.returncode == 0
    assert "Spring issue out now with a second line" in listed.stdout
    assert "Already posted" not in listed.stdout
    shown = run_cli("drafts", "show", str(posted.id))
    assert "Already posted" in shown.stdout
    assert "sent" in shown.stdout and "https://bsky.app/profile/acme/post/1" in shown.stdout
    shown_json = json.loads(run_cli("drafts", "show", str(draft.id), "--json").stdout)
    assert shown_json["text"] == "Spring issue out now\nwith a second line"
    assert shown_json["target_account_ids"] == [work.id]
    history = json.loads(run_cli("history", "--json").stdout)
    assert [(h["text"], h["url"], h["override_reason"]) for h in history] == [
        ("Already posted", "https://bsky.app/profile/acme/post/1", "approved")]
    assert "@acme.example" in run_cli("history").stdout
    missing = run_cli("drafts", "show", "404")
    assert missing.returncode == 2 and "no draft number 404" in missing.stderr


# --- verifying the sign-in (in-process, with fake network clients) ---------------------------


def _add_in_process(paths, argv, secret, verifier_lookup, secrets):
    args = build_parser().parse_args(["accounts", "add", *argv])
    return accounts_cmd.add_account(args, paths, secrets_factory=lambda: secrets,
                                    verifier_lookup=verifier_lookup, stdin=io.StringIO(secret))


def test_a_network_without_a_client_is_not_pretended_to_be_verified(paths, capsys):
    secrets = SecretStore.in_memory()
    code = _add_in_process(paths, ["--network", "linkedin", "--handle", "me", "--persona",
                                   "work"], "tok", lambda network: None, secrets)
    assert code == 0
    captured = capsys.readouterr()
    assert "Could not verify: Twofold cannot log in to LinkedIn yet" in captured.err
    assert "checked" not in captured.out


def test_a_verified_login_is_reported_and_a_failed_one_adds_nothing(paths, capsys):
    seen: list[tuple[str, AccountSecret]] = []

    def good(account, secret):
        seen.append((account.handle, secret))

    def bad(account, secret):
        raise LoginCheckFailed("Bluesky says the app password is wrong.")

    secrets = SecretStore.in_memory()
    code = _add_in_process(paths, ["--network", "bluesky", "--handle", "ok.example",
                                   "--persona", "work"], "pw-1", lambda n: good, secrets)
    assert code == 0 and "(sign-in checked)" in capsys.readouterr().out
    assert seen == [("ok.example", AccountSecret(app_password="pw-1"))]
    code = _add_in_process(paths, ["--network", "bluesky", "--handle", "no.example",
                                   "--persona", "work"], "pw-wrong", lambda n: bad, secrets)
    err = capsys.readouterr().err
    assert code == 1 and "app password is wrong" in err and "not added" in err
    assert "pw-wrong" not in err
    with Store(paths) as store:
        assert [a.handle for a in store.accounts.list()] == ["ok.example"]
        assert secrets.load(Account(Network.BLUESKY, "no.example", Persona.WORK)) is None


def test_a_crashing_client_does_not_print_what_it_was_given(paths, capsys):
    def crashing(account, secret):
        raise RuntimeError(f"boom with {secret.app_password}")

    code = _add_in_process(paths, ["--network", "bluesky", "--handle", "a.example",
                                   "--persona", "work"], "pw-leak-me", lambda n: crashing,
                           SecretStore.in_memory())
    err = capsys.readouterr().err
    assert code == 1 and "RuntimeError" in err and "pw-leak-me" not in err


# --- reconnecting: a new sign-in, the same account ----------------------------------------------


def _reconnect_in_process(paths, argv, secret, verifier_lookup, secrets):
    args = build_parser().parse_args(["accounts", "reconnect", *argv])
    return accounts_cmd.reconnect_account(args, paths, secrets_factory=lambda: secrets,
                                          verifier_lookup=verifier_lookup,
                                          stdin=io.StringIO(secret))


def test_reconnect_renews_only_the_secret_and_keeps_the_account(paths, capsys):
    secrets = SecretStore.in_memory()
    with Store(paths) as store:
        account = store.accounts.add(Account(Network.BLUESKY, "me.example", Persona.WORK,
                                             colour="#123456"))
        secrets.save(account, AccountSecret(app_password="old-pw"))
        draft = store.drafts.save(Draft("kept while the sign-in is renewed",
                                        target_account_ids=[account.id]))
    seen: list[AccountSecret] = []
    code = _reconnect_in_process(paths, [str(account.id)], "new-pw\n",
                                 lambda network: lambda a, s: seen.append(s),
                                 secrets)
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"Reconnected @me.example on Bluesky, id {account.id} (sign-in checked)" in out
    assert "new-pw" not in out
    assert seen == [AccountSecret(app_password="new-pw")]
    with Store(paths) as store:
        [still] = store.accounts.list()
        assert (still.id, still.colour, still.persona) == (account.id, "#123456", Persona.WORK)
        assert store.drafts.get(draft.id).target_account_ids == [account.id]
    assert secrets.load(account).app_password == "new-pw"


def test_a_refused_reconnect_keeps_the_old_sign_in(paths, capsys):
    secrets = SecretStore.in_memory()
    with Store(paths) as store:
        account = store.accounts.add(Account(Network.BLUESKY, "me.example", Persona.WORK))
    secrets.save(account, AccountSecret(app_password="old-pw"))

    def refuse(account, secret):
        raise LoginCheckFailed("Bluesky says the app password is wrong.")

    code = _reconnect_in_process(paths, [str(account.id)], "wrong-pw", lambda n: refuse,
                                 secrets)
    err = capsys.readouterr().err
    assert code == 1 and "app password is wrong" in err and "not changed" in err
    assert "wrong-pw" not in err
    assert secrets.load(account).app_password == "old-pw"


def test_reconnect_errors_are_usage_errors_with_one_line(run_cli, paths):
    with Store(paths) as store:
        store.accounts.add(Account(Network.MASTODON, "me", Persona.WORK,
                                   server="https://social.test"))
    missing = run_cli("accounts", "reconnect", "404", input="pw\n")
    assert missing.returncode == 2 and "no account number 404" in missing.stderr
    empty = run_cli("accounts", "reconnect", "1", input="\n")
    assert empty.returncode == 2 and "No secret was given" in empty.stderr
    renewed = run_cli("accounts", "reconnect", "1", "--no-verify", input="tok-1\n")
    assert renewed.returncode == 0, renewed.stderr
    assert "Reconnected @me on Mastodon, id 1" in renewed.stdout
