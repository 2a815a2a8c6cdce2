"""Named entities from a gazetteer: countries, governments, people and news media, with aliases.

The names are data (the ``entities`` section: ``claims/lang/<code>/entities.toml`` plus ``und``
for names shared by every language, and a user data folder's own aliases first), so "Beijing", "Tiongkok" and "China" all come out as the canonical "China" and two
articles can be compared on what they name rather than how. Aliases match case-sensitively and
on word boundaries, longest first; short acronyms match only as written ("AS" is the United
States in Indonesian, "as" is not). Unknown runs of capitalised words become ``NAME`` mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from claims.lang import LanguageData, as_language, load_language
from claims.lang.sections import ENTITY_KINDS
from claims.types import Article, EntityMention

KINDS = frozenset(ENTITY_KINDS)
NAME = "NAME"  # kind of an unknown capitalised name found by the fallback
_ACRONYM_MAX = 4  # all-capital aliases this short match only exactly as written
_TOKEN = re.compile(r"(?<!\w)[^\W\d_][\w'’-]*(?![\w$])")  # not "US" of "US$"
_NAME_GAP = re.compile(r"[ \xa0]")
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'")


@dataclass(frozen=True, slots=True)
class AliasMatch:
    """A gazetteer alias found in a text; offsets are relative to that text."""

    start: int
    end: int
    canonical: str
    kind: str


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    """One language's aliases (with the und ones) and the expression that finds them."""

    pattern: re.Pattern[str] | None
    aliases: Mapping[str, tuple[str, str]]  # alias as matched -> (canonical, kind)
    folded: Mapping[str, tuple[str, str]]  # casefolded alias (acronyms left out) -> same
    stopwords: frozenset[str]  # casefolded words that never start or end a NAME
    connectors: frozenset[str]
    min_words: int
    headline_share: float  # a line with this share of capitalised words is a headline
    headline_words: int  # ... when it has at least this many words


def find_entities(
    text: str, *, start: int, article: Article, language: LanguageData | None = None
) -> tuple[EntityMention, ...]:
    """The entities named in ``text`` (which is ``article.text[start:start + len(text)]``).

    Gazetteer aliases come first; capitalised runs of words outside them become ``NAME``
    mentions whose canonical name is the text itself. Spans are in article coordinates.
    ``language`` defaults to the data for ``article.language``.
    """
    gazetteer = _gazetteer(language or load_language(article.language))
    matches = list(_alias_matches(text, gazetteer))
    found = [(m.start, m.end, m.canonical, m.kind) for m in matches]
    for a, b in _unknown_names(text, matches, gazetteer):
        found.append((a, b, text[a:b], NAME))
    found.sort()
    return tuple(
        EntityMention(text[a:b], article.span(start + a, start + b), canonical, kind)
        for a, b, canonical, kind in found
    )


def match_aliases(text: str, *, language: str | LanguageData) -> tuple[AliasMatch, ...]:
    """The gazetteer aliases in ``text``, left to right, longest first, never overlapping."""
    return tuple(_alias_matches(text, _gazetteer(as_language(language))))


def canonical_entity(name: str, *, language: str | LanguageData) -> str | None:
    """The canonical name ``name`` stands for, or None when it names nothing known.

    An alias as written, then regardless of case (acronyms excepted), then the head of a
    longer phrase: the one person it names ("Presiden Rusia Vladimir Putin"), else the entity
    it ends with ("juru bicara Departemen Luar Negeri AS" -> "US State Department").
    """
    gazetteer = _gazetteer(as_language(language))
    name = " ".join(name.split())
    known = gazetteer.aliases.get(name) or gazetteer.folded.get(name.casefold())
    if known:
        return known[0]
    matches = list(_alias_matches(name, gazetteer))
    people = {m.canonical for m in matches if m.kind == "PERSON"}
    if len(people) == 1:
        return people.pop()
    if matches and matches[-1].end == len(name):
        return matches[-1].canonical
    return None


def replace_aliases(text: str, *, language: str | LanguageData) -> str:
    """``text`` with every alias replaced by its canonical name ("Beijing" -> "China")."""
    pieces: list[str] = []
    last = 0
    for m in match_aliases(text, language=language):
        pieces += [text[last : m.start], m.canonical]
        last = m.end
    pieces.append(text[last:])
    return "".join(pieces)


