"""Personal-life words said of other people, not of the writer or a colleague.

A compliance reviewer does not object to a work account naming pregnancy, rehab or drinking
when nobody on the team is telling their own or a colleague's private life: an HR session on
supporting colleagues through IVF, an opinion about "people who are injured, pregnant or
caring", a customer's story shared with her permission, a game character who is drunk in every
scene, a drink-awareness campaign. :func:`said_of_others` tells these apart by the shape of
the sentence around the words, in the six languages; the persona check then only notes the
words (``info``) instead of warning.

Every pattern runs over the fold view (lower case, accents removed) and is compiled once, on
first use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from app.check.text import fold_string

# People spoken of as a group, in the six languages (folded): the subject of "who are
# pregnant", the object of "supporting ... through IVF".
_GROUP = (
    r"(?:people|persons|colleagues|coworkers|co-workers|employees|staff|workers|parents|"
    r"mothers|fathers|women|men|members|patients|customers|clients|users|players|carers|"
    r"caregivers|families|managers|those|anyone|students|new parents|"
    r"personas|companeros|companeras|empleados|empleadas|trabajadores|trabajadoras|padres|"
    r"madres|mujeres|pacientes|clientes|socios|quienes|"
    r"personnes|collegues|salaries|salariees|employes|meres|femmes|adherents|ceux|celles|"
    r"menschen|kolleginnen|kollegen|kolleg:innen|kolleg\*innen|mitarbeitende|mitarbeiter|"
    r"mitarbeiterinnen|beschaftigte|eltern|frauen|patientinnen|patienten|versicherte|"
    r"mitglieder|pessoas|colegas|funcionarios|trabalhadores|maes|pais|mulheres|doentes|"
    r"utentes|associados|persone|colleghi|colleghe|dipendenti|lavoratori|lavoratrici|"
    r"genitori|mamme|donne|pazienti|iscritti|soci)"
)
# Twenty-third round: a group in a condition or a treatment ("patients in chemotherapy",
# "patients undergoing surgery", "pacientes en tratamiento", "Patienten unter Chemotherapie")
_IN_A_CONDITION = r"in|on|undergoing|receiving|en|bajo|sous|unter|em|sob|sotto|durante"
# "people who are ...", "colleagues going through ...", "personnes qui ...", "Menschen, die ..."
_GROUP_SUBJECT = (
    rf"\b{_GROUP}\s*,?\s+(?:who|that|going through|living with|dealing with|affected by|"
    r"que|quienes|qui|die|welche|che|con|with|avec|mit|com|after|nach|"
    rf"{_IN_A_CONDITION})\b"
)
# "supporting colleagues through IVF", "accompagner les salariés", "Eltern unterstützen"
_SUPPORTING = (
    r"\b(?:support|supports|supporting|supported|help|helps|helping|care for|caring for|"
    r"look after|looking after|accommodate|accommodating|apoyar|apoyando|apoyamos|acompanar|"
    r"acompanando|ayudar|accompagner|accompagnons|soutenir|soutenons|aider|unterstutzen|"
    r"unterstutzt|unterstutzen wir|begleiten|apoiar|apoiamos|acompanhar|ajudar|sostenere|"
    r"sosteniamo|supportare|accompagnare|aiutare)\s+(?:\w+\s+){0,2}" + _GROUP + r"\b"
    r"|\b" + _GROUP + r"\s+(?:\w+\s+){0,2}(?:unterstutzen|begleiten)\b"
)
# a talk, a session or a policy about the subject: "session today on", "webinaire sur" (not
# "in training for the season after his surgery")
_TALK = (
    r"\b(?:session|sessions|webinar|workshop|training|talk|panel|course|guide|guidance|"
    r"policy|policies|toolkit|seminar|sesion|taller|charla|formacion|politica|seance|"
    r"atelier|formation|webinaire|conference|politique|schulung|vortrag|seminar|leitfaden|"
    r"richtlinie|sessao|formacao|palestra|oficina|sessione|formazione|seminario|incontro|"
    r"politica)\s+(?:\w+\s+){0,3}(?:on|about|around|sobre|sur|zum|zur|uber|su|sul|"
    r"sulla)\b"
    # a guide or an article on it, in the six languages: "our guide to divorce and money",
    # "nuestra guía sobre el divorcio", "notre dossier sur la séparation", "Ratgeber zur
    # Scheidung", "guida al divorzio"
    r"|\b(?:guide|guides|guia|guias|guida|ratgeber|dossier|article|articulo|artigo|"
    r"articolo|artikel|faq|checklist|podcast|episode|episodio|campaign|campana|campagne|"
    r"kampagne|campanha|campagna)\s+(?:\w+\s+){0,3}(?:to|on|about|for|sobre|para|sur|pour|"
    r"zum|zur|uber|fur|al|alla|sul|sulla|ao|a)\b"
)
# a story told with the person's consent: "shared with her permission", "con su permiso",
# "avec son accord", "mit ihrer Erlaubnis", "com a sua autorização", "con il suo permesso"
_CONSENT = (
    r"\bwith\s+(?:her|his|their|the family's|the patient's|full|written|kind)\s+"
    r"(?:permission|consent)\b"
    r"|\b(?:shared|posted|published|told)\s+with\s+(?:permission|consent)\b"
    r"|\bcon\s+su\s+(?:permiso|consentimiento|autorizacion)\b"
    r"|\bavec\s+(?:son|leur)\s+(?:accord|autorisation|consentement)\b"
    r"|\bmit\s+(?:ihrer|seiner|deren|dessen|ihrem|seinem)\s+"
    r"(?:erlaubnis|zustimmung|einwilligung|genehmigung|einverstandnis)\b"
    r"|\bcom\s+(?:a\s+)?(?:sua\s+)?(?:autorizacao|permissao|consentimento)\b"
    r"|\bcon\s+(?:il\s+suo|la\s+sua)\s+(?:permesso|consenso|autorizzazione)\b"
)
# ... of a customer, a member or a patient, labelled as their story ("Member story:",
# "Témoignage :", "Mitgliedergeschichte"): a colleague's private life stays the team's own
_STORY = (
    r"\b(?:member|customer|client|patient|user|guest|reader|player|community|family)\s+"
    r"(?:story|stories|spotlight)\b"
    r"|\b(?:historia|historias|testimonio)\s+de\s+(?:un\s+|una\s+)?"
    r"(?:paciente|cliente|socio|socia|usuario|usuaria)\b"
    r"|\btemoignage\b|\b(?:mitglieder|kunden|patienten|nutzer)geschichte\b"
    r"|\b(?:historia|testemunho)\s+de\s+(?:um\s+|uma\s+)?"
    r"(?:cliente|paciente|associado|associada|utente)\b"
    r"|\bstoria\s+di\s+(?:un\s+|una\s+)?(?:socio|socia|cliente|paziente|utente)\b"
    r"|\btestimonianza\b"
)
# the draft is about fiction: a script, a character, a villain (not a "character artist")
_FICTION = (
    r"(?<!out of )\b(?:writers' room|writers room|writing room|script|scripts|screenplay|"
    r"manuscript|storyline|storylines|cutscene|cutscenes|npc|npcs|character|characters|villain|"
    r"villains|protagonist|protagonists|antagonist|narrator|heroine|in every scene|"
    r"the scene where|guion|guionistas|personaje|personajes|villano|villanos|protagonista|"
    r"scenariste|personnage|personnages|drehbuch|charakter|charaktere|bosewicht|"
    r"protagonistin|roteiro|personagem|personagens|vilao|sceneggiatura|personaggio|"
    r"personaggi)\b(?![\s-]+(?:artist|artists|designer|designers|animator|animators|team|lead|"
    r"department|rigger|modeller|modeler|concept|building|reference|references)\b)"
)
# Twenty-third round: a condition spoken of in general, as a time or a kind of product ("peels
# during pregnancy", "pendant la grossesse", "in der Schwangerschaft", "pregnancy-safe
# skincare"): nobody is said to be pregnant or treated
_TIME_BEFORE = r"\b(?:during|in|throughout|pendant|durant|durante|en|wahrend|na|numa|nella)\s+"
_GENERIC_TIME = _TIME_BEFORE + r"(?:(?:a|the|la|une|el|un|una|le|der|einer|uma|o)\s+)?$"
# ... and with an indefinite article only ("during a pregnancy": anyone's, even beside "I")
_GENERIC_TIME_INDEFINITE = _TIME_BEFORE + r"(?:a|une|un|una|einer|uma)\s+$"
_GENERIC_KIND = r"^[- ]?(?:safe|friendly|sicher|sure|segura|seguro|sicura|sicuro)\b"
_GENERIC_WORDS = frozenset((
    "pregnancy", "grossesse", "embarazo", "schwangerschaft", "gravidez", "gestacao",
    "gravidanza", "breastfeeding", "allaitement", "lactancia", "stillzeit", "amamentacao",
    "allattamento", "chemotherapy", "chemo", "chimiotherapie", "chimio", "quimioterapia",
    "quimio", "chemotherapie", "chemioterapia", "menopause", "menopausia", "wechseljahre",
    "menopausa"))
# ... or asked of or told to the reader about the reader's animal ("Is your dog pregnant?",
# "¿Tu gata está preñada?", "Hangover cure for your dog?"; not "our dog", nor "your admin",
# the writer joking of themselves), or said of a kind of animal ("pregnancy in dogs")
_READER = (
    r"\b(?:your|tu|tus|vuestro|vuestra|vuestros|vuestras|votre|vos|ton|ta|tes|"
    r"dein|deine|deinen|deinem|euer|eure|euren|eurem|seu|sua|teu|tua|vostro|vostra|vostri|"
    r"tuo|tuoi)\b")
ANIMAL_WORDS = (
    r"\b(?:dog|dogs|cat|cats|puppy|puppies|kitten|kittens|pet|pets|horse|horses|mare|mares|"
    r"rabbit|rabbits|cow|cows|ewe|ewes|perro|perra|perros|gato|gata|gatos|mascota|mascotas|"
    r"chien|chienne|chiens|chat|chatte|chats|hund|hunde|hundin|katze|katzen|kater|cao|caes|"
    r"cadela|cane|cani|cagna|gatto|gatta|gatti|animale|animali|animal|animals|animaux|tiere|"
    r"tier)\b")
# a drink-awareness message: the subject is public health, not anyone's night
_AWARENESS = (
    r"\b(?:awareness|dry january|sober october|dry july|drink responsibly|drinkaware|"
    r"units of alcohol|alcohol units|units are in|low-risk drinking|drinking guidelines|"
    r"responsible drinking|addiction support|sensibilisation|sensibilizacion|concienciacion|"
    r"sensibilizzazione|consciencializacao|conscientizacao|aufklarung|praventionswoche|"
    r"semana sin alcohol|mois sans alcool|janvier sobre|dry january)\b"
    # a road-safety campaign: the campaign named, and getting home some other way than at the
    # wheel ("Campagne de décembre : après quelques verres, on rentre en tram")
    r"|\b(?:campaign|campagne|campana|kampagne|campanha|campagna)\b(?=.{0,160}?\b(?:tram|bus|"
    r"taxi|train|night bus|metro|u-bahn|s-bahn|uber|cab|designated driver|sam|conductor "
    r"designado|fahrer|drive|driving|conduire|conducir|fahren|conduzir|guidare|volant|coche|"
    r"carro|auto)\b)"
)
# ... and a campaign for safer drinking or nights out said in any of the six languages
# ("Alcohol Awareness Week: ... tips for a safer night out", "campaña de prevención"), read
# for nights out as well as drinks, unless a night had is told ("after the party lol")
_SAFER_NIGHTS = (
    r"\b(?:awareness|drink ?aware|drinkaware|campaign|safer night|safe night|responsible drinking"
    r"|drink responsibly|dry january|sober october|campana|campanas|prevencion|consumo responsable"
    r"|campagne|prevention|consommation responsable|kampagne|praventions\w*|pravention"
    r"|verantwortungsvoll\w*|campanha|prevencao|consumo responsavel|campagna|prevenzione"
    r"|consumo responsabile)\b")
_A_NIGHT_HAD = r"\b(?:last night|after the|yesterday|lol|lmao|haha)\b|\U0001F974"
# a case put to readers: "If your overdraft is maxed ...", "Wenn der Dispo ausgereizt ist"
_CONDITIONAL = (
    r"\b(?:if|when|whether|si|cuando|wenn|falls|se|quando|caso)\b(?:\s+[\w'-]+){0,3}\s*$")
# ... or asked of them: "Conto in rosso?", "Fin de mois difficile ?" (the question mark closes
# the clause the words are in)
_QUESTION_AFTER = r"[^.!?;\n]{0,30}\?"
# Twenty-fifth round: a question put to the reader about their own life, as a service asks it
# ("Got married in 2025?", "Welcomed a new baby this year?", "Gave to your church this
# year?", "¿Te casaste este año?"): the folded sentence opens with a verb whose subject is
# left out, or speaks to "you"; not "anyone else's toddler up all night?", which is the
# writer's own
_READER_QUESTION = (
    r"^\W*(?:(?:got|gave|had|lost|moved|bought|sold|became|welcomed|adopted|started|paid"
    r"|married|divorced|donated|retired|changed|received|inherited|expecting|planning"
    r"|thinking of|new to)\b|(?:[\w'-]+\s+){0,6}?(?:you|your|yours|tu|tus|te|vous|votre|vos"
    r"|du|dich|dein\w*|ihr|euch|eure?[mnrs]?|voce|voces|teu|tua|seu|sua|tuo|vostr\w*"
    r"|usted\w*)\b)(?![^?]*\b(?:anyone else|alguien mas|quelqu'un d'autre|sonst noch jemand"
    r"|qualcun altro|mais alguem)\b)[^?]*\?\W*$")
# where a sentence ends: the window before a word stops there
_SENTENCE_END = r"[.!?;\n](?=\s|$)"
_WINDOW = 120  # characters looked at before a word, within its sentence
# themes a story or a character can be said to have (politics and religion are opinions,
# whoever they are about) ...
# What a report, a panel or research is on, in the six languages (folded), right before the
# words (at most four words between, none of them "my" or "our")
_TOPIC_BEFORE = (
    r"\b(?:reporting (?:on|about)|report(?:s)? (?:on|into)|(?:panel|talk|debate|discussion"
    r"|session|webinar|series|story|stories|feature|piece|podcast|episode|study|survey"
    r"|investigation|documentary|explainer|column|lecture|conference|keynote|workshop)"
    r" (?:on|about|into)|research(?:ing)? (?:on|into)|investigating|writing about"
    r"|recherchier\w* (?:zu|uber)|(?:bericht|reportage|studie|umfrage|podiumsdiskussion"
    r"|vortrag|diskussion|recherche)(?:en|n)? (?:zu|uber)|(?:reportage|enquete|debat|table ronde"
    r"|article|conference|dossier|etude|podcast|emission) sur|(?:reportaje|investigacion|mesa"
    r" redonda|debate|articulo|charla|estudio|ponencia|serie) sobre|(?:reportagem|investigacao"
    r"|debate|artigo|palestra|estudo|mesa redonda) sobre|(?:inchiesta|dibattito|servizio"
    r"|articolo|convegno|studio|tavola rotonda) su\w*)"
    r"\s+(?:(?!(?:my|mi|mis|mon|ma|mes|mein\w*|meu|minha|mio|mia|our|nuestr\w*|notre|nos"
    r"|unser\w*|nosso|nossa|nostr\w*)\b)[\w'-]+\s+){0,4}$")
# Goods and services named by the words before them ("iftar kits", "Christmas hampers",
# "Ramadan boxes", "Oster-Pakete") or after ("cestas de Navidad", "coffrets de Noël")
_GOODS_AFTER = (
    r"(?:'s)?[\s-]*(?:kits?|boxes|hampers?|menus?|meals?|packs?|packages?|parcels?"
    r"|baskets?|bags?|bundles?|range|collection|specials?|deals?|offers?|timetable"
    r"|opening hours|cards?|vouchers?|pakete?|korbe?|kisten?|boxen|sortiment|angebote?)\b")
_GOODS_BEFORE = (
    r"\b(?:kits?|cestas?|lotes?|menus?|paniers?|coffrets?|colis|cajas?|cabazes?|cestos?"
    r"|pacchi|cesti|scatole|boxes|hampers?|horarios?|horaires?|orari)\s+(?:d'\s*|(?:de|du"
    r"|des|para|pour|por|per|for|di|do|da)\s+)(?:l'|la |el |los |las |le |les |o |a )?$")
_OTHERS_THEMES = frozenset(("health", "therapy", "family", "family_news", "bereavement",
                            "drinking", "partying", "dating", "money"))
# ... and the conditions people have as a group; "colleagues who got drunk at the party" is the
# team's own night, not people in general
_GROUP_THEMES = frozenset(("health", "therapy", "family", "family_news", "bereavement", "money"))


# Thirty-first round: a faith's people or buildings named as someone else's, with an article
# and no possessive ("the parish priest of Saint-Michel", "un prêtre, un imam et un rabbin",
# "l'imam de la mosquée", "three Kiel churches", "heritage churches"): a report's or a trade's
# subject, not the writer's faith ("my pastor", "at church", "to the mosque" are)
_FAITH_NOUNS = frozenset((
    "priest", "priests", "imam", "imams", "rabbi", "rabbis", "rabbin", "rabbins", "pastor",
    "pastors", "pretre", "pretres", "church", "churches", "mosque", "mosques", "mosquee",
    "mosquees", "synagogue", "synagogues"))
_FAITH_PLURAL_PLACES = frozenset(("churches", "mosques", "mosquees", "synagogues"))
_FAITH_PLACES = frozenset(("church", "mosque", "mosquee", "synagogue"))
_ARTICLE_RIGHT_BEFORE = (
    r"(?:\bl'|\b(?:a|an|the|un|une|le|la|les|des|el|los|las|der|die|das|den|dem|il|lo|gli|o"
    r"|os|two|three|four|five|several|many|some|deux|trois|dos|tres|zwei|drei)\s+)"
    r"(?:[\w-]+\s+)?$")
_PLACE_VISITED_BEFORE = r"\b(?:at|to|in|from|after|before|a|au|en|zur|zum|na|in)\s*$"
_POSSESSIVE_RIGHT_BEFORE = (
    r"\b(?:my|our|mi|mis|ma|mes|mon|notre|nos|mein\w*|unser\w*|meu|minha|mio|mia|nostr\w*)\s+"
    r"(?:[\w-]+\s+)?$")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The patterns, compiled once on first use (none at import time)."""
    return {
        "group": re.compile("|".join((_GROUP_SUBJECT, _SUPPORTING, _TALK))),
        "consent": re.compile(_CONSENT),
        "story": re.compile(_STORY),
        "fiction": re.compile(_FICTION),
        "awareness": re.compile(_AWARENESS),
        "safer_nights": re.compile(_SAFER_NIGHTS),
        "night_had": re.compile(_A_NIGHT_HAD),
        "conditional": re.compile(_CONDITIONAL),
        "asked": re.compile(_QUESTION_AFTER),
        "reader_question": re.compile(_READER_QUESTION),
        "sentence_end": re.compile(_SENTENCE_END),
        "generic_time": re.compile(_GENERIC_TIME),
        "generic_time_indefinite": re.compile(_GENERIC_TIME_INDEFINITE),
        "group_right_before": re.compile(
            rf"\b{_GROUP}\s+(?:{_IN_A_CONDITION}|who are|who have|que estan|qui sont|die)\s+$"),
        "generic_kind": re.compile(_GENERIC_KIND),
        "topic_before": re.compile(_TOPIC_BEFORE),
        "topic_right_before": re.compile(_TOPIC_BEFORE.replace("{0,4}", "{0,1}")),
        "goods_after": re.compile(_GOODS_AFTER),
        "goods_before": re.compile(_GOODS_BEFORE),
        "faith_article": re.compile(_ARTICLE_RIGHT_BEFORE),
        "possessive_right_before": re.compile(_POSSESSIVE_RIGHT_BEFORE),
        "place_visited": re.compile(_PLACE_VISITED_BEFORE),
        "readers_animal": re.compile(_READER + r"\s+" + ANIMAL_WORDS),
        # a condition of a kind of animal ("pregnancy in dogs lasts about 63 days")
        "in_animals": re.compile(r"\s+(?:in|en|bei|nei|nelle|nos|nas|chez les)\s+" + ANIMAL_WORDS),
    }


