"""NLI data: IndoNLI, MNLI translated to Indonesian, and generic premise/hypothesis JSON Lines.

IndoNLI's test_lay and test_expert are for reporting only (benchmarks/nli_accuracy.py); nothing
here trains on them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError
from checker.nli.labels import NLILabel


@dataclass(frozen=True, slots=True)
class NLIExample:
    premise: str
    hypothesis: str
    label: NLILabel
    source: str  # "indonli/train", "mnli-id/train", "perturb/date", ...
    kind: str = ""


def data_root() -> Path:
    """``$SELARAS_DATA``, else ../shared/data beside the repository."""
    root = Path(os.environ.get("SELARAS_DATA", Path(__file__).parents[3] / "shared" / "data"))
    if not root.is_dir():
        raise CheckerError(
            f"no NLI data folder at {root}; set SELARAS_DATA to the folder holding indonli/"
        )
    return root


def _rows(path: Path) -> Iterable[dict[str, object]]:
    if not path.is_file():
        raise CheckerError(f"no data file at {path}")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CheckerError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc


def load_indonli(path: Path) -> list[NLIExample]:
    source = f"indonli/{path.stem}"
    return [
        NLIExample(str(r["premise"]), str(r["hypothesis"]), NLILabel.parse(str(r["label"])), source)
        for r in _rows(path)
    ]


def load_mnli_id(path: Path) -> list[NLIExample]:
    """MultiNLI in Indonesian; rows without annotator agreement (gold_label "-") are dropped."""
    source = f"mnli-id/{path.stem}"
    return [
        NLIExample(
            str(r["sentence1"]), str(r["sentence2"]), NLILabel.parse(str(r["gold_label"])), source
        )
        for r in _rows(path)
        if r.get("gold_label") != "-"
    ]


def load_jsonl_pairs(path: Path) -> list[NLIExample]:
    """Generic rows with premise, hypothesis and label (and optional source, kind)."""
    return [
        NLIExample(
            str(r["premise"]),
            str(r["hypothesis"]),
            NLILabel.parse(str(r["label"])),
            str(r.get("source", path.stem)),
            str(r.get("kind", "")),
        )
        for r in _rows(path)
    ]


def write_jsonl(examples: Iterable[NLIExample], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for e in examples:
            row = {
                "premise": e.premise,
                "hypothesis": e.hypothesis,
                "label": e.label.value,
                "source": e.source,
                "kind": e.kind,
            }
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def verify_checksums(folder: Path) -> None:
    """Check every file listed in the folder's SHA256SUMS; the error names the file that differs."""
    sums = folder / "SHA256SUMS"
    for line in sums.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        expected, name = line.split(maxsplit=1)
        target = folder / name.strip().lstrip("*")
        actual = hashlib.sha256(target.read_bytes()).hexdigest()
        if actual != expected:
            raise CheckerError(
                f"{target} does not match {sums} (sha256 {actual}, expected {expected})"
            )
