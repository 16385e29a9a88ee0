"""How long reading a suggestions feed takes at the limits, and a whole refresh.

    .venv/bin/python bench/suggestions_feed.py

Prints medians of 5 runs: parsing RSS, Atom and JSON Feed documents of MAX_FEED_ITEMS items
(each with HTML text) near MAX_FEED_BYTES; a refresh of a 500-item feed from a server on
127.0.0.1 into a fresh store, and again answered 304; the "make it mine" meter on a
3,000-character draft.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def median_ms(action, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    from app.check.suggested import copied_share
    from app.networks.suggestion_feed import MAX_FEED_BYTES, MAX_FEED_ITEMS, parse_feed
    from tests.feed_server import atom, atom_entry, json_feed, rss, rss_item

    paragraph = ("<p>Our <b>spring issue</b> is out now, with twelve recipes for busy "
                 "weeknights &amp; a guide to city gardens.</p>") * 20
    documents = {
        "RSS": rss(*(rss_item(f"id-{i}", f"Item {i}", paragraph, f"https://a.example/{i}")
                     for i in range(MAX_FEED_ITEMS))).encode(),
        "Atom": atom(*(atom_entry(f"urn:{i}", f"Item {i}", paragraph, f"https://a.example/{i}")
                       for i in range(MAX_FEED_ITEMS))).encode(),
        "JSON Feed": json_feed(*({"id": f"j{i}", "title": f"Item {i}", "content_html": paragraph,
                                  "url": f"https://a.example/{i}"}
                                 for i in range(MAX_FEED_ITEMS))).encode(),
    }
    for name, body in documents.items():
        assert len(body) <= MAX_FEED_BYTES, (name, len(body))
        items = parse_feed(body)
        assert len(items) == MAX_FEED_ITEMS
        print(f"parse {name:<9} {len(body) / 1024:7.0f} KB, {len(items)} items: "
              f"{median_ms(lambda body=body: parse_feed(body)):7.1f} ms")

    from app.networks.suggestion_feed import refresh_suggestions
    from app.paths import init_paths
    from app.store.managed import ManagedSetup
    from app.store.store import Store
    from tests.feed_server import FeedServer

    server = FeedServer()
    try:
        url = server.serve("/f.json", documents["JSON Feed"], "application/feed+json",
                           etag='"v1"')
        setup = ManagedSetup(path=Path("managed.toml"), suggestions_feed=url)
        firsts, again = [], []
        for _ in range(5):
            with tempfile.TemporaryDirectory() as folder, Store(init_paths(folder)) as store:
                start = time.perf_counter()
                refresh_suggestions(store, setup)
                firsts.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                report = refresh_suggestions(store, setup)
                again.append((time.perf_counter() - start) * 1000)
                assert report.results[-1].status == "unchanged"
        print(f"refresh, 500 new items into a fresh store: {statistics.median(firsts):7.1f} ms")
        print(f"refresh answered 304 (unchanged):        {statistics.median(again):7.1f} ms")
    finally:
        server.close()

    original = "Our spring issue is out now with twelve new recipes for busy weeknights. " * 40
    draft = original[:1500] + " I cooked three of them already. " * 40
    print(f"make-it-mine meter, 3,000-character draft: "
          f"{median_ms(lambda: copied_share(original, draft), runs=15):7.2f} ms")


if __name__ == "__main__":
    main()
