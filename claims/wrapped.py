"""Hard line breaks inside sentences: kept story lines joined back into their paragraphs.

Cleaning keeps story text line by line. Text saved from print, e-mail or some pages breaks
lines at a fixed width, in the middle of sentences; left alone, each piece would become a
claim of its own ("meninggal dunia mencapai 34 orang."). Consecutive kept lines (no blank or
removed line between) are one passage when the first does not end like a sentence and the
second goes on with it, by the rules of the language's ``[wrapped_lines]`` (``segment.toml``).
The joined passage's span runs from the first line's start to the last line's end, so it
still indexes ``Article.text`` and reports still point at the first line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from claims.lang import LanguageData, load_language
from claims.lang.sections import SegmentationSection
from claims.types import CleanArticle, Passage, Span

_SENTENCE_END = re.compile(r"""[.!?…:;]["'”’»)\]]*$""")


@dataclass(frozen=True, slots=True)
class _Wrapping:
    min_chars: int
    min_share: float
    headline_share: float
    list_item: re.Pattern[str]


def join_wrapped(clean: CleanArticle, *, language: LanguageData | None = None) -> CleanArticle:
    """``clean`` with every run of hard-wrapped lines joined into one passage."""
    rules = _wrapping((language or load_language(clean.article.language)).segmentation)
    runs: list[list[Passage]] = []
    for passage in clean.passages:
        run = runs[-1] if runs else None
        if run and passage.span.line == _last_line(run[-1], clean) + 1:
            run.append(passage)
        else:
            runs.append([passage])
    joined = [p for run in runs for p in _join_run(run, clean, rules)]
    return replace(clean, passages=tuple(joined))


@cache
def _wrapping(section: SegmentationSection) -> _Wrapping:
    return _Wrapping(
        section.wrap_min_chars,
        section.wrap_min_share,
        section.wrap_headline_share,
        re.compile(section.list_item),
    )


def _last_line(passage: Passage, clean: CleanArticle) -> int:
    return clean.article.line_of(max(passage.span.start, passage.span.end - 1))


def _join_run(run: Sequence[Passage], clean: CleanArticle, rules: _Wrapping) -> list[Passage]:
    """The run's lines (consecutive source lines), joined where one goes on in the next."""
    longest = max(len(p.text) for p in run)
    out: list[Passage] = [run[0]]
    for before, after in pairwise(run):
        if _goes_on(before.text, after.text, longest, rules):
            first = out[-1]
            span = Span(first.span.start, after.span.end, first.span.line)
            out[-1] = Passage(clean.article.text[span.start : span.end], span)
        else:
            out.append(after)
    return out


def _goes_on(before: str, after: str, longest: int, rules: _Wrapping) -> bool:
    """Whether line ``after`` continues the sentence that line ``before`` leaves open."""
    if _SENTENCE_END.search(before) or rules.list_item.match(after):
        return False
    if after[:1].islower():
        return True
    words = before.split()
    capitalised = sum(w[:1].isupper() for w in words)
    wrapped = len(before) >= max(rules.min_chars, rules.min_share * longest)
    return wrapped and capitalised <= rules.headline_share * len(words)
