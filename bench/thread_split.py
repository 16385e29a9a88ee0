"""Splitting long texts into threads: how long the split takes for each network, for the
longest text the live check may split (25 posts on X) and for mixed scripts and emoji.

    .venv/bin/python bench/thread_split.py
"""

from __future__ import annotations

import statistics
import time

from app.check.thread_split import split_thread
from app.core.model import Network

SENTENCE = "Our team shipped the new release today and it fixes the sync bug. "
MIXED = ("Grüße 🌍 from @dana@acme.social — read https://example.com/notes?id=12 #Launch "
         "日本語のテキストも 👩‍👩‍👧 🇫🇷. ")


def timed(text: str, network: Network, runs: int = 7) -> tuple[float, int]:
    times = []
    parts = 0
    for _ in range(runs):
        started = time.perf_counter()
        parts = len(split_thread(text, network))
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, parts


def main() -> None:
    cases = {
        "English, 2,000 chars": (SENTENCE * 30)[:2000],
        "English, 6,500 chars": (SENTENCE * 100)[:6500],
        "mixed scripts + emoji, 2,000 chars": (MIXED * 40)[:2000],
    }
    for label, text in cases.items():
        for network in (Network.X, Network.BLUESKY, Network.MASTODON, Network.THREADS):
            try:
                ms, parts = timed(text, network)
            except ValueError as error:
                print(f"{label:38} {network.value:9} refused: {error}")
                continue
            print(f"{label:38} {network.value:9} {parts:3} posts  {ms:8.1f} ms (median of 7)")


if __name__ == "__main__":
    main()
