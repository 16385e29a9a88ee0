"""Sixteenth round: what three unseen sets (a newspaper, a car-subscription firm, a housing
association) and three earlier ones showed the check missing or raising wrongly, made general.
Examples of our own in six languages, each beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.check import engine
from app.check.engine import check_draft
from app.check.meaning import HEADS, Reading
from app.core.model import CheckTarget, Network, Owner, Persona, Severity
from tests.check.rounds import NOW, findings, fired, policy_from

BRAND = CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
PERSONAL = CheckTarget(Network.FACEBOOK, Persona.PERSONAL)


@pytest.fixture
def housing(tmp_path):
    return policy_from(tmp_path, 'version = 1\n[employer]\nname = "Larchfield Homes"\n'
                                 'aliases = ["Larchfield", "Larchfield Repairs", '
                                 '"Larchfield Money Line", "Larchfield Lettings"]\n'
                                 '[disclosure]\nregion = "uk"\naccepted = ["#ad", '
                                 '"#LarchfieldTeam"]\n'
                                 '[confidential]\nterms = ["Project Wagtail", "Silverbirch"]\n')


# --- 1. one's own used things sold once ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Selling my old pram, barely used, £60 ono, collection from Headingley",
    "Garage sale at ours on Saturday, everything half price after 12",
    "Vendo cuna de bebé casi nueva, 50 €, recogida en Ruzafa",
    "Je vends ma table basse, très bon état, 40 €, à venir chercher à Nantes",
    "Verkaufe mein altes Rennrad, 150 € VB, nur Abholung in Bochum",
    "Vendo bicicleta de criança quase nova, 25 euros",
    "Vendo passeggino usato, 80 euro trattabili, ritiro a mano a Bari",
    "My neighbour is selling her old kayak for £100 if anyone wants it",
])
def test_ones_own_used_things_sold_once_are_no_promotion(text):
    assert not fired(text, PERSONAL) & {"persona.promotion", "disclosure.missing"}


@pytest.mark.parametrize("text", [
    "Homemade brownies, £2 each, taking orders for Friday, DM me",
    "Selling my old bike, like new, £50, or use code BIKE10 in my shop",
    "Vendo mis mermeladas caseras por encargo, 5 € el tarro",
])
def test_a_trade_or_a_code_is_still_sold(text):
    assert "persona.promotion" in fired(text, PERSONAL)


# --- 2. a reader's number and address on the brand's account ------------------------------------

@pytest.mark.parametrize("text", [
    "Ms Patel, we've tried calling you on 07700 900461 about your boiler service",
    "@jo_k thanks, we've put your new mobile 07700 900318 on your account",
    "@h_ozturk we have your mobile as +49 151 2345 6789, is that still right?",
    "Monsieur Blanc, nous avons essayé de vous joindre au 06 23 45 67 89 ce matin",
    "Sr. Ruiz, intentamos llamarle al 622 345 678 sin éxito",
    "Wir haben versucht, Sie unter 0172 3456789 zu erreichen",
])
def test_a_readers_number_the_brand_holds_or_rang_is_private(text):
    assert "privacy.phone" in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "Repairs line: call us on 0800 123 4567, 8am to 8pm",
    "Rufen Sie unter 0800 1234567 an, wir helfen gern",
])
def test_the_organisations_own_line_stays_a_note(text):
    assert "privacy.phone" not in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "Our driver brings the car to your home at Am Südpark 7, 50968 Köln, tomorrow",
    "Photos of Mr Idowu's new bathroom at 5 Thornhill Road, Leeds LS6 2AB — lovely job",
    "Mrs Novak at Flat 2, Ash Court, 9 Mill Lane, LS9 8AA — your rent statement is ready",
    "Crew on site at 17 Kirkgate Road, Leeds LS1 6BY for Mr Adebayo's leak, thanks for waiting",
])
def test_a_residents_address_on_the_brand_account_is_private(text):
    assert "privacy.address" in fired(text, BRAND)


def test_an_address_written_street_number_postcode_town_is_found_on_a_personal_account():
    assert "privacy.address" in fired("Come and have a look: Südwall 48, 47798 Krefeld, 2nd floor",
                                      PERSONAL)


@pytest.mark.parametrize("text", [
    "Folge 12, 10000 Zuschauer haben eingeschaltet",
    "Wir waren im Jahr 2024, 12000 Besucher",
    "Visit our office at 12 High Street, M1 1AA, for help with your rent",
])
def test_counts_years_and_the_organisations_own_office_stay_quiet(text):
    assert "privacy.address" not in fired(text, BRAND)


# --- 3. a sign-off that says the tie is no buried disclosure -------------------------------------

def test_a_professional_post_signed_with_the_tie_is_not_buried(housing):
    text = ("Ten years in repairs taught me one thing: fix the gutter before the ceiling. It "
            "saves more money than any contract. #LarchfieldTeam")
    assert "disclosure.buried" not in fired(text, WORK, housing)


def test_a_label_calling_it_an_ad_still_has_to_come_first(housing):
    text = ("Our new lettings app is out: find your next flat in minutes, download it today "
            "and get a free inventory check. #ad")
    assert fired(text, WORK, housing) & {"disclosure.buried", "disclosure.missing"}


# --- 4. put-downs without swear words ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "@ben_r if a thirty-second form is too hard for you, maybe try carrier pigeons, grandpa.",
    "@tomas_r está todo en el contrato, listillo.",
    "@ines_p está tudo no contrato, ó génio.",
    "@luca_b leggi le istruzioni prima di lamentarti, genio.",
    "Customer says the scratch was already there. Liar.",
    "@kev stop whinging like a toddler and let the engineer in",
    "Quanto bisogna essere stupidi per parcheggiare sulle strisce?",
    "Certains clients ont le QI d'une huître.",
    "Il y a des locataires d'une bêtise rare.",
    "Some passengers on the late train are honestly feral.",
    "Sie sind eine erbärmliche Hohlbirne.",
    "Há clientes que parecem não ter dois dedos de testa.",
])
def test_a_customer_talked_down_to_is_an_insult(text):
    assert "conduct.insult" in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "Thanks, genius team, for a record quarter!",
    "Feral cats on the estate? Call the animal welfare line.",
    "Liar Liar is on TV tonight, such a classic",
    "@rider_lea nice to meet you at the café, sweetie",
])
def test_friendly_words_and_animals_stay_quiet(text):
    assert "conduct.insult" not in fired(text, BRAND)


def test_an_insults_own_words_are_not_read_as_personal_life():
    found = fired("Há clientes que parecem não ter dois dedos de testa.", BRAND)
    assert "persona.personal_life" not in found


@pytest.mark.parametrize("text", [
    "Keep turning up at our depot and you'll find out what happens.",
    "@vince keep threatening our drivers and you'll find out exactly what happens",
    "We know which bus you're on, mate.",
    "Se voltar a ameaçar a equipa, vai sair de maca.",
])
def test_a_threat_without_a_swear_word_is_conduct(text):
    assert "conduct.insult" in fired(text, BRAND)


@pytest.mark.parametrize(("text", "rule"), [
    ("honestly the r*tards in accounts did it again", "conduct.slur"),
    ("go cry with the rest of the f@gs", "conduct.slur"),
    ("who the f*** schedules a 7am meeting", "conduct.profanity"),
])
def test_a_masked_slur_is_a_slur_and_masked_swearing_stays_swearing(text, rule):
    found = fired(text, BRAND)
    assert rule in found
    if rule == "conduct.profanity":
        assert "conduct.slur" not in found


# --- 5. personal life ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "We lost our sweet girl Maple last night. 13 years of the best dog. Offline for a bit.",
    "Désolé pour le silence, je sors d'une rupture compliquée. Bref, voici les nouveautés.",
    "Lendemain de veille difficile après le party de ma blonde 🥴",
    "Writing this from the chemo ward waiting room, so excuse the brevity. Figures below.",
    "Nach elf Jahren lassen wir uns scheiden. Bitte habt Verständnis.",
    "Kurze private Info: ich bin gestern in der Notaufnahme gelandet.",
    "Day 9 of being sober and the office fridge is full of beer",
])
def test_ones_own_life_said_in_the_six_languages_warns_on_a_work_account(text):
    assert "persona.personal_life" in fired(text, WORK)


@pytest.mark.parametrize("text", [
    "Our oncology ward waiting room was refurbished thanks to our donors",
    "We lost our biggest client this year and bounced back",
])
def test_the_same_words_at_work_stay_quiet(text):
    assert "persona.personal_life" not in fired(text, BRAND)


# --- 6. the word a brand's names share, and a staff review's verdict -----------------------------

@pytest.fixture
def newspaper(tmp_path):
    return policy_from(tmp_path, 'version = 1\n[employer]\nname = "The Tyneside Beacon"\n'
                                 'aliases = ["Tyneside Beacon", "Beacon Live", "Beacon Audio", '
                                 '"Beacon app"]\n')


@pytest.mark.parametrize("text", [
    "La app del Beacon es la mejor app de noticias que he usado. ¡Cinco estrellas!",
    "A app do Beacon é a melhor app de notícias que já usei.",
    "Honestly the Beacon's new app redesign is chef's kiss",
    "The Tyneside Beacon has the best sports coverage in the North East. Not even close.",
])
def test_a_staff_members_verdict_on_the_employer_is_a_review(text, newspaper):
    assert "disclosure.insider_review" in fired(text, PERSONAL, newspaper)


def test_the_shared_word_in_lower_case_is_a_lamp(newspaper):
    assert not fired("bought a beacon lamp for the garden", PERSONAL, newspaper)


# --- 7. the care voice --------------------------------------------------------------------------

class _HostileModel:
    """A model sure every draft is hostile, naming its first word."""

    def read_view(self, view, heads=HEADS, top=3):
        words = view.words()
        spans = (view.span(words[0][0], words[0][1]),) if words else ()
        return {head: Reading(head, 0.95 if head == "hostile" else 0.0, spans)
                for head in heads}


@pytest.mark.parametrize(("text", "quiet"), [
    ("@sam_k Sorry to hear that. Could you DM us your order number?", True),
    ("@sam_k We understand your frustration; the report is being reviewed.", True),
    ("Nos conseillers vous aident gratuitement si vous avez du mal à payer.", True),
    ("@sam_k Es tut uns leid, wir prüfen das sofort.", True),
    ("@sam_k the report is being reviewed, stop emailing us every hour.", False),
])
def test_a_reply_in_the_care_voice_is_at_most_a_note(monkeypatch, text, quiet):
    monkeypatch.setattr(engine, "shipped_model", lambda: _HostileModel())
    found = {f.rule: f for f in check_draft(text, BRAND, now=NOW).findings}
    assert (found["conduct.insult"].severity is Severity.INFO) is quiet


# --- 8. codenames --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Silver Birch deal nearly done, tenants won't notice a thing 🤫",
    "Spent all week on wagtail onboarding flows",
    "Settimana infinita su wagtail, ma ne vale la pena",
    "Semana intensa a preparar a Wagtail",
])
def test_a_codename_split_or_named_by_the_work_done_on_it_is_confidential(text, housing):
    assert "confidential.term" in fired(text, WORK, housing)


@pytest.mark.parametrize("text", [
    "a silver birch in the park turned gold overnight",
    "a wagtail on the fence this morning",
])
def test_the_tree_and_the_bird_stay_quiet(text, housing):
    assert "confidential.term" not in fired(text, WORK, housing)


def test_a_split_codename_is_blocked_with_its_reason(housing):
    finding = findings("Silver Birch is nearly done", WORK, housing)["confidential.term"]
    assert finding.severity is Severity.BLOCK
    assert "a space inside the name" in finding.message


# --- 9. the reader sent to book, call or download ------------------------------------------------

@pytest.mark.parametrize("text", [
    "If anyone needs a new boiler, Larchfield Repairs is honestly the place. Just call and ask "
    "for the heating team 👍",
    "A nova loja Larchfield já abriu! Marquem já pela app, ainda há vagas 😉",
    "no es por nada pero la app de Larchfield es lo más, bajadla ya",
    "Ihr sucht eine Wohnung? Kommt zu uns nach Larchfield, Besichtigung jeden Dienstag",
])
def test_the_reader_sent_to_the_employer_as_a_friends_tip_needs_a_disclosure(text, housing):
    found = fired(text, PERSONAL, housing)
    assert "persona.brand_promotion" in found
    assert found & {"disclosure.missing", "disclosure.insider_review"}


def test_the_employer_mentioned_beside_an_invitation_to_a_party_is_only_a_note(housing):
    found = fired("Long week at Larchfield, kommt vorbei to the party Saturday", PERSONAL,
                  housing)
    assert "persona.brand_promotion" not in found


# --- 10. reading, a ZIP code and things given away -----------------------------------------------

@pytest.mark.parametrize(("text", "account"), [
    ("Great explainer on why trains bunch up: https://bit.ly/3xTrain", PERSONAL),
    ("Cross-stitch pattern of a heron, free to download and print.", PERSONAL),
])
def test_reading_shared_and_a_thing_given_away_sell_nothing(text, account):
    assert not fired(text, account) & {"persona.promotion", "disclosure.missing"}


def test_a_zip_code_is_not_a_promo_code(newspaper):
    text = "The budget cuts hit hardest here, by ZIP code: tynesidebeacon.example"
    assert "disclosure.missing" not in fired(text, WORK, newspaper)


def test_a_free_thing_sold_in_a_shop_is_still_sold():
    assert "persona.promotion" in fired("Buy 2 get 1 free on all mugs in my shop until Sunday",
                                        PERSONAL)


# --- 11. from the development sets ---------------------------------------------------------------

@pytest.fixture
def club(tmp_path):
    return policy_from(tmp_path, 'version = 1\n[employer]\nname = "Tordera CF"\n'
                                 'aliases = ["Tordera"]\ndomains = ["torderacf.example"]\n'
                                 '[[partners]]\nname = "Velisca"\n'
                                 '[confidential]\nterms = ["Project Osprey"]\n')


@pytest.mark.parametrize("text", [
    "Je travaille pour le Tordera CF : la visite du stade existe enfin en français. "
    "torderacf.example",
    "Ich arbeite beim Tordera CF: Die Stadionführung gibt es jetzt auf Deutsch. "
    "torderacf.example",
    "Lavoro per il Tordera CF: il tour dello stadio ora è anche in italiano. torderacf.example",
])
def test_the_job_said_with_the_clubs_article_discloses_the_tie(text, club):
    assert not fired(text, PERSONAL, club) & {"disclosure.missing", "persona.brand_promotion"}


def test_a_call_to_apply_says_nothing_of_the_writer(club):
    text = "The new Tordera CF season card just dropped, zero fees, apply now!! link in bio"
    assert "disclosure.missing" in fired(text, PERSONAL, club)


def test_a_partnership_the_employer_signs_is_its_own_news(club):
    text = "Tordera CF and Velisca sign a partnership: bike racks at every gate from January."
    assert "disclosure.missing" not in fired(text, BRAND, club)


def test_a_partners_product_pitched_beside_the_partnership_is_still_an_ad(tmp_path):
    policy = policy_from(tmp_path, 'version = 1\n[employer]\nname = "Tordera CF"\n'
                                   '[[partners]]\nname = "Copperleaf Books"\n')
    text = "We're proud to partner with Copperleaf Books: order their new cookbook today"
    assert "disclosure.missing" in fired(text, BRAND, policy)


def test_a_codename_said_to_be_in_trials_is_the_project(club):
    assert "confidential.term" in fired("Osprey ya está en pruebas con 500 socios.", WORK, club)


@pytest.mark.parametrize(("text", "rule"), [
    ("Fundsache in Linie 4: bitte bei Kollege Jan melden, privat 0171 4432198.", "privacy.phone"),
    ("A passenger found your bag, ring her on 06 12 48 77 30 and she'll meet you.",
     "privacy.phone"),
    ("@marc if you missed the bus that's on you, not us. Learn to tell the time.",
     "conduct.insult"),
    ("Arbitro cornuto, vergognati!", "conduct.insult"),
    ("Los ultras de enfrente son todos unos maricones", "conduct.slur"),
    ("@kev stop whining, the outage is fixed", "conduct.insult"),
    ("Hört auf zu jammern, die Störung ist behoben.", "conduct.insult"),
])
def test_the_development_sets_lessons_fire(text, rule):
    assert rule in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "Dica: nunca partilhe o seu código por SMS. O banco nunca o pede.",
    "Babies calm down when you sing to them",
    "el bebé deja de llorar enseguida con esta nana",
])
def test_the_same_words_in_everyday_speech_stay_quiet(text):
    assert not fired(text, BRAND) & {"conduct.slur", "conduct.profanity"}


# --- 12. from avonmere's and versaline's misses --------------------------------------------------

@pytest.mark.parametrize(("text", "rule"), [
    ("Imagine being this thick. Fees are set by the government.", "conduct.insult"),
    ("@fan_22 🤡🤡🤡 imagine thinking we still do that", "conduct.insult"),
    ("Whoever booked the hall for exam week is a complete tool.", "conduct.insult"),
    ("If you'd read the email instead of whinging here you'd know.", "conduct.insult"),
    ("Keep harassing my students online and I'll come round and sort you out myself.",
     "conduct.insult"),
    ("Lesen Sie erst die Inhaltsstoffe, bevor Sie hier rumheulen.", "conduct.insult"),
    ("A chi scrive che testiamo sugli animali: informatevi, capre.", "conduct.insult"),
    ("Our bid was rejected by a panel of absolute b*llends", "conduct.profanity"),
    ("Happy 21st to our SU president! He's at home at 3 Park Row, BS1 5LJ tonight",
     "privacy.address"),
    ("Hi Mrs Roux, we've sent the replacement to 27 chemin des Oliviers, 06130 Grasse.",
     "privacy.address"),
    ("Well done Priya! Anyone wanting to congratulate her can reach her on 07700 900482",
     "privacy.phone"),
])
def test_avonmere_and_versaline_lessons_fire(text, rule):
    assert rule in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "POV: you're running the uni account from the maternity ward at 3am 👶",
    "Escrevo da maternidade: nasceu o nosso Tomás! As aulas de quinta ficam adiadas.",
])
def test_a_birth_and_a_ward_of_ones_own_are_personal_life(text):
    assert "persona.personal_life" in fired(text, WORK)


@pytest.mark.parametrize(("text", "quiet"), [
    ("Nos boutiques remplissent vos flacons de gel douche et de shampooing.", "conduct.insult"),
    ("Alcohol Awareness Week: free mocktails at the SU bar, plus tips for a safer night out",
     "persona.personal_life"),
])
def test_a_shower_and_a_drink_awareness_week_stay_quiet(text, quiet):
    assert quiet not in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "Je travaille à l'université Larchfield et je suis fière de notre programme de bourses",
    "Ich arbeite an der Larchfield Universität, am Samstag ist Tag der offenen Tür",
])
def test_the_job_said_before_the_kind_of_place_discloses_the_tie(text, tmp_path):
    policy = policy_from(tmp_path, 'version = 1\n[employer]\nname = "Larchfield"\n')
    assert not fired(text, PERSONAL, policy) & {"disclosure.missing", "persona.brand_promotion"}


def test_a_tag_that_only_says_the_tie_is_no_pitch(tmp_path):
    policy = policy_from(tmp_path, 'version = 1\n[employer]\nname = "Versola"\n'
                                   '[disclosure]\naccepted = ["#EquipeVersola"]\n')
    text = "#EquipeVersola so obviously I'm biased, but the refill stations make me proud"
    assert "persona.promotion" not in fired(text, PERSONAL, policy)


def test_research_begun_with_a_partner_is_the_employers_news(tmp_path):
    policy = policy_from(tmp_path, 'version = 1\n[employer]\nname = "Avonbridge University"\n'
                                   '[[partners]]\nname = "Quayside Hospital"\n')
    text = ("We're proud to begin a five-year dementia research programme with Quayside "
            "Hospital, funded by the NIHR.")
    assert "disclosure.missing" not in fired(text, BRAND, policy)


# --- 13. from cierzo's and tamarack's misses -----------------------------------------------------

@pytest.mark.parametrize(("text", "rule"), [
    ("@dani if you can't be bothered to read a contract, that's on you mate.", "conduct.insult"),
    ("Some of you are genuinely too thick to restart a router.", "conduct.insult"),
    ("Wer zu blöd ist, den Router neu zu starten, braucht einen Babysitter.", "conduct.insult"),
    ("@tiago já explicámos três vezes, mas pelos vistos ler não é o seu forte.",
     "conduct.insult"),
    ("@ruben menudo flipao, primero no paga y luego se queja", "conduct.insult"),
    ("Leute, die nachts wegen Schnupfen anrufen: echt jetzt, ihr Pfeifen?", "conduct.insult"),
    ("aos segurados que ameaçam as nossas enfermeiras: sabemos onde vocês moram",
     "conduct.insult"),
    ("Our shop is not a place for g*psy scammers.", "conduct.slur"),
    ("Sr. Manuel, já registámos o seu novo contacto 913 574 208.", "privacy.phone"),
    ("Lost phone handed in — whoever owns the number +44 7911 203486, come and collect it!",
     "privacy.phone"),
    ("Member Jan called to thank us — her oncologist at 612-555-0148 helped a lot.",
     "privacy.phone"),
    ("@n_h we can see the account holder is Nathan Hughes, at 27 Ravenswood Close, Stockport "
     "SK4 2BT", "privacy.address"),
])
def test_cierzo_and_tamarack_lessons_fire(text, rule):
    assert rule in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "Désolée pour le retard, mon mec m'a quittée hier et j'ai passé la nuit à pleurer",
    "Je vous avoue que je suis en pleine fécondation in vitro, alors pardon pour les délais",
])
def test_a_break_up_and_ivf_in_french_are_personal_life(text):
    assert "persona.personal_life" in fired(text, WORK)


@pytest.mark.parametrize("text", [
    "Use my referral link to join Larchfield Lettings and we both get £25",
    "¿Buscas piso? Larchfield es lo mejor. Escríbeme y te consigo una visita hoy",
    "A app da Larchfield é a melhor de todas, instalem já!",
])
def test_a_plug_with_a_referral_or_a_call_to_write_needs_a_disclosure(text, housing):
    assert "disclosure" in {rule.split(".")[0] for rule in fired(text, PERSONAL, housing)}


def test_proud_to_join_still_says_the_tie(housing):
    assert "disclosure.missing" not in fired("Proud to join Larchfield Homes as a housing officer!",
                                             PERSONAL, housing)


# --- 14. from belfroi's and ambrey's misses ------------------------------------------------------

@pytest.mark.parametrize(("text", "rule"), [
    ("Franchement, si vous êtes trop con pour scanner un code-barres, restez chez vous.",
     "conduct.insult"),
    ("Sir, with all due respect, your comment is the dumbest thing we've read all week.",
     "conduct.insult"),
    ("@breeze_kay lol ok 🤡", "conduct.insult"),
    ("Wer bei uns klaut, den finden wir. Und dann wird's richtig ungemütlich.", "conduct.insult"),
    ("@klaus_b Ihre neue Karte geht an Kastanienallee 41, 10435 Berlin.", "privacy.address"),
])
def test_belfroi_and_ambrey_lessons_fire(text, rule):
    assert rule in fired(text, BRAND)


def test_a_partner_named_by_its_short_name_is_the_partner(tmp_path):
    policy = policy_from(tmp_path, 'version = 1\n[employer]\nname = "Ambleside Foods"\n'
                                   '[[partners]]\nname = "Tessaly Farms"\n')
    text = "O iogurte Tessaly é simplesmente o melhor do mercado, comprem!"
    assert "disclosure" in {rule.split(".")[0] for rule in fired(text, PERSONAL, policy)}


def test_an_ad_label_readers_see_beside_nothing_else_is_a_note(tmp_path):
    policy = policy_from(tmp_path, 'version = 1\n[employer]\nname = "Ambleside Foods"\n')
    found = findings("Petit-déjeuner avec un yaourt à la vanille 🍓 #publicité", PERSONAL, policy)
    assert found["persona.promotion"].severity is Severity.INFO


def test_a_sponsored_teams_win_on_the_brand_account_shows_its_label(tmp_path):
    policy = policy_from(tmp_path, 'version = 1\n[employer]\nname = "Belvaux Bank"\n'
                                   '[[partners]]\nname = "Team Lys"\nhashtags = ["#AllezLys"]\n'
                                   '[disclosure]\nregion = "fr"\n')
    text = "Victoire de la Team Lys au Grand Prix de Denain 🏆 #AllezLys #partenariat"
    assert "disclosure.buried" not in fired(text, BRAND, policy)


def test_a_partners_product_praised_on_the_brand_account_still_wants_its_label_first(tmp_path):
    policy = policy_from(tmp_path, 'version = 1\n[employer]\nname = "Belvaux Bank"\n'
                                   '[[partners]]\nname = "Torvex"\n'
                                   '[disclosure]\nregion = "uk"\naccepted = ["#ad"]\n')
    text = "Loving this backyard makeover with Torvex 20V tools! Tutorial in stories. #ad"
    assert "disclosure.buried" in fired(text, BRAND, policy)


# --- 15. from switchback's and xesteira's misses -------------------------------------------------

@pytest.mark.parametrize("text", [
    "Also, I sell my own handmade chalk bags on Etsy now! 20% off this weekend with code CHALK20",
    "Shameless plug: my personal photography prints are for sale, use code SNOWY for free "
    "shipping",
    "hey Denver! my husband's food truck is outside the gym all weekend, 10% off if you mention us",
])
def test_ones_own_or_a_relatives_sideline_on_the_brand_account_is_promotion(text, housing):
    assert "persona.promotion" in fired(text, BRAND, housing)


@pytest.mark.parametrize("text", [
    "The 2-for-1 deal at the farmers market on peaches is dangerous. Bought 12 lbs.",
    "The sales at the mall were unreal, got the kids' snow boots for half price",
])
def test_a_deal_the_writer_took_is_a_story(text):
    assert not fired(text, PERSONAL) & {"persona.promotion", "disclosure.missing"}


@pytest.mark.parametrize("text", [
    "Je vends mes bougies faites main, 12€ pièce, livraison offerte dès 3 achetées. "
    "Commandes en MP !",
    "Bought too many candles, so: 2-for-1 on all of them this weekend, DM me",
])
def test_a_deal_still_offered_is_still_sold(text):
    assert "persona.promotion" in fired(text, PERSONAL)


@pytest.mark.parametrize("text", [
    "Our plant in Lugo is at Polígono do Ceao, Rúa da Industria 12. Visitors sign in at gate 2.",
    "Our London office moved: 1 Example Street, London EC1A 1AA. Same team, bigger kitchen.",
])
def test_the_organisations_own_site_is_no_ones_home(text):
    assert "privacy.address" not in fired(text, WORK)


@pytest.mark.parametrize(("text", "rule"), [
    ("Our athlete Mia is recovering at home — send cards to 58 Aspen Way, Aspen CO 81611",
     "privacy.address"),
    ("Day 3 of chemo. Hair's going but the spirit isn't. Thanks for the flowers, team",
     "persona.personal_life"),
    ("Nos vemos el sábado en el Pazo con mi peque, que cumple 5 añitos 🎂",
     "persona.personal_life"),
])
def test_switchback_and_xesteira_lessons_fire(text, rule):
    assert rule in fired(text, WORK)


def test_a_teased_codename_named_before_project_is_the_project(housing):
    text = "Can't share details, but the wagtail project is moving fast 🐾 Stay tuned"
    assert "confidential.term" in fired(text, WORK, housing)
