"""Tests for claims.ingest: every format read, bad input skipped with a reason, the rest read."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from claims.errors import InputError
from claims.ingest import read_inputs, require_articles
from claims.types import Article, Corpus

from .conftest import SEED_TODAY, WriteFile

STORY = (
    "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon, kata media.\n"
)


def _read(*paths: Path | str, **options: object) -> Corpus:
    return read_inputs([str(p) for p in paths], today=SEED_TODAY, **options)  # type: ignore[arg-type]


# The seeds README table: outlet, date, dateline; all five are Indonesian.
SEEDS = [
    ("000_ec27902bce71dca6", "KONTAN.CO.ID", datetime(2022, 6, 15), "BEIJING"),
    ("001_8e8cf64b5b00ab75", "Purna Warta", None, "Moskow"),
    ("002_cdf2b438e2bb1883", "Beritabaru.co", datetime(2022, 12, 30), "Washington"),
    ("003_4c1271fe611ef779", None, datetime(2022, 6, 15), None),
    ("004_53c5a6638690b04f", "Kompas.com", datetime(2022, 6, 15, 21, 1), "BEIJING"),
]


@pytest.mark.parametrize(("index", "seed"), list(enumerate(SEEDS)), ids=[s[0][:3] for s in SEEDS])
def test_read_inputs_seeds_match_readme(
    seed_articles: tuple[Article, ...], index: int, seed: tuple[object, ...]
) -> None:
    article = seed_articles[index]
    assert (article.id, article.outlet, article.published, article.dateline) == seed
    assert article.language == "id"
    assert {p.field for p in article.provenance} == {
        "language",
        "outlet",
        "published",
        "dateline",
        "title",
    }


def test_read_inputs_directory_warns_only_for_undated_seed(examples_dir: Path) -> None:
    corpus = _read(examples_dir)
    assert len(corpus.articles) == 5  # the README is not an article
    assert corpus.skipped == ()
    (warning,) = corpus.warnings
    assert warning.source.endswith("001_8e8cf64b5b00ab75.txt")
    assert "no publication date" in warning.reason and "published:" in warning.reason


def test_read_inputs_front_matter_beats_inference(write_file: WriteFile) -> None:
    path = write_file(
        "berita.md",
        "---\nid: kontan-juni\ntitle: Judul dari Front Matter\noutlet: Harian Contoh\n"
        "published: 2022-06-16 08:00\nlanguage: ID\n---\n"
        "KONTAN.CO.ID - BEIJING. Presiden Xi Jinping pada Rabu (15/6) menelepon Putin.\n",
    )
    (article,) = _read(path).articles
    assert (article.id, article.title, article.outlet, article.language) == (
        "kontan-juni",
        "Judul dari Front Matter",
        "Harian Contoh",
        "id",
    )
    assert article.published == datetime(2022, 6, 16, 8, 0)
    assert article.dateline == "BEIJING"  # not given, so inferred
    assert article.first_line == 8 and article.line_of(0) == 8
    sources = {p.field: (p.inferred, p.source) for p in article.provenance}
    assert sources["outlet"] == (False, "front matter")
    assert sources["dateline"][0] is True


def test_read_inputs_bad_front_matter_is_ignored_with_warning(write_file: WriteFile) -> None:
    path = write_file("rusak.md", "---\ntitle: [unclosed\n---\n" + STORY)
    corpus = _read(path)
    (article,) = corpus.articles
    assert article.text == STORY and article.first_line == 4
    assert any("front matter is not valid YAML" in w.reason for w in corpus.warnings)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("kosong.txt", "", "is empty"),
        ("spasi.txt", "  \n\t \n", "is empty"),
        ("gambar.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(40)), "binary"),
        ("dokumen.pdf", "%PDF-1.4 " + STORY, "unsupported file type '.pdf'"),
        ("acak.txt", bytes(range(128, 256)) * 3, "encoding could not be told"),
        ("hanya-judul.md", "---\ntitle: Judul\n---\n\n", "no article text"),
    ],
)
def test_read_inputs_bad_file_is_skipped_and_rest_read(
    write_file: WriteFile, name: str, content: str | bytes, reason: str
) -> None:
    good = write_file("baik.txt", STORY)
    corpus = _read(write_file(name, content), good)
    (skipped,) = corpus.skipped
    assert Path(skipped.source).name == name and reason in skipped.reason
    assert [Path(a.path).name for a in corpus.articles] == ["baik.txt"]


def test_read_inputs_file_over_max_bytes_is_skipped(write_file: WriteFile) -> None:
    corpus = _read(write_file("besar.txt", STORY * 10), max_bytes=100)
    (skipped,) = corpus.skipped
    assert "over the limit of 100" in skipped.reason and skipped.source.endswith("besar.txt")


def test_read_inputs_missing_path_is_skipped(write_file: WriteFile) -> None:
    corpus = _read("tidak-ada.txt", write_file("ada.txt", STORY))
    assert [(s.source, "no such file" in s.reason) for s in corpus.skipped] == [
        ("tidak-ada.txt", True)
    ]
    assert len(corpus.articles) == 1


@pytest.mark.parametrize(
    ("encoding", "warning"),
    [
        ("cp1252", "not UTF-8; decoded as cp1252"),
        ("latin-1", "not UTF-8; decoded as cp1252"),  # the same bytes for these letters
        ("utf-16", "is UTF-16 (byte-order mark)"),
    ],
)
def test_read_inputs_other_encoding_is_decoded_with_warning(
    write_file: WriteFile, encoding: str, warning: str
) -> None:
    text = "Menteri mengatakan bahwa kafe «Café Señor» di Jakarta akan dibuka kembali, kata dia.\n"
    corpus = _read(write_file("lama.txt", (text * 3).encode(encoding)))
    (article,) = corpus.articles
    assert article.text == text * 3
    assert any(warning in w.reason and w.source.endswith("lama.txt") for w in corpus.warnings)


def test_read_inputs_windows_newlines_are_normalised(write_file: WriteFile) -> None:
    (article,) = _read(
        write_file("crlf.txt", b"Judul Berita Ini\r\n\r\n" + STORY.encode())
    ).articles
    assert "\r" not in article.text and article.line_of(article.text.index("Presiden")) == 3


def test_read_inputs_jsonl_bad_lines_skipped_with_line_numbers(write_file: WriteFile) -> None:
    records = [
        json.dumps({"id": "a1", "outlet": "Kompas.com", "published": "2022-06-15", "text": STORY}),
        '{"id": "rusak", "text": ',
        json.dumps({"id": "a3", "title": "tanpa teks"}),
        "",
        json.dumps(["bukan", "objek"]),
        json.dumps({"id": "a1", "text": STORY, "language": "id"}),
        json.dumps({"text": STORY, "published": "kemarin"}),
    ]
    corpus = _read(write_file("umpan.jsonl", "\n".join(records) + "\n"))
    assert [(s.line, s.source.endswith("umpan.jsonl")) for s in corpus.skipped] == [
        (2, True),
        (3, True),
        (5, True),
    ]
    assert "not valid JSON" in corpus.skipped[0].reason and '"text"' in corpus.skipped[1].reason
    assert [(a.id, a.path.rsplit("/", 1)[-1]) for a in corpus.articles] == [
        ("a1", "umpan.jsonl:1"),
        ("a1-2", "umpan.jsonl:6"),
        ("umpan-7", "umpan.jsonl:7"),
    ]
    first = corpus.articles[0]
    assert (first.outlet, first.published, first.first_line) == (
        "Kompas.com",
        datetime(2022, 6, 15),
        1,
    )
    assert any("is taken" in w.reason and w.line == 6 for w in corpus.warnings)
    assert any("'published' is not a date" in w.reason and w.line == 7 for w in corpus.warnings)


def test_read_inputs_directory_walk_include_exclude(write_file: WriteFile, tmp_path: Path) -> None:
    for name in [
        "b.md",
        "a.txt",
        "sub/c.txt",
        "drafts/d.txt",
        "notes.csv",
        "README.md",
        ".hidden.txt",
    ]:
        write_file(name, STORY)

    def names(**options: object) -> list[str]:
        corpus = _read(tmp_path, **options)
        return [Path(a.path).relative_to(tmp_path).as_posix() for a in corpus.articles]

    assert names() == ["a.txt", "b.md", "drafts/d.txt", "sub/c.txt"]
    assert _read(tmp_path).skipped == ()  # notes.csv was never an input
    assert names(exclude=["drafts"]) == ["a.txt", "b.md", "sub/c.txt"]
    assert names(include=["*.txt"], exclude=["sub/*"]) == ["a.txt", "drafts/d.txt"]
    assert names(include=["*.TXT"]) == ["a.txt", "drafts/d.txt", "sub/c.txt"]
    assert _read(tmp_path, include=["*.xml"]).skipped[0].reason.startswith("the directory holds no")
    assert len(_read(tmp_path / "README.md").articles) == 1  # given by path: always tried


def test_read_inputs_stdin_with_front_matter() -> None:
    stream = io.StringIO("---\ntitle: Dari Stdin\n---\n" + STORY)
    (article,) = _read("-", stdin=stream).articles
    assert (article.id, article.path, article.title, article.first_line) == (
        "stdin",
        "<stdin>",
        "Dari Stdin",
        4,
    )


def test_read_inputs_empty_stdin_is_skipped() -> None:
    corpus = _read("-", stdin=io.StringIO(" \n"))
    assert corpus.articles == () and corpus.skipped[0].source == "<stdin>"


HTML = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Xi Telepon Putin - Harian Contoh</title>
<meta property="og:title" content="Xi Telepon Putin">
<meta property="og:site_name" content="Harian Contoh">
<link rel="canonical" href="https://contoh.example/dunia/xi-putin">
<meta property="article:published_time" content="2022-06-15T21:01:00+07:00">
</head><body><nav><a href="/">Beranda</a> <a href="/dunia">Dunia</a></nav>
<article><h1>Xi Telepon Putin</h1>
<p>BEIJING, Harian Contoh – Presiden China Xi Jinping berbicara dengan Presiden Rusia Vladimir
Putin melalui telepon pada Rabu (15/6/2022), kata media pemerintah China.</p>
<p>Xi mengatakan China bersedia untuk terus mendukung Rusia pada isu-isu kedaulatan dan
keamanan, menurut laporan CCTV yang dikutip oleh banyak media internasional.</p>
<p>Kremlin mengatakan kedua pemimpin sepakat untuk meningkatkan kerja sama ekonomi dalam
menghadapi sanksi Barat yang disebutnya melanggar hukum.</p>
</article><footer>Hak cipta 2022 Harian Contoh. Semua hak dilindungi.</footer></body></html>"""


