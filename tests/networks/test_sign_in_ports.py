"""A browser sign-in never holds its loopback port after it ends — finished, failed, timed out
or cancelled (the dialog was closed while the browser was still open): the same port can be
bound again at once. Before, a cancelled sign-in kept listening until its five-minute wait ran
out, and the next sign-in (or test) found the network's fixed callback port taken."""

from __future__ import annotations

import socket
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from app.core.model import Network
from app.networks import threads as threads_network
from app.networks.errors import AuthError
from app.networks.oauth import LoopbackReceiver, SignInCancel, authorize_in_browser
from app.store.managed import AppCredentials
from tests.networks.helpers import free_port


def bind_again(port: int) -> None:
    """Bind ``port`` the strict way (no SO_REUSEADDR): fails while anything listens on it."""
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))
        again.listen(1)


def listening(port: int) -> bool:
    """Whether something holds ``port`` (probed by binding: a connection would leave the
    port in TIME_WAIT after the server closes it, and a strict bind would then fail)."""
    try:
        bind_again(port)
    except OSError:
        return True
    return False


def url_with(redirect_uri: str, state: str, challenge: str) -> str:
    return f"http://127.0.0.1:9/authorize?redirect_uri={redirect_uri}&state={state}"


class SignInThread:
    """``authorize_in_browser`` on a worker, as the window runs it; the browser is opened but
    the user never finishes."""

    def __init__(self, port: int, cancel: SignInCancel | None = None, **options: object) -> None:
        self.opened = threading.Event()
        self.outcome: BaseException | object = None

        def run() -> None:
            try:
                self.outcome = authorize_in_browser(
                    url_with, open_browser=lambda url: self.opened.set(), ports=(port,),
                    cancel=cancel, service="Example", **options)  # type: ignore[arg-type]
            except BaseException as error:  # noqa: BLE001 (the test reads it)
                self.outcome = error

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def join(self) -> BaseException | object:
        self.thread.join(10)
        assert not self.thread.is_alive(), "the sign-in did not stop"
        return self.outcome


def test_cancelling_a_waiting_sign_in_frees_its_port_at_once():
    port = free_port()
    cancel = SignInCancel()
    sign_in = SignInThread(port, cancel, timeout=300.0)
    assert sign_in.opened.wait(10)
    assert listening(port)
    cancel.cancel()
    outcome = sign_in.join()  # well before the 300-second wait
    assert isinstance(outcome, AuthError) and "cancelled" in str(outcome)
    bind_again(port)


def test_a_sign_in_cancelled_before_it_started_never_waits():
    port = free_port()
    cancel = SignInCancel()
    cancel.cancel()
    outcome = SignInThread(port, cancel, timeout=300.0).join()
    assert isinstance(outcome, AuthError)
    bind_again(port)


def test_a_timed_out_sign_in_frees_its_port():
    port = free_port()
    outcome = SignInThread(port, timeout=0.2).join()
    assert isinstance(outcome, AuthError) and "not finished in time" in str(outcome)
    bind_again(port)


@pytest.mark.parametrize("failing", ["open_browser", "authorize_url"])
def test_an_error_while_starting_the_sign_in_frees_its_port(failing):
    port = free_port()

    def broken(*_args: object) -> str:
        raise RuntimeError("no browser here")

    with pytest.raises(RuntimeError, match="no browser here"):
        authorize_in_browser(broken if failing == "authorize_url" else url_with,
                             open_browser=broken if failing == "open_browser" else None,
                             ports=(port,), timeout=300.0)
    bind_again(port)


def test_after_a_cancelled_sign_in_the_next_one_gets_the_same_port():
    port = free_port()
    cancel = SignInCancel()
    first = SignInThread(port, cancel, timeout=300.0)
    assert first.opened.wait(10)
    cancel.cancel()
    first.join()

    def finish(url: str) -> None:  # the user signs in this time
        query = parse_qs(urlsplit(url).query)
        callback = query["redirect_uri"][0]
        assert urlsplit(callback).port == port  # not a fallback port: the first was free
        requests.get(f"{callback}?code=the-code&state={query['state'][0]}", timeout=5)

    grant = authorize_in_browser(url_with, open_browser=finish, ports=(port,), timeout=10)
    assert grant.code == "the-code"
    # The browser's connection may leave the port in TIME_WAIT (a strict bind would fail for
    # a minute); a receiver binds as servers do and gets it again.
    receiver = LoopbackReceiver(ports=(port,))
    try:
        assert receiver.port == port
    finally:
        receiver.close()


def test_a_cancelled_threads_sign_in_frees_the_callback_port(threads):
    """Through the network's own sign-in (the organisation's redirect on a free port)."""
    port = free_port()
    app = AppCredentials(Network.THREADS, threads.client_id, threads.client_secret,
                         f"http://127.0.0.1:{port}/callback")
    cancel = SignInCancel()
    opened = threading.Event()
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            threads_network.connect_in_browser(threads.url, app,
                                               open_browser=lambda url: opened.set(),
                                               timeout=300.0, cancel=cancel)
        except BaseException as error:  # noqa: BLE001
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    assert opened.wait(10) and listening(port)
    cancel.cancel()
    worker.join(10)
    assert not worker.is_alive() and isinstance(outcome[0], AuthError)
    bind_again(port)
