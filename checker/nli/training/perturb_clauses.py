"""Clause-level perturbations that keep the meaning: reordering an attribution, turning direct
speech into reported speech, and dropping a trailing clause the rest does not depend on.

"X, kata Y." -> "Y mengatakan bahwa X."; '"Q," kata Y.' -> "Y mengatakan bahwa Q."; "A, sehingga
B." -> "A." Each returns None when the sentence does not have the shape it needs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass

from checker.nli.training.perturb_lexicon import Lexicon, apply_one, word_pattern

QUOTE_CHARS = '"“”'
NO_QUOTES = r"[^\"“”]"
MIN_REPORTED_WORDS = 5
MIN_SAID_WORDS = 3
MAX_SPEAKER_WORDS = 8


@dataclass(frozen=True, slots=True)
class Attribution:
    """A sentence split as speech + speaker: what was said, by whom, with which verb."""

    said: str
    quoted: bool
    speaker: str  # the speaker phrase, then any words after it ("Xi kepada Putin")
    verb: str  # the full reporting verb ("mengatakan")
    tail: str  # a trailing ", seperti dilansir ..." kept after the verb ("" when none)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _proper_names(lex: Lexicon) -> set[str]:
    names = {n.split()[0] for c in lex.countries for n in c.names}
    names |= {p.full.split()[0] for p in lex.people} | {p.short.split()[0] for p in lex.people}
    names |= {c.capital for c in lex.countries if c.capital}
    return names | {o.split()[0] for o in lex.outlets["names"]}


def _decapitalise(text: str, lex: Lexicon) -> str:
    """Lower the first letter, unless the first word is a name or an acronym."""
    first = text.split()[0].strip(",.;:") if text.split() else ""
    if first in _proper_names(lex) or sum(ch.isupper() for ch in first) > 1:
        return text
    return text[:1].lower() + text[1:]


def _speaker_and_rest(who: str, lex: Lexicon) -> tuple[str, str]:
    """Split "Xi kepada Putin" into the speaker "Xi" and the rest " kepada Putin"."""
    stops = set(lex.attribution.get("speaker_stops", ()))
    words = who.split()
    for index, word in enumerate(words[1:], start=1):
        if word in stops:
            return " ".join(words[:index]), " " + " ".join(words[index:])
    return who, ""


def _movable_tail(tail: str, lex: Lexicon) -> bool:
    """Whether a tail after the speaker may follow the verb: a relay, a place, a time or a date
    (", seperti dilansir CNA", ", Selasa (28/4)"), not an appositive (", Febri Diansyah, ...")."""
    words = tail.lstrip(",").split()
    openers = set(lex.attribution.get("tail_openers", ())) | set(lex.calendar["weekdays"])
    return not words or words[0] in openers


def split_attribution(text: str, lex: Lexicon) -> Attribution | None:
    """Parse '"Q," kata Y, ...' or "X, kata Y, ..." (a short reporting verb after the speech)."""
    verbs = lex.attribution["short_verbs"]
    pattern = re.compile(
        rf"^(?P<said>.+?)(?P<sep>,[\"”]|[\"”],?|,) (?P<verb>{_alternation(verbs)}) "
        rf"(?P<who>[^,.\"“”]+?)(?P<tail>,{NO_QUOTES}+?)?\.$"
    )
    match = pattern.match(text.strip())
    if not match or len(match["who"].split()) > MAX_SPEAKER_WORDS:
        return None
    if not _movable_tail(match["tail"] or "", lex):
        return None
    said = match["said"] + match["sep"].strip(",")
    if len(said.split()) < MIN_SAID_WORDS:
        return None
    quoted = (
        said[:1] in '"“' and said[-1:] in '"”' and not any(q in said[1:-1] for q in QUOTE_CHARS)
    )
    if not quoted and (said[:1] in QUOTE_CHARS or re.search(r"[.!?] ", said)):
        return None
    return Attribution(said, quoted, match["who"], verbs[match["verb"]], match["tail"] or "")


def _reported(said: str, lex: Lexicon) -> str | None:
    """The quote as a reported clause ("bahwa ..."), or None when that would change its meaning."""
    inner = said.strip(QUOTE_CHARS).rstrip(",. ")
    pronouns = set(lex.attribution.get("personal_pronouns", ()))
    words = [w.strip(",.;:!?()").lower() for w in inner.split()]
    if not inner[:1].isupper() or inner.endswith(("?", "!")) or re.search(r"[.!?] ", inner):
        return None  # a question, an exclamation or several sentences
    if len(words) < MIN_REPORTED_WORDS or pronouns & set(words):
        return None
    return f"{lex.attribution['complementizer']} {_decapitalise(inner, lex)}"


def _speech_first(attribution: Attribution, clause: str, end: str = ".") -> str:
    speaker = _capitalise(attribution.speaker)
    separator = "," if attribution.tail or clause.startswith(('"', "“")) else ""
    return f"{speaker} {attribution.verb}{attribution.tail}{separator} {clause}{end}"


def edit_reorder(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Put the speaker first ('"Q," kata Y.' -> 'Y mengatakan, "Q."', "X, kata Y." -> "Y
    mengatakan bahwa X."), or move "Menurut Z, ..." to the end."""
    candidates = []
    attribution = split_attribution(text, lex)
    if attribution:
        speaker, rest = _speaker_and_rest(attribution.speaker, lex)
        moved = Attribution(
            attribution.said, attribution.quoted, speaker, attribution.verb + rest, attribution.tail
        )
        if attribution.quoted:
            said = attribution.said
            clause = said[:-1].rstrip(",.") + ("" if said[-2:-1] in "?!" else ".") + said[-1]
            candidates.append((0, len(text), _speech_first(moved, clause, end="")))
        else:
            clause = f"{lex.attribution['complementizer']} {_decapitalise(attribution.said, lex)}"
            candidates.append((0, len(text), _speech_first(moved, clause)))
    according = _capitalise(lex.attribution["according_to"])
    match = re.match(rf"^{according} (?P<who>[^,\"“”]+), (?P<rest>{NO_QUOTES}+)\.$", text.strip())
    if match and len(match["who"].split()) <= 6:
        rest = _capitalise(match["rest"])
        candidates.append((0, len(text), f"{rest}, {according.lower()} {match['who']}."))
    return apply_one(text, candidates, rng)


