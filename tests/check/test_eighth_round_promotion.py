"""The eighth round, promotion, disclosure, codenames and the meaning layer (fixing sets: the
development sets wagtail and heron, and azurine): the employer's news on one's own work account
needs no disclosure unless it sells or rates; a friend's fundraiser sells nothing; a price cut
with a private way to order sells; a mark "out of five" is a rating; codename numbers up to 99
in any form; an indefinite article makes a one-word codename a common noun; a meaning-layer
reading carried only by grammar words is a note.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check import engine, meaning
from app.check.compiled import codename_variants
from app.check.engine import check_draft
from app.check.meaning import Reading
from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Owner, Persona, Severity
from tests.check.rounds import fired as rules
from tests.check.rounds import policy_from

X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)
WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)

PACK = """\
version = 1
[employer]
name = "Larkspur Labs"
aliases = ["Larkspur"]
domains = ["larkspur.example"]
[[partners]]
name = "Quayside Bikes"
aliases = ["Quayside"]
domains = ["quayside.example"]
[disclosure]
region = "us"
accepted = ["#ad", "#employee"]
[confidential]
terms = ["Kestrel 21", "Wren"]
"""


@pytest.fixture
def labs(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "larkspur.toml")




@pytest.mark.parametrize("text", [
    "Our sustainability report is out: Larkspur cut packaging waste by 40%. Full report at "
    "larkspur.example/report",
    "Gave a talk on accessible dashboards at DevConf. Slides: larkspur.example/talks/a11y",
    "Really proud of the team: Larkspur Atlas just won Best Data Tool at the Analytics Awards",
    "Nuestro informe de impacto ya está publicado: larkspur.example/impacto",
])
def test_the_employers_news_on_ones_work_account_needs_no_disclosure(text, labs):
    assert not rules(text, WORK_SELF, labs) & {"disclosure.missing", "disclosure.buried"}


@pytest.mark.parametrize("text", [
    "Still paying for three analytics tools? You're doing it wrong. larkspur.example/atlas",
    "Larkspur Atlas is 30% off for the first year this week: larkspur.example/atlas",
    "Just gave Larkspur Atlas five stars on G2, you should too",
    "Join us for the Larkspur giving day: every gift is matched until midnight! larkspur.example",
])
def test_selling_or_rating_it_on_ones_work_account_still_needs_it(text, labs):
    found = rules(text, WORK_SELF, labs)
    assert found & {"disclosure.missing", "disclosure.insider_review", "disclosure.buried"}


@pytest.mark.parametrize("text", [
    "My cousin is running the Berlin marathon for the children's hospice, link in bio if you "
    "can chip in",
    "El coro del barrio está recaudando fondos para el órgano: enlace en mi perfil",
    "La chorale fait une collecte de fonds pour l'orgue, lien dans ma bio",
    "Der Kinderchor sammelt Spenden für neue Noten, Link in der Bio, jeder Euro zählt",
    "A escola do meu filho está a angariar fundos, link na bio",
    "La parrocchia fa una raccolta fondi per il tetto, link nel profilo",
])
def test_a_friends_fundraiser_sells_nothing(text, labs):
    assert not rules(text, X_PERSONAL, labs) & {"persona.promotion", "disclosure.missing"}


def test_the_employers_own_appeal_is_still_promotion(labs):
    text = "Larkspur is raising money for the coding club: link in bio, every dollar counts"
    assert rules(text, X_PERSONAL, labs) & {"persona.brand_promotion", "disclosure.missing"}


@pytest.mark.parametrize("text", [
    "half off everything in the spring range if you DM me before Friday",
    "Halber Preis auf die ganze Kollektion, schreibt mir einfach",
    "a mitad de precio toda la colección, escríbeme por privado",
    "30% di sconto su tutto, scrivetemi in privato",
    "metade do preço em tudo, mandem DM",
])
def test_a_price_cut_with_a_private_way_to_order_sells(text, labs):
    assert "persona.promotion" in rules(text, X_PERSONAL, labs)


@pytest.mark.parametrize("text", [
    "Half off my sleep debt would be nice, text me if you know the trick",
    "Half off my to-do list by noon, message me if you need the spreadsheet trick",
])
def test_a_price_cut_with_nobody_selling_stays_quiet(text, labs):
    assert "persona.promotion" not in rules(text, X_PERSONAL, labs)


@pytest.mark.parametrize("text", [
    "Larkspur Atlas: 5 von 5 Sternen, bestes Tool ever",
    "Larkspur Atlas, four out of five, would use again",
    "Larkspur Atlas ? 9 sur 10 pour moi",
])
def test_a_mark_out_of_five_or_ten_is_a_rating(text, labs):
    assert "disclosure.insider_review" in rules(text, X_PERSONAL, labs)


def test_two_out_of_five_people_is_no_rating(labs):
    assert "disclosure.insider_review" not in rules(
        "Two out of five of us at Larkspur caught the flu this week", X_PERSONAL, labs)


@pytest.mark.parametrize("text", [
    "Kestrel XXI is on my desk and it's gorgeous",
    "Kestrel twenty-one ships in spring",
    "Heute Kestrel einundzwanzig gesehen",
    "Hoy probamos Kestrel veintiuno",
    "Kestrel vingt et un arrive bientôt",
    "Kestrel ventuno è pronto",
    "O Kestrel vinte e um está quase",
])
def test_a_codename_number_in_any_form(text, labs):
    assert "confidential.term" in rules(text, X_PERSONAL, labs)


def test_codename_numbers_up_to_ninety_nine():
    assert "Atlas XCIX" in codename_variants("Atlas 99")
    assert "Atlas 14" in codename_variants("Atlas XIV")
    assert "Atlas quatre-vingt-onze" in codename_variants("Atlas 91")


@pytest.mark.parametrize("text", [
    "A wren was singing on the fence all morning, tiny and loud",
    "Ein Wren? Nein, das war ein Zaunkönig, sagt meine Oma",
])
def test_a_codename_after_an_indefinite_article_is_the_common_word(text, labs):
    assert "confidential.term" not in rules(text, X_PERSONAL, labs)


@pytest.mark.parametrize("text", [
    "Wren ships next quarter, can't say more",
    "Saw a Wren demo today 🤫",
])
def test_the_codename_as_a_name_still_blocks(text, labs):
    assert "confidential.term" in rules(text, X_PERSONAL, labs)


class _FirstWordModel:
    """A model sure of every head, naming the draft's first word as what carried it."""

    def read_view(self, view, heads=meaning.HEADS, top=3):
        words = view.words()
        spans = (view.span(words[0][0], words[0][1]),) if words else ()
        return {head: Reading(head, 0.95, spans) for head in heads}


