"""Quotes in a sentence and the reporting constructions that attribute them.

Quoted text is masked (:mod:`claims.quotes.marks`) before attribution is looked for, so a
"mengatakan" inside a quotation never makes a speaker; who a phrase names is read by
:mod:`claims.quotes.attribution`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.entities import replace_aliases
from claims.lang import LanguageData, as_language, load_language
from claims.quotes.attribution import (
    BOUNDARY,
    AttributionRules,
    Party,
    attribution_rules,
    chunk_end,
    chunk_start,
    has_marker,
    left_party,
    party,
    right_party,
    sources,
    tokens,
)
from claims.quotes.marks import MASK, TRIM, mask_quotations, quoted_regions, trim
from claims.terms import TOKEN
from claims.types import Article, Quote, Sentence

_WORD = re.compile(r"\S+")
_LETTER = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class _Report:
    """A reporting construction: its verb, who it names and the reported clause, if any."""

    verb: str
    party: Party | None
    position: int
    clause: tuple[int, int] | None


def find_quotes(
    sentence: Sentence,
    article: Article,
    *,
    previous_speaker: str | None = None,
    language: LanguageData | None = None,
) -> tuple[Quote, ...]:
    """The direct and reported quotes of ``sentence``, in order, with spans into the article.

    Every quote of the sentence shares its attribution: speaker (a pronoun resolves to
    ``previous_speaker``), reporting verb and cited outlet. A quote whose sentence names no
    speaker keeps ``speaker=None``; the caller may attach the previous one. ``language``
    defaults to the data for ``article.language``.
    """
    rules = attribution_rules(language or load_language(article.language))
    text, base = sentence.text, sentence.span.start
    regions = quoted_regions(text)
    masked = mask_quotations(text, regions)
    report = _reporting(masked, text, rules) or _sourced(masked, text, rules)
    speaker, outlet = _attribution(masked, text, rules, report, previous_speaker)
    spans = [(*trim(text, a + 1, b - closed), True) for a, b, closed in regions]
    if report is not None and report.clause is not None:
        spans.append((*report.clause, False))
    verb = report.verb if report else None
    return tuple(
        Quote(text[a:b], article.span(base + a, base + b), direct, speaker, verb, outlet)
        for a, b, direct in sorted(spans, key=lambda s: (s[0], s[2]))
        if a < b and _LETTER.search(text, a, b)
    )


def normalise_quote(text: str, *, language: str | LanguageData) -> str:
    """The form in which two quotes are compared: aliases made canonical ("Beijing" ->
    "China"), casefolded, punctuation and quotation marks dropped, whitespace collapsed."""
    canonical = replace_aliases(text, language=as_language(language))
    return " ".join(TOKEN.findall(canonical.casefold()))


def _attribution(
    masked: str, text: str, rules: AttributionRules, report: _Report | None, previous: str | None
) -> tuple[str | None, str | None]:
    """The sentence's speaker and cited outlet: the reporting verb's party first, then a
    speaker named by a marker ("mengutip pernyataan Xi"), then the name opening the sentence."""
    outlets, named = sources(masked, text, rules)
    who = report.party if report else None
    if who is not None and who.kind == "media":
        outlets.append((report.position if report else 0, who.name))
        who = None
    if who is None and named:
        who = min(named, key=lambda found: found[0])[1]
    if who is None and report is not None:
        who = _subject(masked, text, rules)
    speaker = previous if who and who.kind == "pronoun" else (who.name if who else None)
    return speaker or None, min(outlets)[1] if outlets else None


def _reporting(masked: str, text: str, rules: AttributionRules) -> _Report | None:
    """The first reporting verb that names a party or a clause: '"...," kata X', 'X mengatakan
    bahwa ...', '"...", X mengungkapkan', 'Disebutkan bahwa ...'."""
    handlers = (
        (rules.quote_verbs, _quote_verb),
        (rules.clause_verbs, _clause_verb),
        (rules.impersonal, _impersonal),
    )
    found = sorted(
        (m.start(), order, m)
        for order, (pattern, _handler) in enumerate(handlers)
        for m in (pattern.finditer(masked) if pattern else ())
    )
    for _start, order, m in found:
        report = handlers[order][1](m, masked, text, rules)
        if report is not None:
            return report
    return None


def _quote_verb(
    m: re.Match[str], masked: str, text: str, rules: AttributionRules
) -> _Report | None:
    """'"...," kata X' or '..., ujar X': valid only after a quotation or a comma."""
    before = masked[: m.start()].rstrip()
    if not before or before[-1] not in (MASK, ","):
        return None
    if m.group("suffix"):
        who: Party | None = Party("pronoun", m.group())
    else:
        who = right_party(masked, text, m.end(), rules)
    end = len(before) - (before[-1] == ",")
    return _Report(_verb(m), who, m.end(), _lead_clause(masked, text, end, rules))


def _clause_verb(
    m: re.Match[str], masked: str, text: str, rules: AttributionRules
) -> _Report | None:
    """'X mengatakan, ...' (the clause follows) or '"...", X mengungkapkan.' (it precedes)."""
    edge, a = chunk_start(masked, m.start())
    who = left_party(text, tokens(masked, a, m.start()), rules)
    if who is None:
        return None
    follows_quote = a > 0 and masked[a - 1] == MASK
    if follows_quote or _nothing_said(masked[m.end() :], rules):
        clause = _lead_clause(masked, text, a if follows_quote else edge, rules)
        return _Report(_verb(m), who, a, clause)
    return _Report(_verb(m), who, a, _forward_clause(masked, text, m.end(), rules))


