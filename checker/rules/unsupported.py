"""unsupported: a claim of the draft that no source given with it supports (draft mode only)."""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import describe
from checker.rules.base import DraftCheck, NoOptions, Rule, RuleContext
from checker.types import Finding, Severity


def detect(draft: DraftCheck, ctx: RuleContext) -> Iterator[Finding]:
    """Draft claims no other outlet corroborates and no other finding already flags."""
    flagged = {f.claim.start for f in draft.findings if f.claim.article_id == draft.draft_id}
    for c in draft.corroboration:
        if c.claim.article_id == draft.draft_id and not c.outlets and c.claim.start not in flagged:
            yield RULE.finding(
                c.claim,
                [],
                f"No source given with the draft supports this claim ({describe(c.claim)}); "
                "check it or add the source.",
                confidence=1.0,
            )


RULE: Rule[DraftCheck, NoOptions] = Rule(
    id="unsupported",
    name="Unsupported",
    severity=Severity.WARNING,
    scope="draft",
    summary="A claim in the draft is not supported by any article in the corpus.",
    help="No article in the corpus entails this claim from the draft. It may be new "
    "information, or it may be wrong; find a source for it.",
    detect=detect,
    options=NoOptions(),
)
