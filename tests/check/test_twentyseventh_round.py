"""Twenty-seventh round: what the eleventh wave of unseen sets (a pet-insurance and vet-clinic
company, a chain of opticians, a group of thermal spas, a mutual insurer and student bank, a
mobile and fibre carrier) showed the check missing or raising wrongly, read after their
untouched and end figures were taken, made general. Examples of our own in six languages, each
beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from tests.check.rounds import BRAND, CORRANDEL_PACK, PERSONAL, WORK, fired, policy_from

# --- 1. the brand ranked above its rivals in a named place ----------------------------------------

@pytest.mark.parametrize("text", [
    "Corrandel's help desk fixed my meter in five minutes. Best water company in Wales, fight me.",
    "The Brookline Pure refill station at sunrise. Loveliest spot in Cardiff 💧",
    "Los filtros Osterling son los mejores de Galicia, y punto",
    "Osterling : le meilleur filtre de Bretagne, sans discussion",
    "Brookline Pure ist das beste Wasser in Bayern, ehrlich",
])
def test_the_brand_ranked_first_in_a_place_is_promotion(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Corrandel's office is next to the best bakery in Cardiff, which explains a lot",
    "Shift at Corrandel, then the noisiest pub in Swansea with the lads",
    "Corrandel a fermé pour la journée. La meilleure journée de ma semaine.",
])
def test_a_ranking_of_something_else_beside_the_brand_stays_a_mention(water, text):
    assert "persona.brand_promotion" not in fired(text, PERSONAL, water)


# --- 2. regional name-calling and oaths; a houseplant, a breeder's dam, a betting pool ------------

@pytest.mark.parametrize("text", [
    "Some bampot reversed into the pumping station gate again",
    "Absolute eejits at the depot sent the wrong pipes",
    "Ehrlich, die Leute vom Bauamt san Vollkoffer",
    "Le sous-traitant ? Des teubés, franchement",
    "A ver, listillo, el contador se lee de izquierda a derecha.",
    "Look, genius, the meter is under the sink.",
    "Cool story, Karen. The outage map is right there.",
    "Unser Ticketsystem ist echt spastisch",
])
def test_regional_name_calling_on_the_brand_account_is_conduct(water, text):
    assert any(rule.startswith("conduct.") for rule in fired(text, BRAND, water))


@pytest.mark.parametrize("text", [
    "Collons, quina setmana amb la canonada 🙏",
    "Carallo, que noite de traballo, grazas pola paciencia",
    "servers are fuk3d again, sorry all",
])
def test_regional_oaths_and_masked_swearing_are_profanity(water, text):
    assert "conduct.profanity" in fired(text, BRAND, water)


@pytest.mark.parametrize("text", [
    "Toxic to pets: lilies, dumb cane and sago palm. Keep them out of reach.",
    "Drop-dead gorgeous new bottles, and yes, they're recyclable",
    "Talk tonight on whelping: watch the bitch's temperature before labour.",
    "¿Quién gana el derbi? Dejad vuestra porra en comentarios 👇",
    "Neue Studie zur spastischen Lähmung bei Kindern: was Physiotherapie leisten kann",
    "Look, everyone, the new refill map is live.",
])
def test_the_same_words_in_their_harmless_senses_stay_clean(water, text):
    assert not any(rule.startswith("conduct.") for rule in fired(text, BRAND, water))


# --- 3. more personal life on the work account ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Home from the doctor's, it's tonsillitis. Logging off for the day.",
    "Back from the oncologist, scans are clear 🙏",
    "Just back from Mass with the kids, now onto the budget review",
    "Mein Kirchenchor probt heute, deshalb bin ich ab 17 Uhr weg",
    "Proud to be standing for election in Ward 4 next May!",
    "Samedi je milite pour la droite sur le marché, venez nombreux",
    "Freitag: Bier und Schnaps bis zum Umfallen 🍻",
    "Third round of Kirschwasser and nobody wants to go home 🥃",
    "Sábado tem churrasco e cerveja, quem vem?",
    "Nächstes Wochenende JGA in Hamburg, Montag bin ich durch",
])
def test_own_health_faith_politics_and_drinking_on_a_work_account(water, text):
    assert "persona.personal_life" in fired(text, WORK, water)


@pytest.mark.parametrize("text", [
    "Our mobile clinic is back from the coast and taking bookings again",
    "The rota is standing for now; changes go through Jess",
    "Das Team testet die neue Pumpe bis zum Umfallen, bevor sie rausgeht",
])
def test_the_same_words_at_work_stay_clean(water, text):
    assert "persona.personal_life" not in fired(text, WORK, water)


# --- 4. calls with a deadline, accounts opened in the plural, trades and hiring said plainly ------

@pytest.mark.parametrize("text", [
    "Brookline Pure is gorgeous this year, grab a crate before the summer rush!",
    "Fennick Tap changed our kitchen. Get your quote before prices go up in May",
    "O Corrandel é o melhor, abram conta já!",
    "Corrandel è il migliore, apritevi un conto subito!",
])
def test_a_call_to_buy_with_a_deadline_or_in_the_plural_is_a_pitch(water, text):
    assert "persona.promotion" in fired(text, PERSONAL, water)


def test_getting_somewhere_before_a_day_is_no_call(water):
    assert "persona.promotion" not in fired(
        "Corrandel kept me late, need to get home before Sunday lunch 😅", PERSONAL, water)


@pytest.mark.parametrize("text", [
    "doing lashes from home now ✨ DM for appointments",
    "Le mie borse fatte a mano 💛 per ordini scrivetemi",
    "En mi curro buscan fontaneros en Vigo, pasadme el CV por DM",
    "Know a great hydrologist? We've got a spot opening up in Bangor. DMs open.",
])
def test_a_trade_or_a_job_offered_on_a_personal_account_is_a_pitch(water, text):
    assert "persona.promotion" in fired(text, PERSONAL, water)


def test_a_colleagues_trade_on_the_brand_account_is_a_sideline(water):
    found = fired("Our receptionist Mo also DJs weddings! Book him, £400 flat rate 🎧", BRAND,
                  water)
    assert "persona.promotion" in found


def test_a_trade_said_without_selling_it_stays_clean(water):
    assert "persona.promotion" not in fired(
        "doing nails from home tonight with my sister, long week 💅", PERSONAL, water)


# --- 5. a codename as a German compound, and a hashtag with a year run on -------------------------

@pytest.fixture
def codenames(tmp_path):
    return policy_from(tmp_path, CORRANDEL_PACK.replace('terms = ["Project Millrace"]',
                                              'terms = ["Project Millrace", "Night Kitchen", '
                                              '"Kettlestone"]'))


@pytest.mark.parametrize("text", [
    "Projekt Nachtküche läuft, mehr darf ich nicht sagen",
    "Thanks to all who came to the #Kettlestone2027 offsite!",
    "Great kickoff for #ProjectMillrace26 today",
])
def test_a_codename_compounded_or_with_a_number_run_on_is_found(codenames, text):
    assert "confidential.term" in fired(text, WORK, codenames)


@pytest.mark.parametrize("text", [
    "Die Nachtküche im Hotel hat bis 2 Uhr offen... wait, wrong account 😅",
    "Loved the #Kettle2027 expo, so many new gadgets",
])
def test_the_words_alone_or_another_tag_stay_clean(codenames, text):
    assert "confidential.term" not in fired(text, WORK, codenames)


# --- 6. praise in intensified forms and slang, staff called angels, a cheer for the brand ---------

@pytest.mark.parametrize("text", [
    "Los filtros Osterling son buenísimos, no entiendo por qué no son más famosos",
    "Franchement les bouteilles Brookline Pure sont sublimes 😍",
    "La neta el agua de Corrandel está bien chida",
    "Les gourdes Brookline Pure, c'est chanmé",
    "Took the dog to the Corrandel open day, these people are angels 💛",
    "@corrandel you did it again 😍",
    "Fennick Tap taps are a must-try if you're renovating",
    "Brookline Pure ist ein Traum, echt",
])
def test_praise_in_slang_and_intensified_forms_is_promotion(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Paid the Corrandel bill, then a walk on the Embankment. Cardiff, you beauty 🌧️",
    "Corrandel cut the water for an hour. Mum, you did it again: tea made with bottled water",
])
def test_praise_said_to_someone_else_by_name_stays_a_mention(water, text):
    assert "persona.brand_promotion" not in fired(text, PERSONAL, water)


# --- 7. deals the writer got, and a fall said in words --------------------------------------------

@pytest.mark.parametrize("text", [
    "Bought a new toaster in the sale, 40% off and it's mint green 💚",
    "got 25% off my new running shoes and immediately stepped in mud. worth it",
    "Hab gestern im Abverkauf a Hosn um 30 % günstiger kriagt!",
])
def test_a_deal_the_writer_got_stays_clean(text):
    assert "persona.promotion" not in fired(text, PERSONAL)


def test_a_fall_in_use_is_no_discount(water):
    assert "persona.promotion" not in fired(
        "#employee news: Corrandel's new report is out — 27% less energy than 2020. Proud!",
        PERSONAL, water)


@pytest.mark.parametrize("text", [
    "New toasters in the sale, 40% off this weekend only 💚",
    "Winterjacken im Abverkauf: jetzt -30 % auf alles!",
])
def test_a_sale_offered_to_readers_still_sells(text):
    assert "persona.promotion" in fired(text, PERSONAL)


# --- 8. the brand giving to a partner, said with pride or as money raised -------------------------

@pytest.fixture
def with_charity(tmp_path):
    return policy_from(tmp_path, CORRANDEL_PACK + """[[partners]]
