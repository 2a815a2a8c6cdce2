"""The word lists behind the drift perturbations, read from ``perturb_data.toml``.

Also the small matching helpers the edit modules share: whole-word patterns, case carry-over and
splicing one candidate edit into a text. An optional Hunspell/MyThes thesaurus (Debian's
``mythes-id``, LGPL-2.1, not shipped here) can add synonyms.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from checker.errors import CheckerError

DATA_FILE = Path(__file__).with_name("perturb_data.toml")
WORD_LEFT = r"(?<![\w'’-])"
WORD_RIGHT = r"(?![\w'’-])"

Candidate = tuple[int, int, str]
"""One possible edit: replace ``text[start:end]`` with the string."""


@dataclass(frozen=True, slots=True)
class Country:
    names: tuple[str, ...]
    capital: str | None
    metonym: str | None


@dataclass(frozen=True, slots=True)
class Person:
    full: str
    short: str
    pool: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every table the perturbations read; sections mirror the TOML file."""

    calendar: Mapping[str, Any]
    numbers: Mapping[str, Any]
    ordinals: Mapping[str, Any]
    negation: Mapping[str, Any]
    antonyms: Mapping[str, str]
    synonyms: Mapping[str, tuple[str, ...]]
    attribution: Mapping[str, Any]
    clauses: Mapping[str, Any]
    entities: Mapping[str, Any]
    countries: tuple[Country, ...]
    people: tuple[Person, ...]
    speakers: Mapping[str, Any]
    outlets: Mapping[str, Any]


def _antonym_map(pairs: Iterable[Sequence[str]]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for left, right in pairs:
        mapping.setdefault(left, right)
        mapping.setdefault(right, left)
    return mapping


def _synonym_map(
    table: Mapping[str, Any], extra: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """Word -> its alternatives: curated groups, one-way rewrites, then thesaurus entries."""
    mapping: dict[str, tuple[str, ...]] = {}
    for group in table.get("groups", []):
        for word in group:
            mapping[word] = tuple(other for other in group if other != word)
    for word, replacement in table.get("rewrites", {}).items():
        mapping.setdefault(word, (replacement,))
    for word, alternatives in extra.items():
        mapping.setdefault(word, alternatives)
    return mapping


def read_thesaurus(path: Path) -> dict[str, tuple[str, ...]]:
    """Mutual one-sense synonyms from a MyThes ``.dat`` file (``th_id_ID_v2.dat``).

    Only single-word headwords with one meaning are kept, and only synonyms that list the
    headword back in their own one-meaning entry: the full thesaurus mixes senses too freely
    for meaning-preserving edits.
    """
    try:
        lines = path.read_text(encoding="latin-1").splitlines()
    except OSError as exc:
        raise CheckerError(f"cannot read the thesaurus {path}: {exc.strerror or exc}") from exc
    senses: dict[str, list[list[str]]] = {}
    index = 1  # the first line names the encoding
    while index < len(lines):
        head, _, count = lines[index].rpartition("|")
        rows = [row.split("|") for row in lines[index + 1 : index + 1 + int(count or 0)]]
        senses[head] = [row[1:] for row in rows if row and row[0] != "[ant]"]
        index += 1 + int(count or 0)
    single = {
        head: set(rows[0]) for head, rows in senses.items() if len(rows) == 1 and " " not in head
    }
    return {
        head: mutual
        for head, words in single.items()
        if (mutual := tuple(sorted(w for w in words if head in single.get(w, ()))))
    }


def _read_table(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CheckerError(f"cannot read the perturbation word lists {path}: {exc}") from exc


@cache
def load_lexicon(thesaurus_path: Path | None = None) -> Lexicon:
    """The perturbation word lists, with the thesaurus's synonyms added when a path is given."""
    table = _read_table(DATA_FILE)
    extra = read_thesaurus(thesaurus_path) if thesaurus_path else {}
    entities = table["entities"]
    countries = tuple(
        Country(tuple(c["names"]), c.get("capital"), c.get("metonym"))
        for c in entities["countries"]
    )
    people = tuple(
        Person(full, short, block["pool"])
        for block in entities["people"]
        for full, short in block["names"]
    )
    frozen = {key: MappingProxyType(table[key]) for key in table}
    return Lexicon(
        calendar=frozen["calendar"],
        numbers=frozen["numbers"],
        ordinals=frozen["ordinals"],
        negation=frozen["negation"],
        antonyms=MappingProxyType(_antonym_map(table["antonyms"]["pairs"])),
        synonyms=MappingProxyType(_synonym_map(table["synonyms"], extra)),
        attribution=frozen["attribution"],
        clauses=frozen["clauses"],
        entities=frozen["entities"],
        countries=countries,
        people=people,
        speakers=frozen["speakers"],
        outlets=frozen["outlets"],
    )


@cache
def word_pattern(words: tuple[str, ...], fold_first: bool = False) -> re.Pattern[str]:
    """A whole-word pattern for any of ``words``, longest first; with ``fold_first`` the first
    letter also matches in the other case ("Namun" for "namun")."""

    def one(word: str) -> str:
        head, rest = word[0], re.escape(word[1:])
        if fold_first and head.lower() != head.upper():
            return f"[{head.lower()}{head.upper()}]{rest}"
        return re.escape(head) + rest

    alternatives = "|".join(one(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(f"{WORD_LEFT}(?:{alternatives}){WORD_RIGHT}")


def lookup(table: Mapping[str, Any], found: str) -> Any:
    """The entry for ``found`` in a lower-case keyed table, whatever its first letter's case."""
    return table.get(found, table.get(found[:1].lower() + found[1:]))


def like(source: str, replacement: str) -> str:
    """``replacement`` with the first letter capitalised when ``source``'s is."""
    if source[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


def ordinary_word(text: str, start: int) -> bool:
    """Whether the word at ``start`` is an ordinary word, not part of a name: lower case, or
    capitalised only because a sentence or quote starts there ("Barat" in "sanksi Barat" is not)."""
    if text[start : start + 1].islower():
        return True
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;\"“”'(–-"


def previous_word(text: str, start: int) -> str:
    """The word right before ``start`` (punctuation stripped), or "" at the start."""
    before = text[:start].split()
    return before[-1].strip("\"“”'(,") if before else ""


def next_word(text: str, end: int) -> str:
    """The word right after ``end`` (punctuation kept), or ""."""
    after = text[end:].split()
    return after[0] if after else ""


def apply_one(text: str, candidates: Sequence[Candidate], rng: random.Random) -> str | None:
    """Apply one of the candidate edits, chosen with ``rng``; None when there is none."""
    real = [c for c in candidates if text[c[0] : c[1]] != c[2]]
    if not real:
        return None
    start, end, replacement = real[rng.randrange(len(real))]
    return text[:start] + replacement + text[end:]
