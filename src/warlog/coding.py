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
  town of that country, when the report names one;
- an event dated weeks before the report's lead event is background (history recalled to explain the
  news), not a report of that event: it is not coded.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from warlog import taxonomy
from warlog.events.rules import coded_type, event_type_of, merge_family
from warlog.learn import combine
from warlog.learn.combine import EventView
from warlog.lexicon import read_table, word_alternation, word_class
from warlog.records import Analysis, Event, EventMention, Evidence, Location, PlaceMention, ResolvedDate
from warlog.resolve import actors, country_focus, dates, fatalities, places
from warlog.resolve.gazetteer import gazetteer
from warlog.resolve.place_sides import side_places
from warlog.taxonomy import VIOLENT_TYPES, civilian_targeting, disorder_type

MIN_CONFIDENCE = 0.3
LEAD_BONUS = 0.1
# Below this, a violence mention without named sides is a toll adding to the event before it.
CONTINUATION_CONFIDENCE = 0.65
NOTES_MAX_CHARS = 400
# An event more than this long before the report's own date is told as background, not reported.
BACKGROUND_DAYS = 30
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d\d))?$")  # a TIMEX3 year or month

CROWD_CODES = (actors.RIOTERS, actors.PROTESTERS, actors.CIVILIANS)


@dataclass(slots=True)
class _Draft:
    """An event being assembled from the mentions that tell it."""

    mentions: list[EventMention]
    day: ResolvedDate
    location: Location
    family: str
    place_stated: bool = True  # False: the place was carried over from an earlier sentence
    deaths: fatalities.EventDeaths = field(default_factory=fatalities.EventDeaths)

    @property
    def best(self) -> EventMention:
        return max(self.mentions, key=lambda mention: mention.confidence)


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


def _side(
    analysis: Analysis, mention: EventMention, role: str, country: str | None, on: date | None
) -> tuple[actors.Actor, tuple[int, int]] | None:
    for start, end, span_role in mention.actor_spans:
        if span_role == role:
            return _resolve_span(analysis, start, end, country, on), (start, end)
    return None


def _resolve_span(analysis: Analysis, start: int, end: int, country: str | None, on: date | None) -> actors.Actor:
    """The ACLED actor a side's words name; a named group the dictionary lacks keeps its name."""
    text = analysis.report.text[start:end]
    matches = actors.find_actors(text)
    if matches:
        return actors.resolve(matches[0], country, on)
    return actors.Actor(actors.organisation_name(text), actors.MILITIA)


def _evidence(analysis: Analysis, name: str, mention: EventMention, start: int, end: int) -> Evidence:
    # A side told as "the group" has the words of the group named before as its evidence, in their sentence.
    sentence = mention.sentence
    if not sentence.start <= start < sentence.end:
        sentence = analysis.sentence_at(start) or sentence
    return Evidence(name, sentence.start, sentence.end, start, end, analysis.report.text[start:end])


def _code(analysis: Analysis, draft: _Draft, fallback_country: tuple[str | None, str | None], alone: bool) -> Event:
    # Below 1 by the lead's bonus: only the report's lead event can be told with full confidence.
    confidence = min(1.0 - LEAD_BONUS, draft.best.confidence + 0.05 * (len(draft.mentions) - 1))
    event_type, sub_event_type = event_type_of(draft.mentions, draft.family)
    typed = next(m for m in draft.mentions if m.sub_event_type == sub_event_type)
    # The learned engine, where one is in use, may re-decide the type (`warlog.learn.combine`).
    view = EventView(analysis.report.id, _typing_text(analysis, typed, alone), sub_event_type, confidence)
    decision = combine.decide(view, event_type)
    event_type, sub_event_type = decision.event_type, decision.sub_event_type
    confidence *= 0.5 + 0.5 * decision.support
    place = draft.location.place
    country, country_code = (place.country, place.country_code) if place else fallback_country
    on = draft.day.day
    evidence = [_evidence(analysis, "event_type", typed, typed.trigger_start, typed.trigger_end)]

    side1 = side2 = None
    ranked = sorted(draft.mentions, key=lambda m: -m.confidence)
    for mention in ranked:
        side1 = side1 or _side(analysis, mention, "actor1", country, on)
        side2 = side2 or _side(analysis, mention, "actor2", country, on)
        if side1 and side2:
            break
    named = [_resolve_span(analysis, start, end, country, on) for m in ranked for start, end, _role in m.actor_spans]
    state = next((actor for actor in named if actor.inter == actors.STATE), None)
    actor1, actor2 = _standard_sides(event_type, sub_event_type, side1, side2, state, country, on)
    for name, actor in (("actor1", actor1), ("actor2", actor2)):
        side = next((side for side in (side1, side2) if side is not None and side[0] is actor), None)
        if side is not None:  # a standard side (protesters, an unidentified group) has no words of its own
            holder = next(m for m in draft.mentions if any(s[:2] == side[1] for s in m.actor_spans))
            evidence.append(_evidence(analysis, name, holder, *side[1]))

    deaths = fatalities.event_deaths(event_type, sub_event_type, draft.deaths)
    if draft.deaths.source is not None and deaths:
        source = draft.deaths.source
        if source.fatality_span:
            evidence.append(_evidence(analysis, "fatalities", source, *source.fatality_span))
    # (The date's field is "event_date", or "event_date_ignored" for a day outside the accepted range.)
    evidence += [found for found in (draft.location.evidence, draft.day.evidence) if found is not None]

    inter1 = actor1.inter if actor1 else None
    inter2 = actor2.inter if actor2 else None
    iso = None
    if country_code and country_code in gazetteer().countries:
        iso = gazetteer().countries[country_code].iso_numeric
    return Event(
        report_id=analysis.report.id,
        event_date=on,
        time_precision=draft.day.precision,
        disorder_type=disorder_type(event_type, sub_event_type),
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1.name if actor1 else None,
        assoc_actor_1=None,
        inter1=inter1,
        actor2=actor2.name if actor2 else None,
        assoc_actor_2=None,
        inter2=inter2,
        interaction=actors.interaction(inter1, inter2),
        civilian_targeting=civilian_targeting(event_type, inter2),
        iso=iso,
        country=country,
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        admin3=None,
        location=draft.location.name,  # the gazetteer's name in plain letters ("Albu Kamal")
        latitude=place.lat if place else None,
        longitude=place.lon if place else None,
        geo_precision=draft.location.geo_precision,
        source=analysis.report.source,
        notes=_notes(typed),
        fatalities=deaths,
        evidence=evidence,
        confidence=round(confidence, 3),
        country_code=country_code,
    )


