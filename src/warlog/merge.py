"""One event, many reports: deciding which events from different reports are the same event.

Two events are compared by the weighted geometric mean of five similarities, each between 0 and 1:

    score = (type^w_type * date^w_date * place^w_place * actors^w_actors * wording^w_wording) ^ (1 / sum of w)

A geometric mean because every condition must hold: another town, another day or an unrelated type
vetoes the merge however well the rest agrees, while a doubtful field only lowers the score.

- type: 1 for the same sub-event type, `fold_similarity` when ACLED would fold the two sub-types into
  one event (`data/merge/type_folds.tsv`: shelling inside a battle, an armed group's "arrest" that is an
  abduction), `event_type_similarity` for other sub-types of one event type, else 0.
- date: 1 when the date windows overlap (a day for time_precision 1, ACLED's Saturday-Friday week for 2,
  the month for 3), lowered for imprecise windows (a month says little: 0.4), falling linearly with the
  days between the windows to 0 beyond `max_day_gap` (1: a day apart scores half).
- place: 1 within `near_km`, falling linearly to 0 at `far_km` (both widened for coarse geo_precision);
  at least `admin2_similarity` in the same admin2, and `region_similarity` when one event is only
  coded to a region (geo_precision 3) that contains the other; `country_similarity` when one is only
  placed at country level (two such events share a centroid, not a place), `other_country_similarity`
  when an unplaced event's report points to another country.
- actors: the share of the smaller actor set found in the other ("Unidentified ..." matches anyone),
  never below `disjoint_actor_similarity`: actors are the field extraction gets wrong most often.
- wording: the share of the shorter event sentence's content words found in the other: sources telling
  one incident share its particulars, reports on the same topic do not.

A field that one source leaves empty neither supports nor refutes: it scores `unknown_similarity`.
Events merge when the score reaches `threshold`, through pivot clustering in a canonical order
(`clusters`): every member matches its cluster's pivot directly (no chains of near-matches), and the
clusters depend only on the set of events, not on the order reports arrived in.

Placed events never merge across countries, no event merges with events of its own report (the
report already tells them apart), and dated events only within `max_day_gap` days: that blocking keeps
the candidate search to a few weeks of one country. An unplaced event (no coordinates, or no country:
its country is at most its report's) may meet events of any country, found by event type and date.
An event without a date is compared with the events of its admin1 and the undated events of its
country (its date scores `unknown_similarity`), so undated events are the expensive ones; reports with
a publication date rarely leave an event undated. `docs/merging.md` has the measurements.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from warlog.records import Event
from warlog.resolve import fatalities

EARTH_RADIUS_KM = 6371.0
WORD = re.compile(r"[^\W_]{3,}")
MAX_WINDOW_DAYS = 31  # the widest date window: a month (time_precision 3)
UNPLACED_POOL = "~"  # where unplaced events are looked for, whatever country their report points to


@dataclass(frozen=True)
class MergeConfig:
    """The knobs of the merge score; `docs/merging.md` gives the measured trade-offs."""

    threshold: float = 0.6
    weight_type: float = 0.3
    weight_date: float = 0.25
    weight_place: float = 0.25
    weight_actors: float = 0.2
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
    # A place coded near a town (2) or to a region (3) may lie this much further away.
    geo_slack_km: tuple[float, float, float] = (0.0, 15.0, 60.0)
    admin2_similarity: float = 0.9
    # An event coded to a region (geo_precision 3) only says "somewhere in this admin1".
    region_similarity: float = 0.8
    # Two events placed only at country level share the country's centroid, not a place: merging them
    # needs the other fields to agree strongly (GDELT-style over-merging is vague events merged on a shared
    # country and day). One such event against a placed one says "somewhere in this country": unknown.
    country_similarity: float = 0.3
    # An unplaced event (no coordinates) whose report points to another country than the other event.
    other_country_similarity: float = 0.4
    disjoint_actor_similarity: float = 0.25
    weight_wording: float = 0.2
    # Sharing this share of the shorter sentence's content words counts as telling the same thing.
    wording_saturation: float = 0.5
    wording_floor: float = 0.2


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


def candidate(event: Event, key: int, ordinal: int = 0) -> Candidate:
    """What the score needs of an event (an `Event`, or a store row with the same attribute names);
    `ordinal` is the event's position in its report."""
    start, end = date_window(event.event_date, event.time_precision)
    return Candidate(
        key=key,
        report_id=event.report_id,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        day_start=start,
        day_end=end,
        time_precision=event.time_precision,
        latitude=event.latitude,
        longitude=event.longitude,
        geo_precision=event.geo_precision,
        admin1=event.admin1,
        admin2=event.admin2,
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
    weights = {"type": config.weight_type, "date": config.weight_date, "place": config.weight_place}
    weights.update(actors=config.weight_actors, wording=config.weight_wording)
    return math.prod(parts[name] ** (weight / sum(weights.values())) for name, weight in weights.items())


def same_event(a: Candidate, b: Candidate, config: MergeConfig) -> bool:
    return score(a, b, config) >= config.threshold


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


# --- combining the events of one merged event -------------------------------------------------------


def fatalities_reported(event: Event) -> bool:
    """Whether the report gave a death figure (0 with evidence is a figure; 0 without is no claim)."""
    return event.fatalities > 0 or any(item.field == "fatalities" for item in event.evidence)


@dataclass(slots=True)
class Member:
    """One extracted event inside a merged event, with the report it came from."""

    event: Event
    source: str | None  # the report's source name
    fatalities_reported: bool = True  # False: the report gave no death figure (0 by default)
    ordinal: int = 0  # the event's position in its report

    @property
    def sort_key(self) -> tuple[str, int]:
        return self.event.report_id, self.ordinal

    @property
    def independent_source(self) -> str:
        """Reports from the same outlet are not independent confirmations."""
        return (self.source or f"report:{self.event.report_id}").strip().lower()


@dataclass(slots=True)
class Combined:
    """The fields of a merged event, decided from all its members (independent of their order)."""

    fields: dict[str, Any]
    report_ids: list[str]
    source: str | None
    source_count: int
    confidence: float
    evidence: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


DATE_FIELDS = ("event_date", "time_precision")
PLACE_FIELDS = (
    "iso", "country", "country_code", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision",
)  # fmt: skip
CODING_FIELDS = (
    "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "notes",
)  # fmt: skip


def combine(members: Sequence[Member]) -> Combined:
    """ACLED's way of coding one event from many sources.

    The most precise date and place among the sources; the sub-event type most sources agree on
    (weighted by confidence) with the actors of the most confident source coding it so; the lowest
    reported death toll, with the disagreement written into the notes; a confidence that grows with
    each independent source. The same as folding the members into a `Summary` one by one, in any order.
    """
    summary = Summary()
    for member in members:
        summary.absorb(member)
    tally = tally_of(members)
    return summary.combined(tally)


# What a merged event keeps of its members beyond the fields it codes: the evidence of its first
# EVIDENCE_MEMBERS members (by report id), the first CLAIMS_NAMED differing death figures, the first
# SOURCES_NAMED outlets in `source`, the first REPORTS_LISTED report ids. Every source is counted; every
# report keeps its events (the store's `extracted_events`, by merged id).
EVIDENCE_MEMBERS = 25
CLAIMS_NAMED = 25
SOURCES_NAMED = 50
REPORTS_LISTED = 100
VOTE_UNITS = 1_000_000  # votes are summed in millionths: the same total whatever order members come in


@dataclass
class Summary:
    """The parts of `combine` that a merged event's fields are decided from, each a fold that any order
    of members gives alike (the best member by a total order, sums, minimums, the first N by a total
    order), so that a new member updates them without the others being read again. Stored as JSON with
    each merged event (`to_json`)."""

    members: int = 0
    # [order key, fields]: the member whose date, place or coding (by sub-event type) is kept.
    by_date: list | None = None
    by_place: list | None = None
    by_coding: dict[str, list] = field(default_factory=dict)
    votes: dict[str, int] = field(default_factory=dict)  # sub-event type -> (1 + confidence) summed, in VOTE_UNITS
    figures: list[int] = field(default_factory=list)  # the two lowest distinct death figures reported
    claims: list[list] = field(default_factory=list)  # [figure, report id, ordinal, who], the first CLAIMS_NAMED
    claims_total: int = 0
    evidence: list[list] = field(default_factory=list)  # [[report id, ordinal], entries], the first EVIDENCE_MEMBERS

    def absorb(self, member: Member) -> None:
        event, order = member.event, list(member.sort_key)
        self.members += 1
        date_key = [event.event_date is None, event.time_precision, -event.confidence, *order]
        if self.by_date is None or date_key < self.by_date[0]:
            self.by_date = [date_key, {name: _plain(getattr(event, name)) for name in DATE_FIELDS}]
        place_key = [event.latitude is None, event.geo_precision or 9, -event.confidence, *order]
        if self.by_place is None or place_key < self.by_place[0]:
            self.by_place = [place_key, {name: getattr(event, name) for name in PLACE_FIELDS}]
        sub = event.sub_event_type
        self.votes[sub] = self.votes.get(sub, 0) + round((1.0 + event.confidence) * VOTE_UNITS)
        coding_key = [-event.confidence, *order]
        if sub not in self.by_coding or coding_key < self.by_coding[sub][0]:
            self.by_coding[sub] = [coding_key, {name: getattr(event, name) for name in CODING_FIELDS}]
        if member.fatalities_reported:
            self.figures = sorted({*self.figures, event.fatalities})[:2]
            who = member.source or "report " + event.report_id
            self.claims = sorted([*self.claims, [event.fatalities, *order, who]])[:CLAIMS_NAMED]
            self.claims_total += 1
        entries = [{"report_id": event.report_id, "source": member.source, **asdict(item)} for item in event.evidence]
        self.evidence = sorted([*self.evidence, [order, entries]])[:EVIDENCE_MEMBERS]

    def combined(self, tally: SourceTally) -> Combined:
        assert self.by_date is not None and self.by_place is not None, "a merged event has members"
        best_type = max(self.votes, key=lambda sub: (self.votes[sub], sub))
        fields = dict(self.by_coding[best_type][1])
        fields.update(self.by_date[1], event_date=_day(self.by_date[1]["event_date"]))
        fields.update(self.by_place[1])
        fields["fatalities"] = fatalities.conservative(self.figures)
        if len(self.figures) > 1:  # ACLED's rule: the lowest figure, and a note naming the figures
            claims = "; ".join(f"{figure} ({who})" for figure, _, _, who in self.claims)
            if self.claims_total > len(self.claims):
                claims += f"; and {self.claims_total - len(self.claims):,} more"
            dispute = f"[Fatality figures differ between sources: {claims}; the lowest is coded.]"
            fields["notes"] = f"{fields['notes']} {dispute}".strip()
        evidence: dict[str, list[dict[str, Any]]] = {}
        for _, entries in self.evidence:
            for entry in entries:
                evidence.setdefault(entry["field"], []).append(entry)
        named = tally.names[:SOURCES_NAMED]
        more = f"; and {tally.name_count - len(named):,} more" if tally.name_count > len(named) else ""
        return Combined(
            fields=fields,
            report_ids=tally.report_ids,
            source="; ".join(named) + more or None,
            source_count=tally.source_count,
            confidence=round(1.0 - tally.doubt, 4),
            evidence=evidence,
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Summary:
        return cls(**json.loads(text))


@dataclass
class SourceTally:
    """Who told a merged event: its reports, its outlets' names (the first SOURCES_NAMED, and how many),
    and its independent sources (how many, and the product of their doubts, which gives the event's
    confidence). Whether a source or a name is new is for the caller to say: `combine` keeps sets in
    memory, the store keeps them in its `merged_sources` table."""

    report_ids: list[str] = field(default_factory=list)  # sorted, distinct, the first REPORTS_LISTED
    names: list[str] = field(default_factory=list)  # sorted, the first SOURCES_NAMED
    name_count: int = 0
    source_count: int = 0
    doubt: float = 1.0

    def add_report(self, report_id: str) -> None:
        position = bisect.bisect_left(self.report_ids, report_id)
        if position == len(self.report_ids) or self.report_ids[position] != report_id:
            self.report_ids.insert(position, report_id)
            del self.report_ids[REPORTS_LISTED:]

    def add_source(self, known: float | None, confidence: float) -> None:
        """A source told the event with `confidence`; `known`: its best confidence before, if any."""
        if known is None:
            self.source_count += 1
            self.doubt *= 1.0 - min(confidence, 0.99)
        elif confidence > known:
            self.doubt *= (1.0 - min(confidence, 0.99)) / (1.0 - min(known, 0.99))

    def add_name(self, name: str) -> None:
        """An outlet not named before."""
        self.name_count += 1
        bisect.insort(self.names, name)
        del self.names[SOURCES_NAMED:]

    def counts(self) -> dict[str, Any]:
        """What the store keeps of it as JSON (the report ids are a column of their own)."""
        return {
            "names": self.names,
            "name_count": self.name_count,
            "source_count": self.source_count,
            "doubt": self.doubt,
        }


def tally_of(members: Iterable[Member]) -> SourceTally:
    """The sources of these members, counted in memory."""
    return count_sources(members)[0]


def count_sources(members: Iterable[Member]) -> tuple[SourceTally, dict[str, float], set[str]]:
    """The sources of these members counted, with each independent source's best confidence and the
    outlets' names."""
    tally = SourceTally()
    best: dict[str, float] = {}
    names: set[str] = set()
    for member in members:
        tally.add_report(member.event.report_id)
        key = member.independent_source
        tally.add_source(best.get(key), member.event.confidence)
        best[key] = max(best.get(key, 0.0), member.event.confidence)
        name = (member.source or "").strip()
        if name and name not in names:
            names.add(name)
            tally.add_name(name)
    return tally, best, names


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


# --- blocking keys ---------------------------------------------------------------------------------
# The keys under which an incrementally merged store (`warlog.store.merging`) files each event, and the
# keys it looks up to find every event another may merge with (`may_merge`'s reach).


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
