"""Hostile drafts: the check stays linear and bounded on any text, however long or strange.

No test here asserts a wall-clock figure (bench/check_hostile.py measures those). Each pattern
test compares a pattern's time with a plain scan of the same text in the same process, with a
margin of two orders of magnitude: a linear pattern stays far inside it, while a pattern that
backtracks quadratically takes hundreds of times longer on 30,000 characters. The whole-check
tests are bounded by pytest-timeout; before the fix, their drafts took minutes or never ended.
"""

from __future__ import annotations

import re
import time
import tracemalloc
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.check import analysis, entities, privacy, text
from app.check.engine import CHECKED_CHARS, check_draft
from app.check.lexicons import builtin_lexicons
from app.check.policy import Policy
from app.core.model import CheckTarget, HistoryEntry, Network, Owner, Persona
from tests.check.conftest import EXAMPLE_PACK

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)
WORK_X = CheckTarget(Network.X, Persona.WORK, Owner.SELF)
UNCHECKED = ("Only the first {:,} characters were checked; the draft is far over every "
             "network's limit.")

# What a pattern is fed, after one of its own words: runs that make a careless pattern try
# again at every position, or split one run of whitespace two ways.
FILLERS = [" ", "\n", "1", "a", "a-", "1-", "1.", "a.", ", ", " dot ", "#a", "a1 "]
PATTERN_CHARS = 30_000
MARGIN = 100  # a pattern may take this many times a plain scan of the same text


def _shipped_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every regular expression the check runs over a whole draft."""
    lists = builtin_lexicons()
    found = [(f"{lexicon.name}: {pattern.source[:50]}", pattern.regex)
             for lexicon in (lists.promotion, lists.personal, lists.conduct)
             for pattern in (*lexicon.fold_patterns, *lexicon.cased_patterns)]
    data = lists.privacy
    found += [
        ("phone", privacy._PHONE),
        ("address", privacy._address_pattern(tuple(data["street_suffixes"]),
                                              tuple(data["not_after_suffix"]))),
        ("number first", privacy._street_first_pattern(
            tuple(data["street_types_number_first"]), tuple(data["street_particles"]))),
        ("number last", privacy._number_last_pattern(
            tuple(data["street_types_number_last"]), tuple(data["street_particles"]))),
        ("street word", privacy._street_word_pattern(tuple(data["street_word_endings"]))),
        ("spelled e-mail", privacy._SPELLED_EMAIL),
        ("link word", entities._WORD), ("t.co link", entities._TCO),
        ("domain run", entities._DOMAIN_RUN), ("link start", entities._LINK_START),
        ("bluesky link", entities._BSKY_LINK), ("bluesky mention", entities._BSKY_MENTION),
        ("bluesky tag", entities._BSKY_TAG), ("bluesky cashtag", entities._BSKY_CASHTAG),
        ("phone words", privacy._PHONE_WORDS), ("not a phone", privacy._NOT_PHONE_BEFORE),
        ("hashtag", entities.hashtag_pattern()), ("cashtag", entities.cashtag_pattern()),
        ("screen name", entities.screen_name_pattern()),
        ("mention", entities._MENTION), ("e-mail", entities._EMAIL),
        ("spaced letters", text._SPACED_RUN), ("stretched", text._STRETCHED),
    ]
    return found


def _scan(pattern: re.Pattern[str], hostile: str) -> int:
    if pattern is _WORKPLACE:
        # Tried only right after the employer's name, never searched for.
        return int(pattern.match(hostile) is not None)
    return sum(1 for _ in pattern.finditer(hostile))


_WORKPLACE = analysis._workplace_pattern(
    tuple(builtin_lexicons().disclosure["employment"]["after_name"]))
PATTERNS = [*_shipped_patterns(), ("workplace", _WORKPLACE)]


def _seconds(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _hostile_texts(pattern: re.Pattern[str]) -> list[str]:
    words = list(dict.fromkeys(re.findall(r"[a-z]{2,}", pattern.pattern)))[:2]
    texts = []
    for word in ["", *words]:
        for filler in FILLERS:
            texts.append((word + filler * PATTERN_CHARS)[:PATTERN_CHARS])
            texts.append(((word + filler) * PATTERN_CHARS)[:PATTERN_CHARS])
    return texts


PLAIN_SCAN = re.compile(r"\w+|\W+")


@pytest.mark.timeout(300)
@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_every_pattern_is_linear_on_runs_of_its_own_words(name, pattern):
    for hostile in _hostile_texts(pattern):
        spent = _seconds(lambda text=hostile: _scan(pattern, text))
        if spent < 0.05:
            continue
        baseline = min(_seconds(lambda text=hostile: sum(1 for _ in PLAIN_SCAN.finditer(text)))
                       for _ in range(3))
        spent = min(spent, _seconds(lambda text=hostile: _scan(pattern, text)))
        assert spent < MARGIN * baseline + 0.05, (
            f"{name} took {spent:.2f} s on {hostile[:30]!r}... ({len(hostile):,} characters), "
            f"{spent / baseline:.0f} times a plain scan")


LINK_SHAPES = ["a.", "a.com.", "a-", "a_b.", "x.co/", "http://a.co/(", "http://a.co/()",
               "\u65e5.", "a.\u65e5", "https://", "#a", "@a.", "$a ", "a.b/c?d", ".com"]


@pytest.mark.timeout(300)
@pytest.mark.parametrize("unit", LINK_SHAPES)
def test_every_entity_finder_is_linear_on_one_long_word(unit):
    """The link finder works word by word with arrays built once per word; a 30,000-character
    word of one shape must cost about what a plain scan costs, for every network's flavour."""
    from app.networks import richtext

    hostile = (unit * PATTERN_CHARS)[:PATTERN_CHARS]
    finders = [lambda t: entities._find_urls.__wrapped__(t, True),
               lambda t: entities._find_urls.__wrapped__(t, False),
               entities.find_hashtags, entities.find_cashtags, entities.find_screen_names,
               richtext.find_links, richtext.find_mentions, richtext.find_hashtags]
    baseline = min(_seconds(lambda: sum(1 for _ in PLAIN_SCAN.finditer(hostile)))
                   for _ in range(3))
    for finder in finders:
        spent = min(_seconds(lambda f=finder: f(hostile)) for _ in range(2))
        assert spent < 3 * MARGIN * baseline + 0.2, (
            f"{finder} took {spent:.2f} s on {hostile[:30]!r}..., "
            f"{spent / baseline:.0f} times a plain scan")


