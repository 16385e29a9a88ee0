"""What a post on a work account does, beyond its sales words: the employer's news, and the
writer's own side business.

On one's own work account the connection to the employer is clear from the account, so the
employer's news needs no disclosure (16 CFR 255.5 asks for one only where the audience does not
expect the connection): a job offer, a report or data set published, an episode or article of
one's own outlet, a call for pitches or study participants, a free workshop or open house, a
sponsorship said plainly. Selling on that account (a price, a discount, "buy", "back in stock",
a code, a rating) still needs it. ``news_acts`` finds what the post does; ``selling_word``
tells a sales word from the everyday words such posts also use ("store", "delivery", "free"
workshop, "details at", "sign up", the pay offered to a writer).

The writer's own side business, sale or gig on a work account ("I also shoot weddings, now
booking", "my band plays Friday, tickets £8", "selling my camera collection, DM for prices") is
neither the employer's news nor its product: ``own_sideline`` finds it.

Every pattern runs on the folded text (lower case, accents removed) and starts with a group of
plain words, so a draft without them is skipped at once. Patterns compile on first use.
"""

from __future__ import annotations

import re
from functools import cache

# --- the employer's news -------------------------------------------------------------------

# A job offered: "we're hiring", "recruiting delivery drivers", "open roles", "nous
# recrutons", "wir suchen", "estamos a contratar", "cerchiamo", "apply by Friday".
_HIRING = (
    r"\b(?:hiring|recruiting|recruitment|(?:open|new) (?:roles?|positions?|jobs?)"
    r"|job (?:openings?|offers?|ads?)|join (?:our|the) team|apply (?:now|here|by|at|via|before"
    r"|today|online)|applications? (?:are )?(?:open|close\w*)"
    r"|(?:estamos|esta|estan|estao) (?:contratando|reclutando|buscando|recrutando"
    r"|a (?:recrutar|contratar))|buscamos|se buscan?|busca|procura|sucht|stellt ein"
    r"|sta (?:assumendo|cercando)|assume|cerca"
    r"|ofertas? de (?:empleo|trabajo)|unete a (?:nuestro|el) equipo|postula\w*"
    r"|nous recrutons|on recrute|on embauche|nous embauchons|recrute\w*|offres? d'emploi"
    r"|postulez|rejoignez (?:notre|l')equipe|candidatez"
    r"|wir (?:suchen|stellen ein)|stellenangebot\w*|stellenanzeige\w*|(?:jetzt )?bewerb(?:en|t euch"
    r"|e dich)|verstark\w* (?:unser|das) team"
    r"|vagas?|candidat(?:a-te|e-se"
    r"|em-se)|faca parte"
    r"|stiamo (?:assumendo|cercando|reclutando)|cerchiamo|posizion[ie] apert[ea]"
    r"|offert[ae] di lavoro|candidatevi|lavora con noi"
    # Twenty-first round: a role looked for ("looking for a senior Kotlin developer to join my
    # team"), one's own team to join, and a careers page linked ("caleta.example/careers")
    r"|(?:i'm|i am|we're|we are|currently) looking for (?:a|an|two|three|four|\d) "
    r"|^looking for (?:a|an|two|three|four|\d) |join my team"
    r"|[a-z0-9-]+\.[a-z]{2,}/(?:careers|jobs|empleo|empleos|trabaja-con-nosotros|carrieres"
    r"|recrutement|karriere|jobs|carreiras|vagas|lavora-con-noi))\b")

# Something published: a report, data, an audit, an episode or article of one's own outlet
# ("our sustainability report is out", "we published the accessibility audit", "new episode",
# "our open-data feed is now public", "released a free font"), in the six languages.
_WORKS = (
    r"(?:report|study|survey|audit|data|dataset|data set|feed|findings|results|paper|white ?paper"
    r"|research|analysis|episode|article|story|piece|investigation|interview|essay|guide"
    r"|toolkit|font|typeface|library|template|podcast|series|documentary|map|index"
    r"|informe|memoria|estudio|encuesta|auditoria|datos|episodio|articulo|reportaje|entrevista"
    r"|rapport|etude|enquete|donnees|episode|reportage|bericht|studie|umfrage|daten|folge"
    r"|artikel|reportage|relatorio|estudo|inquerito|pesquisa|dados|episodio|artigo|reportagem"
    r"|rapporto|studio|indagine|sondaggio|dati|episodio|articolo|inchiesta|intervista)s?")
_PUBLISHED = (
    r"\b(?:out now|published|released|open-sourced|now public|is public|are public|now live"
    r"|is live|is out|are out|now online|is online|publicad[oa]s?|publicamos|ya disponibles?"
    r"|en linea|publie\w*|publions|en ligne|veroffentlich\w*|online|publicad[oa]s?"
    r"|disponivel|pubblicat[oaie]|pubblichiamo)\b")
# ... the new one said with its noun ("new episode", "nouvel épisode", "full report: ...")
_NEW_WORK = (
    r"\b(?:new (?:episode|article|report|study|research|podcast|essay|interview)"
    r"|full (?:report|results|data|study|episode|story)|read (?:the|our) (?:full )?(?:report"
    r"|study|findings|audit|story|piece|article)|nuevo episodio|informe completo"
    r"|nouvel episode|rapport complet|neue folge|novo episodio|relatorio completo"
    r"|nuovo episodio|rapporto completo)\b")
# (a publication word and a verb of publishing in the same sentence, either order)
_PUBLICATION = (
    rf"{_NEW_WORK}|\b{_WORKS}\b[^.!?\n]{{0,60}}?{_PUBLISHED}"
    rf"|{_PUBLISHED}[^.!?\n]{{0,60}}?\b{_WORKS}\b")

# A call for pitches, papers or study participants: "call for pitches", "looking for
# participants for a sleep study", "appel à candidatures", "Probanden gesucht".
_CALL = (
    r"\b(?:call for (?:pitches|papers|proposals|submissions|speakers|entries|participants"
    r"|volunteers|contributors)|send (?:us )?(?:your )?pitches|pitch us"
    r"|(?:looking for|seeking|recruiting) (?:\w+ ){0,2}?(?:participants|volunteers|testers"
    r"|contributors|freelancers|speakers)|(?:participants|volunteers) (?:wanted|needed)"
    r"|convocatoria|(?:buscamos|se buscan) (?:\w+ ){0,2}?(?:participantes|voluntari[oa]s"
    r"|colaborador\w*)"
    r"|appel a (?:candidatures|contributions|propositions|projets|participants|temoignages)"
    r"|(?:nous cherchons|recherchons) (?:des )?(?:participants|volontaires|benevoles)"
    r"|(?:teilnehmer\w*|proband\w*|freiwillige) gesucht|wir suchen (?:\w+ ){0,2}?(?:teilnehmer\w*"
    r"|proband\w*|freiwillige)"
    r"|chamada (?:de|para) (?:propostas|artigos|trabalhos|participantes)|procuramos (?:\w+ ){0,2}?"
    r"(?:participantes|voluntari[oa]s)|cerchiamo (?:\w+ ){0,2}?(?:partecipanti|volontari))\b")

