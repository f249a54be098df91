"""Countries as ACLED names them: a country from its name or code, and its ACLED region (read from a
data file)."""

from __future__ import annotations

from functools import lru_cache

from warlog.knowledge.gazetteer import Country, gazetteer
from warlog.knowledge.spelling import fold
from warlog.lexicon import read_table


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    return {row["iso2"]: row["region"] for row in read_table("regions/acled_regions.tsv")}


def acled_region(country_code: str | None) -> str | None:
    return _regions().get(country_code.upper()) if country_code else None


def find_country(name: str | int) -> Country | None:
    """A country by its name as ACLED writes it, its ISO alpha-2 or alpha-3 code, or its ISO number
    (ACLED's `iso`)."""
    key = fold(str(name))
    return next(
        (
            country
            for country in gazetteer().countries.values()
            if key in (fold(country.name), country.code.lower(), country.iso3.lower(), str(country.iso_numeric))
        ),
        None,
    )
