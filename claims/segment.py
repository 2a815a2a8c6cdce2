"""Sentence segmentation of cleaned articles.

nltk's Punkt does the splitting, with parameters filled in from the language's ``segment``
section (``claims/lang/<code>/segment.toml``: abbreviations and sentence starters; no
downloaded model). A few news-specific repairs follow:
a quotation that closes and goes on with ``kata X`` stays one sentence, as do a quotation that
spans several Punkt sentences, dotted initials such as "S.S. Kurniawan" and a leading dateline
("KONTAN.CO.ID - BEIJING."). Sentences never cross passages, and every span indexes
``Article.text``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from claims.lang import LanguageData, load_language
from claims.lang.sections import SegmentationSection
from claims.types import Article, CleanArticle, Passage, Sentence

logger = logging.getLogger(__name__)

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_DOTTED_INITIALS = re.compile(r"(?:^|\s)(?:[^\W\d_]\.){2,}$")
_LETTER = re.compile(r"[^\W\d_]")
_OPENING_QUOTES = "“«„"
_CLOSING_QUOTES = "”»"

RelSpan = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Segmenter:
    """A Punkt tokenizer for one language and the limits of the repairs applied after it."""

    punkt: PunktSentenceTokenizer
    sent_starters: frozenset[str]
    dateline_max_words: int


def split_sentences(
    clean: CleanArticle, *, language: LanguageData | None = None
) -> tuple[Sentence, ...]:
    """The sentences of every passage of ``clean``, in order, with spans into the article text.

    ``language`` defaults to the data for the article's language.
    """
    article = clean.article
    segmenter = _segmenter((language or load_language(article.language)).segmentation)
    sentences: list[Sentence] = []
    for passage in clean.passages:
        start, end = _passage_bounds(passage, article)
        for a, b in _passage_sentences(article.text[start:end], segmenter):
            sentences.append(
                Sentence(article.text[start + a : start + b], article.span(start + a, start + b))
            )
    return tuple(sentences)


@cache
def _segmenter(section: SegmentationSection) -> _Segmenter:
    """Build (once per language) the Punkt tokenizer from the language's segment section."""
    params = PunktParameters()
    for abbreviation in section.abbreviations:
        # Punkt stores an abbreviation lower-cased and without its final period.
        params.abbrev_types.add(abbreviation.lower().removesuffix("."))
    params.sent_starters.update(word.lower() for word in section.sent_starters)
    return _Segmenter(
        PunktSentenceTokenizer(params),
        frozenset(params.sent_starters),
        section.dateline_max_words,
    )


def _passage_bounds(passage: Passage, article: Article) -> tuple[int, int]:
    """The passage's span clamped to the article; sentences are cut from the original text."""
    start = max(0, min(passage.span.start, len(article.text)))
    end = max(start, min(passage.span.end, len(article.text)))
    if article.text[start:end] != passage.text:
        logger.debug(
            "passage text differs from article text at %d-%d; using the article's", start, end
        )
    return start, end


def _passage_sentences(text: str, segmenter: _Segmenter) -> Iterator[RelSpan]:
    """Sentence spans relative to ``text``; a blank line inside a passage always ends one."""
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end]
        spans = [(a, b) for a, b in segmenter.punkt.span_tokenize(block) if block[a:b].strip()]
        for a, b in _repair(block, spans, segmenter):
            a, b = _strip(block, a, b)
            if a < b:
                yield block_start + a, block_start + b


def _blocks(text: str) -> Iterator[RelSpan]:
    start = 0
    for match in _BLANK_LINE.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _strip(text: str, a: int, b: int) -> RelSpan:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _repair(block: str, spans: Sequence[RelSpan], segmenter: _Segmenter) -> list[RelSpan]:
    """Join Punkt sentences that belong together (see the module docstring)."""
    joined: list[RelSpan] = []
    i = 0
    while i < len(spans):
        a = spans[i][0]
        j = _quote_end(block, spans, i, a)
        while j + 1 < len(spans) and _continues(
            block, (a, spans[j][1]), spans[j + 1], leading=not joined, segmenter=segmenter
        ):
            j = _quote_end(block, spans, j + 1, a)
        joined.append((a, spans[j][1]))
        i = j + 1
    return joined


def _quote_end(block: str, spans: Sequence[RelSpan], i: int, start: int) -> int:
    """The index of the sentence that closes a quotation left open by ``block[start:]`` + ``i``.

    Returns ``i`` when nothing is open or the quotation never closes in this block (then the
    stray mark is not allowed to swallow the passage).
    """
    if _open_quotes(block[start : spans[i][1]]) <= 0:
        return i
    for j in range(i + 1, len(spans)):
        if _open_quotes(block[start : spans[j][1]]) <= 0:
            return j
    return i


def _open_quotes(text: str) -> int:
    """How many quotations are left open at the end of ``text`` (straight quotes by parity)."""
    curly = sum(text.count(q) for q in _OPENING_QUOTES) - sum(
        text.count(q) for q in _CLOSING_QUOTES
    )
    return max(curly, 0) + text.count('"') % 2


def _continues(
    block: str, previous: RelSpan, following: RelSpan, *, leading: bool, segmenter: _Segmenter
) -> bool:
    """Whether ``following`` goes on with ``previous`` rather than starting a sentence."""
    before = block[previous[0] : previous[1]].rstrip()
    after = block[following[0] : following[1]].lstrip()
    if after[:1].islower():
        return True  # '"Kami akan datang." kata Putin.' and other lower-case continuations
    first_word = after.split(maxsplit=1)[0].lower() if after.strip() else ""
    if _DOTTED_INITIALS.search(before) and after[:1].isupper():
        # "Editor: S.S. Kurniawan", but not "... in the U.S. The talks ..."
        return first_word not in segmenter.sent_starters
    return leading and _is_dateline(before, segmenter.dateline_max_words)


def _is_dateline(text: str, limit: int) -> bool:
    """An all-capitals lead such as "KONTAN.CO.ID - BEIJING." (no lower-case letter, few words)."""
    letters = _LETTER.findall(text)
    return bool(letters) and not any(c.islower() for c in letters) and len(text.split()) <= limit
