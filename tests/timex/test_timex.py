"""Temporal expressions: each family, with the publication weekday varied (Monday, Wednesday, Sunday)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from warlog.records import Analysis, Report
from warlog.timex import annotate, find_timexes

MONDAY = date(2015, 11, 23)
WEDNESDAY = date(2015, 11, 25)
SUNDAY = date(2015, 11, 29)


def value_of(text: str, phrase: str, published: date | None) -> str:
    """The value of the expression that covers `phrase` in `text`."""
    start = text.index(phrase)
    for timex in find_timexes(text, published):
        if timex.start <= start < timex.end:
            return timex.value
    raise AssertionError(f"no temporal expression found at {phrase!r} in {text!r}")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The attack took place on 16/11/2015 near the border.", "16/11/2015", "2015-11-16"),
        ("The attack took place on 11/28/2015 near the border.", "11/28/2015", "2015-11-28"),
        ("28-08-2016 Shelling kills 20 civilians in the north.", "28-08-2016", "2016-08-28"),
        ("09-07-2015 Shelling kills 20 civilians in the north.", "09-07-2015", "2015-07-09"),
        ("The attack took place on 2015-11-16 near the border.", "2015-11-16", "2015-11-16"),
        ("On 9 May 2020, protesters gathered.", "9 May 2020", "2020-05-09"),
        ("On May 9, 2020, protesters gathered.", "May 9, 2020", "2020-05-09"),
        ("On the 9th of May, 2020, protesters gathered.", "9th of May", "2020-05-09"),
        ("Troops were deployed in May 2019.", "May 2019", "2019-05"),
        ("Fighting resumed in 2013.", "2013", "2013"),
        ("The war of the 1990s left scars.", "1990s", "199"),
        ("The war of the nineties left scars.", "nineties", "199"),
        ("Its founding in nineteen ninety-six was quiet.", "nineteen ninety-six", "1996"),
        ("Plans for the year two thousand were made.", "the year two thousand", "2000"),
        ("It happened in January nineteen ninety-seven.", "January nineteen", "1997-01"),
        ("Profits in the third quarter of 2014 fell.", "third quarter", "2014-Q3"),
        ("Sales rose in Q1 2016.", "Q1 2016", "2016-Q1"),
        ("In the 20th century the town grew.", "20th century", "19"),
    ],
)
def test_explicit_dates_do_not_depend_on_the_publication_day(text, phrase, value):
    for published in (MONDAY, WEDNESDAY, SUNDAY, None):
        assert value_of(text, phrase, published) == value


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # A date without a year: the closest occurrence, the past side unless the future is much closer.
        ("Clashes broke out on Nov. 16 in the city.", "Nov. 16", ("2015-11-16", "2015-11-16", "2015-11-16")),
        ("The vote is due on Dec. 3 in the city.", "Dec. 3", ("2015-12-03", "2015-12-03", "2015-12-03")),
        ("Clashes broke out on 20 June in the city.", "20 June", ("2015-06-20", "2015-06-20", "2015-06-20")),
        # Weekdays: the latest one at or before publication...
        ("Gunmen attacked a checkpoint on Friday.", "Friday", ("2015-11-20", "2015-11-20", "2015-11-27")),
        ("Gunmen attacked a checkpoint on Wednesday.", "Wednesday", ("2015-11-18", "2015-11-25", "2015-11-25")),
        ("Gunmen attacked in the early hours of Friday.", "Friday", ("2015-11-20", "2015-11-20", "2015-11-27")),
        # ... unless the clause speaks of the future.
        ("The council will meet on Friday.", "Friday", ("2015-11-27", "2015-11-27", "2015-12-04")),
        # "last Friday" is Friday of last week, but at a weekend this week's Friday is already past.
        ("Gunmen attacked a checkpoint last Friday.", "last Friday", ("2015-11-20", "2015-11-20", "2015-11-27")),
        ("Gunmen attacked a checkpoint last Monday.", "last Monday", ("2015-11-16", "2015-11-16", "2015-11-23")),
        ("Talks open next Monday.", "next Monday", ("2015-11-30", "2015-11-30", "2015-11-30")),
        # Days named from the publication day.
        ("Gunmen attacked a checkpoint yesterday.", "yesterday", ("2015-11-22", "2015-11-24", "2015-11-28")),
        ("Protesters gathered today.", "today", ("2015-11-23", "2015-11-25", "2015-11-29")),
        ("Protesters will gather tonight.", "tonight", ("2015-11-23TNI", "2015-11-25TNI", "2015-11-29TNI")),
        ("Shelling hit the town last night.", "last night", ("2015-11-22TNI", "2015-11-24TNI", "2015-11-28TNI")),
        ("Shelling hit the town overnight.", "overnight", ("2015-11-22TNI", "2015-11-24TNI", "2015-11-28TNI")),
        ("Talks resume tomorrow.", "tomorrow", ("2015-11-24", "2015-11-26", "2015-11-30")),
        # Weeks, in ISO weeks (Monday to Sunday).
        ("The town fell last week.", "last week", ("2015-W47", "2015-W47", "2015-W47")),
        ("The town fell this week.", "this week", ("2015-W48", "2015-W48", "2015-W48")),
        ("Talks resume next week.", "next week", ("2015-W49", "2015-W49", "2015-W49")),
        ("Fighting flared over the weekend.", "the weekend", ("2015-W47-WE", "2015-W47-WE", "2015-W48-WE")),
        # Months, seasons, quarters and years.
        ("Fighting flared earlier this month.", "earlier this month", ("2015-11", "2015-11", "2015-11")),
        ("Fighting flared last month.", "last month", ("2015-10", "2015-10", "2015-10")),
        ("Fighting flared in late October.", "late October", ("2015-10", "2015-10", "2015-10")),
        ("Fighting flared in March.", "March", ("2015-03", "2015-03", "2015-03")),
        ("Elections are expected in March.", "March", ("2016-03", "2016-03", "2016-03")),
        ("The ship has been at sea since December.", "December", ("2014-12", "2014-12", "2014-12")),
        ("Dealers bought stock for December delivery.", "December", ("2015-12", "2015-12", "2015-12")),
        ("Fighting flared last spring.", "last spring", ("2014-SP", "2014-SP", "2014-SP")),
        ("Fighting flared this summer.", "this summer", ("2015-SU", "2015-SU", "2015-SU")),
        ("Profits fell in the third quarter.", "the third quarter", ("2015-Q3", "2015-Q3", "2015-Q3")),
        ("Fighting flared last year.", "last year", ("2014", "2014", "2014")),
        ("Fighting flared a year ago.", "a year ago", ("2014", "2014", "2014")),
        ("The town fell two weeks ago.", "two weeks ago", ("2015-W46", "2015-W46", "2015-W46")),
        ("The town fell three days ago.", "three days ago", ("2015-11-20", "2015-11-22", "2015-11-26")),
        # Holidays: fixed, n-th weekday and Easter rules.
        ("Shops closed on Christmas Day.", "Christmas Day", ("2014-12-25", "2014-12-25", "2014-12-25")),
        ("Shops closed last Thanksgiving.", "last Thanksgiving", ("2014-11-27", "2014-11-27", "2015-11-26")),
        ("Shops closed at Easter.", "Easter", ("2015-04-05", "2015-04-05", "2015-04-05")),
        ("Pilgrims arrived for Easter week.", "Easter week", ("2015-W14", "2015-W14", "2015-W14")),
        # A week named by one of its days.
        ("Raids went on the week of Nov. 9.", "the week of Nov. 9", ("2015-W46", "2015-W46", "2015-W46")),
        ("The pact was signed last Dec. 1.", "last Dec. 1", ("2014-12-01", "2014-12-01", "2014-12-01")),
        # References to the past, present and future.
        ("The group has recently expanded.", "recently", ("PAST_REF",) * 3),
        ("The group now controls the town.", "now", ("PRESENT_REF",) * 3),
        ("The group currently controls the town.", "currently", ("PRESENT_REF",) * 3),
        ("The group may return in the future.", "the future", ("FUTURE_REF",) * 3),
    ],
)
def test_relative_expressions_against_a_monday_a_wednesday_and_a_sunday(text, phrase, expected):
    for published, value in zip((MONDAY, WEDNESDAY, SUNDAY), expected, strict=True):
        assert value_of(text, phrase, published) == value, published


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # A period that "ended" on a day is over: the day is behind us, although next March 31 is closer.
        ("Sales rose 5% in the fiscal year ended March 31.", "March 31", "2015-03-31"),
        # A bare month closing a stretch ("by", "until", "through") is an upcoming deadline...
        ("The ministry said the curfew stays in force until February.", "February", "2016-02"),
        ("Officials said the loan must be repaid by January.", "January", "2016-01"),
        # ... but not in a past perfect.
        ("By February the militants had left the town.", "February", "2015-02"),
        # Future in the past, and a compound that only looks like a future cue.
        ("The envoy would be arriving Thursday, officials said.", "Thursday", "2015-11-26"),
        ("Shares fell after lower-than-expected earnings on Tuesday.", "Tuesday", "2015-11-24"),
        # "that year" is the year of the last month named.
        ("He fled in June 2013 and returned later that year.", "later that year", "2013"),
        ("The current crisis began in 2011.", "current", "PRESENT_REF"),
        ("Demand may weaken in the near term.", "the near term", "FUTURE_REF"),
        ("The militants will soon withdraw.", "soon", "FUTURE_REF"),
        ("Third-period sales rose.", "Third-period", "2015-Q3"),
        ("Earnings will fall in the last half of 2015.", "the last half of 2015", "2015-H2"),
        ("The last quarter was weak.", "The last quarter", "2015-Q3"),
        ("Growth should return in the first half of next year.", "the first half of next year", "2016-H1"),
        ("Results were weak in both 1990 and 1991 and less so later.", "1991", "1991"),
    ],
)
def test_tense_and_deadlines_in_a_wednesday_report(text, phrase, value):
    assert value_of(text, phrase, WEDNESDAY) == value


def test_the_quarter_a_financial_story_is_about_carries_past_the_dates_that_follow():
    text = (
        "Net income rose 8% in the third quarter ended Sept. 30. The year-ago results included a charge. "
        "For the quarter a year ago, the company reported a loss. Sales matched the corresponding period last year. "
        "U.K. sales for last year's quarter were $3 million."
    )
    assert value_of(text, "The year-ago", WEDNESDAY) == "2014-Q3"
    assert value_of(text, "the quarter a year ago", WEDNESDAY) == "2014-Q3"
    assert value_of(text, "the corresponding period last year", WEDNESDAY) == "2014-Q3"
    assert value_of(text, "last year's quarter", WEDNESDAY) == "2014-Q3"


@pytest.mark.parametrize("published", [MONDAY, WEDNESDAY, SUNDAY])
def test_narrative_expressions_follow_the_story(published):
    text = (
        "Militants stormed the village on 10 November. Two days later they withdrew. "
        "The day before, an airstrike hit the market. A week after the raid, aid arrived. "
        "The following day, the road reopened."
    )
    assert value_of(text, "Two days later", published) == "2015-11-12"
    assert value_of(text, "The day before", published) == "2015-11-11"
    assert value_of(text, "A week after", published) == "2015-11-18"
    assert value_of(text, "The following day", published) == "2015-11-19"


@pytest.mark.parametrize(("published", "monday"), [(MONDAY, "2015-11-16"), (WEDNESDAY, "2015-11-16")])
def test_last_week_sets_the_week_of_the_weekdays_that_follow(published, monday):
    text = "The town was quiet last week until Monday, when gunmen attacked. On Wednesday they returned."
    assert value_of(text, "Monday", published) == monday
    assert value_of(text, "Wednesday", published) == "2015-11-18"


def test_a_reporting_weekday_is_not_pulled_into_last_week():
    text = "Fighting raged last week. The ministry said Wednesday that the town was calm."
    assert value_of(text, "Wednesday", WEDNESDAY) == "2015-11-25"


def test_seed_article_dates(shared):
    text = (shared / "seed" / "albukamal_2015-11-25.txt").read_text(encoding="utf-8")
    timexes = find_timexes(text, WEDNESDAY)
    by_text: dict[str, list[str]] = {}
    for timex in timexes:
        by_text.setdefault(timex.text, []).append(timex.value)
    assert by_text["Monday"] == ["2015-11-16"]
    assert by_text["The next day"] == ["2015-11-17"]
    assert by_text["Wednesday"] == ["2015-11-18", "2015-11-18"]
    assert by_text["last Tuesday"] == ["2015-11-17"]
    assert by_text["last Monday"] == ["2015-11-16"]
    assert by_text["last Wednesday"] == ["2015-11-18"]


def test_without_publication_date_relative_expressions_anchor_on_the_latest_full_date():
    text = "On 9 May 2020, protesters gathered in the square. The next day, police dispersed them on Monday."
    assert value_of(text, "The next day", None) == "2020-05-10"
    assert value_of(text, "Monday", None) == "2020-05-04"


def test_without_any_date_relative_expressions_stay_unresolved():
    timexes = find_timexes("Protesters gathered on Monday and again yesterday.", None)
    assert [(t.text, t.value, t.day) for t in timexes] == [
        ("Monday", "XXXX-WXX-1", None),
        ("yesterday", "XXXX-XX-XX", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He may come back, but the march was peaceful.",
        "The Su-24 was shot down.",
        "About 2000 people fled the fighting.",
        "Some two thousand troops arrived.",
        "Prices rose 2015% in a day.",
        "We had a fall in numbers.",
        # Names made of common words, and "soon" relating events or told in the past.
        'Baker said on ABC\'s "This Week" that talks failed.',
        "This is VOA Today.",
        "Soon after the attack, the militants fled.",
        "They left as soon as they could.",
        "The judge was soon released.",
        # Number runs that are not days: a score, a countdown, an impossible month either way.
        "The home side won 3-2-1 on aggregate.",
        "Code 10-12-14 was read out.",
    ],
)
def test_words_that_only_look_like_dates_are_not_dates(text):
    assert [t.text for t in find_timexes(text, WEDNESDAY) if t.value not in ("PAST_REF", "PRESENT_REF")] == []


def test_a_numeric_date_with_no_possible_month_is_not_a_day():
    assert [t.value for t in find_timexes("Ref. 31/13/2015 was filed.", WEDNESDAY)] == ["2015"]


def test_a_day_listed_with_a_date_takes_its_month_and_year():
    text = "Talks are set for April 24 and 25. Protests spread on 9 and 10 May 2015. On May 5 and 12 people died."
    assert value_of(text, "25", WEDNESDAY) == "2016-04-25"
    assert value_of(text, "9 and", WEDNESDAY) == "2015-05-09"
    assert [t.text for t in find_timexes(text, WEDNESDAY) if t.text == "12"] == []


def test_the_past_opening_a_counted_stretch_is_not_a_vague_past():
    for text in ("Prices doubled in the past four years.", "It was the worst crash of the past century."):
        assert "PAST_REF" not in [t.value for t in find_timexes(text, WEDNESDAY)]
    assert value_of("Mistakes were made in the past.", "the past", WEDNESDAY) == "PAST_REF"
    assert value_of("Sales fell over the past several quarters.", "the past", WEDNESDAY) == "PAST_REF"


@pytest.mark.parametrize("published", [MONDAY, WEDNESDAY, SUNDAY])
def test_today_and_tomorrow_naming_an_era_are_not_days(published):
    for text in (
        "Militias recruit heavily among today's unemployed youth.",
        "Such weapons are common in today's world.",
        "The camps are raising the fighters of tomorrow.",
    ):
        assert [t.text for t in find_timexes(text, published)] == []
    assert value_of("Today's vote was delayed.", "Today", published) == published.isoformat()
    assert (
        value_of("Tomorrow's talks were cancelled.", "Tomorrow", published)
        == (published + timedelta(days=1)).isoformat()
    )


def test_the_future_is_a_time_only_after_a_preposition():
    for text in ("Leaders met to discuss the future of the region.", "The future looks bleak for the town."):
        assert [t.value for t in find_timexes(text, WEDNESDAY)] == []
    assert value_of("More raids are likely in the future.", "the future", WEDNESDAY) == "FUTURE_REF"
    assert value_of("Residents worry about the future.", "the future", WEDNESDAY) == "FUTURE_REF"


def test_now_opening_a_sentence_with_a_comma_is_a_discourse_marker():
    text = "The town fell in June. Now, the rebels say, they will hold it. Aid is now arriving."
    assert [t.text for t in find_timexes(text, MONDAY) if t.value == "PRESENT_REF"] == ["now"]


def test_compounds_of_two_periods_are_not_periods():
    text = "The quarter-to-quarter comparison was flattered, and the year-to-year trend is flat."
    assert find_timexes(text, WEDNESDAY) == []


@pytest.mark.parametrize(("published", "current"), [(MONDAY, "2015-Q4"), (date(2016, 2, 3), "2016-Q1")])
def test_the_current_quarter_is_the_quarter_of_publication(published, current):
    text = "Profit fell in the third quarter. The company expects the current quarter to be better."
    assert value_of(text, "the current quarter", published) == current


def test_the_day_before_in_apposition_names_the_day_again():
    text = "The town was shelled on Nov. 16, the day before the ceasefire. The day before, it was quiet."
    assert value_of(text, "the day before the", WEDNESDAY) == "2015-11-16"
    assert value_of(text, "The day before,", WEDNESDAY) == "2015-11-15"


def test_recently_before_another_expression_leaves_the_time_to_it():
    text = "Several towns were hit, most recently last Friday. Rebels recently took the port."
    assert [(t.text, t.value) for t in find_timexes(text, WEDNESDAY)] == [
        ("last Friday", "2015-11-20"),
        ("recently", "PAST_REF"),
    ]


@pytest.mark.parametrize(
    ("published", "tuesday"), [(MONDAY, "2015-11-24"), (WEDNESDAY, "2015-12-01"), (SUNDAY, "2015-12-01")]
)
def test_a_clock_time_on_a_weekday_and_a_weekday_deadline(published, tuesday):
    text = "Militants have until 9 a.m. Tuesday to leave the town."
    assert value_of(text, "9 a.m. Tuesday", published) == f"{tuesday}T09:00"
    past = "The convoy left at 10:30 p.m. EST Tuesday."
    assert value_of(past, "10:30 p.m. EST Tuesday", published).endswith("T22:30")
    assert value_of(past, "10:30", published) < published.isoformat()


@pytest.mark.parametrize("published", [MONDAY, WEDNESDAY, SUNDAY])
def test_a_capitalised_month_before_a_noun_qualifies_it(published):
    assert value_of("Observers doubted the May vote was fair.", "May", published) == "2015-05"
    assert find_timexes("Thousands joined a March for peace downtown.", published) == []
    assert find_timexes("Officials said the march was peaceful.", published) == []


@pytest.mark.parametrize(
    ("published", "upcoming", "past"),
    [
        (MONDAY, "2015-11-24", "2015-11-17"),
        (WEDNESDAY, "2015-12-01", "2015-11-24"),
        (SUNDAY, "2015-12-01", "2015-11-24"),
    ],
)
def test_a_fronted_weekday_takes_the_tense_of_its_main_clause(published, upcoming, past):
    assert value_of("On Tuesday, the council will vote on the truce.", "Tuesday", published) == upcoming
    assert value_of("On Tuesday, the league plans to hold a rally.", "Tuesday", published) == upcoming
    assert value_of("On Tuesday, the league planned to hold a rally.", "Tuesday", published) == past
    assert value_of("On Tuesday, gunmen attacked a convoy.", "Tuesday", published) == past


@pytest.mark.parametrize("published", [MONDAY, WEDNESDAY, SUNDAY])
def test_that_day_needs_a_day_named_before_it(published):
    assert find_timexes("When a checkpoint falls, prices jump that day.", published) == []
    text = "Rebels took the bridge on Nov. 2. That day, the army retreated."
    assert value_of(text, "That day", published) == "2015-11-02"


@pytest.mark.parametrize("published", [MONDAY, WEDNESDAY, SUNDAY])
def test_the_nth_day_of_something_is_today_only_when_the_sentence_says_so(published):
    text = "Today is the third day of the siege. It's the 12th day of the strike. On the first day, few came."
    assert [(t.text, t.value) for t in find_timexes(text, published)] == [
        ("Today", published.isoformat()),
        ("the third day", published.isoformat()),
        ("the 12th day", published.isoformat()),
    ]


@pytest.mark.parametrize("published", [MONDAY, WEDNESDAY, SUNDAY])
def test_a_holiday_named_as_an_observance_is_not_a_time(published):
    text = "Christmas is next week. The spirit of Christmas was absent. Shops closed on Christmas Day."
    assert [t.text for t in find_timexes(text, published)] == ["next week", "Christmas Day"]
    for text in ("Shells fell on the eve of Christmas.", "Christmas was quiet in the town."):
        assert [t.text for t in find_timexes(text, published)] == ["Christmas"]


@pytest.mark.parametrize("published", [MONDAY, WEDNESDAY, SUNDAY])
def test_a_quarter_forecast_does_not_become_the_quarter_the_story_reports(published):
    text = (
        "Profit rose 8% in the third quarter. The strike will cut fourth-quarter sales. "
        "Margins in the latest quarter widened, compared with a year ago."
    )
    assert value_of(text, "fourth-quarter", published) == "2015-Q4"
    assert value_of(text, "the latest quarter", published) == "2015-Q3"
    assert value_of(text, "a year ago", published) == "2014-Q3"


@pytest.mark.parametrize("published", [MONDAY, WEDNESDAY, SUNDAY])
def test_the_latest_fiscal_year_is_the_last_one_closed(published):
    text = "Exports made up a third of sales in the latest fiscal year, and the fiscal year ends in June."
    assert value_of(text, "the latest fiscal year", published) == "2014"
    assert value_of(text, "the fiscal year", published) == "2015"


def test_one_day_after_a_modal_and_a_later_date_are_the_future():
    text = "The rebels say they will one day retake the city; talks may resume at a later date."
    assert [(t.text, t.value) for t in find_timexes(text, WEDNESDAY)] == [
        ("one day", "FUTURE_REF"),
        ("a later date", "FUTURE_REF"),
    ]
    assert find_timexes("The siege lasted only one day.", WEDNESDAY) == []


def test_event_day_and_precision_follow_acled():
    text = "Fighting flared on Monday, last week, in early November and at the end of October."
    found = {t.text: (t.day, t.precision) for t in find_timexes(text, WEDNESDAY)}
    assert found["last week"] == (date(2015, 11, 17), 2)  # the Tuesday: middle of the Saturday-Friday week
    assert found["early November"] == (date(2015, 11, 1), 3)
    assert found["the end of October"] == (date(2015, 10, 31), 3)
    assert found["Monday"] == (date(2015, 11, 23), 1)


def test_approximate_dates_have_week_precision():
    (timex,) = find_timexes("Around 9 May 2020 (as reported), a man was found dead.", None)
    assert (timex.day, timex.precision) == (date(2020, 5, 9), 2)


def test_future_periods_date_no_event():
    (timex,) = find_timexes("Talks resume next week.", WEDNESDAY)
    assert (timex.value, timex.day, timex.precision) == ("2015-W49", None, None)


def test_annotate_fills_the_analysis():
    analysis = Analysis(Report(id="r1", text="Gunmen attacked on Monday.", published=WEDNESDAY))
    annotate(analysis)
    assert [(t.text, t.value) for t in analysis.timexes] == [("Monday", "2015-11-23")]


def test_acled_notes_open_with_their_event_date(shared):
    """Every fifth ACLED dev note up to 2,000: the first full date written is the event date."""
    notes = []
    with (shared / "data" / "events" / "acled_dev.jsonl").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number % 5 == 0:
                notes.append(json.loads(line))
            if len(notes) == 2000:
                break
    dated = exact = 0
    for note in notes:
        days = [t.day for t in find_timexes(note["text"], None) if t.day is not None and t.precision in (1, 2)]
        if days:
            dated += 1
            exact += days[0].isoformat() == note["events"][0]["event_date"]
    assert dated > 1000
    assert exact / dated >= 0.95
