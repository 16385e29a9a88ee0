"""The general rules behind the unseen-draft corpus: word-list exceptions, pattern triggers,
more disguises, employment statements, more address shapes — each with a hit and a near miss."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.check import lexicons
from app.check.engine import check_draft
from app.check.lexicons import builtin_lexicons, compile_lexicon, pattern_triggers
from app.check.terms import TermIndex, make_term
from app.check.text import fold_view
from app.core.model import CheckTarget, HistoryEntry, Network, Owner, Persona, Severity

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
X_WORK = CheckTarget(Network.X, Persona.WORK)
X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)
X_BRAND = CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)


def rules(text, target, policy=None, **kwargs):
    result = check_draft(text, target, policy=policy, now=NOW, **kwargs)
    return {f.rule: f for f in result.findings if f.severity.rank >= Severity.WARN.rank}


# --- word-list exceptions ----------------------------------------------------------------------

DEMO = {"group": [
    {"id": "family", "terms": ["my mother"], "exceptions": ["mother's day"]},
    {"id": "party", "terms": ["after-party"], "unless_preceded_by": ["launch"],
     "unless_followed_by": ["planning committee"]},
    {"id": "swear", "terms": ["dick"], "name_like": ["dick"]},
]}


@pytest.mark.parametrize(("text", "found"), [
    ("Lunch with my mother", {"family"}),
    ("Our my mother's day cards", set()),
    ("Wild after-party last night", {"party"}),
    ("The launch after-party was great", set()),
    ("The after-party planning committee meets", set()),
    ("The after-party. Planning committee next", {"party"}),  # a sentence apart
    ("What a dick", {"swear"}),
    ("Dick Van Dyke was brilliant", set()),
    ("DICK MOVE", {"swear"}),
])
def test_group_exceptions_and_neighbours(text, found):
    lexicon = compile_lexicon("demo", DEMO)
    view = fold_view(text)
    assert {hit.group.id for hit in lexicon.find(view, lambda: view)} == found


# --- pattern triggers ----------------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "triggers"), [
    (r"(?:dm|message)\s+me", {"dm", "message"}),
    (r"(?:i'm|we are)\s+going", {"i", "we"}),
    (r"happy\s+(?:4/20|420)\b", {"happy"}),
    (r"\d+\s?dollars", {"\\d"}),
    (r"(?:a few|\d+)\s+pints", {"a", "few", "\\d"} - {"few"}),
    (r"#(?:giveaway)\w*", {"#"}),
    (r"vot(?:e|ing)\s+for", None),  # the word goes on past the literal
    (r"(?:smok\w*|roll)\s+a joint", None),
    (r"(?<![\w.%])-\s?\d", None),
])
def test_pattern_triggers(pattern, triggers):
    found = pattern_triggers(pattern)
    assert (None if found is None else set(found)) == triggers


def test_every_shipped_pattern_compiles():
    """The shipped lists compile their patterns lazily: compile them all here."""
    lists = builtin_lexicons()
    for lexicon in (lists.promotion, lists.personal, lists.conduct):
        for pattern in (*lexicon.fold_patterns, *lexicon.cased_patterns):
            assert pattern.regex.groups == 0


def test_a_lazily_compiled_broken_pattern_is_refused_when_used():
    lexicon = compile_lexicon("demo", {"group": [{"id": "x", "patterns": ["(unclosed"]}]},
                              lazy=True)
    view = fold_view("anything")
    with pytest.raises(lexicons.LexiconError, match="group 1"):
        lexicon.find(view, lambda: view)


def _all_pieces() -> list[str]:
    lists = builtin_lexicons()
    pieces = []
    for lexicon in (lists.promotion, lists.personal, lists.conduct):
        for term in lexicon.index.terms:
            pieces.append(term.text)
    return pieces


PIECES = _all_pieces() + ["4/20", "$19.99", "20%", "#giveaway", "3", "we're", "i'm", "MY", "\n",
                          "got the", "my flu", "mi hija", "-20% auf", "da"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=12))
def test_triggers_never_change_what_patterns_find(parts):
    """Skipping a pattern whose first words are absent must never lose a match."""
    text = " ".join(parts)
    view = fold_view(text)
    lists = builtin_lexicons()
    for lexicon in (lists.promotion, lists.personal, lists.conduct):
        fast: list = []
        slow: list = []
        lexicons._scan(view, lexicon.fold_patterns, fast)
        lexicons._scan(fold_view(text), lexicon.fold_patterns, slow, use_triggers=False)
        assert sorted((h.start, h.end, h.group.id) for h in fast) == \
            sorted((h.start, h.end, h.group.id) for h in slow)


# --- disguises -----------------------------------------------------------------------------------

def _find(term: str, text: str, *, split_words: bool = False):
    index = TermIndex([make_term(term, term, evasion=True)], split_words=split_words)
    return sorted((text[h.start:h.end], h.disguises) for h in index.find(fold_view(text)))


def test_stretched_letters_are_squeezed():
    [(piece, disguises)] = _find("fuck", "fuuuuck, the server")
    assert piece == "fuuuuck" and "stretched letters" in disguises
    [(piece, _)] = _find("asshole", "what an asssssshole")
    assert piece == "asssssshole"
    assert _find("fuck", "fuk") == [] and _find("shit", "shiitake") == []


def test_split_words_only_for_codenames():
    [(piece, disguises)] = _find("Project Falcon", "Pro-ject Fal.con kickoff",
                                 split_words=True)
    assert piece == "Pro-ject Fal.con" and "punctuation inside the words" in disguises
    assert _find("Nightjar", "N.i.g.h.t.j.a.r!", split_words=True)
    assert _find("Project Falcon", "Pro-ject Fal.con kickoff") == []
    assert _find("Falcon", "fal.con.example.com/x", split_words=True) == []  # not "falcon"
    assert _find("Falcon", "the falcon-like bird", split_words=True)  # plain word, as before


def test_a_spaced_out_word_inside_a_phrase():
    [(piece, disguises)] = _find("Project Kestrel", "so Project K e s t r e l is real")
    assert piece == "Project K e s t r e l" and "letters spaced apart" in disguises
    assert _find("Project Kestrel", "K e s t r e l alone") == []


def test_greek_mu_and_small_capitals_read_as_latin():
    assert _find("fuck", "f\u03bcck")
    assert _find("shit", "s\u029c\u026at")  # small capitals H and I
    assert _find("fuck", "\u0444\u0443\u043a") == []  # real Cyrillic word, not a disguise


# --- employment ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Thrilled to share I'm starting a new role as Buyer at Acme Magazine!",
    "I edit the books pages at Acme Magazine, our December list is out: acmemag.com/dec",
    "I'm a senior designer at Acme Mag and the new issue looks great, get a copy today",
    "My boss at Acme Mag brought donuts, best boss ever",
])
def test_saying_you_work_there_discloses_it(text, acme):
    assert "disclosure.missing" not in rules(text, X_WORK, acme)
    assert "disclosure.missing" not in rules(text, X_PERSONAL, acme)


@pytest.mark.parametrize("text", [
    "I bought the new issue of Acme Magazine at the station, get yours",
    "Shop the new Acme Mag tote at acmemag.com",
    "Get the new issue of Acme Magazine for our team, 20% off with code TEAM20",
])
def test_buying_or_selling_is_not_an_employment_statement(text, acme):
    assert "disclosure.missing" in rules(text, X_PERSONAL, acme)


def test_workplace_mentions_need_a_real_sales_cue(acme):
    assert "persona.brand_promotion" not in rules(
        "Excited to say I've joined Acme Magazine as a store manager!", X_PERSONAL, acme)
    assert "persona.brand_promotion" not in rules(
        "Great lunch with the Acme Mag features team today", X_PERSONAL, acme)
    assert "persona.brand_promotion" in rules(
        "The Acme Mag team says: 30% off subscriptions this week!", X_PERSONAL, acme)


# --- privacy -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "rule", "piece"), [
    ("email jane dot doe at gmail dot com today", "privacy.email", "jane dot doe at gmail dot com"),
    ("write to jane[at]example[dot]org", "privacy.email", "jane[at]example[dot]org"),
    ("Jane lives at 12 Rue de la Paix now", "privacy.address", "12 Rue de la Paix"),
    ("Annas Adresse: Musterstraße 12, Berlin", "privacy.address", "Musterstraße 12"),
    ("Vive en Calle Mayor 5, Madrid", "privacy.address", "Calle Mayor 5"),
    ("Ring Tom on 07700 900123", "privacy.phone", "07700 900123"),
])
def test_more_shapes_of_personal_data(text, rule, piece):
    finding = rules(text, X_WORK)[rule]
    assert [text[s.start:s.end] for s in finding.spans] == [piece]


@pytest.mark.parametrize("text", [
    "Thanks @alice@social.example for the notes",
    "Call our freephone line 0800 123 4567",
    "Support: 1-800-555-0199, seven days a week",
    "Meet via Zoom 3 times a week",
    "Spring 2026 string 3 sections",
    "at dinner we talked about a dot com era startup",
])
def test_not_personal_data(text):
    assert not {r for r in rules(text, X_WORK) if r.startswith("privacy")}


def test_the_brand_account_gives_its_own_number_and_address():
    text = "New store at 12 High Street, call 020 7946 0321"
    # From one's own account the number is held up; a store's address is public anywhere.
    assert "privacy.phone" in rules(text, X_WORK) and "privacy.address" not in rules(text, X_WORK)
    result = check_draft(text, X_BRAND, now=NOW)
    assert result.verdict == "ok"
    assert {f.rule for f in result.findings} >= {"privacy.address", "privacy.phone"}


# --- duplicates ----------------------------------------------------------------------------------

def test_short_greetings_do_not_link_identities():
    def other(text):
        return [HistoryEntry(Network.BLUESKY, Persona.WORK, Owner.SELF, text,
                             NOW - timedelta(hours=3))]
    assert "duplicate.other_identity" not in rules("GM!", X_PERSONAL, history=other("gm"))
    long = "Sunday roast and a long walk, perfect day"
    assert "duplicate.other_identity" in rules(long, X_PERSONAL, history=other(long))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=160, max_size=260), st.randoms())
def test_long_drafts_find_the_same_terms_as_short_ones(parts, rng):
    """Long drafts index their words once instead of walking them per list: same hits."""
    rng.shuffle(parts)
    view = fold_view(" ".join(parts))
    lists = builtin_lexicons()
    for index in (lists.promotion.index, lists.personal.index, lists.conduct.index):
        words = index._fold
        assert len(view.words()) >= 150
        assert sorted((s, e, id(t)) for s, e, t in words.find(view)) == \
            sorted((s, e, id(t)) for s, e, t in words._walk(view))
