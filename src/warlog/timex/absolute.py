"""Readers of expressions that name the calendar: full dates, months, years, decades, centuries,
seasons and holidays; a yearless one takes the occurrence nearest the publication date."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from warlog.timex import calendar
from warlog.timex.grammar import around, holidays
from warlog.timex.reading import Reading, words

# How much closer an upcoming yearless date must be than the past one to win ("Dec. 7" in October).
_FUTURE_PENALTY_DAYS = 60
# A past-tense event dated a day or two after publication is a time-zone or dateline slip, not last year.
_PUBLICATION_SLACK_DAYS = 3


class CalendarReaders:
    """`Narrative`'s readers of calendar names (one `_read_<kind>` per pattern; None: not a time)."""

    def _full_date(self, year: int | None, month: int, day: int, match: re.Match[str]) -> Reading | None:
        groups = match.groupdict()
        if year is None:
            if self.reference is None:
                return Reading(value=f"XXXX-{month:02d}-{day:02d}") if calendar.valid(2000, month, day) else None
            relation = words(groups.get("day_relation") or "")
            if relation in ("last", "this past"):
                ref = self.reference
                past = [
                    y for y in (ref.year - 1, ref.year) if calendar.valid(y, month, day) and date(y, month, day) < ref
                ]
                year = past[-1] if past else ref.year - 1
            else:
                ref = self.reference
                years = [y for y in (ref.year - 1, ref.year, ref.year + 1) if calendar.valid(y, month, day)]
                if not years:
                    return None
                occurrences = [date(y, month, day) for y in years]
                if self.closes_completed_period(match.start()):
                    # "the fiscal year ended March 31": a period that has ended, so the last such day.
                    occurrences = [d for d in occurrences if (d - ref).days <= _PUBLICATION_SLACK_DAYS]
                year = self.nearest_occurrence(occurrences, match, relation in ("next", "this coming"), False).year
        if not calendar.valid(year, month, day):
            return None
        if groups.get("week_of"):
            return Reading(calendar.week(date(year, month, day)))
        return Reading(calendar.day(date(year, month, day)), approximate=bool(groups.get("approx")))

    def nearest_occurrence(
        self, occurrences: list[date], match: re.Match[str], future: bool, follow_tense: bool
    ) -> date:
        """Of the dates a yearless expression may mean, the one a reader takes: the closest, a past one
        winning unless the future one is `_FUTURE_PENALTY_DAYS` closer or the clause speaks of the future.
        With `follow_tense` (holidays), a past-tense clause takes the latest one before publication; exact
        dates do not follow tense, as reported deadlines ("extended to Nov. 16") are upcoming."""
        reference = self.reference
        future = future or self.future_context(match.start(), match.end())
        if follow_tense and not future and self.past_context(match.start(), match.end()):
            past = [d for d in occurrences if (d - reference).days <= _PUBLICATION_SLACK_DAYS]
            if past:
                return max(past)

        def distance(d: date) -> int:
            ahead = (d - reference).days
            return abs(ahead) + (_FUTURE_PENALTY_DAYS if ahead > 0 and not future else 0)

        return min(occurrences, key=distance)

    def _read_iso(self, match):
        return self._full_date(
            self.year_number(match["year"]), int(match["month_number"]), int(match["day_number"]), match
        )

    def _read_numeric(self, match):
        first, second, year = int(match["first"]), int(match["second"]), self.year_number(match["year"])
        if year < 100:
            year += 2000 if year < 50 else 1900
        # Day first (international and ACLED usage) unless that is impossible ("11/28/2015" is American).
        day, month = (first, second) if second <= 12 else (second, first)
        if month > 12:
            return None
        return self._full_date(year, month, day, match)

    def _month_number(self, match: re.Match[str], need_context: bool) -> int | None:
        word = match["month"]
        key = word.lower().rstrip(".")
        if key in self.grammar.ambiguous_months and not word[0].isupper():
            return None
        if len(key) == 3 and key != "may" and not match.group(0).rstrip().endswith(".") and word[0].islower():
            return None
        if need_context and key in self.grammar.ambiguous_months:
            before = self.text[max(0, match.start() - 12) : match.start()].lower()
            if (
                not around("month_cues", r"\b(?:{})\s*$").search(before)
                and not match.group(0).lower().startswith(("early", "late", "mid", "this", "last", "next", "the"))
                and not self.attributive_month(match)
            ):
                return None
        return self.grammar.months[key]

    def _read_day_month(self, match):
        month = self._month_number(match, need_context=False)
        day = int(match["day"])
        if month is None or not 1 <= day <= 31:
            return None
        return self._full_date(self.year_number(match["year"]) if match["year"] else None, month, day, match)

    _read_month_day = _read_day_month

    def _read_listed_day(self, match):
        if match["day"]:
            # "9 and 10 May 2020": the month and year of the date that follows.
            following = self.grammar.day_month.match(self.text, match.start("next"))
            reading = self._read_day_month(following) if following else None
            number = int(match["day"])
        else:
            # "April 24 and 25": the month and year of the day just named.
            between = self.text[self.last_day_end : match.start()] if self.last_day_end >= 0 else "x"
            reading = (
                Reading(calendar.day(self.last_day))
                if around("list_joints", r"\s*(?:{})\s+", re.IGNORECASE).fullmatch(between)
                else None
            )
            number = int(match["after"])
        if reading is None or reading.period is None or reading.period.grain != "day":
            return None
        first = reading.period.first
        if not calendar.valid(first.year, first.month, number):
            return None
        return Reading(calendar.day(first.replace(day=number)))

    def _year_written_or_unknown(
        self, match: re.Match[str], period_in: Callable[[int], calendar.Period], unknown: str
    ) -> Reading | None:
        """A month or season whose year is written ("May 2015"), or that no publication date places
        (`unknown`, "XXXX-05"); None when the year is to be inferred from the publication date."""
        if match["year"]:
            return Reading(period_in(self.year_number(match["year"])), modifier=self.modifier(match))
        if self.reference is None:
            return Reading(value=unknown, modifier=self.modifier(match))
        return None

    def _read_month(self, match):
        explicit_year = match["year"] or match["year_relation"]
        month = self._month_number(
            match, need_context=not (explicit_year or match["relation"] or match["modifier"] or match["mid"])
        )
        if month is None:
            return None
        modifier = self.modifier(match)
        settled = self._year_written_or_unknown(match, lambda year: calendar.month(year, month), f"XXXX-{month:02d}")
        if settled is not None:
            return settled
        ref = self.reference
        if match["year_relation"]:
            offset = {"last": -1, "this": 0, "next": 1}[match["year_relation"].lower()]
            return Reading(calendar.month(ref.year + offset, month), modifier=modifier)
        relation = words(match["relation"] or "")
        if not relation and self.after_since(match.start()):
            relation = "since"  # "since March" is always behind us
        if relation in ("next", "this coming", "coming") or (
            not relation and month != ref.month and self.future_context(match.start(), match.end())
        ):
            year = ref.year if month > ref.month else ref.year + 1
        elif relation == "this":
            year = ref.year
        elif relation in ("last", "this past", "past"):
            # "last May": the latest May before this month, but a month ago is "last month".
            year = ref.year if month < ref.month - 1 else ref.year - 1
        elif relation == "since":
            year = ref.year if month <= ref.month else ref.year - 1
        else:
            # TimeBank reads a bare month as the nearest one; the past wins a tie, and a past-tense
            # sentence unless the month is the next one ("trading for November" in late October) or a
            # deadline ahead ("pay down the loan by February", "credit through January").
            ahead = (month - ref.month) % 12
            year = ref.year if month <= ref.month else ref.year - 1
            if (
                ahead == 1
                or (0 < ahead < 12 - ahead and not self.past_context(match.start(), match.end()))
                or (0 < ahead <= 6 and self.deadline(match.start(), match.end()))
            ):
                year = ref.year if month > ref.month else ref.year + 1
        return Reading(calendar.month(year, month), modifier=modifier)

    def _read_year(self, match):
        year = self.year_number(match["year"])
        named_year = match.group(0).lower().startswith("the year")
        followed_by_word = re.match(r"\s+[a-z]", self.text[match.end() : match.end() + 2])
        if match["year"].lower().startswith("two") and not named_year and followed_by_word:
            return None  # "two thousand troops": a count, not a year
        modifier = self.modifier(match)
        text_before = self.text[max(0, match.start() - 20) : match.start()].lower()
        # A bare four-digit number counted like a quantity is not a year ("about 2000 people"), unless
        # it follows another year ("in 1990 and 1991 and by less thereafter").
        if (
            not (modifier or match["fiscal"] or named_year)
            and not re.search(r"\b(?:1[6-9]\d\d|20\d\d)\s*(?:,|and|or|to)\s+$", text_before)
            and around("count_cues", r"(?:{})\s+$").search(text_before)
            and re.match(r"\s+[a-z]", self.text[match.end() : match.end() + 2])
        ):
            return None
        if year > (self.reference.year + 30 if self.reference else 2100):
            return None
        return Reading(calendar.year(year), modifier=modifier)

    def _read_decade(self, match):
        modifier = self.modifier(match)
        if match["decade"]:
            return Reading(calendar.decade(int(match["decade"])), modifier=modifier)
        tens = (
            int(match["short_decade"]) // 10
            if match["short_decade"]
            else self.grammar.decade_words[match["decade_word"].lower()]
        )
        # "the nineties": the latest decade of that name that has begun.
        now = (self.reference or date.today()).year
        first_year = now // 100 * 100 + 10 * tens
        if first_year > now:
            first_year -= 100
        return Reading(calendar.decade(first_year), modifier=modifier)

    def _read_century(self, match):
        number = int(match["century"]) if match["century"] else self.grammar.ordinals[match["ordinal"].lower()]
        return Reading(calendar.century(number)) if 1 <= number <= 21 else None

    def _read_season(self, match):
        code = self.grammar.seasons[match["season"].lower()]
        relation = words(match["relation"] or "")
        determiner = match.group(0).lower().startswith("the")
        if code == "FA" and not (relation or determiner or match["year"]):
            return None  # "fall" is mostly the verb
        modifier = self.modifier(match)
        settled = self._year_written_or_unknown(match, lambda year: calendar.season(year, code), f"XXXX-{code}")
        if settled is not None:
            return settled
        ref = self.reference
        this_year = calendar.season(ref.year, code)
        if ref < this_year.first and ref.month < 3 and code == "WI":
            this_year = calendar.season(ref.year - 1, code)
        if relation in ("next", "this coming", "coming"):
            season = this_year if this_year.first > ref else calendar.season(this_year.first.year + 1, code)
        elif relation == "this":
            season = this_year
        elif relation == "last":
            season = calendar.season(ref.year - 1, code)  # TimeBank: "last spring" in October is last year's
        elif relation in ("this past", "past"):
            season = this_year if this_year.last < ref else calendar.season(this_year.first.year - 1, code)
        else:
            future = self.future_context(match.start(), match.end())
            season = this_year if this_year.first <= ref or future else calendar.season(this_year.first.year - 1, code)
        return Reading(season, modifier=modifier)

    def _read_holiday(self, match):
        name = match["holiday"]
        if not name[0].isupper():
            return None
        if not (match["relation"] or match["year"]) and self.holiday_as_observance(match):
            return None
        rule, grain = holidays()[words(name)]
        make = calendar.week if grain == "week" else calendar.day
        if match["year"]:
            return Reading(make(calendar.holiday_day(rule, self.year_number(match["year"]))))
        if self.reference is None:
            return Reading(value=f"XXXX-{rule}" if re.fullmatch(r"\d\d-\d\d", rule) else "XXXX-XX-XX")
        ref = self.reference
        # A holiday week is compared by its Monday: "Easter week" may have begun before publication.
        occurrences = [make(calendar.holiday_day(rule, year)).first for year in (ref.year - 1, ref.year, ref.year + 1)]
        relation = words(match["relation"] or "")
        if relation in ("last", "this past"):
            day = max(d for d in occurrences if d < ref)
        elif relation == "next":
            day = min(d for d in occurrences if d > ref)
        elif relation == "this":
            day = occurrences[1]
        else:
            day = self.nearest_occurrence(occurrences, match, future=False, follow_tense=True)
        return Reading(make(day))
