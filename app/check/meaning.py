"""The meaning layer: a small linear model that reads what a draft means, beside the word lists.

Word lists catch the words they hold; this catches what they cannot list: drinking told by
amounts and drink names, pregnancy weeks, treatment said indirectly, selling with no sales
word ("you need this in your life"), affiliate links, recruiting, insults with no swear word,
threats. It is three logistic-regression heads over hashed word, word-pair and character
n-gram features of the folded text (no Unicode tricks survive folding):

* ``personal``: private life (wrong on a work account);
* ``promo``: selling or plugging something (wrong on a personal account);
* ``hostile``: insults, name-calling, wishing harm, threats.

The weights (``resources/meaning/model.bin``, made by ``scripts/train_meaning.py`` from
``tests/check/corpus/training/``) are read on first use and kept for the process; nothing is
downloaded and nothing leaves the machine. Every reading names the words that carried it, so
a finding still highlights words and can say which.
"""

from __future__ import annotations

import heapq
import json
import math
import re
import zlib
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.check.text import TextView
from app.paths import resources_dir

HEADS = ("personal", "promo", "hostile")
MAGIC = b"TFMEANING1\n"
DIM_BITS = 18
DIM = 1 << DIM_BITS
_MASK = DIM - 1
_CHAR_GRAMS = (3, 4, 5)
# Features in about the longest training draft; longer drafts are read as their average
# stretch of this size (see MeaningModel.read_view).
LONG_FEATURES = 360
MAX_READ_CHARS = 20_000
# Symbols (emoji, stars) are read as words of their own.
_SYMBOL_CATEGORIES = frozenset(("So", "Sk"))
_MAYBE_SYMBOL = re.compile(r"[^\w\s\x00-\u2000]")


class MeaningError(ValueError):
    """The shipped model file is missing or damaged (a packaging bug)."""


@dataclass(frozen=True)
class Reading:
    """How strongly one head reads a draft, and the words that carried it."""

    head: str
    probability: float
    # (start, end) in the ORIGINAL text of the words that pushed the reading up most
    spans: tuple[tuple[int, int], ...]


def tokens(view: TextView) -> list[tuple[int, int, str]]:
    """The view's words, numbers as ``0``, and symbols (emoji, stars) as words of their own,
    with their positions in the view."""
    import unicodedata

    found = []
    for start, end, word in view.words():
        if word.isdigit():
            word = "0"
        elif not word.isascii() and any("a" <= char <= "z" for char in word):
            word = _unmask(word)  # "hungоver" with a Cyrillic о reads as "hungover"
        found.append((start, end, word))
    text = view.text
    if not text.isascii():
        for match in _MAYBE_SYMBOL.finditer(text):
            char = match.group()
            if unicodedata.category(char) in _SYMBOL_CATEGORIES:
                found.append((match.start(), match.end(), char))
        found.sort()
    return found


@lru_cache(maxsize=4096)
def _unmask(word: str) -> str:
    """A word mixing Latin letters with look-alikes from other scripts, in Latin letters (the
    UTS #39 skeleton of each non-ASCII letter, then the hand-made look-alike table)."""
    from app.check.text import confusables_table, lookalikes_table

    skeletons = confusables_table()
    extra = lookalikes_table()
    out = []
    for char in word:
        if char.isascii():
            out.append(char)
            continue
        mapped = "".join(extra.get(part, part) for part in skeletons.get(char, char))
        out.append(mapped if mapped.isascii() else char)
    return "".join(out).casefold()


@lru_cache(maxsize=50_000)
def _word_hashes(word: str) -> tuple[int, ...]:
    """The word's own features: itself and its character 3-5-grams (cached: words repeat
    within a draft and across the keystrokes that re-check it)."""
    crc = zlib.crc32
    hashed = [crc(("w:" + word).encode()) & _MASK]
    padded = "<" + word + ">"
    size = len(padded)
    if size > 3:
        for length in _CHAR_GRAMS:
            for begin in range(size - length + 1):
                hashed.append(crc(("c:" + padded[begin:begin + length]).encode()) & _MASK)
    return tuple(hashed)


def features(words: list[tuple[int, int, str]]) -> list[list[int]]:
    """For each word, the hashed features it carries: the word, the pairs it is part of
    (credited to both words) and its character 3-5-grams."""
    crc = zlib.crc32
    per_word: list[list[int]] = []
    previous = "<s>"
    for _, _, word in words:
        if word == "0":
            # A number says nothing alone (scores, stats, times); only with the next word
            # ("24 weeks", "6 pints").
            hashed = []
        else:
            hashed = [crc(("b:" + previous + " " + word).encode()) & _MASK]
            hashed.extend(_word_hashes(word))
        per_word.append(hashed)
        previous = word
    if per_word:
        per_word[-1].append(crc(("b:" + previous + " </s>").encode()) & _MASK)
    return per_word


def feature_counts(text_view: TextView) -> dict[int, int]:
    """Every hashed feature of a view with how often it occurs (what the trainer sees; the
    same sum :meth:`MeaningModel.read_view` takes)."""
    counts: dict[int, int] = {}
    for group in features(tokens(text_view)):
        for index in group:
            counts[index] = counts.get(index, 0) + 1
    return counts


