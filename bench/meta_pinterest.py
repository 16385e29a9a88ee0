"""What the Facebook, Instagram, Threads and Pinterest modules cost: importing them (what the
account dialog adds the first time it lists networks) and one post to each contract server
on 127.0.0.1 (Instagram: upload to the media host, container, status read, publish,
permalink; the network's own processing time is not in it).

    .venv/bin/python bench/meta_pinterest.py [--runs 9] [--posts 20]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLD = """
import time, sys
from app.networks import registry
from app.core.model import Network
start = time.perf_counter()
for network in (Network.FACEBOOK, Network.INSTAGRAM, Network.THREADS, Network.PINTEREST):
    registry.descriptor(network)
elapsed = time.perf_counter() - start
assert "requests" not in sys.modules and "PIL" not in sys.modules
print(f"{elapsed * 1000:.3f}")
"""


def cold_ms(runs: int) -> list[float]:
    return [float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True,
                                 cwd=ROOT, check=True).stdout) for _ in range(runs)]


def post_ms(posts: int) -> dict[str, list[float]]:
    from app.core.model import ImageAttachment
    from app.networks.facebook import FacebookPageClient
    from app.networks.instagram import InstagramClient
    from app.networks.oauth import RotatingToken, TokenSet
    from app.networks.pinterest import PinterestClient
    from app.networks.ports import PostContent
    from app.networks.threads import ThreadsClient
    from app.store.managed import MediaHost
    from tests.meta_server import MediaHostServer, MetaContractServer
    from tests.networks.helpers import write_png
    from tests.pinterest_server import PinterestContractServer
    from tests.threads_server import ThreadsContractServer

    meta, host = MetaContractServer(), MediaHostServer()
    threads, pinterest = ThreadsContractServer(), PinterestContractServer()
    try:
        with TemporaryDirectory() as folder:
            image = (ImageAttachment(write_png(Path(folder), "bench.png", 64, 64), "Bench"),)
            user = meta.add_user("Bench")
            page = meta.add_page(user, "Bench Page", instagram="bench")
            ig = meta.ig_of(page)
            ig.quota_total = 10 * posts
            profile = threads.add_profile("bench")
            pin_user = pinterest.add_user("bench")
            access, _ = pinterest.issue(pin_user)
            clients = {
                "Facebook text": (FacebookPageClient(page.token, page.id, api=meta.url), ()),
                "Facebook 1 image": (FacebookPageClient(page.token, page.id, api=meta.url),
                                     image),
                "Instagram 1 image": (InstagramClient(
                    meta.user_token(user), ig.id, api=meta.url, username="bench",
                    media_host=MediaHost(f"{host.url}/upload/{{name}}?key=upload-key")),
                    image),
                "Threads text": (ThreadsClient(threads.token_for(profile), profile.id,
                                               api=threads.url), ()),
                "Pinterest pin": (PinterestClient(
                    RotatingToken(TokenSet(access), refresh=None), next(iter(pin_user.boards)),
                    api=pinterest.url), image),
            }
            timings: dict[str, list[float]] = {name: [] for name in clients}
            for index in range(posts):
                for name, (client, images) in clients.items():
                    content = PostContent(f"Bench post {index}", images=images)
                    start = time.perf_counter()
                    client.send(content, f"k{index}")  # type: ignore[attr-defined]
                    timings[name].append((time.perf_counter() - start) * 1000)
            return timings
    finally:
        for server in (meta, host, threads, pinterest):
            server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--posts", type=int, default=20)
    args = parser.parse_args()
    cold = cold_ms(args.runs)
    print(f"Facebook+Instagram+Threads+Pinterest descriptors, cold: median "
          f"{statistics.median(cold):.1f} ms, max {max(cold):.1f} ms ({args.runs} runs)")
    for name, values in post_ms(args.posts).items():
        print(f"{name} on loopback: median {statistics.median(values):.1f} ms "
              f"({args.posts} posts)")


if __name__ == "__main__":
    main()
