"""The eleventh round, promotion, disclosure and codenames (fixing sets altivo and paperlark,
after their unseen figures were taken, with ondine, zahlwerk, hearthlight and candil): members
recruited to the employer with a perk for joining are promotion; a farewell or a work
anniversary names the job, not an advert, even with a connection label such as "#employee"
(an advertising label still says advert); an offer or a product after the name ("first week
free at", "six months with Acme home cover") is a customer's, so undisclosed promotion always
needs its disclosure; a verdict from experience ("lo mejor que he probado") with a call to go
("id a por él", "holt es euch", "tell her I sent you") promotes; "sponsored by my paycheck"
discloses nothing; a codename's bare name beside a project word ("Saddle kickoff", "le
lancement de Saddle") warns; "P. Saddle" and "Proj. Saddle" abbreviate "Project Saddle".

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Owner, Persona
from tests.check.rounds import findings, policy_from
from tests.check.rounds import fired as rules

PERSONAL = CheckTarget(Network.FACEBOOK, Persona.PERSONAL)
LINKEDIN_PERSONAL = CheckTarget(Network.LINKEDIN, Persona.PERSONAL)
WORK_SELF = CheckTarget(Network.THREADS, Persona.WORK, Owner.SELF)

PACK = """\
version = 1
[employer]
name = "Cragmoor Climbing"
aliases = ["Cragmoor"]
domains = ["cragmoor.example"]
[[partners]]
name = "Loomfield Chalk"
aliases = ["Loomfield"]
domains = ["loomfield.example"]
[disclosure]
region = "us"
accepted = ["#ad", "#employee", "#CragmoorCrew", "Werbung:"]
[confidential]
terms = ["Project Saddle", "Cornice"]
"""

DISCLOSURE = {"disclosure.missing", "disclosure.insider_review", "disclosure.unclear"}


@pytest.fixture
def climbing(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "cragmoor.toml")


# --- 1. members recruited with a perk for joining ------------------------------------------

RECRUITING = [
    "Join my gym Cragmoor Eastside before Friday and the joining fee is waived, DM me!",
    "Friends! Join my club Cragmoor Eastside this month and the enrollment fee is waived 🙌",
    "Hazte socia de Cragmoor antes del viernes: sin cuota de inscripción.",
    "Apúntate a Cragmoor Centro este mes: sin cuota de inscripción. ¡Escríbeme!",
    "Deviens membre chez Cragmoor avant dimanche, sans frais d'inscription.",
    "Inscrivez-vous chez Cragmoor avant dimanche, frais d'inscription offerts !",
    "Werdet Mitglied bei Cragmoor, keine Aufnahmegebühr bis Freitag!",
    "Torna-te sócio do Cragmoor até sexta, sem taxa de inscrição.",
    "Inscreve-te no Cragmoor até sexta e a primeira semana é grátis!",
    "Diventa socio di Cragmoor entro venerdì, senza quota d'iscrizione.",
    "Iscriviti a Cragmoor entro venerdì: iscrizione gratuita per tutto il mese!",
]


@pytest.mark.parametrize("text", RECRUITING)
def test_recruiting_members_with_a_joining_perk_is_promotion(text, climbing):
    found = rules(text, PERSONAL, climbing)
    assert {"persona.brand_promotion", "disclosure.missing"} <= found


@pytest.mark.parametrize("text", [
    "Join me at Cragmoor tonight? Bouldering at 7, then pizza",
    "¿Te vienes a escalar conmigo al Cragmoor esta noche?",
    "Tu viens grimper avec moi chez Cragmoor ce soir ?",
    "Kommst du heute Abend mit zu Cragmoor bouldern?",
    "Vens escalar comigo no Cragmoor hoje à noite?",
    "Vieni ad arrampicare con me da Cragmoor stasera?",
])
def test_inviting_a_friend_along_sells_nothing(text, climbing):
    assert not rules(text, PERSONAL, climbing) & {"persona.brand_promotion", *DISCLOSURE}


def test_a_clubs_open_invitation_naming_no_business_is_not_promotion(climbing):
    text = "Join our choir! First rehearsal is free, Thursdays at 7 in the church hall"
    assert not rules(text, PERSONAL, climbing) & {"persona.promotion", *DISCLOSURE}


def promotes(text, target, policy):
    """The persona.brand_promotion finding when it says the draft promotes (any severity: said
    openly up front it is a note, test_sales_pitch_on_personal.py), else None."""
    found = findings(text, target, policy).get("persona.brand_promotion")
    return found if found is not None and found.message.startswith("This promotes") else None


def test_the_joining_perk_with_the_job_said_needs_no_disclosure_and_is_noted(climbing):
    text = "I work at Cragmoor: join before Friday and the joining fee is waived!"
    assert promotes(text, PERSONAL, climbing) is not None
    assert not rules(text, PERSONAL, climbing) & DISCLOSURE


# --- 2. career posts name the job ----------------------------------------------------------

CAREER = [
    "After eight years I'm leaving Cragmoor to set up my own guiding business. Thank you to an "
    "amazing team.",
    "Hoy es mi último día en Cragmoor. Gracias a un equipo increíble por estos años.",
    "Dejo Cragmoor después de ocho años para volver a estudiar. ¡Gracias, equipo maravilloso!",
    "C'est mon dernier jour chez Cragmoor : merci à une équipe formidable !",
    "Nach acht Jahren verlasse ich Cragmoor. Danke an ein großartiges Team!",
    "Mein letzter Tag bei Cragmoor: danke für alles, ihr seid ein tolles Team.",
    "Depois de oito anos, deixo a Cragmoor. Obrigado a uma equipa fantástica!",
    "Oggi è il mio ultimo giorno da Cragmoor, grazie a una squadra fantastica.",
    "Lascio Cragmoor dopo otto anni: grazie a tutti, siete stati splendidi.",
    "Seven years as a route setter at Cragmoor this week. Grateful for every climber who "
    "tested my problems. #CragmoorCrew",
    "Five years at Cragmoor today, and I still love the early shifts. #employee",
    "Cinco años como monitora en Cragmoor esta semana, gracias a todos los socios.",
    "Cinq ans chez Cragmoor aujourd'hui, merci à toute l'équipe !",
    "Fünf Jahre bei Cragmoor diese Woche – danke an alle Mitglieder!",
    "Cinco anos na Cragmoor esta semana, obrigada a todos!",
    "Cinque anni da Cragmoor oggi, grazie a tutti i soci!",
]


@pytest.mark.parametrize("text", CAREER)
def test_a_farewell_or_work_anniversary_is_not_promotion(text, climbing):
    found = findings(text, LINKEDIN_PERSONAL, climbing)
    assert not set(found) & DISCLOSURE
    assert "persona.brand_promotion" not in rules(text, LINKEDIN_PERSONAL, climbing)


@pytest.mark.parametrize("text", [
    "After eight years I'm leaving Cragmoor, and our winter sale starts Monday: 20% off all "
    "memberships!",
    "Five years as a route setter at Cragmoor this week! Our spring sale starts Monday, 20% "
    "off. #employee",
    "Dejo Cragmoor, pero antes: ¡20% de descuento en todas las cuotas hasta el domingo!",
])
def test_a_career_post_with_a_sales_pitch_is_still_promotion(text, climbing):
    assert promotes(text, LINKEDIN_PERSONAL, climbing) is not None


def test_an_advertising_label_beside_the_job_still_says_advert(climbing):
    # "Werbung:" says the post is an advert, so it promotes the employer (said openly: a note)
    text = "Werbung: Ich arbeite bei Cragmoor. Samstag eröffnen wir die neue Boulderhalle."
    assert promotes(text, PERSONAL, climbing) is not None


# --- 3. promotion the check calls promotion needs its disclosure ---------------------------

UNDISCLOSED = [
    "genuinely the best wall in Leeds is Cragmoor Eastside, go sign up, first week free at "
    "cragmoor.example/try",
    "Best climbing gym in town is Cragmoor, sign up today, first month free at "
    "cragmoor.example",
    "La mejor sala de escalada de Madrid es Cragmoor, apúntate ya, primer mes gratis en "
    "cragmoor.example",
    "After six months with Cragmoor Flex membership: ★★★★★, worth every penny",
    "How I got strong in a year with the Cragmoor training plans → cragmoor.example/plans",
    "My climbing shoes, sponsored by my paycheck 😂 all from Cragmoor, go get them",
    "Patrocinado por mi sueldo, jaja: todo de Cragmoor, id a verlo en cragmoor.example",
    *RECRUITING,
]


@pytest.mark.parametrize("text", UNDISCLOSED)
def test_undisclosed_promotion_of_the_employer_always_needs_a_disclosure(text, climbing):
    found = rules(text, PERSONAL, climbing)
    assert "persona.brand_promotion" in found
    assert found & DISCLOSURE


@pytest.mark.parametrize("text", [
    "If you've never bouldered at Cragmoor Eastside you're missing out. Go try it, seriously",
    "If you're in Leeds and want a wall with proper setting, go to Cragmoor Eastside and ask "
    "for Priya. Tell her I sent you",
    "Mi plan de los sábados: Cragmoor Centro, lo mejor que he probado, id a por ello ya",
    "Si vais a Leeds, Cragmoor es lo mejor que podéis hacer. Hacedme caso",
    "Mein Samstagsritual: Cragmoor Boulderhalle, das Beste, was ich je ausprobiert hab, holt "
    "es euch!",
    "La salle Cragmoor de Lyon, le meilleur mur que j'aie jamais grimpé. Allez-y de ma part !",
    "O Cragmoor é o melhor ginásio que já experimentei em Lisboa, não percam!",
    "Cragmoor è la migliore palestra che abbia mai provato, andate a provarla!",
])
def test_a_verdict_from_experience_and_a_call_to_go_promote_the_employer(text, climbing):
    found = rules(text, PERSONAL, climbing)
    # (since the sixteenth round "the best I've ever tried" is a staff review in all six
    # languages, as it was in English: disclosure.insider_review says the same thing)
    assert "persona.brand_promotion" in found
    assert found & {"disclosure.missing", "disclosure.insider_review"}


@pytest.mark.parametrize("text", [
    "Best part of my week was a slow session at Cragmoor with my brother.",
    "Lo mejor del sábado: escalar con mi hermana en Cragmoor.",
    "Das Beste am Wochenende war der Kaffee nach dem Bouldern im Cragmoor.",
    "Le meilleur moment de la semaine : grimper avec mon frère chez Cragmoor.",
    "O melhor do fim de semana foi escalar com a minha irmã no Cragmoor.",
    "La cosa migliore della settimana: arrampicare con mia sorella da Cragmoor.",
])
def test_the_best_moment_of_ones_week_at_the_employer_is_not_a_verdict(text, climbing):
    assert not rules(text, PERSONAL, climbing) & {"persona.brand_promotion", *DISCLOSURE}


@pytest.mark.parametrize("text", [
    "Ten years with Cragmoor today, grateful for this team.",
    "Zehn Jahre mit Cragmoor und immer noch jeden Tag dankbar für dieses Team.",
])
def test_time_served_with_the_employer_still_states_the_job(text, climbing):
    assert not rules(text, LINKEDIN_PERSONAL, climbing) & {"persona.brand_promotion",
                                                           *DISCLOSURE}


def test_a_real_sponsor_label_still_discloses(climbing):
    text = "Sponsored by Cragmoor: the new bouldering wall is open, go check it out"
    assert not rules(text, PERSONAL, climbing) & DISCLOSURE


# --- 4. a codename's bare name used as a project -------------------------------------------

@pytest.mark.parametrize("text", [
    "Saddle kickoff went great today, the whole team was buzzing",
    "The cornice pricing model we've been building finally works.",
    "Saddle rollout starts next week across all walls",
    "Big milestone: the saddle beta is in members' hands",
    "El lanzamiento de Saddle fue un éxito, gracias equipo",
    "Le lancement de Saddle est prévu pour lundi",
    "Die Saddle-Einführung läuft nach Plan.",
    "O lançamento do Saddle correu muito bem!",
    "Il lancio di Saddle è andato alla grande",
])
@pytest.mark.parametrize("target", [WORK_SELF, PERSONAL], ids=["work", "personal"])
def test_a_codenames_bare_name_beside_a_project_word_warns(text, target, climbing):
    found = findings(text, target, climbing)
    assert found["confidential.term"].severity.value == "warn"


@pytest.mark.parametrize("text", [
    "Lunch on the saddle at 3,000 m, then down the ridge",
    "The saddle between the two peaks was windy",
    "A cornice collapsed above the gully this morning, stay off it",
    "Watch the cornice on the north side, it's huge this year",
    "Der Sattel liegt auf 3.000 m, die Wechte ist riesig",
])
def test_the_same_words_in_their_ordinary_sense_stay_below_a_warning(text, climbing):
    assert "confidential.term" not in rules(text, WORK_SELF, climbing)


def test_the_full_codename_still_blocks(climbing):
    found = findings("Project Saddle kickoff today", WORK_SELF, climbing)
    assert found["confidential.term"].severity.value == "block"


@pytest.mark.parametrize("text", [
    "P. Saddle update: load tests passed",
    "Proj. Saddle is on track for spring",
    "Prj Saddle: second review done",
])
def test_the_generic_word_abbreviated_is_still_the_codename(text, climbing):
    found = findings(text, WORK_SELF, climbing)
    assert found["confidential.term"].severity.value == "block"


@pytest.mark.parametrize("text", [
    "Met P Saddle's cousin at the crag",  # a lone letter without its stop is no abbreviation
    "Up on the saddle by noon, back down by three",
])
def test_a_lone_letter_or_the_plain_word_is_no_codename(text, climbing):
    assert "confidential.term" not in rules(text, WORK_SELF, climbing)


# --- a call to action used as a noun calls nobody -------------------------------------------

@pytest.mark.parametrize("text", [
    "Ten lessons our shop managers taught me about service: people remember how you made them "
    "feel, not the price.",
    "Sixty years ago the founders opened a tiny shop on the high street. Today we opened our "
    "twelfth boutique.",
    "Late check-out is free for members of our loyalty club.",
])
def test_a_call_word_used_as_a_noun_on_a_work_account_needs_no_disclosure(text, climbing):
    assert not rules(text, WORK_SELF, climbing) & DISCLOSURE


@pytest.mark.parametrize("text", [
    "Hoy he hecho la compra de la semana y el precio de la fruta me ha dejado loca",
    "Ma commande de la semaine dernière était au prix fort, tant pis",
])
def test_ones_own_shopping_is_not_promotion(text, climbing):
    assert "persona.promotion" not in rules(text, PERSONAL, climbing)


@pytest.mark.parametrize("text", [
    "New pattern in the shop ✂️ PDF only 6€ 👉 sew.example/p/wrapdress",
    "Il me reste des places pour mes cours de yoga, 12€ la séance, inscrivez-vous par MP",
    "Inscrevam-se já, a aula custa só 5€!",
    "Sign-up now, first class only 5€!",
])
def test_the_shop_as_the_place_to_buy_and_verbs_with_hyphens_still_sell(text, climbing):
    assert "persona.promotion" in rules(text, PERSONAL, climbing)


@pytest.mark.parametrize("text", [
    "A lesson from ten years in sales: the best deal is the one where customers would happily "
    "buy again.",
    "Ten years of retail taught me one thing: people buy from people they trust, at any price.",
])
def test_a_call_verb_said_of_others_is_no_call(text, climbing):
    assert not rules(text, WORK_SELF, climbing) & DISCLOSURE


@pytest.mark.parametrize("text", [
    "You should buy the winter pass now, it's only 99€ until Sunday",
    "Buy the winter pass now, only 99€ until Sunday",
])
def test_a_call_verb_asked_of_the_reader_still_sells(text, climbing):
    assert "persona.promotion" in rules(text, PERSONAL, climbing)
