"""Seventeenth round: what eleven unseen sets of the sixteenth round (read after their untouched
figures were taken) showed the check missing, made general. Examples of our own in six
languages, each beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.check.privacy import is_mobile_number
from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import findings, fired

BRAND = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
PERSONAL = CheckTarget(Network.FACEBOOK, Persona.PERSONAL)


# --- 1. a mobile number on the brand's account is someone's phone --------------------------------

@pytest.mark.parametrize(("number", "language", "mobile"), [
    ("0151 23456789", "de", True),
    ("07700 900123", "en", True),        # Ofcom's drama range: a mobile by its shape
    ("912 345 678", "pt", True),         # a Portuguese mobile ...
    ("912 345 678", "es", False),        # ... and a Madrid landline
    ("347 123 4567", "it", True),
    ("020 7946 0000", "en", False),
    ("0221 9876 5400", "de", False),
])
def test_a_number_is_read_in_the_country_of_the_posts_language(number, language, mobile):
    assert is_mobile_number(number, language) is mobile


@pytest.mark.parametrize("text", [
    "Anyone who found the keys of our barista Priya: please ring 07700 900214, thanks!",
    "Wer den Rucksack von unserer Kassiererin Mia gefunden hat, bitte unter 0160 98765432 melden.",
    "Si alguien encontró la cartera de nuestro repartidor Iker, que llame al 622 418 907.",
    "Quem encontrou os óculos da nossa rececionista Joana, ligue para 936 221 480.",
    "Chi ha trovato il telefono del nostro cuoco Marco lo chiami al 348 772 1093, grazie",
    "Frau Yilmaz, Ihr Paket ist da. Wir erreichen Sie leider nicht unter 0176 55501234.",
    "Mr Hughes, we have you down as 07700 900582, please call the branch back.",
])
def test_a_mobile_the_brand_does_not_give_as_its_own_is_someones(text):
    assert "privacy.phone" in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "Questions about your order? WhatsApp us on 07700 900214, we reply within the hour.",
    "¿Dudas con tu reserva? Escríbenos al WhatsApp 622 418 907.",
    "Fragen zur Lieferung? Ruft uns an unter 0160 98765432.",
    "Para encomendas, o nosso WhatsApp é 936 221 480.",
    "Per prenotazioni chiamateci al 348 772 1093.",
    "Lost property? Call the station office on 0117 496 0000.",
    "Notre service client est joignable au 02 99 00 00 00.",
])
def test_the_brands_own_line_is_still_only_a_note(text):
    result = findings(text, BRAND)
    assert "privacy.phone" not in fired(text, BRAND)
    assert "privacy.phone" in result  # shown as an organisation's number, for a second look


# --- 2. whose address it is, said around it ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Found in aisle 4: a purse belonging to Alice Brown, 17 Mill Lane, Bath. Please pass it on!",
    "Well done to the Okoro family at 8 Beech Grove, winners of our raffle!",
    "Get-well cards can go to him at home, 22 Rowan Road, Leeds LS6 3AB",
    "Owner is Mr K. Patel, 40 Elm Street, can anyone reach him?",
    "Mme Garnier, adresse de livraison confirmée : 9 rue des Lilas, 44000 Nantes.",
    "Sr. Molina, dirección de entrega confirmada: Calle Mayor 12, 3ºA, Zaragoza.",
])
def test_an_address_said_to_be_a_persons_is_private_on_the_brands_account(text):
    assert "privacy.address" in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "Our new shop opens Saturday at 17 Mill Lane, Bath. Come and say hello!",
    "The family day is at our depot, 8 Beech Grove, from 10 till 4.",
    "Make yourself at home at The Crown, 52 High Street, open till late.",
])
def test_a_venue_address_is_still_only_a_note(text):
    assert "privacy.address" not in fired(text, BRAND)


# --- 3. threats said as what will happen, put-downs without swear words --------------------------

@pytest.mark.parametrize("text", [
    "Whoever keeps stealing trolleys from the Leeds branch will regret it, I promise.",
    "To the guy who spat at our guard: you're going to pay for that one way or another.",
    "Shout at my cashiers again and I'll drag you out by the collar myself. Final warning.",
    "@trollface99 last warning. Keep posting her address and see what happens.",
    "We know your faces now. Think twice before you come back.",
    "Push one of our drivers again and you'll find out how far we're willing to go.",
    "Al que rayó la furgoneta: lo vas a pagar.",
    "Celui qui a volé la caisse, ça va mal finir pour toi.",
    "Wer unsere Fahrer anpöbelt, dem machen wir die Hölle heiß.",
    "Quem riscou o carro vai-se arrepender.",
    "Go back under whatever rock you crawled out from.",
    "Imagine being so bitter you review a bakery at 3am.",
    "Reply to Dean: people like you give the rest of the town a bad name.",
    "The a-hole who blocked the loading bay all morning: we have the plate.",
    "To the tw@ts throwing bottles at the bus stop: grow up.",
])
def test_threats_and_put_downs_on_the_brands_account(text):
    assert fired(text, CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)) & {
        "conduct.insult", "conduct.profanity", "conduct.slur"}


@pytest.mark.parametrize("text", [
    "Try the new menu this weekend, you won't regret it!",
    "Pruébalo este fin de semana, no te vas a arrepentir.",
    "Experimente já, não se vai arrepender.",
    "Last warning: the winter sale ends tonight at midnight!",
    "You'll regret missing this one — tickets on sale Friday.",
    "We found your lost umbrella at the Bath branch, come and grab it.",
    "Our survey found you want longer opening hours, so from Monday we open at 7.",
    "Great to see the team touching grass at the company picnic!",
    "Rumours give a brand a bad name; here are the facts about our recall.",
])
def test_their_everyday_look_alikes_are_not_conduct(text):
    assert not fired(text, CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)) & {
        "conduct.insult", "conduct.profanity", "conduct.slur"}


# --- 4. personal life of the writer or a colleague on the brand's account ------------------------

@pytest.mark.parametrize("text", [
    "Social media manager here, just back from the IVF clinic, replies are slow.",
    "Priya from customer service is pregnant with her second! Happy Monday everyone.",
    "Notre rédactrice est à l'hôpital pour sa chimio, merci de votre patience.",
    "Our night editor's boyfriend dumped her over text, so be gentle in the replies today.",
    "Hoy el equipo está triste: a Lucía la ha dejado el novio por WhatsApp.",
    "A nossa estagiária levou um pé na bunda ontem, hoje só posts tristes.",
    "Mein Freund und ich haben uns getrennt, deshalb war ich kaum erreichbar.",
    "Scusate il silenzio, mi sono appena sposata! Torno lunedì.",
    "Hoje descobri que vou ser mãe, ainda estou a processar tudo.",
    "Sorry for the slow replies, I'm at the vet with our dog Bramble.",
    "Il nostro centrocampista salterà la partita: è in clinica per problemi di alcol.",
    "Fim de semana de copos com as amigas, ainda estou a recuperar.",
])
def test_the_writers_or_a_colleagues_private_life_on_the_brands_account(text):
    assert "persona.personal_life" in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    "Pregnancy vitamins: what the evidence says, explained by our pharmacists.",
    "Our rehab unit at the Leeds clinic now takes weekend referrals.",
    "Our HR team has put together a guide for expecting staff: maternity leave, rotas, pay.",
    "Behind the scenes with our physio team: hours of prehab before every matchday.",
    "Bring your dog to the vet for its yearly check-up, book online.",
    "Nuestro servicio de apoyo ayuda a personas con problemas de alcohol, llama al 900 000 000.",
])
def test_the_organisations_own_care_and_advice_is_not_anyones_private_life(text):
    assert "persona.personal_life" not in fired(text, BRAND)


def test_every_branch_of_a_pattern_is_looked_for():
    """A pattern of several top-level branches is run when any branch's first word is in the
    draft, not only the first branch's (a bug that hid 'bin seit gestern Single')."""
    from app.check.lexicons import pattern_triggers

    assert pattern_triggers(r"\b(?:haben|hatten)\s+uns\s+getrennt\b|\bbin\s+single\b") == {
        "haben", "hatten", "bin"}
    assert pattern_triggers(r"\bfoo\s+bar|(?:x|y)z") is None
    assert "persona.personal_life" in fired("Bin seit gestern Single, sorry.", WORK)


