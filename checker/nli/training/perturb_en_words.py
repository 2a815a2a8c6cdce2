"""English word-level edits: negation added or removed on the main verb and antonyms (both
contradictions), synonyms (entailment).

Negation touches only the first auxiliary of a sentence, and only when nothing before it opens a
subordinate clause, a quantified subject or a denial: "Some were injured" / "some were not
injured" and "denied he was there" / "denied he was not there" do not contradict each other.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping

from checker.nli.training.perturb_en_lexicon import (
    YEAR_LIKE,
    EnglishLexicon,
    affirmative,
    alternation,
    blocked_spans,
    inside,
    quantities,
    with_article,
    words_before,
)
from checker.nli.training.perturb_lexicon import (
    WORD_LEFT,
    Candidate,
    apply_one,
    like,
    lookup,
    next_word,
    ordinary_word,
    previous_word,
    word_pattern,
)

NEGATORS = frozenset({"not", "never", "no", "without", "nor", "hardly", "cannot", "barely"})
DO_FORMS = frozenset({"do", "does", "did"})
CONTRACTED = re.compile(
    r"(?<![\w'’-])(?:i|you|we|they)['’](?:re|ve|ll|d|m)\b|(?:it|he|she|that|there|what|who)['’]s\b",
    re.IGNORECASE,
)
PUNCT = "\"“”'‘’(),.;:!?"


def _token_pattern(lex: EnglishLexicon) -> re.Pattern[str]:
    table = lex["negation"]
    words = [*table["add"], *table["contractions"], *DO_FORMS, "never"]
    words += [w.replace("'", "’") for w in table["contractions"]]
    return re.compile(rf"{WORD_LEFT}(?:{alternation(words)})(?![\w'’-])", re.IGNORECASE)


def _numbered(words: list[str], lex: EnglishLexicon) -> bool:
    """Whether a count or share comes before: "30 percent of voters would not take part" does
    not contradict "30 percent would"."""
    number_words = {*lex["numbers"]["words"], "percent", "%", "cent", "proportion", "share"}
    return any(
        (w[:1].isdigit() and not YEAR_LIKE.fullmatch(w)) or w in number_words or w.endswith("%")
        for w in words
    )


def _main_auxiliary(text: str, lex: EnglishLexicon) -> re.Match[str] | None:
    """The first auxiliary, negation or "never" of the sentence, when it is the main verb's."""
    table = lex["negation"]
    match = _token_pattern(lex).search(text)
    if not match:
        return None
    before = words_before(text, match.start())
    if set(before) & set(table["stop_before"]) or _numbered(before, lex):
        return None
    if before[-1:] in (["that"], *[[w] for w in table["nouns_after"]]):
        return None
    if CONTRACTED.search(text[: match.start()]):
        return None  # an earlier "they're", "it's" was the first auxiliary
    return match


def _past(verb: str, lex: EnglishLexicon) -> str | None:
    irregular: Mapping[str, str] = lex["negation"]["irregular_past"]
    if verb in irregular:
        return irregular[verb]
    if re.search(r"(?:^|[^aeiou])[aeiou][^aeiouwxy]$", verb) or verb.endswith("ly"):
        return None  # "stop" -> "stopped" or "visit" -> "visited": the doubling is not certain
    if verb.endswith("e"):
        return verb + "d"
    return verb[:-1] + "ied" if re.search(r"[^aeiou]y$", verb) else verb + "ed"


def _present(verb: str, lex: EnglishLexicon) -> str | None:
    irregular: Mapping[str, str] = lex["negation"]["irregular_present"]
    if verb in irregular:
        return irregular[verb]
    if verb.endswith("ly"):
        return None
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    return verb[:-1] + "ies" if re.search(r"[^aeiou]y$", verb) else verb + "s"


def _undo_support(
    text: str, start: int, do: str, after: int, lex: EnglishLexicon
) -> Candidate | None:
    """ "did not go" -> "went", "does not want" -> "wants", "don't know" -> "know"."""
    verb_match = re.compile(r" ([a-z]+)\b").match(text, after)
    if not verb_match:
        return None
    verb = verb_match[1]
    form = {"did": _past, "does": _present}.get(do.lower(), lambda v, _: v)(verb, lex)
    if not form:
        return None
    return start, verb_match.end(), like(text[start : start + 1], form)


def _kept_phrase(rest: str, lex: EnglishLexicon) -> bool:
    """Whether ``rest`` opens with a phrase whose negation is not the clause's ("not only")."""
    lowered = rest.lower()
    return any(
        lowered.startswith(p) and not lowered[len(p) : len(p) + 1].isalpha()
        for p in lex["negation"]["keep"]
    )


def _removed(text: str, match: re.Match[str], lex: EnglishLexicon) -> Candidate | None:
    """The negation of a contracted form or "never" removed."""
    table = lex["negation"]
    word = match[0].replace("’", "'")
    key = word.lower()
    if key == "never":
        space = re.compile(r" +").match(text, match.end())
        if _kept_phrase(text[match.start() :], lex) or not space or not word.islower():
            return None
        return match.start(), space.end(), ""
    if _kept_phrase("not" + text[match.end() :], lex):
        return None
    positive = table["contractions"][key]
    if positive in DO_FORMS:
        return _undo_support(text, match.start(), positive, match.end(), lex)
    return match.start(), match.end(), like(word, positive)


