"""Edit rules for the drift benchmark: where in a sentence a drift or a control can be planted.

Each rule is a generator from one sentence of an article copy to the edits it allows there,
every variant of each site (a replacement of ``old`` by ``new`` at a span), so that sampling
can pick sites first and variants second. The words come from ``drift_edits.toml``.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

EDITS_FILE = Path(__file__).with_name("drift_edits.toml")
CONTROL = "control"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``old`` at ``[start, end)`` of a copy's text by ``new``, inside one sentence."""

    kind: str  # the rule id planted (checker.rules), or "control"
    rule: str  # the rule that made it, e.g. "ordinal", "speaker", "alias", "unchanged"
    start: int
    end: int
    old: str
    new: str
    sentence: tuple[int, int]  # the sentence holding the edit, in the copy before the edit

    def apply(self, text: str) -> str:
        return text[: self.start] + self.new + text[self.end :]

    @property
    def sentence_after(self) -> tuple[int, int]:
        """The edited sentence's span in the text after the edit."""
        return self.sentence[0], self.sentence[1] + len(self.new) - len(self.old)


@dataclass(frozen=True, slots=True)
class Site:
    """A sentence of a copy, where rules look for something to edit."""

    text: str
    start: int  # offset of the sentence in the copy's text
    year: int  # for a weekday beside a date written without a year
    anchor: date  # the day the copy reports on (or a default), for re-dating quotes


Rule = Callable[[Site, random.Random], Iterator[Edit]]


@cache
def tables() -> Mapping[str, Any]:
    with EDITS_FILE.open("rb") as f:
        return tomllib.load(f)


def _words(options: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(options, key=len, reverse=True))


def _weekday_date() -> re.Pattern[str]:
    t = tables()
    return re.compile(
        rf"\b(?P<weekday>{_words(t['weekdays'])}) \((?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})(?:/(?P<year>\d{{4}}))?\)"
    )


def _day_month() -> re.Pattern[str]:
    t = tables()
    return re.compile(
        rf"\b(?P<day>\d{{1,2}}) (?P<month_name>{_words(t['months'])})\b(?: (?P<year>\d{{4}}))?"
    )


