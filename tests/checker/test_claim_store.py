"""Claims kept in the cache file by `selaras check`: a rerun extracts nothing, stats count them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker.claim_store import TABLE, ClaimStore, open_claim_store
from checker.cli import main
from checker.config import Config
from checker.run import run_check

from .conftest import NOW, ROOT
from .test_cache import CountingNLI

EXAMPLES = ROOT / "examples"


def test_a_rerun_with_the_cache_extracts_no_article_and_reports_the_same(
    tmp_path: Path, extractions: list[str]
) -> None:
    cache = tmp_path / "cache.sqlite3"
    first = run_check([EXAMPLES], Config(), now=NOW, backend=CountingNLI(), cache=cache)
    assert len(extractions) >= first.stats.articles
    extractions.clear()
    second = run_check([EXAMPLES], Config(), now=NOW, backend=CountingNLI(), cache=cache)
    assert extractions == []
    assert [f.fingerprint for f in second.findings] == [f.fingerprint for f in first.findings]
    assert second.corroboration == first.corroboration


def test_without_a_cache_nothing_is_kept(tmp_path: Path, extractions: list[str]) -> None:
    run_check([EXAMPLES], Config(), now=NOW, backend=CountingNLI(), cache=None)
    count = len(extractions)
    run_check([EXAMPLES], Config(), now=NOW, backend=CountingNLI(), cache=None)
    assert len(extractions) == 2 * count
    assert list(tmp_path.iterdir()) == []


def test_cache_stats_counts_the_articles_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("checker.run.load_backend", lambda path, **_: CountingNLI())
    cache = tmp_path / "c.sqlite3"
    argv = ["check", str(EXAMPLES), "-q", "--format", "json", "--fail-on", "never"]
    assert main([*argv, "--cache", str(cache)]) == 0
    capsys.readouterr()
    assert main(["cache", "stats", "--cache", str(cache)]) == 0
    out = capsys.readouterr().out
    kept = int(out.split("claim extractions: ")[1].split()[0])
    # one per article, and one more for each undated article re-read against its event's day
    assert 5 <= kept <= 10


def test_a_damaged_file_is_rebuilt_before_claims_are_kept_in_it(tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite3"
    cache.write_bytes(b"this is not a database" * 100)
    store = open_claim_store(cache)
    assert store is not None
    store.put_claims({b"k": b"[]"})
    assert store.get_claims([b"k", b"other"]) == {b"k": b"[]"}
    store.close()
    assert (tmp_path / "c.sqlite3.corrupt").is_file()


def test_a_database_error_mid_run_is_a_warning_and_a_miss(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "c.sqlite3"
    store = open_claim_store(cache)
    assert store is not None
    with sqlite3.connect(cache) as db:
        db.execute(f"DROP TABLE {TABLE}")
    assert store.get_claims([b"k"]) == {}
    assert "extracts without it" in caplog.text
    store.put_claims({b"k": b"[]"})  # after giving up, writes are skipped quietly
    assert ClaimStore(cache).get_claims([b"k"]) == {}
