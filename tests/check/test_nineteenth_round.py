"""Nineteenth round: what the unseen sets of a Spanish bank and a UK estate agency showed the
check missing (read after their untouched figures were taken), made general. Examples of our own
in six languages, each beside the near misses that must stay as they were."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.check.engine import check_draft
from app.core.model import CheckTarget, HistoryEntry, Network, Owner, Persona
from tests.check.rounds import NOW, findings, fired, policy_from

BRAND = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK = CheckTarget(Network.LINKEDIN, Persona.WORK)
PERSONAL = CheckTarget(Network.INSTAGRAM, Persona.PERSONAL)

PACK = """version = 1
[employer]
name = "Banco Quercia"
aliases = ["Quercia", "Quercia App"]
domains = ["quercia.example"]
[[partners]]
name = "Club Deportivo Marjal"
aliases = ["CD Marjal", "Marjal"]
hashtags = ["#AupaMarjal"]
[[partners]]
name = "Nevada Cider"
aliases = ["Nevada"]
domains = ["nevadacider.example"]
hashtags = ["#BrindaNevada"]
"""


@pytest.fixture
def bank(tmp_path):
    return policy_from(tmp_path, PACK)


# --- 1. a staff review is an undisclosed endorsement and an insider review at once ------------

@pytest.mark.parametrize("text", [
    "5 estrellas para la Quercia App ⭐⭐⭐⭐⭐ la mejor app de banca que he usado.",
    "Rating: 10/10, the Quercia App is the smoothest banking app out there.",
    "Ehrliche Bewertung: Quercia App ★★★★★, die beste Banking-App.",
])
def test_a_staff_rating_is_both_an_insider_review_and_a_missing_disclosure(text, bank):
    rules = fired(text, PERSONAL, bank)
    assert {"disclosure.insider_review", "disclosure.missing"} <= rules
    assert findings(text, PERSONAL, bank)["disclosure.missing"].fixes  # one click adds "#ad"


def test_a_rating_beside_a_code_is_also_an_insider_review(bank):
    text = "Recomendo imenso a Quercia App! Usem o meu código AMIGO50 🙌"
    assert {"disclosure.insider_review", "disclosure.missing"} <= fired(text, PERSONAL, bank)


def test_a_disclosed_rating_raises_neither(bank):
    text = "#ad Trabajo en Banco Quercia: 5 estrellas para nuestra app ⭐⭐⭐⭐⭐"
    assert not {"disclosure.insider_review", "disclosure.missing"} & fired(text, PERSONAL, bank)


# --- 2. the brand cheering the team it sponsors is no advert for the team --------------------

@pytest.mark.parametrize("text", [
    "🏀 ¡Victoria del CD Marjal 84-79! Enhorabuena al equipo y a la afición. #AupaMarjal",
    "Big night at the arena! CD Marjal take on Ribera tonight at 20:30. Good luck, lads "
    "#AupaMarjal",
    "Quelle victoire du CD Marjal ce soir !! #AupaMarjal",
    "In bocca al lupo al CD Marjal per la finale di domenica! #AupaMarjal",
])
def test_the_brand_account_cheering_a_sponsored_team_needs_no_label(text, bank):
    assert "disclosure" not in {rule.split(".")[0] for rule in fired(text, BRAND, bank)}


@pytest.mark.parametrize("text", [
    # the partner's product sold beside the cheering: an advert for it
    "Nada como una Nevada bien fría después de la victoria 🍺 Pídela en todos los bares del "
    "estadio. #BrindaNevada",
    "¡Victoria! Celebra con Nevada Cider, 20% de descuento con el código MARJAL20 #BrindaNevada",
    "Victory tonight! Toast it with Nevada Cider: nevadacider.example",
])
def test_a_partners_product_sold_on_the_brand_account_still_needs_a_label(text, bank):
    assert "disclosure.missing" in fired(text, BRAND, bank)


# --- 3. personal life said indirectly, in six languages ---------------------------------------

@pytest.mark.parametrize("text", [
    # a pregnancy by its weeks, the family growing
    "Officially 14 weeks 🤍 the nausea is very real, so forgive the slow replies.",
    "Oggi niente ufficio: ecografia, 20 settimane 🤍",
    "En marzo seremos uno más en casa 👶 y ya tenemos nombre.",
    "A maggio la famiglia si allarga 🍼, dal mese prossimo passo le pratiche a Luca.",
    "Wir werden im Sommer zu dritt! Ab Juli bin ich in Elternzeit.",
    # treatment by its rounds, appointments with specialists, an operation, A&E
    "Round 3 of 6 done ✅ hair's mostly gone but the jokes are intact.",
    "Nach der zweiten Runde geht es bergauf, die Blutwerte werden besser.",
    "Hoy toca revisión en oncología, mis visitas de la tarde las cubre Javi.",
    "Demain pas de réunion : rendez-vous chez ma psychiatre pour ajuster le traitement.",
    "Domani sono in ospedale per un piccolo intervento al cuore.",
    "Sorry for the slow replies, we're in A&E with the little one, 39.5 fever.",
    # sobriety, drinking by its story, the hangover cure
    "Día 200 sin probar una gota. Se puede 💪",
    "Gestern nur auf ein Bier mit dem Team… es wurden fünf. Heute Kopfschmerzen deluxe.",
    "Soirée un peu trop arrosée hier pour le pot de départ de Julien 😵",
    "Ce matin c'est Doliprane et café.",
    # faith and politics
    "Fasting this month, so if I'm flat on afternoon calls, that's why. Iftar at ours Friday!",
    "Vuelvo de un retiro espiritual en Montserrat. Rezar me centra más que cualquier curso.",
    "Este Gobierno es una vergüenza y el domingo hay que echarlos. Todos a votar.",
    "Mi opinión: quien vote a esa panda el domingo no quiere a este país.",
])
def test_personal_life_said_indirectly_on_a_work_account(text, bank):
    assert "persona.personal_life" in fired(text, WORK, bank)


@pytest.mark.parametrize("text", [
    "Our oncology team has grown by four nurses this year.",
    "Round 2 of 6 of the hiring process is done: thanks to everyone who applied.",
    "The hair salon on Calle Mayor is gone, replaced by a branch of ours.",
    "A la familia de productos se suma una hipoteca verde: la familia crece.",
    "Tasting notes: coffee and chocolate on the nose, a long finish.",
    "A la familia de productos se suma una hipoteca verde.",
    "The council vote on the new bus lanes is on Tuesday.",
    "Fasting glucose readings are in the new health-insurance guide.",
    "He lent me his charger, what a star.",
])
def test_the_near_misses_stay_quiet(text, bank):
    assert "persona.personal_life" not in fired(text, WORK, bank)


# --- 4. an order to buy, with its pronoun -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Nevada Cider, la sidra del verano. ¡Pídela en tu bar!",
    "Nevada Cider arrive en France : commandez-la dès aujourd'hui !",
    "La nuova Nevada Cider è qui, non perdetela!",
])
def test_an_order_with_its_pronoun_is_a_call_to_buy(text, bank):
    assert "disclosure.missing" in fired(text, BRAND, bank)


# --- 5. conduct: oaths, cut-off swearing, emoji for swear words, name-calling idioms, slurs ---

@pytest.mark.parametrize(("text", "rule"), [
    ("@cliente Que sí, hostia, que la app funciona.", "conduct.profanity"),
    ("Los árbitros de hoy, unos h1jos de p… 🤬", "conduct.profanity"),
    ("Los árbitros de hoy, unos h1jos de p… 🤬", "conduct.insult"),
    ("this printer can go 🦆 itself. third jam before 10am", "conduct.profanity"),
    ("What the f... was that meeting", "conduct.profanity"),
    ("Si no sabe ni cambiar un PIN, el problema es usted. Cabeza de chorlito.", "conduct.insult"),
    ("Sept réunions, et à chaque fois la même tête de nœud.", "conduct.insult"),
    ("this chain has seven links and every single one of them is a muppet", "conduct.insult"),
    ("Otra vez la oficina llena de sudacas pidiendo cita.", "conduct.slur"),
])
def test_conduct_of_the_nineteenth_round(text, rule, bank):
    assert rule in fired(text, BRAND, bank)


@pytest.mark.parametrize("text", [
    "Hoy recibí la hostia consagrada en la comunión de mi sobrina",  # (personal life, not swearing)
    "The duck 🦆 pond at the park is lovely this time of year",
    "Filho da Rita entrou na faculdade, parabéns!",
    "Every single one of them is a winner in our book",
])
def test_conduct_near_misses_stay_clean(text, bank):
    assert not {"conduct.profanity", "conduct.insult", "conduct.slur"} & fired(text, BRAND, bank)


# --- 6. privacy: a team mailbox on the employer's domain ----------------------------------------

@pytest.mark.parametrize("address", ["lettings.leeds@quercia.example",
                                     "internacional@quercia.example", "sales-uk@quercia.example"])
def test_a_team_mailbox_on_the_employers_domain_is_fine(address, bank):
    assert "privacy.email" not in fired(f"Write to {address} for a valuation", BRAND, bank)


def test_a_persons_address_on_the_employers_domain_still_counts(bank):
    text = "Questions? Email jane.smith@quercia.example or a colleague"
    assert "privacy.email" in fired(text, WORK, bank)


# --- 7. sales words in everyday speech, a family of products, one's own trade ----------------

def test_get_it_right_is_advice_not_a_call_to_buy(bank):
    text = ("Get it right first time: three things to check before signing any mortgage offer "
            "🧵 1) the APR, not just the rate, 2) early repayment fees")
    assert "disclosure" not in {rule.split(".")[0] for rule in fired(text, WORK, bank)}


@pytest.mark.parametrize("text", [
    "Our family of mortgage products just got simpler: one fixed, one variable, one green.",
    "La familia de productos Quercia crece con una cuenta joven.",
    "Notre famille de parfums s'agrandit.",
])
def test_a_family_of_products_is_not_personal_life(text, bank):
    assert "persona.personal_life" not in fired(text, WORK, bank)


def test_ones_own_trade_on_a_personal_account_is_a_pitch_not_an_undisclosed_ad(bank):
    text = "Now taking bookings for my property photography 📸 £95 a shoot. DM me for dates!"
    rules = fired(text, PERSONAL, bank)
    assert "persona.promotion" in rules and "disclosure.missing" not in rules


# --- 8. endorsements without a sales word, and thanks in the other languages -----------------

@pytest.mark.parametrize("text", [
    "As a long-time Quercia App user, I can honestly say it's the best in Spain.",
    "No sé vosotros, pero yo sin mi Quercia App ya no sé vivir 😉",
])
def test_a_customers_framing_by_staff_is_an_insider_review(text, bank):
    assert "disclosure.insider_review" in fired(text, PERSONAL, bank)


def test_you_need_this_in_your_life_in_portuguese_and_thanks_by_name(bank):
    text = "Vocês precisam disto na vossa vida 👀 a Quercia App mudou tudo. Obrigada Quercia!"
    rules = fired(text, PERSONAL, bank)
    assert {"persona.promotion", "disclosure.unclear"} <= rules


# --- 9. calls to open an account, recruiting on a personal account, IVF, an accent added -------

@pytest.mark.parametrize("text", [
    "La nouvelle appli de Banco Quercia est incroyable, ouvrez votre compte en 5 minutes 👉 "
    "quercia.example/fr",
    "Nuestra oficina de Ruzafa es la mejor valorada. Si aún no sois clientes, ¿a qué esperáis? "
    "#BancoQuercia Quercia",
])
def test_a_call_to_open_an_account_is_a_pitch_beside_the_brand(text, bank):
    assert {"persona.promotion", "persona.brand_promotion"} <= fired(text, PERSONAL, bank)


@pytest.mark.parametrize("text", [
    "Quem quer ganhar dinheiro extra sem sair de casa? Procuro 3 pessoas para a minha equipa 💎",
    "Want extra income from home? Join my team, DM me",
    "Je cherche 3 personnes pour mon équipe, revenus illimités, écrivez-moi",
])
def test_recruiting_for_a_sales_team_is_a_pitch_on_a_personal_account(text, bank):
    assert "persona.promotion" in fired(text, PERSONAL, bank)


def test_a_team_and_money_apart_are_no_recruiting(bank):
    text = "Proud of my team at the food bank: we raised extra money for winter coats."
    assert "persona.promotion" not in fired(text, PERSONAL, bank)


@pytest.mark.parametrize("text", [
    "Lo de la FIV es una montaña rusa, pero seguimos.",
    "Third transfer next week. If I'm quiet on the team chat, that's why 🤞",
])
def test_ivf_said_in_passing_is_personal_life(text, bank):
    assert "persona.personal_life" in fired(text, WORK, bank)


def test_a_transfer_of_funds_is_not_ivf(bank):
    text = "Third transfer of funds next week 🤞 hope the bank is quick"
    assert "persona.personal_life" not in fired(text, WORK, bank)


def test_a_word_with_an_accent_the_short_name_lacks_is_another_word(tmp_path):
    pack = policy_from(tmp_path, """version = 1
