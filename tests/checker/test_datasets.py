"""NLI data loading: row counts and labels of the real files, data root, checksums, JSONL round trip.

Tests taking ``root`` read ../shared/data (or $SELARAS_DATA) and skip when it is absent."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.errors import CheckerError
from checker.nli.labels import NLILabel
from checker.nli.training import datasets
from checker.nli.training.datasets import (
    DATA_ENV,
    NLIExample,
    data_root,
    load_indonli,
    load_jsonl_pairs,
    load_mnli_id,
    verify_checksums,
    write_jsonl,
)

from .conftest import nli_data_or_skip

Loader = Callable[[Path], list[NLIExample]]


@pytest.fixture(scope="module")
def root(nli_data: Path) -> Path:
    return nli_data


@pytest.mark.parametrize(
    ("loader", "relative", "rows", "source"),
    [
        (load_indonli, "indonli/train.jsonl", 10330, "indonli/train"),
        (load_indonli, "indonli/val.jsonl", 2197, "indonli/val"),
        (load_mnli_id, "mnli-id/train.jsonl", 10330, "mnli-id/train"),
        (load_mnli_id, "mnli-id/dev.jsonl", 2158, "mnli-id/dev"),
    ],
)
def test_loaders_read_real_row_counts(
    root: Path, loader: Loader, relative: str, rows: int, source: str
) -> None:
    examples = loader(root / relative)
    assert len(examples) == rows
    assert {e.source for e in examples} == {source}
    assert set(Counter(e.label for e in examples)) == set(NLILabel)
    assert all(e.premise and e.hypothesis for e in examples)


def test_load_indonli_parses_letter_labels_and_annotator(root: Path) -> None:
    first = load_indonli(root / "indonli" / "train.jsonl")[0]
    assert first.label is NLILabel.CONTRADICTION  # the first row is labelled "c"
    assert first.kind == "lay"
    assert first.premise.startswith("Presiden Joko Widodo (Jokowi)")


def test_load_indonli_labels_match_raw_letters(root: Path) -> None:
    path = root / "indonli" / "val.jsonl"
    raw = Counter(line.split('"label": "')[1][0] for line in path.read_text().splitlines())
    parsed = Counter(e.label.value[0] for e in load_indonli(path))
    assert parsed == raw


def test_load_mnli_id_drops_rows_without_agreement(root: Path) -> None:
    path = root / "mnli-id" / "dev.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    dropped = sum('"gold_label": "-"' in line for line in lines)
    assert dropped == 40
    assert len(load_mnli_id(path)) == len(lines) - dropped


def test_data_root_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    assert data_root() == tmp_path


def test_missing_data_skips_with_the_path_and_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.setattr(datasets, "DEFAULT_DATA_ROOT", tmp_path / "absent")
    with pytest.raises(pytest.skip.Exception) as skipped:
        nli_data_or_skip()
    assert str(skipped.value) == (
        f"NLI data not found at {tmp_path / 'absent'}; "
        "set SELARAS_DATA=/path/to/shared/data to run these tests"
    )
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    with pytest.raises(pytest.skip.Exception, match=re.escape(str(tmp_path))):
        nli_data_or_skip()  # a folder without indonli/ and mnli-id/ is not the data either
    for folder in ("indonli", "mnli-id"):
        (tmp_path / folder).mkdir()
    assert nli_data_or_skip() == tmp_path


def test_data_root_missing_names_the_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    monkeypatch.setenv(DATA_ENV, str(missing))
    with pytest.raises(CheckerError, match=re.escape(str(missing))):
        data_root()


@pytest.mark.parametrize(("folder", "expected"), [("indonli", 5), ("mnli-id", 2)])
def test_verify_checksums_accepts_real_data(root: Path, folder: str, expected: int) -> None:
    checked = verify_checksums(root / folder)
    assert len(checked) == expected
    assert "train.jsonl" in checked


def test_verify_checksums_names_tampered_file(root: Path, tmp_path: Path) -> None:
    for name in ("SHA256SUMS", "train.jsonl", "dev.jsonl"):
        shutil.copyfile(root / "mnli-id" / name, tmp_path / name)
    with (tmp_path / "dev.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    with pytest.raises(CheckerError, match=r"dev\.jsonl"):
        verify_checksums(tmp_path)


def test_verify_checksums_names_missing_file(root: Path, tmp_path: Path) -> None:
    shutil.copyfile(root / "mnli-id" / "SHA256SUMS", tmp_path / "SHA256SUMS")
    shutil.copyfile(root / "mnli-id" / "dev.jsonl", tmp_path / "dev.jsonl")
    with pytest.raises(CheckerError, match=r"train\.jsonl.*missing"):
        verify_checksums(tmp_path)


def test_jsonl_round_trip_keeps_every_field(tmp_path: Path) -> None:
    examples = [
        NLIExample(
            "Xi menelepon Putin.", "Putin menelepon Xi.", NLILabel.ENTAILMENT, "perturb", "x"
        ),
        NLIExample(
            "Harga naik 5 persen.", "Harga naik 15 persen.", NLILabel.CONTRADICTION, "s", ""
        ),
    ]
    path = tmp_path / "out" / "pairs.jsonl"
    assert write_jsonl(examples, path) == 2
    assert load_jsonl_pairs(path) == examples


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"pairs.jsonl:2: not JSON"),
        ('{"premise": "a", "hypothesis": "b", "label": "maybe"}', r"pairs.jsonl:2: .*maybe"),
        ('{"premise": "a", "label": "e"}', r"pairs.jsonl:2: missing field 'hypothesis'"),
    ],
)
def test_load_jsonl_pairs_reports_bad_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"premise": "a", "hypothesis": "b", "label": "e"}\n' + line + "\n")
    with pytest.raises(CheckerError, match=message):
        load_jsonl_pairs(path)


def test_load_jsonl_pairs_defaults_source_to_file(tmp_path: Path) -> None:
    path = tmp_path / "extra.jsonl"
    path.write_text('{"premise": "a", "hypothesis": "b", "label": "CONTRADICTION"}\n')
    (example,) = load_jsonl_pairs(path)
    assert (example.source, example.kind, example.label) == (
        "jsonl/extra",
        "",
        NLILabel.CONTRADICTION,
    )


def test_loader_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(CheckerError, match=r"absent\.jsonl"):
        load_indonli(tmp_path / "absent.jsonl")