# A free event for the community, or doors open to all: "free workshop", "open house",
# "everyone welcome", "jornada de puertas abiertas", "Tag der offenen Tür", "ingresso libero".
_EVENTS = (
    r"(?:workshops?|webinars?|talks?|events?|sessions?|class(?:es)?|seminars?|meetups?"
    r"|screenings?|tours?|clinics?|talleres|taller|charlas?|eventos?|sesion(?:es)?|jornadas?"
    r"|ateliers?|conferences?|seminaires?|rencontres?|veranstaltung\w*|vortrag\w*|kurs\w*"
    r"|oficinas?|palestras?|sess(?:ao|oes)|laboratori[oi]|incontri|incontro|seminari[oi])")
_FREE = r"(?:free|gratuit\w*|gratis|kostenlos\w*|offert\w*)"
_FREE_EVENT = (
    rf"\b(?:{_FREE} (?:\w+ ){{0,2}}?{_EVENTS}|{_EVENTS} (?:\w+ ){{0,2}}?{_FREE}"
    r"|open (?:house|day|studio)|(?:everyone|everybody|all) (?:is |are )?welcome"
    r"|(?:jornada de )?puertas abiertas|(?:journee )?portes ouvertes|tag der offenen tur"
    r"|portas abertas|dia aberto|porte aperte|todos bienvenidos|todo el mundo es bienvenido"
    r"|entrada (?:libre|livre|gratuita)|entree (?:libre|gratuite)|eintritt frei"
    r"|ingresso (?:libero|gratuito)|tous (?:sont )?les bienvenus|alle sind willkommen"
    r"|todos sao bem-vindos|tutti (?:sono )?i benvenuti)\b")


# A programme of help, not a product: "our new support programme for foster families",
# "nuestro nuevo programa de apoyo", "programme de bourses", "Förderprogramm", "programa de
# mentoria", "programma di sostegno".
_PROGRAMME = (
    r"\b(?:(?:support|mentoring|mentorship|scholarship|bursary|volunteering|apprenticeship"
    r"|outreach|welfare|wellbeing) (?:programme|program|scheme)s?"
    r"|(?:programme|program|programa|programma)s? (?:de |of |di |d')(?:apoyo|ayuda|ayudas"
    r"|becas|mentoria|voluntariado|aprendices|soutien|aide|bourses|mentorat|benevolat|apoio"
    r"|bolsas|sostegno|aiuto|borse|volontariato|support|mentoring|scholarships)"
    r"|(?:forder|stipendien|mentoring|ausbildungs|unterstutzungs|hilfs)programm\w*)\b")


@cache
def _news_pattern() -> re.Pattern[str]:
    return re.compile("|".join((_HIRING, _PUBLICATION, _CALL, _FREE_EVENT, _PROGRAMME)))


def news_acts(folded: str) -> list[tuple[int, int]]:
    """Where the folded text does the employer's news (a job offer, a publication, a call for
    pitches or participants, a free event, a programme of help), as folded [start, end)
    spans."""
    return [(found.start(), found.end()) for found in _news_pattern().finditer(folded)]


# Sales words such posts use in another sense: the store's opening hours, the delivery app
# audited, a "cage-free" or "free" workshop, the episode or issue that is news, a link to the
# details, a sign-up for the free event, a download of what was published.
_EVERYDAY_SALES_WORDS = frozenset((
    "store", "stores", "delivery", "deliveries", "free", "gratis", "gratuit", "gratuite",
    "gratuits", "gratuites", "gratuito", "gratuita", "gratuitos", "gratuitas", "kostenlos",
    "kostenlose", "new episode", "new episodes", "new issue", "new issues", "available",
    "launch", "launched", "launching", "product", "products", "tienda", "tiendas", "boutique",
    "negozio", "loja", "lojas",
    "details at", "info at", "more at", "see more at", "read more", "learn more",
    "find out more", "sign up", "register", "download", "head to", "head over to", "visit",
    "check out", "check it out", "apply", "apuntate", "apuntaos", "inscribete", "inscribeos",
    "inscrivez-vous", "inscris-toi", "anmelden", "jetzt anmelden", "inscreva-se",
    "inscrevam-se", "iscriviti", "iscrivetevi", "meldet euch", "melde dich", "einfach melden",
    "come along", "swing by", "stop by", "pop in", "pop by", "drop by", "follow us",
))

# A sum paid BY the employer, not a price asked: "we pay $1.50 a word", "€14 an hour", "salary
# £32k", "sueldo de 1.800 €", "rémunéré 12 € de l'heure", "Gehalt 3.000 €" (not "rates from
# $99", "$8 a month": prices).
_PAY_BEFORE = (
    r"\b(?:we pay|we'll pay|pays|paying|paid|salary|wage|wages|stipend|sueldo|salario|pagamos"
    r"|remunera\w*|salaire|payons|gehalt|lohn|vergutung|wir zahlen|stipendio"
    r"|retribuzione|paghiamo|compenso)\b[^.!?\n]{0,20}$")
_PAY_AFTER = (
    r"^[^.!?\n]{0,4}(?:a|an|per|/|por|par|de l'|pro|all'|a l'|la|al)\s?(?:word|hour|h"
    r"|article|piece|palabra|hora|mot|heure|wort|stunde|palavra|parola|ora)\b")


def pay_offered(before: str, after: str) -> bool:
    """Whether a sum with the folded words ``before`` and ``after`` it is pay the employer
    offers (a wage, a rate per word or hour), not a price."""
    before_pattern, after_pattern = _pay_patterns()
    return before_pattern.search(before) is not None or after_pattern.match(after) is not None


@cache
def _pay_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(_PAY_BEFORE), re.compile(_PAY_AFTER)


# Praise words that ask the reader to get it ("grab your copy", "pick one up"): a sale, even
# beside news.
_CALLS_TO_GET = frozenset(("grab", "buy", "pick up", "try"))


def call_to_get(folded_words: str) -> bool:
    """Whether a praise cue (its folded words) asks the reader to get the thing."""
    return folded_words.strip(" .,:;!?") in _CALLS_TO_GET


def everyday_sales_word(folded_words: str) -> bool:
    """Whether a cue found by the promotion word lists (its folded words) is one the employer's
    news also uses in another sense ("store", "free", "details at"), not a call to buy."""
    return folded_words.strip(" .,:;!?") in _EVERYDAY_SALES_WORDS


# --- one's own side business -----------------------------------------------------------------

