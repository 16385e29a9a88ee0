"""What the HTTP layer's safety costs: removing the secrets a request carried from its answer,
and a whole request through ``app.networks.http`` versus a bare ``requests`` call, against a
server on 127.0.0.1 started by this script.

1. ``SecretRegistry.redact_bytes`` on a 1 MB answer, with 5 registered secrets (each kept in
   its raw, URL-, JSON- and HTML-encoded forms), none of which occurs, and with one echoed;
2. one POST carrying an app password (JSON body) and a bearer token, answered with a 2 KB JSON
   error: through the HTTP layer (secret detection, no automatic redirects, explicit proxy
   look-up, redacted answer) and through a bare ``requests.Session`` with its defaults.

    .venv/bin/python bench/http_layer.py [--runs 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SECRETS = ["kq3x-7vtm-w2pe-zr9d", "client-secret-" + "s" * 30, "c0de-" + "x" * 40,
           "verifier-" + "v" * 60, "access-token-" + "a" * 200]


def _ms(values: list[float]) -> str:
    return (f"median {statistics.median(values) * 1000:.3f} ms, "
            f"max {max(values) * 1000:.3f} ms (n={len(values)})")


def _time(function, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def _server() -> ThreadingHTTPServer:
    body = json.dumps({"error": "InvalidRequest", "message": "x" * 2000}).encode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(400)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    options = parser.parse_args()

    import requests

    from app.networks.http import new_session, request
    from app.redact import SecretRegistry

    registry = SecretRegistry(SECRETS)
    clean = b"y" * 1_000_000
    echoed = clean[:500_000] + SECRETS[0].encode() + clean[500_000:]
    for label, data in (("no secret in it:  ", clean), ("one secret echoed:", echoed)):
        times = _time(lambda data=data: registry.redact_bytes(data), 50)
        print(f"redact 1 MB, {label} {_ms(times)}")

    server = _server()
    url = f"http://127.0.0.1:{server.server_address[1]}/xrpc/com.atproto.server.createSession"
    # The bare session keeps requests' defaults (trust_env: proxies looked up from the
    # environment on every request, netrc), as Twofold used it before the layer's rules.
    layer, bare = new_session(), requests.Session()
    headers = {"Authorization": "Bearer " + SECRETS[4]}
    body = {"identifier": "alice.test", "password": SECRETS[0]}

    def through_layer() -> None:
        request(layer, "POST", url, service="Bench", json=body, headers=headers)

    def bare_requests() -> None:
        bare.post(url, json=body, headers=headers, timeout=(5, 30))

    for warm in (through_layer, bare_requests):
        warm()
    print(f"POST through app.networks.http: {_ms(_time(through_layer, options.runs))}")
    print(f"POST with bare requests:        {_ms(_time(bare_requests, options.runs))}")
    server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
