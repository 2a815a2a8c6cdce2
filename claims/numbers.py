"""Numbers in text: counts, ordinals, money and percentages, with the value they stand for.

Formats and words come from ``claims/lang/<code>/numbers.toml`` ("5.000" is 5000 and "1,5" is
1.5 in Indonesian; scales such as "miliar"; number words "dua puluh"). Numbers that belong to a
date ("15/6/2022", "24 Februari", "tahun 2023") are left to :mod:`claims.dates`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from claims.dates import resolve_dates
from claims.lang import LanguageData, load_language
from claims.lang.sections import NumbersSection
from claims.numerals import Numerals, alternation, numerals, value_of
from claims.types import Article, NumberKind, NumberMention, Span

_FOLLOWING_WORD = re.compile(r"\s+([^\W\d_]+(?:-[^\W\d_]+)*)")


@dataclass(frozen=True, slots=True)
class _Found:
    """A number found in the text, with offsets relative to the text searched."""

    start: int
    end: int
    value: float
    kind: NumberKind
    unit: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class _Vocabulary:
    """One language's numerals with the expressions for counts, money and ordinals."""

    numerals: Numerals
    currencies: Mapping[str, str]
    function_words: frozenset[str]
    collective_ordinals: bool
    cardinal: re.Pattern[str]
    currency_prefix: re.Pattern[str]
    gate: re.Pattern[str]  # cheap test: can the text hold a cardinal at all?
    ordinal: tuple[re.Pattern[str], ...]
    skip: re.Pattern[str] | None


def find_numbers(
    text: str,
    *,
    start: int,
    article: Article,
    exclude: Sequence[Span] | None = None,
    language: LanguageData | None = None,
) -> tuple[NumberMention, ...]:
    """The numbers in ``text`` (which is ``article.text[start:start + len(text)]``).

    Spans are in article coordinates. Numbers overlapping ``exclude`` are skipped; when it is
    None, the date expressions :func:`claims.dates.resolve_dates` finds in ``text`` are used.
    ``language`` defaults to the data for ``article.language``.
    """
    language = language or load_language(article.language)
    if exclude is None:
        found_dates = resolve_dates(
            text, start=start, article=article, anchor=None, language=language
        )
        exclude = [d.span for d in found_dates]
    vocab = _vocabulary(language.numbers)
    taken = [(s.start - start, s.end - start) for s in exclude]
    if vocab.skip is not None:
        taken.extend(m.span() for m in vocab.skip.finditer(text))
    found: list[_Found] = []
    for candidate in (*_ordinals(text, vocab), *_cardinals(text, vocab)):
        if math.isfinite(candidate.value) and not _overlaps(candidate, taken):
            taken.append((candidate.start, candidate.end))
            found.append(candidate)
    return tuple(
        NumberMention(
            text[f.start : f.end],
            article.span(start + f.start, start + f.end),
            f.value,
            f.kind,
            f.unit,
        )
        for f in sorted(found, key=lambda f: f.start)
    )


def _overlaps(found: _Found, taken: Iterable[tuple[int, int]]) -> bool:
    return any(found.start < end and start < found.end for start, end in taken)


def _ordinals(text: str, vocab: _Vocabulary) -> list[_Found]:
    """Ordinals; in collective languages "kedua negara" (both countries) is a count of 2."""
    found: list[_Found] = []
    for pattern in vocab.ordinal:
        for match in pattern.finditer(text):
            n = match.groupdict().get("n")
            written = vocab.numerals.ordinals.get(match.group(0).casefold(), 0)
            value = int(n) if n and len(n) < 16 else written
            if value <= 0:
                continue
            noun = _following_noun(text, match.end(), vocab) if n is None and value > 1 else None
            if vocab.collective_ordinals and noun is not None and noun[0].islower():
                found.append(
                    _Found(*match.span(), float(value), NumberKind.CARDINAL, noun.casefold())
                )
            else:
                found.append(_Found(*match.span(), float(value), NumberKind.ORDINAL))
    return found


def _cardinals(text: str, vocab: _Vocabulary) -> list[_Found]:
    """Counts, money and percentages, each with its unit."""
    found: list[_Found] = []
    if not vocab.gate.search(text):
        return found
    for match in vocab.cardinal.finditer(text):
        value = value_of(match.group("num") + match.group("scale"), vocab.numerals)
        if value is None:
            continue
        # The currency before the number is looked for only here: as the pattern's optional
        # start it would be tried at every position of every sentence.
        pre = vocab.currency_prefix.search(text, max(0, match.start() - 24), match.start())
        start = pre.start() if pre else match.start()
        currency = pre.group(1) if pre else match.group("post")
        if currency:
            kind, unit = NumberKind.MONEY, vocab.currencies.get(_currency_key(currency))
        elif match.group("pct"):
            kind, unit = NumberKind.PERCENT, None
        else:
            noun = _following_noun(text, match.end(), vocab)
            kind, unit = NumberKind.CARDINAL, noun.casefold() if noun else None
        found.append(_Found(start, match.end(), value, kind, unit))
    return found


def _following_noun(text: str, end: int, vocab: _Vocabulary) -> str | None:
    """The word right after a number when it names what is counted ("5.000 kata")."""
    match = _FOLLOWING_WORD.match(text, end)
    if match is None:
        return None
    word = match.group(1)
    lower = word.casefold()
    known = (vocab.function_words, vocab.numerals.words, vocab.numerals.scales)
    return None if any(lower in words for words in known) else word


def _currency_key(written: str) -> str:
    return " ".join(written.casefold().split())


def _gate_words(words: Iterable[str]) -> str:
    """A fast, case-sensitive alternation of words as written, capitalised and in capitals.

    Without ``\\b`` or ``(?i)`` the regex engine scans for the first letters quickly; this
    only says whether a costlier pattern is worth running.
    """
    forms = {f for w in words for f in (w, w[:1].upper() + w[1:], w.upper()) if f}
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) or "(?!)"


@cache
def _vocabulary(section: NumbersSection) -> _Vocabulary:
    """Build (once per section) the expressions for counts, money, percentages and ordinals."""
    found = numerals(section)
    currencies = {_currency_key(k): v for k, v in section.currencies.items()}
    cardinal = (
        rf"(?P<num>{found.number})"
        rf"(?P<scale>(?:\s+{alternation(found.scales)})*)"
        rf"(?:\s*(?P<pct>{alternation(section.percent_words, bounded=False)})"
        rf"|\s+(?P<post>{alternation(currencies)}))?"
    )
    ordinal = [re.compile(p) for p in section.ordinal_patterns]
    if found.ordinals:
        ordinal.append(re.compile(alternation(found.ordinals)))
    skip = section.skip_phrases
    return _Vocabulary(
        numerals=found,
        currencies=currencies,
        function_words=frozenset(w.casefold() for w in section.function_words),
        collective_ordinals=section.collective_ordinals,
        cardinal=re.compile(cardinal),
        currency_prefix=re.compile(rf"({alternation(currencies)})\s?$"),
        gate=re.compile(r"\d|" + _gate_words(found.words)),
        ordinal=tuple(ordinal),
        skip=re.compile(alternation(skip)) if skip else None,
    )
