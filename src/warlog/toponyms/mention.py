"""A name being read as a place: its span, gazetteer candidates, the cues around it, and the reading chosen."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    candidates: list[tuple[int, float]]  # (entry, match quality)
    label: str | None  # NER label, or None for a capitalised run
    demonym: str | None = None
    cue_before: bool = False  # "in", "near", "village of": a place, where things happen
    movement_before: bool = False  # any cue, "from" and "to" included: a place, if nothing says otherwise
    admin_after: bool = False
    settlement_after: bool = False  # "Embu village": the town, not the division of that name
    resident_after: bool = False  # "a Winona man", or a dateline "XENIA --"
    parent: Mention | None = None  # "X, Y" / "X (Y)": Y
    held_for_sure: bool = False  # "X (Y)", "X township, Y": not a comma alone, which may join a list
    scores: dict[int, float] = field(default_factory=dict)
    choice: int | None = None
    confidence: float = 0.0
