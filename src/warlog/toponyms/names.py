"""The shape of a written place name: capitalised words joined by articles and connectors ("Deir ez-Zor",
"Ras al-Ain"), or a run of Arabic script."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from warlog.language import capitalised_throughout
from warlog.lexicon import read_table, word_alternation
from warlog.toponyms.lexicon import not_names


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

_WORD_IN_RUN = re.compile(r"\S+")
HEADLINE_MAX_CHARS = 300  # a longer line is running text, whatever its capitals (and is not scanned for each run)


def split_in_title_case(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A capitalised run in a line written in title case or capitals ("Barrel Bomb Attack Kills 11 Children
    In Aleppo") cut at its function words ("Children", "Aleppo"): the line's capitals mark no names, but "in"
    still says where."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if len(line) > HEADLINE_MAX_CHARS or not capitalised_throughout(line):
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece: tuple[int, int] | None = None
    for word in _WORD_IN_RUN.finditer(text, start, end):
        if word.group().lower() in STOP_WORDS:
            piece = None
        elif piece is None:
            piece = (word.start(), word.end())
            pieces.append(piece)
        else:
            piece = pieces[-1] = (piece[0], word.end())
    return pieces


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


LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|&)\s*[A-Z]")  # "Kaduna, Borno and Yobe"


def cued_in_list(cue: re.Pattern, text: str, start: int, end: int) -> bool:
    """A cue right before the name, or before the list of names it belongs to ("in Aleppo, Idleb and
    Lattakia"): an item after "and", or after a comma with the list going on; not a name after a comma
    that opens a clause ("in New Zealand, Underwood was able")."""
    if cue.search(text[max(0, start - 40) : start]):
        return True
    listed = _LAST_ITEM_JOIN.search(text, max(0, start - 10), start) or (
        text[:start].rstrip().endswith(",") and (LIST_GOES_ON.match(text, end) or _ITEM_ENDS.match(text, end))
    )
    opens = list_start(text, start)
    first = text[opens:start].split(maxsplit=1)[0].strip(",").lower() if opens != start else ""
    return bool(listed) and first not in ("", *not_names()) and bool(cue.search(text[max(0, opens - 40) : opens]))


_LAST_ITEM_JOIN = re.compile(r"(?:\s+(?:and|or|&)|,\s*and)\s+$")
# What may follow the last name of "X, Y" after a cue: "in Ab Band district, Ghazni.", "in Kotwali Nagar,
# Pratapgarh (UP)", "in Mariashoni, Molo after ..."; not a verb ("in New Zealand, Underwood was able").
_ITEM_ENDS = re.compile(r"\s*(?:[.;:,()]|[A-Z]|(?:after|before|on|in|at|near|when|where|during|following|since)\b)")
