"""The meaning layer (app/check/meaning.py), disclosure by region and language, insider reviews,
affiliate links and codename variants (issue 17)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.check import engine, meaning
from app.check.compiled import codename_variants
from app.check.engine import check_draft
from app.check.jurisdiction import post_language
from app.check.lexicons import builtin_lexicons
from app.check.meaning import MeaningError, MeaningModel, Reading
from app.check.policy import PolicyError, load_policy_file
from app.check.text import fold_view
from app.core.model import CheckTarget, Network, Owner, Persona, Severity
from tests.check.conftest import EXAMPLE_PACK
from tests.check.test_unseen_corpus import NEVER_READ, STILL_UNSEEN

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
X_WORK = CheckTarget(Network.X, Persona.WORK)
X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)
X_BRAND = CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)
REPO = Path(__file__).resolve().parents[2]


def findings(text, target, policy=None):
    return {f.rule: f for f in check_draft(text, target, policy=policy, now=NOW).findings}


def fired(text, target, policy=None):
    return {rule for rule, f in findings(text, target, policy).items()
            if f.severity.rank >= Severity.WARN.rank}


def _pack(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "pack.toml"
    path.write_text(EXAMPLE_PACK.replace("within_chars = 100\n", "within_chars = 100\n" + extra),
                    encoding="utf-8")
    return path


# --- what the layer reads that the word lists cannot ---------------------------------------------

# Drafts written for these tests after the model was trained, run once, never tuned for: the
# figures below are what the check scored on them, kept as a floor. Most carry no listed word.
P, W, B = X_PERSONAL, X_WORK, X_BRAND
FRESH_WRONG = [  # personal life, hostility or selling on the wrong account
    (W, 'Two more rounds of infusions and then a scan in January'),
    (W, "Lads' holiday booked, Magaluf here we come, livers beware"),
    (W, "The ultrasound lady said it's a girl!!"),
    (W, 'Spent the night on the bathroom floor after that curry and the six ciders'),
    (W, 'She said yes on top of the mountain 💍'),
    (W, "Funeral's on Tuesday, I'll be slow to reply this week"),
    (W, 'Counselling every Thursday now and it is helping'),
    (W, 'Eleven pints at the darts, no memory of the taxi home'),
    (W, 'Our youngest has chickenpox and the eldest is next'),
    (W, 'Meds changed again, the side effects are rough'),
    (W, 'Split from my partner of eight years, be gentle'),
    (W, 'Mass at nine then the whole family for roast'),
    (B, 'The supplier who let us down this week is a total cowboy outfit run by clowns'),
    (B, 'Anyone who leaves a review like that needs their head examining, what a sad little man'),
    (W, "If our competitors want a fight, they'll get one, and they won't enjoy it"),
    (W, 'Gary in accounts is thick as two short planks'),
    (P, 'These slippers sold out twice, grab them while you can: amzn.to/4kQ9xYz'),
    (P, 'Join my team! Work from home, flexible hours, life-changing income, ask me how 💸'),
    (P, 'honestly the only foundation worth buying, trust me, thank me later'),
    (P, 'Shop my Amazon storefront for all my kitchen must-haves'),
]
FRESH_FINE = [
    (W, 'Our Q4 roadmap review is on Thursday, bring questions'),
    (W, 'Congratulations to the night shift for a record week'),
    (B, 'New opening hours at the Bristol store from Monday'),
    (W, 'Three things I learned running a design sprint with nurses'),
    (W, 'The panel on drug pricing was excellent, notes in the thread'),
    (B, 'Our winter menu has a new hot chocolate and a mulled apple juice'),
    (W, 'Great to see so many parents at the careers fair'),
    (W, "Hospital pharmacists deserve more recognition, here's why"),
    (P, 'Rain all day so we baked bread and watched old films'),
    (P, 'Anyone know a good mechanic near the station?'),
    (P, 'The new library is gorgeous, go and visit if you can'),
    (P, 'Cheap flights are a trap, I paid more for bags than the seat'),
    (W, 'Our competitors launched a good product, we have work to do'),
    (W, 'Tough feedback from a customer today and they were right'),
    (B, 'Thanks to everyone who reviewed our new app, we read every comment'),
    (P, 'Finished the marathon in 4:12, legs are jelly'),
    (W, 'Reading a brilliant book on hospital logistics'),
    (W, 'The launch party for the new site was great fun, thanks team'),
    (P, 'Tried the new pizza place by the river, five stars from me'),
    (W, 'Shipping the new search next week, fingers crossed'),
]


def _caught(text, target) -> bool:
    return any(f.rule.split(".")[0] in ("persona", "conduct", "disclosure")
               for f in check_draft(text, target, now=NOW).findings)


def test_fresh_drafts_are_mostly_caught():
    caught = [text for target, text in FRESH_WRONG if _caught(text, target)]
    assert len(caught) >= 11, caught  # 12 of 20 when written, 11 with the shipped model


def test_fresh_harmless_drafts_are_rarely_held_up():
    held = [text for target, text in FRESH_FINE if fired(text, target)]
    assert len(held) <= 1, held  # 1 of 20 when written, 0 with the shipped model


@pytest.mark.parametrize(("text", "target", "rule"), [
    ("Two more rounds of infusions and then a scan in January", X_WORK,
     "persona.personal_life"),
    ("Anyone who leaves a review like that needs their head examining, what a sad little man",
     X_BRAND, "conduct.insult"),
    # ("join my team", "be your own boss" are on the recruiting list since the h-check round)
    ("Flexible hours, life-changing income, message me and I'll tell you everything 💸",
     X_PERSONAL, "persona.promotion"),
])
def test_the_layer_flags_meaning_without_listed_words(text, target, rule):
    """No word list catches these; the layer does, and names the words that carried it."""
    lists = builtin_lexicons()
    view = fold_view(text)
    for lexicon in (lists.promotion, lists.personal, lists.conduct):
        assert not lexicon.find(view, lambda: view)
    finding = findings(text, target)[rule]  # a warning, or a note when less sure
    assert finding.spans
    for span in finding.spans:
        piece = text[span.start:span.end]
        assert piece.strip() and piece in finding.message


class _Fixed:
    """A model that reads every draft with one probability (severity by confidence)."""

    def __init__(self, probability: float) -> None:
        self.probability = probability

    def read_view(self, view, heads=meaning.HEADS, top=3):
        words = view.words()
        spans = (view.span(words[0][0], words[0][1]),) if words else ()
        return {head: Reading(head, self.probability, spans) for head in heads}


@pytest.mark.parametrize(("probability", "target", "expected"), [
    (0.5, X_WORK, None),
    (0.75, X_WORK, Severity.INFO),
    (0.95, X_WORK, Severity.WARN),
    (0.95, X_BRAND, Severity.WARN),
    (0.99, X_BRAND, Severity.BLOCK),
])
def test_severity_follows_confidence(monkeypatch, probability, target, expected):
    monkeypatch.setattr(engine, "shipped_model", lambda: _Fixed(probability))
    found = findings("Quarterly planning with the team", target).get("conduct.insult")
    assert (found.severity if found else None) is expected
    if found is not None and expected is Severity.INFO:
        assert "less sure" in found.message


class _Carried(_Fixed):
    """A model whose reading is carried by the given words of the draft."""

    def __init__(self, probability, carried):
        super().__init__(probability)
        self.carried = carried

    def read_view(self, view, heads=meaning.HEADS, top=3):
        text = view.text
        spans = tuple(view.span(text.index(word), text.index(word) + len(word))
                      for word in self.carried)
        return {head: Reading(head, self.probability, spans) for head in heads}


def test_a_finding_names_the_words_that_mean_something(monkeypatch):
    # The model credits "with" as much as "planning"; the writer is shown only the word
    # they could change.
    text = "quarterly planning with the team"
    monkeypatch.setattr(engine, "shipped_model", lambda: _Carried(0.95, ["with", "planning"]))
    found = findings(text, X_WORK)["conduct.insult"]
    assert [text[span.start:span.end] for span in found.spans] == ["planning"]
    assert "“planning”" in found.message and "with" not in found.message.split("(")[1]
    # Only grammar words: nothing to name or change, so only a note.
    monkeypatch.setattr(engine, "shipped_model", lambda: _Carried(0.95, ["with", "the"]))
    assert findings(text, X_WORK)["conduct.insult"].severity is Severity.INFO


@pytest.mark.parametrize(("text", "expected"), [
    ("Happy 10th birthday to our Leeds office, thank you to every adviser", Severity.INFO),
    ("Grazie a tutti i clienti del nostro ufficio di Torino", Severity.INFO),
    ("Merci à toute l'équipe du bureau de Nantes", Severity.INFO),
    ("Vielen Dank an alle Kunden unseres Büros", Severity.INFO),
    ("Leeds office and its people, every adviser", Severity.WARN),
    ("Thanks for nothing, Leeds office people", Severity.WARN),
])
def test_thanks_and_celebration_soften_a_hostile_reading_alone(monkeypatch, text, expected):
    # The hostile head shares nouns ("office", "client") with complaints; a post built on
    # thanks or a celebration, with no hostile word the lists know, is at most a note.
    monkeypatch.setattr(engine, "shipped_model", lambda: _Fixed(0.95))
    assert findings(text, X_WORK)["conduct.insult"].severity is expected


def test_sure_it_is_work_turns_a_listed_word_into_a_note(monkeypatch):
    text = "Our rehab unit now takes weekend referrals"
    monkeypatch.setattr(engine, "shipped_model", lambda: _Fixed(0.05))
    found = findings(text, X_BRAND)["persona.personal_life"]
    assert found.severity is Severity.INFO and "reads as work" in found.message
    monkeypatch.setattr(engine, "shipped_model", lambda: _Fixed(0.5))
    assert findings(text, X_BRAND)["persona.personal_life"].severity is Severity.WARN
    # Politics is personal whatever the model says.
    monkeypatch.setattr(engine, "shipped_model", lambda: _Fixed(0.05))
    assert findings("Vote Labour on Thursday!", X_WORK)["persona.personal_life"].severity \
        is Severity.WARN


def test_the_model_loads_on_first_check_not_at_import():
    meaning._SHIPPED.clear()
    check_draft("Hello", X_WORK, now=NOW)
    assert list(meaning._SHIPPED) == [meaning.model_path()]


def test_a_damaged_model_file_is_refused_in_one_sentence(tmp_path):
    path = tmp_path / "model.bin"
    path.write_bytes(b"not a model")
    with pytest.raises(MeaningError, match="not a Twofold meaning model"):
        MeaningModel.read(path)
    path.write_bytes(meaning.MAGIC + b'{"dim": 1}\n' + b"\x00" * 10)
    with pytest.raises(MeaningError, match="damaged"):
        MeaningModel.read(path)


def test_a_written_model_reads_back_the_same(tmp_path):
    weights = {head: [0.0] * meaning.DIM for head in meaning.HEADS}
    view = fold_view("you need this in your life")
    for index in meaning.feature_counts(view):
        weights["promo"][index] = 0.5
    model = MeaningModel.from_floats(weights, dict.fromkeys(meaning.HEADS, -1.0))
    path = tmp_path / "model.bin"
    model.write(path, {"drafts": 1})
    again = MeaningModel.read(path)
    first = model.read_view(view)["promo"]
    second = again.read_view(fold_view("you need this in your life"))["promo"]
    assert first.probability == pytest.approx(second.probability)
    assert second.probability > 0.5 > again.read_view(fold_view("lunch"))["promo"].probability


def test_the_shipped_model_was_trained_on_the_data_in_the_repository():
    """Retraining is part of changing the data: the model names the digest it was made from."""
    spec = importlib.util.spec_from_file_location("train_meaning",
                                                  REPO / "scripts" / "train_meaning.py")
    assert spec is not None and spec.loader is not None
    trainer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(trainer)
    inputs = trainer.training_inputs()
    judged = trainer.judged_files()
    assert (REPO / "tests" / "check" / "corpus" / "training" / "corpora.txt") in inputs
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in inputs))
    raw = meaning.model_path().read_bytes()
    header = json.loads(raw[len(meaning.MAGIC):raw.index(b"\n", len(meaning.MAGIC))])
    assert header["data_sha256"] == digest.hexdigest()
    assert header["drafts"] >= 3000
    # the sets that measure the check on drafts it never saw are never learned from: by the
    # hostile head none of the measuring sets, by the personal and promo heads none never read
    assert not {path.name for path in judged} & {path.name for path in STILL_UNSEEN}
    persona = trainer.judged_files(persona=True)
    assert len(persona) > len(judged)
    assert not {path.name for path in persona} & {path.name for path in NEVER_READ}
    assert meaning.model_path().stat().st_size < 2_000_000


# --- disclosure by region and language -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "#Werbung Brightside hat ein neues Serum, jetzt bei brightside.example",
    "Anzeige: Brightside hat ein neues Serum, jetzt bei brightside.example",
    "#publicidad El nuevo sérum de Brightside ya está aquí brightside.example",
    "Publicité : le nouveau sérum Brightside est là, brightside.example",
    "Collaboration commerciale avec Brightside : leur sérum est là brightside.example",
    "#publi El nuevo sérum de Brightside ya está aquí brightside.example",
    "Parceria paga com a Brightside: sérum novo em brightside.example",
])
def test_disclosures_in_the_posts_language_are_accepted(text, acme):
    assert "disclosure" not in {r.split(".")[0] for r in fired(text, X_PERSONAL, acme)}


@pytest.mark.parametrize(("region", "text", "first"), [
    ("", "Brightside's new serum is out, get it now at brightside.example", "#ad"),
    ("de", "Brightside hat ein neues Serum, jetzt kaufen bei brightside.example", "Werbung:"),
    ("fr", "Le nouveau sérum Brightside est là, achetez-le sur brightside.example",
     "Publicité :"),
    ("es", "El nuevo sérum de Brightside ya está aquí, cómpralo en brightside.example",
     "Publicidad:"),
    ("uk", "Brightside's new serum is out, get it now at brightside.example", "Ad:"),
    ("", "Brightside hat ein neues Serum, jetzt kaufen bei brightside.example", "Werbung:"),
])
def test_the_suggested_disclosure_follows_region_and_language(tmp_path, region, text, first):
    policy = load_policy_file(_pack(tmp_path, f'region = "{region}"\n' if region else ""))
    finding = findings(text, X_PERSONAL, policy)["disclosure.missing"]
    fix = finding.fixes[0]
    assert fix.edits[0].text == first + " "
    fixed = fix.edits[0].text + text
    assert "disclosure" not in {r.split(".")[0] for r in fired(fixed, X_PERSONAL, policy)}


def test_outside_the_us_the_label_comes_first(tmp_path):
    text = "Brightside's new serum is out and I love it, #ad get it at brightside.example"
    us = load_policy_file(_pack(tmp_path, ""))
    assert "disclosure.buried" not in fired(text, X_PERSONAL, us)
    uk = load_policy_file(_pack(tmp_path, 'region = "uk"\n'))
    assert "disclosure.buried" in fired(text, X_PERSONAL, uk)
    assert "disclosure.buried" not in fired("#ad " + text.replace("#ad ", ""), X_PERSONAL, uk)


def test_an_unknown_region_is_refused_with_its_key(tmp_path):
    with pytest.raises(PolicyError, match="region") as error:
        load_policy_file(_pack(tmp_path, 'region = "mars"\n'))
    assert "us, uk, de, fr, es" in str(error.value)


def test_an_advertisers_product_needs_an_ad_label_not_the_job(acme):
    partner = ("I work for Acme Magazine: Brightside's new serum is great, get it at "
               "brightside.example")
    finding = findings(partner, X_PERSONAL, acme)["disclosure.missing"]
    assert "advertiser or client" in finding.message
    assert finding.fixes[0].edits[0].text == "#ad "
    employer = "I work for Acme Magazine and our new issue is great, get it at acmemag.com"
    assert "disclosure.missing" not in fired(employer, X_PERSONAL, acme)
    assert "disclosure.missing" not in fired("#ad " + partner, X_PERSONAL, acme)


@pytest.mark.parametrize("text", [
    "As a photo editor at Acme Magazine I loved making this issue, get it at acmemag.com",
    "Como editora en Acme Magazine os cuento el nuevo número: acmemag.com",
    "Als Redakteurin bei Acme Magazine zeige ich euch die neue Ausgabe: acmemag.com",
])
def test_as_a_role_at_the_employer_states_the_job(text, acme):
    assert "disclosure.missing" not in fired(text, X_WORK, acme)


def test_as_a_customer_is_not_a_job(acme):
    text = "As a loyal customer at Acme Magazine I say get the new issue at acmemag.com"
    assert "disclosure" in {r.split(".")[0] for r in fired(text, X_WORK, acme)}


@pytest.mark.parametrize(("words", "language"), [
    ("the new issue is out and it is great", "en"),
    ("el nuevo número ya está en los quioscos y es muy bueno", "es"),
    ("le nouveau numéro est en kiosque et il est super", "fr"),
    ("die neue Ausgabe ist da und sie ist toll", "de"),
    ("a nova edição chegou e está muito boa", "pt"),
    ("il nuovo numero è in edicola ed è bellissimo", "it"),
    ("🙂", "en"),
])
def test_post_language(words, language):
    assert post_language([w for _, _, w in fold_view(words).words()]) == language


# --- insider reviews (16 CFR 465) ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "5 stars for Brightside's new serum",
    "⭐⭐⭐⭐⭐ Brightside never lets me down",
    "I recommend Acme Magazine to everyone, the best read in town",
    "Please leave Acme Magazine a review on Google, it really helps us",
    "Je recommande Brightside à 100 %",
    "Klare Empfehlung für Brightside, fünf Sterne",
])
def test_staff_reviews_without_the_connection_are_flagged(text, acme):
    finding = findings(text, X_PERSONAL, acme)["disclosure.insider_review"]
    assert finding.severity is Severity.BLOCK
    assert "16 CFR 465" in finding.message
    assert finding.spans


@pytest.mark.parametrize(("text", "target"), [
    ("#ad 5 stars for Brightside's new serum", X_PERSONAL),
    ("I work for Acme Magazine and I recommend our December issue", X_PERSONAL),
    ("Five stars to the bus driver who waited for me", X_PERSONAL),
    ("Loved our stand at the fair? Leave us a review!", X_BRAND),
])
def test_disclosed_or_unrelated_reviews_are_fine(text, target, acme):
    assert "disclosure.insider_review" not in fired(text, target, acme)


# --- affiliate links and codenames ---------------------------------------------------------------

@pytest.mark.parametrize("link", [
    "amzn.to/3QpLm2x", "https://www.amazon.co.uk/dp/B0C123?tag=jess-21",
    "https://shop.example.com/p/9?ref=jess", "liketk.it/4aBcD",
])
def test_affiliate_links_are_promotion(link):
    text = f"The comfiest slippers I own {link}"
    finding = findings(text, X_PERSONAL)["persona.promotion"]
    assert link in [text[s.start:s.end] for s in finding.spans]


@pytest.mark.parametrize(("term", "text"), [
    ("Project Falcon", "El Proyecto Falcon arranca el lunes"),
    ("Project Falcon", "Projekt Falcon startet bald"),
    ("Project Falcon", "Le Projet Falcon avance"),
    ("Atlas 3", "Atlas III pilot starts next week"),
    ("Atlas 3", "the Atlas three pilot"),
    ("Atlas III", "Atlas 3 is nearly done"),
])
def test_codename_variants_are_confidential(tmp_path, term, text):
    pack = tmp_path / "p.toml"
    pack.write_text(f'version = 1\n[confidential]\nterms = ["{term}"]\n', encoding="utf-8")
    assert "confidential.term" in fired(text, X_PERSONAL, load_policy_file(pack))


def test_codename_variants_stay_narrow():
    assert codename_variants("Bluefin") == ["Bluefin"]
    assert "Atlas mountains" not in codename_variants("Atlas 3")
    assert set(codename_variants("Atlas 3")) == {
        "Atlas 3", "Atlas III", "Atlas three",
        # the number said in Spanish, French, German, Portuguese or Italian
        "Atlas tres", "Atlas trois", "Atlas drei", "Atlas tre"}


def test_a_translated_generic_word_needs_the_name_after_it(acme):
    assert "confidential.term" not in fired("Falcon is a lovely bird", X_PERSONAL, acme)
    found = findings("Ya llega el Proyecto Falcon", X_PERSONAL, acme)["confidential.term"]
    assert [(s.start, s.end) for s in found.spans] == [(12, 27)]
    assert "Project Falcon" in found.message


# --- a shop's or venue's address ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Gig tonight at The Lamb, 14 Station Road, doors at 8",
    "The new bakery on 7 Church Street does the best rolls",
    "Nueva librería en Calle Mayor 12, id a verla",
])
def test_a_venues_address_is_shown_not_held_up(text):
    found = findings(text, X_PERSONAL)["privacy.address"]
    assert found.severity is Severity.INFO


def test_a_persons_address_is_still_held_up():
    text = "My sister lives at 14 Orchard Close, drop the parcel there"
    assert findings(text, X_PERSONAL)["privacy.address"].severity is Severity.WARN


def test_the_employee_disclosure_is_offered_in_the_posts_language(acme):
    german = "Die neue Ausgabe von Acme Magazine ist da, jetzt kaufen: acmemag.com"
    fix = findings(german, X_PERSONAL, acme)["disclosure.missing"].fixes[0]
    assert fix.edits[0].text == "Ich arbeite bei Acme Magazine. "
    assert "disclosure" not in {r.split(".")[0] for r in
                                fired(fix.edits[0].text + german, X_PERSONAL, acme)}
    english = "The new issue of Acme Magazine is out, buy it now: acmemag.com"
    fix = findings(english, X_PERSONAL, acme)["disclosure.missing"].fixes[0]
    assert fix.edits[0].text == "#employee "
