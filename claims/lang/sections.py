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


@dataclass(frozen=True, slots=True, eq=False)
class ClausesSection:
    """``clauses.toml``: where a sentence splits into independent statements."""

    joiners: tuple[str, ...]
    min_words: int
    min_claim_words: int


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
    files: str


@dataclass(frozen=True, slots=True, eq=False)
class StopwordsSection:
    """``stopwords.toml``: the commonest function words, casefolded."""

    words: frozenset[str]