def _typing_text(analysis: Analysis, typed: EventMention, alone: bool) -> str:
    """What the learned engine reads: the whole report when it tells one event, else the typed sentence."""
    return analysis.report.text if alone else typed.sentence.text


def _standard_sides(
    event_type: str,
    sub_event_type: str,
    side1: tuple[actors.Actor, tuple[int, int]] | None,
    side2: tuple[actors.Actor, tuple[int, int]] | None,
    state: actors.Actor | None,
    country: str | None,
    on: date | None,
) -> tuple[actors.Actor | None, actors.Actor | None]:
    """ACLED's sides for the type: protesters and rioters by name, facing the state forces named
    anywhere in the event's sentences (the police, when force met a protest and none is named); an
    unknown attacker as an unidentified armed group; civilians as the target of violence against them."""
    first = side1[0] if side1 else None
    second = side2[0] if side2 else None
    if event_type == taxonomy.PROTESTS:
        if sub_event_type == taxonomy.PEACEFUL_PROTEST:
            return actors.generic_actor("protesters", country, on), None
        return actors.generic_actor("protesters", country, on), state or actors.generic_actor("police", country, on)
    if event_type == taxonomy.RIOTS:
        rioters = actors.generic_actor("rioters", country, on)
        if sub_event_type == taxonomy.MOB_VIOLENCE:
            # A mob turns on someone: the forces or armed men it names, else the people it beat or killed.
            if second is not None and second.inter not in (actors.RIOTERS, actors.PROTESTERS):
                return rioters, second
            return rioters, state or actors.generic_actor("civilians", country, on)
        return rioters, state
    if first is not None and first.inter in CROWD_CODES and event_type in VIOLENT_TYPES:
        first, second = None, second or first
    if event_type in VIOLENT_TYPES and first is None:
        first = actors.generic_actor("armed group", country, on)
    if event_type == taxonomy.BATTLES and second is None:  # a battle has two armed sides; the unnamed one is unknown
        second = actors.generic_actor("armed group", country, on)
    if event_type == taxonomy.VIOLENCE_AGAINST_CIVILIANS and (second is None or second.inter != actors.CIVILIANS):
        second = actors.generic_actor("civilians", country, on)
    return first, second


