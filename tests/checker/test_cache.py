"""The verdict cache: a rerun judges only what is new, and a bad cache is rebuilt, never trusted."""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import sqlite3
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from checker.cli import main
from checker.nli.cache import (
    CACHE_ENV,
    SCHEMA_VERSION,
    CachedBackend,
    VerdictCache,
    cache_key,
    default_cache_path,
    open_cache,
    with_cache,
)
from checker.nli.labels import NLIScores
from tests.checker.builders import EXAMPLES, ScriptedNLI


def scores_for(premise: str, hypothesis: str) -> NLIScores:
    """Scores that differ from pair to pair (so a mixed-up row would show), summing to 1."""
    digest = hashlib.sha256(f"{premise}\x00{hypothesis}".encode()).digest()
    a, b, c = (digest[i] + 1 for i in range(3))
    return NLIScores(a / (a + b + c), b / (a + b + c), c / (a + b + c))


@dataclass
class CountingNLI:
    """TEST DOUBLE for the NLIBackend protocol, with a stable key, recording what it is asked."""

    cache_key: str = "test double v1"
    name: str = "test double: counting NLI (not a model)"
    asked: list[tuple[str, str]] = field(default_factory=list)
    calls: int = 0

    def predict(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 16) -> list[NLIScores]:
        self.calls += 1
        self.asked.extend(pairs)
        return [scores_for(premise, hypothesis) for premise, hypothesis in pairs]


PAIRS = [
    ("Gempa terjadi pada Senin.", "Gempa terjadi pada Selasa."),
    ("Korban tewas 12 orang.", "Korban tewas 21 orang."),
    ("Presiden tiba di Jakarta.", "Presiden tiba di Surabaya."),
]


def cached(path: Path, backend: CountingNLI) -> CachedBackend:
    wrapped = with_cache(backend, path)
    assert isinstance(wrapped, CachedBackend)
    return wrapped


