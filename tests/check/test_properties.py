"""Properties over arbitrary Unicode: the check never raises, spans stay inside the text,
and the same input always gives the same output."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.check.engine import check_draft
from app.check.limits import count_for_network
from app.check.policy import load_policy_file
from app.core.model import CheckTarget, HistoryEntry, Network, Owner, Persona
from tests.check.conftest import EXAMPLE_PACK

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

# Pieces that exercise every path: pack terms, disguises, emoji, marks, links, numbers.
PIECES = [
    "Project Falcon", "Brightside", "Acme Mag", "#ad", "#sp", "#AcmeGiveaway", "acmemag.com",
    "https://example.com/a?b=c", "@alice@example.social", "\u200b", "\u202e", "\u00ad",
    "\ufe0f", "\u0301", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1ec\U0001f1e7",
    "\u0430", "\uff37", "\U0001d416", "f*ck", "sh1t", "V e r i t y", "555-123-4567",
    "jane@example.com", "42 Elm Street", "20% off", "code SAVE20", "link in bio", "hungover",
    "\n", "  ", "ß", "ﬁ", "İ", "日本語", "\ud800", "\x00", "\ufeff",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES),
                          st.text(st.characters(exclude_categories=()), max_size=12)),
                max_size=25).map("".join)
TARGETS = st.builds(CheckTarget, st.sampled_from(list(Network)), st.sampled_from(list(Persona)),
                    st.sampled_from(list(Owner)))


def _policy():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.toml"
        path.write_text(EXAMPLE_PACK, encoding="utf-8")
        return load_policy_file(path)


POLICY = _policy()
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=TEXT, target=TARGETS, history_text=TEXT)
def test_any_text_is_checked_without_error_and_spans_stay_inside(text, target, history_text):
    history = [HistoryEntry(target.network, target.persona, target.owner, history_text, NOW),
               HistoryEntry(Network.X, Persona.PERSONAL, Owner.SELF, text, NOW)]
    result = check_draft(text, target, policy=POLICY, history=history, now=NOW)
    assert result.verdict in ("ok", "warn", "block")
    for finding in result.findings:
        assert finding.message
        for span in finding.spans:
            assert 0 <= span.start < span.end <= len(text)
        for fix in finding.fixes:
            for edit in fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text)


@SETTINGS
@given(text=TEXT, target=TARGETS)
def test_same_input_same_output(text, target):
    first = check_draft(text, target, policy=POLICY, now=NOW)
    second = check_draft(text, target, policy=POLICY, now=NOW)
    assert first == second


@SETTINGS
@given(text=TEXT, network=st.sampled_from(list(Network)))
def test_counting_never_raises_and_valid_end_is_a_position(text, network):
    count = count_for_network(network, text)
    assert count.used >= 0
    assert 0 <= count.valid_end <= len(text)
    if not count.over:
        assert count.valid_end == len(text) or count.used <= count.limit
