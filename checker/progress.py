"""Progress of a long run: a bar per stage on a terminal, plain log lines elsewhere.

The pipeline reports two things: a stage starting (``progress("judging 17350 pairs")``) and,
inside the long stages, how far it has got (``advance(progress, done, total)``). Any callable
taking a string is a progress reporter (benchmarks time stages with one, the service checks
its deadline with one); :func:`advance` reaches only reporters that also count.

A CI log is not a terminal: there a bar would print thousands of carriage returns, so
:class:`LogProgress` writes one line per stage and one per tenth of a stage, at most every
few seconds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Protocol, runtime_checkable

log = logging.getLogger("selaras")

Progress = Callable[[str], None]


@runtime_checkable
class CountingProgress(Protocol):
    """A progress reporter that also follows the count within a stage."""

    def __call__(self, stage: str) -> None: ...

    def update(self, done: int, total: int) -> None: ...


def advance(progress: Progress | None, done: int, total: int) -> None:
    """Tell ``progress`` that ``done`` of ``total`` items of the current stage are done."""
    if isinstance(progress, CountingProgress):
        progress.update(done, total)


class LogProgress:
    """Stage lines and, within a stage, a line per tenth done (at most one per ``every`` s)."""

    def __init__(self, *, every: float = 5.0, emit: Callable[[str], None] | None = None) -> None:
        self.every = every
        self.emit = emit or (lambda line: log.info("%s", line))
        self.stage = ""
        self.started = time.monotonic()
        self._last_tenth = 0
        self._last_line = 0.0

    def __call__(self, stage: str) -> None:
        self.stage = stage
        self.started = self._last_line = time.monotonic()
        self._last_tenth = 0
        self.emit(f"selaras: {stage}")

    def update(self, done: int, total: int) -> None:
        if total <= 0:
            return
        tenth = 10 * done // total
        now = time.monotonic()
        if tenth > self._last_tenth and (done >= total or now - self._last_line >= self.every):
            self._last_tenth, self._last_line = tenth, now
            elapsed = now - self.started
            self.emit(f"selaras: {self.stage}: {done}/{total} ({elapsed:.0f} s)")


class BarProgress:
    """One rich progress bar per stage on stderr; a stage with no count shows as a spinner
    line that is ticked off when the next stage starts."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import Progress as Bars
        from rich.table import Column

        self._bars = Bars(
            SpinnerColumn(finished_text="✓"),
            TextColumn(
                "{task.description}",
                table_column=Column(ratio=1, no_wrap=True, overflow="ellipsis"),
            ),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
            expand=True,
        )
        self._task: Any = None

    def __enter__(self) -> BarProgress:
        self._bars.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._finish()
        self._bars.stop()

    def __call__(self, stage: str) -> None:
        self._finish()
        self._task = self._bars.add_task(f"selaras: {stage}", total=None)

    def update(self, done: int, total: int) -> None:
        if self._task is not None:
            self._bars.update(self._task, completed=done, total=total)

    def _finish(self) -> None:
        if self._task is None:
            return
        task = self._bars.tasks[self._task]
        total = task.total if task.total is not None else 1
        self._bars.update(self._task, total=total, completed=total)
        self._task = None
