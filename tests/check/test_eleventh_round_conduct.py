"""The eleventh round of general rules, conduct on work accounts (fixing sets altivo and
paperlark, with ondine, zahlwerk, hearthlight and candil): threats made on a condition about
someone's act done again or sworn, revenge in its own idiom and threats to a livelihood;
insults without a swear word (less brain than a thing, the qualities of a thing, contempt told
as an order, cowards and boors, hacks who copy, "clearly can't read", a product called a joke
to its maker's face); masked swearing with digits beside the masks or only the first letter
left. Each rule in en, es, fr, de, pt and it, with near misses that must stay quiet.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import conduct_listed as listed
from tests.check.rounds import conduct_marked as marked
from tests.check.rounds import policy_from

BRAND_ACCOUNT = CheckTarget(Network.THREADS, Persona.WORK, Owner.EMPLOYER)
WORK_SELF = CheckTarget(Network.BLUESKY, Persona.WORK, Owner.SELF)
PERSONAL = CheckTarget(Network.BLUESKY, Persona.PERSONAL)

PACK = """\
version = 1
[employer]
name = "Fernhollow Climbing"
aliases = ["Fernhollow"]
domains = ["fernhollow.example"]
[disclosure]
region = "us"
accepted = ["#ad", "#employee"]
"""


@pytest.fixture
def gym(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "fernhollow.toml")


# --- 1. threats on a condition, revenge idioms, a livelihood threatened ------------------

@pytest.mark.parametrize("text", [
    # a condition about someone's act done again, then a promise to meet them outside or
    # that they will understand / have something coming
    "If that guy keys a member's car again, I'll wait for him in the car park.",
    "Next time someone spits on the mats, they're going to learn the hard way.",
    "If I ever catch the bike thief again I'll teach him a lesson",
    "Si vuelve a gritarle a una monitora, le espero a la salida y va a entender.",
    "Como vuelvas a colarte en la sala, te espero en el parking.",
    "Si tu recommences à voler du magnésium, je t'attends dehors.",
    "La prochaine fois qu'il touche au matériel, il va le regretter.",
    "Wenn der Typ nochmal die Umkleide verwüstet, kann er was erleben.",
    "Sollte jemand wieder unsere Griffe klauen, ich warte draußen auf ihn.",
    "Se voltares a insultar a receção, espero-te lá fora.",
    "Da próxima vez que ele riscar as paredes, vai pagar caro.",
    "Se ci riprova a rubare le scarpette, lo aspetto fuori e capirà.",
    "La prossima volta che lo vedo fumare in sala, se ne pentirà.",
    # sworn
    "I swear, one more fake review from them and I'll make them pay.",
    "Je te jure que je le chope à la sortie.",
    "Giuro che se lo becco gliela faccio pagare, a quello lì.",
])
def test_a_threat_on_a_condition_or_an_oath_is_raised(text, gym):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, gym)


@pytest.mark.parametrize("text", [
    "Chi ha rovinato le corde, me la pagherà cara.",
    "Quien nos robó las cintas, me las va a pagar.",
    "Ce voleur de cordes, il me le paiera.",
    "Das wirst du mir büßen, Kollege.",
    "Quem riscou o carro vai-mas pagar.",
    "Dann kann der was erleben.",
    # finding someone, then harm ("I'll find you a seat" stays quiet, below)
    "Post one more fake photo of our walls and we'll find you and teach you some manners.",
    # Portugal's pronoun before the verb
    "Ainda lhe parto a cara, a esse treinador.",
])
def test_revenge_said_in_its_own_idiom_is_raised(text, gym):
    assert "conduct.insult" in listed(text, WORK_SELF, gym)


@pytest.mark.parametrize("text", [
    "To the supplier who shorted us: we'll make sure no gym in Leeds ever stocks your chalk.",
    "We will make sure nobody in this valley ever hires him again.",
    "Nos aseguraremos de que nadie en Sevilla te vuelva a contratar.",
    "On va faire en sorte que personne à Lyon ne te donne du travail.",
    "Wir werden dafür sorgen, dass niemand in Köln dich je wieder bucht.",
    "Vamos garantir que ninguém no Porto te volte a contratar.",
    "Faremo in modo che nessuno a Torino ti dia lavoro.",
])
def test_a_threat_to_someones_livelihood_is_raised(text, gym):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, gym)


def test_the_threat_is_highlighted_from_its_condition_to_its_promise(gym):
    text = "Next time he cuts the queue I'll find him outside. Have a good climb!"
    assert marked(text, BRAND_ACCOUNT, gym) == ["Next time he cuts the queue I'll find him outside"]


@pytest.mark.parametrize("text", [
    # a condition with no harm, a promise with no condition, a meeting with a friend
    "If it rains again I swear I'll move to Spain.",
    "Next time I'll bring an umbrella.",
    "I'll make sure every member gets a towel.",
    "If you ever need a belayer, I'll find you a partner.",
    "I'll get you a coffee after class.",
    "Back in town? I'll find you and buy you a drink.",
    "We'll make sure nobody ever waits for their order again.",
    "Next time you'll learn the backstroke.",
    "Salgo a las ocho, te espero a la salida del cine.",
    "Si llegas tarde otra vez, te espero a la salida del cine.",
    "La prochaine fois je te retrouve à la gare.",
    "Si tu reviens encore, tu vas comprendre pourquoi on adore ce club.",
    "Wenn du wieder in Berlin bist, kann man was erleben.",
    "Hier kann man was erleben!",
    "Se voltares ao Porto, espero-te lá fora do estádio.",
    "Quem compra agora vai pagar caro por um café.",
    "Se vieni ancora a Roma, ti aspetto fuori dalla stazione.",
    "La prossima volta capirai meglio il percorso.",
    # a visit again and "you'll understand" is an invitation, not a threat
    "If you try our new wall again, you'll understand.",
    "Si tu reviens encore une fois, tu vas comprendre.",
    "Si vuelves otra vez, vas a entender.",
    "Se voltares outra vez, vais perceber.",
    "Se torni ancora, capirai.",
    "Bei uns kannst du was erleben!",
    "La cena me la pagherà Marco.",
    "Juro que a próxima aula vai ser a melhor.",
])
def test_conditions_oaths_and_meetings_without_harm_stay_quiet(text, gym):
    assert listed(text, BRAND_ACCOUNT, gym) == set()


# --- 2. insults without a swear word -----------------------------------------------------

@pytest.mark.parametrize("text", [
    # less brain than a thing
    "Whoever parked across our fire exit has less brain than a chalk bag.",
    "Esos jueces tienen menos cerebro que una colchoneta.",
    "Ce critique a moins de cervelle qu'une prise d'escalade.",
    "Der neue Hallenwart hat weniger Hirn als ein Karabiner.",
    "Esses avaliadores têm menos cérebro do que um capacete.",
    "Quel recensore ha meno cervello di un moschettone.",
    # the qualities of a thing
    "Their route setter has the charisma of a traffic cone.",
    "Ese crítico tiene la ética de un parquímetro.",
    "Ce juré a le charisme d'une brique.",
    # contempt told as an order
    "To whoever left the review about our 'tiny' walls: get a life.",
    "Read the sign before complaining. Seriously, learn to read.",
    "A quien se quejó del horario: aprende a leer.",
    "Au client qui râle pour la fermeture : apprends à lire.",
    "An den Nörgler mit der Einsternbewertung: such dir ein Leben.",
    "Ao senhor da reclamação: arranja uma vida.",
    "A chi si lamenta del prezzo: fatti una vita.",
    # cowards and boors
    "The instructor who skipped the rescue drill is a coward, plain and simple.",
    "El que no devolvió el arnés es un cobarde sin palabra.",
    "Celui qui a rayé la voiture est un lâche.",
    "Wer die Matte zerschneidet, ist ein Feigling.",
    "O cliente que gritou com a rececionista é um malcriado.",
    "Chi lascia la magnesite ovunque è un vero cafone.",
    # hacks who copy
    "The crew across the road are hacks who copy our route names.",
    "Los del gimnasio de enfrente son unos copiones.",
    "Ceux d'en face sont des copieurs, rien de plus.",
    "Die Halle nebenan sind nur billige Nachmacher.",
    "Os do ginásio ao lado são uns copiões.",
    "Quelli della palestra nuova sono solo dei copioni.",
    # cannot read
    "People leaving one-star reviews clearly can't read past the first line.",
    "Está claro que no saben leer ni el cartel de la entrada.",
    "Les commentateurs ne savent visiblement pas lire.",
    "Manche Kunden können offensichtlich nicht lesen.",
    "Claramente não sabem ler.",
    "Certi clienti evidentemente non sanno leggere.",
    # a product called a joke to its maker's face
    "@rival_walls your app is still a laughing stock.",
    "@rival tu app es un chiste.",
    "@rival votre appli est une blague.",
    "@rival dein Laden ist ein Witz.",
    "@rival o teu produto é uma piada.",
    "@rival la vostra app è una barzelletta.",
])
def test_an_insult_without_a_swear_word_is_raised(text, gym):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, gym)


@pytest.mark.parametrize("text", [
    # oneself, the literal sense, a trade sense, civil criticism
    "I have less brain than my cat before coffee.",
    "This fan has less power than a hair dryer.",
    "Tengo menos cerebro que un mosquito hoy, perdón.",
    "J'ai moins de cervelle qu'un moineau ce matin.",
    "The cake has the taste of a ripe peach.",
    "Un menú pensado para el paladar de un niño de cinco años.",
    "She has the heart of a lion on the wall.",
    "Kids learn to read faster with picture books.",
    "Learn to read music with our partner school!",
    "She found a life coach through our board.",
    "Avec nous, ton enfant apprend à lire.",
    "Mein Sohn lernt lesen.",
    "I'm such a coward about lead climbing.",
    "Soy un cobarde con las alturas.",
    "Le nœud est lâche, refais-le.",
    "The clown at the kids' party was great.",
    "Found a hack for faster checkout at the front desk.",
    "These are hacks that copy your files faster.",
    "Ticks are parasites that live in the long grass.",
    "The scanner clearly can't read the barcode.",
    "Toddlers obviously can't read the menu.",
    "The competitor's app is slow.",
    "Our new app is a joke-free zone, promise.",
    "Tu app es rápida y clara.",
])
def test_self_talk_literal_senses_and_civil_criticism_stay_quiet(text, gym):
    assert listed(text, BRAND_ACCOUNT, gym) == set()


# --- 3. masked swearing ------------------------------------------------------------------

@pytest.mark.parametrize("text, word", [
    ("what the f*** happened to the booking page", "f***"),
    ("this update is s***", "s***"),
    ("que m3rd@ de aplicación", "m3rd@"),
    ("quelle m3rd€ ce planning", "m3rd€"),
    ("ma che c@zz0 di orari", "c@zz0"),
    ("m€rda, outra vez sem rede", "m€rda"),
    ("so eine Sch31ße", "Sch31ße"),
    ("f***ing printer again", "f***ing"),
])
def test_masked_swearing_with_digits_or_only_a_first_letter_is_raised(text, word, gym):
    assert "conduct.profanity" in listed(text, BRAND_ACCOUNT, gym)
    assert word in marked(text, BRAND_ACCOUNT, gym)


@pytest.mark.parametrize("text", [
    "Part C@Z-20 is back in stock.",
    "Prices: $$$ for the premium wall.",
    "Write to c@zz0.example for the form.",
    "Our letter from Mr J*** arrived today.",
    "She got an A** in her BTEC.",
    "Only 5€ for a day pass.",
    "100% m3 of new wall.",
])
def test_codes_prices_addresses_and_private_names_stay_quiet(text, gym):
    assert listed(text, BRAND_ACCOUNT, gym) == set()


def test_conduct_is_not_checked_on_a_personal_account(gym):
    text = "If the neighbour blocks my drive again I'll wait for him outside."
    assert listed(text, PERSONAL, gym) == set()