# The writer's own sideline: "side project", "side hustle", "I also shoot weddings", "on
# weekends I bake", "selling my ...", "my band plays", "my cupcakes", in the six languages.
_SIDELINE = (
    r"\b(?:side (?:project|business|hustle|gig|line)s?|my (?:own )?(?:[\w-]+ ){0,2}?business"
    r"|business on the side|i (?:teach|give) (?:private )?(?:lessons|classes)"
    r"|doy clases|hago tartas|je revends (?:mon|ma|mes)|je donne des cours"
    r"|(?:to|tou|estou) (?:a )?vend(?:endo|er)|gebe (?:private )?(?:nachhilfe|kurse|stunden)"
    r"|do (?:aulas|explicacoes)|do lezioni|faccio (?:torte|lezioni)"
    r"|in my spare time|on (?:the )?weekends i|i also (?:shoot|sell|make|bake|teach|offer"
    r"|design|paint|photograph|film|cater|knit|repair|tutor|coach)"
    r"|selling my|my (?:[\w-]+ ){0,3}?(?:band|gig|cupcakes|cakes|bakes|cookies|candles|prints"
    r"|paintings|art|artwork|photos|photography|jewellery|jewelry|pottery|ceramics|crafts|stall"
    r"|etsy)\b"
    # "I sell my own handmade chalk bags", "my own Etsy shop", "shameless plug: my personal
    # photography prints", a relative's business ("my husband's food truck", "my sister runs")
    # a trade beside the job ("also DJing weddings", "when I'm not onboard, I'm behind the
    # lens"), one's old things offered ("anyone want to buy my old scuba gear?")
    r"|also (?:djing|dj'ing|dj-ing|doing|shooting|photographing|filming|teaching|tutoring"
    r"|baking|catering)|(?:i'm|i am) behind the lens|when i'm not (?:onboard|on board|at work"
    r"|on shift|at the office|in the office)"
    r"|(?:anyone|does anyone|who) (?:want|wants|wanna) to buy my"
    # ... in the other languages ("en dehors de mon poste, je suis aussi coach", "mes
    # confitures maison sont dispo", "neben dem Job verkaufe ich", "además del trabajo")
    r"|en dehors de mon (?:poste|travail|job|boulot)|je suis aussi (?:coach|photographe|prof"
    r"|professeure?|traiteur|fleuriste|couturiere|dj)|mes (?:confitures|gateaux|cookies|bougies"
    r"|bijoux|savons|tableaux|creations|tricots|cosmetiques)(?: maison| faits? main)?"
    r"|neben (?:dem job|der arbeit|meinem job)|nebenbei (?:verkaufe|mache|biete)"
    r"|ademas del (?:trabajo|curro)|fuera del (?:trabajo|curro)|alem do (?:trabalho|emprego)"
    r"|oltre al (?:lavoro|mio lavoro)"
    r"|i sell my own|my own (?:etsy|shop|store|online shop)|shameless plug|my personal "
    r"(?:photography|prints|art|artwork|shop)"
    r"|my (?:husband|wife|partner|sister|brother|mum|mom|dad|son|daughter|cousin|friend)(?:'s)?"
    r" (?:runs|owns|has|just opened|food truck|shop|store|business|bakery|cafe|salon|studio"
    r"|restaurant)"
    r"|proyecto personal|mi (?:propio )?negocio|en mis ratos libres|los fines de semana (?:hago"
    r"|vendo|toco)|tambien (?:hago|vendo|doy|ofrezco|fotografio)|vendo (?:mi|mis)|mi (?:banda"
    r"|grupo|pasteleria)\b"
    r"|projet perso\w*|mon (?:propre )?(?:business|entreprise|activite)|je fais aussi"
    r"|je vends (?:mon|ma|mes)|mon groupe (?:joue|jouera)|ma patisserie"
    r"|nebenprojekt|nebenjob|nebengewerbe|mein (?:eigenes )?(?:geschaft|business)"
    r"|ich (?:verkaufe|fotografiere|backe) (?:auch )?|meine band (?:spielt|tritt)"
    r"|projeto (?:paralelo|pessoal)|meu (?:proprio )?negocio|tambem (?:faco|vendo|dou)"
    r"|vendo (?:o meu|a minha|os meus|as minhas)|minha banda (?:toca|vai tocar)"
    r"|progetto personale|la mia (?:attivita|band)|anche (?:faccio|vendo)"
    r"|vendo (?:il mio|la mia|i miei|le mie)"
    # a shop or business the writer runs or has just opened ("I run a little candle business",
    # "je lance ma petite boutique", "ho aperto il mio negozio online", "abri a minha loja")
    r"|i (?:also )?(?:run|own|started|launched|opened|have) (?:a|my) (?:[\w&'-]+ ){0,3}?(?:business"
    r"|shop|store|brand|bakery|boutique|etsy)"
    r"|(?:abro|abri|lanzo|lance|he abierto|tengo) (?:mi|una) (?:pequena )?(?:tienda|tiendita"
    r"|marca|negocio)"
    r"|(?:je lance|j'ouvre|j'ai (?:lance|ouvert)) (?:ma|mon) (?:petite? )?(?:boutique|marque"
    r"|entreprise|business|atelier)"
    r"|(?:ich habe|ich eroffne|ich starte) (?:meinen|mein|meine) (?:kleinen? )?(?:shop"
    r"|laden|onlineshop|online-shop|label|marke)"
    r"|(?:abri|lancei|lanco|estou lancando) (?:a )?(?:minha|meu) (?:pequena )?(?:loja|marca"
    r"|negocio)"
    r"|(?:ho aperto|apro|lancio|ho lanciato) (?:il mio|la mia) (?:piccol[oa] )?(?:negozio"
    r"|marchio|attivita|bottega)"
    # Twentieth round: a trade beside the job ("alongside my day job", "además de mi trabajo",
    # "en parallèle de mon poste", "neben meinem Beruf", "além do meu trabalho"), weekends
    # given to it ("on weekends I", "los fines de semana preparo", "le week-end je", "ao fim de
    # semana faço", "nel weekend faccio"), a trade named ("I shoot weddings", "shot my first
    # wedding", "je me lance comme photographe"), a club of one's own to join
    r"|(?:alongside|besides|outside(?: of)?|on top of|apart from|aside from) (?:my|the)"
    r" (?:day )?job"
    r"|(?:ademas|aparte) de mi (?:trabajo|curro|empleo)|en parallele de mon (?:poste|travail"
    r"|job|boulot)|a cote de mon (?:poste|travail|job|boulot)|neben meinem (?:job|beruf"
    r"|hauptjob)|alem do meu (?:trabalho|emprego)"
    r"|(?:on|at) (?:the )?weekends?,? i\b|(?:los|el) fin(?:es)? de semana,? [a-z]+o\b"
    r"|(?:le|les) week-ends?,? (?:je|j')|(?:ao|aos|no|nos) (?:fim|fins) de semana,? [a-z]+o\b"
    r"|am wochenende (?:verkaufe|mache|backe|fotografiere|gebe|male|nahe) ich"
    r"|(?:nel|il|nei) (?:weekend|fine settimana|fine-settimana),? [a-z]+o\b"
    r"|i (?:also )?(?:shoot|photograph|film|cater|dj) (?:weddings|events|parties|portraits"
    r"|engagements)|shot my first (?:wedding|shoot|event)"
    r"|je me lance (?:comme|en tant que)|join(?:ing)? my (?:[\w-]+ )?(?:club|classes|class"
    r"|workshops?)"
    # ... a trade done freelance, on the side or in spare hours ("I also do freelance drone
    # videography", "copy-editing on the side", "nebenbei fotografiere ich", "je donne aussi
    # des cours", "nas horas vagas faço"), a plug of one's own ("petite pub perso"), one's
    # little shop, a B&B opened with one's partner, custom work, a trade offered to whoever
    # needs it ("if anyone needs a wedding photographer", "falls jemand eine Fotografin sucht")
    r"|i also do (?:some )?(?:freelance )?|\bi\b[^.!?\n]{0,40}?\bon the side\b"
    r"|i (?:also )?(?:do |work as a |work )?freelanc\w*"
    r"|nebenbei (?:fotografiere|gebe|backe|nahe|male|schreibe|designe)"
    r"|je donne (?:aussi )?des cours|(?:petite )?pub perso|auto-?promo|quick plug|self-promo"
    r"|nas horas vagas|in meiner freizeit|pendant mon temps libre|nel tempo libero"
    r"|in my free time|my (?:little |small |weekend |tiny )(?:etsy |[a-z]+ )?(?:shop|store|business"
    r"|studio)|(?:my (?:wife|husband|partner)|mi (?:mujer|marido|pareja)|ma (?:femme|compagne)"
    r"|mon (?:mari|compagnon)|meine? (?:frau|mann)) (?:and|y|et|und) (?:i|yo|moi|ich)"
    r" (?:have |hemos |avons |haben )?(?:just |acabamos de |venons d'|gerade )?(?:opened|abierto"
    r"|launched|started|ouvert|eroffnet)|hemos abierto|i (?:also )?(?:make|sell|bake|knit|sew"
    r"|paint) (?:custom|handmade|bespoke)|if (?:anyone|anybody|you) needs? a (?:[\w-]+ )?"
    r"(?:photographer|videographer|dj|tutor|designer|baker|florist|painter|translator|editor)"
    r"|falls jemand (?:noch )?(?:eine?n? )?[a-z]+(?:in)? sucht|si alguien necesita (?:un|una) "
    r"|si quelqu'un cherche (?:un|une) "
    # Twenty-first round: the trade said in the first person ("Also, I DJ on weekends", "I
    # cook, you host", "I build custom trailers", "ich restauriere alte Vespas"), a side
    # quest, days given to it ("los domingos hago tatuajes"), beyond the day job, one's band
    # by its size ("my jazz trio plays"), one's home-made things or holiday let ("mes crêpes
    # maison", "notre gîte"), a trade beside the employer ("oltre alla banca faccio")
    r"|(?:^|[.!?:,] |\n)(?:also,? )?i (?:dj|cook|bake|build|restore|repair|tutor|coach|groom"
    r"|walk dogs)\b|(?:weekend |my )?side quest|beyond my (?:day )?job"
    r"|ich (?:restauriere|repariere|baue|nahe|backe|fotografiere|gebe)\b"
    r"|feierabendprojekt|(?:los|el) (?:lunes|martes|miercoles|jueves|viernes|sabados?|domingos?)"
    r" (?:hago|doy|vendo|preparo|toco)|(?:le|les) (?:samedis?|dimanches?|mercredis?),? (?:je|j')"
    r"|my (?:[\w-]+ )?(?:trio|quartet|duo|choir) (?:plays|is playing)"
    r"|mes (?:[a-z]+ ){1,2}(?:maison|faits? main)|notre (?:gite|chambre d'hotes|location)"
    r"|oltre (?:al|alla|all') ?[a-z]+,? (?:faccio|sono)\b"
    # Twenty-ninth round: a trade beside the job in Spanish before its verb ("Además de
    # profe de inglés, hago traducciones"), one's own brand launched, more trades said with
    # "I also" ("I also voice audiobooks"), a trade wanted by someone ("if your publisher needs
    # a narrator"), a piece of furniture made for whoever wants one ("Wer noch ein Kinderbett
    # sucht"), one's Etsy
    r"|(?:ademas|aparte) de [^.!?\n]{2,40}?,? (?:hago|doy|vendo|ofrezco|preparo|fabrico)\b"
    r"|(?:launch|launching|launched|start|starting|started|open|opening|opened) my (?:own )?"
    r"(?:[\w&'-]+ ){0,3}?(?:brand|business|shop|store|label|line|studio|bakery)\b"
    r"|i also (?:voice|narrate|translate|illustrate|edit|write|build|restore|sew|crochet|groom"
    r"|walk|cut|style|tattoo|renovate|upholster)\b"
    r"|if your (?:[\w-]+ ){1,2}needs? an? (?:[\w-]+ )?(?:photographer|videographer|dj|tutor"
    r"|designer|baker|florist|painter|translator|editor|narrator|voice|illustrator|copywriter)"
    r"|wer noch (?:ein|eine|einen) [a-z]+(?: [a-z]+){0,4} sucht|en mi etsy|on my etsy"
    # Twenty-second round: the job named by what it is ("además de volar, hago fotos", "when
    # I'm not on the rota I run a grooming van"), "my other hat", off duty at one's own gig,
    # a trade looked for at length ("falls jemand noch einen Fotografen für die Hochzeit sucht")
    r"|(?:ademas|aparte) del (?:trabajo|curro|empleo)|(?:ademas|aparte) de [a-z]{2,12}(?:ar|er|ir),"
    r"|(?:besides|apart from|aside from|alongside) [a-z]{2,12}ing\b[^,.!?\n]{0,30}, i\b"
    r"|when i'm not [^.!?\n]{0,40}? i (?:run|do|make|sell|shoot|teach|bake|dj|paint|groom)\b"
    r"|my other hat|off duty\b[^.!?\n]{0,40}?\b(?:djing|dj'ing|playing|selling|shooting)\b"
    r"|falls jemand (?:noch )?(?:eine?n? )?[a-z]+(?:in)?(?: [a-z]+){1,4} sucht"
    r"|(?:^|[.!?:] )vendo [a-z]+|mi tienda (?:de |en )?(?:etsy|online)"
    r"|minha loja (?:no etsy|online)"
    r"|il mio (?:negozio )?(?:su )?etsy"
    # Twenty-third round: weekends opening the sentence ("Weekends I shoot pet portraits"),
    # the trade after the job in "I'm ...ing" ("when I'm not planning logistics, I'm shooting
    # portraits"), lessons still given ("sigo dando clases particulares"), a plug for one's
    # own shop ("petit coup de pub pour ma boutique de céramique")
    r"|(?:^|[.!?:] |\n)weekends,? i\b"
    r"|when i'm not [^.!?\n]{0,40}?,? i'm (?:shooting|running|teaching|baking|making|selling"
    r"|painting|coaching|djing|photographing|filming|grooming|tutoring|designing)\b"
    r"|(?:sigo |tambien |estoy )?dando clases|clases particulares"
    r"|coup de pub pour (?:ma|mon)|ma (?:petite )?boutique (?:de|en ligne|a)\b"
    # Twenty-fourth round: a band one plays in ("plays bass in a band"), the trade after the
    # job in "I'm a ..." ("when I'm not running logistics I'm a wedding DJ"), a plug of one's
    # own in German ("in eigener Sache"), one's own workshop ("in meiner Holzwerkstatt"), a
    # trade offered to whoever needs it ("if anyone needs a dog walker")
    r"|plays? (?:[\w-]+ )?in a band|when i'm not [^.!?\n]{0,40}? i'm an? (?:[\w-]+ )?(?:dj"
    r"|photographer|videographer|baker|tutor|coach|trainer|florist|painter|potter|musician)"
    r"|in eigener sache|meine[rnm]? (?:eigenen? )?[a-z]*(?:werkstatt|atelier|studio)"
    r"|if (?:anyone|anybody|you) needs? an? (?:[\w-]+ )?(?:dog walker|pet sitter|dog sitter"
    r"|babysitter|cleaner|gardener|handyman|hairdresser|makeup artist|personal trainer)\b"
    # thirtieth round: a trade offered to one's network, and one's free time given to a trade
    # ("if anyone in my network needs a longarm quilter", "nel tempo libero faccio la
    # fotografa di matrimoni", "in my spare time I shoot weddings")
    r"|if (?:anyone|anybody|you)(?: in my network| here| out there| around here)? needs? an?"
    r" (?:[\w-]+ )?(?:quilter|seamstress|tailor|upholsterer|photographer|videographer|dj"
    r"|tutor|florist|baker|caterer|illustrator|copywriter|translator|calligrapher|decorator"
    r"|plumber|electrician|carpenter|bookkeeper|dressmaker)\b"
    r"|\bnel (?:mio )?tempo libero,? (?:faccio|sono|vendo|realizzo|creo)\b"
    r"|\bin my (?:spare|free) time,? i(?:'m| am)? (?:do|run|make|shoot|teach|bake|sell|paint"
    r"|photograph|dj|a)\b|\ben mi tiempo libre,? (?:hago|doy|soy|vendo|preparo)\b"
    r"|\b(?:pendant|sur) mon temps libre,? (?:je|j')|\bin meiner freizeit (?:mache|bin|verkaufe"
    r"|backe|fotografiere|gebe)\b|\b(?:nas (?:minhas )?horas vagas|no meu tempo livre),? (?:faco"
    r"|sou|vendo|dou)\b"
    # Twenty-fifth round: one's trade offered to whoever needs it, asked as a question
    # ("Anyone round Leeds need a boiler looked at?", "anyone still need their taxes done?",
    # "Need a hand with your garden?", "si alguien necesita hacer sus taxes"), the writer
    # named as the one to ask ("I'm your guy", "I'll come to you", "pregunten por mí"), new
    # clients taken on, a side gig spelt with a hyphen, a trade beside the job with no comma
    # ("Aparte de los impuestos vendo tamales"), a second trade said in French or German ("je
    # suis aussi vidéaste en indépendant", "je fais toujours des photos", "ce samedi je mixe",
    # "bin ich auch privat als Fotograf buchbar")
    r"|(?:^|[.!?:;] |\n)(?:does )?(?:anyone|anybody)"
    r"(?: (?:round|around|in|near) [a-z]+(?: [a-z]+)?)?(?: still)? need (?:a|an|their|some|any"
    r"|help)\b|(?:^|[.!?:;] |\n)need a hand with your\b"
    r"|si alguien necesita |(?:i'm|im|i am) your (?:guy|girl|gal|man|woman|person)\b"
    r"|i'll come to you|taking on (?:a few |some |new |more )?(?:[\w-]+ ){0,3}?clients"
    r"|side-(?:gig|hustle|business|project)s?"
    r"|(?:ademas|aparte) de (?:los |las |el |la |mi |mis )?[a-z]{3,14},? (?:[a-z]+ )?(?:hago|vendo"
    r"|doy|preparo|toco|ofrezco)\b"
    r"|je suis aussi [a-z-]+(?: [a-z-]+){0,3} en (?:independant|freelance|auto-?entrepreneur)"
    r"|je fais (?:toujours|encore) (?:des|les) |(?:^|[.!?:;] |\n|ce \w+ )je mixe\b"
    r"|(?:bin ich|ich bin) (?:auch |jetzt |ab \w+ )*(?:privat )?als [a-z]+(?:in)? buchbar"
    # Twenty-sixth round: the trade said as what one does ("I do wedding photography", "faço
    # bolos por encomenda"), a gig of one's own ("I'm DJing at", "Am Samstag spielt meine
    # Band", "my choir's Christmas concert"), a stall or business run with a relative ("my
    # sister and I run a little crêpe stand"). (Not "made to order" nor "my studio": the
    # employer's own goods and premises are said so too.)
    r"|\bi do (?:[\w-]+ ){0,2}?(?:photography|videography|catering|make-?up|tattoos|calligraphy"
    r"|illustration|portraits|dj sets|bookkeeping|nails|lashes)\b"
    r"|\bfaco (?:[\w-]+ ){0,2}?(?:bolos|doces|tortas|salgados|bolachas|brigadeiros|docinhos"
    r"|fotos|aulas|unhas)\b"
    r"|\b(?:i'm|im|i am) (?:djing|dj'ing|dj-ing) (?:at|in)\b"
    r"|\b(?:meine band|mi banda|ma band|mon groupe|minha banda|la mia band)\b"
    r"|\bmy (?:[\w-]+ )?(?:choir|band|trio|quartet|duo|orchestra)'?s (?:[\w-]+ ){0,2}?(?:concert"
    r"|gig|show|recital)\b"
    r"|\b(?:my|mi|ma|mon|mein|meine|minha|meu) (?:[\w-]+ )(?:and|y|et|und|e) (?:i|yo|moi|ich"
    r"|eu|io) (?:run|own|have just started|just started|llevamos|tenemos|avons|haben|temos"
    r"|abbiamo)\b)"
    # Twenty-seventh round: a trade done from home or at weekends ("doing nails from home now",
    # "I shoot most weekends"), one's handmade things ("le mie catenelle fatte a mano", "mis
    # pendientes hechos a mano"), "mi tiendita", and Bavarian "nebenbei verkauf i"
    r"|\b(?:doing|offering|i do|i'm doing|im doing) (?:[\w-]+ ){0,2}?(?:nails|lashes|brows|hair"
    r"|make-?up|tattoos|massages?|portraits|cakes|catering|alterations|piercings) (?:from home"
    r"|at home|on the side|at weekends|on weekends)\b"
    r"|\bi (?:shoot|photograph|film|dj|cater) (?:most |some |the )?(?:weekends|weddings|events"
    r"|parties)\b"
    r"|\b(?:le mie|i miei) (?:[\w-]+ ){0,4}?(?:fatt[ei] a mano|artigianali)\b"
    r"|\b(?:mis|mi) (?:[\w-]+ ){0,4}?hech[oa]s? a mano\b"
    r"|\b(?:os meus|as minhas|meus|minhas) (?:[\w-]+ ){0,4}?feit[oa]s? a mao\b"
    r"|\bmy (?:own )?hand-?made\b"
    r"|\bmi (?:tiendita|tiendecita|emprendimiento|pequeno negocio|tienda online|tienda de etsy)\b"
    r"|\bnebenbei (?:verkauf|mach|biet)\w* (?:i|ich)\b"
    # Twenty-eighth round: a trade plied between shifts ("between shifts I've been making
    # sea-glass jewellery", "entre deux rotations je fabrique des planches"), things one has
    # been making, one's little online shop beside the job ("además de la clínica, llevo una
    # pequeña tienda online")
    r"|\b(?:between|in between) (?:shifts|rotations|sailings|jobs|lessons|patients|calls)\b"
    r"|\bentre (?:deux|2) (?:rotations|services|gardes|shifts|tournees|cours)\b"
    r"|\bentre turno y turno\b|\bzwischen (?:den|zwei) (?:schichten|touren|diensten)\b"
    r"|\bentre turnos\b|\btra un turno e l'altro\b"
    r"|\b(?:i've been|i have been|i'm|im|i am) (?:making|selling|knitting|baking|painting"
    r"|carving|sewing) (?:[\w-]+ ){0,3}?(?:jewellery|jewelry|candles|prints|earrings|bags"
    r"|boards|mugs|pottery|soaps?|cards|quilts|scarves|cakes)\b"
    r"|\bje (?:fabrique|fais|vends|tricote|peins|sculpte) (?:des|mes|de petites?|de jolies?)\b"
    r"|\b(?:ademas|aparte) de (?:los |las |el |la |mi |mis )?[a-z]{3,14},? (?:llevo|tengo"
    r"|monto|llevamos)\b|\b(?:una|mi) (?:pequena |pequenita )?tienda (?:online|en linea"
    r"|de etsy)\b"
    # ... one's own shop or academy left for the reader ("os dejo por aquí mi academia de
    # inglés online", "je vous laisse ma boutique"), a shop run on the side in German
    # ("nebenbei betreibe ich meinen kleinen Etsy-Shop")
    r"|\b(?:os dejo|te dejo|les dejo|je vous laisse|ich lass euch|deixo aqui|vi lascio)\b"
    r"[^.!?\n]{0,20}\b(?:mi|mis|ma|mon|mes|mein|meine|meinen|meu|minha|il mio|la mia)\b"
    r"|\bnebenbei betreibe\b|\bbetreibe ich\b[^.!?\n]{0,40}\b(?:shop|laden|studio|atelier)"
    r"|\bmeine[nm]? kleine[nm]? (?:etsy-?)?(?:shop|laden|onlineshop|online-shop)\b")