# --- 5. staff praise of the employer that ranks it, on a personal account ------------------------

@pytest.fixture
def bakery(tmp_path):
    from tests.check.rounds import policy_from

    return policy_from(tmp_path, 'version = 1\n[employer]\nname = "Crumbwell Bakery"\n'
                                 'aliases = ["Crumbwell", "@crumbwell"]\n'
                                 '[disclosure]\nregion = "us"\n'
                                 'accepted = ["#ad", "#CrumbwellTeam"]\n')


@pytest.mark.parametrize("text", [
    "Honestly nothing beats the sourdough at Crumbwell.",
    "Crumbwell's cinnamon buns are elite. No notes.",
    "the @crumbwell app > every other bakery app",
    "sans vouloir faire de pub, le pain de Crumbwell est imbattable",
    "Crumbwell >>> every other bakery on the block, just facts #notsponsored",
])
def test_a_fans_verdict_on_the_employers_product_needs_the_tie_said(text, bakery):
    assert "disclosure.insider_review" in fired(text, PERSONAL, bakery)


@pytest.mark.parametrize("text", [
    "Crumbwell has the best croissants in town, go early.",
    "Le pain de Crumbwell est le meilleur de la ville.",
    "O pão da Crumbwell é o melhor da cidade.",
    "El pan de Crumbwell es el mejor de la ciudad.",
    "Das Brot von Crumbwell ist das beste der Stadt.",
])
def test_the_employers_product_set_above_its_place_is_promotion(text, bakery):
    assert {"persona.brand_promotion", "disclosure.missing"} <= fired(text, PERSONAL, bakery)