def _sentence_before(text: str, start: int) -> str:
    """The folded text before ``start`` back to the start of its sentence (at most
    ``_WINDOW`` characters)."""
    window = text[max(0, start - _WINDOW):start]
    ends = list(_patterns()["sentence_end"].finditer(window))
    if ends:
        window = window[ends[-1].end():]
    return fold_string(window)


def _sentence_of(text: str, start: int, end: int) -> str:
    """The folded sentence ``text[start:end]`` is in (at most ``_WINDOW`` characters either
    side)."""
    after = text[end:end + _WINDOW]
    stop = _patterns()["sentence_end"].search(after)
    if stop is not None:
        after = after[:stop.end()]
    return _sentence_before(text, start) + fold_string(text[start:end] + after)


def _generic(text: str, start: int, end: int, *, any_article: bool = True) -> bool:
    """Whether the condition at ``text[start:end]`` is spoken of in general: as a time
    ("during pregnancy"; with ``any_article`` false, only with an indefinite article, "during a
    pregnancy") or a kind of product ("pregnancy-safe")."""
    patterns = _patterns()
    if fold_string(text[start:end]) not in _GENERIC_WORDS:
        return False
    time = patterns["generic_time" if any_article else "generic_time_indefinite"]
    return time.search(_sentence_before(text, start)) is not None \
        or patterns["generic_kind"].match(fold_string(text[end:end + 12])) is not None


