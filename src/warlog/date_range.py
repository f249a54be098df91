"""The one range of dates warlog accepts for an event, a publication or a correction.

A date outside it is a typing slip or a hostile input ("9999-12-31"), never a conflict event: from
1900 to a few days after today (a report published in a time zone ahead of the server's may carry
tomorrow's date). Both ends can be set in the environment: `WARLOG_FIRST_DATE` (YYYY-MM-DD) and
`WARLOG_DAYS_AHEAD` (whole days after today).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta

FIRST_DATE_ENV = "WARLOG_FIRST_DATE"
DAYS_AHEAD_ENV = "WARLOG_DAYS_AHEAD"
DEFAULT_FIRST = date(1900, 1, 1)
DEFAULT_DAYS_AHEAD = 2


@dataclass(frozen=True, slots=True)
class DateRange:
    first: date
    last: date

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last

    def problem(self, day: date) -> str | None:
        """Why `day` is refused, or None when it lies in the range."""
        if day in self:
            return None
        return f"{day.isoformat()} lies outside the dates warlog accepts ({self.first} to {self.last})"


def valid_dates(today: date | None = None) -> DateRange:
    """The range in force now; ValueError naming the variable when the environment sets it wrongly."""
    first_text = os.environ.get(FIRST_DATE_ENV, "")
    ahead_text = os.environ.get(DAYS_AHEAD_ENV, "")
    try:
        first = date.fromisoformat(first_text) if first_text else DEFAULT_FIRST
    except ValueError:
        raise ValueError(f"{FIRST_DATE_ENV}={first_text!r} is not a YYYY-MM-DD date") from None
    if ahead_text and not (ahead_text.isdigit() and int(ahead_text) <= 366):
        raise ValueError(f"{DAYS_AHEAD_ENV}={ahead_text!r} is not a number of days from 0 to 366")
    ahead = int(ahead_text) if ahead_text else DEFAULT_DAYS_AHEAD
    return DateRange(first, (today or date.today()) + timedelta(days=ahead))
