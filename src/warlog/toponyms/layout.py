"""Where a name stands in the writing: after a person's title ("President Kibaki"), opening a sentence,
as a news story's dateline ("XENIA --"), or in a heading made of place names ("Aleppo - Tal Refaat:")."""

from __future__ import annotations

import re
from functools import lru_cache

from warlog.toponyms.lexicon import cue_terms
from warlog.toponyms.mention import Mention
from warlog.toponyms.names import ARTICLE


@lru_cache(maxsize=1)
def _title_before() -> re.Pattern:
    """A title (`cues.tsv`) right before a name, written capitalised ("President Kibaki", "Gov. Joho",
    "MP Otieno"): "a major Kisumu estate" has no title."""
    forms = {form for term in cue_terms()["title"] for form in (term.title(), term.upper())}
    alternatives = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\.?\s+$")


def after_title(text: str, start: int) -> bool:
    """ "Dr. Greco", "President Kibaki", "Tyrise M. Bell": the name starting at `start` is a person's."""
    before = text[max(0, start - 30) : start]
    words = before.split()
    # A middle initial ("Tyrise M. Bell") opens a surname too.
    initial = bool(words) and len(words[-1]) == 2 and words[-1][0].isupper() and words[-1][1] == "."
    return initial or bool(_title_before().search(before))


def opens_sentence(text: str, mention: Mention) -> bool:
    """A lone capitalised word at a sentence start may be capitalised only for that reason."""
    if " " in mention.text:
        return False
    before = text[max(0, mention.start - 3) : mention.start].strip()
    return not before or before[-1] in ".!?\"'“”:\n"


_DATELINE_END = re.compile(r"^(?:,[^\n—–-]{1,25})?\s*(?:—|--|–|-\s|:)")


def is_dateline(name: str, after: str) -> bool:
    """ "XENIA --", "CHARLESTON, W.Va. --": an upper-case place opening a news story."""
    return name.isupper() and len(name) > 3 and bool(_DATELINE_END.match(after))


# A text's opening heading: up to a colon or a bar ("|", "||") that closes it early ("Daraa - Nawa: effects of
# shelling", "Hraytan || The devastation"), not a clock time ("10:30").
_HEADING = re.compile(r"^(?P<words>[^\n:|]{1,60}?)\s*(?::(?!\d)|\|\|?)")
_HEADING_MAX_WORDS = 6
# A word of a heading made of place names: capitalised, a date or a number, a dash or slash, an article.
_HEADING_WORD = re.compile(rf"^(?:[A-Z\u00c0-\u00de\u0600-\u06ff]|\d|[-‑–—/]+$|{ARTICLE}$)")


def in_heading(text: str, end: int) -> bool:
    """A name in a heading made only of names before a colon or a bar ("Aleppo - Tal Refaat: destruction
    ...", "Talbiseh 30/9/2015:", "Idlib | Killed and wounded"), the words for a part of a place among them
    ("Aleppo northern countryside ||"): video captions and news items name their place so, as a dateline
    does. "Bomb factories, village command posts:" is a phrase, not a heading of places."""
    heading = _HEADING.match(text)
    if heading is None or end > heading.end("words"):
        return False
    words = heading["words"].replace(",", " ").split()
    return len(words) <= _HEADING_MAX_WORDS and all(
        _HEADING_WORD.match(word) or word in _place_part_words() for word in words
    )


@lru_cache(maxsize=1)
def _place_part_words() -> frozenset[str]:
    """Lower-case words a heading of places may hold besides names: "northern", "countryside" (`cues.tsv`)."""
    terms = cue_terms()
    return frozenset(terms["direction"] | terms["region_adjective"] | terms["holder_part"])
