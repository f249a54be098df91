"""Pivot clustering of candidates in a canonical order: which extracted events are one event."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from datetime import timedelta

from warlog.merge.candidates import UNPLACED_POOL, Candidate, unplaced
from warlog.merge.scoring import MergeConfig, score

MAX_WINDOW_DAYS = 31  # the widest date window: a month (time_precision 3)


def best_pivot(item: Candidate, pivots: Iterable[Candidate], config: MergeConfig) -> Candidate | None:
    """The pivot ranked before `item` that it matches best (at least the threshold; on a tie, the
    higher ranked pivot), if any."""
    found, best = None, config.threshold
    for pivot in sorted((p for p in pivots if p.rank < item.rank), key=lambda p: p.rank):
        value = score(item, pivot, config)
        if value > best or (found is None and value >= best):
            found, best = pivot, value
    return found


def clusters(candidates: Sequence[Candidate], config: MergeConfig) -> list[list[Candidate]]:
    """Pivot clustering in canonical order: each event, from the highest ranked down, joins the pivot
    ranked before it that it matches best, or becomes a pivot itself.

    Every member matches its pivot directly, so no chain of near-matches strings distinct events
    together, and the result depends only on the set of events, not on the order they arrived in.
    Returns clusters (pivot first) ordered by their pivot's rank.
    """
    window = timedelta(days=MAX_WINDOW_DAYS + config.max_day_gap)
    # Dated pivots per country (unplaced ones in a pool of their own), sorted by day_start.
    dated_pivots: dict[str, list[Candidate]] = {UNPLACED_POOL: []}
    dateless_pivots: dict[str | None, list[Candidate]] = {}

    def reachable(pool: list[Candidate], item: Candidate) -> list[Candidate]:
        """The pivots of `pool` whose date window can reach the item's (a bisected slice)."""
        low = bisect.bisect_left(pool, item.day_start - window, key=lambda c: c.day_start)
        reach = item.day_end + timedelta(days=config.max_day_gap)
        return pool[low : bisect.bisect_right(pool, reach, key=lambda c: c.day_start)]

    pivot_of: dict[int, Candidate] = {}
    for item in sorted(candidates, key=lambda c: c.rank):
        dateless = dateless_pivots.setdefault(item.block, [])
        if item.day_start is None or item.day_end is None:  # only its country's admin1 (`may_merge`)
            nearby = dated_pivots.get(item.block, []) + dated_pivots[UNPLACED_POOL] + dateless
        elif unplaced(item):  # any country's
            nearby = [pivot for pool in dated_pivots.values() for pivot in reachable(pool, item)]
        else:
            nearby = reachable(dated_pivots.get(item.block, []), item) + reachable(dated_pivots[UNPLACED_POOL], item)
        found = best_pivot(item, nearby, config)
        if found is None and item.day_start is None:
            dateless.append(item)
        elif found is None:
            pool = dated_pivots.setdefault(UNPLACED_POOL if unplaced(item) else item.block, [])
            bisect.insort(pool, item, key=lambda c: (c.day_start, c.rank))
        pivot_of[item.key] = found or item
    groups: dict[int, list[Candidate]] = {}
    for item in sorted(candidates, key=lambda c: c.rank):
        groups.setdefault(pivot_of[item.key].key, []).append(item)
    return list(groups.values())
