"""Start and stop the official Bluesky server (PDS + PLC directory) on 127.0.0.1.

The npm packages are pinned in ``tests/pds/package-lock.json`` and installed OUTSIDE the clone
by ``./dev.sh test`` (``ensure_pds_modules``), which exports ``TWOFOLD_PDS_MODULES``. Without
that variable the same cache folder is computed here (lockfile hash + Node major version).
Missing Node or missing packages is an error with a clear message, never a skip.

Used by the integration tests (``tests/networks/conftest.py``) and by ``bench/post_speed.py``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import pwd
import selectors
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PDS_PROJECT = Path(__file__).resolve().parent / "pds"
LAUNCHER = PDS_PROJECT / "launch.js"
MODULES_ENV = "TWOFOLD_PDS_MODULES"
START_TIMEOUT_SECONDS = 60.0


class PDSHarnessError(RuntimeError):
    """The local Bluesky server cannot be started; the message says what to do."""


def node_major_version(node: str) -> str:
    """The major version of ``node`` (e.g. "20")."""
    out = subprocess.run([node, "-p", "process.versions.node.split('.')[0]"],
                         capture_output=True, text=True, check=True, timeout=30)
    return out.stdout.strip()


def default_modules_dir(node: str) -> Path:
    """Where ``dev.sh`` installs the packages: the cache keyed on the lockfile and Node major."""
    digest = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        digest.update((PDS_PROJECT / name).read_bytes())
    cache_root = os.environ.get("TWOFOLD_CACHE_HOME")
    if not cache_root:
        # The test suite replaces HOME and XDG_CACHE_HOME with throw-away folders; the cache
        # dev.sh filled lives under the real user's home.
        cache_root = str(Path(pwd.getpwuid(os.getuid()).pw_dir) / ".cache" / "twofold")
    return (Path(cache_root) / f"pds-{digest.hexdigest()[:16]}-node{node_major_version(node)}"
            / "node_modules")


def find_modules() -> tuple[str, Path]:
    """Return (node executable, node_modules folder) or raise PDSHarnessError saying why not."""
    node = shutil.which("node")
    if node is None:
        raise PDSHarnessError(
            "Node.js 20 is needed to run the local Bluesky server the integration tests post "
            "to, and `node` is not on PATH. Install Node 20 and run ./dev.sh test.")
    configured = os.environ.get(MODULES_ENV)
    modules = Path(configured) if configured else default_modules_dir(node)
    if not (modules / "@atproto" / "pds" / "package.json").is_file():
        raise PDSHarnessError(
            f"The local Bluesky server's npm packages are not installed (looked in {modules}). "
            "Run ./dev.sh test, which installs them outside the clone, or set "
            f"{MODULES_ENV} to their node_modules folder.")
    return node, modules


@dataclass
class PDSAccount:
    """An account on the local PDS (its main password, not an app password)."""

    handle: str
    did: str
    password: str


@dataclass
class LocalPDS:
    """A running local Bluesky network, as the launcher described it."""

    url: str  # http://127.0.0.1:<port>
    public_url: str  # http://localhost:<port>, the name the PDS gives itself
    plc_url: str
    jwt_secret: str
    admin_password: str
    accounts: list[PDSAccount]
    startup_seconds: float
    process: subprocess.Popen[bytes]
    temp_dir: Path
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def xrpc(self, method: str, *, body: dict | None = None, token: str | None = None,
             params: dict | None = None) -> dict:
        """Call an XRPC method (POST when ``body`` is given); raise on an error status."""
        import requests

        headers = {"Authorization": f"Bearer {token}"} if token else {}
        url = f"{self.url}/xrpc/{method}"
        if body is None:
            response = requests.get(url, params=params, headers=headers, timeout=10)
        else:
            response = requests.post(url, json=body, headers=headers, timeout=10)
        if response.status_code != 200:
            raise AssertionError(f"{method} -> {response.status_code} {response.text}")
        return response.json() if response.content else {}

    def new_account(self, prefix: str = "user") -> PDSAccount:
        """Create a fresh account (unique handle under .test) and return it."""
        # The PDS allows at most 18 characters before ".test".
        handle = f"{prefix[:8]}{next(self._counter)}x{os.getpid() % 100000}.test"
        password = f"pw-{handle}"
        data = self.xrpc("com.atproto.server.createAccount",
                         body={"handle": handle, "email": f"{handle}@example.test",
                               "password": password})
        return PDSAccount(handle=data["handle"], did=data["did"], password=password)

    def app_password(self, account: PDSAccount, name: str = "twofold-tests") -> str:
        """Create an app password for ``account`` (as the user would in Settings)."""
        session = self.xrpc("com.atproto.server.createSession",
                            body={"identifier": account.handle, "password": account.password})
        created = self.xrpc("com.atproto.server.createAppPassword",
                            body={"name": name}, token=session["accessJwt"])
        return created["password"]

    def list_posts(self, account: PDSAccount | str) -> list[dict]:
        """Every app.bsky.feed.post record in the account's repo (newest first)."""
        repo = account.did if isinstance(account, PDSAccount) else account
        records: list[dict] = []
        cursor = None
        while True:
            params = {"repo": repo, "collection": "app.bsky.feed.post", "limit": 100}
            if cursor:
                params["cursor"] = cursor
            page = self.xrpc("com.atproto.repo.listRecords", params=params)
            records.extend(page["records"])
            cursor = page.get("cursor")
            if not cursor or not page["records"]:
                return records

    def stop(self) -> None:
        """SIGTERM the launcher (it closes the servers and removes its data), kill after 10 s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        shutil.rmtree(self.temp_dir, ignore_errors=True)


def start_local_pds(accounts: str = "alice.test:alice-pass,bob.test:bob-pass",
                    timeout: float = START_TIMEOUT_SECONDS) -> LocalPDS:
    """Start PLC + PDS (+ stub AppView) on 127.0.0.1 and wait until the launcher reports ready.

    Node gets its own HOME and TMPDIR (a temp folder removed by ``stop``), so nothing it writes
    lands in the real home. The launcher exits by itself if this process dies (its stdin closes).
    """
    node, modules = find_modules()
    temp_dir = Path(tempfile.mkdtemp(prefix="twofold-pds-run-"))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(temp_dir),
        "TMPDIR": str(temp_dir),
        "LANG": "C.UTF-8",
        MODULES_ENV: str(modules),
        "ACCOUNTS": accounts,
        "STUB_APPVIEW": "1",
        "EXIT_ON_STDIN_CLOSE": "1",
        "DATA_DIR": str(temp_dir / "data"),
    }
    (temp_dir / "data").mkdir()
    stderr_path = temp_dir / "launcher.stderr"
    started = time.monotonic()
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen([node, str(LAUNCHER)], env=env, cwd=temp_dir,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)
    info = _read_ready_line(process, timeout, stderr_path)
    if info is None:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        detail = stderr_path.read_text(errors="replace")[-2000:]
        shutil.rmtree(temp_dir, ignore_errors=True)
        raise PDSHarnessError(f"the local Bluesky server did not start: {detail.strip()}")
    return LocalPDS(
        url=info["pdsLocalUrl"], public_url=info["pdsUrl"], plc_url=info["plcUrl"],
        jwt_secret=info["jwtSecret"], admin_password=info["adminPassword"],
        accounts=[PDSAccount(a["handle"], a["did"], a["password"]) for a in info["accounts"]],
        startup_seconds=time.monotonic() - started, process=process, temp_dir=temp_dir,
    )


def _read_ready_line(process: subprocess.Popen[bytes], timeout: float,
                     stderr_path: Path) -> dict | None:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    buffer = b""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=0.2):
                if process.poll() is not None:
                    return None
                continue
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                return None
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if line.startswith(b"{") and b'"pdsUrl"' in line:
                    return json.loads(line)
    return None
