"""The twelfth round, promotion, disclosure and codenames (fixing sets barkwell, sattelwerk,
tidewell and cerisaie, after their unseen figures were taken): the job kept quiet on purpose
beside the employer's name ("not saying where I work but ...") hides the connection disclosure
is for; a mark given out of 20 or 100 and "nothing holds a candle to it" rate; a saving promised
to the reader ("spart euch 40 %") cuts a price; one's code left in the bio is a promo code; a name
that starts a web address ("shop it at acme.example") is a shop, not a workplace; a partner thanked
by its handle beside its product is a sponsored post, on the brand account too; criticism of the
employer's product and a figure compared over time ("up from €112 to €146") sell nothing; "code
AGAIN" gives no code; a codename glossed as the project, named by its meeting, or teased with
"that's all I'll say" is the codename.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import findings, policy_from
from tests.check.rounds import fired as rules

PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)
LINKEDIN_PERSONAL = CheckTarget(Network.LINKEDIN, Persona.PERSONAL)
BRAND_ACCOUNT = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)

PACK = """\
version = 1
[employer]
name = "Brisbeck Outdoor"
aliases = ["Brisbeck", "Brisbeck Trail", "Brisbeck Maps"]
domains = ["brisbeck.example"]
[[partners]]
name = "Fenholt Cider"
aliases = ["@fenholtcider", "Fenholt Dry"]
domains = ["fenholt.example"]
[disclosure]
region = "us"
accepted = ["#ad", "#BrisbeckTeam", "Werbung:", "publicité"]
[confidential]
terms = ["Project Saltmarsh", "Plover"]
"""

PROMOTION = {"persona.brand_promotion", "persona.promotion"}
DISCLOSURE = {"disclosure.missing", "disclosure.insider_review", "disclosure.unclear"}


@pytest.fixture
def outdoor(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "brisbeck.toml")


# --- 1. the job kept quiet beside the employer's name ------------------------------------------

@pytest.mark.parametrize("text", [
    "won't say where I work 🤫 but the Brisbeck Trail jacket is the one to get this winter",
    "Not telling you who I work for, but B r i s b e c k boots are worth every penny",
    "No digo dónde trabajo, pero las botas de Br1sbeck son otra cosa. Ya me diréis",
    "Je ne dirai pas où je bosse 🤐 mais la veste Brisbeck Trail, croyez-moi",
    "Ich verrate nicht, wo ich arbeite, aber die Brisbeck Trail Jacke ist unschlagbar",
    "Não digo onde trabalho, mas as botas da Brisbeck são outra coisa",
    "Non vi dico dove lavoro, ma gli scarponi Brisbeck sono un'altra cosa",
])
def test_the_job_kept_quiet_beside_the_employers_name_needs_a_disclosure(text, outdoor):
    found = findings(text, PERSONAL, outdoor)
    assert found["persona.brand_promotion"].severity.value == "warn"
    # ("worth every penny" is a review's verdict: an insider review, the stricter finding
    # for the same missing disclosure, since the fourteenth round)
    assert found.keys() & {"disclosure.missing", "disclosure.insider_review"}


@pytest.mark.parametrize("text", [
    "Brisbeck just opened a shop near where I work, handy for lunch",
    "not saying where I work, but the commute this week has been brutal",
    "Ich weiß nicht, wo ich arbeite am liebsten: zu Hause oder im Café neben Brisbeck",
    "Finally allowed to tell you where I work: Brisbeck in Leeds",
    "I went to say hi to Dana where I work, at Brisbeck in Leeds",
])
def test_where_one_works_said_plainly_or_without_a_brand_sells_nothing(text, outdoor):
    assert not rules(text, PERSONAL, outdoor) & (PROMOTION | DISCLOSURE)


# --- 2. marks and verdicts of the employer's product --------------------------------------------

@pytest.mark.parametrize("text", [
    "Brisbeck Trail jacket after a wet week in the hills. Score: 19/20.",
    "Franchement, la veste Brisbeck Trail. Note : 18/20.",
    "Las botas Brisbeck, después de un año. Puntuación: 95/100",
    "Nothing else I've worn holds a candle to the Brisbeck Trail jacket",
    "Ninguna otra chaqueta le llega a los talones a la Brisbeck Trail",
    "Keine andere Jacke kann der Brisbeck Trail das Wasser reichen",
    "Nessun'altra giacca arriva alla caviglia della Brisbeck Trail",
    "Nenhuma outra bota chega aos calcanhares das Brisbeck",
])
def test_a_mark_or_a_verdict_on_the_employers_product_is_an_insider_review(text, outdoor):
    assert "disclosure.insider_review" in rules(text, PERSONAL, outdoor)


@pytest.mark.parametrize("text", [
    "Hindsight is 20/20: should have taken the Brisbeck map to the summit",
    "Note: the Brisbeck store closes at 6 on Sundays",
    "Lit a candle on the table before the Brisbeck team dinner",
])
def test_a_figure_or_a_note_that_rates_nothing_stays_quiet(text, outdoor):
    assert not rules(text, PERSONAL, outdoor) & DISCLOSURE


# --- 3. savings, codes and shops without a sales word -------------------------------------------

@pytest.mark.parametrize("text", [
    "Brisbeck Trail Jacke für den Winter: spart euch 30 %, schreibt mir",
    "Las botas Brisbeck: ahorra un 25 % si me escribes",
    "La veste Brisbeck Trail : économisez 20 % jusqu'à dimanche",
    "Botas Brisbeck: poupe 15% esta semana",
    "Scarponi Brisbeck: risparmiate il 20% fino a domenica",
])
def test_a_saving_promised_to_the_reader_beside_the_brand_promotes_it(text, outdoor):
    assert {"persona.brand_promotion", "disclosure.missing"} <= rules(text, PERSONAL, outdoor)


@pytest.mark.parametrize("text", [
    "Unsere neue Wärmepumpe spart 40 % Energie, sagt der Installateur",
    "El nuevo aislamiento ahorra energía, según el técnico",
])
def test_a_saving_said_of_a_thing_is_no_price_cut(text, outdoor):
    assert not rules(text, PERSONAL, outdoor) & (PROMOTION | DISCLOSURE)


@pytest.mark.parametrize("text", [
    "new hiking boots for autumn 🍂 my code is in bio for the discount",
    "Mis botas nuevas 🥾 mi código en la bio para el descuento",
    "Mes nouvelles chaussures 🥾 code et lien en bio pour la remise",
    "Neue Wanderschuhe 🥾 mein Rabattcode in der Bio",
    "Botas novas 🥾 o meu código na bio para o desconto",
    "Scarponi nuovi 🥾 il mio codice in bio per lo sconto",
])
def test_ones_code_left_in_the_bio_is_a_promo_code(text, outdoor):
    assert {"persona.promotion", "disclosure.missing"} <= rules(text, PERSONAL, outdoor)


@pytest.mark.parametrize("text", [
    "the code in the repo is a mess again, fixing it tonight",
    "Updated my bio, new job title and all",
    "the vendor shipped broken code AGAIN. Rolling back",
    "The code NEVER compiles on the first try",
])
def test_code_and_bio_in_other_senses_stay_quiet(text, outdoor):
    assert not rules(text, PERSONAL, outdoor) & (PROMOTION | DISCLOSURE)


@pytest.mark.parametrize("text", [
    "Boots for the whole family, code TRAILS at checkout-free brisbeck.example",
    "Mi favorita para el otoño. Código: BOSQUE",
])
def test_a_code_of_capitals_given_as_one_is_a_code(text, outdoor):
    assert rules(text, PERSONAL, outdoor) & PROMOTION


@pytest.mark.parametrize("text", [
    "My favourite walking boots 🥾 shop them at brisbeck.example/boots with my code ANNA10",
    "Proud to share that we've just launched the lightest tent Brisbeck has made. Pre-orders "
    "at brisbeck.example/tent",
])
def test_a_name_that_starts_a_web_address_is_no_workplace(text, outdoor):
    assert "disclosure.missing" in rules(text, LINKEDIN_PERSONAL, outdoor)


def test_the_job_said_before_the_address_still_discloses(outdoor):
    text = "I work at Brisbeck: our new boots are at brisbeck.example/boots"
    assert not rules(text, PERSONAL, outdoor) & DISCLOSURE


# --- 4. a partner thanked beside its product ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Tonight's pick after the trail run: Fenholt Dry, poured over ice. Thank you @fenholtcider",
    "Fenholt Dry at the campfire 🍎 merci @fenholtcider !",
    "Sidra Fenholt Dry para el final de la ruta. ¡Gracias @fenholtcider!",
])
def test_a_partners_product_thanked_on_the_brand_account_needs_an_ad_label(text, outdoor):
    assert "disclosure.missing" in rules(text, BRAND_ACCOUNT, outdoor)


@pytest.mark.parametrize("text", [
    "Thank you @fenholtcider for joining our litter pick on Saturday",
    "Fenholt Dry came up in the pub quiz. Thank you @leedsquizleague for hosting",
])
def test_a_thank_you_without_the_partners_product_is_no_ad(text, outdoor):
    assert "disclosure.missing" not in rules(text, BRAND_ACCOUNT, outdoor)


# --- 5. codenames --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "plover 🐦 (the project, not the bird) is going to be huge next spring",
    "Plover is going to be something else next year. That's all I'll say",
    "the plover meeting ran long, but we kick off in January",
    "La réunion Plover s'est bien passée, on démarre en janvier",
    "reunião do plover correu bem, arrancamos em janeiro",
    "Das Plover-Meeting lief super, Start im Januar",
    "la riunione di Plover è andata benissimo",
    "la reunión de Plover salió genial",
])
def test_a_codename_glossed_teased_or_named_by_its_meeting_warns(text, outdoor):
    assert "confidential.term" in rules(text, PERSONAL, outdoor)


@pytest.mark.parametrize("text", [
    "Saw a plover on the dunes after the team meeting",
    "meeting a plover this close is rare, what a morning",
    "On a vu un pluvier sur la plage, quelle réunion de famille !",
])
def test_the_bird_beside_a_meeting_stays_quiet(text, outdoor):
    assert "confidential.term" not in rules(text, PERSONAL, outdoor)


# --- 6. criticism and figures over time ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Small gripe: the new route planner in the Brisbeck Maps app makes it harder to save walks",
    "Pequeña queja: el nuevo planificador de Brisbeck Maps es más difícil de usar",
    "Petit bémol : le nouveau planificateur de Brisbeck Maps est plus difficile à utiliser",
    "Kleiner Kritikpunkt: der neue Routenplaner in Brisbeck Maps ist schwieriger zu bedienen",
    "Uma queixa: o novo planeador da Brisbeck Maps é mais difícil de usar",
    "Una lamentela: il nuovo pianificatore di Brisbeck Maps è più difficile da usare",
])
def test_criticism_of_the_employers_product_is_not_promotion(text, outdoor):
    found = findings(text, PERSONAL, outdoor)
    assert not set(found) & DISCLOSURE
    assert "persona.brand_promotion" not in rules(text, PERSONAL, outdoor)


def test_praise_of_the_same_product_still_promotes(outdoor):
    text = "Love the new route planner in the Brisbeck Maps app, download it now"
    assert {"persona.brand_promotion", "disclosure.missing"} <= rules(text, PERSONAL, outdoor)


@pytest.mark.parametrize("text", [
    "Average basket 2019: €41. 2026: €58. Up from €41 to €58 in seven years of work.",
    "Der Umsatz pro Kunde stieg von 41 € auf 58 €. Sieben Jahre Arbeit.",
    "El ticket medio pasó de 41 € a 58 € en siete años.",
    "Le panier moyen est passé de 41 € à 58 € en sept ans.",
])
def test_a_figure_compared_over_time_is_not_an_offer(text, outdoor):
    assert not rules(text, WORK_SELF, outdoor) & (PROMOTION | DISCLOSURE)


@pytest.mark.parametrize("text", [
    "Hand-stitched map cases from €40, DM me to order",
    "Map cases from €40 to €60, DM me to order",
    "Fundas de mapa de 40 € a 60 €, escríbeme para pedirlas",
])
def test_a_price_or_a_range_to_order_from_still_sells(text, outdoor):
    assert rules(text, PERSONAL, outdoor) & (PROMOTION | DISCLOSURE)


# --- 3b. something given free by the employer --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Reminder that Brisbeck is offering free boot fitting this Saturday. Come say hi!",
    "Brisbeck ofrece ajustes de botas gratis este sábado, pasad a verme",
    "Brisbeck offre l'ajustement gratuit samedi, passez me voir",
    "Brisbeck bietet am Samstag kostenlose Schuhanpassung, kommt vorbei",
    "A Brisbeck oferece ajuste grátis no sábado, apareçam",
    "Brisbeck offre la prova gratuita sabato, passate a trovarmi",
])
def test_something_given_free_by_the_employer_promotes_it(text, outdoor):
    assert "persona.brand_promotion" in rules(text, PERSONAL, outdoor)


@pytest.mark.parametrize("text", [
    "Brisbeck ofrece comida gratis a sus empleados los viernes, qué lujo",
    "Brisbeck bietet kostenloses Mittagessen für Mitarbeiter, nicht schlecht",
    "Brisbeck is giving out free lunch to staff on Fridays, not bad",
    "Brisbeck offre le déjeuner gratuit à tous les salariés le vendredi",
    "The library is offering free tax help this month, worth a look",
])
def test_a_staff_perk_or_a_free_service_nobody_sells_stays_quiet(text, outdoor):
    assert not rules(text, PERSONAL, outdoor) & (PROMOTION | DISCLOSURE)


# --- 6b. the employer's hiring and a lesson about buyers on one's work account ------------------

@pytest.mark.parametrize("text", [
    "Estamos a recrutar vendedores para a loja da Brisbeck no Porto. Candidaturas em "
    "brisbeck.example/carreiras",
    "Estamos a contratar guias para a Brisbeck em Lisboa: brisbeck.example/carreiras",
])
def test_the_employers_hiring_in_european_portuguese_speaks_from_inside(text, outdoor):
    assert not rules(text, WORK_SELF, outdoor) & DISCLOSURE


@pytest.mark.parametrize("text", [
    "Ran our pricing session today. Lesson: customers don't buy features, they buy outcomes. "
    "Discounts are not a strategy.",
    "Workshop takeaway: people never buy the cheapest option, they buy the clearest one. "
    "Pricing is communication.",
])
def test_what_buyers_do_not_buy_asks_nothing_of_the_reader(text, outdoor):
    assert not rules(text, WORK_SELF, outdoor) & (PROMOTION | DISCLOSURE)


def test_a_denied_call_beside_an_offer_still_sells(outdoor):
    text = "People don't buy tents in November, so the Brisbeck sale is 30% off, shop now"
    assert {"persona.brand_promotion", "disclosure.missing"} <= rules(text, PERSONAL, outdoor)
