"""Reading one draft once: its normalised views, and what it promotes.

``DraftText`` builds each view at most once; ``analyse_promotion`` decides whether a text is
promotional and which brands it promotes. Both the persona/disclosure rules and the
promotion budget (which classifies earlier posts the same way) use them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property

from app.check.compiled import (
    KIND_DOMAIN,
    KIND_HASHTAG,
    KIND_NAME,
    ROLE_EMPLOYER,
    BrandRef,
    CompiledPolicy,
    Mention,
)
from app.check.entities import Entity, find_links, find_urls
from app.check.jurisdiction import (
    acclaim_cues,
    affiliate_links,
    connection_only,
    review_cues,
    short_links,
    unlinked_addresses,
)
from app.check.lexicons import Group, LexiconHit
from app.check.meaning import Reading
from app.check.needles import Alternation
from app.check.terms import TermHit
from app.check.text import (
    WORD_RE,
    TextView,
    cased_view,
    fold_string,
    fold_view,
    has_leet_word,
    leet_view,
)


class DraftText:
    """A draft's text with its views, each built on first use."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def fold(self) -> TextView:
        """Case, accents and invisible characters undone (see app.check.text)."""
        return fold_view(self.text)

    @cached_property
    def cased(self) -> TextView:
        """Invisible characters removed, NFKC, case kept."""
        return cased_view(self.text)

    @cached_property
    def urls(self) -> list[Entity]:
        """Links, as X finds them (with or without https://)."""
        return find_urls(self.text)

    @cached_property
    def links(self) -> list[Entity]:
        """Every link a reader would follow: :attr:`urls` and addresses written with
        ``http(s)://`` whatever their ending (:func:`find_links`)."""
        return find_links(self.text)

    def in_link(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside a link: words of a link's path
        ("/how-airlines-price-tickets") are an address, not the draft speaking."""
        links = self.links
        return bool(links) and any(link.start <= start and end <= link.end for link in links)

    def cased_view(self) -> TextView:
        """The cased view (callable form for word lists)."""
        return self.cased


@dataclass
class Promotion:
    """What a text promotes and how."""

    brand_hits: list[TermHit] = field(default_factory=list)
    strong: list[LexiconHit] = field(default_factory=list)
    cta: list[LexiconHit] = field(default_factory=list)
    commercial: list[LexiconHit] = field(default_factory=list)
    endorsement: list[LexiconHit] = field(default_factory=list)
    links: list[Entity] = field(default_factory=list)
    disclosures: list[Mention] = field(default_factory=list)
    # Labels denied ("not an ad", "Keine Werbung", "Anzeige? Nein!"): no disclosure, and a sign
    # that the post endorses what it names.
    denied_disclosures: list[Mention] = field(default_factory=list)
    # the disclosures that are advertising labels ("#ad", "Anzeige"), not only the connection
    # said ("#employee", "#AcmeStaff")
    ad_labels: list[Mention] = field(default_factory=list)
    # brand domains seen only inside e-mail addresses (contact details, not promotion)
    email_domain_hits: list[TermHit] = field(default_factory=list)
    # the employer's name said as the user's workplace ("my boss at Acme", "the Acme team")
    workplace_hits: list[TermHit] = field(default_factory=list)
    # first-person statements of working there ("I'm starting a new role at Acme"): they
    # disclose the connection to the employer
    employment: list[Mention] = field(default_factory=list)
    # the writer's own article, column or episode shared ("my piece on ... is out",
    # "mi artículo", "mon reportage"): a byline is the job, not an ad, unless it sells
    byline: bool = False
    # money asked for a cause ("raising money for the hospice, link in bio"), read once
    for_a_cause: bool = False
    # one's own used things sold once (a garage sale, "quase nova", "or best offer"), no trade
    private_sale: bool = False
    # the meaning layer's reading of selling intent with no sales word ("you need this in your
    # life", an affiliate link), set by the check when it is confident (app/check/meaning.py)
    intent: Reading | None = None
    # the meaning layer is sure the word-list cues are everyday speech ("use code words with
    # your kids", "bought sunscreen at Acme"): no sales intent (never set when there is a
    # link, a brand domain or campaign hashtag, or a disclosure)
    everyday: bool = False
    # ratings, reviews, recommendations or requests for reviews ("5 stars", "I recommend",
    # "leave us a review"), looked for only when a brand is named: original [start, end)
    reviews: list[tuple[int, int]] = field(default_factory=list)
    # the brand set above its place ("the best rates in town", "o melhor da cidade"): praise
    # that ranks, which the meaning layer never overrules (original [start, end))
    acclaim: list[tuple[int, int]] = field(default_factory=list)
    # links through a shortener (bit.ly ...): a plug the meaning layer may call less surely
    short_links: list[Entity] = field(default_factory=list)
    # sales phrases quoted to be talked about ("they all say 'link in bio'"): taken out of the
    # cues above, and the meaning layer may only note such a draft
    quoted_cues: bool = False
    # ... and sales phrases said to be absent ("no code, no link in bio, just ..."): the writer
    # has said there is no pitch, so the meaning layer reads none into those words
    absent_cues: bool = False
    # a price cut or an employee discount said without a sales word ("knocked a quarter off",
    # "going cheap", "Mitarbeiterrabatt"): beside a brand, promotion the layer never overrules
    price_cuts: list[LexiconHit] = field(default_factory=list)
    # the writer says they will not say where they work ("not saying where I work 🤐 but
    # ...", "Ich sag nicht, wo ich arbeite"): beside the employer's name, the connection hidden
    # on purpose, which is what disclosure is for (original [start, end))
    hidden_job: tuple[int, int] | None = None
    # a partner thanked by its handle beside its product ("Fenholt Dry ... thank you
    # @fenholtcider"): how a gifted or paid post reads, never everyday speech
    thanked_partner: list[LexiconHit] = field(default_factory=list)
    # a wink at the tie beside a brand ("(sí, soy fan)", "not that I'm biased 🙃", "no lo digo
    # porque me paguen", "je dis ça, je dis rien"): the connection hinted, not said
    winks: list[tuple[int, int]] = field(default_factory=list)
    # a vague label beside a brand ("#collab", "#colab", "#sp"): the post marked as a tie-up
    # without saying what it is (original [start, end))
    vague_labels: list[tuple[int, int]] = field(default_factory=list)
    # a partner thanked for what it sent ("merci Greenvale pour les bouteilles"): a gift said
    # as thanks, which is no clear label (original [start, end))
    gift_thanks: list[tuple[int, int]] = field(default_factory=list)

    @property
    def generic(self) -> bool:
        """Promotional language without any brand: a strong cue, a call to action (or a
        link) together with sales language, or a disclosure such as "#ad" (which says so)."""
        return self._sells(labelled=bool(self.disclosures))

    @property
    def sold(self) -> bool:
        """:attr:`generic` by the words that sell or call it an ad, not by a tie said alone
        ("#AcmeTeam", "#employee" sign the post; they do not make it promotion)."""
        return self._sells(labelled=bool(self.ad_labels))

    def _sells(self, *, labelled: bool) -> bool:
        if self.everyday:
            return False
        return bool(self.strong) or labelled or (
            bool(self.cta or self.links) and bool(self.commercial))

    @property
    def beyond_words(self) -> bool:
        """Whether anything but sales words marks the post: a link, a disclosure, a rating,
        acclaim, a job left unsaid, a partner thanked, a tie hinted or a vague label (the
        meaning layer never calls these everyday speech)."""
        return bool(self.links or self.disclosures or self.reviews or self.acclaim
                    or self.hidden_job or self.thanked_partner or self.hinted_tie
                    or self.vague_labels)

    @property
    def signals(self) -> list[LexiconHit]:
        """The promotional cues that make :attr:`generic` true."""
        if self.strong:
            return self.strong
        if self.generic and (self.cta or self.commercial):
            return [*self.cta, *self.commercial]
        return []

    @property
    def hinted_tie(self) -> list[tuple[int, int]]:
        """The winks at the tie (:attr:`winks`), unless the post says the job or carries a
        disclosure: then "so I'm biased" is part of saying it ("Trabajo en Acme, así que no soy
        objetiva")."""
        return [] if self.employment or self.disclosures else self.winks

    def brand_refs(self) -> list[BrandRef]:
        """Each brand found (first hit per brand), employer first."""
        seen: dict[int, BrandRef] = {}
        for hit in self.brand_hits:
            ref = hit.term.payload
            assert isinstance(ref, BrandRef)
            seen.setdefault(id(ref.brand), ref)
        return sorted(seen.values(), key=lambda ref: ref.role != "employer")

    def brand_in_context(self, *, reviews: bool = True) -> bool:
        """Whether the brand mention reads as promotion rather than a passing mention: a
        campaign hashtag or the brand's domain, or praise, calls to action, sales language
        or a link around it (or, unless ``reviews`` is False, a rating or review)."""
        if not self.brand_hits:
            return False
        hits = [hit for hit in self.brand_hits if hit not in self.email_domain_hits]
        kinds = {hit.term.payload.kind for hit in hits}  # type: ignore[attr-defined]
        if not kinds:
            return False
        if self.byline and not (self.strong or self.commercial or self.cta or self.price_cuts
                                or self.reviews or self.disclosures or self.denied_disclosures):
            return False  # "my piece on Oaxaca's night markets is out: acme.example/..."
        # Only the job said ("five years as a coach at Acme", "I'm leaving Acme"), perhaps
        # with a label such as "#employee" beside it: a career post, not an advert.
        # An advertising label ("#ad", "Anzeige") says the post is an advert whatever else it
        # says; a label of the connection alone ("#employee", "#AcmeStaff") does not.
        job_only = all(hit in self.workplace_hits for hit in hits) and not self.ad_labels
        # A name disguised ("S t u r m h a u s", "qu1llf3ath3r", a Cyrillic letter inside)
        # is written to slip past filters: no one disguises the brand they only mention (in
        # the corpora, 97 drafts disguised a brand on a personal account; every one was judged
        # promotion, none harmless).
        disguised = any(hit.disguises for hit in hits)
        if KIND_DOMAIN in kinds or KIND_HASHTAG in kinds or self.strong or disguised \
                or (self.disclosures and not job_only) \
                or self.denied_disclosures or self.intent is not None \
                or (reviews and self.reviews) or self.price_cuts or self.hidden_job \
                or self.thanked_partner or self.hinted_tie or self.vague_labels:
            # "not an ad, just happy" beside a brand: only an endorsement is denied
            return True
        if self.everyday:
            return False
        if job_only:
            # Talking about one's job ("my boss at Acme brought donuts, best boss ever",
            # "I've joined Acme as a store manager", "after six years I'm leaving Acme") is
            # not promotion, labelled or not: only a real sales cue (a code, a discount, "shop
            # now", a call to act with sales language: "Acme app people, check your offers
            # tab") or the brand's link or campaign makes it one.
            # ... or a call to come to the workplace it names ("come see me at Acme on Oak
            # Street", "Vengan a verme a Acme"): the reader sent to the business (twenty-fifth
            # round)
            visit = any(0 <= hit.start - call.end <= 16 for call in self.cta for hit in hits)
            # ... or the brand set above its rivals ("Best telco in Spain, fight me"): the
            # acclaim patterns leave out the workplace nouns ("best team in town"), so what is
            # ranked is what the brand sells (twenty-seventh round)
            return bool(self.strong) or visit or bool(self.acclaim) \
                or (bool(self.cta or self.links) and bool(self.commercial))
        return bool(self.cta or self.commercial or self.endorsement or self.links
                    or (reviews and self.reviews) or self.acclaim)

    @property
    def promotional(self) -> bool:
        """Whether the text counts as a promotional post (for the promotion budget)."""
        return self.generic or self.brand_in_context()


# Praise taken back within its sentence (folded text): a turn ("but", "pero", "mais", "aber",
# "ma", "mas") and then a complaint, in the six languages.
_TAKEN_BACK = re.compile(
    r"\b(?:but|however|though|pero|aunque|mais|cependant|aber|jedoch|ma|mas|porem)\b"
    r"[^.!?\n]{0,60}?\b(?:step backwards?|step back|worse|worst|broken|buggy|disappoint\w*"
    r"|annoying|frustrating|terrible|awful|a mess|miss the old|overpriced|too expensive|laggy"
    r"|unplayable|peor|roto|rota|decepcion\w*|horrible|un paso atras|carisimo|pire"
    r"|decevant\w*|decu\w*|deception|nul|nulle|un pas en arriere|trop cher|schlechter"
    r"|enttausch\w*|kaputt|nervig|ruckschritt|zu teuer|peggio|delus\w*|un passo indietro"
    r"|troppo caro|pior|decepcionad\w*|um passo atras|caro demais"
    # twenty-ninth round: a flat no ("J'adore mon taf chez X mais le planning du samedi,
    # c'est non")
    r"|c'est non|c'est niet|no way|nope|ni hablar|ni de broma|nem pensar|auf keinen fall"
    r"|neanche per sogno|manco per niente)\b")
# What ends a sentence, and a sentence without its end (a run of anything else).
SENTENCE_STOPS = ".!?\n"
SENTENCE = re.compile(f"[^{re.escape(SENTENCE_STOPS)}]+")


def _taken_back_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` whose praise a turn and a complaint take back."""
    return [match.span() for match in SENTENCE.finditer(text)
            if _TAKEN_BACK.search(match.group()) is not None]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` holding [start, end)."""
    first = max(text.rfind(stop, 0, start) for stop in SENTENCE_STOPS) + 1
    ends = [found for stop in SENTENCE_STOPS if (found := text.find(stop, end)) >= 0]
    return first, min(ends, default=len(text))


# A word that points back to something named before ("it", "they", "ça", "es", "lo", "isso"):
# praise in a later sentence with one of these may still be the brand's.
POINTS_BACK = re.compile(
    r"(?i)\b(?:it|its|it's|they|them|their|this|these|that|those|ca|cela|il|elle|ils|elles"
    r"|les|la|le|lo|los|las|es|sie|ihn|ihr|das|dies|diese|isso|isto|ele|ela|eles|elas|questo"
    r"|questa|quello|esto|esta|este|eso)\b")


# A clause that opens with a neighbouring place of its own ("the bocadillo place round the
# corner", "le café d'en face", "die Bäckerei nebenan"): the subject of what follows, not the
# brand.
_OWN_SUBJECT = re.compile(
    r"\s*(?i:the|that|this|a|an|el|la|los|las|le|les|der|die|das|o|os|il|lo|gli)\s+"
    r"(?:[^\W\d_][\w'-]*\s+){1,4}(?i:round the corner|around the corner|next door"
    r"|across the (?:street|road)|down the (?:street|road)|opposite|nearby|de al lado"
    r"|de la esquina|d'en face|du coin|d'a cote|nebenan|gegenuber|um die ecke|ao lado"
    r"|da esquina|qui accanto|all'angolo|di fronte)\s+"
    r"(?:[^\W\d_][\w'-]*\s+){0,2}$")


def said_of_brand(text: str, brand_hits: Sequence[TermHit], start: int) -> bool:
    """Whether praise starting at ``start`` is said of the brand the draft names: in a sentence
    that names it, or opening a sentence of its own with at most two words before it ("Best
    telco in Spain, fight me", "Pasaos, que es un chollo", "sign up, u won't regret it"); not
    in a sentence with a subject of its own ("The new bakery on the corner is a must-try")."""
    sentence = sentence_around(text, start, start + 1)
    if any(sentence_around(text, hit.start, hit.end) == sentence
           for hit in brand_hits):
        # ... unless the praise has a subject of its own in a clause without the brand
        # ("Lunch break from Acme HQ, the bocadillo place round the corner never
        # disappoints": thirtieth round)
        clause_start = max(sentence[0], *(text.rfind(mark, sentence[0], start) + 1
                                          for mark in ",;:\u2013\u2014"))
        clause = text[clause_start:start]
        return any(clause_start <= hit.start < start for hit in brand_hits) \
            or _OWN_SUBJECT.match(fold_string(clause)) is None \
            or POINTS_BACK.search(clause) is not None
    before = text[sentence[0]:start]
    return len(WORD_RE.findall(fold_string(before))) <= 2 \
        or POINTS_BACK.search(before) is not None


# Praise that no everyday remark says, anywhere in a draft that names a brand: the reader told
# they will not regret it, a bargain, one's happy place, a must-try, a holy grail, ten out of
# ten (twenty-seventh round; the meaning layer read "sign up, u won't regret it" and "Pasaos,
# que es un chollo" below 0.1), folded text
UNMISTAKABLE_PRAISE = Alternation.of(
    r"\b(?:(?:you|u|ya) (?:won't|wont|will not) regret (?:it|this)|no te (?:vas a )?arrepentir\w*"
    r"|no os (?:vais a )?arrepentir\w*|no se (?:van a )?arrepentir\w*|vous ne (?:le )?regretterez"
    r"|tu ne (?:le )?regretteras|(?:ihr werdet|du wirst|sie werden) es nicht bereuen"
    r"|(?:nao|voce nao) (?:vai|vao|vais) se arrepender|nao se vao arrepender"
    r"|non (?:te ne )?pentirai|non ve ne pentirete|es un chollo|un chollazo|my happy place"
    r"|mi lugar feliz|mon endroit prefere|must-(?:try|watch|have|see)|holy grail|game[ -]changer"
    r"|highly recommend|thank me later|10/10|five stars|5 stars|(?:you )?haven'?t lived"
    r"|(?:you'?ll|you will) ever need|c'est une claque"
    r"|worth every (?:single )?(?:penny|cent|euro|pound|dollar|minute|second)"
    # twenty-ninth round: the best of one's life ("best eye test of my life", not a decision
    # or a day), the best anywhere ("Beste Optiker überhaupt", "weit und breit", "lo más top
    # que hay"), praise one cannot get over, the only thing that got one through, UK slang
    r"|(?:best|greatest|easiest|nicest) (?!(?:decision|choice|move|day|days|night|year|years"
    r"|week|weekend|time|times|thing|things|moment|people|team|colleagues|boss|job)\b)"
    r"(?:[\w'-]+ ){1,3}of (?:my|your|our)(?: (?:kid|kids|child|children)'?s?)? li(?:fe|ves)"
    r"|(?:le |la )?meilleure? (?!(?:decision|choix|jour|journee|annee|moment|equipe)\b)"
    r"(?:[\w'-]+ ){1,3}de (?:ma|ta|votre) vie|(?:el |la )?mejor (?!(?:decision|dia|ano"
    r"|momento|equipo)\b)(?:[\w'-]+ ){1,3}de (?:mi|tu|su|vuestra) vida"
    r"|beste[rsnm]? (?:[\w-]+ ){0,2}(?:weit und breit|uberhaupt)"
    r"|lo (?:mas top|mejor|mas) que hay\b|can'?t get over how (?:good|great|amazing|nice|well)"
    r"|the only thing (?:that )?(?:got|gets|kept|keeps) me (?:through|going|sane)"
    r"|(?:it'?s|is|was) (?:an? )?(?:absolute |proper |total )?(?:belter|cracker|corker)\b"
    # thirtieth round: never a disappointment, wizards, "you guys ate", the best day out
    r"|never (?:disappoints|disappoint|fails to (?:impress|amaze|deliver))|never lets? (?:me|us"
    r"|you) down|(?:are|is) (?:absolute |total |actual |proper )?wizards\b"
    r"|(?:you guys|y'all|you all) (?:absolutely |totally |truly )?ate\b"
    r"|best day out (?:in|at|for)\b|(?:is|was) a religious experience"
    # ... the reader asked what they are doing without it, told it is worth a look, told to
    # say the writer sent them ("ditegli che vi mando io")
    r"|what are you even doing|worth a (?:look|try|go|shot)\b|tell them i sent you"
    r"|dites-leur que (?:c'est moi qui vous envoie|je vous envoie)|decidles que os mando yo"
    r"|diles que (?:vas|vais|vienes) de mi parte|ditegli che vi mando io"
    r"|sagt,? (?:dass )?ich (?:euch|dich) schicke|digam que fui eu que mandei"
    # ... nailed it, hats off, outdone themselves ("@WessexLivingMag nailed it again")
    r"|nailed it|hats off|(?:have |has |'ve )?outdone (?:themselves|yourselves|itself)"
    r"|chapeau bas|hut ab|tanto di cappello|quitarse el sombrero|me quito el sombrero"
    # ... thanks to whoever made it, and where one would be without it ("no sé qué haría
    # este barrio sin la gente de ...")
    r"|(?:nice|great|good) (?:work|job),? whoever|(?:props|kudos) to whoever"
    r"|(?:que|what|ce que|o que|cosa|was) (?:haria|would|ferait|faria|farebbe|tate|tun wurde)"
    r" (?:[\w'-]+ ){0,3}?(?:sin|without|sans|sem|senza|ohne)\b"
    # twenty-eighth round: nobody better, the only one trusted, go without a second thought,
    # "you spoil us", the difference tasted, and slang ("ate and left no crumbs", "es una
    # chimba", "está re bueno")
    r"|(?:nobody|no one|no-one) does (?:it|this|them) better|nadie lo hace mejor"
    r"|personne ne (?:le )?fait mieux|niemand macht (?:es|das) besser|ninguem faz melhor"
    r"|nessuno (?:lo )?fa meglio|the only (?:[\w'-]+ ){0,3}(?:i'd|i would|i'll|i) (?:ever )?trust"
    r"|(?:these|they)(?: are|'re) your (?:people|guys|team)"
    r"|sans (?:aucune )?hesit(?:er|ation)|sin dudarlo|sin pensarlo|ohne zu zogern|sem hesitar"
    r"|a occhi chiusi|senza pensarci(?: due volte)?|with your eyes closed|a ojos cerrados"
    r"|les yeux fermes|de olhos fechados|you spoil us|nos consienten|vous nous gatez"
    r"|ihr verwohnt uns|voces nos mimam|ci viziate|(?:you )?can taste the difference"
    r"|se nota la diferencia|ate and left no crumbs|left no crumbs|es una chimba|una chimba"
    r"|esta re (?:bueno|buena|lindo|linda|copado|copada)|re contra (?:bueno|buena)"
    r"|is (?:pure |absolute )?perfection|c'est la perfection|es (?:pura )?perfeccion"
    r"|e (?:pura )?perfeicao|e (?:pura )?perfezione"
    # ... the only thing one takes or uses ("c'est le seul truc que j'emporte", "the only
    # sunscreen I use"), and a tip given to the reader ("nur so als Tipp", "fica a dica")
    r"|the only (?:thing|one|stuff|brand|app|[\w-]+) (?:i|we) (?:ever )?(?:use|buy|take|pack"
    r"|bring|need|drink|wear|order)|le seul (?:truc|produit|que|qui|machin) (?:que )?(?:j'|je )"
    r"(?:emporte|utilise|achete|prends|porte|bois)|lo unico que (?:uso|compro|llevo|me llevo)"
    r"|das einzige,? was ich (?:nehme|benutze|kaufe|mitnehme)|a unica coisa que (?:eu )?"
    r"(?:uso|compro|levo)|l'unica cosa che (?:uso|compro|porto)"
    r"|nur so als tipp|fica a dica|ficam a dica|consiglio spassionato"
    # ... and a life made better since one started on it ("nights got so much calmer since we
    # started using ...", "desde que uso X duermo mucho mejor", "seit wir X nutzen, ... viel
    # besser")
    r"|(?:so much|much|way|a lot|far|loads) (?:calmer|better|easier|quieter|happier|faster"
    r"|smoother|cheaper|healthier|brighter|whiter) since (?:i|we) (?:started|began|switched)"
    r"|since (?:i|we) (?:started|began|switched to) (?:using )?[^.!?\n]{1,50}?"
    r"(?:so much|much|way|a lot|far) (?:calmer|better|easier|quieter|happier|faster|smoother"
    r"|cheaper|healthier)|desde que (?:uso|usamos|use|empece a usar|tengo|tenemos)"
    r" [^.!?\n]{1,50}?(?:mucho |muchisimo |bastante )?mejor\b|depuis que (?:j'utilise"
    r"|on utilise|nous utilisons|j'ai|on a) [^.!?\n]{1,50}?(?:beaucoup |tellement )?mieux\b"
    r"|seit (?:ich|wir) [^.!?\n]{1,50}?(?:nutze|nutzen|benutze|benutzen|verwende|verwenden"
    r"|habe|haben)\b[^.!?\n]{0,40}?(?:viel |so viel |deutlich )?besser\b"
    r"|desde que (?:uso|usamos|comecei a usar|tenho|temos) [^.!?\n]{1,50}?(?:muito )?melhor\b"
    r"|da quando (?:uso|usiamo|ho|abbiamo) [^.!?\n]{1,50}?(?:molto |tanto )?meglio\b"
    # ... the best choice one made, a crush declared, nothing more to say, the only
    # acceptable one, a raise deserved, love for the place ("best call we made", "coup de
    # cœur pour", "rien d'autre à dire", "quanto amo questo posto")
    r"|best (?:call|decision|choice|move) (?:i|we)(?:'ve| have)? (?:ever )?made"
    r"|la mejor decision que (?:he|hemos) tomado|la meilleure decision que j'ai prise"
    r"|coup de c(?:oe|œ)ur pour|(?:rien d'autre a dire|nothing (?:else|more) to say"
    r"|no hay (?:nada )?mas que decir|mehr muss man nicht sagen)(?=[^\w]*$)"
    r"|the only acceptable|deserves? a (?:raise|pay rise|payrise|medal)"
    r"|merece(?:n)? un aumento|quanto amo|vous (?:nous )?regalez|tu (?:nous )?regales"
    # ... not knowing what one would do without it, everything in the picture from it, and a
    # verdict closing a sentence ("No regrets.", "Can't beat it.", "Mehr braucht man nicht.")
    r"|(?:i )?don'?t know what i'?d do without|no se que haria sin|je ne sais pas ce que je"
    r" ferais sans|(?:ich )?weiss nicht,? was ich ohne|nao sei o que faria sem"
    r"|non so cosa farei senza|everything (?:on this board|in this (?:look|outfit|photo|pic"
    r"|room|kitchen|bathroom|shot)|here|you see here) (?:is |came )?from"
    r"|(?:no regrets|can'?t beat it|you can'?t beat it|mehr braucht man nicht|that'?s all you"
    r" need|no hace falta mas|il n'en faut pas plus|nao e preciso mais|non serve altro"
    r"|sin arrepentimientos|aucun regret)(?=\s*(?:[.!]|$|[^\w\s])))(?![\w/])")
# "that's it" before the closer ("Told her Tormoss. That's it, that's the post").
_THATS_IT = re.compile(r"\bthat'?s it\b")
# A post closed with "that's the post" or "that's all I'm saying" (folded), at most two words
# after the brand ("Brindle fibre at home now, that's all I'm saying" stays a mention).
_POST_CLOSER = re.compile(
    r"\bthat'?s (?:the post|all i'?m (?:saying|gonna say|going to say))|\beso es todo\b"
    r"|\bc'est tout\b|\bpunkt\.?\s*$")


# A place named as the brand's neighbour ("Acme's office is next to the best bakery in
# Tours", "a côté de la meilleure boulangerie de Tours"): the ranking is of the place beside it
# (folded text, ending where the ranking starts).
_NEIGHBOUR_BEFORE = re.compile(
    r"\b(?:next\s+(?:door\s+)?to|near|beside|opposite|across\s+from|round\s+the\s+corner\s+from"
    r"|around\s+the\s+corner\s+from|down\s+the\s+(?:road|street)\s+from|a\s+cote\s+de"
    r"|pres\s+de|en\s+face\s+de|cerca\s+de|al\s+lado\s+de|enfrente\s+de|frente\s+a"
    r"|neben|gegenuber|bei|vicino\s+a|accanto\s+a|di\s+fronte\s+a|perto\s+de|ao\s+lado\s+de"
    r"|em\s+frente\s+a)\s+(?:(?:the|la|le|les|el|los|las|der|die|dem|den|il|lo|o|a|os|as|de|du"
    r"|des)\s+)?$")


def analyse_promotion(draft: DraftText, compiled: CompiledPolicy) -> Promotion:
    """Find brands and promotional cues in ``draft``."""
    fold = draft.fold
    result = Promotion(brand_hits=_written_hashtags(draft.text, [
        hit for hit in compiled.brands.find(fold)
        if not compiled.allowed_text(draft.text[hit.start:hit.end])
        and not _accented_otherwise(draft.text[hit.start:hit.end], hit.term.text)
        and not _common_noun(draft.text, hit)
        and not (hit.term.payload.short  # type: ignore[attr-defined]
                 and not draft.text[hit.start:hit.start + 1].isupper())]))
    hits = compiled.builtin.promotion.find(fold, draft.cased_view)
    if compiled.extra_promotion is not None:
        hits.extend(compiled.extra_promotion.find(fold, draft.cased_view))
    for cue in hits:
        if compiled.allowed_text(draft.text[cue.start:cue.end]) or draft.in_link(cue.start,
                                                                                 cue.end):
            continue
        bucket = {"strong": result.strong, "cta": result.cta, "commercial": result.commercial,
                  "endorsement": result.endorsement,
                  "price_cut": result.price_cuts}.get(cue.group.kind)
        if bucket is not None:
            bucket.append(cue)
    if result.strong and not draft.urls and _PERCENT_OR_CODE.search(draft.text) is None:
        # "found an old coupon in my drawer", "the best coupons are the ones that ...": the
        # word for a coupon names one; it offers one only with a code, a percentage or a link
        # ("coupon: 20% off", "coupon code HELLO2"), so alone it is sales language, not a pitch.
        bare = [hit for hit in result.strong
                if fold_string(draft.text[hit.start:hit.end]) in _BARE_COUPON]
        if bare:
            result.strong = [hit for hit in result.strong if hit not in bare]
            result.commercial.extend(bare)
        # "the app crashed on me at checkout": the till named, with no code, percentage or
        # link beside it, is where something happened, not where to enter a code
        result.strong = [hit for hit in result.strong
                         if fold_string(draft.text[hit.start:hit.end]) != "at checkout"]
    if result.endorsement:
        # "I love Shardveil but the new crafting UI is a step backwards": praise the same
        # sentence takes back with a complaint is a complaint, not an endorsement.
        complaints = _taken_back_sentences(fold.text)
        result.endorsement = [hit for hit in result.endorsement
                              if not any(start <= hit.start < end for start, end in complaints)]
    if result.cta and not result.brand_hits:
        # "find them at your local library": where to get it, with no brand, sells nothing
        result.cta = [hit for hit in result.cta if hit.group.id != "where_to_buy"]
    if result.cta:
        # "a tiny shop", "our shop managers", "la compra", "late check-out": the word as a
        # noun (after an article or a possessive, or hyphenated) calls nobody to act
        result.cta = [hit for hit in result.cta if not _noun_use(draft.text, hit)]
    if not result.brand_hits and (result.strong or result.cta) and not draft.urls \
            and any(mark in draft.text for mark in _QUOTE_MARKS):
        # "Why does every agent's Instagram say 'link in bio' and then the link is broken":
        # a sales phrase quoted as a phrase (the quotes hold it and little else) is talked
        # about, not used
        quoted = [m.span("inner") for m in QUOTED_PHRASE.finditer(draft.text)]
        if quoted:
            def mentioned(hit: LexiconHit) -> bool:
                return any(start <= hit.start and hit.end <= end
                           and (end - start) - (hit.end - hit.start) <= 4
                           for start, end in quoted)
            kept_strong = [hit for hit in result.strong if not mentioned(hit)]
            kept_cta = [hit for hit in result.cta if not mentioned(hit)]
            result.quoted_cues = len(kept_strong) + len(kept_cta) < len(result.strong) + len(
                result.cta)
            result.strong, result.cta = kept_strong, kept_cta
    if not result.brand_hits and result.strong and not draft.urls:
        # Twenty-fourth round: "Pas de lien en bio, pas de code promo, juste la recette de ma
        # grand-mère", "no code, no link, just ...": a sales phrase said to be absent offers
        # nothing; "¡Me ha tocado la cesta en el sorteo del barrio!", "I won the office
        # raffle": a giveaway the writer won is luck, not one they run.
        text = fold.text
        def absent(hit: LexiconHit) -> bool:
            if hit.group.id not in _DENIABLE_CUES:
                return False
            start = _view_start(fold, hit.start)
            if _DENIED_BEFORE.search(text, max(0, start - 12), start) is not None:
                return True
            if hit.group.id != "giveaway":
                return False
            sentence_start, _ = sentence_around(text, start, start)
            return _WON.search(text, sentence_start, start) is not None
        kept = [hit for hit in result.strong if not absent(hit)]
        result.absent_cues = len(kept) < len(result.strong)
        result.strong = kept
    if not result.brand_hits and (result.strong or result.commercial):
        # "Buy one get one free is how my brain works with ice cream": a sales phrase made the
        # subject of a sentence about the writer is a figure of speech, unless something is
        # on offer (a brand, a link, a price).
        text = fold.text
        if not draft.urls and _PRICE.search(text) is None:
            def figure(hit: LexiconHit) -> bool:
                view_end = _view_end(fold, hit.end)
                return view_end is not None and _SELF_FIGURE.match(text, view_end) is not None
            result.strong = [hit for hit in result.strong if not figure(hit)]
            result.commercial = [hit for hit in result.commercial if not figure(hit)]
            if _LAUGH_HINT.search(text) is not None and _JOKING.search(text) is not None \
                    and _PERCENT_OR_CODE.search(draft.text) is None:
                # "The sale on my sanity ends at 5pm. Limited offer, act now 😂": sales words
                # laughed at, with nothing on offer (no brand, link, price, percentage or
                # code), are a joke in the voice of an advert, not one.
                result.strong, result.commercial, result.cta = [], [], []
    if result.brand_hits and not (result.strong or result.commercial or result.cta
                                  or result.price_cuts or draft.urls) and not any(
            hit.term.payload.kind != KIND_NAME  # type: ignore[attr-defined]
            for hit in result.brand_hits) and has_leet_word(fold.text):
        # Sales words written with digits or symbols for letters beside a brand ("w1nter
        # s@le", "y0u kn0w what t0 d0") are sales words: read again through the look-alike
        # view, only when a brand is named and nothing else (a cue, a link, the brand's
        # domain or campaign hashtag) already makes it promotion.
        leet = leet_view(fold)
        for cue in compiled.builtin.promotion.find(leet, lambda: leet):
            if cue.group.kind in ("strong", "cta", "commercial", "price_cut") \
                    and not compiled.allowed_text(draft.text[cue.start:cue.end]) \
                    and any(not ch.isalpha() for ch in draft.text[cue.start:cue.end]):
                disguised = LexiconHit(cue.group, cue.start, cue.end,
                                       ("digits or symbols for letters",))
                {"strong": result.strong, "cta": result.cta, "commercial": result.commercial,
                 "price_cut": result.price_cuts}[cue.group.kind].append(disguised)
    if result.brand_hits:
        # "join my club Acme Eastside before Friday and the enrollment fee is waived",
        # "apúntate a Acme, primera semana gratis": members recruited for the brand with a
        # perk for joining (a choir's "join us, first rehearsal free" names no business)
        for start, end, group in _join_cues(fold.text):
            start, end = fold.span(start, end)
            if not compiled.allowed_text(draft.text[start:end]):
                result.strong.append(LexiconHit(group, start, end))
    _read_job_offer(draft, result)
    for start, end, group in _offer_cues(fold):
        start, end = fold.span(start, end)
        if not compiled.allowed_text(draft.text[start:end]):
            result.strong.append(LexiconHit(group, start, end))
    staff = next((h for h in result.price_cuts if h.group.id == "staff_discount"), None)
    if staff is not None and (asked := _WHO_WANTS.search(fold.text)
                              or _ORDER_PRIVATELY.search(fold.text)) is not None:
        # the employer's goods sold on through one's staff discount, brand named or not
        result.strong += [LexiconHit(OFFER, staff.start, staff.end),
                          LexiconHit(OFFER, *fold.span(asked.start(), asked.end()))]
    result.for_a_cause = _NOT_A_BUSINESS.search(fold.text) is not None
    if not result.brand_hits and (result.strong or result.commercial or result.cta) \
            and result.for_a_cause and _OWN_WORKPLACE.search(fold.text) is None:
        # A friend's fundraiser ("link in bio if you can chip in, every franc goes to the
        # ward") is nobody's promotion: no brand, no business, nothing to post from a work
        # account. (A charity employer's appeal names the charity: the brand rules read it.)
        result.strong, result.commercial, result.cta = [], [], []
    if not result.brand_hits and result.commercial and not result.strong \
            and all(fold_string(draft.text[hit.start:hit.end]) in _FREE_WORDS
                    for hit in result.commercial) \
            and _PRICE.search(fold.text) is None and _PERCENT_OR_CODE.search(draft.text) is None \
            and _BUYING.search(fold.text) is None:
        # "Cross-stitch pattern of a Camargue horse, free to download and print": a thing
        # given away for nothing, with no brand, price or code, sells nothing.
        result.commercial = []
    if not result.brand_hits and result.commercial and not (result.strong or result.cta) \
            and READING_MATTER.search(fold.text) is not None \
            and _PRICE.search(fold.text) is None:
        # "Interesting paper on how budgeting nudges change savings behaviour": sales words in
        # something to read, with no brand, call or price, describe it; they sell nothing.
        result.commercial = []
    if not result.brand_hits and not result.cta and not draft.urls \
            and (result.strong or result.commercial) \
            and _TOLD_PURCHASE.search(fold.text) is not None \
            and _PERCENT_OR_CODE.search(draft.text) is None \
            and _OFFER_NOW.search(fold.text) is None:
        # "The 2-for-1 deal at the farmers market is dangerous. Bought 12 lbs.", "deux
        # croissants achetés, un offert": a deal the writer took, told with no brand, link,
        # code or call, is a story about shopping, not a pitch
        result.strong, result.commercial = [], []
    result.private_sale = not result.brand_hits and _PRIVATE_SALE.search(fold.text) is not None \
        and _TRADE.search(fold.text) is None and _OWN_WORKPLACE.search(fold.text) is None
    if result.private_sale:
        # One's own used things sold once ("Vendo bicicleta de criança, 30 euros, quase
        # nova", a garage sale, the neighbour's old bikes) sell for nobody: no brand, no trade,
        # no tie to disclose. A trade is still sold ("homemade cakes, taking orders"), and so
        # is anything with a code or an affiliate link (read below, after this).
        result.strong, result.commercial, result.cta = [], [], []
    result.links = list(draft.urls)
    result.byline = _BYLINE.search(fold.text) is not None
    disclosure = compiled.builtin.disclosure
    written = unlinked_addresses(draft.text, result.links)
    if result.links or written:
        result.strong.extend(LexiconHit(AFFILIATE, link.start, link.end)
                             for link in affiliate_links(disclosure, [*result.links, *written]))
        result.short_links = short_links(disclosure, result.links)
    if result.brand_hits:
        result.reviews = [fold.span(start, end)
                          for start, end in review_cues(disclosure, fold.text)]
        # (a ranking in a sentence with a subject of its own ranks that: "Paid the Acme bill.
        # Pub quiz tonight > any Netflix show", twenty-seventh round)
        result.acclaim = [span for start, end in acclaim_cues(disclosure, fold.text)
                          if _NEIGHBOUR_BEFORE.search(fold.text, max(0, start - 30), start)
                          is None and said_of_brand(draft.text, result.brand_hits,
                                                    (span := fold.span(start, end))[0])]
        # ... and praise no everyday remark says, said of the brand ("nobody does it better",
        # "you won't regret it": twenty-eighth round, read by the word lists so that a draft
        # with no other cue is not left to the meaning layer)
        result.acclaim += [span for found in UNMISTAKABLE_PRAISE.spans(fold.text)
                           if said_of_brand(draft.text, result.brand_hits,
                                            (span := fold.span(*found))[0])]
        # ... and a short post closed on the brand ("Vanebuds. that's the post.", "Alacena.
        # That's all I'm saying"): the closer right after the name (thirtieth round)
        result.acclaim += [span for found in _POST_CLOSER.finditer(fold.text)
                           if any(0 <= (span := fold.span(*found.span()))[0] - hit.end <= 40
                                  and len(WORD_RE.findall(_THATS_IT.sub("", fold_string(
                                      draft.text[hit.end:span[0]])))) <= 2
                                  for hit in result.brand_hits)]
    result.disclosures = [
        mention for mention in compiled.accepted.find(fold, denied=result.denied_disclosures)
        if _SELF_PAID.match(fold_string(draft.text[mention.end:mention.end + 40])) is None
        and _LABEL_NAMED.search(fold_string(draft.text[max(0, mention.start - 30):mention.start]))
        is None]
    result.ad_labels = [mention for mention in result.disclosures
                        if not connection_only(disclosure, mention.text)]
    result.employment = compiled.statements.find(fold)
    result.email_domain_hits = [
        hit for hit in result.brand_hits
        if hit.term.payload.kind == KIND_DOMAIN  # type: ignore[attr-defined]
        and hit.start > 0 and draft.text[hit.start - 1] in "@＠"
    ]
    if result.brand_hits:
        _read_brand_context(draft, compiled, result)
    frames = compiled.builtin.disclosure.get("employment")
    if frames:
        link_starts = [link.start for link in result.links]
        link_ends = [link.end for link in result.links]
        for hit in result.brand_hits:
            ref = hit.term.payload
            if not (isinstance(ref, BrandRef) and ref.role == ROLE_EMPLOYER
                    and ref.kind == KIND_NAME):
                continue
            inside = bisect_right(link_starts, hit.start) - 1
            if inside >= 0 and hit.start < link_ends[inside]:
                continue  # "acmemag" inside the link acmemag.com
            if _ADDRESS_GOES_ON.match(draft.text, hit.end):
                # "shop it at acme.example/cargo": the name begins a web address the link
                # reader did not take (a made-up or rare ending); a shop, not a workplace
                continue
            statement = _employment_statement(draft.text, hit, frames)
            if statement is not None and result.hidden_job is not None \
                    and statement <= result.hidden_job[1]:
                continue  # "not saying where I work but ... at Acme": the job kept quiet
            if statement is not None:
                result.workplace_hits.append(hit)
                result.employment.append(Mention("I work at", statement, hit.end, False))
            elif _workplace_after(draft.text, hit, frames):
                result.workplace_hits.append(hit)
            elif any(m.start <= hit.start and hit.end <= m.end for m in result.employment):
                # inside the pack's own "I work at {employer}" wording ("Trabajo en Acme
                # desde hace cinco años"): the job said, as a workplace
                result.workplace_hits.append(hit)
    return result


# A short stretch in quotation marks, ``inner`` what it holds: a phrase named rather than said
# ("the 'Tipsy' status effect", "they all say 'link in bio'").
QUOTED_PHRASE = re.compile(
    r"(?<![^\W\d_])['\"\u2018\u201c\u00ab\u201e\u201a\u2039]"
    r"(?P<inner>[^'\"\u2018\u2019\u201c\u201d\u00ab\u00bb\u201e\u201a\u2039\u203a\n]{1,40})"
    r"['\"\u2019\u201d\u00bb\u201c\u203a](?![^\W\d_])")
_QUOTE_MARKS = "'\"\u2018\u201c\u00ab\u201e\u201a\u2039"


def _read_job_offer(draft: DraftText, result: Promotion) -> None:
    """The employer named as the one hiring, with the offer's terms or a call to apply; or a
    hiring phrase with both (brand or not): a job offer (a strong cue), whatever the role."""
    fold = draft.fold
    said = HIRING_SAID.search(fold.text) if any(
        word in fold.text for word in _HIRING_WORDS) else None
    if said is not None and (_JOB_TERMS.search(fold.text) is not None
                             or _EXPLICIT_HIRING.search(said.group()) is not None) \
            and _JOB_CALLS.search(fold.text) is not None:
        # (twenty-fifth round: hiring said in so many words needs no terms beside the call:
        # "they're hiring tour reps, apply at ...")
        result.strong.append(LexiconHit(JOB_OFFER, *fold.span(said.start(), said.end())))
        return
    for hit in result.brand_hits:
        ref = hit.term.payload
        if not (isinstance(ref, BrandRef) and ref.role == ROLE_EMPLOYER
                and ref.kind == KIND_NAME):
            continue
        found = _HIRES_AFTER_NAME.match(draft.text, hit.end)
        if found is not None and (_JOB_TERMS.search(draft.fold.text) is not None
                                  or _JOB_CALLS.search(draft.fold.text) is not None):
            # (the offer, not the name: the brand finding marks the name)
            result.strong.append(LexiconHit(JOB_OFFER, found.start("verb"), found.end("verb")))
            return


def hides_a_tie(text: str) -> bool:
    """Whether a folded draft says it will not say where the writer works ("not saying where
    I work 🤐 but ...") or winks at a tie ("not that I'm biased 🙃", "je dis ça, je dis rien"):
    read beside a brand in :func:`_read_brand_context`, and beside a pitch naming none."""
    if (where := _WHERE_I_WORK.search(text)) is not None:
        window = text[max(0, where.start() - 40):where.start()]
        if _NOT_SAYING.search(window) and _SAYING.search(window):
            return True
    return any(word in text for word in _WINK_WORDS) and _WINK.search(text) is not None


def _read_brand_context(draft: DraftText, compiled: CompiledPolicy, result: Promotion) -> None:
    """What around a named brand says promotion or not, beyond the word lists: the job kept
    quiet on purpose, a partner thanked by its handle beside its product, criticism."""
    fold = draft.fold
    text = fold.text
    if any(word in text for word in _WINK_WORDS) and (wink := _WINK.search(text)) is not None:
        result.winks.append(fold.span(wink.start(), wink.end()))
    if any(tag in text for tag in _vague_tags(
            tuple(compiled.builtin.disclosure.get("rejected", ())))):
        result.vague_labels = [
            (mention.start, mention.end) for mention in compiled.rejected.find(fold)
            if _vague_label(mention.text) and "thank" not in mention.text.casefold()]
    if (where := _WHERE_I_WORK.search(text)) is not None:
        window = text[max(0, where.start() - 40):where.start()]
        if _NOT_SAYING.search(window) and _SAYING.search(window):
            result.hidden_job = fold.span(where.start(), where.end())
    if "@" in draft.text and (thanked := _THANKS_TO_HANDLE.search(text)) is not None:
        # "Tonight's pour: Veyrac Brut ... Thank you @maisonveyrac": a partner's product on
        # show and the partner thanked for it, as a gifted or paid post does
        start, end = fold.span(thanked.start(), thanked.end())
        partner = [hit for hit in result.brand_hits
                   if isinstance(hit.term.payload, BrandRef)
                   and hit.term.payload.role != ROLE_EMPLOYER]
        handle = [hit for hit in partner if start <= hit.start < end + 2]
        if handle and any(hit.term.payload.brand is handle[0].term.payload.brand  # type: ignore[attr-defined]
                          and not start <= hit.start < end + 2 for hit in partner):
            result.thanked_partner.append(LexiconHit(THANKED, start, end))
    if any(word in text for word in _THANKS_WORDS):
        # "thanks @parcelwick x", "Danke @rhoenliner!", "¡gracias @glisso_ski!": a partner (an
        # advertiser, a supplier) thanked by name or handle on the writer's own account reads
        # as a gifted or paid post, whatever follows (twenty-eighth round; the employer
        # thanked by its staff is the job, not this)
        for hit in result.brand_hits:
            ref = hit.term.payload
            if not isinstance(ref, BrandRef) or ref.role == ROLE_EMPLOYER:
                continue
            before = draft.text[max(0, hit.start - 28):hit.start]
            after = fold_string(draft.text[hit.end:hit.end + 40])
            if hit.start > 0 and draft.text[hit.start - 1] in "@＠" \
                    and (thanks_after := _THANKS_RIGHT_AFTER.match(draft.text, hit.end)) \
                    is not None:
                # "@cafeslantier gracias por el regalito", "@acme thank you!": the handle
                # thanked right after it
                result.thanked_partner.append(LexiconHit(THANKED_BY_NAME, hit.start - 1,
                                                         thanks_after.end()))
                break
            if (for_what := _FOR_WHAT.match(after)) is not None \
                    and for_what.group("what") in _HOSPITALITY:
                continue  # "for having us", "pour votre confiance": thanks for no thing
            if (thanks := THANKS_RIGHT_BEFORE.search(before)) is not None:
                start = hit.start - len(before) + thanks.start()
                result.thanked_partner.append(LexiconHit(THANKED_BY_NAME, start, hit.end))
                break
    if any(word in text for word in _THANKS_WORDS) \
            and (gift := _GIFT_THANKS.search(text) or _thanks_for_a_thing(text)) is not None:
        # "Merci Greenvale pour les bouteilles", "Thanks to Hollin for the goodie box": a
        # partner thanked for what it sent, which is how a gifted post reads; the thanks says
        # the tie without saying it is a gift (disclosure.unclear)
        start, end = fold.span(gift.start(), gift.end())
        if any(start <= hit.start < end for hit in result.brand_hits
               if isinstance(hit.term.payload, BrandRef)):
            result.thanked_partner.append(LexiconHit(THANKED, start, end))
            result.gift_thanks.append((start, end))
    if result.commercial and not (result.strong or result.cta or result.links) \
            and (perk := _STAFF_PERK.search(text)) is not None:
        # "Acme is giving out free lunch to staff on Fridays", "offre le déjeuner gratuit à
        # ses salariés": a perk for the people who work there (the clause's sales words too),
        # offered to no reader
        clause, _ = sentence_around(text, perk.start(), perk.start())
        start, end = fold.span(clause, perk.end())
        result.commercial = [hit for hit in result.commercial
                             if not start <= hit.start < end]
    if (result.endorsement or result.commercial) and not (
            result.strong or result.cta or result.price_cuts or result.links
            or result.thanked_partner) and _CRITICISM.search(text) is not None:
        # "Small gripe: the new calendar in the Acme app makes it harder to save ...": a
        # complaint about the product; its "new" praises nothing and its "save" sells nothing
        result.endorsement, result.commercial = [], []


def _vague_label(term: str) -> bool:
    """Whether a rejected disclosure is a label a writer puts on the post (a hashtag, or a
    tie-up said in words: "collab w/", "proud ambassador"), not thanks to a named brand."""
    return term.startswith("#") or ("{" not in term and not term.startswith("thank"))


@cache
def _vague_tags(rejected: tuple[str, ...]) -> tuple[str, ...]:
    """The vague labels of the disclosure list, folded: a draft without any of them skips
    the matcher."""
    return tuple(fold_string(tag) for tag in rejected if _vague_label(tag))


THANKED = Group("thanked_partner", "endorsement", "a partner thanked for its product", "analysis")
# ... and one thanked by name alone (read on personal accounts only: on a work account, thanks
# to a partner for volunteering or hosting is the job's news)
THANKED_BY_NAME = Group("thanked_by_name", "endorsement", "a partner thanked by name",
                        "analysis")

# A wink at the tie, in the six languages (folded text): bias admitted or denied with a wink
# ("not that I'm biased", "totally neutral", "sou suspeita pra falar"), pay denied ("no lo digo
# porque me paguen", "nobody paid me to say this"), "yes, I'm a fan", "je dis ça, je dis rien".
# Beside a brand it hints at the connection without saying it, which is what disclosure is for.
# (words one of which every wink holds: most drafts skip the pattern)
_WINK_WORDS = ("bias", "neutr", "objecti", "objeti", "objekt", "obietti", "impar", "unpartei",
               "may not work", "might not work", "trabaje", "travaille", "arbeite", "trabalhe",
               "ci lavoro",
               "unvorein", "fan", " fa", "paid", "pay", "pag", "paie", "suspeit", "je dis",
               "sag", "befangen", "bezahlt", "parte", "non dico", "nadie", "personne",
               "niemand", "ninguem", "nessuno", "where i", "trabajo", "curro", "bosse",
               "taffe", "trabalho", "lavoro")
_WINK = re.compile(
    r"\b(?:not that (?:i'm|im|i am) (?:\w+ )?biased|i (?:may|might) be (?:\w+ )?biased"
    # twenty-seventh round: the job hinted coyly ("I may or may not work there", "puede que
    # trabaje allí", "il se peut que j'y travaille", "kann sein, dass ich da arbeite")
    r"|i (?:may|might) or (?:may|might) not (?:work|be working) (?:there|for them|at|for)"
    r"|puede que (?:yo )?trabaje (?:alli|ahi|alla|en)|il se peut que j'y travaille"
    r"|kann sein,? dass ich (?:da|dort) arbeite|pode ser que eu trabalhe|forse ci lavoro"
    # twenty-eighth round: the reader told they know the job ("you know where I work 😉",
    # "ya sabéis dónde trabajo", "vous savez où je bosse", "ihr wisst ja, wo ich arbeite")
    r"|you (?:all |guys )?know where (?:i|i'm|im) (?:work|working)"
    r"|(?:ya )?(?:sabeis|sabes|saben) (?:donde|en que) (?:yo )?(?:trabajo|curro)"
    r"|(?:vous savez|tu sais|on sait) (?:ou|chez qui) je (?:bosse|travaille|taffe)"
    r"|(?:ihr wisst|du weisst|sie wissen)(?: ja| schon)?,? wo ich arbeite"
    r"|(?:voces sabem|sabem|sabes) onde (?:eu )?trabalho|(?:sapete|sai) dove lavoro"
    r"|(?:i'm|im|i am) (?:totally |a (?:little|bit) |slightly |completely |so )?biased"
    r"|(?:totally|completely|entirely|100%) (?:unbiased|neutral|objective|impartial)"
    r"|(?:yes|yeah|yep|si|sim|oui|ja),? (?:i'm|im|i am|soy|sou|je suis|ich bin) (?:a |un |una"
    r" |um |uma |ein |eine )?(?:huge |big |gran |grande |grosse |grosser )?(?:fan|fa)\b"
    r"|nobody (?:paid|pays|is paying) me|(?:not|never) (?:being )?paid to say"
    r"|(?:i'm|im|i am) not (?:being )?paid to say"
    r"|no lo digo porque me paguen|nadie me paga|no me pagan por|(?:totalmente|super|nada)"
    r" (?:objetiv[oa]|imparcial|neutral)|no soy (?:nada |muy )?(?:objetiv[oa]|imparcial)"
    r"|je dis ca,? je dis rien|(?:totalement|parfaitement|tout a fait|completement)"
    r" (?:objectif|objective|neutre|impartiale?)|je ne suis pas (?:du tout |tres )?(?:objectif"
    r"|objective|impartiale?)|personne ne me paie|on ne me paie pas"
    r"|(?:naturlich|total|vollig|komplett|absolut) (?:neutral|objektiv|unparteiisch"
    r"|unvoreingenommen)|ich sag(?:e)? ja nur|ich sag(?:e)? ja (?:nix|nichts)"
    r"|nicht dass ich befangen|ich bin (?:naturlich |total |etwas )?befangen"
    r"|niemand bezahlt mich|werde nicht dafur bezahlt"
    r"|sou (?:muito |meio )?suspeit[oa]|(?:totalmente|super) (?:imparcial|neutr[oa]"
    r"|objetiv[oa])|ninguem me paga|nao estou a ser pag[oa]|nao me pagam"
    r"|non lo dico perche mi pagan\w*|nessuno mi paga|(?:del tutto|totalmente|assolutamente)"
    r" (?:imparziale|neutrale|obiettiv[oa])|sono (?:un po' |un po |molto )?di parte"
    r"|non dico niente ma|non dico nulla ma)")

# "where I work" and "who I work for" in the six languages (folded text) ...
_WHERE_I_WORK = re.compile(
    r"\b(?:where|who|whom)\s+(?:i|i'm|im)\s+(?:work|working)\b"
    r"|\b(?:donde|para quien|en que)\s+(?:yo\s+)?(?:trabajo|curro)\b"
    r"|\b(?:ou|pour qui|chez qui)\s+je\s+(?:bosse|travaille|taffe)\b"
    r"|\b(?:wo|fur wen|bei wem)\s+ich\s+(?:arbeite|jobbe)\b"
    r"|\b(?:onde|para quem)\s+(?:eu\s+)?trabalho\b"
    r"|\b(?:dove|per chi|per cui)\s+(?:io\s+)?lavoro\b")
# ... said not to be said: a negation and a verb of saying just before it ("not saying", "won't
# tell you", "je ne dis pas", "ich sag nicht", "sin decir", "não digo", "non vi dico")
_NOT_SAYING = re.compile(
    r"\b(?:not|no|never|without|ne|pas|jamais|sans|nicht|nie|ohne|kein|nao|nunca|sem|non|mai"
    r"|senza|sin|cant|wont|dont)\b|n't\b")
_SAYING = re.compile(
    r"\b(?:say|saying|tell|telling|name|naming|mention|mentioning|reveal|revealing|disclose"
    r"|digo|decir|dire|diga|dire|dis|dit|dirai|direi|sag|sage|sagen|verrate|verraten|nenne"
    r"|nennen|dizer|digo|falo|falar|dico|dica|svelo|rivelo)\b")
# Thanks said to a handle: "thank you @x", "merci @x", "gracias a @x", "danke an @x".
_THANKS_TO_HANDLE = re.compile(
    r"\b(?:thank you|thanks|thx|ty|merci|gracias|danke|obrigad[oa]|grazie)"
    r"(?:\s+(?:so much|again|beaucoup|mille fois|infinitas|vielmals|mille))?[\s,!:]*"
    r"(?:(?:to|a|an|al|pour|por)\s+)?@")
# Thanks said right before a name (original text): "thanks @x", "¡gracias @x!", "Danke an die X",
# "merci à X", "obrigada X", "valeu X"
THANKS_RIGHT_BEFORE = re.compile(
    r"(?<![^\W_])(?:thanks|thank you|thx|ty|merci|gracias|danke|dank|obrigad[oa]|grazie|valeu)"
    r"(?:\s+(?:so much|a lot|again|beaucoup|mil|mille|vielmals))?[\s,!:]*"
    # (German "an" and French "à" thank someone; "thanks to", "gracias a", "grazie a" also
    # say "because of": "il mio nuovo sorriso grazie a X")
    r"(?:(?P<to>an(?:\s+(?:die|den|das))?|à|à la|aux)\s+)?[@＠]?$",
    re.IGNORECASE)
_THANKS_RIGHT_AFTER = re.compile(
    r"[\s,:!]*(?:thanks|thank you|thx|ty|merci|gracias|danke|obrigad[oa]|grazie|valeu)\b",
    re.IGNORECASE)
# A brand thanked for what it sent ("thanks Greenvale for the bottles", "merci à X pour le
# colis", "gracias a X por el paquete", "danke an X für das Paket", "obrigada à X pelos mimos",
# "grazie X per il pacco"), in the six languages (folded text; the words between hold the
# brand, which must be a partner's).
_THANKS_WORDS = ("thank", "thx", "cheers", "merci", "gracias", "danke", "obrigad", "grazie",
                 "valeu", "dank an")
# Thanks in the six languages (folded text), as the two readings below open.
# (twenty-eighth round: Brazilian "valeu", German "Dank an ...")
_THANKS = (r"\b(?:thank you|thanks|thx|cheers|merci|gracias|danke|obrigad[oa]|grazie|valeu"
           r"|(?:vielen |lieben |grossen |ein )?dank an)\b")
_GIFT_THANKS = re.compile(
    _THANKS +
    r"(?:\s+(?:so much|again|beaucoup|mille fois|infinitas|vielmals|mille|mil))?[\s,!:]*"
    r"(?:(?:to|a|an|al|pour|por|aux|a la|ao|alla)\s+)?(?:[\w@&'.-]+\s+){1,4}?"
    r"(?:for|pour|por|para|fur|pelo|pela|pelos|pelas|per)\s+(?:[\w']+\s+){0,3}?"
    r"(?:(?:goodie |gift |pr |care |sample )?(?:box|boxes|package|parcel|hamper|gifts?|goodies"
    r"|samples?|kit|treats|swag|freebies|bottles?|crate|case|delivery)"
    r"|colis|cadeaux?|bouteilles?|coffrets?|echantillons|paquet|panier"
    r"|paquetes?|regalos?|caja|botellas?|muestras|cesta|detalle|envio"
    r"|paket|pakete|geschenke?|flaschen|proben|kiste|zusendung"
    r"|pacotes?|presentes?|caixa|garrafas|amostras|mimos?|recebidos"
    r"|pacco|regali|bottiglie|campioni|cesto|omaggio|scatola)\b")
# Twentieth round: thanks for a thing of any name ("Thanks @Acme for the opening-night
# tickets", "Obrigada Acme pelos iogurtes", "Merci Acme pour cette montre"): what follows "for"
# is a gift unless it is one of these (help, a welcome, having one over, an award ...).
_THANKS_FOR = re.compile(
    _THANKS + r"[\s,!:]*"
    r"(?:(?:to|a|an|al|aux|ao|alla)\s+)?(?:[\w@&'.-]+\s+){1,4}?"
    r"(?P<prep>for|pour|por|para|fur|pelo|pela|pelos|pelas|per)\s+"
    r"(?P<det>(?:the|my|these|this|our|your"
    r"|cette|ce|cet|ces|mes|les|le|la|l'|los|las|el|este|esta|estos|estas|mis|os|as|o|a|este"
    r"|esta|meus|minhas|i|il|lo|gli|le|questo|questa|questi|den|die|das|diese[nmrs]?|meine[nmrs]?"
    r")\s*)?(?P<thing>[a-z][\w'-]*)")
_NOT_A_GIFT = frozenset((
    "support", "help", "hosting", "the", "opportunity", "chance", "chat", "talk", "shoutout",
    "shout", "feature", "award", "welcome", "warm", "invite", "invitation", "trust", "patience",
    "feedback", "everything", "all", "collaboration", "partnership", "years", "today",
    "tonight", "nothing", "a", "an", "apoyo", "ayuda", "oportunidad", "invitacion", "todo",
    "confianza", "acogida", "soutien", "aide", "accueil", "confiance", "tout", "unterstutzung",
    "hilfe", "einladung", "vertrauen", "alles", "apoio", "ajuda", "oportunidade", "convite",
    "confianca", "tudo", "supporto", "aiuto", "opportunita", "invito", "fiducia", "tutto",
    "your", "my", "our", "their", "his", "her", "nous", "vous", "me", "te", "nos", "vos", "ci",
    "vi", "uns", "mich", "dich", "euch", "us",
    # (an -ing word is read as a thing after "the" or "my": "for the reading list")
    "having", "being", "letting", "listening", "coming", "reading", "sharing", "following",
    "organising", "organizing", "making", "putting", "bringing", "keeping"))


def _thanks_for_a_thing(text: str) -> re.Match[str] | None:
    """"Thanks {someone} for {a thing}" where the thing is not help, a welcome or the like
    (folded text): how a gifted post thanks its sender."""
    for found in _THANKS_FOR.finditer(text):
        thing = found["thing"]
        if thing in _NOT_A_GIFT or thing.endswith("ing") and not found["det"] \
                or found["prep"] in _BEFORE_INFINITIVE and _INFINITIVE.search(thing):
            continue  # "for having us", "por acompañarnos", "pour nous accueillir"
        return found
    return None


# What a thanks is for, right after the name (folded): "for having us", "pour votre confiance"
_FOR_WHAT = re.compile(
    r"[\s,!]*(?:for|pour|por|para|fur|furs|pelo|pela|per)\s+(?:(?:the|your|votre|vos|ta|ton|tu"
    r"|su|vuestra|vuestro|eure|euer|deine|dein|ihre|a sua|o seu|la vostra|il vostro|la|le|el"
    r"|il|lo|o|a)\s+)?(?P<what>[a-z'-]+)")
# ... thanks for hospitality, trust or help, which thank no gift
_HOSPITALITY = frozenset((
    "having", "hosting", "welcome", "welcoming", "warm", "invite", "invitation", "inviting",
    "trust", "patience", "support", "help", "being", "letting", "coming", "organising",
    "organizing", "confiance", "accueil", "soutien", "aide", "confianza", "acogida", "apoyo",
    "ayuda", "invitacion", "vertrauen", "einladung", "unterstutzung", "hilfe", "confianca",
    "apoio", "ajuda", "convite", "fiducia", "supporto", "aiuto", "invito", "einladen"))
_BEFORE_INFINITIVE = frozenset(("por", "para", "pour", "per"))
# A verb after "por", "pour", "per" ... rather than a thing ("por acompañarnos", "per esserci")
_INFINITIVE = re.compile(r"(?:ar|er|ir|re)(?:nos|me|te|lo|la|los|las|le|les|ci|vi|mi|ti)?$"
                         r"|ndo$")


# Something free for the staff: "free lunch to staff", "gratis a sus empleados", "kostenloses
# Mittagessen für Mitarbeiter", "gratuit pour les salariés" (folded text).
_STAFF_PERK = re.compile(
    r"\b(?:free|gratis|gratuit\w*|kostenlos\w*|umsonst)\b(?:\s+[\w'-]+){0,3}?\s+(?:to|for|a|para"
    r"|pour|fur|an|ai|agli|per|aos|as)\s+(?:(?:all|our|its|the|their|sus|los|las|ses|les|seine"
    r"|ihre|die|os|as|seus|suas|i|gli|le|suoi|sue|tous les|todos los|alle)\s+)*"
    r"(?:staff|employees|workers|team|empleados|empleadas|trabajadores|personal|salaries"
    r"|employes|personnel|mitarbeiter\w*|beschaftigte\w*|funcionarios|trabalhadores|dipendenti"
    r"|lavoratori)\b")
# Criticism of a product: a gripe, a complaint, something made harder or worse, in the six
# languages (folded text).
_CRITICISM = re.compile(
    r"\b(?:gripe|grumble|complain\w*|annoying|frustrating|(?:harder|more difficult|worse) to"
    r"|not a fan|disappoint\w*|buggy|clunky|confusing|queja|me quejo|molest[oa]|frustrante"
    r"|mas dificil|peor|decepcion\w*|bemol|plainte|agacant\w*|frustrant\w*|plus difficile"
    r"|pire|decu\w*|kritik\w*|nervig\w*|argerlich\w*|frustrierend\w*|schwieriger|schlechter"
    r"|enttausch\w*|meckern|queixa|reclamac\w*|irritante|mais dificil|pior|decepc\w*"
    r"|lamentela|fastidios\w*|piu difficile|peggio|delus\w*)\b")


# "Sponsored by my paycheck", "patrocinado por mi sueldo", "gesponsert von meinem Gehalt": the
# writer paid, a joke about buying it, not a sponsor (folded text right after the label).
# A label named as what others must write, right before it (folded): "influencers have to
# label a paid partnership", "etiquetar como publicidad", "als Werbung kennzeichnen" comes
# after: the label is talked about, not used (twenty-ninth round).
_LABEL_NAMED = re.compile(
    r"\b(?:label|labelled|labeled|labelling|labeling|disclose|disclosed)"
    r"\s+(?:(?:it|them|posts?|content|videos?|this)\s+)?(?:as\s+)?(?:an?\s+)?$"
    r"|\b(?:etiquetar|etiquetado|etiquetada|rotular|rotulado|etichettare|etichettato"
    r"|etiqueter)\s+(?:(?:como|comme|come)\s+)?$")
_SELF_PAID = re.compile(
    r"\s*(?:(?:by|por|par|von|da|pelo|pela|dal|dalla)\s+)?"
    r"(?:(?:me|myself|nobody|no one|moi|mim|mir|me stess[oa])\b"
    r"|(?:my|my own|mi|mis|mon|ma|mes|mein|meinem|meiner|meinen|o meu|a minha|meu|minha"
    r"|il mio|la mia|mio|mia)\s+(?:\w+\s+)?"
    r"(?:pay ?cheque|paycheck|salary|wages|wallet|bank account|bank|savings|credit card"
    r"|overdraft|pocket|own money|sueldo|nomina|cartera|bolsillo|tarjeta|ahorros|salaire"
    r"|porte-?monnaie|portefeuille|compte en banque|poche|economies|gehalt|lohn|geldbeutel"
    r"|portemonnaie|konto|ersparnisse|salario|carteira|bolso|poupancas|stipendio|portafoglio"
    r"|tasca|conto|risparmi)\b)")


# Money asked for with no business behind it, in the six languages (folded text): raising
# money for a cause. (One's own old bike for sale stays a sale: writers disagree, and the
# selling-by-shape rule asks for the work account there.)
_NOT_A_BUSINESS = re.compile(
    r"\b(?:raising (?:money|funds)|fundrais\w*|charity|chip in|sponsor me|donat\w*"
    # a raffle is a lottery for a cause ("raffle tickets are £2", "rifa solidaria", "Tombola")
    r"|raffle\w*|tombola\w*|rifas?"
    r"|every (?:dollar|euro|pound|franc|penny|cent|bit) (?:goes|counts|helps)"
    r"|recaudando|recaudar fondos|a beneficio de|beneficen\w*|cada euro cuenta"
    r"|collecte de fonds|cagnotte|au profit de|chaque euro compte"
    r"|spendenaktion|spenden\w*|fur den guten zweck|jeder euro zahlt|jeder franken"
    r"|angaria\w* (?:de )?fundos|doac\w*|cada euro conta|a favor d[aeo]"
    r"|raccolta fondi|raccoglie fondi|raccogliamo fondi|beneficenza|donazion\w*|ogni euro conta"
    r")\b")


# A private one-off sale of used things (folded text): the things' state ("barely used",
# "quase nova", "très bon état", "wie neu", "come nuovo"), how they are handed over
# ("collection only", "recogida en", "à venir chercher", "nur Abholung", "ritiro a mano"),
# haggling ("or best offer", "VB", "à débattre", "trattabile") or the sale itself (a garage
# sale, a flea market, "selling my old ...", the neighbour's or the school's).
_PRIVATE_SALE = re.compile(
    r"\b(?:selling (?:my|our) (?:old|used|spare|outgrown|kids'?|son'?s|daughter'?s|baby'?s)"
    # one's own old thing sold, in the other languages ("Verkaufe mein altes Rennrad", "vendo
    # mi vieja bici", "je vends mon vieux vélo", "vendo o meu velho", "vendo la mia vecchia")
    r"|(?:verkaufe|vendo|je vends) (?:mein|meine|meinen|mi|mis|mon|ma|mes|o meu|a minha|os meus"
    r"|il mio|la mia|i miei|le mie) (?:alte[nrs]?|viej[oa]s?|vieux|vieille|ancien(?:ne)?s?"
    r"|velh[oa]s?|vecchi[oa]?|vecchie|gebraucht\w*)"
    r"|(?:garage|yard|moving|estate|car boot|boot|jumble|rummage|bake) sale|car boot|flea market"
    r"|barely (?:used|worn|ridden)|hardly (?:used|worn)|like new|gently used|good (?:condition"
    r"|nick)|outgrown|(?:or|or the) best offer|o\.?n\.?o|obo|(?:pick-?up|collection) (?:only"
    r"|from|in)|free to a good home|(?:neighbou?r|school|club|scout\w*) (?:is|are) selling"
    r"|casi nuev[oa]s?|como nuev[oa]s?|seminuev[oa]s?|poco uso|de segunda mano|recogida en"
    r"|mercadillo|rastro|negociable|tres bon etat|bon etat|etat neuf|comme neu(?:f|ve)s?"
    r"|a debattre|vide-greniers?|brocante|a (?:venir )?(?:recuperer|chercher)|d'occasion"
    r"|wie neu|kaum (?:benutzt|getragen|gefahren)|neuwertig|gebraucht\w*|vb|verhandlungsbasis"
    r"|(?:nur |selbst)abholung|abholung in|flohmarkt\w*|privatverkauf|quase nov[oa]s?"
    r"|como nov[oa]s?|pouco uso|usad[oa]s?|negociavel|so levantamento|feira da ladra|desapego"
    r"|come nuov[oa]|pari al nuovo|usat[oa]|trattabile|ritiro a mano|mercatin[oi]"
    r"|svuota ?cantin\w*)\b")
# ... unless it is a trade or an offer: made to order, restocked, a shop, a code or a link in bio
_TRADE = re.compile(
    r"\b(?:handmade|homemade|home-made|hand-made|made to order|taking orders|orders (?:open|are"
    r" open)|commissions?|restock\w*|pre-?orders?|my (?:shop|store|etsy|brand|business)|etsy"
    r"|link in (?:my )?bio|discount code|promo code|code|codigo|codice|gutschein\w*|affiliate"
    r"|hecho a mano|caser[oa]s|por encargo|fait maison|fait main|sur commande|handgemacht"
    r"|selbstgemacht\w*|auf bestellung|caseir[oa]s|feito a mao|por encomenda|encomendas"
    r"|fatt[oi] a mano|fatt[oi] in casa|su ordinazione|per ordini)\b")

# Something to read, watch or hear, named as such (folded text): an explainer, an article, a
# thread, a study ("Great explainer on why boarding takes so long: bit.ly/..."). A short link
# beside one shares reading, not a product, unless sales words say otherwise.
READING_MATTER = re.compile(
    r"\b(?:explainer|article|piece|essay|thread|long ?read|longform|op-ed|study|paper|report"
    r"|interview|video|documentary|podcast|episode|guide|write-?up|breakdown|deep dive|read"
    r"|articulo|hilo|reportaje|estudio|entrevista|documental|informe|fil|enquete|etude"
    r"|entretien|reportage|documentaire|artikel|beitrag|studie|bericht|reportage|doku"
    r"|artigo|fio|reportagem|estudo|entrevista|documentario|articolo|inchiesta|studio"
    r"|intervista|documentario|approfondimento)\b")

# Laughter said after a joke in the six languages' usual written forms; the emoji first as
# the cheap test ("lol", "jaja", "mdr", "kkkk", "rsrs", "ahah", "xD").
# Sales phrases that can be said to be absent, and the words that say so just before one
# ("no discount code", "pas de code promo", "sin sorteo", "kein Rabattcode", "sem código",
# "senza codice sconto")
_DENIABLE_CUES = frozenset(("promo_code", "discount", "call_to_order", "giveaway"))
_DENIED_BEFORE = re.compile(
    r"\b(?:no|zero|without|pas de|pas d'|sans|sin|ningun|ninguna|kein|keine|keinen|ohne|sem"
    r"|nenhum|nenhuma|senza|nessun|nessuna)\s+$")
# The writer's own win, before a giveaway word in its sentence ("me ha tocado la cesta en el
# sorteo", "I won the raffle", "j'ai gagné", "hab beim Gewinnspiel gewonnen" reads after)
_WON = re.compile(
    r"\b(?:i (?:just )?won|i've won|me ha tocado|me toco|he ganado|gane|j'ai gagne"
    r"|ich habe \w+ gewonnen|ganhei|ho vinto)\b")
_LAUGH_HINT = re.compile(r"[\U0001f602\U0001f923\U0001f605\U0001f606]|lol|lmao|haha|jaja|mdr|ptdr"
                         r"|kkk|rsrs|ahah|xd")
_JOKING = re.compile(r"[\U0001f602\U0001f923\U0001f605\U0001f606]|\b(?:lol|lmao|ha(?:ha)+h?"
                     r"|ja(?:ja)+j?|mdr|ptdr|k{4,}|(?:rs){2,}|ah(?:ah)+|xd)\b")
# A purchase the writer made, told in the past (folded): "bought 12 lbs", "got the kids' boots
# for half price", "compré", "j'ai acheté", "gekauft", "comprei", "ho comprato"
_TOLD_PURCHASE = re.compile(
    r"\b(?:bought|got (?:the|my|some|two|three)|picked up|snagged|compre|he comprado"
    r"|hemos comprado|j'ai achete|gekauft|comprei|ho comprato|abbiamo comprato"
    # twenty-ninth round: taken home ("Hab natürlich vier genommen", "me llevé tres")
    r"|(?:hab|habe|haben) (?:\w+ ){0,3}?(?:genommen|mitgenommen)|me lleve|nos llevamos"
    r"|j'en ai pris)\b")
# ... unless the offer is still on for the reader: "this week", "until Sunday", "today only"
_OFFER_NOW = re.compile(
    r"\b(?:this week|this weekend|until|till|til|ends|today only|while|hurry|hasta el|jusqu'a"
    r"|bis zum|ate|fino a)\b")


# Buying and a shop said (folded): "buy 2 get 1 free", "in my shop", "order now"
_BUYING = re.compile(
    r"\b(?:buy|buying|shop|store|order|orders|purchase|checkout|cart|compra\w*|pedid\w*"
    r"|tienda|achet\w*|command\w*|boutique|kauf\w*|bestell\w*|laden|acquist\w*|negozio"
    r"|loja|encomend\w*)\b")
_FREE_WORDS = frozenset(("free", "gratis", "gratuit", "gratuite", "gratuits", "gratuites",
                         "kostenlos", "kostenlose", "gratuito", "gratuita", "gratuitos",
                         "gratuitas", "gratuiti", "gratuite"))
_BARE_COUPON = frozenset(("coupon", "coupons", "cupom", "cupons", "cupon", "cupones", "cupao",
                          "cupoes"))
_PERCENT_OR_CODE = re.compile(r"%|\b[A-Z]{2,}\d{1,4}\b|\b(?:code|c[oó]digo|codice)\b",
                              re.IGNORECASE)


# What follows a phrase used as a figure about the writer: "... is how my brain works", "...
# is my love language", "... es mi filosofía", "... c'est ma devise", "... ist mein Motto",
# "... é o meu lema", "... è il mio motto" (folded text).
_SELF_FIGURE = re.compile(
    r"(?:\s+[\w-]+)??[\s,]*(?:(?:is|was)\s+(?:basically\s+|literally\s+|just\s+)?(?:how\s+(?:my|i)\b"
    r"|my\s+(?:love language|motto|philosophy|life|whole personality|brain|mentality|mindset"
    r"|religion|mantra)\b)"
    r"|es\s+(?:mi|como funciona mi)\b|c'est\s+(?:ma|mon|comme ca que mon)\b"
    r"|est\s+(?:ma|mon)\b|ist\s+(?:mein|meine|wie mein)\b|e\s+(?:o meu|a minha|como o meu"
    r"|il mio|la mia|come funziona il mio)\b)")


def _view_start(fold: TextView, original_start: int) -> int:
    """The folded view's position of an original start offset."""
    starts = fold.starts
    if starts is None:
        return original_start
    return bisect_left(starts, original_start)


def _view_end(fold: TextView, original_end: int) -> int | None:
    """The folded view's position of an original end offset (None when not found)."""
    starts = fold.starts
    if starts is None:
        return original_end
    index = bisect_right(starts, original_end - 1)
    return index if index <= len(fold.text) else None




AFFILIATE = Group("affiliate_link", "strong", "an affiliate link", "disclosure")
OFFER = Group("offer", "strong", "something offered for sale", "analysis")
DROP = Group("product_drop", "strong", "a limited product drop", "analysis")
JOIN = Group("join_perk", "strong", "an invitation to join with a perk", "analysis")
JOB_OFFER = Group("job_offer", "strong", "a job offer", "analysis")

# The employer named as the one hiring, perhaps with a place after its name ("Halbrook busca
# enfermeras", "Basketly sucht Fahrer:innen", "Acme Leeds is hiring", "Acme recrute des",
# "Acme cerca stagisti", "a Acme está a contratar"), not trying to do something ("busca
# reducir", "cherche à", "cerca di", "is looking to"; twenty-fourth round: "is hiring a senior
# engineer" is hiring, the "a" after it only the article) ...
_HIRES_AFTER_NAME = re.compile(
    r"(?:[ \t]+[A-ZÀ-Þ][\w-]*)?[ \t]+(?P<verb>(?i:(?:is|are) (?:hiring|recruiting|looking for)"
    r"|hires|(?:esta|está|estan|están|estão|estao) (?:contratando|buscando|reclutando|recrutando"
    r"|a contratar|a recrutar)|recrute|recrutent|embauche|sucht|assume|sta assumendo"
    r"|(?:busca|buscan|contrata|cherche|recherche|cerca|sta cercando|procura)"
    r"(?![ \t]+[^\W\d_]+(?:ar|er|ir|re)\b)(?![ \t]+(?:a|à|to|de|di|d'|zu|um)\b)))")
# ... with the offer's terms or a call to apply or write (folded text)
_JOB_TERMS = re.compile(
    r"\b(?:salary|wages?|sueldo|salario|bono de bienvenida|gehalt|bezahlung|verguetung|salaire"
    r"|stipendio|retribuzione|cdi|cdd|contrat|contrato|contratto|vertrag|full-time|part-time"
    r"|tiempo completo|jornada completa|temps plein|vollzeit|teilzeit|tempo pieno|remote|hybrid"
    r"|jobs?|careers?|empleo|emploi|stellen\w*|vagas?|shifts?|turnos|schichten|interns?"
    r"|internships?|becari[oa]s|practicas|stagiaires?|stage|praktik\w*|estagi\w*|stagist[ie]"
    # thirtieth round: weekend or seasonal staff ("weekend people", "fines de semana")
    r"|weekend (?:people|staff|shifts?|work)|fines de semana|seasonal|de temporada|saisonnier\w*"
    r"|saisonkr\w*|stagional\w*"
    r"|tirocini\w*|postdocs?|verstarkung|intern\w*"
    # Twenty-second round: the pay, the benefits, a CV or a referral ("$19/hr + benefits",
    # "decent pay", "DM me your CV", "hmu if you want a referral")
    r"|pay|benefits|cv|resume|referral|per hour|an hour|/hr|/hour|/h|bonus|bonus de \w+"
    # Twenty-third round: the team praised as job ads do ("great team, sunny office")
    r"|great team|lovely team|good team|buen equipo|super equipe|tolles team|otima equipa"
    r"|ottimo team|curro|the team is lovely|the pay is"
    # Twenty-fifth round: an apprenticeship or a season's work, a careers page in any
    # language ("Ausbildung", "per la stagione 2027", "lavora-con-noi", "/karriere"), good money
    r"|apprentice\w*|ausbildung\w*|aprendiz\w*|apprenti\w*|apprendist\w*"
    r"|(?:for the|para la|pour la|fur die|per la|para a) (?:season|temporada|saison|stagione)"
    r"|karriere|carrieres?|carreiras?|lavora[ -]con[ -]noi|trabaja[ -]con[ -]nosotros"
    r"|work[ -]with[ -]us|good money"
    # Twenty-ninth round: the work paid or freelance ("a freelance food photographer ...
    # Paid, obviously")
    r"|paid (?:role|position|job|gig|work|internship|placement|shifts?|opportunity)"
    r"|paid,? (?:obviously|of course)|freelance|freelancer)\b"
    # ... or the marks of a job advert's title ("(m/w/d)", "H/F", "(f/m/x)")
    r"|\((?:m|w|f|d|h|x|gn|div)(?:\s?/\s?(?:m|w|f|d|h|x|div)){1,3}\)|\bh/f\b|\bf/h\b")
_JOB_CALLS = re.compile(
    r"\b(?:apply|postul\w*|bewerb\w*|candidat\w*|dm me|dm if|message me|escribeme|escribidme"
    r"|ecrivez-moi|ecris-moi|schreib\w* mir|meldet euch|fala comigo|falem comigo|scrivimi"
    r"|scrivetemi|if (?:you're |you are )?(?:interested|curious)|si te interesa|si os interesa"
    r"|bei interesse|se ti interessa|se tiver interesse|hmu|hit me up|send me your"
    r"|mandem dm|manda dm|mandadme un dm|mandame dm"
    # Twenty-third round: "meldet sich bei mir", "que me escriba", "I'll put a word in"
    r"|meldet sich bei mir|melde dich bei mir|me escriba|put a word in"
    r"|put in a word|send (?:me |us |in )?(?:your |a |an )?(?:cv|resume)s?"
    # Twenty-seventh round: "mándenme mensaje", "DMs open", "pasadme el CV por DM"
    r"|mandenme (?:un )?(?:mensaje|dm|mp)|mandame (?:un )?mensaje|dms? (?:are )?open"
    r"|pasad(?:me)? (?:el|vuestro|tu) (?:cv|curriculum)"
    # Twenty-eighth round: the CV sent to the writer ("mandadme el CV por privado",
    # "envoyez-moi vos CV en MP"), someone sent their way ("if you know anyone, send them my
    # way", "¿sabéis de algún higienista ...?")
    r"|mand(?:adme|ame|enme|ad) (?:el|tu|vuestro|su) (?:cv|curriculum)|envoyez-moi|envoie-moi"
    r"|send (?:them|him|her) (?:my way|to me)|if you know (?:anyone|someone|somebody)"
    r"|know (?:anyone|someone|somebody) who"
    r"|(?:sabeis|sabes|conoceis|conoces|saben|conocen) (?:de )?(?:algun|alguna|alguien)"
    # thirtieth round: "drop me a message", "ping me", "get in touch", "contattatemi"
    r"|drop me an? (?:message|line|dm|note|email)|ping me|get in touch|reach out to me"
    r"|contact me|contactez-moi|contactame|contactadme|contattami|contattatemi"
    r"|kontaktier\w* mich|entre em contato|fale comigo|chama no (?:dm|direct|privado|pv|zap)"
    r"|me chama)\b")
# One's own side hiring, brand named or not: "we're growing, looking for a data analyst ...
# hybrid, dm me", "on recrute chez ..., CDI, postulez", "la mia agenzia cerca stagisti,
# scrivetemi", "Wir suchen Verstärkung! ... Bewerbt euch" (folded text; with a job term and a
# call to apply or write)
# (words one of which every hiring phrase holds: most drafts skip the pattern)
_HIRING_WORDS = ("hiring", "looking for", "recruit", "recrut", "embauch", "cherch", "such",
                 "we need", "vaga", "vacante", "pourvoir", "offene stelle", "posizion",
                 "busca", "procura", "cerca", "cerch", "contrat", "assum", "stellen ein",
                 "applica", "candidatur", "bewerbung", "cv", "resume", "necesitan", "opening",
                 "desperate", "crying out", "short of", "in need of", "falta", "manque",
                 "fehlen", "manca")
_EXPLICIT_HIRING = re.compile(r"hiring|recruit|recrut|embauch|contratando|contratar|contratamos"
                              r"|assum|stellen ein|(?:spot|position|vacancy|opening|role|post) "
                              r"(?:opening|open|going)"
                              # twenty-ninth round: "my team's looking for a data analyst"
                              r"|(?:team|company|agency|office|store|firm|department)"
                              r"(?:'s| is) looking for"
                              # thirtieth round: people sought ("busca gente", "is looking
                              # for weekend people"), staff needed by number
                              r"|(?:busca|buscan|buscamos|necesita|necesitan|necesitamos"
                              r"|cherche|cherchons|sucht|suchen|procura|procuram|cerca|cercano"
                              r"|cerchiamo|looking for) (?:[\w-]+ )?(?:gente|personal|people"
                              r"|staff|folks|hands|du monde|leute|pessoas|persone)\b"
                              r"|we need (?:\d|two|three|four|five|six|seven|eight|nine|ten"
                              r"|a few|more|extra)|vagas? abertas?|vacantes?|poste a pourvoir"
                              r"|offene stellen?|posizion[ei] apert[ae]")
HIRING_SAID = re.compile(
    r"\b(?:we're hiring|we are hiring|(?:(?:team|company|agency|office|store|firm|department)"
    r"(?:'s| is) |we're |we are |i'm |im )?looking for an?\b|recruiting"
    r"|on recrute|nous recrutons|on embauche|nous cherchons|wir suchen|(?:agency|company|team"
    r"|agencia|empresa|equipo|agence|boite|equipe|agentur|firma|team|agencia|empresa|equipa"
    r"|agenzia|azienda|squadra)(?: \([^()\n]{0,60}\))? (?:is hiring|busca|cherche|recrute"
    r"|sucht|procura|cerca)"
    r"|buscamos|estamos buscando|procuramos|estamos a procurar|cerchiamo|stiamo cercando"
    r"|estamos contratando|estamos a contratar|contratamos|stiamo assumendo|assumiamo"
    r"|wir stellen ein"
    # the writer's workplace hiring, unnamed ("my store is hiring", "my team's hiring")
    r"|(?:store|shop|team|office|branch|hotel|restaurant|firm|clinic|depot|warehouse|bakery"
    r"|cafe|salon|club|lot|company|place|employer|work|job|workplace)(?:'s| is| are) hiring"
    # thirtieth round: the writer's workplace looking ("my job is looking for weekend people",
    # "mi chamba busca gente"), staff needed by number ("we need 12 seasonal hosts")
    r"|\b(?:my|our) (?:job|work|workplace|employer|store|shop|team|office|company|place)"
    r"(?:'s| is| are) (?:looking for|after|recruiting)\b"
    r"|\b(?:mi|en mi) (?:chamba|curro|trabajo|jale|laburo|pega|chamba|empresa|tienda|oficina"
    r"|equipo) (?:busca|buscan|esta buscando|estan buscando|necesita|necesitan|contrata)\b"
    r"|\bvagas? abertas? (?:pra|para)\b|\b(?:hay|tenemos|abrimos|nueva|nuevas) (?:una )?vacantes?"
    r" (?:de|para)\b|\bposte a pourvoir\b"
    r"|\boffene stellen? (?:als|fur)\b|\bposizion[ei] apert[ae] (?:per|come)\b"
    r"|\bwe need (?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|a few|more|extra)"
    r" (?:[\w-]+ )?(?:[\w-]+ )?(?:hosts|staff|people|hands|drivers|cooks|chefs|waiters"
    r"|servers|baristas|cleaners|technicians|lifeguards|instructors|coaches|teachers|nurses"
    r"|carers|guides|stewards|porters|pickers|packers|volunteers)\b"
    # twenty-sixth round: "my work is hiring", "a Sunmarrow tá contratando", "manda teu
    # currículo", "envía tu CV"
    r"|\bta contratando|manda(?:m|i)? (?:teu|seu|o|tu|vuestro) (?:curriculo|cv)"
    r"|envia(?:me|d)? (?:tu|vuestro|el) (?:curriculo|cv)|envoyez(?:-moi)? (?:votre|vos) cv"
    # Twenty-third round: "meine Filiale sucht Verstärkung", "mi club busca"
    # ("meine Firma sucht" is the agency's line above)
    r"|(?:meine? (?:filiale|laden|verein|abteilung)|mi (?:club|tienda|oficina)"
    r"|ma (?:boutique|boite)|mon (?:club|magasin)) (?:sucht|busca|cherche|recrute)"
    # Twenty-fifth round: the workplace in the third person ("they're hiring ushers"),
    # applications for a programme of ours ("applications for our spring apprenticeship
    # close Friday"), a CV asked for ("Send CV and ask for Marek")
    r"|(?:they're|they are|theyre) (?:hiring|recruiting)"
    r"|(?:applications|candidatures|bewerbungen|candidaturas|candidature) (?:for|to|pour|fur"
    r"|para|per) (?:our|the|notre|nos|unser\w*|nuestr\w*|nosso\w*|il nostro|la nostra|i nostri)"
    r"|send (?:me |us |in )?(?:your |a |an )?(?:cv|resume)s?\b"
    # Twenty-seventh round: the writer's workplace looking, in the third person ("en mi curro
    # buscan técnicos", "where I work they're looking for"), a post opening up ("we've got a
    # spot opening up"), the CV passed on ("pasadme el CV")
    r"|(?:en mi (?:curro|trabajo|empresa|oficina|clinica|tienda|hotel)|where i work|at my (?:work"
    r"|job|place)|dans ma (?:boite|boutique)|bei mir (?:im job|in der firma)|no meu (?:trabalho"
    r"|emprego))(?:,)? (?:buscan|estan buscando|necesitan|they're looking for|they are looking"
    r" for|cherchent|recrutent|suchen|procuram|cercano)"
    r"|(?:we've got|we have|we've|there's|there is) an? (?:spot|position|vacancy|opening|role"
    r"|post) (?:opening up|opening|open|going)\b"
    r"|pasad(?:me)? (?:el|vuestro|tu) (?:cv|curriculum)\b"
    # Twenty-eighth round: "on cherche des matelots", the workplace short of people ("my
    # clinic is desperate for an orthodontist", "nos falta gente"), someone looking for work
    # asked after ("algún higienista que busque curro")
    r"|on cherche (?:des|un|une|deux|trois)\b"
    r"|(?:store|shop|team|office|branch|hotel|restaurant|firm|clinic|depot|warehouse|bakery"
    r"|cafe|salon|practice|school|site) (?:is|are) (?:desperate|crying out|short|in need)"
    r" (?:for|of)\b|nos falta (?:gente|personal)|nos hace falta (?:gente|personal)"
    r"|on manque de (?:monde|bras|personnel)|uns fehlen (?:leute|kollegen)"
    r"|falta-nos (?:gente|pessoal)|ci manca (?:personale|gente)"
    r"|que busque (?:curro|trabajo|empleo)|looking for (?:work|a job)\b)")

# Selling told by its shape rather than a sales word (personal accounts sell this way: "mugs,
# £30 each, message me to order"): a price together with one of a unit or starting price, a way
# to order privately, scarcity or delivery, or a first-person "selling". A price alone is a
# complaint or a story ("£7 for a coffee at the airport"). Over the folded text (lower case).
_PRICE = re.compile(
    r"(?:[$£€¥]|r\$)\s?\d{1,6}(?:[.,]\d{1,2})?(?!\d)"
    r"|(?<![\w.,])\d{1,6}(?:[.,]\d{1,2})?\s?(?:€|\$|£|eur\b|euros?\b|usd\b|gbp\b|dollars\b"
    r"|pounds\b|bucks\b|reais\b)")
_PRICE_BEFORE = re.compile(
    r"(?:\bfrom|\bstarting at|\bstarts? at|\bdesde|\ba partir de|à partir de|\bdès|\bab"
    r"|\ba partire da|\bstarting from"
    # twenty-ninth round: tickets at a price ("tickets €6 at auenbad.example", "entradas a
    # 8€ en taquilla", "Karten für 8 €")
    r"|\b(?:tickets?|entradas?|billets?|karten|eintritt|bilhetes?|ingressos?|biglietti"
    r"|biglietto)(?:\s+(?:a|à|ab|for|at|are|only|just|desde|des|dès|por|pour|fur|für|per|da"
    r"|zu))?)\s*$")
_PRICE_AFTER = re.compile(
    r"\s*(?:each|apiece|a piece|per (?:piece|item|print|jar|box|set|session)|a pop|cada|la unidad"
    r"|la pieza|(?:la |par )?pi[eè]ce|l'unit[eé]|chacune?|(?:das|pro|je) (?:st[uü]ck|glas|paar)"
    r"|a unidade|ciascun[oa]|l'un[oa]|cadauno|cada um|cada uma"
    r"|(?:or|o|ou|oder) (?:\d|two|dos|deux|zwei|dois|due) (?:for|por|pour"
    r"|f[uü]r|per))\b")
# ... or a price with the way to pay it, as tickets are sold ("$15 at the door or $12
# online", "10 € en taquilla, 8 € anticipada"): with a second price or a ticket named, since
# one price paid at a door is a story ("paid $15 at the door, worth it")
_PRICE_CHANNEL = re.compile(
    r"\s*(?:at the door|on the door|online|in advance|on the night|en taquilla|en la puerta"
    r"|anticipad[ao]s?|en l[ií]nea|sur place|[àa] l'entr[ée]e|en pr[ée]vente|en ligne"
    r"|an der (?:abend)?kasse|im vorverkauf|na porta|na bilheteria|antecipad[ao]s?"
    r"|alla cassa|in prevendita|all'ingresso)\b")
_TICKETS = re.compile(
    r"\b(?:tickets?|entradas?|billets?|karten|tickets|ingressos?|biglietti|biglietto)\b")
# ... or what a price buys the reader: "$5/month gets you bonus episodes", "por 3 € al mes
# tienes ...", "pour 5 € par mois vous avez ..."
_PRICE_BUYS = re.compile(
    r"\s*(?:(?:/|a |per |al |par |pro |por |ao |il |each )\s*(?:month|mo|mes|mois|monat|mese"
    r"|week|semana|semaine|woche|settimana|year|ano|a[nñ]o|an|jahr|anno)\b)?,?\s*"
    r"(?:gets you|get you|buys you|gives you|unlocks|te da|os da|vous donne|te donne|bekommst du"
    r"|bekommt ihr|te d[aá]|voc[eê] ganha|ti d[aà]|vi d[aà])\b")
# A figure compared over time: "up from €112", "went from", "est passé de", "stieg von",
# "subió de", "passou de", "è salito da" right before a price, and the price it went to
# ("... to €146", "von 112 € auf 146 €").
# A price the writer paid, right before it (thirty-first round): "thrifted for $4 each",
# "got them for £10", "paid €12", "lo compré por 5 €", "acheté 3 € pièce", "für 2 € gekauft"
# is the reverse order and not read.
_PAID_BEFORE = re.compile(
    r"\b(?:thrifted|bought|got (?:it|them|this|these|mine|one|two)|picked (?:it |them )?up|paid"
    r"|snagged|scored|found (?:it|them)|compr[eé]|comprado|comprada|pagu[eé]|pagado|achet[eé]e?s?"
    r"|pay[eé]e?s?|gekauft|bezahlt|comprei|paguei|comprato|comprata|pagato|pagata)"
    r"(?: (?:\w+ ){0,2}(?:for|por|pour|a|à|für|fur|per|da|at|por apenas|for only|for just))?\s*$")
_CHANGED_FROM = re.compile(
    r"\b(?:up|down|rose|risen|grew|grown|climbed|jumped|fell|fallen|dropped|went|gone|increased"
    r"|decreased|moved|subio|paso|bajo|crecio|passe|passant|monte|grimpe|baisse|stieg|gestiegen"
    r"|sank|gesunken|wuchs|gewachsen|subiu|passou|caiu|cresceu|salito|salita|passato|passata"
    r"|sceso|scesa|cresciuto|cresciuta)\s+(?:from|de|desde|von|da)\s*$")
_CHANGED_TO = re.compile(
    r"\b(?:up|down|rose|risen|grew|grown|climbed|jumped|fell|fallen|dropped|went|gone"
    r"|increased|decreased|moved|subio|paso|bajo|crecio|passe|passant|monte|grimpe|baisse|stieg"
    r"|gestiegen|sank|gesunken|wuchs|gewachsen|subiu|passou|caiu|cresceu|salito|salita|passato"
    r"|passata|sceso|scesa|cresciuto|cresciuta|von)\s+(?:from|de|desde|von|da)?\s*"
    + "(?:" + _PRICE.pattern.replace("(?<![\\w.,])", "") + r")\s+(?:to|a|auf|para|al|ad)\s*$")
_ORDER_PRIVATELY = Alternation.of(
    r"\b(?:dm|pm|inbox|message|text|whatsapp)\s+(?:me|us)\b|\bmessage\s+(?:to|for)\b"
    r"|\bpor\s+(?:privado|mensaje|md|dm|whatsapp)\b|\bescr[ií]b(?:eme|idme|enos|anme)\b"
    r"|\ben\s+(?:mp|priv[eé])\b|[eé]cri(?:s|vez)[- ]moi\b|\bmp\s+moi\b"
    r"|\bper\s+(?:pn|dm|privatnachricht)\b|\bschreib(?:t|en sie)?\s+mir\b"
    r"|\b(?:no|pelo|por)\s+(?:privado|direct|inbox|pv)\b|\bmand(?:a|em|e)\s+(?:mensagem|dm|msg)\b"
    r"|\bin\s+privato\b|\bscriv(?:imi|etemi)\b|\bdetails (?:and|&) (?:queue|prices|pricing)\b"
    r"|\bchi\s+(?:lo|la|li|le)\s+vuole\b|\bwho\s+wants\s+(?:one|them|it|some)\b"
    r"|\bqui\s+en\s+veut\b|\bqui(?:[eé]n)\s+(?:quiere|los quiere|las quiere)\b"
    r"|\bquem\s+quer\b|\bwer\s+(?:will|m[oö]chte)\s+(?:eins|welche|es)\b")
_SCARCE_OR_SHIPPED = Alternation.of(
    r"\bonly\s+\d{1,4}\s+(?:left|slots?|spots?|spaces?|places?|of each|available|remaining)"
    r"|\b\d{1,4}\s+(?:slots?|spots?)\b|\bcommissions?\s+(?:are\s+)?(?:open|again)"
    r"|\bopened commissions|\bbooking\b|\bquedan\s+(?:solo\s+)?\d|[uú]ltimas?\s+(?:unidades"
    r"|plazas|tallas)|\bplus que \d|derni[eè]res?\s+(?:tailles|pi[eè]ces|places)"
    r"|letzte[n]?\s+(?:gr[oö](?:ss|ß)en|st[uü]cke|pl[aä]tze)|\bnur noch \d|[uú]ltimas?\s+pe[cç]as"
    r"|\bultimi pezzi|\bshipping\b|\bships\b|\bpostage\b|\bversand\b|\benv[ií]os?\b"
    r"|\blivraison\b|\bspedizione\b|\bentrega\b|\babholung\b|\bcollection only\b"
    r"|\bpor encargo\b|\bpor encomenda\b|\bsur commande\b|\bauf bestellung\b"
    r"|\bsu ordinazione\b|\bcustom orders?\b|\bpre-?orders?\b")
# A price cut said in any of the six languages ("half off", "30 % auf alles", "a mitad de
# precio", "metà prezzo"): with a private way to order, the writer is selling.
_PRICE_CUT = Alternation.of(
    r"\bhalf\s+(?:off|price)\b(?!\s+(?:my|of my)\b)"
    r"|\b\d{1,2}\s?%\s*(?:off|discount|auf|de descuento|de desconto"
    r"|di sconto|de remise|de reduction|rabatt|sconto|descuento|desconto|dto)\b"
    r"|\b(?:a\s+)?mitad de precio\b|\bhalbe[nr]?\s+preis\b|\bmetade do preco\b"
    r"|\ba meio preco\b|\bmeta prezzo\b|\bmoitie prix\b|(?<![\w.%-])-\d{1,2}\s?%")
# Expressions read one alternative at a time (needles.Alternation: the same matches as
# the joined expression), for the shipped needle table (needle_table.py)
ALTERNATION_READERS = (UNMISTAKABLE_PRAISE, _ORDER_PRIVATELY, _SCARCE_OR_SHIPPED, _PRICE_CUT)
# Others asked whether they want something ("anyone need shoes?", "¿alguien quiere algo?"):
# with one's staff discount (the word list's staff_discount group), a sale.
_WHO_WANTS = re.compile(
    r"\b(?:anyone|anybody|who)\s+(?:need|needs|want|wants|fancy|fancies)\b|\btell me\b"
    r"|\balguien\s+(?:necesita|quiere)\b|\bquelqu'un\s+(?:veut|a besoin)\b"
    r"|\b(?:braucht|will|mochte)\s+jemand\b|\balguem\s+(?:precisa|quer)\b"
    r"|\bqualcuno\s+(?:vuole|ha bisogno)\b")
# The writer's workplace left unnamed ("the place I work", "my hospital", "en mi curro", "mon
# hôpital", "l'ospedale dove lavoro"): with an offer, a job or a private channel, the employer
# is promoted without its name (folded text).
_OWN_WORKPLACE = re.compile(
    r"\b(?:pays? my (?:wages|salary|bills)|(?:the|a)\s+(?:place|company|app|hospital|shop|store"
    r"|agency|firm|lab|clinic|team|charity|organisation|organization|nonprofit|kids' charity)\s+"
    r"(?:i|we)\s+work(?:\s+(?:at|for|on|in))?\b|where i work|my (?:place|hospital|agency|company"
    r"|employer|workplace|firm) (?:is|has|just|are|pays|gives|sells|makes)|from work\b"
    r"|at work (?:has|have|is)"
    r"|(?:en|de) mi curro|donde curro|donde trabajo|mi (?:empresa|hospital|agencia) (?:busca|paga"
    r"|tiene|da|contrata)|ou je (?:bosse|travaille)|(?:mon hopital|mon agence|mon entreprise"
    r"|ma boite|mon employeur) (?:recrute|paie|offre|cherche|a)|(?:bei|in|an) der ich arbeite"
    r"|wo ich arbeite|bei uns im (?:markt|laden|geschaft|store|shop|baumarkt|gartencenter"
    r"|studio|salon)\b|(?:mein krankenhaus|meine agentur|meine firma|mein arbeitgeber) (?:zahlt"
    r"|sucht|stellt|bietet|hat)|onde trabalho|(?:a minha empresa|o meu hospital|a minha agencia)"
    r" (?:paga|procura|tem|esta)|dove lavoro|per cui lavoro|in cui lavoro|(?:la mia agenzia"
    r"|il mio ospedale|la mia azienda) (?:cerca|paga|ha|offre|assume))")
# ... what makes it an offer: a job, a bonus or a discount, free delivery, a code, a way in
_WORKPLACE_OFFER = re.compile(
    r"\b(?:hiring|openings?|vacanc\w+|role|roles|bonus|bonuses|sign-on|cashback|discount|codes?"
    r"|free (?:delivery|shipping|month|trial)|invites?|vouchers?|dm me|message me|ping me"
    r"|drop me|link in (?:bio|my bio)|recrute|recrutement|prime|poste|postes|busca|bono|bonazo"
    r"|plazas|vacantes|envio gratis|codigo|sucht|stellt ein|pramie|antrittspramie|stellen"
    r"|gratis|kostenlos|vagas|estagio|entregas? gratis|cerca|stagisti|offerta"
    r"|sale|proceeds|off entry|[$£€]\s?\d+|reduziert|\d+\s?% (?:off|rabatt|reduziert|auf)"
    r"|consegna gratis|assume|schreibt mir|escribeme|mandame|me chama|chamem|scrivetemi"
    r"|je vous mets en contact|ecrivez-moi"
    # thirtieth round: the reader told they need it ("if you don't have coverage yet, you need
    # it")
    r"|you need (?:it|one|this|them|coverage)|you (?:have|got) to (?:get|try) (?:it|one|this))\b")
# The writer's own published work, in the six languages (folded text).
_BYLINE = re.compile(
    r"\b(?:my (?:latest |new |first |last )?(?:piece|article|story|column|essay|interview|review"
    r"|feature|report|reportage|episode|byline|long read|op-ed)|i wrote (?:about|a piece|this)"
    r"|mi (?:ultimo |nuevo )?(?:articulo|reportaje|columna|cronica|entrevista|pieza|episodio)"
    r"|mon (?:dernier |nouvel |nouveau )?(?:article|papier|reportage|portrait|episode)"
    r"|ma (?:derniere |nouvelle )?(?:chronique|enquete|tribune)"
    r"|mein (?:neuer |neuester |erster )?(?:artikel|text|beitrag|bericht|essay|interview)"
    r"|meine (?:neue |erste )?(?:reportage|kolumne|geschichte)"
    r"|o meu (?:novo |ultimo )?(?:artigo|texto|ensaio|episodio)"
    r"|a minha (?:nova |ultima )?(?:cronica|reportagem|entrevista|coluna)"
    r"|il mio (?:nuovo |ultimo )?(?:articolo|pezzo|reportage|editoriale|episodio)"
    r"|la mia (?:nuova |ultima )?(?:rubrica|inchiesta|intervista))\b")
# Orders opened or the last places of a class or event, in the six languages.
_OPEN_OR_FEW_LEFT = re.compile(
    r"\b(?:orders?|pre-?orders?|commissions?|bookings?)\s+(?:are\s+)?(?:now\s+)?open\b"
    r"|\b(?:pedidos|encargos|encomendas|commandes|bestellungen|ordini|prenotazioni|reservas)"
    r"\s+(?:est[aá]n\s+|sont\s+|sind\s+|sono\s+)?(?:abiert[oa]s|abert[oa]s|ouvert[e]?s"
    r"|offen|ge[oö]ffnet|apert[ie])\b"
    r"|\b(?:a\s+)?few\s+(?:spots?|places?|slots?|seats?|spaces?|tickets?)\s+(?:left|remaining)"
    r"|\b(?:spots?|places?|slots?|seats?)\s+(?:left|remaining)\s+(?:in|for|on)\b"
    r"|\bquedan\s+(?:pocas|algunas)\s+plazas|\bplus que quelques places"
    r"|\bnoch\s+(?:ein paar|wenige)\s+pl[aä]tze|\bultimi\s+posti|\b[uú]ltimas\s+vagas")
# Members recruited to a club, gym, shop or service: an invitation to join or sign up, in the
# six languages (folded text) ...
_JOIN_INVITE = re.compile(
    r"\b(?:join|sign up|signup|enrol+|register|become a member)\b(?! (?:me|us) for (?:a|an|the)"
    r"? ?(?:coffee|drink|walk|run|beer|pint|chat))"
    r"|\b(?:unete|unete|unios|apuntate|apuntaos|inscribete|inscribios|hazte soci[oa]"
    r"|haceos soci[oa]s|rejoins|rejoignez|inscris-toi|inscrivez-vous|deviens membre"
    r"|devenez membres?|tritt|tretet|meld(?:e|et)? (?:dich|euch) an|werde mitglied"
    r"|werdet mitglied|junta-te|juntem-se|inscreve-te|inscrevam-se|torna-te soci[oa]"
    r"|iscriviti|iscrivetevi|unisciti|unitevi|diventa soci[oa])\b")
# ... with a perk for joining: a joining fee waived, a first week or month free (folded text).
_JOIN_PERK = re.compile(
    r"\b(?:enrol+ment|joining|sign-?up|registration|membership|initiation|admin) fees?"
    r" (?:is |are |gets? |will be )?(?:waived|free|gone|on us|scrapped)"
    r"|\bno (?:joining|enrol+ment|sign-?up|registration|initiation) fees?\b|\bfees? waived\b"
    r"|\b(?:first|1st) (?:week|month|class|session|lesson)s? (?:is |are )?(?:free|on us|on me)\b"
    r"|\b(?:a |one )?free (?:first )?(?:week|month) (?:of membership|trial)?"
    r"|\b(?:cuota|matricula|coste) de (?:inscripcion|alta|entrada) (?:gratis|gratuita|cero)"
    r"|\bsin (?:cuota|matricula|coste) de (?:inscripcion|alta|entrada)|\bmatricula gratis"
    r"|\b(?:primera semana|primer mes|primera clase) (?:es |sale )?(?:gratis|gratuit[ao])"
    r"|\bfrais d'(?:inscription|adhesion) (?:offerts|gratuits|rembourses)"
    r"|\bsans frais d'(?:inscription|adhesion)"
    r"|\b(?:premiere semaine|premier mois|premier cours) (?:est )?(?:offert|offerte|gratuit)"
    r"|\b(?:keine|ohne) (?:aufnahme|anmelde)gebuhr|\b(?:aufnahme|anmelde)gebuhr (?:entfallt"
    r"|geschenkt|gratis|fallt weg)|\b(?:erste woche|erster monat|erstes training)"
    r" (?:ist )?(?:gratis|kostenlos|umsonst)"
    r"|\bsem (?:taxa|custo|joia) de (?:inscricao|adesao|entrada)"
    r"|\b(?:taxa|joia) de (?:inscricao|adesao) (?:gratis|gratuita|isenta|oferecida)"
    r"|\b(?:primeira semana|primeiro mes|primeira aula) (?:e )?(?:gratis|gratuit[ao])"
    r"|\biscrizione (?:gratuita|gratis|omaggio)|\bsenza (?:quota|costi?) d[i']\s?iscrizione"
    r"|\bquota (?:di )?iscrizione (?:gratis|gratuita|omaggio)"
    r"|\b(?:prima settimana|primo mese|prima lezione) (?:e )?(?:gratis|gratuit[ao]|in omaggio)")
# Orders opened sell whatever they are for; last places only for a class or the like.
_OPENED = re.compile(r"open|abiert|abert|ouvert|offen|ge[oö]ffnet|apert")
# What last places are sold for: a class, a workshop, a course, a session, a tour.
_SOLD_PLACES = re.compile(
    r"\b(?:class|classes|workshop|course|session|retreat|tour|bootcamp|masterclass|clase|taller"
    r"|curso|atelier|cours|stage|kurs|corso|laboratorio|aula|oficina|lesson|lessons)\b")
_SELLING = re.compile(
    r"\b(?:vendo|verkaufe|je vends|i'?m selling|selling (?:my|our|these|some)|hago|fa[cç]o)\b")
# A drop: a release word with a day or hour, and scarcity or a reminder to be there on time
# ("prints drop Friday 7pm, only 20 of each", "restock Saturday 10am, set a reminder").
_DROP_WHEN = re.compile(
    r"\b(?:drop|drops|restock|release|launch|lanzamiento|sortie|lancement|verkaufsstart"
    r"|lan[cç]amento)\b[^.!?\n]{0,30}?\b(?:today|tonight|tomorrow|this (?:week|weekend)|monday"
    r"|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}\s?(?:am|pm)|\d{1,2}[:h]\d{2}"
    r"|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|lundi|mardi|mercredi|jeudi"
    r"|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b")
_DROP_WORDS = ("drop", "restock", "release", "launch", "lanzamiento", "sortie", "lancement",
               "verkaufsstart", "lancamento", "lançamento")
_DROP_URGENCY = re.compile(
    r"\bset (?:a|an|your|the) (?:reminder|alarm)s?|\bsets? (?:a|an|your) alarms?"
    r"|\bonly\s+\d{1,4}\b|\b\d{1,4} of each\b|\bwent in \d{1,3} (?:minutes|mins|seconds)"
    r"|\bsold out in\b|\bdon'?t sleep on\b|\bpon (?:una|la) alarma|\bmets? (?:une|ton) (?:alarme"
    r"|r[eé]veil)|\bwecker stellen|\bnur \d{1,4}\b|\bsolo \d{1,4}\b|\bseulement \d{1,4}\b")


# Calls to action that are also nouns ("shop", "order", "la compra"), and the words that make
# them nouns right before them: an article, a possessive or a demonstrative, perhaps with one
# word between ("a tiny shop", "our shop managers", "la compra"). Folded text.
_NOUN_CALLS = frozenset({"shop", "order", "visit", "download", "buy", "register", "compra",
                         "reserva", "visita", "commande", "kaufen", "ordine", "acquista"})
_DETERMINER_BEFORE = re.compile(
    r"(?<![^\W_])(?:a|an|the|our|my|your|their|his|her|its|this|that|every|each|la|el|una|un"
    r"|tu|mi|su|nuestra|nuestro|le|une|ma|mon|ta|ton|notre|votre|uma|il|lo|der|die|das|ein"
    r"|eine|unser|unsere|mein|meine)\s+(?:[^\W\d_][\w'-]*\s+)?$")
# ... or a determiner and a name of capitalised words before it ("our Cardiff Queen Street
# shop", "the Leeds Kirkgate store": twenty-sixth round; original text).
_NAMED_BEFORE = re.compile(
    r"(?<![^\W_])(?i:our|my|the|their|your|this|la|el|le|der|die|das|o|il|nuestra|notre"
    r"|unser|unsere)\s+(?:[A-Z][\w'&-]*\s+){1,4}$")
# A hyphenated English phrasal call is the noun ("late check-out", "the sign-up form") unless
# it is said to be done now ("sign-up now"); "inscrivez-vous" and "inscrevam-se" are verbs.
_HYPHENATED = re.compile(r"[^\W\d_]-(?:out|in|up|off|on)\b", re.IGNORECASE)
# ... and a shop named as the place to buy ("new in the shop", "dans ma boutique") stays a call.
_PLACE_BEFORE = re.compile(r"(?<![^\W_])(?:in|at|on|from|to|en|dans|im|na|no|nel|nella)\s+\S+\s+$")
_NOW_AFTER = re.compile(r"\s*(?:now|today|here|at|ahora|hoy|maintenant|jetzt|agora|ora)\b")


# ... and an English call verb with someone else doing it ("customers would happily buy
# again", "we order from them", "they'll visit"): said of others, not asked of the reader.
_SUBJECT_BEFORE = re.compile(
    r"(?<![^\W_])(?:i|we|they|he|she|people|customers?|clients?|buyers|would|wouldn't|will"
    r"|won't|could|might|i'd|we'd|they'd|i'll|we'll|they'll)"
    r"\s+(?:(?:happily|always|never|just|still|also|often|usually|gladly|rarely)\s+)?$"
    # ... denied of them too: "customers don't buy the cheapest plan", "people never order"
    r"|(?<![^\W_])(?:i|we|they|he|she|people|customers?|clients?|buyers|users|shoppers)"
    r"\s+(?:don't|dont|doesn't|doesnt|didn't|didnt|can't|cant|cannot|never|rarely|seldom)\s+$"
    # ... and the writer's own errand, done or to do: "had to buy a new charger for $40",
    # "I need to order more", "forgot to book" (a complaint or a chore, not a call)
    r"|(?<![^\W_])(?<!you )(?<!u )(?<!ya )(?<!y'all )"
    r"(?:had|have|has|need|needed|needs|went|forgot|tried|wanted|want|got)\s+to\s+"
    r"(?:go\s+(?:and\s+)?)?$")
_ENGLISH_VERB_CALLS = frozenset({"shop", "order", "visit", "download", "buy", "register"})


# The writer gone somewhere to do a thing, in the past (folded, right before the verb):
# "went to buy", "fui (a) comprar", "je suis allée acheter", "sono andato a comprare";
# twenty-fourth round
_WENT_TO = re.compile(
    r"\b(?:i went to|we went to|went out to|popped out to|nipped out to|fui(?: a)?|fuimos a"
    r"|fomos|je suis allee?|on est alles?|nous sommes alles|sono andat[oa] a"
    r"|siamo andati a)\s+$")


def _noun_use(text: str, hit: LexiconHit) -> bool:
    """Whether a call-to-action hit is not a call: the word used as a noun (see
    :data:`_NOUN_CALLS`), or an English call verb said of someone else."""
    written = text[hit.start:hit.end]
    if _HYPHENATED.search(written):
        return _NOW_AFTER.match(fold_string(text[hit.end:hit.end + 12])) is None
    if _WENT_TO.search(fold_string(text[max(0, hit.start - 30):hit.start])) is not None:
        return True  # "fui comprar pão", "went to buy milk": the writer's errand, told
    word = fold_string(written)
    if word not in _NOUN_CALLS:
        return False
    before = fold_string(text[max(0, hit.start - 30):hit.start])
    if word in _ENGLISH_VERB_CALLS and _SUBJECT_BEFORE.search(before) is not None:
        return True
    if _NAMED_BEFORE.search(text[max(0, hit.start - 60):hit.start]) is not None:
        return True  # "our Cardiff Queen Street shop reopens": a named one, a noun
    return _DETERMINER_BEFORE.search(before) is not None and _PLACE_BEFORE.search(before) is None


def _join_cues(text: str) -> list[tuple[int, int, Group]]:
    """An invitation to join and a perk for joining (folded ``text``): their spans."""
    if (perk := _JOIN_PERK.search(text)) is None \
            or (invite := _JOIN_INVITE.search(text)) is None:
        return []
    return [(invite.start(), invite.end(), JOIN), (perk.start(), perk.end(), JOIN)]


def _offer_cues(fold: TextView) -> list[tuple[int, int, Group]]:
    """Selling or a drop told by shape (see above): view [start, end) spans and their group."""
    text = fold.text
    cues: list[tuple[int, int, Group]] = []
    if (offered := _OPEN_OR_FEW_LEFT.search(text)) is not None \
            and (private := _ORDER_PRIVATELY.search(text)) is not None \
            and (_OPENED.search(offered.group()) or _SOLD_PLACES.search(text)):
        # Places or orders offered with a private channel to take them, price or not ("few
        # spots left in Saturday's class, DM me", "encomendas abertas, manda DM")
        cues += [(offered.start(), offered.end(), OFFER), (private.start(), private.end(), OFFER)]
    if (workplace := _OWN_WORKPLACE.search(text)) is not None \
            and (offer := _WORKPLACE_OFFER.search(text)) is not None:
        # "the place I work is throwing money at ICU nurses, DM me", "l'app della spesa per
        # cui lavoro ha la consegna gratis": the employer promoted, unnamed
        cues += [(workplace.start(), workplace.end(), OFFER), (offer.start(), offer.end(), OFFER)]
    if (cut := _PRICE_CUT.first(text)) is not None \
            and (private := _ORDER_PRIVATELY.search(text)) is not None:
        # "half off the winter line if you message me", "30 % auf alles, schreibt mir"
        cues += [(*cut, OFFER), (private.start(), private.end(), OFFER)]
    if _DIGIT.search(text) is None:
        return cues
    frames: list[re.Match[str]] | None = None  # looked for only once a price is found
    for price in _PRICE.finditer(text):
        if _CHANGED_FROM.search(text, max(0, price.start() - 24), price.start()) \
                or _CHANGED_TO.search(text, max(0, price.start() - 40), price.start()):
            continue  # "ADR up from €112 to €146": a figure compared over time, not an offer
        if _PAID_BEFORE.search(text, max(0, price.start() - 30), price.start()):
            continue  # "thrifted for $4 each", "lo pagué a 3 €": a price the writer paid
        if frames is None:
            frames = [m for pattern in (_ORDER_PRIVATELY, _SCARCE_OR_SHIPPED, _SELLING)
                      for m in [pattern.search(text)] if m is not None]
        framed = _PRICE_BEFORE.search(text, max(0, price.start() - 20), price.start()) \
            or _PRICE_AFTER.match(text, price.end()) or _PRICE_BUYS.match(text, price.end()) \
            or (_PRICE_CHANNEL.match(text, price.end()) is not None and (
                _TICKETS.search(text) is not None
                or _PRICE.search(text, price.end()) is not None
                or _PRICE.search(text, 0, price.start()) is not None))
        if framed or frames:
            cues.append((price.start(), price.end(), OFFER))
            cues.extend((m.start(), m.end(), OFFER) for m in frames)
            break
    if any(word in text for word in _DROP_WORDS):
        when = _DROP_WHEN.search(text)
        if when is not None and (urgent := _DROP_URGENCY.search(text)) is not None:
            cues += [(when.start(), when.end(), DROP), (urgent.start(), urgent.end(), DROP)]
    return cues



# An indefinite article right before a word: "une pervenche" (a traffic warden), "a magpie"
# (the engine's codename reading also takes numerals: app/check/engine.py).
_ARTICLE_BEFORE = re.compile(
    r"(?<![^\W_])(?:a|an|un|une|una|uno|ein|eine|einen|einem|einer|um|uma)\s+$", re.IGNORECASE)


def _common_noun(text: str, hit: TermHit) -> bool:
    """Whether a one-word brand name the pack capitalises is written here as the common noun
    it also is: in lower case, after an indefinite article, in a draft whose writer uses
    capitals elsewhere ("Une pervenche m'a collé une amende" is a traffic warden, not the
    retailer Pervenche)."""
    written = text[hit.start:hit.end]
    name = hit.term.text
    if " " in name or not name[:1].isupper() or not written.isalpha() or not written.islower() \
            or getattr(hit.term.payload, "kind", None) != KIND_NAME or hit.disguises:
        return False
    return _ARTICLE_BEFORE.search(text, max(0, hit.start - 8), hit.start) is not None \
        and any(ch.isupper() for ch in text)


def _accented_otherwise(written: str, name: str) -> bool:
    """Whether ``written`` carries an accent that the brand's one-word ``name`` does not
    ("Sálvora", an island, for the bank's short name "Salvora"; "Málaga" for "Malaga"):
    people drop accents from names, they do not add them, so it is another word. (Look-alike
    letters from other scripts are not accents: those still count as the brand, disguised.)"""
    if written.isascii() or not name.isascii() or len(name.split()) > 1:
        return False  # (the full name, "Banco Sálvora", is the brand however it is accented)
    if name.startswith(("#", "＃")):
        return False  # a campaign tag is words run together; the pack drops their accents
        # ("#SonríeConSonrisol" for "#SonrieConSonrisol", twenty-eighth round)
    decomposed = unicodedata.normalize("NFD", written)
    return any(unicodedata.combining(ch) for ch in decomposed) \
        and unicodedata.normalize("NFC", "".join(
            ch for ch in decomposed if not unicodedata.combining(ch))).isascii()


def _written_hashtags(text: str, hits: list[TermHit]) -> list[TermHit]:
    """Keep a campaign hashtag's weight only where the ``#`` is written: the pack's
    "#Hollowmere" also matches the bare word, and "I make the trees in Hollowmere" names the
    game in passing, as its alias would; it is not the campaign tag."""
    kept: list[TermHit] = []
    spans = {(hit.start, hit.end) for hit in hits
             if hit.term.payload.kind != KIND_HASHTAG}  # type: ignore[attr-defined]
    for hit in hits:
        ref = hit.term.payload
        assert isinstance(ref, BrandRef)
        written = text[max(0, hit.start - 1):hit.start + 1]
        if ref.kind == KIND_HASHTAG and not any(mark in written for mark in "#＃"):
            if (hit.start, hit.end) in spans:
                continue  # the same words already count as the brand's name
            hit = TermHit(replace(hit.term, payload=replace(ref, kind=KIND_NAME)),
                          hit.start, hit.end, hit.disguises)
        kept.append(hit)
    return kept


def _sentence_before(text: str, start: int) -> str:
    window = text[max(0, start - 120):start]
    cut = max(window.rfind(mark) for mark in SENTENCE_STOPS)
    return window[cut + 1:]


@cache
def _ends_with_link(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?:\s+the)?\s*$", re.IGNORECASE)


_DIGIT = re.compile(r"\d")

# Right after a name: the rest of a web address ("acme" in "acme.example/cargo").
_ADDRESS_GOES_ON = re.compile(r"\.[^\W_]")


# An offer between a would-be job statement and the name ("first week free at" Acme, "un mes
# gratis en" Acme): a customer's perk, not a job (folded text).
_PERK_WORD = re.compile(
    r"(?<![^\W_])(?:free|waived|off|discount\w*|trial|gratis|gratuit\w*|offert\w*|descuento"
    r"|remise|rabatt|kostenlos|umsonst|desconto|sconto|omaggio|promo)(?![^\W_])")


def _employment_statement(text: str, hit: TermHit, frames: dict) -> int | None:
    """Where a first-person statement of working for the employer named at ``hit`` starts
    ("I'm starting a new role at" Acme, "I'm leaving" Acme), or None. An offer inside the
    would-be statement ("first week free at" Acme) makes it a customer's perk instead."""
    found = _job_statement(text, hit, frames)
    if found is None:
        return None
    said = fold_string(text[found:hit.start])
    if _PERK_WORD.search(said):
        return None
    words = [word for word in re.findall(r"[^\W_]+(?:'[^\W_]+)?", said)
             if word not in ("the", "la", "el", "l'")]
    if words and words[-1] in frames.get("customer_links", ()) and _names_a_product(
            text, hit.end, frozenset(frames.get("tenure_followers", ()))) and not any(
            word in frames.get("work_words", ()) and word not in _TIME_SERVED for word in words):
        # "my review after six months with Acme home cover", "I saved 3,000 in a year with
        # the Acme savings pots": time spent with a product, said by a customer
        return None
    if words and words[-1] in frames.get("customer_links", ()) \
            and _REVIEW_OF_TIME.search(fold_string(text[max(0, found - 40):found])):
        # "honest review after 6 months with Acme Total:": the time a reviewer spent with it,
        # whatever follows the name (twenty-seventh round)
        return None
    return found


# A review, verdict or update right before a span of time spent with something (folded).
_REVIEW_OF_TIME = re.compile(
    r"\b(?:review|verdict|update|opinion|thoughts|resena|opinion|veredicto|avis|verdict|bilan"
    r"|bewertung|fazit|erfahrungsbericht|avaliacao|opiniao|recensione|parere)\b[^.!?\n]{0,20}$")


_TIME_SERVED = frozenset({"years", "year", "months", "month", "day", "week", "anniversary"})


# Possessives, which cannot have joined: "use my referral link to join Acme" asks the reader
# to join ("I've joined Acme", "proud to join Acme" say the writer did)
_POSSESSIVES = frozenset(("my", "our", "mi", "mis", "nuestro", "nuestra", "mon", "ma", "mes",
                          "notre", "nos", "mein", "meine", "meinem", "meiner", "unser", "unsere",
                          "meu", "minha", "nosso", "nossa", "mio", "mia", "nostro", "nostra"))


# Articles and kinds of place that may stand between "I work at" and the name (folded words).
_BEFORE_NAME_FILLERS = frozenset((
    "l", "la", "le", "les", "el", "los", "las", "der", "die", "das", "dem", "den", "o", "os",
    "as", "il", "lo", "gli", "i", "university", "universite", "universitat", "universidad",
    "universidade", "universita", "hospital", "hopital", "krankenhaus", "klinik", "clinique",
    "clinica", "ospedale", "club", "school", "ecole", "schule", "escuela", "escola", "scuola"))
# ... and the prepositions that then come before them besides `before_name`'s ("at", "chez",
# "bei" ...): "à", "an", "beim", "im", "ao", "all"
_PLACE_PREPOSITIONS = frozenset((
    "a", "au", "aux", "an", "am", "im", "beim", "in", "ao", "all", "al", "alla", "allo", "nel",
    "nella", "del", "de", "da"))


_FILLER_BEFORE = re.compile(
    r"(?<![^\W_])(?:" + "|".join(sorted(_BEFORE_NAME_FILLERS, key=len, reverse=True))
    + r")['\s]*$")


def _job_statement(text: str, hit: TermHit, frames: dict) -> int | None:
    farewell = _farewell_statement(text, hit, frames)
    if farewell is not None:
        return farewell
    role = _as_role_statement(text, hit, frames)
    if role is not None:
        return role
    tenure = _tenure_statement(text, hit, frames)
    if tenure is not None:
        return tenure
    link = _ends_with_link(tuple(frames["before_name"]))
    if link.search(text, max(0, hit.start - 16), hit.start) is None \
            and _FILLER_BEFORE.search(fold_string(text[max(0, hit.start - 16):hit.start])) is None:
        return None  # the common case, answered without folding the sentence
    before = _sentence_before(text, hit.start)
    view = fold_view(before)
    words = view.words()
    if words and words[-1][2] == "the":
        words = words[:-1]
    # the article and kind of place before the name: "je travaille à l'université Avonmere",
    # "ich arbeite an der Avonmere University", "lavoro all'ospedale San Marco"
    skipped = 0
    while words and skipped < 3 and words[-1][2] in _BEFORE_NAME_FILLERS:
        words = words[:-1]
        skipped += 1
    if len(words) < 2 or words[-1][2] not in frames["before_name"] \
            and not (skipped and words[-1][2] in _PLACE_PREPOSITIONS):
        return None
    first_person = frozenset(frames["first_person"])
    offset = hit.start - len(before)
    last = words[-1][2]
    people = [index for index, word in enumerate(words[:-1]) if word[2] in first_person]
    if not people:
        people = _implied_person(words, tuple(frames.get("implied_first_person", ())))
    if not people:
        people = _time_served(words, frames)
    if not people:
        return None
    if last in frames["joining"]:
        # "I've joined Acme", not "use my link to join Acme": the reader is asked to join
        if words[people[-1]][2] in _POSSESSIVES:
            return None
        return offset + view.span(words[people[-1]][0], words[people[-1]][1])[0]
    work = frozenset(frames["work_words"])
    tokens = [word[2] for word in words]
    for index in range(len(words) - 2, -1, -1):
        if tokens[index] == "anniversary" and tokens[index + 1] in _TRIP_WORDS:
            continue  # "our anniversary trip ... the suite at Acme": a couple's, not a job's
        if tokens[index] in work and any(person < index for person in people) \
                or _role_phrase(tokens, index, frames):
            person = max((p for p in people if p <= index), default=people[0])
            return offset + view.span(words[person][0], words[person][1])[0]
        if len(words) - index > 12:
            break
    return None


# What an anniversary of a couple's is spent on (twenty-seventh round; a work anniversary is
# "my 5-year anniversary at", "work anniversary").
_TRIP_WORDS = frozenset(("trip", "dinner", "getaway", "weekend", "holiday", "holidays",
                         "vacation", "break", "escape", "stay", "night"))


def _time_served(words: list[tuple[int, int, str]], frames: dict) -> list[int]:
    """Where a length of service starts among ``words`` ("After four years on the launch team
    at", "Nach drei Jahren im Data-Science-Team bei"): time served in a team states the job
    with no pronoun, as a one-item list (empty when there is none)."""
    numbers = frozenset(fold_string(n) for n in frames.get("tenure_numbers", ()))
    units = frozenset(fold_string(u) for u in frames.get("tenure_units", ()))
    tokens = [word[2] for word in words]
    for index in range(len(tokens) - 1):
        if (tokens[index] in numbers or tokens[index].isdigit()) and tokens[index + 1] in units:
            return [index]
    return []


def _implied_person(words: list[tuple[int, int, str]], openings: tuple[str, ...]) -> list[int]:
    """Where a pronoun-less first-person opening ("Proud to lead ...", "Fière de ...") starts
    among ``words``, as a one-item list (empty when there is none)."""
    tokens = [word[2] for word in words]
    for opening in openings:
        parts = opening.split()
        for index in range(len(tokens) - len(parts)):
            if tokens[index:index + len(parts)] == parts:
                return [index]
    return []


@cache
def _as_role_pattern(openers: tuple[str, ...], links: tuple[str, ...],
                     most: int) -> re.Pattern[str]:
    opener = "|".join(r"\s+".join(re.escape(w) for w in o.split()) for o in openers)
    link = "|".join(re.escape(word) for word in links)
    return re.compile(rf"(?<![^\W_])(?:{opener})(?:\s+[^\W\d_][\w'-]*){{1,{most}}}\s+"
                      rf"(?:{link})(?:\s+the|\s+la|\s+el|\s+l')?\s*$", re.IGNORECASE)


def _as_role_statement(text: str, hit: TermHit, frames: dict) -> int | None:
    """Where "As a producer at" Acme ("como farmacéutica en", "als Apothekerin bei") starts,
    right before the employer's name at ``hit``, or None."""
    openers = tuple(frames.get("as_role", ()))
    if not openers:
        return None
    pattern = _as_role_pattern(openers, tuple(frames.get("as_role_before_name", ())),
                               int(frames.get("role_words_max", 4)))
    before = _sentence_before(text, hit.start)
    found = pattern.search(before)
    if found is None:
        return None
    said = found.group().casefold()
    if any(word in said for word in frames.get("as_role_not", ())):
        return None  # "as a long-time customer at Acme": a customer, not staff
    return hit.start - len(before) + found.start()


@cache
def _tenure_pattern(numbers: tuple[str, ...], units: tuple[str, ...],
                    links: tuple[str, ...]) -> re.Pattern[str]:
    number = "|".join(re.escape(word) for word in sorted(numbers, key=len, reverse=True))
    unit = "|".join(re.escape(word) for word in sorted(units, key=len, reverse=True))
    link = "|".join(re.escape(word) for word in links)
    return re.compile(rf"(?<![^\W_])(?:\d{{1,2}}|{number})\s+(?:{unit})\s+(?:{link})"
                      rf"(?:\s+the|\s+la|\s+el|\s+l')?\s*$", re.IGNORECASE)


def _tenure_statement(text: str, hit: TermHit, frames: dict) -> int | None:
    """Where "Ten years at" Acme ("diez años en", "zehn Jahre bei") starts, right before the
    employer's name at ``hit``, or None: a length of service states the job."""
    numbers = tuple(frames.get("tenure_numbers", ()))
    if not numbers:
        return None
    pattern = _tenure_pattern(numbers, tuple(frames.get("tenure_units", ())),
                              tuple(frames.get("as_role_before_name", ())))
    before = _sentence_before(text, hit.start)
    found = pattern.search(before)
    return None if found is None else hit.start - len(before) + found.start()


_NEXT_LOWER_WORD = re.compile(r"[ \t]+([^\W\d_][\w'-]*)")


def _names_a_product(text: str, end: int, followers: frozenset[str]) -> bool:
    """Whether the name ending at ``end`` qualifies a thing: a lower-case word follows (after
    any more capitalised words of the name) that is not one of the words that carry on a
    sentence about time served ("today", "and", "this week" ...)."""
    word = _NEXT_LOWER_WORD.match(text, end)
    for _ in range(3):  # past the rest of a longer name ("Acme Assurances home cover")
        if word is None or not word.group(1)[:1].isupper():
            break
        word = _NEXT_LOWER_WORD.match(text, word.end())
    if word is None or not word.group(1)[:1].islower():
        return False
    return fold_string(word.group(1)) not in followers


@cache
def _farewell_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted((r"\s+".join(re.escape(word) for word in phrase.split())
                    for phrase in phrases), key=len, reverse=True)
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(words)})"
                      r"(?:\s+(?:the|la|el|le|l'|a|o|die|das|den))?\s*$", re.IGNORECASE)


def _farewell_statement(text: str, hit: TermHit, frames: dict) -> int | None:
    """Where "I'm leaving" Acme ("my last day at", "dejo", "mon dernier jour chez", "mein
    letzter Tag bei", "deixo a", "lascio") starts, right before the employer's name at
    ``hit``, or None: leaving a job states it."""
    phrases = tuple(frames.get("leaving", ()))
    if not phrases:
        return None
    pattern = _farewell_pattern(phrases)
    if pattern.search(fold_string(text[max(0, hit.start - 40):hit.start])) is None:
        return None  # the common case, answered without folding the sentence
    before = _sentence_before(text, hit.start)
    view = fold_view(before)
    found = pattern.search(view.text)
    if found is None:
        return None
    return hit.start - len(before) + view.span(found.start(), found.end())[0]


def _role_phrase(tokens: list[str], index: int, frames: dict) -> bool:
    """"i m a" / "i am the" at ``index`` (the article), with a role of a few words after it
    before the final "at"/"for"."""
    if tokens[index] not in ("a", "an", "the") or index < 2:
        return False
    if len(tokens) - 1 - (index + 1) > int(frames.get("role_words_max", 4)):
        return False
    return tokens[index - 2] == "i" and tokens[index - 1] in ("m", "am")


@cache
def _workplace_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted((r"[\s-]+".join(re.escape(word) for word in phrase.split())
                    for phrase in phrases), key=len, reverse=True)
    return re.compile(rf"(?:['\u2019]s)?[ \t]++(?:[^\W_][\w-]*+[ \t]++)?(?:{'|'.join(words)})"
                      r"(?![^\W_])", re.IGNORECASE)


def _workplace_after(text: str, hit: TermHit, frames: dict) -> bool:
    """Whether the employer's name at ``hit`` is followed by a workplace word ("the Acme team",
    "the Acme features team", "Acme's HQ")."""
    return _workplace_pattern(tuple(frames["after_name"])).match(text, hit.end) is not None
