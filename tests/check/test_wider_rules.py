"""General rules added for drafts the word lists missed (issue 17, h-check round): drinks
counted or named in six languages, sobriety, treatment said around it, swapped-letter swearing,
the middle-finger gesture, e-mail addresses spelled out in other languages — each with near
misses that must stay quiet."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.check.engine import check_draft
from app.core.model import CheckTarget, Network, Owner, Persona, Severity

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
X_WORK = CheckTarget(Network.X, Persona.WORK)
X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)


def fired(text, target, policy=None):
    """Rules with a warning or a block (what makes a post stop or ask)."""
    result = check_draft(text, target, policy=policy, now=NOW)
    return {f.rule for f in result.findings if f.severity.rank >= Severity.WARN.rank}


@pytest.mark.parametrize("text", [
    "Nine pints deep at the cricket club, someone hide my phone",
    "Jägerbombs until closing and my head is pounding",
    "Cuatro gin tonics anoche y hoy no soy persona",
    "Deux bouteilles de rouge à trois, journée compliquée",
    "Fünf Bier und drei Kurze, heute geht nichts",
    "Seis cervejas e duas caipirinhas no sábado",
    "Quattro birre e due spritz ieri, oggi sono a pezzi",
    "Two years sober today",
    "Hoy cumplo seis meses sin probar el alcohol",
    "Seit zwei Jahren trocken",
    "Ho smesso di bere da un anno",
    "Back at my desk while I recover from my hip operation",
    "Round three of chemo tomorrow",
    "Me operan del menisco el lunes, mi operación es a las 8",
    "Depuis ma greffe tout va mieux",
    "Grávida de 28 semanas e ainda no escritório",
])
def test_personal_life_told_by_amounts_and_around_it_on_a_work_account(text):
    assert "persona.personal_life" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "We sold 3 bottles of hand sanitiser per customer",
    "Drei kurze Fragen an unser Team",
    "Zwei halbe Stunden Pause pro Schicht",
    "Duas doses da vacina são recomendadas",
    "Our alcohol-free range launches Monday",
    "A sober look at the quarter's numbers",
    "Took 3 shots at goal in the first half",
])
def test_the_same_words_in_a_working_sense_stay_quiet(text):
    assert "persona.personal_life" not in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Fvck this rota", "Phuck Mondays", "Shyt week honestly", "What a load of bvllshit",
    "🖕 to whoever booked a 7am meeting", "🖕🏽 Mondays",
])
def test_swapped_letters_and_the_gesture_count_as_swearing(text):
    assert "conduct.profanity" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Quick question about the queue", "Movie night with the team", "Vivid colours in the yard",
    "Physics of the pump explained",
])
def test_ordinary_words_with_those_letters_are_not_swearing(text):
    assert not {rule for rule in fired(text, X_WORK) if rule.startswith("conduct")}


@pytest.mark.parametrize("text", [
    "Schreibt mir: jana punkt meier at web punkt de",
    "Escríbeme a lucia punto gomez arroba gmail punto com",
    "Écrivez-moi : claire point dubois arobase orange point fr",
    "Scrivetemi: marco chiocciola libero punto it",
    "Manda para joao ponto silva arroba gmail ponto com",
    "jane dot doe at gmail dot com",
])
def test_spelled_out_addresses_in_six_languages(text):
    assert "privacy.email" in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "We arrived at this point it was already late",
    "At that point de facto nothing changed",
    "El punto es que llegamos tarde",
])
def test_sentences_with_point_and_at_are_not_addresses(text):
    assert "privacy.email" not in fired(text, X_PERSONAL)


X_BRAND = CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)


@pytest.mark.parametrize("text", [
    "Chez Brightside, le sérum est offert ce mois-ci, réservez vite",
    "Brightside: erster Monat gratis, jetzt anmelden!",
    "Da Brightside la crema costa solo 10€, prenotate",
    "Brightside has no joining fee until Sunday, go go go",
    "Los sérums de Brightside están al 2x1 esta semana, corred",
])
def test_a_partners_offer_in_any_language_needs_a_disclosure(text, acme):
    assert {"persona.brand_promotion", "disclosure.missing"} <= fired(text, X_PERSONAL, acme)


@pytest.mark.parametrize("text", [
    "Brightside? Never tried it, is it any good?",
    "Passei na Brightside para comprar protetor e saí com chocolate",
    "Long week at Acme Magazine, thank god it's Friday",
])
def test_a_question_or_a_passing_mention_is_not_promotion(text, acme):
    assert not fired(text, X_PERSONAL, acme) & {"persona.brand_promotion", "disclosure.missing"}


@pytest.mark.parametrize("text", [
    "Be your own boss this year 💸 DM me, I'm growing my team",
    "Sé tu propia jefa este año, escríbeme",
    "Deviens ta propre patronne, écris-moi",
    "Comment INFO and I'll tell you how I earn from home",
])
def test_direct_sales_recruiting_is_promotion(text):
    assert "persona.promotion" in fired(text, X_PERSONAL)


def test_code_words_are_not_a_promo_code():
    assert not fired("Use code words with your kids so they know who's safe", X_PERSONAL)
    assert "persona.promotion" in fired("Use code GLOW20 for 20% off", X_PERSONAL)


@pytest.mark.parametrize("text", [
    "We are hiring editors in Leeds and Bristol",
    "Estamos contratando redactores en Valencia",
    "Wir stellen ein: Redakteurin in München",
    "Proud to lead the features team at Acme Magazine: our new issue is out at acmemag.com",
    "Mi equipo en Acme Magazine ha lanzado la nueva web: acmemag.com",
])
def test_hiring_posts_and_job_statements_disclose_the_connection(text, acme):
    assert not {rule for rule in fired(text, X_WORK, acme) if rule.startswith("disclosure")}


def test_the_employer_named_with_its_link_and_no_connection_still_needs_a_disclosure(acme):
    assert "disclosure.missing" in fired("Acme Magazine's new issue is out at acmemag.com",
                                         X_WORK, acme)


@pytest.mark.parametrize("text", [
    "Our rehab unit at the Leeds clinic now takes weekend referrals",
    "Pregnancy vitamins: what the evidence says, explained by our pharmacists",
    "Chemotherapy and nausea: five questions to ask your pharmacist",
])
def test_health_words_in_an_organisations_voice_are_work(text):
    assert "persona.personal_life" not in fired(text, X_BRAND)


@pytest.mark.parametrize("text", [
    "Our new colleague Priya is going through IVF, send her love",
    "Hungover after the awards, send coffee",
    "My wife is pregnant with our second",
])
def test_private_life_on_the_brand_account_is_still_flagged(text):
    assert "persona.personal_life" in fired(text, X_BRAND)


@pytest.mark.parametrize("text", [
    "Ese proveedor es un inútil y un sinvergüenza",
    "Spero che quel cliente venga licenziato",
    "Si tu recommences, tu vas le regretter",
    "Du bist so ein Versager",
    "Ich weiß, wo du wohnst",
])
def test_insults_and_threats_in_other_languages(text):
    assert "conduct.insult" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "La gestión fue deficiente este trimestre",
    "Es un desastre este tráfico",
    "Ich hoffe, der Server hält durch",
])
def test_complaints_with_no_one_insulted_stay_quiet(text):
    assert "conduct.insult" not in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Die Kleine hat heute zum ersten Mal Mama gesagt",
    "Mi hija ha dicho mamá por primera vez",
    "Meine Mutter liegt im Krankenhaus",
    "Estoy de baja por depresión",
    "Primer día de guardería, lloré más que él",
])
def test_family_and_illness_said_the_everyday_way_in_other_languages(text):
    assert "persona.personal_life" in fired(text, X_WORK)


@pytest.mark.parametrize(("text", "hit"), [
    ("Falcon is a lovely bird", False),
    ("El Proyecto Falcon sale en marzo", True),
    ("Le projet Falcon avance bien", True),
])
def test_codenames_in_other_languages(text, hit, acme):
    assert ("confidential.term" in fired(text, X_PERSONAL, acme)) is hit


def test_a_codename_number_said_in_another_language():
    from app.check.compiled import codename_variants

    assert {"Atlas tres", "Atlas drei", "Atlas tre", "Atlas trois"} <= set(
        codename_variants("Atlas 3"))


@pytest.mark.parametrize(("text", "rule"), [
    ("So h*ngover I can't see straight", "persona.personal_life"),
    ("Dr*nk texting again lol", "persona.personal_life"),
    ("Fukc this weather", "conduct.profanity"),
    ("This rota is sh*te", "conduct.profanity"),
])
def test_masked_and_transposed_words(text, rule):
    assert rule in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "The carp in the pond are huge", "King Cnut and the tide", "Price is $5*2 today",
])
def test_ordinary_words_near_a_masked_or_transposed_one_stay_quiet(text):
    assert not {r for r in fired(text, X_WORK) if r.startswith(("conduct", "persona"))}


@pytest.mark.parametrize("text", [
    "Achetez ce livre, vous me remercierez",
    "Pilla este sérum, no te arrepentirás",
    "Comprem esse tênis, vale cada centavo",
    "You need a weekend at Brightside in your life, trust me",
])
def test_buying_promised_to_pay_off_is_promotion(text, acme):
    found = fired(text, X_PERSONAL, acme)
    assert found & {"persona.promotion", "persona.brand_promotion"}


def test_advice_promised_to_pay_off_is_not():
    assert not fired("Go to bed early before the conference, you'll thank me later", X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Travelling with a baby? Here's how our family seats work",
    "Volare in gravidanza: i consigli del nostro team medico",
])
def test_family_products_and_italian_articles_are_not_personal(text):
    assert "persona.personal_life" not in fired(text, X_BRAND)


def test_a_divorce_lawyer_is_still_personal():
    assert "persona.personal_life" in fired("Anyone know a good divorce lawyer? Asking for me.",
                                            X_WORK)


def test_a_job_ad_with_the_employers_jobs_link_is_disclosed(acme):
    text = "Wir suchen Redakteure in Berlin, bewerbt euch auf acmemag.com/jobs"
    assert not {r for r in fired(text, X_WORK, acme) if r.startswith("disclosure")}


@pytest.mark.parametrize(("text", "rule"), [
    ("Baby number two is on the way", "persona.personal_life"),
    ("Ma psy m'a conseillé de ralentir", "persona.personal_life"),
    ("Ieri mi sono ubriacato come non mai", "persona.personal_life"),
    ("Bottomless mimosas at brunch, productivity is cancelled", "persona.personal_life"),
    ("Ce mec est un gros con", "conduct.insult"),
    ("Was für ein Arsch", "conduct.insult"),
])
def test_more_everyday_forms(text, rule):
    assert rule in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Mi nuevo curso online ya está disponible, plazas limitadas",
    "Mon e-book sort demain, précommandez-le dès maintenant",
    "Mein neuer Onlinekurs startet morgen, jetzt anmelden",
    "Il mio nuovo corso è online, iscrivetevi",
    "Looking for girls who want to make money online 💕 message me",
])
def test_selling_ones_own_course_or_recruiting_in_six_languages(text):
    assert "persona.promotion" in fired(text, X_PERSONAL)


@pytest.mark.parametrize(("text", "hit"), [
    ("Vols Brightside à -40% ce week-end", True),
    ("Brightside-Seren jetzt 30% günstiger", True),
    ("Brightside's shares are down -4% today", False),
])
def test_a_price_cut_written_alone(text, hit, acme):
    assert ("persona.brand_promotion" in fired(text, X_PERSONAL, acme)) is hit


def test_a_new_job_said_without_a_pronoun_discloses_it(acme):
    text = "New job at Acme Magazine starts Monday, nervous and excited"
    assert not fired(text, X_PERSONAL, acme) & {"persona.brand_promotion", "disclosure.missing"}


def test_asking_about_prices_is_not_selling():
    assert not fired("What's the best price you've ever paid for a flight?", X_PERSONAL)
