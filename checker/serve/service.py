"""One check, as the service runs it: a :class:`CheckRequest` in, a :class:`Report` out.

It mirrors :func:`checker.run.run_check` with the reading done in memory
(:mod:`checker.serve.inputs`): the configured languages kept, claims extracted, the pipeline
run, in draft mode when a draft came with the request. The model is the one loaded at start,
shared by every check (:class:`~checker.serve.pool.GuardedBackend`).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from checker.nli.base import DEFAULT_MODEL_DIR, NLIBackend
from checker.nli.registry import read_model_config
from checker.pipeline import DraftMode, check
from checker.run import in_languages
from checker.serve.errors import ServeError
from checker.serve.inputs import read_sources
from checker.serve.pool import Deadline, GuardedBackend
from checker.serve.requests import CheckRequest
from checker.types import Report
from claims.extract import extract_corpus
from claims.types import Corpus

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """What ``GET /v1/health`` says of the model: enough for a client to know which one
    answered (its checksum) and on what."""

    name: str
    weights_sha256: str | None
    runtime: str


def model_info(backend: NLIBackend, directory: Path | None) -> ModelInfo:
    """What the health check reports of ``backend``, loaded from ``directory`` (None: the
    embedded model); the checksum is the one its config.json records, where it records one."""
    config = read_model_config(directory or DEFAULT_MODEL_DIR)
    checksum = config.get("weights_sha256")
    return ModelInfo(
        backend.name,
        checksum if isinstance(checksum, str) else None,
        str(getattr(backend, "runtime", "torch")),
    )


@dataclass(slots=True)
class Service:
    """The loaded model and what every check shares; :meth:`check` runs on a worker thread."""

    backend: NLIBackend
    model: ModelInfo
    max_articles: int
    time_limit: float
    model_lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, request: CheckRequest) -> Report:
        """The report of ``request``; :class:`ServeError` when nothing in it can be checked,
        when the articles read are too many or when the time limit passes."""
        deadline = Deadline(self.time_limit)
        config = request.config
        corpus, draft_id = read_sources(request.sources, request.draft, max_bytes=config.max_bytes)
        corpus = in_languages(corpus, config.languages)
        _require_checkable(corpus, draft_id, self.max_articles)
        deadline.check("reading the articles")
        extraction = extract_corpus(corpus)
        deadline.check("extracting claims")
        mode = DraftMode(draft_id, request.cross_check_sources) if draft_id else None
        report = check(
            extraction,
            GuardedBackend(self.backend, self.model_lock, deadline),
            now=request.now or datetime.now(UTC).replace(microsecond=0),
            config=config,
            draft=mode,
            progress=deadline.check,
        )
        log.info(
            "checked %d articles, %d claims: %d findings in %.2f s",
            report.stats.articles,
            report.stats.claims,
            len(report.findings),
            report.stats.seconds,
        )
        return report


def _require_checkable(corpus: Corpus, draft_id: str | None, max_articles: int) -> None:
    """Something to check, and not more than the limit (a JSON Lines upload holds many)."""
    ids = {a.id for a in corpus.articles}
    if draft_id is not None and draft_id not in ids:
        raise ServeError(
            "draft_unreadable", "the draft is not in a language this check keeps (languages)"
        )
    if not corpus.articles or (draft_id is not None and len(ids) < 2):
        skipped = [{"source": s.source, "reason": s.reason} for s in corpus.skipped]
        what = "no source could be read" if corpus.articles else "no article could be read"
        raise ServeError(
            "nothing_checkable",
            f"nothing to check: {what}" + (f" (first: {skipped[0]['reason']})" if skipped else ""),
            details={"skipped": skipped},
        )
    if len(corpus.articles) > max_articles:
        raise ServeError(
            "too_many_articles",
            f"{len(corpus.articles)} articles were read, over the server's limit of "
            f"{max_articles}; send fewer",
        )
