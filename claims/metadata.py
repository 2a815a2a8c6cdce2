"""Metadata inference: outlet, publication date, dateline, title and language from the text.

Explicit metadata (front matter, JSON Lines fields, HTML markup) always wins. What is missing is
looked for in the article's opening lines with the patterns of the language's ``metadata``
section (``claims/lang/<code>/metadata.toml`` joined with ``und/``), and every field gets a
:class:`Provenance` saying where its value came from, or why it has none. The outlet comes
from every signal there is (:mod:`claims.metadata_outlet`), the publication date and time
from the byline, stamp, header or lead (:mod:`claims.metadata_dates`). A date is never
guessed: a day and month without a year are placed in a year the article's own dates or the
run's other articles name (:func:`infer_corpus_metadata`) where a named weekday fits, or,
when no year is named anywhere, only when a weekday pins one (counting back from today).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from claims.lang import UNIVERSAL, load_language
from claims.language import guess_language
from claims.metadata_dates import (
    DateFound,
    HeadLine,
    YearHints,
    find_published,
    full_date_years,
    stamp_matches,
)
from claims.metadata_outlet import find_dateline, find_masthead, find_outlet
from claims.metadata_rules import MetadataRules, metadata_rules
from claims.types import Article, Provenance

FIELDS = ("language", "outlet", "published", "dateline", "title")  # inferred; url is only given
_SENTENCE_END = re.compile(r"""(?:(?<!\.)\.|[.!?…]["'”’»)\]]+)$""")
_NOT_FOUND = {
    "outlet": "not found: no dateline, byline, publication stamp, masthead, url or file name "
    "names the outlet",
    "dateline": "not found: no dateline opens the lead",
    "title": "not found: no headline-like line before the story starts",
}


@dataclass(frozen=True, slots=True)
class _Found:
    """A field's value (None: not found) and the words that say where it came from, or why not."""

    value: object
    source: str

    @property
    def shown(self) -> str:
        if isinstance(self.value, datetime):
            return self.value.isoformat()
        return "" if self.value is None else str(self.value)


def infer_corpus_metadata(
    articles: Sequence[Article], *, today: date | None = None, data_path: Path | None = None
) -> tuple[Article, ...]:
    """Every article with its missing metadata inferred (:func:`infer_metadata`), a year-less
    date placed in a year the run's articles are from where the article names none."""
    years: Counter[int] = Counter()
    for article in articles:
        year = _article_year(article, data_path)
        if year is not None:
            years[year] += 1
    corpus = tuple(sorted(years, key=lambda y: (-years[y], -y)))
    return tuple(
        infer_metadata(a, today=today, data_path=data_path, corpus_years=corpus) for a in articles
    )


def infer_metadata(
    article: Article,
    *,
    today: date | None = None,
    data_path: Path | None = None,
    corpus_years: tuple[int, ...] = (),
) -> Article:
    """``article`` with its missing metadata inferred from its text and every field's provenance.

    Fields with a value or a provenance entry are kept as they are, so the function is
    idempotent. A field that could not be inferred stays None, with a provenance entry whose
    value is empty and whose source says why. ``today`` bounds year inference (default: today);
    ``corpus_years``: the years the run's articles are from, commonest first.
    ``data_path``: a user language data folder (default: the configured one).
    """
    recorded = {p.field for p in article.provenance}
    given = [f for f in (*FIELDS, "url") if f not in recorded and _value(article, f) is not None]
    missing = [f for f in FIELDS if f not in recorded and _value(article, f) is None]
    notes = [Provenance(f, _Found(_value(article, f), "").shown, False, "given") for f in given]
    found: dict[str, _Found] = {}
    patterns_language = article.language
    if article.language == UNIVERSAL:
        guess = guess_language(article.text, data_path=data_path)
        if "language" in missing:
            found["language"] = _Found(guess.language, guess.describe())
        # Too little text to be sure of the language is still enough to try the likeliest
        # one's patterns: a stamp such as "15/06/2022, 21:01 WIB" is unambiguous.
        patterns_language = guess.shares[0][0] if guess.shares and guess.shares[0][1] else UNIVERSAL
    if set(missing) - {"language"}:
        rules = metadata_rules(load_language(patterns_language, data_path))
        hints = YearHints(full_date_years(article.text, rules), corpus_years)
        found.update(_find_in_text(article, rules, today or date.today(), hints))
    notes += [Provenance(f, found[f].shown, True, found[f].source) for f in missing]
    updates = {f: found[f].value for f in missing}
    provenance = (*article.provenance, *notes)
    return replace(article, provenance=provenance, **updates)  # type: ignore[arg-type]


def _article_year(article: Article, data_path: Path | None) -> int | None:
    """The year an article is from, as far as it says: its given date's, or its commonest
    full date's."""
    if article.published is not None:
        return article.published.year
    language = article.language
    if language == UNIVERSAL:
        guess = guess_language(article.text, data_path=data_path)
        language = guess.shares[0][0] if guess.shares and guess.shares[0][1] else UNIVERSAL
    years = full_date_years(article.text, metadata_rules(load_language(language, data_path)))
    return years[0] if years else None


def _find_in_text(
    article: Article, rules: MetadataRules, today: date, hints: YearHints
) -> dict[str, _Found]:
    lines = _head(article, rules.head_lines)
    outlet, city, story_line = find_dateline(lines, rules)
    masthead = find_masthead(article, lines, rules)
    skip = masthead.line if masthead else None
    title = _find_title(lines, rules, story_start=story_line, skip=skip)
    title_line = title.line if title else None
    outlet = find_outlet(article, lines, rules, dateline=outlet, masthead=masthead)
    published = find_published(lines, rules, today=today, title_line=title_line, hints=hints)
    return {
        "outlet": _Found(outlet.value, outlet.source) if outlet else _not_found("outlet"),
        "dateline": _Found(city.value, city.source) if city else _not_found("dateline"),
        "published": _published(published),
        "title": _Found(title.text, title.source) if title else _not_found("title"),
    }


def _published(found: DateFound) -> _Found:
    return _Found(found.value, found.source)


def _not_found(name: str) -> _Found:
    return _Found(None, _NOT_FOUND[name])


@dataclass(frozen=True, slots=True)
class _Title:
    text: str
    line: int
    source: str


def _find_title(
    lines: list[HeadLine], rules: MetadataRules, *, story_start: int | None, skip: int | None
) -> _Title | None:
    """The first line before the story that reads like a headline and is not page furniture
    (nor the masthead, line ``skip``)."""
    for line in lines:
        words = len(line.text.split())
        if story_start is not None and line.number >= story_start:
            break
        if line.number == skip or rules.is_title_furniture(line.text):
            continue
        if any(True for _ in stamp_matches([line], rules)):
            continue  # a publication stamp, not a headline
        if words >= rules.story_min_words and _SENTENCE_END.search(line.text):
            break  # the story has started
        if rules.title_min_words <= words <= rules.title_max_words and not line.text.endswith("."):
            where = (
                f"text line {line.number}: the first line before the story that is not furniture"
            )
            return _Title(line.text, line.number, where)
    return None


def _head(article: Article, limit: int) -> list[HeadLine]:
    lines = article.text.split("\n", limit)[:limit]
    return [HeadLine(article.first_line + i, t.strip()) for i, t in enumerate(lines) if t.strip()]


def _value(article: Article, name: str) -> object:
    value = getattr(article, name)
    return None if name == "language" and value == "und" else value
