"""What the store commands share: exit codes, one-line errors, opening the store."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from app.paths import AppPaths
    from app.redact import SecretRegistry
    from app.store.secrets import AccountSecret, SecretStore
    from app.store.store import Store

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1  # refused, or something went wrong (disk, keychain, network)
EXIT_USAGE = 2  # the command line or its input is wrong


def error(message: str, code: int = EXIT_FAILED) -> int:
    """Print one line to stderr (and to the log file) and return ``code``."""
    line = " ".join(message.split())
    log.warning("command failed (exit %d): %s", code, line)
    print(line, file=sys.stderr)
    return code


def note(message: str) -> None:
    """A remark for the user on stderr (stdout stays clean for scripts)."""
    print(" ".join(message.split()), file=sys.stderr)


def log_secrets(args: argparse.Namespace) -> SecretRegistry | None:
    """This run's secret registry (``Diagnostics.secrets``; the entry point puts it on
    ``args.log_secrets``): values added to it are hidden from every log line. None when a
    command is run without the entry point (tests calling a handler directly)."""
    return getattr(args, "log_secrets", None)


def remembering(args: argparse.Namespace, secrets: SecretStore) -> SecretStore:
    """``secrets``, adding every sign-in it saves or loads to this run's log filter."""
    return secrets.remember_in(log_secrets(args))


def remember_secret(args: argparse.Namespace, secret: AccountSecret) -> None:
    """Hide a sign-in the user just typed (or a network just handed over) from the log before
    anything is done with it: the login check runs before it reaches the keychain."""
    registry = log_secrets(args)
    if registry is not None:
        registry.add(*secret.values())


@contextmanager
def open_store(paths: AppPaths) -> Iterator[Store]:
    """The profile's store, closed afterwards."""
    from app.store.store import Store

    store = Store(paths)
    try:
        yield store
    finally:
        store.close()


def guarded(run: Callable[..., int]) -> Callable[..., int]:
    """Turn the store's errors into one stderr line and an exit code: a wrong id or bad input
    is a usage error (2); everything else (refusals, disk, keychain) is a failure (1)."""

    def wrapper(args: argparse.Namespace, paths: AppPaths, **collaborators: object) -> int:
        from app.store.errors import InvalidAccountError, NotFoundError, StoreError

        try:
            return run(args, paths, **collaborators)
        except (NotFoundError, InvalidAccountError) as exc:
            return error(str(exc), EXIT_USAGE)
        except StoreError as exc:
            return error(str(exc), EXIT_FAILED)
        except KeyboardInterrupt:
            return error("Stopped; nothing more was changed.", EXIT_FAILED)

    wrapper.__doc__ = run.__doc__
    wrapper.__name__ = run.__name__
    return wrapper