[employer]
name = "Banco Salvora"
aliases = ["Salvora"]
""")
    assert "persona.brand_promotion" not in fired(
        "Sálvora island is stunning in October, just gulls and a lighthouse 🌊", PERSONAL, pack)
    assert "persona.brand_promotion" in fired(
        "Banco Sálvora tiene la mejor app, abrid vuestra cuenta", PERSONAL, pack)


# --- 10. one's own business is personal life too; a colleague's operation or new partner -------

def test_ones_own_business_on_a_work_account_is_a_sale_and_personal_life(bank):
    text = "Alongside my day job I run a small home staging business. Now booking for spring!"
    assert {"persona.promotion", "persona.personal_life"} <= fired(text, WORK, bank)


@pytest.mark.parametrize("text", [
    "Our colleague Luis is recovering well after his heart surgery, get well soon!",
    "Alles Gute an unsere Kollegin Petra nach ihrer Knie-OP!",
    "Congratulations to our coach Marco and his new girlfriend!",
])
def test_a_colleagues_private_life_on_the_brand_account(text, bank):
    assert "persona.personal_life" in fired(text, BRAND, bank)


def test_an_operation_of_the_business_is_not_surgery(bank):
    text = "After their operation in Leeds closed, the logistics team moved to Sheffield."
    assert "persona.personal_life" not in fired(text, BRAND, bank)


# --- 11. read from bellharbor (a cruise line): drinks counted, faith, trades, errands ---------

@pytest.mark.parametrize("text", [
    "Trois pastis et deux ti-punchs plus tard, impossible de retrouver ma cabine 🙃",
    "Round 6 of rum and Cokes at the crew bar and Dev is somehow still standing.",
    "Ontem foram umas dez geladas e hoje tô só o pó 😵",
    "Day 30 sober today. Not easy, but I'm doing it.",
    "Bump and I are officially too big for the uniform 😅 18 weeks to go.",
    "Happy Easter from all of us! He is risen! May the Lord bless you today ✝️",
])
def test_personal_life_read_from_the_cruise_line(text, bank):
    assert "persona.personal_life" in fired(text, WORK, bank)


@pytest.mark.parametrize("text", [
    "The scan showed 12 weeks of data loss on the server",
    "Our round 6 of hiring closes Friday",
    "I've spent 18 months on the newest member of our family of ships.",
])
def test_their_near_misses_stay_quiet(text, bank):
    assert "persona.personal_life" not in fired(text, WORK, bank)


@pytest.mark.parametrize("text", [
    "Also DJing weddings and private parties when I'm ashore, now booking spring dates! DM me",
    "When I'm not onboard, I'm behind the lens 📸 Weddings and family sessions. Only a few "
    "2026 dates left!",
    "Anyone want to buy my old scuba gear? Two wetsuits, $300 for the lot. DM me.",
])
def test_a_trade_or_a_sale_beside_the_job_on_a_work_account(text, bank):
    assert {"persona.promotion", "persona.personal_life"} <= fired(text, WORK, bank)


def test_an_errand_with_a_price_is_a_complaint_not_a_pitch(bank):
    assert "persona.promotion" not in fired(
        "Had to buy a new phone charger at the port for $40. Highway robbery 😤", PERSONAL, bank)
    assert "persona.promotion" in fired(
        "You need to buy this charger, only $40 at chargeit.example", PERSONAL, bank)


def test_a_group_desk_on_the_employers_domain_is_a_role_address(bank):
    text = "Planning a group trip? Write to groups@quercia.example."
    assert "privacy.email" not in fired(text, BRAND, bank)


# --- 12. read from pervenche (a French sporting-goods retailer) --------------------------------

@pytest.mark.parametrize("text", [
    "Petite annonce perso : on attend notre deuxième enfant pour mars ! 👶",
    "Small human arriving in October 🍼 so I'll hand the buyer role to Maya for a while.",
    "Félicitations à Thomas et Inès de l'équipe e-commerce qui se sont dit oui samedi 💍",
    "Petite pensée pour mon foie ce matin après le séminaire…",
    "J'ai pris une caisse monumentale samedi, je suis encore en PLS",
    "Pulled such a big one on Friday that I'm running on Berocca and regret.",
    "Going to be quiet for a bit, 28 days in a facility that doesn't allow phones.",
    "Tirei os pontos ontem e o médico diz que já posso voltar a correr 🙏",
    "Bon rétablissement à Karim, opéré du genou hier 🦵",
    "Finito il ciclo di fisioterapia dopo l'operazione alla spalla, da lunedì torno in negozio",
    "Encore une ponction demain matin, donc absente jusqu'à 14 h. La PMA, c'est un marathon.",
])
def test_personal_life_read_from_the_sports_retailer(text, bank):
    assert "persona.personal_life" in fired(text, WORK, bank)


@pytest.mark.parametrize("text", [
    "L'enceinte Bluetooth étanche, la copine idéale des bivouacs 🎶 12 h d'autonomie.",
    "Our merch team's new planogram cut aisle restock time by 18%.",
    "The operation of the new warehouse starts in March.",
])
def test_the_sports_retailers_near_misses_stay_quiet(text, bank):
    rules = fired(text, WORK, bank)
    assert "persona.personal_life" not in rules and "disclosure.missing" not in rules


def test_a_french_slur_but_not_a_fly_swatter(bank):
    assert "conduct.slur" in fired("Le nouveau court comme une tapette, on l'a chambré", BRAND,
                                   bank)
    assert "conduct" not in {r.split(".")[0] for r in fired(
        "Promo sur les tapettes à mouches avant l'été !", BRAND, bank)}


def test_a_spanish_oath_asked_with_and_a_cone_left_alone(bank):
    assert "conduct.profanity" in fired(
        "¿Quién coño ha dejado las bicis de prueba bajo la lluvia? 😡", BRAND, bank)
    assert "conduct.profanity" not in fired("El cono de tráfico está en la entrada", BRAND, bank)


@pytest.mark.parametrize("text", [
    "Quem faz trilhos e ainda não tem a Quercia App… depois agradecem-me 😉",
    "Restock des cartes Quercia à Confluence… ceux qui savent, savent 🏃",
])
def test_pitches_without_a_sales_word_in_other_languages(text, bank):
    assert "persona.promotion" in fired(text, PERSONAL, bank)


def test_affiliate_links_said_in_french_are_a_pitch(bank):
    text = "Les 10 indispensables du bivouac 🏕️ Tous mes liens affiliés sont dans l'épingle"
    assert "persona.promotion" in fired(text, PERSONAL, bank)


def test_a_job_said_as_here_discloses_the_tie(bank):
    text = "Branch manager at Banco Quercia here: our sale on fees starts Friday"
    assert "disclosure.missing" not in fired(text, WORK, bank)


def test_a_brand_word_in_lower_case_after_an_indefinite_article_is_the_common_noun(tmp_path):
    pack = policy_from(tmp_path, """version = 1
