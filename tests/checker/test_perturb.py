"""Drift perturbations: each kind on hand-written Indonesian sentences, determinism, and the rule
that IndoNLI's test files are never read."""

from __future__ import annotations

import random
import re
from argparse import Namespace
from pathlib import Path

import pytest

from checker.errors import CheckerError
from checker.nli.labels import NLILabel
from checker.nli.training import perturb
from checker.nli.training.datasets import DATA_ENV
from checker.nli.training.perturb import (
    PERTURBATION_KINDS,
    PERTURBATIONS,
    generate,
    main,
    perturb_sentence,
    read_premises,
    story_lines,
    token_diff,
)
from checker.nli.training.perturb_lexicon import load_lexicon, read_thesaurus

C, E = NLILabel.CONTRADICTION, NLILabel.ENTAILMENT
LEX = load_lexicon()
WEEKDAY = "|".join(LEX.calendar["weekdays"])
WORLD_SHORT = "|".join(p.short for p in LEX.people if p.pool == "world")
COUNTRY = "|".join(c.names[0] for c in LEX.countries)
OUTLET = "|".join(re.escape(o) for o in LEX.outlets["names"])
SMALL_NUMBER = "|".join(w for w, v in LEX.numbers["words"].items() if v <= 11)

# (sentence, kind, tokens removed from the premise, pattern the added tokens must match)
TOKEN_EDITS = [
    (
        "Presiden Xi pada Rabu (15/6) meyakinkan Putin.",
        "date",
        ("Rabu", "(15/6)"),
        rf"({WEEKDAY}) \((12|13|14|16|17|18)/6\)",
    ),
    ("Putin melancarkan invasi ke Ukraina pada 24 Februari.", "date", ("24",), r"2[1-7]"),
    ("Pemilihan presiden diadakan pada bulan Juni.", "date", ("Juni.",), r"(Mei|Juli)\."),
    ("Komentar itu disampaikan pada hari Jumat.", "weekday", ("Jumat.",), rf"({WEEKDAY})\."),
    (
        "Xi akan berkunjung ke Rusia pada tahun 2023.",
        "year",
        ("2023.",),
        r"20(20|21|22|24|25|26)\.",
    ),
    (
        "Mereka mengeluarkan pernyataan 5.000 kata yang panjang.",
        "number",
        ("5.000",),
        r"[1-9]\d{0,2}\.000",
    ),
    ("AS memasok senjata senilai US$ 1 miliar ke Ukraina.", "number", ("1",), r"2|3|4|6|11"),
    ("Harga bahan bakar naik 10 persen bulan ini.", "number", ("10",), r"20|30|40|60|110"),
    ("Perang itu berlangsung hampir empat bulan.", "number", ("empat",), SMALL_NUMBER),
    ("Itu percakapan telepon kedua antara kedua pemimpin.", "ordinal", ("kedua",), r"ketiga"),
    ("Kuil ini didirikan pada tahun ke-3 masa pemerintahan raja.", "ordinal", ("ke-3",), r"ke-4"),
    (
        '"China bersedia memperdalam koordinasi," kata Xi.',
        "speaker",
        ("Xi.",),
        rf"({WORLD_SHORT})\.",
    ),
    (
        "Pernyataan itu disampaikan pada malam hari, seperti dilansir Reuters.",
        "outlet",
        ("Reuters.",),
        rf"({OUTLET})\.",
    ),
    ("Bantuan senjata itu dikirim ke Ukraina.", "entity", ("Ukraina.",), rf"({COUNTRY})\."),
    ("China akan terus membantu Rusia.", "negation", (), r"tidak"),
    ("China telah menolak untuk mengutuk serangan itu.", "negation", ("telah",), r"belum"),
    ("Itu adalah percakapan telepon kedua.", "negation", ("adalah",), r"bukan"),
    ("Pemerintah tidak menaikkan harga bahan bakar.", "negation", ("tidak",), r""),
    ("Kedua pemimpin memperkuat kerja sama.", "antonym", ("memperkuat",), r"memperlemah"),
    ("Harga batu bara meningkat tajam.", "antonym", ("meningkat",), r"menurun"),
    ("Presiden itu berbicara dengan wartawan.", "synonym", ("berbicara",), r"bercakap"),
    ("Departemen Luar Negeri AS memantau situasi.", "alias", ("AS",), r"Amerika Serikat"),
    ("China telah menolak untuk mengutuk serangan itu.", "alias", ("China",), r"Tiongkok|Beijing"),
    ("Presiden Xi Jinping menelepon mitranya.", "alias", ("Jinping",), r""),
    ("Mereka mengeluarkan pernyataan 5.000 kata.", "number_format", ("5.000",), r"5 ribu"),
    ("Harga naik 10 persen.", "number_format", ("10", "persen."), r"10%\."),
    ("Perang itu berlangsung hampir empat bulan.", "number_format", ("empat",), r"4"),
]

