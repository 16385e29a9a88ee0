"""The persona check of a text that goes out as a thread.

Decision: the persona rules (persona, disclosure, confidential terms, duplicates…) read the
WHOLE text once, because a thread is read as one piece (a disclosure in the first part covers
the rest, a codename is a codename whichever part it lands in). The network's limits are
checked on EVERY part as it will be sent, number included. A block anywhere blocks the whole
thread. Findings of a part are placed on the part's words in the original text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.check.thread_split import ThreadPart, ThreadSplitError, split_thread
from app.core.model import CheckResult, Finding, Network, Severity, Span

# What a thread changes: these are judged per part instead of on the whole text.
PER_PART_RULES = frozenset({"limit.length", "limit.bytes", "limit.links"})


@dataclass(frozen=True)
class ThreadCheck:
    """The check of one text for one target, and the parts it goes out as (one part: it is
    not split)."""

    result: CheckResult
    parts: tuple[ThreadPart, ...] = ()

    @property
    def is_thread(self) -> bool:
        """Whether the text goes out as more than one post."""
        return len(self.parts) > 1


def check_as_thread(check: Callable[[str], CheckResult], text: str, network: Network, *,
                    max_chars: int | None = None, supports_threads: bool = True
                    ) -> ThreadCheck:
    """Check ``text`` for a target on ``network`` that gets it as a thread when it is over
    the limit. ``check(text)`` is the persona check of one text for that target."""
    network = Network(network)
    whole = check(text)
    over = [f for f in whole.findings if f.rule in ("limit.length", "limit.bytes")]
    if not supports_threads:
        note = f" {network.display_name} does not take threads, so shorten it."
        return ThreadCheck(CheckResult(tuple(
            _reworded(f, f.message + note) if f in over else f for f in whole.findings)))
    try:
        parts = split_thread(text, network, max_chars=max_chars)
    except ThreadSplitError as error:
        if not over:  # the check's own limit differs; the split's refusal still holds
            return ThreadCheck(CheckResult((Finding(
                "limit.length", "limit", Severity.BLOCK, str(error)), *whole.findings)))
        return ThreadCheck(CheckResult(tuple(
            _reworded(f, str(error)) if f in over else f for f in whole.findings)))
    if len(parts) == 1:
        return ThreadCheck(whole, parts)
    findings = [f for f in whole.findings if f.rule not in PER_PART_RULES]
    for index, part in enumerate(parts, start=1):
        for finding in check(part.text).findings:
            if finding.rule in PER_PART_RULES:
                findings.append(_in_part(finding, part, index, len(parts)))
    findings.sort(key=lambda f: (-f.severity.rank, f.spans[0].start if f.spans else -1, f.rule))
    return ThreadCheck(CheckResult(tuple(findings)), parts)


def _reworded(finding: Finding, message: str) -> Finding:
    return Finding(finding.rule, finding.category, finding.severity, message, finding.spans,
                   finding.fixes)


def _in_part(finding: Finding, part: ThreadPart, index: int, total: int) -> Finding:
    """A part's finding, placed on the original text (its fixes would edit the part, not the
    draft, so they are not offered)."""
    length = part.end - part.start
    spans = tuple(Span(part.start + min(span.start, length), part.start + min(span.end, length))
                  for span in finding.spans)
    return Finding(finding.rule, finding.category, Severity(finding.severity),
                   f"Post {index}/{total} of the thread: {finding.message}", spans)