# ... and selling it: a price, bookings, rates, orders, tickets, a menu, "DM me for".
_SALE = (
    r"(?:[$£€]\s?\d|\d(?:[.,]\d+)?\s?(?:[$£€]|eur\b|euros?\b|usd\b|gbp\b|dollars\b|pounds\b)"
    r"|\b(?:(?:only )?(?:a )?few (?:\d{4} )?dates left|dates (?:available|still open)"
    r"|(?:seances|creneaux|places) disponibles|je prends les commandes|commandes ouvertes"
    r"|einfach (?:dm|pn|melden)|wer mitmachen will|wer interesse hat"
    r"|now booking|booking (?:now|for|open)|bookings? (?:open|now)|taking (?:orders"
    r"|bookings)|rates|prices|price list|tickets?|menu|commissions? (?:open|are open)"
    r"|dm (?:me|this account|us)? ?(?:for|to)|message me|for sale|% off"
    r"|chama no (?:zap|whats)|me chama|mp si interess\w*|escribidme|escribeme|schreibt mir"
    r"|scrivetemi|per ora|por hora|/hora|/hour|an hour|de l'heure|pro stunde"
    r"|descuento|remise|rabatt|gutschein|desconto|cupom|sconto"
    r"|reservas|pedidos|precios|tarifas|entradas|encargos"
    r"|reservations?|commandes?|prix|tarifs|billets"
    r"|buchungen|bestellungen|preise|tickets|karten"
    r"|encomendas|precos|bilhetes|ingressos|prenotazioni|ordini|prezzi|tariffe|biglietti"
    # a discount code or a cut ("with code WICK15", "-15 % avec le code", "col codice")
    r"|(?:with|use|avec le|con el|col|con il|mit dem|com o) (?:code|codigo|codice|cupom"
    r"|gutscheincode|rabattcode)"
    r"|\d+\s?%\s?(?:de (?:descuento|desconto|remise|reduction)|rabatt)"
    # Twentieth round: where to buy or book, and what is left ("link in bio", "lien en bio",
    # "Link im Profil", "encore dispo", "diary's open", "il me reste quelques dates", "por
    # encomenda", "ich versende", "sign up", "si os interesa", "contactez-moi")
    r"|link in (?:bio|profile)|lien (?:en|dans (?:ma|la)) bio|link (?:im|in der) (?:profil|bio)"
    r"|link na bio|link nella bio|enlace en (?:la |mi )?bio|etsy\.com/\S+|etsy-shop"
    r"|encore dispo\w*|still available|ainda disponive\w*|noch (?:zu haben|verfugbar)"
    r"|ancora disponibil\w*|(?:todavia|aun) disponibles?|diary(?:'s| is) open"
    r"|(?:some|a few) dates (?:left|open)|quelques dates|me quedan (?:algunas )?fechas"
    r"|ich versende|por encomenda|sign up|si (?:os|te|les) interesa|contactez-moi"
    r"|contact me|if you know anyone"
    r"|rates from|commission slots?|slots? (?:open|left)|termine frei|noch (?:ein paar )?termine"
    r"|preise per pn|dates filling|filling fast|dm me|encomendas abertas|chamem no privado"
    r"|ecrivez-moi|mandadme|booking \d{4}|first \d+ (?:guests|customers|orders|bookings)"
    r"|link'?s in my|os dejo el enlace"
    # Twenty-first round: asking for a quote, the diary opened, the price on request
    r"|pedidme presupuesto|pideme presupuesto|abro agenda|preis auf anfrage|zum verkauf"
    r"|sur devis|precommandez|su richiesta|orcamento|spots left|dms? open|date libere"
    r"|disponibilites"
    # thirtieth round: openings in one's diary, "contact me privately"
    r"|(?:a few|some|two|three|limited) openings|openings (?:in|for) (?:january|february|march"
    r"|april|may|june|july|august|september|october|november|december|spring|summer|autumn|fall"
    r"|winter)|contattatemi|contattami|contactadme|contactame"
    # Twenty-ninth round: quotes offered, the price by message, the link in the comments, the
    # reader told where to find the writer ("Presupuestos sin compromiso", "Preis per
    # Nachricht", "you know where to find me")
    r"|presupuestos? (?:sin compromiso|gratis)|free quotes?|orcamentos? (?:gratis|sem compromisso)"
    r"|preventiv[oi] gratuit[oi]|(?:kostenlose[sn]?|unverbindliche[sn]?) angebot"
    r"|preis per (?:nachricht|pn|dm|mail)|por mensaje privado|link in (?:the )?comments"
    r"|you know where to find me|ya sab(?:eis|es) donde encontrarme|vous savez ou me trouver"
    r"|ihr wisst,? wo ihr mich findet|sabem onde me encontrar|sapete dove trovarmi"
    # Twenty-second round: a restock, the link pinned, dates or days still free, an
    # appointment to book, the first session free ("Saturdays free in 2027", "noch zwei
    # Samstage frei", "fechas libres", "agenda tu cita", "first consultation's on us")
    r"|restock\w*|back in stock|link is in my|fechas (?:libres|disponibles)"
    r"|(?:saturdays|sundays|weekends|dates|samstage|sonntage|wochenenden|sabados|samedis"
    r"|sabati|sabados) (?:\w+ ){0,3}?(?:free|available|open|frei|libres|disponibles|liberi"
    r"|livres)|if (?:anyone|anybody)(?:'s| is) planning"
    r"|(?:agenda|reserva|pide) tu cita|first (?:consultation|session|lesson|class)"
    r"(?:(?:'s| is) (?:on us|free)| free)"
    # Twenty-third round: places still free or few, with how many ("il reste 3 places", "a
    # few spots left", "spaces limited"), the first session free in the other languages, a
    # message asked for ("drop me a message")
    r"|(?:il )?reste(?:nt)? \d+ places|quedan \d+ plazas|noch \d+ platze|restano \d+ posti"
    r"|restam \d+ vagas|(?:\d+|two|three|four|five|a few|few|only a few) (?:spots|places"
    r"|spaces|seats) left|spaces limited|places limitees"
    r"|plazas limitadas|platze begrenzt|posti limitati|vagas limitadas"
    r"|primera clase gratis"
    r"|premier cours (?:gratuit|offert)|erste stunde gratis|primeira aula gratis"
    r"|prima lezione gratis|drop me a (?:message|line|dm)"
    # Twenty-fourth round: the diary open ("agenda de 2026 aberta", "agenda abierta"), a
    # message asked for ("mandem mensagem", "just DM this page", "Anfragen gern per DM"),
    # dates to secure ("jetzt Frühjahrstermine sichern"), orders closing, a market stall, places
    # still free counted in words ("noch zwei Plätze frei")
    r"|agenda (?:de \d{4} )?(?:aberta|abierta|ouverte)|mandem (?:mensagem|dm)"
    r"|manda(?:m)? mensagem|just dm|dm this (?:page|account)|anfragen (?:gern |gerne )?(?:per|via)"
    r" (?:dm|pn|mail)|per (?:dm|pn)|[a-z]*termine sichern|orders (?:close|open|are open|due)"
    r"|flea market|craft (?:fair|market)|makers? market|mercadillo|marche (?:artisanal|de"
    r" createurs)|flohmarkt|kunsthandwerkermarkt|feira de artesanato|mercatino"
    r"|noch (?:zwei|drei|vier|ein paar|wenige) (?:platze|termine) frei"
    # Twenty-sixth round: the link in one's profile, the info by DM, the reader told to book
    # ("prenotate ora", "reservad ya"), a few left
    r"|link in my (?:bio|profile)|info (?:in|per|por|en|via) (?:dm|mp|pv|privado|privato)"
    r"|prenotate|prenotatemi|reservad|reservadme|reservez-moi|bucht mich|reservem|book now"
    r"|book me|(?:a few|only a few|only \d+|\d+) left\b|first [a-z]+ (?:is )?(?:free|on me|on us)\b"
    # Twenty-fifth round: the way to reach the seller ("text me at", "ring me on", "drop me a
    # text", "pedidos por DM", "devis gratuit en MP", "pregunten por mí"), the terms of a
    # cash trade ("mates rates", "cash jobs", "cheaper than the big firms", "£8 on the
    # door", "entrée 12 balles"), what is left ("3 openings", "a few Saturdays left", "il me
    # reste 3 dates", "le planning se remplit"), the first one free ("first walk is free")
    r"|(?:text|ring|call|phone|whatsapp) me\b|drop me a text|pedidos (?:por|al|via) (?:dm|md"
    r"|inbox|privado|whatsapp)|devis gratuit|en mp|pregunten por mi|preguntad por mi"
    r"|mates'? rates|cash (?:jobs?|only)|cheaper than|on the door|entree \d+"
    r"|\d+ openings|(?:saturdays|sundays|weekends|dates|slots) left|il me reste \d+ dates"
    r"|se remplit|first [a-z]+ (?:is|'s) (?:free|on me|on us)"
    # Twenty-eighth round: pieces still left and the reader asked to say if interested ("a
    # few pieces left before Christmas if anyone's interested", "il m'en reste deux, MP si ça
    # vous tente", "os paso el enlace por privado", "hit me up, friends-and-family pricing")
    r"|(?:pieces|ones|boards|prints|candles) left|il m'en reste|il en reste|me quedan (?:un|dos"
    r"|tres|pocos|pocas|algun)|if (?:anyone|anybody)(?:'s| is) interested|if you're interested"
    r"|si ca vous tente|si ca te tente|mp si|os paso el (?:enlace|link)|te paso el (?:enlace|link)"
    r"|por privado|hit me up|hmu|friends?[- ](?:and|&)[- ]family (?:pricing|prices|rates"
    r"|discount)|pricing)\b"
    r"|-\s?\d+\s?%)")


