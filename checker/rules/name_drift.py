"""name-drift: one person or place whose name two articles of an event spell two ways.

"Nico Afinta" against "Niko Afinta", "Reynhard" against "Reinhard", "Djunaedi" against
"Junaedi": a word of a name that one article writes one way and the other another way,
nearly the same (a letter or two apart, or an old spelling against the current one), where
the context shows one person or place: the same title or another word of the same name
beside it ("Kapolda ... Nico"), or the same statement. Two different words of a name, a
different title on each side, or a known alias (``entities.toml``) are never flagged.
The rule looks at every claim of the corpus: two sentences that name the same person rarely
say the same thing, so retrieval would not pair them, and a name is spelled the same whatever
the event. Across events, only another word of the same name shows that it is one name.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from checker.findings import describe
from checker.rules.base import CorpusCheck, Rule, RuleContext, option
from checker.rules.compare import same_statement
from checker.types import Difference, Finding, Severity
from claims.entities import canonical_entity
from claims.lang import LanguageData, load_language
from claims.names import NameWord, name_words, plain_key, spelling_key, word_forms
from claims.types import Claim


@dataclass(frozen=True, slots=True)
class NameDriftOptions:
    min_letters: float = option(4, low=2, high=20)  # shorter words are never compared
    letters_per_edit: float = option(4, low=2, high=20)  # one edit allowed per this many letters


@dataclass(frozen=True, slots=True)
class _Occurrence:
    word: NameWord
    claim: Claim


@dataclass(frozen=True, slots=True)
class _Article:
    """One article's name words and the words it writes at all."""

    names: dict[str, list[_Occurrence]]  # casefolded name word -> where it stands
    vocabulary: frozenset[str]  # casefolded, as name words are cut
    lower: frozenset[str]  # words it writes in lower case somewhere: not names


def detect(corpus: CorpusCheck, ctx: RuleContext) -> Iterator[Finding]:
    """Each pair of articles: the name words spelled apart, one finding per pair of claims."""
    articles = {a: _article(claims, ctx) for a, claims in corpus.claims.items()}
    found: dict[tuple[str, str], list[tuple[_Occurrence, _Occurrence, bool]]] = {}
    for u, v, variant in _spelled_apart(articles, ctx):
        for a, b in _article_pairs(articles, u, v, corpus):
            best = _same_one(articles[a].names[u], articles[b].names[v], ctx)
            if best is not None:
                found.setdefault((best[0].claim.id, best[1].claim.id), []).append((*best, variant))
    for pairs in found.values():
        yield _finding(pairs, ctx)


def _article_pairs(
    articles: Mapping[str, _Article], u: str, v: str, corpus: CorpusCheck
) -> Iterator[tuple[str, str]]:
    """The compared pairs (a, b) where a writes u and b writes v, neither writes the other's
    form, and neither form is a common word (written in lower case) in either."""
    writers_u = sorted(a for a, x in articles.items() if u in x.names and v not in x.vocabulary)
    writers_v = sorted(b for b, y in articles.items() if v in y.names and u not in y.vocabulary)
    for a in writers_u:
        for b in writers_v:
            if corpus.compares(a, b) and not {u, v} & (articles[a].lower | articles[b].lower):
                yield a, b


