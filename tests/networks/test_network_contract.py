"""The contract every network module follows, checked on the command line for X, LinkedIn,
Facebook Pages and Threads against their contract servers on 127.0.0.1 (Instagram, which needs an
image and the organisation's media host, at the end):

- ``accounts add --network N --server URL`` points the documented API paths at URL;
- the secret can be piped as JSON; without ``--no-verify`` the network's "who am I" is asked;
- ``post --work`` posts to every work account; against an unreachable or failing server it
  prints one plain line per account, exits non-zero, and the outbox keeps the post for
  ``post --retry``.
"""

from __future__ import annotations

import io
import json
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli.parser import build_parser
from app.core.model import Network, OutboxState
from app.paths import init_paths
from app.store.secrets import SecretStore
from app.store.store import Store
from tests.contract_server import ContractServer
from tests.linkedin_server import LinkedInContractServer
from tests.meta_server import MediaHostServer, MetaContractServer
from tests.networks.fakes import FakeChecker
from tests.threads_server import ThreadsContractServer
from tests.x_server import XContractServer


@dataclass
class Subject:
    """One network under test: its server, how to make a user with a pipeable secret, where
    its posts land, and the documented paths."""

    network: Network
    server: ContractServer
    new_user: Callable[[str], tuple[str, dict[str, str]]]  # name → (handle, secret JSON)
    posts_of: Callable[[str], list[str]]  # handle → texts posted
    who_am_i: tuple[str, str]
    create: tuple[str, str]


def x_subject() -> Subject:
    server = XContractServer()
    users: dict[str, object] = {}

    def new_user(name: str) -> tuple[str, dict[str, str]]:
        user = server.add_user(name)
        users[name] = user
        access, refresh = server.issue_tokens(user)
        return name, {"token": access, "refresh_token": refresh,
                      "expires_at": str(int(time.time() + 7200)),
                      "client_id": server.client_id}

    return Subject(Network.X, server, new_user,
                   lambda handle: [t["sent_text"] for t in server.tweets_of(users[handle])],  # type: ignore[arg-type]
                   ("GET", "/2/users/me"), ("POST", "/2/tweets"))


def linkedin_subject() -> Subject:
    server = LinkedInContractServer()
    authors: dict[str, str] = {}

    def new_user(name: str) -> tuple[str, dict[str, str]]:
        member = server.add_member(name.title())
        authors[name] = f"urn:li:person:{member.sub}"
        return name, {"token": server.issue_token(member),
                      "expires_at": str(int(time.time() + 5_184_000))}

    return Subject(Network.LINKEDIN, server, new_user,
                   lambda handle: [p["shown"] for p in server.posts_by(authors[handle])],
                   ("GET", "/v2/userinfo"), ("POST", "/rest/posts"))


def facebook_subject() -> Subject:
    server = MetaContractServer()
    pages: dict[str, object] = {}

    def new_user(name: str) -> tuple[str, dict[str, str]]:
        page = server.add_page(server.add_user(name.title()), f"{name.title()} Page")
        pages[name] = page
        return page.id, {"token": page.token, "page_id": page.id}

    return Subject(Network.FACEBOOK, server, new_user,
                   lambda handle: [p["message"] for p in server.posts_of(pages[handle])],  # type: ignore[arg-type]
                   ("GET", "/v25.0/me"), ("POST", "/v25.0/:id/feed"))


def threads_subject() -> Subject:
    server = ThreadsContractServer()
    profiles: dict[str, object] = {}

    def new_user(name: str) -> tuple[str, dict[str, str]]:
        profile = server.add_profile(name)
        profiles[name] = profile
        return name, {"token": server.token_for(profile), "threads_user_id": profile.id}

    return Subject(Network.THREADS, server, new_user,
                   lambda handle: [p["text"] for p in server.posts_of(profiles[handle])],  # type: ignore[arg-type]
                   ("GET", "/v1.0/me"), ("POST", "/v1.0/:id/threads_publish"))


SUBJECTS: dict[str, Callable[[], Subject]] = {
    "x": x_subject, "linkedin": linkedin_subject, "facebook": facebook_subject,
    "threads": threads_subject}


@pytest.fixture(params=list(SUBJECTS))
def subject(request: pytest.FixtureRequest) -> Iterator[Subject]:
    made = SUBJECTS[request.param]()
    yield made
    made.server.close()


