"""Twenty-third round: what the seventh wave of unseen sets (veterinary clinics, a bakery chain,
a skincare brand, a football club, a train operator) showed the check missing or raising
wrongly, read after their untouched and end figures were taken, made general. Examples of our
own in six languages, each beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import findings, fired, policy_from, severities

BRAND = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)

PACK = """version = 1
[employer]
name = "Ostwick Pet Care"
aliases = ["Ostwick"]
domains = ["ostwick.example"]
[confidential]
terms = ["Project Kestrel"]
"""


@pytest.fixture
def clinic(tmp_path):
    return policy_from(tmp_path, PACK)


# --- 1. a condition said of the reader's animal, of patients, or of anyone ----------------------

@pytest.mark.parametrize("text", [
    "Think your cat might be pregnant? Look for pink nipples around week three and book a scan.",
    "¿Tu perra está embarazada? Un control a los 25 días lo confirma.",
    "Ist eure Hündin schwanger? Ab Tag 25 zeigt es der Ultraschall.",
    "Which sunscreens are safe during pregnancy? Mineral filters are the usual advice.",
    "Pregnancy-safe cleaning products for the clinic: our shortlist for the new year.",
    "Pendant la grossesse, certains antiparasitaires sont à éviter chez la chatte.",
    "Patients undergoing chemotherapy often ask me which shampoos are gentle enough.",
    "I see it every week: clients on dialysis need softer bedding for their dogs too.",
])
def test_a_condition_of_others_is_no_personal_life(text, clinic):
    found = severities(text, WORK, clinic)
    assert found.get("persona.personal_life") in (None, "info"), found


@pytest.mark.parametrize("text", [
    "Our dog Pepper is pregnant, so I'll be working from home with the puppies in March!",
    "I'm pregnant with our second and due in May, so out of office from April",
    "Worked through my whole pregnancy and now the little one is here",
    "Back at my desk after my last round of chemotherapy, thanks for the messages",
])
def test_ones_own_condition_still_warns(text, clinic):
    assert "persona.personal_life" in fired(text, WORK, clinic)


# --- 2. words that only look like personal life or swearing -------------------------------------

@pytest.mark.parametrize("text", [
    "Our mother dough is older than the bakery itself and still fed every morning.",
    "Mother Nature had other plans for our garden open day: rescheduled to Sunday.",
    "The puppy wobbles like he's drunk after the sedation? Normal for a few hours.",
    "Dein Hund wirkt nach der Narkose wie betrunken? Das ist normal.",
    "Anyone drunk or disorderly will be refused entry to the open evening.",
    "Nueva ciudad deportiva para la cantera: la obra empieza en enero.",
])
def test_look_alike_personal_words_are_fine(text, clinic):
    assert "persona.personal_life" not in fired(text, BRAND, clinic)


@pytest.mark.parametrize("text", [
    "Hungover at the front desk today, the team night out was a lot",
    "Deport them all, this country is full",
    "My mother is in hospital so I'm off this week",
])
def test_personal_words_still_warn(text, clinic):
    assert "persona.personal_life" in fired(text, BRAND, clinic)


@pytest.mark.parametrize("text", [
    "Retards d'environ 15 minutes sur la ligne 2 ce matin.",
    "Quelques retards sur le réseau ce soir, merci de votre patience.",
])
def test_french_delays_are_no_slur(text, clinic):
    assert "conduct.slur" not in severities(text, BRAND, clinic)


def test_the_english_slur_is_still_blocked(clinic):
    assert severities("what a bunch of retards", BRAND, clinic).get("conduct.slur") == "block"


@pytest.mark.parametrize("text", [
    "New paper: oxytocin timing in the pregnant bitch, from our repro team.",
    "Brood bitches need a check-up before every season; book with our breeding team.",
])
def test_a_female_dog_in_a_vets_words_is_no_swearing(text, clinic):
    assert "conduct.profanity" not in severities(text, WORK, clinic)


def test_calling_someone_a_bitch_still_warns(clinic):
    assert "conduct.profanity" in fired("that customer was a total bitch today", WORK, clinic)


def test_a_german_idiom_with_mehr_still_insults(clinic):
    found = severities("Der Lieferant hat wohl nicht mehr alle Tassen im Schrank.", BRAND, clinic)
    assert found.get("conduct.insult") == "block", found


# --- 3. politics, dating, divorce, a christening, drinking: more of one's own life -------------

@pytest.mark.parametrize("text", [
    "Vote Alvarez for city council on the 5th, she'll fix our streets.",
    "Votad a Marta Ruiz para alcaldesa, os lo pido.",
    "Votem no Silva para prefeito!",
    "Yo voto al Bloc Verd este domingo y vosotros deberíais también.",
    "Je vote pour Dupont dimanche, c'est le seul candidat qui nous écoute.",
    "He's the only candidate who cares about small businesses, remember that in May.",
    "Jeudi j'irai manifester contre la fermeture de l'hôpital, venez nombreux.",
    "I'll be protesting outside the town hall on Saturday, join me.",
])
def test_ones_own_vote_or_march_is_politics(text, clinic):
    assert "persona.personal_life" in fired(text, WORK, clinic)


@pytest.mark.parametrize("text", [
    "Vote for our team in the Pet Care Awards, link in bio!",
    "The council votes on the new parking rules for the high street on Tuesday.",
    "Our clinic is the only practice that is open on Sundays in town.",
])
def test_votes_for_the_business_and_council_news_are_fine(text, clinic):
    assert "persona.personal_life" not in fired(text, BRAND, clinic)


@pytest.mark.parametrize("text", [
    "Newly single and new in town, anyone up for a drink after work?",
    "Any single guys on the 8:15 from Leeds? Asking for our receptionist 😉",
    "Endlich geschieden, jetzt wieder voller Fokus auf den Job.",
    "The divorce is final as of Friday, new chapter!",
    "Este sábado bautizamos a nuestro hijo Pau, gracias a todos por venir.",
    "The staff drank the whole keg at the Christmas do again",
    "Great party, can't remember how I got home 😂",
])
def test_more_of_ones_own_life_warns(text, clinic):
    assert "persona.personal_life" in fired(text, WORK, clinic)


@pytest.mark.parametrize("text", [
    "Single-use plastics are gone from all our clinics as of today.",
    "Our new single and double kennels are ready for the holidays.",
])
def test_single_in_a_trade_sense_is_fine(text, clinic):
    assert "persona.personal_life" not in fired(text, BRAND, clinic)


# --- 4. a club reporting its players' fitness ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Injury update: our striker Tom Hale had knee surgery this morning and will miss six weeks.",
    "Parte médico: Iker Sola sufre una rotura fibrilar en el gemelo derecho. Baja de tres semanas.",
])
def test_a_clubs_injury_report_is_sports_news(text, clinic):
    found = severities(text, BRAND, clinic)
    assert found.get("persona.personal_life") in (None, "info"), found


# --- 5. "we're hiring at Acme" on a personal account does not disclose the tie -----------------

@pytest.mark.parametrize("text", [
    "We're hiring vet nurses at Ostwick! Apply at ostwick.example/jobs",
    "On recrute chez Ostwick : auxiliaires vétérinaires à Lyon, postulez sur ostwick.example",
    "Wir suchen Tierarzthelfer:innen für Ostwick in Köln, jetzt bewerben unter "
    "ostwick.example/jobs",
])
def test_a_team_hiring_is_no_disclosure_on_the_personal_account(text, clinic):
    found = severities(text, CheckTarget(Network.X, Persona.PERSONAL), clinic)
    assert found.get("persona.brand_promotion") == "warn", found
    assert found.get("disclosure.missing") in ("warn", "block"), found


@pytest.mark.parametrize("text", [
    "I work at Ostwick: we're hiring vet nurses, apply at ostwick.example/jobs",
    "#ad Ostwick employee here, we're hiring vet nurses in Leeds",
])
def test_a_team_hiring_with_the_tie_said_is_disclosed(text, clinic):
    found = severities(text, CheckTarget(Network.X, Persona.PERSONAL), clinic)
    assert "disclosure.missing" not in found, found


def test_a_team_hiring_on_the_work_account_needs_no_disclosure(clinic):
    found = severities("We're hiring vet nurses at Ostwick in Leeds, details in the comments.",
                       WORK, clinic)
    assert not {rule for rule in found if rule.startswith("disclosure")}, found


# --- 6. a codename written the other ways people write it ---------------------------------------

CODENAMES = """version = 1
[employer]
name = "Ostwick Pet Care"
[confidential]
terms = ["Grünes Tor", "Night Heron 3", "Larchwood"]
"""


@pytest.mark.parametrize("text", [
    "Gruenes Tor startet im Frühjahr, mehr darf ich nicht sagen",
    "NightHeron 3 slipped to April again",
    "Larch-Wood-Meeting schon wieder verschoben, typisch",
    "Larch Wood review at 3pm, bring the numbers",
])
def test_a_codename_spelt_out_run_together_or_split_is_confidential(text, tmp_path):
    found = severities(text, CheckTarget(Network.BLUESKY, Persona.PERSONAL),
                       policy_from(tmp_path, CODENAMES))
    assert found.get("confidential.term") == "block", found


@pytest.mark.parametrize("text", [
    "Walked through the larch wood behind the clinic at lunch",
    "The night heron is back on the pond by the car park",
])
def test_the_everyday_words_of_a_codename_stay_fine(text, tmp_path):
    found = severities(text, CheckTarget(Network.BLUESKY, Persona.PERSONAL),
                       policy_from(tmp_path, CODENAMES))
    assert found.get("confidential.term") != "block", found


# --- 7. calls to buy said to many readers, in the other languages --------------------------------

@pytest.mark.parametrize("text", [
    "Ya tengo mi plan de Ostwick 💚 Renovad el vuestro en ostwick.example antes del viernes",
    "Danke Ostwick für die Pflegebox! Bestellt sie euch auf ostwick.example",
    "Pflegepakete von Ostwick diese Woche günstiger – schnell zuschlagen!",
    "Já tenho o meu plano Ostwick! Garante o teu em ostwick.example",
    "Ostwick's new pet cover is great, switch your home to Ostwick today",
])
def test_a_call_to_buy_to_many_readers_is_a_pitch(text, clinic):
    assert "persona.promotion" in fired(text, CheckTarget(Network.X, Persona.PERSONAL), clinic)


def test_switching_in_everyday_speech_is_no_pitch(clinic):
    found = fired("Finally switched to the night shift, my cat is confused",
                   CheckTarget(Network.X, Persona.PERSONAL), clinic)
    assert "persona.promotion" not in found, found


# --- 8. insults aimed at a referee or people, in the other languages ----------------------------

@pytest.mark.parametrize("text", [
    "Quel arbitre de merde aujourd'hui.",
    "El árbitro fue un puto desastre toda la tarde.",
    "Arbitro incompetente, partita rubata.",
    "Die Leute, die hier drängeln, sind echt das Letzte.",
    "Esses motoristas são uns animais.",
    "Ce client est un gros mongol.",
    "Gente sin cerebro, de verdad.",
])
def test_more_insults_are_raised(text, clinic):
    found = severities(text, BRAND, clinic)
    assert found.get("conduct.insult") == "block" or found.get("conduct.slur") == "block", found


@pytest.mark.parametrize("text", [
    "The referee training day is on Saturday, all welcome.",
    "Genghis Khan and the Mongol empire: our book club's pick this month.",
    "Pets are animals with needs, not toys: our Christmas reminder.",
])
def test_near_misses_of_the_new_insults_are_fine(text, clinic):
    found = severities(text, BRAND, clinic)
    assert not {rule for rule, severity in found.items()
                if rule.startswith("conduct") and severity != "info"}, found


# --- 9. the job said where readers see it, on one's own work account ----------------------------

UK_PACK = """version = 1
[employer]
name = "Ostwick Pet Care"
aliases = ["Ostwick"]
[disclosure]
region = "uk"
accepted = ["#ad", "I work at Ostwick", "#OstwickTeam"]
"""


@pytest.mark.parametrize("text", [
    "Fully booked! 400 flu jabs in two days, a record for us. I work at Ostwick and this team "
    "is something else 💚",
    "Grateful to have been made head nurse this week. I work at Ostwick and I've learned more "
    "here than anywhere else.",
])
def test_the_job_said_in_the_second_sentence_is_not_buried_on_ones_work_account(text, tmp_path):
    found = severities(text, WORK, policy_from(tmp_path, UK_PACK))
    assert "disclosure.buried" not in found, found


def test_the_job_said_after_the_fold_is_still_buried_on_ones_work_account(tmp_path):
    text = ("The new Ostwick clinic on Kirkgate has a cat-only waiting room, evening hours "
            "until nine and a rebuilt surgery. If your vet has a six-week wait, this is the "
            "practice I would send you to without a second thought, and the nurses there "
            "are the best in Yorkshire. Go and look at the photos and tell me you're not "
            "tempted.\n\n"
            "Full disclosure: I work at Ostwick.")
    found = severities(text, WORK, policy_from(tmp_path, UK_PACK))
    assert found.get("disclosure.buried") == "warn", found


def test_the_staff_tag_as_one_hashtag_discloses(clinic):
    found = severities("#OstwickStaff we're hiring vet nurses in Leeds, apply at "
                       "ostwick.example/jobs", CheckTarget(Network.X, Persona.PERSONAL), clinic)
    assert found.get("persona.brand_promotion") == "info", found
    assert "disclosure.missing" not in found, found


# --- 10. one's own trade on a work account, in more shapes ---------------------------------------

@pytest.mark.parametrize("text", [
    "Weekends I make dog beds to order 🐶 a few December slots left, DM for rates",
    "Fun fact: when I'm not on the rota, I'm teaching pottery. Two spaces left in January.",
    "Au fait, je donne aussi des cours de dessin le mercredi, il reste 2 places",
    "Sigo dando clases particulares de guitarra los jueves, 15€ la hora",
    "Petit coup de pub pour ma boutique de bougies 😉 -10 % avec le code CHAT",
    "When I'm not at the clinic I run puppy classes on Sundays, first session free",
])
def test_ones_own_trade_on_a_work_account_sells(text, clinic):
    assert "persona.promotion" in fired(text, WORK, clinic)


@pytest.mark.parametrize("text", [
    "Weekends I mostly sleep, to be honest. Back on the rota Monday.",
    "When I'm not at the clinic I'm usually asleep. Big week for the team though!",
])
def test_a_weekend_told_with_nothing_sold_is_no_trade(text, clinic):
    assert "persona.promotion" not in fired(text, WORK, clinic)


# --- 11. a workplace hiring, unnamed, on a personal account --------------------------------------

@pytest.mark.parametrize("text", [
    "My club is hiring a groundskeeper. Great team, DM me if you know anyone",
    "my lot are hiring receptionists in Otley, decent pay, apply by Friday and I'll put a word in",
    "Meine Filiale sucht Verstärkung fürs Wochenende, wer Lust hat meldet sich bei mir",
])
def test_ones_workplace_hiring_is_a_job_offer(text, clinic):
    assert "persona.promotion" in fired(text, CheckTarget(Network.X, Persona.PERSONAL), clinic)


def test_a_club_hiring_said_as_news_is_no_offer(clinic):
    found = fired("My club is hiring a new manager apparently, hope they pick someone good",
                   CheckTarget(Network.X, Persona.PERSONAL), clinic)
    assert "persona.promotion" not in found, found


# --- 12. a disclosed post that still sells: a giveaway, a last day, a fee waived -----------------

@pytest.mark.parametrize("text", [
    "#ad GIVEAWAY 🎉 two Ostwick grooming vouchers: like, follow and tag a friend",
    "#ad Last day to join the Ostwick health plan at the old price 👉 ostwick.example/plan",
    "#OstwickStaff heads up: the joining fee is waived until Sunday → ostwick.example/plan",
])
def test_a_disclosed_pitch_that_sells_still_warns(text, clinic):
    found = severities(text, CheckTarget(Network.X, Persona.PERSONAL), clinic)
    assert found.get("persona.promotion") == "warn", found


# --- 13. one's own health, said in more ways ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "posting from bed today, sorry for the slow replies everyone 🤒",
    "Desculpem a ausência, estive internada com uma pneumonia.",
    "Je pars trois semaines en cure de désintoxication, à bientôt.",
    "Dad's scan came back clear 🙏 thanks for all the messages",
])
def test_ones_own_health_warns(text, clinic):
    assert "persona.personal_life" in fired(text, BRAND, clinic)


def test_the_buy_nothing_group_is_no_pitch(clinic):
    found = fired("got a free dog crate from our Buy Nothing group, neighbours are the best",
                   CheckTarget(Network.FACEBOOK, Persona.PERSONAL), clinic)
    assert "persona.promotion" not in found, found


# --- 14. links written with their scheme count, whatever their ending -----------------------------

THREADS = CheckTarget(Network.THREADS, Persona.PERSONAL)


def test_links_with_a_scheme_count_towards_the_threads_limit(clinic):
    text = "my go-to sites: " + " ".join(f"https://site{n}.internal/page" for n in range(7))
    found = findings(text, THREADS, clinic)
    assert found["limit.links"].severity.value == "block"
    assert "7 links" in found["limit.links"].message
    assert "persona.promotion" not in fired(text, THREADS, clinic)


def test_five_links_are_within_the_threads_limit(clinic):
    text = "my go-to sites: " + " ".join(f"https://site{n}.internal/page" for n in range(5))
    assert "limit.links" not in findings(text, THREADS, clinic)


def test_find_links_keeps_closing_punctuation_out():
    from app.check.entities import find_links
    links = find_links("see https://wiki.internal/rota, then https://example.com/a.")
    assert [link.text for link in links] == ["https://wiki.internal/rota",
                                             "https://example.com/a"]


def test_german_bester_before_a_noun_is_praise_of_the_brand(clinic):
    found = severities("Bester Tierarzt in Leeds? Ostwick Kirkgate. Punkt. 🐾",
                       CheckTarget(Network.INSTAGRAM, Persona.PERSONAL), clinic)
    assert found.get("persona.brand_promotion") == "warn", found


def test_german_bester_without_a_brand_is_nobodys_ad(clinic):
    found = fired("Bester Tag des Jahres, endlich Urlaub 🌞",
                   CheckTarget(Network.INSTAGRAM, Persona.PERSONAL), clinic)
    assert not {rule for rule in found if rule.startswith(("persona", "disclosure"))}, found


# --- 15. letters spaced apart: a pattern's words and a German ß ---------------------------------

@pytest.mark.parametrize("text", [
    "A los que gritasteis al árbitro: sois unos i n ú t i l e s",
    "Was für ein S c h e i ß tag im Laden heute.",
])
def test_spaced_letters_are_read_as_the_word(text, clinic):
    found = severities(text, BRAND, clinic)
    assert {"conduct.insult", "conduct.profanity"} & {
        rule for rule, severity in found.items() if severity == "block"}, found


def test_spaced_initials_stay_ordinary_text(clinic):
    found = severities("Big thanks to the A S S team (Animal Support Services) for today!",
                       BRAND, clinic)
    assert not {rule for rule in found if rule.startswith("conduct")}, found


# --- 16. care and advice voices the meaning layer alone may only note ---------------------------

@pytest.mark.parametrize("text", [
    "Hi Dana, sorry your appointment was moved — we've held your slot for Thursday at 10.",
    "Hiring tip from someone who has hired 300+ nurses: ask about the worst shift they ever "
    "had. The answer tells you everything.",
])
def test_care_and_advice_voices_are_not_hostile(text, clinic):
    for target in (BRAND, WORK):
        found = severities(text, target, clinic)
        assert found.get("conduct.insult") in (None, "info"), found


def test_a_listed_insult_in_a_tip_is_still_raised(clinic):
    found = severities("Tip for the idiot who parked across our entrance: don't.", BRAND, clinic)
    assert found.get("conduct.insult") == "block", found


# --- 17. a brand's own offer, a game of tagging, a buy told not to happen -----------------------

def test_a_brand_selling_drinks_is_no_drinking(clinic):
    found = severities("Fizz Friday 🥂 20% off any three bottles of prosecco, mix and match. "
                       "Must be 18+, please enjoy responsibly.", BRAND, clinic)
    assert found.get("persona.personal_life") in (None, "info"), found


def test_a_party_the_business_sells_is_no_family_news(clinic):
    found = severities("Our baby shower package now comes with a cake table and balloons 🎈",
                       BRAND, clinic)
    assert found.get("persona.personal_life") in (None, "info"), found


def test_a_game_asking_readers_to_tag_a_friend_is_not_hostile(clinic):
    found = severities("¿Con quién compartirías un sofá con tres gatos? Etiqueta a tu "
                       "compañero/a de piso 🐈", BRAND, clinic)
    assert found.get("conduct.insult") in (None, "info"), found


@pytest.mark.parametrize("text", [
    "Free tip: never buy a puppy without seeing the mother first. Learned that the hard way.",
    "Consejo: nunca compres un cachorro sin ver a la madre.",
])
def test_a_buy_told_not_to_happen_is_no_pitch(text, clinic):
    found = fired(text, CheckTarget(Network.THREADS, Persona.PERSONAL), clinic)
    assert "persona.promotion" not in found, found


def test_the_staff_drinking_beside_an_offer_still_warns(clinic):
    found = severities("Our staff drank three bottles of prosecco at the launch 😂 20% off all "
                       "grooming tomorrow!", BRAND, clinic)
    assert found.get("persona.personal_life") == "warn", found


# --- 18. a condition of a kind of animal, drinking told of the reader's pet, divorce counted ----

@pytest.mark.parametrize("text", [
    "Pregnancy in cats lasts about nine weeks. Here's what to expect, week by week 🐈",
    "Hangover cure for your dog? There isn't one: alcohol is toxic to pets. Keep the punch "
    "out of reach this season 🎄",
    "Divorce filings in Leeds rose 9% this year, our data desk found. What's behind it:",
])
def test_a_condition_of_animals_or_counted_by_a_newsroom_is_fine(text, clinic):
    found = severities(text, BRAND, clinic)
    assert found.get("persona.personal_life") in (None, "info"), found


def test_our_own_dogs_hangover_joke_still_warns(clinic):
    found = severities("So hungover after the Christmas do that even our office dog is "
                       "judging me", BRAND, clinic)
    assert found.get("persona.personal_life") == "warn", found
