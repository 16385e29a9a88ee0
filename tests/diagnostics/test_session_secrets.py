"""The run's secret registry (``Diagnostics.secrets``) reaches the log file's filter: a secret
registered anywhere in the run — typed, just received from a network, saved to or loaded from
the keychain — never appears in the log or a crash report, even when a code path that has
nothing to do with signing in logs it by mistake."""

from __future__ import annotations

import logging
from urllib.parse import quote

import pytest

from app.core.model import Account, Network, Persona
from app.diagnostics import start_diagnostics
from app.main import main
from app.paths import init_paths
from app.redact import HIDDEN, SecretRegistry
from app.store.secrets import AccountSecret, SecretStore

# Shaped like nothing: plain words, or a long run of letters with no digit. Only the registry
# can know these are secrets (the pattern filter keeps them, as it keeps ordinary words).
TYPED_PASSWORD = "correct horse battery staple"
RECEIVED_TOKEN = "GoodLongPlainwordsAccessToken"


@pytest.fixture
def paths(profile_dir):
    return init_paths(profile_dir)


def log_text(paths) -> str:
    return (paths.log_root / "twofold.log").read_text(encoding="utf-8")


def test_a_registered_secret_is_hidden_from_every_log_record_and_crash_report(paths):
    diagnostics = start_diagnostics(paths, environ={}, crash_handler="off")
    try:
        careless = logging.getLogger("some.unrelated.plugin")
        careless.warning("control: %s", "ordinary words stay")
        diagnostics.secrets.add(TYPED_PASSWORD)
        careless.warning("the user typed %s", TYPED_PASSWORD)
        careless.warning("as a form body: pw=%s", quote(TYPED_PASSWORD, safe=""))
        # Registered after the handler was installed, like a token received mid-run.
        diagnostics.secrets.add(RECEIVED_TOKEN)
        careless.error("got %r", {"at": RECEIVED_TOKEN})
        try:
            raise RuntimeError(f"server said: {RECEIVED_TOKEN} is invalid")
        except RuntimeError as error:
            careless.exception("sign-in failed")
            diagnostics.report_unexpected((type(error), error, error.__traceback__))
    finally:
        diagnostics.close()
    logged = log_text(paths)
    assert "control: ordinary words stay" in logged  # the filter hides secrets, not lines
    assert "the user typed [hidden]" in logged
    assert "unexpected RuntimeError" in logged and "Traceback" in logged
    assert f"RuntimeError: server said: {HIDDEN} is invalid" in logged
    for secret in (TYPED_PASSWORD, RECEIVED_TOKEN):
        assert secret not in logged
        assert quote(secret, safe="") not in logged


def test_a_registry_handed_in_is_the_one_the_filter_reads(paths):
    registry = SecretRegistry()
    diagnostics = start_diagnostics(paths, environ={}, crash_handler="off", secrets=registry)
    try:
        assert diagnostics.secrets is registry
        registry.add(TYPED_PASSWORD)
        logging.getLogger("elsewhere").warning("oops %s", TYPED_PASSWORD)
    finally:
        diagnostics.close()
    assert TYPED_PASSWORD not in log_text(paths)


def test_the_keychain_store_registers_what_it_saves_and_loads():
    account = Account(Network.MASTODON, "jo", Persona.WORK, server="https://social.example",
                      id=7)
    registry = SecretRegistry()
    writer = SecretStore.in_memory().remember_in(registry)
    writer.save(account, AccountSecret(token=RECEIVED_TOKEN, refresh_token=TYPED_PASSWORD))
    assert RECEIVED_TOKEN in registry and TYPED_PASSWORD in registry
    # A second run: what is loaded from the keychain is registered too.
    later = SecretRegistry()
    reader = SecretStore(writer._backend).remember_in(later)
    assert reader.load(account) is not None
    assert RECEIVED_TOKEN in later and TYPED_PASSWORD in later


def test_the_command_line_hides_a_typed_token_that_a_careless_path_logs(paths, monkeypatch,
                                                                        capsys):
    """Through the real entry point: `accounts add` registers the token it read; a code path
    that logs it (and then crashes with it in the message) leaves no trace of it."""
    import sys

    from app.store import lifecycle

    def careless_connect(store, secrets, account, secret, **options):
        logging.getLogger("a.careless.helper").warning("connecting with %s", secret.token)
        raise RuntimeError(f"the helper choked on {secret.token}")

    monkeypatch.setattr(lifecycle, "connect_account", careless_connect)
    monkeypatch.setattr(sys, "stdin", _Piped(RECEIVED_TOKEN + "\n"))
    code = main(["accounts", "add", "--network", "mastodon", "--server",
                 "https://social.example", "--handle", "jo", "--persona", "work",
                 "--no-verify"])
    assert code == 1
    logged = log_text(paths)
    assert "connecting with [hidden]" in logged
    assert "RuntimeError: the helper choked on [hidden]" in logged
    assert RECEIVED_TOKEN not in logged
    assert RECEIVED_TOKEN not in capsys.readouterr().err


class _Piped:
    """Standard input that is a pipe holding ``text``."""

    def __init__(self, text: str) -> None:
        self._text = text

    def isatty(self) -> bool:
        return False

    def read(self) -> str:
        return self._text


def test_the_window_registers_a_typed_sign_in_before_it_is_checked(paths):
    """The account manager's path (no Qt needed): a typed token is in the run's registry even
    when the login check fails and nothing reaches the keychain."""
    from app.networks.registry import LoginCheckFailed
    from app.store.store import Store
    from app.ui.ports import ConnectRequest
    from app.ui.services import StoreAccountBook

    def failing_check(account, secret):
        raise LoginCheckFailed("Mastodon says the token is wrong.")

    registry = SecretRegistry()
    store = Store(paths)
    try:
        book = StoreAccountBook(store, SecretStore.in_memory().remember_in(registry), paths,
                                verifier_lookup=lambda network: failing_check)
        with pytest.raises(LoginCheckFailed):
            book.connect_account(ConnectRequest(Network.MASTODON, "jo", Persona.WORK,
                                                server="https://social.example",
                                                secret=RECEIVED_TOKEN))
        assert store.accounts.list() == []
    finally:
        store.close()
    assert RECEIVED_TOKEN in registry


def test_the_window_hands_the_run_s_registry_to_its_keychain_store(paths):
    from app.ui.application import build_services

    registry = SecretRegistry()
    services = build_services(paths, log_secrets=registry)
    try:
        secrets = services.accounts._secrets  # the Lazy keychain store, opened here
        account = Account(Network.MASTODON, "jo", Persona.WORK, server="https://social.example",
                          id=3)
        secrets.save(account, AccountSecret(token=RECEIVED_TOKEN))
    finally:
        services.close()
    assert RECEIVED_TOKEN in registry
