"""The compiled metadata rules of a language, for :mod:`claims.metadata`.

Patterns and known outlets come from the language's ``metadata`` section (its own entries
first, then und's); the ``{weekday}`` and ``{month}`` placeholders are filled with the names
of :mod:`claims.calendar`, any case.
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
    weekdays: Mapping[str, int]  # name (calendar lookup form) -> Monday = 0
    months: Mapping[str, int]  # name (calendar lookup form) -> 1..12
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


def metadata_rules(language: str | LanguageData) -> MetadataRules:
    """The rules for ``language`` (its data, or a tag: "id", "en-GB"; unknown: und's)."""
    return _rules(as_language(language))


@cache
def _rules(language: LanguageData) -> MetadataRules:
    section, names = language.metadata, calendar_names(language)
    weekdays = {n: i for i, found in enumerate(names.weekdays) for n in found}
    months = {n: i for i, found in enumerate(names.months, start=1) for n in found}
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
        weekdays=weekdays,
        months=months,
        date_order=names.date_order,
        date_languages=[language.code] if names.has_locale else None,
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


def _outlet_table(entries: Iterable[OutletEntry]) -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in entries:
        for name in [entry.name, *entry.aliases, *entry.domains]:
            table.setdefault(" ".join(name.lower().split()), entry.name)
    return table
