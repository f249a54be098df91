"""The merge score of two candidates, its five similarities, and the blocking rule (`may_merge`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from warlog.merge.candidates import Candidate, unplaced

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class MergeConfig:
    """The knobs of the merge score; `docs/merging.md` gives the measured trade-offs."""

    threshold: float = 0.6
    # Each similarity's weight in the geometric mean (`score`), in the order they are multiplied.
    weights: tuple[tuple[str, float], ...] = (
        ("type", 0.3),
        ("date", 0.25),
        ("place", 0.25),
        ("actors", 0.2),
        ("wording", 0.2),
    )
    fold_similarity: float = 0.7
    # Two sub-types of one event type that ACLED does not fold: sources disagree on the sub-type far
    # more often than on the type (an attack to one is a clash to another), so this only lowers the score.
    event_type_similarity: float = 0.3
    unknown_similarity: float = 0.5
    # ACLED codes one day, but sources a day apart often tell one incident (a night attack, a report
    # dated by its publication day): a day apart scores half of the same day, two days never merge.
    max_day_gap: int = 1
    # Overlapping windows say less the wider they are: the similarity for the coarser time_precision.
    # A month (3) says little: month-level events merge only when the other fields agree strongly.
    window_similarity: tuple[float, float, float] = (1.0, 0.85, 0.4)
    near_km: float = 10.0
    far_km: float = 50.0
    admin2_similarity: float = 0.9
    # An event coded to a region (geo_precision 3) only says "somewhere in this admin1".
    region_similarity: float = 0.8
    # A place coded near a town (2) or to a region (3) may lie this much further away.
    geo_slack_km: tuple[float, float, float] = (0.0, 15.0, 60.0)
    # Two events placed only at country level share the country's centroid, not a place: merging them
    # needs the other fields to agree strongly (GDELT-style over-merging is vague events merged on a shared
    # country and day). One such event against a placed one says "somewhere in this country": unknown.
    country_similarity: float = 0.3
    # An unplaced event (no coordinates) whose report points to another country than the other event.
    other_country_similarity: float = 0.4
    disjoint_actor_similarity: float = 0.25
    # Sharing this share of the shorter sentence's content words counts as telling the same thing.
    wording_saturation: float = 0.5
    wording_floor: float = 0.2


@cache
def _fold_rows() -> tuple[tuple[str, str, str], ...]:
    """(group, event type, sub-event type) rows of `data/merge/type_folds.tsv`."""
    text = resources.files("warlog").joinpath("data/merge/type_folds.tsv").read_text(encoding="utf-8")
    return tuple(tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def type_folds() -> dict[str, frozenset[str]]:
    """Sub-event type -> the fold groups it belongs to."""
    groups: dict[str, set[str]] = {}
    for group, _event_type, sub_event_type in _fold_rows():
        groups.setdefault(sub_event_type, set()).add(group)
    return {sub: frozenset(names) for sub, names in groups.items()}


@cache
def compatible_event_types(event_type: str, sub_event_type: str) -> frozenset[str]:
    """The event types an event of this type can score above 0 with on type: its own, and those of
    the sub-types it folds with (the store looks for an unplaced event's candidates by these)."""
    groups = type_folds().get(sub_event_type, frozenset())
    return frozenset({event_type} | {kind for group, kind, _ in _fold_rows() if group in groups})


def type_similarity(a: Candidate, b: Candidate, config: MergeConfig) -> float:
    if a.sub_event_type == b.sub_event_type:
        return 1.0
    folds = type_folds()
    if folds.get(a.sub_event_type, frozenset()) & folds.get(b.sub_event_type, frozenset()):
        return config.fold_similarity
    if a.event_type == b.event_type:
        return config.event_type_similarity
    return 0.0


def day_gap(a: Candidate, b: Candidate) -> int | None:
    """Days between the two date windows (0 when they overlap); None when a date is unknown."""
    if a.day_start is None or b.day_start is None or a.day_end is None or b.day_end is None:
        return None
    return max(0, (max(a.day_start, b.day_start) - min(a.day_end, b.day_end)).days)


def date_similarity(a: Candidate, b: Candidate, config: MergeConfig) -> float:
    gap = day_gap(a, b)
    if gap is None:
        return config.unknown_similarity
    coarsest = max(a.time_precision, b.time_precision, 1)
    overlap = config.window_similarity[min(coarsest, 3) - 1]
    return overlap * max(0.0, 1.0 - gap / (config.max_day_gap + 1))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def place_similarity(a: Candidate, b: Candidate, config: MergeConfig) -> float:
    if a.block and b.block and a.block != b.block:  # one is unplaced (`may_merge`)
        return config.other_country_similarity
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return config.unknown_similarity
    if a.country_level and b.country_level:
        return config.country_similarity
    if a.country_level or b.country_level:
        return config.unknown_similarity
    coarsest = min(max(a.geo_precision or 3, b.geo_precision or 3, 1), 3)
    slack = config.geo_slack_km[coarsest - 1]
    excess = distance_km(a.latitude, a.longitude, b.latitude, b.longitude) - config.near_km - slack
    similarity = 1.0 - max(0.0, excess) / (config.far_km - config.near_km)
    if a.admin2 and a.admin2 == b.admin2:
        similarity = max(similarity, config.admin2_similarity)
    if coarsest == 3 and a.admin1 and a.admin1 == b.admin1:
        similarity = max(similarity, config.region_similarity)
    return max(0.0, similarity)


def actor_similarity(a: Candidate, b: Candidate, config: MergeConfig) -> float:
    if not a.actors or not b.actors:
        return config.unknown_similarity
    smaller, larger = sorted((a.actors, b.actors), key=len)
    found = sum(1 for name in smaller if any(_same_actor(name, other) for other in larger))
    return max(config.disjoint_actor_similarity, found / len(smaller))


def _same_actor(a: str, b: str) -> bool:
    return a == b or a.startswith("unidentified") or b.startswith("unidentified")


def wording_similarity(a: Candidate, b: Candidate, config: MergeConfig) -> float:
    if not a.words or not b.words:
        return config.unknown_similarity
    shared = len(a.words & b.words) / min(len(a.words), len(b.words))
    return max(config.wording_floor, min(1.0, shared / config.wording_saturation))


def similarities(a: Candidate, b: Candidate, config: MergeConfig) -> dict[str, float]:
    return {
        "type": type_similarity(a, b, config),
        "date": date_similarity(a, b, config),
        "place": place_similarity(a, b, config),
        "actors": actor_similarity(a, b, config),
        "wording": wording_similarity(a, b, config),
    }


def may_merge(a: Candidate, b: Candidate, config: MergeConfig) -> bool:
    """The blocking rule: only these pairs are scored (all others score 0)."""
    if a.report_id == b.report_id:
        return False
    if a.block != b.block and not (unplaced(a) or unplaced(b)):
        return False
    gap = day_gap(a, b)
    if gap is None:  # an undated event: in its own country, among its admin1's events and the undated
        both_undated = a.day_start is None and b.day_start is None
        return a.block is not None and a.block == b.block and (a.admin1 == b.admin1 or both_undated)
    return gap <= config.max_day_gap


def score(a: Candidate, b: Candidate, config: MergeConfig) -> float:
    if not may_merge(a, b, config):
        return 0.0
    parts = similarities(a, b, config)
    total = sum(weight for _, weight in config.weights)
    return math.prod(parts[name] ** (weight / total) for name, weight in config.weights)


def same_event(a: Candidate, b: Candidate, config: MergeConfig) -> bool:
    return score(a, b, config) >= config.threshold
