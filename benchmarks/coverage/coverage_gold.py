"""The coverage benchmark's gold: one ``gold.toml`` per story folder, loaded and checked.

A story folder holds the articles (``.txt``, ``.md``, ``.html``) and ``gold.toml``:

- ``[story]``: ``title``, ``languages`` (``["id"]``, ``["en"]`` or both), ``event``, and
  optionally ``draft`` (the article used as the draft in draft mode; default: the first file),
  ``non_articles`` (files that are not articles, e.g. a page of links) and ``wire_copies``
  (groups of articles that carry the same wire story, which never corroborate each other).
- ``[[discrepancy]]``: ``rule``, ``severity``, ``article_a``, ``passage_a``, optionally
  ``article_b`` and ``passage_b`` (absent for a rule about one article, such as
  weekday-mismatch), and ``note``. Articles are named by file stem; a passage is a verbatim
  substring of the claim sentence in that article's file, or a list of such substrings when
  the article states the same thing in several sentences (a figure in the headline and the
  lead): any one of them stands for the passage.
- ``[[agreed]]``: ``articles`` and ``passages`` (one passage per article) of a fact that several
  outlets agree on, and ``note``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
SEVERITIES = ("info", "warning", "error")
# Rules the gold names that Selaras does not have yet; they score recall 0 until they exist.
PLANNED_RULES = ("name-drift", "location-drift", "time-drift", "updated-figure")
GOLD_FILE = "gold.toml"


class GoldError(ValueError):
    """A gold.toml that cannot be read or does not have the expected shape."""


@dataclass(frozen=True, slots=True)
class Passage:
    article: str  # file stem
    texts: tuple[str, ...]  # alternatives: sentences of the article that say the same thing

    @classmethod
    def of(cls, article: str, text: str | list[str]) -> Passage:
        return cls(article, (text,) if isinstance(text, str) else tuple(text))

    @property
    def text(self) -> str:
        return " | ".join(self.texts)


@dataclass(frozen=True, slots=True)
class Discrepancy:
    rule: str
    severity: str
    a: Passage
    b: Passage | None  # None: a rule about one article
    note: str

    @property
    def passages(self) -> tuple[Passage, ...]:
        return (self.a,) if self.b is None else (self.a, self.b)


@dataclass(frozen=True, slots=True)
class Agreed:
    passages: tuple[Passage, ...]
    note: str


@dataclass(frozen=True, slots=True)
class Story:
    slug: str
    folder: Path
    title: str
    languages: tuple[str, ...]
    articles: dict[str, Path]  # stem -> file, in file-name order, non-articles included
    non_articles: frozenset[str]
    wire_copies: tuple[frozenset[str], ...]
    draft: str
    discrepancies: tuple[Discrepancy, ...]
    agreed: tuple[Agreed, ...]

    @property
    def group(self) -> str:
        """The language group the figures are broken down by: id, en or mixed."""
        return self.languages[0] if len(set(self.languages)) == 1 else "mixed"

    @property
    def real_articles(self) -> list[str]:
        return [stem for stem in self.articles if stem not in self.non_articles]

    def same_wire(self, one: str, other: str) -> bool:
        return any(one in group and other in group for group in self.wire_copies)


def story_folders(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.glob(f"*/{GOLD_FILE}"))


def load_stories(root: Path, only: str | None = None) -> list[Story]:
    folders = story_folders(root)
    if only is not None:
        folders = [f for f in folders if f.name == only]
        if not folders:
            raise GoldError(f"no story {only!r} under {root}")
    return [load_story(folder) for folder in folders]


def load_story(folder: Path) -> Story:
    path = folder / GOLD_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise GoldError(f"{path}: {exc}") from exc
    head = _table(raw, "story", path)
    articles = {p.stem: p for p in sorted(folder.iterdir()) if p.suffix.lower() in ARTICLE_SUFFIXES}
    if not articles:
        raise GoldError(f"{folder}: no article files")
    return Story(
        slug=folder.name,
        folder=folder,
        title=str(head.get("title", folder.name)),
        languages=tuple(head.get("languages", ())),
        articles=articles,
        non_articles=frozenset(head.get("non_articles", ())),
        wire_copies=tuple(frozenset(group) for group in head.get("wire_copies", ())),
        draft=str(head.get("draft", next(iter(articles)))),
        discrepancies=tuple(_discrepancy(d, path) for d in raw.get("discrepancy", ())),
        agreed=tuple(_agreed(a, path) for a in raw.get("agreed", ())),
    )


def _table(raw: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise GoldError(f"{path}: no [{key}] table")
    return value


def _discrepancy(entry: dict[str, Any], path: Path) -> Discrepancy:
    try:
        a = Passage.of(entry["article_a"], entry["passage_a"])
        b = Passage.of(entry["article_b"], entry["passage_b"]) if "article_b" in entry else None
        return Discrepancy(entry["rule"], entry["severity"], a, b, entry.get("note", ""))
    except KeyError as exc:
        raise GoldError(f"{path}: a [[discrepancy]] has no {exc.args[0]!r}") from exc


def _agreed(entry: dict[str, Any], path: Path) -> Agreed:
    articles, passages = entry.get("articles", []), entry.get("passages", [])
    if len(articles) != len(passages) or len(articles) < 2:
        raise GoldError(f"{path}: an [[agreed]] needs one passage per article, two or more")
    return Agreed(tuple(map(Passage.of, articles, passages)), entry.get("note", ""))


def gold_problems(story: Story, known_rules: tuple[str, ...]) -> list[str]:
    """Everything wrong with a story's gold: missing files, passages not in their article,
    unknown rules or severities, a draft or wire copy that is not a file."""
    problems = []
    texts = {stem: path.read_text(encoding="utf-8") for stem, path in story.articles.items()}
    rules = set(known_rules) | set(PLANNED_RULES)
    passages = [p for d in story.discrepancies for p in d.passages]
    passages += [p for a in story.agreed for p in a.passages]
    for passage in passages:
        if passage.article not in texts:
            problems.append(f"{story.slug}: no article {passage.article!r}")
            continue
        for text in passage.texts:
            if text not in texts[passage.article]:
                problems.append(f"{story.slug}/{passage.article}: passage not found: {text!r}")
    for d in story.discrepancies:
        if d.rule not in rules:
            problems.append(f"{story.slug}: unknown rule {d.rule!r}")
        if d.severity not in SEVERITIES:
            problems.append(f"{story.slug}: unknown severity {d.severity!r}")
    named = {story.draft, *story.non_articles, *(s for g in story.wire_copies for s in g)}
    problems += [f"{story.slug}: no article {stem!r}" for stem in sorted(named - set(texts))]
    if story.group not in ("id", "en", "mixed") or not story.languages:
        problems.append(f"{story.slug}: languages must be id, en or both")
    return problems
