"""The window's posting rules ask the engine: what the buttons allow is what the engine
would send (no Qt needed)."""

from __future__ import annotations

import itertools

from app.core.model import Account, CheckResult, Finding, Network, Persona, Severity
from app.networks.engine import block_refusal
from app.ui.live_check import CheckRound, CheckSlot, ShownFinding
from app.ui.posting_rules import PostingState, block_key, can_post

WORK = Account(Network.BLUESKY, "dana.work.example", Persona.WORK, id=1)
FINDINGS = [
    Finding("confidential.term", "confidential", Severity.BLOCK, "“Project Falcon” is secret."),
    Finding("conduct.profanity", "conduct", Severity.BLOCK, "Swearing on a brand account."),
    Finding("persona.promotion", "persona", Severity.WARN, "Reads like promotion."),
]


def overridable(finding: Finding) -> bool:
    return finding.category != "confidential"


def test_the_buttons_allow_exactly_what_the_engine_would_send() -> None:
    slot = CheckSlot.for_account(WORK)
    for size in range(len(FINDINGS) + 1):
        for chosen in itertools.combinations(FINDINGS, size):
            for reason in ("", "Quoting a reader verbatim"):
                shown = [ShownFinding(f, [slot]) for f in chosen]
                check_round = CheckRound(1, "text", (slot,),
                                         {slot.key: CheckResult(tuple(chosen))}, {})
                state = PostingState(has_content=True, check_round=check_round, shown=shown,
                                     override_reason=reason,
                                     overridden=frozenset(block_key(s) for s in shown),
                                     may_override=overridable)
                allowed, why = can_post(state, [WORK], Persona.WORK)
                engine_says = block_refusal(chosen, reason, overridable)
                assert allowed == (engine_says is None), (chosen, reason, why)


def test_a_reason_given_for_other_blocks_does_not_cover_a_new_one() -> None:
    slot = CheckSlot.for_account(WORK)
    shown = [ShownFinding(FINDINGS[1], [slot])]
    check_round = CheckRound(1, "t", (slot,), {slot.key: CheckResult((FINDINGS[1],))}, {})
    state = PostingState(has_content=True, check_round=check_round, shown=shown,
                         override_reason="An earlier reason", overridden=frozenset(),
                         may_override=overridable)
    allowed, why = can_post(state, [WORK], Persona.WORK)
    assert not allowed and "new problem" in why
