"""Roles that keep a named place from being where an event happened: what a demonstration is about, where
someone was going, the country across a border, a road's end towns, a person after a title (the words are
in `lexicon/place_roles.tsv`); and the locative cue ("in", "near") that makes a name a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warlog.lexicon import alternations
from warlog.records import PlaceMention
from warlog.toponyms.layout import after_title
from warlog.toponyms.lexicon import cues

# How far before a name its role cue may start: the longest cue plus a few words between.
ROLE_WINDOW_CHARS = 60
# A headline's source, after a colon or a spaced dash at its end ("...: U.S.", "... - Russia").
_CITED_BEFORE = re.compile(r"\S\s*:\s*$|\S\s+[-–—]\s+$")
_LINE_ENDS = re.compile(r"\.?\s*(?:$|[\n;])")
# A road named by its end towns: "Kisumu-Luanda-Busia", "Dhaka - Mymensingh", "Nairobi-Mai Mahiu".
_ROAD_END = r"[A-Z][\w'’]*(?:\s[A-Z][\w'’]*)?"


@dataclass(frozen=True, slots=True)
class _RoleCues:
    """Patterns, from `lexicon/place_roles.tsv`, of the words that put a place in a role other than the
    event's setting. `topic`, `grievance` and `destination` end right before the name."""

    topic: re.Pattern  # what people demonstrate about or for: "in solidarity with", "condemning"
    grievance: re.Pattern  # ... said only of a demonstration: "against", "over", "detained in"
    destination: re.Pattern  # "left for", "bound for"
    venue: re.Pattern  # "said in", "told reporters in": where a speaker spoke
    neighbour: re.Pattern  # "near the border with"
    road: re.Pattern  # a whole road name: "the Nairobi-Mombasa highway"
    settlement_after: re.Pattern  # right after a name: "Town", "Camp" ("Mandera Town" is Mandera)


@cache
def role_phrases() -> dict[str, str]:
    """`lexicon/place_roles.tsv`, read once for both its readers (this module and `place_sides`): role -> its
    phrases as one regex alternation."""
    return alternations("lexicon/place_roles.tsv", "role")


def role_pattern(role: str, before: str, after: str) -> re.Pattern:
    """One role's phrases as a case-blind pattern, between `before` and `after`."""
    return re.compile(f"{before}(?:{role_phrases()[role]}){after}", re.IGNORECASE)


@cache
def role_cues() -> _RoleCues:
    # Up to three words may stand between a cue and the name ("against the recent Mogadishu bombing").
    gap = r"(?P<gap>(?:\s+[\w'’-]+){0,3}?)\s+$"
    right_before_name = r"\s+(?:the\s+)?$"
    return _RoleCues(
        topic=role_pattern("topic", r"\b", rf"(?:['’]s)?{gap}"),
        grievance=role_pattern("grievance", r"\b", gap),
        destination=role_pattern("destination", r"\b", right_before_name),
        venue=role_pattern("venue", r"\b", right_before_name),
        neighbour=role_pattern("neighbour", r"\b", right_before_name),
        road=re.compile(rf"{_ROAD_END}(?:\s*[-–—‑]\s*{_ROAD_END})+\s+(?i:{role_phrases()['road']})\b"),
        settlement_after=role_pattern("settlement", r"\s+", r"\b"),
    )


def place_role(place_mention: PlaceMention, text: str, demonstration: bool = False) -> str | None:
    """The role that keeps a named place from being the event's setting, if any: "topic" (what a
    demonstration is about; with `demonstration`, also its grievance), "destination", "venue" (where a
    speaker spoke), "neighbour" (across a border), "road" (an end town in a road's name), "person" (a name
    after a title) or "source" (who a headline cites, closing it: "Islamic State deputy killed: U.S.")."""
    roles = role_cues()
    before = text[max(0, place_mention.start - ROLE_WINDOW_CHARS) : place_mention.start]
    if after_title(text, place_mention.start):
        return "person"
    if _cited_country(place_mention, text, before):
        return "source"
    if roles.destination.search(before):
        return "destination"
    if roles.venue.search(before):
        return "venue"
    if roles.neighbour.search(before):
        return "neighbour"
    for pattern in (roles.topic, roles.grievance) if demonstration else (roles.topic,):
        cue = pattern.search(before)
        # Words between a cue and the name may not place it: "a protest against the police in Kibera".
        if cue and (not cue["gap"] or not cued(place_mention, text)):
            return "topic"
    line_start = text.rfind("\n", 0, place_mention.start) + 1
    for road in roles.road.finditer(
        text, max(line_start, place_mention.start - ROLE_WINDOW_CHARS), place_mention.end + ROLE_WINDOW_CHARS
    ):
        if road.start() <= place_mention.start and place_mention.end <= road.end():
            return "road"
    return None


def _cited_country(place_mention: PlaceMention, text: str, before: str) -> bool:
    """A country closing a headline after a colon or a dash speaks for its government ("...: U.S."); a town
    so written may be the event's ("... - Baghdad")."""
    country = place_mention.place is not None and place_mention.place.kind == "country"
    return country and bool(_CITED_BEFORE.search(before)) and bool(_LINE_ENDS.match(text, place_mention.end))


def cued(place_mention: PlaceMention, text: str) -> bool:
    return bool(cues().event_before.search(text[max(0, place_mention.start - 40) : place_mention.start]))
