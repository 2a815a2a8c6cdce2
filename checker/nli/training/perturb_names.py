"""Perturbations of names: speakers, cited outlets, countries and people, and their aliases.

Swapping a speaker, an outlet or an entity for another of the same kind makes a contradiction
("kata Xi" -> "kata Putin", "dilansir Reuters" -> "dilansir AFP"); swapping a name for an alias
of the same referent keeps the meaning ("AS" -> "Amerika Serikat", "China" -> "Beijing" where
Beijing stands for the government).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator, Sequence

from checker.nli.training.perturb_lexicon import (
    WORD_LEFT,
    Candidate,
    Country,
    Lexicon,
    Person,
    apply_one,
    like,
    next_word,
    previous_word,
    word_pattern,
)

QUOTES = "\"“”'"


def _preceded_by(text: str, start: int, phrases: Iterable[str]) -> bool:
    """Whether the text before ``start`` ends with one of ``phrases`` as whole words."""
    before = text[:start].rstrip()
    return any(
        before.endswith(p) and not before[: len(before) - len(p)][-1:].isalnum() for p in phrases
    )


def _mentioned(text: str, names: Iterable[str]) -> bool:
    return any(re.search(WORD_LEFT + re.escape(n) + r"(?![\w'’-])", text) for n in names if n)


def _parenthetical(text: str, start: int, end: int) -> bool:
    """Part of "Amerika Serikat (AS)": an alias right before or inside parentheses."""
    return text[:start].endswith("(") or text[end:].startswith(" (")


def in_attribution(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the span at ``start:end`` names a speaker: a reporting word just before or after."""
    table = lex.attribution
    markers = set(table["markers"]) | set(table["short_verbs"]) | set(table["verbs"])
    near = text[max(0, start - 60) : start].split()[-3:] + text[end : end + 60].split()[:2]
    return any(word.strip(QUOTES + ",.:;()") in markers for word in near)


def _person_index(lex: Lexicon) -> dict[str, tuple[Person, bool]]:
    """Each spelling of a person -> (person, whether it is the full name)."""
    index: dict[str, tuple[Person, bool]] = {}
    for person in lex.people:
        index.setdefault(person.short, (person, False))
        index[person.full] = (person, True)
    return index


def _other_person(
    text: str, person: Person, full: bool, lex: Lexicon, rng: random.Random
) -> str | None:
    others = [
        p
        for p in lex.people
        if p.pool == person.pool and p != person and not _mentioned(text, (p.full, p.short))
    ]
    if not others:
        return None
    chosen = rng.choice(others)
    return chosen.full if full else chosen.short


def _people(text: str, lex: Lexicon, *, speaking: bool, rng: random.Random) -> Iterator[Candidate]:
    index = _person_index(lex)
    for match in word_pattern(tuple(index)).finditer(text):
        if in_attribution(text, match.start(), match.end(), lex) != speaking:
            continue
        if _parenthetical(text, match.start(), match.end()):
            continue
        person, full = index[match[0]]
        replacement = _other_person(text, person, full, lex, rng)
        if replacement:
            yield match.start(), match.end(), replacement


def _roles(text: str, lex: Lexicon, rng: random.Random) -> Iterator[Candidate]:
    heads = "|".join(
        re.escape(h) for h in sorted(lex.speakers["role_heads"], key=len, reverse=True)
    )
    officials: Sequence[str] = lex.speakers["officials"]
    for match in re.finditer(rf"{WORD_LEFT}(?:{heads})(?: [A-Z][\w'’-]*)+", text):
        if not in_attribution(text, match.start(), match.end(), lex):
            continue
        others = [o for o in officials if o.lower() not in text.lower()]
        if others:
            yield match.start(), match.end(), like(match[0], rng.choice(others))


