"""ACLED coding: event mentions → `Event` records, one per event however often the report tells it.

Rules (ACLED_CODING.md) applied here, after `events` typed each sentence; the type rules themselves are
`events.rules` (`coded_type`, `merge_family`, `event_type_of`), the death rules `resolve.fatalities`:
- a non-state group's detention is an abduction, unless the report says the group rules the place
  (an authority exercising control arrests): coding keeps its own copy of such a mention, so the
  mention `events` wrote stays as written;
- one event per place per day: mentions of the same kind of event (violence, demonstration, or one
  strategic development) on the same day at the same place are one event. Explosions inside a battle
  belong to the battle; a demonstration takes its most violent form; deaths told twice are counted once;
- sides get ACLED names and inter codes; civilians as the target make `Civilian targeting`;
- a place is only where something happened: a country or city named as a side ("Russia has said") is
  no event place (`resolve.place_sides`), nor is the larger place an apposition names to say where a
  town lies ("al-Bukamal, a border town in Deir ez-Zor province"); "in the town" is the town named last;
- an event told at country level ("air strikes in Syria") is the same day's event of its kind at a
  town of that country, when the report names one; told again at a place of that country ("the attack
  on the town of Khan Sheikhun"), it happened there;
- an event dated weeks before the report's lead event is background (history recalled to explain the
  news), not a report of that event: it is not coded.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

from warlog import taxonomy
from warlog.coding.record import LEAD_BONUS, Draft, code
from warlog.events.rules import coded_type, merge_family
from warlog.ingest import headline_end
from warlog.lexicon import read_table, word_alternation, word_class
from warlog.records import Analysis, Event, EventMention, Evidence, Location, PlaceMention, ResolvedDate
from warlog.resolve import country_focus, dates, fatalities, places
from warlog.resolve.place_sides import side_places
from warlog.timex.context import reporting_verb_before

MIN_CONFIDENCE = 0.3
LEAD_MARGIN = 0.01  # how far a report's lead ranks above the events told after it
# Below this, a violence mention without named sides is a toll adding to the event before it.
CONTINUATION_CONFIDENCE = 0.65
# An event more than this long before the report's own date is told as background, not reported.
BACKGROUND_DAYS = 30
# How many days before an opening toll's telling ("dozens have been killed") the figure's own event may be.
OPENING_TOLL_DAYS = 7
# How many days before the day its telling was said an event may be, when a later sentence dates it.
SAYING_DAYS = 3
# A vague amount stands for figures from its own value ("dozens": 12) to below this many times it.
VAGUE_AMOUNT_RANGE = 10
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d\d))?$")  # a TIMEX3 year or month


def _same_place(first: Location, second: Location) -> bool:
    if first.place is None or second.place is None:
        return first.name is None or second.name is None or first.name == second.name
    if first.place.geonameid is not None and first.place.geonameid == second.place.geonameid:
        return True
    return (first.place.name, first.place.country_code) == (second.place.name, second.place.country_code)


def _same_day(first: ResolvedDate, second: ResolvedDate) -> bool:
    return first.day is None or second.day is None or first.day == second.day


def _country_of_report(analysis: Analysis) -> tuple[str | None, str | None]:
    """The country the report is about (`country_focus.report_country`): the default for events placed nowhere."""
    country = country_focus.report_country(analysis)
    return (country.country, country.country_code) if country is not None else (None, None)


def annotate(analysis: Analysis) -> None:
    """Fill `analysis.events` from `analysis.mentions`."""
    event_places = _event_place_candidates(analysis)
    countries = _country_names(event_places)
    history: set[tuple[int, int]] = set()  # sentences telling of earlier years or months
    drafts: list[Draft] = []
    previous: Draft | None = None  # the event the last mention told
    headline, body = _headline_apart(analysis)
    for mention in body:
        if drafts and _recalls_history(analysis, mention, drafts[0].day):
            history.add((mention.sentence.start, mention.sentence.end))
            continue
        day = dates.resolve_event_date(analysis, mention)
        # A sentence naming no day or place of its own goes on with the last event; with no place of
        # its own it may be any event of that day ("On Wednesday, four were killed in a gun battle").
        location, place_stated = _event_place(analysis, event_places, mention)
        if previous is not None and _redates(analysis, previous, mention, day):
            previous.day = day
        # An event told again ("this fighting", "the flag") matches the earlier telling wherever it is placed.
        place_decides = place_stated and not _refers_back(analysis, mention)
        if previous is not None:
            if not _stated_in(day.evidence, mention):
                day = previous.day
            if not place_stated:
                location = previous.location
        family = merge_family(mention.event_type, mention.sub_event_type)
        candidates = [
            d for d in drafts if _same_day(d.day, day) and (not place_decides or _same_place(d.location, location))
        ]
        if previous is not None and _continues(mention) and previous in candidates:
            draft = previous
        else:
            same_kind = [d for d in candidates if d.family == family]
            draft = previous if previous in same_kind else next(iter(same_kind), None)
        if draft is None:
            draft = Draft([], day, location, family, place_stated)
            drafts.append(draft)
        draft.mentions.append(mention)
        if draft.day.day is None and day.day is not None:
            draft.day = day
        if place_stated and location.place is not None and _places_better(draft, location, countries):
            draft.location, draft.place_stated = location, True
        draft.deaths.add(mention)
        previous = draft
    drafts = _with_headline(analysis, event_places, headline, drafts)
    drafts, background = _without_background(drafts)
    history |= {(e.sentence_start, e.sentence_end) for d in background if (e := d.location.evidence) is not None}
    # The places of recalled history are not where the report is set.
    setting = [p for p in event_places if not any(start <= p.start < end for start, end in history)]
    drafts = _fold_country_level(analysis, setting, drafts)
    drafts = _fold_opening_tolls(drafts)
    fallback_country = _country_of_report(analysis)
    analysis.events = [code(analysis, draft, fallback_country, len(drafts) == 1) for draft in drafts]
    if analysis.events:
        lead_index = _lead(drafts, analysis.events)
        lead = analysis.events[lead_index]
        bonus = lead.confidence + LEAD_BONUS
        if lead.fatalities and drafts[lead_index].deaths.numbered:
            # A report is about the incident it opens with or the first whose deaths it counts: what it
            # tells later ranks below that incident, however surely its words are typed.
            later = [event for event in analysis.events[1:] if event is not lead]
            bonus = max([bonus, *(event.confidence + LEAD_MARGIN for event in later)])
        lead.confidence = round(min(1.0, bonus), 3)


def _headline_apart(analysis: Analysis) -> tuple[list[EventMention], list[EventMention]]:
    """The mentions of the report's headline (`ingest.headlined`), and those of its text, each typed as
    coding tells it."""
    end = headline_end(analysis.report)
    headline: list[EventMention] = []
    body: list[EventMention] = []
    for mention in analysis.mentions:
        if mention.confidence < MIN_CONFIDENCE:
            continue
        coded = coded_type(mention, analysis)
        if coded != (mention.event_type, mention.sub_event_type):  # coding's own telling; the mention stays as written
            mention = replace(mention, event_type=coded[0], sub_event_type=coded[1])
        (headline if mention.sentence.end <= end else body).append(mention)
    return headline, body


def _with_headline(
    analysis: Analysis, event_places: list[PlaceMention], headline: list[EventMention], drafts: list[Draft]
) -> list[Draft]:
    """A headline tells in few words the event its text tells in full, with the day and place it states:
    its mention joins the event of the same kind that tells the same figure, or failing one the first of
    that kind to count its dead (the first of that kind, for a headline telling no deaths). A headline
    whose event the text does not tell is an event of its own, told first."""
    for mention in reversed(headline):
        family = merge_family(mention.event_type, mention.sub_event_type)
        same_kind = [draft for draft in drafts if draft.family == family]
        exact = fatalities.precision_of(mention) == fatalities.EXACT
        same_figure = [draft for draft in same_kind if exact and draft.deaths.highest == mention.fatalities]
        counted = [draft for draft in same_kind if mention.fatalities and draft.deaths.numbered]
        told = next(iter(same_figure or counted or same_kind), None)
        if told is None:
            location, place_stated = _event_place(analysis, event_places, mention)
            told = Draft([], dates.resolve_event_date(analysis, mention), location, family, place_stated)
            drafts = [told, *drafts]
        told.mentions.insert(0, mention)
        told.deaths.add(mention)
    return drafts


def _lead(drafts: list[Draft], events: list[Event]) -> int:
    """A report tells its main event first (headline, lede); news that opens on a photo caption, a
    non-lethal development or the war around it leads with the first incident whose deaths it counts
    with a number, or failing one the first deadly incident."""
    deadly = [index for index, event in enumerate(events) if event.fatalities]
    counted = [
        (min(m.sentence.start for m in drafts[index].deaths.mentions if fatalities.counted(m)), index)
        for index in deadly
        if drafts[index].deaths.numbered
    ]
    if counted:
        return min(counted)[1]
    return deadly[0] if deadly else 0


@cache
def _settlement_words() -> str:
    rows = read_table("lexicon/place_roles.tsv")
    return "|".join(re.escape(row["phrase"]) for row in rows if row["role"] == "settlement")


@cache
def _apposition() -> re.Pattern[str]:
    """What stands between a town and the larger place an apposition locates it by: ", a border town in
    the east of " (Deir ez-Zor province)."""
    words = _settlement_words()
    return re.compile(rf"^\s*,\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{words})\b[^.;,()\n]{{0,80}}$", re.IGNORECASE)


