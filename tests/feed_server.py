"""A suggestions feed server on 127.0.0.1 for the tests: serves RSS, Atom and JSON Feed
documents, answers conditional GETs with 304, and can answer errors, send a huge body, or
close the connection halfway.

    server = FeedServer(); server.serve("/feed.xml", body, "application/rss+xml", etag='"v1"')
    server.url("/feed.xml"); server.requests  # every request's path and headers
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FeedRoute:
    body: bytes
    content_type: str = "application/xml"
    etag: str = ""
    last_modified: str = ""
    status: int = 200
    break_after: int | None = None  # bytes sent before the connection is closed
    huge: int = 0  # stream this many bytes of padding (no Content-Length)


@dataclass
class SeenRequest:
    path: str
    headers: dict[str, str] = field(default_factory=dict)


class FeedServer:
    """The server; close() stops it."""

    def __init__(self) -> None:
        self.routes: dict[str, FeedRoute] = {}
        self.requests: list[SeenRequest] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_GET(self) -> None:  # noqa: N802
                server._answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}{path}"

    def serve(self, path: str, body: bytes | str, content_type: str = "application/xml",
              **options: Any) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = FeedRoute(data, content_type, **options)
        return self.url(path)

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        self.requests.append(SeenRequest(handler.path, dict(handler.headers.items())))
        route = self.routes.get(handler.path)
        if route is None:
            self._send(handler, 404, b"not found", "text/plain")
            return
        if route.status != 200:
            self._send(handler, route.status, b"error", "text/plain")
            return
        if route.etag and handler.headers.get("If-None-Match") == route.etag:
            handler.send_response(304)
            handler.send_header("ETag", route.etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if (route.last_modified and not route.etag
                and handler.headers.get("If-Modified-Since") == route.last_modified):
            handler.send_response(304)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        headers = {"ETag": route.etag, "Last-Modified": route.last_modified}
        if route.huge:
            handler.send_response(200)
            handler.send_header("Content-Type", route.content_type)
            handler.send_header("Connection", "close")
            handler.end_headers()
            chunk = b"<!-- padding -->" * 4096
            sent = 0
            try:
                while sent < route.huge:
                    handler.wfile.write(chunk)
                    sent += len(chunk)
            except OSError:
                pass  # the client stopped reading: that is the point
            handler.close_connection = True
            return
        if route.break_after is not None:
            handler.send_response(200)
            handler.send_header("Content-Type", route.content_type)
            handler.send_header("Content-Length", str(len(route.body)))
            handler.end_headers()
            handler.wfile.write(route.body[:route.break_after])
            handler.wfile.flush()
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)
            return
        self._send(handler, 200, route.body, route.content_type,
                   {k: v for k, v in headers.items() if v})

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        try:
            handler.wfile.write(body)
        except OSError:
            handler.close_connection = True  # the client stopped reading (a size bound)


NS = 'xmlns:twofold="https://twofold.app/ns/suggestions"'


def rss(*items: str) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" {NS}><channel>'
            f"<title>Acme: please share</title><link>https://acmemag.example/</link>"
            f"<description>x</description>{''.join(items)}</channel></rss>")


def rss_item(guid: str, title: str, text: str, link: str, extra: str = "") -> str:
    from xml.sax.saxutils import escape

    return (f"<item><guid>{escape(guid)}</guid><title>{escape(title)}</title>"
            f"<description>{escape(text)}</description><link>{escape(link)}</link>"
            f"{extra}</item>")


def atom(*entries: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>'
            f'<feed xmlns="http://www.w3.org/2005/Atom" {NS}><title>Acme</title>'
            "<id>urn:acme:share</id><updated>2026-11-01T00:00:00Z</updated>"
            f"{''.join(entries)}</feed>")


def atom_entry(ident: str, title: str, html: str, link: str, extra: str = "") -> str:
    from xml.sax.saxutils import escape

    return (f"<entry><id>{escape(ident)}</id><title>{escape(title)}</title>"
            "<updated>2026-11-01T00:00:00Z</updated>"
            f'<content type="html">{escape(html)}</content><link href="{escape(link)}"/>'
            f"{extra}</entry>")


def json_feed(*items: dict[str, Any]) -> str:
    import json

    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Acme",
                       "items": list(items)})
