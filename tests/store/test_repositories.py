"""Accounts, drafts, outbox and history as the app and the posting engine use them."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.core.model import (
    Account,
    Draft,
    ImageAttachment,
    Network,
    OutboxState,
    Owner,
    Persona,
)
from app.store.errors import (
    AccountExistsError,
    DraftInUseError,
    InvalidAccountError,
    InvalidTransitionError,
    NotFoundError,
    OwnerChangeRefused,
    PersonaChangeNeedsConfirmation,
    PersonaChangeRefused,
)
from app.store.outbox import INTERRUPTED_MESSAGE


def _work(store, handle="acme.bsky.social", owner=Owner.EMPLOYER, network=Network.BLUESKY,
          server=""):
    return store.accounts.add(Account(network, handle, Persona.WORK, owner, server=server))


def _personal(store, handle="me.bsky.social", network=Network.BLUESKY, server=""):
    return store.accounts.add(Account(network, handle, Persona.PERSONAL, server=server))


# --- accounts --------------------------------------------------------------------------------


def test_accounts_are_grouped_as_two_identities_with_several_per_network(store):
    a = _work(store, "acme.bsky.social")
    b = _work(store, "me-at-work.bsky.social", owner=Owner.SELF)
    c = _personal(store, "me.bsky.social")
    d = _personal(store, "me", network=Network.MASTODON, server="https://mastodon.social")
    grouped = store.accounts.by_persona()
    assert {x.id for x in grouped[Persona.WORK]} == {a.id, b.id}
    assert {x.id for x in grouped[Persona.PERSONAL]} == {c.id, d.id}
    assert [x.id for x in store.accounts.list(network=Network.MASTODON)] == [d.id]
    assert [x.id for x in store.accounts.list(owner=Owner.EMPLOYER)] == [a.id]


def test_account_details_round_trip_and_handles_are_normalised(store):
    saved = store.accounts.add(Account(
        Network.MASTODON, "  @Me ", Persona.PERSONAL, server="Mastodon.Social/",
        display_name="Me, at home", colour="#A1B2C3", avatar_path=Path("/cache/me.png"),
        settings={"visibility": "unlisted"}))
    loaded = store.accounts.get(saved.id)
    assert loaded.handle == "Me"
    assert loaded.server == "https://mastodon.social"
    assert loaded.colour == "#a1b2c3"
    assert loaded.avatar_path == Path("/cache/me.png")
    assert loaded.settings == {"visibility": "unlisted"}
    assert loaded.shown_colour == "#a1b2c3"
    # The same account, written differently, is found and cannot be added twice.
    assert store.accounts.find(Network.MASTODON, "@me", "https://mastodon.social").id == saved.id
    with pytest.raises(AccountExistsError, match="already connected"):
        store.accounts.add(Account(Network.MASTODON, "ME", Persona.WORK,
                                   server="https://mastodon.social"))


@pytest.mark.parametrize("bad", [
    Account(Network.X, "", Persona.WORK),
    Account(Network.X, "two words", Persona.WORK),
    Account(Network.MASTODON, "me", Persona.WORK, server="ftp://example.org"),
    Account(Network.X, "me", Persona.WORK, colour="blue"),
    Account(Network.X, "me", Persona.WORK, settings={"access_token": "abc"}),
])
def test_bad_account_details_are_refused_with_a_reason(store, bad):
    with pytest.raises(InvalidAccountError):
        store.accounts.add(bad)
    assert store.accounts.list() == []


def test_an_employer_owned_account_cannot_be_personal(store):
    with pytest.raises(PersonaChangeRefused, match="employer"):
        store.accounts.add(Account(Network.X, "brand", Persona.PERSONAL, Owner.EMPLOYER))
    brand = _work(store, "brand", network=Network.X)
    with pytest.raises(PersonaChangeRefused, match="employer"):
        store.accounts.set_persona(brand.id, Persona.PERSONAL, confirm=True)
    brand.owner = Owner.SELF
    with pytest.raises(OwnerChangeRefused):
        store.accounts.update(brand)
    assert store.accounts.get(brand.id).persona is Persona.WORK
    assert store.accounts.get(brand.id).owner is Owner.EMPLOYER


def test_changing_a_persona_needs_confirmation(store):
    mine = _personal(store)
    with pytest.raises(PersonaChangeNeedsConfirmation, match="confirm"):
        store.accounts.set_persona(mine.id, Persona.WORK)
    assert store.accounts.get(mine.id).persona is Persona.PERSONAL
    moved = store.accounts.set_persona(mine.id, Persona.WORK, confirm=True)
    assert moved.persona is Persona.WORK
    assert store.accounts.get(mine.id).persona is Persona.WORK
    # update() cannot slip a persona change past the confirmation.
    moved.persona = Persona.PERSONAL
    with pytest.raises(PersonaChangeNeedsConfirmation):
        store.accounts.update(moved)


def test_a_managed_accounts_persona_cannot_be_changed(store):
    managed = store.accounts.add(Account(Network.BLUESKY, "me.acme.com", Persona.WORK,
                                         managed=True))
    with pytest.raises(PersonaChangeRefused, match="organisation"):
        store.accounts.set_persona(managed.id, Persona.PERSONAL, confirm=True)


def test_update_changes_display_details_but_not_identity(store):
    mine = _personal(store)
    mine.display_name = "New name"
    mine.colour = "#00ff00"
    mine.settings = {"max_chars": "500"}
    store.accounts.update(mine)
    loaded = store.accounts.get(mine.id)
    assert (loaded.display_name, loaded.colour, loaded.settings) == (
        "New name", "#00ff00", {"max_chars": "500"})
    assert loaded.check_target().max_chars == 500
    loaded.handle = "someone-else.bsky.social"
    with pytest.raises(InvalidAccountError, match="cannot be changed"):
        store.accounts.update(loaded)


def test_removing_an_account_keeps_drafts_text_and_history(store):
    gone = _work(store)
    stays = _personal(store)
    draft = store.drafts.save(Draft("hello", target_account_ids=[gone.id, stays.id]))
    store.history.record(gone, "posted earlier", remote_id="r1")
    removed = store.accounts.remove(gone.id)
    assert removed.handle == gone.handle
    with pytest.raises(NotFoundError):
        store.accounts.get(gone.id)
    again = store.drafts.get(draft.id)
    assert again.text == "hello" and again.target_account_ids == [stays.id]
    [entry] = store.history.list()
    assert entry.account_id is None and entry.handle == gone.handle


# --- drafts ----------------------------------------------------------------------------------


def test_autosave_upserts_and_restores_the_latest_unsent_draft(store):
    account = _personal(store)
    draft = Draft("Hel")
    store.drafts.autosave(draft)
    first_id = draft.id
    draft.text = "Hello wor"
    draft.images = [ImageAttachment(Path("/pics/cat.jpg"), "A cat on a mat")]
    draft.target_account_ids = [account.id, account.id, 999]
    store.drafts.autosave(draft)
    assert draft.id == first_id
    assert draft.target_account_ids == [account.id]  # duplicates and unknown ids dropped
    restored = store.drafts.latest_unsent()
    assert restored == draft
    assert len(store.drafts.list()) == 1


def test_saving_a_draft_deleted_elsewhere_brings_it_back(store):
    draft = store.drafts.save(Draft("first"))
    store.drafts.delete(draft.id)
    draft.text = "still typing"
    store.drafts.autosave(draft)
    assert store.drafts.get(draft.id).text == "still typing"


def test_odd_unicode_and_huge_pastes_survive_exactly(store):
    text = ("Z\u0351\u0364a\u0310l\u0308g\u0346o \U0001F469\u200D\U0001F4BB \u202Eevil\u202C "
            "\ufeff\x00 nul " + "\U0001F600" * 1000 + "x" * 2_000_000)
    draft = store.drafts.save(Draft(text))
    assert store.drafts.get(draft.id).text == text


def test_sent_or_queued_drafts_are_not_restored(store):
    account = _personal(store)
    older = store.drafts.save(Draft("older, still a draft"))
    queued = store.drafts.save(Draft("queued for posting", target_account_ids=[account.id]))
    store.outbox.create_entries(queued.id, [account.id])
    assert store.drafts.latest_unsent().id == older.id
    store.drafts.mark_sent(older.id)
    assert store.drafts.latest_unsent() is None
    assert store.drafts.list() == [queued]  # listing hides only the sent one
    assert {d.id for d in store.drafts.list(include_sent=True)} == {older.id, queued.id}
    assert store.drafts.get(older.id).sent_at is not None


def test_a_draft_being_posted_cannot_be_deleted(store):
    account = _personal(store)
    draft = store.drafts.save(Draft("going out"))
    [entry] = store.outbox.create_entries(draft.id, [account.id])
    with pytest.raises(DraftInUseError):
        store.drafts.delete(draft.id)
    store.outbox.claim(entry.id)
    store.outbox.mark_sent(entry.id, "r", "u")
    store.drafts.delete(draft.id)
    with pytest.raises(NotFoundError):
        store.drafts.get(draft.id)
    assert store.history.list()[0].text == "going out"


# --- outbox ----------------------------------------------------------------------------------


def test_outbox_entries_are_created_before_sending_and_only_once(store):
    work = _work(store)
    mine = _personal(store)
    draft = store.drafts.save(Draft("Launch day!", images=[ImageAttachment(Path("/a.png"), "A")]))
    entries = store.outbox.create_entries(draft.id, [work.id, mine.id],
                                          override_reasons={mine.id: "it is my own launch"})
    assert [e.state for e in entries] == [OutboxState.QUEUED] * 2
    assert len({e.idempotency_key for e in entries}) == 2
    assert entries[1].override_reason == "it is my own launch"
    assert entries[0].text == "Launch day!" and entries[0].images[0].alt_text == "A"
    again = store.outbox.create_entries(draft.id, [work.id])  # a double click
    assert again[0].id == entries[0].id
    assert again[0].idempotency_key == entries[0].idempotency_key
    assert len(store.outbox.entries_for_draft(draft.id)) == 2
    assert store.outbox.get_by_key(entries[0].idempotency_key).id == entries[0].id
    # The text is frozen: editing the draft afterwards does not change what goes out.
    draft.text = "edited after queuing"
    store.drafts.save(draft)
    assert store.outbox.get(entries[0].id).text == "Launch day!"


def test_outbox_state_machine_counts_attempts_and_records_history(store):
    work = _work(store)
    draft = store.drafts.save(Draft("Big news"))
    [entry] = store.outbox.create_entries(draft.id, [work.id], override_reasons={
        work.id: "approved by comms"})
    claimed = store.outbox.claim(entry.id)
    assert claimed.state is OutboxState.SENDING and claimed.attempts == 1
    assert store.outbox.claim(entry.id) is None  # nobody else can take it
    store.outbox.mark_failed(entry.id, "Bluesky is down (HTTP 503)")
    assert store.outbox.list_by_state(OutboxState.FAILED)[0].last_error.startswith("Bluesky")
    with pytest.raises(InvalidTransitionError):
        store.outbox.mark_unknown(entry.id, "x")  # only a request in flight can be unknown
    # (failed → sent is allowed: found on the server when checked before a resend)
    store.outbox.requeue(entry.id)
    assert store.outbox.get(entry.id).last_error == ""
    store.outbox.claim(entry.id)
    store.outbox.mark_unknown(entry.id, "timed out")
    sent = store.outbox.mark_sent(entry.id, "at://did/post/1", "https://bsky.app/post/1")
    assert (sent.state, sent.attempts, sent.remote_id) == (OutboxState.SENT, 2, "at://did/post/1")
    [history] = store.history.list()
    assert (history.text, history.url, history.override_reason, history.persona) == (
        "Big news", "https://bsky.app/post/1", "approved by comms", Persona.WORK)
    with pytest.raises(InvalidTransitionError):
        store.outbox.requeue(entry.id)  # sent is final: never posted twice
    assert len(store.history.list()) == 1


def test_entries_left_sending_by_a_crash_become_unknown(store):
    work = _work(store)
    draft = store.drafts.save(Draft("x"))
    [entry] = store.outbox.create_entries(draft.id, [work.id])
    store.outbox.claim(entry.id)
    [recovered] = store.outbox.recover_interrupted()
    assert recovered.id == entry.id and recovered.state is OutboxState.UNKNOWN
    assert recovered.last_error == INTERRUPTED_MESSAGE
    assert store.outbox.list_by_state(OutboxState.SENDING) == []


def test_unknown_drafts_and_accounts_are_refused_by_the_outbox(store):
    work = _work(store)
    with pytest.raises(NotFoundError):
        store.outbox.create_entries(404, [work.id])
    draft = store.drafts.save(Draft("x"))
    with pytest.raises(NotFoundError):
        store.outbox.create_entries(draft.id, [work.id, 404])
    assert store.outbox.entries_for_draft(draft.id) == []  # all or nothing


def test_worker_threads_can_claim_concurrently_but_each_entry_only_once(store):
    accounts = [_personal(store, f"user{n}.bsky.social") for n in range(10)]
    draft = store.drafts.save(Draft("to everyone"))
    entries = store.outbox.create_entries(draft.id, [a.id for a in accounts])
    claims: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            for entry in entries:
                if store.outbox.claim(entry.id) is not None:
                    with lock:
                        claims.append(entry.id)
                    store.outbox.mark_sent(entry.id, f"r{entry.id}")
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(claims) == sorted(e.id for e in entries)
    assert len(store.history.list()) == len(entries)


# --- history ---------------------------------------------------------------------------------


def test_recent_history_feeds_the_frequency_and_duplicate_rules(store):
    work = _work(store)
    now = datetime.now(UTC)
    store.history.record(work, "three days ago", posted_at=now - timedelta(days=3))
    store.history.record(work, "an hour ago", posted_at=now - timedelta(hours=1),
                         override_reason="cleared with legal")
    store.history.record(work, "just now", remote_id="r", url="https://b/1")
    recent = store.history.recent(now - timedelta(days=1))
    assert [e.text for e in recent] == ["just now", "an hour ago"]
    assert recent[1].override_reason == "cleared with legal"
    assert all(e.posted_at.tzinfo is not None for e in recent)
    assert [e.text for e in store.history.list(limit=2, offset=1)] == ["an hour ago",
                                                                      "three days ago"]
    with pytest.raises(ValueError):
        store.history.recent(datetime(2024, 1, 1))  # naive times are a programming error