[employer]
name = "Pervenche Sport"
aliases = ["Pervenche"]
""")
    assert "persona.brand_promotion" not in fired(
        "Une pervenche m'a collé une amende devant la boulangerie. 35 € le coup de pompe.",
        PERSONAL, pack)
    assert "persona.brand_promotion" in fired("J'adore Pervenche, allez-y !", PERSONAL, pack)


@pytest.mark.parametrize("text", [
    "En dehors de mon poste au magasin, je suis aussi coach sportive à domicile. Séances "
    "disponibles le samedi matin",
    "Petit rappel pour les collègues : mes confitures maison sont dispo, 5 € le pot",
    "Neben dem Job verkaufe ich jetzt auch Nahrungsergänzung von zu Hause aus. Wer mitmachen "
    "will, einfach DM.",
])
def test_a_side_trade_in_french_and_german(text, bank):
    assert {"persona.promotion", "persona.personal_life"} <= fired(text, WORK, bank)


@pytest.mark.parametrize("text", [
    "Both kids have the flu so I'm home with two feverish little monsters. Out of office.",
    "Dimanche je vote Lutte ouvrière et j'invite tous les collègues à en faire autant.",
])
def test_sick_children_and_ones_vote(text, bank):
    assert "persona.personal_life" in fired(text, WORK, bank)


def test_a_product_with_a_fever_in_its_name_is_not_a_sick_child(bank):
    assert "persona.personal_life" not in fired(
        "Our new flu-season campaign launches Monday across all branches.", WORK, bank)


def test_an_invitation_to_come_and_book_counts_toward_the_promotion_budget(bank):
    def earlier(text, hours):
        return HistoryEntry(Network.X, Persona.PERSONAL, Owner.SELF, text,
                            NOW - timedelta(hours=hours))

    history = [earlier("#ad Quercia branches do free reviews all week: quercia.example", 30),
               earlier("I work at Quercia: the Quercia App now does budgets. Download it!", 96)]
    text = "I work at Banco Quercia: open day Saturday, come and say hi and book a free review!"
    rules = {f.rule for f in check_draft(text, CheckTarget(Network.X, Persona.PERSONAL),
                                         policy=bank, history=history, now=NOW).findings}
    assert "frequency.promotion" in rules
