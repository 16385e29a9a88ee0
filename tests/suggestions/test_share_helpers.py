"""What a shared suggestion starts with and how the "make it mine" meter and the promotion
budget read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.check.engine import check_draft
from app.check.policy import Brand, Policy, PromotionLimit
from app.check.suggested import (
    copied_share,
    disclosure_prefix,
    make_it_mine_hint,
    partner_of,
    promotion_budget,
    with_disclosure,
)
from app.core.model import CheckTarget, HistoryEntry, Network, Persona

ACME = Policy(employer=Brand("Acme Magazine", ("Acme Mag",), ("acmemag.example",)),
              partners=(Brand("Brightside Cosmetics", ("Brightside",), ("brightside.example",)),),
              work_limit=PromotionLimit(2, 1))
NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def test_an_advertisers_post_is_an_ad_and_the_employers_news_an_employee_post() -> None:
    assert disclosure_prefix(ACME, "Brightside Cosmetics", "en") == "#ad"
    assert disclosure_prefix(ACME, "", "en") == "#employee"
    assert disclosure_prefix(None, None) == "#employee"


def test_the_region_chooses_the_wording_where_the_policy_has_one() -> None:
    @dataclass(frozen=True)
    class Regional:
        region: str

    assert disclosure_prefix(Regional("uk"), "Brightside") == "#ad"  # type: ignore[arg-type]
    assert disclosure_prefix(Regional("us"), "") == "#employee"  # type: ignore[arg-type]


def test_the_disclosure_goes_first_once_and_satisfies_the_check() -> None:
    text = "Brightside's Glow serum is in our spring issue: brightside.example/glow"
    shared = with_disclosure(text, disclosure_prefix(ACME, "Brightside Cosmetics"))
    assert shared.startswith("#ad Brightside")
    assert with_disclosure(shared, "#ad") == shared
    target = CheckTarget(Network.BLUESKY, Persona.WORK)
    bare = {f.rule for f in check_draft(text, target, policy=ACME).findings}
    assert "disclosure.missing" in bare
    fixed = {f.rule for f in check_draft(shared, target, policy=ACME).findings}
    assert not any(rule.startswith("disclosure.") for rule in fixed)


def test_partner_is_named_or_found_by_the_links_domain() -> None:
    assert partner_of(ACME, "brightside") == "Brightside Cosmetics"
    assert partner_of(ACME, "Someone Else") == "Someone Else"
    assert partner_of(ACME, "", "https://shop.brightside.example/x") == "Brightside Cosmetics"
    assert partner_of(ACME, "", "https://acmemag.example/x") == ""


def test_make_it_mine_meter_counts_word_runs_still_copied() -> None:
    original = "Our spring issue is out now with twelve new recipes for busy weeknights"
    assert copied_share(original, original + " https://acmemag.example/spring") == 1.0
    assert copied_share(original, "#employee " + original) > 0.9
    assert copied_share(original, "#employee " + original, "#employee") == 1.0
    assert copied_share(original, "I cooked three of these already, so good.") == 0.0
    half = "Our spring issue is out now. I cooked three of the recipes and loved them."
    assert 0 < copied_share(original, half) < 0.5
    mine = original + ". I cooked three of them this week and my kids asked for more."
    assert copied_share(original, mine) < copied_share(original, original)
    assert "Add a sentence of your own" in make_it_mine_hint(1.0)
    assert "own words" in make_it_mine_hint(0.0)
    assert copied_share("Read it", "read it!") == 1.0  # shorter than five words


def test_promotion_budget_counts_the_busiest_work_account() -> None:
    def post(text: str, account: int, hours: int, persona: Persona = Persona.WORK
             ) -> HistoryEntry:
        return HistoryEntry(Network.BLUESKY, persona, owner="self",  # type: ignore[arg-type]
                            text=text, posted_at=NOW - timedelta(hours=hours),
                            account_id=account)

    history = [post("Use code SAVE20 for 20% off at Acme Mag today", 1, 2),
               post("Our new product: buy now at acmemag.example", 1, 3),
               post("Use code SAVE20 for 20% off today", 2, 1),
               post("Lovely walk by the river", 1, 1),
               post("Use code SAVE20 for 20% off today", 1, 30),
               post("Use code SAVE20 for 20% off today", 3, 1, Persona.PERSONAL)]
    budget = promotion_budget(ACME, history, now=NOW)
    assert (budget.used, budget.posts, budget.days) == (2, 2, 1)
    assert "2 of 2" in budget.describe() and "0 left" in budget.describe()
