"""Metadata inference: outlet, publication date, dateline, title and language from the text.

Explicit metadata (front matter, JSON Lines fields, HTML markup) always wins. What is missing is
looked for in the article's opening lines with the patterns of ``claims/lang/<code>/metadata.toml``
(joined with ``und/``), and every field gets a :class:`Provenance` saying where its value came
from, or why it has none. A date is never guessed: a day and month without a year are placed
only when a weekday pins the year (see :func:`infer_year`), otherwise ``published`` stays unset.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import dateparser
from dateparser.languages.loader import default_loader

from claims.errors import LanguageResourceError
from claims.lang import UNIVERSAL, load_resource
from claims.language import guess_language
from claims.types import Article, Provenance

FIELDS = ("language", "outlet", "published", "dateline", "title")  # inferred; url is only given
_DOMAIN = re.compile(r"\w\.[A-Za-z]{2,}\b")
_SENTENCE_END = re.compile(r"""(?:(?<!\.)\.|[.!?…]["'”’»)\]]+)$""")
_NOT_FOUND = {
    "outlet": "not found: no dateline, publication stamp or url names the outlet",
    "dateline": "not found: no dateline opens the lead",
    "published": "not found: no publication stamp or 'weekday (day/month)' in the opening lines",
    "title": "not found: no headline-like line before the story starts",
}
_KIND = {
    "stamp": "the outlet's publication stamp",
    "lead": "the day of the event the lead reports; the article is from that day or just after",
}


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # source-file line
    text: str  # stripped


@dataclass(frozen=True, slots=True)
class _Found:
    """A field's value (None: not found) and the words that say where it came from, or why not."""

    value: object
    source: str
    line: int = 0

    @property
    def shown(self) -> str:
        if isinstance(self.value, datetime):
            return self.value.isoformat()
        return "" if self.value is None else str(self.value)


def infer_metadata(article: Article, *, today: date | None = None) -> Article:
    """``article`` with its missing metadata inferred from its text and every field's provenance.

    Fields with a value or a provenance entry are kept as they are, so the function is
    idempotent. A field that could not be inferred stays None, with a provenance entry whose
    value is empty and whose source says why. ``today`` bounds year inference (default: today).
    """
    recorded = {p.field for p in article.provenance}
    given = [f for f in (*FIELDS, "url") if f not in recorded and _value(article, f) is not None]
    missing = [f for f in FIELDS if f not in recorded and _value(article, f) is None]
    notes = [Provenance(f, _Found(_value(article, f), "").shown, False, "given") for f in given]
    found: dict[str, _Found] = {}
    patterns_language = article.language
    if article.language == "und":
        guess = guess_language(article.text)
        if "language" in missing:
            found["language"] = _Found(guess.language, guess.describe())
        # Too little text to be sure of the language is still enough to try the likeliest
        # one's patterns: a stamp such as "15/06/2022, 21:01 WIB" is unambiguous.
        patterns_language = guess.shares[0][0] if guess.shares and guess.shares[0][1] else "und"
    if set(missing) - {"language"}:
        rules = metadata_rules(patterns_language)
        found.update(_find_in_text(article, rules, today or date.today()))
    notes += [Provenance(f, found[f].shown, True, found[f].source) for f in missing]
    updates = {f: found[f].value for f in missing}
    provenance = (*article.provenance, *notes)
    return replace(article, provenance=provenance, **updates)  # type: ignore[arg-type]


def _find_in_text(article: Article, rules: MetadataRules, today: date) -> dict[str, _Found]:
    lines = _head(article, rules.head_lines)
    outlet, city = _find_dateline(lines, rules)
    outlet = _find_stamp_outlet(lines, rules) or outlet or _url_outlet(article, rules)
    title = _find_title(lines, rules, story_start=city.line if city else None)
    return {
        "outlet": outlet or _Found(None, _NOT_FOUND["outlet"]),
        "dateline": city or _Found(None, _NOT_FOUND["dateline"]),
        "published": _find_published(lines, rules, today),
        "title": title or _Found(None, _NOT_FOUND["title"]),
    }


def infer_year(day: int, month: int, weekday: int, *, today: date) -> int | None:
    """The latest year, up to today, in which ``day``/``month`` falls on ``weekday`` (Monday = 0).

    Wednesday 15 June gives 2022 for any ``today`` from 2022-06-15 to 2033-06-14. None when no
    year in the last 60 fits (an impossible date such as 31/2).
    """
    for year in range(today.year, today.year - 60, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= today and candidate.weekday() == weekday:
            return year
    return None


def _find_published(lines: list[_Line], rules: MetadataRules, today: date) -> _Found:
    """The date from the first ``[[published]]`` pattern that resolves, or why there is none."""
    unresolved: list[str] = []
    for pattern in rules.published:
        for line, match in _matches(lines, pattern.regex):
            found = _resolve_date(match, line, rules, today, kind=pattern.kind)
            if found.value is not None:
                return found
            unresolved.append(found.source)
    if unresolved:
        return _Found(None, "not set: " + "; ".join(unresolved))
    return _Found(None, _NOT_FOUND["published"])


def _resolve_date(
    match: re.Match[str], line: _Line, rules: MetadataRules, today: date, *, kind: str
) -> _Found:
    g = {k: v for k, v in match.groupdict().items() if v}
    where = f"text line {line.number}: {_quote(match.group(0))}"
    day = int(g["day"])
    month = int(g["month"]) if "month" in g else rules.months[g["month_name"].lower()]
    weekday = rules.weekdays.get(g.get("weekday", "").lower())
    if "year" in g:
        value, zone = _calendar_date(g.get("date"), int(g["year"]), month, day, rules)
        if value is None:
            return _Found(None, f"{where} is not a calendar date")
        return _Found(value, f"{where} ({_KIND[kind]}{zone}{_weekday_check(value, weekday)})")
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return _Found(None, f"{where} is not a calendar date")
    day_month = f"{day} {calendar.month_name[month]}"
    if weekday is None:
        return _Found(None, f"{where} names no year, and no weekday to place {day_month} in one")
    year = infer_year(day, month, weekday, today=today)
    named = calendar.day_name[weekday]
    if year is None:
        return _Found(None, f"{where}: {day_month} is not a {named} in any recent year")
    reason = (
        f"year {year} inferred: the most recent year, not after {today.isoformat()}, "
        f"in which {day_month} falls on a {named}"
    )
    return _Found(datetime(year, month, day), f"{where} ({_KIND[kind]}; {reason})")


def _calendar_date(
    text: str | None, year: int, month: int, day: int, rules: MetadataRules
) -> tuple[datetime | None, str]:
    """The date, with the time of day when ``text`` has one, as local (naive) wall-clock time.

    Local time keeps the calendar day the outlet printed, which is what relative dates in the
    text count from; the zone, when the stamp names one, goes into the note.
    """
    try:
        plain = datetime(year, month, day)
    except ValueError:
        return None, ""
    settings = {"DATE_ORDER": rules.date_order}
    parsed = (
        dateparser.parse(text, languages=rules.date_languages, settings=settings) if text else None
    )
    if parsed is None or parsed.date() != plain.date():
        return plain, ""
    zone = parsed.strftime("%z")  # "+0700", or "" when the text names no zone
    note = f"; local time, UTC{zone[:3]}:{zone[3:]}" if zone else ""
    return parsed.replace(tzinfo=None), note


def _weekday_check(value: datetime, weekday: int | None) -> str:
    if weekday is None or value.weekday() == weekday:
        return ""
    named, actual = calendar.day_name[weekday], calendar.day_name[value.weekday()]
    return f"; the text names a {named}, but that day was a {actual}"


def _find_dateline(lines: list[_Line], rules: MetadataRules) -> tuple[_Found | None, _Found | None]:
    """The first dateline's outlet (when it names one) and city."""
    for pattern in rules.datelines:
        for line, match in _matches(lines, pattern):
            parts = _dateline_parts(match, rules)
            if parts is not None:
                outlet, city = parts
                where = f"dateline, text line {line.number}: {_quote(match.group(0))}"
                found = _Found(rules.canonical_outlet(outlet), where) if outlet else None
                return found, _Found(city, where, line.number)
    return None, None


def _dateline_parts(match: re.Match[str], rules: MetadataRules) -> tuple[str | None, str] | None:
    g = match.groupdict()
    if g.get("city"):
        return g.get("outlet"), g["city"]
    pairs = ((g["right"], g["left"]), (g["left"], g["right"]))  # "CITY, OUTLET" is likelier
    for is_outlet in (rules.is_known_outlet, lambda name: bool(_DOMAIN.search(name))):
        for outlet, city in pairs:
            if is_outlet(outlet) and not is_outlet(city):
                return outlet, city
    return None  # neither part is recognisably the outlet: leave both unset


def _find_stamp_outlet(lines: list[_Line], rules: MetadataRules) -> _Found | None:
    for pattern in rules.published:
        for line, match in _matches(lines, pattern.regex):
            if match.groupdict().get("outlet"):
                where = f"publication stamp, text line {line.number}: {_quote(match.group(0))}"
                return _Found(rules.canonical_outlet(match.group("outlet")), where)
    return None


def _url_outlet(article: Article, rules: MetadataRules) -> _Found | None:
    host = (urlsplit(article.url or "").hostname or "").removeprefix("www.")
    return _Found(rules.canonical_outlet(host), f"the url's host {host!r}") if host else None


def _find_title(
    lines: list[_Line], rules: MetadataRules, *, story_start: int | None
) -> _Found | None:
    """The first line before the story that reads like a headline and is not page furniture."""
    for line in lines:
        words = len(line.text.split())
        if story_start is not None and line.number >= story_start:
            break
        if rules.is_title_furniture(line.text):
            continue
        if words >= rules.story_min_words and _SENTENCE_END.search(line.text):
            break  # the story has started
        if rules.title_min_words <= words <= rules.title_max_words and not line.text.endswith("."):
            where = (
                f"text line {line.number}: the first line before the story that is not furniture"
            )
            return _Found(line.text, where, line.number)
    return None


def _head(article: Article, limit: int) -> list[_Line]:
    lines = article.text.split("\n", limit)[:limit]
    return [_Line(article.first_line + i, t.strip()) for i, t in enumerate(lines) if t.strip()]


def _matches(lines: list[_Line], pattern: re.Pattern[str]) -> Iterator[tuple[_Line, re.Match[str]]]:
    for line in lines:
        for match in pattern.finditer(line.text):
            yield line, match


def _value(article: Article, name: str) -> object:
    value = getattr(article, name)
    return None if name == "language" and value == "und" else value


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# --- the patterns and tables, from claims/lang/<code>/metadata.toml and dateparser's locale ---


@dataclass(frozen=True, slots=True)
class DatePattern:
    kind: str  # "stamp" or "lead"
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class MetadataRules:
    """Everything inference needs for one language: its patterns joined with und/'s."""

    head_lines: int
    title_min_words: int
    title_max_words: int
    story_min_words: int
    title_skip: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    published: tuple[DatePattern, ...]
    outlets: Mapping[str, str]  # alias or domain, lower case -> the name to report
    weekdays: Mapping[str, int]  # name, lower case -> Monday = 0
    months: Mapping[str, int]  # name, lower case -> 1..12
    date_order: str
    date_languages: list[str] | None

    def canonical_outlet(self, name: str) -> str:
        return self.outlets.get(" ".join(name.lower().split()), name)

    def is_known_outlet(self, name: str) -> bool:
        return " ".join(name.lower().split()) in self.outlets

    def is_title_furniture(self, line: str) -> bool:
        lowered = line.lower()
        if any(p.search(line) for p in self.title_skip):
            return True
        return any("." in name and name in lowered for name in self.outlets)


@cache
def metadata_rules(language: str) -> MetadataRules:
    """The rules for ``language`` (a BCP-47 tag; its base code picks the data files)."""
    code = language.split("-")[0].lower()
    own = load_resource(code, "metadata") if code != UNIVERSAL else {}
    base = load_resource(UNIVERSAL, "metadata")
    joined = {key: [*own.get(key, []), *base.get(key, [])] for key in _LISTS}
    weekdays, months, order = _calendar_names(code, own.get("extra_weekdays", {}))
    try:
        return MetadataRules(
            head_lines=int(base["head"]["lines"]),
            title_min_words=int(base["title"]["min_words"]),
            title_max_words=int(base["title"]["max_words"]),
            story_min_words=int(base["title"]["story_min_words"]),
            title_skip=tuple(re.compile(p, re.IGNORECASE) for p in joined["title_skip"]),
            datelines=tuple(_compile(t["regex"], weekdays, months) for t in joined["dateline"]),
            published=tuple(
                DatePattern(t["kind"], _compile(t["regex"], weekdays, months))
                for t in joined["published"]
            ),
            outlets=_outlet_table(joined["outlet"]),
            weekdays=weekdays,
            months=months,
            date_order=order,
            date_languages=[code] if weekdays else None,
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise LanguageResourceError(
            f"claims/lang/{code}/metadata.toml or und/metadata.toml: {exc!r}"
        ) from exc


_LISTS = ("title_skip", "dateline", "published", "outlet")
_WEEKDAY_KEYS = tuple(name.lower() for name in calendar.day_name)  # dateparser's keys
_MONTH_KEYS = tuple(name.lower() for name in calendar.month_name[1:])


def _calendar_names(
    code: str, extra: Mapping[str, list[str]]
) -> tuple[dict[str, int], dict[str, int], str]:
    """Weekday and month names (lower case) and the numeric date order, from dateparser."""
    try:
        info: dict[str, Any] = default_loader.get_locale(code).info
    except (KeyError, ValueError):
        return {}, {}, "DMY"  # no dateparser locale: patterns with names never match
    weekdays = {
        name.lower(): i
        for i, key in enumerate(_WEEKDAY_KEYS)
        for name in [*info.get(key, []), *extra.get(key, [])]
    }
    months = {name.lower(): i for i, key in enumerate(_MONTH_KEYS, 1) for name in info.get(key, [])}
    return weekdays, months, str(info.get("date_order", "DMY"))


def _compile(regex: str, weekdays: Mapping[str, int], months: Mapping[str, int]) -> re.Pattern[str]:
    for placeholder, names in (("{weekday}", weekdays), ("{month}", months)):
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        regex = regex.replace(placeholder, f"(?i:{alternation})" if names else "(?!)")
    return re.compile(regex)


def _outlet_table(entries: list[dict[str, Any]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in entries:
        for name in [entry["name"], *entry.get("aliases", []), *entry.get("domains", [])]:
            table.setdefault(" ".join(str(name).lower().split()), str(entry["name"]))
    return table
