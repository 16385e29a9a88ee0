"""The eighth round of general rules, conduct on work accounts: threats and wishes of harm
said without a threat word, condescending put-downs without a swear word, and masked swearing
in the other five languages. Each rule in en, es, fr, de, pt and it, with near misses (idioms,
self-talk, praise, biology, ordinary words) that must stay quiet.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.engine import check_draft
from app.check.policy import Policy, load_policy_file
from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import CONDUCT
from tests.check.rounds import conduct_listed as listed

BRAND_ACCOUNT = CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)
WORK_SELF = CheckTarget(Network.MASTODON, Persona.WORK, Owner.SELF)
X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)

PACK = """\
version = 1
[employer]
name = "Larkspur Cycles"
aliases = ["Larkspur"]
domains = ["larkspur.example"]
[disclosure]
region = "uk"
accepted = ["#ad", "#employee"]
"""


@pytest.fixture
def cycles(tmp_path: Path) -> Policy:
    path = tmp_path / "larkspur.toml"
    path.write_text(PACK, encoding="utf-8")
    return load_policy_file(path)


def raised(text: str, target: CheckTarget, policy: Policy) -> set[str]:
    return {f.rule for f in check_draft(text, target, policy=policy).findings
            if f.severity.value in ("warn", "block")}


def lexicon_hits(text: str, target: CheckTarget, policy: Policy) -> list[str]:
    """The words the conduct lists highlighted (the meaning layer highlights single words;
    these rules highlight the whole threat or put-down)."""
    result = check_draft(text, target, policy=policy)
    return [text[s.start:s.end] for f in result.findings if f.rule in CONDUCT
            for s in f.spans]


# --- 1. threats and wishing harm --------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("hope the landlord who kept our deposit falls down the stairs on his way out",
     "falls down the stairs"),
    ("Honestly hoping the guy who stole the demo bike gets hit by a bus", "hit by a bus"),
    ("To the vandal who slashed our tyres: hope you freeze tonight.", "hope you freeze"),
    ("Wishing a miserable month on whoever cancelled the charity ride", "miserable month on"),
    ("Scalpers who bulk-buy our limited frames deserve to suffer", "deserve to suffer"),
    ("If that courier throws one more box at our door I'm going to throw him off a bridge",
     "throw him off a bridge"),
    ("One more fake review from him and I'll punch him", "punch him"),
    ("I'm gonna strangle that intern if he force-pushes again", "strangle that intern"),
    ("Say that again at the shop and you'll leave on a stretcher", "leave on a stretcher"),
    ("If she posts our address again I'm going to drive to her house and sort her out",
     "sort her out"),
    ("Ojalá el proveedor que nos estafó vaya a la quiebra", "vaya a la quiebra"),
    ("Espero que el ladrón de la bici se caiga por las escaleras", "caiga por las escaleras"),
    ("Los que roban bicis se merecen pudrirse en la cárcel", "merecen pudrirse"),
    ("Como vuelva a aparecer por aquí le parto la cara", "parto la cara"),
    ("J'espère que le fournisseur qui nous a arnaqués fasse faillite", "fasse faillite"),
    ("Ce voleur de vélos mérite de pourrir en prison", "pourrir"),
    ("S'il revient au magasin, je vais lui casser la gueule", "casser la gueule"),
    ("Ich hoffe, dass der Betrüger vom Lieferanten pleitegeht", "pleitegeht"),
    ("Hoffentlich bricht sich der Fahrraddieb das Genick", "Genick"),
    ("Wenn der nochmal in den Laden kommt, breche ich ihm die Beine", "Beine"),
    ("Tomara que o fornecedor que nos enganou vá à falência", "falência"),
    ("Quem rouba bicicletas merece apodrecer na prisão", "apodrecer"),
    ("Se ele voltar à loja, parto-lhe a cara", "parto-lhe a cara"),
    ("Spero che quel fornitore truffatore fallisca entro l'anno", "fallisca"),
    ("Chi ruba le bici merita di marcire in galera", "marcire"),
    ("Se torna in negozio gli spacco la faccia", "spacco la faccia"),
    ("Se torni qui ti butto dalla finestra", "finestra"),
])
def test_threats_and_wishes_of_harm_on_a_work_account(text, words, cycles):
    assert "conduct.insult" in raised(text, BRAND_ACCOUNT, cycles)
    assert any(words in hit for hit in lexicon_hits(text, BRAND_ACCOUNT, cycles))


@pytest.mark.parametrize("text, words", [
    ("Somebody needs to slap that reviewer", "slap that reviewer"),
    ("I will make his life hell until he pays the invoice", "make his life hell"),
    ("I hope their shop burns down", "shop burns down"),
    ("Como vuelva a entrar, le doy una hostia", "le doy una hostia"),
    ("A ese le voy a hacer la vida imposible", "hacer la vida imposible"),
    ("Si tu reviens, je vais te mettre une baffe", "te mettre une baffe"),
    ("Je vais lui pourrir la vie", "lui pourrir la vie"),
    ("Dem hau ich gleich eine rein", "hau ich gleich eine"),
    ("Ich mach dich fertig, wenn du das nochmal postest", "mach dich fertig"),
    ("Se voltas cá, dou-te um murro", "dou-te um murro"),
    ("Vou tornar a vida dele num inferno", "vida dele num inferno"),
    ("Se lo rivedo gli do un pugno", "gli do un pugno"),
    ("Ti rendo la vita un inferno", "rendo la vita un inferno"),
    ("May you step on a lego every morning", "step on a lego"),
    ("He'd better watch his back.", "watch his back"),
    ("Ojalá que les vaya fatal", "vaya fatal"),
    ("J'espère qu'ils vont tous crever", "crever"),
    ("Ich hoffe, die gehen alle pleite", "pleite"),
    ("Hoffentlich fällt der Typ auf die Fresse", "Fresse"),
    ("Espero que ele se lixe", "se lixe"),
    ("Spero che vi capiti qualcosa di brutto", "qualcosa di brutto"),
])
def test_blows_and_torments_promised_on_a_work_account(text, words, cycles):
    assert "conduct.insult" in raised(text, BRAND_ACCOUNT, cycles)
    assert any(words in hit for hit in lexicon_hits(text, BRAND_ACCOUNT, cycles))


@pytest.mark.parametrize("text", [
    "Break a leg to everyone riding the sportive tomorrow!",
    "I could kill for a coffee after that 6am shift",
    "This deadline will be the death of me",
    "Hope the rain holds off for Saturday's group ride",
    "Hope I don't fall down the stairs carrying the new stock again",
    "hope nobody trips on the cables at the expo stand",
    "We pray for all who suffer after the floods",
    "Nobody deserves to suffer through a flat tyre in the rain",
    "I'm going to throw this laptop out the window, the update broke the till",
    "I'll drive to her house and pick up the spare wheels",
    "Hope you have a lovely week, and don't freeze out there!",
    "Espero que nadie se caiga por las escaleras de la tienda",
    "Ojalá no llueva el sábado",
    "J'espère que personne ne souffre du froid pendant la course",
    "Ich hoffe, dass die Schmerzen weniger werden und du bald wieder fährst",
    "Espero que os pacientes sofram menos com o novo selim",
    "I hope the candle burns down slowly during the dinner",
    "Someone should hit that button before launch",
    "Make your life easier with our new app",
    "Le voy a dar una torta de cumpleaños a mi madre",
    "Hoy les dimos una paliza en el torneo",
    "On va leur mettre une tarte aux pommes sur la table",
    "Wir machen euch fertig für den Sommer: zwölf Wochen Training",
    "Gli do un calcio d'inizio simbolico alla partita",
    "Spero che nessuno cada dalle scale durante il trasloco",
])
def test_idioms_and_self_talk_stay_quiet(text, cycles):
    assert not listed(text, BRAND_ACCOUNT, cycles)


# --- 2. condescending insults without swear words ---------------------------------------

@pytest.mark.parametrize("text", [
    "@pedalpusher you wouldn't know a good derailleur if it hit you on the head",
    "@ciclista_enfadado no reconocerías una buena bici ni aunque te cayera del cielo",
    "@cycliste_grincheux vous ne sauriez pas une bonne selle même s'il vous tombait dessus",
    "@radfahrer_wut du würdest ein gutes Rad nicht mal erkennen, wenn es dir über den Fuß "
    "fährt",
    "@ciclista_chato não reconhecerias uma boa bicicleta nem que te caísse em cima",
    "@ciclista_arrabbiato non riconosceresti una bici buona nemmeno se ti cadesse addosso",
    "Our new supplier rep is dumb as a bag of hammers",
    "That mechanic is not the sharpest tool in the shed",
    "El nuevo repartidor es más tonto que una piedra",
    "Ce livreur est bête comme ses pieds",
    "Der neue Lieferant ist dumm wie Brot",
    "O estafeta novo é burro que nem uma porta",
    "Quel fornitore è stupido come una capra",
    "@spokes_guy go back to your mum's basement and leave the reviews to adults",
    "Los que revenden nuestras bicis en reventa son unos buitres",
    "People who steal from charity rides are vermin",
    "Ihr seid Parasiten, alle miteinander",
    "Ceux qui revendent nos vélos volés sont des vautours",
    "@tyre_troll if you can't pump a tyre, maybe cycling isn't for you, genius",
    "@review_guy nice try, but the frame is steel, sherlock.",
    "@troll_99 nobody asked you.",
    "@usuario_pesado nadie te ha preguntado.",
    "@client_relou personne ne t'a rien demandé !",
    "@nervensäge dich hat keiner gefragt",
    "@cliente_chato ninguém te perguntou nada.",
    "@cliente_noioso nessuno ti ha chiesto niente.",
    "@rider_x Sweetie, that's not how warranties work.",
    "@ciclista_x Cariño, así no funcionan las garantías.",
    "@cycliste_x Mon chou, ce n'est pas comme ça que marche la garantie.",
    "@radler_x Schätzchen, so funktioniert die Garantie nicht.",
    "@ciclista_y Querida, não é assim que funciona a garantia.",
    "@ciclista_z Tesoro, non funziona così la garanzia.",
    "@hater_77 go touch grass",
    "@hater_78 ok boomer",
    "@critic you wouldn't recognise good cycling if it rode over you",
    "@kritiker Du würdest guten Kaffee nicht mal erkennen, wenn er dich beißt",
    "That reviewer has the IQ of a potato",
    "El proveedor tiene el cerebro de un mosquito",
    "Il a un pois chiche à la place du cerveau",
    "Der Lieferant hat ein Spatzenhirn",
    "O fornecedor tem cérebro de galinha",
    "Quel fornitore ha il cervello di una formica",
    "@ciclista_novato si no sabes cambiar una cámara, igual el ciclismo no es lo tuyo, "
    "campeón",
    "@velo_debutant si tu ne sais pas régler un frein, peut-être que le vélo n'est pas pour "
    "toi, champion",
    "@rad_neuling wenn du nicht mal einen Reifen flicken kannst, vielleicht ist Radfahren "
    "nichts für dich, Einstein",
    "@ciclista_novo se não sabes mudar uma câmara, talvez o ciclismo não seja para ti, génio",
    "@ciclista_nuovo se non sai cambiare una camera d'aria, forse il ciclismo non fa per te, "
    "genio",
])
def test_condescending_put_downs_on_a_work_account(text, cycles):
    assert "conduct.insult" in raised(text, BRAND_ACCOUNT, cycles)
    assert lexicon_hits(text, BRAND_ACCOUNT, cycles)


@pytest.mark.parametrize("text", [
    "I wouldn't know a good wine if it hit me in the face, so I asked our sommelier",
    "No distinguiría un buen vino ni aunque me cayera encima, así que pregunté",
    "I'm as thick as two short planks when it comes to tax returns",
    "I'm not the sharpest tool in the shed before my first coffee",
    "The sauce is thick as custard, perfect for the café menu",
    "Those two are thick as thieves on the Sunday ride",
    "Ticks are parasites that wait in long grass, check your legs after the trail",
    "Las garrapatas son parásitos que viven en la hierba alta",
    "Zecken sind Parasiten, bitte nach der Tour absuchen",
    "Les moustiques sont des parasites, pensez au répulsif",
    "@rider_anna don't give up, champ! The first hill is always the worst",
    "@rider_tom thanks, genius, that fix worked",
    "@rider_zoe clearly the best ride of the year, champ!",
    "@rider_max if you can't make it on Sunday, see you at the next one, champ!",
    "@rider_lea nice to meet you at the café, sweetie",
    "@ciclista_ana ¡enhorabuena por tu primera carrera, campeón!",
    "Our basement workshop is open again on Saturdays",
    "Nobody asked you for your PIN? Good, we never will.",
    "No one asked you to pay twice: the charge was an error and it is refunded",
    "Nessuno ti ha chiesto la password? Bene, non lo faremo mai.",
    "@rider_amy Honey, we're so sorry the parcel was late, a new one is on the way",
    "Kids should touch grass more: our summer camp starts Monday",
    "You'd better watch your back wheel, it wobbles",
    "Le cerveau d'un oiseau est fascinant",
    "May you have a lovely week and may your rides be dry",
    "Ojalá que les vaya bien en la carrera",
    "Hoffentlich geht es dir bald besser",
    "Spero che vi capiti qualcosa di bello",
    "You wouldn't know it was there if it weren't for the logo",
])
def test_self_talk_praise_and_biology_stay_quiet(text, cycles):
    assert not listed(text, BRAND_ACCOUNT, cycles)


# --- 3. masked swearing in the other languages ------------------------------------------

@pytest.mark.parametrize("text, word", [
    ("T*barnak, encore une crevaison", "T*barnak"),
    ("Ta g*ule, le troll", "g*ule"),
    ("C*lice que la livraison est lente", "C*lice"),
    ("Ce fournisseur est un vrai s*laud", "s*laud"),
    ("Me c*go en el transportista, otra vez tarde", "c*go"),
    ("Qué g*lipollas el que aparcó en el carril bici", "g*lipollas"),
    ("¡H*stia, qué subida!", "H*stia"),
    ("Verf*ckter Lieferdienst, schon wieder zu spät", "Verf*ckter"),
    ("So ein W*chser hat unser Schaufenster beschmiert", "W*chser"),
    ("F*da-se, mais um furo", "F*da"),
    ("Que f*dido, o camião não chegou", "f*dido"),
    ("Vaff*nculo, un'altra foratura", "Vaff*nculo"),
    ("M*nchia che salita", "M*nchia"),
])
def test_masked_swearing_in_other_languages(text, word, cycles):
    assert "conduct.profanity" in raised(text, BRAND_ACCOUNT, cycles)
    assert word in lexicon_hits(text, BRAND_ACCOUNT, cycles)


@pytest.mark.parametrize("text", [
    "Les crises se suivent mais l'atelier tient bon",
    "Das ging rasch, danke ans Team",
    "Coming upto the big spring sale: new frames in store",
    "Email us at c@l.example for the calendar",
    "Parts list: 4*5 spokes, 2*3 cables",
])
def test_ordinary_words_are_not_masked_swearing(text, cycles):
    assert "conduct.profanity" not in raised(text, BRAND_ACCOUNT, cycles)


def test_the_same_words_on_a_personal_account_are_not_conduct(cycles):
    # conduct is a work-account rule: a personal account may say what it likes
    for text in ("Espero que el ladrón de la bici se caiga por las escaleras",
                 "T*barnak, encore une crevaison"):
        assert not raised(text, X_PERSONAL, cycles) & CONDUCT


def test_a_threat_on_the_employers_account_blocks(cycles):
    result = check_draft("Se torna in negozio gli spacco la faccia", BRAND_ACCOUNT,
                         policy=cycles)
    severities = {f.severity.value for f in result.findings if f.rule == "conduct.insult"}
    assert severities == {"block"}
    result = check_draft("Se torna in negozio gli spacco la faccia", WORK_SELF, policy=cycles)
    severities = {f.severity.value for f in result.findings if f.rule == "conduct.insult"}
    assert severities == {"warn"}


# --- civil self-criticism ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I'm such an idiot, I left the van keys at the depot",
    "Dumb mistake on my part, the price is fixed now",
    "Stupid question maybe, but does anyone know a good wheel builder in Leeds?",
    "Soy un idiota, dejé las llaves en la furgoneta",
    "Je suis une idiote, j'ai oublié le casque au magasin",
    "Ich bin so ein Idiot, Helm im Laden vergessen",
    "Sou um idiota, esqueci o capacete na loja",
    "Sono un idiota, ho dimenticato il casco in negozio",
])
def test_calling_oneself_names_is_not_an_insult(text, cycles):
    assert not listed(text, BRAND_ACCOUNT, cycles)


@pytest.mark.parametrize("text", [
    "You're an idiot if you think that frame is aluminium",
    "Stop asking stupid questions, idiot",
    "Du bist ein Idiot",
    "Tu es un idiot",
])
def test_calling_someone_else_names_still_counts(text, cycles):
    assert "conduct.insult" in listed(text, BRAND_ACCOUNT, cycles)


@pytest.mark.parametrize("text, word", [
    ("Otra vez el puto servidor caído", "puto"),
    ("Qué jodido está el tráfico hoy", "jodido"),
    ("Verfickte Technik, schon wieder", "Verfickte"),
    ("Tabarnak, le serveur est encore tombé", "Tabarnak"),
    ("Tô fodido com este prazo", "fodido"),
    ("Fanculo, un'altra riunione", "Fanculo"),
])
def test_plain_swearing_in_other_languages(text, word, cycles):
    assert word in lexicon_hits(text, BRAND_ACCOUNT, cycles)


@pytest.mark.parametrize("text", [
    "Un cono de helado gratis con cada bici",
    "Les pneus crissent dans le virage",
    "Reputation matters more than price",
])
def test_look_alike_ordinary_words_are_not_swearing(text, cycles):
    assert "conduct.profanity" not in raised(text, BRAND_ACCOUNT, cycles)
