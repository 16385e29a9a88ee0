"""The eighth round of general rules, privacy (fixing sets wagtail, heron and azurine): phone
numbers whose groups are split by middle dots, bullets or slashes; numbers spelled with
"double"/"triple", joined tens ("treinta y cuatro", "trinta e quatro") or Italian one-word tens;
a number given as a named person's on the brand account with a title or a role beside the name;
a private person's address on the brand account (a title and name, a winner, customer or refund,
the reader's parcel or home, a flat or floor, the business going there); and order, customer and
invoice numbers, which are not phone numbers.

Examples written for this file (none from a corpus), in the six languages of the check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.engine import check_draft
from app.check.policy import Policy, load_policy_file
from app.core.model import CheckTarget, Network, Owner, Persona

X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)
WORK_SELF = CheckTarget(Network.THREADS, Persona.WORK, Owner.SELF)
BRAND_ACCOUNT = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)

PACK = """\
version = 1
[employer]
name = "Pellucid Cycles"
aliases = ["Pellucid"]
domains = ["pellucid.example"]
[disclosure]
region = "us"
accepted = ["#ad", "#employee"]
"""


@pytest.fixture
def cycles(tmp_path: Path) -> Policy:
    path = tmp_path / "pellucid.toml"
    path.write_text(PACK, encoding="utf-8")
    return load_policy_file(path)


def severities(text: str, target: CheckTarget, policy: Policy, rule: str) -> set[str]:
    return {f.severity.value for f in check_draft(text, target, policy=policy).findings
            if f.rule == rule}


def warned(text: str, target: CheckTarget, policy: Policy, rule: str) -> bool:
    return bool(severities(text, target, policy, rule) & {"warn", "block"})


# 1. Groups split by unusual separators.

@pytest.mark.parametrize("text", [
    "Lost my keys near the depot, text me on 415 · 555 · 0163 if you see them",
    "Si alguien va a la feria, llamadme al 655 · 432 · 187 y compartimos coche",
    "Pour le covoiturage, appelez-moi au 07 ‧ 81 ‧ 22 ‧ 46 ‧ 90",
    "Wer mein Rad gefunden hat: ruft mich an, 0157-31/88-20-64",
    "Quem tiver boleia, liguem-me para o 936 • 204 • 518",
    "Per la gara di sabato chiamatemi al 338 · 47 · 92 · 105",
])
def test_phone_groups_split_by_dots_bullets_or_slashes_are_found(text, cycles):
    assert warned(text, WORK_SELF, cycles, "privacy.phone")


@pytest.mark.parametrize("text", [
    "Team ride on 14/06/2026, meet at the usual corner",
    "Blood pressure 128/84 after the climb, not bad for 52",
    "Saison 2025/2026 : 12 · 14 · 9 victoires par mois",
    "Ergebnis der Etappen: 3 · 1 · 2 · 4 · 5, morgen geht's weiter",
    "Temporada 2024/2025 cerrada con 120/80/60 km por semana",
    "Giri fatti: 12 · 15 · 18 · 21, obiettivo raggiunto",
])
def test_other_figures_with_dots_or_slashes_stay_quiet(text, cycles):
    assert not warned(text, X_PERSONAL, cycles, "privacy.phone")


# 2. Numbers spelled out.

@pytest.mark.parametrize("text", [
    "For the bike swap, ring me on oh seven eight double-oh, four one two, six five three",
    "Course tickets: text me at four one five, triple five, oh one six three",
    "Para la quedada, llámame al seis cuatro uno, veintidós, treinta y cuatro, cincuenta y seis",
    "Para a volta de domingo, liguem-me: nove um três, vinte e dois, trinta e quatro, "
    "cinquenta e seis",
    "Per il giro, chiamatemi al tre tre otto, dodici, trentaquattro, cinquantasei, sette",
    "Pour la sortie, appelez-moi au zéro six, douze, trente-quatre, cinquante-six, "
    "quarante-deux",
    "Wer mitfahren will: null eins sieben sechs, vierundvierzig, einundzwanzig, "
    "neunundneunzig, drei",
])
def test_spelled_numbers_with_double_joined_tens_and_groups_are_found(text, cycles):
    assert warned(text, WORK_SELF, cycles, "privacy.phone")


@pytest.mark.parametrize("text", [
    "Double espresso, triple shot, two laps and we were done by nine",
    "Mi abuela cumple noventa y cuatro y mi abuelo noventa y seis este año",
    "A minha avó fez noventa e dois anos e a tia setenta e cinco",
    "Oggi trentaquattro gradi, domani trentasei: si esce presto",
    "Il a fait trente-quatre kilomètres et moi vingt-deux",
    "Sie ist dreiundzwanzig geworden, er wird im Mai siebenundzwanzig",
])
def test_ages_and_counts_in_words_stay_quiet(text, cycles):
    assert not warned(text, X_PERSONAL, cycles, "privacy.phone")


# 3. A number given as a named person's on the brand account.

@pytest.mark.parametrize("text", [
    "Ride leaders: text Marta on 503 · 555 · 0142 to confirm your spot",
    "Call Mrs. Okonkwo on 07700 900871 about her frame warranty",
    "Call the raffle winner, Jonah, on 07700 900512 to arrange his prize",
    "Message Lena, our workshop lead, on her own mobile: 0151 2345 6789",
    "Premio del sorteo: escríbele a Lucía al seis cuatro dos, once, veintitrés, "
    "cuarenta y cinco",
    "Vencedora: liga ao Tiago para o 912 345 678 para combinar a entrega",
    "Liguem diretamente à Inês para o telemóvel dela: 936 204 518",
    "Appelez Mme. Girard au 06 45 12 78 33 pour votre vélo",
    "Ruft Herrn Brandt an unter 0171 2345678, er hat Ihr Rad",
    "Chiamate la vincitrice, Giulia, al 347 123 4567 per il premio",
])
def test_a_named_persons_number_on_the_brand_account_warns(text, cycles):
    assert warned(text, BRAND_ACCOUNT, cycles, "privacy.phone")


@pytest.mark.parametrize("text", [
    "Call the service desk, Monday to Friday, on 020 7946 0321",
    "Questions about your frame? Call our workshop on 020 7946 0322",
    "Llama a nuestra tienda de Madrid al 912 345 678 para reservar",
    "Appelez le service client au 01 42 68 53 00, du lundi au vendredi",
    "Rufen Sie unsere Werkstatt an unter 030 1234567",
    "Chiamate il nostro negozio al 02 1234 5678 per le prenotazioni",
])
def test_the_organisations_own_number_stays_a_note(text, cycles):
    assert not warned(text, BRAND_ACCOUNT, cycles, "privacy.phone")


# 4. A private person's address on the brand account.

@pytest.mark.parametrize("text", [
    "Prize draw winner: Mr. Hale, 14 Larkspur Avenue, Bristol BS6 7QT. Congratulations!",
    "Your replacement saddle ships Monday to 310 NW Quimby St, Apt 4",
    "We've mailed your refund to 52 Orchard Lane as requested",
    "Ganador del sorteo: Pablo, calle Toledo 88, 3ºA, 28005 Madrid",
    "Gagnante du concours : Mme Roux, 18 rue des Lilas, app. 7, 69003 Lyon",
    "Gewinner der Verlosung: Herr Vogt, Lindenweg 9, 80331 München",
    "Wir kommen morgen vorbei: Kieler Straße 41, 2. OG, 20255 Hamburg, Frau Lenz",
    "Vencedor do passatempo: Rui, Rua do Almada 77, 2.º Dto., 4050-038 Porto",
    "Spedizione per il sig. Conti, via Garibaldi 23, 10122 Torino",
    "Estimado cliente, le llevamos la bici a su domicilio de la calle Goya 12, 28001 Madrid",
])
def test_a_private_persons_address_on_the_brand_account_warns(text, cycles):
    assert warned(text, BRAND_ACCOUNT, cycles, "privacy.address")


@pytest.mark.parametrize("text", [
    "Our new store at 22 Harbour Street opens Saturday at 9",
    "Winners can collect their prizes at our store, 22 Harbour Street, from Monday",
    "Visítanos en nuestra tienda de la calle Goya 12, 28001 Madrid",
    "Retrouvez-nous au 18 rue des Lilas, 69003 Lyon, ouvert du mardi au samedi",
    "Besuchen Sie uns in der Filiale, Kieler Straße 41, 20255 Hamburg",
    "Visite-nos na nossa loja da Rua do Almada 77, 4050-038 Porto",
    "Vieni a trovarci in via Garibaldi 23, 10122 Torino: aperti tutti i giorni",
])
def test_a_shops_public_address_stays_a_note(text, cycles):
    assert not warned(text, BRAND_ACCOUNT, cycles, "privacy.address")


@pytest.mark.parametrize("text", [
    "Joined the fitting via Zoom 3 times this week",
    "Cheaper to switch before 30 Nov. I can walk you through it",
])
def test_words_that_look_like_a_street_stay_quiet(text, cycles):
    assert not severities(text, X_PERSONAL, cycles, "privacy.address")


def test_removing_the_address_takes_its_flat_and_postcode(cycles):
    text = "Ganador del sorteo: Pablo, calle Toledo 88, 3ºA, 28005 Madrid"
    finding = next(f for f in check_draft(text, BRAND_ACCOUNT, policy=cycles).findings
                   if f.rule == "privacy.address")
    span = finding.spans[0]
    assert text[span.start:span.end] == "calle Toledo 88, 3ºA, 28005"


# False alarm: the number of an order, a customer or an invoice.

@pytest.mark.parametrize("text", [
    "Order number 55-2081-774 and still no bike. Week three.",
    "Número de pedido 612-345-678 y ni rastro del casco",
    "Numéro de commande 06 12 34 56 78, toujours rien reçu",
    "Kundennummer 0171-234-5678, und keiner ruft zurück",
    "Número da encomenda 912 345 678 e nada de entrega",
    "Numero d'ordine 347-123-4567: il corriere non si è visto",
])
def test_an_order_or_customer_number_is_not_a_phone_number(text, cycles):
    assert not severities(text, X_PERSONAL, cycles, "privacy.phone")


def test_a_phone_number_after_an_order_label_is_still_found_when_given_to_call(cycles):
    text = "About order 4471: text me on 07700 900348 if the courier is lost"
    assert warned(text, X_PERSONAL, cycles, "privacy.phone")
