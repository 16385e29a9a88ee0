"""The documented organisation folder, and how `./dev.sh package --org` judges one.

resources/org-example/ is what the README tells IT to copy: it must load with Twofold's own
loaders, and dropped into a profile's site folder it must change what the check says.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from app.check.policy import load_policy_layers
from app.core.model import Network, Owner, Persona
from app.paths import init_paths
from app.store.managed import load_managed_setup

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "resources" / "org-example"
sys.path.insert(0, str(REPO / "packaging"))

import package  # noqa: E402


def test_example_loads_with_the_apps_own_loaders(tmp_path):
    paths = init_paths(tmp_path / "profile")
    shutil.copytree(EXAMPLE, paths.site_config_dir())

    setup = load_managed_setup(paths)
    assert setup.organisation == "Acme Magazines"
    assert [(a.network, a.handle, a.persona, a.owner) for a in setup.accounts] == [
        (Network.BLUESKY, "acme.bsky.social", Persona.WORK, Owner.EMPLOYER),
        (Network.MASTODON, "acmemag", Persona.WORK, Owner.EMPLOYER),
        (Network.LINKEDIN, "acme-magazines", Persona.WORK, Owner.EMPLOYER),
    ]
    assert set(setup.app_credentials) == {Network.LINKEDIN, Network.X, Network.FACEBOOK,
                                          Network.INSTAGRAM, Network.THREADS, Network.PINTEREST}
    assert setup.policy_pack == paths.site_config_dir() / "policy.toml"
    assert setup.media_host is not None
    assert setup.suggestions_feed == "https://intranet.acme.example/social/suggestions.atom"
    assert [(s.key, s.partner) for s in setup.suggestions] == [
        ("spring-issue", ""), ("brightside-launch", "Brightside Cosmetics")]

    loaded = load_policy_layers(paths, environ={})
    assert not loaded.errors
    assert [layer for layer, _ in loaded.sources] == ["built-in defaults", "organisation"]
    assert loaded.policy.is_locked("conduct.profanity")


def test_example_in_the_site_folder_changes_what_the_check_says(tmp_path, run_cli):
    profile = tmp_path / "profile"
    draft = "Sneak peek: Project Nightjar is nearly ready."
    check = ("--profile-dir", str(profile), "check", "--network", "bluesky",
             "--persona", "work", draft)
    without = run_cli(*check, env={"TWOFOLD_POLICY": ""})
    assert without.returncode == 0, without.stdout + without.stderr

    shutil.copytree(EXAMPLE, profile / "site")
    with_org = run_cli(*check, env={"TWOFOLD_POLICY": ""})
    assert with_org.returncode == 1
    assert "confidential" in with_org.stdout
    assert with_org.stderr == ""


def test_package_accepts_the_example():
    files = package.validate_org(EXAMPLE)
    assert sorted(f.name for f in files) == ["managed.toml", "policy.toml"]
    assert package.org_slug(EXAMPLE) == "acme.magazines"


def _org(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "org"
    folder.mkdir()
    for name, text in files.items():
        (folder / name.replace("_toml", ".toml").replace("_", "-")).write_text(text)
    return folder


@pytest.mark.parametrize(("files", "message"), [
    ({}, "has neither managed.toml nor policy.toml"),
    ({"policy_toml": "version = 1\n[confidential]\nterms = 'x'\n"}, "policy.toml"),
    ({"managed_toml": "organisation = 'A'\nfavourite = 1\n"}, "favourite"),
    ({"managed_toml": "policy_pack = 'other.toml'\n", "other_toml": "version = 1\n",
      "policy_toml": "version = 1\n"}, "reads only managed.toml and other.toml"),
    ({"managed_toml": "policy_pack = 'other.toml'\n"}, "does not exist"),
    ({"managed_toml": "policy_pack = 'other.toml'\n", "other_toml": "version = 2\n"},
     "other.toml"),
])
def test_package_refuses_a_broken_folder_with_a_clear_message(tmp_path, files, message):
    folder = _org(tmp_path, **files)
    with pytest.raises(package.PackagingError, match=message) as caught:
        package.validate_org(folder)
    assert str(folder) in str(caught.value) or "org" in str(caught.value)


def test_policy_pack_outside_the_folder_is_refused(tmp_path):
    folder = _org(tmp_path, managed_toml="policy_pack = '/etc/hosts'\n",
                  policy_toml="version = 1\n")
    with pytest.raises(package.PackagingError, match="policy_pack must name a file in the "
                       "organisation folder"):
        package.validate_org(folder)


def test_package_ships_the_pack_policy_pack_names(tmp_path):
    folder = _org(tmp_path, managed_toml="policy_pack = 'acme-policy.toml'\n",
                  acme_policy_toml="version = 1\n[confidential]\nterms = ['Nightjar']\n")
    files = package.validate_org(folder)
    assert sorted(f.name for f in files) == ["acme-policy.toml", "managed.toml"]
    assert package._org_confidential_term(files) == "Nightjar"
