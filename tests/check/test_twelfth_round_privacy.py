"""The twelfth round of general privacy rules (fixing sets barkwell, sattelwerk, tidewell and
cerisaie, after their unseen figures were taken), in the six languages of the check:

1. a private person's line on the brand account warns: a relative's or an owner's ("call his
   owner on", "llamen a su dueña al"), a titled person's before a bracket or after "melden:",
   "her number for anyone who ...", a callback on the reader's number ("our engineer will call
   you back on"), and "+33 (0)6 ..." with its trunk "0" in brackets is read at all;
2. a number spelled in comma groups after "Name's cell", and one written a digit at a time
   ("9 1 2 – 3 4 8 – 5 5 1") after words that say to call;
3. a mailbox spelled with "dot"/"at" and their translations at a personal mail provider,
   whatever the domain's ending;
4. a private address: a home address said so, a named person "of" an address, the reader's
   home in a reply ("your place at", "chez vous au"), the writer at an address ("I'm at").

Each with near misses that must stay quiet (an organisation's own line or address, a seat
booked at a venue, a countdown, a resort's name). Examples written for this file (none from a
corpus).
"""

from __future__ import annotations

import pytest

from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import findings
from tests.check.rounds import fired as rules

BRAND_ACCOUNT = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)
PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)


# --- 1. a private person's line on the brand account --------------------------------------

@pytest.mark.parametrize("text", [
    "Found a grey cat on Elm Road this morning, please ring his owner on 07700 900 318",
    "Si ven a Toby por el parque, llamen a su dueño al 612 345 678, lo busca desde ayer",
    "Chien retrouvé devant l'agence : appelez sa propriétaire au 06 12 34 56 78",
    "Hund vor der Filiale gefunden, bitte bei Herrn Schulz melden: 0151 23456789",
    "Gato perdido na loja, liguem para a sua dona no 912 345 678",
    "Trovato un cane davanti al negozio: chiamate la sua padrona al 347 123 4567",
    "A question from Mr. Fischer (+49 30 1234 5678) about his order has been passed on",
    "Sorry for the wait! Our duty engineer will ring you back on 07700 900 777 shortly",
    "Nuestra encargada le llamará al 612 345 678 esta tarde para cerrar la reserva",
    "Notre réceptionniste vous rappellera au 06 12 34 56 78 avant midi",
    "Unser Techniker wird Sie unter 0151 23456789 heute noch zurückrufen",
    "A nossa gerente vai ligar-lhe para o 912 345 678 ainda hoje",
    "Il nostro tecnico la richiamerà al 347 123 4567 entro un'ora",
    "Our barista Lou also babysits, here's her number for anyone who needs a sitter: "
    "07700 900 462",
    "Unser Hausmeister hilft auch privat, hier seine Nummer für alle mit Umzug: 0151 2345 6789",
])
def test_a_private_persons_line_on_the_brand_account_warns(text):
    assert "privacy.phone" in rules(text, BRAND_ACCOUNT)


@pytest.mark.parametrize("text", [
    "Pour les salons, rappelez-moi sur mon portable : +33 (0)6 12 34 56 78",
    "For the trade fair, call me on my mobile: +44 (0)7700 900 123",
])
def test_a_trunk_zero_in_brackets_is_read(text):
    assert "privacy.phone" in rules(text, WORK_SELF)


@pytest.mark.parametrize("text", [
    "Questions about your order? Ring our shop on 020 7946 0123",
    "Ring the owners' club on 020 7946 0555 to join the spring rally",
    "Llamen a la tienda al 912 345 678 para reservar",
    "Appelez l'agence au 01 23 45 67 89 pour un devis",
    "Our team will call you back within the hour, no need to chase",
    "Frau Huber aus dem Vertrieb stellt ab 9 Uhr die neue Kollektion vor",
])
def test_an_organisations_line_stays_quiet_on_the_brand_account(text):
    assert "privacy.phone" not in rules(text, BRAND_ACCOUNT)


# --- 2. spelled and spaced numbers --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Parcel left at reception. Tom, text Dr. Lee's cell at four one five, five five five, "
    "two six seven one",
    "Paquete en recepción. Marta, el móvil de Jaime es seis uno dos, tres cuatro cinco, seis siete "
    "ocho",
])
def test_a_number_spelled_in_groups_after_a_persons_cell_warns(text):
    assert "privacy.phone" in rules(text, WORK_SELF)


@pytest.mark.parametrize("text", [
    "Giving away a crib, call me: 0 7 7 0 0 - 9 0 0 - 1 2 3",
    "Regalo una cuna, llámame: 6 1 2 - 3 4 5 - 6 7 8",
    "Je donne un berceau, appelle-moi : 0 6 . 1 2 . 3 4 . 5 6 . 7 8",
    "Verschenke ein Kinderbett, ruf mich an: 0 1 5 1 – 2 3 4 5 6 7 8 9",
    "Dou um berço, liga-me: 9 3 6 – 1 2 4 – 7 8 0",
    "Regalo una culla, chiamami: 3 4 7 – 1 2 3 – 4 5 6 7",
])
def test_a_number_written_a_digit_at_a_time_after_call_warns(text):
    assert "privacy.phone" in rules(text, PERSONAL)


