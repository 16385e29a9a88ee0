"""Agency staff on a client's own brand account (issue 17).

An agency lists itself as ``employer`` and each client as a ``[[partners]]`` entry; a partner's
``accounts`` name the client's own accounts the agency runs. There the client's products are
the brand speaking for itself (no ad label, as the employer's own on the employer's account),
while another client's product still is an ad, and every other rule stays as it was.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from app.check.engine import check_draft
from app.check.policy import Policy, load_policy_file
from app.core.model import Account, CheckTarget, HistoryEntry, Network, Owner, Persona

AGENCY_PACK = """\
version = 1
[employer]
name = "Brightwave Agency"
domains = ["brightwave.example"]
[[partners]]
name = "Crunchly"
aliases = ["Crunchly Snacks"]
domains = ["crunchly.example"]
hashtags = ["#CrunchlyCrunch"]
accounts = ["@crunchly", "crunchly.bsky.social", "@crunchly@mastodon.social"]
[[partners]]
name = "Zestio"
aliases = ["Zestio Juice"]
domains = ["zestio.example"]
accounts = ["@zestio"]
[confidential]
terms = ["Project Saltmarsh"]
"""

CRUNCHLY_LAUNCH = ("Crunchly's new sea-salt crisps are here! Grab a bag at crunchly.example "
                   "#CrunchlyCrunch")
ZESTIO_PLUG = "Pair your crisps with Zestio Juice, 20% off this week at zestio.example"


@pytest.fixture
def agency(tmp_path) -> Policy:
    path = tmp_path / "agency.toml"
    path.write_text(AGENCY_PACK, encoding="utf-8")
    return load_policy_file(path)


def brand_account(handle: str, network: Network = Network.X) -> CheckTarget:
    return CheckTarget(network, Persona.WORK, Owner.EMPLOYER, handle=handle)


def rules(text: str, target: CheckTarget, policy: Policy) -> dict[str, str]:
    return {f.rule: f.severity.value for f in check_draft(text, target, policy=policy).findings}


def disclosure(text: str, target: CheckTarget, policy: Policy) -> list[str]:
    return [f.message for f in check_draft(text, target, policy=policy).findings
            if f.category == "disclosure"]


def test_the_clients_product_on_the_clients_own_account_is_quiet(agency):
    result = check_draft(CRUNCHLY_LAUNCH, brand_account("@crunchly"), policy=agency)
    assert result.findings == ()
    assert result.verdict == "ok"


def test_the_same_post_on_the_agencys_own_brand_account_still_needs_an_ad_label(agency):
    for handle in ("@brightwave", ""):
        found = rules(CRUNCHLY_LAUNCH, brand_account(handle), agency)
        assert found.get("disclosure.missing") == "block", handle


def test_another_clients_product_on_the_clients_account_is_still_an_ad(agency):
    messages = disclosure(ZESTIO_PLUG, brand_account("@crunchly"), agency)
    assert len(messages) == 1
    assert "Zestio" in messages[0] and "your client Crunchly's account" in messages[0]
    assert "from your own account" not in messages[0]
    # Both clients named: Crunchly is the account's own, Zestio is the ad.
    both = check_draft(f"{CRUNCHLY_LAUNCH} {ZESTIO_PLUG}", brand_account("@crunchly"),
                       policy=agency)
    [missing] = [f for f in both.findings if f.rule == "disclosure.missing"]
    assert missing.severity.value == "block"
    assert "Zestio" in missing.message and "Crunchly (a partner" not in missing.message


def test_each_client_is_quiet_on_its_own_account_only(agency):
    assert rules(ZESTIO_PLUG, brand_account("@zestio"), agency) == {}
    assert rules(CRUNCHLY_LAUNCH, brand_account("@zestio"), agency)["disclosure.missing"] \
        == "block"


def test_a_labelled_ad_for_another_client_is_fine_there(agency):
    assert rules(f"#ad {ZESTIO_PLUG}", brand_account("@crunchly"), agency) == {}


def test_the_clients_own_sponsorship_news_is_its_own(agency):
    text = "Crunchly is proud to sponsor the Zestio Juice 10k this Sunday! #CrunchlyCrunch"
    assert "disclosure.missing" not in rules(text, brand_account("@crunchly"), agency)


@pytest.mark.parametrize(("network", "handle"), [
    (Network.X, "@crunchly"),
    (Network.X, "@Crunchly"),
    (Network.INSTAGRAM, "crunchly"),  # saved without the "@"
    (Network.THREADS, "  CRUNCHLY "),
    (Network.BLUESKY, "crunchly.bsky.social"),
    (Network.BLUESKY, "@Crunchly.Bsky.Social"),
    (Network.MASTODON, "@crunchly@mastodon.social"),
    (Network.MASTODON, "Crunchly@Mastodon.Social"),
])
def test_every_way_of_writing_a_listed_handle_is_the_clients_account(agency, network, handle):
    assert disclosure(CRUNCHLY_LAUNCH, brand_account(handle, network), agency) == []


@pytest.mark.parametrize(("network", "handle"), [
    (Network.X, "@crunchly_fans"),
    (Network.X, "@crunchl"),
    (Network.BLUESKY, "crunchly.bsky.social.example"),
    (Network.BLUESKY, "crunchly.example"),  # a Bluesky handle is the whole domain name
    (Network.MASTODON, "@crunchly@other.social"),  # someone else, on another server
])
def test_other_handles_are_not_the_clients_account(agency, network, handle):
    assert disclosure(CRUNCHLY_LAUNCH, brand_account(handle, network), agency) != []


def test_a_personal_account_with_a_listed_handle_is_checked_as_before(agency):
    personal = CheckTarget(Network.X, Persona.PERSONAL, handle="@crunchly")
    plain = CheckTarget(Network.X, Persona.PERSONAL)
    with_handle = check_draft(CRUNCHLY_LAUNCH, personal, policy=agency)
    assert with_handle == check_draft(CRUNCHLY_LAUNCH, plain, policy=agency)
    assert {f.rule for f in with_handle.findings} >= {"persona.brand_promotion"}


def test_every_other_rule_still_applies_on_the_clients_account(agency):
    account = brand_account("@crunchly")
    swearing = check_draft("These crisps are fucking amazing", account, policy=agency)
    [profanity] = [f for f in swearing.findings if f.category == "conduct"]
    assert profanity.severity.value == "block"
    assert "your client Crunchly's account" in profanity.message
    assert "employer's account" not in profanity.message
    assert "confidential.term" in rules("Sneak peek of Project Saltmarsh!", account, agency)
    personal = check_draft("So hungover after my sister's wedding, calling in sick",
                           account, policy=agency)
    [life] = [f for f in personal.findings if f.rule == "persona.personal_life"]
    assert "your client Crunchly's account" in life.message
    assert rules("Crunchly crisps. " * 20, account, agency).get("limit.length") == "block"


def test_a_work_account_of_ones_own_with_a_listed_handle_counts_too(agency):
    # A client's handle is the client's account whoever set it up as what.
    own = CheckTarget(Network.X, Persona.WORK, Owner.SELF, handle="@crunchly")
    assert disclosure(CRUNCHLY_LAUNCH, own, agency) == []
    assert disclosure(ZESTIO_PLUG, own, agency) != []


def test_without_accounts_in_the_pack_a_handle_changes_nothing(tmp_path):
    path = tmp_path / "plain.toml"
    path.write_text(AGENCY_PACK.replace('accounts = ["@crunchly", "crunchly.bsky.social", '
                                        '"@crunchly@mastodon.social"]\n', ""), encoding="utf-8")
    policy = load_policy_file(path)
    assert policy.client_for("@crunchly") is None
    assert check_draft(CRUNCHLY_LAUNCH, brand_account("@crunchly"), policy=policy) == \
        check_draft(CRUNCHLY_LAUNCH, brand_account(""), policy=policy)


def test_an_accounts_check_target_carries_its_handle():
    x = Account(Network.X, "crunchly", Persona.WORK, Owner.EMPLOYER)
    assert x.check_target() == CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER,
                                           handle="crunchly")
    bluesky = Account(Network.BLUESKY, "crunchly.bsky.social", Persona.WORK, Owner.EMPLOYER)
    assert bluesky.check_target().handle == "crunchly.bsky.social"
    # Mastodon gives the bare username of an account on the server asked: the server is added.
    mastodon = Account(Network.MASTODON, "crunchly", Persona.WORK, Owner.EMPLOYER,
                       server="https://mastodon.social", settings={"max_chars": "1000"})
    target = mastodon.check_target()
    assert target.handle == "crunchly@mastodon.social" and target.max_chars == 1000
    remote = Account(Network.MASTODON, "crunchly@mastodon.social", Persona.WORK,
                     server="https://other.example")
    assert remote.check_target().handle == "crunchly@mastodon.social"


def test_a_connected_accounts_target_is_the_clients_account(agency):
    for account in (Account(Network.X, "crunchly", Persona.WORK, Owner.EMPLOYER),
                    Account(Network.MASTODON, "Crunchly", Persona.WORK, Owner.EMPLOYER,
                            server="https://mastodon.social")):
        assert check_draft(CRUNCHLY_LAUNCH, account.check_target(), policy=agency).findings \
            == ()


def test_a_thread_on_the_clients_account_is_checked_as_that_account(agency):
    from app.check.thread_check import check_as_thread

    target = brand_account("crunchly.bsky.social", Network.BLUESKY)
    text = " ".join([CRUNCHLY_LAUNCH] * 5)
    checked = check_as_thread(lambda part: check_draft(part, target, policy=agency), text,
                              target.network, max_chars=None, supports_threads=True)
    assert checked.is_thread
    assert checked.result.findings == ()


def test_the_check_command_takes_the_accounts_handle(run_cli, tmp_path):
    pack = tmp_path / "agency.toml"
    pack.write_text(AGENCY_PACK, encoding="utf-8")
    base = ("check", "--network", "mastodon", "--persona", "work", "--owner", "employer",
            "--policy", str(pack))
    quiet = run_cli(*base, "--handle", "@crunchly@mastodon.social", "--json", CRUNCHLY_LAUNCH)
    assert quiet.returncode == 0, quiet.stderr
    assert json.loads(quiet.stdout)["verdict"] == "ok"
    shown = run_cli(*base, "--handle", "@crunchly@mastodon.social", CRUNCHLY_LAUNCH)
    assert "Crunchly's account, your client" in shown.stdout
    agency_own = run_cli(*base, "--json", CRUNCHLY_LAUNCH)
    assert agency_own.returncode == 1
    assert [f["rule"] for f in json.loads(agency_own.stdout)["findings"]] == [
        "disclosure.missing"]
    bad = run_cli(*base, "--handle", "crunchly on mastodon", CRUNCHLY_LAUNCH)
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "twofold check: error: --handle 'crunchly on mastodon' is not an account handle; "
        "write it as the network shows it: @crunchly, crunchly.bsky.social or "
        "@crunchly@mastodon.social"]


# --- each account its own budget and its own repeats -------------------------------------------

BUDGET_PACK = AGENCY_PACK + "[promotion_limits]\nwork = { posts = 1, days = 1 }\n"
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def posted(text: str, handle: str, hours_ago: float, network: Network = Network.X
           ) -> HistoryEntry:
    return HistoryEntry(network, Persona.WORK, Owner.EMPLOYER, text,
                        NOW - timedelta(hours=hours_ago), handle=handle)


def history_rules(text, target, policy, history) -> set[str]:
    result = check_draft(text, target, policy=policy, history=history, now=NOW)
    return {f.rule for f in result.findings if f.rule.split(".")[0] in ("frequency", "duplicate")}


@pytest.fixture
def budgeted(tmp_path) -> Policy:
    path = tmp_path / "budget.toml"
    path.write_text(BUDGET_PACK, encoding="utf-8")
    return load_policy_file(path)


def test_another_clients_posts_do_not_spend_this_accounts_budget(budgeted):
    zestio_today = [posted(ZESTIO_PLUG, "@zestio", 2)]
    assert history_rules(CRUNCHLY_LAUNCH, brand_account("@crunchly"), budgeted,
                         zestio_today) == set()
    # the same account's own post today does
    crunchly_today = [posted("Crunchly crisps, 2 for £3 this week at crunchly.example",
                             "crunchly", 2)]
    assert history_rules(CRUNCHLY_LAUNCH, brand_account("@Crunchly"), budgeted,
                         crunchly_today) == {"frequency.promotion"}


def test_a_repeat_is_a_repeat_on_its_own_account_only(budgeted):
    text = "Thank you for 10,000 followers! More soon."
    elsewhere = [posted(text, "@zestio", 5)]
    assert "duplicate.same_account" not in history_rules(
        text, brand_account("@crunchly"), budgeted, elsewhere)
    here = [posted(text, "crunchly", 5)]
    assert "duplicate.same_account" in history_rules(
        text, brand_account("@crunchly"), budgeted, here)


def test_mastodon_history_without_the_server_is_the_same_account(budgeted):
    # the history keeps the handle the server gave ("crunchly"); the check names the server
    text = "Thank you for 10,000 followers! More soon."
    here = [posted(text, "crunchly", 5, Network.MASTODON)]
    target = brand_account("crunchly@mastodon.social", Network.MASTODON)
    assert "duplicate.same_account" in history_rules(text, target, budgeted, here)


def test_history_without_handles_counts_as_before(budgeted):
    # posts recorded (or given to `check --history`) without a handle still count
    unnamed = [posted("Crunchly crisps, 2 for £3 this week at crunchly.example", "", 2)]
    assert history_rules(CRUNCHLY_LAUNCH, brand_account("@crunchly"), budgeted,
                         unnamed) == {"frequency.promotion"}


def test_the_check_command_reads_a_handle_in_history(run_cli, tmp_path):
    pack = tmp_path / "budget.toml"
    pack.write_text(BUDGET_PACK, encoding="utf-8")
    lines = tmp_path / "posts.jsonl"
    lines.write_text(json.dumps({"network": "x", "persona": "work", "owner": "employer",
                                 "handle": "@zestio", "text": ZESTIO_PLUG,
                                 "posted_at": "2026-12-01T10:00:00Z"}) + "\n", encoding="utf-8")
    base = ("check", "--network", "x", "--persona", "work", "--owner", "employer",
            "--policy", str(pack), "--history", str(lines), "--now", "2026-12-01T12:00:00Z",
            "--json")
    other = run_cli(*base, "--handle", "@crunchly", CRUNCHLY_LAUNCH)
    assert "frequency.promotion" not in [f["rule"] for f in json.loads(other.stdout)["findings"]]
    same = run_cli(*base, "--handle", "@zestio", ZESTIO_PLUG + " (again)")
    assert "frequency.promotion" in [f["rule"] for f in json.loads(same.stdout)["findings"]]
    lines.write_text(json.dumps({"network": "x", "persona": "work", "handle": 7, "text": "x",
                                 "posted_at": "2026-12-01T10:00:00Z"}) + "\n", encoding="utf-8")
    bad = run_cli(*base, CRUNCHLY_LAUNCH)
    assert bad.returncode == 2
    assert "'handle' must be a string" in bad.stderr
