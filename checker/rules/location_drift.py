"""location-drift: one event put in two places.

Two ways of seeing it, both between articles of one event:

- the same named place put within two different larger places of one level: "Desa Curah
  Kobokan, Kecamatan Candipuro" against "Dusun Curah Kobokan, Desa Supiturang, Kecamatan
  Pronojiwo"; "Stadion Kanjuruhan, Kota Malang" against "Stadion Kanjuruhan, Kepanjen,
  Kabupaten Malang" (a city and a regency are one level);
- the same statement with two places of one level or kind: "jumpa pers di Istana Merdeka"
  against "konferensi pers di Istana Negara".

Places of different levels never compare: a village named beside its district is more
specific, not elsewhere. Each article must hold to its own version: an article that also
names the other place for it is not set against the other article.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from checker.findings import describe
from checker.rules.base import CorpusCheck, NoOptions, Rule, RuleContext
from checker.types import Difference, Finding, Severity
from claims.lang import LanguageData, load_language
from claims.places import tier
from claims.terms import LETTERS, jaccard, overlap
from claims.types import Claim, PlaceMention


@dataclass(frozen=True, slots=True)
class _Placed:
    """A place named in a claim, with what the text puts it within."""

    mention: PlaceMention
    claim: Claim
    level: int | None  # administrative tier, None for a site or a place of no stated kind
    parents: tuple[tuple[int, str, str], ...]  # (tier, kind, name) of each larger place


def detect(corpus: CorpusCheck, ctx: RuleContext) -> Iterator[Finding]:
    placed = {a: _placed(claims, ctx) for a, claims in corpus.claims.items()}
    for a, b in corpus.article_pairs(group=lambda article: ctx.events.article_event[article].id):
        found: dict[tuple[str, str], list[Difference]] = {}
        claims: dict[tuple[str, str], tuple[Claim, Claim, float]] = {}
        compared = (*_within(placed[a], placed[b]), *_statements(placed[a], placed[b], ctx))
        for x, y, diff, confidence in compared:
            key = (x.id, y.id)
            if diff not in found.setdefault(key, []):
                found[key].append(diff)
            claims.setdefault(key, (x, y, confidence))
        for key, diffs in found.items():
            x, y, confidence = claims[key]
            yield _finding(x, y, diffs, confidence, ctx)


def _within(
    xs: Sequence[_Placed], ys: Sequence[_Placed]
) -> Iterator[tuple[Claim, Claim, Difference, float]]:
    """One named place put within different larger places of one level."""
    parents_x, parents_y = _parents(xs), _parents(ys)
    named: dict[str, list[_Placed]] = {}
    for q in ys:
        named.setdefault(_key(q.mention.name), []).append(q)
    for p in xs:
        for q in named.get(_key(p.mention.name), ()):
            if not _same_place(p, q):
                continue
            for level, kind_p, name_p in p.parents:
                for lq, kind_q, name_q in q.parents:
                    if lq != level or (_key(name_p), kind_p) == (_key(name_q), kind_q):
                        continue
                    child = _key(p.mention.name)
                    if (kind_q, _key(name_q)) in parents_x.get(child, set()):
                        continue  # x also puts it there: not x's version against y's
                    if (kind_p, _key(name_p)) in parents_y.get(child, set()):
                        continue
                    yield (
                        p.claim,
                        q.claim,
                        Difference(
                            "place",
                            f"{p.mention.name} in {_show(kind_p, name_p)}",
                            f"{q.mention.name} in {_show(kind_q, name_q)}",
                        ),
                        0.8,
                    )


def _statements(
    xs: Sequence[_Placed], ys: Sequence[_Placed], ctx: RuleContext
) -> Iterator[tuple[Claim, Claim, Difference, float]]:
    """The same statement with a place of the same level or kind named differently."""
    names_x = {_key(p.mention.name) for p in xs}
    names_y = {_key(q.mention.name) for q in ys}
    for p in xs:
        for q in ys:
            if not _comparable(p, q) or _key(p.mention.name) in names_y:
                continue
            if _key(q.mention.name) in names_x:
                continue
            if set(_key(p.mention.name).split()) & set(_key(q.mention.name).split()):
                continue  # "Lapas Kelas I Tangerang" and "Lapas Tangerang": one place
            similarity = _same_statement(p, q, ctx)
            if similarity:
                yield (
                    p.claim,
                    q.claim,
                    Difference("place", p.mention.text, q.mention.text),
                    similarity,
                )


def _comparable(p: _Placed, q: _Placed) -> bool:
    """Two places that would be alternatives: one administrative level, or the same kind of
    site ("Istana Merdeka" or "Istana Negara")."""
    if p.level is not None or q.level is not None:
        return p.level == q.level
    return p.mention.kind is not None and p.mention.kind == q.mention.kind


def _same_statement(p: _Placed, q: _Placed, ctx: RuleContext) -> float:
    """How surely the claims make one statement, by their words outside quotations and place
    names (0 when not)."""
    wp, wq = _words(p.claim, ctx), _words(q.claim, ctx)
    if min(len(wp), len(wq)) < ctx.matching.min_words:
        return 0.0
    o, j = overlap(wp, wq), jaccard(wp, wq)
    shared = len(wp & wq)
    if o < ctx.matching.statement_overlap or (
        j < ctx.matching.statement_jaccard and shared < ctx.matching.min_words
    ):
        return 0.0
    return o


def _words(claim: Claim, ctx: RuleContext) -> frozenset[str]:
    return _statement_words(claim, load_language(ctx.language(claim)))


@lru_cache(maxsize=4096)  # each claim is compared with many; bounded, as a server runs on
def _statement_words(claim: Claim, language: LanguageData) -> frozenset[str]:
    """The claim's content words outside quotations, reporting verbs and mentions."""
    base = claim.span.start
    mentions = (claim.places, claim.dates, claim.numbers, claim.times)
    hidden = [(m.span.start - base, m.span.end - base) for found in mentions for m in found]
    if claim.quote is not None:
        hidden.append((claim.quote.span.start - base, claim.quote.span.end - base))
    verbs = {w.casefold() for w in (*language.quotes.clause_verbs, *language.quotes.quote_verbs)}
    ignored = language.stopwords.words | verbs
    return frozenset(
        w
        for t in LETTERS.finditer(claim.text)
        if not any(a <= t.start() < b for a, b in hidden)
        and len(w := t.group().casefold()) > 1
        and w not in ignored
    )


