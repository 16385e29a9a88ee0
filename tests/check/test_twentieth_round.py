"""Twentieth round: what the unseen sets of a mattress maker, a theatre group, a Spanish gym
chain, a German insurer and a French supermarket showed the check missing (read after their
untouched figures were taken), made general. Examples of our own in six languages, each beside
the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import findings, fired, policy_from

BRAND = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
PERSONAL = CheckTarget(Network.INSTAGRAM, Persona.PERSONAL)

PACK = """version = 1
[employer]
name = "Orla Foods"
aliases = ["Orla", "Orla Deli", "Orla Kitchen"]
domains = ["orlafoods.example"]
[[partners]]
name = "Vinhos Serrado"
aliases = ["Serrado"]
domains = ["serrado.example"]
"""


@pytest.fixture
def grocer(tmp_path):
    return policy_from(tmp_path, PACK)


# --- 1. the strongest praise of a brand is an endorsement, whatever the meaning layer reads ---

@pytest.mark.parametrize("text", [
    "Honestly the best deli counter in Bristol is Orla Deli. Fresh every morning.",
    "Orla Kitchen is the best thing to happen to my lunch break all year.",
    "La mejor empanada de la ciudad está en Orla Deli, sin discusión.",
    "Le meilleur rayon traiteur de Nantes, c'est Orla Deli.",
    "Die beste Feinkosttheke der Stadt hat Orla Deli.",
    "Il miglior vino della casa è quello di Vinhos Serrado.",
])
def test_a_superlative_of_the_brand_is_an_undisclosed_endorsement(text, grocer):
    assert {"persona.brand_promotion", "disclosure.missing"} <= fired(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    # the praise is for something else, in another sentence
    "Lunch from Orla Deli on the bench. Best weather we've had all month.",
    # a workplace, not a product
    "After my shift at Orla Deli I had the best nap of my life.",
    # asking, not praising
    "Is Orla Deli any good? Friends say the best sandwiches are at the market.",
])
def test_praise_that_is_not_for_the_brand_stays_a_mention(text, grocer):
    assert "disclosure.missing" not in fired(text, PERSONAL, grocer)


# --- 2. praise and pitches in the other languages -------------------------------------------

@pytest.mark.parametrize("text", [
    "As empadas da Orla Deli são perfeitas! 💛",
    "Orla Kitchen ist einfach der Hammer 🔥",
    "Preise bei Orla Deli: unschlagbar. Unbedingt vorbeischauen!",
    "Vous avez besoin de ce houmous dans votre vie. Orla Deli, rayon frais.",
    "Os hace falta este queso en vuestra vida. Orla Deli, pasillo 3.",
    "Tenéis que probar el pan de Orla Kitchen. Después me lo agradecéis 😉",
    "Orla Deli: ihr werdet mir später danken.",
    "Orla Kitchen's new app is miles better than the old one, download it.",
])
def test_praise_and_pitches_in_six_languages_are_promotion(text, grocer):
    assert "persona.brand_promotion" in fired(text, PERSONAL, grocer)


# --- 3. one's own trade beside the job, on a work account ------------------------------------

@pytest.mark.parametrize("text", [
    "Alongside my day job I build custom keyboards. Two slots left this month, DM me for prices.",
    "Quick plug: I also run a dog-walking business in Clifton. Now taking bookings!",
    "I photograph weddings at weekends. Diary's open for next summer if you know anyone.",
    "Además de mi trabajo, los fines de semana preparo tartas por encargo. Si os interesa, "
    "escribidme.",
    "En parallèle de mon poste, je me lance comme illustratrice. Quelques dates encore "
    "disponibles, contactez-moi !",
    "Neben meinem Beruf nähe ich Taschen. Link im Profil, ich versende deutschlandweit.",
    "Ao fim de semana faço bolos por encomenda 🎂 Encomendas por DM.",
    "Le week-end je peins des aquarelles, quelques toiles encore dispo, lien en bio.",
])
def test_a_trade_of_ones_own_on_a_work_account_is_a_pitch_and_private_life(text, grocer):
    assert {"persona.promotion", "persona.personal_life"} <= fired(text, WORK, grocer)


@pytest.mark.parametrize("text", [
    # the job itself, with its hours and a booking link
    "Our Clifton kitchen is now taking bookings for Christmas parties: orlafoods.example/xmas",
    "On weekends the deli opens at 9. Come and say hi.",
])
def test_the_employers_own_bookings_are_not_a_side_trade(text, grocer):
    assert "persona.personal_life" not in fired(text, BRAND, grocer)


def test_ones_own_candles_on_a_personal_account_need_no_disclosure(grocer):
    text = "Restocked my hand-poured beeswax candles 🕯️ link in bio, orders ship Monday!"
    rules = fired(text, PERSONAL, grocer)
    assert "persona.promotion" in rules
    assert not any(rule.startswith("disclosure") for rule in rules)


# --- 4. health, a baby, sobriety, faith and votes said indirectly ----------------------------

@pytest.mark.parametrize("text", [
    "My sertraline dose changed this week, so bear with me if I'm slow on email.",
    "Taking a couple of weeks off for a minor operation. Back on the 14th.",
    "Sending love to Priya, who starts her treatment next week. We're with you.",
    "Cycle 3 of 6 done 💪 thanks for covering my shifts, team.",
    "Zyklus 4 von 6 geschafft. Danke fürs Einspringen!",
    "Scans came back clear. Back at my desk on Monday!",
    "Mes cheveux repoussent et l'énergie revient. Retour au bureau lundi.",
    "Seit meiner Diagnose war es ein langes Jahr.",
    "Esta semana he estado KO con fiebre, perdonad el retraso.",
    "Growing a little human, so forgive the extra coffee breaks 🤰",
    "En junio llega alguien muy pequeñito a casa 👶",
    "Ab Herbst sind wir zu viert 🍼",
    "Nous serons quatre en mai 💛",
    "Maria from accounts is expecting twins! 👶👶",
    "Three espresso martinis on a Tuesday was a choice 💀",
    "Negronis: too many. Sleep: none.",
    "Ich wähle diesmal die Linke, und ihr?",
    "Manif contre la loi demain midi, venez nombreux ✊",
    "Salgo de costalero otra vez este Jueves Santo 🙏",
])
def test_private_life_said_indirectly_on_a_work_account(text, grocer):
    assert "persona.personal_life" in fired(text, WORK, grocer)


@pytest.mark.parametrize("text", [
    # pregnancy as the customers' subject, on the brand's account
    "Pregnancy pillow FAQ: yes, the cover is machine washable.",
    "Si estás embarazada, consulta con tu matrona antes de cambiar de dieta.",
    # work senses of drinking words
    "The drunk porter scene always gets the biggest laugh.",
    "CSS hangover from yesterday's release: 300 lines to tidy.",
    "Wir haben Rauschbrillen für den Workshop zur Verkehrssicherheit ausgeliehen.",
    # a range, not a family
    "Our family of courses keeps growing: pastry, bread and knife skills.",
    # a wine buyer's job
    "Chef de rayon, je prépare la foire aux vins : 1 200 bouteilles dégustées avec l'équipe.",
])
def test_work_senses_of_private_words_stay_quiet(text, grocer):
    assert "persona.personal_life" not in fired(text, BRAND, grocer)


# --- 5. threats and put-downs without swear words; masked swearing --------------------------

@pytest.mark.parametrize("text", [
    "Al que nos rayó el coche: le vamos a romper las piernas.",
    "Celui qui a volé nos vélos, je lui casse la gueule.",
    "Ojalá se le pinchen las ruedas al que aparca en nuestra entrada.",
    "Hoffentlich fährst du bald gegen einen Baum, du Drängler.",
    "Whoever keyed the van: I'll slash your tyres too.",
    "Certain suppliers should go back to nursery school.",
    "Manche Lieferanten haben das Hirn einer Stubenfliege.",
])
def test_threats_and_put_downs_are_insults(text, grocer):
    assert "conduct.insult" in fired(text, BRAND, grocer)


@pytest.mark.parametrize("text", [
    "Schei$$-Montag, der Server ist schon wieder down.",
    "Ma vaff***o, la cassa non funziona.",
    "This f-ing printer again.",
])
def test_swearing_masked_with_signs_is_profanity(text, grocer):
    assert "conduct.profanity" in fired(text, BRAND, grocer)


@pytest.mark.parametrize("text", [
    "The brain of an octopus is spread across its arms: new exhibit opens Friday.",
    "Back to school: our lunchbox range is in store now.",
    "We hope you get home safe tonight, the roads are icy.",
])
def test_near_misses_of_threats_stay_quiet(text, grocer):
    assert not any(rule.startswith("conduct") for rule in fired(text, BRAND, grocer))


# --- 6. fewer false alarms -------------------------------------------------------------------

def test_a_customer_care_job_is_no_customers_review(grocer):
    text = "As a customer success lead at Orla Foods, my favourite part of the job is the notes."
    assert not {"disclosure.insider_review", "disclosure.missing"} & fired(text, WORK, grocer)


def test_a_customers_framing_is_still_an_insider_review(grocer):
    text = "As a customer for ten years, I recommend the Orla Deli lasagne to everyone."
    assert "disclosure.insider_review" in fired(text, PERSONAL, grocer)


def test_get_it_fast_is_everyday_speech(grocer):
    text = "Get it right, then get it fast. Running a kitchen taught me that."
    assert not any(rule.startswith("disclosure") for rule in fired(text, WORK, grocer))


# --- 7. privacy: desks, times and venues ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "¿Dudas con tu cuota? Escríbenos a socios@orlafoods.example",
    "Accessibility questions? We're on access@orlafoods.example.",
    "Problemi con l'ordine? Scrivi a clienti@orlafoods.example",
])
def test_a_desk_mailbox_on_the_employers_domain_is_no_private_address(text, grocer):
    assert "privacy.email" not in fired(text, BRAND, grocer)


def test_a_persons_mailbox_on_the_employers_domain_still_is(grocer):
    text = "Questions? Write to maria.lopez@orlafoods.example"
    assert "privacy.email" in fired(text, BRAND, grocer)


@pytest.mark.parametrize("text", [
    "Rassemblement demain 14h place Bellecour, venez nombreux.",
    "Concentración a las 19:00 desde la plaza Mayor.",
    "Lunch pick: Rosa's Taqueria, 410 Elm St. Get the al pastor.",
    "Showroom Saturday! Come say hi at 85 Water Street, the coffee's on us.",
])
def test_a_time_or_a_venue_is_no_home_address(text, grocer):
    assert "privacy.address" not in fired(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "Housewarming Saturday! 14 Elm Street, ring the top bell.",
    "Kommt vorbei zur Einweihung: Lindenstraße 12, 2. OG.",
])
def test_a_home_address_is_still_one(text, grocer):
    assert "privacy.address" in fired(text, PERSONAL, grocer)


# --- 8. later in the round: partners named, homes handed over, referral paths, the moment ----

def test_the_brand_naming_its_partner_as_such_is_open_about_it(grocer):
    text = "Avec notre partenaire Vinhos Serrado, dégustation gratuite samedi dans nos épiceries."
    assert "disclosure.missing" not in fired(text, BRAND, grocer)


def test_a_partners_offer_unnamed_as_one_still_needs_a_label(grocer):
    text = "Vinhos Serrado: two bottles for £15 this weekend, serrado.example"
    assert "disclosure.missing" in fired(text, BRAND, grocer)


def test_a_clients_new_home_is_a_private_address(grocer):
    text = "Keys handed over to the happy Novak family at 14 Elm Grove this morning! Welcome home"
    assert "privacy.address" in fired(text, WORK, grocer)


def test_a_named_colleagues_mobile_a_little_further_from_call_is_still_a_phone(grocer):
    text = "Lost your scarf? Llama a Marta, la de recepción, al 612 457 890 y te la guarda."
    assert "privacy.phone" in fired(text, BRAND, grocer)


@pytest.mark.parametrize("link", ["orlafoods.example/ref/sam22", "orlafoods.example/r/kay",
                                  "orlafoods.example/invite/ana"])
def test_a_referral_code_in_the_path_is_an_affiliate_link(link, grocer):
    text = f"the deli box I keep raving about → {link}"
    assert "persona.promotion" in fired(text, PERSONAL, grocer)


def test_a_plain_path_on_the_brand_domain_is_no_referral(grocer):
    # (Since the thirty-first round the brand's address written out is the link to it, as a
    # linked "orlafoods.com/menu/spring" always was: the pitch is said, but never as a referral.)
    text = "Our spring menu is up: orlafoods.example/menu/spring"
    said = findings(text, CheckTarget(Network.X, Persona.PERSONAL), grocer)
    assert "affiliate" not in said["persona.promotion"].message
    assert "referral" not in said["persona.promotion"].message


@pytest.mark.parametrize("text", [
    "The Orla Kitchen restock sold out in two hours last time, set an alarm for 9am 👀",
    "We worked so hard on the new Orla Deli boxes. If you've been on the fence, now's the time 😉",
])
def test_a_restock_in_a_hurry_and_the_moment_to_buy_are_a_pitch(text, grocer):
    assert "persona.promotion" in fired(text, PERSONAL, grocer)


# --- 9. a partner thanked for a thing it gave; a product's developer saying so ---------------

@pytest.mark.parametrize("text", [
    "Thanks @vinhosserrado for the tasting tickets 🍷 what a night",
    "Obrigada Vinhos Serrado pelas garrafas de tinto 💛",
    "Merci Vinhos Serrado pour ce coffret, il est magnifique",
    "Grazie Vinhos Serrado per il cesto di Natale!",
])
def test_a_partner_thanked_for_a_thing_is_an_unclear_disclosure(text, tmp_path):
    pack = PACK.replace('aliases = ["Serrado"]', 'aliases = ["Serrado", "@vinhosserrado"]')
    assert "disclosure.unclear" in fired(text, PERSONAL, policy_from(tmp_path, pack))


@pytest.mark.parametrize("text", [
    "Gracias a Vinhos Serrado por acompañarnos en la feria de Oporto",
    "Thanks Vinhos Serrado for having us at the harvest, and for the warm welcome",
    "Merci Vinhos Serrado pour votre confiance depuis dix ans",
])
def test_thanks_for_help_or_company_is_no_gift(text, grocer):
    assert "disclosure.unclear" not in fired(text, PERSONAL, grocer)


def test_a_products_developer_saying_so_discloses_the_tie(grocer):
    text = "Orla Kitchen dev here 👋 fixed the bug where the basket emptied itself. Patch is out."
    assert not any(rule.startswith("disclosure") for rule in fired(text, WORK, grocer))


# --- 10. the job said is no open promotion of a partner --------------------------------------

@pytest.mark.parametrize("text", [
    "I work at Orla Foods and I swear by Vinhos Serrado. 10% off with code ORLA10 🍷",
    "Trabajo en Orla Foods y os juro que Vinhos Serrado es lo mejor. Código ORLA10 👉",
])
def test_a_partners_pitch_beside_only_the_job_is_still_a_warning(text, grocer):
    rules = fired(text, PERSONAL, grocer)
    assert {"disclosure.missing", "persona.brand_promotion", "persona.promotion"} <= rules


def test_the_employers_pitch_beside_the_job_said_stays_a_note(grocer):
    text = "I work at Orla Foods: our deli boxes are 20% off this week with code ORLA20"
    rules = fired(text, PERSONAL, grocer)
    assert "persona.brand_promotion" not in rules
    assert "disclosure.missing" not in rules


# --- 11. strong praise said of the brand, in six languages -----------------------------------

@pytest.mark.parametrize("text", [
    "Orla Deli's new soup range is pure magic on a cold day.",
    "Orla Kitchen is flawless, honestly, never going back.",
    "El pan de Orla Deli es una maravilla.",
    "Le brunch d'Orla Kitchen, c'est le bonheur.",
    "Die Suppen von Orla Deli sind einfach wunderbar.",
    "Ragazzi, il vino di Vinhos Serrado è una bomba.",
])
def test_strong_praise_of_the_brand_is_an_endorsement(text, grocer):
    assert "persona.brand_promotion" in fired(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "First week at Orla Foods, the city is cold but the people are wonderful.",
    "Hoy en el curro (Orla Deli) una clienta me ha traído galletas. Hay gente maravillosa ❤",
])
def test_praise_of_people_at_the_workplace_is_no_endorsement(text, grocer):
    assert "disclosure.missing" not in fired(text, PERSONAL, grocer)


# --- 12. more trades of one's own --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Quick one: I also do freelance wedding videography. Summer dates filling fast, DM me 🎥",
    "I do proofreading on the side, rates from £18/hr. DM me!",
    "Petite pub perso : je donne aussi des cours de piano, 20 € l'heure, écrivez-moi !",
    "Kleine Info in eigener Sache: nebenbei fotografiere ich Taufen, noch ein paar Termine frei.",
    "Nas horas vagas faço bolos de aniversário, encomendas abertas, chamem no privado!",
    "My wife and I have just opened a little guesthouse in Bude, first 5 guests get a cream tea.",
    "If anyone needs a wedding florist, I'm booking 2027 dates, dm me 💐",
])
def test_more_trades_of_ones_own_on_a_work_account(text, grocer):
    assert "persona.promotion" in fired(text, WORK, grocer)


@pytest.mark.parametrize("text", [
    "We pay our freelancers on time: rates from £300 a piece. Pitch us at the usual address.",
    "Our deli does catering on the side of the main shop, rates from £12 a head.",
])
def test_the_employers_own_rates_are_no_side_trade(text, grocer):
    assert "persona.personal_life" not in fired(text, BRAND, grocer)


# --- 13. everyday words of private life in the six languages ---------------------------------

@pytest.mark.parametrize("text", [
    "Back at my desk after recovering from my appendectomy, thanks for the flowers!",
    "Anyone else on the dating apps in Leeds? Asking for me 😅",
    "Il m'a demandé en mariage hier soir !! 💍",
    "Feierabendbier mit dem Team, morgen wird hart 🍺",
    "Stasera spritz con le colleghe 🍹",
    "Domingo a misa con toda la familia.",
    "Hoje tem culto às sete, quem vem?",
    "Sophie from accounts is at the fertility clinic today, fingers crossed 🤞",
    "O nosso Duarte nasceu ontem, 3,2 kg 💙",
    "Our little one was born this morning 💙",
    "Votate Fratelli d'Italia domenica!",
    "Nous appelons nos clients à voter pour la liste verte dimanche.",
])
def test_everyday_words_of_private_life_on_a_work_account(text, grocer):
    assert "persona.personal_life" in fired(text, WORK, grocer)


@pytest.mark.parametrize("text", [
    "Our aperitivo menu now comes with an alcohol-free spritz 🍊",
    "Fertility clinics can now order our lab-grade storage boxes.",
    "Nuestro pan de Semana Santa ya está en todas las tiendas.",
])
def test_the_same_words_at_work_stay_quiet(text, tmp_path):
    pack = PACK + '[lexicon]\nallow = ["spritz"]\n'  # a bar's pack allows its menu's words
    assert "persona.personal_life" not in fired(text, BRAND, policy_from(tmp_path, pack))


# --- 14. the reader told to buy, in the other languages' imperatives --------------------------

@pytest.mark.parametrize("text", [
    "Pasaos a Orla Deli, menú del día a 12 €, no hay nada igual en el barrio.",
    "Le conserve di Orla Deli sono le migliori, compratele su orlafoods.example!",
    "O pão da Orla Deli é outro nível, corre lá!",
    "Los vinos de Vinhos Serrado son perfectos para la cena, cómpralos en serrado.example",
])
def test_imperatives_to_buy_in_the_other_languages_are_a_pitch(text, grocer):
    assert {"persona.brand_promotion", "persona.promotion"} <= fired(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "Corre lá fora, está um dia lindo ☀️",
    "Inscrivez-vous au marathon de Nantes, c'est pour la bonne cause !",
])
def test_everyday_imperatives_without_a_brand_sell_nothing(text, grocer):
    assert "disclosure.missing" not in fired(text, PERSONAL, grocer)
