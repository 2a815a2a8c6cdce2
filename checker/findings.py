"""Building findings: evidence from claims, plain-words explanations and stable fingerprints.

A fingerprint depends on the finding's kind, the articles and the normalised words of both
passages, not on line numbers or run time, so baselines and CI diffs survive edits elsewhere
in a file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date

from checker.types import Difference, Evidence, Finding, Severity
from claims.types import Article, Claim

_SPACE = re.compile(r"\s+")


def evidence(claim: Claim, article: Article, *, day: date | None = None) -> Evidence:
    return Evidence(
        article_id=article.id,
        path=article.path,
        outlet=article.outlet,
        line=claim.span.line,
        start=claim.span.start,
        end=claim.span.end,
        text=claim.text,
        date=day,
    )


def fingerprint(kind: str, passages: Sequence[Evidence]) -> str:
    parts = sorted(
        f"{p.article_id}\x1f{_SPACE.sub(' ', p.text.casefold()).strip()}" for p in passages
    )
    digest = hashlib.sha256("\x1e".join([kind, *parts]).encode("utf-8")).hexdigest()
    return digest[:16]


def make_finding(
    kind: str,
    claim: Evidence,
    evidence_: Sequence[Evidence],
    explanation: str,
    *,
    confidence: float,
    severity: Severity,
    differences: Sequence[Difference] = (),
) -> Finding:
    """A finding of the rule ``kind`` (its id); rules call this through ``Rule.finding``."""
    return Finding(
        kind=kind,
        severity=severity,
        confidence=round(max(0.0, min(1.0, confidence)), 3),
        claim=claim,
        evidence=tuple(evidence_),
        explanation=explanation,
        differences=tuple(differences),
        fingerprint=fingerprint(kind, [claim, *evidence_]),
    )


def describe(e: Evidence) -> str:
    """'Kompas.com (004_53c5..., line 14)' for explanations."""
    return f"{e.outlet or 'unknown outlet'} ({e.article_id}, line {e.line})"


def long_date(day: date | None) -> str:
    if day is None:
        return "no date"
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"
