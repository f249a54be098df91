"""Typed records passed between pipeline stages.

Every stage reads and annotates one `Analysis` (like spaCy's `Doc`): ingest makes the `Report`,
language adds sentences and entities, `timex` the temporal expressions, `toponyms`
the place mentions, `events` the event mentions, `arguments` their arguments, and `coding` turns
each mention into an ACLED-coded `Event`. Character offsets are always into `Report.text`,
end exclusive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from warlog.spans import Spans

Derived = TypeVar("Derived")


@dataclass(frozen=True, slots=True)
class Report:
    """One input document."""

    id: str
    text: str
    published: date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be read: which one, and why."""

    report_id: str
    origin: str  # the file, or "file:line" for a JSONL line
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span from the language model (spaCy labels: GPE, ORG, NORP, ...)."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression, normalised to a TimeML TIMEX3 value.

    `day` and `precision` are what the expression says about an event's date, in ACLED's terms:
    precision 1 the day, 2 the week (day = middle of the Saturday-Friday week), 3 the month
    (day = mid-month, or first/last day for "beginning"/"end of"). Both are None for expressions
    that date nothing (durations, sets, future references).
    """

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: 2015-11-16, 2015-W47, 2015-11, 2015, PAST_REF, P3D, ...
    day: date | None = None
    precision: int | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    name: str
    lat: float
    lon: float
    country_code: str  # ISO 3166-1 alpha-2
    country: str
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    kind: str = "city"  # city, admin1, admin2, country, region, feature
    population: int = 0


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text; `place` is None when the name could not be resolved safely."""

    start: int
    end: int
    text: str
    place: Place | None
    confidence: float = 0.0
    is_demonym: bool = False  # "Iraqi border": names a country, never an event location


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a field's value came from: the sentence, and the span inside it."""

    field: str
    sentence_start: int
    sentence_end: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """An event's date as decided by `resolve.dates`; precision as in `Timex`."""

    day: date | None
    precision: int
    confidence: float
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """An event's location as decided by `resolve.places`; geo_precision 1/2/3 as ACLED codes it."""

    place: Place | None  # None: no place could be resolved (name kept when known)
    name: str | None
    geo_precision: int | None
    confidence: float
    evidence: Evidence | None = None


@dataclass(slots=True)
class EventMention:
    """One event told in one sentence, as found by `events`, with arguments filled by `arguments`; each
    field is written by one stage (`pipeline.STAGES` says which), and no later stage rewrites it."""

    sentence: Sentence
    trigger_start: int
    trigger_end: int
    trigger: str
    event_type: str
    sub_event_type: str
    confidence: float
    actor1_text: str | None = None
    actor2_text: str | None = None
    role_spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, role): by `events`
    actor_spans: list[tuple[int, int, str]] = field(default_factory=list)  # the same plus what `arguments` adds
    place: PlaceMention | None = None
    timex: Timex | None = None
    fatalities: int | None = None
    fatality_span: tuple[int, int] | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    """An ACLED-coded event: ACLED's export fields plus provenance."""

    report_id: str
    event_date: date | None
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: str | None
    inter1: int | None
    actor2: str | None
    assoc_actor_2: str | None
    inter2: int | None
    interaction: str | None
    civilian_targeting: str | None
    iso: int | None
    country: str | None
    admin1: str | None
    admin2: str | None
    admin3: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    source: str | None
    notes: str
    fatalities: int
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0
    country_code: str | None = None  # ISO alpha-2, for the store and filters


@dataclass(slots=True)
class Analysis:
    """Everything the pipeline knows about one report; each stage fills its own part."""

    report: Report
    language: str = "en"  # ISO 639-1 (else 639-3) code; warlog extracts events from English only
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    # What `derived` computed, with the annotations it was computed from; a copy (`dataclasses.replace`)
    # starts empty, since a view holds other places.
    _derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, compute: Callable[[Analysis], Derived]) -> Derived:
        """`compute(self)`, computed once while the report and its annotations stay the same objects: the
        per-report indexes and judgements that stages consult for every mention (recomputed for each
        mention, they make a report's time grow with the square of its length)."""
        annotations = (self.sentences, self.entities, self.timexes, self.places, self.mentions)
        lengths = tuple(len(annotation) for annotation in annotations)
        found = self._derived.get(compute)
        if found is not None:
            report, kept, kept_lengths, value = found
            same = report is self.report and all(a is b for a, b in zip(kept, annotations, strict=True))
            if same and kept_lengths == lengths:
                return value
        value = compute(self)
        self._derived[compute] = (self.report, annotations, lengths, value)
        return value

    def derived_for(self, compute: Callable[[Analysis, Sequence], Derived], items: Sequence) -> Derived:
        """`compute(self, items)`, once per report and per sequence `items` (the same object, of the same
        length): for judgements on a selection of the report's places that a stage passes with every mention."""
        memo = self.derived(_memo_table)
        found = memo.get((compute, id(items)))
        if found is not None and found[0] is items and found[1] == len(items):
            return found[2]
        value = compute(self, items)
        memo[(compute, id(items))] = (items, len(items), value)  # `items` kept: its id is not reused
        return value

    def sentence_at(self, offset: int) -> Sentence | None:
        return self.derived(_sentence_index).at(offset)


def _sentence_index(analysis: Analysis) -> Spans[Sentence]:
    return Spans(analysis.sentences)


def _memo_table(analysis: Analysis) -> dict:
    return {}


@dataclass(frozen=True, slots=True)
class Extracted:
    """What extraction keeps of a report: the report and its coded events (the annotations in between
    stay in the process that made them, so a worker sends back only these)."""

    report: Report
    events: list[Event]
    language: str = "en"  # as `Analysis.language`: no events from a report not in English
