"""Twofold finds the links, mentions and tags Bluesky's own app finds: a corpus of drafts is run
through the official client library (``RichText.detectFacetsWithoutResolution`` of the pinned
``@atproto/api``, in Node) and through ``app.networks.richtext``; the facets must be the same —
same UTF-8 byte ranges, same kind, same URI / handle / tag."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from app.networks.richtext import byte_offset, find_hashtags, find_links, find_mentions
from tests.pds_harness import PDS_PROJECT, PDSHarnessError, find_modules

DRAFTS = [
    "Our spring issue is out https://example.com/spring #magazine",
    "See https://en.wikipedia.org/wiki/Fish_(food). Or (https://example.com/x)!",
    "Read it at example.com/path?x=1, or docs.rs and readme.md",
    "Example.COM and HTTPS://EXAMPLE.COM are written in capitals",
    "cc @alice.bsky.social, mail bob@example.com, https://x.example/@carol.test (@dan.test)",
    "@known.test and @ghost.test at https://example.com/#tag",
    "#launch! #2026 #v2 café#nope ＃Wide #日本語 #tag.with.dots #end.",
    "Héllo wörld 🌍 — read https://example.com/a?b=c now 👩🏽‍💻 #emoji🎉",
    "$AAPL is up, ($TSLA) too; $toolong and $5 are not cashtags; $msft.",
    "e.g. this, i.e. that, v1.2.3 and 3.14 are not links; neither is foo.bar",
    "trailing https://example.com/x... and https://example.com/y?",
    "new line\nhttps://example.com\n#tag\n@alice.test",
    "tabs\thttps://example.org\t#t",
    "#\ufe0fnot #a\u200bb @a.b.c.d.com",
    "mixed: https://例え.jp/パス and xn--r8jz45g.jp and bücher.de",
    "quotes \"https://example.com/q\" and 'example.net'",
    "#" + "a" * 64 + " #" + "b" * 65,
    "wiki (see https://example.com/a_(b)_c) done",
    "@alice.bsky.social: thanks! @bob.example.com.",
    "a link at the end https://t.co/abc",
]

# Pieces glued at random (fixed seed) into 300 more drafts: edges the hand-written ones miss.
PIECES = ["https://example.com", "example.org/a", "x.y", "#tag", "＃タグ", "#1", "@alice.test",
          "@bob.bsky.social", "@nobody", "$AAPL", "(", ")", ".", ",", "!", "?", " ", "\n",
          "é", "日本", "🎉", "\u200b", "/", "-", "_", ":", "'", '"', "a", "1", "http://", "www."]


def _glued(count: int = 300) -> list[str]:
    import random

    chooser = random.Random(20261130)
    return ["".join(chooser.choice(PIECES) for _ in range(chooser.randint(1, 14)))
            for _ in range(count)]


def _official(texts: list[str]) -> list[list[dict]]:
    try:
        node, modules = find_modules()
    except PDSHarnessError as error:
        pytest.fail(str(error), pytrace=False)
    env = {**os.environ, "NODE_PATH": str(modules)}
    done = subprocess.run([node, str(PDS_PROJECT / "detect_facets.js")],
                          input=json.dumps(texts), capture_output=True, text=True,
                          env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _twofold(text: str) -> list[tuple]:
    found = []
    for span in find_links(text):
        found.append(("link", span.value, span.start, span.end))
    for span in find_mentions(text):
        found.append(("mention", span.value, span.start, span.end))
    for span in find_hashtags(text):
        found.append(("tag", span.value, span.start, span.end))
    return sorted((byte_offset(text, start), byte_offset(text, end), kind, value)
                  for kind, value, start, end in found)


def _from_official(facets: list[dict]) -> list[tuple]:
    found = []
    for facet in facets:
        (feature,) = facet["features"]
        kind = feature["$type"].rsplit("#", 1)[1]
        value = feature.get("uri") or feature.get("did") or feature.get("tag")
        found.append((facet["index"]["byteStart"], facet["index"]["byteEnd"], kind, value))
    return sorted(found)


@pytest.mark.integration
def test_twofold_finds_the_facets_bluesky_finds():
    drafts = [*DRAFTS, *_glued()]
    official = _official(drafts)
    mismatches = {text: (_from_official(facets), _twofold(text))
                  for text, facets in zip(drafts, official, strict=True)
                  if _from_official(facets) != _twofold(text)}
    assert not mismatches, json.dumps(mismatches, ensure_ascii=False, indent=1)
    kinds = [kind for facets in official for _, _, kind, _ in _from_official(facets)]
    assert {"link", "mention", "tag"} <= set(kinds) and len(kinds) > 150
