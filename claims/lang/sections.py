"""The typed sections of a language's data, one per TOML file name.

Each section is built by :mod:`claims.lang.parse` from its files, joined most specific first.
The code that uses a section compiles what it needs from it (regular expressions, Punkt
parameters); nothing here knows how text is matched. Sections compare by identity: a language's
data is loaded once, so a cache keyed by a section is a cache per language and data folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

ENTITY_KINDS = ("GPE", "MEDIA", "ORG", "PERSON")
DATE_KINDS = ("day", "month", "year", "relative", "period", "ago", "event", "weekday")
DATE_STAMP_KINDS = ("stamp", "lead")


@dataclass(frozen=True, slots=True, eq=False)
class SegmentationSection:
    """``segment.toml``: Punkt's abbreviations and sentence starters, the dateline limit."""

    abbreviations: tuple[str, ...]  # as written, final period included
    sent_starters: tuple[str, ...]
    dateline_max_words: int
    wrap_min_chars: int  # see [wrapped_lines] in und/segment.toml
    wrap_min_share: float
    wrap_headline_share: float
    list_item: str


@dataclass(frozen=True, slots=True, eq=False)
class ClausesSection:
    """``clauses.toml``: where a sentence splits into independent statements."""

    joiners: tuple[str, ...]
    min_words: int
    min_claim_words: int
    heading_max_words: int  # see [non_claims] in und/clauses.toml
    question_max_words: int
    stamp_max_words: int


@dataclass(frozen=True, slots=True)
class DatePatternSpec:
    kind: str  # one of DATE_KINDS
    regex: str  # with placeholders such as {weekday}
    gate: str | None


@dataclass(frozen=True, slots=True, eq=False)
class DatesSection:
    """``dates.toml``: extra calendar names, markers, relative phrases and date patterns."""

    names: Mapping[str, tuple[str, ...]]  # extra names by dateparser key ("friday", "week")
    past_markers: tuple[str, ...]
    future_markers: tuple[str, ...]
    future_cues: tuple[str, ...]
    approx: tuple[str, ...]
    as_of: tuple[str, ...]  # "hingga", "as of": the date stamps a running tally, not an event
    recurrence: tuple[str, ...]  # "kembali", "again": another occurrence, not the same one
    parts: Mapping[str, str]  # "awal" -> "early"
    relative: Mapping[str, str]  # phrase -> dateparser notation ("1 week ago")
    patterns: tuple[DatePatternSpec, ...]  # the language's first
    files: str


@dataclass(frozen=True, slots=True, eq=False)
class NumbersSection:
    """``numbers.toml``: separators, number words, currencies and the rules for ordinals."""

    thousands: str
    decimal: str
    words: Mapping[str, float]
    multipliers: Mapping[str, float]
    adders: Mapping[str, float]
    scales: Mapping[str, float]
    ordinals: Mapping[str, int]
    currencies: Mapping[str, str]  # symbols (und) updated with the language's words
    ordinal_patterns: tuple[str, ...]
    collective_ordinals: bool
    percent_words: tuple[str, ...]
    skip_phrases: tuple[str, ...]
    function_words: tuple[str, ...]
    bounds: Mapping[str, tuple[str, ...]]  # qualifier ("more than") -> words before a figure
    measures: Mapping[str, tuple[str, ...]]  # what is counted ("dead") -> words that name it
    units: Mapping[str, tuple[str, ...]]  # unit ("km") -> the words written for it
    modes: Mapping[str, tuple[str, ...]]  # "forecast" -> words before a figure that make it one
    classifiers: tuple[str, ...]  # counting words that name nothing ("orang", "unit")
    generic_words: tuple[str, ...]  # words near a figure that never say what it measures
    subset_markers: tuple[str, ...]  # before a figure: it is a part of another ("termasuk")
    partitive: tuple[str, ...]  # right after a figure: it is a part ("di antaranya", "of them")
    change_words: tuple[str, ...]  # "menjadi", "to": the next figure measures the same
    boundary_words: tuple[str, ...]  # "dan", "and": the words about a figure end here
    developing: tuple[str, ...]  # measures of a developing story (tolls) that are updated
    fluctuating: tuple[str, ...]  # developing measures that may fall ("missing")
    revision_words: tuple[str, ...]  # "dikoreksi", "revised": a later figure corrects one
    update_words: tuple[str, ...]  # "bertambah menjadi", "has risen to": the latest count
    ranking_words: tuple[str, ...]  # "tertinggi", "highest": the figure of one of several
    approximation: float  # relative tolerance of "about" and "nearly"


