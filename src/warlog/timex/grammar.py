"""The grammar of temporal expressions: one regular expression per kind, built from
`data/timex/lexicon.json` and `data/timex/holidays.tsv`, and the scan that finds their matches in a text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@cache
def lexicon() -> dict:
    return json.loads(files("warlog").joinpath("data/timex/lexicon.json").read_text(encoding="utf-8"))


def _alternation(words) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def around(key: str, template: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern of the words around an expression: `template` with `{}` standing for the `lexicon.json`
    list `key` (as an alternation, longest first, spaces matching any whitespace)."""
    return re.compile(template.replace("{}", _alternation(lexicon()[key])), flags)


@cache
def holidays() -> dict[str, tuple[str, str]]:
    """Holiday name -> (rule, grain), from `data/timex/holidays.tsv` (format in its README)."""
    lines = files("warlog").joinpath("data/timex/holidays.tsv").read_text(encoding="utf-8").splitlines()
    rows = (line.split("\t") for line in lines if line.strip() and not line.startswith("#"))
    return {name: (rule, grain) for name, rule, grain in rows}


@dataclass(frozen=True)
class Grammar:
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
def load_grammar() -> Grammar:
    lex = lexicon()
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
            rf"\b(?:(?P<relation>last|this|next|this\s+past)\s+)?(?P<holiday>{_alternation(holidays())})\b"
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
        "holiday": [name.split()[-1] for name in holidays()],
        "reference": [re.split(r"\W+", w)[-1] or w for ws in lex["references"].values() for w in ws],
    }
    core_words: dict[str, list[str]] = {}
    for kind, words in cores.items():
        for word in dict.fromkeys(w.lower() for w in words):
            core_words.setdefault(word, []).append(kind)
    modifiers = {w: kind for kind, words in lex["modifiers"].items() for w in words}
    return Grammar(
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


Candidate = tuple[int, int, int, str, re.Match[str]]  # start, end, pattern priority, kind, match


# How far before its core word a match may start ("during the week of", "in the early hours of").
_PREFIX_REACH = 40
_WORD_START = re.compile(r"(?<![\w'$])[\w'$]")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


def _core_hits(text: str, grammar: Grammar) -> dict[str, list[tuple[int, int]]]:
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


def find_candidates(text: str, grammar: Grammar) -> list[Candidate]:
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