name = "Riverkeep Trust"
aliases = ["Riverkeep"]
domains = ["riverkeep.example"]
""")


@pytest.mark.parametrize("text", [
    "Proud to sponsor the Riverkeep Trust clean-up again. 300 volunteers, 2 tonnes of litter 💙",
    "Every Corrandel depot is raising money for Riverkeep Trust this week. Pop in and say hello!",
    "Encantados de apoyar a Riverkeep Trust un año más 💙",
])
def test_the_brand_giving_to_a_partner_needs_no_ad_label(with_charity, text):
    assert "disclosure.missing" not in fired(text, BRAND, with_charity)


def test_a_partners_product_sold_on_the_brand_account_still_needs_the_label(with_charity):
    assert "disclosure.missing" in fired(
        "Proud to partner with Riverkeep Trust: get their river-safety kit at riverkeep.example, "
        "20% off this week", BRAND, with_charity)


# --- 9. the brand's alcohol-free drinks, an idiom, a customer's question answered -----------------

@pytest.mark.parametrize("text", [
    "Mojito recipe from our café: lime, mint, soda and crushed ice 🌿 alcohol-free and very cold",
    "Quiz night on Friday with a DJ — non-alcoholic cocktails all evening 🍹",
])
def test_the_brands_alcohol_free_drinks_are_no_personal_life(water, text):
    assert "persona.personal_life" not in fired(text, BRAND, water)


def test_a_baptism_of_fire_is_no_religion(water):
    assert "persona.personal_life" not in fired(
        "Baptism of fire for the new starters: the March billing run. They smashed it.", WORK,
        water)


@pytest.mark.parametrize("text", [
    "Is my dog pregnant? Signs to watch: nesting, a bigger appetite, weight gain.",
    "Baby on the way? Remember to add them to your policy within 30 days, it takes two minutes.",
])
def test_a_customers_question_the_brand_answers_is_no_personal_life(water, text):
    assert "persona.personal_life" not in fired(text, BRAND, water)


@pytest.mark.parametrize("text", [
    "Who's still hungover from the Christmas do? 🙋 asking for the whole depot",
    "Me ha dejado mi novia, ¿en serio? Bueno, la planta abre a las 9.",
    "Is my hangover ever going to end? Pints with the team were a mistake",
])
def test_a_question_of_ones_own_life_on_the_brand_account_still_warns(water, text):
    assert "persona.personal_life" in fired(text, BRAND, water)


# --- 10. praise no everyday remark says; told to try it; ranked above the lot ---------------------

@pytest.mark.parametrize("text", [
    "who else has the Fennick Tap filter?? the water tastes unreal. sign up, u won't regret it",
    "Mi prima se ha pasado a Corrandel y paga la mitad. Pasaos, que es un chollo",
    "weekend aesthetic ✨ every photo from my happy place, the Brookline Pure spring",
    "Brookline Pure straight from the fridge > any fancy soda. fight me",
    "Mit Fennick Tap nie wieder Kalk, entspannter geht's nicht. Unbedingt ausprobieren!",
    "Che, Osterling te filtra todo, pedila ya",
])
def test_unmistakable_praise_or_a_call_to_readers_is_promotion(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Paid the Corrandel bill. Pub quiz tonight > any Netflix show",
    "Corrandel fixed the meter. My nan's Sunday roast > any restaurant in town",
])
def test_a_ranking_with_a_subject_of_its_own_is_not_the_brands(water, text):
    assert "persona.brand_promotion" not in fired(text, PERSONAL, water)


# --- 11. insider reviews: a review after months with a product, a review asked for by its site ----

@pytest.mark.parametrize("text", [
    "honest review after 8 months with Brookline Pure: tastes clean, cheap, delivery on time. 9/10",
    "Been to a Corrandel open day? A quick Google review would mean the world to us 🥺",
    "As a long-time regular at the Corrandel refill bar, trust me: best-kept secret in Cardiff.",
    "Just discovered Fennick Tap and wow, best €9 I spend each month",
])
def test_staff_reviews_in_more_shapes_are_insider_reviews(water, text):
    assert "disclosure.insider_review" in fired(text, PERSONAL, water)


def test_a_job_of_some_months_is_still_a_disclosure(water):
    assert "disclosure.insider_review" not in fired(
        "Eight months with Corrandel today! I recommend Brookline Pure to everyone, obviously",
        PERSONAL, water)


# --- 12. the abbreviated avenue -------------------------------------------------------------------

def test_a_flat_on_an_abbreviated_avenue_is_a_private_address():
    assert "privacy.address" in fired(
        "Se busca perro 🐕 visto por última vez en Av. de la Paz 21, 3ºB, Getafe. ¡Compartid!",
        PERSONAL)


def test_av_before_a_figure_is_no_street():
    assert "privacy.address" not in fired("av 14 hours later and still no reply lol", PERSONAL)


# --- 13. a recommendation told as one's usual answer, praise of how it runs -----------------------

@pytest.mark.parametrize("text", [
    "Friends always ask which water filter to buy. That's why I keep pointing people to Osterling: "
    "simple to fit, cheap cartridges, and the taste is night and day compared with the tap. "
    "Plenty of brands promise this, few deliver it year after year in hard-water towns like "
    "ours, and nobody else answers the phone on a Sunday. I should mention I work for Corrandel.",
    "Quand on me demande quelle eau choisir, ma réponse est toujours la même : Brookline Pure. "
    "Bouteilles consignées, prix honnêtes, et un goût bien meilleur que celui du robinet, "
    "même dans les villes où l'eau est très calcaire comme la nôtre. Et un service client qui "
    "répond même le dimanche, ce qui est rare. Je travaille chez Corrandel.",
])
def test_a_usual_recommendation_with_the_tie_at_the_end_is_buried(water, text):
    assert "disclosure.buried" in fired(text, WORK, water)


def test_a_visit_that_ran_like_clockwork_is_praise(water):
    assert "persona.brand_promotion" in fired(
        "Spent Saturday at the Brookline Pure springs and the whole tour ran like clockwork. "
        "Worth every minute.", PERSONAL, water)


# --- 14. the brand's clinic moved -----------------------------------------------------------------

def test_the_brands_clinic_moving_gives_its_new_address_on_purpose(water):
    assert "privacy.address" not in fired(
        "Nuestra clínica de Cardiff se mudó: ahora estamos en 14 Bute Street. ¡Os esperamos!",
        BRAND, water)


def test_a_family_moving_on_the_brand_account_is_still_their_home(water):
    assert "privacy.address" in fired(
        "Our driver Tom and his family moved: they're now at 14 Elm Road, send him a card!",
        BRAND, water)


# --- 15. a tomcat by name is no hangover ----------------------------------------------------------

def test_a_tomcat_named_is_no_hangover(water):
    assert "persona.personal_life" not in fired(
        "Kater Bruno (9) hat heute unseren Wasserfilter getestet und für gut befunden 😻", BRAND,
        water)


@pytest.mark.parametrize("text", [
    "Was für ein Kater heute, gestern zu viel Bier",
    "Mein Kater ist heute übel, nie wieder Tequila",
])
def test_a_hangover_is_still_one(water, text):
    assert "persona.personal_life" in fired(text, WORK, water)


# --- 16. more praise: magic, a slap in the face, you haven't lived, all you'll ever need ----------

@pytest.mark.parametrize("text", [
    "Ordinata alle 22, arrivata alle 8 con Brookline Pure. Magia ✨",
    "Le nouveau filtre Osterling, c'est une claque. Meilleur achat de l'année",
    "if you've never had Brookline Pure straight from the spring you haven't lived",
    "(connection in bio) the Fennick Tap filter is the only filter you'll ever need, fight me",
    "Kann den Fennick Tap Filter nur empfehlen, läuft wie ein Uhrwerk ⭐",
])
def test_more_praise_of_the_brand_is_promotion(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


def test_magic_of_a_season_beside_the_brand_stays_a_mention(water):
    assert "persona.brand_promotion" not in fired(
        "Corrandel closed early today. Later: lights on the Bay, la magia del Natale 🎄",
        PERSONAL, water)


# --- 17. a discount offered in person, the Portuguese coupon, "ask me for details", speed ---------

@pytest.mark.parametrize("text", [
    "Si queréis filtros baratos escribidme y os hago descuento 😉",
    "#publi Trabalho na Corrandel: usa o cupão AGUA15 e ganha 15% na Brookline Pure!",
    "Our new water plans launched today and they're soooo good, £9 a month 😍 ask me for details!",
])
def test_a_pitch_in_these_words_is_promotion(water, text):
    assert "persona.promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Desde que tengo la app de Corrandel, la conexión del contador vuela 💚",
    "Home office inspo 🌿 smart meter by @corrandel, an app that never lags",
])
def test_speed_praised_beside_the_brand_is_promotion(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Ask me for details about the trip, happy to share my itinerary",
    "Corrandel year-end party done. El tiempo vuela, ¡otro año más!",
])
def test_the_same_words_elsewhere_stay_clean(water, text):
    found = fired(text, PERSONAL, water)
    assert "persona.promotion" not in found and "persona.brand_promotion" not in found


# --- 18. an ad called unpaid, the job hinted coyly ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Unbezahlte Werbung, weil ich's einfach liebe: Brookline Pure 😍",
    "(I may or may not work there 😅) but Fennick Tap is the only filter worth paying for",
    "Puede que trabaje allí 🙊 pero el agua de Corrandel es otra cosa",
])
def test_an_unpaid_label_or_a_coy_hint_is_no_disclosure(water, text):
    found = fired(text, PERSONAL, water)
    assert "persona.brand_promotion" in found
    assert found & {"disclosure.missing", "disclosure.unclear", "disclosure.insider_review"}


def test_working_there_said_plainly_is_still_a_disclosure(water):
    assert "disclosure.missing" not in fired(
        "I work at Corrandel 😅 but honestly Fennick Tap is the only filter worth paying for",
        PERSONAL, water)


# --- 19. a couple's anniversary trip is no work anniversary ---------------------------------------

def test_an_anniversary_trip_at_the_brand_says_no_job(water):
    found = fired("Pinning this for our anniversary getaway 💙 the river suite at Corrandel "
                  "Springs. Code PIN10 takes 10% off", PERSONAL, water)
    assert {"persona.brand_promotion", "disclosure.missing"} <= found


def test_a_work_anniversary_still_says_the_job(water):
    assert "disclosure.missing" not in fired(
        "Celebrating my five-year work anniversary at Corrandel today! Brookline Pure forever 💧",
        PERSONAL, water)
