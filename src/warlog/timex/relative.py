"""Readers of expressions relative to another time: quarters, today and yesterday, weekdays, "last week",
"two years ago", "the next day", "a year earlier", references such as "recently"."""

from __future__ import annotations

import re
from datetime import timedelta

from warlog.timex import calendar
from warlog.timex.grammar import around
from warlog.timex.reading import Reading, words

# How far (characters) a week set by "last week" carries to a bare weekday: about a sentence. Each day
# named inside that week carries it one step further ("last week ... on Monday ... The next day ...").
_FRAME_REACH = 120


class RelativeReaders:
    """`Narrative`'s readers of relative expressions (one `_read_<kind>` per pattern; None: not a time)."""

    def _current_quarter(self) -> calendar.Period:
        return calendar.quarter(self.reference.year, (self.reference.month + 2) // 3)

    def _read_quarter(self, match):
        span = match["span"].lower()
        relation = words(match["quarter_relation"] or "")
        ordinal = self.grammar.ordinals.get(match["ordinal"].lower()) if match["ordinal"] else None
        if relation in ("the last", "the latter") and match["year_after"] and ordinal is None:
            ordinal = 2 if span == "half" else 4  # "the last half of 1989": its final quarter or half
        explicit_year = match["year"] or match["year_after"]
        year_relation = match["year_of"] or match["year_relation"]
        year_ago = bool(match["year_ago"] or match["year_ago_after"])
        if not (ordinal or relation or explicit_year or year_ago or match["year_of"]):
            return None  # a bare "quarter" or "period"
        comparison = year_ago or (match["same"] and year_relation)
        if span in ("period", "half") and not (ordinal or comparison or relation == "the latest"):
            return None
        if ordinal is not None and ordinal > (2 if span == "half" else 4):
            return None
        make = calendar.half if span == "half" else calendar.quarter
        if explicit_year and ordinal:
            return Reading(make(self.year_number(explicit_year), ordinal))
        if self.reference is None:
            return Reading(value=f"XXXX-{'H' if span == 'half' else 'Q'}{ordinal or 'X'}")
        ref = self.reference
        # The quarter a financial story is about: the last one named, else the last one closed.
        story_quarter = self.recent_quarter(match.start()) or calendar.shift(self._current_quarter(), months=-3)
        if ordinal:
            current = (1 if ref.month < 7 else 2) if span == "half" else (ref.month + 2) // 3
            future = relation == "next" or self.future_context(match.start(), match.end())
            year = ref.year if ordinal <= current or future else ref.year - 1
            period = make(year, ordinal)
        elif relation == "the current" and not year_relation:
            period = self._current_quarter()  # "current" is now, whatever quarter the story reports on
        elif relation == "this" and not year_relation:
            period = story_quarter if story_quarter.first.year == ref.year else self._current_quarter()
        elif relation == "next":
            period = calendar.shift(self._current_quarter(), months=3)
        elif relation in ("last", "the last", "the previous"):
            period = calendar.shift(self._current_quarter(), months=-3)
        else:
            period = story_quarter
        if explicit_year:
            return Reading(
                calendar.shift(period, years=self.year_number(explicit_year) - period.first.year), comparison=True
            )
        if year_relation:
            offset = {"last": -1, "this": 0, "next": 1}[year_relation.lower()]
            return Reading(calendar.shift(period, years=ref.year + offset - period.first.year), comparison=True)
        if year_ago:
            return Reading(calendar.shift(period, years=-1), comparison=True)
        # A quarter still running, spoken of in the future ("will result in a fourth-quarter charge"), is
        # a forecast: the story keeps reporting on the quarter it was about.
        forecast = period.last >= ref and self.future_context(match.start(), match.end())
        return Reading(period, comparison=forecast)

    def _read_quarter_code(self, match):
        if not match.group(0)[0].isupper():
            return None
        index = int(match["index"])
        if match["code"].upper() == "H" and index > 2:
            return None
        make = calendar.half if match["code"].upper() == "H" else calendar.quarter
        if match["year"]:
            return Reading(make(self.year_number(match["year"]), index))
        if self.reference is None:
            return None
        current = (self.reference.month + 2) // 3
        year = self.reference.year if index <= current or make is calendar.half else self.reference.year - 1
        return Reading(make(year, index))

    def _read_deictic(self, match):
        word = words(match["deictic"])
        if word in ("today", "tomorrow") and not match["modifier"] and not match["part"] and self.generic(match):
            return None
        part = self.grammar.day_parts.get(words(match["part"])) if match["part"] else None
        offsets = {
            "today": 0,
            "tonight": 0,
            "yesterday": -1,
            "tomorrow": 1,
            "last night": -1,
            "overnight": -1,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
        }
        offset = offsets.get(word, 0)
        if word in ("tonight", "last night", "overnight"):
            part = "NI"
        elif word.startswith("this "):
            part = self.grammar.day_parts.get(word.split()[1])
        if self.reference is None:
            return Reading(value="XXXX-XX-XX")
        self.week_frame = None
        return Reading(calendar.day(self.reference + timedelta(days=offset)), part=part)

    def _read_weekday(self, match):
        word = match["weekday"]
        if not word[0].isupper():
            return None
        weekday = self.grammar.weekdays[word.lower().rstrip(".")]
        relation = words(match["relation"] or "")
        anchor = words(match["anchor"] or "")
        ref = self.reference
        if ref is None:
            return Reading(value=f"XXXX-WXX-{weekday + 1}")
        monday = ref - timedelta(days=ref.weekday())
        if anchor in ("the previous", "the following", "the next"):
            base = self.anchor_day()
            step = -1 if anchor == "the previous" else 1
            d = base + timedelta(days=step)
            while d.weekday() != weekday:
                d += timedelta(days=step)
        elif relation == "last":
            # "last Friday" is Friday of last week, except at a weekend, when this working week is over.
            d = monday - timedelta(days=7) + timedelta(days=weekday)
            if ref.weekday() >= 5 and weekday < ref.weekday():
                d += timedelta(days=7)
            self.set_frame(calendar.week(d), match.end())
        elif relation == "this past":
            d = calendar.latest_weekday_before(ref - timedelta(days=1), weekday)
        elif relation == "this":
            d = monday + timedelta(days=weekday)
        elif relation in ("next", "this coming", "coming"):
            d = (
                monday + timedelta(days=7 + weekday)
                if relation == "next"
                else calendar.next_weekday_after(ref, weekday)
            )
        else:
            d = None
            if (
                self.week_frame is not None
                and match.start() - self.frame_touched <= _FRAME_REACH
                and not self.reporting_day(match.start())
            ):
                framed = self.week_frame.first + timedelta(days=weekday)
                if framed <= ref:
                    d = framed
                    self.frame_touched = match.end()
            if d is None:
                if self.future_context(match.start(), match.end()) or (
                    self.deadline(match.start(), match.end()) and not self.past_context(match.start(), match.end())
                ):
                    d = calendar.next_weekday_after(ref - timedelta(days=1), weekday)
                else:
                    d = calendar.latest_weekday_before(ref, weekday)
        return Reading(calendar.day(d), part=self.clock_time(match))

    @staticmethod
    def clock_time(match: re.Match[str]) -> str | None:
        """The clock time before a weekday as TIMEX3 writes it ("9 a.m." is "09:00", "12 p.m." "12:00")."""
        if not match["hour"] or not 1 <= int(match["hour"]) <= 12:
            return None
        hour = int(match["hour"]) % 12 + (12 if match["meridiem"].lower() == "p" else 0)
        return f"{hour:02d}:{match['minute'] or '00'}"

    def _read_calendar_unit(self, match):
        unit = match["unit"].lower()
        relation = words(match["relation"])
        modifier = self.modifier(match)
        if relation == "the" and not (modifier or unit in ("weekend", "year") or match["whole"]):
            return None
        if self.reference is None:
            return Reading(value={"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX"}.get(unit, "XXXX"))
        ref = self.reference
        make = {
            "week": calendar.week,
            "weekend": calendar.weekend,
            "month": lambda d: calendar.month(d.year, d.month),
            "year": lambda d: calendar.year(d.year),
        }[unit]
        if relation in ("the previous", "the following", "that", "the same"):
            # "that year" is the year of the last period named ("in June 1998 ... later that year").
            last = self.last_period
            if last is not None and calendar.GRAIN_SIZE.get(last.grain, 99) <= calendar.GRAIN_SIZE[unit]:
                base = last if last.grain == unit else make(last.first)
            else:
                base = make(self.anchor_day())
            step = {"the previous": -1, "the following": 1}.get(relation, 0)
        else:
            base = make(ref)
            step = {"last": -1, "this past": -1, "the past": -1, "next": 1, "the coming": 1}.get(relation, 0)
            if (match["whole"] or "").lower().startswith("latest"):
                step = -1  # "the latest fiscal year": the last one closed, as "the latest quarter"
            if unit == "weekend" and relation in ("the", "this past") and ref.weekday() < 5:
                step = -1  # "over the weekend" in a weekday report: the one just gone
            if (
                unit == "weekend"
                and relation == "this"
                and ref.weekday() < 5
                and not self.future_context(match.start(), match.end())
            ):
                step = -1
        period = calendar.shift(
            base,
            **{
                "days" if unit in ("week", "weekend") else ("months" if unit == "month" else "years"): step
                * (7 if unit in ("week", "weekend") else 1)
            },
        )
        if unit == "week":
            self.set_frame(period, match.end())
        return Reading(period, modifier=modifier)

    def _offset(self, base: calendar.Period, number: int, unit: str, sign: int) -> calendar.Period:
        code = self.grammar.units[unit.lower()]
        count = number * (int(code[:-1]) if code[:-1] else 1) * sign
        letter = code[-1]
        if letter == "D":
            return calendar.day(base.first + timedelta(days=count))
        if letter == "W":
            return calendar.week(base.first + timedelta(days=7 * count))
        if letter == "M":
            return calendar.month(base.first.year, base.first.month + count)
        if letter == "Q":
            return calendar.quarter(base.first.year, (base.first.month + 2) // 3 + count)
        return calendar.year(base.first.year + count)

    def _read_ago(self, match):
        if self.reference is None:
            return Reading(value="PAST_REF")
        number, unit = self.number(match["number"]), match["unit"]
        if number is None:
            return Reading(value="PAST_REF")
        code = self.grammar.units[unit.lower()]
        if code == "Y" and number == 1:
            return Reading(self._year_before_publication(match.start()), comparison=True)
        if code == "10Y":
            return Reading(calendar.year(self.reference.year - 10 * number))
        return Reading(self._offset(calendar.day(self.reference), number, unit, -1))

    def _read_counted_offset(self, match):
        number, unit = self.number(match["number"]), match["unit"]
        if number is None:
            return None
        sign = 1 if match["direction"].lower().startswith(("later", "after")) else -1
        code = self.grammar.units[unit.lower()]
        if code[-1] in ("D", "W"):
            base_day = self.anchor_day()
            if base_day is None:
                return Reading(value="XXXX-XX-XX")
            # "a week later" counts days from the last day named: the story moves on by a week.
            return Reading(calendar.day(base_day + timedelta(days=sign * number * (7 if code[-1] == "W" else 1))))
        base = self.last_period or (calendar.day(self.reference) if self.reference else None)
        if base is None:
            return Reading(value="XXXX")
        if code == "Y" and base.grain in ("day", "month", "quarter", "year", "season", "half"):
            return Reading(calendar.shift(base, years=sign * number))
        return Reading(self._offset(base, number, unit, sign))

    def _year_before_publication(self, start: int) -> calendar.Period:
        """ "a year ago", "year-ago": last year, or last year's quarter when the story is about one."""
        quarter = self.recent_quarter(start)
        if quarter is not None:
            return calendar.shift(quarter, years=-1)
        return calendar.year(self.reference.year - 1)

    def _read_year_ago(self, match):
        direction = words(match["direction"])
        last = self.last_period
        if self.reference is None and last is None:
            return Reading(value="XXXX")
        base = last or calendar.day(self.reference)
        if direction in ("that year", "the same year"):
            return Reading(calendar.year(base.first.year))
        if direction in ("a year earlier", "year-earlier") and base.grain == "day":
            return Reading(calendar.shift(base, years=-1), comparison=True)
        if direction in ("a year ago", "year-ago", "a year earlier", "year-earlier") and self.reference:
            return Reading(self._year_before_publication(match.start()), comparison=True)
        sign = 1 if direction in ("the following year", "the next year") else -1
        return Reading(calendar.year(base.first.year + sign))

    def _read_narrative_day(self, match):
        phrase = words(match["relative_day"])
        if self.last_day is None and phrase.startswith(("that", "the same")):
            return None  # "you have redemptions that day": an anaphor with no day named before it is generic
        base = self.anchor_day()
        if base is None:
            return Reading(value="XXXX-XX-XX")
        if self.restates_last_day(match, phrase):
            offset = 0  # "Oct. 12, the day before the crash": Oct. 12 itself, told by the event after it
        elif any(w in phrase for w in ("next", "following", "after", "later")):
            offset = 1
        elif any(w in phrase for w in ("before", "previous", "earlier")):
            offset = -1
        else:
            offset = 0
        part = next((code for word, code in self.grammar.day_parts.items() if phrase.endswith(word)), None)
        return Reading(calendar.day(base + timedelta(days=offset)), part=part)

    def restates_last_day(self, match: re.Match[str], phrase: str) -> bool:
        """Whether "the day before/after" is in apposition to the day just named and leads to an event of
        its own ("Oct. 12, the day before the crash"), so it names that day again."""
        return (
            phrase in ("the day before", "the day after")
            and self.last_day_end >= 0
            and self.text[self.last_day_end : match.start()] == ", "
            and bool(re.match(r"\s+[a-z]", self.text[match.end() : match.end() + 2]))
        )

    def _read_ordinal_day(self, match):
        """ "today is the eighth day of the strike", "it's the second day of an offensive": the day of
        publication, which the sentence numbers. Elsewhere the count has no start to run from."""
        if self.reference is None or not around("today_is", r"\b(?:{})\s+$", re.IGNORECASE).search(
            self.text[max(0, match.start() - 12) : match.start()]
        ):
            return None
        return Reading(calendar.day(self.reference))

    def _read_year_end(self, match):
        """ "year-end": the end of this year, or of last year's in "since year-end"."""
        if self.reference is None:
            return Reading(value="XXXX")
        relation = (match["relation"] or "").lower()
        offset = {"last": -1, "next": 1}.get(relation, 0)
        if not relation and self.after_since(match.start()):
            offset = -1
        return Reading(calendar.year(self.reference.year + offset), modifier="end")

    def _read_reference(self, match):
        phrase = words(match["reference"])
        if phrase.endswith("the past") and self.grammar.counted_stretch.match(self.text, match.end()):
            return None  # "the past four years", "the past century": a stretch, read as such or not at all
        if phrase == "soon" and (
            around("soon_followers", r"\s+(?:{})\b", re.IGNORECASE).match(self.text, match.end())
            or self.text[max(0, match.start() - 3) : match.start()].lower() == "as "
            or self.past_context(match.start(), match.end())
        ):
            return None  # "soon after the attack", "as soon as", "was soon released": not the future
        if phrase.endswith("recently") and self.precedes_expression(match.end()):
            return None  # "most recently last October": the expression that follows says when
        if phrase == "now" and self.text[match.end() : match.end() + 1] == "," and self.sentence_start(match.start()):
            return None  # "Now, he says, ...": the discourse marker that opens a sentence
        if phrase == "one day" and not around("modals", r"\b(?:{})\s+$", re.IGNORECASE).search(
            self.text[max(0, match.start() - 8) : match.start()]
        ):
            return None  # "Islam will one day be ...", but "in only one day", "one day later"
        if phrase == "the future" and not self.temporal_future(match):
            return None  # "the future of the region", "the future looks bleak": prospects, not a time
        return Reading(value=self.grammar.references[phrase])
