"""Word-level perturbations: negation added or removed, antonyms, synonyms.

Negation and antonyms make contradictions ("akan" -> "tidak akan", "mendukung" -> "menentang");
synonyms keep the meaning ("mengatakan" -> "menyatakan").
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from checker.nli.training.perturb_lexicon import (
    Candidate,
    Lexicon,
    apply_one,
    like,
    lookup,
    next_word,
    ordinary_word,
    previous_word,
    word_pattern,
)


def negators(lex: Lexicon) -> frozenset[str]:
    """The negation words: the first word of each phrase the negation table removes."""
    return frozenset(phrase.split()[0] for phrase in lex.negation["remove"])


def _starts_fixed_expression(text: str, start: int, lex: Lexicon) -> bool:
    rest = text[start:].lower()
    return any(
        rest.startswith(phrase) and not rest[len(phrase) : len(phrase) + 1].isalnum()
        for phrase in lex.negation.get("keep", ())
    )


def _conditional(text: str, lex: Lexicon) -> bool:
    blocked = set(lex.negation.get("blocked_by", ()))
    return any(word.strip(',.;:"“”()') in blocked for word in text.split())


def _added(text: str, lex: Lexicon) -> Iterator[Candidate]:
    table = lex.negation["add"]
    negative = negators(lex)
    for match in word_pattern(tuple(table), fold_first=True).finditer(text):
        if previous_word(text, match.start()).lower() in negative or not ordinary_word(
            text, match.start()
        ):
            continue
        if not _starts_fixed_expression(text, match.start(), lex):
            yield match.start(), match.end(), like(match[0], lookup(table, match[0]))


def _removed(text: str, lex: Lexicon) -> Iterator[Candidate]:
    table = lex.negation["remove"]
    for match in word_pattern(tuple(table), fold_first=True).finditer(text):
        if _starts_fixed_expression(text, match.start(), lex) or not ordinary_word(
            text, match.start()
        ):
            continue
        replacement = lookup(table, match[0])
        if replacement:
            yield match.start(), match.end(), like(match[0], replacement)
            continue
        following = next_word(text, match.end())
        if following[:1].isalpha():
            end = text.index(following, match.end()) + len(following)
            yield match.start(), end, like(match[0], following)


def edit_negation(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Add or remove a negation: "akan" -> "tidak akan", "telah" -> "belum", "adalah" ->
    "bukan", "tidak hadir" -> "hadir". Conditional sentences are left alone."""
    if _conditional(text, lex):
        return None
    return apply_one(text, [*_added(text, lex), *_removed(text, lex)], rng)


def edit_antonym(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Replace a word by its opposite ("meningkat" -> "menurun"), unless it is negated."""
    negative = negators(lex)
    candidates = [
        (match.start(), match.end(), like(match[0], lookup(lex.antonyms, match[0])))
        for match in word_pattern(tuple(lex.antonyms), fold_first=True).finditer(text)
        if previous_word(text, match.start()).lower() not in negative
        and ordinary_word(text, match.start())
    ]
    return apply_one(text, candidates, rng)


def edit_synonym(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Replace a word by a synonym from the curated list (and the thesaurus, when loaded)."""
    candidates = [
        (match.start(), match.end(), like(match[0], rng.choice(lookup(lex.synonyms, match[0]))))
        for match in word_pattern(tuple(lex.synonyms), fold_first=True).finditer(text)
        if ordinary_word(text, match.start())
    ]
    return apply_one(text, candidates, rng)