@cache
def _town_reference() -> re.Pattern[str]:
    """ "in the town", "the city": a settlement already named ("the town of X" names a new one)."""
    return re.compile(rf"\bthe\s+(?:same\s+)?(?:{_settlement_words()})\b(?!\s+of\b)(?!['’])", re.IGNORECASE)


def _event_place_candidates(analysis: Analysis) -> list[PlaceMention]:
    """The place names of the report that may be where something happened: not a country or city named
    as a side, not the larger place an apposition names to say where a town lies."""
    sides = side_places(analysis)
    text = analysis.report.text
    kept = [p for p in analysis.places if p.start not in sides]
    described: set[int] = set()
    for index, town in enumerate(kept):
        if town.place is None or town.place.kind != "city":
            continue
        for later in kept[index + 1 :]:
            if not _apposition().match(text[town.end : later.start]):
                break
            described.add(later.start)
    return [p for p in kept if p.start not in described]


def _event_place(analysis: Analysis, candidates: list[PlaceMention], mention: EventMention) -> tuple[Location, bool]:
    """The mention's place, and whether its sentence tells it (by name, or as "the town" named last)."""
    location = places.resolve_event_place(analysis, mention, candidates)
    sentence = mention.sentence
    if _stated_in(location.evidence, mention) or not _town_reference().search(sentence.text):
        return location, _stated_in(location.evidence, mention)
    towns = [p for p in candidates if p.end <= sentence.start and _is_town(p)]
    if not towns:
        return location, False
    return places.resolve_event_place(analysis, mention, towns[-1:]), True