@pytest.mark.parametrize("text", [
    "Crumbwell is the best employer in town, five years and counting.",
    "Best day in years: the Crumbwell team won the charity quiz!",
    "Had the best weekend in the world, no bakery talk at all.",
])
def test_a_workplace_or_a_day_ranked_is_not_a_product_verdict(text, bakery):
    assert not fired(text, PERSONAL, bakery) & {"disclosure.missing",
                                                "disclosure.insider_review"}


def test_a_verdict_beside_a_code_is_an_ad_first(bakery):
    text = "Crumbwell's rye is elite, use code RYE10 for 10% off"
    assert "disclosure.missing" in fired(text, PERSONAL, bakery)


# --- 6. one's own scheme on a work account, friends' tips on a personal one ---------------------

@pytest.fixture
def pharma(tmp_path):
    from tests.check.rounds import policy_from

    return policy_from(tmp_path, 'version = 1\n[employer]\nname = "Quellwerk Pharma"\n'
                                 'aliases = ["Quellwerk", "Nasiva"]\n'
                                 '[disclosure]\nregion = "de"\naccepted = ["#Werbung"]\n')


@pytest.mark.parametrize("text", [
    "Looking for 4 driven mums who want extra income from home. No experience needed, DM me!",
    "Ask me how I make an extra £1,500 a month from my phone 💸 join my team",
    "Busco 3 personas para unirse a mi equipo, ingresos extra desde casa. Escríbeme.",
    "Je donne des cours de guitare le week-end, 25 € de l'heure, MP si intéressé.",
    "Tô vendendo bolo de pote pro Natal, me chama no zap!",
])
def test_ones_own_scheme_or_sale_on_a_work_account_is_promotion(text, pharma):
    assert "persona.promotion" in fired(text, WORK, pharma)


@pytest.mark.parametrize("text", [
    "We're hiring! Join my team at Quellwerk as a data analyst, apply on our careers page.",
    "Ask me how we cut our lab's energy use by a third, happy to share the playbook.",
])
def test_hiring_for_the_employer_is_not_ones_own_scheme(text, pharma):
    assert "persona.promotion" not in fired(text, WORK, pharma)


@pytest.mark.parametrize("text", [
    "Nasiva Nasenspray, ehrlich. Holt's euch, ihr werdet mir danken 🍋",
    "O Nasiva é o único que me desentope o nariz. Fica a dica!",
    "Probad el Nasiva y ya me contaréis 😉",
    "Nasiva pour le rhume, faites-vous plaisir.",
    "Nasiva contro il raffreddore: prendetelo e basta.",
    "Nasiva for colds, run don't walk.",
])
def test_a_friends_tip_to_get_the_employers_product_is_promotion(text, pharma):
    assert {"persona.brand_promotion", "disclosure.missing"} <= fired(text, PERSONAL, pharma)


@pytest.mark.parametrize("text", [
    "Can't wait for the Christmas party, I'll be the one dancing on the table.",
    "Some news: a little one on the way in June 👶",
    "Long week. The little one is back on the children's ward. Grateful for the nurses.",
    "Wählt am Sonntag bloß nicht diese Partei!",
    "Este domingo votad contra el alcalde, por favor.",
])
def test_more_personal_life_on_a_work_account(text):
    assert "persona.personal_life" in fired(text, WORK)


@pytest.mark.parametrize("text", [
    "What a stupid question 🙄 read the label, mate.",
    "Faut vous faire un dessin ? C'est écrit sur la boîte.",
    "Lê a bula, criatura.",
    "Ma ci siete o ci fate? È scritto sulla confezione.",
])
def test_a_customer_talked_down_to(text):
    assert "conduct.insult" in fired(text, CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER))


