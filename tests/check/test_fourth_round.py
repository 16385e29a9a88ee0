"""General rules from the fourth round of persona-check fixes (issue 17, greenacre set), each
with new examples in several languages and near misses that must stay quiet:

- selling by shape: a paid membership or tip jar, ticket prices by how to pay, what a price
  buys, direct-sales recruiting by invitation, a restock with a call to the reader;
- a brand named with a price or "on offer" and an imperative-plural call is promotion in the six
  languages; a call to the brand's users to look at its offers is too;
- a brand called "<name> app" is the same brand written kind-first ("la app <name>");
- an employee tag discloses the employer, not an advertiser;
- drinks counted "in"/"deep", sobriety and courses of treatment said by their idioms;
  road-safety words are not anyone's drinking; an organisation's "we" report in figures;
- long swear words with a vowel written as a consonant;
- a named person's own cell, and the writer's own home, are private; a duration is not a
  house number.
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
name = "Hollin Bakes"
aliases = ["Hollin", "Hollin Rewards app"]
domains = ["hollin.example"]
[[partners]]
name = "Tarnby Tea"
aliases = ["Tarnby"]
domains = ["tarnby.example"]
[disclosure]
region = "us"
accepted = ["#ad", "#employee"]
"""


@pytest.fixture
def bakery(tmp_path: Path) -> Policy:
    path = tmp_path / "hollin.toml"
    path.write_text(PACK, encoding="utf-8")
    return load_policy_file(path)


# --- selling by shape on a personal account -------------------------------------------------

@pytest.mark.parametrize("text", [
    "New zine every month, my Patreon has the early drafts 💌",
    "Recorded episode 40 tonight. If you like it, buy me a coffee 🙏",
    "El canal crece gracias a vosotros, apoya el podcast si puedes",
    "Mon Tipeee est ouvert pour la saison 2",
    "Unterstützt den Podcast, jeder Euro hilft",
    "Il mio patreon ha i capitoli in anteprima",
    "our comic is now on Patreon, come read the backlog",
])
def test_a_paid_membership_or_tip_jar_is_promotion(text):
    assert "persona.promotion" in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Poetry night at the library, $8 at the door or $6 in advance",
    "Concierto del coro: entradas 10 € en taquilla, 8 € anticipada",
    "Soirée quiz : billets 5 € sur place",
    "$3 a month gets you the director's commentary on every episode",
    "Por 4 € al mes te da acceso a todos los talleres",
])
def test_a_price_with_how_to_pay_or_what_it_buys_is_an_offer(text):
    assert "persona.promotion" in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Paid $20 at the door and the band never showed",
    "Netflix is $15 a month now, ridiculous",
    "I back three creators on Patreon and it's the best money I spend",
    "Support the team this weekend, kick-off at 3!",
    "My rent went up to $1,400 a month",
])
def test_prices_and_platforms_in_a_story_stay_quiet(text):
    assert "persona.promotion" not in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Mums, imagine owning your own business around school pickup. Message me 💕",
    "Built my income from my phone during naptime. Ask me how!",
    "Three kids, no boss, all from my sofa #bossbabe",
    "¿Quieres saber cómo? Pregúntame cómo, te cuento",
    "Devenez indépendante depuis chez vous, je vous explique tout",
    "Estou recrutando para minha equipe, vagas para mães",
    "Sto reclutando per il mio team, lavoro da casa",
])
def test_direct_sales_recruiting_by_invitation_is_promotion(text):
    assert "persona.promotion" in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Ask me how I know the printer is broken",
    "Ask me how my week went. Actually don't",
    "My sister runs her bakery business from a tiny kitchen",
    "Recruiting is hard this year, my team lead says",
])
def test_the_same_words_without_recruiting_stay_quiet(text):
    assert "persona.promotion" not in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "restocked the felt foxes. you know what to do 🦊",
    "Back in stock: the linen tote bags. You know what to do",
])
def test_a_restock_with_a_call_to_the_reader_is_promotion(text):
    assert "persona.promotion" in fired(text, X_PERSONAL)


def test_a_restocked_pantry_is_not_promotion():
    assert "persona.promotion" not in fired("Finally restocked the pantry after the holidays",
                                            X_PERSONAL)


# --- brands named with a price and a call, in the six languages ----------------------------

