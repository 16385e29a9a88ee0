"""Twenty-second round: what the sixth wave of unseen sets (a grocery chain, a newspaper, a
hotel group, an airline, an estate agency) showed the check missing or raising wrongly, read
after their untouched and end figures were taken, made general. Examples of our own in six
languages, each beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import fired, policy_from, severities

BRAND = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)

PACK = """version = 1
[employer]
name = "Harrowgate Rail"
aliases = ["Harrowgate", "Harrowgate Go"]
domains = ["harrowgate.example"]
[[partners]]
name = "Lantern Coffee"
aliases = ["Lantern"]
[confidential]
terms = ["Project Heron"]
"""


@pytest.fixture
def rail(tmp_path):
    return policy_from(tmp_path, PACK)


# --- 1. a pitch said openly is still a pitch on the personal account ---------------------------

@pytest.mark.parametrize("text", [
    "#ad I work at Harrowgate: code SPRING20 takes 20% off any Harrowgate Go ticket this week",
    "Werbung, ich arbeite bei Harrowgate: Harrowgate Go diese Woche 30 % günstiger, jetzt buchen",
    "#publi Trabajo en Harrowgate: con el código TREN15 tenéis un 15% en Harrowgate Go",
    "#HarrowgateStaff we're hiring conductors in Leeds, apply at harrowgate.example/jobs",
])
def test_a_disclosed_pitch_still_warns_on_the_personal_account(text, rail):
    found = severities(text, PERSONAL, rail)
    assert found.get("persona.promotion") == "warn", found
    assert found.get("persona.brand_promotion") == "info", found
    assert "disclosure.missing" not in found, found


@pytest.mark.parametrize("text", [
    "#ad I work at Harrowgate and I'm so proud of the new Harrowgate Go app our team built",
    "I work at Harrowgate: our new station café opens Saturday, come say hi!",
    "Harrowgate employee here: heads up, the Harrowgate Go app is down tonight, tickets bought "
    "before then still work at the barrier",
])
def test_news_said_openly_stays_a_note(text, rail):
    found = severities(text, PERSONAL, rail)
    assert "warn" not in found.values() and "block" not in found.values(), found


# --- 2. one's own trade on a work account, said in more shapes ---------------------------------

@pytest.mark.parametrize("text", [
    "Besides driving trains, I make wedding cakes 🎂 a few Saturdays free in June, DM me",
    "Aparte del trabajo hago tatuajes en casa, agenda tu cita por privado",
    "Además de conducir, hago reformas. Fechas libres en julio, pedidme presupuesto",
    "When I'm not on the platform I run a little pet-sitting service, booking now for summer",
    "My other hat: pet portraits in oils, commissions open from £60",
    "Falls jemand noch eine Sängerin für die Trauung sucht, ich hätte im Mai noch zwei "
    "Samstage frei",
    "Off duty Friday 🎧 DJing at the Vine from 10, £5 on the door",
])
def test_ones_own_trade_on_a_work_account_is_a_pitch(text, rail):
    assert "persona.promotion" in fired(text, WORK, rail)


@pytest.mark.parametrize("text", [
    "Besides the timetable change, the café at Leeds reopens on Monday",
    "Off duty this weekend, see you all on Monday",
    "Harrowgate Go now shows which coaches have free seats",
])
def test_work_news_is_no_side_trade(text, rail):
    assert "persona.promotion" not in fired(text, WORK, rail)


@pytest.mark.parametrize("text", [
    "Vendo empanadas caseras los domingos, la docena a 12€, pedidos por privado",
    "Nuevos pendientes en mi tienda de Etsy, 9€ y envío gratis",
])
def test_ones_own_trade_on_a_personal_account_is_a_pitch_but_no_ad(text, rail):
    rules = fired(text, PERSONAL, rail)
    assert "persona.promotion" in rules and "disclosure.missing" not in rules, rules


def test_slots_left_is_selling(rail):
    assert "persona.promotion" in fired("3 slots left for December portraits ✨ DM", PERSONAL,
                                        rail)
    assert "persona.promotion" not in fired("3 seats left in the car for the hike, anyone?",
                                            PERSONAL, rail)


# --- 3. the brand account's own desks and greetings --------------------------------------------

@pytest.mark.parametrize("text", [
    "Lost property? Write to lostproperty@harrowgate.example with your journey details.",
    "Planning a group trip? groups@harrowgate.example will sort the tickets.",
])
def test_a_desk_mailbox_on_the_brands_own_domain_is_public(text, rail):
    assert "privacy.email" not in fired(text, BRAND, rail)


@pytest.mark.parametrize("text", [
    "Questions? Ask our manager directly at jane.doe@harrowgate.example",
    "Write to lostproperty@gmail.com with your journey details.",
])
def test_a_persons_or_a_private_mailbox_is_still_raised(text, rail):
    assert "privacy.email" in fired(text, BRAND, rail)


@pytest.mark.parametrize("text", [
    "Eid Mubarak to everyone celebrating 🌙 ticket offices close at 2pm today.",
    "Polling day: trains run a normal timetable, so you can get to your polling station.",
    "Merry Christmas from all of us at Harrowgate! Services end at 8pm tonight.",
])
def test_a_brand_greeting_a_holiday_is_no_personal_life(text, rail):
    assert "persona.personal_life" not in fired(text, BRAND, rail)


@pytest.mark.parametrize("text", [
    "Eid Mubarak! I'm fasting no more and I've eaten far too much 😅",
    "Election day tomorrow: there is one candidate worth your vote, and it's not the mayor.",
])
def test_a_holiday_about_oneself_or_a_side_taken_is_still_raised(text, rail):
    assert "persona.personal_life" in fired(text, BRAND, rail)


@pytest.mark.parametrize("text", [
    "Our Leeds station is a short walk from St Anne's Cathedral and the market",
    "Three Harrogate churches are being turned into flats; our reporter went to see them",
])
def test_a_church_as_a_landmark_is_no_faith(text, rail):
    assert "persona.personal_life" not in fired(text, BRAND, rail)


def test_going_to_church_is_still_personal(rail):
    assert "persona.personal_life" in fired("Off to church with the kids before my shift 🙏",
                                            BRAND, rail)


# --- 4. "not sponsored" from staff is an insider review ----------------------------------------

@pytest.mark.parametrize("text", [
    "Not sponsored, just a fan: Harrowgate Go is the only rail app worth having",
    "No es publicidad, pero el café de Lantern en la estación de Leeds es el mejor",
    "Keine Werbung, aber Harrowgate ist echt die pünktlichste Bahn im Norden",
    "Pas de pub, juste un avis : Lantern fait le meilleur flat white de la gare",
])
def test_staff_praise_called_no_ad_is_an_insider_review(text, rail):
    assert "disclosure.insider_review" in fired(text, PERSONAL, rail)


@pytest.mark.parametrize("text", [
    "Not sponsored, just a fan: the little bakery by the canal does the best croissants",
    "#ad I work at Harrowgate and Harrowgate Go is the best rail app around",
])
def test_no_insider_review_without_a_hidden_tie(text, rail):
    assert "disclosure.insider_review" not in fired(text, PERSONAL, rail)


# --- 5. the employer thanked for what it gave, a tie named in another language -----------------

@pytest.mark.parametrize("text", [
    "Thanks @harrowgate for the first-class upgrade, what a way to travel 🚄",
    "Gracias Harrowgate por los billetes para el festival 🙌",
    "Merci Harrowgate pour ce voyage en première, trop bien",
    "Grazie @harrowgate per il weekend a York ❤️",
])
def test_the_employer_thanked_for_a_gift_needs_a_clear_label(text, rail):
    assert "disclosure.unclear" in fired(text, PERSONAL, rail)


def test_the_employer_thanked_for_nothing_given_stays_quiet(rail):
    rules = fired("Thanks Harrowgate for the patience with the timetable mess today", PERSONAL,
                  rail)
    assert "disclosure.unclear" not in rules


@pytest.mark.parametrize("text", ["#embajadora @lantern 🌿 qué paz aquí",
                                  "#Botschafterin Lantern ☕ mein Lieblingskaffee"])
def test_ambassador_in_another_language_is_a_vague_label(text, rail):
    assert "disclosure.unclear" in fired(text, PERSONAL, rail)


# --- 6. an insult quoted and reported is not the account's own ---------------------------------

@pytest.mark.parametrize("text", [
    "„Ihr seid alle Versager“: Bürgermeister entschuldigt sich nach dem Streit im Rat",
    "A passenger called us «a bunch of useless clowns» last week. Fair: the app was broken. "
    "Here is what we fixed.",
    "Un cliente nos llamó “panda de inútiles” por la web. Tenía razón: ya está arreglada.",
])
def test_a_reported_insult_in_quotes_is_no_insult(text, rail):
    assert "conduct.insult" not in fired(text, BRAND, rail)


@pytest.mark.parametrize("text", [
    "Our passengers are a bunch of useless clowns, honestly",
    "„Ihr seid alle Versager“ – so sehen wir das auch.",
])
def test_the_accounts_own_insult_is_still_raised(text, rail):
    assert "conduct.insult" in fired(text, BRAND, rail)


# --- 7. praise the word lists did not know -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Harrowgate is the only train company I'd trust with my bike 🚲",
    "Se andate a York, sapete con chi viaggiare 😉 @harrowgate",
    "Wer nach York will: ihr wisst, wo ihr bucht 😉 Harrowgate",
    "Mi nuevo favorito para ir a Leeds: Harrowgate Go. Punto.",
    "Il mio caffè preferito? Lantern. Fine.",
    "Lantern at Leeds station is the only place in this town where the flat white is right",
    "Mein neues Lieblingscafé am Bahnhof: Lantern ☕",
])
def test_praise_said_in_other_shapes_is_promotion(text, rail):
    assert "persona.brand_promotion" in fired(text, PERSONAL, rail)


@pytest.mark.parametrize("text", [
    "Harrowgate cancelled the 7:10 again, so I'm working from home",
    "Lantern closed early today, the only place open was the vending machine",
])
def test_plain_mentions_stay_notes(text, rail):
    assert "persona.brand_promotion" not in fired(text, PERSONAL, rail)


# --- 8. codenames translated from any language, inflected, or going live -----------------------

CODENAMES = """version = 1
[employer]
name = "Harrowgate Rail"
[confidential]
terms = ["Projekt Leuchtturm", "Opération Lavande", "Blaues Zimmer", "Nightjar"]
"""


@pytest.fixture
def secrets(tmp_path):
    return policy_from(tmp_path, CODENAMES)


@pytest.mark.parametrize("text", [
    "Project Lighthouse is finally happening, can't say more yet",     # German name, English
    "Proyecto Faro arranca en marzo",                                   # ... Spanish
    "Operation Lavender kicks off Monday, thanks all for the prep",    # French name, English
    "Im Blauen Zimmer wird ab Montag geplant, mehr darf ich nicht sagen",  # another case ending
    "work update: nightjar goes live in the Leeds depots next week",   # lower case, going live
])
def test_a_codename_in_another_language_or_case_is_still_the_secret(text, secrets):
    assert "confidential.term" in fired(text, WORK, secrets)


@pytest.mark.parametrize("text", [
    "The lighthouse at Whitby looked magic this morning",
    "Lavender fields in Provence, finally 💜",
    "We heard a nightjar on the moor last night",
    "Das blaue Zimmer im Hotel war winzig",
])
def test_the_everyday_words_stay_quiet(text, secrets):
    assert "confidential.term" not in fired(text, PERSONAL, secrets)


# --- 9. conduct: masked slurs of the other languages, people called useless --------------------

@pytest.mark.parametrize("text, rule", [
    ("Was für eine Schw*chtel-Aktion vom Linienrichter", "conduct.slur"),
    ("El portero es un maric*n, vaya partido", "conduct.slur"),
    ("Our drivers in Leeds are absolutely useless this week", "conduct.insult"),
    ("Los del taller son unos pinches inútiles", "conduct.insult"),
    ("Os passageiros que não pagam são uns parasitas", "conduct.insult"),
    ("Wer so kommentiert, hat den IQ einer Kartoffel", "conduct.insult"),
    ("¿Tu tren va tarde? Pues os jodéis", "conduct.profanity"),
    ("Fare dodgers are absolute sh!tbags", "conduct.profanity"),
])
def test_hostile_wording_the_lists_now_know(text, rule, rail):
    assert rule in fired(text, BRAND, rail)


@pytest.mark.parametrize("text", [
    "Our old timetable app was useless; the new one shows every platform",
    "Our staff in Leeds are absolutely brilliant, thank you all",
    "Das Spiel hatte einen IQ-Test in der Halbzeit, lustig",
])
def test_a_thing_called_useless_or_praise_is_no_insult(text, rail):
    assert not {"conduct.insult", "conduct.slur"} & fired(text, BRAND, rail)


# --- 10. personal life the lists now know ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hat jemand Lust auf ein Date am Freitag? Ich, 29, liebe Bergtouren",
    "Anyone know a single guy in Leeds who likes trains as much as I do? Asking for me",
    "Heute früh war ich in der Messe und bete für alle, die es schwer haben",
    "Je me présente aux municipales à Lille, votez pour nous le 15 mars !",
    "Ontem fui à manifestação contra o governo. A luta continua ✊",
    "Four pints deep at the depot leaving do, see you Monday (maybe)",
    "Sigo enguayabado desde el viernes, nunca más aguardiente",
])
def test_personal_life_said_in_these_shapes_is_raised(text, rail):
    assert "persona.personal_life" in fired(text, WORK, rail)


@pytest.mark.parametrize("text", [
    "The single-track section near Settle reopens on Monday",
    "Our drivers' union meets the minister on Friday about the timetable",
    "Two coffees deep and the new timetable finally balances",
])
def test_work_talk_stays_quiet(text, rail):
    assert "persona.personal_life" not in fired(text, WORK, rail)


# --- 11. hiring unnamed on a personal account; a shopper's deal; a phrase in quotes ------------

@pytest.mark.parametrize("text", [
    "my depot is hiring cleaners, $18/hr + benefits from day one. hmu if you want a referral",
    "My team's hiring two planners in York, decent pay, DM me your CV",
])
def test_ones_workplace_hiring_unnamed_is_a_pitch(text, rail):
    assert "persona.promotion" in fired(text, PERSONAL, rail)


@pytest.mark.parametrize("text", [
    "Me acaban de ofrecer un 15% de descuento por hacerme la tarjeta de la tienda. No, gracias 😂",
    "Soldes : enfin trouvé un manteau à -40% après un mois de recherche",
    "Why does every coffee shop's Instagram say 'link in bio' and then there's no link 😂",
])
def test_a_deal_told_as_a_shopper_or_a_quoted_phrase_sells_nothing(text, rail):
    assert "persona.promotion" not in fired(text, PERSONAL, rail)


def test_a_deal_offered_to_readers_still_sells(rail):
    assert "persona.promotion" in fired("15% de descuento en toda la tienda con el código "
                                        "TREN15, ¡no os lo perdáis!", PERSONAL, rail)


@pytest.mark.parametrize("text", [
    "Stasera discoteca fino alle 4, domani in ufficio sarò a pezzi",
    "Feierabend, noch schnell in die Kneipe 🍺🍺",
    "Vado dal medico per la mia ernia, rispondo domani",
    "Je file chez le médecin pour mes résultats d'IRM, croisez les doigts",
    "Cet été je pars en pèlerinage avec ma paroisse 🙏",
    "Thanks to everyone who campaigned with me for the Greens this weekend",
    "Hoje é dia de votar: vamos tirar esse governo corrupto do poder",
    "Office, I've got a second date with the guy from the Leeds depot 😳",
    "Réunion de trois heures sur un bouton. Sérieux, ça me fait chier.",
])
def test_more_personal_life_and_swearing_on_a_work_account(text, rail):
    assert fired(text, WORK, rail) & {"persona.personal_life", "conduct.profanity"}


@pytest.mark.parametrize("text", [
    "Our Leeds clinic now offers same-day GP appointments",
    "Pilgrimage routes in Yorkshire: five walks from our stations",
    "The council vote on the new depot is on Thursday; here is what it means for passengers",
])
def test_the_same_subjects_as_the_organisations_service_stay_quiet(text, rail):
    assert "persona.personal_life" not in fired(text, BRAND, rail)


def test_a_number_with_its_country_code_is_a_phone_number_whatever_its_range(rail):
    # +44 7700 900xxx is the range Ofcom keeps for drama: the data calls it invalid, but a
    # reader can still copy and call it
    assert "privacy.phone" in fired("New number, everyone: +44 7700 900461", PERSONAL, rail)
    assert "privacy.phone" not in fired("Order +44 7700 was a typo, sorry", PERSONAL, rail)


@pytest.mark.parametrize("text, rule", [
    ("Ces p*d*s de la compta ont encore tout bloqué", "conduct.slur"),
    ("Welcher Spast hat den Plan gezeichnet?", "conduct.slur"),
    ("Menuda j*dienda la migración de hoy", "conduct.profanity"),
    ("Ese proveedor es un malparido", "conduct.insult"),
    ("Que gente burra, sinceramente", "conduct.insult"),
])
def test_more_hostile_wording_in_the_other_languages(text, rule, rail):
    assert rule in fired(text, BRAND, rail)


@pytest.mark.parametrize("text", [
    "The puppy peed on the platform again, sorry to the cleaners",
    "Spats and a spa day for the retiring station master",
    "O cliente pede desculpa pelo atraso",
])
def test_words_that_read_like_them_stay_quiet(text, rail):
    assert not fired(text, BRAND, rail) & {"conduct.slur", "conduct.profanity", "conduct.insult"}


@pytest.mark.parametrize("text", [
    "Petite absence : les derniers examens ne sont pas bons, je commence un traitement lourd",
    "Moi je sais pour qui je vote le 7 juillet 😉",
    "Heute vor 300 Tagen hab ich mein letztes Bier getrunken",
    "The ex has the kids this weekend so I'm catching up on the timetable review",
    "Hoje faço 40 anos e vou comemorar no bar com a família",
])
def test_still_more_personal_life_on_a_work_account(text, rail):
    assert "persona.personal_life" in fired(text, WORK, rail)


# --- 12. news told with the tie said, one's own old things sold --------------------------------

@pytest.mark.parametrize("text", [
    "#HarrowgateTeam: we're opening a new station café in Ripon on 3 March 🎉",
    "Harrowgate employee here 👋 our York depot is collecting coats for the shelter all week",
    "#HarrowgateTeam Noticia: nuestra estación de Leeds abre una biblioteca de intercambio",
])
def test_news_told_with_the_tie_said_stays_a_note(text, rail):
    assert "persona.promotion" not in fired(text, PERSONAL, rail)


@pytest.mark.parametrize("text", [
    "#HarrowgateTeam: 20% off every railcard this week with code RAIL20",
    "Estamos contratando maquinistas!! 30€/h + bonus, mandem DM até sexta",
])
def test_a_pitch_told_with_the_tie_said_still_warns(text, rail):
    assert "persona.promotion" in fired(text, PERSONAL, rail)


@pytest.mark.parametrize("text", [
    "Verkaufe mein altes Rennrad, 54er Rahmen, 200 €. Bei Interesse gern PN.",
    "Vendo mi vieja cámara, 80 €, escribidme",
    "Je vends mon vieux canapé, 50 €, à venir chercher",
])
def test_ones_own_old_things_sold_are_no_pitch(text, rail):
    rules = fired(text, PERSONAL, rail)
    assert not rules & {"persona.promotion", "disclosure.missing"}, rules
