"""ACLED actors for an event: a dictionary match (`knowledge.actors`) named with the event's country
and, for state forces, the era suffix; a state's forces abroad are external; sides known only by their
kind; the interaction code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from warlog.knowledge.actors import (
    CIVILIANS,
    EXTERNAL,
    MILITIA,
    PROTESTERS,
    RIOTERS,
    STATE,
    ActorMatch,
    as_named,
    era_suffix,
)


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    inter: int


def actor_name(template: str, inter: int, country: str | None, on: date | None = None) -> str:
    """Fill a name template: country in, era suffix after state forces' names where known."""
    if "{country}" in template:
        if country:
            template = template.replace(" of {country}", f" of {as_named(country)}").replace("{country}", country)
        else:
            template = template.replace(" of {country}", "").replace(" ({country})", "")
    if inter == STATE and country and template.startswith(("Military Forces of", "Police Forces of")):
        suffix = era_suffix(as_named(country), on)
        if suffix and template.endswith(country):
            template = f"{template} {suffix}"
    return template


def resolve(match: ActorMatch, country: str | None, on: date | None = None) -> Actor:
    """The ACLED actor of a match, in the event's `country`; a state's forces acting outside their
    country are external forces (inter 8), as ACLED codes Turkish forces in Syria."""
    if match.nationality is not None and match.nationality != country:
        return Actor(actor_name(match.template, match.inter, match.nationality, on), EXTERNAL)
    return Actor(actor_name(match.template, match.inter, country, on), match.inter)


# The standard names ACLED gives a side known only by its kind.
GENERIC_SIDES = {
    "military": ("Military Forces of {country}", STATE),
    "police": ("Police Forces of {country}", STATE),
    "armed group": ("Unidentified Armed Group ({country})", MILITIA),
    "rioters": ("Rioters ({country})", RIOTERS),
    "protesters": ("Protesters ({country})", PROTESTERS),
    "civilians": ("Civilians ({country})", CIVILIANS),
}


def generic_actor(kind: str, country: str | None, on: date | None = None) -> Actor:
    """A side known only by its kind (a key of GENERIC_SIDES): "protesters" → Protesters (Kenya)."""
    template, inter = GENERIC_SIDES[kind]
    return Actor(actor_name(template, inter, country, on), inter)


def interaction(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED's interaction code: both inter codes, lower first; a sole actor pairs with 0."""
    if inter1 is None and inter2 is None:
        return None
    codes = sorted(code for code in (inter1, inter2) if code is not None)
    if len(codes) == 1:
        return f"{codes[0]}0"
    return f"{codes[0]}{codes[1]}"