# Recruiting into one's own sales scheme (direct sales, MLM): the reader asked to join the
# writer ("join my team", "ask me how", "looking for 5 motivated people", "tenho vagas na minha
# equipa") with money promised ("earn from home", "extra income", "€2k a month", "rendimento
# extra"), in the six languages. Both halves are needed: "join my team at Acme" is hiring.
_RECRUIT_ASK = (
    r"\b(?:join my team|ask me how|looking for \d+ (?:\w+ )?(?:people|women|mums|moms|ladies"
    r"|partners)|comment ['\"]?info['\"]?|dm me ['\"]?\w+['\"]? to join|be your own boss"
    r"|(?:unete|unirse|unirte|unanse) a mi equipo|busc(?:o|amos) \d+ personas"
    r"|pregunta(?:me)? como|rejoins? mon equipe"
    r"|demandez-moi comment|werde teil meines teams|frag mich wie|(?:aderir|juntar-se|junta-te)"
    r"(?: a| à)? (?:a )?minha equipa|tenho vagas|pergunta-me como|entra nel mio team"
    r"|chiedimi come"
    # "I'm building a team", "busco gente para mi equipo", "tô montando equipe", "je recrute
    # dans mon équipe", "ich suche Leute für mein Team", "cerco persone per il mio team"
    r"|(?:building|growing) (?:a|my) team|(?:busco|buscamos) (?:gente|personas) para mi equipo"
    r"|montando (?:uma |minha |a minha )?equipe|recrute dans mon equipe"
    r"|suche (?:leute|menschen) fur mein team|cerco persone per il mio team"
    # a number of people wanted for one's team ("procuro 3 pessoas para a minha equipa", "je
    # cherche 3 personnes pour mon équipe", "cerco 5 persone per il mio team")
    r"|(?:procuro|busco|cherche|suche|cerco|looking for) (?:\d+|duas|tres|deux|trois|zwei|drei"
    r"|due|tre|dos|two|three) (?:pessoas|personas|personnes|leute|persone|people)"
    r" (?:para|pour|fur|per|for) (?:a )?(?:minha|mi|mon|mein|il mio|my) (?:equipa|equipe|equipo"
    r"|team))\b")
