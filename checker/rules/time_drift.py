"""time-drift: the same statement about the same event at a different time of day.

"pukul 10.15 WIB" against "pukul 11.50 WIB", "2:21 pm" against "1:21 pm", "malam" against
"dini hari". Times compare on one clock: "15.30 WITA" and "14.30 WIB" are the same moment,
"15.30 WIB" and "15.30 WITA" an hour apart; a time without a zone is on the local clock, the
zone the article (else its event) gives its own times in, never a reference zone such as GMT.
An approximate time ("sekitar pukul 02.00") may be ``approximate_minutes`` off.

Parts of the day are spans of the local clock (``times.toml``). "malam" runs past midnight,
so against "dini hari" it is a drift only when both are tied to the same calendar day ("Rabu
(8/9/2021) malam" against "Rabu (8/9/2021) dini hari" are a day apart); with no day, a night
reported on either side of midnight is the same night. A time a figure stood at ("hingga
pukul 21.00") is left out: outlets report counts at different hours without contradiction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from checker.events import day_dates
from checker.findings import describe
from checker.rules.base import CorpusCheck, Rule, RuleContext, option
from checker.types import Difference, Finding, Severity
from claims.lang import LanguageData, load_language
from claims.terms import LETTERS, jaccard, overlap
from claims.times import is_reference_zone, minutes_apart
from claims.types import Claim, TimeMention

_DAY = 1440


@dataclass(frozen=True, slots=True)
class TimeDriftOptions:
    approximate_minutes: float = option(30, low=0, high=180)  # how far "sekitar" may be off


def detect(corpus: CorpusCheck, ctx: RuleContext) -> Iterator[Finding]:
    """Each pair of articles of one event: claims that make the same statement at times of
    day that cannot both be right."""
    local = _local_offsets(corpus.claims, ctx)
    timed = {a: [c for c in claims if _event_times(c)] for a, claims in corpus.claims.items()}
    for a, b in corpus.article_pairs(group=lambda article: ctx.events.article_event[article].id):
        for x in timed[a]:
            for y in timed[b]:
                finding = _compare(x, y, local, ctx)
                if finding is not None:
                    yield finding


def _compare(
    x: Claim, y: Claim, local: Mapping[str, int | None], ctx: RuleContext
) -> Finding | None:
    dx, dy = set(day_dates(x)), set(day_dates(y))
    if dx and dy and dx != dy:
        return None  # another day: not the same moment, or a date drift
    clock = _Clock(
        local[x.article_id], local[y.article_id], bool(dx) and dx == dy, ctx.options(RULE)
    )
    matched = [
        (p, q, similarity, clock.agree(p, q))
        for p, wp in _statements(x, ctx)
        for q, wq in _statements(y, ctx)
        if (similarity := _same_happening(wp, wq, x, y, ctx))
    ]
    if any(agree for *_, agree in matched):
        return None
    drifted = [(p, q, similarity) for p, q, similarity, agree in matched if agree is False]
    if not drifted:
        return None
    ex, ey = ctx.evidence(x), ctx.evidence(y)
    was = ", ".join(dict.fromkeys(p.text for p, _, _ in drifted))
    now = ", ".join(dict.fromkeys(q.text for _, q, _ in drifted))
    return RULE.finding(
        ex,
        [ey],
        f"{describe(ex)} and {describe(ey)} report the same statement about the same event "
        f"at different times of day: {was} against {now}.",
        confidence=max(m[2] for m in drifted),
        differences=[Difference("time", was, now)],
    )


def _statements(claim: Claim, ctx: RuleContext) -> list[tuple[TimeMention, frozenset[str]]]:
    """Each event time of the claim with the content words of its part of the sentence: from
    the break before it to the break after it ("lepas landas pukul 14.36 | dan hilang kontak
    pukul 14.40")."""
    language = load_language(ctx.language(claim))
    breaks = {b.casefold() for b in language.times.breaks}
    ignored = _attribution_words(claim, language)
    base = claim.span.start
    spans = [m.span for found in (claim.dates, claim.numbers, claim.times) for m in found]
    masked = [(span.start - base, span.end - base) for span in spans]
    tokens = [
        (t.start(), t.group().casefold())
        for t in LETTERS.finditer(claim.text)
        if not any(a <= t.start() < b for a, b in masked)
    ]
    found = []
    for t in _event_times(claim):
        start, end = _bounds(claim, t)
        before = [i for i, (a, w) in enumerate(tokens) if a < t.span.start - base and w in breaks]
        after = [i for i, (a, w) in enumerate(tokens) if a >= t.span.end - base and w in breaks]
        first = before[-1] + 1 if before else 0
        last = after[0] if after else len(tokens)
        words = {w for a, w in tokens[first:last] if len(w) > 1 and start <= a < end}
        found.append((t, frozenset(words - ignored)))
    return found


def _bounds(claim: Claim, t: TimeMention) -> tuple[int, int]:
    """Where the words that go with a time may be: inside the quotation when the time is
    quoted (the attribution around it says who spoke, not what happened), else anywhere."""
    q = claim.quote
    if q is not None and q.span.start <= t.span.start and t.span.end <= q.span.end:
        return q.span.start - claim.span.start, q.span.end - claim.span.start
    return 0, len(claim.text)


def _attribution_words(claim: Claim, language: LanguageData) -> frozenset[str]:
    """Stopwords, reporting verbs and the speaker's words: none says what happened."""
    verbs = {w.casefold() for w in (*language.quotes.clause_verbs, *language.quotes.quote_verbs)}
    speaker = {w.casefold() for w in LETTERS.findall(claim.speaker or "")}
    return language.stopwords.words | verbs | speaker


def _same_happening(
    wx: frozenset[str], wy: frozenset[str], x: Claim, y: Claim, ctx: RuleContext
) -> float:
    """How surely two times are the times of one happening, by the words around them: much
    the same words, or both saying that the event happened ("terjadi", "struck") and naming
    something in common (0 when not)."""
    shared = wx & wy
    happened = {w.casefold() for c in (x, y) for w in load_language(ctx.language(c)).times.happened}
    o = overlap(wx, wy)
    if wx & happened and wy & happened and shared - happened:
        return max(o, 0.5)
    enough = (
        o >= ctx.matching.statement_overlap and jaccard(wx, wy) >= ctx.matching.statement_jaccard
    )
    return o if len(shared) >= 2 and enough else 0.0


def _event_times(claim: Claim) -> tuple[TimeMention, ...]:
    """The times an event happened at: not the times a figure stood at."""
    return tuple(t for t in claim.times if not t.as_of)


@dataclass(frozen=True, slots=True)
class _Clock:
    """How the times of two claims compare: each article's local offset, and whether both
    are tied to the same calendar day."""

    local_x: int | None
    local_y: int | None
    same_day: bool
    options: TimeDriftOptions

    def agree(self, p: TimeMention, q: TimeMention) -> bool | None:
        """True when the two times can be the same moment, False when they cannot, None when
        they cannot be compared (a zone that cannot be placed)."""
        if p.start == p.end and q.start == q.end:
            return self._clocks(p, q)
        sp, sq = self._wall(p, self.local_x), self._wall(q, self.local_y)
        if sp is None or sq is None:
            return None
        return _overlap(sp, sq, same_day=self.same_day)

    def _clocks(self, p: TimeMention, q: TimeMention) -> bool | None:
        op = p.utc_offset if p.zone else self.local_x
        oq = q.utc_offset if q.zone else self.local_y
        if op is not None and oq is not None:
            shift = oq - op
        elif p.zone is None and q.zone is None:
            shift = 0  # both on the one local clock
        else:
            return None
        tolerance = self.options.approximate_minutes if p.approximate or q.approximate else 0
        later = [0, 720] if p.twelve_hour or q.twelve_hour else [0]
        return any(minutes_apart(p.start + shift + h, q.start) <= tolerance for h in later)

    @staticmethod
    def _wall(t: TimeMention, local: int | None) -> tuple[int, int] | None:
        """The span of the local clock a time covers."""
        if t.zone is None:
            return t.start, t.end
        if local is None or t.utc_offset is None:
            return None
        shift = local - t.utc_offset
        return (t.start + shift) % _DAY, (t.start + shift) % _DAY + (t.end - t.start)


def _overlap(p: tuple[int, int], q: tuple[int, int], *, same_day: bool) -> bool:
    if same_day:  # a night past midnight belongs to the next day
        p, q = (p[0], min(p[1], _DAY)), (q[0], min(q[1], _DAY))
        return max(p[0], q[0]) <= min(p[1], q[1])
    return any(max(p[0], q[0] + s) <= min(p[1], q[1] + s) for s in (-_DAY, 0, _DAY))


def _local_offsets(
    claims: Mapping[str, Sequence[Claim]], ctx: RuleContext
) -> dict[str, int | None]:
    """Each article's local clock: the zone its claims first name (a reference zone aside),
    the commonest; else the commonest of its event's articles; else unknown."""
    own: dict[str, int] = {}
    for article, found in claims.items():
        votes = Counter(o for c in found if (o := _first_zone(c, ctx)) is not None)
        if votes:
            own[article] = votes.most_common(1)[0][0]
    local: dict[str, int | None] = {}
    for article in claims:
        if article in own:
            local[article] = own[article]
            continue
        event = ctx.events.article_event[article].articles
        votes = Counter(own[a] for a in event if a in own)
        local[article] = votes.most_common(1)[0][0] if votes else None
    return local


def _first_zone(claim: Claim, ctx: RuleContext) -> int | None:
    """The offset of the claim's first clock time, when it names a zone that can be local:
    "1.40pm Jakarta time (2.40pm Singapore time)" is on Jakarta's clock."""
    clocks = [t for t in claim.times if t.start == t.end]
    if not clocks or clocks[0].zone is None:
        return None
    if is_reference_zone(clocks[0].zone, load_language(ctx.language(claim))):
        return None
    return clocks[0].utc_offset


RULE: Rule[CorpusCheck, TimeDriftOptions] = Rule(
    id="time-drift",
    name="TimeDrift",
    severity=Severity.WARNING,
    scope="corpus",
    summary="The same statement about the same event is given a different time of day.",
    help="Outlets agree on what happened but not at what time (a clock time, or morning "
    "against night). Check the time, and its time zone, against the primary source.",
    detect=detect,
    options=TimeDriftOptions(),
)
