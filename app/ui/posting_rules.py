"""When the window offers "Post", and why not when it does not (no Qt here).

The rule about blocking findings is the posting engine's own (``block_refusal`` in
``app/networks/engine.py``): the window asks it with the findings on screen, so what the
buttons allow and what the engine would refuse can never drift apart. On top, the window adds
what only it knows: nothing ticked, nothing written, a send already running, and whether the
typed reason was given for exactly these blocks (a block that appeared later needs its own).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app.core.model import Account, Finding, Persona, Severity
from app.ui.live_check import CheckRound, ShownFinding


def block_key(shown: ShownFinding) -> tuple[str, str]:
    """What identifies a block finding for an override: its rule and its message (which names
    the term or account), not its position, which moves as the user types."""
    return shown.finding.rule, shown.finding.message


@dataclass(frozen=True)
class PostingState:
    """What the composer knows when it decides whether Post may be pressed."""

    # Why nothing may be posted at all now ("" when posting is allowed): the organisation's
    # policy cannot be read and no good copy of it is kept.
    refused: str = ""
    posting: bool = False
    has_poster: bool = True
    has_accounts: bool = True
    has_content: bool = False
    check_round: CheckRound | None = None
    shown: Sequence[ShownFinding] = ()
    override_reason: str = ""
    overridden: frozenset[tuple[str, str]] = frozenset()
    may_override: Callable[[Finding], bool] = field(default=lambda finding: False)


def blocking_for(state: PostingState, targets: Sequence[Account]) -> list[ShownFinding]:
    """The block findings on screen that concern one of ``targets``."""
    ids = {a.id for a in targets}
    return [s for s in state.shown if s.severity is Severity.BLOCK
            and any(slot.account is not None and slot.account.id in ids for slot in s.slots)]


def can_post(state: PostingState, targets: Sequence[Account],
             persona: Persona) -> tuple[bool, str]:
    """Whether "Post to <persona>" may send to ``targets`` now, and if not, one sentence
    saying what to do."""
    if state.refused:
        return False, state.refused
    if state.posting:
        return False, "Sending… you can keep writing."
    if not state.has_poster:
        return False, "Posting is not available in this window."
    if not targets:
        if not state.has_accounts:
            return False, "Connect an account to post; the draft is checked either way."
        return False, (f"Tick the {persona.label} accounts to post to (on the right), then "
                       f"“Post to {persona.label}”.")
    if not state.has_content:
        return False, "Write something to post."
    if state.check_round is None:
        return True, ""
    if state.check_round.error:
        return False, state.check_round.error
    blocking = blocking_for(state, targets)
    if not blocking:
        return True, ""
    from app.networks.engine import block_refusal, blocks_can_be_overridden

    findings = [s.finding for s in blocking]
    covered = bool(state.override_reason) and all(
        block_key(s) in state.overridden for s in blocking)
    reason = state.override_reason if covered else ""
    if block_refusal(findings, reason, state.may_override) is None:
        return True, ""
    overridable = blocks_can_be_overridden(findings, state.may_override)
    if overridable and state.override_reason:
        return False, ("Blocked: a new problem marked “Blocks posting” appeared after "
                       "you gave your reason; fix it, or choose “Post anyway, with a "
                       "reason…” again.")
    if overridable:
        return False, ("Blocked: fix the problems marked “Blocks posting”, or choose "
                       "“Post anyway, with a reason…”.")
    return False, "Blocked: fix the problems marked “Blocks posting” to post."
