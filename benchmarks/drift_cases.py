"""Cases for the drift benchmark: one example copied under a new outlet, one sentence edited.

A case is the five examples plus that copy. A planted case edits a fact (a quote's day, a
date, a number, a speaker, a weekday); a control edits only the wording, or nothing. Cases are
drawn deterministically from a seed, visiting distinct sites before variants of one site.
"""

from __future__ import annotations

import random
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from drift_edits import CONTROL, CONTROL_RULES, PLANTING_RULES, Edit, Rule, Site, tables

from checker.events import article_date
from claims.extract import ExtractedArticle, Extraction, extract_corpus
from claims.ingest import read_inputs
from claims.segment import split_sentences

EXAMPLES = Path(__file__).parents[1] / "examples"
COPY_STEM = "uji_copy"  # the extra article's file name (and so its id)
TODAY = date(2026, 1, 1)  # bounds date inference, so that runs do not depend on the clock


class PlantingError(ValueError):
    """An edit that would not change what it is meant to change."""


@dataclass(frozen=True, slots=True)
class Copy:
    """An example's text under the benchmark's outlet name, with its story sentences."""

    base: str  # the id of the example copied
    text: str
    sites: tuple[Site, ...]


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    base: str
    edit: Edit
    text: str  # the extra article, as written to disk

    @property
    def planted(self) -> bool:
        return self.edit.kind != CONTROL

    @property
    def sentence(self) -> tuple[int, int]:
        """The edited sentence's span in :attr:`text`."""
        return self.edit.sentence_after


@dataclass(frozen=True, slots=True)
class Plan:
    cases: tuple[Case, ...]
    sites: dict[str, int]  # per kind, the distinct places an edit of that kind was possible
    refused: dict[str, int]  # per kind, edits skipped because they would not change their token
    short: dict[str, int]  # per kind, cases wanted but not made: too few sites and variants


def example_paths(directory: Path = EXAMPLES) -> list[Path]:
    return sorted(directory.glob("*.txt"))


def rename_outlet(text: str) -> str:
    """``text`` with the examples' outlet names replaced by the benchmark's outlet.

    A text that names no outlet gets the name before its first line, as a dateline would.
    """
    t = tables()
    names = "|".join(re.escape(n) for n in sorted(t["example_outlets"], key=len, reverse=True))
    renamed, count = re.subn(rf"(?<!\w)(?:{names})(?!\w)", t["outlet"], text)
    if count:
        return renamed
    head = len(text) - len(text.lstrip())
    return text[:head] + f"{t['outlet']} - " + text[head:]


def write_copy(text: str, directory: Path) -> Path:
    """``text`` written to ``directory`` as the extra article (its file name is its id)."""
    path = directory / f"{COPY_STEM}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def extract_with_examples(text: str, examples: Sequence[Path], directory: Path) -> Extraction:
    """The extraction of the examples plus ``text``, written to ``directory`` as the extra article."""
    path = write_copy(text, directory)
    return extract_corpus(read_inputs([*map(str, examples), str(path)], today=TODAY))


def extra_article(extraction: Extraction) -> ExtractedArticle:
    return next(a for a in extraction.articles if a.article.id == COPY_STEM)


def make_copies(examples: Sequence[Path]) -> list[Copy]:
    """One copy per example, with the sentences an edit may go into."""
    copies = []
    default = date(tables()["default_year"], 7, 1)
    with tempfile.TemporaryDirectory() as tmp:
        for path in examples:
            text = rename_outlet(path.read_text(encoding="utf-8"))
            extracted = extra_article(extract_with_examples(text, examples, Path(tmp)))
            anchor = article_date(extracted)[0] or default
            sites = tuple(
                Site(s.text, s.span.start, anchor.year, anchor)
                for s in split_sentences(extracted.clean)
                if _editable(s.text, text)
            )
            copies.append(Copy(path.stem, text, sites))
    return copies


def _editable(sentence: str, text: str) -> bool:
    """Not the dateline (it names the outlet), and not repeated in the page: a duplicated lead
    would keep the old fact in its other copy."""
    return tables()["outlet"] not in sentence and text.count(sentence) == 1


def make_case(name: str, copy: Copy, edit: Edit) -> Case:
    """The case of ``edit`` on ``copy``; raises :class:`PlantingError` when the edit is not real."""
    if copy.text[edit.start : edit.end] != edit.old:
        raise PlantingError(f"{name}: {edit.old!r} is not at {edit.start} of {copy.base}")
    if not edit.sentence[0] <= edit.start <= edit.end <= edit.sentence[1]:
        raise PlantingError(f"{name}: the edit leaves its sentence")
    text = edit.apply(copy.text)
    if edit.rule != "unchanged" and (edit.old == edit.new or text == copy.text):
        raise PlantingError(f"{name}: the edit changes nothing")
    return Case(name, copy.base, edit, text)


def plan_cases(copies: Sequence[Copy], *, seed: int, per_kind: int, controls: int) -> Plan:
    """``per_kind`` planted cases of each kind and ``controls`` controls, fixed by ``seed``."""
    rng = random.Random(seed)
    cases: list[Case] = []
    sites: dict[str, int] = {}
    refused: Counter[str] = Counter()
    short: dict[str, int] = {}
    for kind, rule in PLANTING_RULES.items():
        candidates = list(_candidates(copies, [rule], rng))
        groups = _grouped(candidates, lambda c: (c[0].base, c[1].start))
        sites[kind] = len(groups)
        made = _pick(kind, groups, per_kind, rng, refused)
        short[kind] = per_kind - len(made)
        cases += made
    pool = list(_candidates(copies, CONTROL_RULES, rng)) + [(c, _unchanged(c)) for c in copies]
    sites[CONTROL] = len(pool)
    made = _pick(CONTROL, _grouped(pool, lambda c: c[1].rule), controls, rng, refused)
    short[CONTROL] = controls - len(made)
    return Plan(tuple(cases + made), sites, dict(refused), short)


def _unchanged(copy: Copy) -> Edit:
    """The control that edits nothing (its "sentence" is the copy's first)."""
    first = copy.sites[0]
    span = (first.start, first.start + len(first.text))
    return Edit(CONTROL, "unchanged", first.start, first.start, "", "", span)


def _candidates(
    copies: Sequence[Copy], rules: Sequence[Rule], rng: random.Random
) -> Iterator[tuple[Copy, Edit]]:
    for copy in copies:
        for site in copy.sites:
            for rule in rules:
                for edit in rule(site, rng):
                    yield copy, edit


def _grouped(candidates, key) -> list[list[tuple[Copy, Edit]]]:  # type: ignore[no-untyped-def]
    groups: dict[object, list[tuple[Copy, Edit]]] = defaultdict(list)
    for candidate in candidates:
        groups[key(candidate)].append(candidate)
    return list(groups.values())


def _pick(
    kind: str,
    groups: list[list[tuple[Copy, Edit]]],
    wanted: int,
    rng: random.Random,
    refused: Counter[str],
) -> list[Case]:
    """Round-robin over shuffled groups, a random variant each time, until ``wanted`` cases."""
    groups = [list(g) for g in groups]
    rng.shuffle(groups)
    made: list[Case] = []
    texts: set[str] = set()
    while len(made) < wanted and any(groups):
        for group in groups:
            if not group or len(made) >= wanted:
                continue
            copy, edit = group.pop(rng.randrange(len(group)))
            try:
                case = make_case(f"{kind}-{len(made) + 1:02d}", copy, edit)
            except PlantingError:
                refused[kind] += 1
                continue
            if case.text not in texts:
                texts.add(case.text)
                made.append(case)
    return made
