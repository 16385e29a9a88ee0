"""The fourteenth round, promotion and disclosure (fixing sets brickhaven, kettlerock, lindhaus
and kitewing, after their unseen figures were taken): the product set above the whole market
("best tent out there", "better than any", "hands down", "worth every penny", "mejor que
cualquier", "le meilleur du marché", "besser als jede", "meglio di qualsiasi") is a review's
verdict, an insider review beside the employer's or a partner's product; the polite plural
told to buy or try it ("cómprenlas", "pruébenla") and readers told to download the brand's app
in the plural ("descarreguem a app", "téléchargez l'application", "ladet euch die App") promote
the brand, as "buy it before I do" does; Italian "assume" (is hiring) is not English "I assume";
a raffle is money raised for a cause, not a sale; and sales words laughed at with nothing on
offer ("the sale on my patience ends at bedtime, act now 😂") are a joke, not a pitch.

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

PACK = """\
version = 1
[employer]
name = "Tallowmere"
aliases = ["Tallowmere Outdoors", "@tallowmere", "Tallowmere Trail"]
domains = ["tallowmere.example"]
hashtags = ["#TallowmereCrew"]
[[partners]]
name = "Quillon Cycles"
aliases = ["Quillon", "@quilloncycles"]
domains = ["quillon.example"]
[disclosure]
region = "us"
accepted = ["#ad", "#TallowmereCrew", "Werbung:", "publicité", "publicidad", "pubblicità"]
"""

PROMOTION = {"persona.brand_promotion", "persona.promotion"}
DISCLOSURE = {"disclosure.missing", "disclosure.insider_review", "disclosure.unclear"}


@pytest.fixture
def outfitter(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "tallowmere.toml")


# --- 1. the product set above the whole market is a review's verdict --------------------------

@pytest.mark.parametrize("text", [
    "Took the Tallowmere Trail tent up Snowdon last weekend. Best tent out there, hands down.",
    "The Quillon gravel bike is better than any bike I have owned.",
    "Tallowmere Trail boots, worth every penny after two winters.",
    "Las botas Tallowmere Trail son mejores que cualquier otra marca que he probado.",
    "La tente Tallowmere Trail, la meilleure tente du marché.",
    "Die Tallowmere Trail Jacke ist besser als jede andere, die ich hatte.",
    "As botas Tallowmere Trail são melhores que qualquer outra.",
    "Lo zaino Tallowmere Trail è meglio di qualsiasi altro che ho avuto.",
    "A mochila Tallowmere vale cada cêntimo.",
])
def test_the_product_set_above_the_market_is_an_insider_review(text, outfitter):
    fired = rules(text, PERSONAL, outfitter)
    assert "disclosure.insider_review" in fired
    assert "persona.brand_promotion" in fired


def test_the_verdict_is_marked_beside_the_brand(outfitter):
    text = "Took the Tallowmere Trail tent up Snowdon. Best tent out there, hands down."
    finding = findings(text, PERSONAL, outfitter)["disclosure.insider_review"]
    marked = [text[span.start:span.end] for span in finding.spans]
    assert "Best tent out there" in marked and "hands down" in marked


def test_the_verdict_with_the_job_said_up_front_is_no_insider_review(outfitter):
    text = "#TallowmereCrew Took the Tallowmere Trail tent up Snowdon. Best tent out there."
    assert "disclosure.insider_review" not in rules(text, PERSONAL, outfitter)


@pytest.mark.parametrize("text", [
    "Best view out there on the ridge this morning, hands down.",
    "This sunrise was better than any alarm clock.",
    "The concert was worth every penny.",
    "Mi abuela cocina mejor que cualquier restaurante.",
    "Ce coucher de soleil, meilleur que tous les films.",
    "Der Urlaub war jeden Cent wert.",
    "A vista lá de cima é melhor que qualquer filme.",
    "Questa vista è meglio di qualsiasi film.",
])
def test_the_same_words_about_no_brand_stay_quiet(text, outfitter):
    assert not rules(text, PERSONAL, outfitter) & (PROMOTION | DISCLOSURE)


# --- 2. the reader told to buy, try or download it, in the plural ------------------------------

@pytest.mark.parametrize("text", [
    "Las botas Tallowmere Trail son otra cosa, cómprenlas antes de que se agoten.",
    "La Quillon nueva es una joya, pruébenla y me cuentan.",
    "Amigos, descarguen la app de Tallowmere, hay ofertas todas las semanas.",
    "Pessoal, descarreguem a app da Tallowmere, vale muito a pena.",
    "Téléchargez l'application Tallowmere, c'est top.",
    "Ladet euch die App von Tallowmere herunter, lohnt sich.",
    "Scaricate l'app di Tallowmere, ne vale la pena.",
    "The Tallowmere Trail jacket is back. Buy it before I do.",
])
def test_the_reader_told_to_buy_or_download_promotes_the_brand(text, outfitter):
    fired = rules(text, PERSONAL, outfitter)
    assert "persona.brand_promotion" in fired
    assert "persona.promotion" in fired  # a call to act is a pitch beside the brand finding
    assert fired & DISCLOSURE


@pytest.mark.parametrize("text", [
    "Mis vecinos compran en Tallowmere cada semana.",
    "Descargué la app de Tallowmere para ver mis puntos.",
    "Baixei a app da Tallowmere ontem.",
    "Ich habe die Tallowmere-App heruntergeladen, um meine Punkte zu sehen.",
    "I bought it before the price went up, from Tallowmere.",
])
def test_buying_or_downloading_told_as_a_story_stays_a_mention(text, outfitter):
    assert not rules(text, PERSONAL, outfitter) & (PROMOTION | DISCLOSURE)


# --- 3. Italian "assume" is hiring; English "I assume" is not -----------------------------------

@pytest.mark.parametrize("text", [
    "Tallowmere assume commessi a Torino, candidature aperte.",
    "Tallowmere assume personale per i negozi di Milano.",
])
def test_italian_assume_is_a_job_offer(text, outfitter):
    assert "persona.promotion" in rules(text, PERSONAL, outfitter)


@pytest.mark.parametrize("text", [
    "My manager praised the stocktake today, a pun on my name I assume.",
    "I assume the Tallowmere car park is full again.",
    "We assume nothing and check everything twice.",
    "Don't assume the trail is dry after rain.",
])
def test_english_assume_is_no_job_offer(text, outfitter):
    assert not rules(text, PERSONAL, outfitter) & (PROMOTION | DISCLOSURE)


# --- 4. a raffle raises money for a cause -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Raffle tickets are £2 each, message me and I'll bring them round.",
    "Rifa solidaria: números a 2 €, escríbeme y te los guardo.",
    "Tombola de l'école : tickets à 2 €, écrivez-moi.",
    "Tombola-Lose für 2 €, schreibt mir einfach.",
    "Rifa para a associação: 2 € cada número, mandem mensagem.",
    "Biglietti della lotteria di beneficenza a 2 €, scrivetemi.",
])
def test_a_raffle_is_no_sales_pitch(text, outfitter):
    assert not rules(text, PERSONAL, outfitter) & (PROMOTION | DISCLOSURE)


def test_tickets_sold_for_a_gig_are_still_a_pitch(outfitter):
    fired = rules("Gig tickets are £12 each, message me to get yours.", PERSONAL, outfitter)
    assert "persona.promotion" in fired


# --- 5. sales words laughed at, with nothing on offer, are a joke -------------------------------

@pytest.mark.parametrize("text", [
    "The sale on my patience ends at bedtime. Limited offer, act now 😂",
    "Big clearance sale on my opinions today, everything must go lol",
    "Rebajas en mi paciencia: oferta limitada, aprovecha jaja",
    "Soldes sur ma patience, offre limitée, profitez-en mdr",
])
def test_sales_words_laughed_at_with_nothing_on_offer_stay_quiet(text, outfitter):
    assert not rules(text, PERSONAL, outfitter) & (PROMOTION | DISCLOSURE)


@pytest.mark.parametrize("text", [
    "Flash sale on my patience today, 20% off everything 😂",
    "Limited offer, act now, use code LAUGH10 at checkout lol",
    "Limited offer, act now: my old bike for £80 😂",
    "Limited offer, act now: oldbikes.com/sale 😂",
])
def test_a_laugh_beside_a_price_a_code_or_a_link_is_still_a_pitch(text, outfitter):
    assert "persona.promotion" in rules(text, PERSONAL, outfitter)


# --- 6. a colleague's own shop on the work account ----------------------------------------------

BRAND_ACCOUNT = CheckTarget(Network.INSTAGRAM, Persona.WORK, Owner.EMPLOYER)


@pytest.mark.parametrize("text", [
    "Our store manager Priya makes gorgeous candles, shop her Etsy: 15% off this week with code "
    "STORE15.",
    "Ana, de nuestro equipo, vende pendientes preciosos: su tienda de Etsy tiene un 10 % de "
    "descuento esta semana.",
    "Notre caissière Léa crée des bijoux : sa boutique en ligne fait 15 % de remise ce week-end.",
    "Unsere Kollegin Mia näht Taschen, ihr Etsy-Shop hat diese Woche 10 % Rabatt.",
    "A nossa colega Rita faz velas, a loja dela tem 10% de desconto esta semana.",
    "La nostra collega Sara fa orecchini, il suo negozio su Etsy ha il 10% di sconto.",
])
def test_a_colleagues_own_shop_sold_on_the_brand_account_is_promotion(text, outfitter):
    found = findings(text, BRAND_ACCOUNT, outfitter)
    assert found["persona.promotion"].severity.value == "warn"
    assert "a colleague's business" in found["persona.promotion"].message


@pytest.mark.parametrize("text", [
    "Our store manager Priya makes gorgeous candles in her spare time, and we love seeing them "
    "at the staff party.",
    "Help your small business grow: Tallowmere plans from $10 a month.",
    "Impulsa su negocio con Tallowmere: planes desde 10 € al mes.",
    "Priya from our team ran her first marathon this weekend, so proud!",
])
def test_a_colleague_praised_or_the_customers_business_is_no_sideline(text, outfitter):
    assert "persona.promotion" not in rules(text, BRAND_ACCOUNT, outfitter)


# --- 7. an advertising label lost at the end -----------------------------------------------------

def test_a_paid_partnership_label_at_the_end_of_a_brand_post_is_buried(outfitter):
    text = ("Tune in to Ridge Stories tonight: two friends walk the whole Cape Wrath Trail, and "
            "we loved every minute of it. Catch up on the channel any time. Have a good weekend, "
            "everyone! Paid partnership with Ridge Stories.")
    assert "disclosure.buried" in rules(text, BRAND_ACCOUNT, outfitter)


def test_the_label_up_front_on_a_brand_post_is_fine(outfitter):
    text = ("Paid partnership with Ridge Stories. Tune in tonight: two friends walk the whole "
            "Cape Wrath Trail, and we loved every minute of it.")
    assert not rules(text, BRAND_ACCOUNT, outfitter) & {"disclosure.buried", "disclosure.missing"}


def test_a_lone_ad_signing_off_a_partners_offer_is_a_label_but_buried(outfitter):
    text = ("Every winter our rangers keep the huts open for walkers caught out by the weather. "
            "This year Quillon Cycles gives £5 to the huts for every bike serviced before 31 "
            "December. Book yours at quillon.example/huts. Ad")
    found = findings(text, BRAND_ACCOUNT, outfitter)
    assert "disclosure.buried" in found
    assert [text[s.start:s.end] for s in found["disclosure.buried"].spans] == ["Ad"]


@pytest.mark.parametrize("text", [
    "Loved the new Quillon ad.",
    "Quillon's winter campaign is everywhere, even on the bus. Great ad",
])
def test_ad_as_a_word_is_no_label(text, outfitter):
    assert not analyse_promotion(DraftText(text), outfitter.compiled).disclosures


def test_the_job_said_at_the_end_beside_a_partner_is_also_buried(tmp_path):
    uk = policy_from(tmp_path, PACK.replace('region = "us"', 'region = "uk"'), "uk.toml")
    text = ("Sunday ride with the Quillon gravel bike, honestly the best bike to take anywhere. "
            "Grab one at Tallowmere before the long weekend!\n\n#gravel #cycling #weekend "
            "#ride #bikes #outdoors #TallowmereCrew #summer")
    fired = rules(text, PERSONAL, uk)
    assert {"disclosure.missing", "disclosure.buried"} <= fired


# --- 8. told where to buy it ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Obsessed with the Quillon bottle cages, zero rattles all week 😍 find them at your local "
    "Tallowmere.",
    "Me encantan los guantes Quillon, encuéntralos en cualquier Tallowmere.",
    "Les gants Quillon sont géniaux, vous les trouverez chez Tallowmere.",
    "Die Quillon-Handschuhe sind super, findet ihr bei Tallowmere.",
    "As luvas Quillon são ótimas, encontram-nas na Tallowmere.",
    "I guanti Quillon sono fantastici, li trovate da Tallowmere.",
])
def test_the_reader_told_where_to_buy_it_promotes_the_brand(text, outfitter):
    fired = rules(text, PERSONAL, outfitter)
    assert {"persona.brand_promotion", "persona.promotion"} <= fired
    assert fired & DISCLOSURE


@pytest.mark.parametrize("text", [
    "Lost my keys again, hope I find them at the Tallowmere car park.",
    "Did anyone find my gloves? I think I left them at the Tallowmere café.",
    "Find them at your local library, the best books are free.",
])
def test_finding_things_or_a_library_is_no_pitch(text, outfitter):
    assert not rules(text, PERSONAL, outfitter) & (PROMOTION | DISCLOSURE)


@pytest.mark.parametrize("text", [
    # a short brand post whose label begins where readers still see it
    "Quillon Cycles members: your plan now covers $20 of your Tallowmere kit each month. "
    "Details at tallowmere.example/q #sponsored",
    # a brand post about labels, using none
    "Gifted by Tallowmere? Every product we send to creators must be labelled #ad by them. "
    "Read our creator charter: tallowmere.example/charter",
])
def test_a_label_in_view_or_talked_about_on_a_brand_post_is_not_buried(text, outfitter):
    assert "disclosure.buried" not in rules(text, BRAND_ACCOUNT, outfitter)


# --- 9. a coupon named is not a coupon offered ---------------------------------------------------

WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)


@pytest.mark.parametrize(("text", "target"), [
    ("I found an old coupon in my drawer from 2019, expired of course.", PERSONAL),
    ("Achei um cupom antigo na gaveta, já vencido claro.", PERSONAL),
    ("The best coupons are the ones that save customers a trip, not the biggest ones.",
     WORK_SELF),
    ("Why most coupons fail: they train customers to wait for the next discount.", WORK_SELF),
])
def test_a_coupon_named_without_a_code_a_percentage_or_a_link_is_no_pitch(text, target,
                                                                           outfitter):
    assert not rules(text, target, outfitter) & (PROMOTION | DISCLOSURE)


@pytest.mark.parametrize("text", [
    "Coupon: 20% off all boots this week, grab them before Sunday.",
    "Free coupon for 2 coffees with code HELLO2 this week only.",
    "Your coupon is here: oldbikes.com/c?ref=me",
])
def test_a_coupon_with_a_code_a_percentage_or_a_link_is_a_pitch(text, outfitter):
    assert "persona.promotion" in rules(text, PERSONAL, outfitter)
