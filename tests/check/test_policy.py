"""Policy packs: the schema, clear errors for malformed packs, layers, locks, last good pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.engine import check_draft
from app.check.policy import (
    LAYER_ORGANISATION,
    LAYER_USER,
    POLICY_ENV,
    Policy,
    PolicyError,
    PolicyKeeper,
    PromotionLimit,
    load_policy_file,
    load_policy_layers,
)
from app.core.model import CheckTarget, Network, Persona
from app.paths import init_paths


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_example_pack_loads_every_section(acme):
    assert acme.employer is not None and acme.employer.name == "Acme Magazine"
    assert acme.employer.aliases == ("Acme Mag", "@acmemag")
    assert acme.employer.domains == ("acmemag.com",)
    assert [p.name for p in acme.partners] == ["Brightside Cosmetics"]
    assert "#AcmePartner" in acme.accepted_disclosures
    assert acme.within_chars == 100
    assert acme.confidential_terms == ("Project Falcon",)
    assert acme.personal_limit == PromotionLimit(1, 7)
    assert acme.work_limit == PromotionLimit(3, 1)


def test_only_version_is_required(tmp_path):
    policy = load_policy_file(write(tmp_path / "p.toml", "version = 1\n"))
    assert policy == Policy.default()


MALFORMED = [
    # (file text, line, key, words in the message)
    ("version = 1\n[employer]\nname = \"Acme\"\naliases = [\"a\", \n", 4, None,
     "not valid TOML"),
    ("version = 1\n[disclosure]\nwithin_chars = 10 0\n", 3, "disclosure.within_chars",
     "not valid TOML"),
    ("version = 1\n[employer]\nname = \"Acme\"\nslogan = \"Hi\"\n", 4, "employer.slogan",
     "not a setting"),
    ("version = 1\n[disclosure]\nwithin_chars = \"100\"\n", 3, "disclosure.within_chars",
     "whole number"),
    ("version = 1\n[confidential]\nterms = \"Project Falcon\"\n", 3, "confidential.terms",
     "list of texts"),
    ("[employer]\nname = \"Acme\"\n", 1, "version", "version"),
    ("version = 2\n", 1, "version", "must be 1"),
    ("version = 1\n\n[promotion_limits]\npersonal = { posts = \"one\", days = 7 }\n", 4,
     "promotion_limits.personal.posts", "whole number"),
    ("version = 1\n[promotion_limits]\nwork = { posts = 3 }\n", 3,
     "promotion_limits.work.days", "missing"),
    ("version = 1\n[[partners]]\nname = \"A\"\n[[partners]]\naliases = [\"B\"]\n", 4,
     "partners[2].name", "needs a name"),
    ("version = 1\n[rules]\n\"conduct.swearing\" = \"block\"\n", 3, "rules.conduct.swearing",
     "not a rule"),
    ("version = 1\n[rules]\nconduct = \"loud\"\n", 3, "rules.conduct", "must be one of"),
    ("version = 1\nunknown_section = true\n", 2, "unknown_section", "not a setting"),
    # A partner's own accounts: a list of handles, each one handle, each one partner's.
    ("version = 1\n[[partners]]\nname = \"Crunchly\"\naccounts = \"@crunchly\"\n", 4,
     "partners[1].accounts", "list of texts"),
    ("version = 1\n[[partners]]\nname = \"Crunchly\"\naccounts = [\"https://x.com/crunchly\"]\n",
     4, "partners[1].accounts", "not an account handle"),
    ("version = 1\n[[partners]]\nname = \"Crunchly\"\naccounts = [\"Crunchly Snacks\"]\n", 4,
     "partners[1].accounts", '"@crunchly@mastodon.social"'),
    ("version = 1\n[[partners]]\nname = \"Crunchly\"\naccounts = [\"@crunchly\", 7]\n", 4,
     "partners[1].accounts", "must be text in quotes"),
    ("version = 1\n[[partners]]\nname = \"A\"\naccounts = [\"@crunchly\"]\n[[partners]]\n"
     "name = \"B\"\naccounts = [\"Crunchly\"]\n", 7, "partners[2].accounts",
     "already the account of partner 'A'"),
    ("version = 1\n[employer]\nname = \"Brightwave\"\naccounts = [\"@brightwave\"]\n", 4,
     "employer.accounts", "not a setting"),
]


@pytest.mark.parametrize(("text", "line", "key", "words"), MALFORMED)
def test_malformed_pack_error_names_file_line_and_key(tmp_path, text, line, key, words):
    path = write(tmp_path / "broken.toml", text)
    with pytest.raises(PolicyError) as caught:
        load_policy_file(path)
    error = caught.value
    assert error.path == path
    assert error.line == line
    if key is not None:
        assert error.key == key
        assert f"key '{key}'" in str(error)
    message = str(error)
    assert str(path) in message and f"line {line}" in message
    assert words in message


def test_missing_and_undecodable_files(tmp_path):
    with pytest.raises(PolicyError, match="does not exist"):
        load_policy_file(tmp_path / "nope.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes(b"version = 1\n# caf\xe9\n")
    with pytest.raises(PolicyError, match="UTF-8") as caught:
        load_policy_file(path)
    assert caught.value.line == 2


def paths_for(tmp_path: Path):
    return init_paths(tmp_path / "profile")


def test_layers_add_up_and_user_values_win(tmp_path):
    paths = paths_for(tmp_path)
    write(paths.site_config_root / "policy.toml",
          'version = 1\n[employer]\nname = "Acme"\n[confidential]\nterms = ["Falcon"]\n'
          "[disclosure]\nwithin_chars = 120\n")
    write(paths.config_root / "policy.toml",
          'version = 1\n[confidential]\nterms = ["Heron"]\n[disclosure]\nwithin_chars = 80\n'
          '[[partners]]\nname = "Brightside"\n')
    loaded = load_policy_layers(paths, environ={})
    assert loaded.errors == []
    assert [layer for layer, _ in loaded.sources][1:] == [LAYER_ORGANISATION, LAYER_USER]
    policy = loaded.policy
    assert policy.confidential_terms == ("Falcon", "Heron")
    assert policy.within_chars == 80
    assert policy.employer.name == "Acme"
    assert [p.name for p in policy.partners] == ["Brightside"]


def test_environment_variable_names_the_organisation_pack(tmp_path):
    paths = paths_for(tmp_path)
    org = write(tmp_path / "it" / "acme.toml", 'version = 1\n[confidential]\nterms = ["Kite"]\n')
    loaded = load_policy_layers(paths, environ={POLICY_ENV: str(org)})
    assert loaded.policy.confidential_terms == ("Kite",)
    assert (LAYER_ORGANISATION, org) in loaded.sources
    missing = load_policy_layers(paths, environ={POLICY_ENV: str(tmp_path / "gone.toml")})
    assert missing.errors and "does not exist" in str(missing.errors[0])


def test_explicit_pack_replaces_the_user_pack(tmp_path):
    paths = paths_for(tmp_path)
    write(paths.config_root / "policy.toml", 'version = 1\n[confidential]\nterms = ["Heron"]\n')
    explicit = write(tmp_path / "other.toml", 'version = 1\n[confidential]\nterms = ["Owl"]\n')
    loaded = load_policy_layers(paths, explicit=explicit, environ={})
    assert loaded.policy.confidential_terms == ("Owl",)


def test_organisation_locks_cannot_be_lowered_by_the_user(tmp_path):
    paths = paths_for(tmp_path)
    write(paths.site_config_root / "policy.toml",
          'version = 1\n[rules]\n"conduct.profanity" = { severity = "block", locked = true }\n'
          'disclosure = { locked = true }\nfrequency = { locked = true }\n'
          "[disclosure]\nwithin_chars = 100\n"
          "[promotion_limits]\npersonal = { posts = 1, days = 7 }\n")
    write(paths.config_root / "policy.toml",
          'version = 1\n[rules]\nconduct = "off"\n"disclosure.missing" = "info"\n'
          '"persona.personal_life" = "off"\n'
          '[disclosure]\naccepted = ["#sp"]\nwithin_chars = 500\n'
          "[promotion_limits]\npersonal = { posts = 5, days = 1 }\n")
    loaded = load_policy_layers(paths, environ={})
    policy = loaded.policy
    assert policy.severity_for("conduct.profanity", "warn") == "block"
    assert policy.severity_for("conduct.insult", "warn") == "off"  # not locked: user's choice
    assert policy.severity_for("disclosure.missing", "block") == "block"
    assert policy.severity_for("persona.personal_life", "warn") == "off"
    assert policy.within_chars == 100
    assert "#sp" not in policy.accepted_disclosures
    assert policy.personal_limit == PromotionLimit(1, 7)
    assert any("locked" in notice for notice in loaded.notices)
    # ...and the check itself enforces the locked rule.
    result = check_draft("what a shit day", CheckTarget(Network.X, Persona.WORK), policy=policy)
    assert [f.severity.value for f in result.findings if f.rule == "conduct.profanity"] == [
        "block"]


def test_user_may_make_a_locked_rule_stricter(tmp_path):
    paths = paths_for(tmp_path)
    write(paths.site_config_root / "policy.toml",
          'version = 1\n[rules]\n"persona.personal_life" = { locked = true }\n')
    write(paths.config_root / "policy.toml",
          'version = 1\n[rules]\n"persona.personal_life" = "block"\n')
    policy = load_policy_layers(paths, environ={}).policy
    assert policy.severity_for("persona.personal_life", "warn") == "block"


def test_a_bad_layer_is_reported_and_skipped(tmp_path):
    paths = paths_for(tmp_path)
    write(paths.site_config_root / "policy.toml", 'version = 1\n[confidential]\nterms = ["K"]\n')
    write(paths.config_root / "policy.toml", "version = 1\n[confidential\n")
    loaded = load_policy_layers(paths, environ={})
    assert len(loaded.errors) == 1
    assert loaded.errors[0].path == paths.config_root / "policy.toml"
    assert loaded.policy.confidential_terms == ("K",)


def test_keeper_keeps_the_last_good_pack(tmp_path):
    paths = paths_for(tmp_path)
    user = write(paths.config_root / "policy.toml",
                 'version = 1\n[confidential]\nterms = ["Project Falcon"]\n')
    keeper = PolicyKeeper(paths, environ={})
    assert keeper.reload().errors == []
    assert keeper.policy.confidential_terms == ("Project Falcon",)
    user.write_text('version = 1\n[confidential]\nterms = ["Project Falcon"\n', encoding="utf-8")
    loaded = keeper.reload()
    assert loaded.errors and loaded.errors[0].line is not None
    assert keeper.policy.confidential_terms == ("Project Falcon",)
    assert any("last good" in notice for notice in loaded.notices)
    user.write_text('version = 1\n[confidential]\nterms = ["Heron"]\n', encoding="utf-8")
    assert keeper.reload().errors == []
    assert keeper.policy.confidential_terms == ("Heron",)


def test_pack_word_lists_extend_and_allow(tmp_path):
    policy = load_policy_file(write(tmp_path / "p.toml",
                                    'version = 1\n[lexicon]\npersonal = ["book club"]\n'
                                    'conduct = ["blimey"]\nallow = ["hungover"]\n'
                                    'promotion = ["members week"]\n'))
    work = CheckTarget(Network.X, Persona.WORK)
    personal = CheckTarget(Network.X, Persona.PERSONAL)
    assert {f.rule for f in check_draft("Book club tonight!", work, policy=policy).findings} == {
        "persona.personal_life"}
    assert {f.rule for f in check_draft("Blimey", work, policy=policy).findings} == {
        "conduct.profanity"}
    assert check_draft("so hungover", work, policy=policy).verdict == "ok"
    assert "persona.promotion" in {f.rule for f in check_draft(
        "It's members week!", personal, policy=policy).findings}


def test_pack_limits_set_a_network_length(tmp_path):
    pack = write(tmp_path / "p.toml", "version = 1\n[limits]\nmastodon = 1000\n")
    policy = load_policy_file(pack)
    target = CheckTarget(Network.MASTODON, Persona.WORK)
    assert check_draft("a" * 800, target, policy=policy).verdict == "ok"
    assert check_draft("a" * 800, target).verdict == "block"


def test_partner_accounts_load_merge_across_layers_and_respect_a_locked_disclosure(tmp_path):
    paths = paths_for(tmp_path)
    write(paths.site_config_root / "policy.toml",
          'version = 1\n[[partners]]\nname = "Crunchly"\n'
          'accounts = ["@crunchly", "crunchly.bsky.social", "@crunchly@mastodon.social"]\n')
    write(paths.config_root / "policy.toml",
          'version = 1\n[[partners]]\nname = "crunchly"\naccounts = ["@crunchly_uk", "@Crunchly"]\n'
          '[[partners]]\nname = "Zestio"\naccounts = ["@zestio"]\n')
    loaded = load_policy_layers(paths, environ={})
    assert loaded.errors == [] and loaded.notices == []
    crunchly, zestio = loaded.policy.partners
    assert crunchly.accounts == ("@crunchly", "crunchly.bsky.social",
                                 "@crunchly@mastodon.social", "@crunchly_uk")
    assert loaded.policy.client_for("CRUNCHLY_UK") is crunchly
    assert loaded.policy.client_for("@zestio") is zestio
    assert loaded.policy.client_for("@nobody") is None
    assert loaded.policy.client_for("") is None
    # An account needs no ad label for its own brand: with the disclosure rules locked, the
    # user cannot name more of them.
    write(paths.site_config_root / "policy.toml",
          'version = 1\n[rules]\ndisclosure = { locked = true }\n[[partners]]\n'
          'name = "Crunchly"\naccounts = ["@crunchly"]\n')
    locked = load_policy_layers(paths, environ={})
    crunchly, zestio = locked.policy.partners
    assert crunchly.accounts == ("@crunchly",) and zestio.accounts == ()
    assert locked.policy.client_for("@zestio") is None
    assert any("partner accounts listed here are ignored" in n for n in locked.notices)
