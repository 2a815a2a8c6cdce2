"""Date expressions in text, resolved to calendar dates against the publication date.

Patterns live in ``claims/lang/<code>/dates.toml``; month and weekday names, unit words and
relative phrases ("kemarin", "bulan lalu") come from dateparser's locale data, read once per
language, so no month table is written by hand and no slow ``dateparser.parse`` runs per
sentence.

Year rule for a day or month written without a year (anchor = the publication date): a past
marker after it ("lalu") takes the latest such date on or before the anchor, a future marker
("mendatang") the first on or after it. Otherwise the anchor's year is used, unless that lands
more than 31 days after the anchor and the sentence has no future cue ("akan"): then the
previous year, since news reports the past unless it says otherwise. (With a future cue, a
date more than 11 months before the anchor moves to the next year.) Without an anchor such a
date stays unresolved. Every mention's ``note`` says which rule applied.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from dateparser.languages.loader import default_loader

from claims.errors import LanguageResourceError
from claims.lang import merged_resource
from claims.numbers import number_pattern, ordinal_words, parse_number
from claims.types import Article, DateMention, Granularity

_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAMES = tuple(k.capitalize() for k in _WEEKDAY_KEYS)
_UNIT_KEYS = ("day", "week", "month", "year")
_RELATIVE_KEY = re.compile(r"^(?P<in>in )?(?P<n>\d+) (?P<unit>day|week|month|year)(?: ago)?$")
_FORWARD_SLACK = timedelta(days=31)
_BACKWARD_SLACK = timedelta(days=335)
_DAY_KINDS = frozenset({"day", "month", "weekday"})
_NO_YEAR = "no year: article has no publication date"


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """One language's date names, phrases and patterns (kind, regex, gate) in priority order."""

    language: str
    patterns: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    units: Mapping[str, str]
    relative: Mapping[str, tuple[int, str]]
    parts: Mapping[str, str]
    marker: re.Pattern[str] | None
    future_cue: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    priority: int
    kind: str
    groups: Mapping[str, str]
    direction: str | None  # "past", "future" or None
    marker: str = ""


@dataclass(frozen=True, slots=True)
class _Resolution:
    value: date | None
    granularity: Granularity | None
    note: str
    weekday: int | None = None
    weekday_matches: bool | None = None


@dataclass(frozen=True, slots=True)
class _Context:
    """What resolution needs beyond the match: the anchor, the vocabulary, the sentence's tense."""

    anchor: date | None
    vocab: _Vocabulary
    future: bool


def resolve_dates(
    text: str, *, start: int, article: Article, anchor: date | None
) -> tuple[DateMention, ...]:
    """The date expressions in ``text`` (``article.text[start:start + len(text)]``), resolved.

    Spans are in article coordinates. ``anchor`` is the publication date, or None: then
    expressions that need it are kept with ``value`` None and a note saying why.
    """
    vocab = _vocabulary(article.language.split("-")[0].strip().lower() or "und")
    future = bool(vocab.future_cue and vocab.future_cue.search(text))
    context = _Context(anchor, vocab, future)
    mentions = []
    for match in _select(_candidates(text, vocab)):
        try:
            found = _RESOLVERS[match.kind](match, context)
        except (ValueError, OverflowError):  # a count or anchor past the calendar's range
            found = _Resolution(None, None, "outside the range of the calendar")
        a, b = start + match.start, start + match.end
        mentions.append(
            DateMention(text[match.start : match.end], article.span(a, b), found.value,
                        found.granularity, found.weekday, found.weekday_matches, found.note)
        )  # fmt: skip
    return tuple(mentions)


def _candidates(text: str, vocab: _Vocabulary) -> Iterator[_Match]:
    """Every match of every pattern whose gate passes, a trailing "lalu"/"mendatang" included."""
    gates: dict[re.Pattern[str], bool] = {}  # patterns share gates: test each once per text
    for priority, (kind, pattern, gate) in enumerate(vocab.patterns):
        if gate is not None and not gates.setdefault(gate, gate.search(text) is not None):
            continue
        for m in pattern.finditer(text):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            a, b = m.span("date") if "date" in groups else m.span()
            direction = "past" if "past" in groups else "future" if "future" in groups else None
            marker = ""
            after = vocab.marker.match(text, b) if vocab.marker and kind in _DAY_KINDS else None
            if after is not None and after.lastgroup:
                direction, marker, b = after.lastgroup, after.group(after.lastgroup), after.end()
            if b > a:
                yield _Match(a, b, priority, kind, groups, direction, marker)


