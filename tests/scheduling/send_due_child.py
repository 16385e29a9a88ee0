"""``twofold send-due`` in a second process, for the race test (test_cli.py).

    python -m tests.scheduling.send_due_child PROFILE_DIR TOKEN

Puts TOKEN in an in-memory keychain for every account of the profile (the real keychain is
out of bounds in tests), prints "ready", waits for a line on stdin, then runs the command's
own handler and prints its output and "exit N".
"""

from __future__ import annotations

import io
import sys

from app.cli.parser import build_parser
from app.paths import init_paths
from app.store.secrets import AccountSecret, SecretStore
from app.store.store import Store


def main() -> None:
    profile, token = sys.argv[1], sys.argv[2]
    paths = init_paths(profile)
    secrets = SecretStore.in_memory()
    with Store(paths) as store:
        for account in store.accounts.list():
            secrets.save(account, AccountSecret(token=token))
    args = build_parser().parse_args(["--profile-dir", profile, "send-due"])
    print("ready", flush=True)
    sys.stdin.readline()
    out = io.StringIO()
    code = args.handler(args, paths, secrets_factory=lambda: secrets, out=out)
    print(out.getvalue(), flush=True)
    print(f"exit {code}", flush=True)


if __name__ == "__main__":
    main()
