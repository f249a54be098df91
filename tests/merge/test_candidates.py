"""warlog.merge.candidates: what the score reads of an event."""

from __future__ import annotations

from datetime import date

from warlog.merge.candidates import date_window


def test_date_windows_follow_acled_weeks_and_months():
    tuesday = date(2015, 11, 17)
    assert date_window(tuesday, 1) == (tuesday, tuesday)
    assert date_window(tuesday, 2) == (date(2015, 11, 14), date(2015, 11, 20))  # Saturday to Friday
    assert date_window(date(2016, 2, 15), 3) == (date(2016, 2, 1), date(2016, 2, 29))
    assert date_window(None, 1) == (None, None)
