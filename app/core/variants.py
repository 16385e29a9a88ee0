"""Per-network texts and thread choices of a draft: which text an account actually gets.

A draft has one main text; ``Draft.variants`` may replace it for one network (by network id,
"Customise for …"), and ``Draft.thread_networks`` names the networks whose accounts get an
over-long text as a numbered thread. Plain data, standard library only.
"""

from __future__ import annotations

from dataclasses import replace

from app.core.model import Draft


def text_for(draft: Draft, network: str) -> str:
    """The text accounts on ``network`` get: its variant when there is one, else the main
    text."""
    variant = (draft.variants or {}).get(str(network))
    return draft.text if variant is None else variant


def draft_for(draft: Draft, network: str) -> Draft:
    """A copy of ``draft`` whose text is what ``network`` gets (for checking it)."""
    text = text_for(draft, network)
    return draft if text == draft.text else replace(draft, text=text)


def wants_thread(draft: Draft, network: str) -> bool:
    """Whether the user asked for ``network``'s text to be split into a thread."""
    return str(network) in (draft.thread_networks or [])


def has_tailoring(draft: Draft) -> bool:
    """Whether any account may get something other than the main text as one post."""
    return bool(draft.variants) or bool(draft.thread_networks)