def _impersonal(
    m: re.Match[str], masked: str, text: str, rules: AttributionRules
) -> _Report | None:
    """'Disebutkan bahwa ...': a clause reported without a speaker."""
    word = _WORD.match(masked, _past_lead(masked, m.end()))
    if word is None or word.group().casefold() not in rules.complementisers:
        return None
    a, b = trim(text, word.end(), _clause_end(masked, word.end(), rules))
    return _Report(_verb(m), None, m.start(), (a, b) if a < b else None)


def _sourced(masked: str, text: str, rules: AttributionRules) -> _Report | None:
    """'Menurut X, ...', 'Dilansir X, ...' or '..., menurut X.': the rest is what X reported."""
    start = len(masked) - len(masked.lstrip())
    for pattern in (rules.source_after, rules.name_after):
        m = pattern.match(masked, start) if pattern else None
        end = chunk_end(masked, m.end()) if m else 0
        if m is None or masked[end : end + 1] != ",":
            continue
        i = end + 1
        while (aside := BOUNDARY.search(masked, i)) and masked[aside.start()] == ",":
            if not has_marker(masked[i : aside.start()], rules):
                break
            i = aside.end()  # past an aside such as ", seperti Channel News Asia lansir,"
        a, b = trim(text, i, _clause_end(masked, i, rules))
        return _Report(_verb(m), right_party(masked, text, m.end(), rules), m.start(), (a, b))
    for m in rules.source_after.finditer(masked) if rules.source_after else ():
        before = masked[: m.start()].rstrip()
        if before.endswith(",") and not masked[chunk_end(masked, m.end()) :].strip(TRIM):
            clause = trim(text, 0, len(before) - 1)
            return _Report(_verb(m), right_party(masked, text, m.end(), rules), m.start(), clause)
    return None


def _lead_clause(
    masked: str, text: str, end: int, rules: AttributionRules
) -> tuple[int, int] | None:
    """The sentence before ``end`` as a reported clause, when it says more than its quotations
    and the name of whoever is quoted."""
    a, b = trim(text, 0, end)
    subject = len(_subject_tokens(masked, text, rules))
    words = [t for t in tokens(masked, a, b)[subject:] if _LETTER.search(masked, *t)]
    return (a, b) if words else None


def _forward_clause(
    masked: str, text: str, start: int, rules: AttributionRules
) -> tuple[int, int] | None:
    """What follows a reporting verb, after a complementiser ("bahwa") when one comes soon."""
    i = _past_lead(masked, start)
    for n, word in enumerate(_WORD.finditer(masked, i, chunk_end(masked, i))):
        if n >= rules.window:
            break
        if word.group().casefold() in rules.complementisers:
            i = word.end()
            break
    a, b = trim(text, i, _clause_end(masked, i, rules))
    if a >= b or masked[a] == MASK:
        return None  # nothing said, or a direct quotation the verb introduces
    return a, b


def _clause_end(masked: str, start: int, rules: AttributionRules) -> int:
    """Where a clause stops: before a trailing attribution (", menurut CCTV", '," kata Xi')."""
    end = len(masked)
    for pattern in (rules.name_after, rules.source_after, rules.quote_verbs):
        for m in pattern.finditer(masked, start) if pattern else ():
            before = masked[start : m.start()].rstrip()
            if before and before[-1] in (",", MASK):
                end = min(end, start + len(before) - (before[-1] == ","))
                break
    for pattern in (rules.name_before, rules.source_before):
        for m in pattern.finditer(masked, start) if pattern else ():
            edge, _ = chunk_start(masked, m.start())  # "..., TASS reported."
            if edge > start and masked[edge] == "," and _nothing_said(masked[m.end() :], rules):
                end = min(end, edge)
    return end


def _nothing_said(after: str, rules: AttributionRules) -> bool:
    """Whether only punctuation or an attribution follows a verb ('X mengungkapkan.')."""
    rest = after.strip(TRIM)
    patterns = (rules.name_after, rules.source_after, rules.quote_verbs)
    return not rest or any(p.match(rest) for p in patterns if p)


def _subject(masked: str, text: str, rules: AttributionRules) -> Party | None:
    """The name that opens a sentence right before its first quotation ('Xi “menekankan ...”')."""
    found = _subject_tokens(masked, text, rules)
    who = party(text, found, rules) if found else None
    return who if who and who.kind == "speaker" else None


def _subject_tokens(masked: str, text: str, rules: AttributionRules) -> list[tuple[int, int]]:
    first = masked.find(MASK)
    found = tokens(masked, 0, first) if first > 0 else []
    names = all(text[a].isupper() or text[a:b].casefold() in rules.titles for a, b in found)
    return found if found and names and len(found) <= 4 else []


def _past_lead(text: str, i: int) -> int:
    """The first position from ``i`` past spaces and a leading comma or colon."""
    while i < len(text) and (text[i].isspace() or text[i] in ",:"):
        i += 1
    return i


def _verb(m: re.Match[str]) -> str:
    return " ".join(m.group("verb").casefold().split())
