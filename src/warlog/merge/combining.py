"""One merged event's fields, decided from its members the way ACLED codes one event from many sources."""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from warlog.records import Event
from warlog.resolve import fatalities


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
