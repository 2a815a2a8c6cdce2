"""Claims from cleaned articles: sentences split into independent clauses, with dates, numbers,
entities, quotes, speakers and cited outlets resolved.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, partial
from pathlib import Path

from claims.clean import clean_corpus
from claims.dates import resolve_dates
from claims.entities import find_entities
from claims.errors import ClaimsError
from claims.extraction_cache import CachedExtraction
from claims.lang import LanguageData, as_language, load_language
from claims.lang.sections import ClausesSection
from claims.numbers import find_numbers
from claims.places import find_places
from claims.quotes import find_quotes
from claims.segment import split_sentences
from claims.shape import shape_tags
from claims.times import find_times
from claims.types import Article, Claim, CleanArticle, Corpus, Quote, Sentence, Skipped
from claims.wrapped import join_wrapped

log = logging.getLogger(__name__)
# Longer than any sentence a newsroom writes (the longest claim in examples/ and the coverage
# benchmark is 335 characters): such text is kept as a non-claim instead of being checked.
MAX_CLAIM_CHARS = 2_000
_QUOTE_MARKS = '"“”‘’«»„'


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """An article after cleaning and claim extraction."""

    clean: CleanArticle
    claims: tuple[Claim, ...]

    @property
    def article(self) -> Article:
        return self.clean.article


@dataclass(frozen=True, slots=True)
class Extraction:
    """Every article's claims, plus what was skipped on the way (ingestion included)."""

    articles: tuple[ExtractedArticle, ...]
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[Skipped, ...] = ()

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for a in self.articles for c in a.claims)


def extract_corpus(
    corpus: Corpus,
    *,
    data_path: Path | None = None,
    on_article: Callable[[int, int], None] | None = None,
    cache: CachedExtraction | None = None,
) -> Extraction:
    """Clean every article (with the cross-article boilerplate signal) and extract its claims.

    ``data_path``: a user language data folder searched before the packaged data (default:
    the one set with :func:`claims.lang.configure`, if any). ``on_article(done, total)`` is
    called after each article (progress of a long run). ``cache``: claims extracted by an
    earlier run, used where the cleaned article is unchanged.
    """
    cache = cache or CachedExtraction(None)
    done: list[ExtractedArticle] = []
    skipped = list(corpus.skipped)
    cleaned = list(clean_corpus(corpus.articles, data_path=data_path))
    cache.prefetch([(clean, own_anchor(clean)) for clean in cleaned])
    for count, clean in enumerate(cleaned):
        if on_article is not None:
            on_article(count, len(cleaned))
        try:
            language = load_language(clean.article.language, data_path)
            claims = cache.claims(
                clean, own_anchor(clean), partial(extract_claims, clean, language=language)
            )
            done.append(ExtractedArticle(clean, claims))
        except ClaimsError as exc:
            log.warning("%s: claims not extracted: %s", clean.article.path, exc)
            skipped.append(Skipped(clean.article.path, f"claims not extracted: {exc}"))
        except Exception as exc:  # one bad article must never stop the rest
            log.exception("%s: claims not extracted", clean.article.path)
            reason = f"internal error in claim extraction ({type(exc).__name__}: {exc}); please report it"
            skipped.append(Skipped(clean.article.path, reason))
    cache.flush()
    if on_article is not None:
        on_article(len(cleaned), len(cleaned))
    return Extraction(tuple(done), tuple(skipped), corpus.warnings)


def own_anchor(clean: CleanArticle) -> date | None:
    """The day an article's relative dates resolve against when nothing else is known."""
    published = clean.article.published
    return published.date() if published else None


def extract_claims(
    clean: CleanArticle, *, anchor: date | None = None, language: LanguageData | None = None
) -> tuple[Claim, ...]:
    """The article's claims; relative dates resolve against ``anchor`` (default: its date).

    ``language`` defaults to the data for the article's language.
    """
    article = clean.article
    language = language or load_language(article.language)
    if anchor is None:
        anchor = own_anchor(clean)
    claims: list[Claim] = []
    previous_speaker: str | None = None
    for sentence in split_sentences(join_wrapped(clean, language=language), language=language):
        if len(sentence.text) > MAX_CLAIM_CHARS:  # no real sentence; kept, never checked
            claims.append(_too_long(article, len(claims) + 1, sentence))
            continue
        quotes = find_quotes(
            sentence, article, previous_speaker=previous_speaker, language=language
        )
        tags = shape_tags(sentence, article, language)  # a subheading or stamp: kept, tagged
        for start, end in independent_clauses(sentence, language):
            claim = _claim(article, len(claims) + 1, start, end, anchor, quotes, language)
            claims.append(replace(claim, tags=(*claim.tags, *tags)) if tags else claim)
        previous_speaker = _last_speaker(quotes, claims[-1:], previous_speaker)
    return tuple(claims)