def expected(pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
    return [scores_for(p, h) for p, h in pairs]


def test_a_second_run_judges_nothing(tmp_path: Path) -> None:
    path = tmp_path / "v.sqlite3"
    first = CountingNLI()
    assert cached(path, first).predict(PAIRS) == expected(PAIRS)
    assert first.asked == PAIRS

    second = CountingNLI()
    again = cached(path, second)
    assert again.predict(PAIRS) == expected(PAIRS)
    assert second.calls == 0
    assert (again.hits, again.misses) == (3, 0)


def test_only_misses_are_judged_in_one_call_and_results_keep_input_order(tmp_path: Path) -> None:
    path = tmp_path / "v.sqlite3"
    cached(path, CountingNLI()).predict(PAIRS[:1])
    backend = CountingNLI()
    mixed = [PAIRS[2], PAIRS[0], PAIRS[1], PAIRS[2]]
    assert cached(path, backend).predict(mixed) == expected(mixed)
    assert backend.calls == 1
    assert sorted(backend.asked) == sorted([PAIRS[1], PAIRS[2]])  # the duplicate asked once


def test_changed_text_is_judged_again_but_whitespace_and_nfc_are_not_changes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v.sqlite3"
    cached(path, CountingNLI()).predict([("Kafé  dibuka\tpagi.", "Kafé tutup.")])
    backend = CountingNLI()
    same = ("Kafe\u0301 dibuka pagi. ", "Kafé tutup.")  # decomposed é, other spacing
    changed = ("Kafé dibuka sore.", "Kafé tutup.")
    result = cached(path, backend).predict([same, changed])
    assert backend.asked == [changed]
    assert result[1] == scores_for(*changed)


def test_a_different_model_key_shares_nothing(tmp_path: Path) -> None:
    path = tmp_path / "v.sqlite3"
    cached(path, CountingNLI(cache_key="model A")).predict(PAIRS)
    other = CountingNLI(cache_key="model B")
    cached(path, other).predict(PAIRS)
    assert other.asked == PAIRS


def test_a_backend_without_a_stable_key_is_not_cached(tmp_path: Path) -> None:
    backend = ScriptedNLI()
    assert cache_key(backend) is None
    assert with_cache(backend, tmp_path / "v.sqlite3") is backend
    assert not (tmp_path / "v.sqlite3").exists()


def test_the_embedded_key_changes_with_weights_and_temperature() -> None:
    @dataclass
    class Config:
        weights_sha256: str = "w1"
        base_sha256: str = "b1"
        max_length: int = 256

    @dataclass
    class Embedded:
        config: Config
        temperature: float = 1.0
        name: str = "e5"
        directory: Path = Path("model")

    base = cache_key(Embedded(Config()))  # type: ignore[arg-type]
    assert base is not None
    assert cache_key(Embedded(Config(weights_sha256="w2"))) != base  # type: ignore[arg-type]
    assert cache_key(Embedded(Config(), temperature=1.5)) != base  # type: ignore[arg-type]
    assert cache_key(Embedded(Config(), name="e5 int8")) != base  # type: ignore[arg-type]
    in_memory = Embedded(Config(), directory=Path("<in memory>"))
    assert cache_key(in_memory) is None  # type: ignore[arg-type]


def test_a_corrupt_file_is_rebuilt_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "v.sqlite3"
    path.write_bytes(bytes(range(256)) * 64)
    backend = CountingNLI()
    with caplog.at_level(logging.WARNING):
        result = cached(path, backend).predict(PAIRS)
    assert result == expected(PAIRS)
    assert backend.asked == PAIRS
    assert any(str(path) in r.getMessage() for r in caplog.records)
    assert (tmp_path / "v.sqlite3.corrupt").exists()
    assert cached(path, CountingNLI()).predict(PAIRS) == expected(PAIRS)  # now a real cache


def test_a_foreign_schema_version_is_rebuilt_not_trusted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "v.sqlite3"
    cached(path, CountingNLI()).predict(PAIRS)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
        db.execute("UPDATE verdicts SET entailment = 0.0, neutral = 0.0, contradiction = 1.0")
    backend = CountingNLI()
    with caplog.at_level(logging.WARNING):
        result = cached(path, backend).predict(PAIRS)
    assert result == expected(PAIRS)
    assert backend.asked == PAIRS
    assert any("999" in r.getMessage() and str(path) in r.getMessage() for r in caplog.records)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta").fetchone() == (SCHEMA_VERSION,)


def test_another_sqlite_database_is_not_taken_for_a_cache(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    backend = CountingNLI()
    assert cached(path, backend).predict(PAIRS) == expected(PAIRS)
    assert backend.asked == PAIRS
    assert (tmp_path / "other.sqlite3.corrupt").exists()


def _worker(path: str, offset: int, out: str) -> None:
    """One process: judges overlapping pairs in several rounds, writes what it got."""
    pairs = [(f"premis {i}", f"hipotesis {i}") for i in range(offset, offset + 300)]
    backend = CountingNLI()
    results: list[list[float]] = []
    wrapped = cached(Path(path), backend)
    for start in range(0, len(pairs), 25):
        for s in wrapped.predict(pairs[start : start + 25]):
            results.append([s.entailment, s.neutral, s.contradiction])
    Path(out).write_text(json.dumps({"results": results, "judged": len(backend.asked)}))


def test_two_processes_sharing_a_cache_both_get_correct_results(tmp_path: Path) -> None:
    path = tmp_path / "v.sqlite3"
    context = multiprocessing.get_context("fork")
    runs = [(0, tmp_path / "a.json"), (150, tmp_path / "b.json")]  # 150 pairs in common
    workers = [context.Process(target=_worker, args=(str(path), o, str(f))) for o, f in runs]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    judged = 0
    for offset, out in runs:
        got = json.loads(out.read_text())
        pairs = [(f"premis {i}", f"hipotesis {i}") for i in range(offset, offset + 300)]
        want = [[s.entailment, s.neutral, s.contradiction] for s in expected(pairs)]
        assert got["results"] == want
        judged += got["judged"]
    assert 450 <= judged <= 600
    stats = VerdictCache(path).stats()
    assert stats.rows == 450


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> CountingNLI:
    """`selaras check` with the counting double in place of the model (no model loads)."""
    backend = CountingNLI()
    monkeypatch.setattr("checker.run.load_backend", lambda path, **_: backend)
    return backend


def check(*extra: str) -> int:
    return main(["check", str(EXAMPLES), "--format", "json", "-q", "--fail-on", "never", *extra])


def test_cli_caches_then_stats_then_clear(
    tmp_path: Path, fake_model: CountingNLI, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c" / "v.sqlite3"
    assert check("--cache", str(path)) == 0
    judged = len(fake_model.asked)
    assert judged > 0
    assert check("--cache", str(path)) == 0
    assert len(fake_model.asked) == judged  # the rerun judged nothing
    capsys.readouterr()

    assert main(["cache", "stats", "--cache", str(path)]) == 0
    out = capsys.readouterr().out
    assert str(path) in out
    assert f"rows: {judged:,}" in out
    assert "test double v1" in out

    assert main(["cache", "clear", "--cache", str(path)]) == 0
    assert not path.exists()
    assert check("--cache", str(path)) == 0
    assert len(fake_model.asked) == 2 * judged


def test_the_default_cache_follows_the_environment(
    tmp_path: Path, fake_model: CountingNLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "env.sqlite3"))
    assert default_cache_path() == tmp_path / "env.sqlite3"
    assert check() == 0
    assert (tmp_path / "env.sqlite3").exists()
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_path() == tmp_path / "xdg" / "selaras" / "verdicts.sqlite3"


def test_no_cache_writes_nothing(
    tmp_path: Path, fake_model: CountingNLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "env.sqlite3"))
    assert check("--no-cache") == 0
    assert check("--no-cache") == 0
    assert fake_model.calls == 2
    assert list(tmp_path.iterdir()) == []


def test_an_unusable_cache_folder_warns_and_the_run_succeeds(
    tmp_path: Path,
    fake_model: CountingNLI,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    path = blocker / "sub" / "v.sqlite3"  # cannot be created, even as root
    assert check("--cache", str(path)) == 0
    assert json.loads(capsys.readouterr().out)["findings"] is not None
    assert fake_model.calls > 0
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert str(path) in warnings[0]


@pytest.mark.parametrize("command", ["stats", "clear"])
def test_a_device_is_never_taken_for_a_cache(command: str, tmp_path: Path) -> None:
    """`--cache /dev/null` is a natural way to ask for no cache; run as root, moving aside or
    deleting it as a damaged cache would replace the device."""
    before = os.stat("/dev/null").st_mode
    assert open_cache(Path("/dev/null")) is None
    assert main(["cache", command, "--cache", "/dev/null"]) == 2
    assert main(["cache", command, "--cache", str(tmp_path)]) == 2  # a folder, neither
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and os.stat("/dev/null").st_mode == before
