"""Blocking keys: the keys under which an incrementally merged store (`warlog.store.merging`) files each
event, and the keys it looks up to find every event another may merge with (`may_merge`'s reach)."""

from __future__ import annotations

from datetime import date, timedelta

from warlog.merge.candidates import UNPLACED_POOL, Candidate, unplaced
from warlog.merge.scoring import compatible_event_types


def period(item: Candidate) -> str:
    """The index bucket of a date window's start: its week (`w`) for a day or a week, its month (`m`)
    for a month (which starts on the 1st). Keyed apart, a day-level event looks back one week for
    day- and week-level windows, and only month-level ones need the month before."""
    return period_of(item.day_start, item.time_precision)


def period_of(start: date, time_precision: int) -> str:
    if time_precision >= 3:
        return f"m{start.year * 12 + start.month}"
    return f"w{start.toordinal() // 7}"


def periods_within_reach(item: Candidate, max_day_gap: int) -> list[str]:
    """The buckets where the windows that come within `max_day_gap` days of the item's may start."""
    first = item.day_start - timedelta(days=max_day_gap)
    last = item.day_end + timedelta(days=max_day_gap)
    weeks = range((first - timedelta(days=6)).toordinal() // 7, last.toordinal() // 7 + 1)  # a week window: 7 days
    months = range(first.year * 12 + first.month, last.year * 12 + last.month + 1)
    return [f"w{week}" for week in weeks] + [f"m{month}" for month in months]


def week_key(item: Candidate) -> str | None:
    """The index bucket of an event: its country (or the pool of unplaced events) and the week its
    date window starts in; undated events are bucketed by their country instead."""
    if item.day_start is not None:
        return f"{UNPLACED_POOL if unplaced(item) else item.block}:{period(item)}"
    return undated_key(item) if item.block else None


def type_week_key(item: Candidate) -> str | None:
    """The bucket an unplaced event looks for candidates in: event type and week, any country."""
    return f"{item.event_type}:{period(item)}" if item.day_start else None


def nearby_keys(item: Candidate, max_day_gap: int) -> list[tuple[str, str]]:
    """(column, key) look-ups that find every event `item` may merge with (`may_merge`), among events
    filed under their `stored_keys`. A dated event: the weeks a date window within reach can start in,
    of its country and of the unplaced events (an unplaced event: of every event of a type it can
    match), and the undated events of its country. An undated event: every event of its admin1 and the
    undated events of its country."""
    if item.day_start is None or item.day_end is None:
        return [] if item.block is None else [("area", area_key(item)), ("week", undated_key(item))]
    periods = periods_within_reach(item, max_day_gap)
    undated = {undated_key(item)} if item.block else set()
    if unplaced(item):
        kinds = compatible_event_types(item.event_type, item.sub_event_type)
        type_weeks = sorted({f"{kind}:{period}" for kind in kinds for period in periods})
        return [("type_week", key) for key in type_weeks] + [("week", key) for key in sorted(undated)]
    weeks = {f"{pool}:{period}" for pool in (item.block, UNPLACED_POOL) for period in periods} | undated
    return [("week", key) for key in sorted(weeks)]


def stored_keys(item: Candidate) -> list[tuple[str, str]]:
    """(column, key) under which an event is filed for `nearby_keys` to find it."""
    keys = (("week", week_key(item)), ("type_week", type_week_key(item)), ("area", area_key(item)))
    return [(column, key) for column, key in keys if key is not None]


def area_key(item: Candidate) -> str | None:
    return None if item.block is None else f"{item.block}:{item.admin1 or ''}"


def undated_key(item: Candidate) -> str:
    return f"{item.block}:undated"
