"""Real-pattern coverage: what Selaras finds on multi-outlet news, scored against gold.

    python benchmarks/coverage_benchmark.py [--stories DIR] [--story SLUG] [--model DIR]
        [--draft] [--list-false] [--list-missed]

Each story folder under benchmarks/coverage/ holds five or more articles about one real event
(written for this benchmark after studying real coverage; see benchmarks/coverage/README.md)
and a gold.toml: the discrepancies an editor would want flagged and the facts the outlets agree
on. Every story runs through the library entry point, checker.run.run_check, with the real NLI
model loaded once. Printed, per rule and overall and per language group (id, en, mixed):
recall of the gold discrepancies, precision of error- and warning-level findings, false findings
per 100 claims and the corroboration of agreed facts. With --draft, each story also runs once
in draft mode with its first article as the draft (verdicts already computed are reused).
Scoring rules are in benchmarks/coverage/coverage_scoring.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import shlex
import sys
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "coverage"))

from coverage_gold import Story, load_stories  # noqa: E402
from coverage_scoring import StoryScore, failed, score_report  # noqa: E402
from coverage_tables import (  # noqa: E402
    draft_notes,
    group_table,
    list_false,
    list_missed,
    rule_table,
    story_table,
)

from checker.config import Config  # noqa: E402
from checker.nli.base import NLIBackend, NLIScores, Pair  # noqa: E402
from checker.nli.registry import load_backend  # noqa: E402
from checker.rules import rule_ids  # noqa: E402
from checker.run import run_check  # noqa: E402

log = logging.getLogger("coverage_benchmark")
NOW = datetime(2026, 1, 1, tzinfo=UTC)
TODAY = date(2026, 1, 1)  # bounds year inference, so that reruns resolve dates the same way


class CachedNLI:
    """The real backend, each distinct (premise, hypothesis) pair judged once per process:
    draft mode asks again for pairs that corpus mode already judged."""

    def __init__(self, inner: NLIBackend) -> None:
        self.inner = inner
        self.name = inner.name
        self.scores: dict[Pair, NLIScores] = {}

    def predict(self, pairs: Sequence[Pair], *, batch_size: int = 16) -> list[NLIScores]:
        todo = list(dict.fromkeys(p for p in pairs if p not in self.scores))
        if todo:
            self.scores.update(
                zip(todo, self.inner.predict(todo, batch_size=batch_size), strict=True)
            )
        return [self.scores[p] for p in pairs]


def run_story(story: Story, backend: NLIBackend, config: Config, *, draft: bool) -> StoryScore:
    """One story through the real pipeline, scored; a run that raises scores as all missed."""
    started = time.perf_counter()
    mode = "draft" if draft else "corpus"
    try:
        if draft:
            sources = [str(p) for stem, p in story.articles.items() if stem != story.draft]
            draft_path = story.articles[story.draft]
        else:
            sources, draft_path = [str(p) for p in story.articles.values()], None
        report = run_check(sources, config, now=NOW, draft=draft_path, backend=backend, today=TODAY)
    except Exception as exc:  # one broken story must not hide the figures of the others
        log.exception("%s (%s mode) failed", story.slug, mode)
        return failed(story, mode, f"{type(exc).__name__}: {exc}")
    score = score_report(story, report, draft=story.draft if draft else None)
    score = dataclasses.replace(score, seconds=time.perf_counter() - started)
    log.info(
        "%s (%s): %d claims, %d/%d gold recalled, %d findings, %d false, %.1f s",
        story.slug, mode, score.claims, score.total.recalled, score.total.gold,
        score.total.flagged, len(score.false), score.seconds,
    )  # fmt: skip
    return score


def summary(stories: Sequence[Story], model: str) -> str:
    groups = {g: sum(s.group == g for s in stories) for g in ("id", "en", "mixed")}
    articles = sum(len(s.real_articles) for s in stories)
    others = sum(len(s.non_articles) for s in stories)
    gold = sum(len(s.discrepancies) for s in stories)
    agreed = sum(len(s.agreed) for s in stories)
    return (
        f"{len(stories)} stories (id {groups['id']}, en {groups['en']}, mixed "
        f"{groups['mixed']}), {articles} articles and {others} non-article pages, "
        f"{gold} gold discrepancies, {agreed} agreed facts. Model: {model}."
    )


def section(title: str, scores: Sequence[StoryScore], known: Sequence[str]) -> str:
    parts = [
        f"## {title}",
        "### Per rule",
        rule_table(scores, known),
        "### Per language group",
        group_table(scores),
        "### Per story",
        story_table(scores),
        f"Claims corroborated by a copy of the same wire story: "
        f"{sum(s.copies_counted for s in scores)} (copies are one source, not two).",
    ]
    if any(s.mode == "draft" for s in scores):
        parts.append(draft_notes(scores))
    return "\n\n".join(parts)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=Path, default=HERE / "coverage", help="story root")
    parser.add_argument("--story", default=None, help="run one story (its folder name)")
    parser.add_argument("--model", type=Path, default=None, help="NLI model directory")
    parser.add_argument("--draft", action="store_true", help="also run draft mode")
    parser.add_argument("--list-false", action="store_true", help="print each false finding")
    parser.add_argument("--list-missed", action="store_true", help="print each missed gold item")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s", stream=sys.stderr)
    stories = load_stories(args.stories, args.story)
    backend = CachedNLI(load_backend(args.model))
    config, known = Config(), rule_ids()
    corpus = [run_story(s, backend, config, draft=False) for s in stories]
    out = ["# Selaras coverage benchmark", summary(stories, backend.name)]
    out.append(section("Corpus mode", corpus, known))
    drafts = [run_story(s, backend, config, draft=True) for s in stories] if args.draft else []
    if drafts:
        out.append(section("Draft mode (each story's first article as the draft)", drafts, known))
    if args.list_false:
        out += ["## False findings", list_false([*corpus, *drafts])]
    if args.list_missed:
        out += ["## Missed gold discrepancies", list_missed([*corpus, *drafts])]
    given = sys.argv[1:] if argv is None else list(argv)
    command = shlex.join(["python", "benchmarks/coverage_benchmark.py", *given])
    out.append(
        f"Command: `{command}`  \nWall time: {time.perf_counter() - started:.1f} s "
        f"({len(backend.scores)} distinct NLI pairs judged)."
    )
    print("\n\n".join(out))
    return 1 if any(s.error for s in [*corpus, *drafts]) else 0


if __name__ == "__main__":
    sys.exit(main())
