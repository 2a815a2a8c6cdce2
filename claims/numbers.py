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
from functools import lru_cache

from claims.lang import merged_resource
from claims.types import Article, NumberKind, NumberMention, Span

# Digits not glued to letters, times ("21:01") or slashed dates ("15/6"): "G20", "Covid-19"
# and URLs carry no quantity.
_DIGITS = r"(?<![\w/:.,])(?<![^\W\d_]-)\d+(?:[.,]\d+)*(?![\w/:]|[.,]\d)"
_FOLLOWING_WORD = re.compile(r"\s+([^\W\d_]+(?:-[^\W\d_]+)*)")


@dataclass(frozen=True, slots=True)
class _Found:
    """A number found in the text, with offsets relative to the text searched."""

    start: int
    end: int
    value: float
    kind: NumberKind
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """One language's number formats and words, with the expressions compiled from them."""

    thousands: str
    decimal: str
    words: Mapping[str, float]
    multipliers: Mapping[str, float]
    adders: Mapping[str, float]
    scales: Mapping[str, float]
    ordinals: Mapping[str, int]
    currencies: Mapping[str, str]
    function_words: frozenset[str]
    collective_ordinals: bool
    number: str  # regex source for one number, digits or words, without groups
    cardinal: re.Pattern[str]
    currency_prefix: re.Pattern[str]
    gate: re.Pattern[str]  # cheap test: can the text hold a cardinal at all?
    ordinal: tuple[re.Pattern[str], ...]
    skip: re.Pattern[str] | None


def find_numbers(
    text: str, *, start: int, article: Article, exclude: Sequence[Span] | None = None
) -> tuple[NumberMention, ...]:
    """The numbers in ``text`` (which is ``article.text[start:start + len(text)]``).

    Spans are in article coordinates. Numbers overlapping ``exclude`` are skipped; when it is
    None, the date expressions :func:`claims.dates.resolve_dates` finds in ``text`` are used.
    """
    if exclude is None:
        # Imported here: dates reads number words from this module.
        from claims.dates import resolve_dates

        exclude = [d.span for d in resolve_dates(text, start=start, article=article, anchor=None)]
    vocab = _vocabulary(_base_language(article.language))
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


def number_pattern(language: str) -> str:
    """A regular expression (no groups) for one number in ``language``: digits or words."""
    return _vocabulary(_base_language(language)).number


def ordinal_words(language: str) -> tuple[str, ...]:
    """The ordinal words of ``language`` ("pertama", "kedua", ...)."""
    return tuple(_vocabulary(_base_language(language)).ordinals)


def parse_number(text: str, language: str) -> float | None:
    """The value of a number written in digits or words ("5.000", "dua puluh"), else None."""
    return _value(text, _vocabulary(_base_language(language)))


def _value(text: str, vocab: _Vocabulary) -> float | None:
    tokens = re.split(r"[\s-]+", text.strip().casefold())
    if re.fullmatch(r"\d+(?:[.,]\d+)*", tokens[0]):
        value = _parse_digits(tokens[0], vocab.thousands, vocab.decimal)
        return None if value is None else _scaled(value, tokens[1:], vocab)
    return _combine_words(tokens, vocab)


def _base_language(tag: str) -> str:
    return tag.split("-")[0].strip().lower() or "und"


def _overlaps(found: _Found, taken: Iterable[tuple[int, int]]) -> bool:
    return any(found.start < end and start < found.end for start, end in taken)


def _ordinals(text: str, vocab: _Vocabulary) -> list[_Found]:
    """Ordinals; in collective languages "kedua negara" (both countries) is a count of 2."""
    found: list[_Found] = []
    for pattern in vocab.ordinal:
        for match in pattern.finditer(text):
            n = match.groupdict().get("n")
            value = (
                int(n) if n and len(n) < 16 else vocab.ordinals.get(match.group(0).casefold(), 0)
            )
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
        value = _value(match.group("num") + match.group("scale"), vocab)
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
    if lower in vocab.function_words or lower in vocab.words or lower in vocab.scales:
        return None
    return word


def _parse_digits(digits: str, thousands: str, decimal: str) -> float | None:
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


