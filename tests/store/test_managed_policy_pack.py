"""``policy_pack`` in the organisation file names the organisation's policy pack (relative to
the organisation folder): the check and posting apply that pack, and a named pack that is
missing or broken fails closed exactly like a broken ``policy.toml`` — the last good copy, or
posting refused."""

from __future__ import annotations

import shutil
import textwrap

import pytest

from app.check.policy import (
    LAYER_ORGANISATION,
    POLICY_ENV,
    kept_copy_path,
    load_policy_layers,
    organisation_pack_path,
)
from app.paths import AppPaths
from app.store.managed import MANAGED_FILENAME, load_managed_setup, named_policy_pack

NIGHTJAR_PACK = 'version = 1\n[confidential]\nterms = ["Project Nightjar"]\n'
FALCON_PACK = 'version = 1\n[confidential]\nterms = ["Project Falcon"]\n'
BROKEN_PACK = 'version = 1\n[confidential]\nterms = ["Project Nightjar"\n'  # unclosed list
REFUSED = "Your organisation's policy cannot be read:"


@pytest.fixture(autouse=True)
def no_policy_override(monkeypatch):
    monkeypatch.delenv(POLICY_ENV, raising=False)


def _site(paths: AppPaths, managed: str, **packs: str):
    site = paths.site_config_dir()
    site.mkdir(parents=True, exist_ok=True)
    (site / MANAGED_FILENAME).write_text(textwrap.dedent(managed), encoding="utf-8")
    for name, text in packs.items():
        (site / name).write_text(text, encoding="utf-8")
    return site


def test_the_named_pack_is_the_organisations_layer(paths):
    site = _site(paths, 'policy_pack = "acme-policy.toml"\n',
                 **{"acme-policy.toml": NIGHTJAR_PACK, "policy.toml": FALCON_PACK})
    assert organisation_pack_path(paths) == site / "acme-policy.toml"
    loaded = load_policy_layers(paths)
    assert loaded.errors == [] and not loaded.policy.posting_refused
    assert (LAYER_ORGANISATION, site / "acme-policy.toml") in loaded.sources
    # The named pack applies, not policy.toml lying beside it.
    assert loaded.policy.confidential_terms == ("Project Nightjar",)


def test_without_the_key_policy_toml_applies_as_before(paths):
    site = _site(paths, 'organisation = "Acme"\n', **{"policy.toml": FALCON_PACK})
    assert named_policy_pack(paths) is None
    loaded = load_policy_layers(paths)
    assert (LAYER_ORGANISATION, site / "policy.toml") in loaded.sources
    assert loaded.policy.confidential_terms == ("Project Falcon",)


def test_a_missing_named_pack_refuses_posting_and_the_rest_of_the_file_still_loads(paths):
    site = _site(paths, '''\
        organisation = "Acme"
        policy_pack = "acme-policy.toml"

        [[accounts]]
        network = "bluesky"
        handle = "acme.bsky.social"
        persona = "work"
        ''', **{"policy.toml": FALCON_PACK})
    loaded = load_policy_layers(paths)
    assert loaded.policy.posting_refused.startswith(REFUSED)
    assert str(site / "acme-policy.toml") in loaded.policy.posting_refused
    assert "does not exist" in loaded.policy.posting_refused
    # policy.toml is no stand-in for the pack IT named.
    assert "Project Falcon" not in loaded.policy.confidential_terms
    setup = load_managed_setup(paths)  # the accounts are still offered
    assert [a.handle for a in setup.accounts] == ["acme.bsky.social"]


def test_a_broken_named_pack_falls_back_to_its_last_good_copy(paths):
    site = _site(paths, 'policy_pack = "acme-policy.toml"\n',
                 **{"acme-policy.toml": NIGHTJAR_PACK})
    assert load_policy_layers(paths).errors == []  # read cleanly once: a copy is kept
    (site / "acme-policy.toml").write_text(BROKEN_PACK, encoding="utf-8")
    loaded = load_policy_layers(paths)
    assert not loaded.policy.posting_refused
    assert any("using the copy from" in notice for notice in loaded.notices)
    assert loaded.policy.confidential_terms == ("Project Nightjar",)


def test_a_broken_named_pack_with_no_copy_refuses_posting(paths):
    site = _site(paths, 'policy_pack = "acme-policy.toml"\n', **{"acme-policy.toml": BROKEN_PACK})
    refused = load_policy_layers(paths).policy.posting_refused
    assert refused.startswith(REFUSED) and str(site / "acme-policy.toml") in refused


def test_an_unreadable_organisation_file_fails_closed(paths):
    """When managed.toml is not TOML, which pack it names cannot be known: never fail open."""
    site = _site(paths, 'policy_pack = "acme-policy.toml\n', **{"acme-policy.toml": NIGHTJAR_PACK})
    refused = load_policy_layers(paths).policy.posting_refused
    assert refused.startswith(REFUSED)
    assert str(site / MANAGED_FILENAME) in refused and "not valid TOML" in refused


def test_a_mistake_elsewhere_in_the_file_does_not_hide_the_pack(paths):
    _site(paths, '''\
        policy_pack = "acme-policy.toml"

        [[accounts]]
        network = "myspace"
        handle = "acme"
        persona = "work"
        ''', **{"acme-policy.toml": NIGHTJAR_PACK})
    loaded = load_policy_layers(paths)
    assert not loaded.policy.posting_refused
    assert loaded.policy.confidential_terms == ("Project Nightjar",)


def test_the_command_line_check_and_post_use_the_named_pack(paths, run_cli):
    site = _site(paths, 'policy_pack = "acme-policy.toml"\n',
                 **{"acme-policy.toml": NIGHTJAR_PACK})
    check = ("check", "--network", "bluesky", "--persona", "work",
             "Sneak peek: Project Nightjar is nearly ready.")
    flagged = run_cli(*check, env={POLICY_ENV: ""})
    assert flagged.returncode == 1, flagged.stdout + flagged.stderr
    assert "confidential" in flagged.stdout

    added = run_cli("accounts", "add", "--network", "bluesky", "--handle", "jo.bsky.social",
                    "--persona", "work", "--no-verify", input="app-password-1\n",
                    env={POLICY_ENV: ""})
    assert added.returncode == 0, added.stderr
    (site / "acme-policy.toml").unlink()
    shutil.rmtree(kept_copy_path(paths).parent)  # the check kept a copy; now there is none
    posted = run_cli("post", "--work", "--yes", "Lunch at noon", env={POLICY_ENV: ""})
    assert posted.returncode == 1
    assert REFUSED in posted.stderr and str(site / "acme-policy.toml") in posted.stderr