@pytest.mark.parametrize(("text", "expected"), [
    ("Quarterly planning with the team", Severity.WARN),
    ("The quarterly planning with the team", Severity.INFO),
    ("Heute quarterly planning with the team", Severity.INFO),
])
def test_a_reading_carried_only_by_grammar_words_is_a_note(monkeypatch, labs, text, expected):
    monkeypatch.setattr(engine, "shipped_model", lambda: _FirstWordModel())
    found = {f.rule: f for f in check_draft(text, WORK_SELF, policy=labs).findings}
    assert found["conduct.insult"].severity is expected


THREADS_PERSONAL = CheckTarget(Network.THREADS, Persona.PERSONAL)


def test_a_disclosure_pushed_below_blank_lines_is_buried(labs):
    text = "the new Atlas dashboards are unreal → larkspur.example/atlas\n\n\n\n(#employee lol)"
    assert "disclosure.buried" in rules(text, THREADS_PERSONAL, labs)


def test_a_disclosure_on_the_next_line_is_seen(labs):
    text = "the new Atlas dashboards are unreal → larkspur.example/atlas\n#employee"
    assert "disclosure.buried" not in rules(text, THREADS_PERSONAL, labs)


MISSPELT_PACK = """\
version = 1
[employer]
name = "Larkspur Labs"
[confidential]
terms = ["Project Lantern"]
"""


@pytest.fixture
def lantern(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, MISSPELT_PACK, "lantern.toml")


