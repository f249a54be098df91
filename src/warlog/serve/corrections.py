"""What a reviewer's correction means for the rest of the event, checked against ACLED's taxonomy and the
gazetteer before anything is written.

`CorrectionFields` (models) has already checked each value's type and bounds; here the values are
checked together with the event's others: the event and sub-event type must be a pair of the taxonomy
(the disorder type follows from it); the interaction code follows from the inter codes; a changed place
(country, admin1 or location) is resolved again in the gazetteer to its coordinates, admin names and
iso code, unless the reviewer gives coordinates. Every problem is named with its field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warlog.knowledge.gazetteer import gazetteer
from warlog.knowledge.regions import find_country
from warlog.knowledge.spelling import fold
from warlog.records import Place
from warlog.resolve import actors
from warlog.taxonomy import civilian_targeting, sub_event_types, taxonomy

PLACE_FIELDS = ("country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision")
# What a corrected place name is resolved to first: a town before a district, a district before a
# province (ACLED codes the most specific place); geo_precision as `resolve.places` gives it.
KIND_ORDER = {"city": 0, "admin2": 1, "feature": 2, "admin1": 3, "region": 4}
KIND_PRECISION = {"city": 1, "admin2": 2, "feature": 2, "admin1": 3, "region": 3}


class InvalidCorrection(ValueError):
    """A correction that contradicts itself or the event; `problems` are (field, why) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{name}: {why}" for name, why in problems))
        self.problems = problems


def corrected(current: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """The columns a correction writes: the given fields with their canonical spelling, and what
    follows from them. InvalidCorrection lists every problem found."""
    problems: list[tuple[str, str]] = []
    values = dict(given)
    values.update(_coding(current, given, problems))
    values.update(_place(current, given, problems))
    if problems:
        raise InvalidCorrection(problems)
    return values


def _coding(current: Mapping[str, Any], given: Mapping[str, Any], problems: list[tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    merged = {**current, **given}
    if given.keys() & {"event_type", "sub_event_type", "disorder_type"}:
        out.update(_types(merged, given, problems))
    event_type = out.get("event_type", merged["event_type"])
    for side in ("1", "2"):
        actor, inter = f"actor{side}", f"inter{side}"
        if actor in given and merged[actor] is None and inter not in given:
            out[inter] = None  # a side removed takes its code with it
        if merged[actor] is None and out.get(inter, merged[inter]) is not None:
            problems.append((inter, f"there is no {actor} to give a code to: name {actor}, or set {inter} to null"))
    inter1, inter2 = out.get("inter1", merged["inter1"]), out.get("inter2", merged["inter2"])
    if given.keys() & {"inter1", "inter2", "actor1", "actor2"}:
        out["interaction"] = actors.interaction(inter1, inter2)
    if given.keys() & {"event_type", "inter2", "actor2"} and "civilian_targeting" not in given:
        out["civilian_targeting"] = civilian_targeting(event_type, inter2)
    return out


def _types(merged: Mapping[str, Any], given: Mapping[str, Any], problems: list[tuple[str, str]]) -> dict[str, Any]:
    """The event and sub-event type in the codebook's spelling (any case is read), and their disorder type."""
    subs = sub_event_types()
    event_type = _spelled(merged["event_type"], subs)
    if event_type is None:
        problems.append(("event_type", f"{merged['event_type']!r} is not an ACLED event type; {_choices(subs)}"))
        return {}
    sub_event_type = _spelled(merged["sub_event_type"], subs[event_type])
    if sub_event_type is None:
        why = f"{merged['sub_event_type']!r} is not a sub-event type of {event_type}; {_choices(subs[event_type])}"
        problems.append(("sub_event_type", why))
        return {}
    disorder = taxonomy()[(event_type, sub_event_type)]
    if given.get("disorder_type", disorder) != disorder:
        problems.append(("disorder_type", f"{event_type} / {sub_event_type} is coded {disorder!r}"))
    return {"event_type": event_type, "sub_event_type": sub_event_type, "disorder_type": disorder}


def _choices(names: Mapping[str, Any] | tuple[str, ...]) -> str:
    return "one of: " + ", ".join(names)


def _spelled(value: str | None, known: Mapping[str, Any] | tuple[str, ...]) -> str | None:
    if value is None:
        return None
    return next((name for name in known if name.lower() == value.lower()), None)


def _place(current: Mapping[str, Any], given: Mapping[str, Any], problems: list[tuple[str, str]]) -> dict[str, Any]:
    if not given.keys() & set(PLACE_FIELDS):
        return {}
    out: dict[str, Any] = {}
    merged = {**current, **given}
    if ("latitude" in given) != ("longitude" in given):
        problems.append(("latitude" if "longitude" in given else "longitude", "give latitude and longitude together"))
        return {}
    if merged["country"] is None:
        if any(merged[name] is not None for name in ("location", "latitude", "admin1")):
            problems.append(("country", "a placed event needs its country"))
        return {"iso": None, "country_code": None} if "country" in given else {}
    country = find_country(merged["country"])
    if country is None:
        problems.append(("country", f"{merged['country']!r} is not a country in the gazetteer"))
        return {}
    if "country" in given:
        out.update(country=country.name, iso=country.iso_numeric, country_code=country.code)
    if "admin1" in given and merged["admin1"] is not None:
        division = gazetteer().admin1(country.code, merged["admin1"])
        if division is None:
            problems.append(("admin1", f"{merged['admin1']!r} is not a first-level division of {country.name}"))
            return out
        out["admin1"] = division.admin1
    moved = bool(given.keys() & {"country", "admin1", "location"})
    if not moved or "latitude" in given:
        return out  # the reviewer's coordinates are taken as given
    if merged["location"] is None:
        return {**out, "latitude": None, "longitude": None, "geo_precision": given.get("geo_precision")}
    found = candidates(merged["location"], country.name, out.get("admin1") if "admin1" in given else None)
    if not found:
        where = country.name if "admin1" not in given else f"{merged['admin1']}, {country.name}"
        field = "location" if "location" in given else ("admin1" if "admin1" in given else "country")
        problems.append((
            field,
            f"the gazetteer has no place named {merged['location']!r} in {where}: correct location, or give"
            " latitude and longitude with it",
        ))  # fmt: skip
        return out
    place = found[0]
    out.update(latitude=place.lat, longitude=place.lon, admin2=place.admin2)
    if "admin1" not in given:
        out["admin1"] = place.admin1
    if "geo_precision" not in given:
        out["geo_precision"] = KIND_PRECISION.get(place.kind, 1)
    return out


def candidates(name: str, country_name: str | None = None, admin1: str | None = None) -> list[Place]:
    """The places a location name may mean (inside a country and admin1, when given), the likeliest
    first: the closest spelling, then a town before a district or province, then the most populous."""
    country = find_country(country_name) if country_name else None
    if country_name and country is None:
        return []
    index = gazetteer()
    found = []
    for entry, quality in index.candidates(name):
        place = index.place(entry)
        if place.kind not in KIND_ORDER or (country is not None and place.country_code != country.code):
            continue
        if admin1 is not None and fold(place.admin1 or "") != fold(admin1):
            continue
        found.append((-quality, KIND_ORDER[place.kind], -place.population, entry, place))
    return [place for *_, place in sorted(found)]
