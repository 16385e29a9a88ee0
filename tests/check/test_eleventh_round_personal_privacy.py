"""The eleventh round of general rules, personal life on work accounts and privacy (fixing
sets altivo and paperlark, after their unseen figures were taken): one's own separation,
divorce and years of marriage said in passing; one's own therapy told in the first person;
phone numbers spelled in groups after "she's on"; e-mail addresses written with "[at]",
"(at)", "arroba" before a real domain; the writer's home with its staircase, floor or bell,
and a named person's address on a brand account. Each in the six languages, with the
near misses that must stay quiet.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.lexicons import pattern_triggers
from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Owner, Persona, Severity
from tests.check.rounds import findings, policy_from
from tests.check.rounds import fired as rules

X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)
BRAND_ACCOUNT = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)

PACK = """\
version = 1
[employer]
name = "Brindle Climbing"
aliases = ["Brindle"]
domains = ["brindle.example"]
[disclosure]
region = "us"
accepted = ["#ad", "#employee"]
"""


@pytest.fixture
def gym(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "brindle.toml")


# --- 1. separation, divorce and years of marriage ---------------------------------------------

@pytest.mark.parametrize("text", [
    "Since my separation in spring the bouldering nights kept me sane. Thank you, team.",
    "After the divorce I nearly quit, and you all dragged me back to the wall.",
    "Depuis ma séparation, la salle est devenue ma deuxième maison. Merci à tous.",
    "Desde la separación vengo cada mañana a abrir la sala, y eso me ha salvado.",
    "Tras el divorcio volví a escalar con vosotros. Gracias, de verdad.",
    "Seit der Trennung bin ich jeden Abend in der Halle, danke fürs Auffangen.",
    "Depois da separação foram vocês que me seguraram. Obrigada, equipa!",
    "Prima della separazione non avrei mai pensato di allenare, grazie ragazzi.",
    "Twelve years married today, so the Friday class is on Jonas this week.",
    "Hoy cumplimos quince años de casados, mañana vuelvo a la recepción.",
    "Vingt ans de mariage ce week-end, la salle sera fermée lundi pour moi.",
    "Wir sind seit zwanzig Jahren verheiratet und feiern heute, morgen bin ich wieder da.",
    "Fazemos hoje 7 anos de casamento, volto à receção na segunda.",
    "Domani è il nostro anniversario di matrimonio, il corso lo tiene Marta.",
    "Since the split I've been opening the gym every morning, it helps.",
])
def test_ones_own_separation_or_marriage_on_a_work_account_warns(text, gym):
    for target in (BRAND_ACCOUNT, WORK_SELF):
        assert "persona.personal_life" in rules(text, target, gym), (text, target)


@pytest.mark.parametrize("text", [
    # a guide or a campaign about divorce in general
    "Nuestra guía sobre el divorcio y el dinero ya está en el blog.",
    "Notre guide pour traverser une séparation est en ligne, gratuit pour les membres.",
    "Nach einer Trennung neu anfangen? Unser Kurs hilft beim Wiedereinstieg.",
    # a separation of something
    "Die Trennung von Kreide und Magnesium im Lager spart uns Geld.",
    "Après la séparation des couleurs, l'affiche part chez l'imprimeur.",
    "Dopo la separazione dei rifiuti, la plastica va nel bidone giallo.",
    "After the separation of the two bouldering areas, queues halved.",
    "After the split of the two youth squads, each coach has eight climbers.",
    # a client's wedding, years at the firm, and a customer's anniversary
    "We hosted 25 wedding parties at the wall this year, congratulations to all!",
    "Hoje faço 10 anos de casa na Brindle, que equipa incrível.",
    "Pour vos 10 ans de mariage, offrez-vous une séance d'escalade à deux.",
])
def test_divorce_and_marriage_in_general_stay_quiet(text, gym):
    assert "persona.personal_life" not in rules(text, BRAND_ACCOUNT, gym)


# --- 2. therapy told in the first person --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Therapy this morning was heavy, so be patient with our replies today.",
    "Heading to therapy straight after the shift, see you all tomorrow.",
    "Terapia hoy y luego turno de tarde, si tardo en contestar es por eso.",
    "Ma séance de thérapie m'a vidée, je réponds aux messages demain.",
    "Meine Therapie läuft gut, danke an alle, die nachgefragt haben.",
    "Faço terapia há um ano e hoje consegui falar disto aqui.",
    "Vado in terapia da sei mesi e finalmente dormo meglio.",
    "Mi psicóloga dice que tengo que bajar el ritmo en la sala.",
    "My counsellor says I should take the Friday shift off, so I will.",
])
def test_ones_own_therapy_on_a_work_account_warns(text, gym):
    found = findings(text, BRAND_ACCOUNT, gym)
    assert "persona.personal_life" in found
    assert found["persona.personal_life"].severity is Severity.WARN


@pytest.mark.parametrize("text", [
    "Book a sports therapy session with our coaches after your climb.",
    "Book a physio session with our team: Tuesdays and Thursdays.",
    "Prenota la tua seduta di terapia sportiva con i nostri fisioterapisti.",
    # "retail therapy" is a joke about shopping, not anyone's health
    "A bit of retail therapy? New chalk bags are in the shop.",
])
def test_a_therapy_service_or_retail_therapy_stays_quiet(text, gym):
    assert "persona.personal_life" not in rules(text, BRAND_ACCOUNT, gym)


def test_a_booked_session_told_in_the_first_person_still_warns(gym):
    text = "Had to book a physio session for my shoulder, ugh."
    assert "persona.personal_life" in rules(text, BRAND_ACCOUNT, gym)


# --- 3. spelled phone numbers and addresses written around "@" --------------------------------

@pytest.mark.parametrize("text", [
    "Questions about the comp? Ask Lena, she's on seven seven zero zero, nine zero zero, "
    "four five six.",
    "Las llaves las tiene Rosa, ella está en el seis cero cero, uno dos tres, cuatro cinco seis",
    "Le matériel est chez Inès, elle est au zéro six, douze, trente-quatre, cinquante-six, "
    "soixante-dix-huit",
    "Den Schlüssel hat Mia, sie ist unter null eins sieben zwei, drei drei vier, fünf sechs "
    "sieben acht",
    "As cordas estão com o Rui, ele está no nove um dois, três quatro cinco, seis sete oito",
    "Il furgone ce l'ha Sara, lei è al tre quattro sette, uno due tre, quattro cinque sei sette",
])
def test_a_spelled_number_after_a_persons_on_is_a_phone(text, gym):
    assert "privacy.phone" in rules(text, X_PERSONAL, gym)


@pytest.mark.parametrize("text", [
    "I'm on seven routes this week and four of them are new.",
    "She's on two teams this season, both in the regional league.",
])
def test_counting_things_after_on_is_no_phone(text, gym):
    assert "privacy.phone" not in rules(text, X_PERSONAL, gym)


@pytest.mark.parametrize("text", [
    "Spare tickets for Saturday, write to tom.baker [at] gmail.com",
    "Billets en trop, écrivez-moi : lucie.martin(at)orange.fr",
    "Entradas de sobra: escribidme a marta.ruiz arroba gmail.com",
    "Restplätze? Schreibt an jonas.weber ät gmx.de",
    "Bilhetes a mais: rita.sousa arroba sapo.pt",
    "Biglietti in più: giulia.conti chiocciola libero.it",
    "Lost-and-found: text our coach at marco.b [at] brindle.example",
    "Mail me: sam.okoro at gmail.com",
    "Mail me: samokoro at hotmail.com",
    "Questions? ana.lima @ gmail.com",
])
def test_an_address_written_around_at_is_an_email(text, gym):
    assert "privacy.email" in rules(text, X_PERSONAL, gym)


@pytest.mark.parametrize("text", [
    "Meet at 5 at the café by the wall.",
    "We're at capacity tonight, sorry, try the morning slot.",
    "Tickets at eventbrite.com, see you at the comp!",
    "I learned to climb at brindle.example's first gym in 2019.",
    "Follow @ climbnews.com for the results.",
])
def test_an_at_in_a_sentence_is_no_email(text, gym):
    assert "privacy.email" not in rules(text, X_PERSONAL, gym)


def test_a_role_mailbox_on_the_own_domain_spelled_out_stays_quiet(gym):
    text = "Sponsorship questions: events [at] brindle [dot] example"
    assert "privacy.email" not in findings(text, BRAND_ACCOUNT, gym)


# --- 4. the writer's home and a private person's address --------------------------------------

@pytest.mark.parametrize("text", [
    "Swap evening da me: Via dei Mille 12, scala C, 20129 Milano, citofono Ferri",
    "Kit swap en mi casa, calle Lope de Vega 8, 2ºA, portal 3",
    "Soirée troc chez moi, 14 rue des Acacias, bât. B, interphone Morel",
    "Tauschabend bei mir, Lindenweg 7, Klingel Wagner",
    "Troca de material lá em casa, Rua do Carmo 31, 3º andar",
    "Gear swap at my place, 18 Ashgrove Road, flat 4, on Sunday",
])
def test_the_writers_home_with_its_flat_or_bell_is_private(text, gym):
    assert "privacy.address" in rules(text, X_PERSONAL, gym)


@pytest.mark.parametrize("text", [
    "Setter of the month: Priya! Send her notes at 417 Maple Hollow Ln, Boulder, CO 80304",
    "Bravo à Julien ! Envoyez-lui vos cartes au 9 rue Pasteur, 69007 Lyon",
    "Glückwunsch an Ben! Schickt ihm Karten an Birkenstraße 21, 80331 München",
])
def test_a_named_persons_address_on_the_brand_account_warns(text, gym):
    assert "privacy.address" in rules(text, BRAND_ACCOUNT, gym)


@pytest.mark.parametrize("text", [
    "Il nostro club di Torino è in Via Nizza 150, 10126 Torino, aperto 7–22.",
    "Our new gym is at 220 Canal Street, open 6am to 11pm every day.",
    "Nuestra sala de Sevilla está en calle Feria 40, abierta de 7 a 23.",
])
def test_the_clubs_own_address_on_the_brand_account_stays_quiet(text, gym):
    assert "privacy.address" not in rules(text, BRAND_ACCOUNT, gym)


# --- 5. a drink as the time it took, and a date with someone one fancies ------------------------

@pytest.mark.parametrize("text", [
    "A bottle of malbec later we had redrawn the whole route map.",
    "Una botella de tinto después, ya nadie hablaba del cierre.",
    "Deux bouteilles de blanc plus tard, la réunion était oubliée.",
    "Eine Flasche Rotwein später sah die Welt besser aus.",
    "Duas garrafas de tinto depois, já ninguém falava de trabalho.",
    "Una bottiglia di rosso dopo, eravamo tutti d'accordo.",
    "Finally have a date with the gorgeous barista from downstairs, wish me luck!",
    "J'ai un rencard ce soir, je file à 17h pile.",
])
def test_drinks_as_time_and_a_date_on_a_work_account_warn(text, gym):
    assert "persona.personal_life" in rules(text, WORK_SELF, gym)


@pytest.mark.parametrize("text", [
    "A bottle of water later, back to setting the new problems.",
    "Two glasses of water in and the warm-up is done.",
    "We have a date with the auditors on Monday, wish us luck.",
])
def test_water_and_a_work_date_stay_quiet(text, gym):
    assert "persona.personal_life" not in rules(text, WORK_SELF, gym)


# --- speed: a pattern that starts with look-behinds still names its trigger words -------------

@pytest.mark.parametrize(("pattern", "triggers"), [
    (r"(?<!your\s)(?<!vos\s)\b(?:ten|twelve)\s+years\s+married", {"ten", "twelve"}),
    (r"(?<=\s)(?:dopo|prima)\s+la\s+separazione", {"dopo", "prima"}),
    (r"(?<![\w(])(?:of|to)\s+x", None),  # a group inside the look-behind: always run
])
def test_leading_lookbehinds_are_passed_over_for_triggers(pattern, triggers):
    found = pattern_triggers(pattern)
    assert (None if found is None else set(found)) == triggers
