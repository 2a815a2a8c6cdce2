"""One language's words about figures, compiled once: what they measure, their units, the
words that bound them ("lebih dari"), make them a part ("di antaranya") or another kind of
figure ("memperkirakan"), and the words that end the words about one (claims/measures.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from claims.lang import LanguageData
from claims.numerals import alternation
from claims.types import Qualifier

SUBAREA_TIER = 3  # districts and below (claims/lang/und/places.toml tiers)


@dataclass(frozen=True, slots=True, eq=False)
class MeasureWords:
    """One language's measure words, compiled once."""

    measures: re.Pattern[str]
    measure_of: Mapping[str, str]  # casefolded phrase -> measure
    developing: frozenset[str]
    units: Mapping[str, str]  # casefolded word -> unit
    classifiers: frozenset[str]
    generic: frozenset[str]  # generic and function words: never the noun a figure counts
    ignored: frozenset[str]  # those, stopwords, place kinds and measure words: never a name
    stops: frozenset[str]
    verbs: frozenset[str]  # reporting verbs: the names before one are a source, not a scope
    subset: re.Pattern[str]
    opening: re.Pattern[str]  # a subset marker opening the sentence ("Dari jumlah itu, ...")
    partitive: re.Pattern[str]
    change: frozenset[str]
    place_markers: frozenset[str]  # "di", "in": a place name follows
    subareas: frozenset[str]  # kinds of place below a regency ("kecamatan", "desa")
    bounds: tuple[tuple[Qualifier, re.Pattern[str]], ...]
    modes: tuple[tuple[str, re.Pattern[str]], ...]  # "forecast", "earlier"
    ranking: re.Pattern[str] | None  # a superlative: "inflasi tertinggi, yakni 1,87 persen"


@cache
def measure_words(language: LanguageData) -> MeasureWords:
    section = language.numbers
    measure_of = {w.casefold(): key for key, ws in section.measures.items() for w in ws}
    units = {w.casefold(): key for key, ws in section.units.items() for w in ws}
    places = {w.casefold() for w in (*language.places.before, *language.places.after)}
    generic = {w.casefold() for w in (*section.generic_words, *section.function_words)}
    ignored = generic | {w.casefold() for w in section.classifiers}
    verbs = (*language.quotes.clause_verbs, *language.quotes.quote_verbs)
    bounds = tuple(
        (Qualifier(key), re.compile(alternation(phrases) + r"\s*$"))
        for key, phrases in section.bounds.items()
    )
    return MeasureWords(
        measures=re.compile(alternation(measure_of)),
        measure_of=measure_of,
        developing=frozenset(section.developing),
        units=units,
        classifiers=frozenset(w.casefold() for w in section.classifiers),
        generic=frozenset(generic),
        ignored=frozenset(ignored | places | language.stopwords.words | set(measure_of)),
        stops=frozenset(w.casefold() for w in section.boundary_words),
        verbs=frozenset(w.casefold() for w in verbs),
        subset=re.compile(alternation(section.subset_markers)),
        opening=re.compile(r"\W*" + alternation(section.subset_markers)),
        partitive=re.compile(alternation(section.partitive)),
        change=frozenset(w.casefold() for w in section.change_words),
        place_markers=frozenset(w.casefold() for w in language.places.markers),
        subareas=frozenset(
            w.casefold()
            for w, kind in language.places.before.items()
            if language.places.tiers.get(kind, 0) >= SUBAREA_TIER
        ),
        bounds=bounds,
        modes=tuple(
            (mode, re.compile(r"\W*" + alternation(phrases)))
            for mode, phrases in section.modes.items()
        ),
        ranking=re.compile(alternation(section.ranking_words)) if section.ranking_words else None,
    )
