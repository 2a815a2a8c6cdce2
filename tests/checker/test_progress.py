"""Progress of a long run, and a run stopped with Ctrl-C: no report written, a usable cache."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from checker.cli import EXIT_INTERRUPTED, main
from checker.config import Config
from checker.nli.cache import VerdictCache
from checker.nli.labels import NLIScores
from checker.progress import LogProgress, advance
from checker.run import run_check

from .conftest import NOW, ROOT
from .test_cache import CountingNLI

EXAMPLES = ROOT / "examples"


@dataclass
class Recorder:
    """A counting progress reporter that remembers every call."""

    stages: list[str] = field(default_factory=list)
    counts: list[tuple[str, int, int]] = field(default_factory=list)

    def __call__(self, stage: str) -> None:
        self.stages.append(stage)

    def update(self, done: int, total: int) -> None:
        self.counts.append((self.stages[-1], done, total))


def test_log_progress_writes_a_line_per_stage_and_per_tenth() -> None:
    lines: list[str] = []
    progress = LogProgress(every=0.0, emit=lines.append)
    progress("judging 40 pairs")
    for done in range(1, 41):
        progress.update(done, 40)
    assert lines[0] == "selaras: judging 40 pairs"
    assert [line.split(": ")[-1].split(" ")[0] for line in lines[1:]] == [
        f"{4 * k}/40" for k in range(1, 11)
    ]


def test_log_progress_is_quiet_between_lines_when_updates_come_fast() -> None:
    lines: list[str] = []
    progress = LogProgress(every=3600.0, emit=lines.append)
    progress("pairing")
    for done in range(1, 100):
        progress.update(done, 100)
    progress.update(100, 100)  # the end of a stage is always written
    assert lines == ["selaras: pairing", lines[-1]]
    assert "100/100" in lines[-1]


def test_advance_passes_a_plain_callable_by() -> None:
    stages: list[str] = []
    advance(stages.append, 1, 2)  # a str callable has no count: nothing happens
    assert stages == []


def test_a_run_reports_every_stage_and_counts_each_long_one_to_its_end() -> None:
    recorder = Recorder()
    report = run_check(
        [EXAMPLES], Config(), now=NOW, backend=CountingNLI(), progress=recorder, cache=None
    )
    names = [stage.split(" ")[0] for stage in recorder.stages]
    assert names == [
        "reading",
        "extracting",
        "grouping",
        "pairing",
        "judging",
        "comparing",
        "cross-checking",
    ]
    finals = {stage.split(" ")[0]: (done, total) for stage, done, total in recorder.counts}
    assert finals["extracting"] == (report.stats.articles, report.stats.articles)
    assert finals["comparing"] == (report.stats.pairs_judged, report.stats.pairs_judged)
    done, total = finals["judging"]
    assert done == total and report.stats.pairs_judged <= total <= 2 * report.stats.pairs_judged


def test_the_command_line_logs_stages_plainly_when_stderr_is_not_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("checker.run.load_backend", lambda path, **_: CountingNLI())
    code = main(["check", str(EXAMPLES), "--format", "json", "--fail-on", "never", "--no-cache"])
    assert code == 0
    err = capsys.readouterr().err
    assert "selaras: judging" in err
    assert "\r" not in err and "\x1b[" not in err  # no bar drawing in a log


@dataclass
class StopsOnThirdCall(CountingNLI):
    """The counting double, interrupted (as by Ctrl-C) on its third call to the model."""

    def predict(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 16) -> list[NLIScores]:
        if self.calls == 2:
            raise KeyboardInterrupt
        return super().predict(pairs, batch_size=batch_size)


def test_ctrl_c_writes_no_report_and_leaves_a_cache_the_next_run_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("checker.verdicts.CHUNK", 40)
    stopping = StopsOnThirdCall()
    monkeypatch.setattr("checker.run.load_backend", lambda path, **_: stopping)
    cache, out = tmp_path / "v.sqlite3", tmp_path / "report.json"
    argv = ["check", str(EXAMPLES), "-q", "--format", "json", "--fail-on", "never"]
    argv += ["--cache", str(cache), "--output", str(out)]

    assert main(argv) == EXIT_INTERRUPTED
    assert "interrupted" in capsys.readouterr().err
    assert not out.exists()
    assert list(tmp_path.glob("report*")) == []  # no half-written temporary file either
    with sqlite3.connect(cache) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert VerdictCache(cache).stats().rows == 80  # the two chunks judged before the stop

    resumed = CountingNLI()
    monkeypatch.setattr("checker.run.load_backend", lambda path, **_: resumed)
    assert main(argv) == 0
    assert out.is_file()
    assert not set(resumed.asked) & set(stopping.asked)  # what was judged is not judged again
