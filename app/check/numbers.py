"""Numbers from 1 to 99 as people write them in a codename ("Orme 21", "Orme XXI", "Orme
twenty-one", "Orme einundzwanzig", "Orme veintiuno"): Roman numerals and the number words of
the six languages of the check, folded (lower case, no accents). Built on first use."""

from __future__ import annotations

import re
from functools import cache

_EN_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
             "eighteen", "nineteen")
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_DE_UNITS = ("", "eins", "zwei", "drei", "vier", "funf", "sechs", "sieben", "acht", "neun",
             "zehn", "elf", "zwolf", "dreizehn", "vierzehn", "funfzehn", "sechzehn", "siebzehn",
             "achtzehn", "neunzehn")
_DE_TENS = ("", "", "zwanzig", "dreissig", "vierzig", "funfzig", "sechzig", "siebzig",
            "achtzig", "neunzig")
_ES_UNITS = ("", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
             "diez", "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete",
             "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidos", "veintitres",
             "veinticuatro", "veinticinco", "veintiseis", "veintisiete", "veintiocho",
             "veintinueve")
_ES_TENS = ("", "", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta",
            "ochenta", "noventa")
_FR_UNITS = ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
             "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
             "dix-neuf")
_FR_TENS = ("", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante",
            "quatre-vingt", "quatre-vingt")
_PT_UNITS = ("", "um", "dois", "tres", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez",
             "onze", "doze", "treze", "catorze", "quinze", "dezasseis", "dezassete", "dezoito",
             "dezanove")
_PT_TENS = ("", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta",
            "noventa")
_IT_UNITS = ("", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove",
             "dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici",
             "diciassette", "diciotto", "diciannove")
_IT_TENS = ("", "", "venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta",
            "ottanta", "novanta")
_ROMAN_PARTS = ((90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"),
                (1, "i"))
_ROMAN = re.compile(r"^(?:xc|l?x{0,3}|xl)(?:ix|iv|v?i{0,3})$")


def roman(number: int) -> str:
    """``number`` (1–99) in lower-case Roman numerals."""
    parts = []
    for value, letters in _ROMAN_PARTS:
        while number >= value:
            parts.append(letters)
            number -= value
    return "".join(parts)


def _words(number: int) -> list[str]:
    tens, unit = divmod(number, 10)
    found: list[str] = []
    if number < 20:
        found += [_EN_UNITS[number], _DE_UNITS[number], _FR_UNITS[number], _PT_UNITS[number],
                  _IT_UNITS[number]]
    else:
        english = _EN_TENS[tens]
        found += [f"{english}-{_EN_UNITS[unit]}", f"{english} {_EN_UNITS[unit]}"] if unit \
            else [english]
        german = _DE_TENS[tens]
        found.append(f"{'ein' if unit == 1 else _DE_UNITS[unit]}und{german}" if unit else german)
        portuguese = _PT_TENS[tens]
        found.append(f"{portuguese} e {_PT_UNITS[unit]}" if unit else portuguese)
        italian = _IT_TENS[tens]
        if unit:
            stem = italian[:-1] if unit in (1, 8) else italian  # "ventuno", "ventotto"
            found.append(stem + _IT_UNITS[unit])
        else:
            found.append(italian)
        found.append(_french(number))
    if number < 30:
        found.append(_ES_UNITS[number])
    else:
        found.append(f"{_ES_TENS[tens]} y {_ES_UNITS[unit]}" if unit else _ES_TENS[tens])
    if number == 1:  # "un", "um" are also articles ("Atlas un ..."): not a codename's number
        found = [word for word in found if word not in ("un", "um")]
    return list(dict.fromkeys(word for word in found if word))


def _french(number: int) -> str:
    tens, unit = divmod(number, 10)
    if tens in (7, 9):  # soixante-dix, quatre-vingt-onze
        rest = _FR_UNITS[10 + unit]
        joiner = " et " if tens == 7 and unit == 1 else "-"
        return f"{_FR_TENS[tens]}{joiner}{rest}"
    if not unit:
        return "quatre-vingts" if tens == 8 else _FR_TENS[tens]
    joiner = " et " if unit == 1 and tens != 8 else "-"
    return f"{_FR_TENS[tens]}{joiner}{_FR_UNITS[unit]}"


def written_number(word: str) -> int | None:
    """The number 1–99 that ``word`` (folded) writes in digits, Roman numerals or English words;
    None for anything else. (Only English words, so "sei" or "tre" in a codename stay words.)"""
    if word.isdigit():
        return int(word) if 0 < int(word) < 100 else None
    if word and _ROMAN.match(word):
        return _roman_value(word)
    return _english_values().get(word)


@cache
def _english_values() -> dict[str, int]:
    values = {word: number for number, word in enumerate(_EN_UNITS) if word}
    for tens in range(2, 10):
        values[_EN_TENS[tens]] = tens * 10
        for unit in range(1, 10):
            values[f"{_EN_TENS[tens]}-{_EN_UNITS[unit]}"] = tens * 10 + unit
    return values


def _roman_value(word: str) -> int | None:
    return _roman_values().get(word)


@cache
def _roman_values() -> dict[str, int]:
    return {roman(number): number for number in range(1, 100)}


@cache
def number_forms(number: int) -> tuple[str, ...]:
    """Ways ``number`` (1–99) is written: digits, Roman numerals (upper case), then the words
    of the six languages (English first)."""
    return (str(number), roman(number).upper(), *_words(number))
