"""Write resources/lexicons/needles.json.z, the needles of every shipped pattern (see
app/check/needle_table.py). Run it after editing a word list or a cue pattern:

    python scripts/gen_needles.py

Each needle is keyed by its three-character piece that fewest of the judged drafts hold
(tests/check/corpus, all but the sets no one has read): only how fast a draft is checked
depends on that choice, never what the check finds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.check.needle_table import piece_frequency, write_table  # noqa: E402
from app.check.text import fold_view  # noqa: E402
from tests.check.test_unseen_corpus import CORPUS_DIR, NEVER_READ  # noqa: E402


def _drafts() -> list[str]:
    texts = []
    for path in sorted(CORPUS_DIR.glob("*_drafts.jsonl")):
        if path in NEVER_READ:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(fold_view(json.loads(line)["text"]).text)
    return texts


def main() -> int:
    texts = _drafts()
    path = write_table(REPO / "resources" / "lexicons", piece_frequency(texts))
    print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size:,} bytes; pieces chosen "
          f"over {len(texts):,} drafts)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
