"""Twofold's entity extraction and X counting against twitter-text's own conformance data
(tests/check/conformance/*.yml, Apache-2.0, copied unchanged): every case of the sections
Twofold implements is run, so what the composer links and counts is what X links and counts.

Sections not run: ``replies`` (Twofold has no notion of a reply by leading mention) and
``validate.yml``'s ``tweets``/``usernames``/``lists``/``hashtags`` (validity of a single
entity, which Twofold does not expose).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.check.entities import (
    find_cashtags,
    find_hashtags,
    find_screen_names,
    find_urls,
)
from app.check.limits import X_INVALID_CHARACTERS, count_for_network
from app.core.model import Network

HERE = Path(__file__).parent / "conformance"
EXTRACT = yaml.safe_load((HERE / "extract.yml").read_text(encoding="utf-8"))["tests"]
VALIDATE = yaml.safe_load((HERE / "validate.yml").read_text(encoding="utf-8"))["tests"]


def _cases(data: dict, section: str) -> list:
    return [pytest.param(case, id=f"{section}-{index}") for index, case in
            enumerate(data[section])]


def _hashtag_text(entity_text: str) -> str:
    return entity_text[1:]


@pytest.mark.parametrize("case", _cases(EXTRACT, "urls"))
def test_urls(case):
    assert [url.text for url in find_urls(case["text"])] == case["expected"], case["description"]


@pytest.mark.parametrize("case", [*_cases(EXTRACT, "urls_with_indices"),
                                  *_cases(EXTRACT, "urls_with_directional_markers")])
def test_urls_with_indices(case):
    found = [{"url": url.text, "indices": [url.start, url.end]} for url in find_urls(case["text"])]
    assert found == case["expected"], case["description"]


@pytest.mark.parametrize("case", _cases(EXTRACT, "tco_urls_with_params"))
def test_tco_urls(case):
    assert [url.text for url in find_urls(case["text"])] == case["expected"], case["description"]


@pytest.mark.parametrize("case", [*_cases(EXTRACT, "hashtags"),
                                  *_cases(EXTRACT, "hashtags_from_astral")])
def test_hashtags(case):
    found = [_hashtag_text(tag.text) for tag in find_hashtags(case["text"])]
    assert found == case["expected"], case["description"]


@pytest.mark.parametrize("case", _cases(EXTRACT, "hashtags_with_indices"))
def test_hashtags_with_indices(case):
    found = [{"hashtag": _hashtag_text(tag.text), "indices": [tag.start, tag.end]}
             for tag in find_hashtags(case["text"])]
    assert found == case["expected"], case["description"]


@pytest.mark.parametrize("case", _cases(EXTRACT, "cashtags"))
def test_cashtags(case):
    found = [tag.text[1:] for tag in find_cashtags(case["text"])]
    assert found == case["expected"], case["description"]


@pytest.mark.parametrize("case", _cases(EXTRACT, "cashtags_with_indices"))
def test_cashtags_with_indices(case):
    found = [{"cashtag": tag.text[1:], "indices": [tag.start, tag.end]}
             for tag in find_cashtags(case["text"])]
    assert found == case["expected"], case["description"]


@pytest.mark.parametrize("case", _cases(EXTRACT, "mentions"))
def test_mentions(case):
    found = [name for _, name, listed in find_screen_names(case["text"]) if not listed]
    assert found == case["expected"], case["description"]


@pytest.mark.parametrize("case", _cases(EXTRACT, "mentions_with_indices"))
def test_mentions_with_indices(case):
    found = [{"screen_name": name, "indices": [entity.start, entity.start + 1 + len(name)]}
             for entity, name, listed in find_screen_names(case["text"]) if not listed]
    assert found == case["expected"], case["description"]


@pytest.mark.parametrize("case", _cases(EXTRACT, "mentions_or_lists_with_indices"))
def test_mentions_or_lists_with_indices(case):
    found = [{"screen_name": name, "list_slug": listed,
              "indices": [entity.start, entity.end]}
             for entity, name, listed in find_screen_names(case["text"])]
    assert found == case["expected"], case["description"]


# validate.yml's URL section checks RFC 3986 validity of a whole string; X's extractor (what
# decides what is linked and counted as 23) does not link these shapes, so neither does Twofold.
NOT_LINKED_BY_X = {
    "Valid url: port and userinfo": "X does not link a URL with user:password@",
    "Valid url: ipv4": "X does not link bare IP addresses",
    "Valid url: ipv6": "X does not link bare IP addresses",
    "Valid url: sub delims and question marks": "X ends a link's query at its last ending "
                                                 "character ('+' is not one)",
}


def _validate_url_cases() -> list:
    cases = []
    for section in ("urls", "urls_without_protocol"):
        for index, case in enumerate(VALIDATE[section]):
            reason = NOT_LINKED_BY_X.get(case["description"])
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(case, id=f"{section}-{index}", marks=marks))
    return cases


@pytest.mark.parametrize("case", _validate_url_cases())
def test_a_valid_url_is_found_whole(case):
    text = case["text"]
    found = find_urls(text)
    whole = len(found) == 1 and (found[0].start, found[0].end) == (0, len(text))
    assert whole == case["expected"], case["description"]


@pytest.mark.parametrize("case", [*_cases(VALIDATE, "WeightedTweetsWithDiscountedEmojiCounterTest"),
                                  *_cases(VALIDATE, "UnicodeDirectionalMarkerCounterTest")])
def test_x_weighted_length(case):
    text = case["text"]
    count = count_for_network(Network.X, text)
    expected = case["expected"]
    assert count.used == expected["weightedLength"], case["description"]
    valid = not count.over and not (X_INVALID_CHARACTERS & set(text))
    assert valid == expected["valid"], case["description"]