_RECRUIT_MONEY = (
    r"(?:\b(?:earn|earning|make|making)\b[^.!?\n]{0,30}\bfrom home\b|\bextra (?:income|cash|money)"
    r"|\bno experience (?:needed|required)\b|\bfinancial freedom\b|\bextra [$£€]\s?\d[\d,.]*k?"
    r"|[$£€]\s?\d+k?\s+(?:a|per) month\b|\d+k?\s?[$£€]\s+(?:a|per|al|par|im|por|al) m"
    r"|\bingresos extra\b|\bdesde casa\b|\brevenus? (?:complementaires?|supplementaires?)\b"
    r"|\bdepuis chez (?:vous|soi|toi)\b|\bnebenverdienst\b|\bvon zu hause\b"
    r"|\brendimento extra\b|\brenda extra\b|\bde casa\b|\bentrate extra\b|\bda casa\b"
    r"|\bfrom (?:your|my) phone\b|\bdinero extra\b|\bargent en plus\b|\bgeld nebenbei\b"
    r"|\bsoldi extra\b|\bdinheiro extra\b"
    # Nineteenth round: the promise of a business of one's own ("unlimited income potential",
    # "be your own boss", "sé tu propio jefe", "sois ton propre patron", "dein eigener Chef")
    r"|\bunlimited (?:income|earning)s?(?: potential)?\b|\bincome potential\b"
    r"|\bbe (?:your|ur) own boss\b|\bingresos ilimitados\b|\bse tu propi[oa] jef[ea]\b"
    r"|\brevenus? illimites?\b|\bsois (?:ton|votre) propre patron\b"
    r"|\bunbegrenzte[sn]? einkommen\b|\bdein eigener chef\b|\brenda ilimitada\b"
    r"|\bseja (?:o seu|seu) proprio chefe\b|\bguadagni illimitati\b"
    r"|\bsii il capo di te stesso\b|\bsem sair de casa\b|\bsenza uscire di casa\b"
    r"|\bsin salir de casa\b|\bsans sortir de chez (?:vous|toi|soi)\b)")


