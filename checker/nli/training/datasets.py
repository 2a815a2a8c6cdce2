"""NLI training and evaluation data: IndoNLI, MNLI-id and generated pairs as :class:`NLIExample`.

The data lives outside the repository (``SELARAS_DATA``, by default ``../shared/data`` next to
the checkout); each folder carries a ``SHA256SUMS`` that :func:`verify_checksums` checks.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import CheckerError
from checker.nli.labels import NLILabel

DATA_ENV = "SELARAS_DATA"
DEFAULT_DATA_ROOT = Path(__file__).resolve().parents[3].parent / "shared" / "data"
CHECKSUMS = "SHA256SUMS"
MNLI_NO_AGREEMENT = "-"


@dataclass(frozen=True, slots=True)
class NLIExample:
    """One premise/hypothesis pair with its gold label.

    ``source`` says where the pair comes from ("indonli/train", "mnli-id/dev", "perturb");
    ``kind`` is the perturbation that made it, or the dataset's own annotator/source tag.
    """

    premise: str
    hypothesis: str
    label: NLILabel
    source: str
    kind: str = ""


def configured_data_root() -> Path:
    """Where the data is looked for: ``$SELARAS_DATA``, else ``../shared/data`` beside the
    checkout. The folder may not exist; :func:`data_root` checks."""
    configured = os.environ.get(DATA_ENV)
    return Path(configured) if configured else DEFAULT_DATA_ROOT


def data_root() -> Path:
    """The folder holding ``indonli/`` and ``mnli-id/``: ``$SELARAS_DATA`` or the default.

    Raises :class:`CheckerError` naming the path when it is not a folder.
    """
    root = configured_data_root()
    if not root.is_dir():
        raise CheckerError(
            f"no NLI data folder at {root}; set {DATA_ENV} to the folder that holds "
            "indonli/ and mnli-id/"
        )
    return root


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The JSON objects of a JSON Lines file with their line numbers; blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CheckerError(f"cannot read {path}: {exc.strerror or exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CheckerError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise CheckerError(f"{path}:{number}: expected a JSON object")
        yield number, row


def _example(
    path: Path, number: int, row: dict[str, Any], keys: tuple[str, str, str], source: str, kind: str
) -> NLIExample:
    premise_key, hypothesis_key, label_key = keys
    try:
        premise, hypothesis, label = row[premise_key], row[hypothesis_key], row[label_key]
        return NLIExample(str(premise), str(hypothesis), NLILabel.parse(str(label)), source, kind)
    except KeyError as exc:
        raise CheckerError(f"{path}:{number}: missing field {exc.args[0]!r}") from exc
    except ValueError as exc:
        raise CheckerError(f"{path}:{number}: {exc}") from exc


def load_indonli(path: Path) -> list[NLIExample]:
    """IndoNLI pairs (``premise``/``hypothesis``/``label`` e|n|c); ``kind`` is the annotator
    type, with the expert test set's text source after a slash ("expert/news")."""
    source = f"indonli/{path.stem}"
    examples = []
    for number, row in _rows(path):
        kind = "/".join(str(row[key]) for key in ("annotator_type", "source") if row.get(key))
        examples.append(
            _example(path, number, row, ("premise", "hypothesis", "label"), source, kind)
        )
    return examples


def load_mnli_id(path: Path) -> list[NLIExample]:
    """Translated MNLI pairs (``sentence1``/``sentence2``/``gold_label``); rows whose gold label is
    "-" (no annotator agreement) are dropped. ``kind`` is the MNLI genre."""
    source = f"mnli-id/{path.stem}"
    keys = ("sentence1", "sentence2", "gold_label")
    return [
        _example(path, number, row, keys, source, str(row.get("genre", "")))
        for number, row in _rows(path)
        if row.get("gold_label") != MNLI_NO_AGREEMENT
    ]


def load_jsonl_pairs(path: Path) -> list[NLIExample]:
    """Generic pairs with ``premise``, ``hypothesis`` and ``label`` (any form :meth:`NLILabel.parse`
    reads); ``source`` and ``kind`` are kept when the rows carry them."""
    examples = []
    for number, row in _rows(path):
        source = str(row.get("source") or f"jsonl/{path.stem}")
        kind = str(row.get("kind", ""))
        examples.append(
            _example(path, number, row, ("premise", "hypothesis", "label"), source, kind)
        )
    return examples


def write_jsonl(examples: Iterable[NLIExample], path: Path) -> int:
    """Write pairs as JSON Lines that :func:`load_jsonl_pairs` reads back; returns the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for example in examples:
            row = {
                "premise": example.premise,
                "hypothesis": example.hypothesis,
                "label": example.label.value,
                "source": example.source,
                "kind": example.kind,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_checksums(folder: Path) -> tuple[str, ...]:
    """Check every file listed in ``folder/SHA256SUMS``; returns the names checked.

    Raises :class:`CheckerError` naming the first file that is missing or differs.
    """
    sums = folder / CHECKSUMS
    if not sums.is_file():
        raise CheckerError(f"no {CHECKSUMS} in {folder}; cannot verify the data")
    checked = []
    for line in sums.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        expected, _, name = line.strip().partition(" ")
        name = name.strip().lstrip("*")
        target = folder / name
        if not target.is_file():
            raise CheckerError(f"{target} is listed in {sums} but missing")
        if _sha256(target) != expected.lower():
            raise CheckerError(f"{target} does not match its checksum in {sums}; fetch it again")
        checked.append(name)
    return tuple(checked)
