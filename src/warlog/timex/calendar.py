"""The calendar a temporal expression points into: periods (a day to a century) with their TIMEX3
values, calendar arithmetic, and the days holidays fall on."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

GRAIN_SIZE = {"day": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5}
GRAINS_WITH_DAYS = ("day", "week", "weekend", "month", "quarter", "half", "season", "year")


@dataclass(frozen=True, slots=True)
class Period:
    """The stretch of calendar an expression points at: its TIMEX3 value and first/last days."""

    grain: str  # day, week, weekend, month, quarter, half, season, year, decade, century
    first: date
    last: date
    value: str


def day(d: date) -> Period:
    return Period("day", d, d, d.isoformat())


def week(any_day: date) -> Period:
    monday = any_day - timedelta(days=any_day.weekday())
    iso_year, iso_week, _ = monday.isocalendar()
    return Period("week", monday, monday + timedelta(days=6), f"{iso_year:04d}-W{iso_week:02d}")


def weekend(any_day: date) -> Period:
    whole_week = week(any_day)
    saturday = whole_week.first + timedelta(days=5)
    return Period("weekend", saturday, whole_week.last, f"{whole_week.value}-WE")


def month(year: int, month: int) -> Period:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return Period("month", date(year, month, 1), date(year, month, last), f"{year:04d}-{month:02d}")


def quarter(year: int, quarter: int) -> Period:
    year, quarter = year + (quarter - 1) // 4, (quarter - 1) % 4 + 1
    first = month(year, 3 * quarter - 2).first
    return Period("quarter", first, month(year, 3 * quarter).last, f"{year:04d}-Q{quarter}")


def half(year: int, half: int) -> Period:
    return Period("half", date(year, 6 * half - 5, 1), month(year, 6 * half).last, f"{year:04d}-H{half}")


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # meteorological seasons


def season(year: int, code: str) -> Period:
    first_month, last_month = _SEASON_MONTHS[code]
    return Period("season", month(year, first_month).first, month(year, last_month).last, f"{year:04d}-{code}")


def year(year: int) -> Period:
    return Period("year", date(year, 1, 1), date(year, 12, 31), f"{year:04d}")


def decade(first_year: int) -> Period:
    return Period("decade", date(first_year, 1, 1), date(first_year + 9, 12, 31), f"{first_year // 10:03d}")


def century(number: int) -> Period:
    first_year = 100 * (number - 1)
    return Period("century", date(max(first_year, 1), 1, 1), date(first_year + 99, 12, 31), f"{number - 1:02d}")


def shift(period: Period, years: int = 0, months: int = 0, days: int = 0) -> Period:
    """The period of the same grain moved by a calendar offset."""
    if period.grain in ("day", "week", "weekend"):
        moved = period.first + timedelta(days=days)
        if years or months:
            moved = add_months(moved, 12 * years + months)
        return {"day": day, "week": week, "weekend": weekend}[period.grain](moved)
    total_months = 12 * years + months
    if period.grain == "month":
        return month(period.first.year, period.first.month + total_months)
    if period.grain == "quarter":
        return quarter(period.first.year, (period.first.month + 2) // 3 + total_months // 3)
    if period.grain == "season":
        return season(period.first.year + years, period.value[-2:])
    if period.grain == "half":
        return half(period.first.year + years, 1 if period.first.month < 7 else 2)
    return year(period.first.year + total_months // 12)


def add_months(d: date, months: int) -> date:
    year, month = d.year + (d.month - 1 + months) // 12, (d.month - 1 + months) % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday_offset) // 433
    month = (h + weekday_offset - 7 * m + 90) // 25
    return date(year, month, (h + weekday_offset - 7 * m + 33 * month + 19) % 32)


_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def holiday_day(rule: str, year: int) -> date:
    """The day a holiday rule of `data/timex/holidays.tsv` gives in a year."""
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[6:]))
    if "/" not in rule:
        month_text, day_text = rule.split("-")
        return date(year, int(month_text), int(day_text))
    month_text, nth, rest = rule.split("/")
    weekday, _, days_after = rest.partition("+")
    weekday_number = _WEEKDAY_CODES.index(weekday)
    if int(nth) > 0:
        first = date(year, int(month_text), 1)
        found = first + timedelta(days=(weekday_number - first.weekday()) % 7 + 7 * (int(nth) - 1))
    else:
        last = month(year, int(month_text)).last
        found = last - timedelta(days=(last.weekday() - weekday_number) % 7)
    return found + timedelta(days=int(days_after or 0))


def valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def latest_weekday_before(d: date, weekday: int) -> date:
    """The latest day on or before `d` that falls on `weekday`."""
    return d - timedelta(days=(d.weekday() - weekday) % 7)


def next_weekday_after(d: date, weekday: int) -> date:
    """The first day strictly after `d` that falls on `weekday`."""
    return d + timedelta(days=(weekday - d.weekday() - 1) % 7 + 1)
