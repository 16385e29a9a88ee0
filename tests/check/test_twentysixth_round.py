"""Twenty-sixth round: what the tenth wave of unseen sets (a meal-kit app, a bakery chain, a
board-game publisher, a ski-resort operator, an olive-oil cooperative) showed the check missing
or raising wrongly, read after their untouched and end figures were taken, made general.
Examples of our own in six languages, each beside the near misses that must stay as they were."""

from __future__ import annotations

import pytest

from app.check import engine
from app.check.engine import check_draft
from app.check.meaning import Reading
from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import fired, policy_from

BRAND = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
PERSONAL = CheckTarget(Network.FACEBOOK, Persona.PERSONAL)

PACK = """version = 1
[employer]
name = "Tallowby Kitchens"
aliases = ["Tallowby", "Ember Oven", "Marlow Loaf", "Nettle Bun", "@tallowby"]
domains = ["tallowby.example"]
[[partners]]
name = "Quillbrook Dairy"
aliases = ["Quillbrook"]
domains = ["quillbrook.example"]
[confidential]
terms = ["Project Saltmarsh"]
"""


@pytest.fixture
def kitchens(tmp_path):
    return policy_from(tmp_path, PACK)


# --- 1. praise in more shapes ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Mi horno favorito del mundo entero: Ember Oven, lo uso para todo",
    "Le meilleur four de ma vie : Ember Oven. Je ne cuisine plus qu'avec lui.",
    "Mein neues Lieblingsgerät: der Ember Oven von Tallowby.",
    "Quillbrook butter wipes the floor with every other brand, not up for debate",
    "Ember Oven on a Sunday. Everyone should own one, honestly.",
    "Coolest little oven out there. Ember Oven, you've done it again.",
    "Quillbrook makes the creamiest yoghurt, my fridge is full of it",
    "Ember Oven pizza night, worth every single penny",
    "O meu forno preferido é o Ember Oven, sem dúvida",
    "the new Ember Oven is so good omg",
])
def test_praise_of_the_brand_in_more_shapes_is_promotion(kitchens, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, kitchens)


@pytest.mark.parametrize("text", [
    "Late shift at Tallowby again, the latest rota is out there somewhere",
    "Il miglior giorno della mia vita: la festa a sorpresa dei colleghi da Tallowby",
    "Le meilleur moment de ma vie, c'était pas au boulot chez Tallowby 😅",
])
def test_praise_of_something_else_beside_the_brand_stays_a_mention(kitchens, text):
    assert "persona.brand_promotion" not in fired(text, PERSONAL, kitchens)


# --- 2. a brand disguised by a Greek or Cyrillic capital ------------------------------------------

@pytest.mark.parametrize("text", [
    "\u041carlow Loaf is so good omg",          # a Cyrillic capital Em
    "\u039dettle Bun is a masterpiece",          # a Greek capital Nu
    "\u039carlow Loaf, worth every penny",       # a Greek capital Mu
])
def test_a_brand_opened_by_a_lookalike_capital_is_still_read(kitchens, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, kitchens)


def test_greek_written_in_capitals_is_not_read_as_a_brand(kitchens):
    greek = "ΝΑΙ, ΜΗΝ ΞΕΧΑΣΕΙΣ"  # Greek capitals: "yes, don't forget"
    assert not fired(greek, PERSONAL, kitchens)


# --- 3. a deal the writer got, told as a shopper --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Got 30% off my bus pass in the spring sale, tiny win 🚌",
    "got new trainers on sale at the outlet, 40% off, feeling smug",
    "les soldes m'ont eue : un manteau à -50 %, aucun regret",
    "Im Winterschlussverkauf eine Jacke für 40 % weniger ergattert 🙌",
])
def test_a_deal_the_writer_got_is_a_story(text):
    assert "persona.promotion" not in fired(text, PERSONAL)


