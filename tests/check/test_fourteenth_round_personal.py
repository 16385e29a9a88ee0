"""The fourteenth round of general rules, personal life and privacy (fixing sets brickhaven,
kettlerock, lindhaus and kitewing, after their unseen figures were taken), in the six
languages:

1. phone numbers: one's own line named as such ("on her personal line", "su línea personal",
   "ihre private Nummer"); "call me directly ..." a few words before the number; a message sent
   to it ("mandem mensagem para o", "envíame un mensaje al") or "(WhatsApp only)" after it; a
   mobile beside nothing but "tickets" (the seller's own phone, not a box office's), and any
   number the writer gives as theirs there ("message me or ring");
2. addresses: a numbered street with its compass point ("3310 W 44th Ave"); someone's new
   home ("just moved in at", "se mudó a", "ist umgezogen in die"); a private person by title
   and surname then where ("Mrs. Alvarez at", "Frau Berger aus der");
3. personal life that was missed: someone's new partner ("our brewer's new girlfriend", "la
   nueva novia de Luis"); still merry from last night ("still buzzed", "angeheitert"); someone
   in intensive care ("auf der Intensivstation", "en réanimation"); French sick leave ("je
   pars en congé maladie"); "my own little one"; a member of staff's child or partner named
   through the staff member ("your admin's toddler threw up", "le fils de notre directrice
   est hospitalisé") is a colleague's life, not a service the business talks about;
4. the organisation's own offer, nobody speaking for themselves, is only noted: a health or
   family service its professionals, a helpline or every branch give ("Unsere Apothekerinnen
   beraten dich", "worried about a child in hospital? our helpline"), the brand's alcohol-free
   drink, a drinks festival where the team has a stand ("find us at booth 14"); the staff's own
   drinking, children and illness stay loud.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Owner, Persona, Severity
from tests.check.rounds import findings, policy_from

BRAND_ACCOUNT = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)
PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)

PACK = """\
version = 1
[employer]
name = "Mossgate Pharmacies"
aliases = ["Mossgate"]
domains = ["mossgate.example"]
[disclosure]
region = "uk"
accepted = ["#ad", "#employee"]
"""


@pytest.fixture
def pharmacies(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "mossgate.toml")


def _severity(text: str, target: CheckTarget, policy: Policy, rule: str) -> Severity | None:
    found = findings(text, target, policy).get(rule)
    return None if found is None else found.severity


def _marked(text: str, target: CheckTarget, policy: Policy, rule: str) -> list[str]:
    found = findings(text, target, policy).get(rule)
    return [] if found is None else [text[s.start:s.end] for s in found.spans]


# --- 1. phone numbers --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "number"), [
    ("Questions about the refit? Ring our area manager on his personal line, 0161 496 0732.",
     "0161 496 0732"),
    ("Si tenéis dudas, llamad a Marta a su línea personal: 612 345 678", "612 345 678"),
    ("Pour les commandes groupées, appelez Luc sur son numéro perso : 06 71 42 88 19",
     "06 71 42 88 19"),
    ("Fragen zur Aktion? Ruft Jana auf ihre private Nummer an: 0176 4421 9983", "0176 4421 9983"),
    ("Dúvidas? Liguem à Rita para o número pessoal dela: 912 345 678", "912 345 678"),
    ("Per info chiamate Paolo al suo numero personale: 347 123 4567", "347 123 4567"),
    ("Only ten left! Call me directly to hold one for you: 0161 496 0188", "0161 496 0188"),
])
def test_ones_own_line_on_the_brand_account_warns(pharmacies: Policy, text: str,
                                                  number: str) -> None:
    assert _severity(text, BRAND_ACCOUNT, pharmacies, "privacy.phone") is Severity.WARN
    assert _marked(text, BRAND_ACCOUNT, pharmacies, "privacy.phone") == [number]


@pytest.mark.parametrize("text", [
    "Para quem quiser ajudar: mandem mensagem para o 913 456 789",
    "Si os interesa, envíame un mensaje al 612 345 678",
    "Intéressés ? Envoyez un message au 06 71 42 88 19",
    "Wer mitfahren will, schickt eine Nachricht an 0176 4421 9983",
    "Chi vuole venire mandi un messaggio al 347 123 4567",
    "Lifts to the fun run sorted, 912 345 678 (WhatsApp only)",
])
def test_a_number_to_message_on_a_personal_account_warns(pharmacies: Policy, text: str) -> None:
    assert _severity(text, PERSONAL, pharmacies, "privacy.phone") is Severity.WARN


@pytest.mark.parametrize("text", [
    "Quiz night tickets are £5, ring 07911 123456 and I'll save you a seat",
    "Tickets fürs Sommerfest einfach anrufen: 0176 4421 9983",
    "Raffle tickets £1 each, message me or ring 0161 496 0732",
])
def test_a_sellers_own_phone_beside_tickets_warns(pharmacies: Policy, text: str) -> None:
    assert _severity(text, PERSONAL, pharmacies, "privacy.phone") is Severity.WARN


@pytest.mark.parametrize("text", [
    # a box office's landline beside "tickets" is the venue's
    "Tickets for the gala: call the box office on 020 7946 0321",
    # a count of messages is no number to call
    "Our campaign reached 1 234 567 people with one message",
    # a line named for what it does stays the organisation's
    "Prescription queries? Call our prescriptions line on 0161 496 0000",
])
def test_organisation_numbers_and_counts_stay_quiet(pharmacies: Policy, text: str) -> None:
    assert _severity(text, PERSONAL, pharmacies, "privacy.phone") is not Severity.WARN


# --- 2. addresses ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Our night manager Priya has moved into 9 Rowan Close, housewarming on Sunday!",
    "Nuestra encargada Lucía se mudó a la calle Almendro 14, ¡pasad a saludarla!",
    "Notre responsable Claire a emménagé au 12 rue des Lilas, passez lui dire bonjour !",
    "Unsere Filialleiterin Anna ist umgezogen: Kastanienallee 42, sagt mal hallo!",
    "A nossa gerente Inês mudou-se para a Rua das Flores 18, passem lá!",
    "La nostra responsabile Giulia si è trasferita in Via Manzoni 7, passate a salutarla!",
])
def test_someones_new_home_on_the_brand_account_warns(pharmacies: Policy, text: str) -> None:
    assert _severity(text, BRAND_ACCOUNT, pharmacies, "privacy.address") is Severity.WARN


@pytest.mark.parametrize("text", [
    "Our Leeds store has moved into 9 Rowan Close, open from Monday!",
    "Nuestra tienda de Valencia se mudó a la calle Almendro 14.",
    "Notre boutique a emménagé au 12 rue des Lilas, ouverte dès lundi.",
    "Unser Laden ist umgezogen: Kastanienallee 42, geöffnet ab Montag.",
    "A nossa loja do Porto mudou-se para a Rua das Flores 18.",
    "Il nostro negozio si è trasferito in Via Manzoni 7, vi aspettiamo!",
])
def test_premises_that_moved_stay_quiet(pharmacies: Policy, text: str) -> None:
    assert _severity(text, BRAND_ACCOUNT, pharmacies, "privacy.address") is not Severity.WARN


@pytest.mark.parametrize(("text", "address"), [
    ("Big thanks to Mrs. Okafor at 1422 E 31st St for the cookies every Friday!",
     "1422 E 31st St"),
    ("Our store manager just moved in at 27 Willow Crescent, go say hello!",
     "27 Willow Crescent"),
])
def test_a_private_persons_address_on_the_brand_account_warns(pharmacies: Policy, text: str,
                                                              address: str) -> None:
    assert _severity(text, BRAND_ACCOUNT, pharmacies, "privacy.address") is Severity.WARN
    assert _marked(text, BRAND_ACCOUNT, pharmacies, "privacy.address") == [address]


@pytest.mark.parametrize("text", [
    # the organisation's own shop on a numbered street
    "Our new pharmacy is open at 1422 E 31st St, every day from 8.",
    # a shop that moved is the business's news
    "We moved our shop to 12 High Street",
    # a sister branch on a numbered street
    "Our sister store at 88 W 12th Ave is closed on Monday for the refit.",
])
def test_the_organisations_addresses_stay_quiet(pharmacies: Policy, text: str) -> None:
    assert _severity(text, BRAND_ACCOUNT, pharmacies, "privacy.address") is not Severity.WARN


# --- 3. personal life that was missed ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Our warehouse lead's new girlfriend came to the staff quiz and won it, naturally",
    "La nueva novia de Luis vino a la tienda hoy y todos encantados 😍",
    "La nouvelle copine de Marc est passée au magasin, enfin on la rencontre !",
    "Die neue Freundin von Jonas war heute im Laden, endlich lernen wir sie kennen",
    "A nova namorada do Rui veio hoje à loja, finalmente conhecemos!",
    "La nuova fidanzata di Marco è passata in negozio oggi, finalmente!",
    "Sorry for the typos today, whoever is posting is still buzzed from Friday lol",
    "El de las redes sigue achispado desde la cena de ayer 😅",
    "Oups, l'équipe est encore un peu pompette après la soirée d'hier",
    "Der Social-Media-Kollege ist noch leicht angeheitert vom Firmenfest 🙈",
    "Quem está a publicar hoje ainda está alegrinho da festa de ontem",
    "Chi scrive oggi è ancora un po' brillo dalla cena di ieri",
    "Stories from me today: my dad is in intensive care, so bear with us.",
    "Hoy las historias las lleva Ana: el padre de nuestra jefa está en la UCI.",
    "Les stories, c'est moi aujourd'hui : mon père est en réanimation depuis hier.",
    "Privat gerade schwer: Mama liegt auf der Intensivstation, die Story macht heute Tim.",
    "Uma força para a Rita: o pai dela está nos cuidados intensivos desde ontem.",
    "Un abbraccio a Sara, suo padre è in terapia intensiva da ieri.",
    "Petit message perso : je pars en congé maladie pour trois semaines, à bientôt.",
    "Replies will be slow today, I'm at the hospital with my own little one 💔",
])
def test_staff_lives_on_the_brand_account_warn(pharmacies: Policy, text: str) -> None:
    assert _severity(text, BRAND_ACCOUNT, pharmacies, "persona.personal_life") is Severity.WARN


@pytest.mark.parametrize("text", [
    # the app's new look, a brand's new partner shop, bees buzzing: nobody's partner or night
    "The app's new look is here, with faster refills",
    "Mossgate's new partner clinic opens on Monday",
    "The garden centre buzzed with bees all morning",
    "Our new neonatal intensive care unit opens Monday.",
])
def test_near_misses_of_the_new_words_stay_quiet(pharmacies: Policy, text: str) -> None:
    assert _severity(text, BRAND_ACCOUNT, pharmacies, "persona.personal_life") is not \
        Severity.WARN


@pytest.mark.parametrize("text", [
    "Sorry for the slow replies: our manager's little one threw up all night.",
    "Hoy las stories las hace Marta: el hijo de nuestra gerente está en el hospital desde ayer.",
    "Le fils de notre directrice est hospitalisé, les stories reprennent demain.",
    "Der Sohn unserer Chefin liegt im Krankenhaus, die Stories gibt es morgen wieder.",
    "O filho da nossa gerente foi internado, as stories voltam amanhã.",
    "Il figlio della nostra responsabile è ricoverato, le storie tornano domani.",
])
def test_a_staff_members_family_on_the_brand_account_warns(pharmacies: Policy,
                                                           text: str) -> None:
    assert _severity(text, BRAND_ACCOUNT, pharmacies, "persona.personal_life") is Severity.WARN


def test_a_customers_child_is_no_staff_members() -> None:
    text = "A customer's toddler threw up in aisle 3, thanks to our team for the quick clean-up."
    assert _severity(text, BRAND_ACCOUNT, Policy.default(), "persona.personal_life") is not \
        Severity.WARN


# --- 4. the organisation's own offer -----------------------------------------------------------

@pytest.mark.parametrize(("text", "target"), [
    ("Pregnancy tests and folic acid, with a pharmacist to talk to: in every Mossgate "
     "pharmacy, no appointment needed.", BRAND_ACCOUNT),
    ("¿Embarazada y con dudas sobre las vitaminas? Nuestras farmacéuticas te asesoran en "
     "todas nuestras farmacias.", BRAND_ACCOUNT),
    ("Enceinte et des questions ? Nos pharmaciennes vous conseillent dans toutes nos "
     "pharmacies, sans rendez-vous.", BRAND_ACCOUNT),
    ("Schwanger und Fragen zu Vitaminen? Unsere Apothekerinnen beraten dich in jeder "
     "Filiale.", BRAND_ACCOUNT),
    ("Grávida e com dúvidas? As nossas farmacêuticas ajudam em todas as nossas lojas, "
     "sem marcação.", BRAND_ACCOUNT),
    ("Incinta e con dubbi sugli integratori? I nostri farmacisti ti consigliano in ogni "
     "farmacia.", BRAND_ACCOUNT),
    ("Worried about a child in hospital this winter? Our helpline is open every day, call "
     "free.", BRAND_ACCOUNT),
    ("Our new alcohol-free lager is on every shelf from Monday.", BRAND_ACCOUNT),
    ("Off to the beer festival next week with the team, find us at booth 22!", WORK_SELF),
])
def test_the_organisations_offer_is_only_noted(pharmacies: Policy, text: str,
                                               target: CheckTarget) -> None:
    assert _severity(text, target, pharmacies, "persona.personal_life") in (None, Severity.INFO)


@pytest.mark.parametrize(("text", "target"), [
    # the writer's own pregnancy, or a colleague's, beside the same service words
    ("I'm pregnant!! Our pharmacists threw me a surprise in every sense 🥹", BRAND_ACCOUNT),
    ("Our colleague Dana is in hospital; our helpline is covered by the team meanwhile.",
     BRAND_ACCOUNT),
    # the team drinking at the festival, a stand or not
    ("The whole team is hungover after the beer festival, find us at booth 22 anyway",
     WORK_SELF),
    # the brand's alcohol-free drink beside the team's own drinking
    ("Our new alcohol-free lager got the whole team drunk at the launch lol", BRAND_ACCOUNT),
])
def test_staff_lives_beside_the_offer_words_stay_loud(pharmacies: Policy, text: str,
                                                      target: CheckTarget) -> None:
    assert _severity(text, target, pharmacies, "persona.personal_life") is Severity.WARN
