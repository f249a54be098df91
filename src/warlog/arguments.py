"""Arguments of each event mention: the two sides and the deaths.

Sides come from the actor dictionary spans `events` placed around the trigger; where the dictionary
knows no group before the trigger, a named organisation or group (spaCy ORG/NORP) just before it is
taken. A named person is never a side. Each mention's deaths, and the span they are told in, are
decided by `warlog.resolve.fatalities`; the place names that name a side are `warlog.resolve.place_sides`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warlog.knowledge.actors import person_names
from warlog.lexicon import reporting_verbs, word_alternation
from warlog.records import Analysis, Entity, EventMention, PlaceMention, Timex
from warlog.resolve import fatalities
from warlog.spans import Spans

_ORG_WINDOW_CHARS = 60


def fill_actors(analysis: Analysis, mention: EventMention) -> None:
    """The mention's sides: those `events` read by word order, plus a named organisation before the
    trigger when they have no actor1."""
    spans = list(mention.role_spans)

    def text_of(role: str) -> str | None:
        for start, end, span_role in spans:
            if span_role == role:
                return analysis.report.text[start:end]
        return None

    if not any(role == "actor1" for _s, _e, role in spans):
        organisation = _organisation_before(analysis, mention, [(start, end) for start, end, _role in spans])
        if organisation is not None:
            spans.append((organisation[0], organisation[1], "actor1"))
    mention.actor_spans = spans
    mention.actor1_text = text_of("actor1")
    mention.actor2_text = text_of("actor2")


def _organisation_before(
    analysis: Analysis, mention: EventMention, sides: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """A named group (ORG/NORP) just before the trigger, not a date NER took for one: the likely agent when
    the dictionary has none;
    inside a side already found, that whole side ("Taliban militants were killed when forces repulsed
    their attack": the Taliban attacked), never a fragment of its name ("Islamic" of "Islamic State"),
    and never a person the report names (the model tagged "Meshaal" ORG where it tags "Maher Meshaal"
    PERSON elsewhere): an actor is a group."""
    index = analysis.derived(_organisation_index)
    candidates = [
        entity
        for entity in index.groups.ending_in(mention.trigger_start - _ORG_WINDOW_CHARS, mention.trigger_start)
        if entity.text.strip() not in index.persons
        and not index.places.covers(entity.start)  # "al-Bukamal" tagged ORG
        and not index.times.overlaps(entity.start, entity.end)  # a dateline, "Sun 05 Jul"
        and mention.sentence.start <= entity.start
        and not _reporting_verb().match(analysis.report.text, entity.end)
    ]
    if not candidates:
        return None
    nearest = max(candidates, key=lambda entity: entity.end)
    enclosing = [(start, end) for start, end in sides if start <= nearest.start and nearest.end <= end]
    return enclosing[0] if enclosing else (nearest.start, nearest.end)


@dataclass(frozen=True, slots=True)
class _OrganisationIndex:
    """What `_organisation_before` asks of a report for each mention, indexed once by offset."""

    groups: Spans[Entity]  # ORG and NORP entities
    places: Spans[PlaceMention]  # resolved place names
    times: Spans[Timex]
    persons: set[str]  # people's names (`person_names` of the PERSON spans)


def _organisation_index(analysis: Analysis) -> _OrganisationIndex:
    return _OrganisationIndex(
        groups=Spans(entity for entity in analysis.entities if entity.label in ("ORG", "NORP")),
        places=Spans(place for place in analysis.places if place.place is not None),
        times=Spans(analysis.timexes),
        persons=person_names(entity.text for entity in analysis.entities if entity.label == "PERSON"),
    )


def annotate(analysis: Analysis) -> None:
    # A toll over a period or over several places is context where the report tells some event's own deaths.
    places = sorted((p for p in analysis.places if p.place is not None and not p.is_demonym), key=lambda p: p.start)
    cumulative = not fatalities.tells_own_toll(analysis.mentions, places)
    for mention in analysis.mentions:
        fill_actors(analysis, mention)
        mention.fatalities, mention.fatality_span = fatalities.mention_deaths(mention, cumulative, places)


@cache
def _reporting_verb() -> re.Pattern[str]:
    """An organisation that observes or tells of the event is its source, not a side ("the OSCE SMM
    observed"): a `source` verb of `reporting_verbs.tsv` within two words after its name."""
    words = reporting_verbs("source")
    return re.compile(rf"\W*(?:\w+\W+){{0,2}}?(?:{word_alternation(words)})\b", re.IGNORECASE)
