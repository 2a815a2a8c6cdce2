"""Metadata inference: outlet, publication date, dateline, title and language from the text.

Explicit metadata (front matter, JSON Lines fields, HTML markup) always wins. What is missing is
looked for in the article's opening lines with the patterns of the language's ``metadata``
section (``claims/lang/<code>/metadata.toml`` joined with ``und/``), and every field gets a
:class:`Provenance` saying where its value came from, or why it has none. A date is never
guessed: a day and month without a year are placed only when a weekday pins the year (the
calendar's year rule, :func:`claims.calendar.infer_year`, counting back from today),
otherwise ``published`` stays unset.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import dateparser

from claims.calendar import MONTH_NAMES, WEEKDAY_NAMES, check_weekday, infer_year, name_key
from claims.lang import UNIVERSAL, load_language
from claims.language import guess_language
from claims.metadata_rules import MetadataRules, metadata_rules
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


def infer_metadata(
    article: Article, *, today: date | None = None, data_path: Path | None = None
) -> Article:
    """``article`` with its missing metadata inferred from its text and every field's provenance.

    Fields with a value or a provenance entry are kept as they are, so the function is
    idempotent. A field that could not be inferred stays None, with a provenance entry whose
    value is empty and whose source says why. ``today`` bounds year inference (default: today).
    ``data_path``: a user language data folder (default: the configured one).
    """
    recorded = {p.field for p in article.provenance}
    given = [f for f in (*FIELDS, "url") if f not in recorded and _value(article, f) is not None]
    missing = [f for f in FIELDS if f not in recorded and _value(article, f) is None]
    notes = [Provenance(f, _Found(_value(article, f), "").shown, False, "given") for f in given]
    found: dict[str, _Found] = {}
    patterns_language = article.language
    if article.language == UNIVERSAL:
        guess = guess_language(article.text, data_path=data_path)
        if "language" in missing:
            found["language"] = _Found(guess.language, guess.describe())
        # Too little text to be sure of the language is still enough to try the likeliest
        # one's patterns: a stamp such as "15/06/2022, 21:01 WIB" is unambiguous.
        patterns_language = guess.shares[0][0] if guess.shares and guess.shares[0][1] else UNIVERSAL
    if set(missing) - {"language"}:
        rules = metadata_rules(load_language(patterns_language, data_path))
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
    month = int(g["month"]) if "month" in g else rules.months[name_key(g["month_name"])]
    weekday = rules.weekdays.get(name_key(g.get("weekday", "")))
    if "year" in g:
        value, zone = _calendar_date(g.get("date"), int(g["year"]), month, day, rules)
        if value is None:
            return _Found(None, f"{where} is not a calendar date")
        return _Found(value, f"{where} ({_KIND[kind]}{zone}{_weekday_check(value, weekday)})")
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return _Found(None, f"{where} is not a calendar date")
    day_month = f"{day} {MONTH_NAMES[month - 1]}"
    if weekday is None:
        return _Found(None, f"{where} names no year, and no weekday to place {day_month} in one")
    placed = infer_year(day, month, anchor=today, direction="past", weekday=weekday).value
    named = WEEKDAY_NAMES[weekday]
    if placed is None:
        return _Found(None, f"{where}: {day_month} is not a {named} in any recent year")
    year = placed.year
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
    if weekday is None or (check := check_weekday(value.date(), weekday)).matches:
        return ""
    return f"; the text names a {check.named}, but that day was a {check.actual}"


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