def edit_speaker(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Swap who is quoted: "kata Xi" -> "kata Putin", "kata juru bicara Departemen Luar Negeri
    AS" -> "kata juru bicara Kremlin"."""
    candidates = list(_people(text, lex, speaking=True, rng=rng)) + list(_roles(text, lex, rng))
    return apply_one(text, candidates, rng)


def edit_outlet(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Swap a cited outlet or agency for another: "Reuters" -> "AFP", "CCTV" -> "Kremlin"."""
    names: Sequence[str] = lex.outlets["names"]
    blocked = lex.outlets.get("not_after", ())
    candidates = []
    for match in word_pattern(tuple(names)).finditer(text):
        if _preceded_by(text, match.start(), blocked):
            continue
        others = [n for n in names if not _mentioned(text, (n,))]
        if others:
            candidates.append((match.start(), match.end(), rng.choice(others)))
    return apply_one(text, candidates, rng)


def _country_index(lex: Lexicon) -> dict[str, tuple[Country, str]]:
    """Each spelling of a country -> (country, "name" | "capital")."""
    index: dict[str, tuple[Country, str]] = {}
    for country in lex.countries:
        if country.capital:
            index.setdefault(country.capital, (country, "capital"))
        for name in country.names:
            index[name] = (country, "name")
    return index


def _country_spellings(country: Country) -> tuple[str, ...]:
    return (*country.names, country.capital or "", country.metonym or "")


def _countries(text: str, lex: Lexicon, rng: random.Random) -> Iterator[Candidate]:
    index = _country_index(lex)
    blocked = lex.entities.get("not_after", ())
    for match in word_pattern(tuple(index)).finditer(text):
        if _preceded_by(text, match.start(), blocked):
            continue
        country, role = index[match[0]]
        others = [
            c
            for c in lex.countries
            if c != country
            and (role == "name" or c.capital)
            and not _mentioned(text, _country_spellings(c))
        ]
        if others:
            chosen = rng.choice(others)
            yield (
                match.start(),
                match.end(),
                chosen.names[0] if role == "name" else chosen.capital or "",
            )


def edit_entity(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Swap a country, capital or person (not a quoted speaker) for another of the same kind."""
    candidates = list(_countries(text, lex, rng)) + list(
        _people(text, lex, speaking=False, rng=rng)
    )
    return apply_one(text, candidates, rng)


def _subject_position(text: str, start: int, lex: Lexicon) -> bool:
    before = text[:start].rstrip()
    return (
        not before.strip(QUOTES)
        or before[-1] in QUOTES
        or (previous_word(text, start) in lex.entities.get("subject_after", ()))
    )


def _country_aliases(text: str, lex: Lexicon) -> Iterator[Candidate]:
    index = _country_index(lex)
    metonyms = {c.metonym: c for c in lex.countries if c.metonym}
    blocked = lex.entities.get("not_after", ())
    locative = lex.entities.get("locative_before", ())
    spellings = tuple(set(index) | set(metonyms))
    for match in word_pattern(spellings).finditer(text):
        start, end, found = match.start(), match.end(), match[0]
        if _parenthetical(text, start, end) or _preceded_by(text, start, blocked):
            continue
        governing = next_word(text, end) in lex.entities.get("metonym_before", ())
        if found in metonyms:
            if governing and previous_word(text, start) not in locative:
                yield start, end, metonyms[found].names[0]
            continue
        country, role = index[found]
        if role != "name":
            continue
        for name in country.names:
            if name != found:
                yield start, end, name
        if country.metonym and governing and _subject_position(text, start, lex):
            yield start, end, country.metonym


def _person_aliases(text: str, lex: Lexicon) -> Iterator[Candidate]:
    index = _person_index(lex)
    for match in word_pattern(tuple(index)).finditer(text):
        person, full = index[match[0]]
        if person.full != person.short and not _parenthetical(text, match.start(), match.end()):
            yield match.start(), match.end(), person.short if full else person.full


def edit_alias(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Name the same referent another way: "AS" -> "Amerika Serikat", "China" -> "Tiongkok" or
    (as a subject) "Beijing", "Xi Jinping" -> "Xi"."""
    candidates = list(_country_aliases(text, lex)) + list(_person_aliases(text, lex))
    return apply_one(text, candidates, rng)
