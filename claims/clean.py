"""Cleaning: split an article into story passages and removed page furniture, offsets kept.

Every non-blank line of ``Article.text`` ends up exactly once, either as a :class:`Passage`
(story text) or as a :class:`Removal` naming the rule and the reason, so nothing is dropped
silently and every piece still points at the original words. The patterns are data
(the ``boilerplate`` section of the language's data: ``claims/lang/<code>/boilerplate.toml``,
universal ones and thresholds in ``und/``, a user data folder's first): a new language or
outlet is a data change, not a code change.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from claims.lang import UNIVERSAL, LanguageData, as_language, load_language
from claims.lang.sections import BoilerplateSection
from claims.types import Article, CleanArticle, Passage, Removal, Span

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line of an article, without its surrounding blanks, and where it sits."""

    text: str
    start: int
    end: int
    number: int  # the source-file line, as ``Article.line_of(start)`` gives it
    words: tuple[str, ...]  # normalised (case, spacing and punctuation folded) for matching

    @property
    def key(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True, slots=True)
class Rule:
    """One furniture pattern from a boilerplate.toml: what it matches and what to say of it."""

    id: str
    reason: str
    pattern: re.Pattern[str]
    max_words: int | None = None
    opens_list: bool = False
    name_line_before: bool = False

    def matches(self, text: str) -> bool:
        if self.max_words is not None and len(text.split()) > self.max_words:
            return False
        return self.pattern.search(text) is not None

    @property
    def verdict(self) -> Verdict:
        return Verdict(self.id, self.reason)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a line is removed: a rule id and plain words (a template before formatting)."""

    rule: str
    reason: str


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Everything cleaning needs for one language: its rules (own first, then und/'s)."""

    rules: tuple[Rule, ...]
    duplicate: Verdict  # reason has {line}
    min_ratio: float
    headline_list: Verdict  # reason has {marker} and {line}
    story_min_words: int
    story_end: re.Pattern[str]
    name_reason: str  # has {label} and {line}
    name_words: tuple[int, int]
    furniture: Verdict
    furniture_min_articles: int

    def first_rule(self, text: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.matches(text)), None)

    def looks_like_story(self, text: str) -> bool:
        """Long enough and ending like a sentence: what ends a list of headlines."""
        enough = len(text.split()) >= self.story_min_words
        return enough and self.story_end.search(text) is not None

    def list_entry(self, marker: Line) -> Verdict:
        """Why a line inside the headline list opened by ``marker`` goes."""
        reason = self.headline_list.reason.format(marker=marker.text, line=marker.number)
        return Verdict(self.headline_list.rule, reason)

    def looks_like_name(self, text: str) -> bool:
        """A few capitalised words, no digits or sentence punctuation: a byline's name."""
        words = text.split()
        low, high = self.name_words
        if not low <= len(words) <= high or any(ch.isdigit() or ch in ":;!?" for ch in text):
            return False
        return all(word[0].isupper() for word in words)


def boilerplate_for(language: str | LanguageData) -> Boilerplate:
    """The cleaning rules of a language (its data, or a tag: "id", "en-GB"; unknown: und's)."""
    return _compiled(as_language(language).boilerplate)


@cache
def _compiled(section: BoilerplateSection) -> Boilerplate:
    """The section's rules (the language's own first, then und's) with their patterns compiled."""
    rules = tuple(
        Rule(
            raw.id,
            raw.reason,
            re.compile(raw.pattern, re.IGNORECASE if raw.ignore_case else 0),
            raw.max_words,
            raw.opens_list,
            raw.name_line_before,
        )
        for raw in section.rules
    )
    return Boilerplate(
        rules=rules,
        duplicate=Verdict(section.duplicate_rule, section.duplicate_reason),
        min_ratio=section.min_ratio,
        headline_list=Verdict(section.headline_rule, section.headline_reason),
        story_min_words=section.story_min_words,
        story_end=re.compile(section.story_end),
        name_reason=section.name_reason,
        name_words=section.name_words,
        furniture=Verdict(section.furniture_rule, section.furniture_reason),
        furniture_min_articles=section.furniture_min_articles,
    )


def normalise(text: str) -> tuple[str, ...]:
    """The words of ``text`` with case, spacing and punctuation folded away."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return tuple(
        "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in folded).split()
    )


def split_lines(article: Article) -> Iterator[Line]:
    """The article's non-blank lines, each trimmed of surrounding blanks, offsets into its text."""
    offset = 0
    for index, raw in enumerate(article.text.split("\n")):
        text = raw.strip()
        if text:
            start = offset + len(raw) - len(raw.lstrip())
            number = article.first_line + index
            yield Line(text, start, start + len(text), number, normalise(text))
        offset += len(raw) + 1


class _Seen:
    """The lines met so far, to find the first copy of a repeated or nearly repeated line.

    An inverted index keeps this near linear: a near copy (ratio r) of a line of ``b`` words
    lacks at most ``b(2-2r)/(2-r)`` of its words, so it holds one of its that-many-plus-one
    least common words; only lines holding one of those are compared with difflib. A near
    copy must carry the same numbers: a changed figure is news, not noise.
    """

    def __init__(self, min_ratio: float) -> None:
        self._ratio = min_ratio
        self._first: dict[str, int] = {}
        self._distinct: list[Line] = []
        self._holding: dict[str, list[int]] = defaultdict(list)  # word -> indexes in _distinct

    def first_copy(self, line: Line) -> int | None:
        if not line.words or line.key in self._first:
            return self._first.get(line.key)
        spare = int(len(line.words) * (2 - 2 * self._ratio) / (2 - self._ratio) + 1e-9)
        anchors = sorted(set(line.words), key=lambda word: len(self._holding.get(word, ())))
        candidates = sorted({i for w in anchors[: spare + 1] for i in self._holding.get(w, ())})
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(line.words)  # analysed once, compared with each candidate
        numbers = _numbers(line.words)
        for old in (self._distinct[i] for i in candidates):
            if _numbers(old.words) != numbers:
                continue
            matcher.set_seq1(old.words)
            if all(
                r() >= self._ratio
                for r in (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio)
            ):
                return old.number
        return None

    def add(self, line: Line) -> None:
        if line.words and line.key not in self._first:
            self._first[line.key] = line.number
            for word in set(line.words):
                self._holding[word].append(len(self._distinct))
            self._distinct.append(line)


