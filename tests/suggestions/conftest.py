"""Fixtures for the suggestions tests: a profile, its store, and a feed server on 127.0.0.1."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.paths import AppPaths, init_paths
from app.store.managed import MANAGED_FILENAME
from app.store.store import Store
from tests.feed_server import FeedServer


@pytest.fixture
def paths(profile_dir: Path) -> AppPaths:
    """The test's profile."""
    return init_paths(profile_dir)


@pytest.fixture
def store(paths: AppPaths) -> Iterator[Store]:
    """An open store in the test's profile."""
    opened = Store(paths)
    yield opened
    opened.close()


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    """A suggestions feed server on 127.0.0.1."""
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def organisation_file(paths: AppPaths) -> Callable[[str], Path]:
    """Write the organisation's managed.toml (and, with ``pack``, its policy pack)."""

    def write(text: str, pack: str | None = None) -> Path:
        site = paths.site_config_dir()
        site.mkdir(parents=True, exist_ok=True)
        if pack is not None:
            (site / "policy.toml").write_text(textwrap.dedent(pack), encoding="utf-8")
        target = site / MANAGED_FILENAME
        target.write_text(textwrap.dedent(text), encoding="utf-8")
        return target

    return write


ACME_PACK = """\
version = 1
[employer]
name = "Acme Magazine"
aliases = ["Acme Mag"]
domains = ["acmemag.example"]
[[partners]]
name = "Brightside Cosmetics"
aliases = ["Brightside"]
domains = ["brightside.example"]
"""
