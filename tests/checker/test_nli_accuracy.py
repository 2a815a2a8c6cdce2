"""The NLI accuracy benchmark (benchmarks/nli_accuracy.py, nli_scoring.py) without the model:
its figures on hand-made predictions, its language-direction test, its set discovery and the
metrics.json it writes, run end to end on a stand-in backend; and the shape of the hand-written
news pairs (benchmarks/data/news_pairs.jsonl)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))

import nli_accuracy
from nli_scoring import direction, score

from checker.errors import CheckerError
from checker.nli.labels import NLILabel, NLIScores
from checker.nli.training.datasets import NLIExample, write_jsonl

E, N, C = NLILabel.ENTAILMENT, NLILabel.NEUTRAL, NLILabel.CONTRADICTION
ID_TEXT = "Presiden mengatakan bahwa harga beras tidak akan naik tahun ini."
EN_TEXT = "The president said that the price of rice will not rise this year."


def pair(label: NLILabel, kind: str, premise: str = "a", hypothesis: str = "b") -> NLIExample:
    return NLIExample(premise, hypothesis, label, "test", kind)


@pytest.mark.parametrize(
    ("premise", "hypothesis", "expected"),
    [
        (ID_TEXT, EN_TEXT, "id-en"),
        (EN_TEXT, ID_TEXT, "en-id"),
        (
            "Welsh AMs worried about 'looking like muppets'",
            "Anggota Majelis Welsh khawatir.",
            "en-id",
        ),
        ("Budi", "Budi", "unknown"),
    ],
)
def test_direction_finds_the_english_side(premise: str, hypothesis: str, expected: str) -> None:
    assert direction(premise, hypothesis) == expected


def test_score_paws_figures_count_contradiction_as_not_entailment() -> None:
    examples = [pair(E, "paraphrase")] * 2 + [pair(N, "non-paraphrase")] * 3
    predicted = [E, N, C, N, E]
    result = score(examples, predicted)
    assert result["accuracy"] == pytest.approx(2 / 5)  # E right, N right
    figures = result["figures"]
    assert figures["binary accuracy (entailment or not)"] == pytest.approx(3 / 5)
    assert figures["paraphrase judged entailment"] == pytest.approx(1 / 2)
    assert figures["non-paraphrase judged not-entailment"] == pytest.approx(2 / 3)
    assert result["confusion"]["neutral"] == {"entailment": 1, "neutral": 1, "contradiction": 1}
    assert result["by_kind"] == {"non-paraphrase": pytest.approx(1 / 3), "paraphrase": 0.5}


def test_score_cross_lingual_figures_per_direction() -> None:
    examples = [
        pair(E, "translation", ID_TEXT, EN_TEXT),
        pair(E, "translation", EN_TEXT, ID_TEXT),
        pair(C, "perturbed-id-number", ID_TEXT, EN_TEXT),
        pair(C, "perturbed-en-date", EN_TEXT, ID_TEXT),
        pair(N, "same-document", EN_TEXT, ID_TEXT),
    ]
    predicted = [E, N, C, N, N]
    result = score(examples, predicted, cross_lingual=True)
    assert result["figures"] == {
        "translation judged entailment": 0.5,
        "perturbed translation judged contradiction": 0.5,
    }
    id_en, en_id = result["by_direction"]["id-en"], result["by_direction"]["en-id"]
    assert (id_en["n"], id_en["accuracy"]) == (2, 1.0)
    assert id_en["figures"]["perturbed translation judged contradiction"] == 1.0
    assert (en_id["n"], en_id["accuracy"]) == (3, pytest.approx(1 / 3))
    assert en_id["figures"]["translation judged entailment"] == 0.0


def test_score_cross_lingual_without_contradictions_has_no_binary_figure() -> None:
    examples = [
        pair(E, "translation", ID_TEXT, EN_TEXT),
        pair(N, "same-document", ID_TEXT, EN_TEXT),
    ]
    result = score(examples, [E, E], cross_lingual=True)
    assert result["figures"] == {"translation judged entailment": 1.0}
    assert result["by_direction"]["id-en"]["figures"] == {"translation judged entailment": 1.0}
    assert "binary accuracy (entailment or not)" in score(examples, [E, E])["figures"]


def test_score_three_way_set_has_no_binary_figure() -> None:
    result = score([pair(E, ""), pair(N, ""), pair(C, "")], [E, N, N])
    assert result["figures"] == {}
    assert result["by_kind"] == {}
    assert result["per_class"]["contradiction"]["recall"] == 0.0
    assert "by_direction" not in result


def test_sample_is_seeded_and_keeps_file_order() -> None:
    examples = [pair(E, str(i)) for i in range(50)]
    first = nli_accuracy.sample(examples, 10, "13:x")
    assert first == nli_accuracy.sample(examples, 10, "13:x")
    assert first != nli_accuracy.sample(examples, 10, "14:x")
    assert [int(e.kind) for e in first] == sorted(int(e.kind) for e in first)
    assert nli_accuracy.sample(examples, None, "13:x") == examples


def test_known_sets_name_the_mix_command_when_v2_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(nli_accuracy, "V2_DIR", tmp_path / "v2")
    sets = {s.name: s for s in nli_accuracy.known_sets()}
    assert set(nli_accuracy.V2_HELDOUT_SETS) <= set(sets)
    assert sets["paws_id_test"].missing == nli_accuracy.MIX_HINT
    assert sets["xling"].cross_lingual and not sets["snli_test"].cross_lingual
    with pytest.raises(CheckerError, match="unknown set"):
        nli_accuracy.chosen_sets(["val", "nope"])


class FixedBackend:
    """Stands in for a model: confident in entailment for every pair."""

    name = "fixed"

    def predict(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 16) -> list[NLIScores]:
        return [NLIScores(0.9, 0.06, 0.04) for _ in pairs]


def test_run_writes_metrics_that_model_info_can_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    v2 = tmp_path / "v2"
    rows = [pair(E, "paraphrase", "x", "y")] * 3 + [pair(N, "non-paraphrase", "x", "z")] * 2
    write_jsonl(rows, v2 / "heldout" / "paws_id_test.jsonl")
    write_jsonl(rows, v2 / "val.jsonl")
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    (model_dir / "metrics.json").write_text(
        json.dumps({"accuracy": {"val (fp32)": 0.7}, "details": {}})
    )
    monkeypatch.setattr(nli_accuracy, "V2_DIR", v2)
    monkeypatch.setattr(nli_accuracy, "V2_VAL", v2 / "val.jsonl")
    monkeypatch.setattr(nli_accuracy, "load_model", lambda args: (FixedBackend(), 1.0))

    argv = [
        "--sets",
        "paws_id_test,xling",
        "--calibrate",
        "--write-metrics",
        "--model",
        str(model_dir),
    ]
    assert nli_accuracy.main(argv) == 0

    out = capsys.readouterr().out
    assert "## xling: skipped: run python -m checker.nli.training.mix" in out
    assert "| xling | skipped: run python -m checker.nli.training.mix" in out
    assert "| paws_id_test | 5 | 0.6000 | 0.3000 |" in out  # ECE: 0.9 said, 0.6 right
    assert "applies no temperature" in out  # a stand-in without one gets no config.json advice
    metrics = json.loads((model_dir / "metrics.json").read_text())
    assert metrics["accuracy"]["val (fp32)"] == 0.7  # earlier figures stay
    assert metrics["accuracy"]["paws_id_test (fp32)"] == pytest.approx(0.6)
    assert metrics["accuracy"]["paws_id_test: paraphrase judged entailment (fp32)"] == 1.0
    assert all(isinstance(v, float) for v in metrics["accuracy"].values())
    # always-entailment at 0.9 is over-confident on a 60%-right set: the fit softens it
    assert metrics["temperature"] > 1.0
    ece = metrics["calibration"]["ece"]["paws_id_test"]
    assert ece["after"] < ece["before"]


def test_config_advice_names_the_line_to_add(tmp_path: Path) -> None:
    backend = FixedBackend()
    backend.temperature = 1.0  # type: ignore[attr-defined]
    fitted = nli_accuracy.Calibration(1.25, 1.0, 10, 0.9, 0.8, 0.2, 0.1)
    advice = nli_accuracy.config_advice(tmp_path, fitted, backend)
    assert advice == f'add to {tmp_path / "config.json"}: "temperature": 1.2500'


def test_write_metrics_refuses_a_limited_run() -> None:
    with pytest.raises(SystemExit):
        nli_accuracy.parse_args(["--write-metrics", "--limit", "10"])


# --- the hand-written news pairs -------------------------------------------------------------

NEWS_LANGS = ("id-id", "en-en", "id-en", "en-id")
NEWS_KIND_LABELS = {
    "paraphrase": "entailment",
    "date": "contradiction",
    "number": "contradiction",
    "speaker": "contradiction",
    "negation_antonym": "contradiction",
    "place": "contradiction",
    "related": "neutral",
}
NEWS_PAIRS_PER_LANGS = {kind: 10 if kind == "paraphrase" else 5 for kind in NEWS_KIND_LABELS}


@pytest.fixture(scope="module")
def news_rows() -> list[dict[str, str]]:
    path = nli_accuracy.NEWS_PAIRS
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_news_pairs_rows_are_valid(news_rows: list[dict[str, str]]) -> None:
    fields = {"premise", "hypothesis", "label", "kind", "langs", "source"}
    for number, row in enumerate(news_rows, start=1):
        assert set(row) == fields, number
        assert row["premise"].strip() and row["hypothesis"].strip(), number
        assert row["premise"] != row["hypothesis"], number
        assert row["langs"] in NEWS_LANGS, number
        assert row["label"] == NEWS_KIND_LABELS[row["kind"]], number
        assert row["source"] == "news-pairs", number
    pairs = [(row["premise"], row["hypothesis"]) for row in news_rows]
    assert len(set(pairs)) == len(pairs)


def test_news_pairs_kinds_and_langs_are_balanced(news_rows: list[dict[str, str]]) -> None:
    counts = Counter((row["kind"], row["langs"]) for row in news_rows)
    expected = {
        (kind, langs): n for kind, n in NEWS_PAIRS_PER_LANGS.items() for langs in NEWS_LANGS
    }
    assert counts == expected
    assert len(news_rows) == 160


def test_news_pairs_cross_language_rows_put_english_where_langs_says(
    news_rows: list[dict[str, str]],
) -> None:
    crossed = [row for row in news_rows if row["langs"] in ("id-en", "en-id")]
    assert len(crossed) == 80
    for row in crossed:
        assert direction(row["premise"], row["hypothesis"]) == row["langs"], row["premise"]


def test_news_pairs_load_with_langs_in_the_source() -> None:
    entry = {s.name: s for s in nli_accuracy.known_sets()}["news_pairs"]
    assert entry.path == nli_accuracy.NEWS_PAIRS and entry.by_langs
    examples = entry.load(entry.path)
    assert len(examples) == 160
    assert Counter(e.source for e in examples) == {f"news-pairs/{x}": 40 for x in NEWS_LANGS}
    assert Counter(e.label for e in examples) == {E: 40, C: 100, N: 20}


def test_load_news_pairs_names_the_row_without_langs(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    rows = [
        {"premise": "a", "hypothesis": "b", "label": "entailment", "langs": "id-id"},
        {"premise": "c", "hypothesis": "d", "label": "neutral"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with pytest.raises(CheckerError, match=r"news\.jsonl:2: missing field 'langs'"):
        nli_accuracy.load_news_pairs(path)


def test_run_reports_news_pairs_per_langs_or_skips_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(nli_accuracy, "load_model", lambda args: (FixedBackend(), 1.0))
    monkeypatch.setattr(nli_accuracy, "NEWS_PAIRS", tmp_path / "news_pairs.jsonl")
    assert nli_accuracy.main(["--sets", "news_pairs"]) == 0
    assert "## news_pairs: skipped: the hand-written news pairs" in capsys.readouterr().out

    rows = [("entailment", "id-en"), ("contradiction", "id-en"), ("entailment", "en-en")]
    text = "".join(
        json.dumps({"premise": "p", "hypothesis": "h", "label": label, "langs": langs}) + "\n"
        for label, langs in rows
    )
    (tmp_path / "news_pairs.jsonl").write_text(text, encoding="utf-8")
    assert nli_accuracy.main(["--sets", "news_pairs"]) == 0
    out = capsys.readouterr().out  # the stand-in says entailment for every pair
    assert "accuracy on en-en pairs: 1.0000" in out
    assert "accuracy on id-en pairs: 0.5000" in out