def _last_speaker(
    quotes: Sequence[Quote], latest: Sequence[Claim], previous: str | None
) -> str | None:
    """Who a following "Ia"/"Dia"/"katanya" refers to: the last speaker, else the last person named."""
    speakers = [q.speaker for q in quotes if q.speaker]
    if speakers:
        return speakers[-1]
    people = [e.text for c in latest for e in c.entities if e.kind == "PERSON"]
    return people[-1] if people else previous


def _too_long(article: Article, number: int, sentence: Sentence) -> Claim:
    """A "sentence" longer than any a newsroom writes (a run-on page, a data dump): kept with
    the tag ``too-long`` so it shows in ``selaras claims``, but never searched for dates,
    numbers or quotes (that would cost minutes) and never checked."""
    return Claim(
        id=f"{article.id}#{number}",
        article_id=article.id,
        text=sentence.text,
        span=sentence.span,
        tags=("too-long",),
    )


def _claim(
    article: Article,
    number: int,
    start: int,
    end: int,
    anchor: date | None,
    quotes: Sequence[Quote],
    language: LanguageData,
) -> Claim:
    text = article.text[start:end]
    overlapping = [q for q in quotes if q.span.start < end and q.span.end > start]
    # the exact quoted words, where there are any, are what drift detection compares
    quote = next((q for q in overlapping if q.direct), overlapping[0] if overlapping else None)
    dates = resolve_dates(text, start=start, article=article, anchor=anchor, language=language)
    exclude = [d.span for d in dates]
    times = find_times(text, start=start, article=article, language=language, exclude=exclude)
    return Claim(
        id=f"{article.id}#{number}",
        article_id=article.id,
        text=text,
        span=article.span(start, end),
        dates=dates,
        numbers=find_numbers(  # "pukul 13.21 WIB" is a time, not the number 13.21
            text,
            start=start,
            article=article,
            exclude=[*exclude, *(t.span for t in times)],
            language=language,
        ),
        entities=find_entities(text, start=start, article=article, language=language),
        quote=quote,
        speaker=quote.speaker if quote else None,
        source=quote.cited_outlet if quote else None,
        times=times,
        places=find_places(text, start=start, article=article, language=language, exclude=exclude),
    )


def independent_clauses(
    sentence: Sentence, language: str | LanguageData
) -> Iterator[tuple[int, int]]:
    """Spans (article offsets) of the sentence's independent clauses.

    Fragments shorter than ``min_claim_words`` are no claim at all. A sentence is split only
    at a clause joiner from the language's ``clauses`` section (such as
    "; " or ", tetapi "), outside quotation marks, and only when both sides are long enough to
    be statements on their own; otherwise the whole sentence is one claim.
    """
    rules = as_language(language).clauses
    text, base = sentence.text, sentence.span.start
    if len(text.split()) < rules.min_claim_words:
        return  # a fragment such as "Ukraina." states nothing that can be checked
    if any(mark in text for mark in _QUOTE_MARKS) or not rules.joiners:
        yield base, base + len(text)
        return
    start = 0
    for match in _joiner(rules).finditer(text):
        left, right = text[start : match.start()], text[match.end() :]
        if len(left.split()) >= rules.min_words and len(right.split()) >= rules.min_words:
            yield from _trimmed(text, start, match.start(), base)
            start = match.end()
    yield from _trimmed(text, start, len(text), base)


@cache
def _joiner(rules: ClausesSection) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(j) for j in rules.joiners))


def _trimmed(text: str, start: int, end: int, base: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip(" ,;"))
    if piece.strip(" ,;"):
        yield base + start + lead, base + end - trail
