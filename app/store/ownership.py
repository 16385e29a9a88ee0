"""Which process is handling an outbox row, and whether that process is still alive.

A delivery being worked on (sent, waited on between attempts, checked with the server) carries
its owner: the machine, the machine's boot, the process id, the process's start time and a
token naming one posting engine inside that process; plus a lease that the owner renews while
it works. Another process may take the row over only when the owner is certainly dead:

- on this machine and this boot: the process id is gone, or now belongs to a process that
  started at another time (pid reuse cannot fool it);
- on this machine after a restart (another boot id): dead;
- where that cannot be told (another machine sharing the folder, or an OS without process
  start times): when its lease has run out.

A process that is alive keeps its rows, however long its lease has been expired (a suspended
laptop wakes up and goes on sending).
"""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

LEASE_SECONDS = 60.0  # how long an owner's claim lasts without renewal
RENEW_EVERY_SECONDS = 15.0  # how often a posting engine renews the leases it holds

_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


class Liveness(Enum):
    """What can be told about an owner process from here."""

    ALIVE = "alive"
    DEAD = "dead"
    UNKNOWN = "unknown"  # another machine, or no way to tell: the lease decides


@dataclass(frozen=True)
class ProcessIdentity:
    """A process, named so that a later process with the same pid is never taken for it."""

    host: str
    boot_id: str  # "" where the OS does not say
    pid: int
    started: str  # the process's start time as the OS counts it; "" where unknown

    @classmethod
    def current(cls) -> ProcessIdentity:
        """This process."""
        pid = os.getpid()
        return cls(host=socket.gethostname(), boot_id=_boot_id(), pid=pid,
                   started=_start_time(pid) or "")

    def owner_text(self, token: str) -> str:
        """What the outbox's ``owner`` column holds for one engine of this process."""
        return json.dumps({"host": self.host, "boot": self.boot_id, "pid": self.pid,
                           "started": self.started, "token": token}, sort_keys=True)

    def liveness_of(self, owner_text: str) -> Liveness:
        """Whether the process named by an ``owner`` column value is alive, seen from here."""
        try:
            owner = json.loads(owner_text)
            host, boot, pid, started = (str(owner["host"]), str(owner["boot"]),
                                        int(owner["pid"]), str(owner["started"]))
        except (ValueError, TypeError, KeyError):
            return Liveness.DEAD  # not written by any Twofold that could still be running
        if host != self.host:
            return Liveness.UNKNOWN
        if boot and self.boot_id and boot != self.boot_id:
            return Liveness.DEAD  # the machine has restarted since
        if pid == self.pid and started == self.started:
            return Liveness.ALIVE
        return _liveness_here(pid, started)

    def may_take_over(self, owner_text: str, lease_until: datetime | None,
                      now: datetime) -> bool:
        """Whether a row held by ``owner_text`` may be taken over at ``now``: its owner is
        certainly dead, or cannot be told from here and its lease has run out."""
        liveness = self.liveness_of(owner_text)
        if liveness is Liveness.UNKNOWN:
            return lease_until is None or lease_until <= now
        return liveness is Liveness.DEAD


def _boot_id() -> str:
    try:
        return _BOOT_ID.read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _start_time(pid: int) -> str | None:
    """The start time of ``pid`` (Linux: clock ticks since boot); None when there is no such
    process (or it has died and waits to be reaped); "" when the OS cannot say."""
    if not sys.platform.startswith("linux"):
        return ""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return None
    except OSError:
        return ""
    # "pid (name) state ppid …": the name may contain spaces and brackets; cut after the last.
    fields = raw[raw.rfind(")") + 2:].split()
    if len(fields) < 20:
        return ""
    if fields[0] in ("Z", "X"):  # a zombie has stopped for good
        return None
    return fields[19]


def _liveness_here(pid: int, started: str) -> Liveness:
    current = _start_time(pid)
    if current is None:
        return Liveness.DEAD
    if current and started:
        return Liveness.ALIVE if current == started else Liveness.DEAD
    if os.name == "posix":  # no start times (macOS): at least a missing pid is certain
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return Liveness.DEAD
        except PermissionError:
            pass
    # Windows (where os.kill would end the process) or a pid that exists: the lease decides.
    return Liveness.UNKNOWN