@cache
def _recruit_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(_RECRUIT_ASK), re.compile(_RECRUIT_MONEY)


# A colleague's own shop or sideline, said in the third person ("shop her Etsy", "his pottery
# business", "su tienda de Etsy", "sa boutique en ligne", "ihr Etsy-Shop", "a loja dela", "il
# suo negozio su Etsy"): not the employer's product either. (Not "their shop" nor Spanish "su
# negocio", which speak to customers about their own business.)
_COLLEAGUE_SIDELINE = (
    r"\b(?:(?:her|his) (?:own )?(?:etsy|online shop|small business|side (?:business|hustle"
    r"|project|gig)|(?:pottery|candle|jewellery|jewelry|cake|baking|photography) business)"
    r"|su (?:tienda (?:de|en) etsy|etsy|tienda online|emprendimiento)"
    r"|(?:sa|son) (?:boutique (?:etsy|en ligne)|etsy|petite entreprise)"
    r"|(?:ihr|sein|ihren|seinen) (?:etsy(?:-shop)?|onlineshop|online-shop|nebengewerbe)"
    r"|(?:a loja|o etsy|o negocio|o empreendimento) (?:dela|dele)"
    r"|(?:il suo|la sua) (?:etsy|negozio (?:su etsy|online)|piccola attivita)"
    # Twenty-seventh round: a colleague's trade said with "also" in the third person ("our
    # social media manager Jess also DJs weddings! Book her")
    r"|also (?:djs|dj's|shoots|bakes|caters|photographs|films|tutors|sells|designs|paints"
    r"|makes cakes|does (?:nails|lashes|hair|make-?up|tattoos|portraits|weddings))"
    # twenty-ninth round: a colleague's band by its owner ("our social media manager's band is
    # playing The Fleece on Saturday")
    r"|(?<![\w-])[\w-]+'s (?:band|trio|duo|quartet|choir) (?:is playing|plays|play))\b")