class MeaningModel:
    """The three heads' weights: int16 with one scale per head (as stored)."""

    def __init__(self, weights: dict[str, array], scales: dict[str, float],
                 biases: dict[str, float]) -> None:
        self.weights = weights
        self.scales = scales
        self.biases = biases

    @classmethod
    def from_floats(cls, weights: dict[str, list[float]],
                    biases: dict[str, float]) -> MeaningModel:
        """Quantise trained weights (what the trainer saves)."""
        quantised = {}
        scales = {}
        for head in HEADS:
            peak = max((abs(value) for value in weights[head]), default=0.0) or 1.0
            scales[head] = peak / 32767
            quantised[head] = array("h", (round(value / scales[head])
                                          for value in weights[head]))
        return cls(quantised, scales, dict(biases))

    @classmethod
    def read(cls, path: Path, *, cache_dir: Path | None = None) -> MeaningModel:
        """Load a model file written by :meth:`write`. With ``cache_dir``, the unpacked
        weights are kept there (named by the file's digest, with a digest of their own) and
        read back instead of unpacking the file again (see :mod:`app.check.compiled_cache`)."""
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise MeaningError(f"cannot read the meaning model {path}: {error}") from error
        if not raw.startswith(MAGIC):
            raise MeaningError(f"{path} is not a Twofold meaning model")
        size = DIM * 2
        try:
            header_end = raw.index(b"\n", len(MAGIC))
            header = json.loads(raw[len(MAGIC):header_end])
            body = _cached_body(raw, cache_dir, size * len(HEADS)) if cache_dir else None
            if body is None:
                body = zlib.decompress(raw[header_end + 1:])
                if cache_dir is not None:
                    _keep_body(raw, cache_dir, body)
        except (ValueError, zlib.error) as error:
            raise MeaningError(f"the meaning model {path} is damaged: {error}") from error
        if header.get("dim") != DIM or list(header.get("heads", ())) != list(HEADS) \
                or len(body) != size * len(HEADS):
            raise MeaningError(f"the meaning model {path} does not match this version")
        weights = {}
        for number, head in enumerate(HEADS):
            weights[head] = array("h")
            weights[head].frombytes(body[number * size:(number + 1) * size])
        return cls(weights, {head: float(header["scales"][head]) for head in HEADS},
                   {head: float(header["biases"][head]) for head in HEADS})

    def write(self, path: Path, info: dict[str, object]) -> None:
        """Save the weights, compressed, with a one-line JSON header."""
        body = b"".join(self.weights[head].tobytes() for head in HEADS)
        header = {"dim": DIM, "heads": list(HEADS), "scales": self.scales,
                  "biases": self.biases, **info}
        path.write_bytes(MAGIC + json.dumps(header).encode() + b"\n"
                         + zlib.compress(body, 9))

    def score(self, head: str, feature_indexes: list[int]) -> float:
        """The head's probability for a set of features (the trainer's evaluation)."""
        weights = self.weights[head]
        norm = 1 / math.sqrt(len(feature_indexes) or 1)
        total = self.biases[head] + norm * self.scales[head] * sum(
            weights[i] for i in feature_indexes)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def read_view(self, view: TextView, heads: tuple[str, ...] = HEADS,
                  top: int = 3) -> dict[str, Reading]:
        """Each head's probability for the draft in ``view``, and its strongest words.

        Scores are divided by the square root of the feature count, as in training, up to
        ``LONG_FEATURES`` (about the longest training draft); past that a draft counts as its
        average stretch of that length, so a long harmless post does not drift towards any
        head. Only the first ``MAX_READ_CHARS`` characters are read.
        """
        words, groups = view.memo("meaning.features", _words_and_features)
        count = sum(len(group) for group in groups) or 1
        norm = 1 / math.sqrt(count) if count <= LONG_FEATURES else \
            math.sqrt(LONG_FEATURES) / count
        readings = {}
        for head in heads:
            weights = self.weights[head]
            pick = weights.__getitem__
            scale = self.scales[head] * norm
            credit = [scale * sum(map(pick, group)) for group in groups]
            total = self.biases[head] + sum(credit)
            probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))
            ranked = heapq.nlargest(top, range(len(words)), key=credit.__getitem__)
            spans = tuple(view.span(words[i][0], words[i][1]) for i in ranked
                          if credit[i] > 0.1 * min(1.0, LONG_FEATURES / count))
            readings[head] = Reading(head, probability, spans)
        return readings


def _words_and_features(view: TextView) -> tuple[list[tuple[int, int, str]], list[list[int]]]:
    words = [word for word in tokens(view) if word[0] < MAX_READ_CHARS]
    return words, features(words)


def model_path() -> Path:
    """Where the shipped model lives."""
    return resources_dir() / "meaning" / "model.bin"


def _cached_body(raw: bytes, cache_dir: Path, size: int) -> bytes | None:
    from app.check.compiled_cache import MEANING, digest_of, read_sealed

    body = read_sealed(cache_dir, MEANING, digest_of(raw))
    return body if body is not None and len(body) == size else None


def _keep_body(raw: bytes, cache_dir: Path, body: bytes) -> None:
    from app.check.compiled_cache import MEANING, digest_of, write_sealed

    write_sealed(cache_dir, MEANING, digest_of(raw), body)


# The shipped model once read, for the life of the process.
_SHIPPED: dict[Path, MeaningModel] = {}


def shipped_model(*, cache_dir: Path | None = None) -> MeaningModel:
    """The shipped model, read once per process on first use (through ``cache_dir``, the
    profile's cache folder, when the first call names one)."""
    path = model_path()
    found = _SHIPPED.get(path)
    if found is None:
        found = _SHIPPED[path] = MeaningModel.read(path, cache_dir=cache_dir)
    return found
