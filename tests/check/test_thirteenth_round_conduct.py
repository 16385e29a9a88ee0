"""The thirteenth round of general rules, conduct on work accounts (fixing sets corbel,
mercalba and brightloom, with the sets fitted before): insults without a swear word (people
in a role called clowns, name-calling with an intensifier, mock put-downs, people said to lack
the basics of their job, contempt for the customers of a rival); forms of swearing still
missed (telling someone to get stuffed, compounds with digits, texting abbreviations - which
written in capitals are acronyms: the FDP, a company called TNC); threats to a wrongdoer (they
are known, they will be found, an ultimatum to pay, a lawsuit). Each rule in en, es, fr, de, pt
and it, with near misses that must stay quiet.

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
name = "Fennick Grocers"
aliases = ["Fennick"]
domains = ["fennick.example"]
[disclosure]
region = "uk"
accepted = ["#ad", "#employee"]
"""


@pytest.fixture
def grocer(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "fennick.toml")


# -- 1. insults without swear words -----------------------------------------------------

@pytest.mark.parametrize("text", [
    # people in a role called clowns (or muppets, monkeys, jokers)
    'Honestly the clowns running the ticket office should all be replaced',
    'the jokers in charge of the booking platform broke it again',
    "Our rival's warehouse is run by monkeys, you can tell from the delivery times",
    'this airline is run by clowns',
    'El ayuntamiento está gestionado por payasos, así de claro',
    'Ce service client est géré par des guignols',
    'Das Ministerium wird von Clowns geführt',
    'A federação é gerida por palhaços desde sempre',
    'Il comune è gestito da pagliacci, punto',
    # name-calling with an intensifier, and in the plural
    'Der neue Filialleiter ist ein kompletter Versager',
    'el nuevo gerente es un completo inútil',
    'Le directeur est un vrai guignol',
    "Franchement, c'est des guignols au service réclamations",
    'O diretor é um verdadeiro palhaço',
    'Il portavoce è un vero pagliaccio',
    'Die sind komplette Witzfiguren, alle drei',
    'Los del otro diario son unos impresentables',
    'Los de la cadena de enfrente son unos mamones',
])
def test_people_in_a_role_called_clowns_or_names(text, grocer):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, grocer)


@pytest.mark.parametrize("text", [
    'That columnist couldn\'t spot a typo with both hands',
    'Their CTO couldn\'t code his way out of a wet paper bag',
    'That committee couldn\'t organise a party in a brewery',
    'Los de la competencia no saben hacer la o con un canuto',
    "Ces gens-là ne trouveraient pas de l'eau à la mer",
    "Quel fornitore non troverebbe l'acqua al mare",
    'Die finden den Fehler nicht mal mit beiden Händen und einer Taschenlampe',
    # not even the basics of the job
    'Los de ese periódico ni contrastar saben',
    'Esos becarios no saben ni redactar.',
    "Les pigistes d'en face savent même pas vérifier une date",
    'Die Kollegen von der Konkurrenz können nicht mal recherchieren.',
    'Esse pessoal nem apurar sabe',
    'Os do outro jornal não sabem nem ler.',
    'Quelli della concorrenza neanche verificare sanno',
    'Quelli non sanno nemmeno scrivere.',
    'The reporters over there can\'t even fact-check.',
    'Their editors can\'t even spell properly',
])
def test_mock_put_downs(text, grocer):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, grocer)


@pytest.mark.parametrize("text", [
    'Anyone who still flies with Skyhop deserves whatever they get',
    'People who still bank with Oldmint deserve to be ripped off',
    'Anyone who buys fruit at Quickmart deserves the rotten apples they get',
    'Quien siga comprando en Maxiahorro se merece lo que le pase',
    "Ceux qui font encore leurs courses chez Prixbas n'ont que ce qu'ils méritent",
    'Wer immer noch bei Billigkauf einkauft, ist selbst schuld',
    'Quem ainda compra no Baratão merece o pão bolorento que leva',
    'Chi fa ancora la spesa da Spendimeno si merita quello che gli capita',
])
def test_contempt_for_a_rivals_customers(text, grocer):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, grocer)


