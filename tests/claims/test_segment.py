"""Tests for claims.segment: Punkt with per-language abbreviations, news repairs, exact spans."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.segment import split_sentences
from claims.types import Article, CleanArticle, Passage, Sentence

EXAMPLES = Path(__file__).parents[2] / "examples"
SEEDS = sorted(p.name for p in EXAMPLES.glob("*.txt"))


def _line_passages(article: Article) -> tuple[Passage, ...]:
    """Each non-empty line of the article, stripped, as one passage (what cleaning would keep)."""
    passages, offset = [], 0
    for line in article.text.splitlines(keepends=True):
        body = line.strip()
        if body:
            start = offset + line.index(body)
            passages.append(Passage(body, article.span(start, start + len(body))))
        offset += len(line)
    return tuple(passages)


def _clean(text: str, language: str = "id") -> CleanArticle:
    article = Article(id="t", path="<test>", text=text, language=language)
    return CleanArticle(article, _line_passages(article))


def _texts(text: str, language: str = "id") -> list[str]:
    return [s.text for s in split_sentences(_clean(text, language))]


def _assert_spans_point_back(clean: CleanArticle, sentences: tuple[Sentence, ...]) -> None:
    article = clean.article
    for sentence in sentences:
        assert article.text[sentence.span.start : sentence.span.end] == sentence.text
        assert sentence.span.line == article.line_of(sentence.span.start)
        assert sentence.text == sentence.text.strip() and sentence.text
        assert any(
            p.span.start <= sentence.span.start and sentence.span.end <= p.span.end
            for p in clean.passages
        ), f"sentence crosses a passage boundary: {sentence.text!r}"
    starts = [s.span.start for s in sentences]
    assert starts == sorted(starts)
    assert all(a.span.end <= b.span.start for a, b in pairwise(sentences))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations from id/segment.toml
        (
            "Kantornya di Jl. Sudirman No. 5 dekat rumah Dr. Budi dan Prof. Ani. Ia pergi.",
            ["Kantornya di Jl. Sudirman No. 5 dekat rumah Dr. Budi dan Prof. Ani.", "Ia pergi."],
        ),
        (
            "Surat a.n. Bpk. Hasan dan Hj. Siti, u.p. Kol. Joko tiba. Lalu dibaca.",
            ["Surat a.n. Bpk. Hasan dan Hj. Siti, u.p. Kol. Joko tiba.", "Lalu dibaca."],
        ),
        (
            "Ada buah, sayur, dll. yang dijual. Harganya naik.",
            ["Ada buah, sayur, dll. yang dijual.", "Harganya naik."],
        ),
        # an abbreviation at the end of a sentence, followed by a known sentence starter
        (
            "Mereka membawa buku, pena, dsb. Namun hujan turun.",
            ["Mereka membawa buku, pena, dsb.", "Namun hujan turun."],
        ),
        # decimals and thousands
        (
            "Bantuan senilai US$ 1,5 miliar tiba. Ada 5.000 kata dan 4.073 orang. Selesai.",
            ["Bantuan senilai US$ 1,5 miliar tiba.", "Ada 5.000 kata dan 4.073 orang.", "Selesai."],
        ),
        (
            "Kurs naik 2.5 persen hari ini. Pasar tenang.",
            ["Kurs naik 2.5 persen hari ini.", "Pasar tenang."],
        ),
        # ellipses
        (
            "Politik kekuasaan…dan dengan tegas menolak. Itu jelas.",
            ["Politik kekuasaan…dan dengan tegas menolak.", "Itu jelas."],
        ),
        (
            "Ia ragu... dan akhirnya pergi. Kami tinggal.",
            ["Ia ragu... dan akhirnya pergi.", "Kami tinggal."],
        ),
        # a quotation that ends with a full stop and goes on with "kata X"
        (
            '"Kami akan datang." kata Putin. Ia tersenyum.',
            ['"Kami akan datang." kata Putin.', "Ia tersenyum."],
        ),
        (
            "“Kami akan datang.” ujar Xi. Ia tersenyum.",
            ["“Kami akan datang.” ujar Xi.", "Ia tersenyum."],
        ),
        # a quotation of several sentences stays whole
        (
            "“Saya datang. Kami pergi,” kata Budi. Lalu hujan.",
            ["“Saya datang. Kami pergi,” kata Budi.", "Lalu hujan."],
        ),
        # a quotation mark that never closes does not swallow the passage
        (
            "Ia berkata “tidak. Kami pergi. Lalu pulang.",
            ["Ia berkata “tidak.", "Kami pergi.", "Lalu pulang."],
        ),
        # initials
        (
            "Presiden Vladimir V. Putin menelepon. Xi menjawab.",
            ["Presiden Vladimir V. Putin menelepon.", "Xi menjawab."],
        ),
        (
            "Editor: S.S. Kurniawan. Penulis: A. Budi.",
            ["Editor: S.S. Kurniawan.", "Penulis: A. Budi."],
        ),
        # a dateline stays with its lead
        (
            "KONTAN.CO.ID - BEIJING. Presiden Xi Jinping pada Rabu (15/6) menelepon. Putin menjawab.",
            [
                "KONTAN.CO.ID - BEIJING. Presiden Xi Jinping pada Rabu (15/6) menelepon.",
                "Putin menjawab.",
            ],
        ),
        # question and exclamation marks
        ("Apakah ia datang? Ya! Ia datang.", ["Apakah ia datang?", "Ya!", "Ia datang."]),
    ],
)
def test_split_sentences_indonesian_cases(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Mr. Smith met Gen. Lee in the U.S. Capitol. They talked.",
            "en",
            ["Mr. Smith met Gen. Lee in the U.S. Capitol.", "They talked."],
        ),
        ("It cost $1.5 billion. Prices rose.", "en", ["It cost $1.5 billion.", "Prices rose."]),
        # dotted initials stay with the name, unless a sentence starter follows
        (
            "Talks were held in the U.S. The editor was S.S. Kurniawan.",
            "en",
            ["Talks were held in the U.S.", "The editor was S.S. Kurniawan."],
        ),
        # unknown language: generic parameters, still no split after "Dr."
        ("Dr. Budi datang. Lalu pergi.", "und", ["Dr. Budi datang.", "Lalu pergi."]),
        # a regional tag uses its language's table
        (
            "Ada buah, dll. yang dijual. Harganya naik.",
            "id-ID",
            ["Ada buah, dll. yang dijual.", "Harganya naik."],
        ),
        # a language without its own file falls back to the generic parameters
        ("Prof. Müller kam. Dann ging er.", "de", ["Prof. Müller kam.", "Dann ging er."]),
    ],
)
def test_split_sentences_language_parameters(text: str, language: str, expected: list[str]) -> None:
    assert _texts(text, language) == expected


def test_split_sentences_never_crosses_passages() -> None:
    text = "Judul tanpa titik\nKalimat pertama di paragraf. Kalimat kedua"
    sentences = _texts(text)
    assert sentences == ["Judul tanpa titik", "Kalimat pertama di paragraf.", "Kalimat kedua"]


def test_split_sentences_blank_line_inside_passage_ends_sentence() -> None:
    text = "Navigasi\n\nIsi berita dimulai di sini."
    article = Article(id="t", path="<test>", text=text, language="id")
    clean = CleanArticle(article, (Passage(text, article.span(0, len(text))),))
    sentences = split_sentences(clean)
    assert [s.text for s in sentences] == ["Navigasi", "Isi berita dimulai di sini."]
    assert [s.span.line for s in sentences] == [1, 3]


def test_split_sentences_cuts_from_article_text_not_passage_copy() -> None:
    text = "Baris satu.\nIa  datang. Lalu pergi."
    article = Article(id="t", path="<test>", text=text, language="id", first_line=7)
    start = text.index("Ia")
    # a passage whose text was normalised (double space collapsed): spans still index the original
    clean = CleanArticle(
        article, (Passage("Ia datang. Lalu pergi.", article.span(start, len(text))),)
    )
    sentences = split_sentences(clean)
    assert [s.text for s in sentences] == ["Ia  datang.", "Lalu pergi."]
    assert sentences[0].span.line == 8
    _assert_spans_point_back(clean, sentences)


@pytest.mark.parametrize("name", SEEDS)
def test_split_sentences_seed_spans_index_original(name: str) -> None:
    path = EXAMPLES / name
    article = Article(id=name[:3], path=str(path), text=path.read_text("utf-8"), language="id")
    clean = CleanArticle(article, _line_passages(article))
    sentences = split_sentences(clean)
    assert len(sentences) >= len(clean.passages)
    _assert_spans_point_back(clean, sentences)


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        (
            "000_ec27902bce71dca6.txt",
            '"China mengklaim netral, tetapi perilakunya memperjelas bahwa mereka masih berinvestasi '
            'dalam hubungan dekat dengan Rusia," kata juru bicara Departemen Luar Negeri AS, seperti '
            "dilansir Channel News Asia.",
        ),
        ("000_ec27902bce71dca6.txt", "Editor: S.S. Kurniawan"),
        (
            "002_cdf2b438e2bb1883.txt",
            "Komentar itu dikeluarkan oleh seorang juru bicara Departemen Luar Negeri AS pada hari "
            "Jumat (30/12).",
        ),
        (
            "001_8e8cf64b5b00ab75.txt",
            "China dan Rusia telah mengembangkan hubungan dekat dalam beberapa tahun terakhir.",
        ),
        ("004_53c5a6638690b04f.txt", "Kompas.com - 15/06/2022, 21:01 WIB"),
    ],
)
def test_split_sentences_seed_sentences_whole(name: str, sentence: str) -> None:
    path = EXAMPLES / name
    assert sentence in _texts(path.read_text("utf-8"))


_FRAGMENTS = st.sampled_from(
    ["Rabu", " ", "  ", "\n", "\n\n", ".", "...", "…", '"', "“", "”", "kata", "Dr.", "dll.",
     "S.S.", "V.", "5.000", "1,5", "US$", "?", "!", "(15/6)", "Xi", "a.n.", "\t", "é", "İ"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    text=st.one_of(st.text(max_size=200), st.lists(_FRAGMENTS, max_size=40).map("".join)),
    cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=6),
    language=st.sampled_from(["id", "en", "und", "xx"]),
)
def test_split_sentences_arbitrary_text_spans_point_back(
    text: str, cuts: list[int], language: str
) -> None:
    article = Article(id="h", path="<hypothesis>", text=text, language=language)
    bounds = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    passages = tuple(Passage(text[a:b], article.span(a, b)) for a, b in pairwise(bounds))
    clean = CleanArticle(article, passages)
    _assert_spans_point_back(clean, split_sentences(clean))
