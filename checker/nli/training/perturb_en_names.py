"""English contradiction edits of names: who is quoted, and which place is meant.

A speaker is swapped only in a plain attribution ("Smith said", '"...," said Smith', "according
to Smith", "the White House said"); a place only where it stands alone as a place ("in Texas",
"Spain's Jon Rahm"), not inside a longer name ("New York Times", "Bank of England") or as an
adjective ("US officials").
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from checker.nli.training.perturb_en_lexicon import (
    EnglishLexicon,
    Place,
    alternation,
    mentioned,
)
from checker.nli.training.perturb_lexicon import (
    Candidate,
    Person,
    apply_one,
    like,
    next_word,
    previous_word,
    word_pattern,
)

NAME_WORD = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
CLOSE = "[,!?][\"”'’]?"
END = r"(?=[.,;:]|$)"


def _name(lex: EnglishLexicon) -> str:
    titles = alternation(lex["attribution"]["titles"])
    return rf"(?P<title>(?:{titles}) )?(?P<who>{NAME_WORD}(?: {NAME_WORD}){{0,2}})"


def _speaker_patterns(lex: EnglishLexicon) -> list[tuple[re.Pattern[str], bool]]:
    """(pattern, whether the speaker opens the sentence) for each plain attribution shape."""
    verbs = alternation(lex["attribution"]["verbs"])
    name = _name(lex)
    according = re.escape(lex["attribution"]["according_to"])
    return [
        (re.compile(rf"^{name} (?:{verbs})\b"), True),
        (re.compile(rf"{CLOSE} {name} (?:{verbs})\b"), False),
        (re.compile(rf"{CLOSE} (?:{verbs}) {name}{END}"), False),
        (re.compile(rf"(?<![\w'’-])(?i:{according}) {name}{END}"), False),
    ]


def _surname_people(lex: EnglishLexicon) -> dict[str, Person]:
    index = {p.short: p for p in lex.people}
    return index | {p.full: p for p in lex.people}


def _plausible_name(match: re.Match[str], at_start: bool, lex: EnglishLexicon) -> bool:
    words = match["who"].split()
    titles = set(lex["attribution"]["titles"])
    if words[0] in titles or f"{words[0]}." in titles:
        return False  # "recalled Ms. Schroeder": a title is no name
    if any(w in lex["attribution"]["not_names"] for w in words):
        return False
    if any(p.spellings and match["who"] in p.spellings for p in lex.places):
        return False  # "Britain said": a place, left to the entity edit
    # a single capitalised word opening a sentence may be any noun ("Police said")
    return not (
        at_start and not match["title"] and len(words) == 1 and words[0] not in _surname_people(lex)
    )


def _replacement(
    text: str, match: re.Match[str], lex: EnglishLexicon, rng: random.Random
) -> Candidate | None:
    """Another person for the speaker: a full name for a full name or a gendered title ("Mr
    Clark" -> "Philip Hammond"), a surname after an office ("President Macron")."""
    others = [p for p in lex.people if not mentioned(text, (p.full, p.short))]
    if not others:
        return None
    chosen = rng.choice(others)
    title = (match["title"] or "").strip()
    if title in lex["attribution"]["gendered_titles"]:
        return match.start("title"), match.end("who"), chosen.full
    if title or len(match["who"].split()) == 1:
        return match.start("who"), match.end("who"), chosen.short
    return match.start("who"), match.end("who"), chosen.full


def _named_speakers(text: str, lex: EnglishLexicon, rng: random.Random) -> Iterator[Candidate]:
    for pattern, at_start in _speaker_patterns(lex):
        for match in pattern.finditer(text):
            if not _plausible_name(match, at_start, lex):
                continue
            if text[match.end("who") : match.end("who") + 2] in ("'s", "’s"):
                continue
            candidate = _replacement(text, match, lex, rng)
            if candidate:
                yield candidate


def _institutions(text: str, lex: EnglishLexicon, rng: random.Random) -> Iterator[Candidate]:
    names = list(lex["speakers"]["institutions"])
    verbs = alternation(lex["attribution"]["verbs"])
    according = re.escape(lex["attribution"]["according_to"])
    pattern = re.compile(
        rf"(?:(?<![\w'’-])(?i:{according}) )?(?P<who>{word_pattern(tuple(names), fold_first=True).pattern})"
    )
    for match in pattern.finditer(text):
        attributed = match[0] != match["who"] or re.match(rf" (?:{verbs})\b", text[match.end() :])
        others = [n for n in names if not mentioned(text, (n,))]
        if attributed and others:
            yield match.start("who"), match.end("who"), like(match["who"], rng.choice(others))


def edit_speaker(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Swap who is quoted: "Mr Clark said" -> "Mr Hammond said", '"...," said Pelosi.' ->
    '"...," said Merkel.', "according to the Pentagon" -> "according to the Kremlin"."""
    candidates = [*_named_speakers(text, lex, rng), *_institutions(text, lex, rng)]
    return apply_one(text, candidates, rng)


def _place_index(lex: EnglishLexicon) -> dict[str, Place]:
    return {spelling: place for place in lex.places for spelling in place.spellings}


def _place_pattern(spellings: list[str]) -> re.Pattern[str]:
    """Place names as written (a leading "the" in either case), possessive allowed."""
    ordered = sorted(spellings, key=len, reverse=True)
    alternatives = "|".join(
        "[Tt]he " + re.escape(s[4:]) if s.startswith("the ") else re.escape(s) for s in ordered
    )
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?=['’]s\b|(?![\w'’-]))")


def _standalone(text: str, start: int, end: int, place: Place, lex: EnglishLexicon) -> bool:
    """Whether the place at ``start:end`` stands alone: no capitalised word next to it, not
    "X of <place>" ("Bank of England"), and a country only before a verb, a preposition or
    punctuation."""
    before = previous_word(text, start)
    lead = text[:start].rstrip()
    if before[:1].isupper() and lead[-1:] not in '.!?:;"“”' and lead:
        return False
    words = lead.split()
    if before == "of" and len(words) >= 2 and words[-2][:1].isupper():
        return False
    after = next_word(text, end)
    if after[:1].isupper() or after[:1].isdigit():
        return False
    if place.pool == "demonyms":
        return True
    rest = text[end:]
    if not after or rest[:1] in ',.;:!?)"”' or rest.startswith(("'s", "’s")):
        return True
    return after in lex["entities"]["followed_by"]


def _replacement_place(
    text: str, place: Place, lex: EnglishLexicon, rng: random.Random
) -> str | None:
    others = [
        p
        for p in lex.places
        if p.pool == place.pool and p.group != place.group and not mentioned(text, p.spellings)
    ]
    return rng.choice(others).name if others else None


def edit_entity(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Swap a country, US state, city or nationality for another of the same kind: "in Texas" ->
    "in Ohio", "Spain's Jon Rahm" -> "Italy's Jon Rahm", "British police" -> "Dutch police"."""
    index = _place_index(lex)
    candidates = []
    for match in _place_pattern(list(index)).finditer(text):
        found = match[0]
        place = index.get(found) or index["t" + found[1:]]
        if not _standalone(text, match.start(), match.end(), place, lex):
            continue
        new = _replacement_place(text, place, lex, rng)
        if not new:
            continue
        if (
            found.endswith(".")
            and not new.endswith(".")
            and not text[match.end() :].strip(" \"'”’")
        ):
            new += "."  # "the U.S." ended the sentence too
        candidates.append((match.start(), match.end(), like(found, new)))
    return apply_one(text, candidates, rng)
