"""The ``check`` command, end to end in a subprocess: the contract others script against."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

KEYS = {"rule", "category", "severity", "message", "spans", "fixes"}


def check(run_cli, *args, input=None, env=None):
    return run_cli("check", *args, input=input, env=env)


def test_clean_draft_exits_0_with_ok_json(run_cli):
    result = check(run_cli, "--network", "x", "--persona", "work", "--json",
                   "Long day at the office")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "verdict": "ok", "findings": [],
        "length": {"count": 22, "limit": 280, "unit": "weighted characters"}}


@pytest.mark.parametrize(("network", "text", "length"), [
    # X: a link costs 23 whatever its length, a bare country-code name included.
    ("x", "see https://example.com/a/very/long/path and docs.rs",
     {"count": 4 + 23 + 5 + 23, "limit": 280, "unit": "weighted characters"}),
    # Mastodon: only http(s) links cost 23; @user@server counts as @user.
    ("mastodon", "hi @eve@social.example see https://example.com/long/path docs.rs",
     {"count": 3 + 4 + 5 + 23 + 8, "limit": 500, "unit": "characters"}),
    # Bluesky: graphemes as written (the family emoji is one).
    ("bluesky", "Family \U0001f468\u200d\U0001f469\u200d\U0001f467 https://example.com",
     {"count": 7 + 1 + 1 + 19, "limit": 300, "unit": "graphemes"}),
])
def test_json_gives_the_length_the_network_counts(run_cli, network, text, length):
    result = check(run_cli, "--network", network, "--persona", "personal", "--json", text)
    assert json.loads(result.stdout)["length"] == length, result.stderr


def test_findings_json_shape_and_exit_1(run_cli, pack_file):
    text = "Launching Project Falcon with Brightside, get 20% off!"
    result = check(run_cli, "--network", "bluesky", "--persona", "personal", "--policy",
                   str(pack_file), "--json", text)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"verdict", "findings", "length"}
    assert data["verdict"] == "block"
    for finding in data["findings"]:
        assert set(finding) == KEYS
        assert finding["severity"] in ("info", "warn", "block")
        for span in finding["spans"]:
            assert set(span) == {"start", "end"}
        for fix in finding["fixes"]:
            assert set(fix) == {"label", "action", "edits"}
    confidential = next(f for f in data["findings"] if f["rule"] == "confidential.term")
    span = confidential["spans"][0]
    assert text[span["start"]:span["end"]] == "Project Falcon"
    assert confidential["category"] == "confidential"


def test_warn_only_also_exits_1(run_cli):
    result = check(run_cli, "--network", "x", "--persona", "work", "--json", "So hungover")
    assert result.returncode == 1
    assert json.loads(result.stdout)["verdict"] == "warn"


def test_info_only_exits_0(run_cli):
    result = check(run_cli, "--network", "x", "--persona", "work", "--json",
                   "Questions? press@example.org")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["verdict"] == "ok" and data["findings"][0]["severity"] == "info"


@pytest.mark.parametrize("dash", [True, False])
def test_reads_stdin_as_utf8(run_cli, dash):
    args = ["--network", "x", "--persona", "work", "--json"] + (["-"] if dash else [])
    result = check(run_cli, *args, input="Swearing? what a sh\u0456t day\n")
    assert result.returncode == 1, result.stderr
    finding = json.loads(result.stdout)["findings"][0]
    assert finding["rule"] == "conduct.profanity"
    assert finding["spans"] == [{"start": 17, "end": 21}]


def test_empty_stdin_is_a_blocked_empty_post(run_cli):
    result = check(run_cli, "--network", "x", "--persona", "work", "--json", input="\n")
    assert result.returncode == 1
    assert json.loads(result.stdout)["findings"][0]["rule"] == "limit.empty"


def test_history_and_now(run_cli, tmp_path):
    history = tmp_path / "history.jsonl"
    lines = [
        {"network": "x", "persona": "work", "owner": "self",
         "text": "Thrilled to share our annual report today", "posted_at": "2026-11-24T09:00:00Z"},
        {"network": "bluesky", "persona": "personal", "owner": "self",
         "text": "unrelated", "posted_at": "2026-11-20T09:00:00Z"},
    ]
    history.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n", encoding="utf-8")
    args = ["--network", "x", "--persona", "work", "--history", str(history), "--json",
            "Thrilled to share our annual report today"]
    soon = check(run_cli, *args[:-1], "--now", "2026-11-24T10:00:00Z", args[-1])
    assert soon.returncode == 1, soon.stderr
    assert "duplicate.same_account" in {f["rule"] for f in json.loads(soon.stdout)["findings"]}
    later = check(run_cli, *args[:-1], "--now", "2027-03-01T10:00:00+00:00", args[-1])
    assert later.returncode == 0, later.stdout


def test_image_option(run_cli, tmp_path):
    image = tmp_path / "photo.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    without = check(run_cli, "--network", "instagram", "--persona", "personal", "--json",
                    "Sunset")
    assert "limit.image_required" in {f["rule"] for f in json.loads(without.stdout)["findings"]}
    undescribed = check(run_cli, "--network", "instagram", "--persona", "personal", "--image",
                        str(image), "--json", "Sunset")
    assert "accessibility.alt_text" in {f["rule"]
                                        for f in json.loads(undescribed.stdout)["findings"]}
    with_image = check(run_cli, "--network", "instagram", "--persona", "personal", "--image",
                       str(image), "--alt", "The sun setting over the sea", "--json", "Sunset")
    assert with_image.returncode == 0, with_image.stdout


@pytest.mark.parametrize("args", [
    ["--network", "myspace", "--persona", "work", "hi"],
    ["--persona", "work", "hi"],
    ["--network", "x", "--persona", "boss", "hi"],
    ["--network", "x", "--persona", "work", "--now", "yesterday", "hi"],
    ["--network", "x", "--persona", "work", "--image", "/nonexistent/a.png", "hi"],
    ["--network", "x", "--persona", "work", "--policy", "/nonexistent/p.toml", "hi"],
    ["--network", "x", "--persona", "work", "--history", "/nonexistent/h.jsonl", "hi"],
])
def test_usage_and_input_errors_exit_2_with_one_line(run_cli, args):
    result = check(run_cli, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("twofold check: error:")


def test_bad_history_line_names_the_line(run_cli, tmp_path):
    history = tmp_path / "h.jsonl"
    history.write_text('{"network":"x","persona":"work","text":"a","posted_at":"2026-01-01"}\n'
                       "not json\n", encoding="utf-8")
    result = check(run_cli, "--network", "x", "--persona", "work", "--history", str(history),
                   "hi")
    assert result.returncode == 2
    assert "line 2" in result.stderr


def test_invalid_utf8_stdin_is_an_input_error(run_cli):
    process = subprocess.run([sys.executable, "-m", "app", "check", "--network", "x",
                              "--persona", "work"], input=b"caf\xe9", capture_output=True,
                             cwd=REPO_ROOT, timeout=60, check=False)
    assert process.returncode == 2
    assert b"UTF-8" in process.stderr


def test_malformed_policy_exits_2_naming_file_line_and_key(run_cli, tmp_path):
    pack = tmp_path / "bad.toml"
    pack.write_text('version = 1\n[disclosure]\nwithin_chars = "soon"\n', encoding="utf-8")
    result = check(run_cli, "--network", "x", "--persona", "work", "--policy", str(pack), "hi")
    assert result.returncode == 2
    assert str(pack) in result.stderr
    assert "line 3" in result.stderr and "disclosure.within_chars" in result.stderr


def test_organisation_pack_from_environment(run_cli, pack_file):
    result = check(run_cli, "--network", "x", "--persona", "work", "--json",
                   "Project Falcon update", env={"TWOFOLD_POLICY": str(pack_file)})
    assert result.returncode == 1
    assert json.loads(result.stdout)["verdict"] == "block"


def test_readable_report_marks_the_words(run_cli, pack_file):
    text = "Big news: Project Falcon ships"
    result = check(run_cli, "--network", "x", "--persona", "work", "--policy", str(pack_file),
                   text)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("BLOCK")
    excerpt = next(i for i, line in enumerate(lines) if "Big news: Project Falcon" in line)
    carets = lines[excerpt + 1]
    start = lines[excerpt].index("Project Falcon")
    assert carets.index("^") == start
    assert carets.count("^") == len("Project Falcon")
    assert "fix:" in result.stdout


def test_check_command_never_imports_qt_or_requests():
    probe = (
        # main() rather than `python -m app`, which ends a check without returning here.
        "import sys; from app.main import main\n"
        "main(['check', '--network', 'x', '--persona', 'work', '--json', 'hello'])\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "slow = sorted(m for m in sys.modules if m in ('requests', 'keyring'))\n"
        "print('IMPORTED', bad, slow)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=REPO_ROOT, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "IMPORTED [] []" in result.stdout
