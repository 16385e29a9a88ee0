"""Promotion on a personal account: the sales pitch, and promotion said openly.

When the employer or a partner is named, the check says two things: persona.brand_promotion
(the employer promoted from a personal account, praise alone is enough) and, when the draft also
asks the reader to buy, sign up, apply or use a code, persona.promotion with the selling words
marked. Keeping them apart lets a pack allow talk of the employer on personal accounts while
still keeping the selling off them.

Said openly and up front ("#ad", "Werbung:", "#AcmeStaff", "I work at Acme"), the promotion is
on purpose rather than the slip the persona rules are for: both are notes (info) then, not
questions, while the disclosure rules still judge whether the label is enough.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.engine import check_draft
from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Persona
from tests.check.rounds import findings, policy_from
from tests.check.rounds import fired as rules

PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)
WORK = CheckTarget(Network.X, Persona.WORK)

PACK = """\
version = 1
[employer]
name = "Quillmoor Coffee"
aliases = ["Quillmoor"]
domains = ["quillmoor.example"]
[[partners]]
name = "Ashby Oat Co"
aliases = ["Ashby Oat"]
domains = ["ashbyoat.example"]
[disclosure]
region = "us"
accepted = ["#ad", "#QuillmoorStaff"]
"""

# The same pack, with the employer named on personal accounts allowed (a note only).
RELAXED = PACK + '[rules]\n"persona.brand_promotion" = "info"\n'


@pytest.fixture
def coffee(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "quillmoor.toml")


@pytest.fixture
def relaxed(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, RELAXED, "relaxed.toml")


def marked(text: str, finding) -> list[str]:
    return [text[span.start:span.end] for span in finding.spans]


@pytest.mark.parametrize("text, selling", [
    ("Quillmoor's winter blend is 3 for $20 this week, grab a bag at quillmoor.example", "$20"),
    ("Quillmoor is hiring baristas in Denver! Apply now at quillmoor.example/jobs", "Apply now"),
    ("Ashby Oat's barista edition is half price until Sunday, stock up!", "half price"),
    # (from the twenty-fourth round "suscríbete" is a call to subscribe, the strongest cue)
    ("Dale una oportunidad a Quillmoor: suscríbete y el primer mes es gratis", "suscríbete"),
])
def test_a_pitch_for_the_employer_or_a_partner_is_also_a_sales_pitch(coffee, text, selling):
    found = findings(text, PERSONAL, coffee)
    assert {"persona.brand_promotion", "persona.promotion"} <= rules(text, PERSONAL, coffee)
    pitch = marked(text, found["persona.promotion"])
    assert any(selling.lower() in words.lower() for words in pitch), pitch
    # the brand finding marks the name; the pitch finding marks only the selling
    assert not any("Quillmoor" in words or "Ashby" in words for words in pitch), pitch


@pytest.mark.parametrize("text", [
    "Honestly Quillmoor's Ethiopian roast is the best coffee I've had all year",
    "Ashby Oat is the best oat milk I've tried, I love it",
])
def test_praise_alone_is_the_brand_finding_only(coffee, text):
    fired = rules(text, PERSONAL, coffee)
    assert "persona.brand_promotion" in fired
    assert "persona.promotion" not in fired


@pytest.mark.parametrize("text", [
    "long week at Quillmoor, the roaster broke twice and I smell like burnt beans",
    "Anyone else watch the game last night? Quillmoor break room was LOUD",
])
def test_the_job_mentioned_in_passing_sells_nothing(coffee, text):
    assert not rules(text, PERSONAL, coffee) & {"persona.brand_promotion", "persona.promotion"}


@pytest.mark.parametrize("text", [
    "I work at Quillmoor, so I'm biased: Quillmoor's winter blend is the best coffee in "
    "Denver",
    "Werbung: Ich arbeite bei Quillmoor. Unsere neue Winterröstung ist die beste, die wir je "
    "hatten",
    "#ad Ashby Oat's new barista edition is the best oat milk I've tried",
])
def test_promotion_said_openly_up_front_is_noted_not_questioned(coffee, text):
    result = check_draft(text, PERSONAL, policy=coffee)
    persona = {f.rule: f for f in result.findings if f.category == "persona"}
    assert persona["persona.brand_promotion"].severity.value == "info"
    assert "says so" in persona["persona.brand_promotion"].message
    assert all(f.severity.value == "info" for f in persona.values())
    assert result.verdict == "ok"


@pytest.mark.parametrize("text", [
    "#QuillmoorStaff we're hiring baristas in Denver, apply at quillmoor.example/jobs",
    "#ad I work at Quillmoor: code WINTER10 takes 10% off the winter blend this week",
    "Werbung: Ich arbeite bei Quillmoor. Die Winterröstung gibt es diese Woche 20 % günstiger",
    "#ad Ashby Oat's barista edition is half price until Sunday, stock up!",
])
def test_a_pitch_said_openly_is_still_selling_from_the_personal_account(coffee, text):
    # The tie said up front answers the disclosure rules and the brand finding (a note), but
    # a code, a discount, a call to buy or a job offer is still a sales pitch on the personal
    # account: asked about, not blocked.
    result = check_draft(text, PERSONAL, policy=coffee)
    persona = {f.rule: f for f in result.findings if f.category == "persona"}
    assert persona["persona.brand_promotion"].severity.value == "info"
    assert persona["persona.promotion"].severity.value == "warn"
    assert not {f.rule for f in result.findings} & {"disclosure.missing", "disclosure.unclear"}
    assert result.verdict == "warn"


def test_a_label_buried_at_the_end_is_no_sign_it_was_meant(coffee):
    text = ("Quillmoor's winter blend is 3 for $20 this week, grab a bag at quillmoor.example "
            "#coffee #winter #roast #beans #morning #ad")
    fired = rules(text, PERSONAL, coffee)
    assert {"persona.brand_promotion", "persona.promotion", "disclosure.buried"} <= fired


def test_the_job_said_is_no_ad_label_for_a_partners_product(coffee):
    # a note for the persona rules, but the disclosure rule still blocks: a partner's product
    # needs "ad", not "I work at"
    text = "I work at Quillmoor and Ashby Oat's barista edition is half price, stock up!"
    result = check_draft(text, PERSONAL, policy=coffee)
    assert result.verdict == "block"
    assert "disclosure.missing" in {f.rule for f in result.findings}


def test_a_pack_that_allows_talk_of_the_employer_still_questions_the_selling(relaxed):
    praise = "Honestly Quillmoor's Ethiopian roast is the best coffee I've had all year"
    pitch = "Quillmoor's winter blend is 3 for $20 this week, grab a bag at quillmoor.example"
    assert "persona.brand_promotion" not in rules(praise, PERSONAL, relaxed)
    assert "persona.promotion" in rules(pitch, PERSONAL, relaxed)
    assert findings(pitch, PERSONAL, relaxed)["persona.brand_promotion"].severity.value == "info"


def test_selling_on_the_work_account_is_not_a_persona_finding(coffee):
    text = "Quillmoor's winter blend is 3 for $20 this week, grab a bag at quillmoor.example"
    assert not rules(text, WORK, coffee) & {"persona.brand_promotion", "persona.promotion"}
