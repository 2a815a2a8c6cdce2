"""Places in text: names with the kind of place they are, and the larger places around them.

"Kecamatan Pronojiwo", "Malang regency", "the city of Malang" and "Istana Merdeka" name a place
and its kind; a capitalised name after "di" or "in" is a place of no stated kind ("di
Kendari"). The words are data (``claims/lang/<code>/places.toml``). A chain of places read
from small to large ("Dusun Curah Kobokan, Desa Supiturang, Kecamatan Pronojiwo", "Desa
Curah Kobokan di Kecamatan Pronojiwo") puts each place within the larger ones after it, so
two texts that put one village in two districts can be told apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from claims.lang import LanguageData, load_language
from claims.lang.sections import PlacesSection
from claims.types import Article, PlaceMention, Span

_MAX_NAME_WORDS = 4
_CAPITAL = "A-ZÀ-ÖØ-Þ"


@dataclass(frozen=True, slots=True)
class _Found:
    begin: int  # offsets into the text searched
    stop: int
    name: str
    kind: str | None


@dataclass(frozen=True, slots=True, eq=False)
class _Patterns:
    typed: tuple[tuple[re.Pattern[str], Mapping[str, str]], ...]  # (pattern, word -> kind)
    marked: re.Pattern[str] | None
    gap: re.Pattern[str]  # what may stand between a place and a larger one in a chain
    tiers: Mapping[str, int]
    stops: frozenset[str]  # casefolded function words: never the first word of a name
    not_names: frozenset[str]  # casefolded words never in a name (weekdays)


def find_places(
    text: str,
    *,
    start: int,
    article: Article,
    language: LanguageData | None = None,
    exclude: Sequence[Span] = (),
) -> tuple[PlaceMention, ...]:
    """The places named in ``text`` (which is ``article.text[start:start + len(text)]``).

    Spans are in article coordinates; names overlapping ``exclude`` (dates) are skipped.
    """
    language = language or load_language(article.language)
    p = _patterns(language.places, language.stopwords.words, _not_names(language))
    taken = [(s.start - start, s.end - start) for s in exclude]
    found: list[_Found] = []
    for candidate in (*_typed(text, p), *_marked(text, p)):
        if not any(candidate.begin < b and a < candidate.stop for a, b in taken):
            taken.append((candidate.begin, candidate.stop))
            found.append(candidate)
    found.sort(key=lambda f: f.begin)
    return tuple(
        PlaceMention(
            text[f.begin : f.stop],
            article.span(start + f.begin, start + f.stop),
            f.name,
            f.kind,
            tuple(_within(found, i, text, p)),
        )
        for i, f in enumerate(found)
    )


def tier(kind: str | None, language: LanguageData) -> int | None:
    """The administrative level of a kind of place (1 for a province), None for a site."""
    return language.places.tiers.get(kind) if kind else None


def _typed(text: str, p: _Patterns) -> Iterator[_Found]:
    for pattern, kinds in p.typed:
        for m in pattern.finditer(text):
            kind = kinds[_key(m.group("unit"))]
            if m.start("name") > m.start("unit"):  # "Kecamatan Pronojiwo", "city of Malang"
                name = _trim(m.group("name").split(), p)
                if name:
                    yield _Found(m.start(), m.start("name") + len(name), name, kind)
            else:  # "Malang regency": the name ends at the kind, so it is cut from the left
                words = _trim(m.group("name").split()[::-1], p).split()[::-1]
                if words:
                    yield _Found(
                        m.end("name") - len(" ".join(words)), m.end(), " ".join(words), kind
                    )


def _marked(text: str, p: _Patterns) -> Iterator[_Found]:
    if p.marked is None:
        return
    for m in p.marked.finditer(text):
        name = _trim(m.group("name").split(), p, marked=True)
        if name:
            yield _Found(m.start("name"), m.start("name") + len(name), name, None)


def _trim(words: Sequence[str], p: _Patterns, *, marked: bool = False) -> str:
    """The words up to the first that cannot be part of a name ("Malang Sabtu" -> "Malang").
    After a kind of place any capitalised word may open the name ("Dusun Kali Putih"); after
    a mere "di", a capitalised function word is a sentence going on, not a name."""
    kept: list[str] = []
    for word in words[:_MAX_NAME_WORDS]:
        folded = word.casefold()
        if folded in p.not_names or (marked and not kept and folded in p.stops):
            break
        kept.append(word)
    return " ".join(kept)


def _within(found: Sequence[_Found], i: int, text: str, p: _Patterns) -> Iterator[tuple[str, str]]:
    """The larger places that follow place ``i`` in a chain, each of a higher level."""
    level = p.tiers.get(found[i].kind or "", 99)
    for before, after in zip(found[i:], found[i + 1 :], strict=False):
        if not p.gap.fullmatch(text[before.stop : after.begin]):
            return
        if after.kind is None or after.kind not in p.tiers:
            continue  # "Kepanjen" between commas, or a site: the chain goes on past it
        if p.tiers[after.kind] >= level:
            return
        level = p.tiers[after.kind]
        yield after.kind, after.name


def _key(word: str) -> str:
    return " ".join(word.casefold().split())


def _alternation(words: Sequence[str]) -> str:
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) or "(?!)"


def _not_names(language: LanguageData) -> frozenset[str]:
    return frozenset(w.casefold() for w in language.entities.not_names)


@cache
def _patterns(
    section: PlacesSection, stops: frozenset[str], not_names: frozenset[str]
) -> _Patterns:
    """Build (once per section) the expressions for places with a kind and after a marker."""
    units = [*section.before, *section.after, *section.of]
    word = rf"(?!(?i:{_alternation(units)})(?!\w))[{_CAPITAL}][\w'’-]*"
    name = rf"{word}(?:[ \xa0]{word})*"
    typed = []
    for words, shape in (
        (section.before, rf"(?<!\w)(?i:(?P<unit>{{}}))\s+(?P<name>{name})"),
        (section.after, rf"(?<![\w-])(?P<name>{name})\s+(?i:(?P<unit>{{}}))(?!\w)"),
        (section.of, rf"(?<!\w)(?:(?i:the)\s+)?(?i:(?P<unit>{{}}))\s+(?P<name>{name})"),
    ):
        if words:
            pattern = re.compile(shape.format(_alternation(list(words))))
            typed.append((pattern, {_key(k): v for k, v in words.items()}))
    markers = _alternation(section.markers)
    marked = rf"(?<!\w)(?i:{markers})\s+(?P<name>{name})" if section.markers else None
    gap = rf"\s*(?:,\s*)?(?:(?i:{markers})\s+)?(?:{name}\s*,\s*)?"
    return _Patterns(
        typed=tuple(typed),
        marked=re.compile(marked) if marked else None,
        gap=re.compile(gap),
        tiers=dict(section.tiers),
        stops=stops,
        not_names=not_names,
    )
