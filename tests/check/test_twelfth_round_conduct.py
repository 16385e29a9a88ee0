"""The twelfth round of general rules, conduct on work accounts (fixing sets barkwell,
sattelwerk, tidewell and cerisaie, with the sets fitted before): a disguise reading never
turns a real word into swearing ("carbon" is not "cabron", the A55 is a road); a dollar sign
read as an S and an emoji standing inside a word as a mask; "bloody" before contempt;
insults without a swear word (a contemptible group, "the lot of them", scornful German
names, pigs and scum to one's face, a waste of space, mock comparisons, "hire an engineer
next time"); threats (finding a wrongdoer, looking up an address to pay a visit, turning up
at the door, a livelihood). Each rule in en, es, fr, de, pt and it, with near misses that
must stay quiet.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.check import engine
from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Owner, Persona
from app.paths import resources_dir
from tests.check.rounds import conduct_listed as listed
from tests.check.rounds import policy_from

BRAND_ACCOUNT = CheckTarget(Network.THREADS, Persona.WORK, Owner.EMPLOYER)
WORK_SELF = CheckTarget(Network.BLUESKY, Persona.WORK, Owner.SELF)
PERSONAL = CheckTarget(Network.BLUESKY, Persona.PERSONAL)

PACK = """\
version = 1
[employer]
name = "Brackenmoor Cycles"
aliases = ["Brackenmoor"]
domains = ["brackenmoor.example"]
[disclosure]
region = "uk"
accepted = ["#ad", "#employee"]
"""


@pytest.fixture
def shop(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "brackenmoor.toml")


def _conduct_list() -> dict:
    with (resources_dir() / "lexicons" / "conduct.toml").open("rb") as handle:
        return tomllib.load(handle)


# -- 0. a disguise reading never turns a real word into swearing --------------------------

def _swap_variants(base: str) -> set[str]:
    """What the swapped-letter readers undo: two neighbouring letters swapped, and each
    look-alike swap ("ph" for "f", "v" for "u", "y" for "i", "kk"/"q" for "ck") put back in."""
    variants = set()
    for index in range(len(base) - 1):
        if base[index] != base[index + 1]:
            variants.add(base[:index] + base[index + 1] + base[index] + base[index + 2:])
    for swapped, letter in engine._LETTER_SWAPS:
        at = base.find(letter)
        while at != -1:
            variants.add(base[:at] + swapped + base[at + len(letter):])
            at = base.find(letter, at + 1)
    return variants


def test_every_listed_real_word_is_one_the_readers_would_take_for_swearing():
    data = _conduct_list()
    bases = frozenset(data["masked_bases"])
    for word in data["not_disguised"]:
        assert engine._swapped_base(word, bases), f"{word!r} needs no place on the list"


def test_no_swapped_letter_variant_that_is_a_real_word_fires(shop):
    data = _conduct_list()
    real = set(data["not_disguised"])
    variants = {variant for base in data["masked_bases"] for variant in _swap_variants(base)}
    # the list holds real words the readers produce, and each variant of a base that is a
    # real word is on it (the rest of the variants are not words of the six languages)
    assert {"carbon", "carbones", "medroso", "prora", "obsta", "troya"} <= variants & real
    for word in sorted(variants & real):
        assert not listed(f"Latest figures: {word} 42 today.", BRAND_ACCOUNT, shop), word


@pytest.mark.parametrize("text", [
    'Grid carbon intensity is low tonight',
    'El carbón vegetal se vende en sacos de 5 kg',
    'Un niño medroso se esconde detrás de su madre',
    'La prora della nave è stata riverniciata',
    'Van Dyck exhibition opens at the museum',
    'Schieß los, wir hören zu!',
    'Traffic on the A55 is slow this morning',
    'Fill in form P155 before Friday',
    'It costs A$ 40 in Australia',
    'CA$H prizes for the raffle',
    'great🎉fun at the party',
    'I❤️NY',
])
def test_real_words_and_codes_are_not_read_as_disguised_swearing(text, shop):
    assert not listed(text, BRAND_ACCOUNT, shop)


@pytest.mark.parametrize("text", [
    "the launch was a total fukc-up",
    "what a cbaron that supplier is",
    "phuck this printer",
    "kiss my a55",
    "that is sh1t",
])
def test_real_disguises_still_fire(text, shop):
    assert listed(text, BRAND_ACCOUNT, shop) & {"conduct.profanity", "conduct.insult"}


# -- 3. masked swearing: a dollar for an S, an emoji inside a word, "bloody" before contempt --

@pytest.mark.parametrize("text", [
    'the new rota is bloody ridiculous',
    'this week was a total sh💩tshow',
    'what a f🤬cking mess',
    'the delays are a$$',
])
def test_masked_and_mild_swearing_is_profanity(text, shop):
    assert "conduct.profanity" in listed(text, WORK_SELF, shop)


@pytest.mark.parametrize("text", [
    'He had a bloody nose after the match',
    'Bloody Mary brunch every Sunday',
    'The bloody footprints in the crime novel scared me',
    'Bloody brilliant work from the team today',
])
def test_bloody_in_its_literal_sense_or_as_praise_stays_quiet(text, shop):
    # decided: "bloody" is flagged before contempt ("bloody useless") - a reviewer would ask
    # for it off a brand account - but not as praise or in its literal sense
    assert not listed(text, BRAND_ACCOUNT, shop)


def test_masked_swearing_is_checked_on_work_accounts_only(shop):
    assert not listed("this week was a total clusterf🤬ck", PERSONAL, shop)


# -- 1. insults without swear words ----------------------------------------------------

@pytest.mark.parametrize("text", [
    'honestly the reviewers of our app are a pack of whiny snowflakes',
    'Los que se quejan del horario son una panda de llorones malcriados',
    "Le service client d'en face, c'est une bande de guignols",
    'Die Konkurrenz ist ein Haufen unfähiger Idioten',
    'A diretoria deles é uma cambada de incompetentes',
    'Il loro ufficio acquisti è un branco di incompetenti',
    'Hey @copyshop, you useless lot, stop stealing our designs',
    'Thanks to the complete muppets at Vanta Rail for cancelling again',
    'the courier firm lost four parcels. incompetent, every last one of them',
    'Nuestro proveedor de cajas: inútiles, todos ellos',
    "Les livreurs de ce prestataire? Nuls, tous autant qu'ils sont",
    'Die Lieferanten? Inkompetent, allesamt',
    'Os fornecedores de embalagens: incompetentes, todos eles',
    'I corrieri di quella ditta: incapaci, tutti quanti',
    'Das Ordnungsamt: lächerliche Dilettanten, die nichts können',
    'Ihr seid doch alle Nichtsnutze',
    'Vous êtes des rats, à nous copier sans vergogne',
    'Sois unos cerdos, dejáis la playa llena de basura',
    'Voces sao uns porcos, deixaram o lixo todo na praia',
    'Siete dei maiali, avete lasciato tutto sporco',
    'Les gens qui volent nos palettes sont de vraies raclures',
    'Quien nos roba las bicis es la escoria del barrio',
    'Er ist nur Abschaum',
    "whoever keyed our van, she's a pathetic waste of oxygen",
    'Anyone who buys their kit has the emotional intelligence of a teaspoon',
    'Su director tiene la profundidad intelectual de un charco',
    "Leur PDG a la profondeur intellectuelle d'une flaque",
    'Ihr Chef hat die intellektuelle Tiefe einer Pfütze',
    'O CEO deles tem a profundidade intelectual de uma poça',
    'Il loro capo ha la profondità intellettuale di una pozzanghera',
    'Their new scooter is a toaster on wheels with delusions of grandeur.',
    'Su nuevo patinete es un tostador con delirios de grandeza',
    'Perhaps try hiring a competent engineer next time, @rivalcycles',
    'La próxima vez, contratad a un ingeniero de verdad',
    'La prochaine fois, embauchez un vrai ingénieur',
    'Nächstes Mal stellt ihr einen echten Ingenieur ein',
    'Da próxima vez contratem um engenheiro',
    'La prossima volta assumete un ingegnere vero',
])
def test_insults_without_swear_words(text, shop):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, shop)


@pytest.mark.parametrize("text", [
    'we were a bunch of amateurs when we started in 2015, and proud of it',
    'Grab a bunch of flowers from our market stall',
    'A gang of volunteers cleaned the beach on Sunday',
    'La policía detuvo a una banda de ladrones en el puerto',
    'La polizia ha arrestato una banda di ladri in centro',
    'Our pigs are out in the orchard today',
    'Ce sont des porcs élevés en plein air, nourris aux céréales',
    'Le tri des ordures ménagères change lundi',
    'Estos son unos cerdos ibéricos de bellota',
    "Hired a clown for the kids' party 🤡 and he was brilliant",
    "I'm the clown of the office, apparently",
    'Our mascot is a pig called Truffle',
    'The novel has the intellectual depth of a great Russian classic',
    'The patient is a man with delusions and needs support',
    "Maybe hire a photographer for the wedding, it's worth it",
    'Maybe ask a friend to help you move next time',
    "The reviews were harsh, and some fair: we'll do better on delivery times",
    "The competitor's app is slower than ours, in our tests",
    "That delay was frustrating for everyone and we're sorry",
    "They're all thieves in the play, every one of them",
    'All of them are sold out, sorry',
    'The whole lot of you are welcome on Saturday',
    'You lot are brilliant',
    'Absolute beginners welcome at our Saturday class',
    'A total of 12 clowns performed at the festival',
    'Unfähige Politik ist nicht das Problem',
    'Die Nieten an der Brücke wurden ersetzt',
    'Ihr seid alle eingeladen',
])
def test_self_deprecation_literal_uses_and_civil_criticism_stay_quiet(text, shop):
    assert not listed(text, BRAND_ACCOUNT, shop)


# -- 2. threats ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "To whoever slashed our tyres: we'll find you.",
    'A quien nos rompió el escaparate: te encontraremos.',
    'Au voleur de notre caisse : on te retrouvera, tôt ou tard.',
    'Wer unsere Räder klaut: wir kriegen dich.',
    'A quem nos roubou a carrinha: vamos te encontrar.',
    'A chi ci ha rubato le bici: ti troveremo.',
    'Mess with our staff again and then God help you',
    "I'm going to track down his home address and give him a little visit",
    'Voy a averiguar su dirección y hacerle una visita',
    'Je vais trouver son adresse et lui rendre une petite visite',
    'Ich werde seine Adresse raussuchen und ihm mal einen Besuch abstatten',
    'Vou descobrir a morada dele e fazer-lhe uma visita',
    'Vado a cercare il suo indirizzo e fargli una visita',
    'Wer noch einmal unsere Fahrer beleidigt, dem stehe ich persönlich vor der Haustür',
    "Se ci rubi ancora un'altra bici veniamo sotto casa tua",
    'Le prochain qui touche à nos vélos, on débarque chez lui',
    "We'll show up at their front door if this happens again",
    "Keep lying about us and we'll make sure no landlord ever rents to you again",
])
def test_threats(text, shop):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, shop)


@pytest.mark.parametrize("text", [
    "We'll find you a table by the window",
    "We'll visit your store on Tuesday to fit the new racks",
    "We found your lost bag, it's at the front desk",
    'On vous retrouvera au stand B12 du salon',
    'Keine Sorge, wir finden dich am Treffpunkt',
    'Te encontraremos en la entrada del festival',
    'Ti troveremo un posto in prima fila',
    'Morgen stehen wir mit Ihrer Lieferung vor der Haustür',
    "Notre équipe débarque chez vous pour l'installation",
    "Send us your address and we'll pay you a visit to fit the meter",
    'Our rep will pay them a visit next week to sign the contract',
    "We'll make sure no customer ever waits more than a day",
    "We'll make sure nobody takes the last spot without booking",
])
def test_service_visits_and_finding_things_are_no_threat(text, shop):
    assert not listed(text, BRAND_ACCOUNT, shop)


@pytest.mark.parametrize("text", [
    "Como vuelvas a robarnos, nos plantamos en tu casa.",
    "Se voltarem a roubar-nos, aparecemos pessoalmente à porta dele",
    "Ce vélo, c'est un caddie avec la folie des grandeurs",
    "Das Ding ist ein Einkaufswagen mit Größenwahn",
    "Esta bicicleta é um carrinho com delírios de grandeza",
    "Quella bici è un carrello con manie di grandezza",
])
def test_doorsteps_and_delusions_in_the_other_languages(text, shop):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, shop)


@pytest.mark.parametrize("text", [
    "Nos presentamos en tu casa con el pedido a las 9",
    "Nos presentamos en su casa mañana para instalar la caldera",
    "We'll note their address and pay them a visit to fit the meter",
    "Te presento a mi amigo Luis",
    "A lot of them are sold out by noon, so come early",
    "We tested 40 chargers. Disappointing, all of them.",
    "Come on you lazy lot, the sun is out",
    "Questi sono dei vermi per la pesca, freschi ogni mattina",
    "A man with delusions.",
    "Il était atteint de la folie des grandeurs, raconte le documentaire",
    "Unser Techniker steht morgen um 9 vor deiner Haustür, bitte sei zu Hause",
])
def test_deliveries_introductions_and_clinical_words_stay_quiet(text, shop):
    assert not listed(text, BRAND_ACCOUNT, shop)
