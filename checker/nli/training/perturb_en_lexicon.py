"""The English word lists behind the drift perturbations, read once from ``perturb_en_data.toml``.

Every section and key of the file is checked on load: an unknown or missing one is a
:class:`CheckerError` naming the file, so a typo in a list fails loudly instead of silently
turning an edit off. Also the few helpers the English edit modules share beyond those of
:mod:`checker.nli.training.perturb_lexicon`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from checker.errors import CheckerError
from checker.nli.training.perturb_lexicon import Person, previous_word

DATA_FILE = Path(__file__).with_name("perturb_en_data.toml")
SCHEMA: dict[str, frozenset[str]] = {
    "calendar": frozenset(
        {"weekdays", "months", "month_abbreviations", "months_needing_number", "month_after"}
        | {"weekday_names"}
    ),
    "numbers": frozenset(
        {"words", "scales", "scale_suffixes", "percent_words", "currency_prefixes"}
        | {"currency_words", "not_after", "hedges", "hedges_after"}
    ),
    "ordinals": frozenset({"words", "determiners", "not_before", "bounded", "blocked"}),
    "negation": frozenset(
        {"add", "participles", "contractions", "irregular_past", "irregular_present", "keep"}
        | {"not_before", "blocked_by", "stop_before", "nouns_after"}
    ),
    "antonyms": frozenset({"pairs", "one_way", "near_number", "after_copula", "blocked"}),
    "synonyms": frozenset({"groups", "rewrites", "before_number", "after_number", "blocked"}),
    "attribution": frozenset(
        {"verbs", "reporting_that", "telling", "titles", "gendered_titles", "not_names"}
        | {"personal_pronouns"}
        | {"lowercase_starters", "complementizer", "according_to"}
    ),
    "clauses": frozenset(
        {"droppable_after", "not_participles", "subordinators", "min_kept_words"}
        | {"min_dropped_words"}
    ),
    "speakers": frozenset({"people", "institutions"}),
    "entities": frozenset({"countries", "states", "cities", "demonyms", "followed_by"}),
}
NEGATORS = frozenset(
    {"not", "never", "no", "nor", "neither", "none", "nobody", "nothing", "without", "cannot"}
    | {"hardly", "barely", "scarcely", "nowhere"}
)
PUNCTUATION = "\"“”'‘’(),.;:!?"
DIGIT_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")
YEAR_LIKE = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class Place:
    """A country, state, city or nationality: swapped only within its ``pool`` and never
    between two places of one ``group`` (Scotland and the UK)."""

    name: str  # the spelling a replacement uses
    spellings: tuple[str, ...]
    pool: str
    group: str


@dataclass(frozen=True, slots=True)
class EnglishLexicon:
    """Every table the English perturbations read; the raw sections mirror the TOML file."""

    sections: Mapping[str, Mapping[str, Any]]
    antonyms: Mapping[str, str]
    synonyms: Mapping[str, tuple[str, ...]]
    people: tuple[Person, ...]
    places: tuple[Place, ...]

    def __getitem__(self, section: str) -> Mapping[str, Any]:
        return self.sections[section]


def _check(table: Mapping[str, Any], path: Path) -> None:
    for section, value in table.items():
        if section not in SCHEMA:
            raise CheckerError(f"{path}: unknown section [{section}]")
        if not isinstance(value, dict):
            raise CheckerError(f"{path}: [{section}] must be a table")
        unknown = sorted(set(value) - SCHEMA[section])
        missing = sorted(SCHEMA[section] - set(value))
        if unknown or missing:
            raise CheckerError(
                f"{path}: [{section}] has unknown keys {unknown} and lacks keys {missing}"
            )
    absent = sorted(set(SCHEMA) - set(table))
    if absent:
        raise CheckerError(f"{path}: missing sections {absent}")


def read_table(path: Path) -> dict[str, Any]:
    """The TOML file at ``path``, checked against :data:`SCHEMA`."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CheckerError(
            f"cannot read the English perturbation word lists {path}: {exc}"
        ) from exc
    _check(table, path)
    return table


