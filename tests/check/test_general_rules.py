"""General rules added for the marisol/solvane rounds' misses and false alarms (issue 17,
h-check2 round): addresses spelled out after a name, affiliate links on domains no list knows,
short links beside a plug, a length of service as a job statement, an employer's staff
programme, "hangover-proof" figures and a venue's own drinks — each with near misses that must
stay quiet (or still fire)."""

from __future__ import annotations

import pytest

from app.check.engine import check_draft
from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.test_wider_rules import X_PERSONAL, X_WORK, fired

X_BRAND = CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)


@pytest.mark.parametrize("text", [
    "Lift share on Sunday: ask Pablo at pablo dot reyes at gmail dot com for a seat",
    "Escribid a Nuria arroba: nuria punto sanz arroba gmail punto com",
    "jane dot doe at gmail dot com",
])
def test_an_address_spelled_out_after_a_name_is_still_an_address(text):
    assert "privacy.email" in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Meet Jo at the cafe at five, then dinner at Rosa's",
    "At that point Tom at accounts said no",
])
def test_names_and_at_without_a_spelled_domain_are_not_addresses(text):
    assert "privacy.email" not in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "The whole kitchen setup is on my page: shopmine.example/kitchen?ref=ana_k",
    "Towels I have used for years: store.example/dp/X12?tag=ana-21",
    "Meine Lieblingsjacke gibt es hier: laden.example/jacke?aff=lena",
])
def test_a_referral_parameter_sells_on_a_domain_no_list_knows(text):
    assert "persona.promotion" in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Notes from the meetup: wiki.example/notes?page=2",
    "The timetable is at ferries.example/times?route=palma",
])
def test_a_query_without_a_referral_parameter_is_just_a_link(text):
    assert "persona.promotion" not in fired(text, X_PERSONAL)


def test_a_short_link_beside_a_product_reads_as_a_plug():
    text = "My favourite travel pillow, the one that has survived every red-eye: bit.ly/tp-pil"
    assert "persona.promotion" in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Slides from my talk yesterday: bit.ly/talk-slides",
    "Photos from the wedding are up: bit.ly/ourwedding23",
    "Sign the petition for the harbour baths: bit.ly/harbour-baths",
])
def test_a_short_link_to_ones_own_things_is_not_a_plug(text):
    assert "persona.promotion" not in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Ten years at Acme Magazine today. Started on the post desk, now I edit the features",
    "Diez años en Acme Magazine hoy, empecé en la recepción",
    "Zehn Jahre bei Acme Magazine heute, danke an alle",
    "Dix ans chez Acme Magazine aujourd'hui",
    "Dez anos na Acme Magazine hoje, obrigada a todos",
    "Dieci anni in Acme Magazine oggi, grazie",
])
def test_a_length_of_service_discloses_the_job(text, acme: Policy):
    found = fired(text, X_PERSONAL, acme)
    assert "disclosure.missing" not in found and "persona.brand_promotion" not in found


def test_a_length_of_service_does_not_excuse_a_sales_pitch(acme: Policy):
    text = "Ten years at Acme Magazine today! Subscribe now with code TEN10 for 10% off"
    found = {f.rule: f for f in check_draft(text, X_PERSONAL, policy=acme).findings}
    # the job said up front makes it a note, but a note that it promotes the employer
    assert found["persona.brand_promotion"].message.startswith("This promotes")
    assert "persona.promotion" in found


def test_three_nights_at_a_brand_is_a_stay_not_a_job(acme: Policy):
    text = "Three nights at Acme Magazine's retreat, book now for 20% off"
    assert "disclosure.missing" in fired(text, X_PERSONAL, acme)


@pytest.mark.parametrize("text", [
    "Orgullosos de nuestro programa de conciliación para toda la plantilla",
    "Fiers de notre programme de mentorat interne",
    "Stolz auf unser Programm für flexible Arbeitszeiten",
])
def test_an_employers_staff_programme_is_not_a_product(text):
    found = fired(text, X_WORK)
    assert "disclosure.missing" not in found and "persona.promotion" not in fired(
        text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Ya está aquí mi nueva colección de pendientes, envíos a toda España",
    "Découvrez mon nouveau programme de coaching, places limitées",
])
def test_a_new_collection_or_programme_is_still_ones_own_product(text):
    assert "persona.promotion" in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Hangover-proof planning: why we freeze the budget in September",
    "Un calendario a prueba de resacas: así lo cerramos en octubre",
])
def test_a_proof_against_figure_is_not_personal_life(text):
    assert "persona.personal_life" not in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Hangover proof? Not after six pints, I am wrecked",
    "My hangover-proof breakfast after last night's six pints",
])
def test_a_real_hangover_beside_the_figure_is_still_flagged(text):
    assert "persona.personal_life" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Wine-tasting evenings are back on the upper deck in April, three local wineries",
    "Craft beer from two island breweries now on tap in the harbour bar",
])
def test_a_venues_own_drinks_on_its_account_are_not_personal_life(text):
    assert "persona.personal_life" not in fired(text, X_BRAND)


