"""An ACLED `Event` from the mentions that tell it (`Draft`): its type (`events.rules`), deaths
(`resolve.fatalities`), ACLED's standard sides for the type, evidence, notes and confidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from warlog import taxonomy
from warlog.events.rules import event_type_of
from warlog.knowledge.actors import CIVILIANS, MILITIA, PROTESTERS, RIOTERS, STATE, find_actors, organisation_name
from warlog.knowledge.gazetteer import gazetteer
from warlog.learn import combine
from warlog.learn.views import EventView
from warlog.records import Analysis, Event, EventMention, Evidence, Location, ResolvedDate
from warlog.resolve import actors, fatalities
from warlog.taxonomy import VIOLENT_TYPES, civilian_targeting, disorder_type

LEAD_BONUS = 0.1
NOTES_MAX_CHARS = 400
CROWD_CODES = (RIOTERS, PROTESTERS, CIVILIANS)


@dataclass(slots=True)
class Draft:
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
    matches = find_actors(text)
    if matches:
        return actors.resolve(matches[0], country, on)
    return actors.Actor(organisation_name(text), MILITIA)


def _evidence(analysis: Analysis, name: str, mention: EventMention, start: int, end: int) -> Evidence:
    # A side told as "the group" has the words of the group named before as its evidence, in their sentence.
    sentence = mention.sentence
    if not sentence.start <= start < sentence.end:
        sentence = analysis.sentence_at(start) or sentence
    return Evidence(name, sentence.start, sentence.end, start, end, analysis.report.text[start:end])


def code(analysis: Analysis, draft: Draft, fallback_country: tuple[str | None, str | None], alone: bool) -> Event:
    # Below 1 by the lead's bonus: only the report's lead event can be told with full confidence.
    confidence = min(1.0 - LEAD_BONUS, draft.best.confidence + 0.05 * (len(draft.mentions) - 1))
    event_type, sub_event_type = event_type_of(draft.mentions, draft.family)
    typed = next(m for m in draft.mentions if m.sub_event_type == sub_event_type)
    # The learned engine, where one is in use, may re-decide the type (`warlog.learn.combine`) of a report
    # telling one event, as the notes it learned from do; in a report of several (news), the rules' types
    # and confidences stand, so the model cannot change which event leads.
    if alone:
        deaths = fatalities.event_deaths(event_type, sub_event_type, draft.deaths)
        view = EventView(analysis.report.id, analysis.report.text, sub_event_type, confidence, deaths)
        decision = combine.decide(view, event_type)
        event_type, sub_event_type = decision.event_type, decision.sub_event_type
        confidence *= 0.5 + 0.5 * decision.support
    place = draft.location.place
    country, country_code = (place.country, place.country_code) if place else fallback_country
    on = draft.day.day
    evidence = [_evidence(analysis, "event_type", typed, typed.trigger_start, typed.trigger_end)]

    side1 = side2 = None
    # The sides of the act the event is coded as come first: in "a gunman opened fire ...; police shot the
    # gunman dead", an attack, the gunman is actor1, not the police of the shooting that ended it.
    ranked = sorted(draft.mentions, key=lambda m: (m.event_type != event_type, -m.confidence))
    for mention in ranked:
        side1 = side1 or _side(analysis, mention, "actor1", country, on)
        side2 = side2 or _side(analysis, mention, "actor2", country, on)
        if side1 and side2:
            break
    named = [_resolve_span(analysis, start, end, country, on) for m in ranked for start, end, _role in m.actor_spans]
    state = next((actor for actor in named if actor.inter == STATE), None)
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
            if second is not None and second.inter not in (RIOTERS, PROTESTERS):
                return rioters, second
            return rioters, state or actors.generic_actor("civilians", country, on)
        return rioters, state
    if first is not None and first.inter in CROWD_CODES and event_type in VIOLENT_TYPES:
        first, second = None, second or first
    if event_type in VIOLENT_TYPES and first is None:
        first = actors.generic_actor("armed group", country, on)
    if event_type == taxonomy.BATTLES and second is None:  # a battle has two armed sides; the unnamed one is unknown
        second = actors.generic_actor("armed group", country, on)
    if event_type == taxonomy.VIOLENCE_AGAINST_CIVILIANS and (second is None or second.inter != CIVILIANS):
        second = actors.generic_actor("civilians", country, on)
    return first, second


def _notes(mention: EventMention) -> str:
    text = " ".join(mention.sentence.text.split())
    return text if len(text) <= NOTES_MAX_CHARS else text[: NOTES_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
