"""Builders for the cross-checking tests: real extraction of small articles, and exact records.

Most tests write a few short Indonesian articles (YAML front matter for outlet, date and
language) into a temporary folder and run them through ``read_inputs`` and ``extract_corpus``,
so the claims they check are what extraction really produces. Where a unit needs one precise
input (a date mention, a span), the ``make_*`` functions build the record by hand.

``ScriptedNLI`` is a TEST DOUBLE for the ``NLIBackend`` interface: it scores every
(premise, hypothesis) by a rule the test writes down. Its numbers are not model output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from checker.events import group_events
from checker.nli.labels import NLIScores
from checker.rules import CorpusCheck, RuleContext
from checker.rules import Rule as FindingRule
from checker.types import Finding
from claims.extract import ExtractedArticle, Extraction, extract_corpus
from claims.ingest import read_inputs
from claims.types import (
    Claim,
    DateMention,
    EntityMention,
    Granularity,
    NumberKind,
    NumberMention,
    Quote,
    Span,
)

EXAMPLES = Path(__file__).parents[2] / "examples"
# Year inference counts back from "today"; pinned so the examples read the same in any year.
TODAY = date(2026, 1, 1)
ID_000, ID_001, ID_002, ID_003, ID_004 = (
    "000_ec27902bce71dca6",
    "001_8e8cf64b5b00ab75",
    "002_cdf2b438e2bb1883",
    "003_4c1271fe611ef779",
    "004_53c5a6638690b04f",
)
JUNE_CALL = "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon pada Rabu (15/6/2022)."
DECEMBER_CALL = "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui video pada Jumat (30/12/2022)."


@dataclass(frozen=True, slots=True)
class Story:
    """A small article to write: its file stem (the article id), text and front matter."""

    name: str
    body: str
    outlet: str | None = None
    published: str | None = None  # ISO date
    language: str = "id"

    def markdown(self) -> str:
        fields = {"outlet": self.outlet, "published": self.published, "language": self.language}
        front = "".join(f"{k}: {v}\n" for k, v in fields.items() if v)
        return f"---\n{front}---\n{self.body.strip()}\n"


def write_stories(folder: Path, stories: Iterable[Story]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for story in stories:
        path = folder / f"{story.name}.md"
        path.write_text(story.markdown(), encoding="utf-8")
        paths.append(path)
    return paths


def read_and_extract(paths: Sequence[Path | str]) -> Extraction:
    """What ``selaras check`` does before cross-checking: ingestion, cleaning, claims."""
    return extract_corpus(read_inputs([str(p) for p in paths], today=TODAY))


def extract_stories(folder: Path, *stories: Story) -> Extraction:
    return read_and_extract(write_stories(folder, stories))


def example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt"))


@cache
def example_extraction() -> Extraction:
    """The five example articles, extracted once per test session (records are frozen)."""
    return read_and_extract(example_paths())


def write_example_copies(folder: Path, copies: int) -> list[Path]:
    """``copies`` copies of the five examples, each copy under other outlet names."""
    paths = []
    for copy in range(copies):
        for source in example_paths():
            path = folder / f"copy{copy}_{source.stem}.md"
            outlet = f"Outlet {copy}-{source.stem[:3]}"
            path.write_text(f"---\noutlet: {outlet}\n---\n{source.read_text('utf-8')}", "utf-8")
            paths.append(path)
    return paths


def article_of(extraction: Extraction, article_id: str) -> ExtractedArticle:
    return next(e for e in extraction.articles if e.article.id == article_id)


def claim_with(extraction: Extraction, article_id: str, snippet: str) -> Claim:
    """The one claim of ``article_id`` whose text contains ``snippet``."""
    found = [c for c in article_of(extraction, article_id).claims if snippet in c.text]
    if len(found) != 1:
        raise LookupError(f"{len(found)} claims of {article_id} contain {snippet!r}")
    return found[0]


def drift_context(extraction: Extraction) -> RuleContext:
    articles = {e.article.id: e.article for e in extraction.articles}
    return RuleContext(articles, group_events(extraction.articles))


# --- hand-built records, for units that need one exact input -------------------------------


def make_claim(
    text: str,
    *,
    article_id: str = "a",
    number: int = 1,
    start: int = 0,
    line: int = 1,
    dates: tuple[DateMention, ...] = (),
    numbers: tuple[NumberMention, ...] = (),
    entities: tuple[EntityMention, ...] = (),
    quote: Quote | None = None,
) -> Claim:
    return Claim(
        id=f"{article_id}#{number}",
        article_id=article_id,
        text=text,
        span=Span(start, start + len(text), line),
        dates=dates,
        numbers=numbers,
        entities=entities,
        quote=quote,
        speaker=quote.speaker if quote else None,
        source=quote.cited_outlet if quote else None,
    )


def _span_of(text: str, part: str, start: int) -> Span:
    offset = text.index(part)
    return Span(start + offset, start + offset + len(part), 1)


def day_in(text: str, part: str, value: date, *, start: int = 0) -> DateMention:
    """A day-granularity mention of ``part`` (which must occur in ``text``)."""
    return DateMention(part, _span_of(text, part, start), value, Granularity.DAY)


def number_in(
    text: str, part: str, value: float, kind: NumberKind = NumberKind.CARDINAL, *, start: int = 0
) -> NumberMention:
    return NumberMention(part, _span_of(text, part, start), value, kind)


def entity_in(text: str, part: str, canonical: str, kind: str = "GPE") -> EntityMention:
    return EntityMention(part, _span_of(text, part, 0), canonical, kind)


# --- the NLI test double -------------------------------------------------------------------

NEUTRAL = NLIScores(entailment=0.1, neutral=0.8, contradiction=0.1)
ENTAILS = NLIScores(entailment=0.9, neutral=0.05, contradiction=0.05)
CONTRADICTS = NLIScores(entailment=0.02, neutral=0.03, contradiction=0.95)
Rule = Callable[[str, str], NLIScores]


@dataclass
class ScriptedNLI:
    """TEST DOUBLE for the NLIBackend protocol: ``rule(premise, hypothesis)`` gives the scores.

    Not a model and never presented as one: tests use it to fix what "the model" says so that
    the code around the model (event gating, corroboration, draft mode) can be checked alone.
    Every (premise, hypothesis) asked for is recorded in ``asked``.
    """

    rule: Rule = lambda premise, hypothesis: NEUTRAL
    name: str = "test double: scripted NLI (not a model)"
    asked: list[tuple[str, str]] = field(default_factory=list)

    def predict(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 16) -> list[NLIScores]:
        self.asked.extend(pairs)
        return [self.rule(premise, hypothesis) for premise, hypothesis in pairs]


def scripted(table: dict[tuple[str, str], NLIScores], default: NLIScores = NEUTRAL) -> ScriptedNLI:
    """A test double answering from an explicit (premise, hypothesis) -> scores table."""
    return ScriptedNLI(lambda premise, hypothesis: table.get((premise, hypothesis), default))


def corpus_findings(extraction: Extraction, rule: FindingRule[CorpusCheck, Any]) -> list[Finding]:
    """A corpus-scoped rule on every claim of ``extraction``, as the pipeline runs it."""
    corpus = CorpusCheck({e.article.id: e.claims for e in extraction.articles})
    return list(rule.detect(corpus, drift_context(extraction)))
