"""Fixtures for the network tests: the real local Bluesky server (one per test session)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pds_harness import LocalPDS, PDSHarnessError, start_local_pds


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