@pytest.mark.parametrize("text", [
    "Our skipper got so drunk at the party last night he slept on the ferry",
    "Wine-tasting evening for staff last night and I am still hungover",
])
def test_someones_drinking_on_the_brand_account_is_still_flagged(text):
    assert "persona.personal_life" in fired(text, X_BRAND)


@pytest.mark.parametrize("text", [
    "Keep it up and I will find out where you live",
    "Sigue así y averiguaré dónde vives",
    "Continue et je vais trouver où tu habites",
    "Red weiter, ich finde raus, wo du wohnst",
    "Continua assim que eu descubro onde você mora",
    "Continua così e scoprirò dove abiti",
])
def test_finding_out_where_someone_lives_is_a_threat_in_six_languages(text):
    assert "conduct.insult" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Take the quiz to find out where you should live",
    "We will find out where the delays come from",
    "Scopri dove abiti meglio con la nostra mappa",
    "If you live near the port, expect road closures on Sunday",
])
def test_finding_places_and_people_who_live_nearby_is_not_a_threat(text):
    assert "conduct" not in {rule.split(".")[0] for rule in fired(text, X_WORK)}


@pytest.mark.parametrize("text", [
    "Me cago en todo, otra vez sin wifi en la oficina",
    "Puta que pariu, caiu o sistema de novo",
    "Porca puttana, il server è di nuovo giù",
    "Bordel de merde, encore une panne",
])
def test_regional_oaths_are_swearing(text):
    assert "conduct.profanity" in fired(text, X_WORK)


def test_being_scared_stiff_is_not_an_oath():
    assert "conduct.profanity" not in fired("Me cago de miedo con la presentación de mañana",
                                            X_WORK)


@pytest.mark.parametrize("text", [
    "Vendo pendientes hechos a mano a 12€, pedidos por privado",
    "Je vends mes bougies, commandes en MP",
    "Ich nähe Taschen, Bestellungen per PN",
    "Faço bolos por encomenda, encomendas pelo direct",
    "Orecchini fatti a mano, ordini in privato",
    "Prints are £10, orders via DM",
    "Restock is live, all the mugs are back",
])
def test_orders_by_private_message_and_restocks_are_selling(text):
    assert "persona.promotion" in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    # the meaning layer reads 'shop' + 'restocked' as a seller's restock, but nothing here
    # speaks to a reader, so it is only a soft note
    "The corner shop finally restocked the oat milk",
    "Send me the order of the slides in private, I will check it",
    "Los pedidos del súper llegaron tarde otra vez",
])
def test_orders_and_restocks_as_a_customer_are_not_selling(text):
    assert "persona.promotion" not in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Loved your stay with Acme Magazine's retreat? A few lines on Trustpilot help a lot",
    "Consiglio a tutti la rivista Acme Magazine: voto 10",
    "Acme Magazine, 10 von 10, klare Sache",
])
def test_review_sites_marks_out_of_ten_and_recommending_to_all_are_reviews(text, acme):
    assert "disclosure.insider_review" in fired(text, X_PERSONAL, acme)


def test_looking_the_employer_up_is_not_a_review(acme):
    text = "Searched Acme Magazine on Google to find the address"
    assert "disclosure.insider_review" not in fired(text, X_PERSONAL, acme)


@pytest.mark.parametrize("text", [
    "Mi libro favorito del año, sin duda",
    "Mi curso de inglés empieza el lunes, qué nervios",
    "Mon livre de chevet en ce moment, un pur bonheur",
    "Mein Kurs an der Volkshochschule fällt heute aus",
    "Il mio prodotto preferito per i capelli ricci è finito",
])
def test_a_readers_book_or_a_learners_course_is_not_for_sale(text):
    assert "persona.promotion" not in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "Mi nuevo libro sale el lunes, resérvalo ya",
    "Mon nouveau livre est sorti !",
    "Mein neues Buch ist da",
    "Il mio primo libro è in libreria da oggi",
])
def test_ones_new_book_is_still_a_launch(text):
    assert "persona.promotion" in fired(text, X_PERSONAL)
