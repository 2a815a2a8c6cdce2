"""Labelled drift pairs made from real sentences: one fact changed (contradiction) or the same
facts said another way (entailment).

The edits live in ``perturb_numbers`` (dates, counts, ordinals), ``perturb_names`` (speakers,
outlets, entities, aliases), ``perturb_words`` (negation, antonyms, synonyms) and
``perturb_clauses`` (attribution order, reported speech, dropped clauses); their word lists in
``perturb_data.toml``. An edit fires only where its pattern matches.

Training pairs come from IndoNLI train premises; the held-out drift set from IndoNLI val
premises and the example articles. IndoNLI's test files are never read::

    python -m checker.nli.training.perturb --split train --seed 13 --out benchmarks/data/drift_train.jsonl
    python -m checker.nli.training.perturb --split heldout --seed 13 --limit 600 \
        --out benchmarks/data/drift_heldout.jsonl
"""

from __future__ import annotations

import argparse
import difflib
import json
import logging
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from checker.errors import CheckerError
from checker.nli.labels import NLILabel
from checker.nli.training import (
    perturb_clauses,
    perturb_names,
    perturb_numbers,
    perturb_words,
)
from checker.nli.training.datasets import NLIExample, data_root, write_jsonl
from checker.nli.training.perturb_lexicon import Lexicon, load_lexicon

log = logging.getLogger(__name__)

Edit = Callable[[str, Lexicon, random.Random], str | None]
L = TypeVar("L")  # a generator's lexicon (Indonesian, English)
C, E = NLILabel.CONTRADICTION, NLILabel.ENTAILMENT
PERTURBATIONS: dict[str, tuple[NLILabel, Edit]] = {
    "date": (C, perturb_numbers.edit_date),
    "weekday": (C, perturb_numbers.edit_weekday),
    "year": (C, perturb_numbers.edit_year),
    "number": (C, perturb_numbers.edit_number),
    "ordinal": (C, perturb_numbers.edit_ordinal),
    "speaker": (C, perturb_names.edit_speaker),
    "outlet": (C, perturb_names.edit_outlet),
    "entity": (C, perturb_names.edit_entity),
    "negation": (C, perturb_words.edit_negation),
    "antonym": (C, perturb_words.edit_antonym),
    "synonym": (E, perturb_words.edit_synonym),
    "alias": (E, perturb_names.edit_alias),
    "reorder": (E, perturb_clauses.edit_reorder),
    "reported": (E, perturb_clauses.edit_reported),
    "drop_clause": (E, perturb_clauses.edit_drop_clause),
    "number_format": (E, perturb_numbers.edit_number_format),
}
PERTURBATION_KINDS: tuple[str, ...] = tuple(PERTURBATIONS)
REPO_ROOT = Path(__file__).resolve().parents[3]
EVALUATION_ONLY = "test_"
MIN_STORY_WORDS = 8
STORY_ENDINGS = (".", "”", '"')
PER_SENTENCE = {"train": 3, "heldout": 2}


