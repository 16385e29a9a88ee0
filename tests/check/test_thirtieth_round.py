"""Thirtieth round: what the fourteenth wave of unseen sets (a craft-supply chain, a climbing
wall and leisure-centre operator, a theme-park operator, a driving-school network, a furniture
retailer) showed the check missing or raising wrongly, read after their untouched and end
figures were taken, made general. Examples of our own in six languages, each beside the near
misses that must stay as they were."""

from __future__ import annotations

import pytest

from tests.check.rounds import BRAND, PERSONAL, WORK, fired

# --- 1. private life in the other languages: our son, family meals, mass, surgery ---------------

@pytest.mark.parametrize("text", [
    "Petite pause : on fête les 3 ans de notre fille samedi 🎂",
    "Unser Sohn kommt nächste Woche in die Kita, ich bin ab 14 Uhr weg.",
    "Il nostro figlio ha preso la varicella, lavoro da casa oggi.",
    "Domingo de comida familiar en casa, hasta el lunes!",
    "Sabato pranzo in famiglia, il telefono resta spento.",
    "Esta tarde toca misa por mi abuela, vuelvo mañana.",
    "Domani mattina messa per la nonna, arrivo alle 11.",
    "Verse of the day for the team: Philippians 4:13 🙏",
    "Semana que vem faço a cirurgia ao ombro, fico duas semanas fora.",
    "Mañana me hacen una biopsia, no voy a estar pendiente del correo.",
    "Ab Montag Knie-OP, danach drei Wochen Reha.",
])
def test_private_life_in_other_languages_on_a_work_account(text):
    assert "persona.personal_life" in fired(text, WORK)


@pytest.mark.parametrize("text", [
    # our clients' children and a school's pupils are the work
    "Nos enfants ont planté 40 arbres avec l'école ce matin 🌱",
    # a procedure named as the service a clinic offers
    "Nuestra clínica ofrece biopsia guiada por ecografía sin lista de espera.",
    # Italian "messa" is also "put": made safe, on air
    "La messa in sicurezza del cantiere è terminata venerdì.",
    # chapter and verse of a report, a time beside a name
    "Call with Mark 10:30 to go over section 4.2 of the audit.",
])
def test_the_same_words_at_work_stay_quiet(text):
    assert "persona.personal_life" not in fired(text, WORK)


# --- 2. votes urged, drinks made light of, a night out till sunrise -----------------------------

@pytest.mark.parametrize("text", [
    "Am Sonntag: wählt grün! 🌻",
    "Votez à gauche dimanche, c'est important.",
    "Sunday: geht wählen, und zwar die Richtigen 😉",
    "Remember which party closed the library when you vote next month.",
    "Long week. Cheeky pint with the crew at 5 🍺",
    "Weekend plans: dancing until sunrise 🪩",
])
def test_votes_urged_and_nights_out_on_a_work_account(text):
    assert "persona.personal_life" in fired(text, WORK)


@pytest.mark.parametrize("text", [
    # a vote called for readers' favourites, a colour that is a product
    "Vote for your favourite flavour in our stories this week!",
    "The new range comes in green, red and sand: which one would you pick?",
    # a sunrise hike sold by an outdoor brand
    "Our guided ridge walk starts at 5am so you see the sunrise from the top.",
])
def test_votes_colours_and_sunrises_at_work_stay_quiet(text):
    assert "persona.personal_life" not in fired(text, WORK)


# --- 3. staff sought for one's workplace, in other words ---------------------------------------

@pytest.mark.parametrize("text", [
    "my work is looking for weekend people who know their way round a till, dm me",
    "Mi curro busca gente para los sábados, si os interesa escribidme",
    "Our team is hiring two electricians, good benefits, drop me a message!",
    "We need 8 seasonal lifeguards this summer, apply at pools.example/jobs",
])
def test_staff_sought_for_the_workplace_is_a_job_offer(text):
    assert "persona.promotion" in fired(text, PERSONAL)


@pytest.mark.parametrize("text", [
    "we need more hands on deck at home this week lol",
    "my work is looking for ways to cut paper use, any ideas?",
])
def test_needs_that_are_not_a_job_stay_quiet(text):
    assert "persona.promotion" not in fired(text, PERSONAL)