@pytest.mark.parametrize("text", [
    "There's no such thing as a stupid question: ask our pharmacists anything.",
    "Our new leaflet: learn to read a food label in five minutes.",
    "The table tennis final is tonight, come and cheer!",
])
def test_their_look_alikes_stay_quiet(text):
    assert not fired(text, CheckTarget(Network.X, Persona.WORK, Owner.EMPLOYER)) & {
        "conduct.insult", "persona.personal_life"}


# --- 7. false alarms on the read sets, made general ---------------------------------------------

@pytest.mark.parametrize("text", [
    "After six years on the payments team at Quellwerk, I'm moving to a new role in data.",
    "Nach vier Jahren im Vertriebsteam bei Quellwerk wechsle ich ins Marketing. Danke euch!",
])
def test_time_served_in_a_team_states_the_job(text, pharma):
    assert not fired(text, CheckTarget(Network.LINKEDIN, Persona.PERSONAL), pharma) & {
        "persona.promotion", "persona.brand_promotion", "disclosure.missing"}


@pytest.mark.parametrize("text", [
    "Liebe Frau P., das tut uns sehr leid! Schreiben Sie uns bitte eine Nachricht, wir helfen.",
    "Zu Risiken und Nebenwirkungen lesen Sie die Packungsbeilage und fragen Sie Ihre Ärztin.",
    "Behind the scenes at our Leeds depot: the people who make sure your parcel arrives.",
])
def test_care_and_behind_the_scenes_are_not_hostile(text):
    assert "conduct.insult" not in fired(text, BRAND)


@pytest.fixture
def toys(tmp_path):
    from tests.check.rounds import policy_from

    return policy_from(tmp_path, 'version = 1\n[employer]\nname = "Lumo Toys"\n'
                                 'aliases = ["Lumo"]\n[[partners]]\nname = "Kettle & Co"\n'
                                 'domains = ["kettleco.example"]\n'
                                 '[disclosure]\nregion = "uk"\naccepted = ["#ad"]\n')


@pytest.mark.parametrize("text", [
    "Together with Kettle & Co, this winter we're giving a game to every children's ward.",
    "En colaboración con Kettle & Co: noches de juegos cada jueves en su local de Ruzafa.",
])
def test_a_partnership_the_brand_states_itself_is_its_news(text, toys):
    assert "disclosure.missing" not in fired(text, BRAND, toys)


def test_the_partners_own_link_still_makes_it_the_partners_ad(toys):
    text = "Together with Kettle & Co: switch today and save, kettleco.example/switch"
    assert fired(text, BRAND, toys) & {"disclosure.missing", "disclosure.unclear"}


def test_a_family_game_is_a_product(toys):
    text = "I work at Lumo Toys and today we launched our family game for kids aged 5+."
    assert "persona.personal_life" not in fired(text, WORK, toys)


@pytest.mark.parametrize("text", [
    "Notre bilan RSE : -18 % de déchets alimentaires en un an.",
    "Sustainability report: -30% of emissions since 2020.",
])
def test_a_fall_in_what_a_report_counts_is_no_discount(text):
    assert "disclosure.missing" not in fired(text, WORK)


def test_a_price_cut_written_alone_is_still_one():
    assert "persona.promotion" in fired("Vols à -40 % ce week-end seulement !", PERSONAL)


# --- 8. a codename's own word, hidden or made a study -------------------------------------------

@pytest.fixture
def birds(tmp_path):
    from tests.check.rounds import policy_from

    return policy_from(tmp_path, 'version = 1\n[employer]\nname = "Acme"\n'
                                 '[confidential]\nterms = ["Project Reiher"]\n')


@pytest.mark.parametrize(("text", "severity"), [
    ("Der R3iher fliegt bald, Leute 🐦", "block"),
    ("(R e i h e r) kommt nächstes Jahr", "block"),
    ("Reiher-Studie: die ersten Daten sehen gut aus", "warn"),
])
def test_a_codenames_word_hidden_or_studied_is_the_codename(text, severity, birds):
    found = findings(text, WORK, birds).get("confidential.term")
    assert found is not None and found.severity.value == severity


@pytest.mark.parametrize("text", [
    "Ein Reiher am Teich heute Morgen, wunderschön.",
    "Reiher und Störche zählen: tolle Daten von der Vogelwarte.",
])
def test_the_bird_itself_is_not_the_codename(text, birds):
    assert "confidential.term" not in fired(text, WORK, birds)
