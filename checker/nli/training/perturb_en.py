"""English drift pairs made from real sentences: one fact changed (contradiction) or the same
facts said another way (entailment); the English counterpart of
:mod:`checker.nli.training.perturb`.

The edits live in ``perturb_en_numbers`` (dates, weekdays, years, counts, ordinals),
``perturb_en_formats`` (numbers and dates written another way), ``perturb_en_names`` (speakers,
places), ``perturb_en_words`` (negation, antonyms, synonyms) and ``perturb_en_clauses``
(reported speech, dropped clauses); their word lists in ``perturb_en_data.toml``. An edit fires
only where its pattern is unambiguous: no pair is better than a wrongly labelled one.

:mod:`checker.nli.training.mix` calls :func:`perturb_english` on the English side of the
parallel corpora. The English held-out drift set is made from the NTREX-128 documents that
``mix`` holds out, so no training pair shares a document with it::

    python -m checker.nli.training.perturb_en --ntrex-heldout --seed 13 \\
        --out benchmarks/data/drift_heldout_en.jsonl

Any file of English sentences, one a line, works too (``--input FILE``).
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from checker.errors import CheckerError
from checker.nli.labels import NLILabel
from checker.nli.training import (
    perturb_en_clauses,
    perturb_en_formats,
    perturb_en_names,
    perturb_en_numbers,
    perturb_en_words,
)
from checker.nli.training.datasets import NLIExample, data_root, write_jsonl
from checker.nli.training.perturb import apply_edits, summary
from checker.nli.training.perturb_en_lexicon import (
    EnglishLexicon,
    affirmative,
    load_english_lexicon,
)

log = logging.getLogger(__name__)

Edit = Callable[[str, EnglishLexicon, random.Random], str | None]
C, E = NLILabel.CONTRADICTION, NLILabel.ENTAILMENT
PERTURBATIONS: dict[str, tuple[NLILabel, Edit]] = {
    "date": (C, perturb_en_numbers.edit_date),
    "weekday": (C, perturb_en_numbers.edit_weekday),
    "year": (C, perturb_en_numbers.edit_year),
    "number": (C, perturb_en_numbers.edit_number),
    "ordinal": (C, perturb_en_numbers.edit_ordinal),
    "speaker": (C, perturb_en_names.edit_speaker),
    "entity": (C, perturb_en_names.edit_entity),
    "negation": (C, perturb_en_words.edit_negation),
    "antonym": (C, perturb_en_words.edit_antonym),
    "number_format": (E, perturb_en_formats.edit_number_format),
    "synonym": (E, perturb_en_words.edit_synonym),
    "reported": (E, perturb_en_clauses.edit_reported),
    "drop_clause": (E, perturb_en_clauses.edit_drop_clause),
}
PERTURBATION_KINDS: tuple[str, ...] = tuple(PERTURBATIONS)
# Value swaps contradict only a plain assertion: under "not", "if" or "may" they need not.
NEEDS_AFFIRMATIVE = frozenset(k for k, (label, _) in PERTURBATIONS.items() if label is C) - {
    "negation"
}
NTREX_SOURCE = "perturb-en/ntrex-heldout"


def perturb_english(
    text: str, rng: random.Random, *, lexicon: EnglishLexicon | None = None
) -> list[tuple[str, NLILabel, str]]:
    """Every edit that fires on the English sentence ``text``, at most one per kind, as
    (edited sentence, label, kind). Whitespace is normalised first; an edit that changes no
    word is dropped. Deterministic for the state of ``rng``."""
    lex = lexicon or load_english_lexicon()
    premise = " ".join(text.split())
    if not premise:
        return []
    plain = affirmative(premise, lex)
    kinds = [k for k in PERTURBATIONS if plain or k not in NEEDS_AFFIRMATIVE]
    return apply_edits(premise, PERTURBATIONS, lex, rng, kinds=kinds)


def _options(sentences: Iterable[str], seed: int, source: str) -> list[list[NLIExample]]:
    """The pairs each distinct sentence yields, sentence by sentence."""
    lex = load_english_lexicon()
    seen: set[str] = set()
    options = []
    for sentence in sentences:
        text = " ".join(sentence.split())
        if not text or text in seen:
            continue
        seen.add(text)
        rng = random.Random(f"{seed}:{text}")
        made = perturb_english(text, rng, lexicon=lex)
        options.append([NLIExample(text, h, label, source, kind) for h, label, kind in made])
    return options


def generate(
    sentences: Iterable[str],
    *,
    seed: int,
    source: str,
    per_sentence: int = 3,
    per_kind: int = 50,
) -> list[NLIExample]:
    """Pairs from ``sentences``, balanced over kinds: the rarest kind is served first, each kind
    takes at most ``per_kind`` pairs and each sentence gives at most ``per_sentence``.
    Deterministic for a seed (the sentences are visited in a seeded order)."""
    options = _options(sentences, seed, source)
    by_kind: dict[str, list[tuple[int, NLIExample]]] = defaultdict(list)
    for index, pairs in enumerate(options):
        for pair in pairs:
            by_kind[pair.kind].append((index, pair))
    rng = random.Random(seed)
    used: Counter[int] = Counter()
    chosen: list[tuple[int, NLIExample]] = []
    for kind in sorted(by_kind, key=lambda k: (len(by_kind[k]), k)):
        pool = list(by_kind[kind])
        rng.shuffle(pool)
        taken = 0
        for index, pair in pool:
            if taken < per_kind and used[index] < per_sentence:
                used[index] += 1
                taken += 1
                chosen.append((index, pair))
    return [pair for _, pair in sorted(chosen, key=lambda item: (item[0], item[1].kind))]


def firing_rates(sentences: Sequence[str], *, seed: int = 13) -> dict[str, float]:
    """The share of ``sentences`` on which each kind fires (a quick check of the word lists)."""
    counts: Counter[str] = Counter()
    options = _options(sentences, seed, "rates")
    for pairs in options:
        counts.update({pair.kind for pair in pairs})
    total = max(len(options), 1)
    return {kind: counts[kind] / total for kind in PERTURBATION_KINDS}


def ntrex_heldout_sentences() -> list[str]:
    """The English sentences of the NTREX-128 documents that the training mix holds out."""
    from checker.nli.training.mix import held_out_document, load_ntrex  # mix imports this module

    return [
        english for document, _, english in load_ntrex(data_root()) if held_out_document(document)
    ]


def read_sentences(path: Path) -> list[str]:
    """Non-empty lines of a UTF-8 text file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CheckerError(f"cannot read sentences from {path}: {exc.strerror or exc}") from exc
    return [line.strip() for line in lines if line.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m checker.nli.training.perturb_en", description=__doc__.split("\n\n")[0]
    )
    given = parser.add_mutually_exclusive_group(required=True)
    given.add_argument("--input", type=Path, help="English sentences, one a line")
    given.add_argument(
        "--ntrex-heldout", action="store_true", help="the NTREX-128 documents mix.py holds out"
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=int, default=None, help="sentences read at most")
    parser.add_argument("--per-sentence", type=int, default=3)
    parser.add_argument("--per-kind", type=int, default=50)
    parser.add_argument(
        "--source", default=None, help=f"default: {NTREX_SOURCE} or perturb-en/<file>"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Build a drift set and print its counts; exit 0, or 2 on a usage or data error."""
    args = _parser().parse_args(argv)
    try:
        if args.ntrex_heldout:
            sentences, source = ntrex_heldout_sentences(), NTREX_SOURCE
        else:
            sentences, source = read_sentences(args.input), f"perturb-en/{args.input.stem}"
        examples = generate(
            sentences[: args.limit],
            seed=args.seed,
            source=args.source or source,
            per_sentence=args.per_sentence,
            per_kind=args.per_kind,
        )
        write_jsonl(examples, args.out)
    except CheckerError as exc:
        log.error("%s", exc)
        return 2
    log.info("%d pairs from %d sentences", len(examples), len(sentences[: args.limit]))
    sys.stdout.write(summary(examples))
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    raise SystemExit(main())
