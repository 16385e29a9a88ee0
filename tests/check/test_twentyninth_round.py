"""Twenty-ninth round: what the thirteenth wave of unseen sets (a mountain resort operator, a
publisher of county magazines and podcasts, a municipal utility, a chain of opticians and
hearing-aid centres, a chain of language academies) showed the check missing or raising
wrongly, read after their untouched and end figures were taken, made general. Examples of our
own in six languages, each beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from tests.check.rounds import BRAND, CORRANDEL_PACK, PERSONAL, WORK, fired, policy_from

# --- 1. a staff member's own praise of the brand is an insider testimonial -----------------------

@pytest.mark.parametrize("text", [
    "Brookline Pure in my bottle every day, honestly the best water around here.",
    "Las jarras de Osterling: las uso con mis sobrinos y funcionan genial ✨",
    "J'ai testé la gourde Fennick Tap tout l'été : parfaite, rien à dire.",
    "Osterling ist mein Lieblingsfilter, seit Jahren.",
    "Corrandel's tap-refill app is worth it for the leak alerts alone.",
])
def test_staff_praise_of_the_brand_left_unsaid_is_an_insider_review(water, text):
    assert {"disclosure.insider_review", "disclosure.missing"} <= fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    # the tie said up front: a disclosed endorsement, no insider review
    "I work at Corrandel: Brookline Pure in my bottle every day, honestly the best water around.",
    # the brand named without praise
    "Brookline Pure delivery came a day late again this week.",
])
def test_praise_with_the_tie_said_or_no_praise_is_no_insider_review(water, text):
    assert "disclosure.insider_review" not in fired(text, PERSONAL, water)


# --- 2. praise and calls with no sales word: the best of one's life, "you have to go", a tip ----

@pytest.mark.parametrize("text", [
    "Brookline Pure tasting at the fair and honestly? unreal. best water of my life",
    "Beste Trinkflasche überhaupt, die von Fennick Tap 💧",
    "Los filtros de Osterling son lo más top que hay.",
    "Still can't get over how good the new Osterling jug is.",
    "Genuinely the only thing that got me through the heatwave was Brookline Pure.",
    "Corrandel refill station by the park: se passate da Leeds dovete venire!",
    "Free water checks at the Corrandel van on Saturday, spread the word!",
    "Pro tip: the Corrandel refill point at the station is never busy before 8.",
    "Qui veut 15 % sur sa gourde Fennick Tap ? Mon code parrainage LEA15 🙌",
])
def test_praise_calls_and_tips_beside_the_brand_are_promotion(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    # a tip or a call with no brand sells nobody's product
    "Pro tip: the student discount at the cinema works until you're 27.",
    "You guys have to go to the lantern festival this weekend, it's magic.",
    # the best day or decision of one's life is not a product's praise
    "Leaving Corrandel for a year of travel was the best decision of my life.",
])
def test_the_same_shapes_without_a_product_praised_stay_quiet(water, text):
    assert not {"persona.brand_promotion", "persona.promotion"} & fired(text, PERSONAL, water)


# --- 3. whom to vote for, faith on a feast day, life events, love, recovery, drinks in slang -----

@pytest.mark.parametrize("text", [
    "Wählt bloß nicht die Partei der Privatisierer, sonst wird das Wasser teurer.",
    "Wer am Sonntag diese Leute wählt, braucht sich über die Preise nicht zu wundern.",
    "El domingo votaremos a quien defienda el agua pública. Ya sabéis.",
    "Franchement je ne comprends pas qu'on puisse encore voter RN.",
    "Off to march with my union for trans rights this afternoon.",
    "He is risen! A blessed Easter from all of us at the plant 🙏",
    "Kid number two due any day now, so replies may be slow.",
    "Our engineer Priya broke her wrist at the weekend, get well soon!",
    "C'est le mariage de mon frère samedi, je serai injoignable.",
    "Ci sposiamo a giugno e sono già in ansia per il menù.",
    "Any single hydrologists out there fancy a coffee? asking for me",
    "Lisa aus der Buchhaltung ist frisch verliebt 💕",
    "Nach meinem Burnout habe ich gelernt, Pausen ernst zu nehmen.",
    "Thankful for my home group and my higher power. Three years today.",
    "Unas birras con la cuadrilla y mañana a la depuradora 🍺",
    "Kopf brummt, ein Kurzer zu viel gestern 🥴",
])
def test_politics_faith_life_events_love_recovery_and_drinks_on_a_work_account(water, text):
    assert "persona.personal_life" in fired(text, BRAND, water)


@pytest.mark.parametrize("text", [
    "Today's poll: should voting in local elections be compulsory?",
    "Our members voted for the new tariff at the AGM.",
    "She said yes to the pilot: Leeds gets refill stations in spring.",
    "The pipe broke under the road at 3am; crews are on site.",
    "Single-use plastics: we cut them by half this year.",
])
def test_the_same_topics_in_work_senses_stay_clean(water, text):
    assert "persona.personal_life" not in fired(text, BRAND, water)


# --- 4. name-calling in northern German, Italian and French, a French oath, mockery --------------

@pytest.mark.parametrize("text", [
    "Ey du Dösbaddel, der Hydrant ist kein Parkplatz!",
    "Quelli del magazzino sono dei buffoni, di nuovo la consegna sbagliata.",
    "Les revendeurs de filtres à 5 €, ce sont des escrocs, point.",
    "So ein Drecksladen, diese Druckerei.",
    "@sam_h if you can't read a timetable that's not on us, mate.",
    "Bordel, deux heures de réunion pour rien.",
    "imagine paying for the premium plan and still being this clueless 😂",
    "ok but who asked?",
])
def test_more_name_calling_oaths_and_mockery_are_conduct(water, text):
    assert {"conduct.insult", "conduct.profanity"} & fired(text, WORK, water)


@pytest.mark.parametrize("text", [
    "Dumb meters vs smart meters: why the 'dumb' ones still make up most of the fleet.",
    "Notes from the pressure-testing course, for colleagues who asked.",
    "The best lesson came from a trainee who asked why four times in a row.",
    "Attention : des escrocs se font passer pour nos techniciens au téléphone.",
])
def test_the_same_words_talked_about_stay_clean(water, text):
    assert not {"conduct.insult", "conduct.profanity"} & fired(text, WORK, water)


# --- 5. a pitch said openly still warns: more for less, a hyphenated code, a prize, a shop -----

@pytest.mark.parametrize("text", [
    "#ad (I work at Corrandel) Im Freibad gibt's die Zehnerkarte zum Preis von acht.",
    "#Werbung (ich arbeite bei Corrandel): Mit dem Code COR-FRUEH spart ihr 10 % auf die Flasche.",
    "#ad Osterling is sponsoring the fun run. free bottles for everyone who shows up",
    "I work at Corrandel, so I'm biased, but our giveaway is good: comment below to win a bottle",
    "#ad I work for Corrandel. Pick it up in any Tesco from Thursday",
])
def test_a_pitch_said_openly_still_warns_on_a_personal_account(water, text):
    assert "persona.promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    # a shopper's deal taken home sells nothing
    "Angebot beim Bäcker: zwei Brezeln zum Preis von einer. Hab natürlich vier genommen.",
    # news said openly, no pitch
    "#ad (I work at Corrandel) Our Leeds refill station opened today.",
])
def test_a_deal_taken_or_news_said_openly_is_no_pitch(water, text):
    assert "persona.promotion" not in fired(text, PERSONAL, water)


# --- 6. one's own trade on a work account, in more shapes ---------------------------------------

@pytest.mark.parametrize("text", [
    "Aside from the day job, I've started making leather wallets. A few slots left for Christmas.",
    "Además de técnica de laboratorio, hago retratos a lápiz. Presupuestos sin compromiso.",
    "Mi grupo, Los Caudales, toca el sábado en la sala Sur. Entradas a 10€ en taquilla.",
    "Proud to launch my own soap brand this weekend, Suds & Co. Link in comments 🧼",
    "I also voice adverts in English and Welsh. If your agency needs a narrator, you know "
    "where to find me 🎙️",
    "Wer noch einen Vogelkasten aus Lärche sucht: drei sind fertig. Preis per Nachricht.",
])
def test_ones_own_trade_on_a_work_account_is_a_pitch(water, text):
    assert "persona.promotion" in fired(text, WORK, water)


def test_a_colleagues_band_with_a_price_on_the_brand_account_is_a_pitch(water):
    text = "Our payroll lead's band is playing the Leadmill on Friday. £8 on the door!"
    assert "persona.promotion" in fired(text, BRAND, water)


@pytest.mark.parametrize("text", [
    "Aside from the day job, I've been reading a lot about flood defences.",
    "Launching our own refill brand this spring was a team effort across four depots.",
    "If your depot needs a new pump, raise a ticket with the asset team.",
])
def test_the_same_shapes_about_the_job_stay_clean(water, text):
    assert "persona.promotion" not in fired(text, WORK, water)


def test_a_brand_presented_but_not_praised_is_no_insider_review(water):
    text = "New from Osterling: the refill jug, out now."
    assert "disclosure.insider_review" not in fired(text, PERSONAL, water)


# --- 7. family, dating and sibling words in a publisher's or a venue's work sense -------------

@pytest.mark.parametrize("text", [
    "Our Wedding Issue is out now: 40 pages of real Yorkshire weddings 💍",
    "After ten years we're retiring the dating column. Thank you, readers.",
    "Today our sister title Dales Table turns 10 🎂",
    "New at the visitor centre: a nursing room and a diaper-changing station.",
])
def test_family_and_dating_words_in_a_publishers_or_venues_sense_stay_clean(water, text):
    assert "persona.personal_life" not in fired(text, BRAND, water)


@pytest.mark.parametrize("text", [
    "Our wedding was last June and I still cry at the photos.",
    "My sister is getting married on Saturday, so I'm off Friday.",
])
def test_ones_own_wedding_and_sister_stay_personal(water, text):
    assert "persona.personal_life" in fired(text, BRAND, water)


# --- 8. codenames joined by "de", behind "del", in new words, and teased with "More soon" --------

@pytest.fixture
def codenames(tmp_path):
    return policy_from(tmp_path, CORRANDEL_PACK.replace(
        'terms = ["Project Millrace"]',
        'terms = ["Project Millrace", "Glass Elevator", "Blaue Kanne", "Pizarra Verde", '
        '"Proyecto Faro", "Project Porchlight"]'))


@pytest.mark.parametrize("text", [
    "Encore une réunion sur l'Ascenseur de verre, j'en peux plus.",
    "Domani presentiamo l'Ascensore di Vetro al consiglio.",
    "3h meeting on Blue Jug pricing. send coffee",
    "Die Grüne Tafel geht morgen live!",
    "Hoy cerramos la fase 1 del proyecto del faro 🔦",
    "Big week for Porchlight: the bid is in. More soon.",
])
def test_codenames_in_more_shapes_are_caught(codenames, text):
    assert "confidential.term" in fired(text, PERSONAL, codenames)


@pytest.mark.parametrize("text", [
    "l'ascenseur de verre du centre commercial est encore en panne.",
    "la grüne Tafel im Klassenzimmer ist neu",
    "El faro de Cabo Mayor luce precioso esta noche.",
    "Porchlight on, kettle on, long weekend ahead.",
])
def test_the_same_everyday_words_stay_clean(codenames, text):
    assert "confidential.term" not in fired(text, PERSONAL, codenames)


# --- 9. privacy: a home party's address, a service centre's, a customer's own number -----------

def test_an_address_given_for_a_party_at_home_is_private(water):
    text = "Housewarming is on!! We're at 41 Birch Hollow Rd, unit 2. Come after 8"
    assert "privacy.address" in fired(text, PERSONAL, water)


def test_the_brands_service_centre_address_is_public_on_its_account(water):
    text = ("Wir sind umgezogen! Ab Montag findet ihr unser Kundencenter am Lindenplatz 7, "
            "31785 Hallermünde. Mo–Fr 8–18 Uhr")
    assert "privacy.address" not in fired(text, BRAND, water)


@pytest.mark.parametrize("text", [
    "Unser Techniker ruft Sie heute noch unter Ihrer Nummer 0511 4567891 zurück.",
    "Sorry Mrs Patel, an engineer will ring you on your number 07700 900123 today.",
])
def test_a_customers_own_number_on_the_brand_account_is_private(water, text):
    assert "privacy.phone" in fired(text, BRAND, water)


def test_the_brands_helpline_stays_public(water):
    assert "privacy.phone" not in fired("Leak? Call our helpline on 0800 123 4567.", BRAND,
                                        water)


# --- 10. hiring for one's team, paid or freelance work, places left by their number ------------

@pytest.mark.parametrize("text", [
    "my team's looking for a hydrologist who loves spreadsheets. dm me 👀",
    "We're looking for a freelance illustrator for two weeks in May. Paid, obviously. "
    "Message me if that's you!",
])
def test_hiring_for_ones_team_on_a_personal_account_is_a_pitch(water, text):
    assert "persona.promotion" in fired(text, PERSONAL, water)


def test_places_left_by_their_number_beside_the_brand_are_promotion(water):
    text = "Corrandel water-safety camp this July with the kids: quedan 3 plazas, escribidme"
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "looking for a plumber in Leeds, any recommendations? dm me",
    "Only 3 days left until the holidays!",
])
def test_a_request_or_a_countdown_is_no_pitch(water, text):
    assert "persona.promotion" not in fired(text, PERSONAL, water)


# --- 11. words taught as vocabulary, and an ad label talked about ------------------------------

@pytest.mark.parametrize("text", [
    "Word of the day: hangover (n.) 🥴 Spanish: resaca. German: Kater.",
    "Vokabel des Tages: der Kater 🐈🍷 1. die männliche Katze, 2. das Gefühl nach zu viel Wein.",
    "Vocabulario de la semana: la suegra, el yerno, la nuera. ¿Las conocíais?",
])
def test_words_taught_as_vocabulary_are_no_ones_life(water, text):
    assert "persona.personal_life" not in fired(text, BRAND, water)


def test_ones_own_hangover_on_the_word_of_the_day_account_still_counts(water):
    text = "Massive hangover today, so no word of the day, sorry 🥴"
    assert "persona.personal_life" in fired(text, BRAND, water)


def test_an_ad_label_talked_about_is_no_label(water):
    text = ("Good read on how creators in Spain have to label a paid partnership. Short "
            "version: 'publi' up front, not buried.")
    assert not {"disclosure.buried", "persona.promotion"} & fired(text, PERSONAL, water)


# --- 12. drinks served at the brand's own venue event; praise of the job taken back -------------

def test_drinks_served_at_the_brands_own_venue_event_are_its_offer(water):
    text = "Caipirinha de après-ski no lodge sexta, com música ao vivo 🍹"
    assert "persona.personal_life" not in fired(text, BRAND, water)


@pytest.mark.parametrize("text", [
    "Our social team is three margaritas deep at happy hour, ask us anything 🍹",
    "Ce soir l'équipe se met une cuite au bar d'en face, champagne à volonté 🥂",
])
def test_the_staff_drinking_at_the_venue_is_still_personal_life(water, text):
    assert "persona.personal_life" in fired(text, BRAND, water)


def test_praise_of_the_job_taken_back_with_a_flat_no_is_no_promotion(water):
    text = "J'adore mon taf chez Corrandel mais le nouveau planning du samedi, c'est non 😩"
    assert not {"persona.brand_promotion", "disclosure.missing"} & fired(text, PERSONAL, water)


# --- 13. recommendations by pronoun, reviews asked for as kind words, "ils sont top" -----------

@pytest.mark.parametrize("text", [
    "Ma mère a enfin des filtres Osterling. Je les recommande à tous ceux qui hésitent.",
    "Reading list for the water-safety club, all from Osterling, my go-to every year 📚",
    "if you came to the Corrandel open day, it would mean a lot if you left a few kind words on "
    "the review site 🙏",
    "Si vous cherchez une gourde, prenez Fennick Tap : ils sont top ! corrandel.example",
])
def test_more_shapes_of_a_staff_review_or_a_review_asked_for(water, text):
    assert "disclosure.insider_review" in fired(text, PERSONAL, water)


def test_kind_words_said_to_someone_ask_for_no_review(water):
    text = "Thank you all for the kind words on my leaving card from Corrandel 💙"
    assert "disclosure.insider_review" not in fired(text, PERSONAL, water)


# --- 14. a colleague's broken bone and a colleague's fast on the brand account -----------------

@pytest.mark.parametrize("text", [
    "Our meter reader Sam broke his ankle skiing 🤕 Get well soon, Sam!",
    "Respekt an unsere Kollegin Aylin: Sie fastet gerade im Ramadan und ist trotzdem jeden Tag "
    "auf der Baustelle.",
])
def test_a_colleagues_injury_or_fast_is_personal_life(water, text):
    assert "persona.personal_life" in fired(text, BRAND, water)


def test_a_holiday_greeted_by_the_business_stays_a_note(water):
    text = "Ramadan Mubarak to everyone celebrating! Our offices keep their usual hours."
    assert "persona.personal_life" not in fired(text, BRAND, water)


# --- 15. pride in the team as the job said; a home party's address by what to bring -------------

def test_pride_in_being_part_of_the_team_says_the_job(water):
    text = ("Proud to be part of the team that refilled 2 million bottles this year. Thank you "
            "to every driver and ticket agent at Corrandel.")
    assert "disclosure.missing" not in fired(text, WORK, water)


def test_an_address_with_drinks_to_bring_is_a_home_party(water):
    text = "we're at 9 Rowan Close this week, swing by after 6 and bring whatever you're drinking"
    assert "privacy.address" in fired(text, PERSONAL, water)


def test_tickets_at_a_price_said_openly_still_warn(water):
    text = "#ad (I work at Corrandel) Refill night is this Friday, tickets €6 at corrandel.example"
    assert "persona.promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "La boda de mis sueños, en nuestra finca junto al río 💍",
    "Il cliente ha detto sì al progetto delle nuove fontanelle.",
    "Er hat ja gesagt zu unserem Angebot für die Kläranlage.",
])
def test_a_dream_wedding_sold_or_a_client_saying_yes_is_no_ones_life(water, text):
    assert "persona.personal_life" not in fired(text, BRAND, water)


def test_pregnancy_issues_of_ones_own_stay_personal(water):
    text = "I've been dealing with pregnancy issues, so I'm working from home this week."
    assert "persona.personal_life" in fired(text, WORK, water)


@pytest.mark.parametrize("text", [
    "Warning: these callers are crooks pretending to be us. Never share your code.",
    "Die Anrufer sind Betrüger, wir fragen nie nach Ihrer PIN.",
])
def test_a_fraud_warning_on_the_brand_account_is_no_insult(water, text):
    assert "conduct.insult" not in fired(text, BRAND, water)


@pytest.mark.parametrize("text", [
    "Grab a copy of the agenda at reception before the session.",
    "Looking for a flat near the river, paid my deposit twice already, dm me if you hear of one",
])
def test_everyday_copies_and_payments_are_no_pitch(water, text):
    assert "persona.promotion" not in fired(text, PERSONAL, water)
