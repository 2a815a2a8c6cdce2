"""The compiled metadata rules of a language, for :mod:`claims.metadata` and its helpers.

Patterns and known outlets come from the language's ``metadata`` section (its own entries
first, then und's); the ``{weekday}`` and ``{month}`` placeholders are filled with the names
of :mod:`claims.calendar`, any case. News agencies named in the ``entities`` section (kind
MEDIA) count as recognisable outlets too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from claims.calendar import calendar_names
from claims.errors import LanguageResourceError
from claims.lang import LanguageData, as_language
from claims.lang.sections import MetadataSection, OutletEntry

DOMAIN = re.compile(r"\w\.[A-Za-z]{2,}\b")


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
    agencies: frozenset[str]  # news agencies and broadcasters (entities of kind MEDIA), lower case
    weekdays: Mapping[str, int]  # name (calendar lookup form) -> Monday = 0
    months: Mapping[str, int]  # name (calendar lookup form) -> 1..12
    date_order: str
    date_languages: list[str] | None
    stamp_max_words: int
    header_max_days: int
    time: re.Pattern[str]
    byline: re.Pattern[str]  # a line that starts with a byline word
    update: re.Pattern[str]  # an update label just before a date
    masthead_max_words: int
    file_name_skip: frozenset[str]
    file_name_min_letters: int

    def canonical_outlet(self, name: str) -> str:
        return self.outlets.get(" ".join(name.lower().split()), name)

    def is_known_outlet(self, name: str) -> bool:
        return " ".join(name.lower().split()) in self.outlets

    def is_recognisable_outlet(self, name: str) -> bool:
        """A known outlet, a news agency, or a name written like a domain ("KABARKINI.COM")."""
        key = " ".join(name.lower().split())
        return key in self.outlets or key in self.agencies or bool(DOMAIN.search(name))

    def is_weekday(self, word: str) -> bool:
        return " ".join(word.casefold().split()) in self.weekdays

    def is_title_furniture(self, line: str) -> bool:
        lowered = line.lower()
        if any(p.search(line) for p in self.title_skip):
            return True
        return any("." in name and name in lowered for name in self.outlets)

    def stamps(self) -> tuple[re.Pattern[str], ...]:
        return tuple(p.regex for p in self.published if p.kind == "stamp")

    def leads(self) -> tuple[re.Pattern[str], ...]:
        return tuple(p.regex for p in self.published if p.kind == "lead")


def metadata_rules(language: str | LanguageData) -> MetadataRules:
    """The rules for ``language`` (its data, or a tag: "id", "en-GB"; unknown: und's)."""
    return _rules(as_language(language))


@cache
def _rules(language: LanguageData) -> MetadataRules:
    section, names = language.metadata, calendar_names(language)
    weekdays = {n: i for i, found in enumerate(names.weekdays) for n in found}
    months = {n: i for i, found in enumerate(names.months, start=1) for n in found}
    agencies = frozenset(
        " ".join(name.lower().split())
        for entry in language.entities.entities
        if entry.kind == "MEDIA"
        for name in (entry.canonical, *entry.aliases)
    )
    return MetadataRules(
        head_lines=section.head_lines,
        title_min_words=section.title_words[0],
        title_max_words=section.title_words[1],
        story_min_words=section.story_min_words,
        title_skip=tuple(re.compile(p, re.IGNORECASE) for p in section.title_skip),
        datelines=tuple(_compile(p, weekdays, months, section) for p in section.datelines),
        published=tuple(
            DatePattern(p.kind, _compile(p.regex, weekdays, months, section))
            for p in section.published
        ),
        outlets=_outlet_table(section.outlets),
        agencies=agencies,
        weekdays=weekdays,
        months=months,
        date_order=names.date_order,
        date_languages=[language.code] if names.has_locale else None,
        stamp_max_words=section.stamp_max_words,
        header_max_days=section.header_max_days,
        time=re.compile(section.time),
        byline=_words_pattern(r"^\W*(?:{})\b", section.byline_words),
        update=_words_pattern(r"\b(?:{})\b\W*$", section.update_words),
        masthead_max_words=section.masthead_max_words,
        file_name_skip=frozenset(w.casefold() for w in section.file_name_skip),
        file_name_min_letters=section.file_name_min_letters,
    )


def _compile(
    regex: str, weekdays: Mapping[str, int], months: Mapping[str, int], section: MetadataSection
) -> re.Pattern[str]:
    for placeholder, names in (("{weekday}", weekdays), ("{month}", months)):
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        regex = regex.replace(placeholder, f"(?i:{alternation})" if names else "(?!)")
    try:
        return re.compile(regex)
    except re.error as exc:
        raise LanguageResourceError(f"{section.files}: bad pattern: {exc}") from exc


def _words_pattern(template: str, words: Iterable[str]) -> re.Pattern[str]:
    """``template`` with its ``{}`` filled by ``words`` (longest first, spacing loose), any case."""
    ordered = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    alternation = "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered) or "(?!)"
    return re.compile(template.format(alternation), re.IGNORECASE)


def _outlet_table(entries: Iterable[OutletEntry]) -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in entries:
        for name in [entry.name, *entry.aliases, *entry.domains]:
            table.setdefault(" ".join(name.lower().split()), entry.name)
    return table