def token_diff(premise: str, hypothesis: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The whitespace tokens removed from the premise and those added in the hypothesis."""
    before, after = premise.split(), hypothesis.split()
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += before[i1:i2]
            added += after[j1:j2]
    return tuple(removed), tuple(added)


def apply_edits(
    premise: str,
    table: Mapping[str, tuple[NLILabel, Callable[[str, L, random.Random], str | None]]],
    lex: L,
    rng: random.Random,
    *,
    kinds: Iterable[str] | None = None,
) -> list[tuple[str, NLILabel, str]]:
    """(hypothesis, label, kind) for every edit of ``table`` (or of ``kinds``, in that order)
    that fires on ``premise`` and changes a word: the loop every generator shares, whatever the
    language of its lexicon."""
    out = []
    for kind in table if kinds is None else kinds:
        label, edit = table[kind]
        edited = edit(premise, lex, rng)
        hypothesis = " ".join(edited.split()) if edited else ""
        if hypothesis and hypothesis != premise and token_diff(premise, hypothesis) != ((), ()):
            out.append((hypothesis, label, kind))
    return out


def perturb_sentence(
    sentence: str, rng: random.Random, *, lexicon: Lexicon | None = None, source: str = "perturb"
) -> list[NLIExample]:
    """Every perturbation that fires on ``sentence``, one example per kind (at most)."""
    premise = " ".join(sentence.split())
    made = apply_edits(premise, PERTURBATIONS, lexicon or load_lexicon(), rng)
    return [NLIExample(premise, h, label, source, kind) for h, label, kind in made]


def _pick(
    options: list[NLIExample],
    count: int,
    labels: Counter[NLILabel],
    kinds: Counter[str],
    rng: random.Random,
) -> list[NLIExample]:
    """Up to ``count`` options, favouring the label and then the kind seen least so far."""
    chosen: list[NLIExample] = []
    remaining = list(options)
    while remaining and len(chosen) < count:
        best = min(remaining, key=lambda e: (labels[e.label], kinds[e.kind], rng.random()))
        remaining.remove(best)
        labels[best.label] += 1
        kinds[best.kind] += 1
        chosen.append(best)
    return chosen


def generate(
    sentences: Iterable[str],
    *,
    seed: int,
    per_sentence: int = 2,
    source: str,
    thesaurus_path: Path | None = None,
) -> list[NLIExample]:
    """Up to ``per_sentence`` pairs from each distinct sentence, balanced over labels and kinds.

    Deterministic for a seed: each sentence's edits are drawn from a generator seeded with the
    seed and the sentence itself.
    """
    lex = load_lexicon(thesaurus_path)
    labels: Counter[NLILabel] = Counter()
    kinds: Counter[str] = Counter()
    seen: set[str] = set()
    examples: list[NLIExample] = []
    for sentence in sentences:
        text = " ".join(sentence.split())
        if not text or text in seen:
            continue
        seen.add(text)
        rng = random.Random(f"{seed}:{text}")
        options = perturb_sentence(text, rng, lexicon=lex, source=source)
        examples += _pick(options, per_sentence, labels, kinds, rng)
    return examples


def _refuse_evaluation_data(path: Path) -> None:
    if EVALUATION_ONLY in str(path):
        raise CheckerError(
            f"{path} looks like an evaluation-only test file; drift pairs are never made from it"
        )


def read_premises(path: Path) -> list[str]:
    """The distinct ``premise`` values of a JSON Lines file, in order; refuses test files."""
    _refuse_evaluation_data(path)
    try:
        rows = [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    except (OSError, json.JSONDecodeError) as exc:
        raise CheckerError(f"cannot read premises from {path}: {exc}") from exc
    return list(dict.fromkeys(str(row["premise"]) for row in rows if row.get("premise")))


def story_lines(folder: Path) -> list[str]:
    """Lines of the ``*.txt`` articles in ``folder`` that read like story text: at least eight
    words and ending like a sentence (page furniture rarely does)."""
    _refuse_evaluation_data(folder)
    lines: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if len(text.split()) >= MIN_STORY_WORDS and text.endswith(STORY_ENDINGS):
                lines.append(text)
    return list(dict.fromkeys(lines))


def _inputs(args: argparse.Namespace) -> list[tuple[str, list[str]]]:
    """(source, sentences) for the split, each list cut to ``--limit``.

    IndoNLI reuses premises across its splits (785 of val's 807 are also train premises), so
    the training set leaves out every val premise: the held-out drift set and the model-selection
    set then share no premise with the training pairs.
    """
    root = data_root()
    if args.split == "train":
        val = set(read_premises(root / "indonli" / "val.jsonl"))
        train = [p for p in read_premises(root / "indonli" / "train.jsonl") if p not in val]
        inputs = [("perturb/indonli-train", train)]
    else:
        inputs = [
            ("perturb/indonli-val", read_premises(root / "indonli" / "val.jsonl")),
            ("perturb/examples", story_lines(args.examples)),
        ]
    inputs += [(f"perturb/{path.stem}", read_premises(path)) for path in args.input]
    return [(source, sentences[: args.limit]) for source, sentences in inputs]


def summary(examples: Sequence[NLIExample]) -> str:
    """A table of pair counts per kind and label, then per label."""
    per_kind = Counter((e.kind, e.label.value) for e in examples)
    lines = [f"{kind:<14} {label:<14} {n:>6}" for (kind, label), n in sorted(per_kind.items())]
    per_label = Counter(e.label.value for e in examples)
    lines += [f"{'total':<14} {label:<14} {n:>6}" for label, n in sorted(per_label.items())]
    lines.append(f"{'total':<14} {'all':<14} {len(examples):>6}")
    return "\n".join(lines) + "\n"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m checker.nli.training.perturb", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--split", choices=("train", "heldout"), required=True)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None, help="sentences taken from each input")
    parser.add_argument(
        "--per-sentence", type=int, default=None, help="default: train 3, heldout 2"
    )
    parser.add_argument(
        "--input", type=Path, action="append", default=[], help="more premise JSONL"
    )
    parser.add_argument("--examples", type=Path, default=REPO_ROOT / "examples")
    parser.add_argument("--thesaurus", type=Path, default=None, help="MyThes th_id_ID_v2.dat")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Build a drift set and print its counts; exit 0, or 2 on a usage or data error."""
    args = _parser().parse_args(argv)
    try:
        examples: list[NLIExample] = []
        for source, sentences in _inputs(args):
            made = generate(
                sentences,
                seed=args.seed,
                per_sentence=args.per_sentence or PER_SENTENCE[args.split],
                source=source,
                thesaurus_path=args.thesaurus,
            )
            log.info("%s: %d pairs from %d sentences", source, len(made), len(sentences))
            examples += made
        write_jsonl(examples, args.out)
    except CheckerError as exc:
        log.error("%s", exc)
        return 2
    sys.stdout.write(summary(examples))
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    raise SystemExit(main())