# (sentence, kind, the whole hypothesis)
REWRITES = [
    (
        '"China bersedia memperdalam koordinasi strategis," kata Xi.',
        "reorder",
        'Xi mengatakan, "China bersedia memperdalam koordinasi strategis."',
    ),
    (
        'China bersedia "memperdalam koordinasi," kata Xi, menurut laporan CCTV.',
        "reorder",
        'Xi mengatakan, menurut laporan CCTV, bahwa China bersedia "memperdalam koordinasi".',
    ),
    (
        "Menurut CCTV, Xi memuji hubungan bilateral kedua negara.",
        "reorder",
        "Xi memuji hubungan bilateral kedua negara, menurut CCTV.",
    ),
    (
        '"Fakta telah membuktikan bahwa sanksi pasti akan gagal," kata Xi kepada Putin.',
        "reported",
        "Xi mengatakan kepada Putin bahwa fakta telah membuktikan bahwa sanksi pasti akan gagal.",
    ),
    (
        'Juru bicara itu menegaskan, "Negara-negara itu akan berada di sisi yang salah."',
        "reported",
        "Juru bicara itu menegaskan bahwa negara-negara itu akan berada di sisi yang salah.",
    ),
    (
        "Tiket kelas A dijual seharga Rp 2,2 juta, sedangkan kelas B dijual Rp 1,6 juta.",
        "drop_clause",
        "Tiket kelas A dijual seharga Rp 2,2 juta.",
    ),
    (
        '"China mengklaim netral," kata juru bicara itu, seperti dilansir Channel News Asia.',
        "drop_clause",
        '"China mengklaim netral," kata juru bicara itu.',
    ),
    (
        "AS memasok senjata senilai US$ 1 miliar ke Ukraina.",
        "number_format",
        "AS memasok senjata senilai 1 miliar dolar AS ke Ukraina.",
    ),
]

