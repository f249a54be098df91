"""How much of a gold event's place and country a note's own words make knowable with warlog's gazetteer.

A ceiling for the place and country scores, not a reader: it looks at the gold answer. A note's place
is reachable when some capitalised name in it (up to four words) has a gazetteer reading within 25 km
of the gold point; its country when some such name, a nationality word, a word said of few countries
("Taliban") or the outlet's home country points to the gold country. A note that fails names nothing the
packaged gazetteer holds near the event: a village it lacks, or no place at all ("Mob lynches suspected
criminal"). No rule choosing among the names can score above these shares.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from warlog.knowledge.gazetteer import distance_km, gazetteer
from warlog.toponyms.lexicon import country_word_votes, source_countries
from warlog.toponyms.names import NAME_RUN

REACH_KM = 25
MAX_NAME_WORDS = 4


def names_in(text: str) -> set[str]:
    """Every run of one to four words inside the text's capitalised name runs (`toponyms.names.NAME_RUN`)."""
    names = set()
    for run in NAME_RUN.finditer(text):
        words = run.group().split()
        for first in range(len(words)):
            for last in range(first + 1, min(len(words), first + MAX_NAME_WORDS) + 1):
                names.add(" ".join(words[first:last]))
    return names


def reachable(record: dict[str, Any], gold_event: dict[str, Any]) -> tuple[bool, bool]:
    """(place reachable, country reachable) for a note and its one gold event."""
    index = gazetteer()
    names = names_in(record.get("text") or "")
    readings = [entry for name in names for entry, _quality in index.candidates(name)]
    lat, lon = gold_event.get("latitude"), gold_event.get("longitude")
    place = (
        lat is not None
        and lon is not None
        and any(distance_km(*index.point(entry), float(lat), float(lon)) <= REACH_KM for entry in readings)
    )
    gold_country = _country_code(gold_event.get("country") or "")
    countries = {index.country_code(entry) for entry in readings}
    countries |= {index.demonym(name) for name in names}
    countries |= set(country_word_votes(record.get("text") or ""))
    countries |= source_countries(record.get("source"), index)
    return place, gold_country is not None and gold_country in countries


@lru_cache(maxsize=512)
def _country_code(name: str) -> str | None:
    index = gazetteer()
    codes = [index.country_code(entry) for entry, _quality in index.candidates(name) if index.kind(entry) == "country"]
    return codes[0] if codes else None
