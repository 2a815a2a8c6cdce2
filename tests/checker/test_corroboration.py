"""Corroboration (checker/corroboration.py) and the verdicts it reads (checker/verdicts.py).

Verdicts come from ``judge`` over a ``ScriptedNLI`` test double whose rule each test states;
the scores are the test's own, not a model's. The claims are real extraction output.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import pytest

from checker.corroboration import corroborate, outlet_key
from checker.events import group_events
from checker.nli.labels import NLIScores
from checker.types import Corroboration, Pair, Verdict
from checker.verdicts import judge
from claims.extract import Extraction
from claims.types import Article, Claim

from .builders import (
    CONTRADICTS,
    DECEMBER_CALL,
    ENTAILS,
    JUNE_CALL,
    NEUTRAL,
    ScriptedNLI,
    Story,
    claim_with,
    extract_stories,
    scripted,
)

AGREED = (
    "Kedua pemimpin sepakat untuk meningkatkan kerja sama ekonomi dalam menghadapi sanksi Barat."
)
PARAPHRASE = (
    "Kedua pemimpin sepakat meningkatkan kerja sama ekonomi guna menghadapi sanksi negara Barat."
)
KEY = "sepakat"  # every claim carrying the statement contains it

# id -> (outlet, published, lead); every article then states the agreement
ARTICLES = {
    "a": ("Kontan", "2022-06-15", JUNE_CALL),  # the claim under test
    "b1": ("Tempo", "2022-06-15", JUNE_CALL),
    "b2": ("Tempo", "2022-06-16", JUNE_CALL),  # a second Tempo article: Tempo counts once
    "k": ("KONTAN", "2022-06-15", JUNE_CALL),  # the claim's own outlet, spelt otherwise
    "d": ("Antara", "2022-12-30", DECEMBER_CALL),  # another event
    "x": ("Detik", "2022-06-15", JUNE_CALL),
    "u1": (None, "2022-06-15", JUNE_CALL),  # no outlet known: each is its own source
    "u2": (None, "2022-06-15", JUNE_CALL),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    folder = tmp_path_factory.mktemp("corroboration")
    stories = [
        Story(name, f"{lead}\n\n{PARAPHRASE if name == 'b1' else AGREED}", outlet, day)
        for name, (outlet, day, lead) in ARTICLES.items()
    ]
    return extract_stories(folder, *stories)


def _statements(extraction: Extraction) -> dict[str, Claim]:
    return {name: claim_with(extraction, name, KEY) for name in ARTICLES}


def _corroborate(
    extraction: Extraction,
    backend: ScriptedNLI,
    *,
    similar: float = 0.0,
    disputed: frozenset[tuple[str, str]] = frozenset(),
) -> dict[str, Corroboration]:
    """Corroboration of every statement claim, judged pairwise across all the articles."""
    claims = _statements(extraction)
    pairs = [Pair(a, b, 1.0) for a, b in combinations(claims.values(), 2)]
    articles: dict[str, Article] = {e.article.id: e.article for e in extraction.articles}
    found = corroborate(
        list(claims.values()),
        judge(pairs, backend),
        articles,
        group_events(extraction.articles),
        similar=lambda a, b: similar,
        disputed=disputed,
    )
    return {c.claim.article_id: c for c in found}


def _entails_when(*, premise: str | None = None) -> ScriptedNLI:
    """Test double: the statement entails the statement (optionally only from one premise)."""

    def rule(p: str, h: str) -> NLIScores:
        both = KEY in p and KEY in h
        return ENTAILS if both and (premise is None or premise in p) else NEUTRAL

    return ScriptedNLI(rule)


def test_corroborate_counts_each_other_outlet_once(corpus: Extraction) -> None:
    found = _corroborate(corpus, _entails_when())["a"]
    assert found.outlets == tuple(
        sorted(["Tempo", "Detik", "unknown outlet (u1)", "unknown outlet (u2)"])
    )
    assert len(found.supporting) == len(found.outlets)
    assert {e.article_id for e in found.supporting} & {"b1", "b2"}
    assert all(KEY in e.text for e in found.supporting)


@pytest.mark.parametrize("name", ["a", "k"])
def test_corroborate_excludes_own_outlet_whatever_its_spelling(
    corpus: Extraction, name: str
) -> None:
    outlets = _corroborate(corpus, _entails_when())[name].outlets
    assert not {o.casefold() for o in outlets} & {"kontan"}
    assert "Tempo" in outlets


def test_corroborate_excludes_other_events(corpus: Extraction) -> None:
    found = _corroborate(corpus, _entails_when())
    assert "Antara" not in found["a"].outlets
    assert found["d"].outlets == ()  # the December article has no June support


@pytest.mark.parametrize("disputed", [False, True], ids=["undisputed", "disputed"])
def test_corroborate_excludes_disputed_pairs(corpus: Extraction, disputed: bool) -> None:
    claims = _statements(corpus)
    # a drift finding between a and x, recorded in either order, removes that support
    pairs = frozenset({(claims["x"].id, claims["a"].id)}) if disputed else frozenset()
    found = _corroborate(corpus, _entails_when(), disputed=pairs)
    assert ("Detik" in found["a"].outlets) is not disputed
    assert ("Kontan" in found["x"].outlets) is not disputed
    assert "Tempo" in found["a"].outlets and "Tempo" in found["x"].outlets


def test_corroborate_entailment_counts_in_its_direction_only(corpus: Extraction) -> None:
    # only Tempo's paraphrase (b1) entails the others; nothing entails it
    found = _corroborate(corpus, _entails_when(premise=PARAPHRASE[:40]))
    assert found["a"].outlets == ("Tempo",)
    assert found["b1"].outlets == ()


@pytest.mark.parametrize(
    ("scores", "similar", "supported"),
    [
        (NLIScores(0.45, 0.5, 0.05), 0.0, False),  # entailment under the threshold
        (NLIScores(0.55, 0.4, 0.05), 0.0, True),
        (NEUTRAL, 0.8, True),  # near duplicate, no contradiction seen
        (NEUTRAL, 0.7, False),  # not near enough
        (CONTRADICTS, 1.0, False),  # near duplicate but the model sees a contradiction
    ],
    ids=["weak-entailment", "entailment", "near-duplicate", "paraphrase", "contradicted"],
)
def test_corroborate_needs_entailment_or_near_duplicate(
    corpus: Extraction, scores: NLIScores, similar: float, supported: bool
) -> None:
    found = _corroborate(corpus, ScriptedNLI(lambda p, h: scores), similar=similar)
    assert bool(found["a"].outlets) is supported


def test_corroborate_lists_every_claim_even_unsupported(corpus: Extraction) -> None:
    found = _corroborate(corpus, ScriptedNLI())
    assert set(found) == set(ARTICLES)
    assert all(c.outlets == () and c.supporting == () for c in found.values())


@pytest.mark.parametrize(
    ("outlet", "expected"),
    [("Kompas.com", "Kompas.com"), ("  Tempo ", "Tempo"), (None, "unknown outlet (z)")],
)
def test_outlet_key_names_outlet_or_article(outlet: str | None, expected: str) -> None:
    assert outlet_key(Article(id="z", path="z.txt", text="x", outlet=outlet)) == expected


# --- judge: the verdicts corroboration reads -----------------------------------------------


def test_judge_forward_takes_other_claim_as_premise(corpus: Extraction) -> None:
    claims = _statements(corpus)
    pair = Pair(claims["a"], claims["b1"], 1.0)
    backend = scripted({(claims["b1"].text, claims["a"].text): ENTAILS})
    (verdict,) = judge([pair], backend)
    assert verdict.forward == ENTAILS and verdict.backward == NEUTRAL
    assert verdict.entailment == ENTAILS.entailment
    assert verdict.contradiction == min(ENTAILS.contradiction, NEUTRAL.contradiction)


def test_verdict_contradiction_needs_both_directions(corpus: Extraction) -> None:
    from checker.nli.labels import NLIScores

    claims = _statements(corpus)
    one_way = NLIScores(entailment=0.05, neutral=0.05, contradiction=0.9)
    (verdict,) = judge(
        [Pair(claims["a"], claims["b1"], 1.0)],
        scripted({(claims["b1"].text, claims["a"].text): one_way}),
    )
    assert verdict.forward.contradiction == 0.9
    assert verdict.contradiction == verdict.backward.contradiction < 0.5


def test_judge_asks_each_text_pair_once(corpus: Extraction) -> None:
    claims = _statements(corpus)
    # a, k, x and u1 carry the same words: their pairs are textually identical
    same = [claims[n] for n in ("a", "k", "x", "u1")]
    pairs = [Pair(a, b, 1.0) for a, b in combinations(same, 2)]
    backend = ScriptedNLI()
    verdicts = judge(pairs, backend, batch_size=2)
    assert len(verdicts) == len(pairs) == 6
    assert backend.asked == [(AGREED, AGREED)]
    assert all(isinstance(v, Verdict) and v.pair is p for v, p in zip(verdicts, pairs, strict=True))


def test_judge_no_pairs_asks_nothing() -> None:
    backend = ScriptedNLI()
    assert judge([], backend) == []
    assert backend.asked == []


# --- figures and wire copies ---------------------------------------------------------------

TOLL = "Hingga Selasa malam, BNPB mencatat {} orang meninggal dunia akibat gempa di Cianjur."
WIRE = (
    "Jakarta (ANTARA) - Kepala BNPB mengatakan jumlah korban meninggal dunia akibat gempa "
    "Cianjur mencapai 268 orang hingga Selasa petang.\n\n"
    "Dari jumlah itu, 122 jenazah sudah teridentifikasi, sedangkan 151 orang masih dinyatakan "
    "hilang dan terus dicari tim SAR gabungan.\n\n"
    "Menurut dia, sebagian besar korban meninggal karena tertimpa bangunan yang runtuh saat "
    "gempa mengguncang kawasan permukiman padat."
)


def _entails_when_both(key: str) -> Callable[[str, str], NLIScores]:
    """Test double rule: every statement holding ``key`` entails every other one."""
    return lambda premise, hypothesis: ENTAILS if key in premise and key in hypothesis else NEUTRAL


def _corroborate_all(extraction: Extraction, backend: ScriptedNLI) -> list[Corroboration]:
    claims = [c for e in extraction.articles for c in e.claims]
    pairs = [Pair(a, b, 1.0) for a, b in combinations(claims, 2) if a.article_id != b.article_id]
    articles = {e.article.id: e.article for e in extraction.articles}
    return list(
        corroborate(
            claims,
            judge(pairs, backend),
            articles,
            group_events(extraction.articles),
            similar=lambda a, b: 0.0,
        )
    )


def test_corroborate_never_counts_another_figure_as_support(tmp_path: Path) -> None:
    extraction = extract_stories(
        tmp_path,
        *(
            Story(name, f"{JUNE_CALL}\n\n{TOLL.format(figure)}", outlet, "2022-11-22")
            for name, outlet, figure in (
                ("a", "Kontan", 27),
                ("b", "Tempo", 29),
                ("c", "Detik", 27),
            )
        ),
    )
    found = {
        c.claim.article_id: c.outlets
        for c in _corroborate_all(extraction, ScriptedNLI(_entails_when_both("BNPB")))
        if "BNPB" in c.claim.text
    }
    # the model says 29 entails 27; the figures say otherwise
    assert found == {"a": ("Detik",), "b": (), "c": ("Kontan",)}


def test_corroborate_the_same_figures_back_a_claim_the_model_misses(tmp_path: Path) -> None:
    """Real pattern (Cianjur, 2022): another outlet gives BNPB's 62 dead in other words; the
    model calls the pair neutral, yet every figure the claim gives is given alike. A
    contradiction from the model, or a different figure, still backs nothing."""
    quake = "Gempa magnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, Senin (21/11/2022)."
    toll = "BNPB mencatat {} orang meninggal dunia akibat gempa di Cianjur."
    reworded = "Sebanyak 62 warga Cianjur tewas dalam bencana itu, menurut data BNPB."
    extraction = extract_stories(
        tmp_path,
        Story("id", f"{quake}\n\n{toll.format(62)}", "Kontan", "2022-11-22"),
        Story("reworded", f"{quake}\n\n{reworded}", "Tempo", "2022-11-22"),
        Story("other", f"{quake}\n\n{toll.format(64)}", "Detik", "2022-11-22"),
    )

    def backers(nli: NLIScores) -> tuple[str, ...]:
        found = _corroborate_all(extraction, ScriptedNLI(lambda p, h: nli))
        (toll,) = [c for c in found if c.claim.article_id == "id" and "BNPB" in c.claim.text]
        return toll.outlets

    assert backers(NEUTRAL) == ("Tempo",)
    assert backers(CONTRADICTS) == ()


def test_corroborate_counts_copies_of_one_wire_story_once(tmp_path: Path) -> None:
    extraction = extract_stories(
        tmp_path,
        Story("copy1", WIRE, "Lensa Jabar", "2022-11-22"),
        Story(
            "copy2",
            WIRE.replace("Kepala BNPB", "Kepala BNPB Letjen TNI"),
            "Kilas Bandung",
            "2022-11-22",
        ),
        Story(
            "own",
            "Sebelumnya, Selasa malam, BNPB mencatat 268 orang meninggal dunia akibat gempa Cianjur.",
            "Detak Jabar",
            "2022-11-23",
        ),
    )
    agree = ScriptedNLI(_entails_when_both("268"))
    found = {
        c.claim.article_id: c for c in _corroborate_all(extraction, agree) if "268" in c.claim.text
    }
    # the independent outlet is backed once by the two copies, and told which they are
    assert len(found["own"].outlets) == 1
    assert found["own"].copies and "Antara" in found["own"].copies[0]
    # a copy never backs the other copy
    assert found["copy1"].outlets == ("Detak Jabar",)
    assert found["copy2"].outlets == ("Detak Jabar",)
    assert any("Kilas Bandung" in note or "Lensa Jabar" in note for note in found["copy1"].copies)
