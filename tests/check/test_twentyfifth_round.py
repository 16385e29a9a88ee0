"""Twenty-fifth round: what the ninth wave of unseen sets (a tax-preparation chain, a heating
engineer, a tour operator, a cinema chain, a concert promoter) showed the check missing or
raising wrongly, read after their untouched and end figures were taken, made general. Examples
of our own in six languages, each beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import CONDUCT, fired, policy_from, severities

BRAND = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
PERSONAL = CheckTarget(Network.FACEBOOK, Persona.PERSONAL)
PINTEREST_PERSONAL = CheckTarget(Network.PINTEREST, Persona.PERSONAL)

PACK = """version = 1
[employer]
name = "Brindlecombe Travel"
aliases = ["Brindlecombe"]
domains = ["brindlecombe.example"]
[[partners]]
name = "Ostrava Coaches"
aliases = ["Ostrava"]
domains = ["ostrava.example"]
[confidential]
terms = ["Projet Lune Rouge"]
"""


@pytest.fixture
def travel(tmp_path):
    return policy_from(tmp_path, PACK)


# --- 1. the reader told to book, buy or call, by the imperative's ending -------------------------

@pytest.mark.parametrize("text", [
    "Nuevo menú de otoño en La Cuchara: reservadla ya, que vuela 🍂 10% de descuento los martes",
    "Menu d'automne au Bistrot Lila : réservez-la vite, -10 % le mardi 🍂",
    "Herbstmenü im Lindenhof. Bucht die Terrasse jetzt, 10 % Rabatt am Dienstag!",
    "Menu d'autunno da Zeno: prenotatela su zeno.example, sconto 10% il martedì",
    "Menu de outono no Cais: reservem já, 10% de desconto à terça 🍂",
])
def test_a_call_made_by_the_imperatives_ending_sells(text):
    assert "persona.promotion" in fired(text, PERSONAL)


@pytest.mark.parametrize("text", [
    "Vous réservez toujours trop tard, comme moi 😅",   # the indicative with its subject
    "Ho prenotato il treno per Bari, finalmente.",     # the writer's own errand, past
    "Venez nombreux à la fête du quartier samedi !",   # an invitation, no sale
    "Para dudas de prensa escribid a prensa@ejemplo.org",
])
def test_a_subject_a_past_or_an_invitation_is_no_call_to_buy(text):
    assert "persona.promotion" not in fired(text, PERSONAL)


# --- 2. one's own trade offered on a personal account ---------------------------------------------

@pytest.mark.parametrize("text", [
    "Anyone in Leeds need a bathroom tiled? Cash jobs, cheaper than the big firms, text me.",
    "Need a hand with your garden this spring? Drop me a text, mates rates 👍",
    "Si alguien necesita que le arreglen el ordenador, pregunten por mí, 20€ la visita",
    "Pour info je suis aussi monteuse vidéo en indépendant, devis gratuit en MP !",
    "Ab März bin ich auch privat als Hochzeitsfotografin buchbar, Preise auf Anfrage per DM",
])
def test_ones_own_trade_offered_is_a_pitch(text):
    assert "persona.promotion" in fired(text, PERSONAL)


@pytest.mark.parametrize("text", [
    "Selling my old pram, good condition, collection only, message me.",
    "Vendo la bici de mi hija, 35 €, recogida en el centro, escribidme por privado.",
    "Anyone need a lift to the match on Saturday? I've got two seats.",
])
def test_ones_old_things_sold_or_a_favour_offered_is_no_trade(text):
    assert "persona.promotion" not in fired(text, PERSONAL)


# --- 3. job offers in more shapes -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Wir suchen Busfahrer (m/w/d) für die Saison! Bewerbt euch über brindlecombe.example/karriere",
    "Cerchiamo guide per la stagione 2027! Candidatevi su brindlecombe.example/lavora-con-noi",
    "Brindlecombe: they're hiring tour reps in Bristol right now, apply at brindlecombe.example",
    "Applications for our spring apprenticeship close Friday. Apply at brindlecombe.example",
])
def test_a_job_advert_on_a_personal_account_is_a_pitch(travel, text):
    assert "persona.promotion" in fired(text, PERSONAL, travel)


def test_a_job_mentioned_without_an_offer_stays_quiet(travel):
    text = "Five years at Brindlecombe today. Still love the job."
    assert not fired(text, PERSONAL, travel) & {"persona.promotion", "persona.brand_promotion"}


# --- 4. personal life in regional and other-language words --------------------------------------

@pytest.mark.parametrize("text", [
    "Our lass is expecting again, due in June, so send coffee.",
    "Faz hoje 5 anos que casei com o Rui ❤️",
    "Bin bis Freitag im Krankenhaus, Blinddarm-OP. Antworten dauern.",
    "Hoy no estoy, el peque tiene fiebre.",
    "Gestern zu tief ins Glas geschaut, heute langsam 🥴",
    "Roll on the election, can't come soon enough.",
])
def test_personal_life_in_regional_words_is_flagged_on_work(text):
    assert "persona.personal_life" in fired(text, WORK)


# --- 5. a question put to readers about their own lives -------------------------------------------

@pytest.mark.parametrize("text", [
    "Got divorced this year? Your filing status may change. Book a review with us.",
    "Welcomed a baby in 2026? Add them to your policy within 30 days.",
])
def test_a_question_to_readers_about_their_lives_is_a_note(text):
    assert "persona.personal_life" not in fired(text, BRAND)


def test_a_question_that_tells_the_writers_own_life_still_warns():
    text = "Anyone else's toddler up all night with chickenpox? Mine is covered in spots."
    assert "persona.personal_life" in fired(text, BRAND)


# --- 6. praise that ranks the brand ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Brindlecombe has the comfiest coaches in the country 😌",
    "Brindlecombe sorted my trip to Prague, smoothest booking I've ever had",
    "Die freundlichsten Reiseleiter in ganz Deutschland: Brindlecombe.",
])
def test_a_praising_superlative_about_the_brand_is_promotion(travel, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, travel)


def test_a_workplace_ranked_is_no_product_verdict(travel):
    text = "Brindlecombe is the best employer in town, five years and counting."
    assert not fired(text, PERSONAL, travel) & {"disclosure.missing", "disclosure.insider_review"}


@pytest.mark.parametrize(("text", "praised"), [
    ("the comfiest seats in the country", True),
    ("tidiest install i've ever seen", True),
    ("the longest queue i've ever seen", False),   # a complaint's superlative
    ("the best day ever", False),                  # a day, not a product
])
def test_the_acclaim_list_reads_praise_not_complaints(text, praised):
    from app.check.jurisdiction import acclaim_cues
    from app.check.lexicons import builtin_lexicons

    disclosure = builtin_lexicons().disclosure
    assert bool(acclaim_cues(disclosure, text)) is praised


# --- 7. false alarms on the work account ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "New guidance on the Section 45S credit is out; worth a read before year end.",
    "We rebuilt a stretch of drystane dyke along the car park this week.",
    "A client once called me a 'useless cowboy' for refusing an unsafe job. I'd refuse it again.",
])
def test_codes_walls_and_reported_names_are_not_conduct(text):
    assert not fired(text, WORK) & CONDUCT


@pytest.mark.parametrize("text", [
    "PSA: the bank will never text you for your PIN. If someone does, it's a scam.",
    "Recordatorio: si pides prórroga, igual tienes que pagar lo que debas antes del 15.",
    "Wir freuen uns über Ihre Bewertung auf Google, Lob und Kritik lesen wir alle!",
])
def test_a_notice_or_a_review_asked_for_is_at_most_a_note(text):
    assert severities(text, BRAND).get("conduct.insult") in (None, "info")


def test_german_idioten_is_an_insult():
    assert "conduct.insult" in fired("Solche Idioten bedienen wir nicht.", BRAND)


# --- 8. regional swearing and name-calling --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Kurwa, third missed delivery today.",
    "No mames, otra vez se cayó el sistema.",
    "Was für eine besch*ssene Woche am Schalter.",
    "The clowns at the rival agency undercut us again. Absolute frauds.",
    "Notre ancien prestataire ? Un escroc de première.",
])
def test_regional_swearing_and_name_calling_are_conduct(text):
    assert fired(text, BRAND) & CONDUCT


def test_clowns_on_the_bill_are_performers():
    assert not fired("The clowns at the top of the bill tonight are superb.", BRAND) & CONDUCT


# --- 9. a call to come to the workplace -----------------------------------------------------------

def test_come_see_me_at_the_workplace_is_promotion(travel):
    text = "Planning a city break? Come see me at Brindlecombe on Queen Street, open till 7!"
    assert "persona.promotion" in fired(text, PERSONAL, travel)


# --- 10. an infinitive command and a bargain ----------------------------------------------------

def test_jetzt_with_an_infinitive_calls_the_reader(travel):
    text = "Die schönste Busreise des Jahres mit Brindlecombe. Jetzt buchen!"
    assert "persona.brand_promotion" in fired(text, PERSONAL, travel)


def test_a_bargain_named_sells(travel):
    text = "Brindlecombe's winter breaks are a steal this year."
    assert "persona.brand_promotion" in fired(text, PERSONAL, travel)


# --- 11. a two-word codename translated -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Project Red Moon slipped again. Q3 it is.",
    "Reunión del Proyecto Luna Roja a las 10.",
    "Il Progetto Luna Rossa è in ritardo.",
    "Meeting about Luna Roja tomorrow, not a word to anyone 🤫",
])
def test_a_two_word_codename_in_another_language_is_the_codename(travel, text):
    assert "confidential.term" in fired(text, WORK, travel)


@pytest.mark.parametrize("text", [
    "Tonight there's a red moon over the bay.",
    "Anoche hubo luna roja sobre la bahía.",
])
def test_the_same_words_as_everyday_speech_are_not(travel, text):
    assert "confidential.term" not in fired(text, WORK, travel)


# --- Pinterest carousels ------------------------------------------------------------------------

def test_a_pin_of_three_photos_is_within_pinterests_limit():
    from app.check.engine import check_draft
    from app.core.model import ImageAttachment
    from tests.check.rounds import NOW

    images = [ImageAttachment(__import__("pathlib").Path("/nonexistent.jpg"), "A photo")] * 3
    result = check_draft("Autumn table ideas 🍂", PINTEREST_PERSONAL, images=images, now=NOW)
    assert "limit.images" not in {f.rule for f in result.findings}
    result = check_draft("Autumn table ideas 🍂", PINTEREST_PERSONAL, images=images * 2, now=NOW)
    assert "limit.images" in {f.rule for f in result.findings}


# --- 12. a cut named before its figure, and a price with scarcity, are a pitch even said openly --

@pytest.mark.parametrize("text", [
    "#ad I work at Brindlecombe: coach tours in sconto del 20% fino a domenica!",
    "#publi Trabajo en Brindlecombe: últimas plazas a Oporto, hotel + bus 149€",
    "#ad I work at Brindlecombe: reservadla ya, the Lisbon tour 20% off this week",
])
def test_a_pitch_said_openly_still_warns(travel, text):
    assert "persona.promotion" in fired(text, PERSONAL, travel)


@pytest.mark.parametrize("text", [
    "Trabalho na Brindlecombe e hoje abrimos a loja do Porto! Venham conhecer a equipa 💙",
    "#publi Trabajo en Brindlecombe: el sábado jornada de puertas abiertas, ¡venid con los peques!",
])
def test_come_and_meet_us_said_openly_is_a_note(travel, text):
    assert not fired(text, PERSONAL, travel) & {"persona.promotion", "persona.brand_promotion"}


# --- 13. sarcasm and understanding are no praise or call -----------------------------------------

def test_sarcasm_is_no_praise(travel):
    text = "Ostrava cancelled my coach again. Love that for me."
    assert severities(text, PERSONAL, travel).get("persona.brand_promotion") != "warn"


def test_i_get_it_is_no_call_to_buy(travel):
    text = "My Brindlecombe trip got cancelled too, so yes I get it, it's grim."
    assert not fired(text, PERSONAL, travel) & {"persona.promotion", "persona.brand_promotion"}


# --- 14. a phone number spelled out in words is never the organisation's line ---------------------

@pytest.mark.parametrize("text", [
    "Tom's mobile for Saturday bookings: seven one three, five five five, oh two four one",
    "Para citas con Lucía: seis uno cuatro, cinco cinco cinco, cero dos nueve ocho",
    "Call us back please: four one five, five five five, zero one nine two",
])
def test_a_number_in_words_on_the_brand_account_warns(text):
    assert severities(text, BRAND).get("privacy.phone") == "warn"


def test_the_brands_line_in_digits_is_no_warning():
    assert "privacy.phone" not in fired("Call us back please: 020 7946 0192", BRAND)


# --- 15. street addresses in more shapes, and a customer's home on the brand's account ------------

@pytest.mark.parametrize("text", [
    "New flat! Flat 4, 23 Millgate, Selby YO8 4AB. Housewarming Friday",
    "Nuevo piso: 9 Calle Olmo, 2º izquierda, Valencia. ¡Fiesta el sábado!",
    "Moved in! New address is 5 Hazel Garth, Wetherby, the green door",
])
def test_a_home_address_in_more_shapes_warns(text):
    assert "privacy.address" in fired(text, PERSONAL)


@pytest.mark.parametrize("text", [
    "Another boiler in and running at 6 Larch Close, Pudsey 💪 thanks for the biscuits!",
    "Heating's back on at 3/2, 27 Gardner Street 🙌 cheers Mrs Reid!",
    "Your new router is on its way to 14 Birch Garth, Earley.",
])
def test_a_customers_home_on_the_brand_account_warns(text):
    assert severities(text, BRAND).get("privacy.address") == "warn"


def test_the_brands_own_shop_is_no_ones_home():
    text = "Come and see us at our new shop, 12 Market Street, from Saturday!"
    assert "privacy.address" not in fired(text, BRAND)


# --- 16. a review asked for in more shapes --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "¿Viajasteis con Brindlecombe este verano? ¿Me hacéis el favor de dejar 5 estrellitas? 🙏",
    "If you've been on a Brindlecombe tour, drop it a quick 5⭐ review, it really helps 🙏",
    "Would mean a lot if you said something nice about Brindlecombe online 🙏",
    "Si habéis viajado con Brindlecombe, dejad vuestra opinión en la web, las reseñas ayudan",
])
def test_a_review_asked_for_by_staff_needs_the_tie_said(travel, text):
    assert "disclosure.insider_review" in fired(text, PERSONAL, travel)


# --- 17. praise in idiom ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Ostrava hat mir diese Woche echt den Hintern gerettet, Anschlussbus trotz Verspätung!",
    "Non so cosa farei senza Ostrava, ogni venerdì a casa in tre ore.",
])
def test_praise_in_idiom_promotes_the_brand(travel, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, travel)


# --- a pattern tried only where a word begins as its verbs do -----------------------------------

def test_a_pattern_with_stems_finds_the_same_and_refuses_bad_stems():
    from app.check.lexicons import LexiconError, compile_lexicon
    from app.check.text import fold_view

    data = {"group": [{"id": "calls", "kind": "cta", "label": "a call", "terms": [],
                       "patterns": [{"pattern": r"\b(?:reserv|compr)(?:ad|adlo)\b",
                                     "stems": ["reserv", "compr"]}]}]}
    lexicon = compile_lexicon("test", data)
    for text, found in (("Reservadlo ya", 1), ("Compradlo hoy", 1), ("Nada que ver", 0)):
        assert len(lexicon.find(fold_view(text), lambda text=text: fold_view(text))) == found
    for bad in ([], ["Reserv"], ["r"], "reserv"):
        data["group"][0]["patterns"] = [{"pattern": r"\bfoo\b", "stems": bad}]
        with pytest.raises(LexiconError):
            compile_lexicon("test", data)
