"""warlog.merge.clustering: pivot clustering, blocked and in canonical order."""

from __future__ import annotations

import random
from datetime import date

from event_factory import make_event
from warlog.merge.candidates import candidate
from warlog.merge.clustering import best_pivot, clusters
from warlog.merge.scoring import MergeConfig

CONFIG = MergeConfig()


def synthetic_candidates(count: int, seed: int = 7) -> list:
    rng = random.Random(seed)
    items = []
    for key in range(count):
        items.append(
            candidate(
                make_event(
                    f"r{key}",
                    event_date=date(2015, 11, rng.randint(1, 28)),
                    country_code=rng.choice(["SY", "IQ", "YE"]),
                    latitude=34 + rng.random(),
                    longitude=40 + rng.random(),
                ),
                key,
            )
        )
    return items


def brute_force_clusters(items: list) -> set[frozenset]:
    """Pivot clustering without blocking: every earlier pivot considered."""
    pivots, pivot_of = [], {}
    for item in sorted(items, key=lambda c: c.rank):
        found = best_pivot(item, pivots, CONFIG)
        if found is None:
            pivots.append(item)
        pivot_of[item.key] = (found or item).key
    groups: dict[int, set[int]] = {}
    for key, pivot in pivot_of.items():
        groups.setdefault(pivot, set()).add(key)
    return {frozenset(group) for group in groups.values()}


def test_blocked_clustering_equals_clustering_without_blocking():
    items = synthetic_candidates(300)
    found = {frozenset(c.key for c in group) for group in clusters(items, CONFIG)}
    assert found == brute_force_clusters(items)
    assert any(len(group) > 1 for group in found)


def test_clusters_do_not_depend_on_order():
    items = synthetic_candidates(120)
    expected = [[c.key for c in group] for group in clusters(items, CONFIG)]
    assert any(len(group) > 1 for group in expected)
    for seed in range(3):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert [[c.key for c in group] for group in clusters(shuffled, CONFIG)] == expected
