"""Who a quote is attributed to: speakers, pronouns and cited outlets, told apart in phrases.

Support for :mod:`claims.quotes.find`. The words (reporting verbs, outlet markers, pronouns,
speaker titles) come from the language's ``quotes`` section (``claims/lang/<code>/quotes.toml``); whether a name is a news outlet
comes from the gazetteer of :mod:`claims.entities` ("menurut CCTV" cites an outlet, "menurut
Kremlin" names a speaker). Every function works on a *masked* sentence, where quoted text is
replaced by ``MASK`` so that nothing inside a quotation is taken for an attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from claims.entities import match_aliases
from claims.lang import LanguageData
from claims.quotes.marks import MASK

BOUNDARY = re.compile(r"[,;:()\[\]!?\ufffc]|\.(?=\s|$)|\s[–—-]\s")
EDGE = ",;:!?()[]\"'“”‘’«»„"
_WORD = re.compile(r"\S+")

Token = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Party:
    """Who a phrase names: a speaker, a pronoun standing for someone named before, or a medium."""

    kind: str  # "speaker", "pronoun" or "media"
    name: str


@dataclass(frozen=True, slots=True)
class AttributionRules:
    """One language's attribution words from ``quotes.toml``, compiled."""

    language: LanguageData
    clause_verbs: re.Pattern[str] | None  # speaker before, clause after: "X mengatakan ..."
    quote_verbs: re.Pattern[str] | None  # after a quotation, speaker after: '"...," kata X'
    impersonal: re.Pattern[str] | None  # no speaker: "Disebutkan bahwa ..."
    complementisers: frozenset[str]
    window: int
    name_after: re.Pattern[str] | None  # outlet follows: "dikutip dari Reuters"
    name_before: re.Pattern[str] | None  # outlet precedes: "seperti CNA lansir"
    source_after: re.Pattern[str] | None  # outlet or speaker follows: "menurut X"
    source_before: re.Pattern[str] | None  # outlet or speaker precedes: "CCTV melaporkan"
    media_words: tuple[str, ...]
    pronouns: frozenset[str]
    titles: frozenset[str]
    skip: frozenset[str]
    trailing: frozenset[str]
    stops: frozenset[str]
    alias_words: frozenset[str]
    max_words: int


def party(text: str, tokens: Sequence[Token], rules: AttributionRules) -> Party | None:
    """Who ``tokens`` name: a medium, a pronoun, or a speaker from the first title or
    capitalised word on ("seorang juru bicara ..." -> "juru bicara ...")."""
    if not tokens:
        return None
    phrase = text[tokens[0][0] : tokens[-1][1]]
    medium = _medium(phrase, rules)
    if medium:
        return Party("media", medium)
    if " ".join(bare(text[a:b]) for a, b in tokens) in rules.pronouns:
        return Party("pronoun", phrase)
    for i, (a, b) in enumerate(tokens):
        word, folded = text[a:b], bare(text[a:b])
        if folded in rules.pronouns:
            return Party("pronoun", word)
        capital = word[:1].isupper() and (folded not in rules.skip or word.isupper())
        if folded in rules.titles or capital:
            return _speaker(text, list(tokens[i:]), rules)
    return None


def left_party(text: str, tokens: Sequence[Token], rules: AttributionRules) -> Party | None:
    """The party nearest the end of ``tokens`` ("Kremlin dari percakapan telepon" -> Kremlin)."""
    for segment in reversed(segments(text, tokens, rules)):
        found = party(text, segment, rules)
        if found is not None:
            return found
    return None


def right_party(masked: str, text: str, start: int, rules: AttributionRules) -> Party | None:
    """The party named right after ``start`` ("kata Xi kepada Putin" -> Xi)."""
    return party(text, segments(text, tokens_after(masked, start), rules)[0], rules)


def sources(
    masked: str, text: str, rules: AttributionRules
) -> tuple[list[tuple[int, str]], list[tuple[int, Party]]]:
    """Outlets cited, as (position, name), and speakers named by markers ("mengutip Xi")."""
    outlets: list[tuple[int, str]] = []
    speakers: list[tuple[int, Party]] = []
    markers = (
        (rules.name_after, True, True),
        (rules.source_after, True, False),
        (rules.name_before, False, True),
        (rules.source_before, False, False),
    )
    for pattern, after, always in markers:
        for m in pattern.finditer(masked) if pattern else ():
            if after:
                found = right_party(masked, text, m.end(), rules)
            else:
                found = left_party(text, tokens_before(masked, m.start()), rules)
            if found and (found.kind == "media" or (always and found.kind == "speaker")):
                outlets.append((m.start(), found.name))
            elif found and found.kind == "speaker":
                speakers.append((m.start(), found))
    return outlets, speakers


def has_marker(piece: str, rules: AttributionRules) -> bool:
    """Whether ``piece`` holds an outlet or source marker (an aside: "seperti CNA lansir")."""
    patterns = (rules.name_after, rules.name_before, rules.source_after, rules.source_before)
    return any(p.search(piece) for p in patterns if p)


