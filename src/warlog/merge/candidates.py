"""What the merge score reads of an extracted event: a `Candidate`, its date window, actors and words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from warlog.records import Event

WORD = re.compile(r"[^\W_]{3,}")
UNPLACED_POOL = "~"  # where unplaced events are looked for, whatever country their report points to


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the score looks at in one extracted event; `key` orders events deterministically."""

    key: int
    report_id: str
    event_type: str
    sub_event_type: str
    day_start: date | None
    day_end: date | None
    time_precision: int
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    admin1: str | None
    admin2: str | None
    actors: frozenset[str]
    words: frozenset[str]  # content words of the notes (the sentence that tells the event)
    country_level: bool  # placed only at country level (geo_precision 3, location the country)
    block: str | None  # the country; None: unknown
    # The canonical order of clustering: dated, most precise, most confident events first; ties broken
    # by the report id and position, never by arrival order.
    rank: tuple = ()


def unplaced(item: Candidate) -> bool:
    """No coordinates or no country: the event's country, if any, is only its report's, so it may
    meet events of other countries (and never weighs as evidence of the same place)."""
    return item.block is None or item.latitude is None or item.longitude is None


def date_window(day: date | None, precision: int) -> tuple[date | None, date | None]:
    """The days an ACLED date stands for: the day, its Saturday-Friday week, or its month."""
    if day is None:
        return None, None
    if precision == 2:
        start = day - timedelta(days=(day.weekday() - 5) % 7)
        return start, start + timedelta(days=6)
    if precision >= 3:
        start = day.replace(day=1)
        next_month = (start + timedelta(days=32)).replace(day=1)
        return start, next_month - timedelta(days=1)
    return day, day


def actor_names(event: Event) -> frozenset[str]:
    names = [event.actor1, event.actor2]
    for associates in (event.assoc_actor_1, event.assoc_actor_2):
        names.extend((associates or "").split(";"))
    return frozenset(normalised for name in names if name and (normalised := _normalise_actor(name)))


def content_words(text: str | None) -> frozenset[str]:
    """Lower-case words of three characters or more, without English stop words (spaCy's list)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(word for word in WORD.findall((text or "").lower()) if word not in STOP_WORDS)


def _normalise_actor(name: str) -> str:
    return " ".join(re.sub(r"[^\w()-]+", " ", name.lower()).split())


# What a candidate takes from its event as it is.
COPIED_FIELDS = (
    "report_id", "event_type", "sub_event_type", "time_precision", "latitude", "longitude", "geo_precision", "admin1",
    "admin2",
)  # fmt: skip


def candidate(event: Event, key: int, ordinal: int = 0) -> Candidate:
    """What the score needs of an event (an `Event`, or a store row with the same attribute names);
    `ordinal` is the event's position in its report."""
    start, end = date_window(event.event_date, event.time_precision)
    return Candidate(
        **{name: getattr(event, name) for name in COPIED_FIELDS},
        key=key,
        day_start=start,
        day_end=end,
        actors=actor_names(event),
        words=content_words(event.notes),
        country_level=event.geo_precision == 3 and (event.location or "") in ("", event.country or ""),
        block=event.country_code or None,
        rank=(
            event.event_date is None,
            event.time_precision,
            event.geo_precision or 9,
            -round(event.confidence or 0.0, 6),
            event.report_id,
            ordinal,
        ),
    )