def _is_town(place_mention: PlaceMention) -> bool:
    return place_mention.place is not None and place_mention.place.kind == "city"


def _places_better(draft: Draft, location: Location, countries: set[int]) -> bool:
    """Whether a place a mention of the draft's event states outright is the event's better place: it
    beats one carried over from an earlier sentence, and a place in the country beats the country, where
    the event was first told at country level ("a chemical attack in northwestern Syria ... The attack on
    the town of Khan Sheikhun killed 58"). `countries`: the starts of the report's country names."""
    if draft.location.place is None or not draft.place_stated:
        return True
    return (
        _at_country(draft.location, countries)
        and not _at_country(location, countries)
        and location.place.country_code == draft.location.place.country_code
    )


def _country_names(place_mentions: list[PlaceMention]) -> set[int]:
    """The starts of the names of countries among `place_mentions`."""
    return {p.start for p in place_mentions if p.place is not None and p.place.kind == "country"}


def _at_country(location: Location, countries: set[int]) -> bool:
    """The location is only a country: one of `countries` (the starts of country names) is its evidence,
    or, told by no name, it is coded at a region's precision."""
    if location.place is None:
        return False
    return location.evidence.start in countries if location.evidence is not None else location.geo_precision == 3


def _without_background(drafts: list[Draft]) -> tuple[list[Draft], list[Draft]]:
    """The events the report reports, and the background: those dated more than BACKGROUND_DAYS before
    its lead event (the news it opens with) are history it recalls ("a sarin attack in August 2013
    killed hundreds"), coded from the reports of their own time. The lead, not the publication date, is
    the measure: a report may be published weeks after the events it documents."""
    lead_day = next((draft.day.day for draft in drafts if draft.day.day), None)
    if lead_day is None:
        return drafts, []
    oldest = _background_before(lead_day)
    background = [draft for draft in drafts if draft.day.day is not None and draft.day.day < oldest]
    return [draft for draft in drafts if draft not in background], background


