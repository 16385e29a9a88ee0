"""Every network module, present and future, inherits the HTTP layer's rules (no redirects
followed, secrets removed from answers, no netrc) only if nothing else in ``app`` talks HTTP:
this guard fails when a module imports an HTTP client directly."""

from __future__ import annotations

import ast
from pathlib import Path

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