def edit_reported(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Turn direct speech into reported speech: '"Q," kata Y.' or 'Y mengatakan, "Q."' -> "Y
    mengatakan bahwa Q." Quotes with first- or second-person words are left alone."""
    candidates = []
    attribution = split_attribution(text, lex)
    if attribution and attribution.quoted and (clause := _reported(attribution.said, lex)):
        speaker, rest = _speaker_and_rest(attribution.speaker, lex)
        moved = Attribution(
            attribution.said, True, speaker, attribution.verb + rest, attribution.tail
        )
        candidates.append((0, len(text), _speech_first(moved, clause)))
    verbs = _alternation(lex.attribution["verbs"])
    match = re.match(
        rf"^(?P<who>[^\"“”]+? (?:{verbs})(?: [^\"“”,:]+?)?)[,:]? "
        rf"(?P<said>[\"“]{NO_QUOTES}+[\"”])\.?$",
        text.strip(),
    )
    complementizer = lex.attribution["complementizer"]
    if (
        match
        and complementizer not in match["who"].split()
        and (clause := _reported(match["said"], lex))
    ):
        candidates.append((0, len(text), f"{match['who']} {clause}."))
    return apply_one(text, candidates, rng)


def _balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def _cut_points(text: str, lex: Lexicon) -> list[tuple[int, bool]]:
    """Offsets of ", <connective|relay>" with whether the cut is a relay attribution."""
    clauses = lex.clauses
    relays = [
        (m.start(), True)
        for m in re.finditer(rf", (?:{_alternation(clauses['relay_attributions'])}) ", text)
    ]
    first = text.split()[0].strip(",") if text.split() else ""
    if first in clauses.get("subordinators", ()):
        return relays
    connectives = re.finditer(rf", (?:{_alternation(clauses['droppable_after'])}) ", text)
    return relays + [(m.start(), False) for m in connectives]


def edit_drop_clause(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Drop a trailing clause the premise entails without ("A, sehingga B." -> "A."), or a
    trailing relay attribution (", seperti dilansir Reuters"). Never cuts inside quotes, lists,
    conditions or the speech of an attribution."""
    end = text.rstrip()
    final = end[-1] if end[-1:] in ".!?" else "."
    table = lex.attribution
    reporting = word_pattern(tuple([*table["markers"], *table["short_verbs"], *table["verbs"]]))
    candidates = []
    for cut, relay in _cut_points(end, lex):
        kept, dropped = end[:cut], end[cut:]
        if any(q in dropped for q in QUOTE_CHARS) or re.search(r"[.!?] ", dropped):
            continue
        if not relay and (reporting.search(dropped) or ", " in dropped[2:]):
            continue
        if (
            len(kept.split()) >= lex.clauses["min_kept_words"]
            and len(dropped.split()) >= 3
            and _balanced(kept)
        ):
            candidates.append((0, len(text), kept + final))
    return apply_one(text, candidates, rng)