def _spelled_apart(
    articles: Mapping[str, _Article], ctx: RuleContext
) -> Iterator[tuple[str, str, bool]]:
    """(form, form, old spelling) for every two name words of the corpus that are one name
    spelled apart, found through their one- and two-letter deletions."""
    options = ctx.options(RULE)
    language: dict[str, LanguageData] = {}
    for article in articles.values():
        for form, occurrences in article.names.items():
            language.setdefault(form, _language(occurrences[0].claim, ctx))
    keys = {form: spelling_key(form, lang) for form, lang in language.items()}
    index: dict[str, set[str]] = {}
    for form, key in keys.items():
        if len(key) >= options.min_letters:
            for shortened in _deletions(key, int(len(key) // options.letters_per_edit)):
                index.setdefault(shortened, set()).add(form)
    seen: set[tuple[str, str]] = set()
    for forms in index.values():
        for u in sorted(forms):
            for v in sorted(forms):
                if u < v and (u, v) not in seen:
                    seen.add((u, v))
                    variant = _apart(keys[u], keys[v], plain_key(u) == plain_key(v), options)
                    if variant is not None:
                        yield u, v, variant
                        yield v, u, variant


def _deletions(key: str, depth: int) -> set[str]:
    found, frontier = {key}, {key}
    for _ in range(min(depth, 2)):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _apart(kx: str, ky: str, same_letters: bool, options: NameDriftOptions) -> bool | None:
    """Whether two spelling keys are one name spelled apart: True for an old spelling against
    the current one, False for a slip of a letter or two, None when they are different words
    or differ only in apostrophes and hyphens."""
    if same_letters or min(len(kx), len(ky)) < options.min_letters:
        return None
    if kx == ky:
        return True
    if kx[0] != ky[0] or kx.startswith(ky) or ky.startswith(kx):
        return None  # "Indonesia" and "Indonesian" are two words, not two spellings
    allowed = int(min(len(kx), len(ky)) // options.letters_per_edit)
    return False if _edits(kx, ky, allowed) <= allowed else None


def _same_one(
    xs: Sequence[_Occurrence], ys: Sequence[_Occurrence], ctx: RuleContext
) -> tuple[_Occurrence, _Occurrence] | None:
    """The two places, one per article, whose context best shows one person or place: another
    word of the name beside it; in one event, the same title or the same statement will do.
    Different titles with no shared name word are two people."""
    best: tuple[int, _Occurrence, _Occurrence] | None = None
    for x in xs:
        for y in ys:
            names = len(x.word.names & y.word.names)
            titles = len(x.word.titles & y.word.titles)
            if not names and x.word.titles and y.word.titles and not titles:
                continue  # "Kapolres ..." against "Bupati ...": two people
            if _alias_of_each_other(x, y, ctx):
                continue
            if not names and not (
                ctx.events.same_event(x.claim, y.claim)
                and (titles or same_statement(x.claim, y.claim, ctx))
            ):
                continue
            if best is None or 2 * names + titles > best[0]:
                best = (2 * names + titles, x, y)
    return (best[1], best[2]) if best else None


def _alias_of_each_other(x: _Occurrence, y: _Occurrence, ctx: RuleContext) -> bool:
    cx = canonical_entity(x.word.run, language=ctx.language(x.claim))
    cy = canonical_entity(y.word.run, language=ctx.language(y.claim))
    return cx is not None and cx == cy


def _finding(pairs: list[tuple[_Occurrence, _Occurrence, bool]], ctx: RuleContext) -> Finding:
    x, y, _ = pairs[0]
    ea, eb = ctx.evidence(x.claim), ctx.evidence(y.claim)
    diffs = [Difference("name", p.word.text, q.word.text) for p, q, _ in pairs]
    spelled = "; ".join(
        f"'{p.word.text}' against '{q.word.text}'" + (" (an old spelling)" if old else "")
        for p, q, old in pairs
    )
    return RULE.finding(
        ea,
        [eb],
        f"{describe(ea)} writes '{x.word.run}' and {describe(eb)} writes '{y.word.run}': "
        f"one name spelled two ways ({spelled}).",
        confidence=0.8,
        differences=diffs,
    )


def _article(claims: Sequence[Claim], ctx: RuleContext) -> _Article:
    names: dict[str, list[_Occurrence]] = {}
    vocabulary: set[str] = set()
    lower: set[str] = set()
    for claim in claims:
        for word in _name_words(claim.text, _language(claim, ctx)):
            names.setdefault(word.text.casefold(), []).append(_Occurrence(word, claim))
        forms = list(word_forms(claim.text))
        vocabulary.update(w.casefold() for w in forms)
        lower.update(w.casefold() for w in forms if w[0].islower())
    return _Article(names, frozenset(vocabulary), frozenset(lower))


@lru_cache(maxsize=4096)
def _name_words(text: str, language: LanguageData) -> tuple[NameWord, ...]:
    return name_words(text, language)


def _language(claim: Claim, ctx: RuleContext) -> LanguageData:
    return load_language(ctx.language(claim))


def _edits(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), or limit + 1
    once it is surely above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            row.append(value)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return previous[-1]


RULE: Rule[CorpusCheck, NameDriftOptions] = Rule(
    id="name-drift",
    name="NameDrift",
    severity=Severity.WARNING,
    scope="corpus",
    summary="One person or place is named with two spellings.",
    help="Two outlets spell the same name differently (a letter apart, or an old spelling "
    "against the current one). Check the spelling the person or place uses.",
    detect=detect,
    options=NameDriftOptions(),
)
