"""Tests for claims.numbers: Indonesian and English number formats, units, and date parts left out."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.numbers import find_numbers
from claims.numerals import parse_number
from claims.types import Article, NumberKind, NumberMention, Span

CARDINAL, ORDINAL = NumberKind.CARDINAL, NumberKind.ORDINAL
MONEY, PERCENT = NumberKind.MONEY, NumberKind.PERCENT


def _numbers(
    text: str, language: str = "id", exclude: list[Span] | None = None
) -> tuple[NumberMention, ...]:
    article = Article(id="t", path="<test>", text=text, language=language)
    return find_numbers(text, start=0, article=article, exclude=exclude)


def _summary(text: str, language: str = "id") -> list[tuple[str, float, NumberKind, str | None]]:
    return [(n.text, n.value, n.kind, n.unit) for n in _numbers(text, language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pernyataan 5.000 kata yang panjang", [("5.000", 5000, CARDINAL, "kata")]),
        ("tumbuh 1,5 kali lipat", [("1,5", 1.5, CARDINAL, "kali")]),
        ("Senjata Senilai US$ 1 Miliar, termasuk", [("US$ 1 Miliar", 1e9, MONEY, "USD")]),
        ("bantuan US$ 1,5 miliar untuk", [("US$ 1,5 miliar", 1.5e9, MONEY, "USD")]),
        ("anggaran Rp 2 triliun tahun ini", [("Rp 2 triliun", 2e12, MONEY, "IDR")]),
        ("Biden Umumkan $ 1 Miliar Lagi", [("$ 1 Miliar", 1e9, MONEY, "USD")]),
        ("sebesar 1 miliar dolar AS", [("1 miliar dolar AS", 1e9, MONEY, "USD")]),
        ("naik 10 persen", [("10 persen", 10, PERCENT, None)]),
        ("naik 10% dari", [("10%", 10, PERCENT, None)]),
        ("sekitar delapan menit", [("delapan", 8, CARDINAL, "menit")]),
        ("satu orang", [("satu", 1, CARDINAL, "orang")]),
        ("sepuluh hari", [("sepuluh", 10, CARDINAL, "hari")]),
        ("dua puluh orang", [("dua puluh", 20, CARDINAL, "orang")]),
        (
            "dua ratus lima puluh ribu warga",
            [("dua ratus lima puluh ribu", 250_000, CARDINAL, "warga")],
        ),
        ("dua belas kapal", [("dua belas", 12, CARDINAL, "kapal")]),
        ("Jumlah Korban Tewas Capai 35.000 Orang", [("35.000", 35_000, CARDINAL, "orang")]),
        ("panggilan telepon kedua yang terungkap", [("kedua", 2, ORDINAL, None)]),
        ("Ini merupakan panggilan kedua Xi sejak", [("kedua", 2, ORDINAL, None)]),
        ("menempati posisi ketiga.", [("ketiga", 3, ORDINAL, None)]),
        ("untuk pertama kalinya", [("pertama", 1, ORDINAL, None)]),
        ("babak ke-3 dimulai", [("ke-3", 3, ORDINAL, None)]),
        # "kedua negara" is "both countries": a count of two, not "second"
        ("antara kedua negara", [("kedua", 2, CARDINAL, "negara")]),
        # vague or idiomatic: no number
        ("ratusan orang dan ribuan warga", []),
        ("salah satu tujuan", []),
        ("kedua belah pihak", []),
        # not quantities: codes, times, URLs
        ("Covid-19 di G20 pukul 21:01 WIB", []),
        ("https://www.whatsapp.com/channel/0029VaFPbedB", []),
        ("Pendaki Klaim Rekor 29 Kali ke Puncak", [("29", 29, CARDINAL, "kali")]),
        ("Olimpiade 2024 di Paris", [("2024", 2024, CARDINAL, None)]),
    ],
)
def test_find_numbers_indonesian(
    text: str, expected: list[tuple[str, float, NumberKind, str | None]]
) -> None:
    assert _summary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it cost $1.5 billion", [("$1.5 billion", 1.5e9, MONEY, "USD")]),
        ("a 5,000 word statement", [("5,000", 5000, CARDINAL, "word")]),
        ("twenty-five people", [("twenty-five", 25, CARDINAL, "people")]),
        ("prices rose 10 percent", [("10 percent", 10, PERCENT, None)]),
        ("the second call", [("second", 2, ORDINAL, None)]),
        ("the 3rd time", [("3rd", 3, ORDINAL, None)]),
        ("one of the reasons", []),
    ],
)
def test_find_numbers_english(
    text: str, expected: list[tuple[str, float, NumberKind, str | None]]
) -> None:
    assert _summary(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("pada Rabu (15/6/2022) sebanyak 3 kapal", ["3"]),
        ("sejak 24 Februari, 5.000 kata", ["5.000"]),
        ("kunjungan pada tahun 2023 oleh dua pemimpin", ["dua"]),
        ("hampir empat bulan setelah perang", []),
        ("memasuki bulan keempat", []),
        ("Kompas.com - 15/06/2022, 21:01 WIB", []),
    ],
)
def test_find_numbers_skips_date_parts(text: str, kept: list[str]) -> None:
    assert [n.text for n in _numbers(text)] == kept


def test_find_numbers_explicit_exclude_is_honoured() -> None:
    text = "dari 5.000 menjadi 6.000 kata"
    start = text.index("6.000")
    found = _numbers(text, exclude=[Span(start, start + 5, 1)])
    assert [n.text for n in found] == ["5.000"]


def test_find_numbers_spans_in_article_coordinates() -> None:
    text = "Judul\nMereka mengeluarkan pernyataan 5.000 kata."
    article = Article(id="t", path="<test>", text=text, language="id")
    start = text.index("Mereka")
    (found,) = find_numbers(text[start:], start=start, article=article)
    assert text[found.span.start : found.span.end] == "5.000"
    assert found.span.line == 2


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("5.000", "id", 5000),
        ("1,5", "id", 1.5),
        ("2.000,50", "id", 2000.5),
        ("1.5", "id", 1.5),  # written the English way in Indonesian text
        ("1,500", "en", 1500),
        ("5.000", "und", 5000),  # unknown language: a mark before three digits groups thousands
        ("empat", "id", 4),
        ("seratus dua puluh", "id", 120),
        ("1,5 miliar", "id", 1.5e9),
        ("ratusan", "id", None),
    ],
)
def test_parse_number_formats(text: str, language: str, value: float | None) -> None:
    assert parse_number(text, language) == value


_FRAGMENTS = st.sampled_from(
    ["5", ".", ",", "000", "1", " ", "US$", "$", "Rp", "miliar", "ribu", "persen", "%", "dua",
     "puluh", "belas", "kedua", "ke-", "negara", "satu", "salah", "/", ":", "-", "(", ")",
     "Februari", "tahun", "2022", "İ", "ſ", "٣"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    text=st.one_of(st.text(max_size=120), st.lists(_FRAGMENTS, max_size=30).map("".join)),
    prefix=st.text(max_size=20),
    language=st.sampled_from(["id", "en", "und"]),
)
def test_find_numbers_arbitrary_text_spans_point_back(
    text: str, prefix: str, language: str
) -> None:
    article = Article(id="h", path="<hypothesis>", text=prefix + text, language=language)
    found = find_numbers(text, start=len(prefix), article=article)
    for number in found:
        assert article.text[number.span.start : number.span.end] == number.text
        assert number.value == number.value  # never NaN
    spans = [(n.span.start, n.span.end) for n in found]
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
