"""The persona check on 280-character drafts, as the MINIMUM over many runs (the build machine
is shared, so a median moves with the load; the minimum is what the code costs).

    .venv/bin/python bench/check_min_speed.py [RUNS]

Drafts: the plain 280-character draft of bench/check_speed.py, one with links, a hashtag, a
cashtag and mentions (entity finding), and one with a phone number and phone-shaped
non-numbers (libphonenumber validation). Target: each well under 2 ms.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DRAFTS = {
    "plain": (
        "Loving the new issue of Acme Magazine! Our editors went all out this month: "
        "interviews, recipes and a look behind the scenes. Grab your copy at acmemag.com/dec "
        "and tell me what you think. Also, huge thanks to the team for the late nights \u2728 "
        "#AcmeGiveaway #mag"
    )[:280],
    "entities": (
        "Read https://example.com/a/long/path?x=1 and docs.rs/regex, then ask @alice or "
        "@bob@social.example; $ACME is up, #launch #v2 (see en.wikipedia.org/wiki/Fish_(food)). "
        "More at t.co/abc and example.co.uk/news \u2014 \u65e5\u672c\u8a9eexample.jp too. "
        "#end"
    )[:280],
    "phones": (
        "Ring Tom on 07700 900123 or text Sarah at (415) 555-2671. Locker combination "
        "12 34 56 78, scores 21 14 18 25 30, we met on 30 11 2026 and parcel 0042 1187 5531 "
        "came. Appelle Marie au 06 12 34 56 78 ce soir, the room is 214-305-118."
    )[:280],
}


def main() -> None:
    from app.check.engine import check_draft
    from app.core.model import CheckTarget, Network, Persona

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    target = CheckTarget(Network.X, Persona.PERSONAL)
    from app.check import privacy

    for name, draft in DRAFTS.items():
        check_draft(draft, target)  # warm: lazy imports, compiled patterns
        for cold in (False, True):
            best = float("inf")
            for _ in range(runs):
                if cold:  # each number validated anew, as on a draft's first check
                    privacy._dialable.cache_clear()
                start = time.perf_counter()
                check_draft(draft, target)
                best = min(best, time.perf_counter() - start)
            label = "first check" if cold else "re-check"
            print(f"check 280-char draft, {name:<9} {label:<11} min of {runs:,}: "
                  f"{best * 1000:.3f} ms (target well under 2 ms)")


if __name__ == "__main__":
    main()
