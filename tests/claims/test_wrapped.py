"""Tests for claims.wrapped: hard line breaks inside sentences joined, headings and lists not."""

from __future__ import annotations

import pytest

from claims.clean import clean_article
from claims.extract import extract_claims
from claims.types import Article
from claims.wrapped import join_wrapped


def _article(text: str, language: str = "id") -> Article:
    return Article(id="w", path="<w>", text=text, language=language, first_line=3)


def _passages(text: str, language: str = "id") -> list[str]:
    joined = join_wrapped(clean_article(_article(text, language)))
    article = joined.article
    for passage in joined.passages:  # spans still index the text; the line is the first one
        assert article.text[passage.span.start : passage.span.end] == passage.text
        assert passage.span.line == article.line_of(passage.span.start)
    return [" ".join(p.text.split()) for p in joined.passages]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lower-case line goes on with the sentence the line before leaves open
        (
            "Menurut laporan petugas di posko bencana, hingga Rabu pagi, korban\n"
            "meninggal dunia mencapai 34 orang.",
            [
                "Menurut laporan petugas di posko bencana, hingga Rabu pagi, korban "
                "meninggal dunia mencapai 34 orang."
            ],
        ),
        # a capitalised word after a line as long as the wrapping width
        (
            "Pengumuman kenaikan harga itu disampaikan dalam siaran langsung Sekretariat\n"
            "Presiden pada Sabtu siang, kata pejabat itu.",
            [
                "Pengumuman kenaikan harga itu disampaikan dalam siaran langsung Sekretariat "
                "Presiden pada Sabtu siang, kata pejabat itu."
            ],
        ),
        # English too
        (
            "The disaster happened at the stadium in the city of Malang on\n"
            "Saturday night, after the home side lost the match.",
            [
                "The disaster happened at the stadium in the city of Malang on Saturday night, "
                "after the home side lost the match."
            ],
        ),
    ],
)
def test_join_wrapped_joins_a_sentence_broken_across_lines(text: str, expected: list[str]) -> None:
    assert _passages(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a finished sentence, then the next one
        "Korban meninggal dunia mencapai 34 orang hingga Rabu pagi.\nPetugas masih mencari 16 warga.",
        # list items each stand alone
        "Harga baru bahan bakar\n- Pertalite: Rp10.000 per liter\n- Solar: Rp6.800 per liter",
        # a headline straight above the lead
        "Korban Gempa Cianjur Bertambah Jadi 252 Orang Hari Ini\n"
        "CIANJUR - Jumlah korban meninggal akibat gempa bertambah menjadi 252 orang.",
        # a line that opens a list
        "Berikut daftar harga di beberapa provinsi yang sudah diumumkan:\nAceh Rp14.500",
        # a blank line ends a paragraph
        "Pengumuman kenaikan harga itu disampaikan dalam siaran langsung Sekretariat\n\n"
        "Presiden pada Sabtu siang, kata pejabat itu.",
    ],
)
def test_join_wrapped_leaves_separate_lines_apart(text: str) -> None:
    assert len(_passages(text)) == len([line for line in text.split("\n") if line.strip()])


def test_extract_claims_gives_no_fragment_of_a_wrapped_sentence() -> None:
    text = (
        "JAKARTA - Berdasarkan laporan BPBD Kabupaten Lumajang, hingga Rabu (8/12/2021), korban\n"
        "meninggal dunia mencapai 34 orang.\n"
    )
    (claim,) = extract_claims(clean_article(_article(text)))
    assert claim.text.endswith("mencapai 34 orang.") and claim.span.line == 3
    assert [n.value for n in claim.numbers] == [34.0]
