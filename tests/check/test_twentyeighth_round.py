"""Twenty-eighth round: what the twelfth wave of unseen sets (a home-solar installer, a chain of
driving schools, a maker of organic baby food and wooden toys, an operator of coaches and
island ferries, a chain of dental clinics) showed the check missing or raising wrongly, read
after their untouched and end figures were taken, made general. Examples of our own in six
languages, each beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from tests.check.rounds import BRAND, CORRANDEL_PACK, PERSONAL, WORK, fired, policy_from

# --- 1. drinks, a stomach bug, a divorce, a lonely-hearts advert, a vote and Holy Week in slang ---

@pytest.mark.parametrize("text", [
    "Who's up for margaritas tonight after the valve swap? 🍹",
    "Mañana nos vamos de cañas todo el turno de noche, ¡hasta que el cuerpo aguante!",
    "Cervecita con los de la depuradora y a casa 🍻",
    "still hanging from Friday's leaving do, send coffee",
    "Erst Kölsch, dann Club: wer ist Samstag dabei?",
    "Llevo dos días con gastroenteritis, perdonad si tardo en contestar",
    "Ho la febbre a 39 ma il report lo chiudo lo stesso",
    "Ma daronne a eu 60 ans hier, grosse teuf jusqu'à 3 h",
    "Bei mir läuft gerade die Scheidung, ich bin nächste Woche kaum erreichbar.",
    "Single, 41, own van, loves a long walk. Anyone want to set me up?",
    "Domingo votad bien, que la sanidad no se defiende sola. Ya sabéis a quién me refiero.",
    "Quem vota neles não quer saber da água de ninguém.",
    "El Jueves Santo sale nuestra Hermandad y yo de costalero, ¡que Dios nos dé fuerzas!",
])
def test_own_drinking_health_family_dating_politics_and_faith_said_in_slang(water, text):
    assert "persona.personal_life" in fired(text, WORK, water)


@pytest.mark.parametrize("text", [
    "O'zapft is! Our coach trip to the Oktoberfest leaves Munich at 9, seats still free.",
    "Puesta en marcha de la nueva depuradora de Arganda este lunes.",
    "The new filter set me up for a much simpler maintenance routine.",
    "Single-use bottles, 40 per cent fewer since the refill stations opened.",
    "Our members want your vote: which refill station should open next?",
    "La febbre dell'oro blu: perché l'acqua costa sempre di più.",
])
def test_the_same_words_at_work_stay_clean(water, text):
    assert "persona.personal_life" not in fired(text, WORK, water)


# --- 2. name-calling in German, Portuguese and Argentine slang; masked; a French delay ------------

@pytest.mark.parametrize("text", [
    "An alle Schwachköpfe, die meinen, Leitungswasser sei ungesund: lest die Werte.",
    "Die Leute vom Bauhof sind echt Pfeifen, drei Wochen für ein Ventil.",
    "Der Lieferant ist ein Haufen Lauchs.",
    "Os fornecedores de tubos são uns palhaços.",
    "Los del depósito son unos chantas, otra vez el pedido mal.",
    "the a$$hats at the other utility are poaching our engineers again",
    "Quelle bande de c*ns au service technique",
    "Chi ha scritto questo regolamento è un ritardato.",
    "Sorry for the wait, we got gypped by the pump supplier.",
    "Was für ein beschissener Montag, Rohrbruch in der Altstadt.",
])
def test_name_calling_slurs_and_swearing_in_more_shapes_are_conduct(water, text):
    assert any(rule.startswith("conduct.") for rule in fired(text, BRAND, water))


@pytest.mark.parametrize("text", [
    "Quatre coupures ce week-end, toutes réparées sans un seul retard sur le planning.",
    "Aucun retard prévu sur les travaux de la rue Nationale.",
    "Il rimborso è stato ritardato di due giorni, scusate.",
    "Un ritardato pagamento comporta una penale del 2%.",
    "Heute gibt's Lauch-Kartoffel-Suppe in der Kantine.",
    "Contratámos um palhaço para a festa de Natal dos filhos da equipa.",
    "Zum Anpfiff pfeifen die Schiedsrichter um 15 Uhr.",
])
def test_the_same_words_in_their_harmless_senses_stay_clean(water, text):
    assert not any(rule.startswith("conduct.") for rule in fired(text, BRAND, water))


# --- 3. praise no everyday remark says, with no other cue beside the brand ------------------------

@pytest.mark.parametrize("text", [
    "Corrandel is the only water company I'd trust with my old lead pipes.",
    "Brookline Pure. Nobody does it better, honestly.",
    "@corrandel sorted our leak in an hour 🙌 if you're in Swansea, these are your people",
    "The Osterling jug filter: you can taste the difference from day one",
    "Brookline Pure ate and left no crumbs fr",
    "Parce, el filtro de Osterling es una chimba 😍",
    "Se cercate un filtro andate da Osterling a occhi chiusi!",
    "Meilleure eau minérale de la région : Brookline Pure, sans hésiter 💧",
    "O filtro Osterling é o melhor que existe, sério.",
    "Le distributeur Brookline Pure a la gare, le plus simple que j'aie jamais vu",
    "Osterling's jug is the easiest filter I've used, and the cheapest I found by miles",
    "A loja da Corrandel tem a fonte mais bonita que já vi 😍",
    "Proud of the Corrandel crew. Genuinely the best engineers in the north.",
])
def test_praise_said_of_the_brand_is_promotion_with_no_other_cue(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Corrandel's bill came today. The new café on Wind Street, nobody does it better.",
    "Corrandel's office is near the best chippy in the north, which explains a lot.",
    "Paid the Corrandel bill. Best of luck to everyone moving this weekend: the van is booked.",
])
def test_the_same_praise_of_something_else_beside_the_brand_stays_a_mention(water, text):
    assert "persona.brand_promotion" not in fired(text, PERSONAL, water)


# --- 4. a campaign tag with its accents, thanks, a wink, a tie-up said vaguely, a tip, credit -----

@pytest.mark.parametrize("text", [
    "Tarde de playa con la botella nueva ☀️ #DrínkBrookline",
    "valeu Osterling pelos filtros novos, tão uma maravilha aqui",
    "Dank an @corrandel für das Paket 💧",
    "If your tap water tastes odd lately... you know where I work 😉 Brookline Pure",
    "Soirée dégustation Brookline Pure sur la terrasse 💧 #partenaire",
    "En colaboración con Osterling os cuento que ya tienen jarras para nevera.",
    "Seit wir Brookline Pure trinken, geht's uns viel besser. Nur so als Tipp.",
    "Mornings got so much calmer since we started using the Fennick Tap app.",
    "0% finance on the Osterling under-sink unit through Corrandel, that's how I paid for mine",
    "Se cercate un depuratore andate da Osterling, tecnici fantastici!",
    "The Osterling travel bottle is the only one I take hiking",
])
def test_more_shapes_of_promotion_of_the_brand_on_a_personal_account(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Paid the Corrandel bill today. Thanks to my sister for the lift to the post office.",
    "Corrandel's depot is shut today. The bus goes to Neath at ten past, I think.",
    "Mornings got so much calmer since we moved. Corrandel still reads the meter on Tuesdays.",
    "Still no word from Corrandel about the bill. You know where I live, guys.",
])
def test_the_same_words_beside_a_plain_mention_stay_a_mention(water, text):
    assert "persona.brand_promotion" not in fired(text, PERSONAL, water)


# --- 5. a trade plied between shifts, pieces left; a job offered by asking for CVs or names -------

@pytest.mark.parametrize("text", [
    "Between shifts I've been making driftwood lamps. A few pieces left if anyone's interested 🪵",
    "Entre deux rotations je fabrique des bougies, il m'en reste trois, MP si ça vous tente",
    ("Además de la depuradora, llevo una pequeña tienda online de jabones. Os paso el enlace "
     "por privado."),
    "Also, I build garden sheds on the side. If your yard needs one, hit me up, mates' pricing 😉",
])
def test_a_trade_of_ones_own_on_a_work_account_is_a_pitch(water, text):
    assert "persona.promotion" in fired(text, WORK, water)


@pytest.mark.parametrize("text", [
    "Between shifts I've been reading the new water-quality report. Worth your time.",
    "Entre deux rotations je fais des pauses café avec l'équipe de nuit, ça aide.",
])
def test_a_break_between_shifts_sells_nothing(water, text):
    assert "persona.promotion" not in fired(text, WORK, water)


@pytest.mark.parametrize("text", [
    "¡Buscamos fontanero para la zona de Getafe! Jornada completa. Mandadme el CV por privado 😊",
    "on cherche des techniciens pour l'été, pas besoin d'expérience, envoyez-moi vos CV en MP",
    ("my depot is desperate for a pipe fitter. if you know anyone, send them my way, the pay is "
     "decent"),
    "¿Sabéis de algún fontanero que busque curro en Vigo? Nos falta gente y se está muy a gusto.",
])
def test_a_job_offered_on_a_personal_account_is_a_pitch(water, text):
    assert "persona.promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "on cherche des idées de rando pour dimanche, envoyez-moi vos bons plans !",
    "If you know anyone in Swansea with a spare ladder, send them my way, the gutter is a mess.",
])
def test_asking_for_tips_or_a_ladder_is_no_job_offer(water, text):
    assert "persona.promotion" not in fired(text, PERSONAL, water)


# --- 6. a baby or a pregnancy as the brand's subject: its guide, its Q&A, its own product ---------

@pytest.mark.parametrize("text", [
    "Pregnancy & hydration: how much water you really need. Our guide: corrandel.example/bump",
    ("Breastfeeding or bottle, every feeding journey is valid 💧 Our live Q&A with the midwives "
     "is on Thursday."),
    "Teething days call for a chilled Brookline Pure bottle and a long cuddle 🧊",
    "Milk-drunk and fast asleep: the best review a night feed can get 🍼",
])
def test_the_brands_own_subject_on_its_account_stays_clean(water, text):
    assert "persona.personal_life" not in fired(text, BRAND, water)


@pytest.mark.parametrize("text", [
    "The whole Corrandel crew congratulates Sophie, pregnant with twins! 👶👶",
    "Big hugs to Dani from the Brookline Pure line, off sick with depression. Come back soon 💙",
    "Our planner is pregnant and craving Brookline Pure at 3am, send help",
    "Drunk on a Tuesday again, the Corrandel social team 🍻",
])
def test_a_colleagues_news_or_the_teams_drinking_still_warns(water, text):
    assert "persona.personal_life" in fired(text, BRAND, water)


# --- 7. a partner on the brand's account as its stockist, supplier, co-researcher or charity ------

@pytest.mark.parametrize("text", [
    "Ya estamos también en las tiendas de Osterling Filters en Valencia 🛒",
    "Our new jug filter cartridge is made by our friends at Osterling in Bristol 💧",
    ("After a year of research with 300 households and the Osterling lab, the Fennick Tap app "
     "update is out now."),
    ("Our engineers ran the Cardiff Half for Osterling Filters' clean-water fund and raised "
     "£3,200. Proud!"),
])
def test_a_partner_serving_the_brand_on_its_account_needs_no_label(water, text):
    assert not any(rule.startswith("disclosure") for rule in fired(text, BRAND, water))


@pytest.mark.parametrize("text", [
    "Our friends at Osterling have 20% off every jug filter this week with code CORR20 💧",
    "Osterling jug filters now stocked at every Corrandel kiosk: use code TAP10 for 10% off",
])
def test_a_partners_offer_on_the_brands_account_still_needs_a_label(water, text):
    assert any(rule.startswith("disclosure") for rule in fired(text, BRAND, water))


# --- 8. a family's home on the brand's account; a garage sale at one's own home -------------------

@pytest.mark.parametrize("text", [
    ("Big congrats to the Okafors at 1418 W Juniper Ridge Ln in Tucson: their new softener went "
     "in today!"),
    "Welcome to the Lindqvist family, 22 Heather Close, our 10,000th meter upgrade 🎉",
])
def test_a_customer_familys_address_on_the_brand_account_warns(water, text):
    assert "privacy.address" in fired(text, BRAND, water)


def test_a_garage_sale_at_home_shares_the_home_address(water):
    text = "Yard sale Sunday from 9am at 3307 N Cedar Hollow Rd! Tools, a bike and a lot of mugs."
    assert "privacy.address" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Visit the Corrandel visitor centre at 40 Mill Lane, Swansea, open 9 to 5 every weekday.",
    "The Cardiff Blues at 12 Westgate Street tonight, the Corrandel stand is by gate 3 💧",
])
def test_the_organisations_own_place_stays_a_note(water, text):
    assert "privacy.address" not in fired(text, BRAND, water)


# --- 9. advice and reassurance to readers, with no hostile word, is no attack ---------------------

@pytest.mark.parametrize("text", [
    ("Before your test you must be able to read a meter from two metres. If you wear glasses, "
     "wear them, and get your eyes checked if you're not sure."),
    "Sauna etiquette 101: shower first, towel down, phones off, keep your voice down.",
    ("Before your appointment you must turn off the stopcock. If you can't find it, don't "
     "guess, and call us if you're not sure."),
    ("The leak alarms aren't there to judge you. They're there to save your floorboards, and "
     "your engineer has fitted hundreds."),
])
def test_advice_and_reassurance_stay_clean_on_the_brand_account(water, text):
    assert not any(rule.startswith("conduct.") for rule in fired(text, BRAND, water))


def test_wanting_to_be_someone_when_old_is_admiration(water):
    text = ("Esta mañana vino a la oficina un vecino de 93 años, andando, a preguntar por su "
            "contador. Quiero ser él de mayor.")
    assert not any(rule.startswith("conduct.") for rule in fired(text, WORK, water))


@pytest.mark.parametrize("text", [
    "Before your meter appointment: learn to read, genius. It's not that hard, you muppet.",
    "Etiquette 101 for the clown who blocked our van: move it or we'll tow it, idiot.",
])
def test_an_insult_in_an_advice_post_is_still_conduct(water, text):
    assert any(rule.startswith("conduct.") for rule in fired(text, BRAND, water))


# --- 10. the best move one made, a crush, nothing more to say, readers told to come or tell -------

@pytest.mark.parametrize("text", [
    "Switched the whole house to Brookline Pure refills this spring. Best call we made.",
    "Coup de cœur pour les carafes Osterling 💧",
    "Brookline Pure ❤️ rien d'autre à dire",
    "If you need a water filter in Cardiff: Osterling. Nothing more to say 😉",
    "Fennick Tap is the only acceptable tap water, I don't make the rules",
    "whoever designs the Corrandel refill kiosks deserves a raise",
    "vengan a la tienda de Corrandel en la calle Mayor, yo los atiendo 😎",
    "@corrandel has a drop-in clinic on Sundays now, tell your tías and your tíos",
])
def test_more_praise_and_calls_said_of_the_brand_are_promotion(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Corrandel dug up our road again. Moving to Leeds was the best call we made.",
    "Paid the Corrandel bill. Nothing more to say about this week, honestly, it was long.",
])
def test_the_same_words_of_something_else_stay_a_mention(water, text):
    assert "persona.brand_promotion" not in fired(text, PERSONAL, water)


# --- 11. places or stock running out, and readers told to sign with a partner ---------------------

@pytest.mark.parametrize("text", [
    "Osterling's filter-fitting workshop is brilliant. Book it in the app before it fills up!",
    ("The new Brookline Pure glass bottle is finally out. Go get one before the first batch is "
     "gone 😍"),
    "Apuntaos al taller de Osterling antes de que se llene 💧",
    "If you run a café, sign with Osterling, their service is the best around",
])
def test_a_call_with_places_running_out_is_a_pitch(water, text):
    assert "persona.promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Bluebells in Coed Cefn are glorious this week, go before they're gone 💜",
    "Get to the beach before it fills up, Sunday crowds are no joke",
])
def test_a_walk_or_a_beach_before_the_crowds_sells_nothing(water, text):
    assert "persona.promotion" not in fired(text, PERSONAL, water)


# --- 12. an insider's verdict in more shapes: unpaid said, a ranking, a long custom, the modal ----

@pytest.mark.parametrize("text", [
    "Non è una sponsorizzazione, ma il filtro Osterling è il migliore che abbia mai montato.",
    "Kann die Brookline-Pure-Flasche wirklich nur empfehlen, hält seit drei Jahren ⭐",
    "Rating every refill station on my commute: 1. Corrandel (flawless) 2. the gym 3. the library",
    ("En tant que cliente depuis 12 ans, je peux vous le dire : Corrandel, c'est le meilleur "
     "service de la région."),
    "Fennick Tap app. Worth every single penny. That's the review.",
    "los filtros de Osterling nunca fallan, 5 estrellitas ⭐",
])
def test_an_employees_verdict_on_the_brand_is_an_insider_review(water, text):
    assert "disclosure.insider_review" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    ("Corrandel's office shuts on Monday. As a member of the choir for ten years I know that "
     "hall well."),
    "As a passenger for 20 years on the 7:10 I've seen it all. Corrandel's van was on it today.",
])
def test_a_notice_or_a_commute_story_is_no_review(water, text):
    assert "disclosure.insider_review" not in fired(text, PERSONAL, water)


# --- 13. a partner thanked by name or handle; "(partner)" and "in partnership with" are vague -----

@pytest.mark.parametrize("text", [
    "Weekend hike with the new jug, cold water all day. Danke @osterling!",
    "Mi botella nueva para el verano, ¡gracias @osterling! 💧",
    "thanks Osterling for keeping the crew hydrated this week 💧💧",
    "(partner) Osterling's travel filter is now in every Corrandel shop near you, give it a go",
])
def test_a_partner_thanked_or_tagged_vaguely_is_promotion_with_an_unclear_label(water, text):
    found = fired(text, PERSONAL, water)
    assert "persona.brand_promotion" in found and "disclosure.unclear" in found


@pytest.mark.parametrize("text", [
    "Thank you to Osterling colleagues for volunteering at our river clean-up today 👏",
    "Gracias a Osterling por acompañarnos en la jornada de limpieza del río.",
])
def test_thanks_to_a_partner_on_a_work_account_is_its_news(water, text):
    assert not any(rule.startswith("disclosure") for rule in fired(text, WORK, water))


def test_thanks_to_as_because_of_is_no_thanks_sent(water):
    text = "Il mio nuovo rubinetto grazie a Osterling, ve lo consiglio!"
    assert "disclosure.unclear" not in fired(text, PERSONAL, water)


# --- 14. a codename after the Portuguese article, translated, or teased in lower case -------------

@pytest.fixture
def secrets(tmp_path):
    return policy_from(tmp_path, CORRANDEL_PACK.replace(
        'terms = ["Project Millrace"]',
        'terms = ["Proyecto Nácar", "Blue Harbour", "Night Pantry", "Werkbank Blau", "Bernache"]'))


@pytest.mark.parametrize("text", [
    "Mais uma reunião sobre a Bernache hoje... quando é que isto sai?",
    "Projet Nacre encore reporté, quelle surprise",
    "Progetto Madreperla slitta a giugno",
    "La Despensa Nocturna por fin arranca en Cádiz 🌙",
    "Petite pensée pour l'équipe Établi Bleu, qui boucle son prototype",
    "Lo del puerto azul (ya sabéis, el proyecto con nombre en inglés) sale en marzo",
])
def test_a_codename_translated_or_after_an_article_is_confidential(secrets, text):
    assert "confidential.term" in fired(text, WORK, secrets)


@pytest.mark.parametrize("text", [
    "Vimos uma bernache no estuário do Tejo hoje de manhã 🪿",
    "Comimos en el puerto, con el agua tan azul que parecía pintada",
    "Drei Stunden an der Werkbank, blaue Finger vom Lack.",
])
def test_the_same_words_in_their_everyday_sense_stay_clean(secrets, text):
    assert "confidential.term" not in fired(text, WORK, secrets)


# --- 15. a German street named by its preposition, without a street word --------------------------

@pytest.mark.parametrize("text", [
    ("Abschiedsfeier für Jonas am Samstag bei ihm zu Hause, Am Mühlbach 9 in Bad Aibling, "
     "bringt Salat mit!"),
    "Neue Adresse für die Weihnachtskarten: Zur Alten Mühle 14, Rosenheim 🎄",
])
def test_a_german_street_named_by_its_preposition_is_an_address(water, text):
    assert "privacy.address" in fired(text, WORK, water)


@pytest.mark.parametrize("text", [
    "Am Montag 9 Uhr startet die Zählerablesung in der Altstadt.",
    "Am Stand 12 auf dem Wochenmarkt gibt es heute Wasserproben zum Mitnehmen.",
    "Zum Start 3 neue Trinkbrunnen am Hauptbahnhof 💧",
])
def test_a_time_a_stall_or_a_count_is_no_address(water, text):
    assert "privacy.address" not in fired(text, WORK, water)


# --- 16. the long tail: a crush, a colleague's wedding, a Chilean party, payday; more put-downs ---

@pytest.mark.parametrize("text", [
    "Our social manager won't post until her crush texts back, be patient 💘",
    ("Dietro le quinte in magazzino: il nostro magazziniere si sposa sabato e non ha ancora "
     "scritto le promesse 😬"),
    "El carrete del sábado estuvo épico, gracias cabros 🍻",
    "ngl the leaving drinks got messy last night, someone is asleep under the pump rig 💀",
    "La peque se gradúa hoy 🎓 no puedo con tanto orgullo",
    "can't stop refreshing my bank app, overdraft again before payday",
    "Domenica si vota: chi ama questo paese sa già dove mettere la croce ✊",
])
def test_more_personal_life_said_in_passing_on_a_work_account(water, text):
    assert "persona.personal_life" in fired(text, BRAND, water)


@pytest.mark.parametrize("text", [
    ("À la cliente qui nous met une étoile pour une fuite réparée en une heure : on ne soigne "
     "pas la bêtise."),
    "Think the utility poisons its own reservoir?? Use your brain, people.",
    "Our new contractor is as useful as a chocolate teapot.",
    "Este sistema de citas es para retrasados, de verdad.",
    "Fаck Mondays, honestly",
    "Shoutout to the night crew for unf*cking the pumping station 🙏",
])
def test_more_put_downs_slurs_and_swearing_are_conduct(water, text):
    assert any(rule.startswith("conduct.") for rule in fired(text, BRAND, water))


@pytest.mark.parametrize("text", [
    "El tren llegó retrasado por la nieve; el equipo de guardia ya está en Segovia.",
    "Crush the Q3 targets? We'd settle for fixing the Mill Lane main.",
    "Our river guide on how to use your brain's fear response when wild swimming 🧠",
    "Payday loans and water debt: what to do before payday if your bill is late",
])
def test_the_same_words_at_work_stay_clean_here_too(water, text):
    found = fired(text, BRAND, water)
    assert not any(rule.startswith("conduct.") for rule in found)
    assert "persona.personal_life" not in found


# --- 17. the nicest one I know, marks in emoji, a board sourced from it, verdicts closing a sentenc

@pytest.mark.parametrize("text", [
    "Whole Saturday at the Corrandel visitor centre. Honestly the nicest water museum I know 💧",
    "Brookline Pure sparkling on a hot day: 💧💧💧💧💧 out of 5",
    "Kitchen refresh inspo 💡 everything on this board is from the Osterling range",
    "@osterling gracias por el regalito 💧",
    "Pantry restock: three crates of Brookline Pure. No regrets.",
    "Sonntagsfrühstück: Brot, Butter und ein Glas Fennick Tap. Mehr braucht man nicht.",
    "No sé qué haría sin el filtro de Osterling, de verdad",
])
def test_more_praise_of_the_brand_with_no_sales_word(water, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, water)


@pytest.mark.parametrize("text", [
    "Corrandel's van on our street again. No regrets about moving here though, it's quiet.",
    "Corrandel's van on our street again. The kids rated the digger 🚜🚜🚜 out of 3.",
])
def test_the_same_shapes_of_something_else_stay_a_mention(water, text):
    assert "persona.brand_promotion" not in fired(text, PERSONAL, water)


# --- 18. more pitches: a cut "reduziert", the first comers rewarded, drop by, set an alarm --------

@pytest.mark.parametrize("text", [
    "Bei Osterling sind grad alle Wasserfilter 25 % reduziert, ich berate euch gern!",
    "our new refill kiosk opens Saturday and the first 200 visitors get a free bottle. be there 💧",
    "Mañana salen los bonos de verano de Brookline Pure. Poneos alarma a las 10:00 ⏰",
    "Os dejo por aquí mi tienda online de cerámica, primer pedido con envío gratis 😉",
])
def test_more_pitches_on_a_personal_account(water, text):
    assert "persona.promotion" in fired(text, PERSONAL, water)


def test_weekend_dates_still_open_sell_a_trade_on_a_work_account(water):
    text = ("Fun fact: on weekends I play sax at weddings 🎷 Still got two Saturdays open in May "
            "if anyone's planning.")
    assert "persona.promotion" in fired(text, WORK, water)


@pytest.mark.parametrize("text", [
    "The first 20 minutes of the film were the best part, honestly.",
    "Set an alarm for the meteor shower tonight, it peaks at 2am ✨",
    "Die Preise sind um 3 % gestiegen, nicht reduziert. Typisch.",
])
def test_the_same_words_selling_nothing_stay_clean(water, text):
    assert "persona.promotion" not in fired(text, PERSONAL, water)


# --- 19. the writer's unit named after the employer; the cheapest way to it ----------------------

def test_a_trade_beside_ones_role_on_the_employers_crew_is_a_pitch(water):
    text = ("Besides my role on the Corrandel night shift, I also shoot weddings in the valley! "
            "Now booking summer 2027, DM me for rates 📸")
    assert "persona.promotion" in fired(text, WORK, water)


def test_the_cheapest_way_to_the_brand_is_a_pitch(water):
    text = "Cheapest way to get filtered water this winter, honestly → corrandel.example/early"
    assert "persona.promotion" in fired(text, PERSONAL, water)


def test_the_cheapest_way_home_sells_nothing(water):
    text = "Cheapest way to get home from Cardiff at 2am? Asking for a friend 🙃"
    assert "persona.promotion" not in fired(text, PERSONAL, water)
