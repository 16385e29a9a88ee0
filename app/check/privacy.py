"""Other people's phone numbers, e-mail addresses and street addresses in a draft.

Numbers that are dates, years, prices, times or thousands ("1 000 000") are not phone numbers,
and toll-free numbers (1-800, 0800, 1300 ...) are always a business's; an organisation's own
number or address given on purpose ("call us on ...", "visit our store at ...") is fine, and so
is a role address (press@, info@) on the employer's or a partner's domain. A fediverse handle
(@user@server) is not an e-mail address; an address spelled out to dodge filters ("jane dot
doe at gmail dot com") is.

Street addresses are found in four shapes: number, name, street word ("221B Baker Street");
number, street word, name ("12 Rue de la Paix", "7 avenue Victor Hugo"); street word, name,
number ("Calle Mayor 5", "Piazza Navona 12"); and a name ending in a German or Dutch street word,
then the number ("Musterstraße 12", "Keizersgracht 123").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from app.check.entities import find_emails, known_tlds
from app.check.lexicons import view_word_set
from app.check.needles import Alternation
from app.check.text import TextView

# Groups are split by a space, "." or "-", or by the dots and slashes people use to keep a
# number from being read as one: "503 · 555 · 0187", "06 ‧ 12 ‧ 34", "0176-44/21-99-83".
_ODD_SEPARATOR = r"\s?[·‧•∙/]\s?"
_PHONE = re.compile(
    r"(?<![\w+#$£€/.,:-])"
    # (a trunk "0" kept in brackets after the country code: "+33 (0)6 71 42 88 19")
    r"(?P<number>(?:\+|00)?(?:\(\d{1,5}\)[\s.-]?)?\d{1,5}(?:\s?\(0\))?"
    rf"(?:(?:{_ODD_SEPARATOR}|[\s.-])?\(?\d{{1,5}}\)?){{1,5}})"
    r"(?![\w%/:-]|[.,]\d)"
)
_ODD_SEPARATORS = re.compile(_ODD_SEPARATOR)
_BRACKETED_TRUNK = re.compile(r"\s?\(0\)\s?")
# A number written one digit at a time to slip past filters, the digits spaced and the groups
# split by dashes or dots: "9 1 2 – 3 4 8 – 5 5 1", "0 6 . 1 2 . 3 4 . 5 6 . 7 8". Read only
# after words that say to call (a list of scores or a countdown is spaced digits too).
_SPACED_DIGITS = re.compile(
    r"(?<![\w+#$£€/.,:-])(?:\+\s?)?\d(?:\s?[-–—.·]\s?\d|\s\d){6,14}(?![\w%/:-]|[.,]\d)")
_SPACED_HINT = re.compile(r"\d\s\d\s")
_DIGIT = re.compile(r"\d")
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d\s*[-./]\s*(?:19|20)?\d\d$")
_DATE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[ .,]\d{3})+$")
# "Call …", in the six languages of the check (the text is case-folded and accent-kept).
_PHONE_WORDS = re.compile(
    # Stems, so every person and tense counts ("liguem", "llamadme", "appelez-moi", "ruft")
    r"\b(?:call\w*|text\w*|phone\w*|tel|telephone|mobile|cell|number|whatsapp\w*|ring\w*|"
    r"sms|contact\w*|reach|"
    r"llam\w*|m[oó]vil|tel[eé]fono|n[uú]mero|"
    r"appel\w*|portable|t[eé]l[eé]phon\w*|num[eé]ro|"
    r"ruf\w*|anruf\w*|handy\w*|telefon\w*|nummer|"
    r"chiam\w*|cellulare|"
    r"lig(?:a|ar|ue|uem|uei|ando|a-me|ue-me)|telem[oó]vel|celular|"
    # WhatsApp as Brazil and Spain say it: "meu zap", "no whats", "manda um wpp", "al wasap"
    r"zap|zapzap|zap-zap|whats|wpp|wasap|guasap|fone|"
    # a message sent to the number: "mandem mensagem para o", "envíame un mensaje al",
    # "envoyez un message au", "schick eine Nachricht an", "manda un messaggio al"
    r"mensagem|mensaje|nachricht|messaggio|send (?:me |us )?a message|envoyez un message|"
    r"bel|bellen|mobiel|telefoonnummer)\b"
    r"[^.!?\n]{0,40}$"
)

# A person's own line, right before the number (over the folded or the original text): "on her
# cell,", "my mobile:", "su móvil es", the writer's ("call me directly at") or a relative's
# ("call his wife at"). Such a number is never an organisation's given on purpose, even after
# "reach our lost & found desk".
PERSONAL_LINE = re.compile(
    # (the reader's too, on a reply: "we have your mobile as", "su móvil", "votre portable")
    r"(?i:\b(?:my|his|her|their|your|mi|su|tu|mon|son|ma|sa|ton|ta|votre|mein|meine|meinem|sein"
    r"|seine|seinem|ihr|ihre|ihrem|dein|deine|deinem|meu|minha|seu|sua|teu|tua|mio|mia|suo|tuo"
    # (the German dative and genitive: "unter Ihrer Privatnummer"; twenty-sixth round)
    r"|ihrer|seiner|meiner|deiner)"
    r"\s+(?:own\s+|personal\s+|private\s+|new\s+|nuevo\s+|nouveau\s+|neue\s+|novo\s+"
    r"|nuovo\s+)?"
    r"(?:cell|cellphone|cell phone|mobile|mobile number|cell number|personal number"
    r"|personal cell|private number|own number|m[oó]vil|celular|portable|handy|handynummer"
    r"|privatnummer"
    r"|telem[oó]vel|cellulare|zap|zapzap|whats|whatsapp|wpp|wasap|contacto|contato)\b"
    r"[^.!?\n]{0,12}$"
    # one's own line named as such: "on her personal line,", "my private phone:", "su línea
    # personal", "sa ligne perso", "ihre private Nummer", "a linha pessoal dela", "la sua
    # linea personale"
    r"|\b(?:my|his|her|their)\s+(?:own|personal|private|direct)\s+(?:line|phone|number)\b"
    r"[^.!?\n]{0,12}$"
    r"|\b(?:l[ií]nea|ligne|linha|linea|n[uú]mero|num[eé]ro|numero|tel[eé]fono)\s+(?:personal"
    r"|perso|personnel(?:le)?|priv[eé]e?|privad[oa]|pessoal|personale|privat[oa])\b"
    r"[^.!?\n]{0,30}$"
    # the reader's number named plainly, right before it: "unter Ihrer Nummer 05151 ...", "on
    # your number", "a su número" (twenty-ninth round: a customer's line read out on the
    # brand's account)
    r"|(?i:\b(?:your|ihrer|ihre|deiner|deine|su|tu|votre|ton|seu|sua|teu|tua|suo)\s+"
    r"(?:mobile\s+|cell\s+|phone\s+)?(?:number|nummer|telefonnummer|mobilnummer|n[uú]mero"
    r"|num[eé]ro|tel[eé]fono|t[eé]l[eé]phone|telefone))\s*:?\s*$"
    # "whoever owns the number", someone's doctor: "her oncologist at"
    r"|\bwhoever\s+owns\s+(?:the\s+|this\s+)?(?:number|phone|mobile)\s*:?\s*$"
    r"|\b(?:his|her|their)\s+(?:doctor|gp|oncologist|surgeon|therapist|dentist|lawyer|carer"
    r"|nurse|midwife|social worker)\s+(?:at|on)\s*:?\s*$"
    r"|\b(?:ihre|seine|meine)\s+(?:private|pers[oö]nliche)\s+(?:nummer|leitung|handynummer)\b"
    r"[^.!?\n]{0,12}$"
    # a private line labelled so right before the number: "privat 0171 ...", "perso : 06 ..."
    r"|\b(?:privat|priv[eé]e?|privad[oa]|privat[oa]|perso|particular)\s*:?\s*$"
    # someone rung by the reader: "ring her on", "call him at"
    r"|\b(?:call|ring|text|phone|message|whatsapp|reach|contact)\s+(?:him|her|them)\s+(?:on|at)"
    r"\s*:?\s*$"
    # ... or told to ring them, or rung in the other languages ("tell her to text", "llámalo
    # al", "appelle-la au", "ruf ihn an unter", "chiamala al"; twenty-sixth round)
    r"|\btell\s+(?:him|her|them)\s+to\s+(?:call|text|ring|phone|message|whatsapp)\s*:?\s*$"
    r"|\b(?:ll[aá]m(?:alo|ala|ale|enlo|enla)|ligue-lhe|liga-lhe|appelle[sz]?-(?:le|la)"
    r"|ruf(?:t)?\s+(?:ihn|sie)\s+an|chiam(?:alo|ala|atelo|atela))\s+(?:al|au|unter|no|para|a"
    r"|o|on|at)?\s*:?\s*$"
    # the writer's own line a few words before the number: "Call me directly to reserve
    # yours: ...", "text me personally about it on"
    r"|\b(?:call|text|ring|phone|whatsapp|message)\s+me\s+(?:directly|personally)\b"
    r"[^.!?\n]{0,30}$"
    r"|\b(?:call|text|ring|reach|whatsapp|message)\s+(?:me(?:\s+directly|\s+personally"
    r"|\s+anytime|\s+any time)?|(?:his|her|their|my)\s+(?:wife|husband|partner|mum|mom"
    r"|mother|dad|father|son|daughter|sister|brother|girlfriend|boyfriend|parents|family))"
    r"\s*(?:at|on|:|!+)?\s*$"
    # a relative or an owner of someone's, in the six languages: "llamen a su dueña al",
    # "appelez sa propriétaire au", "ruft seine Besitzerin an unter", "chiamate la sua padrona"
    r"|\b(?:call|text|ring|reach|whatsapp|message|contact\w*|phone|llam\w*|escr[ií]b\w*"
    r"|appel\w*|[eé]cri\w*|ruf\w*|schreib\w*|kontaktier\w*|lig(?:a|ue|uem|uei|ar)|chiam\w*"
    r"|scriv\w*|contatt\w*)\s+(?:(?:a|al|à|ao|aos|an|to|la|il|o|para)\s+){0,2}(?:his|her|their"
    r"|su|sus|son|sa|ses|sein\w*|ihr\w*|seu|sua|seus|suas|suo|sua|la sua|il suo|o seu|a sua)"
    r"\s+(?:owner|owners|due[ñn][oa]s?|propri[eé]taire|ma[iî]tre(?:sse)?|besitzer(?:in)?"
    r"|halter(?:in)?|dono|dona|padron[ea]|proprietari[oa]|madre|padre|mutter|vater|m[eè]re"
    r"|p[eè]re|m[aã]e|pai|mujer|esposa|esposo|marido|mari|femme|frau|mann|moglie|hij[oa]"
    r"|fils|fille|sohn|tochter|filh[oa]|figli[oa]|herman[oa]|fr[eè]re|s(?:œ|oe)ur|bruder"
    r"|schwester|irm[aã]o?|fratello|sorella|novi[oa]|copine?|freund(?:in)?|namorad[oa]"
    r"|fidanzat[oa]|familia|famille|familie|fam[ií]lia|famiglia|pareja|conjoint|partner(?:in)?"
    r"|parceir[oa]|eltern|parents|pais|padres|genitori)\b[^.!?\n]{0,15}$"
    # someone's own line by name: "text Dr. Kim's cell at", "el móvil de Ana", "das Handy von
    # Jonas", "le portable de Marie", "o telemóvel da Rita", "il cellulare di Marco"
    r"|\b[^\W\d_]+'s\s+(?:own\s+|personal\s+|private\s+)?(?:cell|cellphone|cell phone|mobile"
    r"|mobile number|cell number|personal number|private number)\b[^.!?\n]{0,12}$"
    r"|\b(?:m[oó]vil|celular|portable|handy|handynummer|telem[oó]vel|cellulare)\s+(?:de|von|da"
    r"|do|di|del|della)\s+(?!la\b|el\b|le\b|der\b|dem\b|l'|la\s)[^\W\d_]+\b[^.!?\n]{0,12}$"
    # a person's number said with his or her: "here's her number for anyone who needs a
    # cleaner:", "seine Nummer:", "o número dela", "il suo numero"
    r"|\b(?:his|her|sein|seine|seiner)\s+(?:own\s+|personal\s+|private\s+|phone\s+)?"
    r"(?:number|nummer|telefonnummer)\b[^.!?\n]{0,50}$"
    r"|\bn[uú]mero\s+(?:dele|dela)\b[^.!?\n]{0,30}$|\bil suo numero\b[^.!?\n]{0,30}$"
    r"|\b(?:ll[aá]mame|escr[ií]beme|appelle-moi|appelez-moi|ruf mich|ruft mich|ligue-me"
    r"|liga-me|chiamami|me chama|me liga|me ligue|chama no (?:zap|whats)"
    r"|me (?:manda|mande|mandem) (?:um |uma )?(?:zap|whats|wpp|mensagem|msg))\b[^.!?\n]{0,20}$"
    # a customer's number the organisation rang or holds: "we tried calling", "le marcamos
    # al", "nous vous avons appelé au", "ligámos para o", "l'abbiamo chiamata al", "the
    # number on his file is", "your number is"
    r"|\bwe(?:'ve|\s+have|'d|\s+had)?\s+(?:tried\s+|have\s+tried\s+|attempted\s+|just\s+"
    r"|been\s+)?(?:calling|to\s+call|called|to\s+reach|reached|rang|to\s+ring|phoned|texted"
    r"|texting|trying)\s+(?:you\s+|him\s+|her\s+|them\s+)?(?:back\s+)?(?:twice\s+|again\s+)?"
    r"(?:on|at)?\s*:?\s*$"
    # ... said to the reader in the other languages: "nous avons essayé de vous joindre au",
    # "intentamos llamarle al", "tentámos ligar-lhe para o", "abbiamo provato a chiamarla al",
    # "wir haben versucht, Sie unter"
    r"|\b(?:vous\s+(?:joindre|appeler|contacter|rappeler)\s+(?:au|sur\s+le)"
    r"|(?:llamarle|llamarte|contactarle|contactarte|localizarle|localizarte|le\s+llamamos"
    r"|te\s+llamamos|le\s+hemos\s+llamado|te\s+hemos\s+llamado)\s+al"
    r"|(?:ligar-lhe|ligar-te|contact[aá]-l[oa]|lig[aá]mos-lhe|lig[aá]mos-te)\s+(?:para|pelo|no)"
    r"(?:\s+o)?"
    r"|(?:chiamarla|chiamarti|contattarla|contattarti|l'abbiamo\s+chiamat[ao]|ti\s+abbiamo"
    r"\s+chiamat[ao])\s+al"
    r"|(?:versucht|probiert),?\s+sie\s+unter)\s*:?\s*$"
    r"|\b(?:le|te|les|la|lo)\s+(?:marcamos|llamamos|hemos\s+(?:llamado|marcado)"
    r"|intentamos\s+(?:llamar|marcar))(?:\s+[^\W\d_]+){0,2}\s+(?:al|a)\s*$"
    r"|\b(?:vous|l'|les|t')\s*(?:avons\s+|ai\s+)?(?:appel[ée]e?s?|joint|rappel[ée]e?s?)"
    r"(?:\s+[^\W\d_]+){0,2}\s+au\s*$"
    r"|\b(?:ligamos|lig[aá]mos|tentamos\s+ligar|tent[aá]mos\s+ligar)\s+(?:para\s+)?(?:o\s+)?"
    r"(?:seu\s+)?(?:n[uú]mero\s+)?\s*$"
    r"|\b(?:l'|la\s+|lo\s+|vi\s+|ti\s+)(?:abbiamo\s+)?(?:chiamat[oaie]|cercat[oaie])"
    r"(?:\s+[^\W\d_]+){0,2}\s+al\s*$"
    r"|\bwir\s+haben\s+(?:sie|ihn|euch|dich)\s+(?:[^\W\d_]+\s+){0,2}unter\s*$"
    r"|\bnumber\s+(?:on|in)\s+(?:his|her|your|their|the)\s+(?:file|account|booking|record"
    r"|profile|reservation)(?:\s+is)?\s*:?\s*$"
    r"|\byour\s+(?:phone\s+)?(?:number|cell|mobile)\s*(?:is|:)?\s*$"
    # Portuguese puts the owner after the phone: "o telemóvel dele", "o celular da Ana"
    r"|\b(?:telem[oó]vel|celular)\s+(?:dele|dela|deles|delas)\b[^.!?\n]{0,12}$"
    # a person's direct line ("call our pharmacist Janet directly at") and "give her a ring on"
    r"|\b(?:call|text|ring|reach|contact|phone)\s+(?:[\w'-]+\s+){0,4}?(?:directly|personally)"
    r"\s+(?:at|on)\s*:?\s*$"
    r"|\bgive\s+(?:her|him|me|them)\s+a\s+(?:ring|call|bell|buzz|text)\s+(?:on|at)\s*:?\s*$"
    # the reader's own number, said back to them: "we'll ring you on +34 ...", "we have your
    # mobile number 0171 ..."
    r"|\byour\s+(?:mobile|cell|phone|personal|home|private)\s*(?:number|no\.?|phone)?\s*:?\s*$"
    r"|(?:'ll|\bwill|\bshall|going to)\s+(?:ring|call|text|phone|whatsapp|try)\s+"
    r"(?:you|her|him)\s+(?:[\w-]+\s+){0,2}?(?:on|at)\s*:?\s*$"
    # the number the organisation holds for the reader: "we have you down as", "we've got you
    # on", "wir erreichen Sie (leider) nicht unter"
    r"|\bwe(?:'ve| have)?\s+(?:got|have)\s+you\s+(?:down\s+)?(?:as|on|at)\s*:?\s*$"
    r"|\b(?:wir\s+)?erreichen\s+sie\s+(?:\w+\s+){0,2}?unter\s*:?\s*$"
    # ... and in the other languages: "le llamará al", "vous rappellera au", "ruft Sie unter",
    # "vai ligar-lhe para o", "la richiamerà al"
    r"|\b(?:te|le|les|lo|la|os|vous|te|ti|vi|lhe|lhes)\s+(?:volver[aá]n? a\s+)?"
    r"(?:llamar[aáe]\w*|rappel\w*|appeler\w*|appellera\w*|richiam\w*|chiamer\w*)"
    r"\s+(?:\w+\s+){0,2}?(?:al|au|sur le|en el)\s*:?\s*$"
    r"|\b(?:ruft|rufen|wird|werden)\s+(?:sie|dich|euch|ihn)\s+(?:\w+\s+){0,2}?unter\s*:?\s*$"
    r"|\blig(?:ar|ará|ara|aremos|a)[\s-]+(?:lhe|te|vos|para (?:si|você|voce))\s+"
    r"(?:\w+\s+){0,2}?(?:no|para o|pelo)\s*:?\s*$"
    # a person said to be on the number: "she's on", "ella está en el", "elle est au", "sie ist
    # unter", "ela está no", "lei è al", "la trovate al"
    r"|\b(?:she's|he's|she is|he is|i'm|i am|they're|they are)\s+(?:always\s+|usually\s+)?on"
    r"\s*:?\s*$"
    r"|\b(?:ella|[eé]l)\s+est[aá]\s+en\s+el\s*:?\s*$"
    r"|\b(?:elle|il)\s+est\s+(?:joignable\s+)?au\s*:?\s*$"
    r"|\b(?:sie|er)\s+ist\s+(?:direkt\s+|privat\s+)?(?:erreichbar\s+)?unter\s*:?\s*$"
    r"|\b(?:ela|ele)\s+est[aá]\s+(?:no|pelo)\s*:?\s*$"
    r"|\b(?:lei|lui)\s+[eè]\s+al\s*:?\s*$|\b(?:la|lo)\s+(?:trovate|trovi|chiamate)\s+al\s*:?\s*$"
    # a named colleague's line: "WhatsApp our colleague Dimitri:", "unsere Kollegin Lena
    # direkt anrufen:", "a nuestra compañera Ana al"
    r"|\b(?:our|unsere?n?|nuestr[oa]|notre|nos|nostr[oa]|nosso|nossa|a nossa|o nosso)\s+"
    r"(?:colleague|colleagues|kollegin|kollege|kollegen|companer[oa]|collegue|collega|colega)\s+"
    r"[^\W\d_]+\b[^.!?\n]{0,20}$)")


@dataclass(frozen=True)
class PrivacyHit:
    """A piece of personal data: kind ("phone", "email", "address"), original span, role."""

    kind: str
    start: int
    end: int
    role_address: bool = False
    # said to be the writer's own home ("my house, 88 Cedar Lane"): never an organisation's
    own_home: bool = False
    # said to be a private person's: a winner's, a customer's, where the reader's parcel goes,
    # a flat in a building (see ``_private_address``)
    private: bool = False
    # an e-mail address on the employer's or a partner's own domain whose mailbox is one word
    # or words joined by hyphens ("complaints@", "mariages@", "app-feedback@"; a person's is
    # mostly "jane.smith@")
    own_desk: bool = False


@cache
def _address_pattern(suffixes: tuple[str, ...], not_after: tuple[str, ...]) -> re.Pattern[str]:
    suffix = "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True))
    excluded = "|".join(re.escape(s) for s in not_after)
    return re.compile(
        # (a numbered street with its compass point: "3310 W 44th Ave", "12 E 5th St")
        r"(?<![\w#$£€.,])\d{1,5}[a-z]?(?:-\d{1,5})?,?\s+(?:[a-z][\w'.-]*\s+"
        r"|(?:(?<=\b[nsew] )|(?<=\b[ns][ew] ))\d{1,3}(?:st|nd|rd|th)\s+){1,3}"
        rf"(?:{suffix})\b\.?"
        rf"(?!\s*(?:{excluded})\b)(?![\w-])"
    )


@cache
def _street_first_pattern(types: tuple[str, ...], particles: tuple[str, ...]) -> re.Pattern[str]:
    kind = "|".join(re.escape(t) for t in sorted(types, key=len, reverse=True))
    particle = "|".join(re.escape(p) for p in sorted(particles, key=len, reverse=True))
    return re.compile(
        r"(?<![\w#$£€.,])\d{1,4}(?:\s?(?:bis|ter)\b|[a-z]\b)?,?\s+"
        rf"(?:{kind})\.?\s+(?:(?:{particle})\s+|(?:l|d)')*[a-z][\w'-]+"
        r"(?:\s+[a-z][\w'-]+)?"
    )


@cache
def _number_last_pattern(types: tuple[str, ...], particles: tuple[str, ...]) -> re.Pattern[str]:
    kind = "|".join(re.escape(t) for t in sorted(types, key=len, reverse=True))
    particle = "|".join(re.escape(p) for p in sorted(particles, key=len, reverse=True))
    return re.compile(
        rf"\b(?:{kind})\.?\s+(?:(?:{particle})\s+)*[a-z][\w'-]+"
        # a little word inside the name too: "calle Lope de Vega 8", "Rua Dom Pedro de Castro"
        rf"(?:\s+(?:(?:{particle})\s+)?[a-z][\w'-]+)?,?\s+"
        r"(?:n[.o]?\s*)?\d{1,4}[a-z]?\b(?![.,:]\d|\s?(?:%|am\b|pm\b|h\b))"
    )


@cache
def _street_word_pattern(endings: tuple[str, ...]) -> re.Pattern[str]:
    ending = "|".join(re.escape(e) for e in sorted(endings, key=len, reverse=True))
    # The name starts where its run of letters and "-" starts (a start after every "-" of
    # "a-a-a-..." would read the rest of the run again each time: quadratic). German also
    # writes a place's adjective apart: "Eppendorfer Weg 112", "Berliner Str. 5".
    return re.compile(
        rf"(?<!\w)(?<![a-z-]-)[a-z][a-z-]{{2,}}(?:(?:er|e)\s+)?(?:{ending})\.?\s+\d{{1,4}}[a-z]?\b"
        r"(?![.,]\d|\s?%)"
    )


@cache
def _via_pattern(particles: tuple[str, ...]) -> re.Pattern[str]:
    """Italian "via Padova 118": "via" is also English ("via Zoom 3 times"), so the street is
    read only before a postcode, perhaps after a staircase or a floor ("via dei Serragli 41,
    50124 Firenze", "Via del Corso 4, scala B, 00186"), or after "in", "di", "da", a comma or
    a colon ("Chiara, via Padova 118", "da me: Via Padova 118")."""
    particle = "|".join(re.escape(p) for p in sorted(particles, key=len, reverse=True))
    return re.compile(
        rf"(?:(?<=\bin\s)|(?<=\bdi\s)|(?<=\bda\s)|(?<=,\s)|(?<=:\s)"
        rf"|\b(?=via\s(?:(?:{particle})\s+)*"
        r"[a-z][\w'-]+(?:\s+[a-z][\w'-]+)?,?\s+\d{1,4}[a-z]?(?:/[a-z0-9])?\s*,?\s*"
        rf"(?:(?:{_FLAT})\s*,?\s*)?\d{{5}}\b))"
        rf"(?:via)\s+(?:(?:{particle})\s+)*[a-z][\w'-]+(?:\s+[a-z][\w'-]+)?,?\s+"
        r"\d{1,4}[a-z]?\b(?![.,:/]\d|\s?(?:%|am\b|pm\b|h\b|times?\b|x\b))"
    )


# What may follow a street and its number: a flat, floor or door ("Apt 2", "app. 3", "4ºB",
# "3.º Esq.", "Wohnung 5", "interno 4"; º folds to "o") and a postcode with or without its town
# ("20259", "8050", "4050-174", "LS6 2PT", "H2J 3V3").
_FLAT = (r"(?:apt|apartment|flat|app|appt|apto|apartamento|appartamento|piso|dpto|depto|puerta"
         r"|pta|esc|escalera|wohnung|whg|interno|int|scala|etage|andar|bloco|bloque|stiege|tur"
         r"|top|porta|portal|escalier)\.?\s*"
         r"\d{1,3}[a-z]?\b"
         # a staircase, building or entry by its letter ("scala B", "bât. C", "Stiege 2")
         r"|(?:scala|escalera|escalier|bat|batiment|bloco|bloque|portal|stiege|edificio|torre"
         r"|haus|building|block|entrance|entrada|ingresso)\.?\s+[a-z]\b"
         # the name on the bell or the intercom ("citofono Rossi", "Klingel Müller")
         r"|(?:citofono|klingel|interphone|campainha|timbre|portero|buzzer|intercom)\s*:?\s+"
         r"[a-z][\w'-]+"
         # a floor said in words or as an ordinal ("secondo piano", "3e étage", "2. Stock")
         r"|(?:primo|secondo|terzo|quarto|quinto|sesto|ultimo|primer|segundo|tercer|cuarto"
         r"|quinto|primeiro|terceiro|premier|deuxieme|troisieme|first|second|third|top)\s+"
         r"(?:piano|piso|andar|etage|floor)\b"
         r"|\d{1,2}\s*(?:e|eme|er|st|nd|rd|th|o|a)?\.?\s*(?:piano|etage|stock|og|floor|andar|piso|planta)\b"
         r"|\d{1,2}\.?\s*[oa°]\.?\s*[a-z]?\b(?:\s*(?:esq|dto|dir|drt|izq|izda|dcha|dta|fte)\b\.?)?"
         r"|\d{1,2}(?:st|nd|rd|th)\s+floor\b")
_POSTCODE = (r"(?:\d{5}|\d{4}(?:-\d{3})?|[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2}"
             r"|[a-z]\d[a-z]\s?\d[a-z]\d)\b")
_ADDRESS_TAIL = re.compile(
    rf"(?P<flat>\s*,?\s*(?:{_FLAT}))?"
    rf"(?:\s*,?\s*(?:[a-z][\w'-]+\s+)?{_POSTCODE}"
    # a US town, state and ZIP code ("Lakewood, CO 80226")
    r"|\s*,\s*[a-z][\w'-]+(?:\s+[a-z][\w'-]+)?,\s*[a-z]{2}\s+\d{5}(?:-\d{4})?\b)?")

# A street named without a street word, then its number and a postcode with the town, as
# German, Austrian, Swiss and Dutch addresses are written ("Am Rinkenpfuhl 12, 50676 Köln",
# "Sülzgürtel 48, 50937 Köln"): the postcode and the town make it an address whatever the
# street is called. Over the folded text; the street's and the town's capitals are checked on
# the original (see _capitalised_street).
_STREET_POSTCODE = re.compile(
    r"(?<![\w'-])(?:[a-zß-ÿ][\w'-]*\s+){0,2}[a-zß-ÿ][\w'-]{3,}\s+\d{1,3}[a-z]?\s*,\s*"
    # (the town ends the clause: "Folge 12, 10000 Zuschauer haben ..." is a count)
    r"(?:[a-z]-)?\d{4,5}\s+[a-zß-ÿ][\w-]{2,}(?=\s*(?:[,.;:!?)\]\u2013\u2014-]|$))")


# Twenty-fifth round: a house number, a street named with no street word and a British
# postcode ("4 Mill Cottages, Lindale LN3 8QP", "41 Kirkgate, Otley LS21 3HN", "no.9 Beech
# Road B30 2JX"): the postcode makes it an address whatever the street is called. Over the
# folded text; the name's capital is checked on the original.
_UK_POSTCODE_SPACED = r"[a-z]{1,2}\d[a-z\d]?\s\d[a-z]{2}\b"
_NUMBER_NAME_UK_POSTCODE = re.compile(
    r"(?<![\w#$£€.,/])(?:no\.?\s?)?\d{1,4}[a-z]?,?\s+(?P<name>(?:[a-z][\w'-]*\s+){0,2}"
    r"[a-z][\w'-]{2,})(?:\s*,\s*[a-z][\w'-]+(?:\s+[a-z][\w'-]+)?)?\s*,?\s+"
    + _UK_POSTCODE_SPACED)
_UK_POSTCODE_HINT = re.compile(r"\b" + _UK_POSTCODE_SPACED)


def _beside(matches: list[re.Match[str]], more: Iterable[re.Match[str]]) -> list[re.Match[str]]:
    """``matches`` and those of ``more`` that overlap none of them, in order of start."""
    return sorted([*matches, *(match for match in more
                               if not any(other.start() < match.end()
                                          and match.start() < other.end()
                                          for other in matches))], key=lambda m: m.start())


# A German street named by its preposition and a name, then the house number (folded text):
# "Am Mühlbach 9", "An der Alster 12a", "Im Winkel 3", "Zur Alten Mühle 5" (the capitals are checked
# in the original; "am Montag 9 Uhr" is a time)
_GERMAN_PREPOSITIONS = (r"(?:am|an der|an den|im|auf der|auf dem|zum|zur|unter den|hinter der"
                        r"|in den)")
_GERMAN_PREPOSITION_HINT = re.compile(rf"\b{_GERMAN_PREPOSITIONS} [a-z]")
_GERMAN_PREPOSITION_STREET = re.compile(
    rf"\b{_GERMAN_PREPOSITIONS}\s+"
    r"(?P<name>[a-z][a-z-]{2,})(?:\s+(?P<second>[a-z][a-z-]{2,}))?\s+\d{1,3}[a-z]?\b"
    r"(?!\s*(?:uhr|h\b|:|[.,]\d|%|€|euro|prozent|jahre|minuten|min\b|km|m\b|kg|grad|stunden"
    r"|tage|mal\b|x\b))")
_NOT_A_STREET_NAME = frozenset((
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar",
    "februar", "marz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "wochenende", "abend", "morgen", "mittag", "nachmittag", "tag",
    "ende", "start", "platz", "rang", "gleis", "stand", "tisch", "schalter", "tor", "eingang"))


def _capitalised_at(fold: TextView, start: int) -> bool:
    """Whether the word at fold ``start`` begins with a capital in the original ("4 Mill
    Cottages", not "4 more days")."""
    first = fold.span(start, start + 1)[0]
    return fold.original[first:first + 1].isupper()


def _capitalised_street(fold: TextView, start: int, end: int) -> int | None:
    """Where the street of a :data:`_STREET_POSTCODE` match at fold [start, end) begins, its
    words all written with a capital in the original ("Am Rinkenpfuhl 12, 50676 Köln"; the
    lower-case words before it are the sentence: "to your home at"), or ``None`` when the
    street or the town is written without one."""
    text = fold.text
    comma = text.rfind(",", start, end)
    words = list(re.finditer(r"[^\W\d_][\w'-]*", text[start:end]))

    def capital(word: re.Match[str]) -> bool:
        first = fold.span(start + word.start(), start + word.end())[0]
        return fold.original[first:first + 1].isupper()

    if not words or not capital(words[-1]):
        return None
    street = None
    for word in words[:-1]:
        if start + word.end() > comma:
            break
        if capital(word):
            street = start + word.start() if street is None else street
        else:
            street = None  # "at Am Rinkenpfuhl": the capitals after the last small word
    return street


# Said to be a private person's address, in the sentence before it (over the folded text):
# a person's title and name right before ("Frau Keller, Eppendorfer Weg 112", "la sig.ra
# Bianchi, via ..."); a winner, a customer, a refund or a delivery to someone; the reader's
# parcel or home ("your box ships tomorrow to", "su domicilio de la calle", "votre colis a été
# renvoyé au"); or the business going there ("we'll drop by at").
_TITLED_BEFORE = re.compile(
    r"\b(?:mr|mrs|ms|miss|mx|dr|herr|herrn|frau|sr|sra|srta|dona|mme|mlle|monsieur|madame|sig"
    r"|sig\.ra|sigra|signor|signora)\.?\s+[a-z][\w'-]*(?:(?:\s+[a-z][\w'-]*){0,2}"
    # ... or the person's home itself: "Mrs Obi's new kitchen at"
    r"|'s(?:\s+[a-z][\w'-]*){1,3})\s*[,:]?\s*$")
# ... or right after it, in the same sentence: "on site at 42 Crossley Street for Ms Adeyemi's
# leak", "chez Mme Roux", "bei Frau Huber", "para la Sra. Gil"
_TITLED_AFTER = re.compile(
    r"[^.!?\n]{0,30}?\b(?:for|of|at|chez|pour|de|bei|fur|für|von|para|per|di|da)\s+(?:mr|mrs|ms"
    r"|miss|mx|dr|herr|herrn|frau|sr|sra|srta|dona|mme|mlle|monsieur|madame|sig|sig\.ra|sigra"
    r"|signor|signora)\.?\s+[a-z]")
_PRIVATE_PARTY = Alternation.of(
    r"\b(?:winners?|ganador(?:a|es|as)?|gagnante?s?|gewinner(?:in|innen)?|vencedor(?:a|es|as)?"
    r"|vincitor[ei]|vincitrice|customer(?!\s+(?:service|support|care|centre|center|desk|hub"
    r"|lounge|success))|kund(?:e|in)|refunds?|reembolso|remboursement|r[uü]?ckerstattung"
    r"|erstattung|rimborso|delivery\s+(?:for|to)|entrega\s+(?:para|a)|livraison\s+(?:pour|a|chez)"
    r"|lieferung\s+an|consegna\s+(?:per|a)|envio\s+(?:para|a)|pickup\s+for"
    r"|(?:your|tu|tus|su|sus|votre|vos|ton|ta|tes|ihr|ihre|ihren|ihrem|dein|deine|deinen|seu|sua"
    r"|teu|tua|tuo|vostr[oa])\s+(?:[\w-]+\s+)?(?:order|parcel|package|box|prize|refund|delivery"
    r"|replacement|voucher|gift|cheque|check|pedido|paquete|premio|caja|regalo|colis|commande"
    r"|lot|cadeau|paket|bestellung|gewinn|preis|packchen|lieferung|sendung|encomenda|pacote"
    r"|caixa|presente|ordine|pacco|spedizione|home|house|flat|apartment|domicilio|casa|piso"
    r"|card|karte|carte|tarjeta|cartao|carta"
    r"|address|direccion|adresse|anschrift|endereco|indirizzo"
    r"|domicile|maison|appartement|logement|wohnung|zuhause|haus|morada|residencia|apartamento"
    r"|abitazione|appartamento)\b"
    # something sent to the person the reply is for: "we've sent the replacement to"
    r"|\b(?:sent|send|sending|shipped|ship|shipping|posted|delivered|deliver|dispatched)\s+"
    r"(?:the|your|her|his|their)\s+(?:[\w-]+\s+)?(?:replacement|order|parcel|package|refund"
    r"|samples?|voucher|gift|prize|card|letter|keys?)\s+(?:out\s+)?to\s*$"
    # cards or flowers sent to someone: "send cards to", "send her flowers at"
    r"|\bsend\s+(?:her|him|them\s+)?\s*(?:get well\s+)?(?:cards?|flowers|letters?|gifts?|wishes)"
    r"\s+(?:to|at)\s*$"
    # someone at home: "he's at home at", "she is home at"
    r"|\b(?:he's|she's|they're|he is|she is|they are|hes|shes)\s+(?:at\s+home|home)\s+(?:at|in)\s*$"
    # the reader's visit booked: "we've booked your engineer for", "your technician is coming to"
    r"|\b(?:your|tu|su|votre|ton|ihr|ihren|dein|deinen|o seu|a sua|il tuo|il suo)\s+"
    r"(?:engineer|technician|fitter|plumber|electrician|installer|visit|appointment|tecnico"
    r"|t[eé]cnico|technicien|techniker|monteur|installateur|visita|rendez-vous|termin)"
    r"\b[^.!?\n]{0,25}\b(?:for|at|to|en|a|al|au|chez|bei|in|na|no|em|da|presso)\s*$"
    # someone's own home: "it's at her house now: 9 Orchard Close", "en casa de Ana,"
    r"|\b(?:her|his|their|my)\s+(?:house|home|flat|place|parents'?)\b"
    # the account's holder, named: "the account holder is Nathan Hughes, ... at"
    r"|\b(?:account holder|titular de la cuenta|titulaire du compte|kontoinhaber\w*"
    r"|titular da conta|intestatari[oa] del conto)\b"
    # a named person's home, or a home address said so: "Petra's home address is", "la
    # dirección particular de", "son adresse personnelle", "Privatadresse", "indirizzo di casa"
    r"|\b[a-z]+'s\s+(?:home|house|flat|apartment)\b"
    r"|\b(?:home|private|personal)\s+address|\bdirecci[oó]n\s+(?:particular|personal|de casa)"
    r"|\bdomicilio\s+(?:particular|personal|privado)|\badresse\s+(?:personnelle|priv[eé]e|perso)"
    r"|\b(?:privat|heim|wohn)(?:adresse|anschrift)|\bendere[cç]o\s+(?:pessoal|residencial"
    r"|particular|de casa)|\bmorada\s+(?:pessoal|particular)"
    r"|\bindirizzo\s+(?:di casa|privato|personale)"
    # the reader's home in a reply: "engineer booked for your place at", "chez vous au",
    # "bei Ihnen zu Hause in der", "a casa tua in via" (not a seat: "book your place at")
    r"|(?<!book )(?<!reserve )(?<!secure )(?<!save )(?<!claim )(?<!grab )\byour\s+place\b"
    r"|\bchez (?:vous|toi)\b|\bbei (?:ihnen|dir|euch) zu ?hause\b"
    r"|\ba casa (?:tua|vostra)\b|\b(?:na|em) (?:sua|tua) casa\b"
    r"|\ben casa de\b|\bchez (?:elle|lui|eux)\b|\bbei (?:ihr|ihm)(?: zu hause)?\b"
    # cards, letters or gifts sent to someone named before: "Send him cards at", "escribidle
    # a", "envoyez-lui vos cartes au", "schickt ihr Karten an", "mandem-lhe", "mandategli"
    r"|\b(?:send|mail|post|write to|drop)\s+(?:him|her|them)\b"
    r"|\b(?:enviadle|mandadle|escribidle|enviale|mandale|escribele|envoyez-lui|ecrivez-lui"
    r"|envoie-lui|ecris-lui|mandem-lhe|enviem-lhe|escrevam-lhe|mandategli|mandatele"
    r"|scrivetegli|scrivetele|inviategli|inviatele)\b"
    r"|\b(?:schickt|schreibt|sendet|schick|schreib)\s+(?:ihm|ihr)\b"
    # someone at home ("cards can be sent to her at home,"), a family at its house ("the
    # Thompson family at", "la famille Martin au"), a thing's owner named ("a handbag
    # belonging to", "the ID says", "a nombre de", "au nom de", "auf den Namen", "em nome de",
    # "a nome di") and where a parcel goes ("delivery address:", "adresse de livraison")
    r"|\b(?:her|him|them|you)\s+at\s+home\b"
    r"|\bthe\s+(?:[a-z]+\s+){1,2}family\b|\bkeys\s+(?:handed|given)\s+(?:over\s+)?to\b"
    r"|\b(?:la|a)\s+(?:famille|familia|famiglia)\s+[a-z]+"
    r"|\bfamilie\s+[a-z]+"
    r"|\b(?:belonging to|belongs to|the id says|owner is|addressed to|a nombre de"
    r"|perteneciente a|pertenece a|au nom de|appartenant a|auf den namen|gehort|em nome de"
    r"|pertencente a|pertence a|a nome di|appartenente a|appartiene a|intestat[oa] a)\b"
    r"|\b(?:delivery|shipping|postal) address\b|\bdirecci[oó]n de (?:entrega|env[ií]o)\b"
    r"|\badresse de livraison\b|\b(?:liefer|versand)(?:adresse|anschrift)\b"
    r"|\b(?:morada|endere[cç]o) de entrega\b|\bindirizzo di (?:consegna|spedizione)\b"
    r"|\ba casa (?:dela|dele|sua|di)\b"
    r"|\bwe(?:'ll|'re| will| can| could| are going to)?\s+(?:drop|stop|come|pop|swing)\s+"
    r"(?:by|round|over)|\b(?:pasaremos|iremos|passaremos|passerons|passeremo|verremo"
    r"|vorbeikommen|vorbeischauen|kommen\s+\w+\s+vorbei)\b"
    # Twenty-fifth round: a flat named before the house number ("Flat 3, 88 Cotham Brow", the
    # Glasgow "2/1, 14 Dumbarton Road"), the reader's thing on its way there, a customer who
    # came from there, the business's work done or its fitter knocking there ("in and running
    # at", "back on at", "the installer will knock at")
    r"|\b(?:flat|apt|apartment|unit|piso|wohnung)\s*\d{1,3}[a-z]?\s*,?\s*$|(?<![\d/])\d{1,2}/\d{1,2}"
    r"\s*,\s*$|\bon\s+(?:its|their|her|his)\s+way\s+to\s*$"
    r"|\b(?:drove|came|travelled|traveled|flew)\s+(?:all\s+the\s+way\s+)?(?:in\s+)?from\s*$"
    r"|\bknock\s+at\s*$|\b(?:in\s+and\s+running|up\s+and\s+running|back\s+on|installed"
    r"|fitted|commissioned)\s+at\s*$)")
# (read one alternative at a time: needles.Alternation, the same matches as the joined
# expression; listed for the shipped needle table, needle_table.py)
ALTERNATION_READERS = (_PRIVATE_PARTY,)
# ... unless the organisation's own place is named right before ("at our store, 12 Main St")
_OUR_PLACE = re.compile(
    r"\b(?:our|nuestr[ao]s?|notre|nos|unser\w*|noss[ao]s?|nostr[oaie])\s+(?:new\s+|nuev[ao]\s+"
    r"|nouveau\s+|nouvelle\s+|neue\w*\s+|nov[ao]\s+|nuov[ao]\s+)?(?:[a-z]+\s+)?(?:store|shop"
    r"|office|studio|branch|showroom|tienda|oficina|local|boutique|magasin|bureau|laden|geschaft"
    r"|filiale|buro|loja|escritorio|negozio|ufficio|sede|atelier|plant|factory|site|campus|depot"
    r"|warehouse|hq|headquarters|premises|fabrica|planta|usine|werk|fabrik|fabbrica"
    r"|stabilimento"
    # twenty-ninth round: a service point or a practice, German compounds included ("unser
    # Kundencenter am Marktplatz 4", "notre agence", "nuestra clínica", "our service centre")
    r"|[a-z]*(?:center|centre|zentrum|praxis|klinik)|agence|agencia|agenzia"
    r"|clinic|clinica|clinique|service point|servicepunkt)s?\b"
    r"|\b(?:bei uns|chez nous|da noi|con nosotros|connosco|conosco)\b"
    r"|\b(?:at the|in the|im|in der|en la|en el|au|a la|na|no|nel|nella|in)\s+(?:store|shop"
    r"|laden|filiale|tienda|local|magasin|boutique|loja|negozio)\b"
    r"|\b(?:visit us|find us|see us|join us|located at|held at|see you at|we're at|we are at"
    r"|visitanos|encuentranos|visitez-nous|retrouvez-nous|besuchen sie uns|besucht uns"
    r"|visite-nos|visitem-nos|vieni a trovarci|venite a trovarci|ci trovi|ci trovate)\b")
# The writer at an address, right before it: "come grab them, I'm at Zschochersche Str. 61",
# "estoy en la calle Mayor 5", "je suis au 12 rue ...", "ich bin in der Gohliser Str. 22",
# "estou na Rua Augusta 5", "sono in via Roma 5". ("I'm at the station" has no number.)
_I_AM_AT = re.compile(
    r"\b(?:i'm|i am|im|estoy|je suis|ich bin|estou|sono)\s+(?:at|en|au|a|in|na|no|nella|nel)"
    r"(?:\s+(?:la|el|der|dem))?\s*$")
# A family named by its surname right before the address (original text): "the Hendersons at",
# "the Okafor family,", "la familia Ruiz en", "la famille Martin au", "Familie Huber in der",
# "a família Costa na", "la famiglia Bianchi in" (twenty-eighth round: a customer's home).
_FAMILY_BEFORE = re.compile(
    r"(?:\b[Tt]he\s+(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?s|[A-Z][a-z]+\s+[Ff]amily)"
    r"|\b(?:[Ll]a\s+familia|[Ll]a\s+famille|[Ff]amilie|[Aa]\s+fam[ií]lia|[Ll]a\s+famiglia)"
    r"\s+(?:de\s+|von\s+)?[A-Z][\w-]+)"
    r"\s*[,:]?\s*(?:at|in|on|en|au|à|a|in\s+der|im|na|no|in\s+via|nella|nel)?\s*$")
# A party at one's own home ("housewarming is on!! we're at 77 Elk Run Rd", "pendaison de
# crémaillère", "Einweihungsparty", "bring whatever you're drinking"): folded text around the
# address (twenty-ninth round).
_HOME_PARTY = re.compile(
    r"\b(?:house-?warming|flat-?warming|pendaison de cremaillere|einweihungs?(?:party|feier)"
    r"|inauguracion del piso|festa de inauguracao|festa di inaugurazione|byob"
    r"|bring (?:a bottle|whatever you'?re drinking|your own (?:drinks|booze|bottle)))\b")
# A sale held at one's home ("garage sale", "yard sale", "moving sale", "vide-maison",
# "Hofflohmarkt", "venta de garaje"), folded text before the address.
_HOME_SALE = re.compile(
    r"\b(?:garage|yard|moving|stoop|porch|estate|driveway)\s+sale\b|\bvide[- ]maison\b"
    r"|\bhof-?flohmarkt\b|\bventa de garaje\b|\bvenda de garagem\b")
# (and a name's initial: "Owner is Mr D. Singh,", "the ID says Jason R. Miller,")
_TITLE_DOT_FOLDED = re.compile(r"\b(?:mr|mrs|ms|dr|sr|sra|srta|mme|mlle|sig|sig\.ra|prof|[a-z])\.")


def _private_address(text: str, start: int, flat: bool) -> bool:
    """Whether the address at ``start`` in the folded ``text`` is said to be a private
    person's (``flat``: a flat, floor or door follows the street)."""
    before = text[max(0, start - 100):start]
    if _TITLED_BEFORE.search(before[-45:]):
        return True
    masked = _TITLE_DOT_FOLDED.sub(lambda title: title.group()[:-1] + " ", before)
    cut = max(masked.rfind(mark) for mark in ".!?\n;") + 1
    sentence = before[cut:]
    parties = [cut + match.start() for match in _PRIVATE_PARTY.finditer(sentence)]
    window = max(0, len(before) - 60)
    ours = [window + match.end() for match in _OUR_PLACE.finditer(before, window)]
    if ours and not (parties and parties[-1] >= ours[-1]):
        # the organisation's own place named last ("at our store, 12 Main St"); a person
        # said after it still owns the address ("lost in our Hilliard store: the ID says
        # Jason R. Miller, 5512 ...", twenty-fifth round)
        return False
    return flat or bool(parties)


@cache
def _context_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


# Toll-free and shared-cost business numbers: North America 1-8xx, UK/EU 0800/0808/0500,
# Australia 1300/1800, and the same with a country code.
_TOLL_FREE = re.compile(
    r"^(?:(?:\+|00)?1[\s.-]?)?\(?8(?:00|33|44|55|66|77|88)\)?[\s.-]?\d"
    r"|^(?:(?:\+|00)\d{1,3}[\s.-]?\(?0?\)?[\s.-]?|0)\s?8(?:00|08)\b"
    r"|^0\s?500\b|^1[38]00\b|^(?:\+|00)61[\s.-]?1[38]00"
)

# "jane dot doe at gmail dot com", "jane(at)example(dot)org", "jane [at] example [dot] org",
# and the same in the other languages of the check: "jana punkt meier ät web punkt de",
# "lucia punto gomez arroba gmail punto com", "claire point dubois arobase orange point fr",
# "marco chiocciola libero punto it" (the text is folded, so "ät" reads "at").
# Linear on any text: it starts only where a run of letters, digits, "_" and "-" starts (not
# after a letter, a dot, or a "-" inside such a run), and each part takes at most eight dots.
_DOT_WORD = r"(?:dot|punkt|punto|point|ponto)"
_AT_WORD = r"(?:at|arroba|arobase|chiocciola|klammeraffe)"
_SPELLED_EMAIL = re.compile(
    r"(?<![\w.])(?<![\w.-]-)[a-z0-9][\w-]*"
    rf"(?:(?:\s*[\[(]\s*{_DOT_WORD}\s*[\])]\s*|\s+{_DOT_WORD}\s+|\.)[a-z0-9][\w-]*){{0,8}}"
    rf"(?P<at>\s*[\[({{]\s*(?:{_AT_WORD}|@)\s*[\])}}]\s*|\s+{_AT_WORD}\s+|\s+@\s+)"
    rf"(?P<domain>[a-z0-9][\w-]*(?:(?:\s*[\[(]\s*{_DOT_WORD}\s*[\])]\s*|\s+{_DOT_WORD}\s+|\.)"
    r"[a-z0-9][\w-]*){1,8})\b(?![.-]?\w|/)"
)
_SPELLED_DOT = re.compile(rf"\s*[\[(]\s*{_DOT_WORD}\s*[\])]\s*|\s+{_DOT_WORD}\s+")
_SPELLED_HINT = re.compile(rf"[\s\[(]{_DOT_WORD}[\s\])]|[\[({{]\s*(?:{_AT_WORD}|@)\s*[\])}}]"
                           rf"|\s(?:{_AT_WORD}|@)\s+[a-z0-9][\w-]*\.[a-z]")
# An "at" in brackets, or a word that only ever means "@" ("arroba", "arobase", "chiocciola",
# "Klammeraffe"), makes the mailbox plain whatever follows; a bare English "at" or an "@"
# between spaces before a domain with real dots ("jane at gmail.com", "tom.hart @ gmail.com")
# does only before a personal mail provider or after a person's name ("claire.dupont at
# orange.fr"): "tickets at eventbrite.com" is a shop, "follow @ acme.com" a pointer.
_LABEL_SPLIT = re.compile(rf"{_SPELLED_DOT.pattern}|\.")
_PLAIN_AT = re.compile(r"\s*[\[({]|\s+(?:arroba|arobase|chiocciola|klammeraffe)\s+")
_NAME_LIKE_LOCAL = re.compile(r"[a-z]+[._-][a-z]+(?:[._-][a-z0-9]+)*|[a-z]+\d+")
# A bare " at " reads as an address only with "dot" or German "punkt": "at this point it was
# late" is a sentence, not a mailbox at "this.it".
_EVERYDAY_DOTS = re.compile(r"\s(?:point|punto|ponto)\s")
_BARE_AT = re.compile(r"\sat\s")
_SPELLED_AT = re.compile(rf"\s*[\[({{]\s*(?:{_AT_WORD}|@)\s*[\])}}]\s*|\s+{_AT_WORD}\s+")

_NOT_PHONE_BEFORE = re.compile(
    r"\b(?:isbn(?:-1[03])?|issn|order|ref|reference|invoice|tracking|case|ticket|id|no|"
    r"serial|account|acct|iban|sku|model|version|v|room|pin|code|seat|seats|gate|locker|"
    r"table|row|flight|parcel)\W{0,3}$"
    # The number of an order, a customer, an invoice, a parcel, a policy or a claim, in the six
    # languages: "order number", "Bestellnummer", "Kunden-Nr.", "número de pedido", "numéro de
    # commande", "numero d'ordine", "número da encomenda" (folded: no accents).
    r"|\b(?:order|customer|client|invoice|tracking|account|policy|claim|case|reference|member"
    r"|membership|booking|reservation|confirmation|shipment|parcel|contract|serial|ticket)"
    r"\s*(?:number|no|nr|num|#|id|code)\W{0,3}$"
    r"|(?:bestell|auftrags|kunden|rechnungs|sendungs|vertrags|versicherungs|policen|mitglieds"
    r"|referenz|vorgangs|buchungs|schadens|akten|tracking)-?(?:nummer|nr)\W{0,3}$"
    r"|\bn(?:umero|o|r|°)\.?\s*(?:de\s+|da\s+|do\s+|du\s+|di\s+|d'|del\s+|dell'|della\s+"
    r"|de\s+la\s+|dello\s+)?(?:pedido|cliente|client|factura|fatura|fattura|facture|seguimiento"
    r"|rastreio|seguimento|suivi|commande|ordine|ordem|encomenda|referencia|reference|riferimento"
    r"|dossier|expediente|processo|pratica|poliza|apolice|polizza|contrat|contrato|contratto"
    r"|socio|adherent|colis|envio|spedizione|tracking|reservation|reserva|prenotazione|siniestro"
    r"|sinistre|sinistro|sinistro)\W{0,3}$"
    r"|\b(?:pedido|commande|encomenda|ordine|bestellung|auftrag|factura|fatura|fattura|facture"
    r"|rechnung)\s*(?:n(?:umero|o|r|°)\.?|#)?\W{0,3}$"
)


# Phone numbers spelled out in words ("zero one seven six / 55 21 03 87", "null eins fünf
# zwei, zwei sieben sieben drei, elf neunzig", "cero seis ..."), as people write them to slip
# past filters: the number words of the six languages (folded) and their values.
_NUMBER_WORD_VALUES: dict[str, int] = {}
for _value, _words in enumerate((
        "zero cero null nulle oh", "one uno una un une eins ein um",
        "two dos deux zwei zwo dois duas due",
        "three tres trois drei tre", "four cuatro quatre vier quatro quattro",
        "five cinco cinq funf cinque", "six seis sechs sei", "seven siete sept sieben sete sette",
        "eight ocho huit acht oito otto", "nine nueve neuf neun nove",
        "ten diez dix zehn dez dieci", "eleven once onze elf undici",
        "twelve doce douze zwolf doze dodici",
        "thirteen trece treize dreizehn treze tredici",
        "fourteen catorce quatorze vierzehn quattordici",
        "fifteen quince quinze funfzehn quindici",
        "sixteen dieciseis seize sechzehn dezasseis sedici",
        "seventeen diecisiete siebzehn dezassete diciassette",
        "eighteen dieciocho achtzehn dezoito diciotto",
        "nineteen diecinueve neunzehn dezanove diciannove")):
    for _word in _words.split():
        _NUMBER_WORD_VALUES.setdefault(_word, _value)
for _value, _words in ((20, "twenty veinte vingt zwanzig vinte venti"),
                       (30, "thirty treinta trente dreissig trinta trenta"),
                       (40, "forty cuarenta quarante vierzig quarenta quaranta"),
                       (50, "fifty cincuenta cinquante funfzig cinquenta cinquanta"),
                       (60, "sixty sesenta soixante sechzig sessenta sessanta"),
                       (70, "seventy setenta siebzig settanta"),
                       (80, "eighty ochenta achtzig oitenta ottanta"),
                       (90, "ninety noventa neunzig novanta")):
    for _word in _words.split():
        _NUMBER_WORD_VALUES[_word] = _value
_NUMBER_WORD = "(?:" + "|".join(sorted(map(re.escape, _NUMBER_WORD_VALUES),
                                       key=len, reverse=True)) + ")"
# German says 23 as "dreiundzwanzig"
_GERMAN_COMPOUND = r"(?:ein|zwei|drei|vier|funf|sechs|sieben|acht|neun)und(?:zwanzig|dreissig" \
    r"|vierzig|funfzig|sechzig|siebzig|achtzig|neunzig)"
_TENS_WORD = "(?:" + "|".join(sorted((w for w, v in _NUMBER_WORD_VALUES.items() if v >= 20),
                                      key=len, reverse=True)) + ")"
_DIGIT_WORD = "(?:" + "|".join(sorted((w for w, v in _NUMBER_WORD_VALUES.items() if v < 10),
                                       key=len, reverse=True)) + ")"
# Spanish, Portuguese and French join tens and units with "and" ("treinta y cuatro", "trinta e
# quatro", "vingt et un"); Italian writes them as one word ("trentaquattro", "ventuno"), and
# so does Spanish from 21 to 29 ("veintidós").
_JOINED_COMPOUND = rf"{_TENS_WORD}\s+(?:y|e|et)\s+{_DIGIT_WORD}"
_ONE_WORD_TENS = {"veint": 20, "vent": 20, "trent": 30, "quarant": 40, "cinquant": 50,
                  "sessant": 60, "settant": 70, "ottant": 80, "novant": 90}
_ITALIAN_TENS = "|".join(stem for stem in _ONE_WORD_TENS if stem != "veint")
_ONE_WORD_COMPOUND = rf"(?:{_ITALIAN_TENS})[ai]?" \
    r"(?:uno|due|tre|quattro|cinque|sei|sette|otto|nove)" \
    r"|veinti(?:uno|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)"
_ONE_WORD_SPLIT = re.compile(rf"({'|'.join(_ONE_WORD_TENS)})[ai]?(.+)")
# English repeats a digit with "double" and "triple" ("double-oh", "triple seven").
_REPEATED_DIGIT = rf"(?:double|triple)[\s-]+{_DIGIT_WORD}"
_SPELLED_TOKEN = (rf"(?:{_REPEATED_DIGIT}|{_JOINED_COMPOUND}|{_ONE_WORD_COMPOUND}"
                  rf"|{_GERMAN_COMPOUND}|{_NUMBER_WORD}|\d{{1,4}})")
_SPELLED_PHONE = re.compile(
    rf"(?<![\w+#$£€/.,:-]){_SPELLED_TOKEN}(?:(?:\s*[,/.-]\s*|\s+){_SPELLED_TOKEN}){{3,24}}"
    r"(?![\w%])")


_NUMBER_WORDS = frozenset(_NUMBER_WORD_VALUES)


def _spelled_value(token: str) -> str:
    """The digits a spelled token stands for ("sieben" → "7", "neunzig" → "90")."""
    if token.isdigit():
        return token
    if token.startswith(("double", "triple")):
        times, digit = re.split(r"[\s-]+", token)
        return _spelled_value(digit) * (2 if times == "double" else 3)
    if " " in token:  # "treinta y cuatro"
        tens, _and, unit = token.split()
        return str(_NUMBER_WORD_VALUES[tens] + _NUMBER_WORD_VALUES[unit])
    one_word = _ONE_WORD_SPLIT.match(token)
    if one_word and token not in _NUMBER_WORD_VALUES:
        return str(_ONE_WORD_TENS[one_word.group(1)] + _NUMBER_WORD_VALUES[one_word.group(2)])
    if "und" in token and token not in _NUMBER_WORD_VALUES:
        unit, tens = token.split("und", 1)
        return str(_NUMBER_WORD_VALUES[tens] + _NUMBER_WORD_VALUES[unit])
    return str(_NUMBER_WORD_VALUES[token])


def _spelled_phones(text: str) -> list[tuple[int, int, str]]:
    """Runs of at least four number words and digit groups that spell a number of seven to
    fifteen digits: [start, end) in ``text`` and the digits. Whether they dial is checked as
    for digits; a date or a count in words is too short."""
    found = []
    for match in _SPELLED_PHONE.finditer(text):
        tokens = re.findall(_SPELLED_TOKEN, match.group())
        words = sum(not token.isdigit() for token in tokens)
        # four number words, or three beside digit groups ("three oh five 555 0112")
        if words < 4 and (words < 3 or words == len(tokens)):
            continue
        digits: list[str] = []
        for token in tokens:
            value = _spelled_value(token)
            # "forty two" is 42 when a tens word is followed by a unit word
            if digits and len(value) == 1 and value != "0" and len(digits[-1]) == 2 \
                    and digits[-1].endswith("0") and not token.isdigit():
                digits[-1] = digits[-1][0] + value
            else:
                digits.append(value)
        number = "".join(digits)
        if 7 <= len(number) <= 15:
            found.append((match.start(), match.end(), number))
    return found

# The call said right after the number: "11 98765-4321, me chama", "612 345 678, llámame",
# "07700 900651 - text me" (over the folded text).
_CALL_ME_AFTER = re.compile(
    r"\W{0,4}(?:call me|text me|ring me|phone me|whatsapp me|message me|me chama|me liga"
    r"|me ligue|liga-me|ligue-me|chama no|ll[aá]mame|escr[ií]beme|whatsapp[eé]ame|appelle-moi"
    r"|appelez-moi|[eé]cris-moi|ruf mich|ruft mich|schreib mir|chiamami|scrivimi"
    # a number for one person's messenger: "(WhatsApp only)", "(só WhatsApp)", "(solo
    # WhatsApp)", "(nur WhatsApp)", "(WhatsApp uniquement)"
    r"|\(?(?:whatsapp only|only whatsapp|s[oó] whatsapp|solo whatsapp|solo por whatsapp"
    r"|nur whatsapp|nur per whatsapp|whatsapp uniquement|uniquement whatsapp|apenas whatsapp"
    r"|whatsapp apenas|solo su whatsapp))\b")


def _is_phone(number: str, before: str, after: str = "") -> bool:
    said_phone = bool(_PHONE_WORDS.search(before) or PERSONAL_LINE.search(before)
                      or (after and _CALL_ME_AFTER.match(after)))
    if "/" in number and not (said_phone or number.startswith(("+", "00", "0"))):
        return False  # "120/80/60", "2/3/4": a slash splits other figures far more often
    number = _ODD_SEPARATORS.sub(" ", number)
    label = _NOT_PHONE_BEFORE.search(before)
    # "no" is "number" in "order no 4471", but "in"/"on" in Portuguese and Italian: after
    # "liguem para o Rafael no" the number is one to call.
    if (label and not (said_phone and label.group().rstrip(" .:#").endswith("no"))) \
            or _TOLL_FREE.match(number):
        return False
    digits = sum(char.isdigit() for char in number)
    if digits < 7 or digits > 15:
        return False
    if _YEAR_RANGE.match(number) or _DATE.match(number):
        return False
    if _THOUSANDS.match(number) and not said_phone:
        return False  # "612 345 678" is a count unless the text says to call it
    groups = len(re.findall(r"\d+", number))
    formatted = number.startswith(("+", "00")) or "(" in number or groups >= 3
    if groups == 2 and not number.startswith(("+", "00", "0")):
        formatted = False
    if not (formatted or (digits >= 10 and number.startswith("0")) or said_phone):
        return False
    return _dialable(number, said_phone)


# Where a number written without a country code may be from: countries whose national numbers
# start with a trunk "0" (so "0…" is tried there), and countries dialled without one. Trying
# every country would make almost any digits valid somewhere (Germany alone accepts most).
_TRUNK_ZERO_REGIONS = ("GB", "IE", "DE", "AT", "CH", "FR", "BE", "NL", "IT", "SE", "AU", "NZ",
                       "IN", "BR", "JP", "ZA")
_NO_TRUNK_REGIONS = ("US", "CA", "ES", "PT", "IT")


@lru_cache(maxsize=512)  # the composer checks the same draft again on every pause in typing
def _dialable(number: str, said_phone: bool) -> bool:
    """Whether ``number`` is a real phone number by Google's libphonenumber data (the lite
    package, imported only here, when a draft has a phone-shaped number): valid for its
    country code, or for one of the countries above; when the text says "call", "text" …
    just before it, or the number is written with its country code, a number of a possible
    length is enough (a local number without its area code, a range the data does not list)."""
    import phonenumbers  # lazily: most drafts have no phone-shaped number

    if number.startswith("00"):
        number = "+" + number[2:]
    if number.startswith("+"):
        number = _BRACKETED_TRUNK.sub(" ", number, count=1)
    if number.startswith("+"):
        regions: tuple[str | None, ...] = (None,)
    elif number.lstrip("(").startswith("0"):
        regions = _TRUNK_ZERO_REGIONS
    else:
        regions = _NO_TRUNK_REGIONS
    for region in regions:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return True
        if (said_phone or region is None) and phonenumbers.is_possible_number(parsed):
            # (written with its country code, "+44 7700 900123" is a phone number whatever
            # block of numbers it is from: a range kept for drama is still someone's to copy)
            return True
    if regions is _NO_TRUNK_REGIONS:
        # Brazil writes its numbers without the trunk "0" too: "11 98765-4321", "(21)
        # 99876-5432". Its mobiles (area code, then 9 and eight digits) are a shape of their
        # own; its landlines would make any ten digits a number, so they need a call word.
        try:
            parsed = phonenumbers.parse(number, "BR")
        except phonenumbers.NumberParseException:
            return False
        return phonenumbers.is_valid_number(parsed) and (
            said_phone or phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE)
    return False


# The country a number written without its code is most likely from, by the post's language,
# tried before the others: "912 345 678" is a Portuguese mobile in a Portuguese post and a
# Madrid landline in a Spanish one.
_LANGUAGE_REGION = {"pt": "PT", "es": "ES", "it": "IT", "de": "DE", "fr": "FR"}


@lru_cache(maxsize=256)
def _line_kind(number: str, language: str = "") -> str:
    """"fixed" for a landline, "mobile" for a mobile, "" otherwise, by libphonenumber's data for
    the digits ``number`` (tried where :func:`_dialable` tries them, and Brazil, the country
    of the post's ``language`` first): an office's desk, or someone's own phone."""
    if sum(char.isdigit() for char in number) < 7:
        return ""
    import phonenumbers  # lazily, as in _dialable

    if number.startswith("00"):
        number = "+" + number[2:]
    first = _LANGUAGE_REGION.get(language)
    if number.startswith("+"):
        regions: tuple[str | None, ...] = (None,)
    elif number.startswith("0"):
        regions = _TRUNK_ZERO_REGIONS
    else:
        regions = (*_NO_TRUNK_REGIONS, "BR")
    if first is not None and first in regions:
        regions = (first, *(region for region in regions if region != first))
    for region in regions:
        # the first country where the number has a possible length decides: "07700 900651" is
        # a British mobile (of the drama range) whatever Germany would make of it
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(parsed):
            if not phonenumbers.is_valid_number(parsed):
                # Britain's mobiles all start 07 (but 070 and 076): the drama range Ofcom
                # keeps for fiction, "07700 900…", is one by its shape though no phone has it
                national = str(parsed.national_number)
                if parsed.country_code == 44 and len(national) == 10 \
                        and national.startswith("7") and national[1] not in "06":
                    return "mobile"
                return ""
            kind = phonenumbers.number_type(parsed)
            if kind == phonenumbers.PhoneNumberType.FIXED_LINE:
                return "fixed"
            return "mobile" if kind == phonenumbers.PhoneNumberType.MOBILE else ""
    return ""


def is_mobile_number(number: str, language: str = "") -> bool:
    """Whether the phone number ``number`` (as written) is a mobile by libphonenumber's data,
    read as a number of the country of the post's ``language`` first: someone's own phone,
    where an organisation's desk is a landline."""
    return _line_kind(re.sub(r"[^\d+]", "", _BRACKETED_TRUNK.sub("", number)), language) \
        == "mobile"


# Context words that say what is on offer, not whose number it is: beside a mobile ("Raffle
# tickets £2, ring 07700 ...", "Wegen der Tickets einfach anrufen: 0176 ...") the number is
# the seller's own phone, and so is one the writer gives as theirs ("tickets £2, message me or
# ring ..."); an organisation says "call us", "our box office".
_OFFER_ONLY_CONTEXT = frozenset({"tickets", "reservations", "to book"})


def _capitalised(original: str, words: set[str]) -> bool:
    """Whether each of ``words`` is written with a capital in the street name ``original``,
    and so is the word after the house number: "5 Clifton Down Road", "12 New Road" are
    names, "5 minutes down Main Street" is a way."""
    written = re.findall(r"[^\W\d_][\w'-]*", original)
    return bool(written) and written[0][0].isupper() and all(
        word[0].isupper() for word in written if word.lower() in words)


def _trim_after_name(original: str, start: int, end: int) -> int:
    """End of a "12 Rue de la Paix now" match without a last word written in lower case after
    a capitalised name ("now"), which is the sentence going on, not the street."""
    words = list(re.finditer(r"[^\W\d_][\w'-]*", original[start:end]))
    if len(words) >= 2 and words[-1].group()[0].islower() and words[-2].group()[0].isupper():
        return start + words[-2].end()
    return end


# A line named by what it is for, right before the number: "the study line (617) ...", "our
# appointments line", "la línea de información", "la ligne d'écoute au", "die Studien-Hotline",
# "a linha de apoio", "la linea dedicata al" (over the folded text): an organisation's.
_PURPOSE_LINE = re.compile(
    r"\b(?:the|our)\s+(?:[a-z-]+\s+){1,2}(?:line|hotline|helpline)\s*:?\s*$"
    r"|\b(?:la|nuestra|notre|a|nossa|nostra)\s+(?:linea|ligne|linha)(?:\s+[\w'-]+){0,3}?\s*:?\s*$"
    r"|\b(?:die|unsere|der|unserer)\s+[\w-]*(?:hotline|infoline|servicenummer|infotelefon)"
    r"\s*(?:unter)?\s*:?\s*$"
    # orders, bookings or donations taken by phone: "Orders by phone:", "Pedidos por teléfono
    # al", "Commandes par téléphone au", "Bestellungen telefonisch unter", "Encomendas pelo
    # telefone", "Ordini al telefono"
    r"|\b(?:orders?|bookings?|book|donate|donations?|reservations?|enquiries|inquiries|pedidos"
    r"|reservas|donativos|donaciones|commandes|reservations|dons|bestellungen|buchungen|spenden"
    r"|reservierungen|encomendas|doacoes|ordini|prenotazioni|donazioni)\s+(?:by phone"
    r"|by telephone|over the phone|por telefono|par telephone|telefonisch|pelo telefone"
    r"|por telefone|al telefono|per telefono)\b[^.!?\n]{0,12}$")
# ... unless the writer gives it as theirs ("text me on the old line")
_WRITER = re.compile(r"\b(?:me|my|mi|moi|mon|ma|mich|mir|mein|meine|meu|minha|mio|mia)\b")
# Nothing but "on", "at" ... between the organisation's words and the number.
_ORG_ONLY_AFTER = re.compile(r"\s*(?:on|at|al|au|unter|em|no|na|sul|en|:)?\s*:?\s*")


# What shows an address-shaped number is a time: the hour before it ("18:00", "18.00") or the
# French hour itself ("14h", "14h30").
_TIME_BEFORE = re.compile(r"\d[:.]$")
_FRENCH_TIME = re.compile(r"\d{1,2}h(?:\d{2})?\b")
# A public place named right before its address ("Lupe's Cocina, 1200 N High St.", "the Corner
# Bakery, 12 Mill Lane"): a business's, not anyone's home (folded text).
_VENUE_BEFORE = re.compile(
    r"\b(?:cocina|cafe|bar|bakery|deli|restaurant|pizzeria|taqueria|kitchen|brewery|shop|store"
    r"|hotel|inn|pub|market|gallery|museum|theatre|theater|cinema|gym|studio|bistro|brasserie"
    r"|trattoria|osteria|cantina|tavern|diner|grill|boutique|library|showroom|taproom"
    r"|bookshop|bookstore|panaderia|boulangerie|backerei|padaria|panetteria)\s*[,:\-–]\s*$")


def find_personal_data(fold: TextView, data: dict[str, Any],
                       own_domains: tuple[str, ...],
                       named_contact: Callable[[int], bool] | None = None) -> list[PrivacyHit]:
    """Phone numbers, e-mail addresses and street addresses in the draft behind ``fold``.

    ``named_contact`` tells whether the number or address starting at an offset of the
    original text is given as a named person's ("ring Dan on", "call Sarah at"): the
    organisation's words nearby ("send it to our team, or ring Dan on ...") do not make that
    one the organisation's."""
    text = fold.text
    hits: list[PrivacyHit] = []
    context = _context_pattern(tuple(data.get("business_context", ())))

    def given_on_purpose(start: int, end: int) -> bool:
        if PERSONAL_LINE.search(text[max(0, start - 40):start]):
            return False
        if named_contact is not None and named_contact(fold.span(start, end)[0]) \
                and not any(_ORG_ONLY_AFTER.fullmatch(text, m.end(), start)
                            for m in context.finditer(text, max(0, start - 30), start)) \
                and _line_kind(re.sub(r"[^\d+]", "", text[start:end])) != "fixed":
            # (but "ring Reception on" names a desk, not a person, and "contact our press
            # team: call Sarah on 020 7946 ..." gives an office's landline)
            return False
        window = text[max(0, start - 60):min(len(text), end + 20)]
        before = text[max(0, start - 45):start]
        said = {m.group() for m in context.finditer(window)}
        if said and said <= _OFFER_ONLY_CONTEXT and (
                _WRITER.search(before) is not None
                or _line_kind(re.sub(r"[^\d+]", "", _BRACKETED_TRUNK.sub("", text[start:end])))
                == "mobile"):
            return False
        return bool(said) \
            or _PURPOSE_LINE.search(before) is not None and _WRITER.search(before) is None

    roles = frozenset(data.get("role_mailboxes", ()))
    for entity, local, domain in find_emails(text):
        if entity.start > 0 and text[entity.start - 1] in "@＠":
            continue  # a fediverse handle, @user@server
        start, end = fold.span(entity.start, entity.end)
        domain = domain.lower()
        own = any(domain == d or domain.endswith("." + d) for d in own_domains)
        # ... the role first in a longer mailbox too: "lettings.leeds@", "sales-uk@",
        # "jobs_madrid@" (a role and a place or a team; a person's is "jane.smith@")
        mailbox = local.lower().split("+")[0]
        is_role = mailbox in roles or re.split(r"[._-]", mailbox, maxsplit=1)[0] in roles
        if is_role and own:
            continue
        hits.append(PrivacyHit("email", start, end, role_address=is_role,
                               own_desk=own and re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*",
                                                             mailbox) is not None))
    if _SPELLED_HINT.search(text):
        generic, country = known_tlds()
        providers = frozenset(data.get("personal_mail_providers", ()))
        position = 0
        while (match := _SPELLED_EMAIL.search(text, position)) is not None:
            spelled = match.group()
            labels = _LABEL_SPLIT.split(match.group("domain"))
            plain_at = _PLAIN_AT.match(match.group("at")) is not None
            real_dots_only = _SPELLED_DOT.search(match.group("domain")) is None
            local = spelled[:match.start("at") - match.start()]
            # a name with a dot at a personal mail provider is a mailbox whatever its ending
            # ("kelsey dot walks at gmail dot example", "rita ponto sousa at gmail ponto pt");
            # "staying at Orange Point Lodge" is a place
            provider_mailbox = labels[-2] in providers and labels[-1].isalpha() \
                and _LABEL_SPLIT.search(local) is not None
            if not (plain_at and len(labels[-1]) >= 2 and labels[-1].isalpha()) \
                    and labels[-1] not in generic and labels[-1] not in country \
                    and not provider_mailbox \
                    or _BARE_AT.search(spelled) and _EVERYDAY_DOTS.search(spelled) \
                    and not provider_mailbox \
                    or not plain_at and real_dots_only and labels[-2] not in providers \
                    and not _NAME_LIKE_LOCAL.fullmatch(local):
                # Not an address from here; one may start after its "at": "ping Maria at
                # maria dot ferrer at gmail dot com" (each retry starts further on).
                separator = _SPELLED_AT.search(spelled)
                position = match.start() + (separator.end() if separator else len(spelled))
                continue
            position = match.end()
            # a role mailbox on the organisation's own domain, spelled out ("press [at]
            # acme [dot] com"), is given on purpose as the written one is
            domain = ".".join(labels)
            is_role = _LABEL_SPLIT.split(local)[0] in roles
            if is_role and any(domain == d or domain.endswith("." + d) for d in own_domains):
                continue
            start, end = fold.span(match.start(), match.end())
            hits.append(PrivacyHit("email", start, end, role_address=is_role))

    if _DIGIT.search(text):
        emails = [(h.start, h.end) for h in hits]
        for match in _PHONE.finditer(text):
            number = match.group("number").strip()
            if number.endswith(")") and number.count(")") > number.count("("):
                number = number[:-1]  # the bracket around it: "Mrs. Baumann (+49 341 ...)"
            number_end = match.start() + len(number)
            if not _is_phone(number, text[max(0, match.start() - 40):match.start()],
                             text[number_end:number_end + 24]):
                continue
            if given_on_purpose(match.start(), match.end()):
                continue
            start, end = fold.span(match.start(), match.start() + len(number))
            if any(s <= start < e for s, e in emails):
                continue
            hits.append(PrivacyHit("phone", start, end))
        if _SPACED_HINT.search(text):
            for match in _SPACED_DIGITS.finditer(text):
                before = text[max(0, match.start() - 40):match.start()]
                digits = [int(d) for d in re.findall(r"\d", match.group())]
                steps = {b - a for a, b in zip(digits, digits[1:], strict=False)}
                if steps in ({1}, {-1}):
                    continue  # a countdown, "ring in the new year: 9 8 7 6 5 4 3 2 1"
                if not (_PHONE_WORDS.search(before) or PERSONAL_LINE.search(before)) \
                        or not _dialable(re.sub(r"[^\d+]", "", match.group()), True) \
                        or given_on_purpose(match.start(), match.end()):
                    continue
                start, end = fold.span(match.start(), match.end())
                hits = [h for h in hits if not (h.kind == "phone" and start <= h.start < end)]
                hits.append(PrivacyHit("phone", start, end))
    if len(_NUMBER_WORDS & view_word_set(fold)) >= 2:
        for spelled_start, spelled_end, number in _spelled_phones(text):
            before = text[max(0, spelled_start - 40):spelled_start]
            said_phone = bool(_PHONE_WORDS.search(before) or PERSONAL_LINE.search(before))
            if not _dialable(number, said_phone):
                continue
            start, end = fold.span(spelled_start, spelled_end)
            hits = [h for h in hits if not (h.kind == "phone" and start <= h.start < end)]
            # (twenty-fifth round: no organisation spells its line out in words; a number so
            # written is someone's, or hidden from filters on purpose)
            hits.append(PrivacyHit("phone", start, end, private=True))
    if _DIGIT.search(text):
        pattern = _address_pattern(tuple(data.get("street_suffixes", ())),
                                   tuple(data.get("not_after_suffix", ())))
        particles = tuple(data.get("street_particles", ()))
        first_types = tuple(data.get("street_types_number_first", ()))
        last_types = tuple(data.get("street_types_number_last", ()))
        endings = tuple(data.get("street_word_endings", ()))
        street_first = _street_first_pattern(first_types, particles)
        number_last = _number_last_pattern(last_types, particles)
        street_word = _street_word_pattern(endings)
        via = _via_pattern(particles)
        # Each shape is looked for only when one of its street words is in the text at all.
        shapes = [pattern] + [shape for shape, words in ((street_first, first_types),
                                                         (number_last, last_types),
                                                         (street_word, endings),
                                                         (via, ("via",)))
                              if any(word in text for word in words)]
        not_in_name = frozenset(data.get("not_in_name", ()))
        capital_ok = frozenset(data.get("in_capitalised_name", ()))
        own_address = _context_pattern(tuple(data.get("own_address", ())))
        matches = [match for shape in shapes for match in shape.finditer(text)]
        # (a street with a street word is read by its own shape: "via Garibaldi 23, 10122")
        matches = _beside(matches, _STREET_POSTCODE.finditer(text))
        if _GERMAN_PREPOSITION_HINT.search(text):
            # twenty-eighth round: a German street named with its preposition and no street
            # word ("Party at her place Saturday, Am Mühlbach 9 in Bad Aibling"), both words
            # written with a capital
            matches = _beside(matches, (
                match for match in _GERMAN_PREPOSITION_STREET.finditer(text)
                if _capitalised_at(fold, match.start())
                and _capitalised_at(fold, match.start("name"))
                and (match.group("second") is None
                     or _capitalised_at(fold, match.start("second")))
                and match.group("name") not in _NOT_A_STREET_NAME))
        if _UK_POSTCODE_HINT.search(text):
            matches = _beside(matches, (match for match in _NUMBER_NAME_UK_POSTCODE.finditer(text)
                                        if _capitalised_at(fold, match.start("name"))))
        taken = private_until = -1
        for match in matches:
            m_start, m_end, shape = match.start(), match.end(), match.re
            if m_start < taken:
                continue  # the same address found in two shapes
            if shape is _STREET_POSTCODE:
                street = _capitalised_street(fold, m_start, m_end)
                if street is None:
                    continue
                m_start = street
            if _TIME_BEFORE.search(text, max(0, m_start - 3), m_start) is not None \
                    or _FRENCH_TIME.match(text, m_start) is not None:
                continue  # "a las 18:00 desde la plaza", "demain 14h place Bellecour": a time
            if _VENUE_BEFORE.search(text, max(0, m_start - 50), m_start) is not None:
                continue  # "Lupe's Cocina, 1200 N High St.": a restaurant's, not a home
            window_start = max(0, m_start - 30)
            mine = own_address.search(text[window_start:m_start]) is not None \
                or _I_AM_AT.search(text[window_start:m_start]) is not None
            tail = _ADDRESS_TAIL.match(text, m_end)
            original_start = fold.span(m_start, m_end)[0]
            before_original = fold.original[max(0, original_start - 60):original_start]
            # a home sale held at the address ("Garage sale Saturday from 8am at 4410 N Oracle
            # Creek Rd"): the writer's own home (twenty-eighth round); so is a party there,
            # told before or after it ("housewarming ... we're at 77 Elk Run Rd", "... bring
            # whatever you're drinking"; twenty-ninth round)
            mine = mine or _HOME_SALE.search(text, max(0, m_start - 80), m_start) is not None \
                or _HOME_PARTY.search(text, max(0, m_start - 100), m_start + 120) is not None
            private = not mine and (_FAMILY_BEFORE.search(before_original) is not None
                                    or _private_address(text, m_start,
                                                        tail is not None
                                                        and bool(tail.group("flat")))
                                    or _TITLED_AFTER.match(text, m_end) is not None
                                    # the rest of one address: "Flat 6, Trinity Court, 15 Hyde Road"
                                    or private_until >= 0 and text[private_until:m_start].strip(
                                        " ,") == "")
            if not (mine or private) and given_on_purpose(m_start, m_end):
                continue
            words = set(re.findall(r"[a-z]+", text[m_start:m_end]))
            start, end = fold.span(m_start, m_end)
            if words & not_in_name and not (
                    words & not_in_name <= capital_ok
                    and _capitalised(fold.original[start:end], words & not_in_name)):
                continue  # "5 miles down Main Street" is a distance, not an address

            if shape is street_first:
                end = _trim_after_name(fold.original, start, end)
            elif tail is not None and tail.end() > m_end:
                # the flat and the postcode go with the street when the address is removed
                end = fold.span(m_start, tail.end())[1]
            hits.append(PrivacyHit("address", start, end, own_home=mine, private=private))
            taken = m_end
            private_until = m_end if private else -1
    return hits
