"""English clause-level edits that keep the meaning: direct speech made reported speech, and a
trailing clause dropped where the premise still entails what is left.

'"The toll is rising," he said.' -> "He said that the toll is rising."; "Prices rose, which
hurt exporters." -> "Prices rose." A quote in the first or second person, a question or several
sentences is never reported ("I will go" is not "he will go"), and nothing carrying an
attribution or a condition is dropped.
"""

from __future__ import annotations

import random
import re

from checker.nli.training.perturb_en_lexicon import EnglishLexicon, alternation
from checker.nli.training.perturb_lexicon import Candidate, apply_one, word_pattern

QUOTES = '"“”'
NO_QUOTES = r"[^\"“”]"
MIN_QUOTE_WORDS = 4
MAX_SPEAKER_WORDS = 10
RELATIVES = frozenset({"which", "who", "whose", "where"})
CONTINUATION = re.compile(
    r", (?:is|are|was|were|has|have|had|will|would|can|could|should|must|did|does|do|"
    r"may|might|\w+ed)\b"
)
CLEFT = re.compile(r"\b[Ii]t(?: was| is|['’]s)\b")
LIST = re.compile(r", (?:and|or)\b")
NEW_CLAUSE = re.compile(r", (?:he|she|they|it|we|i|police|officials|authorities|the|a|an|[A-Z])\b")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _decapitalised(text: str, lex: EnglishLexicon) -> str:
    """Lower the first letter when the first word is a common sentence opener ("The", "It");
    any other word may be a name and keeps its capital."""
    first = text.split()[0].strip(",.;:").replace("’", "'") if text.split() else ""
    if first.lower() not in lex["attribution"]["lowercase_starters"] or first == "I":
        return text
    return text[:1].lower() + text[1:]


def _reported(quote: str, lex: EnglishLexicon) -> str | None:
    """The quote as a "that" clause, or None when that would change what it says."""
    inner = quote.strip().rstrip(",. ").strip()
    tokens = re.findall(r"[A-Za-z]+", inner)
    if (
        not inner[:1].isupper()
        or inner.endswith(("?", "!", "-", "–"))
        or re.search(r"[.!?;:] ", inner)
    ):
        return None  # a question, an exclamation, a fragment or several sentences
    if len(tokens) < MIN_QUOTE_WORDS or set(tokens) & set(lex["attribution"]["personal_pronouns"]):
        return None
    if re.search(r"(?<![A-Za-z])['‘]|['’](?![A-Za-z])", inner):
        return None  # a quote inside the quote
    letters = [ch for ch in inner if ch.isalpha()]
    if sum(ch.isupper() for ch in letters) > len(letters) / 2 or not has_verb(inner, lex):
        return None  # shouting, or a fragment ("Such an out of touch advert")
    return f"{lex['attribution']['complementizer']} {_decapitalised(inner, lex)}"


def _speech_last(text: str, lex: EnglishLexicon) -> str | None:
    """'"Q," he said.' / '"Q," said Smith.' / '"Q," a spokesman told Reuters.' -> reported."""
    table = lex["attribution"]
    match = re.match(rf"^[\"“](?P<q>{NO_QUOTES}+?),[\"”] (?P<rest>{NO_QUOTES}+)\.$", text)
    if not match:
        return None
    that = alternation(table["reporting_that"])
    telling = alternation(table["telling"])
    speaker = r"(?P<who>[^,;:\"“”]+?)"
    # after the verb, only a name or a plain noun phrase ("said the 31-year-old")
    named = r"(?P<who>(?:the |a |an )?[\w'’.-]+(?: (?!(?:to|in|at|on|for|with|from|about|by|of)\b)[\w'’.-]+){0,5})"
    forms = (
        (rf"^{speaker} (?P<verb>{that})$", "{who} {verb}"),
        (rf"^(?P<verb>{that}) {named}$", "{who} {verb}"),
        (rf"^{speaker} (?P<verb>{telling}) (?P<obj>[^,;:\"“”]+?)$", "{who} {verb} {obj}"),
    )
    for pattern, shape in forms:
        rest = re.match(pattern, match["rest"])
        if (
            rest
            and len(rest["who"].split()) <= MAX_SPEAKER_WORDS
            and (clause := _reported(match["q"], lex))
        ):
            head = shape.format(**rest.groupdict())
            return f"{_capitalised(head)} {clause}."
    return None


