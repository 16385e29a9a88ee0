"""A policy's words compiled for matching: brands, codenames, disclosures, extra lists.

Built once per :class:`~app.check.policy.Policy` (``policy.compiled``) and reused for every
draft, so a 1,000-term pack costs its compile time once, not per keystroke.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, cast

from app.check.entities import find_hashtags
from app.check.lexicons import Group, Lexicon, builtin_lexicons, extra_terms_lexicon
from app.check.numbers import number_forms, written_number
from app.check.terms import EXACT, Term, TermHit, TermIndex, make_term
from app.check.text import WORD_RE, TextView, fold_string

if TYPE_CHECKING:
    from app.check.policy import Brand, Policy

_MEMORY_SIZE = 4096
ROLE_EMPLOYER = "employer"
ROLE_PARTNER = "partner"

KIND_NAME = "name"
KIND_DOMAIN = "domain"
KIND_HASHTAG = "hashtag"


@dataclass(frozen=True, eq=False)
class BrandRef:
    """What a brand term stands for."""

    brand: Brand
    role: str  # ROLE_EMPLOYER | ROLE_PARTNER
    kind: str  # KIND_NAME | KIND_DOMAIN | KIND_HASHTAG
    # A short name Twofold made from the pack's ("Pika" from "Pika Air"): it names the brand
    # only where it is written with a capital, as a name is ("flew Pika", not "a pika").
    short: bool = False


@dataclass(frozen=True)
class Mention:
    """A disclosure (or vague wording) found in a draft: original [start, end)."""

    text: str
    start: int
    end: int
    # True for an advertising label ("#ad", "Sponsored:"), which also says the post is
    # promotion; False for a statement of the connection ("I work for Acme").
    label: bool = True


_BRAND_CHARS = re.compile(r"[^\w]+")


def _tag_body(text: str) -> str:
    return _BRAND_CHARS.sub("", fold_string(text).lstrip("#@"))


def _signed_off(text: str, start: int, end: int) -> bool:
    """Whether the one-word label at [start, end) of ``text`` is the post's last word, after a
    sentence or a separator ("... Find out more at acme.example. Ad", "... — Werbung"): a label
    signing the post off (the placement rule then says it is buried)."""
    if text[end:].strip(" \t\n.!*_)]"):
        return False
    before = text[:start].rstrip(" \t([*_")
    return bool(before) and before[-1] in ".!?\n|-–—·•…"


class PhraseMatcher:
    """Disclosure-style wording: whole hashtags ("#ad"), phrases ("paid partnership"),
    phrases needing a colon ("Ad:") or brackets ("[ad]"), with negations ("not sponsored")."""

    def __init__(self, entries: list[str], negations: frozenset[str], *,
                 label: bool = True, fillers: frozenset[str] = frozenset(("a", "an", "the")),
                 denials: frozenset[str] = frozenset(),
                 denied_words: tuple[str, ...] = ()) -> None:
        self.label = label
        self.fillers = fillers
        self.denials = denials
        # words for an ad that a post may deny with no label at all ("not an ad", "no es publi")
        self.denied_words = re.compile(r"\b(?:" + "|".join(
            sorted(map(re.escape, denied_words), key=len, reverse=True)) + r")\b") \
            if denied_words else None
        self.hashtags: dict[str, str] = {}
        terms: list[Term] = []
        for entry in entries:
            raw = entry.strip()
            if not raw:
                continue
            if raw.startswith("#"):
                body = _tag_body(raw)
                if body:
                    self.hashtags.setdefault(body, raw)
                continue
            kind = "phrase"
            if raw.endswith(":"):
                kind = "colon"
            elif raw[0] in "[(" and raw[-1] in "])":
                kind = "bracket"
            elif len(raw.split()) == 1:
                # A one-word label ("Ad", "Werbung") is also an everyday word ("the new summer
                # ad is everywhere", "D&AD"): it labels only as the post's first word or
                # before a separator ("Ad: ...", "Werbung | ...")
                kind = "word"
            term = make_term(raw.strip("[]():"), (raw, kind), mode=EXACT)
            if term is not None:
                terms.append(term)
        self.index = TermIndex(terms)
        self.negations = negations

    def find(self, fold: TextView, *, denied: list[Mention] | None = None) -> list[Mention]:
        """Every accepted (or rejected) wording in the draft, original spans; wordings that are
        negated or denied ("not an ad", "Anzeige? Nein!") go to ``denied`` instead."""
        found: list[Mention] = []
        text = fold.text
        for tag in find_hashtags(text) if self.hashtags else ():
            body = _tag_body(tag.text)
            if text[tag.end:tag.end + 1] == "-" and text[tag.end + 1:tag.end + 2].isalpha():
                continue  # "#ad-free and gorgeous": a word joined on, not the label
            if body in self.hashtags:
                start, end = fold.span(tag.start, tag.end)
                found.append(Mention(self.hashtags[body], start, end, self.label))
        for hit in self.index.find(fold):
            raw, kind = cast(tuple[str, str], hit.term.payload)
            view_start, view_end = _view_range(fold, hit.start, hit.end)
            if text[view_end:view_end + 1] == "-" and text[view_end + 1:view_end + 2].isalpha():
                continue  # "#ad-free", "Ad-supported": a word joined on, not the label
            if _denied(text, view_end, self.denials):
                # "Anzeige? Nein!": a label asked and denied discloses nothing
                if denied is not None:
                    denied.append(Mention(raw, hit.start, hit.end, self.label))
                continue
            if kind in ("colon", "word") and _signed_off(text, view_start, view_end):
                pass  # "... open yours at acme.example/kids. Ad": the label signs the post off
            elif kind == "colon":
                following = text[view_end:view_end + 3].lstrip()
                if not following or following[0] not in ":|-·•–—":
                    continue
            elif kind == "bracket":
                if not (view_start > 0 and text[view_start - 1] in "[(" and
                        text[view_end:view_end + 1] in ("]", ")")):
                    continue
            elif kind == "word":
                following = text[view_end:view_end + 3].lstrip()
                first = not text[:view_start].strip(" \t\n\"'*_[(")
                bracketed = view_start > 0 and text[view_start - 1] in "[(" and \
                    text[view_end:view_end + 1] in ("]", ")")
                if not (first or bracketed or (following and following[0] in ":|-·•–—")):
                    continue
            elif view_start > 0 and text[view_start - 1] == "#":
                continue  # "#sponsored" is matched as a hashtag; "#sponsoredpost" is not this
            if self._negation_before(text, view_start) is not None:
                if denied is not None:
                    denied.append(Mention(raw, hit.start, hit.end, self.label))
                continue
            found.append(Mention(raw, hit.start, hit.end, self.label))
        if denied is not None and self.denied_words is not None:
            for word in self.denied_words.finditer(text):
                negation = self._negation_before(text, word.start())
                if negation is not None:
                    start, end = fold.span(negation, word.end())
                    denied.append(Mention(text[negation:word.end()], start, end, False))
        return found

    def _negation_before(self, text: str, position: int) -> int | None:
        """Where a negation starts that denies what begins at ``position``: a negation, then
        at most two filler words ("not an ad", "no es publi", "ce n'est pas une pub",
        "keine Werbung"); None when there is none."""
        before = list(_WORD.finditer(text, max(0, position - 40), position))
        for match in reversed(before[-3:]):
            word = match.group()
            if word in self.negations or word.rsplit("'", 1)[-1] in self.negations:
                return match.start()
            if word not in self.fillers:
                return None
        return None


_WORD = re.compile(r"[\w']+")
_DENIAL = re.compile(r"\s*\?\s*(\w+)")


def _denied(text: str, end: int, denials: frozenset[str]) -> bool:
    """Whether a label is asked and answered no right after it ("Anzeige? Nein!")."""
    if not denials:
        return False
    answer = _DENIAL.match(text, end)
    return answer is not None and answer.group(1) in denials


def _view_range(fold: TextView, start: int, end: int) -> tuple[int, int]:
    """Fold-view positions covering original [start, end)."""
    starts = fold.starts
    if starts is None:
        return start, end
    return bisect_left(starts, start), bisect_left(starts, end)


# A codename's generic word in the languages people post in ("Proyecto Falcon" is still
# Project Falcon) and its number written other ways ("Atlas 3", "Atlas III", "Atlas three").
_GENERIC_WORDS = {
    # ... and its abbreviations: "Proj. Falcon", "P. Falcon" (a lone letter only with its
    # full stop: see the check's reading of the word before the name)
    "project": ("proyecto", "projet", "projekt", "projeto", "progetto", "proj", "prj", "p"),
    # ... "Opé Marmotte", "Op Nightfall" (twenty-fourth round)
    "operation": ("operacion", "operation", "operacao", "operazione", "ope", "op"),
    "programme": ("programa", "programme", "programm", "programma", "program"),
    "program": ("programa", "programme", "programm", "programma", "programme"),
    "initiative": ("iniciativa", "initiative", "initiative", "iniziativa"),
    "codename": ("nombre en clave", "nom de code", "codename", "codinome", "nome in codice"),
}
@dataclass(frozen=True)
class AfterGeneric:
    """A codename's distinctive words ("Falcon" of "Project Falcon"), confidential only right
    after one of ``generics`` ("proyecto", "projekt"): the payload of that extra term."""

    name: str
    generics: frozenset[str]


GENERIC_TRANSLATIONS = re.compile(
    r"(?<![^\W_])(?:" + "|".join(sorted({re.escape(w) for english, words in _GENERIC_WORDS.items()
                                           for w in (english, *words)}, key=len, reverse=True))
    + r")(?![^\W_])")


# Words that join two words of a name ("l'Ascenseur de verre", "Chaleira de Cobre") or a
# generic word to its name ("el proyecto del faro", "le projet du Phare", "il progetto della
# Lanterna"), folded
NAME_LINKS = frozenset(("de", "del", "du", "des", "da", "do", "di", "della", "dello", "der"))

_NEXT_WORD = re.compile(r"[\s-]+([^\W\d_]+)")


def _one_edit_apart(written: str, name: str) -> bool:
    """Whether ``written`` is ``name`` with one letter changed, added, dropped or two
    neighbours swapped."""
    if abs(len(written) - len(name)) > 1:
        return False
    if len(written) == len(name):
        diffs = [i for i, (a, b) in enumerate(zip(written, name, strict=True)) if a != b]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and written[diffs[0]] == name[diffs[1]]
                                   and written[diffs[1]] == name[diffs[0]])
    shorter, longer = sorted((written, name), key=len)
    for index in range(len(longer)):
        if longer[:index] + longer[index + 1:] == shorter:
            return True
    return False


@dataclass(frozen=True)
class NameAlone:
    """A codename's distinctive words ("Gamsbock" of "Projekt Gamsbock") written alone in a
    draft that teases a secret ("that's all I'm allowed to say", "NDA", 🤫): the payload of
    that extra term."""

    name: str


# A secret teased: "that's all I'm allowed to say", "mehr darf ich nicht sagen", "je ne peux
# rien dire", a hush emoji, "NDA", "coming next year", "changes everything" (folded text).
SECRECY_CUES = re.compile(
    r"\U0001f92b|\U0001f910|(?<![^\W_])(?:nda|top secret|hush hush|under wraps"
    r"|(?:all|everything) (?:i'?m|i am|we'?re|we are) (?:allowed|able|permitted) to (?:say|tell"
    r"|share)|(?:can'?t|cannot|not allowed to|can not) (?:say|tell|share) (?:more|anything|much)"
    r"|(?:say|tell) (?:no|nothing) more|stay tuned|changes? everything"
    r"|you didn'?t hear it from me|you heard it here first|watch this space"
    r"|can'?t wait for (?:you|everyone|you all|the world) to see"
    r"|no (?:puedo|podemos) (?:decir|contar) (?:nada|mas)"
    r"|cambia(?:ra)? todo|je ne (?:peux|dois) (?:rien|pas en) dire|motus|change(?:ra)? tout"
    r"|(?:mehr )?(?:darf|kann) ich (?:nicht|nichts) (?:sagen|verraten)|nicht verraten"
    r"|andert alles|bleibt gespannt|nao posso (?:dizer|contar|falar)|muda(?:ra)? tudo"
    r"|non posso (?:dire|svelare)|non dico niente|cambia(?:ra)? tutto"
    # "that's all I'll say", "c'est tout ce que je dirai", "mehr sag ich nicht"
    r"|that'?s all (?:i'?ll|i will|i'?m|i am|i can|ill) (?:say|saying|tell|telling|share)"
    r"|(?:i'?ll|i will) say no more|eso es todo lo que (?:puedo|voy a) (?:decir|contar)"
    r"|no digo (?:nada )?mas|c'est tout ce que je (?:peux |vais )?(?:dire|dirai)"
    r"|je n'en dis pas plus|j'en dis pas plus|mehr sag ich nicht|mehr verrate ich nicht"
    r"|nao digo mais (?:nada)?|e tudo o que posso dizer|non dico altro"
    r"|e tutto quello che posso dire"
    # twenty-ninth round: news promised without a word of what it is ("More soon.", "plus
    # d'infos bientôt", "mehr bald")
    r"|more (?:news |details |info )?(?:soon|to come)|plus d'infos? (?:tres )?bientot"
    r"|mas (?:info|informacion|detalles|novedades) (?:muy )?pronto"
    r"|mehr (?:infos? )?(?:bald|demnachst)"
    r"|mais novidades em breve|altre novita a breve"
    # the thing not named but known ("ya sabéis, el proyecto ...", "l'autre nom de
    # vous-savez-quoi", "Progetto X (sapete quale)", "you-know-what")
    r"|ya sab(?:eis|es|en),? (?:cual|el|la|lo|de que|a que)|vous-savez-quoi|tu-sais-quoi"
    r"|you-know-(?:what|who|which)|(?:sapete|sai|sapevate) (?:quale|cosa intendo)"
    r"|ihr wisst schon(?:,)? (?:welch|was|wen)|(?:voces )?sabem (?:qual|o que)"
    # a launch teased for later: "coming next year", "kommt nachstes Jahr", "llega en 2027"
    r"|(?:coming|comes|launching|drops|kommt|llega|sale|arrive|sort|chega|sai|arriva|esce)"
    r" (?:next year|in 20\d\d|nachstes jahr|el ano que viene|l'an prochain|l'annee prochaine"
    r"|ano que vem|l'anno prossimo|l'anno che viene))"
    r"(?![^\W_])")


# A codename's name used as a project: a project word right after it ("Basecamp kickoff", "the
# switchback pricing model", "Gamsbock-Einführung") or right before it, with the languages'
# linking words ("el lanzamiento de Basecamp", "le lancement de", "die Einführung von", "o
# lançamento do", "il lancio di"). Folded text; the same word in its ordinary sense ("base
# camp at 4,000 m", "a switchback trail") has none.
_PROJECT_AFTER = re.compile(
    r"[\s-]{1,3}(?:kick-?off|launch(?:es|ed)?|roll-?out|road-?map|sprint|beta|alpha|go-?live"
    # the name going live or rolling out ("nightjar goes live in the branches next week",
    # "rolls out Monday", "geht im März an den Start", "arranca en marzo", "démarre lundi")
    r"|goes\s+live|went\s+live|rolls\s+out|ships\s+(?:on|in|next)|geht\s+(?:im|am|ab)\s+\w+"
    r"\s+(?:an\s+den\s+start|live|online)|startet\s+(?:im|am|ab)|arranca\s+(?:en|el)"
    r"|sale\s+en\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre"
    r"|noviembre|diciembre)|demarre\s+(?:en|le|lundi|mardi|mercredi|jeudi|vendredi)"
    r"|work-?stream|pilot|prototype|milestone|release|deadline|demo|mvp|timeline|specs?"
    r"|pricing(?: model| plan| engine| tiers?)?|business case|stand-?up|retro|cut-?over"
    r"|launch date|einfuhrung|markteinfuhrung|zeitplan|pilotphase|projektteam|prototyp|meilenstein"
    r"|meeting|besprechung|workshop|sync"
    # its study, trial, data or results ("Kranich-Studie", "the Heron trial data")
    r"|stud(?:y|ie|ien|ies|io|o)|trials?|daten|data|ergebnisse|results|resultados|resultats"
    r"|risultati|phase|fase"
    # the name said to be in trials: "Kingfisher ya está en pruebas", "is now in testing"
    r"|(?:is\s+|ya\s+esta\s+|esta\s+|est\s+|ist\s+|e\s+|jetzt\s+)?(?:now\s+)?(?:in\s+(?:testing"
    r"|trials?|pilot)|being\s+(?:tested|piloted|trialled|trialed)|en\s+pruebas|en\s+test"
    r"|im\s+test|in\s+der\s+testphase|em\s+testes?|in\s+prova|in\s+fase\s+di\s+test)"
    # the name glossed as the project: "bluebonnet 🌼 (the project, not the flower)"
    r"|[^\w(]{0,4}\(\s*(?:i mean\s+)?(?:the|el|le|das|o|il|a)\s+(?:project|proyecto|projet|projekt"
    r"|projeto|progetto))"
    r"(?![^\W_])")
_PROJECT_BEFORE = re.compile(
    r"(?<![^\W_])(?:kick-?off|launch|roll-?out|road-?map|pilot|beta|go-?live|prototype"
    r"|lanzamiento|despliegue|arranque|hoja de ruta|lancement|deploiement|feuille de route"
    r"|pilote|einfuhrung|markteinfuhrung|lancamento|implantacao|roteiro|lancio|rilascio|avvio)"
    r"(?:\s+(?:of|for|de|del|de la|du|des|d'|de l'|von|vom|zum|der|des|do|da|dos|das|di|della"
    r"|dello|dei))?(?:\s+(?:the|el|la|le|l'|o|a|il|lo|die|das|den))?\s*$"
    # work done on it: "working on Nightjar", "spent all week on blauspecht", "trabajando en
    # Galerna", "a preparar a Galerna", "travailler sur", "arbeite an", "a trabalhar no",
    # "settimana infinita su"
    r"|(?<![^\W_])(?:(?:working|work|worked|works|heads-? down|deep)\s+on"
    r"|spent\s+(?:all|the\s+whole|the|this|my)?\s*(?:week|day|month|morning|night|weekend"
    r"|evening|afternoon)s?\s+on|(?:trabajando|trabajar|trabajo|currando|curro)\s+en"
    r"|(?:preparando|a\s+preparar|preparer|preparons|prepare)"
    r"|(?:travailler|travaille|travaillons|bosser|bosse)\s+sur"
    r"|(?:arbeite|arbeiten|arbeitet|arbeitete)\s+(?:an|am)"
    r"|(?:a\s+trabalhar|trabalhando|trabalho)\s+(?:em|no|na)"
    r"|(?:lavorare|lavoro|lavoriamo|lavorando|settimana(?:\s+[a-z]+)?)\s+(?:su|sul|sulla|a|al"
    r"|alla))(?:\s+(?:the|el|la|le|l'|o|a|il|lo|die|das|den|dem))?\s*$"
    # a meeting named after it: "the nightjar meeting", "la réunion Nightjar", "reunião do
    # Nightjar", "riunione di Nightjar" (not "meeting a nightjar": no article "a" here)
    r"|(?<![^\W_])(?:meeting|reunion|reuniao|besprechung|riunione|workshop)(?:\s+(?:of|for|on"
    r"|about|de|del|du|des|do|da|sobre|zu|zum|von|vom|di|sul|su|dello))?(?:\s+(?:the|el|la|le|l'"
    r"|o|il|lo|das|den|dem))?\s*$")


def used_as_project(text: str, start: int, end: int) -> bool:
    """Whether the name at original [start, end) of ``text`` sits right beside a project word
    (see :data:`_PROJECT_AFTER`)."""
    return _PROJECT_AFTER.match(fold_string(text[end:end + 40])) is not None or \
        _PROJECT_BEFORE.search(fold_string(text[max(0, start - 40):start])) is not None


# ... in both directions: a pack that writes "Projekt Gamsbock" means "Project Gamsbock" too.
_GENERIC_FAMILIES: dict[str, frozenset[str]] = {}
for _english, _others in _GENERIC_WORDS.items():
    _family = frozenset((_english, *_others))
    for _word in _family:
        _GENERIC_FAMILIES[_word] = _GENERIC_FAMILIES.get(_word, frozenset()) | _family


def generic_translations(term: str) -> frozenset[str]:
    """The generic first word of ``term`` ("Project", "Projekt") in the other languages,
    folded; empty when the term does not start with one."""
    words = term.split()
    if len(words) < 2:
        return frozenset()
    first = fold_string(words[0])
    return frozenset(w for w in _GENERIC_FAMILIES.get(first, ()) if w != first)


# A brand name that ends with the kind of thing it is ("Acme app"): the languages that put the
# kind first ("la app Acme", "l'application Acme", "o aplicativo Acme", "l'applicazione Acme").
_KIND_FIRST = {"app": ("app", "aplicacion", "application", "appli", "aplicativo",
                       "applicazione")}


# Words that say what kind of organisation a name is, at its end ("Pika Air", "Kelvary Bank",
# "Lunargent Studios") or, in the Romance languages, at its start ("Banque Orvelle", "Maison
# Ondine", "Grupo Turia"). Staff call the organisation by the rest ("flew Pika again"), and a
# pack often lists only the full name.
_ORGANISATION_LAST = frozenset((
    "air", "airlines", "airways", "bank", "bancorp", "kliniken", "klinikum", "clinic", "clinics",
    "hospital", "hospitals", "hotels", "resorts", "studios", "games", "group", "gruppe", "groupe",
    "grupo", "gruppo", "inc", "ltd", "llc", "gmbh", "ag", "plc", "corp", "corporation", "company",
    "co", "media", "mobile", "telecom", "energy", "insurance", "pharmacy", "markets", "foods",
    "motors", "learning", "university", "foundation", "brewing", "holdings", "labs", "magazine",
    "farms", "farm", "dairy", "bakery", "coffee", "cosmetics", "beauty", "drinks", "beverages",
    "wines", "winery", "brewery", "outdoors", "sports", "kitchen", "kitchens", "foods",
    "sa", "sl", "spa", "sas", "srl", "bv", "nv",
))
_ORGANISATION_FIRST = frozenset((
    "banque", "banco", "banca", "maison", "grupo", "groupe", "gruppo", "hotels", "hoteles",
    "bodegas", "ediciones", "editions", "edizioni", "clinica", "clinique", "fundacion",
    "fondation", "fondazione",
))


def short_name(name: str) -> str | None:
    """The one distinctive word of a two-word organisation name ("Pika Air" → "Pika",
    "Banque Orvelle" → "Orvelle"), or ``None`` for other names."""
    words = name.replace(".", " ").split()
    if len(words) != 2 or name.startswith(("@", "#")):
        return None
    if fold_string(words[1]) in _ORGANISATION_LAST:
        rest = words[0]
    elif fold_string(words[0]) in _ORGANISATION_FIRST:
        rest = words[1]
    else:
        return None
    if len(rest) < 3 or not rest[0].isupper() or not rest.isalpha():
        return None
    return rest


def shared_name(names: tuple[str, ...]) -> str | None:
    """The word most of a brand's longer names share ("Lantern" of "The Milwaukee Lantern",
    "Lantern Live" and "Lantern Lines"): what people call it for short. Only a capitalised
    word of four letters or more, in three names or more and in more of them than any other
    word (a city in two of them is not the brand)."""
    counts: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for name in names:
        if name.startswith(("@", "#")):
            continue
        words = [w for w in name.replace(".", " ").split() if w.isalpha()]
        if len(words) < 2:
            continue
        for word in dict.fromkeys(words):
            key = fold_string(word)
            counts[key] = counts.get(key, 0) + 1
            spelled.setdefault(key, word)
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < 3 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    word = spelled[ranked[0][0]]
    if len(word) < 4 or not word[0].isupper() or fold_string(word) in _ORGANISATION_LAST \
            or fold_string(word) in _ORGANISATION_FIRST:
        return None
    return word


def short_names(names: tuple[str, ...]) -> list[str]:
    """The short names of a brand with ``names``: each two-word name's distinctive word and
    the word its names share, if any."""
    shared = shared_name(names)
    return list(dict.fromkeys([*filter(None, map(short_name, names)),
                               *([shared] if shared else [])]))


def _with_short_names(names: tuple[str, ...]) -> list[str]:
    """``names`` and the short names made from them ("I work at Pika" states the tie)."""
    return list(dict.fromkeys([*names, *short_names(names)]))


def generic_first_variants(name: str) -> list[str]:
    """``name`` with its final kind word put first in each language that does so ("Acme app"
    → "app Acme", "aplicacion Acme" ...); empty for other names."""
    words = name.split()
    if len(words) < 2 or name.startswith(("@", "#")):
        return []
    kinds = _KIND_FIRST.get(fold_string(words[-1]), ())
    rest = " ".join(words[:-1])
    return [f"{kind} {rest}" for kind in kinds]


def codename_variants(term: str) -> list[str]:
    """``term`` and the ways people write its number without meaning to hide it: digits,
    Roman numerals or a number word ("Atlas 3" → "Atlas III", "Atlas three", "Atlas drei";
    "Orme 21" → "Orme XXI", "Orme einundzwanzig"). Translations
    of a generic first word ("Proyecto Falcon") are matched through :class:`AfterGeneric`."""
    words = term.split()
    if not words:
        return [term]
    firsts = [words[0]]
    lasts = [words[-1]] if len(words) > 1 else []
    number = written_number(fold_string(words[-1])) if len(words) > 1 else None
    if number is not None:
        # digits, Roman numerals and the number words of the six languages, 1 to 99
        lasts = list(dict.fromkeys([words[-1], *number_forms(number)]))
    middle = words[1:-1] if len(words) > 1 else []
    if len(words) == 2 and number is None and _GERMAN_ADJECTIVE.fullmatch(words[0]):
        # a German adjective before its noun takes the ending of its case ("Grünes Zimmer",
        # "das Grüne Zimmer", "im Grünen Zimmer"): the same codename
        stem = _GERMAN_ADJECTIVE.fullmatch(words[0]).group(1)  # type: ignore[union-attr]
        firsts = list(dict.fromkeys([words[0], *(stem + ending for ending in
                                                 ("e", "es", "en", "er", "em"))]))
    variants = []
    for first in firsts:
        for last in lasts or [""]:
            if len(words) == 1:
                variants.append(first)
            else:
                variants.append(" ".join([first, *middle, last]).strip())
    # Twenty-third round: the same name written the other ways people write it, without meaning
    # to hide it: umlauts spelt out ("Grünes Gleis" as "Gruenes Gleis") and two of three or
    # more words run together ("Night Owl 4" as "NightOwl 4"); a one-word name split in two is
    # found by Compiled.split_codenames
    spelt = [_spell_out_umlauts(v) for v in variants if _spell_out_umlauts(v) != v]
    # Twenty-fourth round: British and American spelling ("Quiet Harbor" as "Quiet Harbour")
    spelt += [twin for v in variants if (twin := _spelling_twin(v)) != v]
    run_together = [" ".join([*parts[:i], parts[i] + parts[i + 1], *parts[i + 2:]])
                    for v in variants if len(parts := v.split()) >= 3
                    for i in range(len(parts) - 1)
                    if parts[i].isalpha() and parts[i + 1].isalpha()
                    and fold_string(parts[i + 1]) not in _number_words()]
    return list(dict.fromkeys([*variants, *spelt, *run_together]))


@cache
def _number_words() -> frozenset[str]:
    """The number words of the six languages, 1 to 99 (folded): written after a name they are
    its number, never a part of it (no "Owlfour")."""
    return frozenset(fold_string(form) for n in range(1, 100) for form in number_forms(n)
                     if form.isalpha())


# American spellings whose British twin differs ("harbor"/"harbour", "center"/"centre",
# "gray"/"grey"), both ways
_AMERICAN = ("harbor", "color", "favor", "honor", "labor", "neighbor", "vapor", "arbor",
             "armor", "parlor", "rumor", "savior", "valor", "flavor", "humor", "odor", "rigor",
             "splendor", "endeavor", "behavior", "center", "theater", "meter", "fiber", "liter",
             "saber", "specter", "caliber", "luster", "gray")
_SPELLING_TWINS = {
    **{us: (us[:-2] + "our" if us.endswith("or") else us[:-2] + "re" if us.endswith("er")
            else "grey") for us in _AMERICAN}}
_SPELLING_TWINS.update({uk: us for us, uk in list(_SPELLING_TWINS.items())})


def _spelling_twin(text: str) -> str:
    """``text`` with each word spelt the other side of the Atlantic, keeping its capital."""
    def twin(word: str) -> str:
        other = _SPELLING_TWINS.get(word.lower())
        if other is None:
            return word
        return other.capitalize() if word[:1].isupper() else other
    return " ".join(twin(word) for word in text.split())


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                          "ß": "ss"})


def _spell_out_umlauts(text: str) -> str:
    """``text`` with German umlauts and ß written out ("Grünes" → "Gruenes")."""
    return text.translate(_UMLAUTS)


# A capitalised German adjective with its case ending, before a capitalised noun: "Grünes",
# "Blaue", "Rotem" (the stem of four letters or more: not "Neue" or "Alte", names too often)
_GERMAN_ADJECTIVE = re.compile(r"([A-ZÄÖÜ][a-zäöüß]{3,}?)(?:es|en|er|em|e)")


@dataclass(frozen=True)
class InflectedName:
    """A two-word German codename with its adjective in another case ("Grüne Zimmer" for
    "Grünes Zimmer"): the payload of that extra term, ``name`` the codename. Only written with
    its capital is it the name; "das grüne Zimmer" is a green room."""

    name: str


@dataclass(frozen=True)
class TranslatedName:
    """A codename written with its everyday name word in another language ("Adega 9" or
    "Cellier 9" for "Cellar 9"): the payload of that extra term, ``name`` the codename."""

    name: str


def name_translations(term: str, words: dict[str, tuple[str, ...]]) -> tuple[str, list[str]]:
    """How ``term``'s one everyday name word is said in the other languages, by the shape of
    the term: ``("alone", ...)`` for a one-word codename ("Kestrel" → "cernicalo", ...),
    ``("after_generic", ...)`` for a generic word and a name ("Project Lantern" → "linterna",
    "lanterne", ...), ``("numbered", ...)`` for a name and its number ("Cellar 9" → "bodega 9",
    "adega 9", ...); ``("", [])`` when the name is not in the table (folded words)."""
    parts = [fold_string(word) for word in term.split()]
    if len(parts) == 1 and parts[0] in words:
        return "alone", _distinct(words[parts[0]])
    if len(parts) == 2 and parts[0] in _GENERIC_FAMILIES and parts[1] in words:
        return "after_generic", _distinct(words[parts[1]])
    if len(parts) == 2 and parts[0] in words and written_number(parts[1]) is not None:
        return "numbered", [f"{word} {term.split()[1]}" for word in _distinct(words[parts[0]])]
    return "", []


def _distinct(translations: tuple[str, ...]) -> list[str]:
    """The translations long enough to mean only themselves: a word of three letters or fewer
    ("bar" for a bear in German, "oso") is too often another word."""
    return [word for word in translations if len(word) >= 4]


def _table_forms(word: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """``word`` (folded) and its translations in the codename table, trying it without a
    German adjective's ending too ("blaue" is "blau"); empty when the table does not know it."""
    for stem in (word, *(word[:-len(end)] for end in ("es", "en", "er", "em", "e")
                         if word.endswith(end) and len(word) - len(end) >= 3)):
        if stem in table:
            return list(dict.fromkeys((stem, *table[stem])))
    return []