def _antonym_map(section: Mapping[str, Any]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for left, right in section["pairs"]:
        mapping.setdefault(left, right)
        mapping.setdefault(right, left)
    for word, opposite in section["one_way"].items():
        mapping.setdefault(word, opposite)
    return mapping


def _synonym_map(section: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    mapping: dict[str, tuple[str, ...]] = {}
    for group in section["groups"]:
        for word in group:
            mapping[word] = tuple(other for other in group if other != word)
    for word, replacement in section["rewrites"].items():
        mapping.setdefault(word, (replacement,))
    return mapping


def _places(section: Mapping[str, Any]) -> tuple[Place, ...]:
    places = [
        Place(c["names"][0], tuple(c["names"]), "country", c.get("group", c["names"][0]))
        for c in section["countries"]
    ]
    for pool in ("states", "cities", "demonyms"):
        places += [Place(name, (name,), pool, name) for name in section[pool]]
    return tuple(places)


@cache
def load_english_lexicon(path: Path = DATA_FILE) -> EnglishLexicon:
    """The English perturbation word lists (read and checked once per path)."""
    table = read_table(path)
    return EnglishLexicon(
        sections=MappingProxyType({k: MappingProxyType(v) for k, v in table.items()}),
        antonyms=MappingProxyType(_antonym_map(table["antonyms"])),
        synonyms=MappingProxyType(_synonym_map(table["synonyms"])),
        people=tuple(Person(full, short, "en") for full, short in table["speakers"]["people"]),
        places=_places(table["entities"]),
    )


# --- helpers shared by the English edits ----------------------------------------------------


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, each escaped."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def blocked_spans(text: str, patterns: Sequence[str]) -> list[tuple[int, int]]:
    """The spans of ``text`` matched by any of ``patterns`` (ignoring case)."""
    return [
        m.span() for pattern in patterns for m in re.finditer(pattern, text, flags=re.IGNORECASE)
    ]


def inside(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps any of ``spans``."""
    return any(s < end and start < e for s, e in spans)


def ends_with_phrase(before: str, phrases: Iterable[str]) -> bool:
    """Whether ``before`` ends with one of ``phrases`` as whole words (ignoring case)."""
    tail = before.rstrip().lower()
    return any(
        tail.endswith(p) and not tail[: len(tail) - len(p)][-1:].isalnum()
        for p in (phrase.lower() for phrase in phrases)
    )


def words_before(text: str, start: int) -> list[str]:
    """The lower-cased words before ``start``, punctuation stripped."""
    return [w.strip("\"“”'‘’(),.;:!?").lower() for w in text[:start].split()]


def mentioned(text: str, names: Iterable[str]) -> bool:
    """Whether any of ``names`` occurs in ``text`` as a whole word or phrase."""
    return any(
        re.search(r"(?<![\w'’-])" + re.escape(n) + r"(?![\w'’-])", text, flags=re.IGNORECASE)
        for n in names
        if n
    )


def affirmative(text: str, lex: EnglishLexicon) -> bool:
    """Whether ``text`` asserts plainly: no negation, condition, hedge or question anywhere.

    Swapping a value under negation is no contradiction ("was not held in June" / "was not held
    in July"), nor under "if" or "may"."""
    if "?" in text:
        return False
    blocked = set(lex["negation"]["blocked_by"])
    for raw in text.split():
        word = raw.strip(PUNCTUATION)
        if word in blocked or word.lower() in NEGATORS or word.lower().endswith(("n't", "n’t")):
            return False
    return True


def quantities(text: str, lex: EnglishLexicon) -> Iterator[re.Match[str]]:
    """Digit numbers that are counts or amounts: not years, not days of a month."""
    months = set(lex["calendar"]["months"]) | set(lex["calendar"]["month_abbreviations"])
    for match in DIGIT_NUMBER.finditer(text):
        if YEAR_LIKE.fullmatch(match[0]):
            continue
        after = text[match.end() :].split()[:1]
        if previous_word(text, match.start()) in months or (after and after[0] in months):
            continue
        yield match


def with_article(text: str, start: int, replacement: str) -> tuple[int, str]:
    """The span start and replacement with a preceding "a"/"an" made to fit ``replacement``."""
    before = text[:start]
    match = re.search(r"(?<![\w'’-])([Aa]n?) $", before)
    if not match:
        return start, replacement
    vowel = replacement[:1].lower() in "aeiou" and not replacement.lower().startswith(
        ("one", "uni", "eu", "use")
    )
    article = "an" if vowel else "a"
    if match[1][0].isupper():
        article = article.capitalize()
    return match.start(1), f"{article} {replacement}"
