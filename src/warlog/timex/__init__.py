"""Temporal expressions: find them, normalise them to TIMEX3 values, anchor them in the narrative.

Rule-based on precompiled regular expressions built from `data/timex/lexicon.json` (dateparser's
`search_dates` invents dates such as "Su-24" and has no notion of weeks, quarters or narrative).
Expressions are read in text order by a `narrative.Narrative` that remembers the last day and period named
and the week a story is set in, so "last week ... on Monday ... the next day ... on Wednesday" all
land in the same week. Conventions follow TimeML/TimeBank: "Friday" is the latest Friday at or
before the publication date unless the clause speaks of the future, "last year" is a year value,
"the 1990s" is "199", "recently" is PAST_REF.
"""

from __future__ import annotations

from datetime import date, timedelta

from warlog.records import Analysis, Timex
from warlog.timex import calendar
from warlog.timex.grammar import Candidate, Grammar, find_candidates, load_grammar
from warlog.timex.narrative import Narrative
from warlog.timex.reading import Reading


def _event_day(reading: Reading) -> tuple[date | None, int | None]:
    """What a reading says about an event's date in ACLED terms (see `records.Timex`)."""
    period = reading.period
    if period is None or period.grain not in calendar.GRAINS_WITH_DAYS:
        return None, None
    if period.grain == "day":
        return period.first, 2 if reading.approximate else 1
    if period.grain == "week":
        return period.first + timedelta(days=1), 2  # the Tuesday: middle of ACLED's Saturday-Friday week
    if period.grain == "weekend":
        return period.first, 2
    if reading.modifier == "start":
        return period.first, 3
    if reading.modifier == "end":
        return period.last, 3
    return period.first + (period.last - period.first) / 2 if period.grain != "month" else period.first.replace(
        day=15
    ), 3


def _value(reading: Reading) -> str:
    if reading.period is None:
        return reading.value or ""
    value = reading.period.value
    if reading.part and reading.period.grain == "day":
        value += f"T{reading.part}"
    return value


def _longer_overlap_follows(candidates: list[Candidate], index: int) -> bool:
    start, end = candidates[index][:2]
    for other in candidates[index + 1 :]:
        if other[0] >= end:
            return False
        if other[1] > end and other[1] - other[0] > end - start:
            return True
    return False


def _read_in_order(candidates: list[Candidate], reader: Narrative):
    """Yield (candidate, reading) for the longest matches that read as temporal expressions, in text
    order so that the narrative state follows the story; a rejected match leaves room for shorter ones."""
    taken_until = 0
    for index, candidate in enumerate(candidates):
        start, end, _, kind, match = candidate
        if start < taken_until:
            continue
        if _longer_overlap_follows(candidates, index):
            continue  # a longer expression overlapping this one starts later: it goes first
        reading = reader.read(kind, match)
        if reading is None:
            continue
        taken_until = end
        yield candidate, reading


def _latest_explicit_date(text: str, candidates, grammar: Grammar) -> date | None:
    """The latest full date written out in the text: the anchor when there is no publication date."""
    reader = Narrative(text, None, grammar)
    days = []
    for _, _, _, kind, match in candidates:
        if kind in ("iso", "numeric", "day_month", "month_day"):
            reading = reader.read(kind, match)
            if reading is not None and reading.period is not None:
                days.append(reading.period.first)
    return max(days, default=None)


def find_timexes(text: str, published: date | None) -> list[Timex]:
    """Temporal expressions in `text`, with TIMEX3 values resolved against `published` and the story.

    Without a publication date (ACLED notes: "On 9 May 2020, ..."), relative expressions are anchored
    on the latest full date written in the text; with none, they keep underspecified values
    ("XXXX-XX-XX") and date nothing.
    """
    grammar = load_grammar()
    candidates = find_candidates(text, grammar)
    reference = published or _latest_explicit_date(text, candidates, grammar)
    reader = Narrative(text, reference, grammar)
    reader.expression_starts = frozenset(candidate[0] for candidate in candidates)
    timexes = []
    for (start, end, *_), reading in _read_in_order(candidates, reader):
        reader.remember(reading, end)
        day, precision = _event_day(reading)
        if reading.period is not None and reference is not None and reading.period.first > reference:
            day, precision = None, None  # a future period dates no past event
        value = _value(reading)
        timexes.append(
            Timex(
                start=start,
                end=end,
                text=text[start:end],
                type="TIME" if "T" in value[10:] else "DATE",
                value=value,
                day=day,
                precision=precision,
            )
        )
    return timexes


def annotate(analysis: Analysis) -> None:
    """Pipeline stage: fill `analysis.timexes`."""
    analysis.timexes = find_timexes(analysis.report.text, analysis.report.published)
