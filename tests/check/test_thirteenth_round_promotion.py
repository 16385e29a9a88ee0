"""The thirteenth round, promotion and disclosure (fixing sets corbel, mercalba and brightloom,
after their unseen figures were taken): the employer's news on one's own work account (a job
offer, a report or data published, an episode of one's own outlet, a call for pitches or
participants, a free workshop or open house, a sponsorship said plainly) needs no disclosure,
while selling there still does; a wink at the tie beside a brand ("(sí, soy fan)", "not that I'm
biased 🙃") and a vague "#collab" label make the mention promotion that needs a disclosure; a
plural imperative to buy ("correte a comprarla", "Kauft sie!", "payez avec"), the reader's points
doubled, a saving said to the reader ("ahorráis un montón") and a spec sheet with "that's it,
that's the tweet" promote the brand; the job said does not label a partner's product as an ad;
one's own side business, sale or gig on a work account is persona.promotion.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.analysis import DraftText, analyse_promotion
from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import findings, policy_from
from tests.check.rounds import fired as rules

PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)
WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)
MASTODON_WORK = CheckTarget(Network.MASTODON, Persona.WORK, Owner.SELF)
BRAND_ACCOUNT = CheckTarget(Network.INSTAGRAM, Persona.WORK, Owner.EMPLOYER)

PACK = """\
version = 1
[employer]
name = "Marrowby"
aliases = ["Marrowby Fresh", "Marrowby Radio", "@marrowby"]
domains = ["marrowby.example"]
hashtags = ["#MarrowbyFresh"]
[[partners]]
name = "Pellucid Bank"
aliases = ["Pellucid Points", "Pellucid card", "@pellucidbank"]
domains = ["pellucid.example"]
[[partners]]
name = "Vantor Motors"
aliases = ["Vantor Iris", "@vantormotors"]
domains = ["vantor.example"]
[[partners]]
name = "Glimmerstream"
aliases = ["@glimmerstream"]
[[partners]]
name = "Harewood Rovers"
aliases = ["@harewoodrovers"]
[disclosure]
region = "us"
accepted = ["#ad", "#MarrowbyTeam", "Werbung:", "publicité", "publicidad", "pubblicità"]
"""

PROMOTION = {"persona.brand_promotion", "persona.promotion"}
DISCLOSURE = {"disclosure.missing", "disclosure.insider_review", "disclosure.unclear"}


@pytest.fixture
def grocer(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "marrowby.toml")


# --- 1. the employer's news on one's own work account -----------------------------------------

@pytest.mark.parametrize("text", [
    # a job offer
    "Recruiting night-shift pharmacists in Leeds: 4 nights a week, full training. Details at "
    "marrowby.example/careers",
    "Marrowby busca reponedores en Sevilla, jornada completa. Postula en marrowby.example/empleo",
    "Marrowby recrute des préparateurs à Lille. Candidatez sur marrowby.example/emplois",
    "Wir suchen Kommissionierer in Köln! Alle Infos: marrowby.example/jobs #MarrowbyFresh",
    "A Marrowby está a contratar farmacêuticos no Porto. Vagas em marrowby.example/vagas",
    "Marrowby cerca cassieri a Torino, posizioni aperte su marrowby.example/lavoro",
    # a publication: a report, data, an episode of one's own outlet
    "Our 2027 food-waste report is out: 41% less waste across Marrowby Fresh. Full report: "
    "marrowby.example/waste",
    "We published the allergen data for every Marrowby Fresh line, CSV and JSON: "
    "marrowby.example/allergens",
    "New episode of Marrowby Radio: how a night shift restocks 3,000 shelves. Listen: "
    "marrowby.example/radio/12",
    "Hemos publicado el informe de accesibilidad de la app de Marrowby: marrowby.example/a11y",
    "Notre rapport sur le gaspillage est en ligne : marrowby.example/rapport",
    "Unser Nachhaltigkeitsbericht ist jetzt online: marrowby.example/bericht",
    "Abbiamo pubblicato il rapporto sugli sprechi: marrowby.example/rapporto",
    # a call for pitches or study participants (with the pay offered)
    "Call for pitches for the Marrowby Radio winter season: we pay $200 an episode. Send "
    "pitches to radio@marrowby.example",
    "Our nutrition team is looking for participants for a 6-week study. Details at "
    "marrowby.example/study",
    # a free event for the community
    "We're running a free cooking workshop for carers on 3 March. Sign up via "
    "marrowby.example/workshop",
    "Open house at the new Marrowby depot on Saturday from 10am, everyone welcome.",
    "Jornada de puertas abiertas en el almacén de Marrowby el sábado, entrada libre.",
    # a sponsorship said plainly
    "Proud that Marrowby is the main sponsor of Harewood Rovers' youth team this season ⚽",
])
def test_the_employers_news_on_ones_own_work_account_needs_no_disclosure(text, grocer):
    assert not rules(text, WORK_SELF, grocer) & DISCLOSURE


@pytest.mark.parametrize("text", [
    # selling on that account: a price, a discount, "buy", back in stock, a code, a rating
    "Our food-waste report is out, and Marrowby Fresh soups are 2 for £3 this week: "
    "marrowby.example/soup",
    "Our food-waste report is out. Also: 20% off all Marrowby Fresh bread with code LEEDS20",
    "New episode of Marrowby Radio is out. Buy the Marrowby Fresh hamper at "
    "marrowby.example/hamper",
    "Marrowby Fresh oat milk is back in stock: marrowby.example/oat",
    "Marrowby Fresh hummus, 5 stars from me. marrowby.example/hummus",
    # a partner's product is an ad, news or not
    "Our card guide is out: the Pellucid card gives you double points at Marrowby, apply at "
    "pellucid.example",
])
def test_selling_on_ones_own_work_account_still_needs_a_disclosure(text, grocer):
    assert rules(text, WORK_SELF, grocer) & DISCLOSURE


@pytest.mark.parametrize("text", [
    "Proud to present our new support programme for young carers in Leeds. Thank you, team!",
    "Orgullosa de presentar nuestro nuevo programa de apoyo a familias cuidadoras.",
    "Fière de présenter notre nouveau programme de soutien aux aidants.",
    "Stolz auf unser neues Förderprogramm für pflegende Angehörige.",
    "Orgulhosa de apresentar o nosso novo programa de apoio a cuidadores.",
    "Orgogliosa di presentare il nostro nuovo programma di sostegno ai caregiver.",
])
def test_a_programme_of_help_on_ones_own_work_account_is_news(text, grocer):
    assert not rules(text, WORK_SELF, grocer) & DISCLOSURE


def test_a_programme_with_a_discount_code_still_sells(grocer):
    text = "Our new support programme is here: 30% off the membership with code CARE30"
    assert rules(text, WORK_SELF, grocer) & DISCLOSURE


def test_a_price_is_not_pay(grocer):
    text = "Call for pitches: Marrowby Radio merch from $25 at marrowby.example/shop"
    assert rules(text, WORK_SELF, grocer) & DISCLOSURE


def test_the_news_without_the_employer_named_stays_quiet_too(grocer):
    text = "Visit our new studio on Mill Lane, open house on Thursday from 5pm, all welcome."
    assert not rules(text, MASTODON_WORK, grocer) & DISCLOSURE


# --- 2. a wink at the tie, vague labels, imperatives, spec sheets -----------------------------

@pytest.mark.parametrize("text", [
    "Best podcast about food right now? Marrowby Radio (yes, I'm a fan) 🎧",
    "not that I'm biased 🙃 but Marrowby Fresh soups are the best in town",
    "La app de Marrowby un 10, y no lo digo porque me paguen 😏",
    "Je dis ça, je dis rien, mais les soupes Marrowby Fresh 😏",
    "Bin natürlich total neutral 😇 aber Marrowby Fresh Suppen sind die besten",
    "Melhor podcast de comida? Marrowby Radio, sem dúvida (sou suspeita pra falar 😅)",
    "Le zuppe Marrowby Fresh, e non lo dico perché mi pagano 😇",
])
def test_a_wink_at_the_tie_beside_the_brand_needs_a_disclosure(text, grocer):
    found = findings(text, PERSONAL, grocer)
    assert found["persona.brand_promotion"].severity.value == "warn"
    # (a mark such as "un 10" makes it an insider review: a disclosure all the same)
    assert any(found[rule].severity.value == "block" for rule in DISCLOSURE if rule in found)


def test_the_disclosure_message_names_the_hint(grocer):
    found = findings("Marrowby Radio is the best food podcast (yes, I'm a fan)", PERSONAL,
                     grocer)
    assert "yes, I'm a fan" in found["disclosure.missing"].message


@pytest.mark.parametrize("text", [
    "not that I'm biased, but my dog is the cutest dog in the park",
    "Sí, soy fan de la lluvia en otoño",
    "Trabajo en Marrowby, así que no soy objetiva 😅, pero la feria solidaria fue preciosa",
    "I work at Marrowby so I'm biased, but the charity fair was lovely",
    "Lavoro da Marrowby, quindi sono di parte: la festa del quartiere è stata bellissima",
])
def test_a_wink_with_no_brand_or_with_the_job_said_needs_no_disclosure(text, grocer):
    assert not rules(text, PERSONAL, grocer) & DISCLOSURE


@pytest.mark.parametrize("text", [
    "weekend sorted: the new thriller on @glimmerstream 🍿 all eight episodes 🔥 #collab",
    "Mi nuevo coche favorito, el Vantor Iris 😍 #colab",
    "Le Vantor Iris, trop bien 😍 #collaboration",
    "Der Vantor Iris ist einfach klasse #kooperation",
])
def test_a_vague_collab_label_beside_a_partner_is_unclear(text, grocer):
    found = findings(text, PERSONAL, grocer)
    assert found["disclosure.unclear"].severity.value == "block"
    assert found["persona.brand_promotion"].severity.value == "warn"


@pytest.mark.parametrize("text", [
    "Great #collab with my sister on the garden this weekend 🌻",
    "Nuevo mural en el barrio #colab con los vecinos",
])
def test_a_collab_label_without_a_brand_stays_quiet(text, grocer):
    assert not rules(text, PERSONAL, grocer) & (DISCLOSURE | PROMOTION)


@pytest.mark.parametrize("text", [
    "La zuppa Marrowby Fresh è la migliore in assoluto, correte a comprarla! 🍲",
    "Die Marrowby Fresh Suppen sind unschlagbar. Kauft sie!",
    "Las sopas Marrowby Fresh, compradlas ya",
    "Payez avec le Pellucid card chez Marrowby et doublez vos points tout le mois",
    "Com o Pellucid card, dobrem os vossos pontos na Marrowby este mês",
])
def test_the_reader_told_to_buy_or_pay_promotes_the_brand(text, grocer):
    found = rules(text, PERSONAL, grocer)
    assert {"persona.brand_promotion", "disclosure.missing"} <= found


@pytest.mark.parametrize("text", [
    "Dormo benissimo 😴 con il codice PELLU sulla Pellucid card avete il 15%!",
    "Con el código PELLU en la Pellucid card tenéis un 15 %",
    "Avec la Pellucid card, vous avez 10 % chez Marrowby tout le mois",
    "Mit der Pellucid card bekommt ihr bei Marrowby... ihr bekommt 10 % auf alles",
    "Com o Pellucid card vocês têm 10% na Marrowby",
    "With the Pellucid card you all get 10% at Marrowby",
])
def test_a_code_or_a_percentage_given_to_the_reader_promotes_the_partner(text, grocer):
    assert {"persona.brand_promotion", "disclosure.missing"} <= rules(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "Il codice della strada è cambiato: avete il 20% di batteria per arrivare?",
    "el código del portal es nuevo y tenéis un 5 % de batería, ¿llegáis?",
])
def test_a_code_or_a_percentage_in_another_sense_stays_quiet(text, grocer):
    assert not rules(text, PERSONAL, grocer) & (DISCLOSURE | PROMOTION)


@pytest.mark.parametrize("text", [
    "Le zuppe? Le ho comprate da Marrowby ieri sera",
    "Ich habe die Suppe bei Marrowby gekauft, war okay",
    "Profitez du soleil ce week-end, on se voit lundi chez Marrowby",
])
def test_a_purchase_told_as_a_story_or_a_call_to_no_purchase_stays_a_mention(text, grocer):
    assert not rules(text, PERSONAL, grocer) & DISCLOSURE


def test_a_spec_sheet_with_a_mic_drop_plugs_the_product(grocer):
    text = "🚗 410mi 🔋 0-60 in 6.1 Vantor Iris. that's it, that's the tweet"
    assert {"persona.brand_promotion", "disclosure.missing"} <= rules(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "Drove 300 km to see my gran this weekend, worth it",
    "420mi later and still no coffee. that's it, that's the tweet",
])
def test_figures_or_a_mic_drop_with_no_brand_stay_quiet(text, grocer):
    assert not rules(text, PERSONAL, grocer) & (DISCLOSURE | {"persona.brand_promotion"})


@pytest.mark.parametrize("text", [
    "Marrowby Fresh hummus. Ten out of ten, no notes",
    "El hummus de Marrowby Fresh es un 10",
    "Le houmous Marrowby Fresh : dix sur dix",
    "Marrowby Fresh Hummus: zehn von zehn",
    "Hummus da Marrowby Fresh, dez em dez",
    "L'hummus Marrowby Fresh? Dieci su dieci",
])
def test_a_perfect_mark_in_words_is_an_insider_review(text, grocer):
    assert "disclosure.insider_review" in rules(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "Saqué un 10 en el examen de conducir, luego fui a Marrowby a celebrarlo",
    "Marrowby: un 10 % de descuento en pan",
])
def test_a_ten_that_is_no_mark_is_no_review(text, grocer):
    assert "disclosure.insider_review" not in rules(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "El mejor pódcast de cocina: Marrowby Radio 🎧",
    "Le meilleur podcast cuisine ? Marrowby Radio, sans hésiter 🎧",
    "Der beste Koch-Podcast: Marrowby Radio 🎧",
    "O melhor podcast de cozinha? Marrowby Radio 🎧",
    "Il miglior podcast di cucina: Marrowby Radio 🎧",
])
def test_the_best_said_with_its_article_praises_the_brand(text, grocer):
    # Praise alone the meaning layer may still read as everyday speech (by design); the word
    # lists must find it in every language.
    promotion = analyse_promotion(DraftText(text), grocer.compiled)
    assert promotion.endorsement and promotion.brand_in_context()


def test_the_best_beside_the_brand_asks_for_a_disclosure(grocer):
    text = "El mejor pódcast de cocina: Marrowby Radio 🎧"
    assert {"persona.brand_promotion", "disclosure.missing"} <= rules(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "El mejor día del año: vacaciones 🌞",
    "Beste Grüße aus dem Marrowby-Lager",
    "a lo mejor voy a Marrowby luego",
    "O melhor do fim de semana foi o café perto da Marrowby",
    "Le meilleur moment de la semaine : un café en face de chez Marrowby",
])
def test_the_best_without_a_brand_or_in_a_greeting_stays_quiet(text, grocer):
    assert not rules(text, PERSONAL, grocer) & (DISCLOSURE | PROMOTION)


# --- 3. a partner's product with only the job said --------------------------------------------

@pytest.mark.parametrize("text", [
    "Soy cajera en Marrowby y os lo digo: con el Pellucid card ahorráis un montón 💳",
    "I'm a cashier at Marrowby and honestly, with the Pellucid card you save loads",
    "Je suis caissière chez Marrowby : avec la Pellucid card vous économisez un max",
    "Ich bin Kassiererin bei Marrowby: mit der Pellucid card spart ihr eine Menge",
    "Sou caixa na Marrowby e com o Pellucid card poupam imenso",
    "Sono cassiera da Marrowby: con la Pellucid card risparmiate un sacco",
])
def test_the_job_said_does_not_label_a_partners_product_as_an_ad(text, grocer):
    found = findings(text, PERSONAL, grocer)
    assert found["disclosure.missing"].severity.value == "block"
    assert "Pellucid Bank is an advertiser" in found["disclosure.missing"].message


@pytest.mark.parametrize("text", [
    "you save loads of time by batching your emails",
    "Ahorráis un montón de tiempo si salís temprano",
])
def test_a_saving_of_time_without_a_brand_is_no_pitch(text, grocer):
    assert not rules(text, PERSONAL, grocer) & (DISCLOSURE | PROMOTION)


@pytest.mark.parametrize("text", [
    "Je suis passée chez Marrowby ce matin, la boulangerie est top",
    "Ich bin gerade bei Marrowby, die Schlange ist lang",
    "Soy socia de Marrowby Fresh Club y con el Pellucid card ahorráis un montón",
    "Je suis abonnée chez Marrowby, et avec la Pellucid card vous économisez un max",
])
def test_a_visit_or_a_membership_is_not_a_job(text, grocer):
    found = findings(text, PERSONAL, grocer)
    assert "disclosure.missing" not in found or "says you work there" not in found[
        "disclosure.missing"].message


# --- 4. one's own side business on a work account ---------------------------------------------

@pytest.mark.parametrize("text", [
    "Side note: I also shoot weddings on weekends 📸 now booking for 2028, rates at "
    "lensandlace.example",
    "Side project alert 🍪 my cookies now deliver across town! DM me for the menu",
    "My band plays the Crown on Saturday! Tickets £7 on the door 🎸",
    "Selling my old film cameras, all working. DM me for prices",
    "Proyecto personal: vendo mis acuarelas, precios por mensaje privado",
    "Projet perso : je vends mes céramiques, prix en message privé",
    "Nebenprojekt: meine Band spielt am Freitag, Tickets 10 €",
    "Projeto paralelo: vendo os meus bolos, encomendas por mensagem",
    "Progetto personale: vendo le mie stampe, prezzi in privato",
])
def test_ones_own_side_business_on_a_work_account_is_promotion(text, grocer):
    found = findings(text, WORK_SELF, grocer)
    assert found["persona.promotion"].severity.value == "warn"
    assert "your own business or sale" in found["persona.promotion"].message
    assert not set(found) & DISCLOSURE  # one's own business needs no employer disclosure


def test_ones_own_sale_on_the_brand_account_is_promotion_too(grocer):
    text = "Selling my vintage lenses, all in great condition. DM this account for prices"
    found = findings(text, BRAND_ACCOUNT, grocer)
    assert found["persona.promotion"].severity.value == "warn"
    assert "your employer's account" in found["persona.promotion"].message


@pytest.mark.parametrize("text", [
    "Booking the big meeting room for Friday's retro, prices review at 2pm",
    "Tickets for our supplier conference are live: marrowby.example/conference",
    "Our new Marrowby Fresh cookies are here: £2 a pack, order at marrowby.example",
    "Priya's bake sale for the children's hospice raised £300 today, cakes £1 each. Well done!",
    "My team shipped the new Marrowby app today, download it at marrowby.example/app",
])
def test_the_employers_own_products_and_a_colleagues_charity_sale_are_no_sideline(text, grocer):
    found = findings(text, WORK_SELF, grocer)
    assert "persona.promotion" not in found


def test_without_an_employer_the_work_account_is_the_business(tmp_path):
    text = "I also shoot weddings on weekends, now booking for 2028, rates at lens.example"
    assert "persona.promotion" not in findings(text, WORK_SELF, Policy.default())


# --- 5. job offers and services pitched on a personal account ----------------------------------

@pytest.mark.parametrize("text", [
    "Marrowby is hiring night-shift pharmacists in Leeds! Great pay, DM me if interested",
    "¡Marrowby busca farmacéuticas en Sevilla! Buen sueldo. Escríbeme si te interesa",
    "Marrowby recrute des préparateurs à Lille, CDI, écrivez-moi !",
    "Marrowby sucht Fahrer:innen in Köln! Faire Bezahlung, flexible Schichten",
    "A Marrowby está a contratar farmacêuticos no Porto, contrato sem termo, falem comigo",
    "Marrowby cerca cassieri a Torino, tempo pieno. Scrivetemi!",
    "we're growing 🌱 looking for a data analyst in Leeds, hybrid, dm me if curious",
    "La mia azienda (sì, quella delle zuppe) cerca stagisti da gennaio, scrivetemi!",
])
def test_a_job_offer_on_a_personal_account_is_a_sales_pitch(text, grocer):
    assert "persona.promotion" in rules(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "Marrowby busca reducir el plástico este año, escríbeme si te interesa ayudar",
    "Marrowby cherche à réduire le plastique cette année, écrivez-moi vos idées",
    "looking for a good book for the train, any tips?",
    "looking for a babysitter for Friday night, dm me",
    "Marrowby sucht noch immer nach einer Lösung für die Warteschlangen",
])
def test_seeking_something_else_is_no_job_offer(text, grocer):
    assert "persona.promotion" not in rules(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "We just won a design award! If your brand needs an agency that delivers, DM me",
    "Si tu marca necesita una campaña que funcione, habla con nosotros",
    "Si votre marque cherche une agence créative, écrivez-moi !",
    "Wenn eure Marke eine Agentur sucht – meldet euch bei mir!",
    "Se a sua empresa precisa de um site novo, fala comigo",
    "Se la tua azienda ha bisogno di un fotografo, scrivimi",
])
def test_ones_services_pitched_to_the_readers_business_are_promotion(text, grocer):
    assert "persona.promotion" in rules(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "If your business needs a break, take one. Talk to you Monday!",
    "Si tu empresa necesita algo, no sé, yo me voy de vacaciones",
])
def test_a_business_named_without_a_call_to_me_is_no_pitch(text, grocer):
    assert "persona.promotion" not in rules(text, PERSONAL, grocer)


# --- 6. sent off to get it, the first few to answer, one's own link ---------------------------

@pytest.mark.parametrize("text", [
    "The Vantor Iris is finally out. go drive one.",
    "New Marrowby Fresh soup tonight, go grab a tin and tell me what you think",
    "la Vantor Iris sort enfin 😏 allez l'essayer",
    "El Vantor Iris ya está aquí, id a probarlo",
    "Der Vantor Iris ist da, geht ihn mal testen",
    "O Vantor Iris chegou, vão experimentar",
    "La Vantor Iris è arrivata, andate a provarla",
    "Vantor Iris: Probefahrt auf vantor.example",
    "Vantor Iris out now, book a test drive",
])
def test_the_reader_sent_off_to_get_or_try_it_is_a_pitch(text, grocer):
    assert {"persona.brand_promotion", "persona.promotion"} <= rules(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "Got a few vouchers for the Marrowby Fresh launch. First 5 to comment get one",
    "Tengo vales para Marrowby: los 5 primeros en comentar se llevan uno",
    "Marrowby Radio regala tre mesi di abbonamento oggi, fate voi 🤭",
    "Marrowby Radio: zwei Monate gratis, wenn ihr euch über meinen Link anmeldet",
])
def test_the_first_few_to_answer_free_months_and_ones_own_link_are_a_pitch(text, grocer):
    assert "persona.promotion" in rules(text, PERSONAL, grocer)


@pytest.mark.parametrize("text", [
    "go try again tomorrow, the queue was huge",
    "just get a good night's rest before the race",
    "first 5 to comment on the group photo get tagged, promise",
    "the linked article is through my link to the archive",
])
def test_everyday_calls_without_a_brand_or_an_offer_stay_quiet(text, grocer):
    assert not rules(text, PERSONAL, grocer) & (PROMOTION | DISCLOSURE)