def _select(matches: Iterator[_Match]) -> list[_Match]:
    """Non-overlapping matches: the longer mention wins, then the earlier pattern."""
    chosen: list[_Match] = []
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.priority, m.start)):
        if all(m.end <= c.start or c.end <= m.start for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def _resolve_day(match: _Match, ctx: _Context) -> _Resolution:
    g = match.groups
    day = int(g["day"])
    month = int(g["month"]) if "month" in g else ctx.vocab.months.get(_key(g["month_name"]), 0)
    if month > 12 >= day:
        day, month = month, day
    weekday = ctx.vocab.weekdays.get(_key(g["weekday"])) if "weekday" in g else None
    if "year" in g:
        year = int(g["year"]) + (2000 if len(g["year"]) == 2 else 0)
        value, note = _safe_date(year, month, day), f"date as written ({day}/{month}/{year})"
    elif ctx.anchor is None:
        return _Resolution(None, None, _NO_YEAR, weekday)
    else:
        value, note = _infer_year(month, day, match, ctx, ctx.anchor)
    if value is None:
        return _Resolution(None, None, f"no such date: {day}/{month}", weekday)
    if weekday is None:
        return _Resolution(value, Granularity.DAY, note)
    if value.weekday() != weekday:
        note += _weekday_mismatch(value, weekday, inferred="year" not in g)
    return _Resolution(value, Granularity.DAY, note, weekday, value.weekday() == weekday)


def _resolve_month(match: _Match, ctx: _Context) -> _Resolution:
    month = ctx.vocab.months.get(_key(match.groups["month_name"]), 0)
    part = _part(match.groups, ctx.vocab)
    if "year" in match.groups:
        value = _safe_date(int(match.groups["year"]), month, 1)
        granularity = Granularity.MONTH if value else None
        return _Resolution(value, granularity, f"{part}month and year as written")
    if ctx.anchor is None:
        return _Resolution(None, None, _NO_YEAR)
    value, note = _infer_year(month, 1, match, ctx, ctx.anchor.replace(day=1))
    return _Resolution(value, Granularity.MONTH, part + note)


def _resolve_year(match: _Match, ctx: _Context) -> _Resolution:
    value = date(int(match.groups["year"]), 1, 1)
    return _Resolution(value, Granularity.YEAR, f"{_part(match.groups, ctx.vocab)}year as written")


def _resolve_relative(match: _Match, ctx: _Context) -> _Resolution:
    phrase = _key(match.groups["relative"])
    count, unit = ctx.vocab.relative.get(phrase, (0, "day"))
    if ctx.anchor is None:
        return _Resolution(None, None, f"'{phrase}' counts from an unknown publication date")
    value, granularity = _shift(ctx.anchor, count, unit)
    approx = " (a week taken as 7 days)" if unit == "week" else ""
    note = f"'{phrase}': {count:+d} {unit} from {ctx.anchor}{approx}"
    return _Resolution(value, granularity, _part(match.groups, ctx.vocab) + note)


def _resolve_period(match: _Match, ctx: _Context) -> _Resolution:
    unit = ctx.vocab.units.get(_key(match.groups["unit"]), "year")
    if ctx.anchor is None:
        return _Resolution(None, None, f"the current {unit} of an unknown publication date")
    value, granularity = _shift(ctx.anchor, 0, unit)
    note = f"{_part(match.groups, ctx.vocab)}the {unit} of the publication date {ctx.anchor}"
    return _Resolution(value, granularity, note)


def _resolve_ago(match: _Match, ctx: _Context) -> _Resolution:
    qty = parse_number(match.groups["qty"], ctx.vocab.language)
    unit = ctx.vocab.units.get(_key(match.groups["unit"]), "")
    if ctx.anchor is None or qty is None or not qty.is_integer() or not unit:
        return _Resolution(None, None, "time ago: needs a publication date and a whole count")
    value, granularity = _shift(ctx.anchor, -int(qty), unit)
    approx = "about " if "approx" in match.groups or unit == "week" else ""
    return _Resolution(value, granularity, f"{approx}{int(qty)} {unit}(s) before {ctx.anchor}")


def _resolve_event(match: _Match, ctx: _Context) -> _Resolution:
    return _Resolution(None, None, "counted from an event, not from a date: not resolved")


def _resolve_weekday(match: _Match, ctx: _Context) -> _Resolution:
    """A bare weekday: the latest on or before the anchor (before it after "lalu"), or the next."""
    weekday = ctx.vocab.weekdays.get(_key(match.groups["weekday"]), 0)
    name = _WEEKDAY_NAMES[weekday]
    if ctx.anchor is None:
        return _Resolution(None, None, f"{name} with no date and no publication date", weekday)
    if match.direction == "future":
        value = ctx.anchor + timedelta(days=(weekday - ctx.anchor.weekday()) % 7 or 7)
        note = f"{name} with no date: the next {name} after {ctx.anchor}"
    else:
        back = (ctx.anchor.weekday() - weekday) % 7 or (7 if match.direction == "past" else 0)
        value = ctx.anchor - timedelta(days=back)
        note = (
            f"{name} with no date: the latest {name} {'before' if back == 7 else 'by'} {ctx.anchor}"
        )
    return _Resolution(value, Granularity.DAY, note, weekday, True)


_RESOLVERS = {
    "day": _resolve_day, "month": _resolve_month, "year": _resolve_year,
    "relative": _resolve_relative, "period": _resolve_period, "ago": _resolve_ago,
    "event": _resolve_event, "weekday": _resolve_weekday,
}  # fmt: skip


def _infer_year(
    month: int, day: int, match: _Match, ctx: _Context, ref: date
) -> tuple[date | None, str]:
    """Place a day (or, with ``day`` 1 and ``ref`` the anchor's month, a month) in a year."""
    options = [d for y in (-1, 0, 1) if (d := _safe_date(ref.year + y, month, day))]
    marker = f"'{match.marker or match.direction}'"
    if match.direction == "past":
        value = max((d for d in options if d <= ref), default=None)
        return value, f"{marker}: the latest such date on or before {ctx.anchor}"
    if match.direction == "future":
        value = min((d for d in options if d >= ref), default=None)
        return value, f"{marker}: the first such date on or after {ctx.anchor}"
    value = _safe_date(ref.year, month, day)
    if value is not None and value > ref + _FORWARD_SLACK and not ctx.future:
        return value.replace(year=ref.year - 1), (
            f"year {ref.year - 1}: in {ref.year} it would be over a month after the "
            f"publication date {ctx.anchor}, and the sentence does not speak of the future"
        )
    if value is not None and value < ref - _BACKWARD_SLACK and ctx.future:
        return value.replace(year=ref.year + 1), f"year {ref.year + 1}: a future date"
    return value, f"year {ref.year} taken from the publication date {ctx.anchor}"


def _weekday_mismatch(value: date, weekday: int, *, inferred: bool) -> str:
    """Say that the named weekday does not fit, and which nearby year it would fit."""
    name = _WEEKDAY_NAMES[weekday]
    note = f"; {name} named but {value} is a {_WEEKDAY_NAMES[value.weekday()]}"
    fits = [d for y in (-1, 1) if (d := _safe_date(value.year + y, value.month, value.day))]
    fits = [d for d in fits if d.weekday() == weekday]
    return note + (f" ({name} fits {fits[0]})" if inferred and fits else "")


def _shift(anchor: date, count: int, unit: str) -> tuple[date, Granularity]:
    """The anchor moved by ``count`` units, at the granularity the unit speaks of."""
    if unit == "day":
        return anchor + timedelta(days=count), Granularity.DAY
    if unit == "week":
        shifted = anchor + timedelta(days=7 * count)
        return shifted - timedelta(days=shifted.weekday()), Granularity.WEEK  # its Monday
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 + count
        return date(months // 12, months % 12 + 1, 1), Granularity.MONTH
    return date(anchor.year + count, 1, 1), Granularity.YEAR


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _part(groups: Mapping[str, str], vocab: _Vocabulary) -> str:
    part = groups.get("part")
    return f"{vocab.parts.get(_key(part), part)} part; " if part else ""


def _key(text: str) -> str:
    """The lookup form of a matched name: case-folded, single-spaced ("Jumat" -> "jumat")."""
    return " ".join(text.casefold().split())


@lru_cache(maxsize=32)
def _vocabulary(language: str) -> _Vocabulary:
    """Build (once per language) names from dateparser's locale and patterns from dates.toml."""
    table = merged_resource(language, "dates")
    names = _locale_names(language, table.get("extra_names", {}))
    months = {n: i + 1 for i, key in enumerate(_MONTH_KEYS) for n in names[key] if len(n) >= 3}
    weekdays = {n: i for i, key in enumerate(_WEEKDAY_KEYS) for n in _full(names[key])}
    units = {n: key for key in _UNIT_KEYS for n in names[key] if len(n) >= 3}
    relative = _relative_phrases(names["relative-type"], table.get("relative", {}))
    parts = {_key(k): v for k, v in table.get("parts", {}).items()}
    full_months = [n for key in _MONTH_KEYS for n in _full(names[key])]
    fill = {
        "{weekday}": _alternation(weekdays),
        "{Weekday}": _alternation(weekdays, capitalised=True),
        "{month}": _alternation(months),
        "{Month}": _alternation(full_months, capitalised=True),
        "{relative}": _alternation(relative),
        "{unit}": _alternation(units),
        "{number}": number_pattern(language),
        "{ordinal}": _alternation(ordinal_words(language)),
        "{part}": _alternation(parts),
        "{approx}": _alternation(table.get("approx", ())),
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
    patterns = []
    for entry in (*table.get("patterns", ()), *table.get("universal_patterns", ())):
        kind, gate = entry["kind"], entry.get("gate")
        regex = _compile(entry["regex"], fill, kind, language)
        patterns.append(
            (kind, regex, _compile(gate, {**fill, **quick}, kind, language) if gate else None)
        )
    past, future = table.get("past_markers", ()), table.get("future_markers", ())
    marker = rf"\s+(?:(?P<past>{_alternation(past)})|(?P<future>{_alternation(future)}))"
    cues = table.get("future_cues", ())
    return _Vocabulary(
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


def _locale_names(language: str, extra: Mapping[str, Any]) -> dict[str, Any]:
    """Lower-cased names per dateparser key (plus ``extra``); empty for a language it lacks."""
    try:
        info = default_loader.get_locale(language).info
    except ValueError:
        info = {}
    keys = (*_MONTH_KEYS, *_WEEKDAY_KEYS, *_UNIT_KEYS)
    names: dict[str, Any] = {
        key: [_key(n) for n in (*info.get(key, ()), *extra.get(key, ()))] for key in keys
    }
    names["relative-type"] = info.get("relative-type", {})
    return names


def _full(names: list[str]) -> list[str]:
    """Full names only ("rabu", not "rab"): those of four letters or more, else the longest."""
    full = [n for n in names if len(n) >= 4]
    return full or sorted(names, key=len, reverse=True)[:1]


def _relative_phrases(
    locale: Mapping[str, list[str]], extra: Mapping[str, str]
) -> dict[str, tuple[int, str]]:
    """Phrase -> (signed count, unit) from dateparser's "N unit ago" / "in N unit" notation."""
    table: dict[str, tuple[int, str]] = {}
    pairs = [(key, p) for key, phrases in locale.items() for p in phrases]
    for key, phrase in [*pairs, *((v, k) for k, v in extra.items())]:
        m = _RELATIVE_KEY.match(key)
        if m is None or not (m.group("in") or key.endswith(" ago")):
            continue  # hours, weekdays named by "last", bare durations ("setahun")
        count = int(m.group("n")) * (1 if m.group("in") else -1)
        table[_key(phrase)] = (count, m.group("unit"))
    return table


def _gate_words(words: Any) -> str:
    """Words as written, capitalised and in capitals, as a plain alternation: without ``(?i)``
    or a leading ``\\b`` the regex engine finds their first letters fast (a gate, not a match).
    """
    forms = {f for w in words for f in (w, w[:1].upper() + w[1:], w.upper()) if f}
    return (
        "(?:"
        + ("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) or "(?!)")
        + ")"
    )


def _alternation(words: Any, *, capitalised: bool = False) -> str:
    """Words as a regex alternation, longest first; any case, or capitalised only."""
    forms = sorted(
        {w[:1].upper() + w[1:] if capitalised else w for w in words}, key=len, reverse=True
    )
    body = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in forms if w)
    if not body:
        return "(?!)"
    return rf"\b(?:{body})\b" if capitalised else rf"(?i:\b(?:{body})\b)"


def _compile(source: str, fill: Mapping[str, str], kind: str, language: str) -> re.Pattern[str]:
    if kind not in _RESOLVERS:
        raise LanguageResourceError(
            f"claims/lang/{language}/dates.toml: unknown pattern kind {kind!r}"
        )
    for placeholder, value in fill.items():
        source = source.replace(placeholder, value)
    try:
        return re.compile(source)
    except re.error as exc:
        raise LanguageResourceError(
            f"claims/lang/{language}/dates.toml: bad pattern: {exc}"
        ) from exc
