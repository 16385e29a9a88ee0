"""Compiled built-in data kept in the profile's cache folder between runs: the word lists
and the meaning model's weights.

Compiling the shipped lists (reading the TOML, folding and indexing a few thousand terms) and
unpacking the meaning model are the largest costs of a ``check`` process besides the check
itself. Both are saved once, ready to use, and read back on later starts.

A cached file can never give a different answer than compiling:

* its name holds a digest of everything it is made from: for the lists, every file of the
  lexicon folder (lists, look-alike tables), the source of the modules that compile them and
  the Python version; for the model, the model file. Change any of them and the old file is
  not used (and is removed when the new one is written);
* the file carries a digest of its own contents, checked before it is used: a truncated or
  damaged file (or one from another program) is ignored, the data is compiled as usual and
  the file is written again;
* without a readable source for the compiling modules (a bundle without ``.py`` files) there
  is no key for the lists, and they are not cached.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# The C modules themselves: ``hashlib`` loads OpenSSL and ``pickle`` its pure-Python half
# (~15 ms together on a cold start, as much as the cache saves on a short list).
try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b
try:
    import _pickle as pickle
except ImportError:  # pragma: no cover - an interpreter without the C accelerator
    import pickle  # type: ignore[no-redef]

FORMAT = b"TFCACHE1\n"
_DIGEST_SIZE = 32
LEXICONS = "lexicons"
MEANING = "meaning"
_SUFFIX = ".cache"
# The modules whose code decides what compiling a list produces.
_COMPILING_MODULES = ("app.check.lexicons", "app.check.terms", "app.check.text")


def digest_of(data: bytes) -> str:
    """A short hex digest naming ``data`` (a cache key)."""
    return blake2b(data, digest_size=20).hexdigest()


def cache_path(cache_dir: Path, kind: str, key: str) -> Path:
    """The file of ``kind`` (LEXICONS, MEANING) with ``key`` in ``cache_dir``."""
    return cache_dir / f"{kind}-{key}{_SUFFIX}"


def read_sealed(cache_dir: Path, kind: str, key: str) -> bytes | None:
    """The contents saved by :func:`write_sealed`, or None when there is no intact file."""
    try:
        raw = cache_path(cache_dir, kind, key).read_bytes()
    except OSError:
        return None
    head = len(FORMAT) + _DIGEST_SIZE
    if len(raw) <= head or not raw.startswith(FORMAT):
        return None
    payload = raw[head:]
    if blake2b(payload, digest_size=_DIGEST_SIZE).digest() != raw[len(FORMAT):head]:
        return None
    return payload


def write_sealed(cache_dir: Path, kind: str, key: str, payload: bytes, *,
                 stale: Callable[[str], bool] | None = None) -> None:
    """Save ``payload`` under ``key`` with a digest of it (atomically: a reader sees the old
    file or the whole new one) and remove the files of the same kind whose key is ``stale``
    (default: any other key). A folder that cannot be written is left alone."""
    import tempfile

    data = FORMAT + blake2b(payload, digest_size=_DIGEST_SIZE).digest() + payload
    target = cache_path(cache_dir, kind, key)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{kind}-", dir=cache_dir)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for old in cache_dir.glob(f"{kind}-*{_SUFFIX}"):
            other = old.name[len(kind) + 1:-len(_SUFFIX)]
            if old != target and (stale(other) if stale else other != key):
                old.unlink(missing_ok=True)
    except OSError:
        return


def lexicons_key(folder: Path) -> str | None:
    """The digest of what the lists in ``folder`` compile from, or None when part of it
    cannot be read (then nothing is cached)."""
    digest = blake2b(digest_size=20)
    digest.update(FORMAT + sys.version.encode() + b"\0")
    try:
        for name in _COMPILING_MODULES:
            source = sys.modules[name].__file__
            if not source or not source.endswith(".py"):
                return None
            digest.update(name.encode() + b"\0" + Path(source).read_bytes() + b"\0")
        for path in sorted(folder.iterdir()):
            if path.is_file():
                content = path.read_bytes()
                digest.update(f"{path.name}\0{len(content)}\0".encode() + content)
    except (OSError, KeyError):
        return None
    return digest.hexdigest()


def read_lexicon(cache_dir: Path, key: str, name: str) -> Any:
    """The compiled list ``name`` saved under ``key``, or None when there is no intact file."""
    from app.check.lexicons import Lexicon

    payload = read_sealed(cache_dir, LEXICONS, f"{key}-{name}")
    if payload is None:
        return None
    try:
        found = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a file that does not load is simply not used
        return None
    return found if isinstance(found, (Lexicon, dict)) else None


def write_lexicon(cache_dir: Path, key: str, name: str, compiled: Any) -> None:
    """Save the compiled list ``name`` under ``key`` (before any of its patterns is
    compiled), removing the lists saved under other keys."""
    write_sealed(cache_dir, LEXICONS, f"{key}-{name}", pickle.dumps(compiled, protocol=5),
                 stale=lambda other: not other.startswith(key))
