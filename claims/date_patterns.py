"""The compiled date vocabulary of a language: names, phrases and patterns for claims.dates.

Patterns come from the language's ``dates.toml``; their placeholders (``{weekday}``,
``{month}``, ``{relative}``, ``{number}``, ...) are filled with the names of
:mod:`claims.calendar` and the numerals of :mod:`claims.numerals`, so no month table is
written by hand and no slow ``dateparser.parse`` runs per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from claims.calendar import UNIT_KEYS, CalendarNames, calendar_names, name_key
from claims.errors import LanguageResourceError
from claims.lang import LanguageData
from claims.numerals import numerals

_RELATIVE_KEY = re.compile(r"^(?P<in>in )?(?P<n>\d+) (?P<unit>day|week|month|year)(?: ago)?$")


@dataclass(frozen=True, slots=True, eq=False)
class DateVocabulary:
    """One language's date names, phrases and patterns (kind, regex, gate) in priority order."""

    language: LanguageData
    patterns: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    units: Mapping[str, str]
    relative: Mapping[str, tuple[int, str]]
    parts: Mapping[str, str]
    marker: re.Pattern[str] | None
    future_cue: re.Pattern[str] | None


@cache
def date_vocabulary(language: LanguageData) -> DateVocabulary:
    """Build (once per language) the names and compiled patterns of its ``dates.toml``."""
    section, names = language.dates, calendar_names(language)
    months = {n: i + 1 for i, found in enumerate(names.months) for n in found if len(n) >= 3}
    weekdays = {n: i for i, found in enumerate(names.weekdays) for n in _full(found)}
    units = {n: key for key in UNIT_KEYS for n in names.units[key] if len(n) >= 3}
    relative = _relative_phrases(names, section.relative)
    parts = {name_key(k): v for k, v in section.parts.items()}
    fill, quick = _placeholders(language, names, months, weekdays, units, relative, parts)
    patterns = []
    for spec in section.patterns:
        regex = _compile(spec.regex, fill, section.files)
        gate = _compile(spec.gate, {**fill, **quick}, section.files) if spec.gate else None
        patterns.append((spec.kind, regex, gate))
    past, future = section.past_markers, section.future_markers
    marker = rf"\s+(?:(?P<past>{_alternation(past)})|(?P<future>{_alternation(future)}))"
    cues = section.future_cues
    return DateVocabulary(
        language=language,
        patterns=tuple(patterns),
        months=months,
        weekdays=weekdays,
        units=units,
        relative=relative,
        parts=parts,
        marker=re.compile(marker) if past or future else None,
        future_cue=re.compile(_alternation(cues)) if cues else None,
    )


def _placeholders(
    language: LanguageData,
    names: CalendarNames,
    months: Mapping[str, int],
    weekdays: Mapping[str, int],
    units: Mapping[str, str],
    relative: Mapping[str, tuple[int, str]],
    parts: Mapping[str, str],
) -> tuple[dict[str, str], dict[str, str]]:
    """What each placeholder stands for in a pattern, and in a gate (a quick, plain form)."""
    full_months = [n for found in names.months for n in _full(found)]
    found = numerals(language.numbers)
    fill = {
        "{weekday}": _alternation(weekdays),
        "{Weekday}": _alternation(weekdays, capitalised=True),
        "{month}": _alternation(months),
        "{Month}": _alternation(full_months, capitalised=True),
        "{relative}": _alternation(relative),
        "{unit}": _alternation(units),
        "{number}": found.number,
        "{ordinal}": _alternation(found.ordinals),
        "{part}": _alternation(parts),
        "{approx}": _alternation(language.dates.approx),
    }
    quick = {
        "{weekday}": _gate_words(weekdays),
        "{Weekday}": _gate_words(weekdays),
        "{month}": _gate_words(months),
        "{Month}": _gate_words(months),
        "{relative}": _gate_words(p.split()[0] for p in relative),
        "{unit}": _gate_words(units),
        "{part}": _gate_words(p.split()[0] for p in parts),
    }
    return fill, quick


def _full(names: Iterable[str]) -> list[str]:
    """Full names only ("rabu", not "rab"): those of four letters or more, else the longest."""
    names = list(names)
    full = [n for n in names if len(n) >= 4]
    return full or sorted(names, key=len, reverse=True)[:1]


def _relative_phrases(names: CalendarNames, extra: Mapping[str, str]) -> dict[str, tuple[int, str]]:
    """Phrase -> (signed count, unit) from dateparser's "N unit ago" / "in N unit" notation."""
    table: dict[str, tuple[int, str]] = {}
    pairs = [(key, p) for key, phrases in names.relative.items() for p in phrases]
    for key, phrase in [*pairs, *((v, k) for k, v in extra.items())]:
        m = _RELATIVE_KEY.match(key)
        if m is None or not (m.group("in") or key.endswith(" ago")):
            continue  # hours, weekdays named by "last", bare durations ("setahun")
        count = int(m.group("n")) * (1 if m.group("in") else -1)
        table[name_key(phrase)] = (count, m.group("unit"))
    return table


def _gate_words(words: Iterable[str]) -> str:
    """Words as written, capitalised and in capitals, as a plain alternation: without ``(?i)``
    or a leading ``\\b`` the regex engine finds their first letters fast (a gate, not a match).
    """
    forms = {f for w in words for f in (w, w[:1].upper() + w[1:], w.upper()) if f}
    body = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return "(?:" + (body or "(?!)") + ")"


def _alternation(words: Iterable[str], *, capitalised: bool = False) -> str:
    """Words as a regex alternation, longest first; any case, or capitalised only."""
    forms = sorted(
        {w[:1].upper() + w[1:] if capitalised else w for w in words}, key=len, reverse=True
    )
    body = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in forms if w)
    if not body:
        return "(?!)"
    return rf"\b(?:{body})\b" if capitalised else rf"(?i:\b(?:{body})\b)"


def _compile(source: str, fill: Mapping[str, str], files: str) -> re.Pattern[str]:
    for placeholder, value in fill.items():
        source = source.replace(placeholder, value)
    try:
        return re.compile(source)
    except re.error as exc:
        raise LanguageResourceError(f"{files}: bad pattern: {exc}") from exc
