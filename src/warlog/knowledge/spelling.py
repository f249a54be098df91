"""Place names as the gazetteer compares them: folded (case, accents, marks), and a loose key and
spelling robust to the many transliterations of Arabic-script names ("Deir ez-Zor", "Dayr al-Zawr")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ARABIC = re.compile(r"[\u0600-\u06ff]")

# Least similarity (difflib ratio of `loose_spelling`s) for a transliteration-robust match.
LOOSE_SIMILARITY = 0.8

MIN_LOOSE_LENGTH = 4  # "Ab" or "Kut" spelled loosely could be anything

_MARKS = str.maketrans("", "", "'’‘ʿʾ`´ʻʼ\u0640")  # apostrophes, ayn/hamza marks, Arabic tatweel

_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})

_SEPARATORS = re.compile(r"[\s\-‐‑–—_/,()]+")


@lru_cache(maxsize=1 << 16)  # called for every candidate name of every report; the same names recur
def fold(name: str) -> str:
    """Case, diacritics, apostrophes and separators folded: the exact-match key.

    "Deir ez-Zor" → "deir ez zor", "U.S." → "us", "Ḩamāh" → "hamah", "دير الزّور" → "دير الزور".
    """
    text = name.translate(_ARABIC_LETTERS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().translate(_MARKS).replace(".", "")
    return _SEPARATORS.sub(" ", text).strip()


# Arabic articles as transliterated (al-, el-, ad-, ar-, as-, ash-, az-, ...) and "e-" as in "Deir e-Zor".
_ARTICLES = frozenset("al el il ul ad ed ar er as es ash esh az ez at et an en ath adh e l".split())  # noqa: SIM905

# "father of": Abu, Albu, Bu (al-Bukamal = Abu Kamal = Albu Kamal)
_FATHER = frozenset(["abu", "abou", "abo", "albu", "bou", "bu"])

_FUSED_ARTICLE = re.compile(r"^[ae](sh|[tdrzsnl])(?=\1)")  # "ezzor", "arraqqa": article + doubled sun letter

# Arabic dhal is written dh, th or d (Dhi Qar = Thi Qar), qaf q or k, kha kh or k.
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "t"), ("ch", "s"), ("ph", "f"),
             ("dj", "j"), ("ou", "u"), ("q", "k"), ("ck", "k"), ("c", "k"), ("x", "ks"))  # fmt: skip

_FEMININE_ENDING = re.compile(r"(ah|eh|a|e|h)$")

_VOWELS = re.compile(r"[aeiouyw]")

_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)
def loose_key(name: str) -> str | None:
    """A transliteration-robust key for names of Arabic (or Persian) origin: articles, Abu/Albu/Bu,
    vowels (Deir/Dayr/Der, -ah/-a), doubled letters, spaces and hyphens are all ignored.

    al-Bukamal, Abu Kamal, Albu Kamal, Bukamal → "bkml", Idlib and Edlib → "adlb"; البوكمال → its
    Arabic-script skeleton.
    Too permissive for general use: the gazetteer matches it only against places in countries where such
    names are at home, and only when the exact key finds nothing.
    """
    words = fold(name).split()
    if not words:
        return None
    if ARABIC.search(words[0]):
        return _arabic_skeleton(words)
    kept = []
    for position, word in enumerate(words):
        if word in _ARTICLES and position < len(words) - 1:
            continue
        if word in _FATHER:
            word = "bu"
        elif word.startswith("albu") and len(word) > 6:
            word = "bu" + word[4:]
        else:
            fused = _FUSED_ARTICLE.match(word)
            if fused and len(word) - fused.end() > 2:
                word = word[fused.end() - 1 :]
        kept.append(word)
    text = "".join(kept)
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    text = _FEMININE_ENDING.sub("", text)
    # An initial vowel is kept, as one symbol (Idlib = Edlib, but Iraq is not Raqqa).
    initial = "a" if text[:1] in "aeiou" else ""
    skeleton = initial + _DOUBLED.sub(r"\1", _VOWELS.sub("", text))
    return skeleton if len(skeleton) >= 2 and skeleton.isalpha() else None


def loose_spelling(folded: str) -> str:
    """A folded name without articles, spaces or consonant digraphs, vowels kept: what two
    transliterations of one name still share (Rakka ~ ar-Raqqah), unlike two names that only share a
    consonant skeleton (Swine ~ Sinai)."""
    words = folded.split()
    text = "".join(w for i, w in enumerate(words) if w not in _ARTICLES or i == len(words) - 1)
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    return _DOUBLED.sub(r"\1", text)


def _arabic_skeleton(words: list[str]) -> str | None:
    kept = []
    for word in words:
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        if word == "ابو":
            word = "بو"
        kept.append(word)
    text = "".join(kept)
    if text.endswith("ه"):
        text = text[:-1]
    skeleton = _DOUBLED.sub(r"\1", re.sub("[اوي]", "", text))
    return "ar:" + skeleton if len(skeleton) >= 2 else None
