"""A place's possessive in a name run: "Syria's Deir Ezzor" is Syria, then a place Syria holds, and
"Syrias" is the same possessive where scraped text lost the apostrophe. `kinds`: the kinds of place whose
possessive holds the name after it (countries and divisions)."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from warlog.knowledge.gazetteer import Gazetteer

# A name in the possessive: "Syria's", or "Syrias" where scraped text lost the apostrophe.
_POSSESSIVE = re.compile(r"(?P<name>[A-Z][\w-]*)(?:['’]s|s)$")


def _place_possessive(word: str, index: Gazetteer, kinds: frozenset[str]) -> list[int]:
    """ "Syria's", "Syrias", "Nigeria's": the country or division whose possessive it is (none if it is
    not one); the name after it is a place that one holds ("Syria's Deir Ezzor", "Nigeria's Borno").
    "Syrias" counts only where the gazetteer knows no place so spelt (`lost_apostrophe`)."""
    found = _POSSESSIVE.fullmatch(word)
    if found is None or (not word.endswith(("'s", "’s")) and not lost_apostrophe(word, index, kinds)):
        return []
    return [e for e, q in index.candidates(found["name"]) if q == 1.0 and index.kind(e) in kinds]


# What follows a possessive: a name, or a word that is not a function word ("Syrias opposition").
POSSESSED_AFTER = re.compile(rf" (?:[A-Z]|(?!(?:{'|'.join(sorted(STOP_WORDS))})\b)[a-z])")


def lost_apostrophe(word: str, index: Gazetteer, kinds: frozenset[str]) -> bool:
    """ "Syrias": a possessive whose apostrophe scraping dropped (no place is spelt so; Syria, of one of
    `kinds`, is). Alone, only a country's: "the St. Marys", "the Falcons" are no Mary or Falcon province."""
    if not word.endswith("s") or word.endswith(("'s", "’s")) or " " in word or len(word) < 4 or word.isupper():
        return False
    if any(q == 1.0 for _, q in index.candidates(word)):
        return False
    return any(q == 1.0 and index.kind(e) in kinds for e, q in index.candidates(word[:-1]))


def split_at_possessive(
    text: str, start: int, end: int, index: Gazetteer, kinds: frozenset[str]
) -> list[tuple[int, int]]:
    """A capitalised run cut at a place's possessive, which no place name holds: before it when a name
    follows it ("near Deir al-Zor Syria's SANA reported", where scraped text lost the comma; "Aleutian
    Islands" is no possessive), and after it when it holds the name that follows ("Syria's Deir Ezzor" is
    Syria, then Deir Ezzor, not one name)."""
    parts, part_start = [], start
    words = list(re.finditer(r"\S+", text[start:end]))
    for position, word in enumerate(words):
        holders = _place_possessive(word.group(), index, kinds)
        if not holders:
            continue
        if 0 < position < len(words) - 1 and start + word.start() > part_start:
            parts.append((part_start, start + word.start() - 1))
            part_start = start + word.start()
        following = [text[start + word.end() + 1 : start + later.end()] for later in words[position + 1 : position + 4]]
        if any(index.contains(h, e) for h in holders for name in following for e, _ in index.candidates(name)):
            parts.append((part_start, start + word.end()))
            part_start = start + word.end() + 1
    parts.append((part_start, end))
    return parts


def held_by_possessive(
    text: str, start: int, candidates: list[tuple[int, float]], index: Gazetteer, kinds: frozenset[str]
) -> bool:
    """The name at `start` follows a place's possessive and may be a place that one holds ("Syria's Deir
    Ezzor"); "Syria's Assad" names no town of Syria."""
    before = re.search(r"(\S+)\s$", text[max(0, start - 40) : start])
    holders = _place_possessive(before.group(1), index, kinds) if before else []
    return any(index.contains(holder, entry) for holder in holders for entry, _ in candidates)