@cache
def _colleague_sideline_pattern() -> re.Pattern[str]:
    return re.compile(_COLLEAGUE_SIDELINE)


@cache
def _sideline_pattern() -> re.Pattern[str]:
    return re.compile(_SIDELINE)


@cache
def _sale_pattern() -> re.Pattern[str]:
    return re.compile(_SALE)


def recruiting(folded: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A call to join the writer's team for money in the folded text ("Procuro 3 pessoas para
    a minha equipa ... dinheiro extra sem sair de casa", "join my team, unlimited income"):
    direct-sales and MLM recruiting, as the ask's and the promise's folded [start, end)."""
    ask, money = _recruit_patterns()
    if (asked := ask.search(folded)) is not None \
            and (promised := money.search(folded)) is not None:
        return (asked.start(), asked.end()), (promised.start(), promised.end())
    return None


def own_sideline(folded: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The writer's own side business, sale or gig in the folded text (or a colleague's, said
    in the third person: :func:`colleague_sideline`), and the words that sell it, as two
    folded [start, end) spans; None when either is missing."""
    if (recruit := recruiting(folded)) is not None:
        return recruit
    sideline = _sideline_pattern().search(folded) or _colleague_sideline_pattern().search(folded)
    if sideline is None:
        return None
    sale = _sale_pattern().search(folded)
    if sale is None:
        return None
    return (sideline.start(), sideline.end()), (sale.start(), sale.end())


def colleague_sideline(folded: str, start: int) -> bool:
    """Whether the side business found at folded ``start`` is a colleague's ("her Etsy"), not
    the writer's own."""
    return _colleague_sideline_pattern().match(folded, start) is not None
