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
from claims.measures import measures, qualifier_before
from claims.numerals import Numerals, alternation, numerals, value_of
from claims.types import Article, NumberKind, NumberMention, Span

# The word after a figure: "5.000 kata", "a 2,900-metre mountain".
_FOLLOWING_WORD = re.compile(r"(?:\s+|-)([^\W\d_]+(?:-[^\W\d_]+)*)")
_LOOK_BACK = 40  # characters looked at before a number
_LISTED = re.compile(r"\s*,?\s*(?:[^\W\d_]{1,4}\s+)?\Z")  # ", " or " dan " between codes
_HYPHENED, _HYPHENED_AFTER = re.compile(r"\d[-–]$"), re.compile(r"[-–]\d")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w-]*)[ \t]+$")
_SIGN = re.compile(r"(?:(?<=[\s(])|^)[-−]$")  # "-0,07 persen", not "2-3" or "Covid-19"


@dataclass(frozen=True, slots=True)
class _Found:
    """A number found in the text, with offsets relative to the text searched."""

    start: int
    end: int
    value: float
    kind: NumberKind
    unit: str | None = None
    rounding: float = 0.0


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
    clock_before: re.Pattern[str]  # "pukul 21.00", "at 7:34": a time of day, no quantity
    clock_after: re.Pattern[str]  # "14.30 WIB", "1 p.m.", "0621 GMT"
    counted: frozenset[str]  # words after a figure that say it counts something ("orang")
    # singular forms listed beside their plural ("passenger", "passengers"): "Boeing 737
    # passenger jet" names a model, since a count of 737 would take the plural
    singular: frozenset[str]


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
    vocab = _vocabulary(language)
    taken = [(s.start - start, s.end - start) for s in exclude]
    masked = list(taken)
    if vocab.skip is not None:
        taken.extend(m.span() for m in vocab.skip.finditer(text))
    found: list[_Found] = []
    for candidate in (*_ordinals(text, vocab), *_cardinals(text, vocab)):
        if math.isfinite(candidate.value) and not _overlaps(candidate, taken):
            taken.append((candidate.start, candidate.end))
            found.append(candidate)
    found.sort(key=lambda f: f.start)
    what = measures(text, [(f.start, f.end) for f in found], masked, language)
    return tuple(
        NumberMention(
            text[f.start : f.end],
            article.span(start + f.start, start + f.end),
            f.value,
            f.kind,
            f.unit,
            measure=measured.measure,
            scope=measured.scope,
            qualifier=qualifier_before(text, f.start, language),
            rounding=f.rounding,
        )
        for f, measured in zip(found, what, strict=True)
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
    """Counts, money and percentages, each with its unit; clock times are left out."""
    found: list[_Found] = []
    if not vocab.gate.search(text):
        return found
    code_end = -1
    for match in vocab.cardinal.finditer(text):
        number = match.group("num") + match.group("scale")
        value = value_of(number, vocab.numerals)
        if value is None or _is_clock(text, match, vocab):
            continue
        listed = code_end >= 0 and _LISTED.match(text, code_end, match.start())
        if listed or _is_code(text, match, vocab):
            code_end = match.end()  # "Pasal 187, 188, dan 359": the list goes on
            continue
        # The currency before the number is looked for only here: as the pattern's optional
        # start it would be tried at every position of every sentence.
        pre = vocab.currency_prefix.search(text, max(0, match.start() - 24), match.start())
        start = pre.start() if pre else match.start()
        if pre is None and _SIGN.search(text, max(0, start - 2), start):
            start, value = start - 1, -value
        currency = pre.group(1) if pre else match.group("post")
        if currency:
            kind, unit = NumberKind.MONEY, vocab.currencies.get(_currency_key(currency))
        elif match.group("pct"):
            kind, unit = NumberKind.PERCENT, None
        else:
            noun = _following_noun(text, match.end(), vocab)
            kind, unit = NumberKind.CARDINAL, noun.casefold() if noun else None
        rounding = _rounding(match.group("num"), match.group("scale"), vocab.numerals)
        found.append(_Found(start, match.end(), value, kind, unit, rounding))
    return found


def _is_clock(text: str, match: re.Match[str], vocab: _Vocabulary) -> bool:
    if match.group("pct") or match.group("post"):
        return False
    before = vocab.clock_before.search(text, max(0, match.start() - 12), match.start())
    return bool(before or vocab.clock_after.match(text, match.end()))


def _is_code(text: str, match: re.Match[str], vocab: _Vocabulary) -> bool:
    """A number in a name, a code, a score or a range, no quantity: "Boeing 737-500", "SJ 182
    dari Jakarta", "Kepulauan Seribu", "kalah 2-3". A number in a name follows a capitalised
    word, and no counted noun follows it."""
    if match.group("pct") or match.group("post") or match.group("scale"):
        return False
    if _HYPHENED.search(text, max(0, match.start() - 2), match.start()) or _HYPHENED_AFTER.match(
        text, match.end()
    ):
        return True
    reach = max(0, match.start() - _LOOK_BACK)  # bounded: a long line stays linear
    before = _PREVIOUS_WORD.search(text, reach, match.start())
    if before is None or not before.group(1)[:1].isupper():
        return False
    opening = text[max(0, before.start() - _LOOK_BACK) : before.start()].rstrip()
    if before.start() == 0 or (opening[-1:] or ".") in '.:!?"“(-–—':
        return False  # "Sebanyak 41 ...", "BNPB: Korban ... 268": a sentence or line opens
    after = _FOLLOWING_WORD.match(text, match.end())
    if after is not None and after.group(1).casefold() in vocab.counted:
        # "Gempa Cianjur 252 Orang", "Rekor 29 Kali"; but "Boeing 737 passenger jet"
        return after.group(1).casefold() in vocab.singular and match.group("num") != "1"
    written = match.group("num")
    if not written[:1].isdigit():
        return written[:1].isupper()  # "Seribu" inside a name, not "seribu warga"
    return after is None or after.group(1)[:1].isupper()


def _rounding(digits: str, scale: str, found: Numerals) -> float:
    """Half the last written decimal place: "1,17" -> 0.005, "1,5 miliar" -> 0.05 miliar;
    whole figures are exact ("125", "61 ribu")."""
    marked = found.decimal and found.decimal in digits  # no separators: a language unknown
    decimals = digits.rpartition(found.decimal)[2] if marked else ""
    if not decimals.isdecimal():
        decimals = ""
    multiplier = value_of("1" + scale, found) if scale.strip() else None
    if not decimals:
        return 0.0
    return 0.5 * 10.0 ** -len(decimals) * (multiplier or 1.0)


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
def _vocabulary(language: LanguageData) -> _Vocabulary:
    """Build (once per language) the expressions for counts, money, percentages and ordinals."""
    section = language.numbers
    found = numerals(section)
    currencies = {_currency_key(k): v for k, v in section.currencies.items()}
    # "Rp7.650" as well as "Rp 7.650": a currency sign may be glued to its digits.
    glued = "|".join(
        rf"(?<={re.escape(c)})" for c in {w for k in section.currencies for w in (k, k.upper())}
    )
    number = rf"(?:(?:{glued})\d+(?:[.,]\d+)*(?![\w/:]|[.,]\d)|{found.number})"
    cardinal = (
        rf"(?P<num>{number})"
        rf"(?P<scale>(?:\s+{alternation(found.scales)})*)"
        rf"(?:\s*(?P<pct>{alternation(section.percent_words, bounded=False)})"
        rf"|\s+(?P<post>{alternation(currencies)}))?"
    )
    ordinal = [re.compile(p) for p in section.ordinal_patterns]
    if found.ordinals:
        ordinal.append(re.compile(alternation(found.ordinals)))
    skip = section.skip_phrases
    times = language.times
    return _Vocabulary(
        numerals=found,
        currencies=currencies,
        function_words=frozenset(w.casefold() for w in section.function_words),
        collective_ordinals=section.collective_ordinals,
        cardinal=re.compile(cardinal),
        currency_prefix=re.compile(rf"((?i:{_prefixes(currencies)}))\s?$"),
        gate=re.compile(r"\d|" + _gate_words(found.words)),
        ordinal=tuple(ordinal),
        skip=re.compile(alternation(skip)) if skip else None,
        clock_before=re.compile(rf"{alternation(times.cues)}\s*$"),
        counted=frozenset(
            w.casefold()
            for words in (section.classifiers, *section.units.values(), *section.measures.values())
            for w in words
        ),
        singular=frozenset(
            w.casefold()
            for words in section.measures.values()
            for w in words
            if f"{w}s" in words or f"{w}es" in words
        ),
        clock_after=re.compile(
            rf"\s*(?:{alternation([*times.zones, *times.am, *times.pm], bounded=False)})"
            r"(?![^\W\d_])"
        ),
    )


def _prefixes(currencies: Iterable[str]) -> str:
    """Currencies before an amount, bounded on the left only: "Rp" in "Rp7.650"."""
    words = sorted(currencies, key=len, reverse=True)
    return "|".join(
        (r"(?<![\w$])" if w[0].isalnum() else "") + r"\s+".join(map(re.escape, w.split()))
        for w in words
    )