@pytest.mark.parametrize("text", [
    # literal clowns
    'The clowns at the circus were brilliant tonight',
    "The clowns running the kids' party were wonderful",
    'Our circus workshop is run by clowns from the Montréal school',
    'The hospital visits are run by clowns and nurses together',
    'El circo está dirigido por payasos y acróbatas',
    "c'est des clowns professionnels qui animent la fête",
    'Die Kinderparty wird von Clowns und Zauberern geleitet',
    'A festa foi dirigida por palhaços e mágicos',
    'La festa è guidata da pagliacci e giocolieri',
    'The clowns at the top of the bill tonight are superb',
    # self-deprecation and plain words
    "I'm a clown for forgetting the charger again",
    "I couldn't find my keys with both hands full",
    "I couldn't code my way out of a paper bag back then",
    'Er ist ein kompletter Neuling im Team',
    'es un completo desconocido para mí',
    "C'est un vrai amateur de vin",
    'Das ist eine echte Pfeife aus Meerschaum',
    'Son unos capullos de rosa preciosos',
    # civil criticism of a rival, and not knowing how to read as a fact
    'Their fish counter was poorly stocked today',
    'Los niños no saben ni leer todavía',
    'Toddlers can\'t even read yet',
    'You can\'t even read the label, the font is tiny',
    "Des millions d'enfants ne savent pas lire",
    'Viele Kinder können nicht einmal lesen und schreiben',
    # customers who deserve good things
    'Anyone who still shops local deserves a medal',
    'Anyone who shops at our market deserves the best prices they get',
    'Quien compra en nuestra tienda se merece lo mejor',
    'Wer bei uns einkauft, verdient den besten Service',
    'Quem compra aqui merece o melhor atendimento',
    'Chi fa la spesa da noi si merita il meglio',
    'People who pay for premium deserve everything they get',
])
def test_literal_clowns_self_deprecation_and_civil_criticism_stay_quiet(text, grocer):
    assert not listed(text, BRAND_ACCOUNT, grocer)


def test_the_whole_put_down_is_marked(grocer):
    text = "Once again the clowns running the ticket office have lost our booking"
    assert marked(text, WORK_SELF, grocer) == ["clowns running the ticket office"]


# -- 2. swearing still missed -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # telling someone to get stuffed, in each language
    'Que se foda, o site caiu outra vez',
    'vai se foder com essa atualização',
    'fudeu, o servidor caiu',
    'vete a la chingada con tus reseñas falsas',
    'Allez vous faire foutre avec vos faux avis',
    'va te faire foutre, troll',
    "j'en ai rien à foutre de leurs notes",
    'Fermez vos gueules, on bosse',
    'Que te jodan, trolls',
    'Che fottuta giornata in redazione',
    'Verpiss dich, du Troll',
    'Halt die Fresse, du Troll',
    # compounds, also with digits for letters
    'This comment section is full of sh1tposters',
    'what a shitfest this update was',
    'this is bullsh1t',
    'the dogshit coffee machine broke again',
    # texting abbreviations
    'pqp, o sistema caiu de novo',
    'Pqp, mais uma reunião',
    'vsf, mais uma reunião',
    'tnc essa operadora',
    'fdp, o servidor caiu outra vez',
    'qué hdp el que rayó la furgoneta',
    'ctm, se cayó el sistema otra vez',
    'ntm le serveur',
    'krl, que demora',
    'ptn, encore une panne',
    'que mrd de sistema',
    'vaffa, il server è giù',
])
def test_more_forms_of_swearing(text, grocer):
    assert "conduct.profanity" in listed(text, WORK_SELF, grocer)


@pytest.mark.parametrize("text", [
    'o chefe do turno é um fdp, gritou com a estagiária',
    'ese hdp nos dejó sin entregar el pedido',
])
def test_calling_someone_a_son_of_a_bitch_in_letters_is_also_an_insult(text, grocer):
    assert {"conduct.profanity", "conduct.insult"} <= listed(text, WORK_SELF, grocer)


