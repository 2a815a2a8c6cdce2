"""The second model's training mix: general NLI in Indonesian and English, paraphrase as
entailment, cross-lingual translation pairs (and perturbed translations as contradictions), claim
and evidence pairs, and the drift perturbations; with every held-out part cut off before anything
trains.

    python -m checker.nli.training.mix --out benchmarks/data/v2 [--seed 13]

writes ``train.jsonl`` (the training pairs), ``val.jsonl`` (model selection during training)
and ``heldout/<set>.jsonl`` (figures only, read by ``benchmarks/nli_accuracy.py``). The held-out
parts are fixed by rule, not by chance draws that could move: SNLI test, PAWS-ID test, FEVER-
Symmetric test, WReTE test, NusaX-MT test, STS headlines 2016, and the NTREX-128 documents whose
id hashes into the held-out fifth. The IndoNLI test files are never read here.

Label rules (see ``../shared/data/README.md``):

- a translation entails its source and the source entails the translation;
- a translation with one fact changed (date, number, ordinal, speaker, place, negation, antonym;
  the edits of :mod:`checker.nli.training.perturb` on the Indonesian side, of
  :mod:`checker.nli.training.perturb_en` on the English side when present) contradicts it;
- another sentence of the same NTREX document is neutral;
- PAWS paraphrase (1) is entailment both ways; PAWS non-paraphrase (0) is neutral: a word-order
  swap that changes meaning is not entailment, and it is not always a contradiction;
- STS headlines scored ≥ 4 of 5 are entailment both ways, ≤ 1 neutral (another event);
- FEVER SUPPORTS / REFUTES are entailment / contradiction; WReTE "Entail_or_Paraphrase" is
  entailment and "NotEntail" neutral.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from checker.errors import CheckerError
from checker.nli.labels import NLILabel
from checker.nli.training.datasets import (
    NLIExample,
    data_root,
    load_indonli,
    load_jsonl_pairs,
    load_mnli_id,
    write_jsonl,
)
from checker.nli.training.perturb import PERTURBATIONS, apply_edits
from checker.nli.training.perturb_lexicon import Lexicon, load_lexicon

log = logging.getLogger(__name__)

E, N, C = NLILabel.ENTAILMENT, NLILabel.NEUTRAL, NLILabel.CONTRADICTION
REPO_ROOT = Path(__file__).resolve().parents[3]
DRIFT_TRAIN = REPO_ROOT / "benchmarks" / "data" / "drift_train.jsonl"
HELDOUT_FIFTH = 5  # NTREX documents whose id hash is 0 modulo this are held out
STS_ENTAIL, STS_UNRELATED = 4.0, 1.0
# contradiction edits used on translations: the facts an outlet can get wrong
FACT_EDITS = (
    "date",
    "weekday",
    "year",
    "number",
    "ordinal",
    "speaker",
    "entity",
    "negation",
    "antonym",
)
Parallel = list[tuple[str, str, str]]  # (group, indonesian, english)
EnglishEdit = Callable[[str, random.Random], list[tuple[str, NLILabel, str]]]


def _clean(text: str) -> str:
    return " ".join(text.split())


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CheckerError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _both_ways(a: str, b: str, label: NLILabel, source: str, kind: str) -> list[NLIExample]:
    return [NLIExample(a, b, label, source, kind), NLIExample(b, a, label, source, kind)]


def held_out_document(document: str) -> bool:
    """Whether an NTREX document belongs to the held-out fifth (stable across runs)."""
    return int(hashlib.sha256(document.encode()).hexdigest(), 16) % HELDOUT_FIFTH == 0


# --- loaders -------------------------------------------------------------------------------


def load_snli(root: Path, split: str) -> list[NLIExample]:
    folder = root / "snli"
    premises = _read_lines(folder / f"dataset_eSNLI_s1.{split}")
    hypotheses = _read_lines(folder / f"dataset_eSNLI_s2.{split}")
    labels = _read_lines(folder / f"dataset_eSNLI_labels.{split}")
    if not len(premises) == len(hypotheses) == len(labels):
        raise CheckerError(f"{folder}: s1, s2 and labels of {split} differ in length")
    out = []
    for p, h, label in zip(premises, hypotheses, labels, strict=True):
        if label.strip() in {"entailment", "neutral", "contradiction"}:
            out.append(
                NLIExample(_clean(p), _clean(h), NLILabel.parse(label.strip()), f"snli/{split}")
            )
    return out


def _paws_rows(path: Path, *, header: bool) -> Iterable[tuple[str, str, str]]:
    for number, line in enumerate(_read_lines(path), start=1):
        fields = line.split("\t")
        if header and number == 1:
            continue
        if len(fields) < 3:
            continue
        s1, s2, label = fields[-3], fields[-2], fields[-1].strip()
        if label in {"0", "1"} and s1.strip() and s2.strip():
            yield _clean(s1), _clean(s2), label


def load_paws(path: Path, source: str, *, header: bool, both_ways: bool) -> list[NLIExample]:
    """PAWS rows: paraphrase (1) entailment, non-paraphrase (0) neutral."""
    out: list[NLIExample] = []
    for s1, s2, label in _paws_rows(path, header=header):
        if label == "1":
            pairs = _both_ways(s1, s2, E, source, "paraphrase") if both_ways else []
            out += pairs or [NLIExample(s1, s2, E, source, "paraphrase")]
        else:
            out.append(NLIExample(s1, s2, N, source, "non-paraphrase"))
    return out


def load_sts(path: Path, source: str) -> list[NLIExample]:
    out: list[NLIExample] = []
    for line in _read_lines(path):
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0].strip():
            continue
        try:
            value = float(fields[0])
        except ValueError:
            continue
        a, b = _clean(fields[1]), _clean(fields[2])
        if value >= STS_ENTAIL:
            out += _both_ways(a, b, E, source, "similar-headline")
        elif value <= STS_UNRELATED:
            out.append(NLIExample(a, b, N, source, "other-headline"))
    return out


def load_fever(path: Path, source: str) -> list[NLIExample]:
    out = []
    for line in _read_lines(path):
        if not line.strip():
            continue
        row = json.loads(line)
        label = {"SUPPORTS": E, "REFUTES": C}.get(str(row.get("gold_label")))
        if label is not None:
            out.append(
                NLIExample(_clean(row["evidence"]), _clean(row["claim"]), label, source, "claim")
            )
    return out


def load_wrete(path: Path, source: str) -> list[NLIExample]:
    out = []
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            label = {"Entail_or_Paraphrase": E, "NotEntail": N}.get(row.get("label", ""))
            if label is not None:
                out.append(
                    NLIExample(
                        _clean(row["sent_A"]), _clean(row["sent_B"]), label, source, "revision"
                    )
                )
    return out


def load_ntrex(root: Path) -> Parallel:
    folder = root / "parallel" / "ntrex128"
    documents = [line.split("\t")[0].strip() for line in _read_lines(folder / "DOCUMENT_IDS.tsv")]
    indonesian = _read_lines(folder / "NTREX-128_newstest2019-ref.ind.txt")
    english = _read_lines(folder / "NTREX-128_newstest2019-src.eng.txt")
    if not len(documents) == len(indonesian) == len(english):
        raise CheckerError(f"{folder}: document ids and sentences differ in length")
    return [
        (d, _clean(i), _clean(e))
        for d, i, e in zip(documents, indonesian, english, strict=True)
        if i.strip() and e.strip()
    ]


def load_nusax(root: Path, split: str) -> Parallel:
    path = root / "parallel" / "nusax-mt" / f"datasets_mt_{split}.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        return [
            (f"nusax/{split}", _clean(row["indonesian"]), _clean(row["english"]))
            for row in csv.DictReader(stream)
            if row.get("indonesian", "").strip() and row.get("english", "").strip()
        ]


def load_talpco(root: Path) -> Parallel:
    folder = root / "parallel" / "talpco"

    def table(name: str) -> dict[str, str]:
        rows = (line.split("\t", 1) for line in _read_lines(folder / name))
        return {r[0].strip(): _clean(r[1]) for r in rows if len(r) == 2 and r[1].strip()}

    ind, eng = table("ind_data_ind.txt"), table("eng_data_eng.txt")
    return [("talpco", ind[k], eng[k]) for k in ind if k in eng]


def load_tatoeba(root: Path) -> Parallel:
    folder = root / "parallel" / "tatoeba"
    ind = _read_lines(folder / "data_tatoeba_v1_tatoeba.ind-eng.ind")
    eng = _read_lines(folder / "data_tatoeba_v1_tatoeba.ind-eng.eng")
    return [
        ("tatoeba", _clean(i), _clean(e))
        for i, e in zip(ind, eng, strict=True)
        if i.strip() and e.strip()
    ]


# --- cross-lingual pairs ---------------------------------------------------------------------


def english_editor() -> EnglishEdit | None:
    """The English perturbation generator, when the module is present."""
    try:
        from checker.nli.training import perturb_en
    except ImportError:
        return None
    return perturb_en.perturb_english


def cross_lingual(
    rows: Parallel,
    source: str,
    *,
    seed: int,
    lex: Lexicon,
    english: EnglishEdit | None,
    neutral_from_group: bool,
    one_way: bool = False,
    contradictions: int = 1,
) -> list[NLIExample]:
    """Translation pairs both ways (entailment), one perturbed translation per sentence and
    language side where an edit fires (contradiction, in a random order), and for news documents
    another sentence of the same document (neutral)."""
    out: list[NLIExample] = []
    by_group: dict[str, list[int]] = {}
    for index, (group, _, _) in enumerate(rows):
        by_group.setdefault(group, []).append(index)
    for index, (group, ind, eng) in enumerate(rows):
        rng = random.Random(f"{seed}:{source}:{index}")
        if one_way:
            pair = (eng, ind) if rng.random() < 0.5 else (ind, eng)
            out.append(NLIExample(pair[0], pair[1], E, source, "translation"))
        else:
            out += _both_ways(eng, ind, E, source, "translation")
        edits = [
            (h, lab, f"id-{k}", eng)
            for h, lab, k in apply_edits(ind, PERTURBATIONS, lex, rng, kinds=FACT_EDITS)
        ]
        if english is not None:
            edits += [(h, lab, f"en-{k}", ind) for h, lab, k in english(eng, rng)]
        changed = [e for e in edits if e[1] is C]
        for hypothesis, label, kind, other in rng.sample(
            changed, min(contradictions, len(changed))
        ):
            pair = (other, hypothesis) if rng.random() < 0.5 else (hypothesis, other)
            out.append(NLIExample(pair[0], pair[1], label, source, f"perturbed-{kind}"))
        if neutral_from_group:
            mates = [j for j in by_group[group] if abs(j - index) > 1]
            if mates:
                j = rng.choice(mates)
                premise = rows[j][1] if rng.random() < 0.5 else rows[j][2]
                hypothesis = eng if premise == rows[j][1] else ind
                out.append(NLIExample(premise, hypothesis, N, source, "same-document"))
    return out


# --- the mix ---------------------------------------------------------------------------------


def _sample(examples: list[NLIExample], limit: int | None, seed: int) -> list[NLIExample]:
    if limit is None or len(examples) <= limit:
        return examples
    chosen = list(examples)
    random.Random(seed).shuffle(chosen)
    return chosen[:limit]


def build(
    root: Path, *, seed: int
) -> tuple[list[NLIExample], list[NLIExample], dict[str, list[NLIExample]]]:
    """(train, val, held-out sets by name)."""
    lex = load_lexicon()
    english = english_editor()
    if english is None:
        log.warning("checker.nli.training.perturb_en not found: no English-side perturbations")
    train: list[NLIExample] = []
    heldout: dict[str, list[NLIExample]] = {}

    train += load_indonli(root / "indonli" / "train.jsonl")
    train += load_mnli_id(root / "mnli-id" / "train.jsonl")
    snli_dev = load_snli(root, "dev")
    random.Random(seed).shuffle(snli_dev)
    snli_val, snli_train = snli_dev[:500], snli_dev[500:]
    train += snli_train
    heldout["snli_test"] = load_snli(root, "test")

    paws_dev = load_paws(
        root / "paws-id" / "paraphrase_paws_data_final_dev.tsv",
        "paws-id/dev",
        header=True,
        both_ways=True,
    )
    train += paws_dev
    heldout["paws_id_test"] = load_paws(
        root / "paws-id" / "paraphrase_paws_data_final_test.tsv",
        "paws-id/test",
        header=True,
        both_ways=False,
    )
    train += load_paws(
        root / "pawsx" / "data_pawsx_dev-en.tsv", "pawsx/en", header=False, both_ways=True
    )

    sts = root / "sts-headlines"
    for year in (2013, 2014, 2015):
        train += load_sts(sts / f"data_sts_semeval-sts_{year}_headlines.test.tsv", f"sts/{year}")
    heldout["sts_2016"] = load_sts(sts / "data_sts_semeval-sts_2016_headlines.test.tsv", "sts/2016")

    fever = root / "fever-symmetric"
    train += load_fever(fever / "symmetric_v0.2_fever_symmetric_dev.jsonl", "fever/dev")
    heldout["fever_test"] = load_fever(
        fever / "symmetric_v0.2_fever_symmetric_test.jsonl", "fever/test"
    )

    wrete = root / "wrete"
    for split in ("train", "valid"):
        train += load_wrete(wrete / f"dataset_wrete_entailment-ui_{split}_preprocess.csv", "wrete")
    heldout["wrete_test"] = load_wrete(
        wrete / "dataset_wrete_entailment-ui_test_preprocess.csv", "wrete/test"
    )

    ntrex = load_ntrex(root)
    ntrex_train = [r for r in ntrex if not held_out_document(r[0])]
    ntrex_held = [r for r in ntrex if held_out_document(r[0])]

    def pairs(
        rows: Parallel, source: str, *, neutral: bool = False, one_way: bool = False
    ) -> list[NLIExample]:
        return cross_lingual(
            rows,
            source,
            seed=seed,
            lex=lex,
            english=english,
            neutral_from_group=neutral,
            one_way=one_way,
        )

    train += pairs(ntrex_train, "ntrex", neutral=True)
    train += pairs(load_nusax(root, "train"), "nusax")
    train += pairs(load_talpco(root), "talpco", one_way=True)
    train += pairs(load_tatoeba(root), "tatoeba", one_way=True)
    xling_val = pairs(load_nusax(root, "valid"), "nusax/valid")
    heldout["xling"] = pairs(ntrex_held, "ntrex/heldout", neutral=True) + pairs(
        load_nusax(root, "test"), "nusax/test"
    )

    if DRIFT_TRAIN.is_file():
        train += load_jsonl_pairs(DRIFT_TRAIN)
    if english is not None:  # English drift pairs, both labels, from the training documents
        from checker.nli.training import perturb_en

        sentences = [eng for _, _, eng in ntrex_train]
        train += perturb_en.generate(
            sentences, seed=seed, source="perturb-en/ntrex-train", per_sentence=2, per_kind=300
        )

    indonli_val = load_indonli(root / "indonli" / "val.jsonl")
    val = (
        _sample(indonli_val, 600, seed)
        + _sample(snli_val, 200, seed)
        + _sample(xling_val, 200, seed)
    )
    held_text = {(e.premise, e.hypothesis) for rows in heldout.values() for e in rows}
    train = [e for e in train if (e.premise, e.hypothesis) not in held_text]  # STS repeats pairs
    return train, val, heldout


# The second stage: the facts an outlet can get wrong, with enough of the rest to keep it.
# Stage 1 is dominated by entailment (translations, paraphrases), and a model trained on it
# alone starts reading a changed speaker or place as a paraphrase.
FOCUS_SAMPLES = {
    "indonli": 2000,
    "mnli-id": 500,
    "snli": 1000,
    "paws-id": 1000,
    "pawsx": 300,
    "sts": 600,
    "fever": 705,
    "wrete": 350,
}
FOCUS_TRANSLATIONS = 1500
FOCUS_SAME_DOCUMENT = 800
FOCUS_PERTURBED = 4000


def focus_mix(
    root: Path,
    train: Sequence[NLIExample],
    heldout: Mapping[str, Sequence[NLIExample]],
    *,
    seed: int,
) -> list[NLIExample]:
    """Stage-2 pairs: every drift pair (Indonesian, English and across the two, up to three
    perturbed translations per sentence pair) with a sample of each other source; no pair of
    ``heldout``."""
    rng = random.Random(seed)
    english = english_editor()
    lex = load_lexicon()
    parallel = (
        [r for r in load_ntrex(root) if not held_out_document(r[0])]
        + load_nusax(root, "train")
        + load_talpco(root)
        + load_tatoeba(root)
    )
    perturbed = [
        e
        for e in cross_lingual(
            parallel,
            "xling-perturbed",
            seed=seed + 1,
            lex=lex,
            english=english,
            neutral_from_group=False,
            contradictions=3,
        )
        if e.kind.startswith("perturbed-")
    ]
    out = _sample(perturbed, FOCUS_PERTURBED, seed)
    out += [e for e in train if e.source.split("/")[0] in {"perturb", "perturb-en"}]
    if english is not None:
        from checker.nli.training import perturb_en

        sentences = [eng for _, _, eng in parallel]
        out += perturb_en.generate(
            sentences, seed=seed + 1, source="perturb-en/parallel", per_sentence=2, per_kind=400
        )
    by_source: dict[str, list[NLIExample]] = {}
    for e in train:
        by_source.setdefault(e.source.split("/")[0], []).append(e)
    for source, limit in FOCUS_SAMPLES.items():
        out += _sample(by_source.get(source, []), limit, seed)
    translations = [e for e in train if e.kind == "translation"]
    same_document = [e for e in train if e.kind == "same-document"]
    out += _sample(translations, FOCUS_TRANSLATIONS, seed)
    out += _sample(same_document, FOCUS_SAME_DOCUMENT, seed)
    held_text = {(e.premise, e.hypothesis) for rows in heldout.values() for e in rows}
    unique = {(e.premise, e.hypothesis): e for e in out}
    kept = [e for key, e in unique.items() if key not in held_text]
    rng.shuffle(kept)
    return kept


def summary(examples: Sequence[NLIExample]) -> str:
    by_source = Counter(e.source.split("/")[0] for e in examples)
    by_label = Counter(e.label.value for e in examples)
    parts = ", ".join(f"{k} {v}" for k, v in sorted(by_source.items()))
    return f"{len(examples)} pairs ({parts}); labels {dict(by_label)}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker.nli.training.mix", description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "benchmarks" / "data" / "v2")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        train, val, heldout = build(data_root(), seed=args.seed)
    except CheckerError as exc:
        print(f"selaras: {exc}", file=sys.stderr)
        return 2
    focus = focus_mix(data_root(), train, heldout, seed=args.seed)
    write_jsonl(train, args.out / "train.jsonl")
    write_jsonl(focus, args.out / "train_focus.jsonl")
    write_jsonl(val, args.out / "val.jsonl")
    print(f"train: {summary(train)}")
    print(f"train_focus (stage 2): {summary(focus)}")
    print(f"val: {summary(val)}")
    for name, rows in heldout.items():
        write_jsonl(rows, args.out / "heldout" / f"{name}.jsonl")
        print(f"heldout/{name}: {summary(rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