def _speech_first(text: str, lex: EnglishLexicon) -> str | None:
    """'He said: "Q."' / 'Smith told reporters, "Q."' -> reported speech."""
    table = lex["attribution"]
    verbs = alternation([*table["reporting_that"]])
    telling = alternation(table["telling"])
    match = re.match(
        rf"^(?P<who>[^\"“”,:]+? (?:(?:{verbs})|(?:{telling}) [^\"“”,:]+?))[,:] "
        rf"[\"“](?P<q>{NO_QUOTES}+)[\"”]\.?$",
        text,
    )
    if not match or table["complementizer"] in match["who"].split():
        return None
    if len(match["who"].split()) > MAX_SPEAKER_WORDS + 2:
        return None
    clause = _reported(match["q"], lex)
    return f"{match['who']} {clause}." if clause else None


def edit_reported(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Turn direct speech into reported speech: '"Q," he said.' or 'He said: "Q."' -> "He said
    that q." Quotes with "I", "we", "you" or "here" are left alone."""
    stripped = text.strip()
    candidates: list[Candidate] = [
        (0, len(text), new)
        for new in (_speech_last(stripped, lex), _speech_first(stripped, lex))
        if new
    ]
    return apply_one(text, candidates, rng)


def _balanced(text: str) -> bool:
    return (
        text.count('"') % 2 == 0
        and text.count("“") == text.count("”")
        and text.count("(") == text.count(")")
    )


def has_verb(text: str, lex: EnglishLexicon) -> bool:
    """Whether ``text`` holds a finite verb (an auxiliary, a past form or a reporting verb): a
    kept part without one is a fronted phrase ("In the city of X"), not a clause."""
    negation = lex["negation"]
    forms = {*negation["add"], *negation["irregular_past"].values(), *negation["participles"]}
    forms |= {*lex["attribution"]["verbs"], "did", "does", "do", "says", "cannot"}
    words = [w.strip("\"“”'(),.;:!?").lower() for w in text.split()]
    return any(w in forms or (w.endswith("ed") and len(w) > 4) or w.endswith("n't") for w in words)


def _cut_words(lex: EnglishLexicon) -> re.Pattern[str]:
    clauses = lex["clauses"]
    return re.compile(rf", (?P<w>(?:{alternation(clauses['droppable_after'])})\b|[a-z]+ing\b)")


def edit_drop_clause(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Drop a trailing clause the rest does not depend on: a contrast (", but ..."), a
    non-restrictive relative clause (", which ...") or a participial phrase (", leaving ...").
    Never an attribution, a condition, a time phrase, or anything inside quotes."""
    clauses, table = lex["clauses"], lex["attribution"]
    end = text.rstrip()
    words = end.split()
    if (
        not words
        or words[0].strip(",") in clauses["subordinators"]
        or words[0].endswith(("ing", "ed"))
    ):
        return None
    final = end[-1] if end[-1:] in ".!?" else "."
    reporting = word_pattern(tuple([*table["verbs"], "according", "reportedly", "reported"]))
    candidates = []
    for cut in _cut_words(lex).finditer(end):
        kept, dropped = end[: cut.start()], end[cut.start() :]
        if cut["w"].endswith("ing") and cut["w"] in clauses["not_participles"]:
            continue
        if any(q in dropped for q in QUOTES + "'‘’") or re.search(r"[.!?] ", dropped):
            continue
        if reporting.search(dropped) or NEW_CLAUSE.search(dropped[2:]):
            continue
        if (cut["w"] in RELATIVES and ", " in dropped[2:]) or CONTINUATION.search(dropped[2:]):
            continue  # the clause sits inside the sentence: the rest of it would go too
        if cut["w"] in RELATIVES and CLEFT.search(kept):
            continue  # "it was X which won": the relative clause is the point
        if cut["w"].endswith("ing") and LIST.search(dropped):
            continue  # ", interfering with ..., and possessing ...": a list, not an aside
        if (
            len(kept.split()) >= clauses["min_kept_words"]
            and len(dropped.split()) > clauses["min_dropped_words"]
            and _balanced(kept)
            and has_verb(kept, lex)
        ):
            candidates.append((0, len(text), kept.rstrip(",;:") + final))
    return apply_one(text, candidates, rng)
