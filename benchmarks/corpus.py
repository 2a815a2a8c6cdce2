"""A generated corpus for throughput and scaling benchmarks, built from the example articles.

Each generated article is a real example with its paragraphs reordered, a different outlet
name on its first line and, with some probability, one number or day changed, so that the
corpus looks like many outlets retelling the same stories. Deterministic for a seed.
"""

from __future__ import annotations

import random
import re
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


def write_corpus(directory: Path, count: int, *, seed: int = 7) -> list[Path]:
    """Write ``count`` generated articles as .txt files; returns their paths."""
    rng = random.Random(seed)
    bases = example_texts()
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = directory / f"gen_{i:05d}.txt"
        path.write_text(generated_text(bases[i % len(bases)], i, rng), encoding="utf-8")
        paths.append(path)
    return paths