def _agreeing(forms: list[str]) -> list[str]:
    """``forms`` and, for each ending in -o, its feminine ("rojo" → "roja"; the ending pattern
    after it adds the plurals)."""
    return list(dict.fromkeys([*forms, *(form[:-1] + "a" for form in forms
                                         if form.endswith("o") and len(form) >= 4)]))


def _alternation(forms: list[str]) -> str:
    """A regular-expression alternation of ``forms``, longest first, spaces as any space."""
    return "|".join(re.escape(form).replace(r"\ ", r"\s+")
                    for form in sorted(forms, key=len, reverse=True))


def _expand(entries: list[str], brands: dict[str, list[str]]) -> list[str]:
    expanded: list[str] = []
    for entry in entries:
        if "{" not in entry:
            expanded.append(entry)
            continue
        for placeholder, names in brands.items():
            if "{" + placeholder + "}" in entry:
                for name in names:
                    plain = name.lstrip("@#")
                    if entry.startswith("#"):
                        plain = _tag_body(plain)
                    expanded.append(entry.replace("{" + placeholder + "}", plain))
    return expanded


class CompiledPolicy:
    """Everything in a policy that needs compiling before drafts can be checked."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.builtin = builtin_lexicons()
        brand_terms: list[Term] = []
        for brand, role in [*((policy.employer, ROLE_EMPLOYER),) * bool(policy.employer),
                            *((partner, ROLE_PARTNER) for partner in policy.partners)]:
            assert brand is not None
            known = {fold_string(name) for name in brand.names}
            for short in short_names(brand.names):
                if fold_string(short) not in known:
                    term = make_term(short, BrandRef(brand, role, KIND_NAME, short=True))
                    if term is not None:
                        brand_terms.append(term)
            for name in brand.names:
                ref = BrandRef(brand, role, KIND_NAME)
                term = make_term(name, ref, evasion=True)
                if term is None:
                    continue
                brand_terms.append(term)
                for variant in generic_first_variants(name):
                    # "Acme app" written as Spanish, French, Portuguese and Italian put it:
                    # "la app Acme", "l'appli Acme", "o aplicativo Acme"
                    front = make_term(variant, ref, evasion=True)
                    if front is not None:
                        brand_terms.append(front)
                if len(term.tokens) > 1:  # "Acme Magazine" also as #AcmeMagazine, @acmemagazine
                    joined = make_term(term.joined, ref, evasion=True)
                    if joined is not None:
                        brand_terms.append(joined)
            for domain in brand.domains:
                term = make_term(domain, BrandRef(brand, role, KIND_DOMAIN), domain=True)
                if term is not None:
                    brand_terms.append(term)
            for hashtag in brand.hashtags:
                term = make_term(hashtag, BrandRef(brand, role, KIND_HASHTAG), evasion=True)
                if term is not None:
                    brand_terms.append(term)
        self.brands = TermIndex(brand_terms)
        confidential: list[Term] = []
        self._after_generic: list[tuple[str, AfterGeneric]] = []
        self._misspelt_names: list[tuple[str, str]] | None = None
        self._joined_codenames: dict[str, str] | None = None
        self._one_word_codenames: dict[str, str] | None = None
        self._phrases: list[tuple[re.Pattern[str], str]] | None = None
        self._names_alone: list[tuple[str, NameAlone]] = []
        for text in policy.confidential_terms:
            for variant in codename_variants(text):
                inflected = variant.split()[0] != text.split()[0]
                term = make_term(variant, InflectedName(text) if inflected else text,
                                 evasion=True)
                if term is None:
                    continue
                confidential.append(term)
                if len(term.tokens) > 1:  # "Project Falcon" also as #ProjectFalcon
                    joined = make_term(term.joined, text, evasion=True)
                    if joined is not None:
                        confidential.append(joined)
                    # "Proyecto Falcon": the name after the generic word in another language,
                    # compiled on first need (see translated_codenames).
                    generics = generic_translations(variant)
                    if generics:
                        self._after_generic.append((variant.split(None, 1)[1],
                                                    AfterGeneric(text, generics)))
                        self._names_alone.append((variant.split(None, 1)[1], NameAlone(text)))
            # ... and its everyday name word in another language ("Proyecto Linterna",
            # "Adega 9"): with the generic word or its number it is the codename; alone, only
            # where a bare name would count (teased, disguised, or beside a project word)
            shape, translations = name_translations(text, self.builtin.codename_words)
            for translation in translations:
                if shape == "numbered":
                    for variant in codename_variants(translation):
                        term = make_term(variant, TranslatedName(text), evasion=True)
                        if term is not None:
                            confidential.append(term)
                    continue
                if shape == "after_generic":
                    family = _GENERIC_FAMILIES[fold_string(text.split()[0])]
                    self._after_generic.append((translation, AfterGeneric(text, family)))
                self._names_alone.append((translation, NameAlone(text)))
        self.confidential = TermIndex(confidential, split_words=True)
        self._translated: TermIndex | None = None
        self._alone: TermIndex | None = None
        names = {
            "employer": _with_short_names(policy.employer.names) if policy.employer else [],
            "partner": [n for partner in policy.partners
                        for n in _with_short_names(partner.names)],
        }
        names["brand"] = names["employer"] + names["partner"]
        disclosure = self.builtin.disclosure
        negations = frozenset(disclosure.get("negations", ()))
        self.accepted = PhraseMatcher(
            _expand([*disclosure.get("accepted", ()), *policy.accepted_disclosures], names),
            negations, fillers=frozenset(disclosure.get("negated_fillers", ("a", "an", "the"))),
            denials=frozenset(disclosure.get("denials", ())),
            denied_words=tuple(disclosure.get("denied_words", ())))
        calls = list(disclosure.get("application_calls", ()))
        self.statements = PhraseMatcher(
            _expand([*disclosure.get("statements", ()), *calls], names), negations, label=False)
        # the statements that only ask readers to apply for a job (they say nothing of the writer)
        self.application_calls = frozenset(calls)
        self.rejected = PhraseMatcher(_expand(list(disclosure.get("rejected", ())), names),
                                      negations)
        self.extra_promotion: Lexicon | None = None
        self.extra_personal: Lexicon | None = None
        self.extra_conduct: Lexicon | None = None
        if policy.promotion_terms:
            self.extra_promotion = extra_terms_lexicon(
                "pack promotion", Group("pack", "strong", "your organisation's promotional words",
                                        "pack"), policy.promotion_terms)
        if policy.personal_terms:
            self.extra_personal = extra_terms_lexicon(
                "pack personal", Group("pack", "pack", "topics your organisation lists", "pack"),
                policy.personal_terms)
        if policy.conduct_terms:
            self.extra_conduct = extra_terms_lexicon(
                "pack conduct", Group("pack", "profanity", "words your organisation bans",
                                      "pack"), policy.conduct_terms, evasion=True)
        self._memory: dict[tuple[str, str], bool] = {}
        self.allowed = frozenset(" ".join(fold_string(t).split()) for t in policy.allowed_terms)

    def translated_codenames(self, fold: TextView) -> list[TermHit]:
        """Hits of codenames' distinctive words ("Falcon" of "Project Falcon") in a draft
        that says "proyecto", "projet", ... at all; the index is compiled on first need, so
        loading a pack does not pay for it. The caller checks the word before each hit."""
        if not self._after_generic or GENERIC_TRANSLATIONS.search(fold.text) is None:
            return []
        if self._translated is None:
            terms = [term for rest, after in self._after_generic
                     if (term := make_term(rest, after, evasion=True)) is not None]
            self._translated = TermIndex(terms, split_words=True)
        return self._translated.find(fold)

    def split_codenames(self, fold: TextView) -> list[tuple[int, int, str]]:
        """One-word codenames of seven letters or more written as the two words they are made
        of ("Copper Beech" or "Copper-Beech" for "Copperbeech"): folded [start, end) of the
        two words, and the codename. (The caller keeps only those written with capitals: "a
        copper beech in the park" is a tree.)"""
        if self._one_word_codenames is None:
            self._one_word_codenames = {
                fold_string(term): term for term in self.policy.confidential_terms
                if term.strip().isalpha() and len(term.strip()) >= 7}
        names = self._one_word_codenames
        if not names:
            return []
        words = fold.words()
        found = []
        for (start, end, first), (next_start, next_end, second) in zip(words, words[1:],
                                                                        strict=False):
            if len(first) >= 3 and len(second) >= 3 \
                    and fold.text[end:next_start] in (" ", "-") \
                    and (first + second) in names:
                found.append((start, next_end, names[first + second]))
        return found

    def translated_phrases(self, fold: TextView) -> list[tuple[int, int, str]]:
        """Two-word codenames of everyday words written with both words in another language,
        in either order and with the endings adjectives take ("Blue Door" as "Porte Bleue" or
        "Porta Azul", "Blaue Leiter" as "Blue Ladder"): folded [start, end) and the codename.
        (The caller keeps those written as a name, with capitals: "la porte bleue du jardin" is
        a door.) Compiled on first need, once per pack."""
        if self._phrases is None:
            self._phrases = []
            table = self.builtin.codename_words
            for codename in self.policy.confidential_terms:
                words = [fold_string(word) for word in codename.split()]
                if len(words) == 3 and words[0] in _GENERIC_FAMILIES:
                    # twenty-fifth round: a generic word and a two-word name ("Projet Marée
                    # Haute" as "Project High Tide", "Proyecto Marea Alta", "Progetto Alta
                    # Marea"): the name's two words, translated, are the codename
                    words = words[1:]
                if len(words) != 2 or words[0] in _GENERIC_FAMILIES:
                    continue
                forms = [_table_forms(word, table) for word in words]
                if not all(forms):
                    continue
                # (a word that ends in -o takes -a, -os, -as as Romance adjectives agree:
                # "rojo" is "roja" beside "luna", "rosso" "rossa")
                first, second = (_alternation(_agreeing(forms_)) for forms_ in forms)
                ending = r"(?:e|s|es|en|er|em|a|as|o|os)?"
                # (twenty-seventh round: or run together as German compounds them, with a
                # linking "s", "en" or "e", right after a generic word: "Projekt Nachtküche"
                # for "Night Kitchen"; alone, "die Nachtküche im Hotel" is a kitchen, every
                # German noun being capitalised)
                generic = GENERIC_TRANSLATIONS.pattern
                # (twenty-ninth round: or joined as the Romance languages join nouns, "de",
                # "di", "da": "l'Ascenseur de verre", "Chaleira de Cobre" for "Glass
                # Elevator", "Copper Kettle")
                source = (rf"(?<![^\W_])(?:(?:{first}){ending}[\s-]+(?:{second}){ending}"
                          rf"|(?:{second}){ending}[\s-]+(?:{first}){ending}"
                          rf"|(?:{second}){ending}\s+(?:{'|'.join(sorted(NAME_LINKS))})\s+"
                          rf"(?:{first}){ending}"
                          rf"|(?:{generic})[\s-]+(?:{first})(?:s|en|e)?(?:{second})"
                          rf"(?:e|s|es|en|n)?)(?![^\W_])")
                self._phrases.append((re.compile(source), codename))
        if not self._phrases:
            return []
        exact = {fold_string(term) for term in self.policy.confidential_terms}
        # (the name as the pack writes it, without its generic word, is the main list's
        # concern: "Marée Haute" alone stays a tide unless the list finds it)
        exact |= {" ".join(term.split()[1:]) for term in exact if len(term.split()) == 3}
        phrases: list[tuple[int, int, str]] = []
        for regex, codename in self._phrases:
            for match in regex.finditer(fold.text):
                if " ".join(match.group().replace("-", " ").split()) not in exact:
                    phrases.append((match.start(), match.end(), codename))
        return phrases

    def numbered_hashtag_codenames(self, text: str) -> list[tuple[int, int, str]]:
        """Codenames written as a hashtag with a year or a number run on ("#Kupferkessel2026",
        "#ProjectFoxglove25"): original [start, end) of the hashtag and the codename. The
        word index reads such a tag as one word, name and digits together."""
        if "#" not in text:
            return []
        if self._joined_codenames is None:
            self._joined_codenames = {
                "".join(WORD_RE.findall(fold_string(term))): term
                for term in self.policy.confidential_terms}
        found = []
        for tag in find_hashtags(text):
            body = fold_string(tag.text.lstrip("#\uff03"))
            name = body.rstrip("0123456789_-")
            if name != body and len(name) >= 4 and name in self._joined_codenames:
                found.append((tag.start, tag.end, self._joined_codenames[name]))
        return found

    def misspelt_codenames(self, fold: TextView) -> list[tuple[int, int, str]]:
        """Codenames whose one-word name is misspelt by one letter right after a generic word
        of any language ("Project Lanturn" for "Project Lantern"): folded [start, end) from
        the generic word to the name, and the codename. Names of five letters or more only."""
        if not self._after_generic or GENERIC_TRANSLATIONS.search(fold.text) is None:
            return []
        if self._misspelt_names is None:  # built on first need, once per pack
            self._misspelt_names = [(fold_string(rest), after.name)
                                    for rest, after in self._after_generic
                                    if " " not in rest.strip() and len(rest.strip()) >= 5]
        names = self._misspelt_names
        found = []
        for generic in GENERIC_TRANSLATIONS.finditer(fold.text):
            word = _NEXT_WORD.match(fold.text, generic.end())
            if word is None:
                continue
            written = word.group(1)
            for name, codename in names:
                if written != name and _one_edit_apart(written, name):
                    found.append((generic.start(), word.end(1), codename))
        return found

    def codenames_alone(self, fold: TextView) -> list[TermHit]:
        """Hits of codenames' distinctive words ("Gamsbock", "G4msbock") on their own; the
        caller keeps those in a draft that teases a secret (:data:`SECRECY_CUES`), right beside
        a project word ("Gamsbock kickoff", "Kranich-Studie") or written disguised
        ("(Kran1ch)"); the name alone in an ordinary sentence is a bird or a snowfield.
        Compiled on first need."""
        if not self._names_alone:
            return []
        if self._alone is None:
            terms = [term for rest, alone in self._names_alone
                     if (term := make_term(rest, alone, evasion=True)) is not None]
            self._alone = TermIndex(terms, split_words=True)
        return self._alone.find(fold)

    def remembered(self, key: tuple[str, str], compute: Callable[[], bool]) -> bool:
        """``compute()`` for ``key``, remembered (earlier posts are classified once, not on
        every keystroke). At most a few thousand answers are kept."""
        found = self._memory.get(key)
        if found is None:
            if len(self._memory) >= _MEMORY_SIZE:
                self._memory.clear()
            found = self._memory[key] = compute()
        return found

    def allowed_text(self, original: str) -> bool:
        """Whether the matched words are on the pack's allow list."""
        if not self.allowed:
            return False
        return " ".join(re.findall(r"[^\W_]+", fold_string(original))) in self.allowed