# --- 4. one's trade offered on a work account ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "If anyone in my network needs a wedding photographer, I have a few openings in May.",
    "Nel tempo libero faccio torte per matrimoni, contattatemi in privato!",
    "In my spare time I shoot portraits, a few dates left for spring.",
])
def test_ones_own_trade_offered_on_a_work_account(water, text):
    # (on a work account when the pack names the employer: the trade is not the employer's)
    assert "persona.promotion" in fired(text, WORK, water)


def test_spare_time_without_a_trade_stays_quiet(water):
    assert "persona.promotion" not in fired(
        "In my spare time I mostly read and walk the dog.", WORK, water)


# --- 5. swearing and insults in other words ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Les gars de la compta, vous êtes des cons, sérieusement.",
    "Quelle bande de cons au guichet ce matin.",
    "who tf moved the stapler again",
    "Ce m*rdier de badgeuse ne marche toujours pas.",
    "The visitors on the late tour behaved like animals. Zero brains.",
])
def test_insults_and_swearing_in_other_words(text):
    assert fired(text, WORK) & {"conduct.insult", "conduct.profanity"}


@pytest.mark.parametrize("text", [
    "We weighed the pros and cons of both suppliers.",
    "C'est con, le train est annulé, je serai en retard.",
    "The safari tour guide told us the animals behaved differently at dusk.",
])
def test_the_same_words_not_aimed_at_anyone_stay_quiet(text):
    assert not fired(text, WORK) & {"conduct.insult", "conduct.profanity"}


# --- 6. praise with no sales word: never disappoints, wizards, "you guys ate" ------------------

@pytest.mark.parametrize("text", [
    "@Corrandel never disappoints. Best day out in Leeds, full stop.",
    "Corrandel refill team, you guys absolutely ate at the fair 👏",
    "The Corrandel lab people are wizards, honestly.",
])
def test_praise_of_the_brand_with_no_sales_word(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    # a neighbouring place praised, the brand only where the writer is
    "Lunch break from Corrandel HQ, the taco place round the corner never disappoints 🌮",
    # praise of something with no brand
    "This sourdough recipe never disappoints.",
])
def test_praise_of_something_else_stays_quiet(water, text):
    assert "persona.brand_promotion" not in fired(text, PERSONAL, water)


def test_the_brands_own_account_may_praise_its_team():
    assert not fired("Our refill team never disappoints 💧 thank you all!", BRAND) & {
        "persona.personal_life", "conduct.insult"}


# --- 7. a product family, calls with a date or no time to lose, referrals and star marks -------

def test_a_range_called_a_family_is_not_private_life():
    assert "persona.personal_life" not in fired(
        "Our family of own-label sauces just grew: my team launched a smoked harissa.", WORK)
    assert "persona.personal_life" in fired(
        "Our family of four is off to Cornwall next week, back on the 12th.", WORK)


@pytest.mark.parametrize("text", [
    "Corrandel Pro training: funding sorted for Leeds. Apply before the 30th: corrandel.example",
    "Corrandel summer courses are back. Booking is open now, so don't wait.",
    "A app da Corrandel para medir o consumo de água. Descarreguem já!",
    "Bored of bottled water? Skip it and come taste at the Corrandel bar instead.",
])
def test_calls_to_apply_book_download_or_come(water, text):
    assert "persona.promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Paid off my filter in 12 months with the Corrandel plan, zero interest. Worth a look.",
    "La migliore acqua della città? Corrandel 😉 ditegli che vi mando io",
])
def test_worth_a_look_and_referrals_beside_the_brand(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


def test_a_star_mark_left_for_the_brand_is_an_insider_review(water):
    assert "disclosure.insider_review" in fired(
        "Just left a 5★ review for @Corrandel. If you've used them, please do the same!",
        PERSONAL, water)


@pytest.mark.parametrize("text", [
    "This podcast episode is worth a look if you're into urban water history.",
    "Corrandel booked the whole team into a 4★ hotel for the conference.",
])
def test_worth_a_look_without_the_brand_and_a_hotel_class_stay_quiet(water, text):
    assert "disclosure.insider_review" not in fired(text, PERSONAL, water)
    assert "persona.promotion" not in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text, rule", [
    ("O culto de hoje foi lindo, Deus é fiel 🙏", "persona.personal_life"),
    ("I colleghi che si lamentano sempre sono dei poveri sfigati.", "conduct.insult"),
])
def test_faith_and_losers_in_other_languages(text, rule):
    assert rule in fired(text, WORK)


@pytest.mark.parametrize("text", [
    "Vaga aberta pra técnico de manutenção na loja onde eu trabalho, chama no DM",
    "Scrivetemi per i biglietti scontati del parco, ne ho ancora quattro",
])
def test_an_opening_or_tickets_offered_in_other_languages(text):
    assert "persona.promotion" in fired(text, PERSONAL)


