"""An event's date and ACLED time_precision, from the temporal expressions `timex` found.

In order of preference, the way an analyst reads a report:
1. the event's own expression: the dating expression in its sentence closest to the trigger;
2. the narrative anchor: the nearest dating expression in an earlier sentence ("last week ... on
   Monday" dates the sentences that follow);
3. the publication date, with precision 2 (the week) and a low confidence.
A season, quarter or year dates an event only when the report tells how old it is: with a publication
date it must be recent; without one, some full date must be written in the text (a dateline, "On 9
May 2020"). Otherwise it dates nothing: "convicted in 1998", "the 1967 killings" are as often history
as the story's own time, and a wrong date vetoes merging where an unknown one does not.
An event's date is never after the publication date: expressions that TimeML reads as upcoming
("in March" in a November report, "Friday" in "will meet Friday") are read as the last such day or
month instead, since a reported event has already happened.
A day outside the dates warlog accepts (`warlog.date_range`: "yesterday" in a report dated 9999-12-31,
"in 1850") dates nothing: the event is undated, and its evidence names the expression as
`event_date_ignored`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from itertools import accumulate

from warlog.date_range import valid_dates
from warlog.lexicon import spaced_alternation, word_class
from warlog.records import Analysis, EventMention, Evidence, ResolvedDate, Timex
from warlog.spans import Spans

# The evidence field of an expression whose day lies outside the accepted dates.
IGNORED = "event_date_ignored"
# Confidence by where the date came from; lowered again when the precision is only a week or month.
_OWN_EXPRESSION = 0.9
_NARRATIVE_ANCHOR = 0.7
_PUBLICATION = 0.4
_PRECISION_FACTOR = {1: 1.0, 2: 0.85, 3: 0.7}
_FINE_VALUE = re.compile(r"^\d{4}-(?:\d\d|W\d\d)")
_FULL_DATE = re.compile(r"^\d{4}-\d\d-\d\d")
# A season or year dates an event only if its middle is this close to the report's day; an older one
# ("fighting since 2014") is background, and the publication week is the better guess.
_COARSE_REACH_DAYS = 120
# How much a vague stretch loosens the anchor day: ACLED precision 1 for hours ("shortly after"), 3
# for months ("long after"), 2 otherwise; and a confidence factor.
_STRETCH_CONFIDENCE = 0.6


def _past_reading(timex: Timex, published: date | None) -> tuple[date, int] | None:
    """The day and precision an expression gives a past event, or None if it dates nothing."""
    if timex.day is not None:
        return timex.day, timex.precision or 1
    if published is None or timex.type not in ("DATE", "TIME"):
        return None
    value = timex.value
    # An upcoming day or month (TimeML's reading of "Friday", "in March" in a future context).
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            upcoming = date.fromisoformat(value[:10])
            step = timedelta(days=7) if (upcoming - published).days <= 7 else None
            past = upcoming - step if step else upcoming.replace(year=upcoming.year - 1)
            return (past, 1) if past <= published else None
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            year, month = int(value[:4]) - 1, int(value[5:])
            past = date(year, month, 15)
            return (past, 3) if past <= published else None
    except (ValueError, OverflowError):  # outside the calendar
        return None
    return None


@dataclass(frozen=True)
class _Dating:
    """The report's temporal expressions as `resolve_event_date` consults them for every mention, built
    once per report (a scan of them all per mention made a report's time grow with its square)."""

    timexes: Spans[Timex]
    readings: list[tuple[Timex, tuple[date, int]]]  # the expressions that date a past event, in order
    by_span: Spans[int]  # positions in `readings`, by the expression's span
    fine_ends: list[int]  # ends of the readings naming a day, week or month, ascending
    last_fine: list[int]  # position in `readings` of the last (in order) of those ending by fine_ends[i]
    past_references: Spans[Timex]  # "recently", "in the past" (PAST_REF)
    full_date_written: bool  # some expression gives a full date

    def within(self, start: int, end: int) -> list[tuple[Timex, tuple[date, int]]]:
        """The readings of the expressions inside [start, end), in order."""
        found = sorted(p for p in self.by_span.starting_in(start, end + 1) if self.readings[p][0].end <= end)
        return [self.readings[position] for position in found]

    def last_fine_by(self, offset: int) -> tuple[Timex, tuple[date, int]] | None:
        """The last reading (in order) of an expression naming a day, week or month that ends by `offset`."""
        count = bisect_right(self.fine_ends, offset)
        return self.readings[self.last_fine[count - 1]] if count else None


def timexes_starting_in(analysis: Analysis, start: int, end: int) -> Sequence[Timex]:
    """The report's temporal expressions that start in [start, end), by offset."""
    return analysis.derived(_dating).timexes.starting_in(start, end)


def _dating(analysis: Analysis) -> _Dating:
    published = analysis.report.published
    readings = [(t, r) for t in analysis.timexes if (r := _past_reading(t, published)) is not None]
    fine = sorted(
        (position for position, (t, _r) in enumerate(readings) if _names_day_week_or_month(t)),
        key=lambda position: readings[position][0].end,
    )
    return _Dating(
        timexes=Spans(analysis.timexes),
        readings=readings,
        by_span=Spans(
            range(len(readings)), bounds=lambda position: (readings[position][0].start, readings[position][0].end)
        ),
        fine_ends=[readings[position][0].end for position in fine],
        last_fine=list(accumulate(fine, max)),
        past_references=Spans(t for t in analysis.timexes if t.value == "PAST_REF"),
        full_date_written=any(t.precision == 1 and _FULL_DATE.match(t.value) for t in analysis.timexes),
    )


def _evidence(analysis: Analysis, timex: Timex) -> Evidence:
    sentence = analysis.sentence_at(timex.start)
    start, end = (sentence.start, sentence.end) if sentence else (timex.start, timex.end)
    return Evidence("event_date", start, end, timex.start, timex.end, timex.text)


def _distance(timex: Timex, position: int) -> tuple[int, int]:
    """Characters between an expression and the trigger; an expression before the trigger wins a tie."""
    if timex.end <= position:
        return position - timex.end, 0
    return max(0, timex.start - position), 1


def _decided(
    analysis: Analysis, timex: Timex, reading: tuple[date, int], confidence: float, published: date | None
) -> ResolvedDate:
    day, precision = reading
    if published is not None and day > published:
        day = published  # the middle of this week may lie after publication
    if day not in valid_dates():
        return ResolvedDate(
            day=None, precision=3, confidence=0.0, evidence=replace(_evidence(analysis, timex), field=IGNORED)
        )
    return ResolvedDate(
        day=day,
        precision=precision,
        confidence=round(confidence * _PRECISION_FACTOR.get(precision, 0.5), 3),
        evidence=_evidence(analysis, timex),
    )


@cache
def _vague_stretches() -> re.Pattern[str]:
    """ "some time after the flag was raised", "weeks later": the event is dated from another event by a
    vague stretch, so the day named before it only bounds it (counted stretches, "two days later", are
    temporal expressions of their own and never reach this). The stretch_* words of `lexicon/grammar.tsv`;
    group `near` for hours, `far` for months, neither for days or weeks."""
    near, far, days, direction, alone = (
        spaced_alternation(word_class(name))
        for name in ("stretch_hours", "stretch_months", "stretch_days", "stretch_direction", "stretch_alone")
    )
    return re.compile(
        rf"\b(?:(?P<near>{near})|(?P<far>{far})|(?:{days}))\s+(?:{direction})\b|\b(?:{alone})\b", re.IGNORECASE
    )


def _vague_stretch(analysis: Analysis, start: int, end: int) -> re.Match[str] | None:
    """A vague stretch of time ("some time after", "weeks later") written between `start` and `end`,
    outside any temporal expression."""
    timexes = analysis.derived(_dating).timexes
    for found in _vague_stretches().finditer(analysis.report.text, start, end):
        if not timexes.overlaps(found.start(), found.end()):
            return found
    return None


def _anchored(
    analysis: Analysis, mention: EventMention, timex: Timex, reading: tuple[date, int], confidence: float
) -> tuple[tuple[date, int], float]:
    """The reading an anchor gives an event told as some vague time after or before it: the same day at
    a coarser precision and lower confidence (the stretch may be hours or weeks)."""
    stretch = _vague_stretch(analysis, max(timex.end, mention.sentence.start), mention.trigger_start)
    if stretch is None:
        return reading, confidence
    day, precision = reading
    loosened = 1 if stretch["near"] else 3 if stretch["far"] else 2
    return (day, max(precision, loosened)), confidence * _STRETCH_CONFIDENCE


def _names_day_week_or_month(timex: Timex) -> bool:
    """Whether an expression is as fine as a month ("2015-11", "2015-W47", "2015-11-16T..."), not a
    season, quarter, year or decade, which would make a poor anchor for the sentences after it."""
    return _FINE_VALUE.match(timex.value) is not None


def _dates_coarsely(reading: tuple[date, int], analysis: Analysis) -> bool:
    """Whether a season, quarter or year may date an event. With a publication date it must be recent
    ("since 2014" is background: the publication week is the better guess); without one, some full
    date must be written in the text, the anchor of its relative expressions (`timex`): then
    a story about an old event stays apart from today's; with no date at all, nothing tells the
    story's year from history ("the 1967 killings"), so it dates nothing."""
    published = analysis.report.published
    if published is None:
        return analysis.derived(_dating).full_date_written
    return (published - reading[0]).days <= _COARSE_REACH_DAYS


def resolve_event_date(analysis: Analysis, mention: EventMention) -> ResolvedDate:
    published = analysis.report.published
    sentence = mention.sentence
    own_timex = mention.timex
    reading = _past_reading(own_timex, published) if own_timex is not None else None
    if reading is not None and (_names_day_week_or_month(own_timex) or _dates_coarsely(reading, analysis)):
        return _decided(analysis, own_timex, reading, _OWN_EXPRESSION, published)

    index = analysis.derived(_dating)
    own = index.within(sentence.start, sentence.end)
    fine_own = [(t, r) for t, r in own if _names_day_week_or_month(t)]
    if fine_own:
        timex, reading = min(fine_own, key=lambda pair: _distance(pair[0], mention.trigger_start))
        return _decided(analysis, timex, *_anchored(analysis, mention, timex, reading, _OWN_EXPRESSION), published)

    # "IS has recently witnessed ..." takes no day from the story: its own sentence says "a while ago".
    # ("now", "at this time" mostly date another clause: "arrested ..., but the reason is unknown at this time").
    vague = bool(index.past_references.starting_in(sentence.start, sentence.end))
    earlier = index.last_fine_by(sentence.start)
    if earlier is not None and not vague:
        timex, reading = earlier
        return _decided(analysis, timex, *_anchored(analysis, mention, timex, reading, _NARRATIVE_ANCHOR), published)

    if own:  # only a season, quarter or year in the sentence
        timex, reading = min(own, key=lambda pair: _distance(pair[0], mention.trigger_start))
        if _dates_coarsely(reading, analysis):
            return _decided(analysis, timex, reading, _OWN_EXPRESSION, published)

    if published is not None and published in valid_dates():
        return ResolvedDate(day=published, precision=2, confidence=_PUBLICATION * _PRECISION_FACTOR[2])
    return ResolvedDate(day=None, precision=3, confidence=0.0)