def _negation_candidate(text: str, match: re.Match[str], lex: EnglishLexicon) -> Candidate | None:
    table = lex["negation"]
    word = match[0]
    key = word.lower().replace("’", "'")
    if key in table["contractions"] or key == "never":
        return _removed(text, match, lex)
    following = next_word(text, match.end())
    if following.lower() in ("not", "never"):
        negation = text.index(following, match.end())
        if _kept_phrase(text[negation:], lex):
            return None
        if key in DO_FORMS:
            return _undo_support(text, match.start(), key, negation + len(following), lex)
        return match.end(), negation + len(following), ""
    bare = following.strip(PUNCT).lower()
    if key in DO_FORMS or bare in table["not_before"] or not bare[:1].isalnum():
        return None
    if key in ("has", "have", "had") and not (
        bare.endswith(("ed", "en")) or bare in table["participles"]
    ):
        return None  # "has 18 wins" has no auxiliary to negate
    if not affirmative(text[match.end() :], lex):
        return None  # "had been no reports" would become a double negative
    return match.start(), match.end(), like(word, table["add"][key])


def edit_negation(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Negate the main verb ("was arrested" -> "was not arrested", "will" -> "will not") or
    remove its negation ("did not win" -> "won", "isn't" -> "is", "has never been" -> "has
    been"). Questions, conditionals and hedged sentences are left alone."""
    table = lex["negation"]
    if text.rstrip(PUNCT + " ").endswith("?") or "?" in text[-3:]:
        return None
    if any(w.strip(PUNCT) in table["blocked_by"] for w in text.split()):
        return None
    match = _main_auxiliary(text, lex)
    candidate = _negation_candidate(text, match, lex) if match else None
    return apply_one(text, [candidate] if candidate else [], rng)


def _ordinary(text: str, match: re.Match[str]) -> bool:
    """An ordinary word, not the start of a name ("North Korea", "Western Union")."""
    following = next_word(text, match.end())
    return ordinary_word(text, match.start()) and not (
        match[0][:1].isupper() and following[:1].isupper()
    )


def _negated(text: str, start: int) -> bool:
    return any(w in NEGATORS or w.endswith("n't") for w in words_before(text, start)[-3:])


def _quantity_follows(text: str, end: int, lex: EnglishLexicon) -> bool:
    """Whether a count or amount (not a year or a day) comes within the next four words."""
    segment = " ".join(text[end:].split()[:4])
    if any(True for _ in quantities(segment, lex)):
        return True
    words = set(lex["numbers"]["words"])
    return any(w.strip(PUNCT).lower() in words for w in segment.split())


def _antonym_candidates(text: str, lex: EnglishLexicon) -> Iterator[Candidate]:
    table = lex["antonyms"]
    held = blocked_spans(text, table["blocked"])
    copula = table["after_copula"]
    for match in word_pattern(tuple(lex.antonyms), fold_first=True).finditer(text):
        key = match[0][:1].lower() + match[0][1:]
        if not _ordinary(text, match) or inside(held, match.start(), match.end()):
            continue
        if _negated(text, match.start()):
            continue  # "did not increase" / "did not decrease" do not contradict
        if key in table["near_number"] and not _quantity_follows(text, match.end(), lex):
            continue
        if (
            key in copula["words"]
            and previous_word(text, match.start()).lower() not in copula["copulas"]
        ):
            continue
        start, replacement = with_article(text, match.start(), like(match[0], lex.antonyms[key]))
        yield start, match.end(), replacement


def edit_antonym(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Replace a word by its opposite ("rose 5%" -> "fell 5%", "won" -> "lost", "before" ->
    "after"), unless it is negated or part of an idiom ("after all", "fell ill")."""
    return apply_one(text, list(_antonym_candidates(text, lex)), rng)


def _synonym_candidates(text: str, lex: EnglishLexicon, rng: random.Random) -> Iterator[Candidate]:
    table = lex["synonyms"]
    held = blocked_spans(text, table["blocked"])
    for match in word_pattern(tuple(lex.synonyms), fold_first=True).finditer(text):
        if _ordinary(text, match) and not inside(held, match.start(), match.end()):
            choice = rng.choice(lookup(lex.synonyms, match[0]))
            start, replacement = with_article(text, match.start(), like(match[0], choice))
            yield start, match.end(), replacement
    before: Mapping[str, str] = table["before_number"]
    for match in word_pattern(tuple(before), fold_first=True).finditer(text):
        if re.match(r" (?:US|A|C)?[$£€]?\d", text[match.end() :]) and ordinary_word(
            text, match.start()
        ):
            yield match.start(), match.end(), like(match[0], lookup(before, match[0]))
    after: Mapping[str, str] = table["after_number"]
    words = set(lex["numbers"]["words"])
    for match in word_pattern(tuple(after)).finditer(text):
        number = previous_word(text, match.start())
        if re.fullmatch(r"\d[\d,.]*", number) or number.lower() in words:
            yield match.start(), match.end(), after[match[0]]


def edit_synonym(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Replace a word by a synonym from the curated list ("said" -> "stated", "about 50" ->
    "approximately 50", "58 people" -> "58 persons")."""
    return apply_one(text, list(_synonym_candidates(text, lex, rng)), rng)
