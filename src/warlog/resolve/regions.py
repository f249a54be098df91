"""ACLED's region of a country: derived from the country code, read from a data file."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path


REGIONS_FILE = Path(__file__).parents[1] / "data" / "regions" / "acled_regions.tsv"


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    with REGIONS_FILE.open(encoding="utf-8") as stream:
        rows = csv.DictReader((line for line in stream if not line.startswith("#")), delimiter="\t")
        return {row["iso2"]: row["region"] for row in rows}


def acled_region(country_code: str | None) -> str | None:
    return _regions().get(country_code.upper()) if country_code else None
