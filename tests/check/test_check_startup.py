"""What a ``check`` process loads and keeps: only what the check needs (start-up speed), the
compiled word lists and model weights through the profile's cache (never a different answer),
no garbage collector and no interpreter teardown (and only for a check)."""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import subprocess
import sys

import pytest

from app.check.compiled_cache import LEXICONS, MEANING, read_lexicon, read_sealed
from app.cli.parser import COMMAND_MODULE_OF, COMMAND_MODULES
from app.main import main, named_command
from tests.conftest import REPO_ROOT

DRAFT = "Loving the new issue of Acme Magazine! Grab your copy at acmemag.com \u2728 #AcmeGiveaway"
PACK = """version = 1
[employer]
name = "Acme Magazine"
domains = ["acmemag.com"]
hashtags = ["#AcmeGiveaway"]
"""

# Modules a check has no use for; each costs start-up time (and Qt must never load here).
NOT_FOR_A_CHECK = (
    "PySide6", "shiboken6", "requests", "keyring", "sqlite3", "platformdirs",
    "app.store.store", "app.store.secrets", "app.networks.registry", "app.ui",
    *(module for module in COMMAND_MODULES if module != "app.cli.check_cmd"),
)


def _probe(profile, *argv: str) -> dict[str, object]:
    """Run Twofold's ``main(ARGV)`` in a fresh interpreter; report its output, exit code,
    which of NOT_FOR_A_CHECK it imported and whether the collector was left as found."""
    probe = (  # main() as `python -m app` runs it, but returning to tell what it loaded
        "import gc, json, sys\n"
        "from app.main import main\n"
        "try:\n"
        f"    code = main(['--profile-dir', {str(profile)!r}, *{list(argv)!r}])\n"
        "except SystemExit as stop:\n    code = stop.code\n"
        f"loaded = sorted(m for m in sys.modules if m.startswith({NOT_FOR_A_CHECK!r}))\n"
        "print('\\nPROBE ' + json.dumps({'code': code, 'loaded': loaded,"
        " 'gc': gc.isenabled()}))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=REPO_ROOT, check=False, timeout=120)
    head, _, tail = result.stdout.rpartition("\nPROBE ")
    assert tail, result.stderr
    report = json.loads(tail)
    report["stdout"] = head
    report["stderr"] = result.stderr
    return report


@pytest.mark.parametrize("persona", ["personal", "work"])
def test_check_imports_nothing_it_does_not_need(tmp_path, persona):
    pack = tmp_path / "pack.toml"
    pack.write_text(PACK, encoding="utf-8")
    report = _probe(tmp_path / "profile", "check", "--network", "x", "--persona", persona,
                    "--policy", str(pack), "--json", DRAFT)
    assert report["code"] == 1, report["stderr"]  # the employer's giveaway needs attention
    assert report["loaded"] == []
    assert report["gc"] is True  # main() itself leaves the collector alone


LISTS = {"promotion", "personal_life", "conduct", "disclosure", "privacy"}


def _cached_lists(profile) -> set[str]:
    return {path.name.removesuffix(".cache").rsplit("-", 1)[1]
            for path in (profile / "cache").glob(f"{LEXICONS}-*.cache")}


def test_second_check_reads_the_cached_lists_and_model_and_says_the_same(tmp_path):
    profile = tmp_path / "profile"
    argv = ("check", "--network", "x", "--persona", "work", "--json", DRAFT)
    first = _probe(profile, *argv)
    cached = sorted((profile / "cache").glob("*.cache"))
    assert _cached_lists(profile) == LISTS
    assert len(list((profile / "cache").glob(f"{MEANING}-*.cache"))) == 1
    saved = [path.stat().st_mtime_ns for path in cached]
    second = _probe(profile, *argv)
    assert second["stdout"] == first["stdout"]
    assert json.loads(first["stdout"])["findings"]
    assert [path.stat().st_mtime_ns for path in cached] == saved  # read, not written again


def test_a_personal_account_check_never_builds_the_work_only_lists(tmp_path):
    profile = tmp_path / "profile"
    report = _probe(profile, "check", "--network", "x", "--persona", "personal", "--json",
                    "I was so hungover, what a night")  # personal life is fine here
    assert report["code"] == 0, report["stdout"]
    assert _cached_lists(profile) == LISTS - {"personal_life", "conduct"}


@pytest.mark.parametrize("kind", [LEXICONS, MEANING])
def test_check_with_a_damaged_cache_says_the_same_and_repairs_it(tmp_path, kind):
    profile = tmp_path / "profile"
    argv = ("check", "--network", "x", "--persona", "personal", "--json", DRAFT)
    fresh = _probe(profile, *argv)
    (cached,) = (profile / "cache").glob(
        f"{kind}-*-promotion.cache" if kind == LEXICONS else f"{kind}-*.cache")
    key = cached.name.removeprefix(f"{kind}-").removesuffix(".cache")
    intact = cached.read_bytes()
    for damage in (intact[: len(intact) // 2], intact[:-1] + bytes([intact[-1] ^ 1]), b"",
                   b"not a cache at all"):
        cached.write_bytes(damage)
        assert read_sealed(profile / "cache", kind, key) is None
        again = _probe(profile, *argv)
        assert again["stdout"] == fresh["stdout"], again["stderr"]
        assert read_sealed(profile / "cache", kind, key) is not None  # written again, whole
    if kind == LEXICONS:
        assert read_lexicon(profile / "cache", key.removesuffix("-promotion"),
                            "promotion") is not None


@pytest.mark.parametrize(("argv", "paused"), [
    (["check", "--network", "x", "--persona", "work", "hello"], True),
    (["paths", "--json"], False),
    (["--version"], False),
])
def test_only_a_check_process_runs_without_the_collector(tmp_path, argv, paused):
    probe = (
        "import gc, sys\n"
        "import app.main as entry\n"
        "seen = []\n"
        "real_main = entry.main\n"
        "entry.main = lambda argv: seen.append(gc.isenabled()) or real_main(argv)\n"
        "entry.exit_without_teardown = lambda code: None  # to get back here\n"
        f"sys.argv = ['twofold', '--profile-dir', {str(tmp_path)!r}, *{argv!r}]\n"
        "try:\n    entry.run()\nexcept SystemExit:\n    pass\n"
        "print('\\nENABLED', seen)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=REPO_ROOT, check=False, timeout=60)
    assert f"ENABLED [{not paused}]" in result.stdout, result.stderr


def test_main_in_process_leaves_the_collector_on(tmp_path, capsys):
    assert main(["--profile-dir", str(tmp_path), "paths", "--json"]) == 0
    assert gc.isenabled()
    assert "config" in json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("argv", "command"), [
    (["check", "--json", "hi"], "check"),
    (["--profile-dir", "/tmp/p", "check"], "check"),
    (["--profile-dir=/tmp/p", "send-due"], "send-due"),
    (["--profile-dir", "check", "paths"], "paths"),  # "check" is the folder here
    (["--hidden", "queue", "list"], "queue"),
    (["--help"], None), (["--prof", "/tmp/p", "check"], None), (["frobnicate"], None),
    (["--", "check"], None), ([], None),
])
def test_named_command(argv, command):
    assert named_command(argv) == command


def test_command_table_names_what_each_module_registers():
    registered: dict[str, str] = {}
    for module in COMMAND_MODULES:
        subparsers = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(module).register(subparsers)
        registered.update(dict.fromkeys(subparsers.choices, module))
    assert registered == COMMAND_MODULE_OF


def _copy_lists(tmp_path):
    import shutil

    from app.paths import resources_dir

    folder = tmp_path / "lexicons"
    shutil.copytree(resources_dir() / "lexicons", folder)
    return folder


def test_changing_a_list_changes_the_key_and_replaces_the_old_files(tmp_path):
    from app.check.compiled_cache import lexicons_key as cache_key
    from app.check.lexicons import BuiltinLexicons

    folder = _copy_lists(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    before = cache_key(folder)
    first = BuiltinLexicons(folder, cache)
    first.promotion, first.disclosure  # noqa: B018 - compiled, then saved
    assert sorted(path.name for path in cache.iterdir()) == [
        f"lexicons-{before}-disclosure.cache", f"lexicons-{before}-promotion.cache"]
    promotion = folder / "promotion.toml"
    promotion.write_text(promotion.read_text(encoding="utf-8")
                         + '\n[[group]]\nid = "extra"\nterms = ["zorblax deal"]\n',
                         encoding="utf-8")
    after = cache_key(folder)
    assert after is not None and after != before
    second = BuiltinLexicons(folder, cache).promotion
    assert [path.name for path in cache.iterdir()] == [f"lexicons-{after}-promotion.cache"]
    assert len(second.index.terms) == len(first.promotion.index.terms) + 1


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path):
    from app.check.lexicons import BuiltinLexicons

    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the folder should be", encoding="utf-8")
    lists = BuiltinLexicons(_copy_lists(tmp_path), not_a_folder)
    assert lists.promotion.index.terms
    assert not_a_folder.read_text(encoding="utf-8") == "a file where the folder should be"


def test_model_weights_read_through_the_cache_are_the_shipped_ones(tmp_path):
    from app.check.meaning import MeaningModel, model_path

    plain = MeaningModel.read(model_path())
    saved = MeaningModel.read(model_path(), cache_dir=tmp_path)  # unpacks, then keeps
    (kept,) = tmp_path.glob(f"{MEANING}-*.cache")
    again = MeaningModel.read(model_path(), cache_dir=tmp_path)  # from the kept file
    for model in (saved, again):
        assert model.weights == plain.weights
        assert (model.scales, model.biases) == (plain.scales, plain.biases)
    assert kept.exists()


def test_a_check_process_ends_quickly_with_all_output_and_its_exit_code(run_cli, tmp_path):
    # Over the limit, as a thread: kilobytes of JSON, the end of it still in stdout's buffer
    # when the command returns.
    long_text = " ".join(f"Sentence number {n} about the canal walk." for n in range(60))
    result = run_cli("--profile-dir", str(tmp_path), "check", "--network", "x", "--persona",
                     "personal", "--thread", "--json", long_text)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert len(payload["thread"]) == 10
    assert "".join(payload["thread"]).count("Sentence number") == 60
    usage = run_cli("--profile-dir", str(tmp_path), "check", "--network", "x")
    assert usage.returncode == 2 and "persona" in usage.stderr
    found = run_cli("--profile-dir", str(tmp_path), "check", "--network", "x", "--persona",
                    "work", "I was so hungover at the office party")
    assert found.returncode == 1 and "hungover" in found.stdout


def test_exit_without_teardown_runs_the_exit_handlers_and_keeps_the_code(tmp_path):
    marker = tmp_path / "handler-ran"
    probe = (
        "import atexit, pathlib, sys\n"
        "from app.main import exit_without_teardown\n"
        f"atexit.register(lambda: pathlib.Path({str(marker)!r}).write_text('yes'))\n"
        "sys.stdout.write('buffered, not yet flushed')\n"
        "exit_without_teardown(3)\n"
        "sys.exit(99)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=REPO_ROOT, check=False, timeout=60)
    assert result.returncode == 3
    assert result.stdout == "buffered, not yet flushed"
    assert marker.read_text() == "yes"


def test_exit_without_teardown_leaves_it_to_a_normal_exit_while_a_thread_runs(tmp_path):
    probe = (
        "import sys, threading, time\n"
        "from app.main import exit_without_teardown\n"
        "worker = threading.Thread(target=lambda: (time.sleep(0.3), print('thread done')))\n"
        "worker.start()\n"
        "exit_without_teardown(3)\n"
        "sys.exit(4)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=REPO_ROOT, check=False, timeout=60)
    assert result.returncode == 4
    assert "thread done" in result.stdout


def test_lists_read_back_from_the_cache_give_every_sanity_draft_the_same_result(
        tmp_path, monkeypatch):
    from dataclasses import replace
    from datetime import UTC, datetime

    from app.check import lexicons
    from app.check.engine import check_draft
    from app.check.report import dumps
    from app.core.model import CheckTarget, Network, Owner, Persona
    from tests.check.sanity_set import NEGATIVES, POSITIVES
    from tests.check.unseen_corpus import pack_policy

    accounts = {"p": CheckTarget(Network.X, Persona.PERSONAL),
                "w": CheckTarget(Network.X, Persona.WORK),
                "b": CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)}
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    drafts = [(account, text) for _, account, text, _ in [*POSITIVES, *NEGATIVES]]

    def results() -> list[str]:
        policy = replace(pack_policy("kestrel"))  # a fresh copy: compiled anew
        return [dumps(check_draft(text, accounts[account], policy=policy, now=now))
                for account, text in drafts]

    folder = (lexicons.resources_dir() / "lexicons").resolve()
    monkeypatch.setattr(lexicons, "_LOADED", {folder: lexicons.BuiltinLexicons(folder)})
    fresh = results()
    saving = lexicons.BuiltinLexicons(folder, tmp_path)
    for name in ("promotion", "personal", "conduct", "disclosure", "privacy"):
        getattr(saving, name)  # compiled and saved
    assert len(list(tmp_path.glob("lexicons-*.cache"))) == 5
    monkeypatch.setattr(lexicons, "_LOADED", {folder: lexicons.BuiltinLexicons(folder, tmp_path)})
    assert results() == fresh