@pytest.mark.parametrize("text", [
    "Got 30% off for you all: code SPRING30 at checkout",          # a code, offered
    "You got 40% off? Use it before Sunday, link in bio",          # told to the reader
    "Get 30% off my bus-wrap designs this week, DM me",            # an offer
])
def test_a_deal_offered_to_the_reader_is_still_a_pitch(text):
    assert "persona.promotion" in fired(text, PERSONAL)


# --- 4. the till and a plate kept are no sales words ----------------------------------------------

@pytest.mark.parametrize("text", [
    "the Tallowby app froze on me at checkout tonight lol, filing the bug myself tomorrow",
    "Stuck at the Tallowby depot till 9, someone save me a plate 🙏",
])
def test_the_till_named_or_a_plate_kept_sells_nothing(kitchens, text):
    assert not fired(text, PERSONAL, kitchens) & {"persona.brand_promotion", "persona.promotion",
                                                  "disclosure.missing"}


@pytest.mark.parametrize("text", [
    "Use code TALLOW10 at checkout for 10% off the Ember Oven",
    "Ember Oven: save 20% this week only, at checkout on tallowby.example",
])
def test_a_code_or_a_saving_at_checkout_still_sells(kitchens, text):
    assert "persona.brand_promotion" in fired(text, PERSONAL, kitchens)


# --- 5. one's own trade or gig on the work account ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Also: I do newborn photography at weekends, now booking spring dates. DM me!",
    "Am Freitag spielt meine Band im Anker, Tickets 8 € an der Abendkasse 🎸",
    "Faço brigadeiros para festas, mandem mensagem para encomendas 🍫",
    "Big night Saturday: I'm DJing at the Corn Exchange, tickets £12 on the door",
    "Quick one: my choir's spring concert is at St Anne's on the 3rd, tickets £8",
    "my brother and I run a little coffee cart by the station, first cup free with this post",
    "I make handmade leather wallets in the evenings, a few left, link in my profile",
])
def test_ones_own_trade_or_gig_on_the_work_account_is_a_pitch(kitchens, text):
    assert "persona.promotion" in fired(text, WORK, kitchens)


@pytest.mark.parametrize("text", [
    "Every Ember Oven is made to order in Leeds; prices start at £899 in our showroom.",
    "Meine Band hat gestern geprobt, morgen geht's wieder ins Büro.",   # nothing sold
    "I'm DJing at my cousin's wedding on Saturday, wish me luck!",       # nothing sold
    "Our choir sang at the Tallowby Christmas party, what a night.",
])
def test_the_employers_goods_or_a_hobby_with_nothing_sold_is_no_side_trade(kitchens, text):
    assert "persona.promotion" not in fired(text, WORK, kitchens)


# --- 6. a hostile reading short of sure needs someone to be aimed at ------------------------------

class _FixedReadings:
    """A stand-in meaning model: the hostile head reads ``hostile``, the others nothing."""

    def __init__(self, hostile: float) -> None:
        self.hostile = hostile

    def read_view(self, view, heads):
        return {head: Reading(head, self.hostile if head == "hostile" else 0.01,
                              ((0, min(5, len(view.original))),))
                for head in heads}


def _insult_severity(monkeypatch, text: str, hostile: float) -> str | None:
    monkeypatch.setattr(engine, "shipped_model", lambda: _FixedReadings(hostile))
    found = [f for f in check_draft(text, BRAND).findings if f.rule == "conduct.insult"]
    return found[0].severity.value if found else None


@pytest.mark.parametrize("text", [
    "Controlled avalanche blasting above the north bowl from 7am: the bangs are normal.",
    "Yes, you can fry with extra virgin. Yes, even doughnuts. No, they won't taste of olives.",
    "Eure Katze wirkt nach der Narkose wie betrunken? Für ein paar Stunden ganz normal.",
])
def test_a_reading_short_of_sure_aimed_at_no_one_is_a_note(monkeypatch, text):
    assert _insult_severity(monkeypatch, text, 0.9) == "info"
    assert _insult_severity(monkeypatch, text, 0.96) in ("warn", "block")  # sure: still said