# (sentence, kind that must not fire): no pattern, or a pattern the edit must leave alone
NO_EDIT = [
    ("Kedua negara sepakat memperluas kerja sama.", "ordinal"),  # "both", not "second"
    ('"Kami akan terus mendukung Rusia dalam isu ini," kata Xi.', "reported"),  # first person
    ("Jika harga naik, pemerintah akan memberi subsidi.", "negation"),  # conditional
    ("Kerja sama meliputi energi, keuangan, industri, dan transportasi.", "drop_clause"),  # list
    ('"China mengklaim netral, tetapi perilakunya jelas," kata juru bicara itu.', "drop_clause"),
    ("Enggan menyebut namanya, yang akan mengganti Anas sebagai wakil gubernur.", "drop_clause"),
    ("Ternyata, kata pelantun lagu itu, perubahan bisa terjadi karena kemajuan zaman.", "reorder"),
    ('"Kami amankan 14 orang," kata Juru Bicara KPK, Febri Diansyah, Kamis dini hari.', "reorder"),
    ('"Harga naik. Pemerintah memberi subsidi kepada warga miskin," kata menteri itu.', "reported"),
    ('"Terima kasih, sampai jumpa," tutur Tiesto di akhir penampilannya.', "reported"),
    ("Minggu lalu harga bahan bakar naik.", "weekday"),  # "last week"
    ("Presiden tiba di Beijing pada malam hari.", "alias"),  # the place, not the government
    ("Australia, ditempa pertandingan mereka, berusaha lebih keras.", "alias"),  # a team
    ("Pasal 5 undang-undang itu berlaku pukul 10.30 WIB.", "number"),
    ("Harga bahan bakar naik tajam.", "date"),
    ("Xi bertemu Putin di Moskow.", "speaker"),  # nobody is quoted
    ("Sanksi Barat dikecam keras.", "antonym"),  # "Barat" is a name here
    ("Pemerintah tidak meningkatkan subsidi.", "antonym"),  # negated: no clean opposite
    ("Presiden Joko Widodo (Jokowi) menyampaikan prediksi itu.", "speaker"),
]


def _example(sentence: str, kind: str, seed: int = 0):
    found = [e for e in perturb_sentence(sentence, random.Random(seed)) if e.kind == kind]
    return found[0] if found else None


@pytest.mark.parametrize(("sentence", "kind", "removed", "added"), TOKEN_EDITS)
def test_perturb_sentence_changes_expected_token(
    sentence: str, kind: str, removed: tuple[str, ...], added: str
) -> None:
    for seed in range(5):
        example = _example(sentence, kind, seed)
        assert example is not None
        assert example.label is PERTURBATIONS[kind][0]
        gone, new = token_diff(example.premise, example.hypothesis)
        assert gone == removed
        assert re.fullmatch(added, " ".join(new)), example.hypothesis
        if example.label is C:
            assert gone != new


@pytest.mark.parametrize(("sentence", "kind", "hypothesis"), REWRITES)
def test_perturb_sentence_rewrites_sentence(sentence: str, kind: str, hypothesis: str) -> None:
    example = _example(sentence, kind)
    assert example is not None
    assert (example.hypothesis, example.label) == (hypothesis, E)


@pytest.mark.parametrize(("sentence", "kind"), NO_EDIT)
def test_perturb_sentence_leaves_unmatched_kind_alone(sentence: str, kind: str) -> None:
    assert all(_example(sentence, kind, seed) is None for seed in range(5))


def test_hand_written_cases_cover_every_kind() -> None:
    covered = {case[1] for case in TOKEN_EDITS} | {case[1] for case in REWRITES}
    assert covered == set(PERTURBATION_KINDS)


def test_date_edit_keeps_weekday_in_step() -> None:
    weekdays = list(LEX.calendar["weekdays"])
    for seed in range(20):
        example = _example("Xi menelepon Putin pada Rabu (15/6).", "date", seed)
        match = re.search(rf"({WEEKDAY}) \((\d+)/6\)", example.hypothesis)
        shift = int(match[2]) - 15
        assert shift != 0
        assert weekdays.index(match[1]) == (weekdays.index("Rabu") + shift) % 7


def test_speaker_edit_swaps_whole_official_phrase() -> None:
    officials = "|".join(re.escape(o) for o in LEX.speakers["officials"])
    premise = '"China mengklaim netral," kata juru bicara Departemen Luar Negeri AS.'
    for seed in range(5):
        example = _example(premise, "speaker", seed)
        match = re.fullmatch(rf'"China mengklaim netral," kata ({officials})\.', example.hypothesis)
        assert match and match[1] != "juru bicara Departemen Luar Negeri AS"


@pytest.fixture(scope="module")
def story(examples_dir: Path) -> list[str]:
    return story_lines(examples_dir)