@pytest.mark.parametrize("text", [
    "El té de Tarnby está en oferta en Hollin, ¡aprovechad!",
    "Il tè Tarnby è in offerta da Hollin, 2 scatole a 6 dollari. Approfittatene!",
    "Tarnby Tea im Angebot bei Hollin, greift zu!",
    "Chá Tarnby em oferta na Hollin, aproveitem",
])
def test_a_partner_on_offer_with_a_call_needs_disclosure(text, bakery):
    rules = fired(text, X_PERSONAL, bakery)
    assert "persona.brand_promotion" in rules
    assert "disclosure.missing" in rules


def test_sending_the_brands_users_to_its_offers_is_promotion(bakery):
    rules = fired("Hollin Rewards app people, check your offers tab on Friday 👀", X_PERSONAL,
                  bakery)
    assert {"persona.brand_promotion", "disclosure.missing"} <= rules


def test_the_brand_at_work_without_sales_words_is_still_not_promotion(bakery):
    assert "disclosure.missing" not in fired("Lunch with the Hollin people today, good chat",
                                             X_PERSONAL, bakery)


@pytest.mark.parametrize("text", [
    "Reseña sincera: la app Hollin Rewards es la mejor. Cinco estrellas ⭐⭐⭐⭐⭐",
    "Avis honnête sur l'application Hollin Rewards : 5 étoiles, je recommande",
    "Recensione: l'applicazione Hollin Rewards, cinque stelle",
])
def test_a_brand_app_named_kind_first_is_the_brand(text, bakery):
    assert "disclosure.insider_review" in fired(text, X_PERSONAL, bakery)


def test_an_employee_tag_covers_the_employer_not_an_advertiser(bakery):
    partner = "#employee Tarnby Tea is $4.50 at every Hollin this week, grab some"
    finding = findings(partner, X_PERSONAL, bakery)["disclosure.missing"]
    assert finding.severity is Severity.BLOCK
    assert "advertiser or client" in finding.message
    employer = "#employee Hollin sourdough is $4.50 this week, grab some"
    assert "disclosure.missing" not in fired(employer, X_PERSONAL, bakery)
    assert "disclosure.missing" not in fired("#ad " + partner, X_PERSONAL, bakery)


# --- personal life said indirectly on a work account ---------------------------------------

@pytest.mark.parametrize("text", [
    "Four margaritas in and the quarterly deck finally makes sense",
    "Three espresso martinis deep, who approved this offsite",
    "Tres cañas encima y el informe ya me parece bien",
    "Zwei Bier intus und die Präsentation steht",
    "A year since I put down the bottle. Grateful",
    "Dejé la bebida hace seis meses y duermo mejor",
    "J'ai arrêté de boire en mars, ça change tout",
    "Second infusion of the cycle today, back online tomorrow",
    "Última infusión del ciclo y a casa",
    "Dernière perfusion du cycle ce matin",
])
def test_drinking_sobriety_and_treatment_said_around_the_word(text):
    assert "persona.personal_life" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "We now carry six IPAs in stock from local breweries",
    "Three pilots in and the scheduling tool works",
    "Our drink-driving campaign with the county reached every driver under 25",
    "Drunk driving deaths fell 12% after the new checkpoints",
    "Infusion of capital from the new fund lands in Q3",
    "The bottle deposit scheme starts Monday",
])
def test_the_same_shapes_in_work_talk_stay_quiet(text):
    assert "persona.personal_life" not in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Hoy hemos donado 450 kilos de pan al comedor social",
    "Cette semaine nous avons planté 120 arbres avec les écoles",
    "Abbiamo raccolto 2.000 euro per il canile",
])
def test_an_organisation_reporting_in_figures_is_not_personal_life(text):
    assert "persona.personal_life" not in fired(text, X_WORK)


# --- swearing and privacy -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "the launch was a total clusterfsck",
    "that bullshxt meeting again",
    "motherfvcking printer",
])
def test_long_swear_words_with_a_letter_swapped(text):
    assert "conduct.profanity" in fired(text, X_WORK)


@pytest.mark.parametrize("text", ["A bullshot at brunch", "We saw a great bustard on the trip",
                                  "Run fsck before you mount it"])