class Cli:
    """Commands run in-process on one profile with one in-memory keychain."""

    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self.secrets = SecretStore.in_memory()

    def __call__(self, *argv: str, stdin: str = "") -> tuple[int, str, str]:
        args = build_parser().parse_args(["--profile-dir", str(self.profile), *argv])
        out, err = io.StringIO(), io.StringIO()
        collaborators: dict[str, object] = {"secrets_factory": lambda: self.secrets}
        handler = args.handler
        if argv[0] == "accounts" and argv[1] == "add":
            from app.cli.accounts_cmd import add_account

            handler = add_account
            collaborators["stdin"] = io.StringIO(stdin)
        if argv[0] == "post":
            collaborators.update(checker=FakeChecker(), out=out)
        with redirect_stdout(out), redirect_stderr(err):
            code = handler(args, init_paths(str(self.profile)), **collaborators)
        return code, out.getvalue(), err.getvalue()

    def store(self) -> Store:
        return Store(init_paths(str(self.profile)))


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_accounts_add_asks_who_am_i_at_the_given_server(subject: Subject,
                                                        tmp_path: Path) -> None:
    cli = Cli(tmp_path / "profile")
    handle, secret = subject.new_user("dana")
    code, out, err = cli("accounts", "add", "--network", subject.network.value, "--server",
                         subject.server.url, "--handle", handle, "--persona", "work",
                         stdin=json.dumps(secret))
    assert code == 0, err
    assert "sign-in checked" in out
    assert len(subject.server.seen(*subject.who_am_i)) == 1
    with cli.store() as store:
        [account] = store.accounts.list()
    kept = cli.secrets.load(account)
    assert kept is not None and kept.token == secret["token"]
    assert secret["token"] not in out + err


def test_a_refused_token_is_one_line_and_nothing_is_saved(subject: Subject,
                                                          tmp_path: Path) -> None:
    cli = Cli(tmp_path / "profile")
    code, out, err = cli("accounts", "add", "--network", subject.network.value, "--server",
                         subject.server.url, "--handle", "nobody", "--persona", "work",
                         stdin=json.dumps({"token": "revoked-token-abc"}))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "reconnect" in err
    assert "revoked-token-abc" not in out + err
    with cli.store() as store:
        assert store.accounts.list() == []


def test_no_verify_stores_without_asking(subject: Subject, tmp_path: Path) -> None:
    cli = Cli(tmp_path / "profile")
    code, _out, err = cli("accounts", "add", "--network", subject.network.value, "--server",
                          subject.server.url, "--handle", "later", "--persona", "work",
                          "--no-verify", stdin='{"token": "unchecked"}')
    assert code == 0, err
    assert subject.server.requests == []


def test_post_work_reaches_the_documented_path_at_the_given_server(
        subject: Subject, tmp_path: Path) -> None:
    cli = Cli(tmp_path / "profile")
    for name, persona in (("worker", "work"), ("home", "personal")):
        handle, secret = subject.new_user(name)
        assert cli("accounts", "add", "--network", subject.network.value, "--server",
                   subject.server.url, "--handle", handle, "--persona", persona,
                   stdin=json.dumps(secret))[0] == 0
    code, out, err = cli("post", "--work", "Spring issue (out now) https://example.com/s")
    assert code == 0, out + err
    assert out.startswith("posted") and len(out.strip().splitlines()) == 1
    assert subject.posts_of("worker") == ["Spring issue (out now) https://example.com/s"]
    assert subject.posts_of("home") == []
    assert len(subject.server.seen(*subject.create)) == 1