@pytest.mark.parametrize("text", [
    "Huge milestone for Project Lanturn this week, can't say more",
    "Proyecto Lantren avanza muy rápido",
    "Projekt Lanterm ist in der Alpha",
])
def test_a_codename_misspelt_by_one_letter_after_its_generic_word(text, lantern):
    assert "confidential.term" in rules(text, X_PERSONAL, lantern)


@pytest.mark.parametrize("text", [
    "Project Planner is the new tool the PMO uses",
    "Our lantern walk project raised £300",
])
def test_other_project_names_stay_quiet(text, lantern):
    assert "confidential.term" not in rules(text, X_PERSONAL, lantern)


def test_a_link_pointer_on_a_work_account_shares_reading(labs):
    text = ("Proud of our data team: dashboards now load in half the time. The write-up is in "
            "the comments, link in the comments")
    assert "disclosure.missing" not in rules(text, WORK_SELF, labs)


@pytest.mark.parametrize("text", [
    "Reminder that double Larkspur points on every Atlas plan ends Sunday. Just saying 👀",
    "Petit rappel : l'offre Larkspur Atlas finit dimanche. Profitez-en !",
    "if you're still paying 60 quid for dashboards pls switch to Larkspur, half the price",
])
def test_an_offers_deadline_and_a_call_to_switch_sell(text, labs):
    assert "persona.brand_promotion" in rules(text, X_PERSONAL, labs)


@pytest.mark.parametrize("text", [
    "The Larkspur summer party ends Friday, sad it's over",
    "Profitez du soleil ce week-end, on se voit lundi chez Larkspur",
])
def test_a_days_end_and_enjoying_the_sun_do_not(text, labs):
    assert "persona.brand_promotion" not in rules(text, X_PERSONAL, labs)


def test_a_lower_case_codename_in_a_teased_secret_still_blocks(labs):
    text = "cant say anything but if wren happens next year Lyon is going to be busy. Big if"
    assert "confidential.term" in rules(text, X_PERSONAL, labs)


def test_a_reader_called_a_troll_and_a_liar(labs):
    text = "@angry_dan you're a troll and a liar, go cry somewhere else"
    assert "conduct.insult" in rules(text, CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER),
                                     labs)


@pytest.mark.parametrize("text", [
    "Larkspur cerca sviluppatori iOS a Milano, scrivetemi in privato",
    "Buscamos analistas de datos para la oficina de Larkspur en Madrid, contrato indefinido",
    "A Larkspur está a recrutar em Lisboa! Procuramos analistas de risco",
    "Larkspur sucht Entwickler in Berlin, unbefristete Stelle",
    "Larkspur recrute des développeurs à Lyon, en CDI",
])
def test_the_employers_job_offer_on_a_personal_account(text, labs):
    found = {f.rule: f.severity for f in check_draft(text, X_PERSONAL, policy=labs).findings}
    # "Buscamos ..." says the writer is part of the team that hires, not plainly that the
    # brand pays them: since the twenty-third round no disclosure (the unseen sets' writers
    # asked for one on such posts nearly every time), so the promotion is questioned too
    assert found["persona.brand_promotion"] is Severity.WARN


@pytest.mark.parametrize("text", [
    "Buscamos piso en Madrid cerca de la oficina de Larkspur, ¿alguna idea?",
    "We're looking for a good dentist near the Larkspur office, recommendations welcome",
])
def test_looking_for_a_flat_or_a_dentist_is_no_job_offer(text, labs):
    assert "persona.brand_promotion" not in rules(text, X_PERSONAL, labs)


@pytest.mark.parametrize("text", [
    "Larkspur Atlas now has no monthly fees, genuinely good",
    "Tagesgeld bei Larkspur gerade 3,5 %, einfach melden",
    "Last chance: Larkspur Atlas founders' pricing closes Friday",
    "Come along to the Larkspur data clinic this Saturday, free help with your dashboards",
])
def test_no_fees_a_rate_a_last_chance_and_an_invitation_sell(text, labs):
    assert "persona.brand_promotion" in rules(text, X_PERSONAL, labs)


def test_a_drop_in_calls_is_not_a_call_to_drop_in(labs):
    text = ("How we rebuilt onboarding at Larkspur: fewer steps, clearer prices, and a 30% drop "
            "in support calls. A thread on what worked")
    assert "disclosure.missing" not in rules(text, WORK_SELF, labs)