@pytest.mark.parametrize("text", [
    # decided: written in capitals these are acronyms (a party, a company, a charity, a band)
    'FDP fordert Steuersenkungen',
    'TNC reported record profits this quarter',
    'VSF sends vets to rural areas',
    'HDP won seats in the east',
    'NTM play the festival tonight',
    'PTM analysis of the sample is done',
    'KRL trains run every ten minutes',
    'MRD testing after treatment is now routine',
    # ... and after a German article or "the", the party or the company written in lower case
    'die fdp blockiert das Gesetz',
    "the tnc's supply chain is under review",
    # ... or as a name of its own: a handle, a hashtag, a domain
    'Folgt @fdp für mehr',
    '#fdp Parteitag in Berlin',
    'Mehr unter fdp.de/programm',
    # words that contain the swear words' letters
    'Snow in Shitterton this morning, drive safely',
    'Shitake mushrooms are back in stock',
    "j'ai la gueule de bois, toi aussi ?",
    "Fermez la porte, s'il vous plaît",
])
def test_acronyms_places_and_hangovers_are_not_swearing(text, grocer):
    assert not listed(text, WORK_SELF, grocer)


def test_swearing_is_checked_on_work_accounts_only(grocer):
    assert not listed("pqp, o sistema caiu de novo", PERSONAL, grocer)
    assert not listed("Allez vous faire foutre avec vos faux avis", PERSONAL, grocer)


# -- 3. threats to a wrongdoer ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    'To the person who keyed our delivery van: we know who you are.',
    'Wir wissen, wer du bist.',
    'Sabemos quién eres.',
    'On sait qui tu es.',
    'Sappiamo chi sei.',
    'Sabemos quem você é.',
    "We'll come and find you.",
    "Whoever took the tip jar: I'll come find you myself",
    'To whoever stole our sign: return it or else.',
    "Bring it back or we'll find you.",
    "Pay what you owe or we'll come after you",
    'Paga lo que debes o te buscaremos.',
    'Payez ce que vous devez ou on vous retrouvera.',
    'Zahl endlich, sonst finden wir dich.',
    'Paga o que deves ou vamos te buscar.',
    'Paga quello che devi o ti troviamo.',
    'If you keep posting lies about our staff, see you in court.',
    "Leave one more fake review and we'll see you in court",
    'Nos vemos en los tribunales.',
    'Continuez comme ça et on se verra au tribunal.',
    'Noch ein Wort und wir sehen uns vor Gericht.',
    'Vemo-nos em tribunal.',
    'Ci vediamo in tribunale.',
])
def test_threats_to_a_wrongdoer(text, grocer):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, grocer)


@pytest.mark.parametrize("text", [
    'we know who you are looking for',
    'We know who you are as a reader',
    'We know who you are: busy parents who need dinner fast',
    'Wir wissen, wer du bist, und was du liebst',
    'come back and pay us a visit',
    'Pay or cancel any time',
    "Pay by Friday or we'll cancel the booking",
    "Return it within 30 days or we'll charge the full price",
    "I'll come find you at the stand",
    "We'll come and get you from the station",
    'see you in court 3 for the semi-final',
    'See you in court tomorrow for the hearing, counsel',
    'Nos vemos en los tribunales de menores para el reportaje',
    "Ci vediamo in tribunale alle 9 per l'udienza",
])
def test_visits_payments_and_court_dates_stay_quiet(text, grocer):
    assert not listed(text, BRAND_ACCOUNT, grocer)


# -- the scan behind every list pattern ------------------------------------------------------

def test_a_pattern_match_starting_inside_a_word_does_not_hide_a_real_one():
    # "voce e" (Portuguese "you are") matches inside "portavoce e"; the real "e un" after it
    # must still be found, as in "Il portavoce è un vero pagliaccio"
    from app.check.analysis import DraftText
    from app.check.lexicons import compile_lexicon

    lexicon = compile_lexicon("test", {"group": [{
        "id": "g", "kind": "insult", "terms": [],
        "patterns": [r"\b(?:voce e|e)\s+un\s+pagliaccio\b"]}]})
    draft = DraftText("Il portavoce è un pagliaccio")
    hits = lexicon.find(draft.fold, draft.cased_view)
    assert [draft.text[h.start:h.end] for h in hits] == ["è un pagliaccio"]
