"""Plumbing shared by the contract servers of networks that cannot run here (X, LinkedIn):
an HTTP server on 127.0.0.1 that records every request and can be told to misbehave.

- ``requests``: every request as ``Seen(method, path, query, headers, body)``.
- ``fail_next(method, route, status, body, headers)``: queued error answers (401, 403, 422,
  429 with reset headers, 500…). ``route`` is the path with ids written ``:id``.
- ``drop_next(method, route, after=True)``: the connection is closed without an answer;
  ``after=True`` first carries the request out (a lost answer), ``False`` drops it unread.
- ``delay[(method, route)] = seconds``: carry every such request out, then answer that late
  (a read timeout in the client); ``slow_next(method, route, seconds)`` does it once.

A subclass implements ``route(method, path, query, headers, body)`` returning
``(status, json_body_or_None, extra_headers)`` or raising ``Answer``.

``LoopbackHttpServer`` is the bare server under it (and under the Mastodon contract server):
HTTP/1.1 on a free port of 127.0.0.1, every request handed to ``_handle``, ``_send`` for the
answer.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Fault:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    drop: str = ""  # "before" or "after": close the connection without answering


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")


class Answer(Exception):
    def __init__(self, status: int, body: Any = None, headers: dict[str, str] | None = None
                 ) -> None:
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or {}


def route_of(path: str) -> str:
    """``/2/users/1234/tweets`` → ``/2/users/:id/tweets`` (ids of 3+ digits and urns)."""
    path = re.sub(r"/urn(:|%3A)li(:|%3A)[^/]+", "/:id", path)
    return re.sub(r"/\d{3,}(?=/|$)", "/:id", path)  # not the API version (/2)


class LoopbackHttpServer:
    """An HTTP/1.1 server on a free port of 127.0.0.1, serving on its own thread from the
    moment it is made (so a subclass sets its state up before calling ``__init__``): every
    GET, POST and PUT goes to ``_handle(handler, method)``. ``url``; ``close()``."""

    def __init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in two writes: without this, Nagle's algorithm and
                # the client's delayed ACK add ~40 ms to every answer with a body.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_GET(self) -> None:  # noqa: N802
                server._handle(self, "GET")

            def do_POST(self) -> None:  # noqa: N802
                server._handle(self, "POST")

            def do_PUT(self) -> None:  # noqa: N802
                server._handle(self, "PUT")

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        raise NotImplementedError

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: Any,
              headers: dict[str, str] | None = None) -> None:
        raw = isinstance(body, bytes | str)  # a file or a plain-text answer, as is
        data = (body.encode() if isinstance(body, str) else body) if raw else (
            json.dumps(body).encode() if body is not None else b"")
        try:
            handler.send_response(status)
            if body is not None and not raw:
                handler.send_header("Content-Type", "application/json; charset=utf-8")
            handler.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)


class ContractServer(LoopbackHttpServer):
    """Start with ``Server()``; ``url``; ``close()``."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.requests: list[Seen] = []
        self.faults: dict[tuple[str, str], list[Fault]] = defaultdict(list)
        self.delay: dict[tuple[str, str], float] = {}
        super().__init__()

    # -- test controls ----------------------------------------------------------------------

    def fail_next(self, method: str, route: str, status: int, body: Any = None,
                  headers: dict[str, str] | None = None, times: int = 1) -> None:
        with self.lock:
            for _ in range(times):
                self.faults[(method, route)].append(Fault(status, body, headers or {}))

    def slow_next(self, method: str, route: str, seconds: float) -> None:
        with self.lock:
            self.faults[(method, route)].append(Fault(0, None, drop=f"slow:{seconds}"))

    def drop_next(self, method: str, route: str, *, after: bool = True) -> None:
        with self.lock:
            self.faults[(method, route)].append(Fault(0, None, drop="after" if after
                                                      else "before"))

    def seen(self, method: str, route: str) -> list[Seen]:
        with self.lock:
            return [r for r in self.requests if r.method == method and route_of(r.path) == route]

    # -- plumbing ---------------------------------------------------------------------------

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
              body: bytes) -> tuple[int, Any, dict[str, str]]:
        raise NotImplementedError

    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        url = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in handler.headers.items()}
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        route = route_of(url.path)
        with self.lock:
            self.requests.append(Seen(method, url.path, query, headers, body))
            queued = self.faults.get((method, route))
            fault = queued.pop(0) if queued else None
            delay = self.delay.get((method, route), 0.0)
        if fault is not None and fault.drop == "before":
            return self._drop(handler)
        if fault is not None and fault.drop.startswith("slow:"):
            delay = float(fault.drop[5:])
        elif fault is not None and not fault.drop:
            return self._send(handler, fault.status, fault.body, fault.headers)
        try:
            status, answer, extra = self.route(method, url.path, query, headers, body)
        except Answer as error:
            status, answer, extra = error.status, error.body, error.headers
        if fault is not None and fault.drop == "after":
            return self._drop(handler)
        if delay:
            time.sleep(delay)  # carried out, answered late: a read timeout in the client
        self._send(handler, status, answer, extra)

    @staticmethod
    def _drop(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        try:
            handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def form_of(headers: dict[str, str], body: bytes, *, lists: bool = False) -> dict[str, Any]:
    """A form-encoded, JSON or multipart body as a dict (files: {filename, content_type,
    data}). ``lists``: a form field given more than once is a list of its values (Mastodon's
    ``media_ids[]``); otherwise its first value."""
    kind = headers.get("content-type", "")
    if kind.startswith("application/json"):
        return json.loads(body or b"{}")
    if kind.startswith("multipart/form-data"):
        import email.parser
        import email.policy

        message = email.parser.BytesParser(policy=email.policy.default).parsebytes(
            f"Content-Type: {kind}\r\n\r\n".encode() + body)
        fields: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if part.get_filename():
                fields[name] = {"filename": part.get_filename(),
                                "content_type": part.get_content_type(),
                                "data": part.get_payload(decode=True)}
            else:
                fields[name] = part.get_payload(decode=True).decode()
        return fields
    return {k: v if lists and len(v) > 1 else v[0]
            for k, v in parse_qs(body.decode()).items()}