BRAND_ACCOUNT = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)


@pytest.mark.parametrize("text", [
    "Happy 5th birthday to my little boy Theo!! 🎂",
    "ugh, my second day of the flu, someone bring me soup",
    "Je traverse une rupture difficile en ce moment, désolée si je réponds lentement",
    "Drowning in credit card debt and no idea how I'll make rent",
    "Junggesellinnenabschied auf der Reeperbahn, wir sind zu alt dafür 🍾",
    "Il mio gatto è stato operato stamattina, sono in ansia",
])
def test_more_personal_life_on_the_brand_account(text, labs):
    assert "persona.personal_life" in rules(text, BRAND_ACCOUNT, labs)


@pytest.mark.parametrize("text", [
    "Rupture de stock sur le modèle Atlas, retour lundi",
    "Flu season is here: book your flu jab at larkspur.example",
    "Our new cat food range is in, vets recommend it",
])
def test_their_business_senses_stay_quiet(text, labs):
    assert "persona.personal_life" not in rules(text, BRAND_ACCOUNT, labs)


@pytest.mark.parametrize("text", [
    "Our branch manager Siobhan will sort it, give her a ring on 07841 392118",
    "Any questions call our pharmacist Janet directly at (312) 555-0142",
])
def test_a_persons_direct_line_on_the_brand_account(text, labs):
    assert "privacy.phone" in rules(text, BRAND_ACCOUNT, labs)


def test_the_shops_line_stays_public(labs):
    assert "privacy.phone" not in rules("Questions? Give us a ring on 0345 600 7788",
                                        BRAND_ACCOUNT, labs)


def test_a_lifelong_customer_on_staff_is_a_review(labs):
    text = "Como clienta de toda la vida os digo que Larkspur Atlas es lo mejor que hay"
    assert "disclosure.insider_review" in rules(text, X_PERSONAL, labs)


@pytest.mark.parametrize("text", [
    "my employee discount is burning a hole in my pocket. Anyone need trainers before Xmas?",
    "Con mi descuento de empleada puedo pillaros cosas, ¿alguien quiere algo?",
    "Mein Mitarbeiterrabatt gilt bis Sonntag, braucht jemand was? Schreibt mir",
])
def test_a_staff_discount_offered_to_others_sells(text, labs):
    assert "persona.promotion" in rules(text, X_PERSONAL, labs)


@pytest.mark.parametrize("text", [
    "My staff discount finally paid off: new running shoes for me",
    "Does anyone know if the employee discount applies to sale items?",
])
def test_ones_own_staff_discount_is_no_offer(text, labs):
    assert "persona.promotion" not in rules(text, X_PERSONAL, labs)


AD_WORD_PACK = """\
version = 1
[employer]
name = "Quayle Agency"
[[partners]]
name = "Fizzwell"
hashtags = ["#SipFizzwell"]
[disclosure]
region = "uk"
accepted = ["Ad", "#ad"]
"""


@pytest.fixture
def agency(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, AD_WORD_PACK, "quayle.toml")


@pytest.mark.parametrize("text", [
    "The new Fizzwell summer ad is everywhere and I'm obsessed, treat yourself #SipFizzwell",
    "Loved judging at D&AD today. Also: treat yourself to a Fizzwell #SipFizzwell",
])
def test_a_one_word_label_in_the_middle_of_a_sentence_discloses_nothing(text, agency):
    target = CheckTarget(Network.X, Persona.WORK, Owner.SELF)
    assert "disclosure.missing" in rules(text, target, agency)


@pytest.mark.parametrize("text", [
    "Ad: Fizzwell Zero is back, treat yourself #SipFizzwell",
    "Ad | Fizzwell Zero is back #SipFizzwell",
    "[Ad] Fizzwell Zero is back #SipFizzwell",
])
def test_a_one_word_label_first_or_before_a_separator_discloses(text, agency):
    target = CheckTarget(Network.X, Persona.WORK, Owner.SELF)
    assert not rules(text, target, agency) & {"disclosure.missing", "disclosure.buried"}


