"""Sharing a suggestion: only the Work accounts get it — on the local Bluesky server and the X
and LinkedIn contract servers — with the right disclosure at the start."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.linkedin_server import LinkedInContractServer
from tests.pds_harness import LocalPDS
from tests.suggestions.test_suggestions_cli import Cli, organisation
from tests.x_server import XContractServer


@pytest.mark.integration
def test_share_reaches_only_work_accounts_with_the_disclosure_first(
        local_pds: LocalPDS, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    cli = Cli(profile)
    organisation(profile)
    x_server, linkedin = XContractServer(), LinkedInContractServer()
    try:
        work, home = local_pds.new_account("sgwork"), local_pds.new_account("sghome")
        for account, persona in ((work, "work"), (home, "personal")):
            code, out, err = cli("accounts", "add", "--network", "bluesky", "--server",
                                 local_pds.url, "--handle", account.handle, "--persona",
                                 persona, stdin=local_pds.app_password(account) + "\n")
            assert code == 0, out + err
        x_user = x_server.add_user("acmex")
        access, refresh = x_server.issue_tokens(x_user)
        x_secret = {"token": access, "refresh_token": refresh,
                    "expires_at": str(int(time.time() + 7200)), "client_id": x_server.client_id}
        assert cli("accounts", "add", "--network", "x", "--server", x_server.url, "--handle",
                   "acmex", "--persona", "work", stdin=json.dumps(x_secret))[0] == 0
        member = linkedin.add_member("Jo Home")
        li_secret = {"token": linkedin.issue_token(member),
                     "expires_at": str(int(time.time() + 5_184_000))}
        assert cli("accounts", "add", "--network", "linkedin", "--server", linkedin.url,
                   "--handle", "jo", "--persona", "personal",
                   stdin=json.dumps(li_secret))[0] == 0

        code, out, err = cli("suggestions", "refresh")
        assert code == 0, out + err
        spring, glow = cli.suggestions()
        assert (spring["partner"], glow["partner"]) == ("", "Brightside Cosmetics")

        code, out, err = cli("suggestions", "share", str(spring["id"]), "--work", "--yes")
        assert code == 0, out + err
        assert "still your employer's wording" in err and "Promotion budget" in err
        [posted] = [p["value"]["text"] for p in local_pds.list_posts(work)]
        assert posted.startswith("#employee Our spring issue is out now")
        assert posted.endswith("https://acmemag.example/spring")
        [tweet] = [t["sent_text"] for t in x_server.tweets_of(x_user)]
        assert tweet.startswith("#employee ")
        assert local_pds.list_posts(home) == []
        assert linkedin.posts_by(f"urn:li:person:{member.sub}") == []

        mine = "#ad I tried the Glow serum from Brightside this week and it is lovely."
        code, out, err = cli("suggestions", "share", str(glow["id"]), "--work", "--yes",
                             "--text", "I tried the Glow serum from Brightside this week and "
                             "it is lovely.")
        assert code == 0, out + err
        assert "own words" in err
        texts = [p["value"]["text"] for p in local_pds.list_posts(work)]
        assert mine in texts
        assert [t["sent_text"] for t in x_server.tweets_of(x_user)][-1] == mine
        assert local_pds.list_posts(home) == []
        assert [s["state"] for s in cli.suggestions()] == ["shared", "shared"]
    finally:
        x_server.close()
        linkedin.close()


@pytest.mark.integration
def test_a_suggestions_image_goes_with_it(local_pds: LocalPDS, tmp_path: Path) -> None:
    from tests.feed_server import FeedServer, json_feed
    from tests.networks.helpers import png_bytes

    profile = tmp_path / "profile"
    cli = Cli(profile)
    feeds = FeedServer()
    try:
        image = feeds.serve("/cover.png", png_bytes(6, 4), "image/png")
        organisation(profile, feeds.serve("/f.json", json_feed(
            {"id": "cover", "title": "Cover", "content_text": "The new cover, out Friday.",
             "image": image}), "application/feed+json"))
        work = local_pds.new_account("sgimage")
        code, out, err = cli("accounts", "add", "--network", "bluesky", "--server",
                             local_pds.url, "--handle", work.handle, "--persona", "work",
                             stdin=local_pds.app_password(work) + "\n")
        assert code == 0, out + err
        assert cli("suggestions", "refresh")[0] == 0
        cover = next(s for s in cli.suggestions() if s["title"] == "Cover")
        assert cover["images"] == [image]
        code, out, err = cli("suggestions", "share", str(cover["id"]), "--work", "--yes")
        assert code == 0, out + err
        [post] = [p["value"] for p in local_pds.list_posts(work)]
        assert post["text"] == "#employee The new cover, out Friday."
        assert post["embed"]["$type"] == "app.bsky.embed.images"
        assert len(post["embed"]["images"]) == 1
    finally:
        feeds.close()
