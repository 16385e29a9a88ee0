"""Reading suggestions feeds (RSS, Atom, JSON Feed) from a server on 127.0.0.1 and refreshing
the inbox: conditional GETs, errors, huge and malformed feeds, HTML, duplicates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.core.suggestions import INLINE_SOURCE, SuggestionState, plain_text
from app.networks.suggestion_feed import (
    FeedError,
    fetch_feed,
    parse_feed,
    refresh_suggestions,
)
from app.store.errors import ManagedConfigError
from app.store.managed import load_managed_setup
from app.store.store import Store
from tests.feed_server import FeedServer, atom, atom_entry, json_feed, rss, rss_item

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def test_rss_items_become_plain_text_suggestions_with_partner_dates_and_images() -> None:
    body = rss(rss_item(
        "spring-1", "Spring <issue>", "<p>Our <b>spring</b> issue &amp; more</p>"
        "<script>track()</script><p>Out now</p>", "https://acmemag.example/spring",
        "<twofold:partner>Brightside</twofold:partner><twofold:until>2026-12-31"
        "</twofold:until><enclosure url='https://acmemag.example/c.jpg' type='image/jpeg' "
        "length='9'/>"))
    [item] = parse_feed(body.encode())
    assert item.key == "spring-1"
    assert item.title == "Spring <issue>"
    assert item.text == "Our spring issue & more\n\nOut now"
    assert "track" not in item.text
    assert item.link == "https://acmemag.example/spring"
    assert item.partner == "Brightside"
    assert item.images == ("https://acmemag.example/c.jpg",)
    assert item.ends_at == datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)


def test_atom_and_json_feed_read_the_same_fields() -> None:
    [entry] = parse_feed(atom(atom_entry(
        "urn:acme:1", "Winter", "<div>Winter<br/>sale</div>", "https://acmemag.example/w",
        "<twofold:partner>Brightside Cosmetics</twofold:partner>"
        "<twofold:from>2026-12-01</twofold:from>")).encode())
    assert (entry.key, entry.text, entry.partner) == ("urn:acme:1", "Winter\nsale",
                                                       "Brightside Cosmetics")
    assert entry.starts_at == datetime(2026, 12, 1, tzinfo=UTC)
    [item] = parse_feed(json_feed({
        "id": "j1", "title": "Gala", "content_html": "<p>Join us at the <em>gala</em></p>",
        "url": "https://acmemag.example/gala", "image": "https://acmemag.example/g.png",
        "_twofold": {"partner": "Brightside", "until": "2026-12-24T18:00:00Z"}}).encode(),
        "application/feed+json")
    assert (item.key, item.text, item.link, item.partner) == (
        "j1", "Join us at the gala", "https://acmemag.example/gala", "Brightside")
    assert item.images == ("https://acmemag.example/g.png",)
    assert item.ends_at == datetime(2026, 12, 24, 18, tzinfo=UTC)


@pytest.mark.parametrize(("body", "problem"), [
    (b"<rss version='2.0'><channel><item><title>cut off", "not a well-formed feed"),
    (b"<html><body>Sign in to the intranet</body></html>", "not an RSS, Atom or JSON feed"),
    (b'{"items": []}', "not a JSON Feed"),
    (b"{not json", "not valid JSON"),
    (b"", "empty"),
])
def test_malformed_feeds_are_refused_with_a_reason(body: bytes, problem: str) -> None:
    with pytest.raises(FeedError, match=problem):
        parse_feed(body)


def test_plain_text_keeps_words_and_drops_markup() -> None:
    assert plain_text("<p>Tom &amp; Jerry&nbsp;<a href='x'>here</a></p><style>p{}</style>") \
        == "Tom & Jerry here"
    assert plain_text("no markup at all") == "no markup at all"


def test_conditional_get_sends_the_validators_and_takes_304_as_unchanged(
        feeds: FeedServer) -> None:
    url = feeds.serve("/share.xml", rss(rss_item("a", "A", "Text A", "https://a.example/a")),
                      "application/rss+xml", etag='"v1"')
    first = fetch_feed(url)
    assert first.items is not None and len(first.items) == 1 and first.etag == '"v1"'
    second = fetch_feed(url, etag=first.etag)
    assert second.items is None
    assert feeds.requests[-1].headers.get("If-None-Match") == '"v1"'

    url2 = feeds.serve("/lm.json", json_feed({"id": "x", "content_text": "Hello"}),
                       "application/feed+json", last_modified="Mon, 30 Nov 2026 10:00:00 GMT")
    got = fetch_feed(url2)
    assert got.last_modified == "Mon, 30 Nov 2026 10:00:00 GMT"
    assert fetch_feed(url2, last_modified=got.last_modified).items is None


@pytest.mark.parametrize(("setup", "problem"), [
    ({"status": 500}, "answered 500"),
    ({"status": 404}, "answered 404"),
    ({"huge": 3 * 1024 * 1024}, "larger than"),
    ({"break_after": 40}, "broke off|not a well-formed"),
])
def test_feed_errors_are_one_sentence(feeds: FeedServer, setup: dict[str, int],
                                      problem: str) -> None:
    url = feeds.serve("/f.xml", rss(rss_item("a", "A", "Text " * 50, "https://a.example/a")),
                      **setup)  # type: ignore[arg-type]
    with pytest.raises(FeedError, match=problem):
        fetch_feed(url)


def test_unreachable_feed_says_so() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FeedError, match="could not be reached"):
        fetch_feed(f"http://127.0.0.1:{port}/feed.xml", timeout=2)


def _org(organisation_file, url: str = "", inline: str = "") -> None:  # noqa: ANN001
    feed = f'suggestions_feed = "{url}"\n' if url else ""
    organisation_file(f'organisation = "Acme"\n{feed}{inline}')


def test_refresh_keeps_the_last_good_list_when_the_feed_breaks(
        feeds: FeedServer, store: Store, paths, organisation_file) -> None:  # noqa: ANN001
    url = feeds.serve("/share.xml", rss(rss_item("a", "A", "Text A", "https://a.example/a"),
                                        rss_item("b", "B", "Text B", "https://a.example/b")))
    _org(organisation_file, url)
    report = refresh_suggestions(store, load_managed_setup(paths), now=NOW)
    assert not report.failed
    assert [s.title for s in store.suggestions.list(now=NOW)] == ["A", "B"]
    for broken in ({"status": 503}, {"huge": 3 * 1024 * 1024}):
        feeds.serve("/share.xml", b"", **broken)  # type: ignore[arg-type]
        report = refresh_suggestions(store, load_managed_setup(paths), now=NOW)
        assert report.failed
        assert "last good list is kept" in report.results[-1].describe()
        assert [s.title for s in store.suggestions.list(now=NOW)] == ["A", "B"]
    feeds.serve("/share.xml", "<rss><channel><item><title>half")
    assert refresh_suggestions(store, load_managed_setup(paths), now=NOW).failed
    assert [s.title for s in store.suggestions.list(now=NOW)] == ["A", "B"]
    [feed] = store.suggestions.feeds()
    assert feed.status == "failed" and "well-formed" in feed.message


def test_duplicates_across_refreshes_keep_the_users_decision(
        feeds: FeedServer, store: Store, paths, organisation_file) -> None:  # noqa: ANN001
    url = feeds.serve("/s.xml", rss(rss_item("a", "A", "Text A", "https://a.example/a"),
                                    rss_item("a", "A again", "Same id", "https://a.example/z"),
                                    rss_item("c", "C", "Same link", "https://a.example/a")))
    _org(organisation_file, url)
    report = refresh_suggestions(store, load_managed_setup(paths), now=NOW)
    assert report.results[-1].duplicates == 2
    [only] = store.suggestions.list(now=NOW)
    store.suggestions.decline(only.id)
    # The employer re-publishes the same post under a new id, with the same link.
    feeds.serve("/s.xml", rss(rss_item("a-v2", "A (again!)", "Text A", "https://a.example/a")))
    refresh_suggestions(store, load_managed_setup(paths), now=NOW)
    [again] = store.suggestions.list(now=NOW)
    assert again.id == only.id and again.state is SuggestionState.DECLINED
    assert again.title == "A (again!)"
    assert store.suggestions.count_new(now=NOW) == 0


def test_inline_suggestions_and_a_users_feed(feeds: FeedServer, store: Store, paths,
                                            organisation_file) -> None:  # noqa: ANN001
    _org(organisation_file, inline='''
[[suggestions]]
id = "gala"
title = "The <b>gala</b>"
text = "<p>Join us</p>"
link = "https://acmemag.example/gala"
partner = "Brightside"
until = 2026-12-01

[[suggestions]]
id = "old"
text = "Long gone"
until = 2026-01-01
''')
    user = feeds.serve("/mine.json", json_feed({"id": "u1", "content_text": "From my feed"}),
                       "application/feed+json")
    store.suggestions.add_feed(user, "user")
    report = refresh_suggestions(store, load_managed_setup(paths), now=NOW)
    assert {r.source for r in report.results} == {INLINE_SOURCE, user}
    shown = store.suggestions.list(now=NOW)
    assert [(s.title, s.text, s.partner) for s in shown] == [
        ("The gala", "Join us", "Brightside"), ("", "From my feed", "")]
    assert len(store.suggestions.list(now=NOW, include_hidden=True)) == 3


def test_a_broken_organisation_file_names_file_line_and_key(organisation_file,
                                                           paths) -> None:  # noqa: ANN001
    organisation_file('suggestions_feed = "ftp://x"\n')
    with pytest.raises(ManagedConfigError, match="suggestions_feed"):
        load_managed_setup(paths)
    organisation_file('[[suggestions]]\ntitle = "x"\ncolour = "red"\n')
    with pytest.raises(ManagedConfigError, match=r"line 3.*colour|colour.*line 3"):
        load_managed_setup(paths)
    organisation_file("".join(f'[[suggestions]]\ntext = "t{i}"\n' for i in range(501)))
    with pytest.raises(ManagedConfigError, match="limit is 500"):
        load_managed_setup(paths)


def test_snooze_and_decline_persist_across_restarts(paths, organisation_file) -> None:  # noqa: ANN001
    _org(organisation_file, inline='[[suggestions]]\nid = "a"\ntext = "A"\n'
                                   '[[suggestions]]\nid = "b"\ntext = "B"\n')
    with Store(paths) as store:
        refresh_suggestions(store, load_managed_setup(paths), now=NOW)
        a, b = store.suggestions.list(now=NOW)
        store.suggestions.decline(a.id)
        store.suggestions.snooze(b.id, NOW + timedelta(days=2))
    with Store(paths) as store:
        refresh_suggestions(store, load_managed_setup(paths), now=NOW)
        a, b = store.suggestions.list(now=NOW)
        assert a.state is SuggestionState.DECLINED
        assert b.state_at(NOW) is SuggestionState.SNOOZED
        assert b.state_at(NOW + timedelta(days=3)) is SuggestionState.NEW
        assert store.suggestions.count_new(now=NOW) == 0
        assert store.suggestions.count_new(now=NOW + timedelta(days=3)) == 1


def test_a_suggestions_images_are_downloaded_once_and_bad_ones_left_out(
        feeds: FeedServer, tmp_path) -> None:  # noqa: ANN001
    from app.networks.suggestion_feed import fetch_images
    from tests.networks.helpers import png_bytes

    good = feeds.serve("/cover.png", png_bytes(4, 3), "image/png")
    page = feeds.serve("/page.html", "<html>not an image</html>", "text/html")
    big = feeds.serve("/big.png", b"\x89PNG" + b"0" * (6 * 1024 * 1024), "image/png")
    missing = feeds.url("/gone.png")
    folder = tmp_path / "images"
    paths, problems = fetch_images([good, page, big, missing], folder)
    assert [p.suffix for p in paths] == [".png"] and paths[0].read_bytes() == png_bytes(4, 3)
    assert len(problems) == 3 and all(p.endswith("It is left out.") for p in problems)
    assert "not a PNG" in problems[0] and "larger than 5,242,880 bytes" in problems[1]
    assert "answered 404" in problems[2]
    asked = len(feeds.requests)
    again, _ = fetch_images([good], folder)
    assert again == paths and len(feeds.requests) == asked  # kept: no second download