# Shapes from the issue and from the patterns that were quadratic, 200,000 characters each.
SHAPES = {
    "digits": "7",
    "punctuation": ".,;:!?-'\"()",
    "spaced letters": "a b c ",
    "links on lines": "https://acmemag.com/a.b\n",
    "link then dots": "https://example.com/",
    "combining marks": "e\u0301\u0302",
    "emoji": "\U0001f468\u200d\U0001f469\u200d\U0001f467\u2728",
    "emoji inside words": "f\U0001f92cck a\U0001f600\U0001f600b ",
    "mixed scripts": "a\u0431\u03b3\u5b57\u0627 ",
    "codename fragments": "Pro-ject Fal.con P r o j e c t ",
    "emails": "jane.doe@example.com ",
    "spelled e-mail parts": "a dot ",
    "mentions and hashtags": "@someone #ad ",
    "whitespace": " \n\t",
    "hyphen runs": "a-",
    "a word, then spaces": "dm",
    "giveaway chain": "comment, ",
    "exceptions and hits": "mother's day my mum ",
    "invisible characters": "f\u200bu\u200bc\u200bk ",
}
# The shapes whose first unit is followed by one character repeated.
THEN = {"link then dots": ".", "a word, then spaces": " "}


def _draft(shape: str, size: int = 2 * CHECKED_CHARS) -> str:
    unit = SHAPES[shape]
    if shape in THEN:
        return (unit + THEN[shape] * size)[:size]
    return (unit * (size // len(unit) + 1))[:size]


@pytest.fixture(scope="module")
def pack_policy(tmp_path_factory) -> Policy:
    from app.check.policy import load_policy_file

    path = tmp_path_factory.mktemp("pack") / "pack.toml"
    path.write_text(EXAMPLE_PACK, encoding="utf-8")
    return load_policy_file(path)


def _unchecked(result):
    return [finding for finding in result.findings if finding.rule == "limit.unchecked"]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_huge_draft_is_checked_on_its_beginning_and_blocked(shape, pack_policy):
    draft = _draft(shape)
    history = [HistoryEntry(Network.X, Persona.WORK, Owner.SELF, draft[:-5] + " more", NOW)]
    result = check_draft(draft, WORK_X, policy=pack_policy, history=history, now=NOW)
    assert result.verdict == "block"
    (unchecked,) = _unchecked(result)
    (span,) = unchecked.spans
    assert span.end == len(draft)
    assert CHECKED_CHARS - 1_000 <= span.start <= CHECKED_CHARS
    assert unchecked.message == UNCHECKED.format(span.start)
    assert unchecked.severity.value == "block"
    for finding in result.findings:
        for found in finding.spans:
            assert 0 <= found.start < found.end <= len(draft)
        if finding.rule != "limit.unchecked":
            assert all(found.start < span.start for found in finding.spans)


def test_the_cut_ends_on_a_space_so_no_word_is_split(pack_policy):
    draft = "word " * (CHECKED_CHARS // 5) + "Project Falcon " * 10
    (unchecked,) = _unchecked(check_draft(draft, WORK_X, policy=pack_policy, now=NOW))
    cut = unchecked.spans[0].start
    assert draft[cut] == " " and cut <= CHECKED_CHARS


def test_what_is_not_checked_cannot_be_turned_off_by_a_pack(tmp_path):
    from app.check.policy import load_policy_file

    path = tmp_path / "lax.toml"
    path.write_text('version = 1\n[rules]\nlimit = "off"\n"*" = "off"\n', encoding="utf-8")
    lax = load_policy_file(path)
    result = check_draft("x " * CHECKED_CHARS, WORK_X, policy=lax, now=NOW)
    assert [finding.rule for finding in result.findings] == ["limit.unchecked"]
    assert result.verdict == "block"


def test_a_draft_within_the_checked_length_is_read_to_the_end(pack_policy):
    draft = "a" * (CHECKED_CHARS - 20) + " Project Falcon"
    result = check_draft(draft, WORK_X, policy=pack_policy, now=NOW)
    assert not _unchecked(result)
    assert "confidential.term" in {finding.rule for finding in result.findings}


def test_a_server_with_a_higher_limit_gets_its_whole_draft_read(pack_policy):
    target = CheckTarget(Network.MASTODON, Persona.WORK, Owner.SELF, max_chars=150_000)
    draft = "a " * 60_000 + "Project Falcon"
    result = check_draft(draft, target, policy=pack_policy, now=NOW)
    assert not _unchecked(result)
    assert "confidential.term" in {finding.rule for finding in result.findings}
    assert _unchecked(check_draft(draft + " b" * 20_000, target, policy=pack_policy, now=NOW))


@pytest.mark.timeout(120)
def test_memory_stays_a_small_multiple_of_the_draft(pack_policy):
    draft = "7" * 1_000_000 + _draft("mixed scripts", 1_000_000)
    check_draft("warm up 1 a\u0431", WORK_X, policy=pack_policy, now=NOW)
    tracemalloc.start()
    try:
        result = check_draft(draft, WORK_X, policy=pack_policy, now=NOW)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert _unchecked(result)
    # The draft itself is about 5 MB in memory (four bytes a character once it holds CJK).
    assert peak < 100_000_000, f"peak {peak / 1e6:.0f} MB"


UNITS = st.sampled_from([
    "7", "1.", "a-", "a ", " ", "\n", "dm ", "code", "rt and ", "comment, ", "a dot ", "#ad ",
    "@a ", "x@y.com ", "https://a.co/", "e\u0301", "\U0001f600", "\u200b", "\u0430",
    "Project Falcon ", "Pro-ject", "mother's day ", "my mum ", "12 Main Street ", "+1 555 ",
    "$5 off ", "20% ", "calle ", "strasse ", "(", ")", ".", "\ufeff", "\ud800",
])
HOSTILE = st.lists(st.tuples(UNITS, st.integers(1, 30_000)), min_size=1, max_size=6).map(
    lambda parts: "".join(unit * count for unit, count in parts))


@pytest.mark.timeout(300)
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(draft=HOSTILE, network=st.sampled_from(list(Network)),
       persona=st.sampled_from(list(Persona)))
def test_long_runs_of_hostile_pieces_are_checked(draft, network, persona):
    target = CheckTarget(network, persona, Owner.SELF)
    result = check_draft(draft, target, now=NOW)
    for finding in result.findings:
        for span in finding.spans:
            assert 0 <= span.start < span.end <= len(draft)
    assert bool(_unchecked(result)) == (len(draft) > CHECKED_CHARS)
