"""The records of the text pipeline. Each is frozen; each stage maps one to the next.

Offsets: every ``Span`` points into ``Article.text`` (the decoded text as read, before any
cleaning), so a finding can always quote and locate the original words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``[start, end)`` of ``Article.text``; ``line`` is 1-based in the source file."""

    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a metadata field's value came from: given explicitly, or inferred and from what."""

    field: str
    value: str
    inferred: bool
    source: str  # e.g. "front matter", "jsonl field", "text line 5: 'Kompas.com - 15/06/2022'"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from its source, with its metadata."""

    id: str
    path: str  # the file as given, "<stdin>", or "feed.jsonl:12" for a JSON Lines record
    text: str  # decoded text; for HTML the extracted main text
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    language: str = "und"  # BCP-47 code ("id", "en", ...); "und" when unknown
    dateline: str | None = None
    first_line: int = 1  # source-file line of the first line of ``text`` (after front matter)
    provenance: tuple[Provenance, ...] = ()

    def line_of(self, offset: int) -> int:
        """The source-file line (1-based) holding character ``offset`` of ``text``."""
        return self.first_line + self.text.count("\n", 0, max(0, offset))

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.line_of(start))


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not checked, and why. Reports list these; nothing is dropped silently."""

    source: str
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Corpus:
    """The result of ingestion: articles read, inputs skipped, and warnings on read articles."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[Skipped, ...] = ()


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of story text kept by cleaning (usually one line or paragraph)."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of page furniture that cleaning removed, with the rule and the reason."""

    text: str
    span: Span
    rule: str  # e.g. "baca-juga", "duplicate-line", "navigation"
    reason: str  # plain words for `selaras claims --explain`


@dataclass(frozen=True, slots=True)
class CleanArticle:
    article: Article
    passages: tuple[Passage, ...]
    removed: tuple[Removal, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    span: Span


class Granularity(Enum):
    DAY = "day"
    WEEK = "week"  # "pekan ini", "dua minggu lalu": the week, not a particular day of it
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in the text and, when it could be resolved, its calendar value.

    ``value`` is None when the expression could not be resolved; it is then kept as such,
    never guessed. ``weekday_matches`` is None when no weekday was named or nothing resolved.
    """

    text: str
    span: Span
    value: date | None
    granularity: Granularity | None
    weekday: int | None = None  # weekday named in the text, Monday = 0
    weekday_matches: bool | None = None
    note: str = ""  # how it was resolved, or why not


class NumberKind(Enum):
    CARDINAL = "cardinal"
    ORDINAL = "ordinal"
    MONEY = "money"
    PERCENT = "percent"


class Qualifier(Enum):
    """How a figure stands to its value: exactly, as a bound ("lebih dari 40"), or roughly."""

    EXACT = "exact"
    MORE_THAN = "more than"
    AT_LEAST = "at least"
    AT_MOST = "at most"
    LESS_THAN = "less than"
    ABOUT = "about"
    NEARLY = "nearly"  # close to the value and below it ("hampir", "nearly")


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A figure in the text: its value, what it counts or measures, and how exact it is.

    ``measure`` is what the figure counts or measures ("dead", "passengers", "pertalite"),
    from the words around it and the language's ``[measures]``; None when nothing says.
    ``scope`` holds the names it is about, casefolded ("kelas i tangerang" for a prison's
    inmates, "blok c" for one block's). ``rounding`` is half the last written place ("1,17" is
    0.005, "61 ribu" 500), so a rounded figure agrees with a precise one.
    """

    text: str
    span: Span
    value: float
    kind: NumberKind
    unit: str | None = None  # "USD", "kata", "orang", ...
    measure: str | None = None
    scope: tuple[str, ...] = ()
    qualifier: Qualifier = Qualifier.EXACT
    rounding: float = 0.0

    def interval(self, approximation: float = 0.05) -> tuple[float, float]:
        """The values the figure allows; ``approximation`` is the share "about" may be off."""
        low, high = self.value - self.rounding, self.value + self.rounding
        slack = abs(self.value) * approximation
        match self.qualifier:
            case Qualifier.MORE_THAN | Qualifier.AT_LEAST:
                return low, math.inf
            case Qualifier.AT_MOST | Qualifier.LESS_THAN:
                return -math.inf, high
            case Qualifier.ABOUT:
                return low - slack, high + slack
            case Qualifier.NEARLY:
                return low - slack, high
        return low, high


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time of day: a clock time ("pukul 13.21 WIB", "1:21 p.m.") or a part of the day
    ("dini hari", "evening"), in minutes after midnight on the clock of ``zone`` (None: the
    local clock of the place reported)."""

    text: str
    span: Span
    start: int  # minutes after midnight
    end: int  # the same as start for a clock time; a part of the day may end past 1440
    zone: str | None = None  # as the language data names it: "WIB", "GMT"
    utc_offset: int | None = None  # minutes east of UTC, when the zone is known
    approximate: bool = False  # "sekitar pukul 02.00", "around 2pm", and parts of the day
    as_of: bool = False  # the time a figure stood at ("hingga pukul 21.00"), not an event's
    twelve_hour: bool = False  # "at 2:40" where clocks have am and pm: it may be 14:40


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named with its kind ("Kecamatan Pronojiwo", "Malang regency") or after "di"/"in"
    (kind None), and the larger places the text puts it in ("Desa Cijedil, Kecamatan
    Cugenang": Cijedil is within the district Cugenang)."""

    text: str
    span: Span
    name: str  # "Pronojiwo"
    kind: str | None  # "district", "regency", "palace", ... from the language data
    within: tuple[tuple[str, str], ...] = ()  # (kind, name) of each larger place named with it


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named entity; ``canonical`` groups aliases (China/Beijing/Tiongkok -> "China")."""

    text: str
    span: Span
    canonical: str
    kind: str  # "GPE", "ORG", "PERSON", "MEDIA"


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct (quotation marks) or reported quote with who said it and who is cited."""

    text: str
    span: Span
    direct: bool
    speaker: str | None = None
    verb: str | None = None
    cited_outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """The unit that gets checked: a sentence or one of its independent clauses."""

    id: str  # "<article id>#<n>"
    article_id: str
    text: str
    span: Span
    dates: tuple[DateMention, ...] = ()
    numbers: tuple[NumberMention, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    quote: Quote | None = None
    speaker: str | None = None
    source: str | None = None  # the outlet cited ("Reuters", "CCTV")
    tags: tuple[str, ...] = field(default=())
    times: tuple[TimeMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