@pytest.mark.parametrize("text", [
    "@dan_r maybe read the label before you complain, genius 🙄",
    "Some of you in the comments need to get a life. It's an oven.",
    "Al listillo que nos llama estafadores: lee la factura antes de abrir la boca.",
    "Wer unsere Fahrer anpöbelt, sollte sich schämen. Einfach erbärmlich.",
    "Dear Harrow Ovens: nice 'new' range. Shame it's our 2021 design. Thieves. 🙄",
    "Ce gros naze de fournisseur nous a encore livré en retard.",
    "Imagine needing three reminders to collect a parcel 🙄",
])
def test_a_reading_short_of_sure_aimed_at_someone_still_warns(monkeypatch, text):
    assert _insult_severity(monkeypatch, text, 0.9) in ("warn", "block")


# --- 7. a tie-up said without saying it is paid ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "#partenariat avec Quillbrook ✨ leur beurre est incroyable cette année",
    "Proud ambassador 🧈 Quillbrook butter on everything this winter",
    "Cheese board for eight 🧀 collab w/ @quillbrook",
    "Collab avec Quillbrook ce mois-ci, leur crème est parfaite",
])
def test_a_tie_up_said_in_words_is_an_unclear_disclosure(kitchens, text):
    assert {"disclosure.unclear", "persona.brand_promotion"} <= fired(text, PERSONAL, kitchens)


@pytest.mark.parametrize("text", [
    "Publicité | Collaboration commerciale avec Quillbrook : leur beurre est incroyable",
    "#ad Proud ambassador for Quillbrook: their butter is on everything this winter",
])
def test_a_clear_label_beside_the_tie_up_is_a_disclosure(kitchens, text):
    assert "disclosure.unclear" not in fired(text, PERSONAL, kitchens)


# --- 8. a post that opens with the tie-up ---------------------------------------------------------

REGIONAL_PACK = PACK + """
[disclosure]
region = "de"
"""


def test_a_post_opening_with_the_tie_up_may_put_the_label_after(tmp_path):
    policy = policy_from(tmp_path, REGIONAL_PACK)
    text = "In Kooperation mit Quillbrook: Gewinnspiel für zwei Käsekörbe zum Advent. #Werbung"
    assert "disclosure.buried" not in fired(text, BRAND, policy)


def test_a_label_after_a_plain_opening_is_still_buried_where_the_region_wants_it_first(tmp_path):
    policy = policy_from(tmp_path, REGIONAL_PACK)
    text = "Gewinnspiel für zwei Käsekörbe von Quillbrook zum Advent, macht mit! #Werbung"
    assert "disclosure.buried" in fired(text, BRAND, policy)


# --- 9. personal life in more shapes on the work account ------------------------------------------

@pytest.mark.parametrize("text", [
    "Quien vote a esos cantamañanas el domingo, que luego no se queje.",
    "Off to the march against the new housing law tomorrow, who's in?",
    "Fière d'avoir manifesté hier contre la réforme avec les copains ✊",
    "Ring your MP tonight and tell them what you think of this bill.",
    "Ich bin seit gestern mit Fieber krank im Bett, Antworten dauern.",
    "apologies for slow replies, full-on flu over here 🤧",
    "Mein Hausarzt meint, ich soll kürzertreten. Naja.",
    "Team drinks got messy, someone is asleep under the desk 💀",
    "Ending the week with a glass (or three) of rioja 🍷",
    "Two bottles of prosecco down and the Leeds office is singing",
    "J'ai fait la fête toute la nuit, pardon pour les retards 😅",
    "Saliendo del curro a echar unas birras con la banda 🍺",
    "A Maria nasceu ontem, 3,2 kg 💕 volto em abril",
    "Anyone single in Bristol? 36, love climbing, asking for me",
])
def test_personal_life_in_more_shapes_warns_on_work(text):
    assert "persona.personal_life" in fired(text, WORK)


