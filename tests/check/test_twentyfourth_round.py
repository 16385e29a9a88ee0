"""Twenty-fourth round: what the eighth wave of unseen sets (a consumer-electronics brand, a
parcel carrier, a DIY chain, a news weekly, a food bank) showed the check missing or raising
wrongly, read after their untouched and end figures were taken, made general. Examples of our
own in six languages, each beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import CONDUCT, findings, fired, policy_from, severities

BRAND = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
MASTODON_WORK = CheckTarget(Network.MASTODON, Persona.WORK)
PERSONAL = CheckTarget(Network.THREADS, Persona.PERSONAL)

PACK = """version = 1
[employer]
name = "Quillby Books"
aliases = ["Quillby"]
domains = ["quillby.example"]
[[partners]]
name = "Harrow Paper Mills"
aliases = ["Harrow Paper"]
domains = ["harrowpaper.example"]
[confidential]
terms = ["Project Lantern"]
"""


@pytest.fixture
def shop(tmp_path):
    return policy_from(tmp_path, PACK)


# --- 1. a time of day is no figure an organisation reports ---------------------------------------

@pytest.mark.parametrize("text", [
    "Our little Noah arrived at 04:15 this morning, 3.2 kg of pure joy 👶 Mum and baby both well.",
])
def test_a_birth_told_with_its_hour_is_personal_life(text, shop):
    assert "persona.personal_life" in fired(text, WORK, shop)


# --- 2. a desk's mailbox on the employer's own domain ---------------------------------------------

@pytest.mark.parametrize("text", [
    "For a story on rents, our housing desk wants to hear from tenants: vivienda@quillby.example",
    "Wir suchen Stimmen zu Pflegekosten. Schreibt unserer Redaktion: pflege-team@quillby.example",
])
def test_a_desk_mailbox_on_a_staff_work_account_is_public(text, shop):
    assert severities(text, MASTODON_WORK, shop).get("privacy.email") in (None, "info")


def test_a_hyphenated_desk_on_the_brand_account_is_public(shop):
    text = "Found a bug in the Quillby app? Tell us at app-feedback@quillby.example 🙏"
    assert severities(text, BRAND, shop).get("privacy.email") in (None, "info")


@pytest.mark.parametrize("text", [
    "Any questions, write to maria.lopez@quillby.example, she handles the rota",
    "Drop me a line at sam.okafor77@gmail.com if you want the slides",
])
def test_a_persons_mailbox_still_warns(text, shop):
    assert "privacy.email" in fired(text, MASTODON_WORK, shop)


# --- 3. greetings and praise aimed at people ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Happy Father's Day to every dad who has ever shouted \"who left the lights on?!\" 💙",
    "¡Qué pasada de equipo! Sois la leche, de verdad 🙌",
    "Les brownies de l'atelier pâtisserie : une vraie tuerie 🍫",
    "Frohe Weihnachten an alle, die heute noch Pakete schleppen!",
])
def test_greetings_and_praise_are_not_hostile(text, shop):
    assert not fired(text, BRAND, shop) & CONDUCT


@pytest.mark.parametrize("text", [
    "Happy Monday to everyone except the idiot who parked across our loading bay",
    "Sois unos inútiles, tres semanas para mandar un pedido",
])
def test_insults_beside_a_greeting_still_warn(text, shop):
    assert fired(text, BRAND, shop) & CONDUCT


# --- 4. sales phrases said to be absent, and a giveaway the writer won ---------------------------

@pytest.mark.parametrize("text", [
    "No discount code, no link in bio, just my nan's scone recipe: 225 g flour, 50 g butter.",
    "Pas de code promo, pas de lien en bio : juste la recette du gâteau de ma tante.",
    "Sin código, sin sorteo: hoy solo fotos del perro 🐶",
    "I won the office raffle!! A whole hamper of cheese, finally some luck 🧀",
    "¡Me ha tocado el sorteo de la peña! Una cesta enorme 🎉",
])
def test_absent_sales_words_and_a_win_sell_nothing(text, shop):
    assert "persona.promotion" not in fired(text, PERSONAL, shop)


@pytest.mark.parametrize("text", [
    "No code needed: 20% off all my prints this weekend, link in bio",
    "Giveaway time! Win a hamper of my homemade jams: follow and comment to enter 🎉",
    "Sorteo: gana una cesta de mis mermeladas caseras, sígueme y comenta 🎉",
])
def test_sales_words_in_earnest_still_warn(text, shop):
    assert "persona.promotion" in fired(text, PERSONAL, shop)


# --- 5. an explainer ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Scunthorpe, explained: why spam filters keep blocking harmless words. Our tech column.",
    "Doomscrolling, explained: why the feed keeps pulling you back. Our science column this week.",
    "Inflation, what you need to know: why your weekly shop keeps creeping up.",
])
def test_an_explainer_is_not_hostile(text, shop):
    assert not fired(text, WORK, shop) & CONDUCT


# --- 6. a sponsor thanked for sponsoring ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Thank you to Harrow Paper Mills for sponsoring this year's reading festival: 4,000 books!",
    "Merci à Harrow Paper pour son soutien au festival de lecture jeunesse 📚",
    "Danke an Harrow Paper für die Unterstützung beim Lesesommer!",
])
def test_a_sponsor_thanked_for_sponsoring_needs_no_ad_label(text, shop):
    assert not {r for r in fired(text, BRAND, shop) if r.startswith("disclosure")}


@pytest.mark.parametrize("text", [
    "Thank you to Harrow Paper Mills for sponsoring us: get 20% off their notebooks with code "
    "READ20 at harrowpaper.example",
    "Harrow Paper's new notebooks are the best we've ever stocked, grab one today",
])
def test_a_partner_sold_on_the_brand_account_still_needs_a_label(text, shop):
    assert {r for r in fired(text, BRAND, shop) if r.startswith("disclosure")}


# --- 7. the employer's news on one's own work account, with an everyday sales word ---------------

@pytest.mark.parametrize("text", [
    "Proud to share that our product family at Quillby grew again: the Lantern range my team "
    "looks after now has 40 titles.",
    "Formação de segurança com a equipa da loja hoje. A família Quillby toda reunida!",
])
def test_employer_news_with_an_everyday_sales_word_needs_no_disclosure(text, shop):
    assert not {r for r in fired(text, WORK, shop) if r.startswith("disclosure")}


@pytest.mark.parametrize("text", [
    "Ya disponible la nueva colección Quillby en quillby.example y en todas nuestras tiendas. "
    "¡No os la perdáis!",
    "The new Quillby planners are in every store from Friday, don't miss them!",
])
def test_news_that_tells_readers_not_to_miss_it_still_sells(text, shop):
    assert {r for r in fired(text, WORK, shop) if r.startswith("disclosure")}


# --- 8. a subject the work covers, goods on offer ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Reporting on dating apps and what they do with your data, out next week.",
    "Moderating a panel on religion and public schools in Leeds next month. Tough questions.",
    "Wir recherchieren zu Gesundheitsdaten in Dating-Apps. Hinweise gern über unseren Kanal.",
    "Mesa redonda sobre religión y escuela pública el jueves en el Ateneo.",
])
def test_a_subject_of_work_is_no_personal_life(text, shop):
    assert "persona.personal_life" not in fired(text, WORK, shop)


@pytest.mark.parametrize("text", [
    "Iftar meal packs for 200 families go out from Monday, with halal and veggie options.",
    "Les kits d'iftar partent lundi, avec des options halal et végétariennes.",
])
def test_goods_named_for_a_holiday_are_no_personal_life(text, shop):
    assert "persona.personal_life" not in fired(text, BRAND, shop)


@pytest.mark.parametrize("text", [
    "Giving a talk on my divorce and how I rebuilt my finances, wish me luck",
    "Off to Mass with the kids, then a long lunch with the in-laws. See you Monday!",
])
def test_ones_own_life_still_warns(text, shop):
    assert "persona.personal_life" in fired(text, WORK, shop)


# --- 9. calls to buy, subscribe, donate or apply that the lists did not know ---------------------

@pytest.mark.parametrize("text", [
    "#QuillbyTeam last call: festival passes close Friday → quillby.example/festival",
    "#QuillbyTeam Derniers jours pour profiter de l'abonnement à 1 € ! quillby.example/ete",
    "#QuillbyTeam Die Lesenächte kommen, jetzt abonnieren: quillby.example/de",
    "#QuillbyTeam Ya están a la venta las agendas 2027, ¡qué bonitas! quillby.example/agendas",
    "Donate to the Quillby reading fund this month and every euro is matched quillby.example/give",
    "My team at Quillby is hiring a junior designer! Hybrid, DM me or apply at the careers page",
    "Mis nuevas libretas Quillby 😍 las consigues en quillby.example",
    "Harrow Paper's sketchbooks on my desk all week. Get the same one at harrowpaper.example",
])
def test_calls_to_act_on_a_personal_account_are_a_pitch(text, shop):
    assert "persona.promotion" in fired(text, PERSONAL, shop)


@pytest.mark.parametrize("text", [
    "Quillby cherche à réduire ses délais de livraison, bonne nouvelle pour nous tous",
    "Lo más importante hoy: descansar. Nada de Quillby, nada de correos.",
])
def test_words_that_only_look_like_those_calls(text, shop):
    assert "persona.promotion" not in fired(text, PERSONAL, shop)


# --- 10. praise in idiom -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Las libretas Quillby son otro nivel 🤩",
    "Switched to Quillby notebooks in March and I'm never going back",
    "Honestly the Quillby planner saved my life this term",
    "The Quillby shop window this week is a work of art",
    "Ich empfehle Quillby jedem, der gern schreibt.",
    "Je recommande les carnets Quillby, vraiment.",
    "Os carnets da Quillby são bom demais",
])
def test_praise_in_idiom_promotes_the_brand(text, shop):
    assert "persona.brand_promotion" in fired(text, PERSONAL, shop)


@pytest.mark.parametrize("text", [
    "Bought a notebook at Quillby on the way to my sister's. Long day.",
    "Quillby was closed today, so I wrote on the back of a receipt instead.",
])
def test_the_brand_in_passing_is_still_no_promotion(text, shop):
    assert "persona.brand_promotion" not in fired(text, PERSONAL, shop)


# --- 11. politics, faith and a break-up said in more ways ----------------------------------------

@pytest.mark.parametrize("text", [
    "Voting yes on Measure 12 next week, and if you're not, we can't be friends.",
    "The mayor's new parking plan is a joke. Vote her out in May.",
    "Can't wait to see this government fall, honestly.",
    "Ce gouvernement est une honte. Vivement 2027.",
    "Dimanche, votez pour la liste verte, c'est la seule option sérieuse.",
    "Anyone who votes Tory again needs their head examined",
    "Torn between the two candidates for mayor this year, neither one has a plan.",
    "Back to Mass this morning after years away, it felt good.",
    "Meine Freundin hat gestern Schluss gemacht. Heute bin ich zu nichts zu gebrauchen.",
    "Je me suis fait larguer hier soir, soyez indulgents aujourd'hui",
])
def test_ones_politics_faith_or_break_up_is_personal_life(text, shop):
    assert "persona.personal_life" in fired(text, WORK, shop)


@pytest.mark.parametrize("text", [
    "Our mass-market paperback line grows again this spring: 12 new titles.",
    "Planning a mass mailing to every school library in the region next month.",
    "The council vote on the library budget is on Tuesday; here is what it means for readers.",
])
def test_look_alikes_of_politics_and_faith_stay_quiet(text, shop):
    assert "persona.personal_life" not in fired(text, WORK, shop)


# --- 12. codenames in another language, abbreviated or spelt the other way -----------------------

CODENAMES = """version = 1
[employer]
name = "Quillby Books"
[confidential]
terms = ["Green Window", "Rote Leiter", "Opération Castor", "Silver Harbor"]
"""


@pytest.fixture
def secrets(tmp_path):
    return policy_from(tmp_path, CODENAMES, "secrets.toml")


@pytest.mark.parametrize("text", [
    "La réunion Fenêtre Verte est déplacée à jeudi",
    "Reunião sobre a Janela Verde amanhã cedo 👀",
    "Red Ladder goes live in three shops on Monday",
    "Point Opé Castor à 15h, salle B",
    "Silver Harbour shoot moved to Lisbon, don't tell anyone",
])
def test_a_codename_written_otherwise_is_still_confidential(text, secrets):
    assert "confidential.term" in fired(text, PERSONAL, secrets)


@pytest.mark.parametrize("text", [
    "J'ai repeint la fenêtre verte de la cuisine ce week-end",
    "Bought a red ladder for the garden, finally",
    "The harbour was silver at dawn, what a view",
])
def test_the_same_words_in_everyday_use_stay_quiet(text, secrets):
    assert "confidential.term" not in fired(text, PERSONAL, secrets)


def test_the_finding_names_the_packs_spelling(secrets):
    found = findings("Silver Harbour shoot moved to Lisbon", PERSONAL, secrets)
    assert "Silver Harbor" in found["confidential.term"].message


# --- 13. one's own trade on a work account, sold in more ways ------------------------------------

@pytest.mark.parametrize("text", [
    "Para quem não sabe, também faço bolos. Agenda de março aberta, mandem mensagem!",
    "Our community lead (yes, me) plays drums in a band, we're on at the Crown on Friday, "
    "tickets £8",
    "When I'm not running the warehouse at Quillby I'm a wedding photographer, two Saturdays "
    "free in May",
    "ps. my linocut prints are at the Sunday flea market, come say hi",
    "Outside of work I run a small Etsy shop for bookbinding kits. Holiday orders close Dec 12!",
    "Neben dem Job biete ich Fahrradreparaturen an – jetzt Frühlingstermine sichern, "
    "Anfragen gern per DM!",
    "In eigener Sache: in meiner Töpferwerkstatt sind im Kurs noch zwei Plätze frei.",
    "If anyone needs a dog walker in Hove, I'm doing weekends now! Just DM this page",
])
def test_ones_own_trade_sold_on_a_work_account(text, shop):
    # (said as the writer's private life, or as a sale, or both)
    assert fired(text, WORK, shop) & {"persona.promotion", "persona.personal_life"}


@pytest.mark.parametrize("text", [
    "When I'm not running the warehouse at Quillby I'm usually asleep, honestly.",
    "Our band of volunteers at the Quillby book drive sorted 4,000 books this weekend.",
    "Flea market finds for the shop window display: three old typewriters 📸",
])
def test_a_life_outside_work_that_sells_nothing(text, shop):
    assert "persona.promotion" not in fired(text, WORK, shop)


# --- 14. a night's drinking, a teething child, a first school day, a date asked for --------------

@pytest.mark.parametrize("text", [
    "Absolutely on the lash after the quiz last night, send water",
    "Saufabend nach dem Umzug, wer kann noch stehen?",
    "Feierabendbierchen mit dem Team? Wir sind schon beim vierten 🍻",
    "Apéro chez moi ce soir, on attaque la troisième bouteille 🥴",
    "Tarde de cañas y vermú con las primas, que ya tocaba",
    "Sábado de churrasco e muita cerveja com os amigos 🍺",
    "Nuit blanche, la petite fait ses dents, soyez indulgents",
    "Heute wurde unsere Tochter eingeschult 🎒 der Tag gehört der Familie",
    "Anyone in Bristol fancy a date this weekend? 34, tall, love a Sunday roast",
])
def test_a_private_night_or_family_day_is_personal_life(text, shop):
    assert "persona.personal_life" in fired(text, WORK, shop)


@pytest.mark.parametrize("text", [
    "Wir sind schon beim vierten Kapitel der Inventur, fast geschafft!",
    "Our second bottle design won a packaging award this year 🏆",
    "Dental care for teething puppies: what to give and what to avoid.",
])
def test_the_same_words_at_work_stay_quiet(text, shop):
    assert "persona.personal_life" not in fired(text, WORK, shop)


# --- 15. name-calling aimed at a group, and words written with digits ----------------------------

@pytest.mark.parametrize("text", [
    "Huge thanks to the muppets at the courier firm who left our books in the rain. Great work.",
    "To the clowns in the comments: read the article before you reply.",
    "Danke an die Pfeifen von der Druckerei, die alles falsch geschnitten haben.",
    "Hay que ser muy cortito para bloquear la salida de emergencia.",
    "Questi d3ficienti del fornitore ci hanno mandato i libri sbagliati.",
    "Basta con questi terroni che non pagano mai in tempo.",
])
def test_name_calling_is_an_insult(text, shop):
    assert fired(text, BRAND, shop) & CONDUCT


@pytest.mark.parametrize("text", [
    "Our muppets-themed reading corner is back for half term 🐸",
    "Juggling clowns in the square on Saturday, bring the kids to our stall!",
    "Rendimiento deficiente del servidor esta mañana, ya está resuelto.",
    "Terrones de azúcar gratis con cada café en la librería ☕",
    "Die Pfeifen der Orgel werden im Juni restauriert, Lesung im Seitenschiff.",
])
def test_the_same_words_harmless_stay_quiet(text, shop):
    assert not fired(text, BRAND, shop) & CONDUCT


# --- 16. reviews asked for or given by staff, said in more ways ----------------------------------

@pytest.mark.parametrize("text", [
    "Please leave the Quillby Books café on the high street a review on Google, it really helps!",
    "Could you all rate the Quillby podcast on your podcast app? Every ⭐ helps a small team",
    "Bewertet Quillby bitte mit 5 Sternen, das Team gibt sich so viel Mühe!",
    "Los cuadernos Quillby son recomendadísimos 🙌",
    "Quillby fountain pen = best purchase of my life, trust me.",
    "Harrow Paper notebooks: nota 10! Recomendo de olhos fechados #parceria",
])
def test_a_staff_review_or_an_ask_for_reviews_is_an_insider_review(text, shop):
    assert "disclosure.insider_review" in fired(text, PERSONAL, shop)


@pytest.mark.parametrize("text", [
    "#ad I work at Quillby: please leave us a review on Google if you visited the café!",
    "Left a review for the plumber on Google, he was brilliant.",
])
def test_said_up_front_or_about_no_brand_is_no_insider_review(text, shop):
    assert "disclosure.insider_review" not in fired(text, PERSONAL, shop)


# --- 17. a name written twice, a card sent home, a masked 'putada', one's own little shop --------

def test_a_first_name_that_is_also_a_swear_word_is_a_name_the_second_time(shop):
    text = ("Congratulations to Dick Ashworth on 25 years in the Leeds shop. Dick started as a "
            "Saturday boy in 2000.")
    assert not fired(text, BRAND, shop) & CONDUCT


def test_the_word_alone_still_swears(shop):
    assert "conduct.profanity" in fired("What a dick move by the landlord today", BRAND, shop)


def test_a_card_sent_to_a_colleagues_home_is_a_private_address(shop):
    text = ("Our editor Sam is recovering at home after surgery. Cards can be sent to 14 Elm "
            "Grove, Leeds LS6 2AB 💐")
    assert "privacy.address" in fired(text, BRAND, shop)


def test_a_masked_putada_is_swearing(shop):
    assert "conduct.profanity" in fired("Qué pu*ada, se ha caído el servidor otra vez", WORK,
                                        shop)


def test_ones_own_little_shop_needs_no_ad_label(shop):
    text = "My little candle shop has 20% off this weekend with code GLOW20, link in bio 🕯️"
    found = fired(text, PERSONAL, shop)
    assert "persona.promotion" in found
    assert not {r for r in found if r.startswith("disclosure")}


def test_ad_free_is_no_ad_label(shop):
    found = fired("#ad-free and gorgeous: the new Quillby reading app is everything 😍", PERSONAL,
                  shop)
    assert "persona.brand_promotion" in found
    assert "disclosure.missing" in found


def test_the_ad_label_with_a_dash_still_labels(shop):
    found = fired("#ad - the new Quillby reading app is lovely, I work there", PERSONAL, shop)
    assert "disclosure.missing" not in found


# --- 18. an errand told, sick days counted ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Promoção de supermercado é armadilha? Fui comprar pão e voltei com queijo",
    "Went to buy milk, came back with a cactus and three candles. Classic.",
])
def test_an_errand_told_is_no_call_to_buy(text, shop):
    assert "persona.promotion" not in fired(text, PERSONAL, shop)


def test_sick_days_counted_for_a_team_are_no_health_news(shop):
    text = ("Publishing rotas four weeks ahead gave my team their weekends back. Sick days went "
            "down; swaps got easier.")
    assert "persona.personal_life" not in fired(text, WORK, shop)


def test_ones_own_sick_day_still_warns(shop):
    assert "persona.personal_life" in fired("Off sick today with a fever, sorry all", WORK, shop)
