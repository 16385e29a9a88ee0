"""The composer as a user drives it: typing, fixes, Post to Work, confirmation, blocks, retry."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from app.core.model import Network, Owner, Persona
from app.ui.ports import DeliveryState
from tests.ui.conftest import wait_checked
from tests.ui.fakes import FakeChecker, FakeDrafts, FakePoster

PARTY = "\U0001F389"  # astral: two UTF-16 units


def type_into(qtbot, composer, text: str) -> None:
    """Type like a user (key events); characters outside the BMP are inserted directly."""
    composer.editor.setFocus()
    for chunk in _bmp_chunks(text):
        if ord(chunk[0]) > 0xFFFF:
            composer.editor.insertPlainText(chunk)
        else:
            qtbot.keyClicks(composer.editor, chunk)


def _bmp_chunks(text: str) -> list[str]:
    chunks: list[str] = []
    for ch in text:
        astral = ord(ch) > 0xFFFF
        if chunks and (ord(chunks[-1][0]) > 0xFFFF) == astral and not astral:
            chunks[-1] += ch
        else:
            chunks.append(ch)
    return chunks


def highlighted_texts(composer) -> list[str]:
    return [s.cursor.selectedText() for s in composer.editor.extraSelections()]


def card_for(composer, rule: str):
    return next(card for card in composer.findings.cards if card.finding.rule == rule)


def ticked_ids(composer) -> set[int]:
    return {a.id for a in composer.accounts.ticked()}


def test_promotion_headed_for_a_personal_account_is_flagged_and_the_brand_highlighted(
        qtbot, make_composer):
    composer = make_composer()
    composer.accounts.set_ticked([3])  # Dana's personal Bluesky
    type_into(qtbot, composer, f"{PARTY} Huge Acme sale today")
    wait_checked(qtbot, composer)

    card = card_for(composer, "persona.promotion_on_personal")
    assert "personal account" in card.message_label.text()
    assert "@dana.example" in card.targets_label.text()
    assert "Acme" in highlighted_texts(composer)
    assert "sale" in highlighted_texts(composer)
    # Hovering the brand explains the problem.
    position = composer.editor.toPlainText().index("Acme") + 1 + 1  # +1 for the surrogate
    assert any("personal account" in m for m in composer.editor.messages_at(position))


def test_post_from_work_instead_swaps_the_personal_target_for_the_work_account(
        qtbot, make_composer):
    composer = make_composer()
    composer.accounts.set_ticked([3])
    type_into(qtbot, composer, "Acme sale starts now #employee")
    wait_checked(qtbot, composer)
    card = card_for(composer, "persona.promotion_on_personal")
    qtbot.mouseClick(card.fix_buttons[0], Qt.MouseButton.LeftButton)

    assert ticked_ids(composer) == {1}  # the work account on the same network (Bluesky)
    wait_checked(qtbot, composer)
    assert composer.finding_for("persona.promotion_on_personal") is None


def test_switch_fix_swaps_where_it_can_and_says_where_it_cannot(qtbot, make_composer):
    composer = make_composer()
    composer.accounts.set_ticked([3, 4])  # personal Bluesky (has a work twin) and personal X
    type_into(qtbot, composer, "Acme sale #ad")
    wait_checked(qtbot, composer)
    button = card_for(composer, "persona.promotion_on_personal").fix_buttons[0]
    assert button.isEnabled()
    assert "none on X" in button.toolTip()
    with qtbot.waitSignal(composer.status) as said:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert ticked_ids(composer) == {1, 4}
    assert "@danadoes" in said.args[0]


def test_switch_fix_is_disabled_when_there_is_no_work_account_on_that_network(
        qtbot, make_composer):
    composer = make_composer()
    composer.accounts.set_ticked([4])  # personal X; no work X account
    type_into(qtbot, composer, "Acme sale #ad")
    wait_checked(qtbot, composer)
    button = card_for(composer, "persona.promotion_on_personal").fix_buttons[0]
    assert not button.isEnabled()
    assert "No Work account on X" in button.toolTip()


def test_insert_disclosure_fix_edits_the_start_as_one_undo_step(qtbot, make_composer):
    composer = make_composer()
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, f"{PARTY} Acme sale")
    wait_checked(qtbot, composer)
    qtbot.mouseClick(card_for(composer, "disclosure.missing").fix_buttons[0],
                     Qt.MouseButton.LeftButton)
    assert composer.text() == f"#employee {PARTY} Acme sale"
    wait_checked(qtbot, composer)
    assert composer.finding_for("disclosure.missing") is None
    composer.editor.undo()
    assert composer.text() == f"{PARTY} Acme sale"


def test_remove_codename_fix_after_astral_characters(qtbot, make_composer):
    composer = make_composer()
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, f"{PARTY}{PARTY} Project Falcon ships soon")
    wait_checked(qtbot, composer)
    assert "Project Falcon" in highlighted_texts(composer)
    qtbot.mouseClick(card_for(composer, "confidential.term").fix_buttons[0],
                     Qt.MouseButton.LeftButton)
    assert composer.text() == f"{PARTY}{PARTY}  ships soon"


def test_post_to_work_delivers_to_ticked_work_accounts_and_never_a_personal_one(
        qtbot, make_composer, answers):
    poster = FakePoster()
    composer = make_composer(poster=poster)
    composer.accounts.set_ticked([1, 2, 3, 4])  # two work, two personal
    type_into(qtbot, composer, "New issue of the magazine is out")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert poster.calls == [("post", [1, 2])]
    assert sorted(account_id for account_id, _ in poster.delivered) == [1, 2]
    assert answers.confirmations == []  # own work accounts, no warnings: no question asked
    assert ticked_ids(composer) == set()  # nothing carries over to the next post
    assert composer.text() == ""  # every target has it: the draft is done


def test_post_to_work_with_only_personal_accounts_ticked_sends_nothing(qtbot, make_composer):
    poster = FakePoster()
    composer = make_composer(poster=poster)
    composer.accounts.set_ticked([3, 4])
    type_into(qtbot, composer, "Weekend hike photos")
    wait_checked(qtbot, composer)
    assert not composer.post_work_button.isEnabled()
    with qtbot.waitSignal(composer.status, timeout=2000) as status:
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Tick the Work accounts" in status.args[0]
    assert poster.calls == []


def test_confirmation_lists_exactly_the_accounts_for_a_brand_target(
        qtbot, make_composer, answers):
    poster = FakePoster()
    composer = make_composer(poster=poster)
    composer.accounts.set_ticked([1, 5])  # own work + the employer's brand account
    type_into(qtbot, composer, "Our spring issue is out")
    wait_checked(qtbot, composer)
    answers.confirm = False
    qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)

    assert [a.id for a in answers.confirmations[0].accounts] == [1, 5]
    assert poster.calls == []
    assert ticked_ids(composer) == {1, 5}  # cancelled: nothing changed

    answers.confirm = True
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    assert poster.calls == [("post", [1, 5])]


def test_warnings_need_confirmation_and_are_listed(qtbot, make_composer, answers):
    composer = make_composer()
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "Acme sale, damn good prices")
    wait_checked(qtbot, composer)
    answers.confirm = False
    qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    rules = {s.finding.rule for s in answers.confirmations[0].warnings}
    assert rules == {"disclosure.missing", "conduct.profanity"}


def test_posting_to_personal_is_a_separate_confirmed_action(qtbot, make_composer, answers):
    poster = FakePoster()
    composer = make_composer(poster=poster)
    composer.accounts.set_ticked([1, 3])
    type_into(qtbot, composer, "Weekend hike photos")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.post_personal_button, Qt.MouseButton.LeftButton)
    assert [a.id for a in answers.confirmations[0].accounts] == [3]
    assert poster.calls == [("post", [3])]


def test_a_block_disables_posting(qtbot, make_composer):
    poster = FakePoster()
    composer = make_composer(poster=poster)
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "Project Falcon is nearly ready")
    wait_checked(qtbot, composer)
    assert not composer.post_work_button.isEnabled()
    assert "Blocked" in composer.action_label.text()
    assert card_for(composer, "confidential.term").override_button is None
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    assert poster.calls == []


def test_override_with_a_typed_reason_where_the_policy_allows(qtbot, make_composer, answers):
    poster = FakePoster()
    composer = make_composer(poster=poster,
                             checker=FakeChecker(overridable=frozenset({"confidential.term"})))
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "Project Falcon is announced today")
    wait_checked(qtbot, composer)
    card = card_for(composer, "confidential.term")
    assert card.override_button is not None

    answers.override_reason = None  # cancelled: still blocked
    qtbot.mouseClick(card.override_button, Qt.MouseButton.LeftButton)
    assert not composer.post_work_button.isEnabled()

    answers.override_reason = "Announced publicly by the CEO this morning"
    qtbot.mouseClick(card_for(composer, "confidential.term").override_button,
                     Qt.MouseButton.LeftButton)
    assert composer.post_work_button.isEnabled()
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    assert answers.confirmations[0].override_reason == answers.override_reason
    assert poster.override_reasons == [answers.override_reason]


def test_a_reason_covers_only_the_blocks_it_was_given_for(qtbot, make_composer, answers):
    poster = FakePoster()
    composer = make_composer(poster=poster,
                             checker=FakeChecker(overridable=frozenset({"confidential.term"})))
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "Project Falcon is announced today")
    wait_checked(qtbot, composer)
    answers.override_reason = "Announced publicly by the CEO this morning"
    qtbot.mouseClick(card_for(composer, "confidential.term").override_button,
                     Qt.MouseButton.LeftButton)
    assert composer.post_work_button.isEnabled()

    type_into(qtbot, composer, ", and Project Osprey next")  # a second secret, no reason yet
    wait_checked(qtbot, composer)
    assert not composer.post_work_button.isEnabled()
    assert "new problem" in composer.action_label.text()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert poster.calls == []

    # Removing the new one again: the reason given for the first one still stands.
    osprey = next(c for c in composer.findings.cards if "Osprey" in c.finding.message)
    qtbot.mouseClick(osprey.fix_buttons[0], Qt.MouseButton.LeftButton)
    wait_checked(qtbot, composer)
    assert composer.post_work_button.isEnabled()


def test_a_failed_account_can_be_retried_alone_and_the_draft_is_kept_until_then(
        qtbot, make_composer):
    poster = FakePoster(fail={2})
    drafts = FakeDrafts()
    composer = make_composer(poster=poster, drafts=drafts)
    composer.accounts.set_ticked([1, 2])
    type_into(qtbot, composer, "The new issue is out")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)

    rows = composer.delivery.rows
    assert rows[1].state == DeliveryState.SENT and rows[1].link_button.isVisibleTo(composer)
    assert rows[2].state == DeliveryState.FAILED
    assert "500" in rows[2].state_label.text()
    assert rows[2].share_button.isVisibleTo(composer)  # "Open in browser" fallback
    assert composer.delivery.retry_button.isVisibleTo(composer)
    assert composer.text() == "The new issue is out"
    assert list(drafts.drafts.values())[0].text == "The new issue is out"

    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.delivery.retry_button, Qt.MouseButton.LeftButton)
    assert poster.calls[-1] == ("retry", [2])
    assert sorted(i for i, _ in poster.delivered) == [1, 2]  # account 1 got it exactly once
    assert rows[2].state == DeliveryState.SENT
    assert drafts.drafts == {}
    assert composer.text() == ""


def test_open_in_browser_uses_the_networks_share_page(qtbot, make_composer):
    opened: list[str] = []
    composer = make_composer(poster=FakePoster(fail={2}, fail_always=True), opened=opened)
    composer.accounts.set_ticked([2])
    type_into(qtbot, composer, "Hello fediverse")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(composer.delivery.rows[2].share_button, Qt.MouseButton.LeftButton)
    assert opened == ["https://acme.social/share?text=Hello%20fediverse"]


def test_the_ui_thread_is_never_blocked_by_a_slow_server(qtbot, make_composer):
    gate = threading.Event()
    poster = FakePoster(gate=gate)
    composer = make_composer(poster=poster)
    composer.accounts.set_ticked([1, 2])
    type_into(qtbot, composer, "Slow server day")
    wait_checked(qtbot, composer)

    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.timeout.connect(tick)
    heartbeat.start(10)
    qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    try:
        assert composer.posting  # the click returned while the server still holds the request
        qtbot.keyClicks(composer.editor, " and still typing")  # the user keeps writing
        # The gate stays shut until the end: a UI thread blocked on the request would never
        # tick again, so waiting for ticks (not for a time) is the test, on any machine load.
        qtbot.waitUntil(lambda: len(gaps) >= 5, timeout=10_000)
        heartbeat.stop()
        assert composer.text().endswith("and still typing")
        assert composer.delivery.rows[1].state == DeliveryState.SENDING
        # The event loop kept turning while the server held the request (a blocked UI thread
        # would not tick at all before the gate opens). How smoothly it turns is a figure for
        # bench/findings_latency.py, not a wall-clock assertion that a loaded machine can fail.
        assert len(gaps) >= 5
    except BaseException:
        # Let the fake server go before failing: a worker left waiting would report to
        # widgets long deleted, and crash the rest of the run.
        with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
            gate.set()
        raise
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        gate.set()
    assert composer.delivery.all_sent()
    # The text changed while sending, so the edited draft stays for the user.
    assert composer.text().endswith("and still typing")


def test_autosave_within_a_second_of_the_last_keystroke(qtbot, make_composer):
    drafts = FakeDrafts()
    composer = make_composer(drafts=drafts)
    type_into(qtbot, composer, "Half-written thought")
    last_key = time.monotonic()
    qtbot.waitUntil(lambda: drafts.saves > 0, timeout=1000)
    assert time.monotonic() - last_key < 1.0
    assert list(drafts.drafts.values())[0].text == "Half-written thought"


def test_first_run_without_accounts_checks_as_the_chosen_network_and_identity(
        qtbot, make_composer):
    composer = make_composer(accounts=[])
    assert composer.check_as_row.isVisibleTo(composer)
    composer.check_as(Network.X, Persona.PERSONAL)
    type_into(qtbot, composer, "Acme giveaway! #ad")
    wait_checked(qtbot, composer)
    card = card_for(composer, "persona.promotion_on_personal")
    assert "Personal post on X" in card.targets_label.text()
    qtbot.mouseClick(card.fix_buttons[0], Qt.MouseButton.LeftButton)
    assert composer.check_as_target().persona is Persona.WORK
    wait_checked(qtbot, composer)
    assert composer.finding_for("persona.promotion_on_personal") is None
    assert "Connect an account" in composer.action_label.text()
    assert composer.previews.networks() == [Network.X]


def test_counters_follow_the_checkers_count_per_network(qtbot, make_composer):
    composer = make_composer()
    composer.accounts.set_ticked([1, 2, 5])
    type_into(qtbot, composer, "x" * 310)
    wait_checked(qtbot, composer)
    cards = composer.previews.cards
    assert {key[0] for key in cards} == {Network.BLUESKY, Network.MASTODON}
    bluesky = cards[(Network.BLUESKY, None)]
    assert "310 / 300 characters" in bluesky.counter_label.text()
    assert "10 over the limit" in bluesky.counter_label.text()


def test_new_draft_starts_with_nothing_ticked(qtbot, make_composer):
    composer = make_composer()
    composer.accounts.set_ticked([1, 3])
    type_into(qtbot, composer, "Something")
    composer.new_draft()
    assert ticked_ids(composer) == set()
    assert composer.text() == ""


def test_opening_a_saved_draft_does_not_tick_its_old_targets(qtbot, make_composer):
    from app.core.model import Draft

    composer = make_composer()
    composer.open_draft(Draft("Saved words", target_account_ids=[3, 4], id=7))
    assert composer.text() == "Saved words"
    assert ticked_ids(composer) == set()


def test_brand_account_is_labelled_not_only_coloured(qtbot, make_composer):
    composer = make_composer()
    row = composer.accounts.rows[5]
    assert row.account.owner is Owner.EMPLOYER
    assert "brand account" in row.checkbox.accessibleName()
    assert "Work identity" in row.checkbox.accessibleName()
    personal = composer.accounts.rows[3]
    assert "Personal identity" in personal.checkbox.accessibleName()


def underline_colour(composer) -> str:
    selections = composer.editor.extraSelections()
    fmt = selections[0].format
    return fmt.underlineColor().name()


def test_highlights_follow_a_switch_to_a_dark_palette(qtbot, make_composer):
    from PySide6.QtGui import QColor, QPalette

    composer = make_composer()
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "Project Falcon")
    wait_checked(qtbot, composer)
    light = underline_colour(composer)
    dark = QPalette(composer.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#1e1f22"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#141517"))
    composer.setPalette(dark)
    qtbot.waitUntil(lambda: underline_colour(composer) != light, timeout=2000)
    assert QColor(underline_colour(composer)).lightness() > QColor(light).lightness()


class SlowChecker(FakeChecker):
    """A persona check that takes 300 ms (a huge paste, a slow machine)."""

    def check(self, text, target, *, images=()):
        time.sleep(0.3)
        return super().check(text, target, images=images)


def test_typing_never_waits_for_a_slow_check_and_the_newest_text_wins(qtbot, make_composer):
    checker = SlowChecker()
    composer = make_composer(checker=checker)
    composer.accounts.set_ticked([1])
    composer.editor.setFocus()
    gaps: list[float] = []
    for ch in "Project Falcon is late":
        started = time.monotonic()
        qtbot.keyClick(composer.editor, ch)
        gaps.append(time.monotonic() - started)
        qtbot.wait(20)  # a fast typist
    assert composer.text() == "Project Falcon is late"
    assert max(gaps) < 0.1, f"a keystroke waited {max(gaps) * 1000:.0f} ms"
    wait_checked(qtbot, composer, timeout=5000)
    assert composer._round.text == "Project Falcon is late"
    assert composer.finding_for("confidential.term") is not None
    assert checker.calls < 8  # coalesced, not one check per keystroke


def test_attached_image_is_part_of_the_draft(qtbot, make_composer, tmp_path):
    from pathlib import Path

    from app.core.model import ImageAttachment

    drafts = FakeDrafts()
    composer = make_composer(drafts=drafts)
    picture = ImageAttachment(Path(tmp_path / "cover.png"), "The spring cover")
    composer._pick_image = lambda parent: picture
    qtbot.mouseClick(composer.attach_button, Qt.MouseButton.LeftButton)
    assert composer.images == [picture]
    assert "cover.png" in composer.images_layout.itemAt(0).widget().text()
    qtbot.waitUntil(lambda: drafts.saves > 0, timeout=2000)
    assert list(drafts.drafts.values())[0].images == [picture]
    qtbot.mouseClick(composer.images_layout.itemAt(0).widget(), Qt.MouseButton.LeftButton)
    assert composer.images == []


class BrokenChecker(FakeChecker):
    def check(self, text, target, *, images=()):
        raise ValueError("lexicon file unreadable")


def test_a_failing_check_is_shown_and_posting_stays_off(qtbot, make_composer):
    poster = FakePoster()
    composer = make_composer(checker=BrokenChecker(), poster=poster)
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "Hello")
    wait_checked(qtbot, composer)
    assert "The persona check failed" in composer.findings.summary_label.text()
    assert not composer.post_work_button.isEnabled()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert poster.calls == []


class RowsGonePoster(FakePoster):
    """The real engine's answer when the outbox rows of a retry are gone (their account or
    draft was removed meanwhile): nothing to send, no update for those accounts."""

    def retry_failed(self, draft, *, on_update, cancel=None):
        self.calls.append(("retry", []))
        return []


def test_a_retry_whose_rows_are_gone_ends_in_a_readable_state(qtbot, make_composer):
    poster = RowsGonePoster(fail={2})
    composer = make_composer(poster=poster)
    composer.accounts.set_ticked([1, 2])
    type_into(qtbot, composer, "The new issue is out")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.delivery.retry_button, Qt.MouseButton.LeftButton)
    row = composer.delivery.rows[2]
    assert row.state == DeliveryState.REFUSED
    assert "Waiting" not in row.state_label.text()
    assert "nothing was sent" in row.state_label.text()
    assert not composer.delivery.retry_button.isVisibleTo(composer)
    assert composer.post_work_button.text() == "Post to Work"  # not "Sending…"


def test_removing_a_failed_account_ends_its_row_and_takes_it_out_of_retry(
        qtbot, make_composer):
    from tests.ui.fakes import sample_accounts

    composer = make_composer(poster=FakePoster(fail={2}))
    composer.accounts.set_ticked([1, 2])
    type_into(qtbot, composer, "The new issue is out")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    assert composer.delivery.retry_button.isVisibleTo(composer)
    composer.set_accounts([a for a in sample_accounts() if a.id != 2])  # removed elsewhere
    row = composer.delivery.rows[2]
    assert "removed from Twofold" in row.state_label.text()
    assert not composer.delivery.retry_button.isVisibleTo(composer)
    assert composer.delivery.retryable_ids() == []


def test_cancel_stops_a_send_that_has_not_gone_out(qtbot, make_composer):
    gate = threading.Event()
    poster = FakePoster(gate=gate)
    composer = make_composer(poster=poster)
    composer.accounts.set_ticked([1, 2])
    type_into(qtbot, composer, "Slow server day")
    wait_checked(qtbot, composer)
    qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    cancel = composer.delivery.cancel_button
    assert cancel.isVisibleTo(composer) and cancel.isEnabled()
    with qtbot.waitSignal(composer.delivery_finished, timeout=3000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    gate.set()
    rows = composer.delivery.rows
    assert {r.state for r in rows.values()} == {DeliveryState.FAILED}
    assert all("Cancelled" in r.state_label.text() for r in rows.values())
    assert poster.delivered == []
    assert not composer.posting and not cancel.isVisibleTo(composer)
    assert composer.delivery.retry_button.isVisibleTo(composer)  # retry sends it later
    assert composer.text() == "Slow server day"  # the draft is kept


def test_cancel_with_a_request_on_the_wire_lets_the_user_go_on_and_says_it_is_unsure(
        qtbot, make_composer):
    gate = threading.Event()
    poster = FakePoster(gate=gate, hung=True)  # the server holds the request
    composer = make_composer(poster=poster)
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "Hung server")
    wait_checked(qtbot, composer)
    qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: composer.delivery.rows[1].state == DeliveryState.SENDING,
                    timeout=3000)
    started = time.monotonic()
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        composer.cancel_sending()
    assert time.monotonic() - started < 4  # bounded: the grace, not the server's timeout
    row = composer.delivery.rows[1]
    assert row.state == DeliveryState.UNKNOWN
    assert "checks with the network" in row.state_label.text()
    assert not composer.posting
    # The request did land in the end: the report corrects itself, nothing is sent twice.
    gate.set()
    qtbot.waitUntil(lambda: row.state == DeliveryState.SENT, timeout=5000)
    assert poster.delivered == [(1, "Hung server")]


def test_check_as_defaults_to_the_users_own_network_and_never_changes_under_them(
        qtbot, make_composer):
    from app.core.model import Account

    only_bluesky = [Account(Network.BLUESKY, "dana.work.example", Persona.WORK, id=1),
                    Account(Network.BLUESKY, "dana.example", Persona.PERSONAL, id=3)]
    composer = make_composer(accounts=only_bluesky)
    assert composer.check_as_target().network is Network.BLUESKY  # not X, which has none
    assert composer.check_as_network.itemData(0) == Network.BLUESKY
    assert "you have 2" in composer.check_as_network.itemText(0)

    # The user picks Mastodon; new accounts and a post leave that choice alone.
    index = composer.check_as_network.findData(Network.MASTODON)
    composer.check_as_network.setCurrentIndex(index)
    composer.check_as_network.activated.emit(index)
    composer.set_accounts(only_bluesky + [
        Account(Network.X, "danadoes", Persona.PERSONAL, id=4)])
    assert composer.check_as_target().network is Network.MASTODON
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "New issue")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    assert composer.accounts.ticked() == []  # unticked after sending, as always
    assert composer.check_as_target().network is Network.MASTODON


def test_without_accounts_the_draft_is_checked_for_a_network_twofold_posts_to(
        qtbot, make_composer):
    composer = make_composer(accounts=[])
    assert composer.check_as_target().network is Network.BLUESKY


def test_an_overridden_block_is_shown_as_overridden_not_as_blocking(
        qtbot, make_composer, answers):
    composer = make_composer(checker=FakeChecker(overridable=frozenset({"confidential.term"})))
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "Project Falcon is announced today")
    wait_checked(qtbot, composer)
    assert "1 blocking" in composer.findings.summary_label.text()
    answers.override_reason = "Announced publicly by the CEO this morning"
    qtbot.mouseClick(card_for(composer, "confidential.term").override_button,
                     Qt.MouseButton.LeftButton)
    summary = composer.findings.summary_label.text()
    assert "blocking" not in summary.replace("overridden", "")
    assert "1 overridden with your reason" in summary
    card = card_for(composer, "confidential.term")
    assert "overridden with your reason" in card.severity_label.text()
    assert composer.post_work_button.isEnabled()


def test_applied_fix_message_goes_away_after_undo(qtbot, make_composer):
    composer = make_composer()
    messages: list[str] = []
    composer.status.connect(messages.append)
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "Acme sale")
    wait_checked(qtbot, composer)
    qtbot.mouseClick(card_for(composer, "disclosure.missing").fix_buttons[0],
                     Qt.MouseButton.LeftButton)
    assert messages[-1].startswith("Applied: Insert")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert composer.text() == "Acme sale"
    assert messages[-1] == ""  # the status bar no longer claims the fix is applied


def test_an_old_posting_report_does_not_stand_next_to_a_new_not_posted(
        qtbot, make_composer, answers):
    composer = make_composer()
    messages: list[str] = []
    composer.status.connect(messages.append)
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "First post")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    assert composer.delivery.title.text() == "Posted to the account."
    composer.accounts.set_ticked([3])  # personal: always confirmed
    type_into(qtbot, composer, "Second thought")
    wait_checked(qtbot, composer)
    answers.confirm = False
    qtbot.mouseClick(composer.post_personal_button, Qt.MouseButton.LeftButton)
    assert messages[-1].startswith("Not posted")
    assert not composer.delivery.isVisible()


def test_when_no_browser_opens_the_post_the_window_says_so_and_offers_copy_link(
        qtbot, runner, answers):
    from PySide6.QtGui import QGuiApplication

    from app.ui.composer import ComposerWidget
    from tests.ui.fakes import sample_accounts

    tried: list[str] = []

    def no_browser(url: str) -> bool:
        tried.append(url)
        return False

    composer = ComposerWidget(FakeChecker(), runner, drafts=FakeDrafts(), poster=FakePoster(),
                              open_url=no_browser, confirm=answers.ask_confirmation,
                              ask_override=answers.ask_override, image_picker=lambda p: None)
    qtbot.addWidget(composer)
    composer.set_accounts(sample_accounts())
    composer.show()
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "Out now")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    messages: list[str] = []
    composer.status.connect(messages.append)
    qtbot.mouseClick(composer.delivery.rows[1].link_button, Qt.MouseButton.LeftButton)
    fallback = composer.delivery.link_fallback
    assert tried == ["https://example.test/1/1"]
    assert fallback.isVisibleTo(composer) and "No web browser opened" in fallback.label.text()
    assert "https://example.test/1/1" in fallback.label.text()
    assert "Copy link" in messages[-1]
    qtbot.mouseClick(fallback.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "https://example.test/1/1"


def test_a_failed_sign_in_offers_reconnect_for_that_account(qtbot, make_composer):
    composer = make_composer(poster=FakePoster(signed_out={1}, fail={2}))
    asked: list = []
    composer.reconnect_requested.connect(asked.append)
    composer.accounts.set_ticked([1, 2])
    type_into(qtbot, composer, "Hello")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    rows = composer.delivery.rows
    assert rows[1].reconnect_button.isVisibleTo(composer)
    assert not rows[2].reconnect_button.isVisibleTo(composer)  # a server error: just retry
    qtbot.mouseClick(rows[1].reconnect_button, Qt.MouseButton.LeftButton)
    assert [a.id for a in asked] == [1]


def write_photo(path, size=(300, 200)):
    from PIL import Image

    Image.new("RGB", size, (200, 40, 40)).save(path)
    return path


def test_dropped_image_files_are_attached_with_a_thumbnail_and_a_description_asked_for(
        qtbot, make_composer, tmp_path):
    from PySide6.QtCore import QMimeData, QUrl

    composer = make_composer()
    described: list[str] = []

    def describe(parent, image):
        described.append(image.path.name)
        return "A red square, our new logo"

    composer._describe_image = describe
    composer.accounts.set_ticked([1])
    type_into(qtbot, composer, "Our new logo")
    photo = write_photo(tmp_path / "logo.png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    assert composer.editor.canInsertFromMimeData(mime)
    composer.editor.insertFromMimeData(mime)  # what a drop or a paste of the file does
    assert [i.path for i in composer.images] == [photo]
    assert composer.text() == "Our new logo"  # no file address pasted into the text
    chip = composer.images_layout.itemAt(0).widget()
    assert not chip.icon().isNull()  # a thumbnail of the picture
    wait_checked(qtbot, composer)
    card = card_for(composer, "accessibility.alt_text")
    qtbot.mouseClick(card.fix_buttons[0], Qt.MouseButton.LeftButton)
    assert described == ["logo.png"]
    assert composer.images[0].alt_text == "A red square, our new logo"
    wait_checked(qtbot, composer)
    assert composer.finding_for("accessibility.alt_text") is None


def test_a_pasted_picture_is_saved_and_attached(qtbot, runner, answers, tmp_path):
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QColor, QImage

    from app.ui.composer import ComposerWidget

    folder = tmp_path / "pasted"
    folder.mkdir()
    composer = ComposerWidget(FakeChecker(), runner, drafts=FakeDrafts(), poster=FakePoster(),
                              confirm=answers.ask_confirmation,
                              ask_override=answers.ask_override, image_picker=lambda p: None,
                              pasted_images_dir=lambda: folder)
    qtbot.addWidget(composer)
    picture = QImage(64, 32, QImage.Format.Format_RGB32)
    picture.fill(QColor("green"))
    mime = QMimeData()
    mime.setImageData(picture)
    composer.editor.insertFromMimeData(mime)
    [image] = composer.images
    assert image.path.parent == folder and image.path.suffix == ".png"
    assert QImage(str(image.path)).size() == picture.size()


def test_the_confirmation_shows_the_attached_images(qtbot, make_composer, answers, tmp_path):
    from app.core.model import ImageAttachment
    from app.ui.dialogs.confirm import ConfirmDialog, confirmation_reasons

    composer = make_composer()
    composer.images = [ImageAttachment(write_photo(tmp_path / "cover.jpg"), "The cover")]
    composer._show_images()
    composer.accounts.set_ticked([1])  # a work account: only the image makes it ask
    type_into(qtbot, composer, "Out now")
    wait_checked(qtbot, composer)
    qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    [request] = answers.confirmations
    assert [i.path.name for i in request.images] == ["cover.jpg"]
    assert any("image is attached" in r for r in confirmation_reasons(request))
    dialog = ConfirmDialog(request)
    qtbot.addWidget(dialog)
    assert not dialog.thumbnails[0].pixmap().isNull()
    assert "The cover" in dialog.thumbnails[0].accessibleName()


def test_previews_show_the_attached_images(qtbot, make_composer, tmp_path):
    from app.core.model import ImageAttachment

    composer = make_composer()
    composer.accounts.set_ticked([1, 2])
    type_into(qtbot, composer, "Our cover")
    composer.images = [ImageAttachment(write_photo(tmp_path / "cover.png"), "The cover")]
    composer._images_changed()
    wait_checked(qtbot, composer)
    cards = list(composer.previews.cards.values())
    assert len(cards) == 2  # Bluesky and Mastodon
    for card in cards:
        [thumb] = card.thumbnails
        assert not thumb.pixmap().isNull() and thumb.toolTip() == "The cover"
