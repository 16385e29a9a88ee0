"""The local Bluesky server the integration tests post to is real, private and loopback-only."""

from __future__ import annotations

import subprocess

import pytest

from tests.pds_harness import LocalPDS

pytestmark = pytest.mark.integration


def test_server_describes_itself_and_listens_on_loopback_only(local_pds: LocalPDS) -> None:
    described = local_pds.xrpc("com.atproto.server.describeServer")
    assert described["availableUserDomains"] == [".test"]
    listening = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True)
    ours = [line for line in listening.stdout.splitlines()
            if f"pid={local_pds.process.pid}," in line]
    assert len(ours) >= 2  # PLC, PDS (and the stub AppView)
    for line in ours:
        local_address = line.split()[3]
        assert local_address.startswith("127.0.0.1:"), line


def test_accounts_and_app_passwords_can_be_created(local_pds: LocalPDS) -> None:
    account = local_pds.new_account("harness")
    app_password = local_pds.app_password(account)
    session = local_pds.xrpc("com.atproto.server.createSession",
                             body={"identifier": account.handle, "password": app_password})
    assert session["did"] == account.did
    assert account.did.startswith("did:plc:")
    assert local_pds.list_posts(account) == []
