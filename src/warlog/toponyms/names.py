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
