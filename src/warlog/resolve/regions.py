"""ACLED's region of a country: derived from the country code, read from a data file."""

from __future__ import annotations

from functools import lru_cache

from warlog.lexicon import read_table


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    return {row["iso2"]: row["region"] for row in read_table("regions/acled_regions.tsv")}


def acled_region(country_code: str | None) -> str | None:
    return _regions().get(country_code.upper()) if country_code else None
