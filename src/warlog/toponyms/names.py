"""The shape of a written place name: capitalised words joined by articles and connectors ("Deir ez-Zor",
"Ras al-Ain"), or a run of Arabic script."""

from __future__ import annotations

import re

from warlog.lexicon import read_table, word_alternation


def _particles(kind: str) -> str:
    """The particles of `gazetteer/name_particles.tsv` of one kind, as alternatives in the file's order."""
    return word_alternation(
        tuple(row["particle"] for row in read_table("gazetteer/name_particles.tsv") if row["kind"] == kind)
    )


ARTICLE = rf"(?:{_particles('article')})"

CAPITALISED = r"(?:(?:[A-Z]\.){2,}|[A-Z\u00c0-\u00de][\w'’]*(?:[-‑][\w'’]+)*)"

CONNECTOR = rf"(?:{ARTICLE}[-‑ ]|(?:{_particles('connector')}) )"

NAME_RUN = re.compile(
    rf"(?<![\w-])(?:{ARTICLE}[-‑])?{CAPITALISED}(?:[ ]{CONNECTOR}?{CAPITALISED}|{CONNECTOR}{CAPITALISED})*"
    r"|[\u0600-\u06ff]+(?:[ ][\u0600-\u06ff]+)*"
)

# A connector ends no name: "Syria of" in "northern Syria of Aleppo" is Syria, then the connector.
ENDS_IN_CONNECTOR = re.compile(rf"[ ](?:{_particles('connector')})$", re.IGNORECASE)

# An earlier item of a list of names, and what joins it to the next: "Saudi Arabia and ", "Iraq, ".
_LIST_ITEM_BEFORE = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}(?:\s*,\s*|\s+(?:and|or)\s+|\s*,\s*and\s+)$")
_MAX_LIST_ITEMS = 4


def list_start(text: str, start: int) -> int:
    """Where the list of names that the name at `start` ends starts: a cue before the list is said of each
    item ("mercenaries from Saudi Arabia and Jordan", "in Aleppo and Idleb")."""
    for _item in range(_MAX_LIST_ITEMS):
        item = _LIST_ITEM_BEFORE.search(text, max(0, start - 60), start)
        if item is None:
            break
        start = item.start()
    return start
