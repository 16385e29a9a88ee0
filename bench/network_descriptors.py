"""What reading the network descriptors costs, and what posting to X and LinkedIn adds on
top of the network round trip, against the contract servers on 127.0.0.1.

    .venv/bin/python bench/network_descriptors.py [--runs 15] [--posts 50]

- cold: a fresh interpreter imports the registry and reads every network's descriptor (what
  the account dialog pays the first time it opens; no client code or ``requests`` is loaded);
- escape: ``linkedin.little_text`` on a 3000-character post full of reserved characters;
- post: one text post through the client to each contract server (median, ms).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLD = """
import time, sys
start = time.perf_counter()
from app.networks.registry import descriptors
found = descriptors()
elapsed = time.perf_counter() - start
assert "requests" not in sys.modules, "descriptors must not load requests"
print(f"{elapsed * 1000:.3f} {len(found)}")
"""


def cold_ms(runs: int) -> list[float]:
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True,
                             cwd=ROOT, check=True).stdout.split()
        results.append(float(out[0]))
    return results


def escape_ms(runs: int) -> list[float]:
    from app.networks.linkedin import little_text

    text = ("Launch (today) @team [notes] <b> ~ {x} | *bold* _it_ #news "
            "https://example.com/a_(b) ") * 40
    text = text[:3000]
    results = []
    for _ in range(runs):
        start = time.perf_counter()
        little_text(text)
        results.append((time.perf_counter() - start) * 1000)
    return results


def post_ms(posts: int) -> tuple[list[float], list[float]]:
    from app.networks.linkedin import LinkedInClient
    from app.networks.oauth import RotatingToken, TokenSet
    from app.networks.ports import PostContent
    from app.networks.x import XClient
    from tests.linkedin_server import LinkedInContractServer
    from tests.x_server import XContractServer

    x_server, li_server = XContractServer(), LinkedInContractServer()
    try:
        user = x_server.add_user("bench")
        access, refresh = x_server.issue_tokens(user, lifetime=3600)
        x_client = XClient(RotatingToken(TokenSet(access, refresh), refresh=None),
                           api=x_server.url, user_id=user.id, username="bench")
        member = li_server.add_member("Bench Person")
        li_client = LinkedInClient(li_server.issue_token(member),
                                   f"urn:li:person:{member.sub}", api=li_server.url)
        timings: tuple[list[float], list[float]] = ([], [])
        for index in range(posts):
            for client, bucket in ((x_client, timings[0]), (li_client, timings[1])):
                start = time.perf_counter()
                client.send(PostContent(f"Bench post {index} (#{index})"), f"k{index}")
                bucket.append((time.perf_counter() - start) * 1000)
        return timings
    finally:
        x_server.close()
        li_server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--posts", type=int, default=50)
    args = parser.parse_args()
    cold = cold_ms(args.runs)
    print(f"descriptors, cold import + read all 8: median {statistics.median(cold):.1f} ms, "
          f"max {max(cold):.1f} ms ({args.runs} runs)")
    escape = escape_ms(200)
    print(f"LinkedIn escaping of 3000 chars: median {statistics.median(escape):.3f} ms")
    x_times, li_times = post_ms(args.posts)
    print(f"text post on loopback: X median {statistics.median(x_times):.1f} ms, LinkedIn "
          f"median {statistics.median(li_times):.1f} ms ({args.posts} posts each)")


if __name__ == "__main__":
    main()
