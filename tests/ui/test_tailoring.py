"""The composer's per-network texts ("Customise for …") and threads ("Split into a thread"):
each preview counts and checks its own text, a variant's findings are highlighted in its own
editor, drafts keep both, and Post sends them."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from app.core.model import Account, Network, Persona
from tests.ui.conftest import wait_checked
from tests.ui.fakes import FakeDrafts, FakePoster
from tests.ui.test_composer import highlighted_texts, type_into

SENTENCE = "Our team shipped the new release today and it fixes the sync bug. "


class RecordingPoster(FakePoster):
    """The fake poster, keeping the drafts it was handed."""

    def __init__(self) -> None:
        super().__init__()
        self.drafts: list = []

    def post(self, draft, accounts, **kwargs):  # noqa: ANN001, ANN003, ANN201
        self.drafts.append(dataclasses.replace(draft))
        return super().post(draft, accounts, **kwargs)


def click(qtbot, button) -> None:  # noqa: ANN001
    # A card's buttons are shown when Qt lays the new card out: click them once they are.
    qtbot.waitUntil(button.isVisible)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def card(qtbot, composer, network: Network):  # noqa: ANN001, ANN201
    qtbot.waitUntil(lambda: composer.previews.card_for(network) is not None)
    return composer.previews.card_for(network)


def test_customise_for_mastodon_checks_counts_and_highlights_its_own_text(
        qtbot, make_composer):
    drafts = FakeDrafts()
    composer = make_composer(drafts=drafts)
    composer.accounts.set_ticked([1, 2])  # Work Bluesky and Work Mastodon
    type_into(qtbot, composer, "Release notes are up")
    wait_checked(qtbot, composer)
    mastodon = card(qtbot, composer, Network.MASTODON)
    bluesky = card(qtbot, composer, Network.BLUESKY)
    assert bluesky.customise_button.text() == "Customise for Bluesky"

    click(qtbot, mastodon.customise_button)
    editor = composer.previews.variant_editor(Network.MASTODON)
    assert editor is not None and editor.toPlainText() == "Release notes are up"  # prefilled
    assert mastodon.main_text_button.isVisible() and not mastodon.customise_button.isVisible()
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "Longer notes for Mastodon about Project Falcon")
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round)
                    and composer.finding_for("confidential.term") is not None)

    # The finding is the Mastodon account's only, marked in the Mastodon text, not the main.
    shown = next(s for s in composer.shown_findings()
                 if s.finding.rule == "confidential.term")
    assert [slot.account.id for slot in shown.slots] == [2]
    assert "Project Falcon" in [s.cursor.selectedText() for s in editor.extraSelections()]
    assert highlighted_texts(composer) == []
    # Each preview counts its own text.
    variant = "Longer notes for Mastodon about Project Falcon"
    assert mastodon.counter_label.text().startswith(f"{len(variant)} / 300")
    assert bluesky.counter_label.text().startswith(f"{len('Release notes are up')} / 300")
    assert mastodon.text_label.text() == variant
    # Autosaved with the draft.
    qtbot.waitUntil(lambda: any(d.variants.get("mastodon") == variant
                                for d in drafts.drafts.values()), timeout=3000)

    # Its fix edits the Mastodon text, never the main one.
    finding_card = next(c for c in composer.findings.cards
                        if c.finding.rule == "confidential.term")
    click(qtbot, finding_card.fix_buttons[0])
    qtbot.waitUntil(lambda: editor.toPlainText() == "Longer notes for Mastodon about ")
    assert composer.text() == "Release notes are up"

    click(qtbot, mastodon.main_text_button)  # "Use main text"
    qtbot.waitUntil(lambda: composer.previews.variant_editor(Network.MASTODON) is None)
    assert "mastodon" not in composer.draft.variants
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round)
                    and mastodon.text_label.text() == "Release notes are up")


def test_post_sends_each_network_its_text_and_a_reopened_draft_keeps_it(
        qtbot, make_composer):
    poster = RecordingPoster()
    drafts = FakeDrafts()
    composer = make_composer(poster=poster, drafts=drafts)
    composer.accounts.set_ticked([1, 2])
    type_into(qtbot, composer, "Main words")
    wait_checked(qtbot, composer)
    click(qtbot, card(qtbot, composer, Network.BLUESKY).customise_button)
    editor = composer.previews.variant_editor(Network.BLUESKY)
    editor.selectAll()
    qtbot.keyClicks(editor, "Sky words")
    qtbot.waitUntil(lambda: composer.draft.variants.get("bluesky") == "Sky words")
    saved = composer.save_now()
    assert saved is not None

    # Opening another draft and this one again shows its Bluesky text.
    composer.new_draft()
    assert composer.previews.variant_editor(Network.BLUESKY) is None
    composer.open_draft(drafts.drafts[saved.id])
    composer.accounts.set_ticked([1, 2])
    wait_checked(qtbot, composer)
    # The card (and its editor) appear when Qt lays the new cards out.
    qtbot.waitUntil(lambda: composer.previews.variant_editor(Network.BLUESKY) is not None)
    reopened = composer.previews.variant_editor(Network.BLUESKY)
    assert reopened.toPlainText() == "Sky words"

    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        click(qtbot, composer.post_work_button)
    [posted] = poster.drafts
    assert posted.text == "Main words" and posted.variants == {"bluesky": "Sky words"}


def test_split_into_a_thread_previews_post_by_post_and_posts_as_a_thread(
        qtbot, make_composer):
    poster = RecordingPoster()
    composer = make_composer(poster=poster)
    composer.accounts.set_ticked([1])  # Work Bluesky: 300 graphemes
    text = (SENTENCE * 7).strip()  # about 460 characters
    composer.editor.setPlainText(text)
    wait_checked(qtbot, composer)
    bluesky = card(qtbot, composer, Network.BLUESKY)
    qtbot.waitUntil(lambda: bluesky.thread_button.isVisible())
    assert bluesky.thread_button.text() == "Split into a thread"
    assert "over the limit" in bluesky.counter_label.text()

    click(qtbot, bluesky.thread_button)
    qtbot.waitUntil(lambda: len(bluesky.part_labels) == 2)
    labels = [label.text() for label in bluesky.part_labels]
    assert labels[0].startswith("Post 1 of 2:\n") and labels[0].endswith(" (1/2)")
    assert labels[1].startswith("Post 2 of 2:\n") and labels[1].endswith(" (2/2)")
    assert all(len(label.split("\n", 1)[1]) <= 300 for label in labels)
    assert bluesky.thread_button.text() == "Post as one post"

    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        click(qtbot, composer.post_work_button)
    [posted] = poster.drafts
    assert posted.thread_networks == ["bluesky"]


def test_post_as_one_post_undoes_the_split(qtbot, make_composer):
    composer = make_composer()
    composer.accounts.set_ticked([1])
    composer.editor.setPlainText((SENTENCE * 7).strip())
    wait_checked(qtbot, composer)
    bluesky = card(qtbot, composer, Network.BLUESKY)
    qtbot.waitUntil(lambda: bluesky.thread_button.isVisible())
    click(qtbot, bluesky.thread_button)
    qtbot.waitUntil(lambda: len(bluesky.part_labels) == 2)
    click(qtbot, bluesky.thread_button)
    qtbot.waitUntil(lambda: not bluesky.part_labels and bluesky.text_label.isVisible())
    assert composer.draft.thread_networks == []


def test_a_network_without_threads_is_not_offered_a_split(qtbot, make_composer):
    linkedin = Account(Network.LINKEDIN, "dana-at-acme", Persona.WORK, id=9)
    composer = make_composer(accounts=[linkedin])
    composer.accounts.set_ticked([9])
    composer.editor.setPlainText((SENTENCE * 7).strip())  # over the fake's 300
    wait_checked(qtbot, composer)
    preview = card(qtbot, composer, Network.LINKEDIN)
    qtbot.waitUntil(lambda: "over the limit" in preview.counter_label.text())
    # A shorter LinkedIn text is the way out (shown once Qt lays the card out).
    qtbot.waitUntil(preview.customise_button.isVisible)
    assert not preview.thread_button.isVisible()


def test_the_confirmation_shows_the_text_each_account_really_gets(
        qtbot, make_composer, answers):
    from app.ui.dialogs.confirm import ConfirmDialog

    poster = RecordingPoster()
    composer = make_composer(poster=poster)
    composer.accounts.set_ticked([3, 4])  # Personal Bluesky and Personal X: always asked
    main = (SENTENCE * 7).strip()  # about 460 characters: over both limits
    composer.editor.setPlainText(main)
    wait_checked(qtbot, composer)
    bluesky = card(qtbot, composer, Network.BLUESKY)
    qtbot.waitUntil(lambda: bluesky.thread_button.isVisible())
    click(qtbot, bluesky.thread_button)
    qtbot.waitUntil(lambda: len(bluesky.part_labels) == 2)
    click(qtbot, card(qtbot, composer, Network.X).customise_button)
    editor = composer.previews.variant_editor(Network.X)
    editor.selectAll()
    qtbot.keyClicks(editor, "Shipped today: the sync fix.")
    qtbot.waitUntil(lambda: composer.draft.variants.get("x") == "Shipped today: the sync fix."
                    and composer.post_personal_button.isEnabled())

    answers.confirm = False
    click(qtbot, composer.post_personal_button)
    qtbot.waitUntil(lambda: bool(answers.confirmations))
    [request] = answers.confirmations
    assert poster.drafts == []  # said no: nothing sent
    dialog = ConfirmDialog(request)
    qtbot.addWidget(dialog)
    dialog.show()
    [(thread_heading, parts), (own_heading, [own])] = dialog.shown_deliveries
    assert "dana.example" in thread_heading
    assert "a thread of 2 posts" in thread_heading
    assert parts[0].endswith(" (1/2)") and parts[1].endswith(" (2/2)")
    assert all(len(part) <= 300 for part in parts)
    # The parts are the main text, cut where the split cuts it, nothing lost.
    assert " ".join(p.rsplit(" (", 1)[0] for p in parts).split() == main.split()
    assert "danadoes" in own_heading and "own text" in own_heading
    assert own == "Shipped today: the sync fix."
    shown = [label.text() for label in dialog.post_labels]
    assert shown == [*parts, own]
    assert main not in shown  # the main text as one post goes to nobody here
    assert dialog.post_labels[1].accessibleName().startswith("Post 2 of 2 for ")
    # A long thread scrolls inside the dialog instead of growing it.
    assert dialog.posts_area.maximumHeight() <= 320


def test_the_confirmation_names_who_gets_the_main_text(qtbot):
    from app.ui.dialogs.confirm import ConfirmDialog, ConfirmRequest, group_deliveries
    from tests.ui.fakes import sample_accounts

    accounts = sample_accounts()
    long_text = "word " * 400
    request = ConfirmRequest(accounts[2:5], text=long_text, deliveries=group_deliveries([
        (accounts[2], long_text, ()), (accounts[3], "Short for X", ()),
        (accounts[4], long_text, ())]))
    dialog = ConfirmDialog(request)
    qtbot.addWidget(dialog)
    [(main_heading, [main]), (x_heading, [x_text])] = dialog.shown_deliveries
    assert "get the main text" in main_heading
    assert "dana.example" in main_heading and "acme@acme.social" in main_heading
    assert main == long_text  # the whole text, never cut
    assert x_text == "Short for X"
    # Every account gets the main text: no headings, just the post.
    plain = ConfirmDialog(ConfirmRequest(accounts[2:4], text="Hi"))
    qtbot.addWidget(plain)
    assert plain.shown_deliveries == [("", ["Hi"])]
    assert plain.text_label.text() == "Hi"