def _alias_matches(text: str, gazetteer: _Gazetteer) -> Iterator[AliasMatch]:
    if gazetteer.pattern is None:
        return
    for m in gazetteer.pattern.finditer(text):
        canonical, kind = gazetteer.aliases[m.group()]
        yield AliasMatch(m.start(), m.end(), canonical, kind)


def _unknown_names(
    text: str, known: Sequence[AliasMatch], gazetteer: _Gazetteer
) -> Iterator[tuple[int, int]]:
    """Runs of capitalised words (joined by single spaces or connectors) outside ``known``.

    Headline-case lines are left out: there every word is capitalised, name or not.
    """
    taken = [(m.start, m.end) for m in known] + list(_headlines(text, known, gazetteer))
    run: list[re.Match[str]] = []
    for token in _TOKEN.finditer(text):
        word = token.group()
        inside = any(a < token.end() and token.start() < b for a, b in taken)
        joined = bool(run) and bool(_NAME_GAP.fullmatch(text[run[-1].end() : token.start()]))
        if run and (inside or not joined):
            yield from _trimmed_name(run, gazetteer)
            run = []
        if not inside and (word[0].isupper() or (run and word in gazetteer.connectors)):
            run.append(token)
        elif run:
            yield from _trimmed_name(run, gazetteer)
            run = []
    yield from _trimmed_name(run, gazetteer)


def _headlines(
    text: str, known: Sequence[AliasMatch], gazetteer: _Gazetteer
) -> Iterator[tuple[int, int]]:
    """Lines in headline case: no closing full stop, long, mostly capitalised (names aside)."""
    for line in re.finditer(r"[^\n]+", text):
        if line.group().rstrip().endswith(_SENTENCE_END):
            continue
        words = list(_TOKEN.finditer(text, *line.span()))
        other = [w.group() for w in words if not any(m.start <= w.start() < m.end for m in known)]
        capitalised = sum(w[0].isupper() for w in other)
        if len(words) >= gazetteer.headline_words and capitalised > gazetteer.headline_share * len(
            other
        ):
            yield line.span()


def _trimmed_name(run: list[re.Match[str]], gazetteer: _Gazetteer) -> Iterator[tuple[int, int]]:
    """The run without common words at either end, when enough words are left."""

    def common(token: re.Match[str]) -> bool:
        word = token.group()
        return not word[0].isupper() or word.casefold() in gazetteer.stopwords

    words = list(run)
    while words and common(words[0]):
        words.pop(0)
    while words and common(words[-1]):
        words.pop()
    if len(words) >= gazetteer.min_words:
        yield words[0].start(), words[-1].end()


@cache
def _gazetteer(language: LanguageData) -> _Gazetteer:
    """The aliases of the language's entities section; where two entries name an alias, the
    first wins (a user's before the packaged language's, the language's before und's)."""
    section = language.entities
    aliases: dict[str, tuple[str, str]] = {}
    for entry in section.entities:
        for alias in (entry.canonical, *entry.aliases):
            for variant in _variants(alias):
                aliases.setdefault(variant, (entry.canonical, entry.kind))
    stopwords = language.stopwords.words | {w.casefold() for w in section.not_names}
    ordered = sorted(aliases, key=len, reverse=True)
    body = "|".join(re.escape(a) for a in ordered)
    return _Gazetteer(
        pattern=re.compile(rf"(?<!\w)(?:{body})(?![\w$])") if ordered else None,
        aliases=aliases,
        folded={a.casefold(): v for a, v in aliases.items() if not _is_acronym(a)},
        stopwords=frozenset(stopwords),
        connectors=frozenset(section.connectors),
        min_words=section.min_words,
        headline_share=section.headline_share,
        headline_words=section.headline_words,
    )


def _variants(alias: str) -> tuple[str, ...]:
    """The alias as written and, unless it is short, in capitals (datelines, headlines)."""
    alias = " ".join(alias.split())
    if len(alias) <= _ACRONYM_MAX or alias.upper() == alias:
        return (alias,)
    return (alias, alias.upper())


def _is_acronym(alias: str) -> bool:
    return len(alias) <= _ACRONYM_MAX and alias.upper() == alias