def _same_place(p: _Placed, q: _Placed) -> bool:
    """Two mentions of one name that may be one place: not a city against a regency of the
    same name ("Kota Malang", "Kabupaten Malang" are two places)."""
    return not (p.level is not None and p.level == q.level and p.mention.kind != q.mention.kind)


def _parents(placed: Sequence[_Placed]) -> Mapping[str, set[tuple[str, str]]]:
    """Every larger place an article puts each named place within: (kind, name) by name."""
    out: dict[str, set[tuple[str, str]]] = {}
    for p in placed:
        for kind, name in p.mention.within:
            out.setdefault(_key(p.mention.name), set()).add((kind, _key(name)))
    return out


def _placed(claims: Sequence[Claim], ctx: RuleContext) -> list[_Placed]:
    found = []
    for claim in claims:
        language = load_language(ctx.language(claim))
        for m in claim.places:
            parents = tuple(
                (level, kind, name)
                for kind, name in m.within
                if (level := tier(kind, language)) is not None
            )
            found.append(_Placed(m, claim, tier(m.kind, language), parents))
    return found


def _show(kind: str, name: str) -> str:
    return f"{name} ({kind})"


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _finding(
    x: Claim, y: Claim, diffs: list[Difference], confidence: float, ctx: RuleContext
) -> Finding:
    ex, ey = ctx.evidence(x), ctx.evidence(y)
    listed = "; ".join(f"{d.claim_value} against {d.evidence_value}" for d in diffs)
    return RULE.finding(
        ex,
        [ey],
        f"{describe(ex)} and {describe(ey)} put the same event in different places: {listed}.",
        confidence=confidence,
        differences=diffs,
    )


RULE: Rule[CorpusCheck, NoOptions] = Rule(
    id="location-drift",
    name="LocationDrift",
    severity=Severity.WARNING,
    scope="corpus",
    summary="The same event is put in a different place.",
    help="Outlets agree on what happened but not where: another district, city, village or "
    "building. Check the place against the primary source.",
    detect=detect,
    options=NoOptions(),
)
