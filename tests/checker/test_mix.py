"""The second model's training mix (checker/nli/training/mix.py): held-out parts never train,
labels follow the rules of its docstring. Needs ../shared/data (skips without it)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from checker.nli.labels import NLILabel
from checker.nli.training.mix import (
    build,
    cross_lingual,
    focus_mix,
    held_out_document,
    load_ntrex,
    load_paws,
    load_sts,
)
from checker.nli.training.perturb_lexicon import load_lexicon


@pytest.fixture(scope="module")
def mix(nli_data: Path):  # type: ignore[no-untyped-def]
    return build(nli_data, seed=13)


def test_no_held_out_pair_and_no_held_out_document_trains(mix, nli_data: Path) -> None:  # type: ignore[no-untyped-def]
    train, val, heldout = mix
    train_text = {(e.premise, e.hypothesis) for e in train}
    for name, rows in heldout.items():
        assert rows, name
        assert not any((e.premise, e.hypothesis) in train_text for e in rows), name
    held_sentences = {
        s for doc, i, e in load_ntrex(nli_data) if held_out_document(doc) for s in (i, e)
    }
    trained_sentences = {e.premise for e in train} | {e.hypothesis for e in train}
    assert not held_sentences & trained_sentences
    assert not any(e.source.startswith("indonli/test") for e in train + val)


def test_the_mix_covers_every_kind_the_model_needs(mix) -> None:  # type: ignore[no-untyped-def]
    train, val, _ = mix
    sources = {e.source.split("/")[0] for e in train}
    assert {"indonli", "mnli-id", "snli", "paws-id", "ntrex", "sts", "fever", "perturb"} <= sources
    kinds = {e.kind for e in train if e.source == "ntrex"}
    assert {"translation", "same-document"} <= kinds
    assert any(k.startswith("perturbed-") for k in kinds)
    assert {e.source.split("/")[0] for e in val} == {"indonli", "snli", "nusax"}


def test_translations_entail_both_ways_and_perturbed_ones_contradict(nli_data: Path) -> None:
    rows = [r for r in load_ntrex(nli_data) if not held_out_document(r[0])][:60]
    pairs = cross_lingual(
        rows, "ntrex", seed=13, lex=load_lexicon(), english=None, neutral_from_group=True
    )
    _doc, ind, eng = rows[0]
    assert any(
        e.premise == eng and e.hypothesis == ind and e.label is NLILabel.ENTAILMENT for e in pairs
    )
    assert any(
        e.premise == ind and e.hypothesis == eng and e.label is NLILabel.ENTAILMENT for e in pairs
    )
    perturbed = [e for e in pairs if e.kind.startswith("perturbed-")]
    assert perturbed and all(e.label is NLILabel.CONTRADICTION for e in perturbed)
    assert all(e.label is NLILabel.NEUTRAL for e in pairs if e.kind == "same-document")


def test_paws_and_headline_labels(tmp_path: Path) -> None:
    paws = tmp_path / "paws.tsv"
    paws.write_text(
        "id\tsentence1\tsentence2\tlabel\n1\tA menang atas B.\tB dikalahkan A.\t1\n"
        "2\tA menang atas B.\tB menang atas A.\t0\n",
        encoding="utf-8",
    )
    rows = load_paws(paws, "paws", header=True, both_ways=True)
    assert [(e.label, e.kind) for e in rows] == [
        (NLILabel.ENTAILMENT, "paraphrase"),
        (NLILabel.ENTAILMENT, "paraphrase"),
        (NLILabel.NEUTRAL, "non-paraphrase"),  # a meaning-changing swap, not always a contradiction
    ]
    sts = tmp_path / "sts.tsv"
    sts.write_text(
        "4.6\tQuake kills 162\t162 die in quake\n2.5\tx y\tx z\n0.4\tRates rise\tTeam wins\n\tno score\tskipped\n"
    )
    labels = [e.label for e in load_sts(sts, "sts")]
    assert labels == [NLILabel.ENTAILMENT, NLILabel.ENTAILMENT, NLILabel.NEUTRAL]


def test_the_second_stage_leans_on_the_facts_an_outlet_gets_wrong(mix, nli_data: Path) -> None:  # type: ignore[no-untyped-def]
    train, _, heldout = mix
    focus = focus_mix(nli_data, train, heldout, seed=13)
    labels = Counter(e.label for e in focus)
    # stage 1 is mostly entailment; stage 2 has more contradictions than entailments
    assert labels[NLILabel.CONTRADICTION] > labels[NLILabel.ENTAILMENT]
    kinds = {e.kind for e in focus if e.source == "xling-perturbed"}
    assert {"perturbed-id-date", "perturbed-en-number"} & kinds
    held_sentences = {
        s for doc, i, e in load_ntrex(nli_data) if held_out_document(doc) for s in (i, e)
    }
    assert not held_sentences & ({e.premise for e in focus} | {e.hypothesis for e in focus})
    held_pairs = {(e.premise, e.hypothesis) for rows in heldout.values() for e in rows}
    assert not held_pairs & {(e.premise, e.hypothesis) for e in focus}