@pytest.mark.parametrize("text", [
    "We back the Cat Welfare Bill. Write to your MP and ask them to support it 🐾",
    "Unser Team in Leipzig freut sich auf die Wiesn-Saison! Check-in ab 15 Uhr 🥨",
    "Our rally against the odds in the second half was something else ⚽",
    "The new store was born from a simple idea: bread for everyone.",
])
def test_campaigns_seasons_and_sport_stay_quiet(text):
    assert "persona.personal_life" not in fired(text, BRAND)


# --- 10. a codename with "@" or "$" for a letter --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Big milestone on Project S@ltmarsh this week 👏",
    "Proj3ct Saltmar$h ships in spring, can't say more",
])
def test_a_codename_with_signs_for_letters_is_still_confidential(kitchens, text):
    assert "confidential.term" in fired(text, PERSONAL, kitchens)


@pytest.mark.parametrize("text", [
    "Say hi to @saltmarsh_walks, the best coastal photos around",
    "Write to project@saltmarsh-trust.example about the volunteering days",
])
def test_a_handle_or_an_address_is_no_codename(kitchens, text):
    assert "confidential.term" not in fired(text, PERSONAL, kitchens)


# --- 11. a named shop is a noun -------------------------------------------------------------------

TEAM_PACK = PACK + """
[disclosure]
accepted = ["#ad", "#employee", "#TallowbyTeam"]
"""


def test_a_named_shop_in_disclosed_news_is_no_call_to_shop(tmp_path):
    policy = policy_from(tmp_path, TEAM_PACK)
    text = ("#TallowbyTeam news: our Leeds Kirkgate shop reopens on Monday after the refit. "
            "Proud of the crew who kept it going.")
    assert "persona.promotion" not in fired(text, PERSONAL, policy)


def test_shop_as_a_call_still_sells(tmp_path):
    policy = policy_from(tmp_path, TEAM_PACK)
    text = "#TallowbyTeam the Ember Oven is back: shop the new range this weekend, 20% off"
    assert "persona.promotion" in fired(text, PERSONAL, policy)


# --- 12. a date night sold and a dish called a religion -------------------------------------------

@pytest.mark.parametrize("text", [
    "Date night idea: an Ember Oven pizza for two, candles on 🕯️",
    "Our date night box is back: two steaks, a tart and a candle 🕯️",
    "hot take: the sourdough toastie is basically a religion at HQ 🥪",
])
def test_a_date_night_sold_or_a_dish_called_a_religion_is_no_private_life(kitchens, text):
    assert "persona.personal_life" not in fired(text, BRAND, kitchens)


@pytest.mark.parametrize("text", [
    "Date night tonight with my husband, replies tomorrow 💕",
    "Religion is a private matter, but Ramadan Mubarak to everyone fasting with me this month",
])
def test_ones_own_date_night_or_faith_still_warns(kitchens, text):
    assert "persona.personal_life" in fired(text, WORK, kitchens)


# --- 13. German "dick" and the novel --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Die Schneedecke am Gipfel ist jetzt über zwei Meter dick ❄️ Beste Bedingungen!",
    "Zieht euch dick an, am Samstag wird es eisig 🧣",
    "Our book club is reading Moby-Dick this winter. Yes, all of it. Whale puns welcome 🐋",
])
def test_thick_snow_warm_clothes_and_a_whale_are_no_swearing(text):
    assert "conduct.profanity" not in fired(text, BRAND)


def test_dick_as_a_name_called_still_swears():
    assert "conduct.profanity" in fired("Don't be a dick about the queue, honestly.", BRAND)


# --- 14. sales words with no brand on one's own work account --------------------------------------