def test_read_inputs_html_main_text_and_metadata(write_file: WriteFile) -> None:
    (article,) = _read(write_file("halaman.html", HTML)).articles
    assert "kerja sama ekonomi" in article.text and "Beranda" not in article.text
    assert "Hak cipta" not in article.text
    assert (article.title, article.url, article.outlet) == (
        "Xi Telepon Putin",
        "https://contoh.example/dunia/xi-putin",
        "Harian Contoh",
    )
    assert article.published is not None and article.published.date().isoformat() == "2022-06-15"
    published = next(p for p in article.provenance if p.field == "published")
    assert "htmldate" in published.source


def test_read_inputs_same_file_twice_read_once(write_file: WriteFile) -> None:
    path = write_file("sekali.txt", STORY)
    corpus = _read(path, path)
    assert len(corpus.articles) == 1
    assert any("more than once" in w.reason for w in corpus.warnings)


def test_require_articles_raises_only_when_nothing_was_read(write_file: WriteFile) -> None:
    empty = _read(write_file("kosong.txt", ""), "hilang.txt")
    with pytest.raises(InputError, match=r"no article could be read \(2 input"):
        require_articles(empty)
    readable = _read(write_file("ada.txt", STORY))
    assert require_articles(readable) is readable


def test_impossible_date_in_the_lead_does_not_stop_the_run(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from claims.ingest import read_inputs

    bad = tmp_path / "bad.txt"
    bad.write_text(
        "Berita Baru, Washington – AS merasa kecewa.\n\nKomentar itu dikeluarkan pada hari Jumat (30/13).\n"
    )
    good = tmp_path / "good.txt"
    good.write_text(
        "Presiden Xi Jinping menelepon Presiden Vladimir Putin pada Rabu (15/6/2022).\n"
    )
    corpus = read_inputs([str(bad), str(good)])
    assert {a.path for a in corpus.articles} == {str(bad), str(good)}
    assert next(a for a in corpus.articles if a.path == str(bad)).published is None


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        (
            "tag.html",
            "<html><body><h1>harga bbm</h1><ul><li><a href='/a'>Harga Pertalite Naik</a></li>"
            "<li><a href='/b'>Daftar Harga Pertamax</a></li></ul></body></html>",
            "reads as a sentence",
        ),
        (
            "styles.html",
            "<html><head><style>.a{color:red}</style></head><body><div class='a'></div>"
            "<script>window.x = 1;</script></body></html>",
            "shows no text",
        ),
        ("menu.txt", "Beranda\nNasional\nEkonomi\nOlahraga", "reads as a sentence"),
    ],
)
def test_read_inputs_skips_what_is_not_an_article(
    write_file: WriteFile, name: str, content: str, says: str
) -> None:
    corpus = _read(write_file(name, content), write_file("ada.txt", STORY))
    assert [Path(a.path).name for a in corpus.articles] == ["ada.txt"]
    (skipped,) = corpus.skipped
    assert skipped.source.endswith(name) and skipped.reason.startswith("not an article: ")
    assert says in skipped.reason
