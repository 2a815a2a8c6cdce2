"""The state of one call of :func:`claims.ingest.read_inputs`: what was read, skipped, warned."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date

from claims.ingest.article_check import not_an_article
from claims.ingest.sanitize import clean_text, count_invalid, wrap_long_lines
from claims.metadata import infer_corpus_metadata
from claims.types import Article, Corpus, Skipped

log = logging.getLogger(__name__)

# A news paragraph is rarely over a few thousand characters; a line past this one is broken
# (at a sentence end where one is near) so that no sentence, and no claim, grows absurd.
MAX_LINE_CHARS = 10_000


@dataclass(slots=True)
class Reading:
    """What a run has read so far (mutable, private to one call of ``read_inputs``)."""

    max_bytes: int
    today: date | None
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def skip(self, source: str, reason: str, line: int | None = None) -> None:
        log.info("skipped %s%s: %s", source, f":{line}" if line else "", reason)
        self.skipped.append(Skipped(clean_text(source), clean_text(reason), line))

    def warn(self, source: str, reason: str, line: int | None = None) -> None:
        self.warnings.append(Skipped(clean_text(source), clean_text(reason), line))

    def warn_about(self, article: Article, reason: str) -> None:
        """A warning on ``article``, placed at its file and, for a JSON Lines record, its line."""
        source, _, line = article.path.rpartition(":")
        if source.lower().endswith(".jsonl") and line.isdigit():
            self.warn(source, reason, int(line))
        else:
            self.warn(article.path, reason)

    def clean(self, text: str, source: str, record: int | None = None) -> str:
        """``text`` from outside with lone surrogates and NULs replaced (once, with a warning);
        ``record`` is the JSON Lines line the text came from."""
        invalid = count_invalid(text)
        if not invalid:
            return text
        self.warn(
            source,
            f"{invalid:,} character(s) that are not valid text (lone UTF-16 surrogates or NUL) "
            "were replaced with U+FFFD",
            record,
        )
        return clean_text(text)

    def wrap(
        self, text: str, source: str, *, first_line: int = 1, record: int | None = None
    ) -> str:
        """``text`` with absurdly long lines broken (see :data:`MAX_LINE_CHARS`), with a warning
        for each; ``first_line`` is the file line of the text's first line."""
        text, wrapped = wrap_long_lines(text, MAX_LINE_CHARS)
        for w in wrapped:
            where = f"text line {w.line}" if record else f"line {first_line + w.line - 1}"
            self.warn(
                source,
                f"{where} is {w.length:,} characters long, over {MAX_LINE_CHARS:,}; it was broken "
                f"into {w.pieces} lines at sentence ends or spaces, so line numbers after it are "
                f"{w.pieces - 1} higher than in the source",
                record,
            )
        return text

    def add(self, article: Article) -> None:
        """Keep ``article`` with a unique id, unless its text is not an article (then skip it).

        Metadata is inferred for all articles at once, by :meth:`corpus`: a year-less date
        is placed in a year the run's other articles are from.
        """
        problem = not_an_article(article.text)
        if problem is not None:
            self._skip_article(article, problem)
            return
        unique, n = article.id, 1
        while unique in self.ids:
            n += 1
            unique = f"{article.id}-{n}"
        if unique != article.id:
            self.warn_about(
                article, f"id {article.id!r} is taken by an earlier article; this one is {unique!r}"
            )
            article = replace(article, id=unique)
        self.ids.add(unique)
        self.articles.append(article)

    def _skip_article(self, article: Article, reason: str) -> None:
        source, _, line = article.path.rpartition(":")
        if source.lower().endswith(".jsonl") and line.isdigit():
            self.skip(source, reason, int(line))
        else:
            self.skip(article.path, reason)

    def corpus(self) -> Corpus:
        """What was read, every article's missing metadata inferred; undated ones warned of."""
        articles = infer_corpus_metadata(self.articles, today=self.today)
        for article in articles:
            if article.published is None:
                self.warn_about(article, _undated_reason(article))
        return Corpus(articles, tuple(self.skipped), tuple(self.warnings))


def _undated_reason(article: Article) -> str:
    why = next((p.source for p in article.provenance if p.field == "published"), "")
    return (
        f"no publication date ({why}); dates relative to it ('kemarin', 'Rabu') stay "
        "unresolved. Add 'published: YYYY-MM-DD' (front matter or JSON Lines) to set it"
    )