@pytest.mark.parametrize("text", [
    "psa for nurse friends: the place I work is paying a 15k sign-on bonus, DM me",
    "mon hôpital recrute en réa avec une prime, je vous mets en contact",
    "no digo nada pero en mi curro tienen envío gratis toda la semana",
    "l'app della spesa per cui lavoro ha la consegna gratis tutta la settimana",
    "mein Krankenhaus zahlt gerade eine Antrittsprämie, schreibt mir",
])
def test_the_unnamed_employer_with_an_offer_is_promoted(text, labs):
    assert "persona.promotion" in rules(text, X_PERSONAL, labs)


@pytest.mark.parametrize("text", [
    "Long week at the place I work, off to the mountains now",
    "Back from work, the cat is judging me",
])
def test_the_unnamed_workplace_without_an_offer_is_just_life(text, labs):
    assert "persona.promotion" not in rules(text, X_PERSONAL, labs)


@pytest.mark.parametrize("text", [
    "Just got dumped over text. Three years. Cool cool cool",
    "RIP Biscuit 🐾 we had to put him down this morning and I'm a wreck",
    "Me: plans a calm weekend. My 2yo: has other plans 😩",
    "Mañana no vengo, tengo cita en la clínica de fertilidad",
    "Esta semana no estaré: me opero de la rodilla el martes",
    "Ultimo giorno prima del mio matrimonio 💍",
    "Escapadita con mi chico a la costa 💑",
    "meet Pixel, my rescue whippet, already asleep on my keyboard",
])
def test_yet_more_personal_life_on_the_brand_account(text, labs):
    assert "persona.personal_life" in rules(text, BRAND_ACCOUNT, labs)


@pytest.mark.parametrize("text", [
    "Put it down to experience: the launch taught us a lot",
    "Our dog-friendly offices welcome your dog on Fridays",
])
def test_dogs_and_putting_down_in_a_work_sense(text, labs):
    assert "persona.personal_life" not in rules(text, BRAND_ACCOUNT, labs)


@pytest.mark.parametrize("text", [
    "our competitor's ops team are a bunch of muppets, their app is down again",
    "Embarrassing reporting from a clueless hack",
])
def test_a_bunch_of_muppets_and_a_clueless_hack(text, labs):
    assert "conduct.insult" in rules(text, WORK_SELF, labs)


@pytest.mark.parametrize("text", [
    "Missing item? Text our Dublin driver manager Aoife on 087 123 4567",
    "Need help? WhatsApp our colleague Dimitri: +49 152 1234 5678",
    "Probleme? Einfach unsere Kollegin Lena direkt anrufen: 0151 23456789",
])
def test_a_named_colleagues_line_on_the_brand_account(text, labs):
    assert "privacy.phone" in rules(text, BRAND_ACCOUNT, labs)


def test_a_teams_line_on_the_brand_account_stays_public(labs):
    text = "Missing item? Text our Dublin support team on 087 123 4567"
    assert "privacy.phone" not in rules(text, BRAND_ACCOUNT, labs)


def test_a_reception_line_stays_public(labs):
    text = "Our Milan office has moved, from Monday. Reception: +39 02 5550 1234"
    assert "privacy.phone" not in rules(text, WORK_SELF, labs)


def test_thank_you_is_not_a_pitch(labs):
    text = ("I'm leaving Larkspur after seven wonderful years. Thank you to everyone who made it "
            "the best place I've worked")
    assert "disclosure.missing" not in rules(text, WORK_SELF, labs)


@pytest.mark.parametrize("text", [
    "the attending who said that is a grade-A d*ckhead",
    "el coordinador del turno de noche es un gilip*llas",
    "der Oberarzt ist so ein A***loch",
    "il capo reparto è uno str*nzo",
    "ce radiologue est un gros c*nnard",
])
def test_a_masked_name_for_a_person_is_swearing_and_an_insult(text, labs):
    found = rules(text, WORK_SELF, labs)
    assert {"conduct.insult", "conduct.profanity"} <= found


def test_a_masked_oath_is_only_swearing(labs):
    found = rules("what the f*ck happened to the build", WORK_SELF, labs)
    assert "conduct.profanity" in found and "conduct.insult" not in found
