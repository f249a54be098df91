"""Event dates: own expression, narrative anchor, publication date; never after publication."""

from __future__ import annotations

import re
from datetime import date

import pytest

from warlog.records import Analysis, EventMention, Report, Sentence
from warlog.resolve.dates import IGNORED, resolve_event_date
from warlog.timex import annotate

MONDAY = date(2015, 11, 23)
WEDNESDAY = date(2015, 11, 25)
SUNDAY = date(2015, 11, 29)


def analysed(text: str, published: date | None) -> Analysis:
    """An analysis with naive sentences (the language stage does this in the pipeline) and timexes."""
    analysis = Analysis(Report(id="test", text=text, published=published))
    for index, match in enumerate(re.finditer(r"[^.?!]+[.?!]?\s*", text)):
        analysis.sentences.append(Sentence(index, match.start(), match.end(), match.group()))
    annotate(analysis)
    return analysis


def mention(analysis: Analysis, trigger: str) -> EventMention:
    start = analysis.report.text.index(trigger)
    sentence = analysis.sentence_at(start)
    assert sentence is not None
    return EventMention(sentence, start, start + len(trigger), trigger, "Battles", "Armed clash", 0.9)


def date_of(text: str, trigger: str, published: date | None):
    analysis = analysed(text, published)
    return resolve_event_date(analysis, mention(analysis, trigger))


STORY = (
    "The town was tense last week, with militants on Monday detaining a local judge. "
    "The next day, residents raised an opposition flag over a school. "
    "Gunmen then attacked a patrol on Wednesday, killing four fighters. "
    "Militants burned the flag in response."
)


@pytest.mark.parametrize("published", [WEDNESDAY, date(2015, 11, 26), SUNDAY])
def test_a_story_told_last_week(published):
    assert date_of(STORY, "detaining", published).day == date(2015, 11, 16)
    assert date_of(STORY, "raised", published).day == date(2015, 11, 17)
    assert date_of(STORY, "attacked", published).day == date(2015, 11, 18)


def test_an_event_without_its_own_expression_takes_the_narrative_anchor():
    resolved = date_of(STORY, "burned", WEDNESDAY)
    assert (resolved.day, resolved.precision) == (date(2015, 11, 18), 1)
    own = date_of(STORY, "attacked", WEDNESDAY)
    assert resolved.confidence < own.confidence
    assert resolved.evidence.text == "Wednesday"


def test_the_expression_closest_to_the_trigger_wins():
    text = "On Monday gunmen attacked a checkpoint, and on Wednesday they ambushed a convoy."
    assert date_of(text, "attacked", SUNDAY).day == date(2015, 11, 23)
    assert date_of(text, "ambushed", SUNDAY).day == date(2015, 11, 25)


@pytest.mark.parametrize(
    ("published", "expected"),
    [(MONDAY, date(2015, 11, 17)), (WEDNESDAY, date(2015, 11, 17)), (SUNDAY, date(2015, 11, 17))],
)
def test_week_only_knowledge_is_the_middle_of_the_week(published, expected):
    resolved = date_of("Militants attacked the town last week.", "attacked", published)
    assert (resolved.day, resolved.precision) == (expected, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militants attacked the town in October.", date(2015, 10, 15)),
        ("Militants attacked the town at the beginning of October.", date(2015, 10, 1)),
        ("Militants attacked the town at the end of October.", date(2015, 10, 31)),
    ],
)
def test_month_only_knowledge_is_mid_month_or_its_first_or_last_day(text, expected):
    resolved = date_of(text, "attacked", WEDNESDAY)
    assert (resolved.day, resolved.precision) == (expected, 3)


def test_without_any_expression_the_publication_date_with_week_precision():
    resolved = date_of("Militants attacked the town.", "attacked", WEDNESDAY)
    assert (resolved.day, resolved.precision, resolved.evidence) == (WEDNESDAY, 2, None)
    assert resolved.confidence < date_of(STORY, "burned", WEDNESDAY).confidence


def test_without_publication_date_or_expression_nothing_is_dated():
    resolved = date_of("Militants attacked the town.", "attacked", None)
    assert (resolved.day, resolved.confidence) == (None, 0.0)


def test_an_acled_note_is_dated_by_its_own_date():
    resolved = date_of("On 9 May 2020, medical interns protested in Haifa.", "protested", None)
    assert (resolved.day, resolved.precision) == (date(2020, 5, 9), 1)


def test_never_after_publication():
    # The middle of this week (Tuesday) lies after a Monday publication.
    assert date_of("Militants attacked the town this week.", "attacked", MONDAY).day == MONDAY
    # An upcoming weekday or month is read as the last one: a reported event has already happened.
    assert date_of("Militants will attack on Friday, he warned.", "attack", WEDNESDAY).day == date(2015, 11, 20)
    resolved = date_of("The offensive is expected in March.", "offensive", WEDNESDAY)
    assert (resolved.day, resolved.precision) == (date(2015, 3, 15), 3)


def test_a_distant_year_is_background_not_the_event_date():
    resolved = date_of("Militants, active since 2011, attacked the town.", "attacked", WEDNESDAY)
    assert (resolved.day, resolved.precision) == (WEDNESDAY, 2)


