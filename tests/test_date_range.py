from datetime import date

import pytest

from warlog.date_range import DAYS_AHEAD_ENV, FIRST_DATE_ENV, valid_dates


def test_default_range_runs_from_1900_to_just_after_today():
    dates = valid_dates(today=date(2026, 1, 10))
    assert (dates.first, dates.last) == (date(1900, 1, 1), date(2026, 1, 12))
    assert date(2026, 1, 12) in dates and date(2026, 1, 13) not in dates
    assert (
        dates.problem(date(9999, 12, 31))
        == "9999-12-31 lies outside the dates warlog accepts (1900-01-01 to 2026-01-12)"
    )
    assert dates.problem(date(1950, 5, 1)) is None


def test_the_environment_sets_both_ends(monkeypatch):
    monkeypatch.setenv(FIRST_DATE_ENV, "1989-01-01")
    monkeypatch.setenv(DAYS_AHEAD_ENV, "0")
    dates = valid_dates(today=date(2026, 1, 10))
    assert (dates.first, dates.last) == (date(1989, 1, 1), date(2026, 1, 10))


@pytest.mark.parametrize(("name", "value"), [(FIRST_DATE_ENV, "1900"), (DAYS_AHEAD_ENV, "-3"), (DAYS_AHEAD_ENV, "999")])
def test_a_wrong_setting_names_the_variable(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name):
        valid_dates()
