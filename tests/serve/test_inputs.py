"""Articles from a request, read in memory as files are: readers by kind, metadata fields laid
over the text's own, uploads decoded like files, limits, and the draft found by id."""

from __future__ import annotations

import json

import pytest

from checker.serve.errors import ServeError
from checker.serve.inputs import SourceText, read_sources
from checker.serve.requests import unique_names

STORY = (
    "Presiden Joko Widodo meresmikan Jembatan Kali Brantas di Kota Malang pada Senin (6/3/2023). "
    "Jembatan sepanjang 120 meter itu dibangun dengan biaya Rp 20 miliar, kata Wali Kota Malang."
)
LIMIT = 100_000


def test_front_matter_is_read_and_fields_win_over_it() -> None:
    text = f"---\noutlet: Dari Front Matter\ntitle: Judul\n---\n{STORY}\n"
    corpus, draft = read_sources(
        [SourceText("a.md", text, metadata={"outlet": "Dari Permintaan"})], None, max_bytes=LIMIT
    )
    (article,) = corpus.articles
    assert draft is None and article.id == "a" and article.path == "a.md"
    assert article.outlet == "Dari Permintaan" and article.title == "Judul"
    assert article.text.startswith("Presiden") and article.first_line == 5
    given = [p for p in article.provenance if p.field == "outlet"]
    assert given[-1].source == "request field"


def test_text_format_keeps_front_matter_as_text() -> None:
    text = f"---\noutlet: X\n---\n{STORY}"
    corpus, _ = read_sources([SourceText("a", text, "text")], None, max_bytes=LIMIT)
    assert corpus.articles[0].text.startswith("---")


def test_html_and_jsonl_use_the_readers_of_their_kind() -> None:
    page = f"<html><head><title>T</title></head><body><nav>Home | News</nav><article><p>{STORY}</p></article></body></html>"
    lines = "\n".join(json.dumps({"text": STORY, "outlet": f"O{i}"}) for i in range(2))
    corpus, _ = read_sources(
        [SourceText("p.html", page, "html"), SourceText("f.jsonl", lines, "jsonl")],
        None,
        max_bytes=LIMIT,
    )
    assert [a.id for a in corpus.articles] == ["p", "f-1", "f-2"]
    assert "Home | News" not in corpus.articles[0].text
    assert [a.outlet for a in corpus.articles[1:]] == ["O0", "O1"]


def test_uploaded_bytes_are_decoded_as_files_are() -> None:
    sources = [
        SourceText("utf16.txt", STORY.encode("utf-16"), "text"),
        SourceText("binary.txt", b"\x00\x01\x02" * 50, "text"),
        SourceText("notes.docx", b"PK", ""),
    ]
    corpus, _ = read_sources(sources, None, max_bytes=LIMIT)
    assert [a.id for a in corpus.articles] == ["utf16"]
    reasons = {s.source: s.reason for s in corpus.skipped}
    assert "binary" in reasons["binary.txt"] and "unsupported file type" in reasons["notes.docx"]
    assert any("UTF-16" in w.reason for w in corpus.warnings)


def test_an_article_over_the_size_limit_is_skipped() -> None:
    corpus, _ = read_sources(
        [SourceText("big", STORY * 10), SourceText("ok", STORY)], None, max_bytes=500
    )
    assert [a.id for a in corpus.articles] == ["ok"]
    assert "over the server's limit of 500" in corpus.skipped[0].reason


def test_lone_surrogates_are_replaced_with_a_warning() -> None:
    corpus, _ = read_sources([SourceText("s", STORY + " \ud800")], None, max_bytes=LIMIT)
    assert "\ud800" not in corpus.articles[0].text
    assert "surrogates" in corpus.warnings[0].reason


def test_draft_is_found_by_id_even_when_a_source_took_its_name() -> None:
    corpus, draft = read_sources(
        [SourceText("draft", STORY)], SourceText("draft", STORY), max_bytes=LIMIT
    )
    assert draft == "draft-2" and [a.id for a in corpus.articles] == ["draft", "draft-2"]


@pytest.mark.parametrize(
    ("draft", "why"),
    [
        (SourceText("d", "   "), "empty"),
        (
            SourceText(
                "d.jsonl", "\n".join(json.dumps({"text": STORY}) for _ in range(2)), "jsonl"
            ),
            "holds 2 articles",
        ),
    ],
)
def test_a_draft_that_is_not_one_article_is_refused(draft: SourceText, why: str) -> None:
    with pytest.raises(ServeError, match=why) as caught:
        read_sources([SourceText("s", STORY)], draft, max_bytes=LIMIT)
    assert caught.value.code == "draft_unreadable"


def test_repeated_names_are_numbered() -> None:
    names = [
        s.name
        for s in unique_names([SourceText("a", ""), SourceText("a", ""), SourceText("a (2)", "")])
    ]
    assert names == ["a", "a (2)", "a (2) (2)"]
