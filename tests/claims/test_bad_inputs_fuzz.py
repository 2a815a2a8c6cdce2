"""Fuzzing ingestion and claim extraction with hostile input: random bytes in every format, lone
surrogates and control characters in every JSON Lines and front matter field, and in the text.

Invariants: no exception escapes ``read_inputs`` or ``extract_corpus``; a good article given
alongside is always read; every input (every JSON Lines line) is accounted for, read or
skipped; nothing ingestion hands on holds a lone surrogate; given metadata values are single
clean lines within their limits; a language is always a tag Selaras knows.

``SELARAS_FUZZ_EXAMPLES`` sets the number of examples per test (default 300; CI sets more).
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extract import extract_corpus
from claims.ingest import MAX_FIELD_CHARS, METADATA_KEYS, read_inputs
from claims.lang import UNIVERSAL, available_languages
from claims.types import Corpus

from .conftest import EXAMPLES, SEED_TODAY

GOOD = str(EXAMPLES / "000_ec27902bce71dca6.txt")
FUZZ = settings(
    max_examples=int(os.environ.get("SELARAS_FUZZ_EXAMPLES", "300")),
    deadline=None,
    database=None,  # no .hypothesis folder in the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HOSTILE = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\u2028\u2029\u202e\u200b\ufeff\ufffe"
PIECES = st.one_of(
    st.characters(),
    st.integers(0xD800, 0xDFFF).map(chr),  # lone surrogates
    st.sampled_from(HOSTILE),
    st.sampled_from(" .,:-\n\r\t\"'“”"),
    st.sampled_from(["Presiden", "Xi", "Jinping", "Rabu", "(15/6/2022)", "30", "persen", "kata"]),
)
TEXT = st.lists(PIECES, max_size=60).map("".join)
VALUE = st.one_of(
    TEXT,
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.lists(TEXT, max_size=3),
    st.dictionaries(TEXT, TEXT, max_size=2),
)
KEYS = st.one_of(st.sampled_from([*METADATA_KEYS, "text", "date", "source", "lang"]), TEXT)
FIELDS = st.dictionaries(KEYS, VALUE, max_size=8)
ONE_LINE_FIELDS = ("title", "outlet", "url", "dateline")
NOT_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
KNOWN_LANGUAGES = set(available_languages()) | {UNIVERSAL}


def _strings(corpus: Corpus) -> Iterator[str]:
    for a in corpus.articles:
        yield from (a.id, a.path, a.text, a.language)
        yield from (v for v in (a.title, a.outlet, a.url, a.dateline) if v is not None)
        yield from (t for p in a.provenance for t in (p.field, p.value, p.source))
    for entry in (*corpus.skipped, *corpus.warnings):
        yield from (entry.source, entry.reason)


def _check(corpus: Corpus) -> None:
    """The invariants every corpus keeps, whatever the input."""
    assert corpus.articles[0].path == GOOD
    for text in _strings(corpus):
        text.encode("utf-8")  # raises on a lone surrogate
    for article in corpus.articles:
        assert article.language.split("-")[0] in KNOWN_LANGUAGES, article.language
        for note in article.provenance:
            if note.field in ONE_LINE_FIELDS and not note.inferred:
                value = getattr(article, note.field)
                assert not NOT_ON_ONE_LINE.search(value) and value == value.strip()
                assert len(value) <= MAX_FIELD_CHARS[note.field]


def _accounted(corpus: Corpus, source: str) -> bool:
    read = any(a.path == source or a.path.startswith(source + ":") for a in corpus.articles)
    return read or any(s.source == source for s in corpus.skipped)


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_random_bytes_in_any_format_are_read_or_skipped(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "acak" + suffix)
        path.write_bytes(data)
        corpus = read_inputs([GOOD, str(path)], today=SEED_TODAY)
    _check(corpus)
    assert _accounted(corpus, str(path))


@FUZZ
@given(data=st.binary(max_size=4000) | TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_random_bytes_on_stdin_are_read_or_skipped(data: bytes) -> None:
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    corpus = read_inputs([GOOD, "-"], stdin=stream, today=SEED_TODAY)
    _check(corpus)
    assert _accounted(corpus, "<stdin>")


# Any line that is not a record: no line breaks, and UTF-8 (files with lone surrogates are fuzzed
# as bytes above), so that the file's lines are exactly these.
RAW_LINE = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\n\r"), max_size=80)


@FUZZ
@given(lines=st.lists(FIELDS.map(json.dumps) | RAW_LINE, min_size=1, max_size=6))
def test_jsonl_hostile_records_are_each_read_or_skipped_by_line(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "umpan.jsonl")
        path.write_text("\n".join(lines), encoding="utf-8")
        corpus = read_inputs([GOOD, str(path)], today=SEED_TODAY)
    _check(corpus)
    if any(s.source == str(path) and s.line is None for s in corpus.skipped):
        return  # refused whole (binary, empty), with a reason
    read = {int(a.path.rsplit(":", 1)[1]) for a in corpus.articles[1:]}
    skipped = {s.line for s in corpus.skipped if s.source == str(path)}
    assert read | skipped == {n for n, line in enumerate(lines, 1) if line.strip()}


def _front_matter(fields: dict[str, Any], raw: bool) -> str:
    """Fields as YAML: JSON-quoted values (which YAML reads, escapes included) or raw text."""
    lines = [f"{json.dumps(str(k))}: {str(v) if raw else json.dumps(v)}" for k, v in fields.items()]
    return "---\n" + "\n".join(line.replace("\n", " ") for line in lines) + "\n---\n"


@FUZZ
@given(fields=FIELDS, raw=st.booleans(), body=TEXT)
def test_front_matter_hostile_fields_on_stdin_are_read_or_skipped(
    fields: dict[str, Any], raw: bool, body: str
) -> None:
    document = _front_matter(fields, raw) + body
    corpus = read_inputs([GOOD, "-"], stdin=io.StringIO(document), today=SEED_TODAY)
    _check(corpus)
    assert _accounted(corpus, "<stdin>")


@FUZZ
@given(fields=FIELDS, body=TEXT)
def test_front_matter_hostile_fields_in_files_are_read_or_skipped(
    fields: dict[str, Any], body: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "berita.md")
        path.write_bytes((_front_matter(fields, False) + body).encode("utf-8", "surrogatepass"))
        corpus = read_inputs([GOOD, str(path)], today=SEED_TODAY)
    _check(corpus)
    assert _accounted(corpus, str(path))


SENTENCES = st.lists(
    st.one_of(
        TEXT,
        st.sampled_from(
            [
                "Presiden Xi Jinping pada Rabu (15/6/2022) mengatakan 30 persen warga setuju.",
                '"Kami siap," kata Menteri Luar Negeri Wang Yi kepada CCTV, Jumat (30/12).',
                "BEIJING, KOMPAS.com - Harga naik Rp 1,5 triliun atau 12,5% pada 2022.",
            ]
        ),
    ),
    max_size=8,
)


@FUZZ
@given(sentences=SENTENCES, fields=FIELDS)
def test_claim_extraction_survives_fuzzed_articles(
    sentences: list[str], fields: dict[str, Any]
) -> None:
    record = {**fields, "text": " ".join(sentences) or "x"}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "umpan.jsonl")
        path.write_text(json.dumps(record), encoding="utf-8")
        corpus = read_inputs([GOOD, str(path)], today=SEED_TODAY)
    _check(corpus)
    extraction = extract_corpus(corpus)
    crashes = [s for s in extraction.skipped if "internal error" in s.reason]
    assert not crashes, crashes
    for claim in extraction.claims:
        claim.text.encode("utf-8")
