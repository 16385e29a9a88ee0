"""Fixtures for the network tests: the real local Bluesky server (one per test session), the
contract servers of the networks that cannot run here (one per test, closed after it), and a
fresh store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from app.store.store import Store
from tests.linkedin_server import LinkedInContractServer
from tests.meta_server import MediaHostServer, MetaContractServer
from tests.pds_harness import LocalPDS, PDSHarnessError, start_local_pds
from tests.pinterest_server import PinterestContractServer
from tests.threads_server import ThreadsContractServer
from tests.x_server import XContractServer

_Server = TypeVar("_Server", bound="LinkedInContractServer | MediaHostServer | "
                  "MetaContractServer | PinterestContractServer | ThreadsContractServer | "
                  "XContractServer")


def _serving(server: _Server) -> Iterator[_Server]:
    """``server`` for one test, closed afterwards (whatever the test did)."""
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store in the test's folder."""
    with Store(tmp_path / "twofold.sqlite3") as opened:
        yield opened


@pytest.fixture
def meta() -> Iterator[MetaContractServer]:
    """Facebook's and Instagram's Graph API and Facebook Login."""
    yield from _serving(MetaContractServer())


@pytest.fixture
def host() -> Iterator[MediaHostServer]:
    """The organisation's media host (Instagram and Threads fetch images from it)."""
    yield from _serving(MediaHostServer())


@pytest.fixture
def linkedin() -> Iterator[LinkedInContractServer]:
    yield from _serving(LinkedInContractServer())


@pytest.fixture
def x_server() -> Iterator[XContractServer]:
    yield from _serving(XContractServer())


@pytest.fixture
def pinterest() -> Iterator[PinterestContractServer]:
    yield from _serving(PinterestContractServer())


@pytest.fixture
def threads() -> Iterator[ThreadsContractServer]:
    yield from _serving(ThreadsContractServer())


@pytest.fixture(scope="session")
def local_pds() -> Iterator[LocalPDS]:
    """The official Bluesky PDS with its own PLC directory on 127.0.0.1, for the whole session.

    Fails (never skips) with a clear message when Node or the npm packages are missing.
    """
    try:
        server = start_local_pds()
    except PDSHarnessError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield server
    finally:
        server.stop()
