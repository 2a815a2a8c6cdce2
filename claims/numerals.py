"""Numerals: numbers written in digits or words, read with a language's separators and words.

Shared by :mod:`claims.numbers` (quantities in claims) and :mod:`claims.dates` ("empat bulan
lalu", "bulan keempat"); the words come from the language's ``numbers.toml`` ("5.000" is 5000
and "1,5" is 1.5 in Indonesian; "dua puluh" is 20; "miliar" a scale).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from claims.lang import LanguageData, as_language
from claims.lang.sections import NumbersSection

# Digits not glued to letters, times ("21:01") or slashed dates ("15/6"): "G20", "Covid-19"
# and URLs carry no quantity.
DIGITS = r"(?<![\w/:.,])(?<![^\W\d_]-)\d+(?:[.,]\d+)*(?![\w/:]|[.,]\d)"


@dataclass(frozen=True, slots=True, eq=False)
class Numerals:
    """One language's number words (casefolded) and a regex source for one number."""

    thousands: str
    decimal: str
    words: Mapping[str, float]
    multipliers: Mapping[str, float]
    adders: Mapping[str, float]
    scales: Mapping[str, float]
    ordinals: Mapping[str, int]
    number: str  # regex source for one number, digits or words, without groups


@cache
def numerals(section: NumbersSection) -> Numerals:
    """The numerals of a ``numbers.toml`` section, built once per section."""

    def folded(table: Mapping[str, float]) -> dict[str, float]:
        return {k.casefold(): v for k, v in table.items()}

    words, multipliers = folded(section.words), folded(section.multipliers)
    adders, scales = folded(section.adders), folded(section.scales)
    start_word = alternation(words)
    any_word = alternation([*words, *multipliers, *adders, *scales])
    return Numerals(
        thousands=section.thousands,
        decimal=section.decimal,
        words=words,
        multipliers=multipliers,
        adders=adders,
        scales=scales,
        ordinals={k.casefold(): v for k, v in section.ordinals.items()},
        number=rf"(?:{DIGITS}|{start_word}(?:(?:\s+|-){any_word})*)",
    )


def parse_number(text: str, language: str | LanguageData) -> float | None:
    """The value of a number written in digits or words ("5.000", "dua puluh"), else None."""
    return value_of(text, numerals(as_language(language).numbers))


def value_of(text: str, found: Numerals) -> float | None:
    """The value of ``text``, digits or number words with scale words after them."""
    tokens = re.split(r"[\s-]+", text.strip().casefold())
    if re.fullmatch(r"\d+(?:[.,]\d+)*", tokens[0]):
        value = parse_digits(tokens[0], found.thousands, found.decimal)
        return None if value is None else _scaled(value, tokens[1:], found)
    return _combine_words(tokens, found)


def parse_digits(digits: str, thousands: str, decimal: str) -> float | None:
    """Read "5.000" / "1,5" / "2.000,50" with the language's separators.

    A lone separator followed by other than three digits is read as a decimal point written
    the other language's way ("1.5" in Indonesian text). Without separators (language unknown)
    a mark before exactly three digits groups thousands. Anything else unreadable is None.
    """
    if not (thousands and decimal):
        thousands, decimal = _guess_separators(digits)
    integer, _, fraction = digits.rpartition(decimal) if decimal in digits else (digits, "", "")
    groups = integer.split(thousands)
    if any(not g.isdecimal() for g in groups) or (fraction and not fraction.isdecimal()):
        return None
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        if len(groups) == 2 and not fraction:
            return float(f"{groups[0]}.{groups[1]}")
        return None
    return float("".join(groups) + (f".{fraction}" if fraction else ""))


def alternation(words: Iterable[str], *, bounded: bool = True) -> str:
    """A case-insensitive alternation, longest first, with word boundaries around words.

    A symbol ("US$", "%") gets no boundary on the right, and on the left only when ``bounded``.
    """
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in word.split())
        left = r"\b" if word[0].isalnum() else (r"(?<![\w$])" if bounded else "")
        right = r"\b" if word[-1].isalnum() else ""
        parts.append(f"{left}{body}{right}")
    return "(?i:" + "|".join(parts) + ")" if parts else "(?!)"


def _guess_separators(digits: str) -> tuple[str, str]:
    """(thousands, decimal) for a number in a text of unknown language."""
    marks = [c for c in digits if c in ".,"]
    if len(set(marks)) == 2:
        return ("," if marks[-1] == "." else "."), marks[-1]
    if marks and all(len(g) == 3 for g in re.split(r"[.,]", digits)[1:]):
        return marks[0], ("," if marks[0] == "." else ".")
    return ("," if marks and marks[0] == "." else "."), (marks[0] if marks else ".")


def _scaled(value: float, scale_words: Sequence[str], found: Numerals) -> float | None:
    for word in scale_words:
        if word not in found.scales:
            return None
        value *= found.scales[word]
    return value


def _combine_words(tokens: Sequence[str], found: Numerals) -> float | None:
    """Read a number-word sequence: "dua ratus lima puluh ribu" -> 250000."""
    total, group, piece = 0.0, 0.0, 0.0
    for token in tokens:
        if token in found.words:
            group, piece = group + piece, found.words[token]
        elif token in found.multipliers:
            piece = (piece or 1.0) * found.multipliers[token]
        elif token in found.adders:
            piece += found.adders[token]
        elif token in found.scales:
            total, group, piece = total + (group + piece or 1.0) * found.scales[token], 0.0, 0.0
        else:
            return None
    return total + group + piece
