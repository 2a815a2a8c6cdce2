"""Tests for claims.shape: subheadings are kept as tagged non-claims, statements are not tagged."""

from __future__ import annotations

import pytest

from claims.clean import clean_article
from claims.extract import extract_claims
from claims.shape import is_checkable
from claims.types import Article

LEAD = "Jumlah korban meninggal akibat awan panas bertambah menjadi 22 orang, kata BNPB."


def _claims(text: str, language: str = "id") -> dict[str, tuple[str, ...]]:
    article = Article(id="s", path="<s>", text=text, language=language)
    return {c.text: c.tags for c in extract_claims(clean_article(article))}


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("Berapa korban di tiap kecamatan?", "id"),
        ("What happened at the stadium?", "en"),
        ("Untuk Pertamax, berikut rinciannya:", "id"),
        ("1. Diduga tersambar petir", "id"),
    ],
)
def test_subheading_is_kept_as_a_tagged_non_claim(line: str, language: str) -> None:
    claims = _claims(f"{LEAD}\n\n{line}\n\n{LEAD.replace('22', '23')}", language)
    tagged = {text: tags for text, tags in claims.items() if tags}
    assert list(tagged.values()) == [("heading",)]
    assert line.endswith(next(iter(tagged)))


@pytest.mark.parametrize(
    "line",
    [
        '"Apa yang harus kami lakukan sekarang?" tanya seorang warga kepada petugas.',
        "Mengapa harga naik? Pemerintah menyebut subsidi membengkak hingga Rp502 triliun.",
        "Korban Tewas Gempa Cianjur Jadi 252 Orang",  # a headline with a figure states it
        "- Meninggal dunia: 62 orang",  # a list item with its figure
    ],
)
def test_statements_are_not_tagged(line: str) -> None:
    claims = _claims(f"{LEAD}\n\n{line}")
    assert all(tags == () for tags in claims.values()), claims


def test_is_checkable_only_untagged_claims() -> None:
    article = Article(
        id="s", path="<s>", text=f"Apa penyebab kebakaran itu?\n\n{LEAD}", language="id"
    )
    heading, statement = extract_claims(clean_article(article))
    assert (is_checkable(heading), is_checkable(statement)) == (False, True)


@pytest.mark.parametrize(
    ("line", "tag"),
    [
        ("Nasional | Selasa, 22/11/2022 20:15 WIB", "metadata"),
        ("Ditulis oleh Nama Penulis, 7 Oktober 2022", "metadata"),
        ("| Prabowo-Gibran | 96.214.691 | 58,59 |", "table"),
    ],
)
def test_stamps_and_table_rows_are_tagged(line: str, tag: str) -> None:
    claims = _claims(f"{LEAD}\n\n{line}")
    assert [tags for tags in claims.values() if tags] == [(tag,)]


def test_a_dated_sentence_is_not_a_stamp() -> None:
    claims = _claims("Gempa bermagnitudo 5,6 mengguncang Cianjur pada Senin, 21 November 2022.")
    assert list(claims.values()) == [()]
