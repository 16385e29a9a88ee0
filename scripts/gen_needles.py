"""Write resources/lexicons/needles.json.z, the needles of every shipped pattern (see
app/check/needle_table.py). Run it after editing a word list or a cue pattern:

    python scripts/gen_needles.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.check.needle_table import write_table  # noqa: E402


def main() -> int:
    path = write_table(REPO / "resources" / "lexicons")
    print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
