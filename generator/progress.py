"""Progress of long builds: a rich progress bar in a terminal, plain lines in CI and logs."""
from __future__ import annotations

import os
import sys
import time
from typing import Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class Reporter(Protocol):
    """What the pipeline tells about itself: how many steps, and each step as it ends."""

    def start(self, total: int) -> None: ...
    def advance(self, label: str) -> None: ...
    def close(self) -> None: ...


class Silent:
    """For library use and tests: says nothing."""

    def start(self, total: int) -> None:
        pass

    def advance(self, label: str) -> None:
        pass

    def close(self) -> None:
        pass


class Lines:
    """One line per step with the seconds since the start: readable in CI logs."""

    def __init__(self) -> None:
        self.began = time.perf_counter()

    def start(self, total: int) -> None:
        self.total, self.done = total, 0

    def advance(self, label: str) -> None:
        self.done += 1
        print(f"kb: [{self.done}/{self.total}] {label} ({time.perf_counter() - self.began:.1f} s)",
              file=sys.stderr, flush=True)

    def close(self) -> None:
        pass


class Bar:
    """A rich progress bar on standard error, for people at a terminal."""

    def __init__(self) -> None:
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task("loading", total=None)
        self.bar.start()

    def start(self, total: int) -> None:
        self.bar.update(self.task, total=total)

    def advance(self, label: str) -> None:
        self.bar.update(self.task, advance=1, description=label)

    def close(self) -> None:
        self.bar.stop()


def reporter() -> Reporter:
    """A bar when standard error is an interactive terminal, else plain lines (CI sets CI=true)."""
    return Bar() if sys.stderr.isatty() and not os.environ.get("CI") else Lines()
