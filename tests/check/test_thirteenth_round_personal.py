"""The thirteenth round of general rules, personal life and privacy (fixing sets corbel,
mercalba and brightloom, after their unseen figures were taken), in the six languages:

1. phone numbers: Brazilian numbers written the local way ("11 98765-4321", "(21)
   99876-5432") with the WhatsApp words people use ("zap", "whats", "me chama"); a call said
   after the number ("..., llámame"); a named person to ring ("ring Dan on 07700 900 ...")
   even with the organisation's words nearby ("send it to our team, or ring Dan on"), the
   drama range included, or in brackets after the name ("ask Dan (07700 ...)"), or on
   WhatsApp ("chame a Ana no zap"), unless the number is an office's landline; a line
   named by its purpose ("the study line", "orders by phone") stays the organisation's;
2. a birth, an engagement or a wedding told as news on a work account (a colleague's baby
   "arrived at 3am, 7lb 2oz", "la fille de notre chef est née", "hat sich verlobt") warns,
   and so does a colleague's diagnosis or a death in a colleague's family said the other way
   round ("le han diagnosticado", "Rhys's mother passed away", "le père de notre collègue est
   décédé"), while the employer's baby range, a new store called "our new baby", a pet
   adoption, a project "born" of an idea and history ("died in 1961") stay quiet;
3. politics reported with nobody taking a side, a result in figures ("The ballot measure
   lost 52-48. Turnout was 61.3%.") or words given with their source ("selon l'Élysée"), is
   only noted, and so is the organisation meeting an office holder ("our CEO met the Prime
   Minister"); "political ads" and "politics aside" are no politics; a stance ("vote yes on
   4!", "votez non", "I'm voting for", "we're backing the Labour Party") still warns;
4. an awareness day, politics as a subject of talk, the reader's in-laws and the after-party
   of an event the post covers are not anyone's personal life;
5. one's own side business or private sale on a work account ("my band plays ... tickets",
   "selling my vintage camera", "I also shoot weddings ... now booking", "vendo mi bici") is
   personal life there, while the employer's offer ("selling our new range") is not.

Examples written for this file (none from a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check.policy import Policy
from app.core.model import CheckTarget, Network, Owner, Persona, Severity
from tests.check.rounds import findings, policy_from
from tests.check.rounds import fired as rules

BRAND_ACCOUNT = CheckTarget(Network.FACEBOOK, Persona.WORK, Owner.EMPLOYER)
WORK_SELF = CheckTarget(Network.LINKEDIN, Persona.WORK, Owner.SELF)
PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)

PACK = """\
version = 1
[employer]
name = "Tallowmere Bakeries"
aliases = ["Tallowmere"]
domains = ["tallowmere.example"]
[disclosure]
region = "uk"
accepted = ["#ad", "#employee"]
"""


@pytest.fixture
def bakeries(tmp_path: Path) -> Policy:
    return policy_from(tmp_path, PACK, "tallowmere.toml")


def _marked(text: str, target: CheckTarget, policy: Policy, rule: str) -> list[str]:
    found = findings(text, target, policy).get(rule)
    return [] if found is None else [text[s.start:s.end] for s in found.spans]


def _personal_life(text: str, target: CheckTarget, policy: Policy) -> Severity | None:
    found = findings(text, target, policy).get("persona.personal_life")
    return None if found is None else found.severity


# --- 1. phone numbers --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "number"), [
    ("meu zap é 31 99123-4567, qualquer coisa me chama", "31 99123-4567"),
    ("me chama no whats: (41) 98877-6655", "(41) 98877-6655"),
    ("quem quiser a receita, me manda um zap 85 9 9812 3456", "85 9 9812 3456"),
    ("Vendo bicicleta, (11) 97654-3210", "(11) 97654-3210"),
    ("47 99988-7766, me liga depois das seis", "47 99988-7766"),
    ("612 478 301, llámame cuando llegues", "612 478 301"),
    ("Stuck at the depot, 07700 900 417 - text me", "07700 900 417"),
])
def test_a_number_given_to_be_rung_is_a_phone_number(text, number, bakeries):
    assert _marked(text, PERSONAL, bakeries, "privacy.phone") == [number]


@pytest.mark.parametrize("text", [
    "Raffle winner, please send your postal address to our team, or ring Kofi on 07700 900 582",
    "Found keys at the counter: give them to our staff or text Marta on 07700 900 583",
    "Winner of the hamper! Reply to our team or WhatsApp Ines on 07700 900 584 by Friday",
    "Spare tickets for the tasting, ask Dan (07700 900 585)",
    "Prémio: fale com a nossa equipa ou chame a Ana no zap (11) 98765-4321",
    "Premio: habla con nuestro equipo o escribe a Luis al whats 612 345 678",
])
def test_a_named_person_to_ring_is_private_despite_the_teams_words_nearby(text, bakeries):
    assert "privacy.phone" in rules(text, BRAND_ACCOUNT, bakeries)


@pytest.mark.parametrize("text", [
    "Questions about your order? Our team is on 0345 600 7711, or ring Reception on 0345 600 7712",
    "Wholesale: call our Front Desk on 0345 600 7713",
    "Questions? Ask our Reception (0345 600 7714)",
    "For press enquiries, contact our team: call Sarah on 020 7946 0958",
    "Encomendas: chame a gente no zap (11) 3456-7890",
    "Pedido 11 98765-4321 entregue ontem, obrigado!",
    "Resultado do sorteio: 11 22 33 44 55 e 60",
    "O PIN novo é 4821 e o pedido 552301",
    "Comprei por R$ 1.234,56 em 11/12/2026",
])
def test_desks_orders_pins_and_prices_stay_quiet(text, bakeries):
    assert "privacy.phone" not in rules(text, BRAND_ACCOUNT, bakeries)


@pytest.mark.parametrize("text", [
    "We are recruiting for a sourdough tasting panel. Details on the site or the panel line "
    "(617) 555-0174.",
    "Questions about the trial? Our appointments line: 020 7946 0321",
    "Plus d'infos sur la ligne d'écoute au 01 45 67 89 10",
    "Per informazioni la nostra linea dedicata: 02 1234 5678",
    "Orders by phone: 0113 496 0123, Monday to Saturday",
    "Pedidos por teléfono al 912 345 678",
    "Commandes par téléphone au 01 23 45 67 89",
    "Bestellungen telefonisch unter 030 1234567",
    "Encomendas pelo telefone 213 456 789",
    "Ordini al telefono 02 1234 5678",
])
def test_a_line_named_by_its_purpose_is_the_organisations(text, bakeries):
    assert "privacy.phone" not in rules(text, WORK_SELF, bakeries)


@pytest.mark.parametrize("text", [
    "Text me on the old line 07700 900 653",
    "Orders by phone to me on my mobile 07700 900 654",
])
def test_the_writers_own_line_is_still_private(text, bakeries):
    assert "privacy.phone" in rules(text, WORK_SELF, bakeries)


# --- 2. a birth, an engagement or a wedding told as news on a work account ---------------------

@pytest.mark.parametrize("text", [
    "Our pastry chef's baby boy arrived at 4:10 this morning, 8lb 1oz. Welcome to the world, Sol!",
    "Huge congratulations to Niamh in dispatch, whose twins were born on Sunday",
    "Our head baker and his wife welcomed a healthy baby girl last night",
    "El bebé de nuestro repartidor Iván nació ayer a las 5, con 3,1 kilos",
    "Le fils de notre boulangère Chloé est né hier à 6h, 3,4 kg",
    "Die Tochter unseres Kollegen Timo kam heute Nacht um 2 Uhr zur Welt",
    "A filha da nossa colega Joana nasceu ontem à noite, com 3,2 kg",
    "La bimba della nostra collega Elisa è nata stamattina alle 7",
    "Our oven lead Priya tied the knot on Saturday, congratulations!",
    "Nuestra compañera Lucía se ha prometido este fin de semana",
    "Notre collègue Inès s'est mariée samedi à Lyon",
    "Unser Kollege Jonas hat sich am Wochenende verlobt",
    "O nosso colega Tiago casou-se no sábado",
    "Il nostro collega Davide si è fidanzato ieri sera",
    "Unsere Kollegin Mia liegt seit Dienstag im Krankenhaus",
    "Congratulations to Femi on the birth of his daughter, Ada!",
    "Our night baker Olu became a dad at 2am",
    "Felicidades a Pilar por el nacimiento de su hijo",
    "Félicitations à Yanis pour la naissance de sa fille",
    "Herzlichen Glückwunsch an Lea zur Geburt ihrer Tochter",
    "Parabéns ao Nuno pelo nascimento da filha",
    "Auguri a Sara per la nascita del figlio",
    "Unser Bäcker Paul ist Papa geworden",
    "Notre pâtissière Léna est devenue maman cette nuit",
    "Il nostro fornaio Gianni è diventato papà",
    "Nuestra panadera Rosa ha sido mamá esta madrugada",
    "Our apprentice Kai's wedding was the party of the year",
    "La boda de nuestro compañero Álvaro fue preciosa",
    "Le mariage de notre collègue Manon était magnifique",
    "Die Hochzeit unseres Kollegen Ben war traumhaft",
    "O casamento da nossa colega Leonor foi lindo",
    "Il matrimonio del nostro collega Pietro è stato bellissimo",
    "A nossa pasteleira Inês está de baixa depois da cirurgia",
    "Welcome to the world, baby Orla! Congrats to our van driver Seán and his partner",
    "Our manager's little girl was born last night, mum and baby doing well",
    "Meet the newest member of the team: baby Remi, born Sunday to our baker Aoife",
    "It's a boy! Congratulations to our head of sales Tunde",
    "Our finance lead is battling cancer and we are all behind her",
    "Wedding bells for our shop manager Hana this weekend!",
    "Congratulations to Ade and Lou from the Bristol bakery on their engagement!",
    "Sad news: our founder's husband Peter passed away last night",
    "¡Enhorabuena a nuestra compañera Vera por su boda!",
    "Félicitations à Malik pour son mariage samedi !",
    "Herzlichen Glückwunsch an Lars zur Verlobung!",
    "Parabéns à Carla pelo noivado!",
    "Auguri a Matteo per le nozze!",
])
def test_a_persons_family_news_on_the_brand_account_warns(text, bakeries):
    assert _personal_life(text, BRAND_ACCOUNT, bakeries) is Severity.WARN


@pytest.mark.parametrize("text", [
    "Our new baby: the Harrogate bakery opened its doors today!",
    "Our baby range has arrived in every store: soft rusks from six months",
    "Meet Pickle, waiting at the shelter for his forever home. Adopt, don't shop!",
    "Se ha prometido una mejora del reparto para enero",
    "La nueva colección bebé llegó a las tiendas",
    "La collection bébé est arrivée en boutique",
    "Die Idee für das Brot wurde 2019 geboren",
    "Il progetto è nato ieri in riunione",
    "Our founder was born in Leeds in 1952 and opened the first bakery in 1980",
    "The birth of our bakery: a single oven in a Leeds cellar, 1922",
    "El nacimiento de la marca, en una trastienda de Burgos",
    "Dopo la nascita del bambino, il pavimento pelvico va rieducato con calma",
    "This season's wedding cakes are in the window now",
    "Our couple's wedding day checklist is free to download",
    "As vendas estão em baixa este mês",
    "Welcome to the world, Rye Supreme: our darkest loaf yet",
    "It's a girl thing: our new pink-iced buns",
    "Baby food, born from love in our Leeds kitchen",
    "Our little shop arrived on the high street in 1999",
    "Enhorabuena al equipo por su compromiso con la calidad",
    "Geschenke zur Hochzeit: unsere Auswahl an Torten",
])
def test_the_employers_own_babies_and_births_of_ideas_stay_quiet(text, bakeries):
    assert "persona.personal_life" not in rules(text, BRAND_ACCOUNT, bakeries)


@pytest.mark.parametrize("text", [
    "A nuestra compañera Noa le han diagnosticado un linfoma, todo nuestro cariño",
    "On lui a diagnostiqué une sclérose en plaques : courage à notre collègue Anaïs",
    "Bei ihr wurde letzte Woche Brustkrebs diagnostiziert, alles Gute an unsere Kollegin",
    "A nossa colega Beatriz foi diagnosticada com leucemia",
    "Alla nostra collega Irene le hanno diagnosticato un tumore",
    "Our colleague Rhys's mother passed away on Sunday",
    "La madre de nuestra compañera Sofía falleció anoche",
    "Le père de notre collègue Théo est décédé samedi",
    "Die Mutter unserer Kollegin Ida ist am Montag gestorben",
    "O pai do nosso colega Duarte faleceu ontem",
    "Il padre della nostra collega Chiara è scomparso ieri",
])
def test_a_colleagues_diagnosis_or_loss_on_the_brand_account_warns(text, bakeries):
    assert _personal_life(text, BRAND_ACCOUNT, bakeries) is Severity.WARN


@pytest.mark.parametrize("text", [
    "Our founder's father died in 1961 and left him a single oven",
    "El padre de la repostería moderna murió en 1891",
    "Le père de la baguette tradition est mort en 1920",
    "O pai do pastel de nata morreu em 1834, diz a lenda",
])
def test_history_and_the_father_of_an_idea_stay_quiet(text, bakeries):
    assert "persona.personal_life" not in rules(text, BRAND_ACCOUNT, bakeries)


@pytest.mark.parametrize("text", [
    "Every loaf sold this week funds care for people battling cancer",
    "Our charity bake sale funds research for children fighting leukaemia",
])
def test_an_illness_of_people_in_general_is_only_a_note(text, bakeries):
    assert "persona.personal_life" not in rules(text, BRAND_ACCOUNT, bakeries)


def test_a_patients_birth_story_shared_with_consent_is_only_noted(bakeries):
    text = ("Patient story, shared with her permission: Amara's baby girl was born at 26 weeks "
            "and went home today")
    assert _personal_life(text, BRAND_ACCOUNT, bakeries) is Severity.INFO


# --- 3. politics reported, not argued ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The ballot measure failed 47-53. Turnout was 58.2%. Full results on our site.",
    "Senator Ortiz won re-election 55-45, according to the county count",
    "The Senate passed the bill 51-49 late on Tuesday",
    "Macron obtient 58,5 % des voix au second tour, selon les résultats officiels",
    "Die AfD kam laut Hochrechnung auf 20,8 Prozent der Stimmen",
    "Bolsonaro teve 49,1% dos votos, segundo a apuração",
    "Farage tops the poll at 29%, our analysis is online",
    "The Prime Minister said in a statement that the budget vote moves to Thursday",
    "Selon l'Élysée, Macron s'exprimera ce soir à 20 h",
    "Laut Regierungssprecher wird die AfD nicht eingeladen",
    "Segundo o Planalto, Bolsonaro não vai comparecer à cerimónia",
    "Die Grünen kamen laut Hochrechnung auf 11,2 Prozent",
    "Pedro Sánchez obtuvo 121 escaños, según el escrutinio",
])
def test_a_result_in_figures_or_a_sourced_report_is_only_noted(text, bakeries):
    assert _personal_life(text, WORK_SELF, bakeries) is Severity.INFO


@pytest.mark.parametrize("text", [
    "Vote yes on 4! Polls show 52-48, we can do this",
    "I'm voting for Starmer, polls say he leads 44% to 31%",
    "Prop 4 results: 52% yes. I voted yes and I'm proud",
    "Je vote Macron au second tour, 58 % selon les sondages",
    "Votad a la izquierda, la derecha lleva un 44 % según las encuestas",
    "Politics is a circus and Senator Ortiz is the ringmaster",
    "¡Vota sí a la 4! Las encuestas dan 52-48",
    "Votez non dimanche, les sondages donnent 48 %",
    "Stimmt mit Ja am Sonntag, laut Umfrage 51 Prozent",
    "Votem sim no domingo, as sondagens dão 52%",
    "Votate no al referendum, i sondaggi dicono 48%",
    "Trump announced he will run again. Good riddance to democracy",
    "El PSOE ha destrozado este país, que se vayan ya",
    "Die Grünen haben dieses Land ruiniert",
    "Giorgia Meloni sta distruggendo l'Italia",
    "La France insoumise est une honte",
    "Lula da Silva é o pior presidente da história",
    "I think Starmer is right, according to the polls anyway",
])
def test_a_stance_still_warns(text, bakeries):
    assert _personal_life(text, WORK_SELF, bakeries) is Severity.WARN


@pytest.mark.parametrize("text", [
    "Our CEO met the Prime Minister today to talk about apprenticeships in the North",
    "We were proud to welcome Senator Alvarez to our Ohio bakery this morning",
    "Nuestra directora se reunió hoy con el presidente Macron en París",
    "Nous avons accueilli Macron dans notre fournil de Lille",
])
def test_the_organisations_public_affairs_are_only_noted(text, bakeries):
    assert _personal_life(text, BRAND_ACCOUNT, bakeries) is Severity.INFO


@pytest.mark.parametrize("text", [
    "We're backing the Labour Party this election",
    "I met the Prime Minister today, what a disappointment",
    "Met Trump today, what a hero, MAGA",
])
def test_backing_a_party_or_ones_own_verdict_still_warns(text, bakeries):
    assert _personal_life(text, WORK_SELF, bakeries) is Severity.WARN


@pytest.mark.parametrize("text", [
    "Political ads are not allowed on our pages, see our advertising policy",
    "This week on the podcast: how political campaigns use data",
    "Politics aside, our bakers just want good bread",
    "Trump card: our new loyalty scheme is live",
    "Probiert die grünen Smoothies in unserem Café",
    "Our founder talked to Vox about four-day weeks in bakeries",
    "Unsere Kollegin Frau Scholz feiert heute 25 Jahre im Betrieb",
    "Lula grelhada com batata, o prato do dia",
    "El referéndum fracasó 47-53, con una participación del 58 %",
    "Le référendum a été rejeté à 53 %, selon les résultats officiels",
    "Der Volksentscheid scheiterte mit 47 Prozent, laut Ergebnis",
])
def test_politics_as_a_line_of_work_and_results_without_list_words_stay_quiet(text, bakeries):
    assert "persona.personal_life" not in rules(text, WORK_SELF, bakeries)


# --- 4. public observances, table talk and an event's after-party ------------------------------

@pytest.mark.parametrize("text", [
    "World Mental Health Day: our staff support line is open around the clock for every baker.",
    "A festive table guide: a trifle that survives the drive to your in-laws, and tips for when "
    "the family starts talking politics.",
    "Dressed for the afterparty: our stylists on day three of London Fashion Week.",
    "La after party de la Semana de la Moda de Madrid, con nuestro equipo de estilo",
])
def test_observances_table_talk_and_event_after_parties_stay_quiet(text, bakeries):
    assert "persona.personal_life" not in rules(text, BRAND_ACCOUNT, bakeries)


@pytest.mark.parametrize("text", [
    "Taking a mental health day today, back tomorrow",
    "Christmas with my in-laws again, pray for me",
    "Still recovering from the afterparty last night",
])
def test_ones_own_day_off_in_laws_and_night_out_still_warn(text, bakeries):
    assert "persona.personal_life" in rules(text, BRAND_ACCOUNT, bakeries)


# --- 5. one's own side business on a work account ----------------------------------------------

@pytest.mark.parametrize("text", [
    "Quick plug: I also photograph christenings, now booking for spring, rates on request",
    "Side hustle update 🍪 my cookie boxes now ship nationwide, DM me for the menu",
    "My band is headlining the Old Vic Tap on Saturday, tickets £6 on the door",
    "Selling my old espresso machine, works perfectly, DM for price",
    "Vendo mi bici de carretera, talla 56, escríbeme por privado",
    "Je vends mon vélo de course, taille 56, écrivez-moi",
    "Ich verkaufe meine alte Kamera, bei Interesse gerne melden",
    "Vendo o meu sofá, como novo, mensagem privada",
    "Vendo il mio vecchio tostapane, scrivetemi",
    "Mi grupo toca el viernes en la Sala Sol, entradas a 8 €",
])
def test_ones_own_side_business_on_a_work_account_warns(text, bakeries):
    # as the sale it is (persona.promotion) when the promotion rules read one, and as the
    # writer's private life (persona.personal_life), which the rule lists (nineteenth round:
    # writers of unseen sets expect both; before, only one was said)
    persona = rules(text, WORK_SELF, bakeries) & {"persona.personal_life", "persona.promotion"}
    assert "persona.personal_life" in persona, persona


@pytest.mark.parametrize("text", [
    "Selling our new winter range from Monday in every shop",
    "I also teach our apprentices on weekends, proudest part of the job",
    "The side project that became our bestseller: the cheese scone",
    "I also run the bookings for our Leeds team",
])
def test_the_employers_offer_and_ones_job_stay_quiet(text, bakeries):
    assert "persona.personal_life" not in rules(text, WORK_SELF, bakeries)


def test_a_private_sale_on_a_personal_account_is_fine(bakeries):
    assert "persona.personal_life" not in rules("Selling my old bike, size 56, DM me",
                                                PERSONAL, bakeries)
