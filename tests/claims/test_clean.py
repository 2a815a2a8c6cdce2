"""Tests for claims.clean: furniture removed with its rule, story text never lost, offsets kept."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.clean import boilerplate_for, clean_article, clean_corpus
from claims.errors import LanguageResourceError
from claims.lang import available_languages, load_language
from claims.types import Article, CleanArticle

EXAMPLES = Path(__file__).parents[2] / "examples"
EXPECTED = tomllib.loads(
    (Path(__file__).parent / "data" / "clean" / "expected_removals.toml").read_text("utf-8")
)
OUTLETS = {
    "000": "Kontan",
    "001": "Purna Warta",
    "002": "Beritabaru.co",
    "003": None,
    "004": "Kompas.com",
}
NAMES = sorted(EXPECTED)


def _example(name: str) -> Article:
    path = EXAMPLES / name
    text = path.read_text(encoding="utf-8")
    return Article(id=name[:3], path=str(path), text=text, language="id", outlet=OUTLETS[name[:3]])


def _expected(name: str) -> dict[int, str]:
    return {line: rule for rule, lines in EXPECTED[name].items() for line in lines}


def _nonblank(article: Article) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(article.text.split("\n"), start=article.first_line):
        if line.strip():
            yield number, line.strip()


def _pieces(cleaned: CleanArticle) -> list[Any]:
    return [*cleaned.passages, *cleaned.removed]


def _assert_faithful(cleaned: CleanArticle) -> None:
    """Spans index the original text and cover each non-blank line exactly once."""
    article = cleaned.article
    for piece in _pieces(cleaned):
        assert article.text[piece.span.start : piece.span.end] == piece.text
        assert piece.span.line == article.line_of(piece.span.start)
    covered = sorted((piece.span.line, piece.text) for piece in _pieces(cleaned))
    assert covered == list(_nonblank(article))


def test_expected_removals_table_lists_each_line_once() -> None:
    for name in NAMES:
        listed = [line for lines in EXPECTED[name].values() for line in lines]
        assert len(listed) == len(set(listed)), name
        assert (EXAMPLES / name).is_file()


@pytest.mark.parametrize("name", NAMES)
def test_clean_article_removes_furniture_with_expected_rule(name: str) -> None:
    cleaned = clean_article(_example(name))
    removed = {r.span.line: r.rule for r in cleaned.removed}
    expected = _expected(name)
    assert {line: removed.get(line) for line in expected} == expected


@pytest.mark.parametrize("name", NAMES)
def test_clean_article_keeps_every_other_line_of_story(name: str) -> None:
    article = _example(name)
    cleaned = clean_article(article)
    kept = {(p.span.line, p.text) for p in cleaned.passages}
    expected = _expected(name)
    story = [(n, text) for n, text in _nonblank(article) if n not in expected]
    assert [line for line in story if line not in kept] == []


@pytest.mark.parametrize("name", NAMES)
def test_clean_article_spans_point_back_and_cover_lines_once(name: str) -> None:
    _assert_faithful(clean_article(_example(name)))


@pytest.mark.parametrize("name", NAMES)
def test_clean_article_gives_every_removal_a_plain_reason(name: str) -> None:
    for removal in clean_article(_example(name)).removed:
        assert removal.rule and " " in removal.reason, removal
        assert "{" not in removal.reason, removal


def test_clean_article_keeps_repeated_headline_and_lead_once() -> None:
    cleaned = clean_article(_example("003_4c1271fe611ef779.txt"))
    texts = [p.text for p in cleaned.passages]
    assert texts.count("Xi Jinping Telepon Putin, Nyatakan China Dukung Rusia") == 1
    assert sum(t.startswith("Presiden China Xi Jinping kembali muncul.") for t in texts) == 1
    assert [(r.span.line, "line 1 " in r.reason) for r in cleaned.removed[:2]] == [
        (5, True),
        (6, True),
    ]


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("000_ec27902bce71dca6.txt", "China mengklaim netral, tetapi perilakunya"),
        ("002_cdf2b438e2bb1883.txt", "Beijing mengklaim netral, tetapi perilakunya"),
        ("002_cdf2b438e2bb1883.txt", "pada hari Jumat (30/12)"),
    ],
)
def test_clean_article_keeps_the_drifting_state_department_sentence(
    name: str, fragment: str
) -> None:
    passages = clean_article(_example(name)).passages
    assert any(fragment in p.text for p in passages)


def test_clean_corpus_matches_clean_article_when_outlets_differ() -> None:
    articles = [_example(name) for name in NAMES]
    assert clean_corpus(articles) == tuple(clean_article(a) for a in articles)


def _article(text: str, *, outlet: str | None = "Contoh", language: str = "id") -> Article:
    return Article(id="t", path="<test>", text=text, outlet=outlet, language=language)


STORY = "Presiden mengatakan bahwa kerja sama kedua negara akan terus berlanjut tahun depan."
LEAD = (
    "Keduanya dikabarkan melakukan komunikasi via telepon Rabu (15/6/2022). Ia menegaskan "
    'bahwa Beijing akan terus mendukung Moskow terkait "kedaulatan dan keamanan" negara itu.'
)


@pytest.mark.parametrize(
    ("outlet_b", "removed_in_b"),
    [("Contoh", True), ("contoh", True), ("Lain", False), (None, False)],
)
def test_clean_corpus_removes_lines_repeated_across_an_outlet(
    outlet_b: str | None, removed_in_b: bool
) -> None:
    a = _article(f"Ikuti Contoh di Mana Saja\n{STORY}\nJudul pertama")
    b = _article(f"Ikuti Contoh di Mana Saja\n{STORY}\nJudul kedua", outlet=outlet_b)
    first, second = clean_corpus([a, b])
    assert STORY in [p.text for p in first.passages] and STORY in [p.text for p in second.passages]
    assert [r.rule for r in second.removed] == (["outlet-furniture"] if removed_in_b else [])
    assert [r.rule for r in first.removed] == [r.rule for r in second.removed]


@pytest.mark.parametrize("given", ["Ikuti Contoh di Mana Saja!", "ikuti contoh di mana saja"])
def test_clean_article_removes_given_repeated_lines_raw_or_normalised(given: str) -> None:
    cleaned = clean_article(
        _article(f"{STORY}\nIkuti  Contoh di Mana Saja"), repeated_lines=frozenset({given})
    )
    assert [(r.span.line, r.rule) for r in cleaned.removed] == [(2, "outlet-furniture")]


def test_clean_corpus_counts_identical_copies_once() -> None:
    text = f"Ikuti Contoh di Mana Saja\n{STORY}"
    assert all(c.removed == () for c in clean_corpus([_article(text), _article(text)]))


@pytest.mark.parametrize(
    ("first", "later"),
    [
        (
            "Xi Jinping Telepon Putin, Nyatakan Dukungan",
            "xi jinping  TELEPON putin: nyatakan dukungan!",
        ),
        (LEAD, LEAD.replace("mendukung", "membela")),
    ],
)
def test_clean_article_removes_near_duplicate_lines(first: str, later: str) -> None:
    cleaned = clean_article(_article(f"{first}\n\n{later}\n"))
    assert [p.text for p in cleaned.passages] == [first]
    assert [(r.rule, r.span.line) for r in cleaned.removed] == [("duplicate-line", 3)]


@pytest.mark.parametrize(
    "other",
    [
        STORY.replace("tahun depan", "bulan ini juga"),
        LEAD.replace("15/6/2022", "16/6/2022"),  # one figure changed: news, not a copy
    ],
)
def test_clean_article_keeps_lines_that_differ_in_words_or_figures(other: str) -> None:
    cleaned = clean_article(_article(f"{LEAD}\n{STORY}\n{other}"))
    assert cleaned.removed == ()


@pytest.mark.parametrize(
    ("language", "marker", "headlines", "story"),
    [
        (
            "id",
            "Berita Terkait",
            ["Judul Berita Lain Satu", "Mengapa China Terus Dukung Rusia di Tengah Perang?"],
            STORY,
        ),
        (
            "en",
            "Related articles",
            ["Another headline about the war", "Markets fall as oil prices rise..."],
            "The minister said talks between the two countries would resume next week.",
        ),
    ],
)
def test_clean_article_drops_headline_list_until_story_resumes(
    language: str, marker: str, headlines: list[str], story: str
) -> None:
    text = "\n".join(["Xi Jinping Tegaskan Dukungan", marker, *headlines, story])
    cleaned = clean_article(_article(text, language=language))
    assert [r.rule for r in cleaned.removed] == ["headline-list"] * (1 + len(headlines))
    assert [p.span.line for p in cleaned.passages] == [1, len(headlines) + 3]
    assert f"'{marker}' (line 2)" in cleaned.removed[-1].reason


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("By John Smith and Jane Doe", "byline"),
        ("Advertisement", "ad-label"),
        ("Read more: Markets fall as oil prices rise", "related-link"),
        ("Photo: Reuters/Jane Doe", "photo-caption"),
        ("https://example.com/story", "bare-link"),
        # captions that carry a date, a sentence and a credit after it
        ("Photo: Relatives wait outside the hospital on Sunday. (Daily News/Ari)", "photo-caption"),
        ("(Photo: REUTERS/Jane Doe) Rescuers carry debris at the port on Sunday.", "photo-caption"),
        (
            "> Foto: Warga mengungsi dari desa itu, Senin (6/12/2021). (Harian Kita/Yoga)",
            "photo-caption",
        ),
        ("Kapal nelayan di dermaga Pulau Lancang. (Dok. Warta Kita)", "photo-caption"),
        ("- Photos: the town after the quake", "photo-caption"),
    ],
)
def test_clean_article_removes_english_furniture(line: str, rule: str) -> None:
    story = "The minister said talks between the two countries would resume next week."
    cleaned = clean_article(_article(f"{story}\n{line}", language="en"))
    assert [(r.text, r.rule) for r in cleaned.removed] == [(line, rule)]


@pytest.mark.parametrize("language", ["und", "fr", "xx-YY", "../../etc", ""])
def test_clean_article_falls_back_to_universal_rules(language: str) -> None:
    cleaned = clean_article(_article(f"{STORY}\nFoto: AFP/Jane Doe\n-----", language=language))
    assert [r.rule for r in cleaned.removed] == ["photo-caption", "separator"]


def test_clean_article_offsets_survive_crlf_and_front_matter() -> None:
    text = "  Judul Berita Hari Ini \r\n\r\n\tBaca juga: Lain \r\n" + STORY + "\r\n"
    article = Article(id="t", path="<test>", text=text, language="id", first_line=4)
    cleaned = clean_article(article)
    _assert_faithful(cleaned)
    assert [(p.span.line, p.text) for p in cleaned.passages] == [
        (4, "Judul Berita Hari Ini"),
        (7, STORY),
    ]


@pytest.mark.parametrize("language", available_languages())
def test_boilerplate_for_loads_every_language(language: str) -> None:
    rules = boilerplate_for(language).rules
    assert rules and all(rule.id and rule.reason for rule in rules)


@pytest.mark.parametrize(
    ("bad_rule", "problem"),
    [
        ({"id": "x", "reason": "y", "pattern": "(unclosed"}, "rule 1: pattern: bad regular"),
        ({"id": "x", "reason": "y"}, "rule 1: needs pattern"),
        ({"id": "x", "reason": "y", "pattern": "a", "max_word": 3}, "rule 1: max_word: unknown"),
        (
            {"id": "x", "reason": "y", "pattern": "a", "max_words": "3"},
            "rule 1: max_words: must be a whole number",
        ),
    ],
)
def test_boilerplate_for_rejects_malformed_rules(
    tmp_path: Path, bad_rule: dict[str, Any], problem: str
) -> None:
    (tmp_path / "zz").mkdir()
    lines = ["[[rule]]", *(f"{key} = {json.dumps(value)}" for key, value in bad_rule.items())]
    (tmp_path / "zz" / "boilerplate.toml").write_text("\n".join(lines), encoding="utf-8")
    where = str(tmp_path / "zz" / "boilerplate.toml")
    with pytest.raises(LanguageResourceError, match=re.escape(f"{where}: {problem}")):
        boilerplate_for(load_language("zz", tmp_path))


FURNITURE = [
    "Baca juga: Judul Lain",
    "Berita Terkait",
    "Penulis",
    "Danur Lambang",
    "Komentar",
    "Global",
    "Foto: AFP/X",
    STORY,
]
LINES = st.one_of(
    st.sampled_from(FURNITURE),
    st.text(st.characters(codec="utf-8", exclude_characters="\n"), max_size=40),
)


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(LINES, max_size=12),
    ending=st.sampled_from(["\n", "\r\n", " \n\n"]),
    language=st.sampled_from(["id", "en", "und"]),
    first_line=st.integers(min_value=1, max_value=5),
)
def test_clean_article_spans_index_original_for_any_text(
    lines: list[str], ending: str, language: str, first_line: int
) -> None:
    article = Article(
        id="h", path="<h>", text=ending.join(lines), language=language, first_line=first_line
    )
    _assert_faithful(clean_article(article))


@pytest.mark.parametrize(
    "line",
    [
        "Harga naik menjadi Rp10.000 per liter, kata menteri itu. (Reuters)",
        "Photo opportunities were limited at the summit, officials said.",
        "Fotografer itu mengatakan dia melihat api dari kejauhan.",
    ],
)
def test_clean_article_keeps_story_lines_that_mention_photos(line: str) -> None:
    story = "The minister said talks between the two countries would resume next week."
    cleaned = clean_article(_article(f"{story}\n{line}", language="en"))
    assert cleaned.removed == ()
