"""Hostile policy packs: every limit is refused with the file, the line and the key; odd files
(a folder, a BOM, no permission) get their own sentence; fuzzed packs only ever give a
PolicyError, within a bounded time."""

from __future__ import annotations

import pathlib
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.check.policy import (
    MAX_ITEMS,
    MAX_KEY_PARTS,
    MAX_NESTING,
    MAX_PACK_BYTES,
    MAX_PARTNERS,
    MAX_TERMS,
    MAX_TEXT_CHARS,
    PackData,
    PolicyError,
    load_policy_file,
    read_pack,
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> PolicyError:
    with pytest.raises(PolicyError) as caught:
        load_policy_file(path)
    error = caught.value
    assert error.path == path and str(path) in str(error)
    return error


def partners(count: int) -> str:
    return "".join(f'[[partners]]\nname = "Partner {i}"\n' for i in range(count))


# (pack text, line, key, words) — each one crashed, stalled or was accepted before the limits.
BEYOND_LIMITS = [
    pytest.param("version = 1\nx = " + "[" * 5000 + "]" * 5000 + "\n", 2, "x", "deep",
                 id="deep-lists"),
    pytest.param("version = 1\n[employer]\nname = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
                 3, "employer.name", "deep", id="deep-inline-tables"),
    pytest.param("version = 1\n" + ".".join(["a"] * 100_000) + " = 1\n", 2, None, "dotted key",
                 id="100000-part-dotted-key"),
    pytest.param("version = 1\n[" + ".".join(["t"] * 50_000) + "]\n", 2, None, "dotted key",
                 id="50000-part-table-header"),
    pytest.param("version = 1\n[promotion_limits]\npersonal = { posts = 1, days = 800000 }\n",
                 3, "promotion_limits.personal.days", "from 1 to 365", id="days-800000"),
    pytest.param("version = 1\n[promotion_limits]\nwork = { posts = 10000000, days = 1 }\n",
                 3, "promotion_limits.work.posts", "from 0 to 1,000", id="posts-huge"),
    pytest.param("version = 1\n[disclosure]\nwithin_chars = 99999999999\n", 3,
                 "disclosure.within_chars", "from 1 to 100,000", id="within-chars-huge"),
    pytest.param("version = 1\n[limits]\nmastodon = 0\n", 3, "limits.mastodon",
                 "from 1 to 100,000", id="limit-zero"),
    pytest.param("version = 1\n[limits]\nx = 1" + "0" * 5000 + "\n", 3, "limits.x",
                 "number longer", id="5000-digit-number"),
    pytest.param("version = 1\n" + partners(MAX_PARTNERS + 1), 2 + 2 * MAX_PARTNERS,
                 f"partners[{MAX_PARTNERS + 1}]", "partner too many", id="too-many-partners"),
    pytest.param("version = 1\n[confidential]\nterms = [\n"
                 + "".join(f'"term {i}",\n' for i in range(MAX_TERMS + 1)) + "]\n", 3,
                 f"confidential.terms[{MAX_TERMS + 1}]", "term too many", id="too-many-terms"),
    pytest.param("version = 1\n[employer]\naliases = [\n"
                 + "".join(f'"a{i}",\n' for i in range(MAX_TERMS // 2)) + "]\n[lexicon]\n"
                 + "personal = [" + ",".join(f'"w{i}"' for i in range(MAX_TERMS // 2 + 1))
                 + "]\n", MAX_TERMS // 2 + 6, f"lexicon.personal[{MAX_TERMS // 2 + 1}]",
                 "terms in all", id="too-many-terms-in-all"),
    pytest.param("version = 1\n[confidential]\nterms = [\n" + '"x",' * 60_000 + "\n]\n", 4,
                 None, f"more than {MAX_ITEMS:,} keys, values", id="too-many-items"),
    pytest.param(f'version = 1\n[confidential]\nterms = ["{"x" * (MAX_TEXT_CHARS + 1)}"]\n', 3,
                 "confidential.terms", "characters", id="term-too-long"),
]


@pytest.mark.parametrize(("text", "line", "key", "words"), BEYOND_LIMITS)
def test_packs_beyond_the_limits_are_refused_with_file_line_and_key(tmp_path, text, line, key,
                                                                     words):
    error = refusal(write(tmp_path / "hostile.toml", text))
    assert error.line == line, str(error)
    assert f"line {line}" in str(error)
    if key is not None:
        assert error.key == key and f"key '{key}'" in str(error)
    assert words in str(error)
    assert len(str(error)) < 400  # one sentence, not the offending value


def test_packs_at_the_limits_load(tmp_path):
    at_limits = ("version = 1\n" + partners(MAX_PARTNERS)
                 + "[confidential]\nterms = ["
                 + ",".join(f'"{"t" * 10}{i}"' for i in range(MAX_TERMS)) + "]\n"
                 + "[promotion_limits]\npersonal = { posts = 1000, days = 365 }\n"
                 + 'x = ' + "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1) + "\n")
    # The nested list is not a setting: it is refused by the schema, not by the nesting limit.
    error = refusal(write(tmp_path / "nested.toml", at_limits))
    assert "not a setting" in str(error)
    policy = load_policy_file(write(tmp_path / "full.toml", at_limits.rsplit("x = ", 1)[0]))
    assert len(policy.partners) == MAX_PARTNERS
    assert len(policy.confidential_terms) == MAX_TERMS
    assert policy.personal_limit.days == 365
    dotted = ".".join(["a"] * MAX_KEY_PARTS)
    error = refusal(write(tmp_path / "dotted.toml", f"version = 1\n{dotted} = 1\n"))
    assert "not a setting" in str(error) and error.line == 2


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.toml"
    path.write_bytes(b"version = 1\n" + b"# padding\n" * (MAX_PACK_BYTES // 10 + 1))
    error = refusal(path)
    assert f"at most {MAX_PACK_BYTES:,} bytes (512 KB)" in str(error)


def test_a_folder_gets_its_own_sentence(tmp_path, run_cli):
    folder = tmp_path / "policy.toml"
    folder.mkdir()
    error = refusal(folder)
    assert "is a folder, not a file" in str(error)
    result = run_cli("--profile-dir", str(tmp_path / "profile"), "check", "--network", "x",
                     "--persona", "work", "--policy", str(folder), "hello")
    assert result.returncode == 2 and "is a folder, not a file" in result.stderr


def test_a_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbfversion = 1\n[confidential]\nterms = [\"Falcon\"]\n")
    assert load_policy_file(path).confidential_terms == ("Falcon",)


def test_no_permission_gets_its_own_sentence(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.toml", "version = 1\n")
    real_open = pathlib.Path.open

    def open_denied(self, *args, **kwargs):  # the tests run as root, who may read anything
        if self == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", open_denied)
    error = refusal(path)
    assert "permission denied" in str(error) and "read access" in str(error)


def test_a_long_line_of_spaces_in_a_header_is_refused_quickly(tmp_path, run_cli):
    # The old header pattern backtracked quadratically on this line (minutes at this size).
    pack = tmp_path / "spaces.toml"
    pack.write_text("version = 1\n[" + " " * 400_000 + "x\n", encoding="utf-8")
    result = run_cli("--profile-dir", str(tmp_path / "profile"), "check", "--network", "x",
                     "--persona", "work", "--policy", str(pack), "hello", timeout=30)
    assert result.returncode == 2
    assert "line 2" in result.stderr and "not valid TOML" in result.stderr


# --- fuzzing ------------------------------------------------------------------------------

FRAGMENTS = [
    "version = 1\n", "version = 2\n", "[employer]\n", "[[partners]]\n", "[confidential]\n",
    "[promotion_limits]\n", "[rules]\n", "[limits]\n", "[lexicon]\n", "[disclosure]\n",
    'name = "Acme"\n', "aliases = [", "terms = [", '"Falcon", ', "'lit', ", "]\n", "{", "}",
    "[", "]", "personal = { posts = 1, days = 7 }\n", "days = 800000\n", "within_chars = ",
    "1" * 60, "9" * 120, "1e999", "-0", "nan", "true", "1979-05-27T07:32:00Z", '"""', "'''",
    "\\", "#", "\n", " ", ".", "a.b.c", "=", ",", '"conduct.profanity" = "block"\n',
    "mastodon = 1000\n", "\ufeff", "\x00", "\u202e", "é", "😀",
]

HOSTILE = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500),
    st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join),
    st.builds(lambda depth, opener, key: f"version = 1\n{key} = " + opener * depth,
              st.integers(0, 4000), st.sampled_from(["[", "{a = ", "[{b = ["]),
              st.sampled_from(["x", "terms", "a.b"])),
    st.builds(lambda parts, sep: "version = 1\n" + sep.join(["k"] * parts) + " = 1\n",
              st.integers(1, 3000), st.sampled_from([".", " . ", '."q".'])),
    st.builds(lambda number, key: f"version = 1\n[promotion_limits]\npersonal = "
              f"{{ posts = 1, {key} = {number} }}\n",
              st.one_of(st.integers(-10**300, 10**300), st.text(string.digits, min_size=1,
                                                               max_size=6000)),
              st.sampled_from(["days", "posts"])),
)


def as_bytes(sample: bytes | str) -> bytes:
    if isinstance(sample, bytes):
        return sample
    return sample.encode("utf-8", "surrogatepass")


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(sample=HOSTILE, noise=st.binary(max_size=4), at=st.integers(0, 10_000))
def test_hostile_packs_give_a_policy_error_and_nothing_else(tmp_path_factory, sample, noise,
                                                            at):
    raw = as_bytes(sample)
    raw = raw[:at] + noise + raw[at:]  # invalid UTF-8 anywhere
    path = tmp_path_factory.mktemp("fuzz") / "pack.toml"
    path.write_bytes(raw)
    try:
        pack = read_pack(path)
    except PolicyError as error:
        message = str(error)
        assert message.startswith(f"Policy file {path}")
        assert "\n" not in message  # one line
        if error.line is not None:
            assert f"line {error.line}" in message
            assert 1 <= error.line <= raw.count(b"\n") + 1
        if error.key:
            assert "key '" in message
        assert len(message) < 600 + len(str(path))
    else:
        assert isinstance(pack, PackData)


def test_line_numbers_count_only_line_feeds(tmp_path):
    # Other Unicode line breaks inside a text (U+2028, NEL) are not new lines in TOML.
    text = ('version = 1\n[employer]\nname = "Acme\u2028Mag\x85azine"\n[disclosure]\n'
            'within_chars = "100"\n')
    error = refusal(write(tmp_path / "breaks.toml", text))
    assert error.line == 5 and error.key == "disclosure.within_chars"
