"""Small things the network tests share: real image files, forged tokens, a free port."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import struct
import time
import zlib
from pathlib import Path


def png_bytes(width: int = 3, height: int = 2, rgb: tuple[int, int, int] = (200, 30, 90)) -> bytes:
    """A valid RGB PNG of the given size."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"\x00" + bytes(rgb) * width
    raw = row * height
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def write_png(folder: Path, name: str = "picture.png", width: int = 3, height: int = 2) -> Path:
    """Write a PNG file and return its path."""
    path = folder / name
    path.write_bytes(png_bytes(width, height))
    return path


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forge_expired_jwt(real_token: str, secret: str) -> str:
    """The same access token, re-signed (HS256 with the server's secret) with an expiry in the
    past: what a token looks like after two hours."""
    header_b64, payload_b64, _ = real_token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(payload_b64 + "=" * (-len(payload_b64) % 4)))
    now = int(time.time())
    payload["iat"] = now - 7300
    payload["exp"] = now - 100
    signing_input = f"{header_b64}.{_b64(json.dumps(payload, separators=(',', ':')).encode())}"
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now (for a sign-in's callback)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