def segments(text: str, tokens: Sequence[Token], rules: AttributionRules) -> list[list[Token]]:
    """``tokens`` split at the words that end a name ("Xi kepada Putin" -> [Xi], [Putin])."""
    found: list[list[Token]] = [[]]
    for token in tokens:
        if bare(text[token[0] : token[1]]) in rules.stops:
            found.append([])
        else:
            found[-1].append(token)
    return found


def chunk_start(masked: str, end: int) -> tuple[int, int]:
    """Where the boundary before ``end`` starts, and where the stretch after it starts."""
    edge, start = 0, 0
    for m in BOUNDARY.finditer(masked, 0, end):
        edge, start = m.start(), m.end()
    return edge, start


def chunk_end(masked: str, start: int) -> int:
    """Where the stretch from ``start`` meets a boundary (comma, quotation, full stop, ...)."""
    m = BOUNDARY.search(masked, start)
    return m.start() if m else len(masked)


def tokens(masked: str, a: int, b: int) -> list[Token]:
    """The words of ``masked[a:b]`` outside quotations, as spans."""
    return [m.span() for m in _WORD.finditer(masked, a, b) if MASK not in m.group()]


def tokens_after(masked: str, start: int) -> list[Token]:
    return tokens(masked, start, chunk_end(masked, start))


def tokens_before(masked: str, end: int) -> list[Token]:
    """The words before ``end`` back to a boundary, or across one comma when none are there
    ("Media China, CCTV, mengutip" -> CCTV)."""
    edge, start = chunk_start(masked, end)
    if not masked[start:end].strip() and masked[edge : edge + 1] == ",":
        end = edge
        edge, start = chunk_start(masked, end)
    return tokens(masked, start, end)


def bare(word: str) -> str:
    """``word`` casefolded without surrounding punctuation, for comparison with word lists."""
    return word.strip(EDGE + ".").casefold()


def _speaker(text: str, found: list[Token], rules: AttributionRules) -> Party | None:
    """A speaker from its first word, without trailing adverbs ("Xi juga") and taking the
    name after "alias" ("Kantor Presiden Rusia alias Kremlin" -> Kremlin)."""
    while found and bare(text[found[-1][0] : found[-1][1]]) in rules.trailing | rules.stops:
        found.pop()
    aliased = [i for i, (a, b) in enumerate(found) if bare(text[a:b]) in rules.alias_words]
    if aliased:
        found = found[aliased[-1] + 1 :]
    if not found or len(found) > rules.max_words:
        return None
    phrase = text[found[0][0] : found[-1][1]].strip(EDGE)
    if " ".join(bare(text[a:b]) for a, b in found) in rules.pronouns:
        return Party("pronoun", phrase)
    return Party("speaker", phrase) if phrase else None


def _medium(phrase: str, rules: AttributionRules) -> str | None:
    """A known outlet named in ``phrase``, or the phrase when it opens with a media word."""
    for m in match_aliases(phrase, language=rules.language):
        if m.kind == "MEDIA":
            return m.canonical
    folded = " ".join(phrase.casefold().split())
    if any(folded == w or folded.startswith(w + " ") for w in rules.media_words):
        return phrase.strip(EDGE)
    return None


@cache
def attribution_rules(language: LanguageData) -> AttributionRules:
    """The rules of ``language``'s quotes section; empty when it has none."""
    q = language.quotes
    return AttributionRules(
        language=language,
        clause_verbs=_any_of(q.clause_verbs),
        quote_verbs=_any_of(q.quote_verbs, suffix=q.pronoun_suffix),
        impersonal=_any_of(q.impersonal),
        complementisers=_folded(q.complementisers),
        window=q.complementiser_window,
        name_after=_any_of(q.name_after),
        name_before=_any_of(q.name_before),
        source_after=_any_of(q.source_after),
        source_before=_any_of(q.source_before),
        media_words=tuple(_folded(q.media_words)),
        pronouns=_folded(q.pronouns),
        titles=_folded(q.titles),
        skip=_folded([*language.stopwords.words, *q.skip]),
        trailing=_folded(q.trailing),
        stops=_folded(q.stops),
        alias_words=_folded(q.alias_words),
        max_words=q.max_words,
    )


def _folded(words: Iterable[object]) -> frozenset[str]:
    return frozenset(" ".join(str(w).casefold().split()) for w in words if str(w).strip())


def _any_of(words: Iterable[object], *, suffix: str = "") -> re.Pattern[str] | None:
    """Whole words or phrases, longest first, any case; groups ``verb`` and ``suffix``."""
    phrases = sorted(_folded(words), key=len, reverse=True)
    if not phrases:
        return None
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    tail = f"(?P<suffix>{re.escape(suffix)})?" if suffix else "(?P<suffix>(?!))?"
    return re.compile(rf"(?<!\w)(?P<verb>{body}){tail}(?!\w)", re.IGNORECASE)