def test_an_unreachable_server_is_one_plain_line_and_the_post_waits_for_retry(
        subject: Subject, tmp_path: Path) -> None:
    cli = Cli(tmp_path / "profile")
    nowhere = f"http://127.0.0.1:{closed_port()}"
    handle, secret = subject.new_user("offline")
    assert cli("accounts", "add", "--network", subject.network.value, "--server", nowhere,
               "--handle", handle, "--persona", "work", "--no-verify",
               stdin=json.dumps(secret))[0] == 0
    code, out, err = cli("post", "--work", "Waiting for the network")
    assert code == 1
    failed = [line for line in out.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1 and "could not be reached" in failed[0]
    assert "Traceback" not in out + err
    with cli.store() as store:
        [entry] = store.outbox.list_by_state()
        assert entry.state is OutboxState.FAILED and entry.text == "Waiting for the network"
    assert f"post --retry {entry.draft_id}" in out


def test_a_failing_server_keeps_the_post_and_retry_sends_it_once(
        subject: Subject, tmp_path: Path) -> None:
    cli = Cli(tmp_path / "profile")
    handle, secret = subject.new_user("flaky")
    assert cli("accounts", "add", "--network", subject.network.value, "--server",
               subject.server.url, "--handle", handle, "--persona", "work",
               stdin=json.dumps(secret))[0] == 0
    method, path = subject.create
    subject.server.fail_next(method, path, 503, {"status": 503}, times=20)
    code, out, _err = cli("post", "--work", "Through the outage")
    assert code == 1 and "post --retry" in out
    assert subject.posts_of("flaky") == []
    subject.server.faults.clear()
    draft_id = out.rsplit("post --retry ", 1)[1].split()[0]
    code, out, err = cli("post", "--retry", draft_id)
    assert code == 0, out + err
    assert subject.posts_of("flaky") == ["Through the outage"]


def approve_as(login_as: str) -> Callable[[str], None]:
    """The browser, played by the test: the user approves on the network's page."""
    import requests

    def open_browser(url: str) -> None:
        answer = requests.get(url + "&login_as=" + login_as, allow_redirects=False, timeout=5)
        assert answer.status_code == 302, answer.text
        requests.get(answer.headers["Location"], timeout=5)

    return open_browser


def managed_file(profile: Path, text: str) -> None:
    site = init_paths(str(profile)).site_config_dir()
    site.mkdir(parents=True, exist_ok=True)
    (site / "managed.toml").write_text(text, encoding="utf-8")


def test_accounts_add_browser_signs_in_to_x_with_the_organisation_app(tmp_path: Path) -> None:
    from app.cli.accounts_cmd import add_account

    server = XContractServer()
    try:
        port = closed_port()
        redirect = f"http://127.0.0.1:{port}/callback"
        server.callbacks = [redirect]
        cli = Cli(tmp_path / "profile")
        args = build_parser().parse_args(["--profile-dir", str(cli.profile), "accounts", "add",
                                          "--network", "x", "--server", server.url,
                                          "--browser", "--persona", "work"])
        # Without the organisation's app (or --client-id) there is nothing to sign in with.
        err = io.StringIO()
        with redirect_stderr(err):
            assert add_account(args, init_paths(str(cli.profile)),
                               secrets_factory=lambda: cli.secrets) == 1
        assert "--client-id" in err.getvalue()
        managed_file(cli.profile, f'[app_credentials.x]\nclient_id = "{server.client_id}"\n'
                                  f'redirect_uri = "{redirect}"\n')
        out = io.StringIO()
        with redirect_stdout(out):
            code = add_account(args, init_paths(str(cli.profile)),
                               secrets_factory=lambda: cli.secrets,
                               open_browser=approve_as("acmenews"))
        assert code == 0 and "@acmenews on X" in out.getvalue()
        code, out, err = cli("post", "--work", "Signed in through the browser")
        assert code == 0, out + err
        [user] = server.users.values()
        assert [t["sent_text"] for t in server.tweets_of(user)] == [
            "Signed in through the browser"]
    finally:
        server.close()


def test_accounts_add_browser_with_pages_connects_the_member_and_the_pages(
        tmp_path: Path) -> None:
    from app.cli.accounts_cmd import add_account

    server = LinkedInContractServer()
    try:
        redirect = f"http://127.0.0.1:{closed_port()}/callback"
        server.callbacks = [redirect]
        member = server.add_member("Dana")
        page = server.add_page(member, "Acme Magazine", "acme-magazine")
        cli = Cli(tmp_path / "profile")
        managed_file(cli.profile, f'[app_credentials.linkedin]\nclient_id = "{server.client_id}"'
                                  f'\nclient_secret = "{server.client_secret}"\n'
                                  f'redirect_uri = "{redirect}"\n')
        args = build_parser().parse_args(["--profile-dir", str(cli.profile), "accounts", "add",
                                          "--network", "linkedin", "--server", server.url,
                                          "--browser", "--pages", "--persona", "personal"])
        out = io.StringIO()
        with redirect_stdout(out):
            code = add_account(args, init_paths(str(cli.profile)),
                               secrets_factory=lambda: cli.secrets,
                               open_browser=approve_as("Dana"))
        assert code == 0, out.getvalue()
        with cli.store() as store:
            accounts = {a.handle: a for a in store.accounts.list()}
        assert accounts[member.sub].persona.value == "personal"
        brand = accounts["acme-magazine"]
        assert (brand.persona.value, brand.owner.value) == ("work", "employer")
        assert brand.settings["author"] == page
        code, out, err = cli("post", "--work", "From the page")
        assert code == 0, out + err
        assert [p["author"] for p in server.posts] == [page]
    finally:
        server.close()


def test_post_work_with_an_image_reaches_instagram_through_the_media_host(
        tmp_path: Path) -> None:
    from tests.networks.helpers import write_png

    meta, host = MetaContractServer(), MediaHostServer()
    try:
        user = meta.add_user("Dana")
        page = meta.add_page(user, "Acme Magazine", instagram="acmemag")
        account = meta.ig_of(page)
        cli = Cli(tmp_path / "profile")
        secret = {"token": meta.user_token(user), "ig_user_id": account.id}
        code, out, err = cli("accounts", "add", "--network", "instagram", "--server", meta.url,
                             "--handle", "acmemag", "--persona", "work",
                             stdin=json.dumps(secret))
        assert code == 0, err
        assert len(meta.seen("GET", "/v25.0/:id")) == 1  # who am I: the account itself
        image = str(write_png(tmp_path, "cover.png", 4, 4))
        # Without the organisation's media host the post goes through the browser.
        code, out, err = cli("post", "--work", "--image", image, "Cover day")
        assert code == 0, out + err
        assert "cover.png" in out and meta.media == []
        managed_file(cli.profile, f'[media_host]\nput_url = "{host.url}/upload/{{name}}'
                                  '?key=upload-key"\n')
        code, out, err = cli("post", "--work", "--image", image, "Cover day, posted")
        assert code == 0, out + err
        assert out.startswith("posted")
        [media] = meta.media_of(account)
        assert media["caption"] == "Cover day, posted" and len(host.files) == 1
    finally:
        meta.close()
        host.close()


def test_accounts_add_browser_connects_each_facebook_page_the_user_allows(
        tmp_path: Path) -> None:
    from app.cli.accounts_cmd import add_account

    server = MetaContractServer()
    try:
        redirect = f"http://127.0.0.1:{closed_port()}/callback"
        server.callbacks = [redirect]
        user = server.add_user("Dana")
        magazine = server.add_page(user, "Acme Magazine")
        events = server.add_page(user, "Acme Events")
        cli = Cli(tmp_path / "profile")
        args = build_parser().parse_args(["--profile-dir", str(cli.profile), "accounts", "add",
                                          "--network", "facebook", "--server", server.url,
                                          "--browser", "--persona", "work",
                                          "--owner", "employer"])
        err = io.StringIO()
        with redirect_stderr(err):  # no Meta app in the organisation file: says why
            assert add_account(args, init_paths(str(cli.profile)),
                               secrets_factory=lambda: cli.secrets) == 1
        assert "Facebook app" in err.getvalue()
        managed_file(cli.profile, f'[app_credentials.facebook]\nclient_id = '
                                  f'"{server.client_id}"\nclient_secret = '
                                  f'"{server.client_secret}"\nredirect_uri = "{redirect}"\n')
        out = io.StringIO()
        with redirect_stdout(out):
            code = add_account(args, init_paths(str(cli.profile)),
                               secrets_factory=lambda: cli.secrets,
                               open_browser=approve_as("Dana"))
        assert code == 0, out.getvalue()
        with cli.store() as store:
            pages = {a.handle: a for a in store.accounts.list()}
        assert set(pages) == {magazine.id, events.id}
        assert all(a.owner.value == "employer" for a in pages.values())
        code, out, err = cli("post", "--work", "From both Pages")
        assert code == 0, out + err
        assert sorted(p["page"] for p in server.posts) == sorted([magazine.id, events.id])
        assert all(p["message"] == "From both Pages" for p in server.posts)
    finally:
        server.close()
