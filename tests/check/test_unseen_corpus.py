"""The persona check against a corpus of realistic drafts written apart from its lexicons.

Each corpus line says which rules or categories must fire and which must not (see
``tests/check/unseen_corpus.py``); a failure names the draft, what was missed or wrongly
raised, and every finding the check produced.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.check.unseen_corpus import CORPUS_DIR, judge, load_cases, pack_policy

# unseen_drafts.jsonl was written before the lexicons were read; holdout_drafts.jsonl before any
# rule was changed for unseen_drafts' misses; fresh_drafts.jsonl after those changes. Each was
# measured untouched first (numbers in the commit messages), then its general misses fixed.
# almira_drafts.jsonl (the fourth round, with tiers), solvane_drafts.jsonl (a dev set written
# before the h-check round changed any rule) and marisol_drafts.jsonl (the fifth round, a ferry
# operator, written without reading the rules and scored untouched) and kestrel_drafts.jsonl (the
# sixth round, a video-game studio with a UK pack, written the same way) and greenacre_drafts.jsonl
# (the seventh round, a supermarket chain with a US pack, written the same way before the meaning
# layer), orvelle_drafts.jsonl (the eighth round, a French bank and insurer with a pack of region
# "fr") and bergfalke_drafts.jsonl (the ninth round, a German outdoor retailer with a pack of region
# "de", the dev set that chose between meaning models) and azurine_drafts.jsonl (the tenth round, a
# US hotel and resort chain with a pack of region "us") and hearthlight_drafts.jsonl (the eleventh
# round, a UK children's and family charity with a pack of region "uk") and candil_drafts.jsonl
# (the twelfth round, a Spanish magazine publisher with a pack of region "es") and
# ondine_drafts.jsonl (the thirteenth round, a French cosmetics, skincare and perfume house with a
# pack of region "fr") and zahlwerk_drafts.jsonl (the fourteenth round, a German business-software
# company with a pack of region "de") and altivo_drafts.jsonl (the fifteenth round, a US
# fitness-club chain, region "us") and paperlark_drafts.jsonl (the sixteenth round, a British
# bookshop chain and publisher, region "uk") and barkwell_drafts.jsonl (the seventeenth round, a US
# pet-care company, region "us") and sattelwerk_drafts.jsonl (the eighteenth round, a German
# e-bike and cargo-bike maker, region "de") and tidewell_drafts.jsonl (the nineteenth round, a
# British energy supplier, region "uk") and cerisaie_drafts.jsonl (the twentieth round, a French
# hotel and holiday-village group, region "fr") and corbel_drafts.jsonl (the twenty-first round, a
# US magazine and podcast network, pack region "us") and mercalba_drafts.jsonl (the
# twenty-second round, a Spanish supermarket chain, region "es") and brightloom_drafts.jsonl (the
# twenty-third round, a London advertising and social-media agency, region "uk") and
# brickhaven_drafts.jsonl (the twenty-fourth round, a US home-improvement retailer, pack region
# "us") and kettlerock_drafts.jsonl (the twenty-fifth round, a US craft brewery and taproom chain,
# pack region "us") and lindhaus_drafts.jsonl (the twenty-sixth round, a German drugstore and
# pharmacy chain, region "de") and kitewing_drafts.jsonl (the twenty-seventh round, a UK
# children's charity, region "uk") and albufera_drafts.jsonl (the twenty-eighth round, a Spanish
# first-division football club, region "es") and rhodanis_drafts.jsonl (the twenty-ninth round, a
# French public-transport operator, region "fr") and dogwood_drafts.jsonl (the thirtieth round, a
# US retail bank and credit-card issuer, pack region "us") and voxtide_drafts.jsonl (the
# thirty-first round, a UK mobile network and broadband provider, region "uk") and
# pika_drafts.jsonl (the thirty-second round, a US low-cost airline, pack region "us") and
# elbwacht_drafts.jsonl (the thirty-third round, a German private hospital group, region "de")
# and lunargent_drafts.jsonl (the thirty-fourth round, a French video-game studio, region
# "fr") and slatebridge_drafts.jsonl (the thirty-fifth round, a US online-learning company,
# pack region "us") and wyvern_drafts.jsonl (the thirty-sixth round, a UK energy supplier,
# region "uk") and bretema_drafts.jsonl (the thirty-seventh round, a Spanish fashion retailer,
# pack region "es") and lantern_drafts.jsonl (the thirty-eighth round, a US city newspaper,
# pack region "us") and kurvana_drafts.jsonl (the thirty-ninth round, a German car-subscription
# and e-bike leasing company, pack region "de") and rowanmere_drafts.jsonl (the fortieth round,
# a UK housing association, region "uk") and mesquite_drafts.jsonl (the forty-first round, a US
# veterinary-clinic chain, pack region "us") and garonna_drafts.jsonl (the forty-second round, a
# French public-transport operator, pack region "fr") and cierzo_drafts.jsonl (the forty-third
# round, a Spanish mobile and fibre operator, pack region "es") and ironbeck_drafts.jsonl (the
# forty-fourth round, a UK football club, pack region "uk") and cantera_drafts.jsonl (the
# forty-fifth round, a US fast-casual restaurant chain, pack region "us") and
# sparkorb_drafts.jsonl (the forty-sixth round, a German discount supermarket chain, pack region
# "de") and avonmere_drafts.jsonl (the forty-seventh round, a UK university, pack region "uk")
# and versaline_drafts.jsonl (the forty-eighth round, a French cosmetics house, pack region
# "fr") and tamarack_drafts.jsonl (the forty-ninth round, a US health insurer, pack region
# "us") and caleta_drafts.jsonl (the fiftieth round, a Spanish hotel group, pack region "es")
# and kaltenbrunn_drafts.jsonl (the fifty-first round, a German industrial machinery maker,
# pack region "de") and ambrey_drafts.jsonl (the fifty-second round, a US grocery and pharmacy
# chain, pack region "us") and hollyhock_drafts.jsonl (the fifty-third round, a UK charity for
# older people, pack region "uk") and belfroi_drafts.jsonl (the fifty-fourth round, a
# French-Belgian online bank and broker, pack region "fr") and clearbrook_drafts.jsonl (the
# fifty-sixth round, a UK optician and hearing-care chain, pack region "uk") and
# switchback_drafts.jsonl (the fifty-fifth round, a US outdoor-gear retailer, pack region "us")
# and xesteira_drafts.jsonl (the fifty-seventh round, a Spanish dairy company, pack region
# "es") and rovela_drafts.jsonl (the fifty-ninth round, a US ride-hailing and delivery app,
# pack region "us") and elsterfunk_drafts.jsonl (the fifty-eighth round, a German public
# broadcaster, pack region "de") and brisola_drafts.jsonl (the sixtieth round, a Spanish toy and
# board-game maker, pack region "es"), quaymoor_drafts.jsonl (the sixty-first, a UK train
# operating company, "uk"), arzenhof_drafts.jsonl (the sixty-second, a German pharmaceutical and
# generics maker, "de"), vignelle_drafts.jsonl (the sixty-third, a French wine and champagne
# house, "fr") and sunhollow_drafts.jsonl (the sixty-fourth, a US home-solar installer, "us"),
# tapwell_drafts.jsonl (the sixty-fifth, a UK pub, inn and brewery chain, "uk"; scored
# untouched, then its misses read by the eighteenth rule round), salvora_drafts.jsonl and
# kingsmead_drafts.jsonl (the sixty-sixth and sixty-seventh, a Spanish retail bank, "es", and a
# UK estate agency, "uk"; scored untouched, then read by the nineteenth rule round), and
# bellharbor_drafts.jsonl, pervenche_drafts.jsonl and rotkehl_drafts.jsonl (the sixty-eighth to
# seventieth, a US cruise line, "us", a French sporting-goods retailer, "fr", and a German
# coffee roaster and café chain, "de"; written in the same hour and scored untouched; the
# nineteenth round read bellharbor and pervenche late, rotkehl never), and driftwell, gaslight,
# forjafit, lindwurm and clemence (the seventy-first to seventy-fifth: a US mattress brand,
# "us", a UK theatre and music-venue group, "uk", a Spanish gym chain, "es", a German insurer,
# "de", a French supermarket chain, "fr"; written during the nineteenth round by writers who
# saw none of it, scored untouched and at its end, never read), each
# written without reading the rules or other corpora and scored untouched, measure the check and
# stay out of the fixing loop: they are not held to every draft here;
# bench/check_corpus_report.py gives their figures.
MEASURE_ONLY = {CORPUS_DIR / "almira_drafts.jsonl", CORPUS_DIR / "solvane_drafts.jsonl",
                CORPUS_DIR / "marisol_drafts.jsonl", CORPUS_DIR / "kestrel_drafts.jsonl",
                CORPUS_DIR / "greenacre_drafts.jsonl", CORPUS_DIR / "orvelle_drafts.jsonl",
                CORPUS_DIR / "bergfalke_drafts.jsonl", CORPUS_DIR / "azurine_drafts.jsonl",
                CORPUS_DIR / "hearthlight_drafts.jsonl", CORPUS_DIR / "candil_drafts.jsonl",
                CORPUS_DIR / "ondine_drafts.jsonl", CORPUS_DIR / "zahlwerk_drafts.jsonl",
                CORPUS_DIR / "altivo_drafts.jsonl", CORPUS_DIR / "paperlark_drafts.jsonl",
                CORPUS_DIR / "barkwell_drafts.jsonl", CORPUS_DIR / "sattelwerk_drafts.jsonl",
                CORPUS_DIR / "tidewell_drafts.jsonl", CORPUS_DIR / "cerisaie_drafts.jsonl",
                CORPUS_DIR / "corbel_drafts.jsonl", CORPUS_DIR / "mercalba_drafts.jsonl",
                CORPUS_DIR / "brightloom_drafts.jsonl", CORPUS_DIR / "brickhaven_drafts.jsonl",
                CORPUS_DIR / "kettlerock_drafts.jsonl", CORPUS_DIR / "lindhaus_drafts.jsonl",
                CORPUS_DIR / "kitewing_drafts.jsonl", CORPUS_DIR / "albufera_drafts.jsonl",
                CORPUS_DIR / "rhodanis_drafts.jsonl", CORPUS_DIR / "dogwood_drafts.jsonl",
                CORPUS_DIR / "voxtide_drafts.jsonl", CORPUS_DIR / "pika_drafts.jsonl",
                CORPUS_DIR / "elbwacht_drafts.jsonl", CORPUS_DIR / "lunargent_drafts.jsonl",
                CORPUS_DIR / "slatebridge_drafts.jsonl", CORPUS_DIR / "wyvern_drafts.jsonl",
                CORPUS_DIR / "bretema_drafts.jsonl", CORPUS_DIR / "lantern_drafts.jsonl",
                CORPUS_DIR / "kurvana_drafts.jsonl", CORPUS_DIR / "rowanmere_drafts.jsonl",
                CORPUS_DIR / "mesquite_drafts.jsonl", CORPUS_DIR / "garonna_drafts.jsonl",
                CORPUS_DIR / "cierzo_drafts.jsonl", CORPUS_DIR / "ironbeck_drafts.jsonl",
                CORPUS_DIR / "cantera_drafts.jsonl", CORPUS_DIR / "sparkorb_drafts.jsonl",
                CORPUS_DIR / "avonmere_drafts.jsonl", CORPUS_DIR / "versaline_drafts.jsonl",
                CORPUS_DIR / "tamarack_drafts.jsonl", CORPUS_DIR / "kaltenbrunn_drafts.jsonl",
                CORPUS_DIR / "caleta_drafts.jsonl", CORPUS_DIR / "ambrey_drafts.jsonl",
                CORPUS_DIR / "hollyhock_drafts.jsonl", CORPUS_DIR / "belfroi_drafts.jsonl",
                CORPUS_DIR / "clearbrook_drafts.jsonl", CORPUS_DIR / "switchback_drafts.jsonl",
                CORPUS_DIR / "xesteira_drafts.jsonl", CORPUS_DIR / "rovela_drafts.jsonl",
                CORPUS_DIR / "elsterfunk_drafts.jsonl", CORPUS_DIR / "brisola_drafts.jsonl",
                CORPUS_DIR / "quaymoor_drafts.jsonl", CORPUS_DIR / "arzenhof_drafts.jsonl",
                CORPUS_DIR / "vignelle_drafts.jsonl", CORPUS_DIR / "sunhollow_drafts.jsonl",
                CORPUS_DIR / "tapwell_drafts.jsonl", CORPUS_DIR / "salvora_drafts.jsonl",
                CORPUS_DIR / "kingsmead_drafts.jsonl", CORPUS_DIR / "bellharbor_drafts.jsonl",
                CORPUS_DIR / "pervenche_drafts.jsonl", CORPUS_DIR / "rotkehl_drafts.jsonl",
                CORPUS_DIR / "driftwell_drafts.jsonl", CORPUS_DIR / "gaslight_drafts.jsonl",
                CORPUS_DIR / "forjafit_drafts.jsonl", CORPUS_DIR / "lindwurm_drafts.jsonl",
                CORPUS_DIR / "clemence_drafts.jsonl",
                # the twentieth round's five, written before it changed any rule
                CORPUS_DIR / "fernhollow_drafts.jsonl", CORPUS_DIR / "radkranz_drafts.jsonl",
                CORPUS_DIR / "lissandre_drafts.jsonl", CORPUS_DIR / "heartsease_drafts.jsonl",
                CORPUS_DIR / "pagarrio_drafts.jsonl",
                # five more, written during the twentieth round and scored on its start and on
                # its rules of ba040fc before any of their misses was read
                CORPUS_DIR / "cendrine_drafts.jsonl", CORPUS_DIR / "tallowmere_drafts.jsonl",
                CORPUS_DIR / "marejada_drafts.jsonl", CORPUS_DIR / "kornblume_drafts.jsonl",
                CORPUS_DIR / "pinecrest_drafts.jsonl",
                # development sets for false alarms and hard cases: fixing data, not a measure
                CORPUS_DIR / "wagtail_drafts.jsonl", CORPUS_DIR / "heron_drafts.jsonl",
                # all tiers of a German car maker and a UK grocery-delivery start-up
                CORPUS_DIR / "quarzit_drafts.jsonl",
                # mainstream drafts of a French airline and a Spanish telecom operator
                CORPUS_DIR / "sardine_drafts.jsonl",
                # mainstream drafts of a UK bank and a US pharmacy chain
                CORPUS_DIR / "alder_drafts.jsonl",
                # all tiers, a London ad agency (uk) and a US university hospital (us)
                CORPUS_DIR / "basalt_drafts.jsonl"}
# The twenty-first round's five sets (a US magazine publisher, "us", a German solar installer,
# "de", a French mutual bank, "fr", a Spanish mobile carrier, "es", a UK animal charity, "uk"),
# written before the round changed anything, scored untouched and at its end, never read.
WAVE_FIVE = ("quillfeather", "sturmhaus", "ardoisier", "salitre", "wrenfield")
# Its misses were read midway (the round's later rules come from them); a sixth wave, written
# then by writers who saw none of it (a US grocery chain, "us", a German newspaper, "de", a
# French hotel group, "fr", a Spanish airline, "es", a UK estate agency, "uk"), was scored
# untouched and at the round's end; the twenty-second round read its misses.
WAVE_SIX = ("copperkettle", "nordlicht", "bellevigne", "alcaravan", "thistledown")
# The twenty-second round read the sixth wave's misses; before it changed any rule a seventh
# was written by writers who saw none of the project (a US chain of veterinary clinics, "us",
# a German organic bakery chain, "de", a French skincare brand, "fr", a Spanish football club,
# "es", a UK train operator, "uk"), scored untouched at bbf63aa and at the round's end; the
# twenty-third round read its misses.
WAVE_SEVEN = ("marrowby", "lindenkorn", "peauclaire", "tramuntana", "railmoor")
# Before the twenty-third round changed any rule an eighth wave was written the same way (a US
# consumer-electronics brand, "us", a UK parcel carrier, "uk", a German DIY chain, "de", a French
# news weekly, "fr", a Spanish food-bank charity, "es"), scored untouched at a5fe901 and at the
# round's end; the twenty-fourth round read its misses.
WAVE_EIGHT = ("cobaltvane", "parcelwick", "hammerlinde", "lefalot", "alacena")
# Before the twenty-fourth round changed any rule a ninth wave was written the same way (a US
# tax-preparation chain, "us", a UK heating engineer, "uk", a German tour operator, "de", a
# French cinema chain, "fr", a Spanish concert promoter, "es"), scored untouched at 97f3bf5
# and at the round's end; the twenty-fifth round read its misses.
WAVE_NINE = ("ledgerfield", "coppergate", "wanderfalk", "lumerel", "sonoria")
# Before the twenty-fifth round changed any rule a tenth wave was written the same way (a US
# meal-kit and grocery-delivery app, "us", a UK high-street bakery and café chain, "uk", a
# German board-game and toy publisher, "de", a French ski-resort operator, "fr", a Spanish
# olive-oil cooperative, "es"), scored untouched at 31a38a1 and at the round's end; the
# twenty-sixth round read its misses.
WAVE_TEN = ("sunmarrow", "crumbwell", "spielkraut", "neigeval", "olivenza")
# Before the twenty-sixth round changed any rule an eleventh wave was written the same way (a US
# pet-insurance and veterinary-clinic company, "us", a Scottish chain of opticians and hearing
# shops, "uk", a Bavarian group of thermal spas and wellness hotels, "de", a French mutual
# insurer and online bank for students, "fr", a Spanish mobile and fibre carrier, "es"), scored
# untouched at dee75ce and at the round's end; the twenty-seventh round read its misses.
WAVE_ELEVEN = ("brambleton", "glimmerquay", "wasserlinde", "lucarnel", "terramarga")
# Before the twenty-seventh round changed any rule a twelfth wave was written the same way (a
# US home-solar and battery installer, "us", a UK chain of driving schools, "uk", a German maker
# of organic baby food and wooden toys, "de", a French operator of regional coaches and island
# ferries, "fr", a Spanish chain of dental clinics, "es"), scored untouched at 86b4ef3 and at
# the round's end; the twenty-eighth round read its misses. (Its writers never saw the example
# pack, which had not been copied where they looked: four of the five packs named the campaign
# hashtags "campaign_hashtags", gave partners a "kind" and had no "version"; those keys were
# renamed, dropped and added before it was scored, and nothing else in them was touched.)
WAVE_TWELVE = ("heliowick", "kerbstone", "wiegenlied", "galernes", "sonrisol")
# Before the twenty-eighth round changed any rule a thirteenth wave was written the same way (a
# US mountain resort operator, "us", a UK publisher of county lifestyle magazines and podcasts,
# "uk", a German municipal utility, "de", a French chain of opticians and hearing-aid centres,
# "fr", a Spanish chain of language academies, "es"), with the example pack copied in this time,
# scored untouched at 505b98e and at the round's end; the twenty-ninth round read its misses.
WAVE_THIRTEEN = ("pinyon", "larkspire", "auenstrom", "clairvue", "verbolario")
# Before the twenty-ninth round changed any rule a fourteenth wave was written the same way (a US
# chain of fabric, yarn and craft-supply stores, "us", a UK operator of climbing walls,
# trampoline parks and council leisure centres, "uk", a German family theme park and wildlife
# park operator, "de", a French network of driving schools, "fr", a Spanish online-first
# furniture and home-décor retailer, "es"), with the example pack copied in, scored untouched
# at e60a75c and at the round's end; the thirtieth round read its misses.
WAVE_FOURTEEN = ("spoolhaven", "tormoss", "waldkauz", "volantis", "mimbrera")
# Before the thirtieth round changed any rule a fifteenth wave was written the same way (a US
# operator of coworking spaces and meeting rooms, "us", a UK operator of public aquariums, a
# wildlife park and a sea-life rescue centre, "uk", a German chain of funeral homes, "de", a
# French regional press group, "fr", a Spanish chain of locksmiths and home-security
# installers, "es"), with the example pack copied in, scored untouched at 2ff7c5f and at the
# round's end; the thirty-first round read its misses.
WAVE_FIFTEEN = ("tinderloft", "pebblewick", "schwalbenhof", "grivelle", "pizarral")
# Before the thirty-first round changed any rule a sixteenth wave was written the same way (a US
# moving, packing and self-storage company, "us", a UK chain of garden centres and plant
# nurseries, "uk", a German mineral-water bottler with a thermal spa and wellness hotel, "de",
# a French cooperative of cheese dairies, "fr", a Spanish wedding and event caterer, "es"),
# with the example pack copied in, scored untouched at b9e64cd and at the round's end, and
# never read.
WAVE_SIXTEEN = ("haulbright", "foxglade", "quellbrunn", "tommeraie", "alboranza")
MEASURE_ONLY |= {CORPUS_DIR / f"{name}_drafts.jsonl"
                 for name in (*WAVE_FIVE, *WAVE_SIX, *WAVE_SEVEN, *WAVE_EIGHT, *WAVE_NINE,
                              *WAVE_TEN, *WAVE_ELEVEN, *WAVE_TWELVE, *WAVE_THIRTEEN,
                              *WAVE_FOURTEEN, *WAVE_FIFTEEN, *WAVE_SIXTEEN)}
# The measuring sets the meaning layer never learns from (scripts/train_meaning.py,
# training/corpora.txt), or their figures would say nothing: those whose misses no rule round
# has read, and those whose misses the sixteenth to nineteenth rounds read (the sixteenth's
# fifteen, then its eleven fresh sets, slatebridge, wyvern, brisola, arzenhof, tapwell, salvora,
# kingsmead, bellharbor and pervenche), kept out of
# training so that they stay a measure of it.
STILL_UNSEEN = {CORPUS_DIR / f"{name}_drafts.jsonl"
                for name in ("albufera", "rhodanis", "dogwood", "voxtide", "slatebridge",
                             "wyvern", "bretema", "lantern", "kurvana", "rowanmere", "mesquite",
                             "garonna", "cierzo", "ironbeck", "cantera", "sparkorb", "avonmere",
                             "versaline", "tamarack", "caleta", "kaltenbrunn",
                             "hollyhock", "belfroi", "ambrey", "clearbrook",
                             "switchback", "xesteira", "rovela", "elsterfunk", "brisola",
                             "quaymoor", "arzenhof", "vignelle", "sunhollow", "tapwell",
                             "salvora", "kingsmead", "bellharbor", "pervenche", "rotkehl",
                             "driftwell", "gaslight", "forjafit", "lindwurm", "clemence",
                             "fernhollow", "radkranz", "lissandre", "heartsease", "pagarrio",
                             "cendrine", "tallowmere", "marejada", "kornblume", "pinecrest",
                             *WAVE_FIVE, *WAVE_SIX, *WAVE_SEVEN, *WAVE_EIGHT, *WAVE_NINE,
                             *WAVE_TEN, *WAVE_ELEVEN, *WAVE_TWELVE, *WAVE_THIRTEEN,
                             *WAVE_FOURTEEN, *WAVE_FIFTEEN, *WAVE_SIXTEEN)}
# Of those, the sets whose drafts no one on the project has read: the measure of the check on
# drafts it never saw. From the twenty-first round the meaning layer's personal and promo
# heads learn from the others (training/persona_corpora.txt; their figures no longer measure
# the layer), never from these.
NEVER_READ = {CORPUS_DIR / f"{name}_drafts.jsonl"
              for name in ("quaymoor", "vignelle", "sunhollow", "rotkehl", "fernhollow",
                           "radkranz", "lissandre", "heartsease", "pagarrio", *WAVE_SIXTEEN)}
assert NEVER_READ <= STILL_UNSEEN
assert STILL_UNSEEN <= MEASURE_ONLY
CORPORA = [path for path in sorted(CORPUS_DIR.glob("*_drafts.jsonl")) if path not in MEASURE_ONLY]
CASES = [case for path in CORPORA for case in load_cases(path)]


def test_the_corpus_is_large_and_varied():
    assert len(CASES) >= 200
    assert len({case.id for case in CASES}) == len(CASES)
    networks = Counter(case.target.network.value for case in CASES)
    assert len(networks) == 8, networks
    assert len({case.pack for case in CASES if case.pack}) >= 3
    expected = {selector.split(".")[0].split(":")[0]
                for case in CASES for selector in case.must}
    assert expected >= {"persona", "conduct", "disclosure", "confidential", "limit",
                        "frequency", "duplicate", "privacy"}


@pytest.mark.parametrize("path", sorted(MEASURE_ONLY), ids=lambda path: path.name)
def test_a_measuring_corpus_loads_with_tiers_and_its_packs(path):
    cases = load_cases(path)  # refuses unknown rules or categories
    assert len({case.id for case in cases}) == len(cases)
    tiers = Counter(case.tier for case in cases)
    assert set(tiers) == {"mainstream", "hard", "harmless"}, tiers
    # A round is large enough to measure (a dev set may be smaller than a hidden round) and
    # at least a quarter of it is harmless drafts (rounds are written with a third; a dev set lost
    # some to relabelling), so false alarms weigh in the figures.
    assert len(cases) >= 100 and 4 * tiers["harmless"] >= len(cases), tiers
    for name in {case.pack for case in cases}:
        pack_policy(name)  # a pack that does not load fails here, not in the report


def _param(case):
    if case.known_miss:
        return pytest.param(case, id=case.id,
                            marks=pytest.mark.xfail(reason=case.known_miss, strict=True))
    return pytest.param(case, id=case.id)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_unseen_draft(case):
    outcome = judge(case)
    found = [(f.rule, f.severity.value, [case.text[s.start:s.end] for s in f.spans])
             for f in outcome.result.findings]
    assert outcome.ok, (
        f"{case.id}: {case.text!r}\n"
        f"  missed: {outcome.missed}  wrongly raised: {outcome.unwanted}  "
        f"verdict: {outcome.result.verdict} (expected {case.verdict})\n  findings: {found}")
