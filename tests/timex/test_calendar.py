from datetime import date

from warlog.timex import calendar


def test_periods_carry_their_timex3_values_and_days():
    assert calendar.week(date(2015, 11, 25)) == calendar.Period(
        "week", date(2015, 11, 23), date(2015, 11, 29), "2015-W48"
    )
    assert calendar.weekend(date(2015, 11, 25)).value == "2015-W48-WE"
    assert calendar.quarter(2015, 5).value == "2016-Q1"  # quarters past the fourth roll into the next year
    assert calendar.season(2015, "WI").last == date(2016, 2, 29)
    assert calendar.decade(1990).value == "199"
    assert calendar.century(20).value == "19"


def test_shifting_keeps_the_grain():
    assert calendar.shift(calendar.quarter(2015, 1), months=-3).value == "2014-Q4"
    assert calendar.shift(calendar.day(date(2016, 2, 29)), years=1).value == "2017-02-28"
    assert calendar.shift(calendar.year(2015), years=-1).value == "2014"


def test_holiday_rules_give_their_days():
    assert calendar.easter(2016) == date(2016, 3, 27)
    assert calendar.holiday_day("easter-2", 2016) == date(2016, 3, 25)  # Good Friday
    assert calendar.holiday_day("12-25", 2015) == date(2015, 12, 25)
    assert calendar.holiday_day("11/4/TH", 2015) == date(2015, 11, 26)  # fourth Thursday of November
    assert calendar.holiday_day("5/-1/MO", 2015) == date(2015, 5, 25)  # last Monday of May
    assert calendar.holiday_day("11/4/TH+1", 2015) == date(2015, 11, 27)


def test_weekday_steps_and_valid_days():
    assert calendar.latest_weekday_before(date(2015, 11, 25), 4) == date(2015, 11, 20)
    assert calendar.latest_weekday_before(date(2015, 11, 20), 4) == date(2015, 11, 20)
    assert calendar.next_weekday_after(date(2015, 11, 20), 4) == date(2015, 11, 27)
    assert calendar.valid(2016, 2, 29) and not calendar.valid(2015, 2, 29)