def test_story_lines_keep_story_text(story: list[str]) -> None:
    assert len(story) > 40
    assert all(len(line.split()) >= 8 and line.endswith((".", "”", '"')) for line in story)
    assert not any(line.startswith("Baca Juga") for line in story)


def test_generate_is_deterministic_for_seed(story: list[str]) -> None:
    first = generate(story, seed=13, source="perturb/examples")
    assert first == generate(story, seed=13, source="perturb/examples")
    assert first != generate(story, seed=14, source="perturb/examples")


def test_generate_makes_distinct_labelled_hypotheses(story: list[str]) -> None:
    examples = generate(story + story, seed=13, per_sentence=2, source="perturb/examples")
    assert len(examples) <= 2 * len(set(story))
    assert {e.label for e in examples} == {C, E}
    assert len({e.kind for e in examples}) >= 10
    for example in examples:
        assert example.hypothesis != example.premise
        assert example.label is PERTURBATIONS[example.kind][0]
        assert token_diff(example.premise, example.hypothesis) != ((), ())


def test_read_premises_refuses_test_files(tmp_path: Path) -> None:
    path = tmp_path / "test_lay.jsonl"
    path.write_text('{"premise": "Xi menelepon Putin pada Rabu (15/6).", "label": "e"}\n')
    with pytest.raises(CheckerError, match=r"test_lay\.jsonl"):
        read_premises(path)


def test_cli_refuses_test_file_input(tmp_path: Path) -> None:
    path = tmp_path / "test_expert.jsonl"
    path.write_text('{"premise": "Xi menelepon Putin pada Rabu (15/6)."}\n')
    out = tmp_path / "drift.jsonl"
    assert main(["--split", "train", "--limit", "5", "--input", str(path), "--out", str(out)]) == 2
    assert not out.exists()


@pytest.mark.parametrize("split", ["train", "heldout"])
def test_inputs_never_read_test_files(
    split: str, monkeypatch: pytest.MonkeyPatch, examples_dir: Path, tmp_path: Path
) -> None:
    monkeypatch.setenv(DATA_ENV, str(tmp_path))  # read_premises is replaced: no real data needed
    read: list[Path] = []
    monkeypatch.setattr(perturb, "read_premises", lambda path: read.append(path) or ["Xi."])
    args = Namespace(split=split, input=[], examples=examples_dir, limit=None)
    perturb._inputs(args)
    assert read and not any("test_" in path.name for path in read)
    expected = {"train.jsonl", "val.jsonl"} if split == "train" else {"val.jsonl"}
    assert {path.name for path in read} == expected


def test_training_set_leaves_out_validation_premises(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    files = {"train.jsonl": ["Shared premise.", "Train only."], "val.jsonl": ["Shared premise."]}
    monkeypatch.setattr(perturb, "read_premises", lambda path: files[path.name])
    args = Namespace(split="train", input=[], examples=Path("."), limit=None)
    assert perturb._inputs(args) == [("perturb/indonli-train", ["Train only."])]


def test_cli_builds_heldout_set(
    nli_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "heldout.jsonl"
    assert main(["--split", "heldout", "--seed", "13", "--limit", "15", "--out", str(out)]) == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    printed = capsys.readouterr().out
    assert 0 < len(rows) <= 2 * 30
    assert f"total          all            {len(rows):>6}" in printed


def test_read_thesaurus_keeps_mutual_single_sense_synonyms(tmp_path: Path) -> None:
    path = tmp_path / "th_id_ID_v2.dat"
    path.write_text(
        "ISO8859-1\nkagum|1\n[a]|takjub|heran\ntakjub|1\n[a]|kagum\n"
        "heran|2\n[a]|kagum\n[a]|aneh\nmenolak|1\n[v]|mendesak\nmendesak|1\n[v]|mendorong\n",
        encoding="latin-1",
    )
    assert read_thesaurus(path) == {"kagum": ("takjub",), "takjub": ("kagum",)}
    assert load_lexicon(path).synonyms["kagum"] == ("takjub",)
