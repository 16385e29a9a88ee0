"""The window on the real services: a text over Bluesky's limit is split into a thread that
reaches the local Bluesky server as replies, while Mastodon gets its own text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.model import Network
from app.ui.ports import DeliveryState
from tests.ui.test_window_real_services import identities, mastodon, window  # noqa: F401

pytestmark = pytest.mark.integration

SENTENCE = "Our team shipped the new release today and it fixes the sync bug. "


def test_split_for_bluesky_and_own_text_for_mastodon_are_posted_as_shown(
        qtbot, window, identities, local_pds, mastodon):  # noqa: F811
    ids = identities["ids"]
    composer = window.composer
    composer.accounts.set_ticked([ids["work_bsky"], ids["work_masto"]])
    text = (SENTENCE * 7).strip()  # 461 characters: over Bluesky's 300, within Mastodon's 500
    composer.editor.setPlainText(text)
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round)
                    and composer.finding_for("limit.length") is not None, timeout=15_000)
    assert not composer.post_work_button.isEnabled()

    bluesky = composer.previews.card_for(Network.BLUESKY)
    qtbot.waitUntil(lambda: bluesky.thread_button.isVisible(), timeout=10_000)
    qtbot.mouseClick(bluesky.thread_button, Qt.MouseButton.LeftButton)
    mastodon_card = composer.previews.card_for(Network.MASTODON)
    qtbot.waitUntil(mastodon_card.customise_button.isVisible)
    qtbot.mouseClick(mastodon_card.customise_button, Qt.MouseButton.LeftButton)
    editor = composer.previews.variant_editor(Network.MASTODON)
    editor.selectAll()
    qtbot.keyClicks(editor, "The new release is out and fixes the sync bug.")
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round)
                    and composer.finding_for("limit.length") is None
                    and len(bluesky.part_labels) == 2
                    and composer.post_work_button.isEnabled(), timeout=15_000)

    with qtbot.waitSignal(composer.delivery_finished, timeout=60_000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    rows = composer.delivery.rows
    assert all(row.state == DeliveryState.SENT for row in rows.values()), [
        row.state_label.text() for row in rows.values()]
    # The first post is the one that answers nothing.
    posts = sorted(local_pds.list_posts(identities["bsky"]["work_bsky"]),
                   key=lambda r: "reply" in r["value"])
    assert [p["value"]["text"][-6:] for p in posts] == [" (1/2)", " (2/2)"]
    reply = posts[1]["value"]["reply"]
    assert reply["root"] == {"uri": posts[0]["uri"], "cid": posts[0]["cid"]}
    assert reply["parent"] == reply["root"]
    [status] = mastodon.statuses_of(identities["tokens"]["work_masto"])
    assert status["text_sent"] == "The new release is out and fixes the sync bug."
