"""General rules from the fifth round of persona-check fixes (issue 17, bergfalke set), each
with new examples in several languages and near misses that must stay quiet:

- a codename's generic word in any language, both ways ("Projekt X" is "Project X"), and its
  distinctive name alone (even with digits for letters) where a secret is teased;
- phone numbers spelled in words in the six languages, validated as digits are;
- a price cut or an employee discount beside the employer's or a partner's product;
- superlative verdicts on a product as a staff review;
- a disclosure lost in a run of five or more hashtags;
- masked swearing with any mask and in other languages; name-calling and making someone pay;
- pregnancy loss, an ex, a night with a stranger, the writer's rent and debts;
- a private person's address given by a business;
- a sales phrase used as a figure of speech about the writer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.policy import Policy, load_policy_file
from app.core.model import CheckTarget, Network, Owner, Persona, Severity
from tests.check.rounds import findings, fired

X_WORK = CheckTarget(Network.X, Persona.WORK)
X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)
BRAND_ACCOUNT = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)

PACK = """\
version = 1
[employer]
name = "Larchmont Tools"
aliases = ["Larchmont", "Birchline"]
domains = ["larchmont.example"]
[[partners]]
name = "Ostvik Paints"
aliases = ["Ostvik"]
[disclosure]
region = "us"
accepted = ["#ad", "#employee"]
[confidential]
terms = ["Proyecto Halcyon", "Projekt Kranich", "Tern 4"]
"""


@pytest.fixture
def tools(tmp_path: Path) -> Policy:
    path = tmp_path / "larchmont.toml"
    path.write_text(PACK, encoding="utf-8")
    return load_policy_file(path)


# --- codenames ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Big week for Project Halcyon, the whole team is in",      # pack: "Proyecto Halcyon"
    "Planning day for Progetto Kranich 🏗️",                    # pack: "Projekt Kranich"
    "Le Projet Kranich avance bien",
    "Kr4nich drops in spring, that's all I'm allowed to say",  # the name alone, disguised
    "Halcyon kommt. Mehr darf ich nicht verraten 🤫",
    "Kranich: je ne peux rien dire, mais ça change tout",
    "Can't say more, NDA, but Halcyon is going to be big",
])
def test_a_codename_in_another_language_or_teased_alone_is_confidential(tools, text):
    assert findings(text, X_PERSONAL, tools)["confidential.term"].severity is Severity.BLOCK


@pytest.mark.parametrize("text", [
    "A Kranich flew over the lake this morning, beautiful",
    "Halcyon days at the beach with the kids",
    "Wir haben einen Kranich gesehen, bald kommt der Winter",
])
def test_the_name_alone_in_an_ordinary_sentence_stays_quiet(tools, text):
    assert "confidential.term" not in fired(text, X_PERSONAL, tools)


# --- phone numbers spelled in words ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "my new cell: zero seven nine one one, two three four five six seven",
    "Ruft an: null eins sieben null / 33 44 55 66",
    "Llamadme al seis uno dos, tres cuatro cinco, seis siete ocho",
    "Chiamami: tre tre tre, uno due tre, quattro cinque sei sette",
])
def test_a_phone_number_spelled_in_words_is_private(text):
    assert "privacy.phone" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "one two three four, the kids counted to twenty and back",
    "Am zwei drei vier Tagen im Mai fahren wir, dann null Stress",
    "We planted forty two trees on the first of May, nineteen of them oaks",
])
def test_counts_and_dates_in_words_stay_quiet(text):
    assert "privacy.phone" not in fired(text, X_WORK)


# --- a price cut or an employee discount beside a brand -------------------------------------

@pytest.mark.parametrize("text", [
    "the shop I work at took a third off every Birchline drill this week, just saying",
    "Ostvik primer going cheap at the warehouse sale 🤫",
    "Un certain magasin brade les Birchline ce week-end",
    "Mitarbeiterrabatt gilt auch für Freunde, wer eine Birchline-Säge will, meldet sich",
    "il negozio dove lavoro ha i trapani Birchline al 25% 🤐",
    "L4rchmont s@le, 30% 0ff all Birchline sets",
])
def test_a_price_cut_beside_the_employers_product_is_promotion(tools, text):
    assert "persona.brand_promotion" in fired(text, X_PERSONAL, tools)


@pytest.mark.parametrize("text", [
    "My Birchline drill battery was at 30% after the whole deck",
    "Flights to Porto going cheap this month, might go",
    "Mitarbeiterrabatt ist der beste Benefit, ehrlich",
])
def test_a_level_or_a_cut_without_the_brand_is_not_promotion(tools, text):
    assert "persona.brand_promotion" not in fired(text, X_PERSONAL, tools)
    assert "persona.promotion" not in fired(text, X_PERSONAL, tools)


# --- staff verdicts as reviews --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "After a year with it: the Birchline 18V is the best drill in its price range. Not sponsored",
    "Birchline Pro: best value for money this year, unbezahlt",
    "Das Birchline-Set ist das beste Werkzeug in seiner Preisklasse",
    "Birchline: la mejor relación calidad-precio que he visto",
    "Birchline, le meilleur outil de sa gamme",
])
def test_a_superlative_verdict_by_staff_is_an_insider_review(tools, text):
    assert "disclosure.insider_review" in fired(text, X_PERSONAL, tools)


def test_the_best_day_is_not_a_review(tools):
    assert "disclosure.insider_review" not in fired(
        "Best day of the year: first build with my Birchline", X_PERSONAL, tools)


# --- a disclosure among many hashtags -------------------------------------------------------

def test_a_disclosure_in_a_run_of_five_hashtags_is_buried(tools):
    text = "#ad #tools #diy #woodwork #birchline #deck Great saw, grab one at larchmont.example"
    assert "disclosure.buried" in fired(text, X_PERSONAL, tools)


def test_a_disclosure_up_front_with_few_hashtags_is_well_placed(tools):
    text = "#ad #birchline Great saw, grab one at larchmont.example"
    assert "disclosure.buried" not in fired(text, X_PERSONAL, tools)


# --- masked swearing and name-calling -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "the printer is f·cking jammed again",
    "what the fxxk happened to the deploy",
    "Schei**e, der Zug fällt aus",
    "Put@in, encore une panne",
    "que m*erda de tráfico",
])
def test_masked_swearing_in_any_mask_and_language(text):
    assert "conduct.profanity" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Meet at 10:00 • bring gloves • coffee provided",
    "Tickets $12 · doors at 7",
    "Alles läuft nach Plan, wir sind leicht en retard? Nein, pünktlich",
])
def test_separators_and_the_french_late_stay_quiet(text):
    assert "conduct.profanity" not in fired(text, X_WORK)
    assert "conduct.slur" not in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Sorry, nobody needs your take, you muppet.",
    "People who park on the cycle lane are brainless idiots.",
    "Anyone who pays full price is a sucker.",
    "A quien rayó nuestro escaparate: eres un guarro.",
    "Vous êtes un pauvre mec, voilà.",
    "Wer so parkt, ist ein dummer Trottel.",
    "Wir wissen, wo du arbeitest.",
    "To whoever stole our sign: we'll make sure you regret it.",
])
def test_name_calling_and_making_someone_pay_are_insults(text):
    assert "conduct.insult" in fired(text, BRAND_ACCOUNT)


@pytest.mark.parametrize("text", [
    "Kids can clown around at our workshop on Saturday",
    "I'm a sucker for a good dovetail joint",
    "Our mascot is a pig called Otto",
    "Johnny Depp would love this toolbox",
])
def test_the_same_words_without_name_calling_stay_quiet(text):
    assert "conduct.insult" not in fired(text, BRAND_ACCOUNT)


# --- personal life --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Back at my desk after my miscarriage, thank you all for the patience",
    "Nach der Fehlgeburt brauchte ich Zeit. Jetzt bin ich wieder da",
    "Après ma fausse couche, je reprends doucement",
    "your ex texting you at 3am while you schedule the launch post 🙃",
    "waking up next to a stranger is not how I planned Monday",
    "my landlord just put the rent up again, great start to the week",
    "Mein Vermieter erhöht schon wieder die Miete",
])
def test_pregnancy_loss_an_ex_a_stranger_and_the_rent_are_personal(text):
    assert "persona.personal_life" in fired(text, BRAND_ACCOUNT)


@pytest.mark.parametrize("text", [
    "Our workshop rent went up, so we're moving to a bigger space in May",
    "Meet our ex-apprentice Tom, now running his own shop",
])
def test_business_rent_and_former_staff_stay_quiet(text):
    assert "persona.personal_life" not in fired(text, BRAND_ACCOUNT)


# --- a private person's address from the brand account --------------------------------------

@pytest.mark.parametrize("text", [
    "Delivery for Mrs. Jane Holt, 14 Elm Road, Leeds LS6 2AB is on its way",
    "Well done Priya! We'll ship your prize drill to 22 Mill Lane this week",
    "Lieferung für Herrn Max Bauer, Bahnhofstraße 9, 80335 München verspätet sich",
])
def test_a_private_persons_address_from_a_business_warns(text):
    assert "privacy.address" in fired(text, BRAND_ACCOUNT)


def test_the_shops_own_address_is_a_note():
    result = findings("New store at 14 Elm Road, Leeds LS6 2AB from Monday", BRAND_ACCOUNT)
    assert result["privacy.address"].severity is Severity.INFO


# --- a sales phrase as a figure of speech ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Buy one get one free is how my brain works at the bakery",
    "Free shipping is my love language",
])
def test_a_sales_phrase_about_oneself_is_not_promotion(text):
    assert "persona.promotion" not in fired(text, X_PERSONAL)


def test_the_same_phrase_with_something_on_offer_is_promotion():
    assert "persona.promotion" in fired(
        "Buy one get one free is how my shop works, order at https://crumbs.example/menu",
        X_PERSONAL)


# --- sales words with digits or symbols for letters beside a brand --------------------------

@pytest.mark.parametrize("text", [
    "Birchl1ne w1nter s@le this weekend, y0u kn0w what t0 d0",
    "Birchline d1scount c0de in my bio",
])
def test_disguised_sales_words_beside_a_brand_are_promotion(tools, text):
    assert "persona.brand_promotion" in fired(text, X_PERSONAL, tools)


@pytest.mark.parametrize("text", [
    "My Birchline drill did 40 holes in 2h, b4 lunch",
    "Took the Birchline saw to the 3rd floor w1th me",
])
def test_digits_beside_a_brand_without_sales_words_stay_quiet(tools, text):
    assert "persona.brand_promotion" not in fired(text, X_PERSONAL, tools)
