"""Whether a finding's fix can be applied now, and which account a "post from the other
identity" fix switches to (no Qt here; the composer applies the fixes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.core.model import Account, Fix, Owner, Persona
from app.ui.live_check import ShownFinding

SWITCH_ACTIONS = {"switch_to_work": Persona.WORK, "switch_to_personal": Persona.PERSONAL}


def counterpart(accounts: Sequence[Account], account: Account,
                persona: Persona) -> Account | None:
    """The account of ``persona`` on the same network that should post instead of
    ``account``: the user's own before the employer's brand account, the same server before
    others."""
    candidates = [a for a in accounts if a.network is account.network and a.persona is persona]
    candidates.sort(key=lambda a: (a.owner is not Owner.SELF, a.server != account.server,
                                   a.handle.casefold()))
    return candidates[0] if candidates else None


@dataclass(frozen=True)
class FixContext:
    """What the composer knows when it shows a fix button."""

    text_is_checked: bool  # the findings on screen are for the text as it is now
    accounts: Sequence[Account] = ()
    compact: bool = False
    undescribed_images: int = 0


def fix_state(context: FixContext, shown: ShownFinding, fix: Fix) -> tuple[bool, str]:
    """Whether ``fix`` can be applied now, and if not, why (for the button's tooltip)."""
    if fix.edits and not context.text_is_checked:
        return False, "The draft changed; the check is running again."
    action = fix.action
    if action in (None, ""):
        return bool(fix.edits), ""
    if action in SWITCH_ACTIONS:
        persona = SWITCH_ACTIONS[action]
        movable = [s.account for s in shown.slots
                   if s.account is not None and s.account.persona is not persona]
        if not movable:
            return True, ""  # "check as": the identity is switched instead
        missing = sorted({a.network.display_name for a in movable
                          if counterpart(context.accounts, a, persona) is None})
        if len(missing) == len({a.network for a in movable}):
            return False, (f"No {persona.label} account on {', '.join(missing)} is "
                           "connected yet.")
        if missing:
            return True, (f"Switches where a {persona.label} account exists; none on "
                          f"{', '.join(missing)} yet.")
        return True, ""
    if action == "remove_target":
        if any(slot.account is not None for slot in shown.slots):
            return True, ""
        return False, "No account is ticked."
    if action == "add_image":
        return (not context.compact), ""
    if action == "describe_image":
        return context.undescribed_images > 0, ""
    return False, "This fix is not available here."