def _numbers(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(word for word in words if any(ch.isdigit() for ch in word))


def _judge(
    lines: Sequence[Line], bp: Boilerplate, repeated: frozenset[str]
) -> list[Verdict | None]:
    """One verdict per line, ``None`` for story text. Inside a headline list, a rule that
    names the line wins over the list; outside, a repeat wins over the rules."""
    verdicts: list[Verdict | None] = []
    seen = _Seen(bp.min_ratio)
    marker: Line | None = None  # the heading of the headline list we are in, if any
    for index, line in enumerate(lines):
        rule = bp.first_rule(line.text)
        if marker is not None and rule is None and bp.looks_like_story(line.text):
            marker = None
        verdict: Verdict | None
        if marker is None:
            verdict = _outside_list(line, rule, seen, bp, repeated)
        elif rule is not None:
            verdict = rule.verdict
        else:
            verdict = bp.list_entry(marker)
        if rule is not None and rule.opens_list:
            marker = line
        if rule is not None and rule.name_line_before:
            _take_name_before(lines, verdicts, index, rule, bp)
        seen.add(line)
        verdicts.append(verdict)
    return verdicts


def _outside_list(
    line: Line, rule: Rule | None, seen: _Seen, bp: Boilerplate, repeated: frozenset[str]
) -> Verdict | None:
    first = seen.first_copy(line)
    if first is not None:
        return Verdict(bp.duplicate.rule, bp.duplicate.reason.format(line=first))
    if rule is not None:
        return rule.verdict
    if line.words and line.key in repeated:
        return bp.furniture
    return None


def _take_name_before(
    lines: Sequence[Line], verdicts: list[Verdict | None], index: int, rule: Rule, bp: Boilerplate
) -> None:
    """A byline label on its own ("Penulis"): the kept line before it, if a name, goes too."""
    if index == 0 or verdicts[index - 1] is not None:
        return
    before, label = lines[index - 1], lines[index]
    if bp.looks_like_name(before.text):
        reason = bp.name_reason.format(label=label.text, line=label.number)
        verdicts[index - 1] = Verdict(rule.id, reason)


def clean_article(
    article: Article,
    *,
    repeated_lines: frozenset[str] = frozenset(),
    language: LanguageData | None = None,
) -> CleanArticle:
    """Split ``article`` into kept story passages (one per line) and removed furniture.

    ``repeated_lines`` holds lines known to be furniture of the article's outlet, as
    :func:`clean_corpus` finds them; they match after :func:`normalise`, raw or not.
    ``language`` defaults to the data for ``article.language``.
    """
    bp = boilerplate_for(language or load_language(article.language))
    lines = tuple(split_lines(article))
    repeated = frozenset(" ".join(normalise(text)) for text in repeated_lines)
    passages: list[Passage] = []
    removed: list[Removal] = []
    for line, verdict in zip(lines, _judge(lines, bp, repeated), strict=True):
        span = Span(line.start, line.end, line.number)
        if verdict is None:
            passages.append(Passage(line.text, span))
        else:
            removed.append(Removal(line.text, span, verdict.rule, verdict.reason))
    log.debug("%s: kept %d lines, removed %d", article.id, len(passages), len(removed))
    return CleanArticle(article, tuple(passages), tuple(removed))


def outlet_furniture(
    articles: Sequence[Article], *, data_path: Path | None = None
) -> dict[str, frozenset[str]]:
    """Per outlet (case-folded), the normalised lines found in several of its articles.

    Lines that look like story sentences are never counted, so two reports quoting the same
    statement keep it; identical copies of one article count once. ``data_path``: a user
    data folder (default: the configured one, see :func:`claims.lang.configure`).
    """
    texts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article in articles:
        if not article.outlet:
            continue
        bp = boilerplate_for(load_language(article.language, data_path))
        for line in split_lines(article):
            if line.words and not bp.looks_like_story(line.text):
                texts[(article.outlet.casefold(), line.key)].add(article.text)
    least = boilerplate_for(load_language(UNIVERSAL, data_path)).furniture_min_articles
    found: dict[str, set[str]] = defaultdict(set)
    for (outlet, key), seen_in in texts.items():
        if len(seen_in) >= least:
            found[outlet].add(key)
    return {outlet: frozenset(keys) for outlet, keys in found.items()}


def clean_corpus(
    articles: Sequence[Article], *, data_path: Path | None = None
) -> tuple[CleanArticle, ...]:
    """Clean every article, also removing lines that repeat across one outlet's articles."""
    furniture = outlet_furniture(articles, data_path=data_path)
    return tuple(
        clean_article(
            article,
            repeated_lines=furniture.get((article.outlet or "").casefold(), frozenset()),
            language=load_language(article.language, data_path),
        )
        for article in articles
    )
