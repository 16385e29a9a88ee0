"""Findings latency: from the last keystroke to the findings on screen, in the real window.

Builds the real window (composition root, real persona check with a policy pack, a store in
a temporary profile with work and personal accounts), types 280-character drafts one key at
a time, and measures from the key event of the LAST keystroke to the moment the findings
panel, the highlights and the counters show the check of that exact text, and again after
the window has painted it. The debounce is included.

    .venv/bin/python bench/findings_latency.py [--trials 40] [--targets 1|2|4]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PACK = """version = 1
[employer]
name = "Acme Magazine"
aliases = ["Acme Mag", "@acmemag"]
domains = ["acmemag.com"]
hashtags = ["#AcmeGiveaway"]
[[partners]]
name = "Brightside Cosmetics"
aliases = ["Brightside"]
[confidential]
terms = ["Project Falcon"]
"""

DRAFTS = [
    "Big news from Acme Mag: our spring issue is out and readers get 20% off with code "
    "SPRING20 this week only! Grab it at acmemag.com/spring before Friday, and tell your "
    "friends. Also a sneak peek of Project Falcon. Long day at the office, my kids say hi x",
    "Weekend hike with the family, then pizza and far too much wine with old friends. "
    "Back at the desk on Monday for the Brightside launch, link in bio for the giveaway. "
    "Call me on 555-0134 if you want the details; honestly the best trip we have had in ages",
]


def make_draft(seed: int) -> str:
    """A draft of exactly 280 characters."""
    text = DRAFTS[seed % len(DRAFTS)]
    return (text * 2)[:280]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--targets", type=int, default=2, choices=(1, 2, 4))
    args = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.core.model import Account, Network, Persona
    from app.paths import init_paths
    from bench.window_harness import open_loaded_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as profile:
        paths = init_paths(profile)
        paths.config_dir().joinpath("policy.toml").write_text(PACK, encoding="utf-8")
        from app.store.store import Store

        with Store(paths) as store:
            for network, persona, handle in [
                (Network.BLUESKY, Persona.PERSONAL, "dana.example"),
                (Network.BLUESKY, Persona.WORK, "dana.acme.example"),
                (Network.X, Persona.WORK, "dana_acme"),
                (Network.MASTODON, Persona.PERSONAL, "dana"),
            ]:
                store.accounts.add(Account(network, handle, persona,
                                           server="https://social.example"
                                           if network is Network.MASTODON else ""))
        window, services, runner = open_loaded_window(app, paths)
        composer = window.composer
        ids = list(composer.accounts.rows)[: args.targets]
        assert len(ids) == args.targets, "the accounts never loaded"
        composer.accounts.set_ticked(ids)

        shown_at: list[int] = []
        clock = QElapsedTimer()
        clock.start()
        composer.findings_shown.connect(lambda _round: shown_at.append(clock.nsecsElapsed()))

        def wait_for(text: str, timeout: float = 10.0) -> None:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                app.processEvents()
                latest = composer.live_check.latest
                if latest is not None and latest.text == text and \
                        composer.live_check.is_current(latest):
                    return
            raise SystemExit("the check never finished")

        # Warm-up: the persona check loads on first use.
        composer.editor.setPlainText(make_draft(0))
        wait_for(make_draft(0), timeout=30)

        to_shown: list[float] = []
        to_painted: list[float] = []
        findings_counts: list[int] = []
        for trial in range(args.trials):
            draft = make_draft(trial)
            composer.editor.setPlainText(draft[:-1])
            wait_for(draft[:-1])
            composer.editor.moveCursor(composer.editor.textCursor().MoveOperation.End)
            shown_at.clear()
            start = clock.nsecsElapsed()
            QTest.keyClick(composer.editor, draft[-1])  # the last keystroke
            wait_for(draft)
            to_shown.append((shown_at[-1] - start) / 1e6)
            window.repaint()  # paint synchronously: the findings are now on screen
            to_painted.append((clock.nsecsElapsed() - start) / 1e6)
            findings_counts.append(len(composer.shown_findings()))
            assert composer.text() == draft

        window.close()
        runner.wait_for_done(10_000)
        services.close()

    def describe(values: list[float]) -> str:
        ordered = sorted(values)
        p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
        return (f"median {statistics.median(values):6.1f} ms   p95 {p95:6.1f} ms   "
                f"max {max(values):6.1f} ms")

    print(f"280-character drafts, {args.targets} target accounts, {args.trials} trials, "
          f"{statistics.median(findings_counts):.0f} findings each (median)")
    print(f"last keystroke -> findings shown:    {describe(to_shown)}")
    print(f"last keystroke -> window painted:    {describe(to_painted)}")


if __name__ == "__main__":
    main()
