"""The words of names in text, with the titles and names around them.

A name is a run of capitalised words ("Kapolda Jatim Irjen Nico Afinta"). In it, titles
("Kapolda", "Irjen", from ``claims/lang/<code>/names.toml``) and kinds of place ("Desa", from
``places.toml``) say who or what the name is; acronyms ("TNI") and the language's stopwords
are neither names nor titles; the rest are the words of the name. Each name word comes with
its context: the titles and other name words of its run and of the runs listed with it ("Agam
dan Tanah Datar"), so two spellings of one name can be recognised by what surrounds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from claims.lang import LanguageData

_TOKEN = re.compile(r"(?<!\w)[^\W\d_]+(?:['’-][^\W\d_]+)*['’]?(?!\w)")  # not "Rp10"
_POSSESSIVE = re.compile(r"['’]s?$")
_MARKS = re.compile(r"['’-]")
_RUN_GAP = re.compile(r"[ \xa0]")
_TITLES_BEFORE = 3  # lower-case titles this many words before a run are its titles too


@dataclass(frozen=True, slots=True)
class NameWord:
    """A word of a name; ``begin`` and ``stop`` are offsets into the text searched."""

    text: str  # as written, a possessive cut off: "Kamil" of "Kamil's"
    begin: int
    stop: int
    run: str  # the run of capitalised words it is in
    titles: frozenset[str]  # casefolded titles in the run or just before it
    names: frozenset[str]  # casefolded other words of the name, in its run and in runs listed
    # with it; a title's own place ("Jatim" of "Kapolda Jatim Irjen ...") is not one


@dataclass(frozen=True, slots=True)
class _Run:
    tokens: tuple[re.Match[str], ...]
    titles: frozenset[str]


def name_words(text: str, language: LanguageData) -> tuple[NameWord, ...]:
    """The name words of ``text``, left to right."""
    vocabulary = _vocabulary(language)
    runs = list(_runs(text, vocabulary))
    words: list[NameWord] = []
    for i, run in enumerate(runs):
        listed = [r for r in _listed(runs, i, text, language) if r is not run]
        around = {w for r in listed for w in _name_part(r, vocabulary)}
        own = _name_part(run, vocabulary)
        start, end = run.tokens[0].start(), run.tokens[-1].end()
        for token in run.tokens:
            if not _is_name(token, vocabulary):
                continue
            word = _POSSESSIVE.sub("", token.group())
            words.append(
                NameWord(
                    word,
                    token.start(),
                    token.start() + len(word),
                    text[start:end],
                    run.titles,
                    frozenset((own | around) - {word.casefold()}),
                )
            )
    return tuple(words)


def _name_part(run: _Run, v: _Vocabulary) -> set[str]:
    """The casefolded name words after the run's last title: the person's or place's own
    name ("Nico Afinta" of "Kapolda Jatim Irjen Nico Afinta"), not the title's place."""
    last = max(
        (i for i, t in enumerate(run.tokens) if t.group().casefold() in v.titles), default=-1
    )
    return {
        _POSSESSIVE.sub("", t.group()).casefold() for t in run.tokens[last + 1 :] if _is_name(t, v)
    }


def word_forms(text: str) -> Iterator[str]:
    """Every word of ``text`` as name words are written, possessives cut off."""
    for token in _TOKEN.finditer(text):
        yield _POSSESSIVE.sub("", token.group())


def plain_key(word: str) -> str:
    """The word casefolded without apostrophes and hyphens ("Asy'ari" -> "asyari")."""
    return _MARKS.sub("", word.casefold())


def spelling_key(word: str, language: LanguageData) -> str:
    """:func:`plain_key` with old spellings made current ("Djunaedi" -> "junaedi")."""
    key = plain_key(word)
    for old, new in language.names.spellings.items():
        key = key.replace(old, new)
    return key


@dataclass(frozen=True, slots=True, eq=False)
class _Vocabulary:
    titles: frozenset[str]
    stops: frozenset[str]  # never a name word nor context: stopwords, generic name parts
    connectors: frozenset[str]


@cache
def _vocabulary(language: LanguageData) -> _Vocabulary:
    places = language.places
    units = {w.casefold() for kinds in (places.before, places.after) for w in kinds}
    return _Vocabulary(
        titles=language.names.titles | frozenset(units),
        stops=language.stopwords.words
        | {w.casefold() for w in (*language.entities.not_names, *language.names.generic)},
        connectors=frozenset(language.entities.connectors),
    )


def _runs(text: str, v: _Vocabulary) -> Iterator[_Run]:
    """Runs of capitalised words joined by single spaces (connectors such as "bin" inside)."""
    tokens = list(_TOKEN.finditer(text))
    run: list[re.Match[str]] = []
    for token in tokens:
        word = token.group()
        joined = bool(run) and bool(_RUN_GAP.fullmatch(text[run[-1].end() : token.start()]))
        if run and not joined:
            yield from _closed(run, tokens, v)
            run = []
        if word[0].isupper() or (run and word in v.connectors):
            run.append(token)
        elif run:
            yield from _closed(run, tokens, v)
            run = []
    yield from _closed(run, tokens, v)


def _closed(
    run: list[re.Match[str]], tokens: Sequence[re.Match[str]], v: _Vocabulary
) -> Iterator[_Run]:
    while run and not run[-1].group()[0].isupper():
        run = run[:-1]  # a connector never ends a name
    while run and run[0].group().casefold() in v.stops:
        run = run[1:]  # "Menurut Kapolda ..." at the start of a sentence
    if not run:
        return
    first = tokens.index(run[0])
    before = [t.group().casefold() for t in tokens[max(0, first - _TITLES_BEFORE) : first]]
    titles = {t.group().casefold() for t in run if t.group().casefold() in v.titles}
    titles |= {w for w in before if w in v.titles}
    yield _Run(tuple(run), frozenset(titles))


def _is_name(token: re.Match[str], v: _Vocabulary) -> bool:
    word = _POSSESSIVE.sub("", token.group())
    folded = word.casefold()
    acronym = len(word) > 1 and word.isupper()
    return word[0].isupper() and not acronym and folded not in v.titles and folded not in v.stops


def _listed(runs: Sequence[_Run], i: int, text: str, language: LanguageData) -> Iterator[_Run]:
    """The runs listed with run ``i`` ("Agan and Tanah Datar"): joined by a joiner, either way."""
    joiners = _joiner(language)
    j = i
    while j > 0 and joiners.fullmatch(
        text[runs[j - 1].tokens[-1].end() : runs[j].tokens[0].start()]
    ):
        j -= 1
        yield runs[j]
    j = i
    while j + 1 < len(runs) and joiners.fullmatch(
        text[runs[j].tokens[-1].end() : runs[j + 1].tokens[0].start()]
    ):
        j += 1
        yield runs[j]


@cache
def _joiner(language: LanguageData) -> re.Pattern[str]:
    """What joins runs of one list: a comma, a joiner word, or a place marker ("Desa A dan
    Desa B di Kecamatan C": the district is context for both villages)."""
    words = sorted({*language.names.joiners, *language.places.markers}, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words) or "(?!)"
    return re.compile(rf"\s*(?:,\s*)?(?:(?:{alternation})\s+)?")
