"""The reader of a story's temporal expressions: it reads them in text order and remembers the last
day and period named and the week the story is set in."""

from __future__ import annotations

import re
from datetime import date

from warlog.timex import calendar
from warlog.timex.absolute import CalendarReaders
from warlog.timex.context import Context
from warlog.timex.grammar import Grammar
from warlog.timex.reading import Reading, words
from warlog.timex.relative import RelativeReaders

# Expressions made of common words (unlike months and weekdays, capitalised only at a sentence start).
_COMMON_WORD_KINDS = frozenset(
    ("calendar_unit", "deictic", "season", "reference", "narrative_day", "ordinal_day", "year_end")
)
# How far (characters) a quarter named carries to "the quarter" and "a year ago": a paragraph or two.
_QUARTER_REACH = 400


class Narrative(Context, CalendarReaders, RelativeReaders):
    """The reader's state: publication date, last day and period named, the week the story is in."""

    def __init__(self, text: str, published: date | None, grammar: Grammar) -> None:
        super().__init__(text, grammar)
        self.reference = published
        self.last_day: date | None = None
        self.last_period: calendar.Period | None = None
        self.story_quarter: calendar.Period | None = None  # the last quarter named: what a financial story is about
        self.story_quarter_end = 0  # where it was named
        self.week_frame: calendar.Period | None = None
        self.frame_touched = 0  # where the week frame was last set or used
        self.last_day_end = -1  # where the last day named ends

    def recent_quarter(self, start: int) -> calendar.Period | None:
        """The quarter a financial story is about, if one was named within `_QUARTER_REACH` characters."""
        if self.story_quarter is not None and start - self.story_quarter_end <= _QUARTER_REACH:
            return self.story_quarter
        return None

    def anchor_day(self) -> date | None:
        return self.last_day or self.reference

    def modifier(self, match: re.Match[str]) -> str | None:
        groups = match.groupdict()
        if groups.get("mid"):
            return "mid"
        word = groups.get("modifier")
        return self.grammar.modifiers.get(words(word)) if word else None

    def number(self, word: str) -> int | None:
        """The count a number word says, None for a vague one ("several")."""
        word = words(word)
        return int(word) if word.isdigit() else self.grammar.numbers.get(word)

    def year_number(self, text: str) -> int:
        """A year written in digits or words ("1996", "nineteen ninety-six", "two thousand and one")."""
        if text.isdigit():
            return int(text)
        words = [w for w in re.split(r"[\s-]+", text.lower()) if w not in ("and", "hundred")]
        if words[:2] == ["two", "thousand"]:
            return 2000 + sum(self.grammar.numbers[w] for w in words[2:])
        return 100 * self.grammar.numbers[words[0]] + sum(self.grammar.numbers[w] for w in words[1:])

    # ---- one reader per pattern (`CalendarReaders`, `RelativeReaders`); None means "not a temporal
    # expression after all"

    def read(self, kind: str, match: re.Match[str]) -> Reading | None:
        if kind in _COMMON_WORD_KINDS and self.in_a_name(match):
            return None
        try:
            return getattr(self, f"_read_{kind}")(match)
        except (ValueError, OverflowError):
            return None  # outside the calendar: "99 years before" year 50, a day past 9999

    # ---- narrative state

    def set_frame(self, week: calendar.Period, position: int) -> None:
        self.week_frame = week
        self.frame_touched = position

    def remember(self, reading: Reading, end: int) -> None:
        period = reading.period
        if period is None:
            return
        if period.grain == "day":
            self.last_day, self.last_day_end = period.first, end
            if self.week_frame is not None:
                if self.week_frame.first <= period.first <= self.week_frame.last:
                    self.frame_touched = end
                else:
                    self.week_frame = None
        if period.grain in calendar.GRAINS_WITH_DAYS and not reading.comparison:
            self.last_period = period
            if period.grain == "quarter":
                self.story_quarter, self.story_quarter_end = period, end
