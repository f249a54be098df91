"""Deaths, decided here by ACLED's conservative rules: how many a mention's event counts, how many an
event told by several mentions has, and whose deaths they are. The counts themselves are read from the
sentence by `resolve.death_counts`.

Deaths told again are not added; deaths told as more ("also", "another") are. A toll over a period
("killed in the past two weeks", `CUMULATIVE`) or over a list of places ("10 civilians killed in rocket
attacks on Aleppo and Deir Ezzor": ACLED codes an event a place) is an event's only where the report tells
no event's own.
A peaceful protest's or a strategic development's deaths are its context, not its own; a protest's
or riot's deaths told as its cause ("over the killing of") are not its own either. Across figures for
the same deaths, the lowest (`conservative`). The deaths of an earlier event a report measures one by
("the first since an attack that killed 87") are no event's it tells.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise, takewhile

from warlog import taxonomy
from warlog.lexicon import word_class
from warlog.records import EventMention, PlaceMention
from warlog.resolve.death_counts import DeathCount, death_counts, parse_count, scan_words

# Around a count, the words that tell deaths as more than those already told ("three civilians were
# also killed"), unless told as part of them ("also 20 women among the dead").
_ADDED_WINDOW_CHARS = 30
# Types whose deaths are never their own: a peaceful protest's deaths are its cause, strategic
# developments kill no one (a death makes them violence).
_PEACEFUL_SUB_TYPES = (taxonomy.PEACEFUL_PROTEST, taxonomy.PROTEST_WITH_INTERVENTION)
UNNUMBERED, VAGUE, EXACT = 0, 1, 2  # how precisely deaths are told: "were killed", "dozens", "58"
# How far after a count its clause may list the places it covers ("killed ... in terrorist rocket attacks
# on Aleppo and Deir Ezzor").
_PLACE_LIST_REACH_CHARS = 100
# Between two places of one list: a comma, "and", or nothing where scraping lost the commas ("in
# Damascus Aleppo and Idleb").
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s*and|&)?\s*", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:!?]")
_WORD_AFTER_NUMBER = re.compile(r"(?P<number>[\w,.]+)\s+(?P<word>\w+)")


def conservative(figures: list[int]) -> int:
    """The figure ACLED keeps when a text gives several for the same deaths: the lowest."""
    return min(figures) if figures else 0


def mention_deaths(
    mention: EventMention, cumulative: bool = True, places: Sequence[PlaceMention] = ()
) -> tuple[int, tuple[int, int] | None]:
    """The deaths a mention's event counts in its sentence, and the span they are told in (None: none);
    `cumulative` False: a toll over a period or over the listed `places` of the report counts nothing
    (the report tells the events' own)."""
    sentence = mention.sentence
    counts = [
        count
        for count in told_counts(sentence.text, sentence.start, places)
        if (cumulative or not count.cumulative) and not count.earlier
    ]
    if mention.sub_event_type in _PEACEFUL_SUB_TYPES or mention.event_type == taxonomy.STRATEGIC_DEVELOPMENTS:
        counts = []
    elif mention.event_type in (taxonomy.PROTESTS, taxonomy.RIOTS):
        counts = [count for count in counts if not count.background]
    numbered = [count for count in counts if count.numbered]
    exact = [count for count in numbered if not count.vague]
    # "Two officers were killed ... when they were killed": two; "Eight civilians were killed ... with
    # dozens of dead": eight.
    counts = exact or numbered or counts
    if not counts:
        return 0, None
    toll = _toll(counts, sentence.text, sentence.start)
    return toll, (min(c.start for c in counts), max(c.end for c in counts))


def told_counts(text: str, offset: int, places: Sequence[PlaceMention] = ()) -> list[DeathCount]:
    """The sentence's death counts (`death_counts`), a toll over a list of places told as one over
    several events (`cumulative`)."""
    return [
        replace(count, cumulative=True) if not count.cumulative and _over_places(count, text, offset, places) else count
        for count in death_counts(text, offset)
    ]


def _over_places(count: DeathCount, text: str, offset: int, places: Sequence[PlaceMention]) -> bool:
    """Whether the count's clause goes on to list two places or more, one after another ("on Aleppo and
    Deir Ezzor"): a total over as many events. `places` in the order of the text."""
    end = count.end - offset
    clause = _CLAUSE_END.search(text, end, end + _PLACE_LIST_REACH_CHARS)
    reach = offset + (clause.start() if clause else min(len(text), end + _PLACE_LIST_REACH_CHARS))
    first = bisect_left(places, count.end, key=lambda place: place.start)
    listed = list(takewhile(lambda place: place.end <= reach, places[first:]))
    return any(
        one.place != other.place and _LIST_JOIN.fullmatch(text[one.end - offset : other.start - offset])
        for one, other in pairwise(listed)
    )


def tells_own_toll(mentions: list[EventMention], places: Sequence[PlaceMention] = ()) -> bool:
    """Whether a report tells some event's own deaths with a number, not only a toll over a period or
    over several places: then "550 civilians have been killed in the last two months" is context, the
    deaths of many events; told alone ("two people have been killed in the past two weeks"), it is the
    only figure there is."""
    sentences = {(mention.sentence.start, mention.sentence.text) for mention in mentions}
    return any(
        count.numbered and not count.cumulative and not count.background and not count.earlier
        for start, text in sentences
        for count in told_counts(text, start, places)
    )


def counted(mention: EventMention) -> bool:
    """Whether the mention's deaths were told with a number, not only with ACLED's default for a death
    told without one ("the commanders were killed")."""
    return precision_of(mention) > UNNUMBERED


def precision_of(mention: EventMention) -> int:
    """How precisely the mention tells its deaths: UNNUMBERED, VAGUE or EXACT."""
    if mention.fatality_span is None:
        return UNNUMBERED
    start, end = mention.fatality_span
    sentence = mention.sentence
    told = [c for c in death_counts(sentence.text, sentence.start) if c.numbered and start <= c.start < end]
    if not told:
        return UNNUMBERED
    return VAGUE if all(count.vague for count in told) else EXACT


def _toll(counts: list[DeathCount], text: str, offset: int) -> int:
    """Deaths told twice in a sentence (a headline run into its lede) count once: the highest
    figure, plus only those told as more ("... were also killed")."""
    total = counts[0].value
    for count in counts[1:]:
        total = (
            total + count.value
            if _told_as_more(text, count.start - offset, count.end - offset)
            else max(total, count.value)
        )
    return total


def adds_deaths(mention: EventMention) -> bool:
    """Whether the mention tells its deaths as more than deaths told before ("another three were killed"),
    not as the same deaths told again nor as part of them ("also 20 women among the dead")."""
    if mention.fatality_span is None:
        return False
    start, end = mention.fatality_span
    offset = mention.sentence.start
    return _told_as_more(mention.sentence.text, start - offset, end - offset)


def _told_as_more(text: str, start: int, end: int) -> bool:
    """An `added` word of `death_scan.tsv` near the count ("also", "another"), and no `part` word after it."""
    words = scan_words()
    # (Only the words by the first count: "another" further on belongs to a later count of the list.)
    before = [
        w.lower()
        for w in re.findall(
            r"[\w']+", text[max(0, start - _ADDED_WINDOW_CHARS) : min(end, start + _ADDED_WINDOW_CHARS)]
        )
    ]
    after = [w.lower() for w in re.findall(r"[\w']+", text[end : end + _ADDED_WINDOW_CHARS])]
    # An added word right before a number is that number's ("75 dead and another 150 wounded").
    following = [*after[1:4], ""]
    added_after = [word for index, word in enumerate(after[:3]) if parse_count(following[index]) is None]
    added = any(words.get(word) == "added" for word in before + added_after)
    after_number = _WORD_AFTER_NUMBER.match(text, start, end)  # "two more people were killed"
    added = added or bool(
        after_number
        and parse_count(after_number["number"]) is not None
        and after_number["word"].lower() in word_class("added_after_number")
    )
    return added and not any(words.get(word) == "part" for word in after[:4])


@dataclass(slots=True)
class EventDeaths:
    """The deaths of one event as the mentions that tell it add up (`add`)."""

    total: int = 0
    mentions: list[EventMention] = field(default_factory=list)  # the tellings whose deaths were counted
    source: EventMention | None = None  # the telling the figure came from
    precision: int = UNNUMBERED  # the most precise telling so far (`_precision`); only those count
    highest: int = 0  # the highest figure told at once
    running: int = 0  # the figure told last, with the deaths told as more than it ("another five")
    running_source: EventMention | None = None

    @property
    def numbered(self) -> bool:
        """Some deaths were told with a number (or a vague amount), not only as deaths."""
        return self.precision > UNNUMBERED

    def add(self, mention: EventMention) -> None:
        """Deaths told again are not added; deaths told as more ("also", "another") are, to the figure told
        just before them: "9 dead ... four civilians ... another five rebels" is nine, a breakdown of the
        total, not 14. Deaths told without a number ("the commanders were killed") are the ones a number
        tells, before or after them; a vague amount ("dozens") is the one an exact figure tells."""
        count = mention.fatalities or 0
        precision = precision_of(mention)
        if not count or precision < self.precision:
            return
        if precision > self.precision:  # a figure replaces ACLED's default, or a vague amount
            self.total = self.highest = self.running = 0
            self.mentions, self.source, self.running_source = [], None, None
            self.precision = precision
        # The same figure of several dead told again is the same deaths, "also" or not: a lede restating
        # its headline ("Army kills over 60 ... The army also killed over 60 terrorists"); one more death
        # is one more ("another leader was also killed").
        restated = count == self.highest and count > 1
        if self.mentions and adds_deaths(mention) and not restated:
            self.running += count
        else:
            self.running, self.running_source = count, mention
        if count > self.highest:  # the same deaths told again: the figure told highest (a part is lower)
            self.highest, self.source = count, mention
        if self.running > self.highest:
            self.source = self.running_source
        self.total = max(self.highest, self.running)
        self.mentions.append(mention)


def counts_deaths(event_type: str, sub_event_type: str) -> bool:
    """Whether an event of this type owns the deaths told with it: deaths belong to violent events; a
    peaceful protest's or a strategic development's are its context."""
    violent = event_type not in (taxonomy.PROTESTS, taxonomy.STRATEGIC_DEVELOPMENTS)
    return violent or sub_event_type == taxonomy.EXCESSIVE_FORCE_AGAINST_PROTESTERS


def event_deaths(event_type: str, sub_event_type: str, deaths: EventDeaths) -> int:
    """An event's fatalities: the deaths told with it where its type owns them (`counts_deaths`)."""
    return deaths.total if counts_deaths(event_type, sub_event_type) else 0
