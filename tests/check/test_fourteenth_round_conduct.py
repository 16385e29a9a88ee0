"""The fourteenth round of general rules, conduct on work accounts (fixing sets brickhaven,
kettlerock, lindhaus and kitewing, with the sets fitted before): threats told in their own
idioms (a wrongdoer will "have us to deal with", "come back and see what happens", a lawyer's
letter "will be the least of your worries", harm to someone's hands, "we know where you
drink", "we'll find you, promise"); put-downs without a swear word ("are you stupid?", "too
thick to be running …", people called parasites who …, "learn to read before embarrassing
yourself", name-calling in the singular and in regional forms); customers profiled by their
looks; regional swearing. And the meaning layer's hostile reading held to a note when all it
rests on is a customer or client named as a role in a draft that speaks to nobody. Each rule
in en, es, fr, de, pt and it, with near misses that must stay quiet.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.engine import _role_only_reading
from app.check.meaning import Reading
from app.check.policy import Policy
from app.check.text import fold_string
from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import conduct_listed as listed
from tests.check.rounds import findings, policy_from

BRAND_ACCOUNT = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)
PERSONAL = CheckTarget(Network.BLUESKY, Persona.PERSONAL)

PACK = """\
version = 1
[employer]
name = "Ostrand Hardware"
aliases = ["Ostrand"]
domains = ["ostrand.example"]
[disclosure]
region = "us"
accepted = ["#ad", "#employee"]
"""


@pytest.fixture
def hardware(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "ostrand.toml")


# -- 1. threats in their own idioms -----------------------------------------------------

@pytest.mark.parametrize("text", [
    # a wrongdoer will have us to deal with
    "Whoever keeps smashing the trolley bay will have us to deal with.",
    "Quien vuelva a rayar los coches del aparcamiento se las va a ver con nosotros.",
    "A los que dejan basura en la entrada: tendrán que vérselas conmigo.",
    "Celui qui a volé la caisse du rayon jardin aura affaire à nous.",
    "Wer unsere Kassiererin noch einmal beleidigt, der kann sich auf was gefasst machen.",
    "Quem voltar a roubar ferramentas da loja vai se ver com a gente.",
    "Chi ruba ancora le piante dal vivaio dovrà vedersela con noi.",
    # come back and see what happens
    "To the lad who spat at our cashier: come back in and see what happens.",
    "Al que le gritó a nuestra cajera: vuelve por aquí y verás lo que te pasa.",
    "Au type qui a bousculé notre vendeur : reviens et tu verras ce qui se passe.",
    "An den Typen von gestern: komm nochmal rein und du wirst sehen, was passiert.",
    "Ao senhor que empurrou a nossa funcionária: volta cá e vais ver o que te acontece.",
    "A quello che ha insultato la cassiera: torna qui e vedrai cosa ti succede.",
    # a lawyer's letter will be the least of your worries
    "Spread one more lie about our staff and a lawyer's letter will be the least of your worries.",
    "Sigue difamando y la denuncia será el menor de tus problemas.",
    "Continuez vos mensonges et la plainte sera le cadet de vos soucis.",
    "Noch eine Lüge und die Anzeige wird dein geringstes Problem sein.",
    "Mais uma mentira e o processo será o menor dos teus problemas.",
    "Un'altra bugia e la denuncia sarà l'ultimo dei tuoi problemi.",
    # harm to someone's hands; knowing where they drink; found, promised
    "Next person I catch on the forklift drunk, I'm gonna break his hands.",
    "We know where you drink, mate. Think on.",
    "Wir finden dich, versprochen.",
    "On te retrouvera, promis.",
    "Ti troveremo, promesso.",
])
def test_threats_in_their_own_idioms(text, hardware):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, hardware)


@pytest.mark.parametrize("text", [
    "Our team will have the new paint range to show you on Saturday.",
    "El domingo se las verán con nosotros en la final del torneo de empresas.",
    "Pendant les travaux, vous aurez affaire à notre chef de chantier.",
    "Macht euch auf was gefasst: unser Herbstsortiment ist da!",
    "A nossa equipa vai se ver com a gente na final do torneio.",
    "La squadra del magazzino dovrà vedersela con noi nella finale di calcetto.",
    "Come back next week and see what's new in the garden centre.",
    "Vuelve la semana que viene y verás la tienda nueva.",
    "Reviens demain et tu verras le résultat du vernis.",
    "Komm vorbei und sieh dir die neue Werkbank an.",
    "Volte amanhã e veja as novidades da loja.",
    "Torna domani e vedrai il nuovo reparto giardino.",
    "With our planner app, deadlines will be the least of your worries.",
    "Con nuestro seguro, la lluvia será el menor de tus problemas.",
    "Break a leg at the trade show tomorrow, team!",
    "We know where you shop best: in your own neighbourhood.",
    "Wir finden dich am Treffpunkt, versprochen ist versprochen: Kaffee geht auf uns.",
    "Try the new settings and see what happens to your battery life.",
])
def test_threat_idioms_stay_quiet_when_harmless(text, hardware):
    assert not listed(text, BRAND_ACCOUNT, hardware)


# -- 2. put-downs without a swear word ---------------------------------------------------

@pytest.mark.parametrize("text", [
    # "are you stupid?" asked of someone
    "@dan_r are you stupid? The voucher says in-store only.",
    "¿Eres tonto o qué? El cupón solo vale en la app.",
    "@lucie t'es bête ou quoi ? C'est écrit sur le ticket.",
    "@jonas bist du blöd? Das steht doch auf dem Kassenbon.",
    "@rita és burra? Está escrito no talão.",
    "@marco ma sei scemo? È scritto sullo scontrino.",
    # too thick to be running anything
    "Anyone who thinks paint is paint is honestly too thick to be running a hardware chain.",
    "Quien piense que la seguridad sobra es francamente demasiado tonto para dirigir una tienda.",
    "Quiconque pense ça est franchement trop bête pour diriger un magasin.",
    "Wer so etwas glaubt, der ist ehrlich gesagt zu dumm, um einen Laden zu führen.",
    "Quem acha isso é francamente burro demais para gerir uma loja.",
    "Chi pensa una cosa simile è francamente troppo stupido per gestire un negozio.",
    # parasites who …, so-called experts called parasites
    "The landlords who hike rents on small shops are parasites who never lift a finger.",
    "Los supuestos asesores que recomiendan cerrar tiendas son unos parásitos.",
    "Ces soi-disant consultants sont des parasites.",
    "Diese sogenannten Berater sind nur Schmarotzer.",
    "Esses supostos consultores são uns parasitas.",
    "Quei cosiddetti consulenti sono dei parassiti.",
    # learn to read before embarrassing yourself
    "@greg_b maybe learn to read the label before embarrassing yourself in public.",
    "Aprende a leer la etiqueta antes de hacer el ridículo.",
    "Apprenez à lire l'étiquette avant de vous ridiculiser.",
    "Lern erst mal lesen, bevor du dich blamierst.",
    "Aprenda a ler o rótulo antes de passar vergonha.",
    "Impara a leggere l'etichetta prima di fare figuracce.",
    # name-calling in the singular and in regional forms
    "À la cliente qui a crié sur notre caissière : vous êtes une minable.",
    "Ladri di nuovo nel deposito. Stronzi.",
    "El proveedor otra vez tarde, qué boludo.",
    "Der Lieferant ist a richtiges Oaschloch.",
])
def test_put_downs_without_a_swear_word(text, hardware):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, hardware)


@pytest.mark.parametrize("text", [
    "Am I stupid? I read the manual three times and still wired it backwards.",
    "Are you ready? Spring planting starts Saturday.",
    "¿Eres nuevo en el bricolaje? Empieza por aquí.",
    "Es-tu prêt pour le printemps ?",
    "Bist du bereit für die Gartensaison?",
    "Sei pronto per la primavera?",
    "Anyone who thinks the varnish is too thick to brush should thin it with 10% water.",
    "Quien piense que la pintura es demasiado espesa para la pistola, que la diluya.",
    "Ticks are parasites that feed on blood: check your dog after a walk.",
    "Las garrapatas son parásitos que se alimentan de sangre.",
    "Les tiques sont des parasites qui piquent.",
    "Read the care label before washing the cushion covers.",
    "Rehearse the pitch before you present it.",
    "Aprende a leer los planos antes de empezar la obra.",
    "Questo tavolo non è stupido: si piega in due.",
])
def test_put_downs_stay_quiet_when_harmless(text, hardware):
    assert not listed(text, BRAND_ACCOUNT, hardware)


# -- 3. customers profiled by their looks -----------------------------------------------

@pytest.mark.parametrize("text", [
    "Door staff have been told to call security on anyone who looks homeless.",
    "Store policy: turn away anyone who looks poor after 8pm.",
    "Hay orden de llamar a seguridad a cualquiera que parezca indigente.",
    "Consigne : appelez la sécurité pour quiconque a l'air d'un SDF.",
    "Anweisung: Sicherheitsdienst holen für jeden, der obdachlos aussieht.",
    "Ordem da gerência: chamar a segurança para qualquer pessoa que pareça sem-abrigo.",
    "Ordine del direttore: chiamare la vigilanza per chiunque sembri un senzatetto.",
])
def test_customers_profiled_by_their_looks(text, hardware):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, hardware)


@pytest.mark.parametrize("text", [
    "We never call security on anyone who looks homeless; we offer a hot drink instead.",
    "Staff offer a free coffee to anyone who looks cold at the bus stop outside.",
    "Call security on anyone who tries to open the fire exit.",
    "Llamad a seguridad si alguien parece perdido en el almacén.",
    "Chiamate la vigilanza se qualcuno sembra in difficoltà.",
])
def test_profiling_stays_quiet_when_harmless(text, hardware):
    assert not listed(text, BRAND_ACCOUNT, hardware)


# -- 4. regional swearing ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Pinche sistema de cobro, otra vez caído.",
    "Ya ni la chingan con las entregas.",
    "The fecking till has frozen again.",
    "Encore une livraison de marde.",
    "Sticazzi del nuovo gestionale.",
    "Fodasse, o sistema caiu outra vez.",
])
def test_regional_swearing(text, hardware):
    assert "conduct.profanity" in listed(text, BRAND_ACCOUNT, hardware)


@pytest.mark.parametrize("text", [
    "Buscamos pinche de cocina para la cafetería de la tienda.",
    "Empezó como pinche de cocina y hoy dirige el restaurante.",
    "Mr Feckner from the council visits on Friday.",
])
def test_regional_swearing_stays_quiet_when_harmless(text, hardware):
    assert not listed(text, BRAND_ACCOUNT, hardware)


def test_conduct_is_still_not_checked_on_a_personal_account(hardware):
    assert not listed("Pinche sistema de cobro, otra vez caído.", PERSONAL, hardware)


# -- 5. a hostile reading resting on a role noun alone -----------------------------------

def _reading(text: str, *words: str) -> Reading:
    spans = tuple((text.index(w), text.index(w) + len(w)) for w in words)
    return Reading("hostile", 0.9, spans)


@pytest.mark.parametrize(("text", "words"), [
    ("Tres claves para convencer a un cliente indeciso: escuchar y callar.", ("cliente", "callar")),
    ("Un bon devis, c'est un client qui rappelle.", ("client", "rappelle")),
    ("Wie man einen neuen Kunden überzeugt: zuhören.", ("Kunden", "zuhören")),
    ("The feedback on our customer service was fair.", ("customer", "fair")),
    ("Il servizio clienti va migliorato, lo sappiamo.", ("clienti", "migliorato")),
])
def test_a_role_named_in_advice_is_only_a_note(text, words):
    assert _role_only_reading(text, fold_string(text), _reading(text, *words))


@pytest.mark.parametrize(("text", "words"), [
    ("Al cliente che ci ha insultato: vergognati.", ("cliente", "vergognati")),
    ("Ce client qui crie sur nos vendeuses, qu'il revienne.", ("client", "revienne")),
    ("The customer who shouted at Priya is not welcome back.", ("customer", "welcome")),
    ("@joe_k a customer like you is why we close early.", ("customer", "close")),
    ("Nobody here is welcome after that.", ("Nobody", "welcome")),
])
def test_a_particular_customer_or_an_address_keeps_the_reading(text, words):
    assert not _role_only_reading(text, fold_string(text), _reading(text, *words))


def test_role_advice_on_a_work_account_is_at_most_a_note(hardware):
    text = "Cinq règles pour rassurer un client hésitant : écouter, reformuler, se taire."
    found = findings(text, WORK_SELF, hardware).get("conduct.insult")
    assert found is None or found.severity.value == "info"


# -- 6. exclamation marks end a sentence; they mask nothing ------------------------------

@pytest.mark.parametrize("text", [
    "Der Frühling ist da! Neue Gartenmöbel im Laden.",
    "Unser Herbstsortiment ist da!!",
    "Ya llegó la temporada! Ven a vernos.",
    "C'est là ! Le nouveau rayon peinture.",
])
def test_a_word_before_exclamation_marks_is_not_masked_swearing(text, hardware):
    assert "conduct.profanity" not in listed(text, BRAND_ACCOUNT, hardware)


@pytest.mark.parametrize("text", [
    "The till crashed again, what the f***!",
    "Sh!t, the delivery is late!",
    "Sch***e!! Schon wieder kein Strom.",
])
def test_masked_swearing_before_exclamation_marks_is_still_found(text, hardware):
    assert "conduct.profanity" in listed(text, BRAND_ACCOUNT, hardware)
