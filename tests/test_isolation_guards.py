"""The suite's own tripwires work: a test that writes to the real home or reaches the
internet fails, and nothing actually gets written or sent."""

from __future__ import annotations

import os
import textwrap

from tests.conftest import REPO_ROOT
from tests.isolation import REAL_HOME

PROBE_NAME = "twofold-isolation-guard-probe"


def _run_inner(pytester, body: str):
    pytester.makepyfile(test_inner=textwrap.dedent(body))
    pytester.makeini("[pytest]\n")
    env_path = os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")])
    pytester._monkeypatch.setenv("PYTHONPATH", env_path)
    return pytester.runpytest_subprocess("-p", "tests.isolation", "-p", "no:cacheprovider")


def test_a_test_writing_to_the_real_home_fails_and_writes_nothing(pytester):
    probe = REAL_HOME / PROBE_NAME
    result = _run_inner(pytester, f"""
        def test_writes_home():
            with open({str(probe)!r}, "w") as handle:
                handle.write("leak")
    """)
    # The call itself raises (failed) and the tripwire fails the teardown (error).
    result.assert_outcomes(failed=1, errors=1)
    result.stdout.fnmatch_lines(["*test isolation guard*real home*"])
    assert not probe.exists()


def test_a_test_writing_to_its_tmp_path_passes(pytester):
    result = _run_inner(pytester, """
        def test_writes_tmp(tmp_path):
            (tmp_path / "ok.txt").write_text("fine")
    """)
    result.assert_outcomes(passed=1)


def test_a_test_reaching_a_non_loopback_address_fails(pytester):
    result = _run_inner(pytester, """
        import socket
        def test_connects_out():
            with socket.socket() as sock:
                sock.settimeout(1)
                sock.connect(("192.0.2.10", 443))
    """)
    result.assert_outcomes(failed=1, errors=1)
    result.stdout.fnmatch_lines(["*non-loopback address*"])


def test_a_test_using_loopback_passes(pytester):
    result = _run_inner(pytester, """
        import socket
        def test_loopback():
            server = socket.socket()
            server.bind(("127.0.0.1", 0))
            server.listen()
            with socket.create_connection(server.getsockname(), timeout=2):
                pass
            server.close()
    """)
    result.assert_outcomes(passed=1)


def test_a_test_cannot_see_the_real_home(pytester):
    result = _run_inner(pytester, f"""
        import os
        def test_home():
            assert os.environ["HOME"] != {str(REAL_HOME)!r}
            assert os.environ["PYTHON_KEYRING_BACKEND"].endswith("MemoryKeyring")
    """)
    result.assert_outcomes(passed=1)