@pytest.mark.parametrize("text", [
    "I'm hiring! Junior pastry chef for our Leeds kitchen, permanent contract. "
    "Details in the comments.",
    "Daughters, sons, parents: many of our clients support more than one generation. The credit "
    "for other dependents is $500 each.",
    "Three lessons from my first year as a store manager: the best ideas come from the shop floor.",
])
def test_sales_words_with_no_brand_on_ones_work_account_are_a_note(kitchens, text):
    found = {f.rule: f.severity.value for f in check_draft(text, WORK, policy=kitchens).findings}
    assert found.get("disclosure.missing") in (None, "info")


def test_the_brand_promoted_on_ones_work_account_still_wants_the_disclosure(kitchens):
    text = "Quillbrook butter is the best in the country, 20% off this week at quillbrook.example"
    assert "disclosure.missing" in fired(text, WORK, kitchens)


# --- 15. someone's own number on the brand's account ----------------------------------------------

@pytest.mark.parametrize("text", [
    "Herr Weber, wir rufen Sie gleich unter Ihrer Privatnummer 06221 4839201 zurück.",
    "Found a wallet at our Denver bakery. It's Priya's, if you know her tell her to text "
    "303-555-0172.",
    "Si encontraste las llaves de nuestro repartidor Luis, llámalo al 55 5512 7788, gracias.",
])
def test_a_persons_own_number_on_the_brands_account_warns(kitchens, text):
    assert "privacy.phone" in fired(text, BRAND, kitchens)


def test_the_shops_number_on_the_brands_account_stays_a_note(kitchens):
    text = "Questions about your order? Call our Leeds bakery on 0113 496 0000, 8am to 6pm."
    assert "privacy.phone" not in fired(text, BRAND, kitchens)


# --- 16. more names called ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "If you still print menus on plastic you're a dinosaur and frankly an embarrassment.",
    "Bloggers who have never baked a loaf are parasites on this trade.",
    "Some shops call frozen dough 'artisan'. They know who they are, the frauds.",
    "Aux clients qui se garent sur les places livraison : vous êtes des boulets.",
    "Si no sabes leer una etiqueta no es culpa nuestra, inútil.",
])
def test_more_names_called_are_insults(kitchens, text):
    assert "conduct.insult" in fired(text, BRAND, kitchens)


@pytest.mark.parametrize("text", [
    "The old oven was a dinosaur, so we replaced it with an Ember Oven.",
    "Este molde es inútil para el pan de molde, usad el de 30 cm.",
    "Fraud alert: we never ask for card details by text.",
])
def test_a_thing_called_old_or_useless_is_no_insult(kitchens, text):
    assert "conduct.insult" not in fired(text, BRAND, kitchens)


# --- 17. a giveaway by count or by a winner picked ------------------------------------------------

@pytest.mark.parametrize("text", [
    "#employee giving away 3 Tallowby hampers 🎁 reply with your fave bake and I'll pick Friday",
    "#ad Quillbrook sent me a butter bell and there's a second one to give away! Follow them",
])
def test_a_giveaway_by_count_or_a_winner_picked_is_a_pitch(kitchens, text):
    assert "persona.promotion" in fired(text, PERSONAL, kitchens)


@pytest.mark.parametrize("text", [
    "Giving away my old sofa, free to anyone who can collect from Leith this weekend",
    "Reply with your favourite biscuit and I'll tell you which one I had for breakfast",
])
def test_ones_own_things_given_or_a_chat_is_no_giveaway(text):
    assert "persona.promotion" not in fired(text, PERSONAL)


# --- 18. a job offered in more words --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "My work is hiring weekend bakers in York. Decent pay, free bread. DM me 🥖",
    "A Tallowby tá contratando padeiros em Leeds! Manda teu currículo pelo tallowby.example/vagas",
])
def test_a_job_offered_in_more_words_is_a_pitch(kitchens, text):
    assert "persona.promotion" in fired(text, PERSONAL, kitchens)


def test_work_talked_about_is_no_job_offer(kitchens):
    text = "My work is hiring a new chef and honestly I'm a bit sad our old one is leaving"
    assert "persona.promotion" not in fired(text, PERSONAL, kitchens)