def _faith_named_as_others(text: str, start: int, end: int) -> bool:
    """Whether the religion word at [start, end) names a faith's people or buildings as
    someone else's: a priest, imam, rabbi or pastor after an article ("the parish priest",
    "un imam"), a place of worship in the plural or after an article that no "at", "to" or
    "after" leads to ("heritage churches", "l'imam de la mosquée"); never after a possessive
    ("my pastor", "our church") and never where the writer goes ("at the church")."""
    word = fold_string(text[start:end])
    if word not in _FAITH_NOUNS:
        return False
    patterns = _patterns()
    before = _sentence_before(text, start)
    if patterns["possessive_right_before"].search(before) is not None:
        return False
    if word in _FAITH_PLURAL_PLACES:
        return True
    article = patterns["faith_article"].search(before)
    if article is None:
        return False
    if word in _FAITH_PLACES and patterns["place_visited"].search(before[:article.start()]):
        return False
    return True


def said_of_others(text: str, folded: str, hits: Sequence[tuple[int, int, str]], *,
                   first_person: bool) -> str | None:
    """Why the personal-life words in ``hits`` ((start, end, theme id) in ``text``; ``folded``
    is the whole draft's fold view) are said of other people rather than of the writer or a
    colleague, as a phrase for the message ("people in general", "a fictional character",
    "a question or a case put to readers" ...), or None. A writer who speaks for themselves
    ("I", "my", "je", "mein" ...: ``first_person``) may be telling their own life: excused only
    when a group stands right before the words ("patients in chemotherapy") or the condition
    is a time of anyone's life ("during a pregnancy")."""
    themes = {theme for _, _, theme in hits}
    if not themes:
        return None
    patterns = _patterns()
    # Twenty-fourth round: the subject of a report, a panel or research ("Reporting on dating
    # apps' data practices", "a panel on religion and the secular state", "Wir recherchieren
    # zu Gesundheitsdaten in Dating-Apps"), nobody's own life in between ("a talk on my
    # divorce" is one's own; a writer who speaks for themselves names the subject at once:
    # "a workshop on supporting colleagues through IVF, and yes, I'm going through it too" is
    # theirs); and goods or a service the business offers ("our iftar kits", "cestas de
    # Navidad"), said by no "I".
    topic = patterns["topic_right_before" if first_person else "topic_before"]
    if all(topic.search(_sentence_before(text, start)) for start, _, _ in hits):
        return "a subject your work covers"
    if not first_person and all(
            patterns["goods_after"].match(fold_string(text[end:end + 24]))
            or patterns["goods_before"].search(_sentence_before(text, start))
            for start, end, _ in hits):
        return "goods or a service on offer"
    if themes == {"religion"} and all(_faith_named_as_others(text, start, end)
                                      for start, end, _ in hits):
        return "a faith's people or places, as your work covers them"
    if not first_person and themes <= _OTHERS_THEMES | {"religion"} and all(
            patterns["reader_question"].search(_sentence_of(text, start, end))
            for start, end, _ in hits):
        return "readers, asked about their own lives"
    if not themes <= _OTHERS_THEMES:
        return None
    if first_person:
        # Even a writer who speaks for themselves ("Patients in chemotherapy often ask me",
        # "ce que je vois en cabinet ... Pendant une grossesse, certains traitements") says
        # a condition of others when a group is its subject right before it, or it is a time
        # of anyone's life ("during a pregnancy"), never "during my pregnancy".
        if themes <= _GROUP_THEMES and all(
                patterns["group_right_before"].search(_sentence_before(text, start))
                or _generic(text, start, end, any_article=False) for start, end, _ in hits):
            return "people in general"
        return None
    if patterns["consent"].search(folded) and patterns["story"].search(folded):
        return "a story shared with the person's consent"
    if patterns["fiction"].search(folded):
        return "a fictional character"
    if themes == {"drinking"} and patterns["awareness"].search(folded) \
            or themes <= {"drinking", "partying"} and patterns["safer_nights"].search(folded) \
            and not patterns["night_had"].search(folded):
        return "a drink-awareness message"
    if themes <= {"health", "family", "drinking"} and all(
            patterns["readers_animal"].search(_sentence_of(text, start, end))
            or patterns["in_animals"].match(fold_string(text[end:end + 24]))
            for start, end, _ in hits):
        return "an animal"
    if not themes <= _GROUP_THEMES:
        return None
    asked, conditional = patterns["asked"], patterns["conditional"]
    if themes <= {"money", "bereavement"} and all(
            asked.match(text, end) is not None
            or conditional.search(_sentence_before(text, start)) is not None
            for start, end, _ in hits):
        # a bank or an advice line speaking to its customers ("Conto in rosso? ...", "si un
        # niño ha perdido a su padre, nuestra guía ...")
        return "a question or a case put to readers"
    group = patterns["group"]
    if all(group.search(_sentence_before(text, start)) or _generic(text, start, end)
           for start, end, _ in hits):
        return "people in general"
    return None
