"""The adapters between the real services and the window's ports (no network)."""

from __future__ import annotations

from app.check.policy import load_policy_layers
from app.core.model import Finding, Severity
from app.networks.engine import AccountResult, Outcome, Progress
from app.paths import init_paths
from app.ui.application import build_checker
from app.ui.ports import DeliveryState
from app.ui.services import policy_report_from, update_from_progress, update_from_result

ORGANISATION_PACK = """version = 1
[employer]
name = "Acme Magazine"
[[partners]]
name = "Crunchly"
accounts = ["@crunchly", "crunchly.bsky.social"]
[[partners]]
name = "Zestio"
[confidential]
terms = ["Project Falcon", "Bluebird"]
[rules]
"conduct.profanity" = { severity = "block", locked = true }
"""


def test_policy_report_names_each_layer_its_file_and_the_locked_rules(tmp_path, monkeypatch,
                                                                      profile_dir):
    pack = tmp_path / "org.toml"
    pack.write_text(ORGANISATION_PACK, encoding="utf-8")
    monkeypatch.setenv("TWOFOLD_POLICY", str(pack))
    report = policy_report_from(load_policy_layers(init_paths(profile_dir)))
    layers = [(s.layer, s.location, s.locked_rules) for s in report.sources]
    assert layers[0][0] == "built-in"
    assert layers[1] == ("organisation", str(pack), ("conduct.profanity",))
    summary = dict(report.summary)
    assert summary["Employer"] == "Acme Magazine"
    # a client's own accounts are listed: there its products need no ad label
    assert summary["Partners"] == "Crunchly (its accounts: @crunchly, crunchly.bsky.social), Zestio"
    assert summary["Confidential terms"] == "2 in the pack"  # never the terms themselves
    assert "Bluebird" not in str(report)
    assert report.errors == ()


def test_a_locked_rule_cannot_be_overridden_with_a_reason(tmp_path, monkeypatch, profile_dir):
    pack = tmp_path / "org.toml"
    pack.write_text(ORGANISATION_PACK, encoding="utf-8")
    monkeypatch.setenv("TWOFOLD_POLICY", str(pack))
    checker = build_checker(init_paths(profile_dir), None)
    locked = Finding("conduct.profanity", "conduct", Severity.BLOCK, "…")
    other = Finding("duplicate.same_account", "duplicate", Severity.BLOCK, "…")
    secret = Finding("confidential.term", "confidential", Severity.BLOCK, "…")
    assert not checker.may_override(locked)
    assert checker.may_override(other)
    assert not checker.may_override(secret)


def test_engine_progress_and_results_become_plain_updates():
    assert update_from_progress(Progress(3, "sending", "attempt 1")).state == DeliveryState.SENDING
    waiting = update_from_progress(Progress(3, "waiting", "2.0 s"))
    assert waiting.state == DeliveryState.SENDING and "2.0 s" in waiting.message
    assert update_from_progress(Progress(3, "done")) is None
    sent = update_from_result(AccountResult(3, Outcome.SENT, "Posted.", url="https://x/1"))
    assert (sent.state, sent.url, sent.message) == (DeliveryState.SENT, "https://x/1", "")
    refused = update_from_result(AccountResult(4, Outcome.NEEDS_CONFIRMATION, "Confirm first."))
    assert refused.state == DeliveryState.REFUSED and refused.final
    unknown = update_from_result(AccountResult(5, Outcome.UNKNOWN, "No answer."))
    assert unknown.state in DeliveryState.RETRYABLE
