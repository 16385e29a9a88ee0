"""``--variant NETWORK=TEXT`` and ``--thread`` for ``post`` and ``check``: per-network texts
and numbered threads on the command line. Network ids and names come from the descriptors."""

from __future__ import annotations

import argparse
from collections.abc import Sequence


class TailoringError(ValueError):
    """A ``--variant`` the user must correct; ``str()`` is one line."""


def add_arguments(parser: argparse.ArgumentParser, *, post: bool) -> None:
    """Add ``--variant`` and ``--thread`` to a command's parser."""
    parser.add_argument(
        "--variant", action="append", default=[], metavar="NETWORK=TEXT",
        help="the text accounts on NETWORK get instead of TEXT (repeatable), e.g. "
        "--variant 'linkedin=A longer text for LinkedIn'")
    parser.add_argument(
        "--thread", action="store_true",
        help=("split the text into a numbered thread where it is over a network's limit "
              "(X, Bluesky, Mastodon, Threads)" if post else
              "check the text as a numbered thread when it is over the limit, and print the "
              "posts it would be"))


def network_ids() -> dict[str, str]:
    """Every spelling a user may give (id or name, any case) → the network id."""
    from app.networks.registry import descriptors

    known: dict[str, str] = {}
    for described in descriptors():
        known[described.network.value.lower()] = described.network.value
        known[described.display_name.lower()] = described.network.value
    return known


def parse_variants(values: Sequence[str]) -> dict[str, str]:
    """``NETWORK=TEXT`` options → {network id: text}; TailoringError names what is wrong."""
    variants: dict[str, str] = {}
    known: dict[str, str] | None = None
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise TailoringError(f"--variant {value[:40]!r} needs the form NETWORK=TEXT, e.g. "
                                 "--variant 'x=Short text for X'")
        known = known if known is not None else network_ids()
        network = known.get(name.strip().lower())
        if network is None:
            choices = ", ".join(sorted(set(known.values())))
            raise TailoringError(f"--variant names the unknown network {name.strip()[:40]!r}; "
                                 f"use one of: {choices}")
        if network in variants:
            raise TailoringError(f"--variant gives two texts for {network}; give one.")
        variants[network] = text
    return variants


def thread_networks(wanted: bool) -> list[str]:
    """``--thread``: every network; where a network takes no threads, the check says so."""
    if not wanted:
        return []
    return sorted(set(network_ids().values()))