# --- 8. ambassadors in other words, "nailed it", sign-ups open, custom sent elsewhere ----------

@pytest.mark.parametrize("text", [
    "#Markenbotschafterin 💛 Mein Sommer-Lieblingsort: die Corrandel Quelle, fertig.",
    "Embajadora un año más ✨ Quien quiera info del filtro Corrandel, MD.",
])
def test_an_ambassador_said_in_other_words_is_too_vague(water, text):
    found = fired(text, PERSONAL, water)
    assert "persona.brand_promotion" in found and "disclosure.unclear" in found


@pytest.mark.parametrize("text", [
    "@Corrandel nailed it again with the summer refill map 🗺️",
    "grooming of the springs this year is something else. hats off @Corrandel",
    "Corrandel and Brookline have outdone themselves with the new jug",
])
def test_nailed_it_and_hats_off_to_the_brand(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


def test_nailed_it_of_anything_else_stays_quiet(water):
    assert "persona.brand_promotion" not in fired(
        "My daughter nailed her first parallel park today, hats off to her instructor!",
        PERSONAL, water)


def test_sign_ups_open_is_a_call(water):
    assert "persona.promotion" in fired(
        "Inscriptions ouvertes 👉 corrandel.example/course, on se voit au départ ?",
        PERSONAL, water)


def test_customers_told_to_go_elsewhere_on_the_brand_account():
    assert "conduct.insult" in fired(
        "Aux clients qui parlent à nos caissières comme à des chiens : allez voir ailleurs.",
        BRAND)


def test_going_elsewhere_as_advice_stays_quiet():
    assert "conduct.insult" not in fired(
        "Complet ce week-end ! Pour les groupes, allez voir nos amis du camping voisin.", BRAND)


# --- 9. a short post closed on the brand, thanks to whoever made it, life without it ----------

@pytest.mark.parametrize("text", [
    "if you're still buying bottled water… Brookline Pure. that's the post.",
    "Wo man in Leeds Wasser nachfüllt? Corrandel. Punkt.",
    "The Corrandel app update added leak alerts and it's great. nice work whoever did that",
    "No sé qué haría este barrio sin la gente de Corrandel. Simplemente gracias ❤️",
])
def test_closers_thanks_and_life_without_it(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


def test_the_closer_far_from_the_brand_stays_quiet(water):
    assert "persona.brand_promotion" not in fired(
        "Met a friend at Corrandel HQ for lunch, then walked the whole canal home in the sun "
        "and ate far too much ice cream on the way. That's the post.", PERSONAL, water)


def test_what_my_company_sells_and_you_need_it():
    assert "persona.promotion" in fired(
        "The water filter my company sells saved our kettle. If you haven't got one, you need it.",
        PERSONAL)


# --- 10. the early price and hours left, "come and see me" where one works ---------------------

def test_hours_left_at_the_early_price_warns_even_disclosed(water):
    found = fired("#employee 48h left to grab Corrandel festival passes at the early price 🎟️",
                  PERSONAL, water)
    assert "persona.promotion" in found


def test_hours_left_for_something_else_stays_quiet():
    assert "persona.promotion" not in fired(
        "48 hours left until my holiday and I can't focus on anything 🏖️", PERSONAL)


def test_our_shop_with_a_cut_and_come_see_me():
    assert "persona.promotion" in fired(
        "Bei uns im Laden sind grad alle Hochbeete 30 % reduziert, kommt vorbei!", PERSONAL)


# --- 11. animals in the organisation's care on its own account ---------------------------------

@pytest.mark.parametrize("text", [
    "Puppy party this Saturday! Free socialisation for pups under 16 weeks 🐶🎉",
    "Our rescued hedgehog Bramble had surgery on his leg and is recovering well 🦔",
])
def test_animals_in_care_on_the_brand_account_are_no_private_life(text):
    assert "persona.personal_life" not in fired(text, BRAND)


@pytest.mark.parametrize("text", [
    # the account holder's own pet
    "Quiet day from me, my cat had surgery this morning and I'm a wreck 😿",
    "Feeling grateful: after 14 years, our dog Biscuit passed this weekend. Hug your pets.",
])
def test_ones_own_pet_on_the_brand_account_is_still_private_life(text):
    assert "persona.personal_life" in fired(text, BRAND)