def _recalls_history(analysis: Analysis, mention: EventMention, lead: ResolvedDate) -> bool:
    """Whether the mention's sentence is dated by a year or month that ended more than BACKGROUND_DAYS
    before the lead event ("the rebels used the same weapons in Aleppo last year"): history, even where
    the event's own date falls back on the narrative's."""
    if lead.day is None:
        return False
    oldest = _background_before(lead.day)
    sentence = mention.sentence
    for found in dates.timexes_starting_in(analysis, sentence.start, sentence.end):
        period = _PERIOD.match(found.value)
        if period and found.type == "DATE":
            year, month = int(period["year"]), int(period["month"] or 12)
            # The period ended by `oldest`: the first of the month after it is no later (compared as
            # numbers: the month after December 9999 is past the calendar's end).
            if (year + month // 12, month % 12 + 1) <= (oldest.year, oldest.month):
                return True
    return False


def _background_before(lead_day: date) -> date:
    """The day before which an event is background to one on `lead_day` (the calendar's first day at most)."""
    early = lead_day <= date.min + timedelta(days=BACKGROUND_DAYS)
    return date.min if early else lead_day - timedelta(days=BACKGROUND_DAYS)


def _fold_country_level(analysis: Analysis, setting: list[PlaceMention], drafts: list[Draft]) -> list[Draft]:
    """An event placed only at its country ("air strikes in Syria killed 12") is the event of its kind
    that day at a town of that country the report names ("... in Kafr Takharim"): one event per place
    per day, told first vaguely and then precisely. Failing such an event, it happened where the report
    is set: the town of that country it names most."""
    countries = _country_names(setting)
    kept: list[Draft] = []
    for draft in drafts:
        if not _at_country(draft.location, countries):
            kept.append(draft)
            continue
        code = draft.location.place.country_code
        same_event = next(
            (
                other
                for other in drafts
                if other is not draft
                and other.family == draft.family
                and _same_day(other.day, draft.day)
                and other.location.place is not None
                and other.location.place.country_code == code
                and not _at_country(other.location, countries)
            ),
            None,
        )
        if same_event is None:
            draft.location = _setting(analysis, setting, draft, code) or draft.location
            kept.append(draft)
            continue
        _absorb(same_event, draft)
    return sorted(kept, key=lambda draft: min(mention.trigger_start for mention in draft.mentions))


def _fold_opening_tolls(drafts: list[Draft]) -> list[Draft]:
    """News opens with a toll dated by the report, rounded or not ("21 Jul 2016 Dozens of civilians have
    been killed by air strikes ... in Manbij", "Police: 2 dead, 3 hurt in shooting at Houston party"), then
    gives the figure with the event's own day ("at least 73 civilians ... were killed on Tuesday", "Two
    people were killed ... late Saturday"): an event of the same kind told with a figure of that amount
    (the same figure, for a toll told exactly), at the same place or in the same province in the days
    before, is the same event."""
    kept: list[Draft] = []
    for draft in drafts:
        opening = next((earlier for earlier in kept if _tells_toll_of(earlier, draft)), None)
        if opening is None:
            kept.append(draft)
            continue
        _absorb(opening, draft)
        opening.day = draft.day if draft.day.day is not None else opening.day
        if draft.location.place is not None and draft.location.place.kind == "city":
            opening.location = draft.location
    return kept


def _tells_toll_of(opening: Draft, exact: Draft) -> bool:
    """Whether `opening`, told with a vague amount, or with a figure but dated only by the report, tells
    the deaths `exact` gives a figure for."""
    if opening.family != exact.family or exact.deaths.precision != fatalities.EXACT:
        return False
    told, figure = opening.deaths.total, exact.deaths.total
    if opening.deaths.precision == fatalities.VAGUE:
        if not told <= figure < VAGUE_AMOUNT_RANGE * told:
            return False
    elif opening.deaths.precision != fatalities.EXACT or opening.day.evidence is not None or told != figure:
        return False
    told_on, happened_on = opening.day.day, exact.day.day
    if told_on is not None and happened_on is not None and not 0 <= (told_on - happened_on).days <= OPENING_TOLL_DAYS:
        return False
    if _same_place(opening.location, exact.location):
        return True
    first, second = opening.location.place, exact.location.place
    return (
        first is not None
        and second is not None
        and first.admin1 is not None
        and (first.country_code, first.admin1) == (second.country_code, second.admin1)
    )


def _absorb(event: Draft, telling: Draft) -> None:
    """`telling` is another telling of `event`: its mentions and deaths join the event's, in text order."""
    for mention in telling.mentions:
        event.deaths.add(mention)
    event.mentions = sorted(event.mentions + telling.mentions, key=lambda mention: mention.trigger_start)


def _setting(analysis: Analysis, setting: list[PlaceMention], draft: Draft, country_code: str) -> Location | None:
    """Where a report placing an event only at its country is set: the town of that country it names
    most (the first named, on ties), as a place near which the event happened (geo_precision 2). A
    province named in passing is no setting ("rebels hold much of South province"): set there, ECB+ reports
    of one bombing went to three places (merge pairs F1 0.677 -> 0.672)."""
    towns = [p for p in setting if _is_town(p) and p.place.country_code == country_code]
    if not towns:
        return None
    counts = Counter(p.place.geonameid or p.place.name for p in towns)
    town = max(towns, key=lambda p: (counts[p.place.geonameid or p.place.name], -p.start))
    # The country too is judged on that town alone: the report named no town of the event.
    location = places.resolve_event_place(analysis, draft.best, [town], country_places=[town])
    return replace(location, geo_precision=max(location.geo_precision or 2, 2))


@cache
def _anaphoric() -> re.Pattern[str]:
    """A determiner right before a trigger ("this fighting", "the clashes")."""
    return re.compile(rf"\b(?:{word_alternation(word_class('anaphoric'))})\s+$", re.IGNORECASE)


def _refers_back(analysis: Analysis, mention: EventMention) -> bool:
    """A definite or demonstrative noun ("this fighting", "the clashes") names an event already told."""
    before = analysis.report.text[max(mention.sentence.start, mention.trigger_start - 12) : mention.trigger_start]
    return _anaphoric().search(before) is not None


def _redates(analysis: Analysis, previous: Draft, mention: EventMention, day: ResolvedDate) -> bool:
    """ "Four people are dead after a shooting at a bar, police said Monday. The shooting happened around 2
    a.m. Sunday.": the event told before, dated only by the day its telling was said, is the one the
    sentence refers back to, on the day it states (at most a few days before the saying)."""
    said = previous.day.evidence
    if said is None or previous.day.day is None or day.day is None or not _stated_in(day.evidence, mention):
        return False
    if merge_family(mention.event_type, mention.sub_event_type) != previous.family:
        return False
    if not _refers_back(analysis, mention) or not 0 < (previous.day.day - day.day).days <= SAYING_DAYS:
        return False
    text = analysis.report.text
    closing = text[said.end : said.sentence_end].strip() in ("", ".", "!")
    return closing and reporting_verb_before().search(text[max(0, said.start - 30) : said.start]) is not None


def _stated_in(evidence: Evidence | None, mention: EventMention) -> bool:
    return evidence is not None and mention.sentence.start <= evidence.start < mention.sentence.end


def _continues(mention: EventMention) -> bool:
    """A bare toll ("One death reported.") adds to the event told just before, whatever its kind."""
    return (
        mention.event_type == taxonomy.VIOLENCE_AGAINST_CIVILIANS
        and not mention.actor_spans
        and mention.confidence < CONTINUATION_CONFIDENCE
    )
