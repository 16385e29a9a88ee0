"""General rules added for drafts the word lists missed (issue 17, h-check round): drinks
counted or named in six languages, sobriety, treatment said around it, swapped-letter swearing,
the middle-finger gesture, e-mail addresses spelled out in other languages — each with near
misses that must stay quiet."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.check.engine import check_draft
from app.core.model import CheckTarget, Network, Persona, Severity

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
X_WORK = CheckTarget(Network.X, Persona.WORK)
X_PERSONAL = CheckTarget(Network.X, Persona.PERSONAL)


def fired(text, target, policy=None):
    """Rules with a warning or a block (what makes a post stop or ask)."""
    result = check_draft(text, target, policy=policy, now=NOW)
    return {f.rule for f in result.findings if f.severity.rank >= Severity.WARN.rank}


@pytest.mark.parametrize("text", [
    "Nine pints deep at the cricket club, someone hide my phone",
    "Jägerbombs until closing and my head is pounding",
    "Cuatro gin tonics anoche y hoy no soy persona",
    "Deux bouteilles de rouge à trois, journée compliquée",
    "Fünf Bier und drei Kurze, heute geht nichts",
    "Seis cervejas e duas caipirinhas no sábado",
    "Quattro birre e due spritz ieri, oggi sono a pezzi",
    "Two years sober today",
    "Hoy cumplo seis meses sin probar el alcohol",
    "Seit zwei Jahren trocken",
    "Ho smesso di bere da un anno",
    "Back at my desk while I recover from my hip operation",
    "Round three of chemo tomorrow",
    "Me operan del menisco el lunes, mi operación es a las 8",
    "Depuis ma greffe tout va mieux",
    "Grávida de 28 semanas e ainda no escritório",
])
def test_personal_life_told_by_amounts_and_around_it_on_a_work_account(text):
    assert "persona.personal_life" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "We sold 3 bottles of hand sanitiser per customer",
    "Drei kurze Fragen an unser Team",
    "Zwei halbe Stunden Pause pro Schicht",
    "Duas doses da vacina são recomendadas",
    "Our alcohol-free range launches Monday",
    "A sober look at the quarter's numbers",
    "Took 3 shots at goal in the first half",
])
def test_the_same_words_in_a_working_sense_stay_quiet(text):
    assert "persona.personal_life" not in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Fvck this rota", "Phuck Mondays", "Shyt week honestly", "What a load of bvllshit",
    "🖕 to whoever booked a 7am meeting", "🖕🏽 Mondays",
])
def test_swapped_letters_and_the_gesture_count_as_swearing(text):
    assert "conduct.profanity" in fired(text, X_WORK)


@pytest.mark.parametrize("text", [
    "Quick question about the queue", "Movie night with the team", "Vivid colours in the yard",
    "Physics of the pump explained",
])
def test_ordinary_words_with_those_letters_are_not_swearing(text):
    assert not {rule for rule in fired(text, X_WORK) if rule.startswith("conduct")}


@pytest.mark.parametrize("text", [
    "Schreibt mir: jana punkt meier at web punkt de",
    "Escríbeme a lucia punto gomez arroba gmail punto com",
    "Écrivez-moi : claire point dubois arobase orange point fr",
    "Scrivetemi: marco chiocciola libero punto it",
    "Manda para joao ponto silva arroba gmail ponto com",
    "jane dot doe at gmail dot com",
])
def test_spelled_out_addresses_in_six_languages(text):
    assert "privacy.email" in fired(text, X_PERSONAL)


@pytest.mark.parametrize("text", [
    "We arrived at this point it was already late",
    "At that point de facto nothing changed",
    "El punto es que llegamos tarde",
])
def test_sentences_with_point_and_at_are_not_addresses(text):
    assert "privacy.email" not in fired(text, X_PERSONAL)
