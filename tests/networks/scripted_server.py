"""A tiny HTTP server on 127.0.0.1 that answers every request with a scripted function and
records everything it receives (method, path, headers, body) — to play a redirecting server,
the server a redirect points to, or a server that repeats the request in its errors."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Received:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def everything(self) -> str:
        """The whole request as text (to search for a secret)."""
        head = "\n".join(f"{name}: {value}" for name, value in self.headers.items())
        return f"{self.method} {self.path}\n{head}\n\n{self.body.decode('utf-8', 'replace')}"


Answer = tuple[int, dict[str, str], bytes]


def json_answer(status: int, body: Any, headers: dict[str, str] | None = None) -> Answer:
    """An answer with a JSON body."""
    return status, {"Content-Type": "application/json", **(headers or {})}, \
        json.dumps(body).encode()


class ScriptedServer:
    """Answers with ``script(request)``; ``received`` lists every request, in order."""

    def __init__(self, script: Callable[[Received], Answer]) -> None:
        self.script = script
        self.received: list[Received] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Received(self.command, self.path, dict(self.headers.items()), body)
                with server._lock:
                    server.received.append(request)
                status, headers, payload = server.script(request)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _any  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def close(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> ScriptedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
