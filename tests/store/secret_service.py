"""A real Secret Service for tests: gnome-keyring-daemon on a private D-Bus session bus.

Nothing here touches the user's session bus or keyring: the bus listens on a socket in a
temporary folder, allows no service activation, and the keyring daemon gets its own HOME and
XDG folders. ``PrivateSecretService`` is a context manager that starts both, unlocks (creating
it on first use) the login collection with a password fed on stdin, waits until the service
answers, and on exit stops both process groups and checks they are gone.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path
from types import TracebackType

START_TIMEOUT = 15.0
KEYRING_PASSWORD = b"twofold-test-keyring-password"

# A session bus with no service directories: nothing can be auto-started behind our back.
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class SecretServiceUnavailable(RuntimeError):
    """The private Secret Service could not be started; the message says why."""


def _process_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"


class PrivateSecretService:
    """Start/stop dbus-daemon + gnome-keyring-daemon in ``base`` (a private temp folder)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.address = ""
        self.pids: list[int] = []
        self._processes: list[subprocess.Popen[bytes]] = []

    # --- lifecycle -----------------------------------------------------------------------------

    def __enter__(self) -> PrivateSecretService:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def start(self) -> None:
        """Start the bus and the keyring daemon; raise SecretServiceUnavailable on failure."""
        for tool in ("dbus-daemon", "gnome-keyring-daemon"):
            if shutil.which(tool) is None:
                raise SecretServiceUnavailable(
                    f"{tool} is not installed; install the Debian packages dbus and "
                    "gnome-keyring (./dev.sh test does this).")
        home = self.base / "home"
        runtime = self.base / "runtime"
        for folder in (home, runtime, home / ".local" / "share", home / ".config"):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        socket_path = runtime / "bus"
        config = self.base / "session.conf"
        config.write_text(_BUS_CONFIG.format(socket=socket_path))
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_RUNTIME_DIR": str(runtime),
            "LANG": "C.UTF-8",
        }
        bus = self._spawn(["dbus-daemon", f"--config-file={config}", "--nofork",
                           "--nopidfile", "--print-address=1"], env)
        self.address = self._read_address(bus)
        keyring = self._spawn(["gnome-keyring-daemon", "--foreground", "--unlock",
                               "--components=secrets"],
                              {**env, "DBUS_SESSION_BUS_ADDRESS": self.address}, stdin=True)
        assert keyring.stdin is not None
        keyring.stdin.write(KEYRING_PASSWORD)
        keyring.stdin.close()
        self._wait_until_unlocked(keyring)

    def _spawn(self, argv: list[str], env: dict[str, str], *, stdin: bool = False
               ) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            argv, env=env, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True,  # own process group: stop() can end it and any children
        )
        self._processes.append(process)
        self.pids.append(process.pid)
        return process

    def _read_address(self, bus: subprocess.Popen[bytes]) -> str:
        assert bus.stdout is not None
        ready, _, _ = select.select([bus.stdout], [], [], START_TIMEOUT)
        line = bus.stdout.readline().decode().strip() if ready else ""
        if not line.startswith("unix:"):
            raise SecretServiceUnavailable(
                f"dbus-daemon did not start a private bus: {self._stderr_of(bus)}")
        return line

    def _wait_until_unlocked(self, keyring: subprocess.Popen[bytes]) -> None:
        import secretstorage
        from jeepney.io.blocking import open_dbus_connection

        deadline = time.monotonic() + START_TIMEOUT
        last_problem = "no answer"
        while time.monotonic() < deadline:
            if keyring.poll() is not None:
                raise SecretServiceUnavailable(
                    f"gnome-keyring-daemon exited with {keyring.returncode}: "
                    f"{self._stderr_of(keyring)}")
            try:
                with open_dbus_connection(bus=self.address) as connection:
                    if secretstorage.check_service_availability(connection):
                        collection = secretstorage.get_default_collection(connection)
                        if not collection.is_locked():
                            return
                        last_problem = "the login collection is locked"
                    else:
                        last_problem = "org.freedesktop.secrets is not on the bus"
            except Exception as exc:  # not up yet; report the last reason if it never is
                last_problem = f"{type(exc).__name__}: {exc}"
            time.sleep(0.05)
        raise SecretServiceUnavailable(
            f"gnome-keyring-daemon did not offer an unlocked collection within "
            f"{START_TIMEOUT:.0f} s ({last_problem}); stderr: {self._stderr_of(keyring)}")

    @staticmethod
    def _stderr_of(process: subprocess.Popen[bytes]) -> str:
        if process.poll() is None:
            process.terminate()
        try:
            _, err = process.communicate(timeout=5)
        except (subprocess.TimeoutExpired, ValueError):
            return "(no output)"
        return (err or b"").decode(errors="replace").strip() or "(no output)"

    def stop(self) -> None:
        """Stop both daemons (their whole process groups) and reap them."""
        for process in reversed(self._processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
            for stream in (process.stdin, process.stdout, process.stderr):
                if stream is not None and not stream.closed:
                    stream.close()
        self._processes.clear()

    def alive(self) -> list[int]:
        """Process ids of this instance still running (empty after ``stop``)."""
        return [pid for pid in self.pids if _process_alive(pid)]

    # --- helpers for tests ---------------------------------------------------------------------

    def connection(self):  # type: ignore[no-untyped-def]
        """A new jeepney connection to the private bus (close it, or use ``with``)."""
        from jeepney.io.blocking import open_dbus_connection

        return open_dbus_connection(bus=self.address)

    def items(self, service: str) -> list[dict[str, str]]:
        """Attributes of every item stored for ``service`` (what is really in the keyring)."""
        import secretstorage

        with self.connection() as connection:
            collection = secretstorage.get_default_collection(connection)
            return [item.get_attributes() for item in collection.get_all_items()
                    if item.get_attributes().get("service") == service]

    def clear(self, service: str) -> None:
        """Delete every item stored for ``service``."""
        import secretstorage

        with self.connection() as connection:
            collection = secretstorage.get_default_collection(connection)
            for item in list(collection.get_all_items()):
                if item.get_attributes().get("service") == service:
                    item.delete()

    def set_locked(self, locked: bool) -> None:
        """Lock or unlock the login collection (unlocking uses the known password)."""
        import secretstorage

        with self.connection() as connection:
            collection = secretstorage.get_default_collection(connection)
            if locked:
                collection.lock()
            else:
                self._unlock_with_password(connection, collection)

    @staticmethod
    def _unlock_with_password(connection, collection) -> None:  # type: ignore[no-untyped-def]
        # gnome-keyring's own interface unlocks without a prompt given the password.
        from jeepney import DBusAddress, new_method_call

        internal = DBusAddress("/org/freedesktop/secrets",
                               bus_name="org.freedesktop.secrets",
                               interface="org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface")
        # Plain session: the password travels over our private bus only.
        service = DBusAddress("/org/freedesktop/secrets", bus_name="org.freedesktop.secrets",
                              interface="org.freedesktop.Secret.Service")
        reply = connection.send_and_get_reply(
            new_method_call(service, "OpenSession", "sv", ("plain", ("s", ""))))
        session_path = reply.body[1]
        secret = (session_path, b"", KEYRING_PASSWORD, "text/plain")
        connection.send_and_get_reply(new_method_call(
            internal, "UnlockWithMasterPassword", "o(oayays)", (collection.collection_path,
                                                               secret)))
