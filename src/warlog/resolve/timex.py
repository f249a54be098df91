"""Temporal expressions: find them, normalise them to TIMEX3 values, anchor them in the narrative.

Rule-based on precompiled regular expressions built from `data/timex/lexicon.json` (dateparser's
`search_dates` invents dates such as "Su-24" and has no notion of weeks, quarters or narrative).
Expressions are read in text order by a `_Narrative` that remembers the last day and period named
and the week a story is set in, so "last week ... on Monday ... the next day ... on Wednesday" all
land in the same week. Conventions follow TimeML/TimeBank: "Friday" is the latest Friday at or
before the publication date unless the clause speaks of the future, "last year" is a year value,
"the 1990s" is "199", "recently" is PAST_REF.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib.resources import files

from warlog.records import Analysis, Timex

_GRAIN_SIZE = {"day": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5}
_GRAINS_WITH_DAYS = ("day", "week", "weekend", "month", "quarter", "half", "season", "year")
_CLAUSE_BREAK = re.compile(r"[.!?;\n]\s|\b(?:said|says|saying|that|when|but)\b|,")
_SENTENCE_BREAK = re.compile(r"[.!?;\n]\s")
_REPORTING_VERB = re.compile(
    r"\b(?:said|says|told|announced|reported|declared|stated|added|confirmed)(?:\s+on)?\s+$", re.IGNORECASE
)
# Expressions made of common words (unlike months and weekdays, capitalised only at a sentence start).
_COMMON_WORD_KINDS = frozenset(
    ("calendar_unit", "deictic", "season", "reference", "narrative_day", "ordinal_day", "year_end")
)
_SOON_CONJUNCTION = re.compile(r"\s+(?:after|afterwards?|as|enough)\b", re.IGNORECASE)
_LIST_JOINT = re.compile(r"\s*(?:and|or|to|&)\s+", re.IGNORECASE)
_PERIOD_ENDED = re.compile(r"\bended(?:\s+on)?\s+$", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:by|until|till|through)\s+$", re.IGNORECASE)
_TIME_PREPOSITION = re.compile(r"\b(?:in|into|for|about|until|till|toward|towards|to|from|near)\s+$", re.IGNORECASE)
_ATTRIBUTIVE_HEAD = re.compile(r"\s+(?!(?:for|from|against|through|across|into|towards?|with|past)\b)[a-z]{3,}")
_PRESENT_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|plans?\s+to|is\s+(?:scheduled|set|expected|due)\s+to|are\s+(?:scheduled|set|expected|due)\s+to"
    r"|is\s+to|are\s+to|intends?\s+to)\b",
    re.IGNORECASE,
)
_TODAY_IS = re.compile(r"\b(?:today\s+(?:is|marks)|it\s+is|it['’]s|this\s+is)\s+$", re.IGNORECASE)
_COPULA = re.compile(r"\s+(?:is|was|falls|fell)(?:\s+on)?\s+", re.IGNORECASE)
_TIME_OF = re.compile(
    r"\b(?:eve|day|night|morning|afternoon|evening|week|weekend|run-up|start|beginning|middle|end)\s+of\s+$"
)
_MODAL = re.compile(r"\b(?:will|would|could|may|might|shall|can)\s+$", re.IGNORECASE)
_PAST_PERFECT = re.compile(r"\bhad\b", re.IGNORECASE)
# How far (characters) a week set by "last week" carries to a bare weekday: about a sentence. Each day
# named inside that week carries it one step further ("last week ... on Monday ... The next day ...").
_FRAME_REACH = 120
# How far (characters) a quarter named carries to "the quarter" and "a year ago": a paragraph or two.
_QUARTER_REACH = 400
# How much closer an upcoming yearless date must be than the past one to win ("Dec. 7" in October).
_FUTURE_PENALTY_DAYS = 60
# A past-tense event dated a day or two after publication is a time-zone or dateline slip, not last year.
_PUBLICATION_SLACK_DAYS = 3


@dataclass(frozen=True, slots=True)
class _Period:
    """The stretch of calendar an expression points at: its TIMEX3 value and first/last days."""

    grain: str  # day, week, weekend, month, quarter, half, season, year, decade, century
    first: date
    last: date
    value: str


def _day(d: date) -> _Period:
    return _Period("day", d, d, d.isoformat())


def _week(any_day: date) -> _Period:
    monday = any_day - timedelta(days=any_day.weekday())
    year, week, _ = monday.isocalendar()
    return _Period("week", monday, monday + timedelta(days=6), f"{year:04d}-W{week:02d}")


def _weekend(any_day: date) -> _Period:
    week = _week(any_day)
    saturday = week.first + timedelta(days=5)
    return _Period("weekend", saturday, week.last, f"{week.value}-WE")


def _month(year: int, month: int) -> _Period:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return _Period("month", date(year, month, 1), date(year, month, last), f"{year:04d}-{month:02d}")


def _quarter(year: int, quarter: int) -> _Period:
    year, quarter = year + (quarter - 1) // 4, (quarter - 1) % 4 + 1
    first = _month(year, 3 * quarter - 2).first
    return _Period("quarter", first, _month(year, 3 * quarter).last, f"{year:04d}-Q{quarter}")


def _half(year: int, half: int) -> _Period:
    return _Period("half", date(year, 6 * half - 5, 1), _month(year, 6 * half).last, f"{year:04d}-H{half}")


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # meteorological seasons


def _season(year: int, code: str) -> _Period:
    first_month, last_month = _SEASON_MONTHS[code]
    return _Period("season", _month(year, first_month).first, _month(year, last_month).last, f"{year:04d}-{code}")


def _year(year: int) -> _Period:
    return _Period("year", date(year, 1, 1), date(year, 12, 31), f"{year:04d}")


def _decade(first_year: int) -> _Period:
    return _Period("decade", date(first_year, 1, 1), date(first_year + 9, 12, 31), f"{first_year // 10:03d}")


def _century(number: int) -> _Period:
    first_year = 100 * (number - 1)
    return _Period("century", date(max(first_year, 1), 1, 1), date(first_year + 99, 12, 31), f"{number - 1:02d}")


def _shift(period: _Period, years: int = 0, months: int = 0, days: int = 0) -> _Period:
    """The period of the same grain moved by a calendar offset."""
    if period.grain in ("day", "week", "weekend"):
        moved = period.first + timedelta(days=days)
        if years or months:
            moved = _add_months(moved, 12 * years + months)
        return {"day": _day, "week": _week, "weekend": _weekend}[period.grain](moved)
    total_months = 12 * years + months
    if period.grain == "month":
        return _month(period.first.year, period.first.month + total_months)
    if period.grain == "quarter":
        return _quarter(period.first.year, (period.first.month + 2) // 3 + total_months // 3)
    if period.grain == "season":
        return _season(period.first.year + years, period.value[-2:])
    if period.grain == "half":
        return _half(period.first.year + years, 1 if period.first.month < 7 else 2)
    return _year(period.first.year + total_months // 12)


def _add_months(d: date, months: int) -> date:
    year, month = d.year + (d.month - 1 + months) // 12, (d.month - 1 + months) % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


# --------------------------------------------------------------------------------------------------
# Lexicon and grammar


@cache
def _lexicon() -> dict:
    return json.loads(files("warlog").joinpath("data/timex/lexicon.json").read_text(encoding="utf-8"))


def _alternation(words) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def _holidays() -> dict[str, tuple[str, str]]:
    """Holiday name -> (rule, grain), from `data/timex/holidays.tsv` (format in its README)."""
    lines = files("warlog").joinpath("data/timex/holidays.tsv").read_text(encoding="utf-8").splitlines()
    rows = (line.split("\t") for line in lines if line.strip() and not line.startswith("#"))
    return {name: (rule, grain) for name, rule, grain in rows}


def _easter(year: int) -> date:
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


def _holiday_day(rule: str, year: int) -> date:
    if rule.startswith("easter"):
        return _easter(year) + timedelta(days=int(rule[6:]))
    if "/" not in rule:
        month, day = rule.split("-")
        return date(year, int(month), int(day))
    month, nth, rest = rule.split("/")
    weekday, _, shift = rest.partition("+")
    weekday_number = _WEEKDAY_CODES.index(weekday)
    if int(nth) > 0:
        first = date(year, int(month), 1)
        day = first + timedelta(days=(weekday_number - first.weekday()) % 7 + 7 * (int(nth) - 1))
    else:
        last = _month(year, int(month)).last
        day = last - timedelta(days=(last.weekday() - weekday_number) % 7)
    return day + timedelta(days=int(shift or 0))


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    core_words: dict[str, tuple[str, ...]]  # word (or digit count) -> kinds of pattern built around it
    cored_kinds: frozenset[str]  # the others (iso, numeric, Q1) are cheap to scan whole
    future_cue: re.Pattern[str]
    past_cue: re.Pattern[str]
    day_month: re.Pattern[str]  # the day_month pattern, to read the date a listed day leans on
    counted_stretch: re.Pattern[str]  # what follows "the past" in "the past four years", "the past century"
    era_noun: re.Pattern[str]  # what follows a generic "today's": "today's youth", "today's personal computers"
    # (not a vague count: "the past several quarters" is a vague past, PAST_REF)
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    day_parts: dict[str, str]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    decade_words: dict[str, int]
    units: dict[str, str]
    references: dict[str, str]
    modifiers: dict[str, str]


@cache
def _grammar() -> _Grammar:
    lex = _lexicon()
    month = rf"(?P<month>{_alternation(lex['months'])})\.?"
    need_period = set(lex["weekday_abbreviations_need_period"])
    weekday_words = [w for w in lex["weekdays"] if w not in need_period]
    weekday = rf"(?P<weekday>(?:{_alternation(weekday_words)})\b|(?:{_alternation(need_period)})\.)"
    lead_weekday = rf"(?:(?:{_alternation(lex['weekdays'])})\.?,?\s+)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    number_words = lex["numbers"]
    units = _alternation(w for w, n in number_words.items() if 1 <= n <= 9 and " " not in w and len(w) > 2)
    teens = _alternation(w for w, n in number_words.items() if 10 <= n <= 19)
    tens = _alternation(w for w, n in number_words.items() if n >= 10 and (n < 20 or n % 10 == 0))
    spelled_year = (
        rf"(?:nineteen|eighteen)\s+(?:hundred\s+(?:and\s+)?)?(?:{tens})(?:[-\s](?:{units}))?"
        rf"|two\s+thousand(?:\s+and)?(?:\s+(?:{units}|{teens}))?"
    )
    year = rf"(?P<year>1[6-9]\d\d|20\d\d|{spelled_year})"
    number = rf"(?P<number>\d+|{_alternation([*lex['numbers'], *lex['vague_numbers']])})"
    unit = rf"(?P<unit>{_alternation(lex['units'])})"
    ordinal = rf"(?P<ordinal>{_alternation(lex['ordinals'])})"
    modifier_words = [w for words in lex["modifiers"].values() for w in words if not w.endswith("-")]
    modifier = rf"(?:(?P<modifier>{_alternation(modifier_words)})\s+|(?P<mid>mid)-)"
    approx = (
        r"(?:(?P<approx>around|about|approximately|circa|on\s+or\s+(?:about|around|before|after)"
        r"|as\s+reported\s+on)\s+)?"
    )
    date_lead = (
        r"(?:(?P<week_of>(?:during\s+)?the\s+week\s+(?:of|beginning|starting|commencing)\s+)"
        r"|(?P<day_relation>last|this\s+past|next|this\s+coming)\s+)?" + approx
    )
    part = rf"(?:\s+(?P<part>{_alternation(lex['day_parts'])}))?"
    anchor_word = r"(?P<anchor>the\s+previous|the\s+following|the\s+next|that)"
    relation = r"(?P<relation>this\s+past|this\s+coming|last|this|next|coming|past)"
    day_modifier = r"(?:(?P<modifier>early|late|earlier|later)\s+)?"
    references = _alternation(w for ws in lex["references"].values() for w in ws)
    # A clock time leading a weekday: "9 a.m. Tuesday", "4:30 p.m. EST on Friday".
    clock = (
        r"(?:(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<meridiem>[ap])\.m\.?"
        rf"(?:\s+(?:{_alternation(lex['time_zones'])})\b)?\s+(?:on\s+)?)"
    )
    patterns = {
        "iso": r"\b(?P<year>\d{4})-(?P<month_number>[01]?\d)-(?P<day_number>[0-3]?\d)\b",
        # "16/11/2015", "11/16/15", "16.11.2015"; with hyphens only before a four-digit year ("28-08-2016"),
        # since "3-2-1" or a score "10-12-14" is no date.
        "numeric": (
            r"\b(?P<first>[0-3]?\d)(?P<separator>[/.]|-(?=[0-3]?\d-\d{4}\b))(?P<second>[0-3]?\d)(?P=separator)"
            r"(?P<year>\d{4}|\d{2})\b(?![/.-]\d)"
        ),
        "day_month": rf"\b{date_lead}{lead_weekday}?(?:the\s+)?{day}(?:\s+of)?\s+{month}(?:,?\s+{year})?\b",
        # A day number joined to a full date: "9 and 10 May" (the 9), "April 24 and 25" (the 25).
        "listed_day": (
            r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?=\s*(?:and|or|to|&|-|–)\s*(?P<next>(?:the\s+)?[0-3]?\d"
            rf"(?:st|nd|rd|th)?(?:\s+of)?\s+{month.replace('?P<month>', '?:')}))"
            r"|(?:(?<=\band\s)|(?<=\bor\s)|(?<=\bto\s)|(?<=&\s))(?P<after>[0-3]?\d)(?:st|nd|rd|th)?\b(?![.,]?\d|\s*%)"
            # not a count: "on May 5 and 12 people died"
            r"(?!\s+(?!(?:in|at|on|and|or|when|during|the|of|with|to|for|before|after|while|as)\b)[a-z])"
        ),
        "month_day": rf"\b{date_lead}{lead_weekday}?{month}\s+{day}\b(?!\s*%|:\d|,\d)(?:,?\s+{year}\b)?",
        "month": (
            rf"\b{modifier}?(?:{relation}\s+)?{month}\b"
            rf"(?:,?\s+(?:of\s+)?(?:{year}\b|(?P<year_relation>last|this|next)\s+year\b))?"
        ),
        "year": (
            rf"(?<![$£€\d.,])\b(?:{modifier}|(?:the\s+)?(?P<fiscal>fiscal(?:\s+year)?)\s+|the\s+year\s+)?{year}\b"
            r"(?!\s*%|[.,]\d|-\d)"
        ),
        "decade": (
            rf"\b(?:the\s+)?{modifier}?(?:(?P<decade>1[0-9]\d0|20\d0)'?s|'(?P<short_decade>\d0)s"
            rf"|(?P<decade_word>{_alternation(lex['decade_words'])}))\b"
        ),
        "century": rf"\b(?:the\s+)?(?:(?P<century>\d{{1,2}})(?:st|nd|rd|th)|{ordinal})[\s-]+century\b",
        "quarter": (
            r"\b(?:(?P<quarter_relation>the\s+latest|the\s+current|the\s+previous|the\s+most\s+recent"
            r"|the\s+same|the\s+last|the\s+latter|the|this|last|next|that)\s+)?(?:(?P<same>comparable|corresponding|same)\s+)?"
            r"(?:(?P<year_ago>year-ago|year-earlier)\s+)?"
            rf"(?:(?:{year}|(?P<year_of>last|this|next)\s+year's)\s+)?(?:(?:fiscal|calendar)\s+)?"
            rf"(?:(?:{ordinal})[\s-]+(?:fiscal\s+)?)?(?P<span>quarter|half|period)\b(?!-to-)"
            r"(?:\s+of\s+(?:fiscal\s+)?(?P<year_after>1[6-9]\d\d|20\d\d)\b"
            r"|\s+(?:of\s+)?(?P<year_relation>last|this|next)\s+year\b|\s+(?P<year_ago_after>a\s+year\s+(?:ago|earlier))\b)?"
        ),
        "quarter_code": rf"\b(?P<code>[QH])(?P<index>[1-4])\b(?:\s+{year}\b)?",
        "season": (
            rf"\b(?:(?:{relation}|the)\s+)?{modifier}?(?P<season>{_alternation(lex['seasons'])})\b"
            rf"(?:\s+(?:of\s+)?{year}\b)?"
        ),
        "deictic": (
            rf"\b{day_modifier}(?P<deictic>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
            rf"|today|tonight|yesterday|tomorrow|last\s+night|overnight|this\s+(?:morning|afternoon|evening))\b{part}"
        ),
        "weekday": (
            r"\b(?:(?:in\s+)?the\s+(?P<early_hours>early\s+hours|small\s+hours|early\s+morning)\s+of\s+)?"
            rf"{clock}?{day_modifier}(?:(?:{relation}|{anchor_word})\s+)?{weekday}{part}"
        ),
        "calendar_unit": (
            rf"\b{modifier}?(?:(?P<relation>this\s+past|the\s+past|last|this|next|the\s+coming|the\s+current"
            r"|the\s+previous|the\s+following|the\s+same|that|the)\s+)"
            r"(?:(?P<whole>full|latest\s+fiscal|fiscal)\s+)?(?P<unit>week|weekend|month|year)\b(?!-to-)"
        ),
        "year_end": r"\b(?:(?:the|this|(?P<relation>last|next))\s+)?year(?:'s)?[-\s]end\b",
        "year_ago": (
            r"\b(?:the\s+)?(?P<direction>year-ago|year-earlier|a\s+year\s+earlier|a\s+year\s+ago"
            r"|the\s+previous\s+year|the\s+following\s+year|the\s+next\s+year|that\s+year|the\s+same\s+year)\b"
        ),
        "ago": (
            r"\b(?:(?:about|nearly|almost|some|around|roughly|more\s+than|less\s+than|over|just)\s+)?"
            rf"{number}\s+{unit}(?:\s+or\s+so)?\s+ago\b"
        ),
        "counted_offset": (
            rf"\b{number}\s+{unit}\s+(?P<direction>later|earlier|after|before|afterwards?|previously)\b"
        ),
        # "the eighth day" of something: which day it is only in "today is the eighth day of the siege".
        "ordinal_day": rf"\b(?:the\s+)?(?:{ordinal}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:straight\s+)?day\b",
        "narrative_day": (
            rf"\b{day_modifier}(?P<relative_day>the\s+next\s+day|the\s+following\s+day|the\s+day\s+after"
            r"|the\s+day\s+before|the\s+previous\s+day|the\s+same\s+day|that\s+day|a\s+day\s+(?:later|earlier)"
            r"|the\s+(?:next|following|previous)\s+(?:morning|evening|night)"
            r"|that\s+(?:morning|afternoon|evening|night))\b"
        ),
        "reference": rf"\b(?P<reference>{references})\b",
        "holiday": (
            rf"\b(?:(?P<relation>last|this|next|this\s+past)\s+)?(?P<holiday>{_alternation(_holidays())})\b"
            rf"(?:,?\s+(?:of\s+)?{year}\b)?"
        ),
    }
    # The words every match of a pattern must contain (the last word of a listed phrase): matches are
    # sought only around them (see `_matches`). Digits stand for themselves, by length.
    day_words = ("today", "tonight", "yesterday", "tomorrow", "night", "overnight", "morning", "afternoon", "evening")
    cores = {
        "day_month": lex["months"],
        "month_day": lex["months"],
        "month": lex["months"],
        "year": ("nineteen", "eighteen", "two", "4"),
        "decade": (*lex["decade_words"], "2", "4"),
        "century": ("century",),
        "listed_day": ("1", "2"),
        "quarter": ("quarter", "half", "period"),
        "season": lex["seasons"],
        "deictic": day_words,
        "weekday": lex["weekdays"],
        "calendar_unit": ("week", "weekend", "month", "year"),
        "year_end": ("year",),
        "ago": ("ago",),
        "counted_offset": ("later", "earlier", "after", "before", "afterwards", "afterward", "previously"),
        "year_ago": ("year",),
        "ordinal_day": ("day",),
        "narrative_day": ("day", "morning", "afternoon", "evening", "night", "later", "earlier"),
        "holiday": [name.split()[-1] for name in _holidays()],
        "reference": [re.split(r"\W+", w)[-1] or w for ws in lex["references"].values() for w in ws],
    }
    core_words: dict[str, list[str]] = {}
    for kind, words in cores.items():
        for word in dict.fromkeys(w.lower() for w in words):
            core_words.setdefault(word, []).append(kind)
    modifiers = {w: kind for kind, words in lex["modifiers"].items() for w in words}
    return _Grammar(
        patterns=tuple((name, re.compile(p, re.IGNORECASE)) for name, p in patterns.items()),
        core_words={word: tuple(kinds) for word, kinds in core_words.items()},
        cored_kinds=frozenset(cores),
        # Not inside a compound: "lower-than-expected earnings" says nothing of the future.
        future_cue=re.compile(rf"(?<!-)\b(?:{_alternation(lex['future_cues'])})\b", re.IGNORECASE),
        # Listed past forms, and regular ones ("-ed"; "expected" and the like are future cues, read first).
        past_cue=re.compile(rf"\b(?:{_alternation(lex['past_cues'])}|[a-z]{{3,}}ed)\b", re.IGNORECASE),
        day_month=re.compile(patterns["day_month"], re.IGNORECASE),
        counted_stretch=re.compile(
            rf"\s+(?:(?:\d+|{_alternation(lex['numbers'])})\s+)?"
            rf"(?:{_alternation([*lex['units'], 'century', 'hours', 'hour'])})\b",
            re.IGNORECASE,
        ),
        # "'s", then at most two words, the last one a noun naming an era or its people.
        era_noun=re.compile(rf"['’]s\s+(?:[a-z-]+\s+){{0,2}}?(?:{_alternation(lex['era_nouns'])})\b"),
        months=lex["months"],
        ambiguous_months=frozenset(lex["ambiguous_month_words"]),
        weekdays=lex["weekdays"],
        seasons=lex["seasons"],
        day_parts=lex["day_parts"],
        numbers=lex["numbers"],
        ordinals=lex["ordinals"],
        decade_words=lex["decade_words"],
        units=lex["units"],
        references={w.lower(): value for value, ws in lex["references"].items() for w in ws},
        modifiers={re.sub(r"\s+", " ", w): kind for w, kind in modifiers.items()},
    )


# --------------------------------------------------------------------------------------------------
# Reading expressions in narrative order


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


@dataclass(slots=True)
class _Reading:
    """What one expression says: a period (with a modifier) or a reference value."""

    period: _Period | None = None
    value: str | None = None  # for references and unresolved expressions
    modifier: str | None = None  # start, mid, end
    part: str | None = None  # TIMEX3 time of day: MO, AF, EV, NI, or a clock time HH:MM
    approximate: bool = False
    comparison: bool = False  # "a year earlier", a forecast: compared with, not what the story is about


class _Narrative:
    """The reader's state: publication date, last day and period named, the week the story is in."""

    def __init__(self, text: str, published: date | None, grammar: _Grammar) -> None:
        self.text = text
        self.grammar = grammar
        self.reference = published
        self.last_day: date | None = None
        self.last_period: _Period | None = None
        self.story_quarter: _Period | None = None  # the last quarter named: what a financial story is about
        self.story_quarter_end = 0  # where it was named
        self.week_frame: _Period | None = None
        self.frame_touched = 0  # where the week frame was last set or used
        self.last_day_end = -1  # where the last day named ends
        self.expression_starts: frozenset[int] = frozenset()  # where candidate expressions begin

    # ---- helpers

    def future_context(self, start: int, end: int) -> bool:
        """Whether the clause around an expression speaks of the future ("will meet on Friday")."""
        left = self.text[max(0, start - 90) : start]
        left = _CLAUSE_BREAK.split(left)[-1]
        right = _CLAUSE_BREAK.split(self.text[end : end + 30])[0]
        if self.grammar.future_cue.search(left) or self.grammar.future_cue.search(right):
            return True
        # A fronted adverbial ("On Tuesday, the league will hold a rally") takes the tense of the main
        # clause after its comma; only present-tense cues count ("planned to" may be told in the past).
        fronted = re.match(r"\s*,\s*", self.text[end : end + 3]) and self.sentence_start(
            start - 3 if self.text[max(0, start - 3) : start].lower() == "on " else start
        )
        if fronted:
            main = _SENTENCE_BREAK.split(self.text[end : end + 80])[0]
            return bool(_PRESENT_FUTURE.search(main))
        return False

    def past_context(self, start: int, end: int) -> bool:
        """Whether the clause around an expression is told in the past tense ("fighting flared in March")."""
        left = _SENTENCE_BREAK.split(self.text[max(0, start - 90) : start])[-1]
        right = _SENTENCE_BREAK.split(self.text[end : end + 60])[0]  # "In March, the army took ..."
        cue = self.grammar.past_cue
        return bool(cue.search(left) or cue.search(right))

    def after_since(self, start: int) -> bool:
        return self.text[max(0, start - 6) : start].lower().rstrip().endswith("since")

    def in_a_name(self, match: re.Match[str]) -> bool:
        """Whether common words written capitalised are a title or name ("VOA Today", ABC's "This Week",
        "Now Media"): capitalised after a word inside a sentence, or two or more of them after a quote."""
        words = re.findall(r"[^\W\d_]+", match.group(0))
        if not all(w[0].isupper() for w in words):
            return False
        before = self.text[max(0, match.start() - 3) : match.start()].rstrip(" \t")
        if not before:
            return False
        return before[-1].isalnum() or before[-1] in ",'’" or (before[-1] in '"“`' and len(words) > 1)

    def closes_completed_period(self, start: int) -> bool:
        """Whether a date is the end of a period told as over ("the quarter ended Sept. 30")."""
        return bool(_PERIOD_ENDED.search(self.text[max(0, start - 12) : start]))

    def deadline(self, start: int, end: int) -> bool:
        """Whether an expression closes a stretch of time ("by May", "until March") outside a past perfect
        ("by May they had left")."""
        if not _DEADLINE.search(self.text[max(0, start - 10) : start]):
            return False
        clause = _CLAUSE_BREAK.split(self.text[max(0, start - 90) : start])[-1]
        clause += _SENTENCE_BREAK.split(self.text[end : end + 60])[0]
        return not _PAST_PERFECT.search(clause)

    def reporting_day(self, start: int) -> bool:
        """Whether a weekday dates the reporting ("officials said Sunday"): news style for the dateline."""
        return bool(_REPORTING_VERB.search(self.text[max(0, start - 30) : start]))

    def recent_quarter(self, start: int) -> _Period | None:
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
        return self.grammar.modifiers.get(_words(word)) if word else None

    def number(self, word: str) -> int | None:
        """The count a number word says, None for a vague one ("several")."""
        word = _words(word)
        return int(word) if word.isdigit() else self.grammar.numbers.get(word)

    # ---- one reader per pattern; None means "not a temporal expression after all"

    def read(self, kind: str, match: re.Match[str]) -> _Reading | None:
        if kind in _COMMON_WORD_KINDS and self.in_a_name(match):
            return None
        try:
            return getattr(self, f"_read_{kind}")(match)
        except (ValueError, OverflowError):
            return None  # outside the calendar: "99 years before" year 50, a day past 9999

    def _full_date(self, year: int | None, month: int, day: int, match: re.Match[str]) -> _Reading | None:
        groups = match.groupdict()
        if year is None:
            if self.reference is None:
                return _Reading(value=f"XXXX-{month:02d}-{day:02d}") if _valid(2000, month, day) else None
            relation = _words(groups.get("day_relation") or "")
            if relation in ("last", "this past"):
                ref = self.reference
                past = [y for y in (ref.year - 1, ref.year) if _valid(y, month, day) and date(y, month, day) < ref]
                year = past[-1] if past else ref.year - 1
            else:
                ref = self.reference
                years = [y for y in (ref.year - 1, ref.year, ref.year + 1) if _valid(y, month, day)]
                if not years:
                    return None
                occurrences = [date(y, month, day) for y in years]
                if self.closes_completed_period(match.start()):
                    # "the fiscal year ended March 31": a period that has ended, so the last such day.
                    occurrences = [d for d in occurrences if (d - ref).days <= _PUBLICATION_SLACK_DAYS]
                year = self.nearest_occurrence(occurrences, match, relation in ("next", "this coming"), False).year
        if not _valid(year, month, day):
            return None
        if groups.get("week_of"):
            return _Reading(_week(date(year, month, day)))
        return _Reading(_day(date(year, month, day)), approximate=bool(groups.get("approx")))

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
                not re.search(
                    r"\b(?:in|of|since|until|till|by|during|from|through|to|before|after|early|late|mid|this|last|next)\s*$",
                    before,
                )
                and not match.group(0).lower().startswith(("early", "late", "mid", "this", "last", "next", "the"))
                and not self.attributive_month(match)
            ):
                return None
        return self.grammar.months[key]

    def attributive_month(self, match: re.Match[str]) -> bool:
        """Whether a capitalised month word qualifies the noun after it ("the March elections", "a May
        deadline"): a determiner before, a lower-case word after that is not a preposition ("a March for
        peace", "the March against terror" are marches)."""
        before = self.text[max(0, match.start() - 4) : match.start()].lower()
        return bool(re.search(r"\b(?:the|a)\s+$", before) and _ATTRIBUTIVE_HEAD.match(self.text, match.end()))

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
            reading = _Reading(_day(self.last_day)) if _LIST_JOINT.fullmatch(between) else None
            number = int(match["after"])
        if reading is None or reading.period is None or reading.period.grain != "day":
            return None
        first = reading.period.first
        if not _valid(first.year, first.month, number):
            return None
        return _Reading(_day(first.replace(day=number)))

    def _read_month(self, match):
        explicit_year = match["year"] or match["year_relation"]
        month = self._month_number(
            match, need_context=not (explicit_year or match["relation"] or match["modifier"] or match["mid"])
        )
        if month is None:
            return None
        modifier = self.modifier(match)
        if match["year"]:
            return _Reading(_month(self.year_number(match["year"]), month), modifier=modifier)
        if self.reference is None:
            return _Reading(value=f"XXXX-{month:02d}", modifier=modifier)
        ref = self.reference
        if match["year_relation"]:
            offset = {"last": -1, "this": 0, "next": 1}[match["year_relation"].lower()]
            return _Reading(_month(ref.year + offset, month), modifier=modifier)
        relation = _words(match["relation"] or "")
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
        return _Reading(_month(year, month), modifier=modifier)

    def year_number(self, text: str) -> int:
        """A year written in digits or words ("1996", "nineteen ninety-six", "two thousand and one")."""
        if text.isdigit():
            return int(text)
        words = [w for w in re.split(r"[\s-]+", text.lower()) if w not in ("and", "hundred")]
        if words[:2] == ["two", "thousand"]:
            return 2000 + sum(self.grammar.numbers[w] for w in words[2:])
        return 100 * self.grammar.numbers[words[0]] + sum(self.grammar.numbers[w] for w in words[1:])

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
            and re.search(r"(?:about|some|nearly|almost|over|than|least|to|and|of|numbered|totalled)\s+$", text_before)
            and re.match(r"\s+[a-z]", self.text[match.end() : match.end() + 2])
        ):
            return None
        if year > (self.reference.year + 30 if self.reference else 2100):
            return None
        return _Reading(_year(year), modifier=modifier)

    def _read_decade(self, match):
        modifier = self.modifier(match)
        if match["decade"]:
            return _Reading(_decade(int(match["decade"])), modifier=modifier)
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
        return _Reading(_decade(first_year), modifier=modifier)

    def _read_century(self, match):
        number = int(match["century"]) if match["century"] else self.grammar.ordinals[match["ordinal"].lower()]
        return _Reading(_century(number)) if 1 <= number <= 21 else None

    def _current_quarter(self) -> _Period:
        return _quarter(self.reference.year, (self.reference.month + 2) // 3)

    def _read_quarter(self, match):
        span = match["span"].lower()
        relation = _words(match["quarter_relation"] or "")
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
        make = _half if span == "half" else _quarter
        if explicit_year and ordinal:
            return _Reading(make(self.year_number(explicit_year), ordinal))
        if self.reference is None:
            return _Reading(value=f"XXXX-{'H' if span == 'half' else 'Q'}{ordinal or 'X'}")
        ref = self.reference
        # The quarter a financial story is about: the last one named, else the last one closed.
        story_quarter = self.recent_quarter(match.start()) or _shift(self._current_quarter(), months=-3)
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
            period = _shift(self._current_quarter(), months=3)
        elif relation in ("last", "the last", "the previous"):
            period = _shift(self._current_quarter(), months=-3)
        else:
            period = story_quarter
        if explicit_year:
            return _Reading(_shift(period, years=self.year_number(explicit_year) - period.first.year), comparison=True)
        if year_relation:
            offset = {"last": -1, "this": 0, "next": 1}[year_relation.lower()]
            return _Reading(_shift(period, years=ref.year + offset - period.first.year), comparison=True)
        if year_ago:
            return _Reading(_shift(period, years=-1), comparison=True)
        # A quarter still running, spoken of in the future ("will result in a fourth-quarter charge"), is
        # a forecast: the story keeps reporting on the quarter it was about.
        forecast = period.last >= ref and self.future_context(match.start(), match.end())
        return _Reading(period, comparison=forecast)

    def _read_quarter_code(self, match):
        if not match.group(0)[0].isupper():
            return None
        index = int(match["index"])
        if match["code"].upper() == "H" and index > 2:
            return None
        make = _half if match["code"].upper() == "H" else _quarter
        if match["year"]:
            return _Reading(make(self.year_number(match["year"]), index))
        if self.reference is None:
            return None
        current = (self.reference.month + 2) // 3
        year = self.reference.year if index <= current or make is _half else self.reference.year - 1
        return _Reading(make(year, index))

    def _read_season(self, match):
        code = self.grammar.seasons[match["season"].lower()]
        relation = _words(match["relation"] or "")
        determiner = match.group(0).lower().startswith("the")
        if code == "FA" and not (relation or determiner or match["year"]):
            return None  # "fall" is mostly the verb
        modifier = self.modifier(match)
        if match["year"]:
            return _Reading(_season(self.year_number(match["year"]), code), modifier=modifier)
        if self.reference is None:
            return _Reading(value=f"XXXX-{code}", modifier=modifier)
        ref = self.reference
        this_year = _season(ref.year, code)
        if ref < this_year.first and ref.month < 3 and code == "WI":
            this_year = _season(ref.year - 1, code)
        if relation in ("next", "this coming", "coming"):
            season = this_year if this_year.first > ref else _season(this_year.first.year + 1, code)
        elif relation == "this":
            season = this_year
        elif relation == "last":
            season = _season(ref.year - 1, code)  # TimeBank: "last spring" in October is last year's
        elif relation in ("this past", "past"):
            season = this_year if this_year.last < ref else _season(this_year.first.year - 1, code)
        else:
            future = self.future_context(match.start(), match.end())
            season = this_year if this_year.first <= ref or future else _season(this_year.first.year - 1, code)
        return _Reading(season, modifier=modifier)

    def generic(self, match: re.Match[str]) -> bool:
        """Whether "today" or "tomorrow" names an era, not a day: "today's youth", "in today's world",
        "the leaders of tomorrow"."""
        if self.grammar.era_noun.match(self.text, match.end()):
            return True
        before = self.text[max(0, match.start() - 16) : match.start()].lower()
        return match.group(0).lower() == "tomorrow" and bool(re.search(r"[a-z]{3,}s?\s+of\s+$", before))

    def _read_deictic(self, match):
        word = _words(match["deictic"])
        if word in ("today", "tomorrow") and not match["modifier"] and not match["part"] and self.generic(match):
            return None
        part = self.grammar.day_parts.get(_words(match["part"])) if match["part"] else None
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
            return _Reading(value="XXXX-XX-XX")
        self.week_frame = None
        return _Reading(_day(self.reference + timedelta(days=offset)), part=part)

    def _read_weekday(self, match):
        word = match["weekday"]
        if not word[0].isupper():
            return None
        weekday = self.grammar.weekdays[word.lower().rstrip(".")]
        relation = _words(match["relation"] or "")
        anchor = _words(match["anchor"] or "")
        ref = self.reference
        if ref is None:
            return _Reading(value=f"XXXX-WXX-{weekday + 1}")
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
            self.set_frame(_week(d), match.end())
        elif relation == "this past":
            d = _latest_weekday_before(ref - timedelta(days=1), weekday)
        elif relation == "this":
            d = monday + timedelta(days=weekday)
        elif relation in ("next", "this coming", "coming"):
            d = monday + timedelta(days=7 + weekday) if relation == "next" else _next_weekday_after(ref, weekday)
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
                    d = _next_weekday_after(ref - timedelta(days=1), weekday)
                else:
                    d = _latest_weekday_before(ref, weekday)
        return _Reading(_day(d), part=self.clock_time(match))

    @staticmethod
    def clock_time(match: re.Match[str]) -> str | None:
        """The clock time before a weekday as TIMEX3 writes it ("9 a.m." is "09:00", "12 p.m." "12:00")."""
        if not match["hour"] or not 1 <= int(match["hour"]) <= 12:
            return None
        hour = int(match["hour"]) % 12 + (12 if match["meridiem"].lower() == "p" else 0)
        return f"{hour:02d}:{match['minute'] or '00'}"

    def _read_calendar_unit(self, match):
        unit = match["unit"].lower()
        relation = _words(match["relation"])
        modifier = self.modifier(match)
        if relation == "the" and not (modifier or unit in ("weekend", "year") or match["whole"]):
            return None
        if self.reference is None:
            return _Reading(value={"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX"}.get(unit, "XXXX"))
        ref = self.reference
        make = {
            "week": _week,
            "weekend": _weekend,
            "month": lambda d: _month(d.year, d.month),
            "year": lambda d: _year(d.year),
        }[unit]
        if relation in ("the previous", "the following", "that", "the same"):
            # "that year" is the year of the last period named ("in June 1998 ... later that year").
            last = self.last_period
            if last is not None and _GRAIN_SIZE.get(last.grain, 99) <= _GRAIN_SIZE[unit]:
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
        period = _shift(
            base,
            **{
                "days" if unit in ("week", "weekend") else ("months" if unit == "month" else "years"): step
                * (7 if unit in ("week", "weekend") else 1)
            },
        )
        if unit == "week":
            self.set_frame(period, match.end())
        return _Reading(period, modifier=modifier)

    def _offset(self, base: _Period, number: int, unit: str, sign: int) -> _Period:
        code = self.grammar.units[unit.lower()]
        count = number * (int(code[:-1]) if code[:-1] else 1) * sign
        letter = code[-1]
        if letter == "D":
            return _day(base.first + timedelta(days=count))
        if letter == "W":
            return _week(base.first + timedelta(days=7 * count))
        if letter == "M":
            return _month(base.first.year, base.first.month + count)
        if letter == "Q":
            return _quarter(base.first.year, (base.first.month + 2) // 3 + count)
        return _year(base.first.year + count)

    def _read_ago(self, match):
        if self.reference is None:
            return _Reading(value="PAST_REF")
        number, unit = self.number(match["number"]), match["unit"]
        if number is None:
            return _Reading(value="PAST_REF")
        code = self.grammar.units[unit.lower()]
        if code == "Y" and number == 1:
            return _Reading(self._year_before_publication(match.start()), comparison=True)
        if code == "10Y":
            return _Reading(_year(self.reference.year - 10 * number))
        return _Reading(self._offset(_day(self.reference), number, unit, -1))

    def _read_counted_offset(self, match):
        number, unit = self.number(match["number"]), match["unit"]
        if number is None:
            return None
        sign = 1 if match["direction"].lower().startswith(("later", "after")) else -1
        code = self.grammar.units[unit.lower()]
        if code[-1] in ("D", "W"):
            base_day = self.anchor_day()
            if base_day is None:
                return _Reading(value="XXXX-XX-XX")
            # "a week later" counts days from the last day named: the story moves on by a week.
            return _Reading(_day(base_day + timedelta(days=sign * number * (7 if code[-1] == "W" else 1))))
        base = self.last_period or (_day(self.reference) if self.reference else None)
        if base is None:
            return _Reading(value="XXXX")
        if code == "Y" and base.grain in ("day", "month", "quarter", "year", "season", "half"):
            return _Reading(_shift(base, years=sign * number))
        return _Reading(self._offset(base, number, unit, sign))

    def _year_before_publication(self, start: int) -> _Period:
        """ "a year ago", "year-ago": last year, or last year's quarter when the story is about one."""
        quarter = self.recent_quarter(start)
        if quarter is not None:
            return _shift(quarter, years=-1)
        return _year(self.reference.year - 1)

    def _read_year_ago(self, match):
        direction = _words(match["direction"])
        last = self.last_period
        if self.reference is None and last is None:
            return _Reading(value="XXXX")
        base = last or _day(self.reference)
        if direction in ("that year", "the same year"):
            return _Reading(_year(base.first.year))
        if direction in ("a year earlier", "year-earlier") and base.grain == "day":
            return _Reading(_shift(base, years=-1), comparison=True)
        if direction in ("a year ago", "year-ago", "a year earlier", "year-earlier") and self.reference:
            return _Reading(self._year_before_publication(match.start()), comparison=True)
        sign = 1 if direction in ("the following year", "the next year") else -1
        return _Reading(_year(base.first.year + sign))

    def _read_narrative_day(self, match):
        phrase = _words(match["relative_day"])
        if self.last_day is None and phrase.startswith(("that", "the same")):
            return None  # "you have redemptions that day": an anaphor with no day named before it is generic
        base = self.anchor_day()
        if base is None:
            return _Reading(value="XXXX-XX-XX")
        if self.restates_last_day(match, phrase):
            offset = 0  # "Oct. 12, the day before the crash": Oct. 12 itself, told by the event after it
        elif any(w in phrase for w in ("next", "following", "after", "later")):
            offset = 1
        elif any(w in phrase for w in ("before", "previous", "earlier")):
            offset = -1
        else:
            offset = 0
        part = next((code for word, code in self.grammar.day_parts.items() if phrase.endswith(word)), None)
        return _Reading(_day(base + timedelta(days=offset)), part=part)

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
        if self.reference is None or not _TODAY_IS.search(self.text[max(0, match.start() - 12) : match.start()]):
            return None
        return _Reading(_day(self.reference))

    def _read_year_end(self, match):
        """ "year-end": the end of this year, or of last year's in "since year-end"."""
        if self.reference is None:
            return _Reading(value="XXXX")
        relation = (match["relation"] or "").lower()
        offset = {"last": -1, "next": 1}.get(relation, 0)
        if not relation and self.after_since(match.start()):
            offset = -1
        return _Reading(_year(self.reference.year + offset), modifier="end")

    def holiday_as_observance(self, match: re.Match[str]) -> bool:
        """Whether a holiday names the observance, not its day: what something other than a time is "of"
        ("the theme of Women's Day"; "the eve of Easter" is a time), or the subject a date is given for
        ("Women's Day is this Sunday"; "Christmas was quiet" is the day)."""
        before = self.text[max(0, match.start() - 24) : match.start()].lower()
        if before.endswith(" of ") and not _TIME_OF.search(before):
            return True
        copula = _COPULA.match(self.text, match.end())
        return copula is not None and copula.end() in self.expression_starts

    def _read_holiday(self, match):
        name = match["holiday"]
        if not name[0].isupper():
            return None
        if not (match["relation"] or match["year"]) and self.holiday_as_observance(match):
            return None
        rule, grain = _holidays()[_words(name)]
        make = _week if grain == "week" else _day
        if match["year"]:
            return _Reading(make(_holiday_day(rule, self.year_number(match["year"]))))
        if self.reference is None:
            return _Reading(value=f"XXXX-{rule}" if re.fullmatch(r"\d\d-\d\d", rule) else "XXXX-XX-XX")
        ref = self.reference
        # A holiday week is compared by its Monday: "Easter week" may have begun before publication.
        occurrences = [make(_holiday_day(rule, year)).first for year in (ref.year - 1, ref.year, ref.year + 1)]
        relation = _words(match["relation"] or "")
        if relation in ("last", "this past"):
            day = max(d for d in occurrences if d < ref)
        elif relation == "next":
            day = min(d for d in occurrences if d > ref)
        elif relation == "this":
            day = occurrences[1]
        else:
            day = self.nearest_occurrence(occurrences, match, future=False, follow_tense=True)
        return _Reading(make(day))

    def _read_reference(self, match):
        phrase = _words(match["reference"])
        if phrase.endswith("the past") and self.grammar.counted_stretch.match(self.text, match.end()):
            return None  # "the past four years", "the past century": a stretch, read as such or not at all
        if phrase == "soon" and (
            _SOON_CONJUNCTION.match(self.text, match.end())
            or self.text[max(0, match.start() - 3) : match.start()].lower() == "as "
            or self.past_context(match.start(), match.end())
        ):
            return None  # "soon after the attack", "as soon as", "was soon released": not the future
        if phrase.endswith("recently") and self.precedes_expression(match.end()):
            return None  # "most recently last October": the expression that follows says when
        if phrase == "now" and self.text[match.end() : match.end() + 1] == "," and self.sentence_start(match.start()):
            return None  # "Now, he says, ...": the discourse marker that opens a sentence
        if phrase == "one day" and not _MODAL.search(self.text[max(0, match.start() - 8) : match.start()]):
            return None  # "Islam will one day be ...", but "in only one day", "one day later"
        if phrase == "the future" and not self.temporal_future(match):
            return None  # "the future of the region", "the future looks bleak": prospects, not a time
        return _Reading(value=self.grammar.references[phrase])

    def precedes_expression(self, end: int) -> bool:
        """Whether another temporal expression follows right after `end`, with only a space between."""
        gap = re.match(r"[ \t]+", self.text[end : end + 3])
        return gap is not None and end + gap.end() in self.expression_starts

    def sentence_start(self, start: int) -> bool:
        before = self.text[max(0, start - 4) : start].rstrip(" \t\"“`'")
        return not before or before[-1] in ".!?\n:"

    def temporal_future(self, match: re.Match[str]) -> bool:
        """Whether "the future" is a time ("in the future", "worried about the future"), not a noun for
        prospects ("the future of NATO", "the future looks bright"): after a preposition, not before "of"."""
        if re.match(r"\s+of\b", self.text[match.end() : match.end() + 4]):
            return False
        return bool(_TIME_PREPOSITION.search(self.text[max(0, match.start() - 12) : match.start()]))

    # ---- narrative state

    def set_frame(self, week: _Period, position: int) -> None:
        self.week_frame = week
        self.frame_touched = position

    def remember(self, reading: _Reading, end: int) -> None:
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
        if period.grain in _GRAINS_WITH_DAYS and not reading.comparison:
            self.last_period = period
            if period.grain == "quarter":
                self.story_quarter, self.story_quarter_end = period, end


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _latest_weekday_before(d: date, weekday: int) -> date:
    """The latest day on or before `d` that falls on `weekday`."""
    return d - timedelta(days=(d.weekday() - weekday) % 7)


def _next_weekday_after(d: date, weekday: int) -> date:
    """The first day strictly after `d` that falls on `weekday`."""
    return d + timedelta(days=(weekday - d.weekday() - 1) % 7 + 1)


# --------------------------------------------------------------------------------------------------
# From readings to Timex records


def _event_day(reading: _Reading) -> tuple[date | None, int | None]:
    """What a reading says about an event's date in ACLED terms (see `records.Timex`)."""
    period = reading.period
    if period is None or period.grain not in _GRAINS_WITH_DAYS:
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


def _value(reading: _Reading) -> str:
    if reading.period is None:
        return reading.value or ""
    value = reading.period.value
    if reading.part and reading.period.grain == "day":
        value += f"T{reading.part}"
    return value


_Candidate = tuple[int, int, int, str, re.Match[str]]  # start, end, pattern priority, kind, match


# How far before its core word a match may start ("during the week of", "in the early hours of").
_PREFIX_REACH = 40
_WORD_START = re.compile(r"(?<![\w'$])[\w'$]")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


def _core_hits(text: str, grammar: _Grammar) -> dict[str, list[tuple[int, int]]]:
    """Where each kind of pattern may match: the spans of its core words, found in one pass."""
    hits: dict[str, list[tuple[int, int]]] = {}
    for token in _TOKEN.finditer(text):
        word = token.group()
        key = str(len(word)) if word.isdigit() else word.lower()
        for kind in grammar.core_words.get(key, ()):
            hits.setdefault(kind, []).append(token.span())
    return hits


def _matches(text: str, pattern: re.Pattern[str], cores: list[tuple[int, int]] | None):
    """The pattern's leftmost matches around its core words (None: scan the whole text). Scanning every
    position with patterns that open on optional phrases is several times slower."""
    if cores is None:
        yield from pattern.finditer(text)
        return
    last_end = 0
    for core_start, core_end in cores:
        if core_start < last_end:
            continue
        for start in _WORD_START.finditer(text, max(last_end, core_start - _PREFIX_REACH), core_start + 1):
            match = pattern.match(text, start.start())
            if match is not None and match.end() >= core_end:
                last_end = match.end()
                yield match
                break


def _candidates(text: str, grammar: _Grammar) -> list[_Candidate]:
    """Every pattern match, in text order, the longest first at each position."""
    hits = _core_hits(text, grammar)
    found = [
        (match.start(), match.end(), priority, kind, match)
        for priority, (kind, pattern) in enumerate(grammar.patterns)
        for match in _matches(text, pattern, hits.get(kind, []) if kind in grammar.cored_kinds else None)
        if match.end() > match.start()
    ]
    found.sort(key=lambda c: (c[0], c[0] - c[1], c[2]))
    return found


def _longer_overlap_follows(candidates: list[_Candidate], index: int) -> bool:
    start, end = candidates[index][:2]
    for other in candidates[index + 1 :]:
        if other[0] >= end:
            return False
        if other[1] > end and other[1] - other[0] > end - start:
            return True
    return False


def _read_in_order(candidates: list[_Candidate], reader: _Narrative):
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


def _latest_explicit_date(text: str, candidates, grammar: _Grammar) -> date | None:
    """The latest full date written out in the text: the anchor when there is no publication date."""
    reader = _Narrative(text, None, grammar)
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
    grammar = _grammar()
    candidates = _candidates(text, grammar)
    reference = published or _latest_explicit_date(text, candidates, grammar)
    reader = _Narrative(text, reference, grammar)
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