@pytest.mark.parametrize("text", [
    "Ring in the new year with us: 9 8 7 6 5 4 3 2 1 🎉",
    "Final scores from the quiz: 3 1 2 - 4 5 6 - 1 2 0, well played everyone",
    "Llámame cuando acabes el sudoku: 1 2 3 4 5 6 7 8 9",
])
def test_spaced_digits_that_are_no_number_stay_quiet(text):
    assert "privacy.phone" not in rules(text, PERSONAL)


# --- 3. spelled mailboxes at a personal provider ------------------------------------------

@pytest.mark.parametrize("text", [
    "Want Sam to sit your cat? Ping sam dot reyes at hotmail dot example",
    "Para las clases, escribe a lola punto ruiz at hotmail punto example",
    "Pour les cours, écrivez à marc point girard at orange point example",
    "Für die Nachhilfe: lena punkt vogel at gmx punkt example",
    "Para as aulas, escrevam para rita ponto sousa at gmail ponto pt",
    "Per le lezioni scrivete a luca punto bianchi at libero punto it",
])
def test_a_spelled_mailbox_at_a_personal_provider_warns(text):
    assert "privacy.email" in rules(text, PERSONAL)


@pytest.mark.parametrize("text", [
    "We're staying at Orange Point Lodge tonight, the view is unreal",
    "At this point web design is half of the job",
    "Comemos at Free Ponto Café, recomendo",
])
def test_places_and_sentences_with_provider_names_stay_quiet(text):
    assert "privacy.email" not in rules(text, PERSONAL)


# --- 4. private addresses -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "For the card swap, Marta's home address is 14 Birch Lane, Leeds LS6 2PT",
    "Para el amigo invisible, la dirección particular de Lucía es calle Olmo 14, Sevilla",
    "Pour l'échange de cartes, son adresse personnelle : 8 rue des Lilas, 69003 Lyon",
    "Zum Kartentausch: ihre Privatadresse ist Lindenstraße 12, 04109 Leipzig",
    "Para a troca de postais, o endereço de casa dela é Rua das Flores 22, Porto",
    "Per lo scambio di cartoline, l'indirizzo di casa di Sara è via Po 14, 10123 Torino",
    "Congratulations to Gareth Bell of 5 Clifton Down Road, Bristol, our raffle winner!",
    "Enhorabuena a Ana López, de la calle Mayor 5, Sevilla",
    "Glückwunsch an Hans Meier aus der Lindenstraße 4 in Kassel",
    "Bravo à Marie Dupont, du 12 rue des Lilas, Lyon",
    "Parabéns à Rita Sousa, da Rua Augusta 5, Lisboa",
    "Complimenti a Mario Rossi di via Roma 5, 00184 Roma",
    "@dan_k thanks Dan, technician booked for your place at 12 Elm Grove, Thursday 9am",
    "Notre technicien passera chez vous au 8 rue des Lilas mardi matin",
    "Der Techniker kommt bei Ihnen zu Hause in der Lindenstraße 12 am Dienstag",
])
def test_a_private_address_on_the_brand_account_warns(text):
    assert "privacy.address" in rules(text, BRAND_ACCOUNT)


@pytest.mark.parametrize("text", [
    # (the opening hours after it would make a shop's address of it)
    "Free sofa, come pick it up, I'm at 27 Maple Street, open till 6",
    "Regalo una bici, estoy en la calle Olmo 14, abierto hasta las 6",
    "Je donne des livres, je suis au 8 rue des Lilas, ouvert jusqu'à 18h",
    "Ich verschenke Bücher, ich bin in der Hohe Str. 12, Hinterhof",
    "Dou uma bicicleta, estou na Rua das Flores 22, aberto até às 18h",
    "Regalo libri, sono in via Po 14, 10123 Torino, aperto fino alle 18",
])
def test_the_writers_own_address_for_a_pickup_warns(text):
    assert "privacy.address" in rules(text, PERSONAL)


@pytest.mark.parametrize("text", [
    "We're at 12 Market Square all weekend, come say hi",
    "Our new shop is at 27 Maple Street, open from 9",
    "Book your place at 14 Castle Street, Saturday 10am, free entry",
    "Visit Harbour Books of 12 Quay Street for the signing",
    "Ven a la Panadería Central, calle Mayor 5, Sevilla",
])
def test_an_organisations_or_venues_address_stays_quiet_on_the_brand_account(text):
    assert "privacy.address" not in rules(text, BRAND_ACCOUNT)


@pytest.mark.parametrize("text", [
    "I'm at the station, see you in 5",
    "It's 5 minutes down Main Street from the office",
    "We walked 5 Miles Down Main Street for charity",
    "Estoy en la estación, llego en 5 minutos",
])
def test_no_address_without_one(text):
    assert "privacy.address" not in rules(text, PERSONAL)


def test_a_capitalised_street_name_with_a_little_word_is_an_address():
    found = findings("Party at Jo's, 5 Clifton Down Road, from 8", PERSONAL)
    assert "privacy.address" in found
    span = found["privacy.address"].spans[0]
    assert "Clifton Down Road" in "Party at Jo's, 5 Clifton Down Road, from 8"[span.start:span.end]
