"""``accounts add`` (Bluesky login check) and ``post`` on the command line, against the real
local PDS."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.cli.parser import build_parser
from app.core.model import Persona, Severity
from app.paths import init_paths
from app.store.secrets import SecretStore
from app.store.store import Store
from tests.networks.fakes import FakeChecker, finding
from tests.networks.helpers import write_png
from tests.pds_harness import LocalPDS, PDSAccount

pytestmark = pytest.mark.integration


def cli(profile: Path, argv: list[str], secrets: SecretStore, *, stdin: str = "",
        checker: FakeChecker | None = None) -> tuple[int, str]:
    """Run one command in-process with a shared in-memory keychain; return (code, stdout)."""
    args = build_parser().parse_args(["--profile-dir", str(profile), *argv])
    out = io.StringIO()
    collaborators: dict[str, object] = {"secrets_factory": lambda: secrets,
                                        "stdin": io.StringIO(stdin)}
    if argv[0] == "post":
        collaborators.update(checker=checker or FakeChecker(), out=out)
    from contextlib import redirect_stdout

    handler = args.handler
    if argv[0] == "accounts":
        from app.cli.accounts_cmd import add_account

        handler = add_account
    with redirect_stdout(out):
        code = handler(args, init_paths(str(profile)), **collaborators)
    return code, out.getvalue()


def add(profile: Path, secrets: SecretStore, local_pds: LocalPDS, account: PDSAccount,
        persona: str) -> int:
    code, output = cli(profile, ["accounts", "add", "--network", "bluesky", "--server",
                                 local_pds.url, "--handle", account.handle, "--persona", persona],
                       secrets, stdin=local_pds.app_password(account) + "\n")
    assert code == 0, output
    assert "sign-in checked" in output
    with Store(init_paths(str(profile))) as store:
        saved = store.accounts.find("bluesky", account.handle, local_pds.url)
    assert saved is not None and saved.id is not None
    return saved.id


def test_accounts_add_checks_the_app_password_in_a_subprocess(local_pds: LocalPDS,
                                                              run_cli) -> None:  # noqa: ANN001
    account = local_pds.new_account("cliadd")
    password = local_pds.app_password(account)
    wrong = run_cli("accounts", "add", "--network", "bluesky", "--server", local_pds.url,
                    "--handle", account.handle, "--persona", "work", input="aaaa-bbbb-cccc-dddd\n")
    assert wrong.returncode == 1
    assert "app password" in wrong.stderr and "aaaa-bbbb" not in wrong.stderr + wrong.stdout
    good = run_cli("accounts", "add", "--network", "bluesky", "--server", local_pds.url,
                   "--handle", account.handle, "--persona", "work", input=password + "\n")
    assert good.returncode == 0, good.stderr
    assert "sign-in checked" in good.stdout
    assert password not in good.stdout + good.stderr
    listed = run_cli("accounts", "list", "--json")
    assert account.handle in listed.stdout


def test_post_work_goes_to_every_work_account_and_never_a_personal_one(
        local_pds: LocalPDS, tmp_path: Path) -> None:
    profile, secrets = tmp_path / "profile", SecretStore.in_memory()
    work_a, work_b, home = (local_pds.new_account(n) for n in ("worka", "workb", "home"))
    ids = [add(profile, secrets, local_pds, work_a, "work"),
           add(profile, secrets, local_pds, work_b, "work"),
           add(profile, secrets, local_pds, home, "personal")]
    image = write_png(tmp_path, "cover.png")
    code, output = cli(profile, ["post", "--work", "--image", str(image), "--alt", "The cover",
                                 "--lang", "en", "Spring issue out now https://example.com/s"],
                       secrets)
    assert code == 0, output
    lines = output.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("posted") for line in lines)
    for account in (work_a, work_b):
        [record] = local_pds.list_posts(account)
        assert record["value"]["text"] == "Spring issue out now https://example.com/s"
        assert record["value"]["embed"]["images"][0]["alt"] == "The cover"
        assert record["uri"].rsplit("/", 1)[1] in output  # the URL is printed
    assert local_pds.list_posts(home) == []
    # The keychain keeps the session, not the app password.
    with Store(init_paths(str(profile))) as store:
        account = store.accounts.get(ids[0])
        assert [h.account_id for h in store.history.list()].count(ids[2]) == 0
    kept = secrets.load(account)
    assert kept is not None and kept.token and kept.refresh_token and not kept.app_password


def test_refused_and_failed_accounts_give_a_non_zero_exit_and_retry_sends_the_rest(
        local_pds: LocalPDS, tmp_path: Path) -> None:
    profile, secrets = tmp_path / "profile", SecretStore.in_memory()
    ok_account, blocked, broken = (local_pds.new_account(n) for n in ("fine", "blocked", "broken"))
    ok_id = add(profile, secrets, local_pds, ok_account, "work")
    blocked_id = add(profile, secrets, local_pds, blocked, "personal")
    broken_id = add(profile, secrets, local_pds, broken, "work")
    with Store(init_paths(str(profile))) as store:
        broken_row = store.accounts.get(broken_id)
    saved_secret = secrets.load(broken_row)
    secrets.delete(broken_row)  # its sign-in is gone: posting there must fail alone

    checker = FakeChecker({blocked_id: (finding(Severity.BLOCK, "persona",
                                                "This promotes Acme from a personal account."),)})
    code, output = cli(profile, ["post", "--account", str(ok_id), "--account", str(blocked_id),
                                 "--account", str(broken_id), "Acme's new issue"], secrets,
                       checker=checker)
    assert code == 1
    assert "REFUSED" in output and "promotes Acme" in output
    assert "FAILED" in output and "reconnect" in output
    assert len(local_pds.list_posts(ok_account)) == 1
    assert local_pds.list_posts(blocked) == [] and local_pds.list_posts(broken) == []
    draft_id = int(output.rsplit("post --retry ", 1)[1].split()[0])

    assert saved_secret is not None
    secrets.save(broken_row, saved_secret)  # the user reconnected
    code, output = cli(profile, ["post", "--retry", str(draft_id)], secrets)
    # The refused account never got it, and retry says so instead of "all went out".
    assert code == 1, output
    assert output.count("posted") == 1
    assert "NOT SENT" in output and "never queued" in output
    assert len(local_pds.list_posts(broken)) == 1
    assert len(local_pds.list_posts(ok_account)) == 1  # not sent twice
    assert local_pds.list_posts(blocked) == []


def test_post_needs_targets_and_work_needs_a_work_account(run_cli) -> None:  # noqa: ANN001
    no_target = run_cli("post", "hello")
    assert no_target.returncode == 2 and "--work" in no_target.stderr
    no_work = run_cli("post", "--work", "hello")
    assert no_work.returncode == 2 and "No Work account" in no_work.stderr
    assert Persona.WORK.label == "Work"


def test_post_runs_the_real_persona_check_with_the_organisation_pack(
        local_pds: LocalPDS, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = tmp_path / "policy.toml"
    pack.write_text('version = 1\n[employer]\nname = "Acme Magazine"\n'
                    'domains = ["acmemag.com"]\n', encoding="utf-8")
    monkeypatch.setenv("TWOFOLD_POLICY", str(pack))
    profile, secrets = tmp_path / "profile", SecretStore.in_memory()
    work, home = local_pds.new_account("realwork"), local_pds.new_account("realhome")
    work_id = add(profile, secrets, local_pds, work, "work")
    home_id = add(profile, secrets, local_pds, home, "personal")

    def post(*argv: str) -> tuple[int, str]:
        args = build_parser().parse_args(["--profile-dir", str(profile), "post", *argv])
        out = io.StringIO()
        code = args.handler(args, init_paths(str(profile)), secrets_factory=lambda: secrets,
                            out=out)
        return code, out.getvalue()

    # No disclosure on a promotion of the employer: blocked, and --yes does not change that.
    code, output = post("--work", "--yes", "Get 20% off Acme Magazine with code SPRING at "
                        "https://acmemag.com")
    assert code == 1 and output.startswith("REFUSED") and local_pds.list_posts(work) == []
    # A sales pitch: fine on the work account; on the personal one it needs confirmation.
    text = "#ad Get 20% off our spring issue with code SPRING, link in bio"
    code, output = post("--account", str(work_id), "--account", str(home_id), text)
    assert code == 1
    assert output.startswith("posted") and "NOT SENT" in output and "--yes" in output
    assert len(local_pds.list_posts(work)) == 1 and local_pds.list_posts(home) == []
    # The employer's promotion said openly up front on the personal account is meant: a note,
    # posted without asking.
    code, output = post("--account", str(home_id),
                        "#ad I work at Acme Magazine: our spring issue is out, acmemag.com")
    assert code == 0, output
    assert len(local_pds.list_posts(home)) == 1
