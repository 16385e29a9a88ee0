""""No work posts at weekends" in the user's quiet hours: written by Settings, read by the
pack reader, warned about by the persona check on Post now (a warning, not a block)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.check.engine import check_draft
from app.check.policy import Policy, PolicyError, read_pack
from app.check.user_pack import set_quiet_hours
from app.core.model import CheckTarget, Network, Persona, Severity

SATURDAY = datetime(2026, 12, 5, 11, 0, tzinfo=UTC)
MONDAY = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)


def test_the_weekend_rule_is_written_and_read_back(tmp_path: Path) -> None:
    pack = tmp_path / "policy.toml"
    set_quiet_hours(pack, ["20:00-07:00"], weekends=True)
    values = read_pack(pack).values
    assert values["quiet_weekends"] is True and values["quiet_hours"] == ((1200, 420),)
    set_quiet_hours(pack, [], weekends=False)
    assert "quiet_hours" not in read_pack(pack).values


def test_a_wrong_weekend_value_names_its_key(tmp_path: Path) -> None:
    pack = tmp_path / "policy.toml"
    pack.write_text('version = 1\n[quiet_hours]\nweekends = "yes"\n', encoding="utf-8")
    with pytest.raises(PolicyError) as problem:
        read_pack(pack)
    assert "weekends" in str(problem.value)


@pytest.mark.parametrize(("persona", "moment", "warned"), [
    (Persona.WORK, SATURDAY, True), (Persona.WORK, MONDAY, False),
    (Persona.PERSONAL, SATURDAY, False)])
def test_posting_now_at_a_weekend_warns_for_work_posts_only(
        persona: Persona, moment: datetime, warned: bool) -> None:
    result = check_draft("Photos from the print room", CheckTarget(Network.MASTODON, persona),
                         policy=Policy(quiet_weekends=True), now=moment)
    quiet = [f for f in result.findings if f.rule == "frequency.quiet_hours"]
    assert bool(quiet) is warned
    assert all(f.severity is Severity.WARN for f in quiet)  # confirmed, never a block


def test_a_changed_quiet_hours_setting_applies_without_a_restart(profile_dir: Path) -> None:
    from app.check.policy import user_pack_path
    from app.paths import init_paths
    from app.ui.application import LazyChecker, build_checker

    paths = init_paths(str(profile_dir))
    checker = LazyChecker(lambda: build_checker(paths, None))
    target = CheckTarget(Network.MASTODON, Persona.WORK)

    def quiet() -> bool:
        return any(f.rule == "frequency.quiet_hours"
                   for f in checker.check("Photos from the print room", target).findings)

    assert not quiet()
    set_quiet_hours(user_pack_path(paths), ["00:00-12:00", "12:00-00:00"])  # all day
    assert not quiet()  # the packs in force were read once …
    checker.reload()  # … until Settings saves (MainWindow._policy_changed)
    assert quiet()
