"""Named entities from the gazetteer, with aliases grouped, and the NAME fallback
(claims/entities.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.entities import canonical_entity, find_entities, match_aliases, replace_aliases
from claims.errors import LanguageResourceError
from claims.lang import load_language
from claims.types import Article, EntityMention

EXAMPLES = Path(__file__).parents[2] / "examples"


def entities(text: str, language: str = "id") -> list[tuple[str, str, str]]:
    article = Article(id="t", path="t.txt", text=text, language=language)
    return [(m.text, m.canonical, m.kind) for m in find_entities(text, start=0, article=article)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Tiongkok, Beijing dan China", "id",
         [("Tiongkok", "China", "GPE"), ("Beijing", "China", "GPE"), ("China", "China", "GPE")]),
        ("Rusia, Moskow dan Kremlin", "id",
         [("Rusia", "Russia", "GPE"), ("Moskow", "Russia", "GPE"), ("Kremlin", "Russia", "GPE")]),
        ("Russia and Moscow", "en", [("Russia", "Russia", "GPE"), ("Moscow", "Russia", "GPE")]),
        ("AS, Amerika Serikat dan Washington", "id",
         [("AS", "United States", "GPE"), ("Amerika Serikat", "United States", "GPE"),
          ("Washington", "United States", "GPE")]),
        ("the US and the United States", "en",
         [("US", "United States", "GPE"), ("United States", "United States", "GPE")]),
        ("Ukraina dan Kyiv", "id", [("Ukraina", "Ukraine", "GPE"), ("Kyiv", "Ukraine", "GPE")]),
        ("juru bicara Departemen Luar Negeri AS", "id",
         [("Departemen Luar Negeri AS", "US State Department", "ORG")]),
        ("Presiden Xi, Xi Jinping dan Xi", "id",
         [("Presiden Xi", "Xi Jinping", "PERSON"), ("Xi Jinping", "Xi Jinping", "PERSON"),
          ("Xi", "Xi Jinping", "PERSON")]),
        ("Vladimir Putin alias Putin", "id",
         [("Vladimir Putin", "Vladimir Putin", "PERSON"), ("Putin", "Vladimir Putin", "PERSON")]),
        ("Joko Widodo atau Jokowi", "id",
         [("Joko Widodo", "Joko Widodo", "PERSON"), ("Jokowi", "Joko Widodo", "PERSON")]),
        ("KONTAN.CO.ID - BEIJING. Sumber AFP", "id",
         [("KONTAN.CO.ID", "Kontan", "MEDIA"), ("BEIJING", "China", "GPE"),
          ("AFP", "AFP", "MEDIA")]),
        ("hubungan Rusia-China dan sanksi AS-Eropa", "id",
         [("Rusia", "Russia", "GPE"), ("China", "China", "GPE"), ("AS", "United States", "GPE")]),
    ],
)  # fmt: skip
def test_find_entities_groups_aliases(
    text: str, language: str, expected: list[tuple[str, str, str]]
) -> None:
    assert entities(text, language) == expected


@pytest.mark.parametrize(
    "outlet", ["CCTV", "Reuters", "AFP", "Channel News Asia", "Sputnik", "Kompas.com", "Kontan"]
)
def test_find_entities_media_are_media(outlet: str) -> None:
    assert [kind for _, _, kind in entities(f"seperti dilansir {outlet} hari ini")] == ["MEDIA"]


@pytest.mark.parametrize(
    ("text", "language", "found"),
    [
        ("Biaya as roda naik, kata pejabat AS.", "id", ["AS"]),
        ("Ia datang pukul dua, as usual, lalu pulang.", "id", []),
        ("KASUS BARU di ASEAN dan MASALAH lain", "id", []),
        ("Bantuan senilai US$ 1 miliar", "id", []),
        ("Aid worth US$ 1 billion from the US", "en", ["US"]),
        ("We ask as many as us", "en", []),
    ],
)
def test_find_entities_short_acronyms_match_only_as_written(
    text: str, language: str, found: list[str]
) -> None:
    assert [t for t, _, kind in entities(text, language) if kind != "NAME"] == found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Foto oleh Mikhail Kuravlev di Moskow.", ["Mikhail Kuravlev"]),
        ("Dalam Perang Dingin, kedua negara bersaing.", ["Perang Dingin"]),
        ("Sementara Sri Mulyani Indrawati berbicara.", ["Sri Mulyani Indrawati"]),
        ("Putra mahkota Mohammed bin Salman datang.", ["Mohammed bin Salman"]),
        ("Xi Jinping Telepon Putin, Nyatakan China Dukung Rusia", []),
        ("Presiden berbicara di Istana.", []),
        (
            "Menteri Luar Negeri Retno Marsudi bertemu Wang Yi.",
            ["Menteri Luar Negeri Retno Marsudi"],
        ),
        ("143 Orang Tewas akibat Banjir di Brasil, 125 Lainnya Masih Hilang", []),
    ],
)
def test_find_entities_unknown_capitalised_names(text: str, names: list[str]) -> None:
    found = [(t, canonical) for t, canonical, kind in entities(text) if kind == "NAME"]
    assert found == [(name, name) for name in names]


def test_find_entities_spans_are_article_coordinates() -> None:
    path = EXAMPLES / "000_ec27902bce71dca6.txt"
    text = path.read_text(encoding="utf-8")
    article = Article(id="000", path=str(path), text=text, language="id")
    start = article.text.index('"China mengklaim')
    end = article.text.index("\n", start)
    found = find_entities(article.text[start:end], start=start, article=article)
    assert [m.canonical for m in found] == [
        "China", "Russia", "US State Department", "Channel News Asia"
    ]  # fmt: skip
    for mention in found:
        assert article.text[mention.span.start : mention.span.end] == mention.text
        assert mention.span.line == 28


@pytest.mark.parametrize(
    ("name", "language", "canonical"),
    [
        ("Beijing", "id", "China"),
        ("beijing", "id", "China"),
        ("AS", "id", "United States"),
        ("as", "id", None),
        ("Kremlin", "en", "Russia"),
        ("Moscow", "en", "Russia"),
        ("Xi", "id", "Xi Jinping"),
        ("Presiden Rusia Vladimir Putin", "id", "Vladimir Putin"),
        ("juru bicara Departemen Luar Negeri AS", "id", "US State Department"),
        ("seorang  juru bicara Departemen Luar Negeri AS", "id-ID", "US State Department"),
        ("pemimpin China", "id", "China"),
        ("Channel News Asia", "und", "Channel News Asia"),
        ("Nama Tak Dikenal", "id", None),
    ],
)
def test_canonical_entity(name: str, language: str, canonical: str | None) -> None:
    assert canonical_entity(name, language=language) == canonical


def test_replace_aliases_makes_names_canonical() -> None:
    text = "Beijing dan Moskow, kata juru bicara Departemen Luar Negeri AS"
    assert replace_aliases(text, language="id") == (
        "China dan Russia, kata juru bicara US State Department"
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_alias_in_the_data_is_found(language: str) -> None:
    """Each alias of the language's and und's entities.toml names its own entity."""
    for item in load_language(language).entities.entities:
        for alias in (item.canonical, *item.aliases):
            text = f"Hari ini, {alias} berbicara."
            found = match_aliases(text, language=language)
            assert [(text[m.start : m.end], m.canonical) for m in found] == [
                (alias, item.canonical)
            ], alias


def test_find_entities_bad_data_raises(tmp_path: Path) -> None:
    (tmp_path / "zz").mkdir()
    (tmp_path / "zz" / "entities.toml").write_text(
        '[[entity]]\ncanonical = "Atlantis"\nkind = "PLACE"\n', encoding="utf-8"
    )
    with pytest.raises(LanguageResourceError, match=r"zz/entities\.toml: entity 1: kind: 'PLACE'"):
        load_language("zz-bad", tmp_path)


@settings(max_examples=150, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            ["AS", "as", "US$", "Beijing", "Xi", "Kompas.com", "Nama", "Baru", " ", "-"]
        )
        | st.text(max_size=5),
        max_size=25,
    ).map(" ".join),
    offset=st.integers(0, 20),
    language=st.sampled_from(["id", "en", "und"]),
)
def test_find_entities_spans_index_article_text(text: str, offset: int, language: str) -> None:
    article = Article(id="h", path="h.txt", text="x" * offset + text, language=language)
    found: tuple[EntityMention, ...] = find_entities(text, start=offset, article=article)
    ends = [0]
    for mention in found:
        assert article.text[mention.span.start : mention.span.end] == mention.text
        assert mention.canonical and mention.kind in {"GPE", "ORG", "PERSON", "MEDIA", "NAME"}
        assert mention.span.start - offset >= ends[-1]  # in order, never overlapping
        ends.append(mention.span.end - offset)