@dataclass(frozen=True, slots=True, eq=False)
class QuotesSection:
    """``quotes.toml``: reporting verbs, outlet markers and the words around speakers."""

    clause_verbs: tuple[str, ...]
    quote_verbs: tuple[str, ...]
    pronoun_suffix: str
    impersonal: tuple[str, ...]
    complementisers: tuple[str, ...]
    complementiser_window: int
    name_after: tuple[str, ...]
    name_before: tuple[str, ...]
    source_after: tuple[str, ...]
    source_before: tuple[str, ...]
    media_words: tuple[str, ...]
    pronouns: tuple[str, ...]
    titles: tuple[str, ...]
    skip: tuple[str, ...]
    trailing: tuple[str, ...]
    stops: tuple[str, ...]
    alias_words: tuple[str, ...]
    max_words: int


@dataclass(frozen=True, slots=True)
class EntityEntry:
    canonical: str
    kind: str  # one of ENTITY_KINDS
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class EntitiesSection:
    """``entities.toml``: the gazetteer (the language's entries first) and name settings."""

    entities: tuple[EntityEntry, ...]
    not_names: tuple[str, ...]
    connectors: tuple[str, ...]
    min_words: int
    headline_share: float
    headline_words: int


@dataclass(frozen=True, slots=True)
class BoilerplateRule:
    id: str
    reason: str
    pattern: str
    ignore_case: bool
    max_words: int | None
    opens_list: bool
    name_line_before: bool


@dataclass(frozen=True, slots=True, eq=False)
class BoilerplateSection:
    """``boilerplate.toml``: furniture rules (the language's first) and cleaning settings."""

    rules: tuple[BoilerplateRule, ...]
    duplicate_rule: str
    duplicate_reason: str  # has {line}
    min_ratio: float
    headline_rule: str
    headline_reason: str  # has {marker} and {line}
    story_min_words: int
    story_end: str
    name_reason: str  # has {label} and {line}
    name_words: tuple[int, int]
    furniture_rule: str
    furniture_reason: str
    furniture_min_articles: int


@dataclass(frozen=True, slots=True)
class PublishedPattern:
    kind: str  # "stamp" or "lead"
    regex: str


@dataclass(frozen=True, slots=True)
class OutletEntry:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class MetadataSection:
    """``metadata.toml``: patterns for datelines and publication dates, known outlets, and
    the limits of title inference and language detection."""

    title_skip: tuple[str, ...]
    datelines: tuple[str, ...]
    published: tuple[PublishedPattern, ...]
    outlets: tuple[OutletEntry, ...]
    head_lines: int
    title_words: tuple[int, int]
    story_min_words: int
    detection_min_words: int
    detection_min_share: float
    detection_min_lead: float
    stamp_max_words: int
    header_max_days: int
    time: str  # a time of day right after a date
    byline_words: tuple[str, ...]
    update_words: tuple[str, ...]
    masthead_max_words: int
    file_name_skip: tuple[str, ...]
    file_name_min_letters: int
    files: str


@dataclass(frozen=True, slots=True, eq=False)
class StopwordsSection:
    """``stopwords.toml``: the commonest function words, casefolded."""

    words: frozenset[str]


@dataclass(frozen=True, slots=True, eq=False)
class TimesSection:
    """``times.toml``: how clock times and parts of the day are written, and the time zones."""

    cues: tuple[str, ...]  # words before a clock time ("pukul")
    am: tuple[str, ...]
    pm: tuple[str, ...]
    approximate: tuple[str, ...]  # "sekitar", "around"
    as_of: tuple[str, ...]  # "hingga", "as of": the time a figure stood at
    local: tuple[str, ...]  # "waktu setempat", "local time"
    breaks: tuple[str, ...]  # words that open another happening in a sentence ("dan", "ketika")
    happened: tuple[str, ...]  # verbs that say an event happened ("terjadi", "struck")
    zones: Mapping[str, float]  # name as written -> hours east of UTC
    reference_zones: tuple[str, ...]  # zones given for readers elsewhere (GMT), never local
    periods: Mapping[str, tuple[int, int]]  # part of the day -> (start, end) minutes; the end
    # passes 1440 when it runs past midnight


@dataclass(frozen=True, slots=True, eq=False)
class PlacesSection:
    """``places.toml``: the words that say what kind of place a name is, before it
    ("Kecamatan"), after it ("regency") or with "of" ("city of"), the words after which a
    capitalised name is a place ("di", "in"), and the level of each administrative kind."""

    before: Mapping[str, str]  # word as written (any case) -> kind
    after: Mapping[str, str]
    of: Mapping[str, str]
    markers: tuple[str, ...]
    tiers: Mapping[str, int]  # kind -> level, 1 for a province; kinds without one are sites


@dataclass(frozen=True, slots=True, eq=False)
class NamesSection:
    """``names.toml``: the words before a person's name (roles, ranks, honorifics) and the old
    spellings that still appear in names ("dj" for "j")."""

    titles: frozenset[str]  # casefolded
    generic: tuple[str, ...]  # parts of many names ("Utara", "Raya"): neither name nor context
    spellings: Mapping[str, str]  # old -> current, lower case
    joiners: tuple[str, ...]  # words that join names in a list ("dan", "and")
