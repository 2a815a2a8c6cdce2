"""A run-on "sentence" of a data dump is kept as a non-claim, not searched or checked."""

from __future__ import annotations

import time
from pathlib import Path

from claims.extract import MAX_CLAIM_CHARS, extract_corpus
from claims.ingest import read_inputs
from claims.shape import is_checkable

STORY = "Presiden Joko Widodo meresmikan bendungan di Kabupaten Bogor pada Senin (3/10/2022)."


def test_run_on_sentence_is_kept_as_too_long_and_cheap(tmp_path: Path) -> None:
    dump = " ".join(f"angka {n} pada Senin (3/10/2022) kata pejabat" for n in range(20_000))
    article = tmp_path / "dump.txt"
    article.write_text(f"{STORY}\n\n{dump}\n", encoding="utf-8")
    started = time.perf_counter()
    claims = extract_corpus(read_inputs([str(article)])).articles[0].claims
    assert time.perf_counter() - started < 30  # a 1,000,000-character sentence took minutes
    long = [c for c in claims if len(c.text) > MAX_CLAIM_CHARS]
    assert long and all(c.tags == ("too-long",) and not is_checkable(c) for c in long)
    assert all(not c.dates and not c.numbers for c in long)
    assert any(is_checkable(c) and "bendungan" in c.text for c in claims)