def _notes(mention: EventMention) -> str:
    text = " ".join(mention.sentence.text.split())
    return text if len(text) <= NOTES_MAX_CHARS else text[: NOTES_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"


def annotate(analysis: Analysis) -> None:
    """Fill `analysis.events` from `analysis.mentions`."""
    event_places = _event_place_candidates(analysis)
    history: set[tuple[int, int]] = set()  # sentences telling of earlier years or months
    drafts: list[_Draft] = []
    previous: _Draft | None = None  # the event the last mention told
    for mention in analysis.mentions:
        if mention.confidence < MIN_CONFIDENCE:
            continue
        coded = coded_type(mention, analysis.report.text)
        if coded != (mention.event_type, mention.sub_event_type):  # coding's own telling; the mention stays as written
            mention = replace(mention, event_type=coded[0], sub_event_type=coded[1])
        if drafts and _recalls_history(analysis, mention, drafts[0].day):
            history.add((mention.sentence.start, mention.sentence.end))
            continue
        day = dates.resolve_event_date(analysis, mention)
        # A sentence naming no day or place of its own goes on with the last event; with no place of
        # its own it may be any event of that day ("On Wednesday, four were killed in a gun battle").
        location, place_stated = _event_place(analysis, event_places, mention)
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
            draft = _Draft([], day, location, family, place_stated)
            drafts.append(draft)
        draft.mentions.append(mention)
        if draft.day.day is None and day.day is not None:
            draft.day = day
        if (draft.location.place is None or not draft.place_stated) and location.place is not None and place_stated:
            draft.location, draft.place_stated = location, True  # a place told outright beats one carried over
        draft.deaths.add(mention)
        previous = draft
    drafts, background = _without_background(drafts)
    history |= {(e.sentence_start, e.sentence_end) for d in background if (e := d.location.evidence) is not None}
    # The places of recalled history are not where the report is set.
    setting = [p for p in event_places if not any(start <= p.start < end for start, end in history)]
    drafts = _fold_country_level(analysis, setting, drafts)
    fallback_country = _country_of_report(analysis)
    analysis.events = [_code(analysis, draft, fallback_country, len(drafts) == 1) for draft in drafts]
    if analysis.events:
        # A report tells its main event first (headline, lede); news that opens on a photo caption, a
        # non-lethal development or the war around it leads with the first deadly incident it tells.
        lead = next((event for event in analysis.events if event.fatalities), analysis.events[0])
        lead.confidence = round(min(1.0, lead.confidence + LEAD_BONUS), 3)


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


def _without_background(drafts: list[_Draft]) -> tuple[list[_Draft], list[_Draft]]:
    """The events the report reports, and the background: those dated more than BACKGROUND_DAYS before
    its lead event (the news it opens with) are history it recalls ("a sarin attack in August 2013
    killed hundreds"), coded from the reports of their own time. The lead, not the publication date, is
    the measure: a report may be published weeks after the events it documents."""
    lead_day = next((draft.day.day for draft in drafts if draft.day.day), None)
    if lead_day is None:
        return drafts, []
    oldest = lead_day - timedelta(days=BACKGROUND_DAYS)
    background = [draft for draft in drafts if draft.day.day is not None and draft.day.day < oldest]
    return [draft for draft in drafts if draft not in background], background


def _recalls_history(analysis: Analysis, mention: EventMention, lead: ResolvedDate) -> bool:
    """Whether the mention's sentence is dated by a year or month that ended more than BACKGROUND_DAYS
    before the lead event ("the rebels used the same weapons in Aleppo last year"): history, even where
    the event's own date falls back on the narrative's."""
    if lead.day is None:
        return False
    oldest = lead.day - timedelta(days=BACKGROUND_DAYS)
    sentence = mention.sentence
    for found in analysis.timexes:
        period = _PERIOD.match(found.value) if sentence.start <= found.start < sentence.end else None
        if period and found.type == "DATE":
            year, month = int(period["year"]), int(period["month"] or 12)
            if date(year + month // 12, month % 12 + 1, 1) <= oldest:
                return True
    return False


def _fold_country_level(analysis: Analysis, setting: list[PlaceMention], drafts: list[_Draft]) -> list[_Draft]:
    """An event placed only at its country ("air strikes in Syria killed 12") is the event of its kind
    that day at a town of that country the report names ("... in Kafr Takharim"): one event per place
    per day, told first vaguely and then precisely. Failing such an event, it happened where the report
    is set: the town of that country it names most."""
    countries = {p.start for p in setting if p.place is not None and p.place.kind == "country"}

    def country_level(location: Location) -> bool:
        if location.place is None:
            return False
        return location.evidence.start in countries if location.evidence is not None else location.geo_precision == 3

    kept: list[_Draft] = []
    for draft in drafts:
        if not country_level(draft.location):
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
                and not country_level(other.location)
            ),
            None,
        )
        if same_event is None:
            draft.location = _setting(analysis, setting, draft, code) or draft.location
            kept.append(draft)
            continue
        for mention in draft.mentions:
            same_event.deaths.add(mention)
        same_event.mentions = sorted(same_event.mentions + draft.mentions, key=lambda mention: mention.trigger_start)
    return sorted(kept, key=lambda draft: min(mention.trigger_start for mention in draft.mentions))


def _setting(analysis: Analysis, setting: list[PlaceMention], draft: _Draft, country_code: str) -> Location | None:
    """Where a report placing an event only at its country is set: the town of that country it names
    most (the first named, on ties), as a place near which the event happened (geo_precision 2)."""
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


def _stated_in(evidence: Evidence | None, mention: EventMention) -> bool:
    return evidence is not None and mention.sentence.start <= evidence.start < mention.sentence.end


def _continues(mention: EventMention) -> bool:
    """A bare toll ("One death reported.") adds to the event told just before, whatever its kind."""
    return (
        mention.event_type == taxonomy.VIOLENCE_AGAINST_CIVILIANS
        and not mention.actor_spans
        and mention.confidence < CONTINUATION_CONFIDENCE
    )
