"""The library entry point: paths and a Config in, a Report out.

``run_check`` does what ``selaras check`` does short of rendering: it reads the inputs, keeps
the articles in the configured languages, extracts claims, loads the NLI model named in the
configuration (unless a backend is given, as benchmarks give a cached one) and checks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from checker.claim_store import open_claim_store
from checker.config import Config
from checker.distributed import RayNLI
from checker.errors import DraftError
from checker.nli.base import NLIBackend
from checker.nli.cache import with_cache
from checker.nli.registry import load_backend
from checker.pipeline import DraftMode, check
from checker.progress import Progress, advance
from checker.types import Report
from claims.extract import extract_corpus
from claims.extraction_cache import CachedExtraction
from claims.ingest import read_inputs, require_articles
from claims.lang import configure, normalise_tag
from claims.types import Corpus, Skipped


@dataclass(frozen=True, slots=True)
class Engine:
    """Where the NLI model judges pairs: ``local`` (this process) or ``ray`` (actors on a Ray
    started for the run, or on the cluster at ``address``)."""

    kind: str = "local"
    address: str | None = None
    actors: int | None = None


def run_check(
    paths: Sequence[str | Path],
    config: Config,
    *,
    now: datetime,
    draft: Path | None = None,
    cross_check_sources: bool = False,
    backend: NLIBackend | None = None,
    progress: Progress | None = None,
    today: date | None = None,
    cache: Path | None = None,
    engine: Engine | None = None,
) -> Report:
    """Check the articles at ``paths`` (files, directories, ``-`` for stdin).

    ``draft``: pre-publication mode, this draft against the articles (and, with
    ``cross_check_sources``, the articles against each other too). ``now`` is the report's
    time; ``today`` bounds date inference in undated articles (default: the real today).
    ``cache``: a verdict cache file, so that pairs judged by an earlier run are not judged
    again (default: none, so library callers and benchmarks see the model alone).
    ``engine``: where the model runs (default: in this process); ignored when ``backend``
    is given.
    Raises ``InputError`` when no article can be read and :class:`DraftError` when the draft
    cannot.
    """
    previous = configure(config.data_path)  # the newsroom's own language data, if any
    try:
        return _run(
            paths,
            config,
            now,
            draft,
            cross_check_sources,
            backend,
            progress,
            today,
            cache,
            engine or Engine(),
        )
    finally:
        configure(previous)


def _run(
    paths: Sequence[str | Path],
    config: Config,
    now: datetime,
    draft: Path | None,
    cross_check_sources: bool,
    backend: NLIBackend | None,
    progress: Progress | None,
    today: date | None,
    cache: Path | None,
    engine: Engine,
) -> Report:
    say = progress or (lambda _: None)
    say("reading")
    names = [str(p) for p in paths] + ([str(draft)] if draft else [])
    options: dict[str, Any] = {
        "exclude": config.exclude,
        "today": today,
        "max_bytes": config.max_bytes,
    }
    if config.include:
        options["include"] = config.include
    corpus = require_articles(in_languages(read_inputs(names, **options), config.languages))
    mode = DraftMode(_draft_id(corpus, draft), cross_check_sources) if draft else None
    say(f"extracting claims from {len(corpus.articles)} articles")
    store = open_claim_store(cache) if cache is not None else None  # warns when unusable
    extracted = CachedExtraction(store)
    extraction = extract_corpus(
        corpus, on_article=lambda done, total: advance(progress, done, total), cache=extracted
    )
    with ExitStack() as stack:
        if backend is None and engine.kind == "ray":
            say("starting Ray and loading the NLI model on it")
            backend = stack.enter_context(
                RayNLI(
                    config.model,
                    address=engine.address,
                    actors=engine.actors,
                    runtime=config.runtime,
                )
            )
        elif backend is None:
            say("loading the NLI model")
            backend = load_backend(config.model, runtime=config.runtime)
        if cache is not None and store is not None:
            backend = with_cache(backend, cache)
        return check(
            extraction,
            backend,
            now=now,
            config=config,
            draft=mode,
            progress=progress,
            extraction_cache=extracted,
        )


def in_languages(corpus: Corpus, languages: Sequence[str]) -> Corpus:
    """``corpus`` with only the articles in ``languages`` (all when empty); the others are
    listed as skipped, with the reason."""
    if not languages:
        return corpus
    wanted = {normalise_tag(tag) for tag in languages}
    listed = json.dumps(list(languages), ensure_ascii=False)
    kept, left = [], []
    for article in corpus.articles:
        if normalise_tag(article.language) in wanted:
            kept.append(article)
        else:
            left.append(
                Skipped(article.path, f"language {article.language} not in languages = {listed}")
            )
    return Corpus(tuple(kept), (*corpus.skipped, *left), corpus.warnings)


def _draft_id(corpus: Corpus, draft: Path) -> str:
    for article in corpus.articles:
        if Path(article.path) == draft:
            return article.id
    reasons = "; ".join(s.reason for s in corpus.skipped if Path(s.source) == draft)
    raise DraftError(f"the draft {draft} could not be read" + (f": {reasons}" if reasons else ""))