def _edit(site: Site, kind: str, rule: str, a: int, b: int, new: str) -> Edit:
    end = site.start + len(site.text)
    return Edit(kind, rule, site.start + a, site.start + b, site.text[a:b], new, (site.start, end))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` inside quotation marks (marks included)."""
    spans = []
    for opening, closing in tables()["quote"]["marks"]:
        pattern = re.escape(opening) + "[^" + re.escape(closing) + "]+" + re.escape(closing)
        spans += [m.span() for m in re.finditer(pattern, text)]
    return spans


def _outside_quotes(text: str, a: int, b: int) -> bool:
    return not any(s < b and a < e for s, e in quoted_spans(text))


def _has_direct_quote(text: str) -> bool:
    least = tables()["quote"]["min_words"]
    return any(len(text[s:e].split()) >= least for s, e in quoted_spans(text))


def _has_day_date(text: str) -> bool:
    return bool(_weekday_date().search(text) or _day_month().search(text))


def _weekday_phrase(day: date, year_given: bool) -> str:
    name = tables()["weekdays"][day.weekday()]
    return f"{name} ({day.day}/{day.month}" + (f"/{day.year})" if year_given else ")")


# --- planted drifts ---------------------------------------------------------------------


def redate_quote(site: Site, rng: random.Random) -> Iterator[Edit]:
    """Open a sentence holding a direct quotation with another day: the quote moves in time."""
    if not _has_direct_quote(site.text) or _has_day_date(site.text):
        return
    for _ in range(3):
        day = site.anchor - timedelta(days=rng.randint(4, 150))
        weekday = tables()["weekdays"][day.weekday()]
        opening = tables()["quote"]["opening"].format(weekday=weekday, day=day.day, month=day.month)
        yield _edit(site, "quote-drift", "redated-quote", 0, 0, opening)


def shift_date(site: Site, rng: random.Random) -> Iterator[Edit]:
    """Move a calendar day outside quotations by a few days or a month, weekday kept true."""
    if _has_direct_quote(site.text):
        return
    t = tables()["date"]
    for m in _weekday_date().finditer(site.text):
        year = int(m["year"] or site.year)
        old = _safe_date(year, int(m["month"]), int(m["day"]))
        if old is None:
            continue
        for shift in t["shifts_days"]:
            new = _weekday_phrase(old + timedelta(days=shift), bool(m["year"]))
            yield _edit(site, "date-drift", "weekday-date", *m.span(), new)
    months = tables()["months"]
    for m in _day_month().finditer(site.text):
        month = months.index(m["month_name"]) + 1
        for shift in t["shifts_months"]:
            moved = (month - 1 + shift) % 12 + 1
            if _safe_date(site.year, moved, int(m["day"])) is None:
                continue
            new = f"{m['day']} {months[moved - 1]}" + (f" {m['year']}" if m["year"] else "")
            yield _edit(site, "date-drift", "day-month", *m.span(), new)


def break_weekday(site: Site, rng: random.Random) -> Iterator[Edit]:
    """Change the day beside a weekday so that the two disagree: "Rabu (15/6)" -> "Rabu (16/6)"."""
    for m in _weekday_date().finditer(site.text):
        year, month, day = int(m["year"] or site.year), int(m["month"]), int(m["day"])
        for shift in (-3, -2, -1, 1, 2, 3):
            if _safe_date(year, month, day + shift) is None:
                continue
            a, b = m.span("day")
            yield _edit(site, "weekday-mismatch", "weekday-day", a, b, str(day + shift))


def change_number(site: Site, rng: random.Random) -> Iterator[Edit]:
    """Change an ordinal, a number word or a figure outside dates and quotations."""
    if _has_direct_quote(site.text):
        return
    t = tables()["number"]
    taken = [m.span() for p in (_weekday_date(), _day_month()) for m in p.finditer(site.text)]
    taken += [m.span() for idiom in t["idioms"] for m in re.finditer(re.escape(idiom), site.text)]
    collective = _words(t["collective_after"])
    for pattern, choices, rule in (
        (rf"\b(?:{_words(t['ordinals'])})\b(?! (?:{collective})\b)", t["ordinals"], "ordinal"),
        (rf"\b(?:{_words(t['words'])})\b", t["words"], "number-word"),
    ):
        for m in re.finditer(pattern, site.text, flags=re.IGNORECASE):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                for new in choices:
                    if new != m.group().lower():
                        yield _edit(site, "number-drift", rule, *m.span(), new)
    for m in re.finditer(r"(?<![\w/.-])\d{1,3}(?:\.\d{3})*(?![\w/.-]|\.\d)", site.text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        value = int(m.group().replace(".", ""))
        for factor in t["factors"]:
            yield _edit(
                site, "number-drift", "figure", *m.span(), f"{value * factor:,}".replace(",", ".")
            )


def swap_speaker(site: Site, rng: random.Random) -> Iterator[Edit]:
    """Credit a statement to someone else: "kata Xi" -> "kata Putin", "dilansir AFP" -> "dilansir Reuters"."""
    t = tables()["attribution"]
    group_of = {name: group for group in t["groups"] for name in group}
    cue = re.compile(rf"\b(?:{_words(t['cues_before'])}) $")
    verb = re.compile(rf"^ (?:{_words(t['verbs_after'])})\b")
    for m in re.finditer(rf"\b(?:{_words(group_of)})\b", site.text):
        if cue.search(site.text[: m.start()]) or verb.search(site.text[m.end() :]):
            for other in group_of[m.group()]:
                if not re.search(rf"\b{re.escape(other)}\b", site.text):  # not "Putin to Putin"
                    yield _edit(site, "attribution-drift", "speaker", *m.span(), other)


PLANTING_RULES: Mapping[str, Rule] = {
    "quote-drift": redate_quote,
    "date-drift": shift_date,
    "number-drift": change_number,
    "attribution-drift": swap_speaker,
    "weekday-mismatch": break_weekday,
}


# --- controls: the wording changes, the facts do not ------------------------------------


def _replacements(site: Site, pairs: Sequence[Sequence[str]], rule: str) -> Iterator[Edit]:
    not_after = tables()["control"]["alias_not_after"] if rule == "alias" else []
    for old, new in pairs:
        for m in re.finditer(rf"\b{re.escape(old)}\b", site.text):
            before = site.text[: m.start()].rstrip()
            if _outside_quotes(site.text, *m.span()) and not any(
                before.endswith(w) for w in not_after
            ):
                yield _edit(site, CONTROL, rule, *m.span(), new)


def reword(site: Site, rng: random.Random) -> Iterator[Edit]:
    """An alias ("China" -> "Beijing"), another speech verb, or a synonym, outside quotations."""
    t = tables()["control"]
    yield from _replacements(site, t["aliases"], "alias")
    yield from _replacements(site, t["speech_verbs"], "speech-verb")
    yield from _replacements(site, t["synonyms"], "synonym")


def reorder(site: Site, rng: random.Random) -> Iterator[Edit]:
    """Move a fronted source to the end: "Menurut CCTV, Xi memuji ..." -> "Xi memuji ..., menurut CCTV."."""
    fronted = _words(tables()["control"]["fronted_sources"])
    m = re.fullmatch(rf"(?P<cue>{fronted}) (?P<source>[^,]{{2,40}}), (?P<rest>.+)\.", site.text)
    if m is None or not _outside_quotes(site.text, 0, m.end("source")):
        return
    rest = m["rest"][0].upper() + m["rest"][1:]
    new = f"{rest}, {m['cue'].lower()} {m['source']}."
    yield _edit(site, CONTROL, "reorder", 0, len(site.text), new)


CONTROL_RULES: Sequence[Rule] = (reword, reorder)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