def _guess_separators(digits: str) -> tuple[str, str]:
    """(thousands, decimal) for a number in a text of unknown language."""
    marks = [c for c in digits if c in ".,"]
    if len(set(marks)) == 2:
        return ("," if marks[-1] == "." else "."), marks[-1]
    if marks and all(len(g) == 3 for g in re.split(r"[.,]", digits)[1:]):
        return marks[0], ("," if marks[0] == "." else ".")
    return ("," if marks and marks[0] == "." else "."), (marks[0] if marks else ".")


def _scaled(value: float, scale_words: Sequence[str], vocab: _Vocabulary) -> float | None:
    for word in scale_words:
        if word not in vocab.scales:
            return None
        value *= vocab.scales[word]
    return value


def _combine_words(tokens: Sequence[str], vocab: _Vocabulary) -> float | None:
    """Read a number-word sequence: "dua ratus lima puluh ribu" -> 250000."""
    total, group, piece = 0.0, 0.0, 0.0
    for token in tokens:
        if token in vocab.words:
            group, piece = group + piece, vocab.words[token]
        elif token in vocab.multipliers:
            piece = (piece or 1.0) * vocab.multipliers[token]
        elif token in vocab.adders:
            piece += vocab.adders[token]
        elif token in vocab.scales:
            total, group, piece = total + (group + piece or 1.0) * vocab.scales[token], 0.0, 0.0
        else:
            return None
    return total + group + piece


def _currency_key(written: str) -> str:
    return " ".join(written.casefold().split())


def _gate_words(words: Iterable[str]) -> str:
    """A fast, case-sensitive alternation of words as written, capitalised and in capitals.

    Without ``\\b`` or ``(?i)`` the regex engine scans for the first letters quickly; this
    only says whether a costlier pattern is worth running.
    """
    forms = {f for w in words for f in (w, w[:1].upper() + w[1:], w.upper()) if f}
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) or "(?!)"


def _alternation(words: Iterable[str], *, bounded: bool = True) -> str:
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


@lru_cache(maxsize=32)
def _vocabulary(language: str) -> _Vocabulary:
    """Build (once per language) the number vocabulary from numbers.toml."""
    table = merged_resource(language, "numbers")
    rules = table.get("number_rules", {})
    words = {k.casefold(): float(v) for k, v in table.get("words", {}).items()}
    multipliers = {k.casefold(): float(v) for k, v in table.get("multipliers", {}).items()}
    adders = {k.casefold(): float(v) for k, v in table.get("adders", {}).items()}
    scales = {k.casefold(): float(v) for k, v in table.get("scales", {}).items()}
    ordinals = {k.casefold(): int(v) for k, v in table.get("ordinal_words", {}).items()}
    currencies = {
        _currency_key(k): v
        for k, v in (
            *table.get("currency_symbols", {}).items(),
            *table.get("currencies", {}).items(),
        )
    }
    start_word = _alternation(words)
    any_word = _alternation([*words, *multipliers, *adders, *scales])
    number = rf"(?:{_DIGITS}|{start_word}(?:(?:\s+|-){any_word})*)"
    cardinal = (
        rf"(?P<num>{number})"
        rf"(?P<scale>(?:\s+{_alternation(scales)})*)"
        rf"(?:\s*(?P<pct>{_alternation(rules.get('percent_words', ()), bounded=False)})"
        rf"|\s+(?P<post>{_alternation(currencies)}))?"
    )
    ordinal = [re.compile(p) for p in rules.get("ordinal_patterns", ())]
    if ordinals:
        ordinal.append(re.compile(_alternation(ordinals)))
    skip = rules.get("skip_phrases", ())
    return _Vocabulary(
        thousands=table.get("thousands_separator", ""),
        decimal=table.get("decimal_separator", ""),
        words=words,
        multipliers=multipliers,
        adders=adders,
        scales=scales,
        ordinals=ordinals,
        currencies=currencies,
        function_words=frozenset(w.casefold() for w in rules.get("function_words", ())),
        collective_ordinals=bool(rules.get("collective_ordinals", False)),
        number=number,
        cardinal=re.compile(cardinal),
        currency_prefix=re.compile(rf"({_alternation(currencies)})\s?$"),
        gate=re.compile(r"\d|" + _gate_words(words)),
        ordinal=tuple(ordinal),
        skip=re.compile(_alternation(skip)) if skip else None,
    )
