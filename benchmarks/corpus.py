"""A generated corpus for throughput and scaling benchmarks, built from the example articles.

Each generated article is a real example with its paragraphs reordered, a different outlet
name on its first line and, with some probability, one number or day changed, so that the
corpus looks like many outlets retelling the same stories. Deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

EXAMPLES = Path(__file__).parents[1] / "examples"
_DIGITS = re.compile(r"\b\d{1,2}\b")


def example_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]


def generated_text(base: str, number: int, rng: random.Random) -> str:
    paragraphs = [p for p in base.split("\n\n") if p.strip()]
    head, body = paragraphs[:2], paragraphs[2:]
    rng.shuffle(body)
    text = "\n\n".join([f"Outlet{number}.com - {head[0]}", *head[1:], *body])
    if rng.random() < 0.3:
        matches = list(_DIGITS.finditer(text))
        if matches:
            m = rng.choice(matches)
            text = text[: m.start()] + str(int(m.group()) % 27 + 1) + text[m.end() :]
    return text + "\n"


def write_corpus(
    directory: Path, count: int, *, seed: int = 7, per_story: int | None = None
) -> list[Path]:
    """Write ``count`` generated articles as .txt files; returns their paths.

    By default every article retells one of the five examples, so a big corpus is five
    stories told by thousands of outlets. With ``per_story``, each run of ``per_story``
    articles tells its own story: the example moved to an earlier year (every "2022" in it),
    so that a corpus grows by stories, as a news day does, not by retellings of five.
    """
    rng = random.Random(seed)
    bases = example_texts()
    published = example_days() if per_story else []
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        story = i // per_story if per_story else i
        base = bases[story % len(bases)]
        text = generated_text(base, i, rng)
        path = directory / f"gen_{i:05d}.txt"
        if per_story:
            year = 2022 - story // len(bases)
            day = published[story % len(bases)]
            front = f"---\npublished: {day.replace(year=year).isoformat()}\n---\n" if day else ""
            text = front + text.replace("2022", str(year))
            path = path.with_suffix(".md")
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def example_days() -> list[date | None]:
    """The publication day Selaras infers for each example (its story's day)."""
    from claims.ingest import read_inputs

    corpus = read_inputs([str(p) for p in sorted(EXAMPLES.glob("*.txt"))])
    days = {Path(a.path).name: a.published.date() if a.published else None for a in corpus.articles}
    return [days.get(p.name) for p in sorted(EXAMPLES.glob("*.txt"))]
