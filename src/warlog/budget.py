"""A time budget per report, so that one long or crafted report cannot stall a batch or the server.

The budget is CPU time, not wall-clock time, so that a busy machine does not reject reports it is merely
slow to reach: `seconds_per_10k_chars` for every 10,000 characters, a report of fewer counting as
10,000. In a process's main thread a SIGPROF timer (the process's CPU time) interrupts the report
wherever it is, a regular expression's backtracking included (the `re` engine checks for signals as it
runs); elsewhere (the server's worker threads) the thread's CPU time is checked between stages.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

ENVIRONMENT_VARIABLE = "WARLOG_TIME_BUDGET"
DEFAULT_SECONDS_PER_10K_CHARS = 3.0


class OverBudget(Exception):
    """A report took longer than its time budget."""


@dataclass(frozen=True, slots=True)
class Deadline:
    seconds: float
    started: float

    def check(self) -> None:
        if time.thread_time() - self.started > self.seconds:
            raise OverBudget


@dataclass(frozen=True, slots=True)
class TimeBudget:
    """`seconds_per_10k_chars` 0 means no budget."""

    seconds_per_10k_chars: float = DEFAULT_SECONDS_PER_10K_CHARS

    @classmethod
    def from_environment(cls) -> TimeBudget:
        """The budget $WARLOG_TIME_BUDGET sets (seconds per 10,000 characters), else the default."""
        value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
        if not value:
            return cls()
        try:
            seconds = float(value)
        except ValueError:
            raise ValueError(f"${ENVIRONMENT_VARIABLE} must be seconds per 10,000 characters, not {value!r}") from None
        return cls(seconds_per_10k_chars=seconds)

    @property
    def unlimited(self) -> bool:
        return self.seconds_per_10k_chars <= 0

    def seconds_for(self, text: str) -> float:
        return self.seconds_per_10k_chars * max(1.0, len(text) / 10_000)

    @contextmanager
    def deadline(self, text: str) -> Iterator[Deadline | None]:
        """Raises OverBudget when the block runs past the text's budget (checked by `Deadline.check`
        off the main thread); yields None when there is no budget."""
        if self.unlimited:
            yield None
            return
        deadline = Deadline(self.seconds_for(text), time.thread_time())
        if threading.current_thread() is not threading.main_thread():
            yield deadline
            deadline.check()
            return

        def expire(_signal: int, _frame: object) -> None:
            raise OverBudget

        previous = signal.signal(signal.SIGPROF, expire)
        signal.setitimer(signal.ITIMER_PROF, deadline.seconds)
        try:
            yield deadline
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)
