"""``post --variant NETWORK=TEXT`` and ``post --thread`` on the command line (real local PDS),
and ``check --thread`` printing the thread it would be."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.paths import init_paths
from app.store.secrets import SecretStore
from app.store.store import Store
from tests.networks.test_post_cli import add, cli
from tests.pds_harness import LocalPDS

pytestmark = pytest.mark.integration

LONG = ("Our team shipped the new release today and it fixes the sync bug. " * 8).strip()


def test_a_variant_for_bluesky_is_what_the_bluesky_account_posts(
        local_pds: LocalPDS, tmp_path: Path) -> None:
    profile, secrets = tmp_path / "profile", SecretStore.in_memory()
    author = local_pds.new_account("variant")
    add(profile, secrets, local_pds, author, "work")
    code, output = cli(profile, ["post", "--work", "--variant",
                                 "Bluesky=Short words for the sky", "--variant",
                                 "linkedin=A longer text for LinkedIn", "Main text"], secrets)
    assert code == 0, output
    [record] = local_pds.list_posts(author)
    assert record["value"]["text"] == "Short words for the sky"
    with Store(init_paths(str(profile))) as store:
        [draft] = store.drafts.list(include_sent=True)
    assert draft.text == "Main text"
    assert draft.variants == {"bluesky": "Short words for the sky",
                              "linkedin": "A longer text for LinkedIn"}


def test_post_thread_splits_where_needed_and_sends_replies(
        local_pds: LocalPDS, tmp_path: Path) -> None:
    profile, secrets = tmp_path / "profile", SecretStore.in_memory()
    author = local_pds.new_account("clithread")
    add(profile, secrets, local_pds, author, "work")
    code, output = cli(profile, ["post", "--work", LONG], secrets)
    assert code == 1 and "thread" not in output  # too long, and no thread asked for
    code, output = cli(profile, ["post", "--work", "--thread", LONG], secrets)
    assert code == 0, output
    assert "thread of 2 posts" in output
    records = sorted(local_pds.list_posts(author), key=lambda r: "reply" in r["value"])
    assert len(records) == 2
    assert records[1]["value"]["reply"]["parent"]["uri"] == records[0]["uri"]


@pytest.mark.parametrize("variant", ["myspace=hello", "no equals sign", "=empty name"])
def test_a_bad_variant_is_a_usage_error_and_nothing_is_posted(
        tmp_path: Path, variant: str) -> None:
    profile, secrets = tmp_path / "profile", SecretStore.in_memory()
    code, _ = cli(profile, ["post", "--work", "--variant", variant, "Text"], secrets)
    assert code == 2


def test_unknown_network_names_the_known_ones(run_cli) -> None:  # noqa: ANN001
    done = run_cli("post", "--work", "--variant", "myspace=hello", "Text")
    assert done.returncode == 2
    assert "unknown network 'myspace'" in done.stderr
    assert "bluesky" in done.stderr and "linkedin" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_check_thread_prints_the_posts(run_cli) -> None:  # noqa: ANN001
    done = run_cli("check", "--network", "x", "--persona", "work", "--thread", LONG)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "As a thread of 2 posts:" in done.stdout
    assert "--- post 2/2 ---" in done.stdout and "(2/2)" in done.stdout
    as_json = run_cli("check", "--network", "x", "--persona", "work", "--thread", "--json", LONG)
    parts = json.loads(as_json.stdout)["thread"]
    assert [p.rsplit(" ", 1)[1] for p in parts] == ["(1/2)", "(2/2)"]
    plain = run_cli("check", "--network", "x", "--persona", "work", LONG)
    assert plain.returncode == 1 and "allows 280" in plain.stdout


def test_check_thread_on_a_network_without_threads_says_so(run_cli) -> None:  # noqa: ANN001
    done = run_cli("check", "--network", "pinterest", "--persona", "work", "--thread", LONG)
    assert done.returncode == 1
    assert "Pinterest does not take threads, so shorten it." in done.stdout


def test_check_uses_the_variant_of_its_network(run_cli) -> None:  # noqa: ANN001
    done = run_cli("check", "--network", "x", "--persona", "work", "--json",
                   "--variant", "x=Fits on X", LONG)
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["length"]["count"] == len("Fits on X")
