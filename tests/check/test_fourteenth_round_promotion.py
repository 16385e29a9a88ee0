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

from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Persona
from tests.check.rounds import fired as rules
from tests.check.rounds import policy_from

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
    from tests.check.rounds import findings
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