def test_one_vowel_for_another_and_short_words_stay_quiet(text):
    assert "conduct.profanity" not in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "For the rota, text Priya on her cell, 415 555 0199, after 5",
    "Para el turno llamad a Lucía a su móvil: 612 345 678",
])
def test_a_named_persons_own_cell_on_the_brand_account_warns(text):
    assert "privacy.phone" in fired(text, BRAND_ACCOUNT)


def test_the_organisations_number_on_its_own_account_is_only_noted():
    assert "privacy.phone" not in fired("Questions? Call our bakery on 415 555 0199",
                                        BRAND_ACCOUNT)


@pytest.mark.parametrize("text", [
    "Drop the keys at my place, 14 Birch Road, it's the green gate",
    "Venid a mi casa, Calle Olmo 12, a las siete",
])
def test_the_writers_own_home_is_private(text):
    assert "privacy.address" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Any audiobook tips for a 9 hour drive?",
    "It's a 20 minute walk from the station",
    "Meet at the new bakery, 3 Market Street",
])
def test_durations_and_venues_stay_quiet(text):
    assert "privacy.address" not in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Our new shift manager is a walking HR complaint",
    "Honestly the new intern is a human red flag",
    "El nuevo coordinador es un desastre andante",
    "Unser Teamleiter ist eine wandelnde Katastrophe",
])
def test_a_person_called_a_walking_failure_is_an_insult(text):
    assert "conduct.insult" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Our archivist is a walking encyclopedia of the town's history",
    "I am a walking disaster before my first coffee",
    "Book a walking tour of the bakery floor",
    "Our founder is a living legend in the trade",
])
def test_praise_self_mockery_and_tours_are_not_insults(text):
    assert "conduct.insult" not in fired(text, X_WORK)


# --- rules read off the guard sets' misses, with new examples ------------------------------

def test_a_brand_domain_with_a_hyphen_is_the_brand(tmp_path):
    path = tmp_path / "ferry.toml"
    path.write_text('version = 1\n[employer]\nname = "Corran Boats"\n'
                    'domains = ["corran-boats.example"]\n', encoding="utf-8")
    policy = load_policy_file(path)
    rules = fired("Summer timetable: corran-boats.example/summer has the night crossings",
                  X_PERSONAL, policy)
    assert "persona.brand_promotion" in rules
    assert "persona.brand_promotion" not in fired(
        "x-corran-boats.example is not us", X_PERSONAL, policy)


@pytest.mark.parametrize("text", [
    "Tarnby's winter blend is back. Run, don't walk",
    "Da Tarnby il tè verde è al 30% in meno fino a lunedì",
])
def test_a_partner_with_urgency_or_an_italian_price_cut_needs_disclosure(text, bakery):
    assert "disclosure.missing" in fired(text, X_PERSONAL, bakery)


def test_a_fall_in_waste_is_not_a_price_cut():
    assert "disclosure.missing" not in fired("Quest'anno il 25% in meno di rifiuti in negozio",
                                             X_WORK)


@pytest.mark.parametrize("text", [
    "Add these to your wishlist before they sell out",
    "Go add this to your cart before it sells out, trust me",
])
def test_a_wishlist_call_with_scarcity_is_promotion(text):
    assert "persona.promotion" in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Stasera il nostro Marco si ubriacherà di sicuro",
    "Ayer Pablo se emborrachó en la cena de empresa",
    "Jonas hat sich gestern betrunken",
    "Another date tonight, fingers crossed",
    "Second date with someone I met at the climbing gym",
    "Meeting a guy from the apps for coffee later",
])
def test_drinking_in_any_tense_and_dates_counted_are_personal_life(text):
    assert "persona.personal_life" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "The second date on the tour is Leeds",
    "Our second date with the venue is confirmed for June",
    "Second date tonight in Leeds, doors at 7",
])
def test_tour_and_calendar_dates_stay_quiet(text):
    assert "persona.personal_life" not in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "People who leave trolleys in the car park are the worst kind of people",
    "Los clientes que gritan son lo peor de la humanidad",
])
def test_calling_people_the_worst_of_humanity_is_an_insult(text):
    assert "conduct.insult" in fired(text, X_WORK)


def test_the_worst_kind_of_bug_is_not_an_insult():
    assert "conduct.insult" not in fired("This is the worst kind of bug to chase", X_WORK)
