"""date-drift: the same statement about the same event, given different calendar days.

Three kinds of "different day" are not drift, each seen on real coverage:
- a date that stamps a running tally ("hingga Senin pukul 23.56 WIB, 62 orang meninggal",
  "as of Tuesday evening"): two tallies on two days are an update of the figure;
- a statement about another occurrence ("kembali mengeluarkan awan panas pada Senin", "erupted
  again on Monday"): a second eruption is another event on another day;
- the same words resolved to different days ("hingga Selasa petang" in two copies published a
  day apart): the difference is in the reading of a relative date, not in what outlets wrote;
- two tallies of a developing count ("the toll has risen to 131, police said on Wednesday"
  against "police on Tuesday denied it had passed 125"): statements made on two days, the
  later one an update, not one statement re-dated.
The markers are language data (``as_of`` and ``recurrence`` in claims/lang/<code>/dates.toml).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.events import day_dates
from checker.findings import describe, long_date
from checker.rules.base import NoOptions, Rule, RuleContext
from checker.rules.compare import plain, same_statement, tallies_of_one_count
from checker.types import Difference, Finding, Pair, Severity
from claims.lang import load_language
from claims.types import Claim, DateMention


def detect(pair: Pair, ctx: RuleContext) -> Iterator[Finding]:
    """The same statement about the same event, given different calendar days."""
    a, b = pair.claim, pair.other
    if not ctx.events.same_event(a, b):
        return
    da, db = set(day_dates(a)), set(day_dates(b))
    if not da or not db or not (da - db) or not (db - da):
        return
    if _not_drift(a, da - db, ctx) or _not_drift(b, db - da, ctx):
        return
    if _words(a, da - db) == _words(b, db - da):
        return  # the same date words, read differently: not something an outlet changed
    if tallies_of_one_count(a, b, ctx):
        return  # two tallies of a developing count, made on two days
    similarity = same_statement(a, b, ctx)
    if not similarity:
        return
    ea, eb = ctx.evidence(a), ctx.evidence(b)
    was = ", ".join(long_date(d) for d in sorted(da - db))
    now = ", ".join(long_date(d) for d in sorted(db - da))
    yield RULE.finding(
        ea,
        [eb],
        f"{describe(ea)} and {describe(eb)} report the same statement about the same event "
        f"with different dates: {was} against {now}.",
        confidence=similarity,
        differences=[Difference("date", was, now)],
    )


def _mentions(claim: Claim, days: set[date]) -> list[DateMention]:
    return [m for m in claim.dates if m.value in days]


def _words(claim: Claim, days: set[date]) -> set[str]:
    return {" ".join(plain(m.text).split()) for m in _mentions(claim, days)}


def _not_drift(claim: Claim, days: set[date], ctx: RuleContext) -> bool:
    """True when the claim is about another occurrence, or a moved date stamps a tally."""
    dates = load_language(ctx.language(claim)).dates
    text = f" {plain(claim.text)} "
    if any(f" {plain(marker)} " in text for marker in dates.recurrence):
        return True
    return any(_stamped(claim, m, dates.as_of) for m in _mentions(claim, days))


def _stamped(claim: Claim, mention: DateMention, markers: tuple[str, ...]) -> bool:
    """Whether one of ``markers`` stands within the three words before ``mention``."""
    offset = mention.span.start - claim.span.start
    if not 0 <= offset <= len(claim.text):
        offset = max(0, claim.text.find(mention.text))
    before = " " + " ".join(plain(claim.text[:offset]).split()[-3:]) + " "
    return any(f" {plain(marker)} " in before for marker in markers)


RULE: Rule[Pair, NoOptions] = Rule(
    id="date-drift",
    name="DateDrift",
    severity=Severity.ERROR,
    scope="pair",
    summary="The same statement about the same event is given different dates.",
    help="Outlets agree on what happened but not on when. Check the date against the "
    "primary source before publishing.",
    detect=detect,
    options=NoOptions(),
)