def test_without_any_date_to_compare_with_a_year_dates_nothing():
    # No publication date and no full date written: "1967" may be history as well as the story's year.
    resolved = date_of("The woman was charged in the 1967 killings of two clerks.", "killings", None)
    assert resolved.day is None
    # A full date written in the text tells the story's time, so the year keeps an old story apart.
    text = "The woman was charged in the 1967 killings of two clerks. She was arrested on Nov. 10, 2011."
    assert date_of(text, "killings", None).day.year == 1967
    # A day, week or month needs no such comparison.
    assert date_of("Gunmen attacked the bank in March 2010.", "attacked", None).day == date(2010, 3, 15)


def test_evidence_points_at_the_expression_and_its_sentence():
    analysis = analysed(STORY, WEDNESDAY)
    resolved = resolve_event_date(analysis, mention(analysis, "raised"))
    evidence = resolved.evidence
    assert evidence.field == "event_date"
    assert STORY[evidence.start : evidence.end] == evidence.text == "The next day"
    assert STORY[evidence.sentence_start : evidence.sentence_end].startswith("The next day, residents")


def test_seed_article_event_dates(shared):
    text = (shared / "seed" / "albukamal_2015-11-25.txt").read_text(encoding="utf-8")
    analysis = analysed(text, WEDNESDAY)
    for trigger, expected in [
        ("arresting", date(2015, 11, 16)),
        ("was raised", date(2015, 11, 17)),
        ("killing four", date(2015, 11, 18)),
        ("four IS members were killed", date(2015, 11, 18)),
    ]:
        resolved = resolve_event_date(analysis, mention(analysis, trigger))
        assert (resolved.day, resolved.precision) == (expected, 1), trigger


def test_a_vague_reference_in_the_sentence_blocks_the_narrative_anchor():
    text = "Gunmen attacked a patrol on Monday. The group has recently fought its own members."
    resolved = date_of(text, "fought", WEDNESDAY)
    assert (resolved.day, resolved.precision, resolved.evidence) == (WEDNESDAY, 2, None)


def test_a_present_reference_about_another_clause_keeps_the_narrative_anchor():
    text = "Who arrested the judge last Monday? He was detained for treason, but the reason is unknown at this time."
    assert date_of(text, "detained", WEDNESDAY).day == date(2015, 11, 16)


@pytest.mark.parametrize(
    ("link", "precision"),
    [("Some time after the flag was raised,", 2), ("Weeks later,", 2), ("Months later,", 3), ("Shortly after,", 1)],
)
def test_an_event_dated_from_another_event_by_a_vague_stretch_is_looser(link, precision):
    text = f"Militants raised a flag over the school on Monday. {link} gunmen attacked a patrol."
    resolved = date_of(text, "attacked", WEDNESDAY)
    assert (resolved.day, resolved.precision) == (MONDAY, precision)
    anchored = date_of(
        "Militants raised a flag over the school on Monday. Gunmen attacked a patrol.", "attacked", WEDNESDAY
    )
    assert resolved.confidence < anchored.confidence
    # A counted stretch is an expression of its own and dates the event exactly.
    counted = date_of(
        "Militants raised a flag on Monday. Two days later, gunmen attacked a patrol.", "attacked", WEDNESDAY
    )
    assert (counted.day, counted.precision) == (WEDNESDAY, 1)


def test_a_day_outside_the_accepted_dates_is_ignored_with_its_evidence():
    # "yesterday" in a report published 9999-12-31 (a Report made directly, past ingest's check).
    resolved = date_of("Clashes erupted in Marib yesterday.", "Clashes", date(9999, 12, 31))
    assert resolved.day is None and resolved.confidence == 0.0
    assert resolved.evidence is not None
    assert (resolved.evidence.field, resolved.evidence.text) == (IGNORED, "yesterday")
    # A full date written in the text, read without a publication date.
    resolved = date_of("On 3 March 1850 clashes erupted in Marib.", "clashes", None)
    assert resolved.day is None and resolved.evidence is not None and resolved.evidence.field == IGNORED


def test_a_publication_date_outside_the_accepted_dates_dates_nothing():
    resolved = date_of("Clashes erupted in Marib.", "Clashes", date(9999, 12, 31))
    assert resolved.day is None and resolved.evidence is None


def test_the_accepted_dates_follow_the_environment(monkeypatch):
    monkeypatch.setenv("WARLOG_FIRST_DATE", "2016-01-01")
    assert date_of("Clashes erupted in Marib yesterday.", "Clashes", MONDAY).day is None
    monkeypatch.delenv("WARLOG_FIRST_DATE")
    assert date_of("Clashes erupted in Marib yesterday.", "Clashes", MONDAY).day == date(2015, 11, 22)


def test_each_expression_is_read_once_per_report_not_once_per_event(monkeypatch):
    from warlog.resolve import dates

    analysis = analysed(" ".join(f"On {day} November gunmen shot a guard." for day in range(1, 21)), WEDNESDAY)
    readings = []
    monkeypatch.setattr(dates, "_past_reading", lambda timex, published: readings.append(timex))
    text = analysis.report.text
    for sentence in analysis.sentences:
        start = text.index("shot", sentence.start)
        resolve_event_date(analysis, EventMention(sentence, start, start + 4, "shot", "Battles", "Armed clash", 0.9))
    assert len(analysis.timexes) == 20
    assert len(readings) == 20  # read again for each event, they made a long report's time grow with its square
