"""Hierarchies written in the text: "X, Y", "X (Y)", "X township (Y District, Z)", "X in the countryside of
Y": the name said to hold another."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from warlog.knowledge.gazetteer import Gazetteer
from warlog.toponyms.lexicon import cue_terms
from warlog.toponyms.mention import Mention
from warlog.toponyms.names import CAPITALISED

_PARENTHESIS_OPEN = re.compile(r"[A-Z][\w'’-]*(?: [a-z]+)? \((?:[^()\n]{1,40}, )?$")

_PARENTHESIS_GOES_ON = re.compile(r"[^()\n]{0,40}\)")


def _level_words() -> str:
    """Words for a level of division or settlement ("township", "sub-county", "estate"), as alternatives."""
    terms = cue_terms()
    words = terms["level_word"] | terms["admin_word"] | terms["settlement_after"]
    return "|".join(sorted((re.escape(word).replace(r"\ ", r"\s+") for word in words), key=len, reverse=True))


def _holder_parts() -> str:
    """Parts of a place that hold another ("X in the countryside of Y"), as alternatives."""
    return "|".join(sorted(map(re.escape, cue_terms()["holder_part"]), key=len, reverse=True))


_LEVELS = rf"(?i:\s+(?:{_level_words()})\b){{1,2}}"  # "Kani township", "Pale Village Tract"

# Between a place's name and the place said to hold it: "X, Y", "X township (Y", "X area - Y",
# "X in the countryside of Y", "X (near Y": Y is where X lies (or, for a town, what X lies close to).
HIERARCHY_BETWEEN = re.compile(
    rf"({_LEVELS})?"
    r"(?:\s*,\s*(?:in\s+)?|\s*\(\s*(?:near\s+)?|\s+-\s+|\s+(?:in|of)\s+(?:the\s+)?"
    rf"(?:(?:\w+ern\s+)?(?:{_holder_parts()})\s+of\s+(?:the\s+)?)?)"
)

# A level the gazetteer does not know, between a name and its known holder: "Kani township (Yinmarbin
# District, Sagaing Region)", "Za Bu Thi Ri township (Det Khi Na district, Nay Pyi Taw)".
_UNKNOWN_LEVEL = re.compile(rf"{CAPITALISED}(?:[ ]{CAPITALISED}){{0,4}}({_LEVELS})?(?:\s*,\s*|\s*\(\s*)")

MAX_UNKNOWN_LEVELS = 2

# A capitalised word that goes on after a name, not a level word: the name is part of a longer one
# ("South West England", "Nadia Moayyad"), not a holder.
_NAME_GOES_ON = re.compile(rf"[ ]+(?!(?i:{_level_words()})\b)[A-Z\u00c0-\u00de]")

# After "the", a name before a noun other than a level word modifies the noun ("in the Miss category",
# "of the Kabul government"): it names no holder.
_NOUN_AFTER = re.compile(rf"[ ]+(?!(?:{_level_words()})\b)([a-z]+)\b")

THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)

_OF = re.compile(r" of ")

# Words of a name tried on either side of "of" ("Northern Syria", "Deir ez-Zor").
_OF_SIDE_WORDS = 3


def in_location_parenthesis(text: str, start: int, end: int) -> bool:
    """ "Kakrail (Dhaka)", "Buratai (Biu LGA, Borno)": the names in a parenthesis right after a
    capitalised name are where it lies."""
    return bool(_PARENTHESIS_OPEN.search(text, max(0, start - 60), start)) and bool(
        _PARENTHESIS_GOES_ON.match(text, end)
    )


def link_hierarchy(text: str, mentions: list[Mention]) -> None:
    """ "X, Y", "X (Y)", "X in the countryside of Y": Y is where X lies (Kakrail (Dhaka), Sirwah, Marib)."""
    starts = {mention.start: mention for mention in mentions}
    for child in mentions:
        holder = holder_after(text, child.end, starts)
        if holder:
            child.parent = starts[holder[0]]
            # "(Ezzouhour, Kasserine)": a comma in a location parenthesis joins levels, not a list.
            child.held_for_sure = holder[1] or in_location_parenthesis(text, child.start, child.end)


def holder_after(text: str, end: int, starts: dict[int, Mention]) -> tuple[int, bool] | None:
    """Where the name of the place said to hold the name ending at `end` starts (one of `starts`), past
    levels the gazetteer does not know ("Kani township (Yinmarbin District, Sagaing Region)"), and
    whether the text says so for sure: a parenthesis or a level word on the way, not a comma alone, which
    may join a list ("Kabul, Kandahar"), nor "in" or "of", which tie a name to a town loosely ("Darbasiyah
    in al-Hasakeh" is in the governorate). A name that goes on ("South West England", "the Miss
    category") holds nothing."""
    step = HIERARCHY_BETWEEN.match(text, end)
    if step is None:
        return None
    for_sure = _says_level(step)
    position, levels = step.end(), 0
    while position not in starts:
        unknown = _UNKNOWN_LEVEL.match(text, position)
        if unknown is None or levels == MAX_UNKNOWN_LEVELS or any(position < s < unknown.end() for s in starts):
            return None
        position, levels = unknown.end(), levels + 1
        for_sure = for_sure or _says_level(unknown)
    holder_end = starts[position].end
    if _NAME_GOES_ON.match(text, holder_end):
        return None
    noun = _NOUN_AFTER.match(text, holder_end) if THE_BEFORE.search(text, step.start(), position) else None
    if noun and noun.group(1) not in STOP_WORDS:
        return None
    return position, for_sure


def _says_level(between: re.Match) -> bool:
    """A parenthesis or a level word says the names are levels of one hierarchy, not items of a list."""
    return "(" in between.group() or bool(between.group(1))


def split_at_of(text: str, start: int, end: int, index: Gazetteer) -> list[tuple[int, int]]:
    """A capitalised run cut at an "of" between two places one of which holds the other: "Northern Syria
    of Aleppo", a headline's translation, is Syria, then Aleppo, no one name; "Gulf of Aden", "Isle of
    Man" join no two such places and stay whole."""
    parts, part_start = [], start
    for of in _OF.finditer(text, start, end):
        before = text[part_start : of.start()].split()
        after = text[of.end() : end].split()
        left = _places_named(index, (before[-size:] for size in range(1, min(_OF_SIDE_WORDS, len(before)) + 1)))
        right = _places_named(index, (after[:size] for size in range(1, min(_OF_SIDE_WORDS, len(after)) + 1)))
        if any(index.contains(a, b) or index.contains(b, a) for a in left for b in right):
            parts.append((part_start, of.start()))
            part_start = of.end()
    parts.append((part_start, end))
    return parts


def _places_named(index: Gazetteer, names: Iterable[list[str]]) -> list[int]:
    """The gazetteer entries exactly named by any of `names` (each a list of words)."""
    return [entry for words in names for entry, quality in index.candidates(" ".join(words)) if quality == 1.0]
