"""What one temporal expression says, as a reader reads it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from warlog.timex import calendar


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


@dataclass(slots=True)
class Reading:
    """What one expression says: a period (with a modifier) or a reference value."""

    period: calendar.Period | None = None
    value: str | None = None  # for references and unresolved expressions
    modifier: str | None = None  # start, mid, end
    part: str | None = None  # TIMEX3 time of day: MO, AF, EV, NI, or a clock time HH:MM
    approximate: bool = False
    comparison: bool = False  # "a year earlier", a forecast: compared with, not what the story is about
