"""Structured drift detectors, each a small function from a candidate pair to findings.

Quote, date, number/ordinal and attribution drift compare two claims from different
articles; the weekday check looks at one claim. Every detector says in plain words what
differs and shows both passages.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from checker.events import EventMap, day_dates
from checker.findings import describe, evidence, long_date, make_finding
from checker.similarity import content_words, jaccard, overlap
from checker.types import Difference, Finding, FindingKind, Pair, Severity
from claims.entities import canonical_entity, match_aliases
from claims.quotes import normalise_quote
from claims.types import Article, Claim, NumberMention


@dataclass(frozen=True, slots=True)
class DriftOptions:
    quote_similarity: float = 0.8  # fuzzy match of normalised quotes
    statement_overlap: float = 0.6  # content-word overlap for "the same statement"
    statement_jaccard: float = 0.3
    min_words: int = 4


@dataclass(frozen=True, slots=True)
class DriftContext:
    articles: Mapping[str, Article]
    events: EventMap
    options: DriftOptions = DriftOptions()

    def language(self, claim: Claim) -> str:
        return self.articles[claim.article_id].language

    def evidence(self, claim: Claim):  # type: ignore[no-untyped-def]
        return evidence(claim, self.articles[claim.article_id], day=self.events.context_date(claim))


def same_statement(a: Claim, b: Claim, ctx: DriftContext) -> float:
    """How surely two claims make the same statement, dates and numbers aside (0 when not)."""
    wa, wb = content_words(a, ctx.language(a)), content_words(b, ctx.language(b))
    if min(len(wa), len(wb)) < ctx.options.min_words:
        return 0.0
    o, j = overlap(wa, wb), jaccard(wa, wb)
    if o < ctx.options.statement_overlap or j < ctx.options.statement_jaccard:
        return 0.0
    return o


def quote_similarity(a: Claim, b: Claim, ctx: DriftContext) -> float:
    """Fuzzy similarity of two direct quotations (0 unless both claims quote words directly)."""
    if not (a.quote and b.quote and a.quote.direct and b.quote.direct):
        return 0.0
    qa = normalise_quote(a.quote.text, language=ctx.language(a))
    qb = normalise_quote(b.quote.text, language=ctx.language(b))
    if not qa or not qb or min(len(qa.split()), len(qb.split())) < ctx.options.min_words:
        return 0.0
    return difflib.SequenceMatcher(None, qa, qb, autojunk=False).ratio()


def word_changes(a: str, b: str) -> list[tuple[str, str]]:
    """The words that differ between two wordings, as (in a, in b) pairs."""
    wa, wb = a.split(), b.split()
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op != "equal":
            changes.append((" ".join(wa[i1:i2]), " ".join(wb[j1:j2])))
    return changes


def detect_quote_drift(pair: Pair, ctx: DriftContext) -> Iterator[Finding]:
    """The same quotation with a different date, event, speaker, source or wording."""
    a, b = pair.claim, pair.other
    similarity = quote_similarity(a, b, ctx)
    if similarity < ctx.options.quote_similarity:
        return
    assert a.quote and b.quote  # guaranteed by quote_similarity > 0
    ea, eb = ctx.evidence(a), ctx.evidence(b)
    diffs: list[Difference] = []
    if ea.date and eb.date and ea.date != eb.date:
        diffs.append(Difference("date", long_date(ea.date), long_date(eb.date)))
    event_a, event_b = ctx.events.event_of(a), ctx.events.event_of(b)
    if event_a.id != event_b.id:
        diffs.append(Difference("event", event_a.id, event_b.id))
    diffs += _attribution_differences(a, b, ctx)
    for was, now in word_changes(_plain(a.quote.text), _plain(b.quote.text))[:6]:
        diffs.append(Difference("wording", was or "(nothing)", now or "(nothing)"))
    aspects = {d.aspect for d in diffs}
    serious = aspects & {"date", "event", "speaker"}
    if not serious and "source" not in aspects and similarity >= 0.97:
        return  # the same quote, the same occasion, the same source: corroboration, not drift
    # a re-dated or re-attributed quote is an error; re-worded (often translation) or carried
    # via another outlet only is a note
    severity = Severity.ERROR if serious else Severity.INFO
    yield make_finding(
        FindingKind.QUOTE_DRIFT,
        ea,
        [eb],
        _quote_explanation(a, ea, eb, diffs),
        confidence=similarity,
        differences=diffs,
        severity=severity,
    )


def _quote_explanation(a: Claim, ea, eb, diffs: list[Difference]) -> str:  # type: ignore[no-untyped-def]
    who = a.speaker or "an unnamed speaker"
    text = (
        f"The same quotation from {who} appears in {describe(ea)}, tied to {long_date(ea.date)}, "
        f"and in {describe(eb)}, tied to {long_date(eb.date)}."
    )
    aspects = sorted({d.aspect for d in diffs})
    if aspects:
        text += " What differs: " + ", ".join(aspects) + "."
    if "date" in aspects or "event" in aspects:
        text += " One outlet may have re-dated an older quote or attached it to another occasion."
    return text


def detect_date_drift(pair: Pair, ctx: DriftContext) -> Iterator[Finding]:
    """The same statement about the same event, given different calendar days."""
    a, b = pair.claim, pair.other
    if not ctx.events.same_event(a, b):
        return
    da, db = set(day_dates(a)), set(day_dates(b))
    if not da or not db or not (da - db) or not (db - da):
        return
    similarity = same_statement(a, b, ctx)
    if not similarity:
        return
    ea, eb = ctx.evidence(a), ctx.evidence(b)
    was = ", ".join(long_date(d) for d in sorted(da - db))
    now = ", ".join(long_date(d) for d in sorted(db - da))
    yield make_finding(
        FindingKind.DATE_DRIFT,
        ea,
        [eb],
        f"{describe(ea)} and {describe(eb)} report the same statement about the same event "
        f"with different dates: {was} against {now}.",
        confidence=similarity,
        differences=[Difference("date", was, now)],
    )


def detect_number_drift(pair: Pair, ctx: DriftContext) -> Iterator[Finding]:
    """The same statement with a different amount, count, percentage or ordinal."""
    a, b = pair.claim, pair.other
    if not ctx.events.same_event(a, b) or not (a.numbers and b.numbers):
        return
    similarity = same_statement(a, b, ctx)
    if not similarity:
        return
    diffs = list(_number_differences(a.numbers, b.numbers))
    if not diffs:
        return
    ea, eb = ctx.evidence(a), ctx.evidence(b)
    listed = "; ".join(f"{d.claim_value} against {d.evidence_value}" for d in diffs)
    yield make_finding(
        FindingKind.NUMBER_DRIFT,
        ea,
        [eb],
        f"{describe(ea)} and {describe(eb)} report the same statement with different figures: {listed}.",
        confidence=similarity,
        differences=diffs,
    )


def _number_differences(
    left: tuple[NumberMention, ...], right: tuple[NumberMention, ...]
) -> Iterator[Difference]:
    def groups(numbers: tuple[NumberMention, ...]) -> dict[tuple[str, str], dict[float, str]]:
        out: dict[tuple[str, str], dict[float, str]] = {}
        for n in numbers:
            out.setdefault((n.kind.value, (n.unit or "").casefold()), {})[n.value] = n.text
        return out

    ga, gb = groups(left), groups(right)
    for key in ga.keys() & gb.keys():
        only_a = {v: t for v, t in ga[key].items() if v not in gb[key]}
        only_b = {v: t for v, t in gb[key].items() if v not in ga[key]}
        if only_a and only_b:
            yield Difference(key[0], ", ".join(only_a.values()), ", ".join(only_b.values()))


def detect_attribution_drift(pair: Pair, ctx: DriftContext) -> Iterator[Finding]:
    """The same statement credited to different speakers, or carried via different sources."""
    a, b = pair.claim, pair.other
    if a.quote and b.quote and quote_similarity(a, b, ctx) >= ctx.options.quote_similarity:
        return  # quote drift reports speaker and source differences of quotations
    similarity = same_statement(a, b, ctx)
    if not similarity:
        return
    diffs = _attribution_differences(a, b, ctx)
    if not diffs:
        return
    ea, eb = ctx.evidence(a), ctx.evidence(b)
    speaker = any(d.aspect == "speaker" for d in diffs)
    credited = "; ".join(f"{d.aspect}: {d.claim_value} against {d.evidence_value}" for d in diffs)
    yield make_finding(
        FindingKind.ATTRIBUTION_DRIFT,
        ea,
        [eb],
        f"{describe(ea)} and {describe(eb)} credit the same statement differently ({credited}).",
        confidence=similarity,
        differences=diffs,
        severity=Severity.WARNING if speaker else Severity.INFO,
    )


def detect_weekday_mismatch(claim: Claim, ctx: DriftContext) -> Iterator[Finding]:
    """A weekday that does not fall on the date written beside it, e.g. "Rabu (16/6/2022)"."""
    for mention in claim.dates:
        if mention.weekday_matches is False and mention.value is not None:
            e = ctx.evidence(claim)
            actual = mention.value.strftime("%A")
            yield make_finding(
                FindingKind.WEEKDAY_MISMATCH,
                e,
                [],
                f"In {describe(e)}, '{mention.text}' names a weekday that does not match the date: "
                f"{mention.value.isoformat()} is a {actual}. {mention.note}".strip(),
                confidence=1.0,
                differences=[Difference("weekday", mention.text, actual)],
            )


PAIR_DETECTORS = (
    detect_quote_drift,
    detect_date_drift,
    detect_number_drift,
    detect_attribution_drift,
)


def _attribution_differences(a: Claim, b: Claim, ctx: DriftContext) -> list[Difference]:
    diffs = []
    language = ctx.language(a)
    said_a, said_b = _credited(a, b, language), _credited(b, a, language)
    if _different_parties(said_a, said_b, language):
        diffs.append(Difference("speaker", said_a or "", said_b or ""))
    if _different_parties(a.source, b.source, language):
        diffs.append(Difference("source", a.source or "", b.source or ""))
    return diffs


def _credited(claim: Claim, other: Claim, language: str) -> str | None:
    """Who a claim credits: its speaker; failing that, its cited outlet, but only where the
    other claim credits an institution ("menurut CCTV" against "kata Kremlin"). Against a
    person, an outlet is only passing the person's words on ("Menurut CCTV, Xi ...").
    """
    if claim.speaker or not claim.source or not other.speaker:
        return claim.speaker
    party = _party(other.speaker, language)
    return claim.source if party and party[1] != "PERSON" else None


def _different_parties(x: str | None, y: str | None, language: str) -> bool:
    """True only when both name a party and they are surely different ones.

    Known names compare by canonical entity ("Xi" = "Presiden Xi Jinping"), except a person
    against a country: "pemimpin China itu" resolves to China, which does not say who spoke. Unknown names compare by their words ("juru bicara" is within "seorang juru bicara").
    """
    if not x or not y:
        return False
    px, py = _party(x, language), _party(y, language)
    if px and py:
        return {px[1], py[1]} != {"PERSON", "GPE"} and px[0] != py[0]
    if px or py:
        return False
    wx, wy = set(_plain(x).split()), set(_plain(y).split())
    if min(len(wx), len(wy)) < 2:
        return False  # a bare pronoun or one-word description identifies no one
    return not (wx <= wy or wy <= wx)


def _party(name: str, language: str) -> tuple[str, str] | None:
    """(canonical name, kind) of a speaker or source, or None when it names nothing known."""
    canonical = canonical_entity(name, language=language)
    if canonical is None:
        return None
    kinds = {m.kind for m in match_aliases(name, language=language) if m.canonical == canonical}
    return canonical, (kinds.pop() if len(kinds) == 1 else "?")


def _plain(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())
