"""The twelfth round of general rules, personal life on work accounts and its false alarms
(fixing sets barkwell, sattelwerk, tidewell and cerisaie, after their unseen figures were
taken): drinks counted "down"/"in" or by which one is being drunk; one's in-laws, nieces and
nephews, wedding, dating anniversary and divorce said in passing; a bereavement of the writer
or a colleague; being ill at home; therapy tomorrow; rallying calls to the street or a party.
And what stays a note: a business speaking to its customers about their families, a
road-safety campaign, a company's view on a council vote, the employer's own offer read as
personal life by the meaning layer alone, and a reading carried only by function words. Each
in the six languages, with the near misses that must stay quiet.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.check import engine
from app.check.engine import check_draft
from app.check.lexicons import pattern_triggers
from app.check.meaning import HEADS, Reading
from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Owner, Persona, Severity
from app.paths import resources_dir
from tests.check.rounds import NOW, findings, policy_from
from tests.check.rounds import fired as rules

BRAND_ACCOUNT = CheckTarget(Network.INSTAGRAM, Persona.WORK, Owner.EMPLOYER)
WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)

PACK = """\
version = 1
[employer]
name = "Quillmoor Ferries"
aliases = ["Quillmoor"]
domains = ["quillmoor.example"]
[disclosure]
region = "uk"
accepted = ["#ad", "#employee"]
"""


@pytest.fixture
def ferries(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "quillmoor.toml")


def _severity(text: str, target: CheckTarget, policy: Policy) -> Severity | None:
    found = findings(text, target, policy).get("persona.personal_life")
    return None if found is None else found.severity


# --- 1. drinking told by a running count -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Friday on deck 🍺🍺 the crew is four pints down and singing sea shanties",
    "Two bottles of albariño in, and the harbour team wants karaoke.",
    "Three drinks in. Nobody is checking the timetable tonight.",
    "We're on our fifth beer and the captain still won't dance",
    "La tripulación va por la cuarta cerveza y nadie quiere volver al barco",
    "Llevamos cinco cañas y el equipo de Vigo sigue cantando",
    "L'équipe de Brest en est au troisième verre, demain sera long",
    "On en est à quatre bières et personne ne veut rentrer 🍻",
    "Das Hafenteam ist beim vierten Bier und singt Seemannslieder",
    "Drei Bier intus und die Crew will noch weiter 🍺",
    "A equipa do Porto já vai na sexta imperial, amanhã ninguém acorda",
    "Já vamos em quatro cervejas e o turno da manhã que se aguente",
    "Il team di Genova è alla terza birra e canta a squarciagola",
    "Siamo già a quattro spritz e nessuno vuole tornare a bordo",
    "Third round of tequilas for the harbour office, send help",
    "Segunda ronda de chupitos para el equipo de Vigo",
    "Deuxième tournée de shots pour l'équipe de Brest",
    "Terzo giro di shottini per la squadra di Genova",
    "Second bottle of cava open and the meeting is still going",
    "Segunda botella de vino abierta y la reunión sigue",
])
def test_drinks_counted_on_a_work_account_warn(text, ferries):
    for target in (BRAND_ACCOUNT, WORK_SELF):
        assert "persona.personal_life" in rules(text, target, ferries), (text, target)


@pytest.mark.parametrize("text", [
    # a brand's own range, a trophy, a vaccine, a quiz, water
    "Our third beer in the onboard range is a pale ale brewed in Cork.",
    "Notre quatrième bière de la gamme arrive à bord en mars.",
    "Unser drittes Bier im Bordshop ist ein alkoholfreies Helles.",
    "Real Madrid levanta la cuarta copa de Europa en el bar del ferry.",
    "Three rounds in, the quiz team from deck 5 leads by two points.",
    "Two glasses of water in, and the seasickness is finally passing for our passengers.",
    "Three bottles in the gift shop are limited editions.",
    "Our onboard bar has a second bottle open for tasting every Saturday.",
    "Round of applause for the Lisbon crew, 99% on time this month!",
    "Un giro di prova sulla nuova nave, domenica alle 10.",
    "La nostra terza birra della casa è una rossa ambrata, al bar di bordo.",
])
def test_drinks_of_a_range_or_other_counts_stay_quiet(text, ferries):
    assert "persona.personal_life" not in rules(text, BRAND_ACCOUNT, ferries)


# --- 2. family life in passing -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Pranzo dai miei suoceri domenica, auguratemi buona fortuna 😅",
    "Cena con mis suegros esta noche, deseadme suerte",
    "Week-end chez mes beaux-parents, je reviens lundi sur la page",
    "Wochenende bei meinen Schwiegereltern, am Montag antworte ich wieder",
    "Almoço com os meus sogros, volto à página na segunda",
    "Christening for my niece on Sunday, proud auntie here",
    "Bautizo de mi sobrinita el domingo, tía emocionada",
    "Baptême de mon filleul ce week-end, marraine fière",
    "Taufe meiner Nichte am Sonntag, ich bin ganz gerührt",
    "Batizado da minha afilhada no domingo, madrinha babada",
    "Compleanno del mio nipotino oggi, zio felicissimo",
    "Ma sœur vient d'accoucher, je suis tata depuis ce matin",
    "Ma belle-sœur arrive ce soir, je réponds demain",
    "Je me marie en juin et je n'ai encore rien organisé",
    "Me caso el sábado, así que la semana que viene responde Lucía",
    "Ich heirate nächste Woche, die Seite betreut solange Jonas",
    "Mi sposo a settembre, non vedo l'ora",
    "Dating anniversary today, three years with this lovely human",
    "Hoy es nuestro aniversario de noviazgo, cuatro años ya",
    "Dois anos de namoro hoje, obrigada por tudo",
    "Oggi anniversario di fidanzamento, cinque anni insieme",
    "Anyone got tips for getting a baby to sleep through? Asking for a very tired me.",
    "¿Alguien tiene trucos para que un bebé duerma la siesta? Estoy agotada",
    "Quelqu'un a des astuces pour faire dormir un bébé de six mois ?",
    "Hat jemand Tipps, wie man ein Baby zum Einschlafen bringt?",
    "Alguém tem dicas para pôr um bebé a dormir a noite toda?",
    "Qualcuno ha consigli per far dormire un bimbo di un anno?",
    "Sto attraversando una separazione difficile, scusate i ritardi nelle risposte",
    "Ich mache gerade eine schwierige Scheidung durch, bitte habt Geduld",
    "Wir lassen uns scheiden, deshalb bin ich diese Woche kaum erreichbar",
])
def test_family_life_said_in_passing_on_a_work_account_warns(text, ferries):
    for target in (BRAND_ACCOUNT, WORK_SELF):
        assert "persona.personal_life" in rules(text, target, ferries), (text, target)


@pytest.mark.parametrize("text", [
    "No me caso con ninguna naviera: comparad precios y elegid.",
    "Our guide to travelling with grandparents and in-law-free cabins is out.",
    "Il nipote del fondatore, Marco, guida oggi la flotta da Genova.",
    "Tips for getting a bike on board: book a slot and arrive 30 minutes early.",
    "Quelqu'un a des astuces pour ranger les vélos dans la soute ?",
])
def test_family_words_that_are_not_the_writers_family_stay_quiet(text, ferries):
    assert "persona.personal_life" not in rules(text, BRAND_ACCOUNT, ferries)


# --- 3. a bereavement, illness at home, therapy tomorrow ---------------------------------------

@pytest.mark.parametrize("text", [
    "Quick note: our social media manager has just lost his mother, so replies will be slow.",
    "Sadly our deckhand Tom lost his father last week; we're sending him love.",
    "Notre responsable du service client vient de perdre sa mère, merci de votre patience.",
    "Nuestra compañera acaba de perder a su padre, contestaremos más despacio.",
    "Unser Community-Manager hat seinen Vater verloren, wir antworten etwas später.",
    "A nossa gestora de redes perdeu o pai, respondemos assim que pudermos.",
    "La nostra social media manager ha perso la madre, risponderemo con calma.",
    "Nuestro compañero Luis está en el hospital, mandadle ánimos.",
    "Notre collègue Paul vient de perdre sa sœur, merci de votre patience.",
    "Slow replies today, our social person is home with a horrible cold and a feverish toddler.",
    "2am, wide awake again. therapy tomorrow, fingers crossed it helps.",
    "Terapia mañana a primera hora, a ver si me ordena la cabeza.",
])
def test_a_bereavement_or_illness_on_a_work_account_warns(text, ferries):
    for target in (BRAND_ACCOUNT, WORK_SELF):
        assert "persona.personal_life" in rules(text, target, ferries), (text, target)


@pytest.mark.parametrize("text", [
    "The ferry lost its mooring line in the storm; nobody was hurt.",
    "We lost our booking system for an hour this morning, sorry.",
    "Our sports therapy team is on board tomorrow for the crew health day.",
    "El centro de salud del puerto está en el hospital nuevo, planta 2.",
    "Ha perso il traghetto delle 9? Il prossimo parte alle 11.",
    # a case put to readers: a guide for those who lost someone
    "If a passenger has lost their father recently, our crew can help with the paperwork.",
    "Si un niño ha perdido a su madre, nuestra guía para familias puede ayudar.",
    "Se un bambino ha perso il padre, la nostra guida è gratuita.",
])
def test_losses_and_places_that_are_no_ones_illness_stay_quiet(text, ferries):
    assert "persona.personal_life" not in rules(text, BRAND_ACCOUNT, ferries)


# --- 4. political rallying, and public affairs -------------------------------------------------

@pytest.mark.parametrize("text", [
    "Jeudi, toutes et tous dans la rue contre la réforme ✊",
    "La droite ne passera pas ! Rendez-vous place de la République",
    "Todos a la calle el sábado contra los recortes ✊",
    "Samstag alle auf die Straße gegen Rechts!",
    "Sábado todos à rua contra a reforma ✊",
    "Venerdì tutti in piazza contro la riforma ✊",
    "Everyone to the march on Saturday, we won't let them pass",
    "Dimanche, votez à gauche, c'est important",
    "Am Sonntag wählt die Linke, jede Stimme zählt",
    "Vote Labour on Thursday, every vote counts",
])
def test_political_rallying_on_a_work_account_warns(text, ferries):
    for target in (BRAND_ACCOUNT, WORK_SELF):
        assert "persona.personal_life" in rules(text, target, ferries), (text, target)


@pytest.mark.parametrize("text", [
    "We regret the harbour board vote against the new night crossing. We'll keep making the case.",
    "Respectfully, we disagree with the council's vote against the ferry terminal expansion.",
    "Le conseil régional a voté contre la nouvelle ligne : nous le regrettons.",
    "Vote for us in the Coastal Travel Awards: quillmoor.example/awards",
    "Tous à bord pour la croisière de Noël 🎄",
    "Tutti a bordo: si parte alle 9 dal molo 3",
])
def test_public_affairs_and_boarding_calls_stay_quiet(text, ferries):
    assert "persona.personal_life" not in rules(text, BRAND_ACCOUNT, ferries)


# --- 4. a business speaking to customers about their families; a road-safety campaign ----------

@pytest.mark.parametrize("text", [
    "Family cabins with a travel cot on request: made for parents who need a rest too",
    "What to pack for a crossing with kids: snacks, nappies, a favourite teddy",
    "Cabines familles avec lit bébé sur demande, pour les parents qui veulent souffler",
    "Camarotes familiares con cuna para bebé: para familias que viajan con niños",
    "Familienkabinen mit Babybett auf Anfrage, für Eltern mit kleinen Kindern",
])
def test_a_business_speaking_of_its_customers_families_is_at_most_a_note(text, ferries):
    assert _severity(text, BRAND_ACCOUNT, ferries) is not Severity.WARN


def test_the_writers_own_family_on_the_brand_account_still_warns(ferries):
    text = "Family cabins are great: I took my toddler last week and we slept the whole crossing"
    assert _severity(text, BRAND_ACCOUNT, ferries) is Severity.WARN


@pytest.mark.parametrize("text", [
    "Campagne d'hiver : après quelques verres, on laisse la voiture et on prend le bus de nuit.",
    "Our December campaign: a few drinks at the party? Take the night bus home, not the car.",
    "Campaña de Navidad: si sales de copas, vuelve en taxi o en metro.",
])
def test_a_road_safety_campaign_is_at_most_a_note(text, ferries):
    assert _severity(text, BRAND_ACCOUNT, ferries) is not Severity.WARN


def test_the_teams_own_night_is_still_drinking(ferries):
    text = "Christmas party: the crew is four pints down and the captain booked a taxi home"
    assert _severity(text, BRAND_ACCOUNT, ferries) is Severity.WARN


# --- 5. the meaning layer: the employer's own offer, and function words ------------------------

class _SureModel:
    """A model sure every draft is personal life, naming the draft's first word as what
    carried the reading."""

    def read_view(self, view, heads=HEADS, top=3):
        words = view.words()
        spans = (view.span(words[0][0], words[0][1]),) if words else ()
        return {head: Reading(head, 0.95, spans) for head in heads}


@pytest.mark.parametrize(("text", "expected"), [
    # the employer's own offer, found by the word lists: only a note
    ("Midnight sale: 30% off all Quillmoor crossings this weekend, quillmoor.example/sale",
     Severity.INFO),
    # the same words with no offer of the employer's: the layer's warning stands
    ("Midnight swim with the whole crew after the last crossing", Severity.WARN),
    # the writer speaking for themselves beside the offer: the reading is not the brand's
    ("Midnight and I'm still crying: 30% off Quillmoor crossings, quillmoor.example/sale",
     Severity.WARN),
])
def test_the_employers_own_offer_read_as_personal_life_is_a_note(monkeypatch, ferries, text,
                                                                    expected):
    monkeypatch.setattr(engine, "shipped_model", lambda: _SureModel())
    found = {f.rule: f for f in check_draft(text, BRAND_ACCOUNT, policy=ferries,
                                            now=NOW).findings}
    assert found["persona.personal_life"].severity is expected


@pytest.mark.parametrize("word", [
    "Through", "Off", "Into", "Over", "About", "After", "Before", "Up", "Out",
    "Tras", "Hasta", "Après", "Pendant", "Durch", "Über", "Nach", "Após", "Até", "Dopo", "Senza",
])
def test_a_personal_reading_carried_only_by_a_function_word_is_a_note(monkeypatch, ferries,
                                                                     word):
    monkeypatch.setattr(engine, "shipped_model", lambda: _SureModel())
    text = f"{word} the timetable change, crossings leave ten minutes later"
    found = {f.rule: f for f in check_draft(text, WORK_SELF, policy=ferries, now=NOW).findings}
    assert found["persona.personal_life"].severity is Severity.INFO


# --- speed: every new pattern starts with plain trigger words ----------------------------------

def _twelfth_round_patterns() -> list[str]:
    path = resources_dir() / "lexicons" / "personal_life.toml"
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    markers = ("sto affrontando", "lost|losing", "her|his|their)\\s+(?:father", "vient de perdre",
               "acaba|acabo", "seinen|ihren", "acabou de perder", "ha perso", "mache|machen",
               "anyone|anybody", "alguien", "quelqu'un", "jemand", "alguem", "qualcuno",
               "(?<!our\\s)(?<!notre", "on|onto", "llevamos", "on en est a", "intus",
               "ja vamos em", "siamo gia a", "round|rounds", "second|another", "tous|toutes",
               "la droite", "todos|todas", "alle\\s+(?:auf", "tutti|tutte",
               "everyone|everybody", "votez|votons", "no pasaran",
               "(?:vote|voting|voted)")
    return [pattern for group in data["group"] for pattern in group.get("patterns", [])
            if any(marker in pattern for marker in markers)]


def test_the_new_patterns_have_trigger_words():
    patterns = _twelfth_round_patterns()
    assert len(patterns) >= 25
    for pattern in patterns:
        assert pattern_triggers(pattern) is not None, pattern[:60]
