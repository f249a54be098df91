"""Death counts by ACLED's conservative rules.

Deaths, not casualties; the lowest figure when a text gives several for the same deaths ("5 to 7",
"at least 5", "5 or 6"); vague quantities as ACLED codes them ("dozens" 12); deaths reported without
a number: 3 for a small event, 10 for a large one. The words behind these rules are in
`data/lexicon/numbers.tsv`. A figure above `taxonomy.MAX_FATALITIES` is no count of one event's deaths
but a misread (a phone number, a population, digits run together): it counts as no figure, and the
deaths as reported without a number, the conservative reading.
"""

from __future__ import annotations

import re
from functools import cache

from warlog.lexicon import read_table
from warlog.taxonomy import MAX_FATALITIES

UNNUMBERED_SMALL = 3
UNNUMBERED_LARGE = 10


@cache
def _number_words() -> dict[str, int]:
    return {row["word"]: int(row["value"]) for row in read_table("lexicon/numbers.tsv")}


def parse_count(text: str) -> int | None:
    """Value of one count expression ("twenty-one", "12", "dozens", "a dozen"); None if not a count."""
    words = _number_words()
    cleaned = text.strip().lower().replace(",", "")
    if cleaned.isdecimal():  # ("²" is a digit but no number)
        return int(cleaned) if len(cleaned) <= len(str(MAX_FATALITIES)) and int(cleaned) <= MAX_FATALITIES else None
    if cleaned in words:
        return words[cleaned]
    parts = re.split(r"[\s-]+", cleaned)
    if len(parts) == 2 and parts[0] in words and parts[1] in words:
        tens, units = words[parts[0]], words[parts[1]]
        if tens >= 20 and tens % 10 == 0 and units < 10:
            return tens + units
        if units in (100, 1000):  # "two hundred", "a thousand"
            return tens * units
    return None


def conservative(figures: list[int]) -> int:
    """The figure ACLED keeps when a text gives several for the same deaths: the lowest."""
    return min(figures) if figures else 0


def unnumbered(large: bool) -> int:
    """Deaths reported without any number."""
    return UNNUMBERED_LARGE if large else UNNUMBERED_SMALL
