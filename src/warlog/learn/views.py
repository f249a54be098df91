"""The records the rules and the learned engine exchange: what the engine reads of an event and what it
decides (apart from `combine`, so that the model and its features need not import the switchboard)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class EventView:
    """What the learned engine reads of one event: the report's text (it is asked about reports telling
    one event) and the rules' decision."""

    report_id: str
    text: str
    sub_event_type: str | None  # the rules' choice; None where the rules found no event
    confidence: float  # the rules' confidence in the event
    deaths: int = 0  # the deaths the rules' type counts for the event (a type that owns none is never given them)


@dataclass(frozen=True, slots=True)
class Decision:
    event_type: str
    sub_event_type: str
    support: float  # the model's probability for this type; 1.0 where no model took part


class Engine(Protocol):
    def decide(self, view: EventView, event_type: str) -> Decision: ...
