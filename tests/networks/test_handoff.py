"""Share via the browser, recorded: accounts Twofold cannot post to itself are still checked,
then handed to the network's compose page (text filled in where it can be) or the clipboard;
the outbox and the history record that they were handed to the browser."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from app.cli.parser import build_parser
from app.core.model import Account, Draft, Network, OutboxState, Persona, Severity
from app.networks.descriptor import POSTING_BY_BROWSER, POSTING_SETTING
from app.networks.engine import Outcome, PostingEngine
from app.networks.handoff import Handoff, handed_to_browser
from app.networks.wiring import build_engine
from app.paths import init_paths
from app.store.secrets import SecretStore
from app.store.store import Store
from tests.networks.fakes import FakeChecker, finding


def engine_with(store: Store, handed: list[Handoff], checker: FakeChecker | None = None
                ) -> PostingEngine:
    def hand_off(plan: Handoff) -> None:
        handed.append(plan)

    return build_engine(store, SecretStore.in_memory(), checker=checker or FakeChecker(),
                        hand_off=hand_off)


def test_each_network_gets_its_own_page_or_the_clipboard(store: Store) -> None:
    accounts = {
        network: store.accounts.add(Account(network, f"me_{network.value}", Persona.WORK))
        for network in (Network.THREADS, Network.FACEBOOK, Network.INSTAGRAM)}
    handed: list[Handoff] = []
    text = "Spring issue out https://example.com/spring #magazine"
    draft = store.drafts.save(Draft(text=text))
    with engine_with(store, handed) as engine:
        report = engine.post(draft, list(accounts.values()))
    assert [r.outcome for r in report.results] == [Outcome.SENT] * 3
    plans = {plan.network: plan for plan in handed}
    threads = plans[Network.THREADS]
    assert threads.url is not None and threads.url.startswith("https://www.threads.com/intent/post?")
    assert parse_qs(urlsplit(threads.url).query)["text"] == [text]
    assert not threads.copy_text and "filled in" in threads.instruction
    facebook = plans[Network.FACEBOOK]  # the sharer takes the link; the text is pasted
    assert parse_qs(urlsplit(facebook.url or "").query)["u"] == ["https://example.com/spring"]
    assert facebook.copy_text and "clipboard" in facebook.instruction
    instagram = plans[Network.INSTAGRAM]  # no web compose page at all
    assert instagram.url is None and instagram.copy_text and instagram.text == text
    assert "@me_instagram" in instagram.instruction
    for result in report.results:
        assert result.message.startswith("Handed to your browser:")
    entries = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert all(e.state is OutboxState.SENT and handed_to_browser(e.remote_id) for e in entries)
    history = store.history.list()
    assert len(history) == 3 and all(handed_to_browser(h.remote_id) for h in history)


def test_the_persona_check_still_stops_a_post_before_the_browser(store: Store) -> None:
    account = store.accounts.add(Account(Network.FACEBOOK, "me", Persona.PERSONAL))
    checker = FakeChecker({account.id: (finding(Severity.BLOCK, "persona",  # type: ignore[dict-item]
                                                "This promotes Acme from a personal account."),)})
    handed: list[Handoff] = []
    draft = store.drafts.save(Draft(text="Buy Acme"))
    with engine_with(store, handed, checker) as engine:
        [result] = engine.post(draft, [account]).results
    assert result.outcome is Outcome.REFUSED and handed == []
    assert store.outbox.entries_for_draft(draft.id) == []  # type: ignore[arg-type]


def test_an_account_without_app_credentials_goes_through_the_browser(store: Store) -> None:
    account = store.accounts.add(Account(Network.LINKEDIN, "dana", Persona.WORK, settings={
        POSTING_SETTING: POSTING_BY_BROWSER}))
    handed: list[Handoff] = []
    draft = store.drafts.save(Draft(text="No link here (yet)"))
    with engine_with(store, handed) as engine:
        [result] = engine.post(draft, [account]).results
    assert result.outcome is Outcome.SENT
    [plan] = handed
    assert plan.url is None and plan.copy_text and "open LinkedIn" in plan.instruction


def test_without_a_browser_to_hand_to_it_fails_in_one_sentence(store: Store) -> None:
    account = store.accounts.add(Account(Network.INSTAGRAM, "me", Persona.WORK))
    draft = store.drafts.save(Draft(text="Hello"))
    with build_engine(store, SecretStore.in_memory(), checker=FakeChecker()) as engine:
        [result] = engine.post(draft, [account]).results
    assert result.outcome is Outcome.FAILED and "website" in result.message


def test_command_line_adds_a_browser_only_account_and_hands_its_post_over(
        tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    secrets = SecretStore.in_memory()

    def run(*argv: str, **collaborators: object) -> tuple[int, str, str]:
        args = build_parser().parse_args(["--profile-dir", str(profile), *argv])
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = args.handler(args, init_paths(str(profile)), **collaborators)
        return code, out.getvalue(), err.getvalue()

    from app.cli.accounts_cmd import add_account

    args = build_parser().parse_args(["--profile-dir", str(profile), "accounts", "add",
                                      "--network", "threads", "--handle", "acme.news",
                                      "--persona", "work"])
    out = io.StringIO()
    with redirect_stdout(out):
        code = add_account(args, init_paths(str(profile)), secrets_factory=lambda: secrets,
                           stdin=io.StringIO(""))
    assert code == 0 and "opens Threads's own page" in out.getvalue()
    handed: list[Handoff] = []

    def hand_off(plan: Handoff) -> str:
        handed.append(plan)
        return "Threads's compose page was opened in your browser."

    code, output, _err = run("post", "--work", "Out now", secrets_factory=lambda: secrets,
                             checker=FakeChecker(), hand_off=hand_off)
    assert code == 0 and len(handed) == 1
    assert output.startswith("browser   Threads @acme.news (Work): Handed to your browser: "
                             "Threads's compose page was opened")
    code, output, _err = run("history")
    assert "handed to your browser" in output


def test_the_shared_link_is_the_link_the_networks_see() -> None:
    from app.networks.share_links import first_link

    assert first_link("read https://en.wikipedia.org/wiki/Fish_(food).") == (
        "https://en.wikipedia.org/wiki/Fish_(food)")
    assert first_link("(see https://example.com/a)!") == "https://example.com/a"
    assert first_link("no scheme: example.com") is None
