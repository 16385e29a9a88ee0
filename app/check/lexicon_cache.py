"""The compiled built-in word lists, kept in the profile's cache folder between runs.

Compiling the shipped lists (reading the TOML, folding and indexing a few thousand terms) is
the largest single cost of a ``check`` process that is not the check itself. The compiled
lists are saved once and read back on later starts (about a third of the time).

The cache can never give a different answer than compiling:

* its name holds a digest of everything the compiled lists are made from: every file of the
  lexicon folder (lists, look-alike tables), the source of the modules that compile them, the
  Python version and this file's format. Change any of them and the old file is not used;
* the file carries a digest of its own contents, checked before it is read: a truncated or
  damaged file (or one from another program) is ignored, the lists are compiled as usual and
  the file is written again;
* without a readable source for the compiling modules (a bundle without ``.py`` files) there
  is no key, and nothing is cached.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from app.check.lexicons import BuiltinLexicons

FORMAT = b"TFLEXCACHE1\n"
_DIGEST_SIZE = 32
_PREFIX = "lexicons-"
_SUFFIX = ".cache"
# The modules whose code decides what compiling a list produces.
_COMPILING_MODULES = ("app.check.lexicons", "app.check.terms", "app.check.text")


def cache_key(folder: Path) -> str | None:
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


def cache_path(cache_dir: Path, key: str) -> Path:
    """The file of the lists with ``key`` in ``cache_dir``."""
    return cache_dir / f"{_PREFIX}{key}{_SUFFIX}"


def read_cached(cache_dir: Path, key: str) -> BuiltinLexicons | None:
    """The lists saved under ``key``, or None when there is no intact file for it."""
    from app.check.lexicons import BuiltinLexicons

    try:
        raw = cache_path(cache_dir, key).read_bytes()
    except OSError:
        return None
    head = len(FORMAT) + _DIGEST_SIZE
    if len(raw) <= head or not raw.startswith(FORMAT):
        return None
    payload = raw[head:]
    if blake2b(payload, digest_size=_DIGEST_SIZE).digest() != raw[len(FORMAT):head]:
        return None
    try:
        lists = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a file that does not load is simply not used
        return None
    return lists if isinstance(lists, BuiltinLexicons) else None


def write_cached(cache_dir: Path, key: str, lists: BuiltinLexicons) -> None:
    """Save ``lists`` under ``key`` (atomically: a reader sees the old file or the whole new
    one) and remove files of other keys. A folder that cannot be written is left alone."""
    import tempfile

    payload = pickle.dumps(lists, protocol=5)
    data = FORMAT + blake2b(payload, digest_size=_DIGEST_SIZE).digest() + payload
    target = cache_path(cache_dir, key)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".lexicons-", dir=cache_dir)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for old in cache_dir.glob(f"{_PREFIX}*{_SUFFIX}"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return
