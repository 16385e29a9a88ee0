"""Every network module, present and future, inherits the HTTP layer's rules (no redirects
followed, secrets removed from answers, no netrc) only if nothing else in ``app`` talks HTTP:
this guard fails when a module imports an HTTP client directly. Likewise every server address
a network module sends to passes the one address check."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.networks.errors import PermanentError

APP = Path(__file__).resolve().parents[2] / "app"
HTTP_LAYER = APP / "networks" / "http.py"
CLIENT_LIBRARIES = ("requests", "urllib3", "httpx", "aiohttp", "urllib.request", "http.client",
                    "pycurl")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_only_the_http_layer_imports_an_http_client() -> None:
    offenders = []
    for path in sorted(APP.rglob("*.py")):
        if path == HTTP_LAYER:
            continue
        for name in _imports(path):
            if any(name == lib or name.startswith(lib + ".") for lib in CLIENT_LIBRARIES):
                offenders.append(f"{path.relative_to(APP.parent)} imports {name}")
    assert offenders == [], "talk HTTP through app.networks.http only: " + "; ".join(offenders)


@pytest.mark.parametrize("server", ["http://[::1", "http://api.example.com",
                                    "https://user:pw@api.example.com", "https://a.example:0"])
def test_a_repointed_api_address_gets_the_same_checks_as_any_server(server: str) -> None:
    # X and LinkedIn take --server as the origin of their documented API: a token must not
    # go there over plain http, nor a bad address end in a traceback.
    from app.networks.descriptor import api_origin

    with pytest.raises(PermanentError) as refused:
        api_origin(server, "https://api.x.com")
    assert "\n" not in refused.value.user_message

