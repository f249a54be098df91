"""ACLED's vocabulary, read from `data/lexicon/taxonomy.tsv` and ACLED_CODING.md: the event types with
their sub-event and disorder types, the actor type (inter) codes, and the rules that derive one column
from others (disorder type, civilian targeting; the interaction code is `resolve.actors.interaction`).
Extraction (`warlog.coding`) and review corrections (`warlog.serve.corrections`) both code through it,
so they cannot disagree."""

from __future__ import annotations

from functools import cache

from warlog.lexicon import read_table
from warlog.resolve import actors

MAX_FATALITIES = 1_000_000  # one event's deaths: far above any ACLED has coded, within the store's INTEGER
VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
# ACLED's event types of demonstrations (a crowd's events: coded per place and day, placed where it gathered).
DEMONSTRATION_TYPES = ("Protests", "Riots")
INTER_LABELS = {
    actors.STATE: "State forces",
    actors.REBELS: "Rebel groups",
    actors.MILITIA: "Political militias",
    actors.IDENTITY_MILITIA: "Identity militias",
    actors.RIOTERS: "Rioters",
    actors.PROTESTERS: "Protesters",
    actors.CIVILIANS: "Civilians",
    actors.EXTERNAL: "External/other forces",
}


@cache
def taxonomy() -> dict[tuple[str, str], str]:
    """(event type, sub-event type) -> disorder type, in the codebook's order."""
    return {
        (row["event_type"], row["sub_event_type"]): row["disorder_type"] for row in read_table("lexicon/taxonomy.tsv")
    }


@cache
def sub_event_types() -> dict[str, tuple[str, ...]]:
    """Event type -> its sub-event types, in the codebook's order."""
    found: dict[str, list[str]] = {}
    for event_type, sub_event_type in taxonomy():
        found.setdefault(event_type, []).append(sub_event_type)
    return {event_type: tuple(subs) for event_type, subs in found.items()}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    return taxonomy()[(event_type, sub_event_type)]


def civilian_targeting(event_type: str, inter2: int | None) -> str | None:
    """ACLED's flag on political violence whose target is civilians."""
    return "Civilian targeting" if inter2 == actors.CIVILIANS and event_type in VIOLENT_TYPES else None
