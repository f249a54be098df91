"""Place names for the page's offline map: the gazetteer's towns in view, the most populous first, fewer
the further out the map is zoomed (the borders come from a packaged file the page fetches itself)."""

from __future__ import annotations

import math
import threading
from collections import defaultdict

from warlog.knowledge.gazetteer import gazetteer

# The smallest town labelled at each zoom level (Leaflet's 0-18); from zoom 9 on, every town.
MIN_POPULATION = {2: 3_000_000, 3: 1_500_000, 4: 700_000, 5: 250_000, 6: 80_000, 7: 25_000, 8: 8_000}
CELL_DEGREES = 2


class PlaceNames:
    """Towns bucketed in cells of CELL_DEGREES, each cell's most populous first; built at first use."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[tuple[int, str, float, float]]] | None = None
        self._lock = threading.Lock()

    def _index(self) -> dict[tuple[int, int], list[tuple[int, str, float, float]]]:
        with self._lock:
            if self._cells is None:
                index = gazetteer()
                cells: dict[tuple[int, int], list[tuple[int, str, float, float]]] = defaultdict(list)
                for entry in range(len(index)):
                    if index.kind(entry) == "city":
                        lat, lon = index.point(entry)
                        cells[_cell(lat, lon)].append((index.population(entry), index.name(entry), lat, lon))
                for towns in cells.values():
                    towns.sort(reverse=True)  # the most populous first
                self._cells = dict(cells)
            return self._cells

    def in_view(
        self, bounds: tuple[float, float, float, float], zoom: int, limit: int
    ) -> list[tuple[str, float, float, int]]:
        """[name, latitude, longitude, population] of the towns to label in west,south,east,north."""
        west, south, east, north = bounds
        width = (east - west) % 360 or 360
        # A wide view at a deep zoom (no real map, at most 2,000 pixels wide) is labelled as that view
        # would be at its own zoom: a client cannot make the server list every town of the world.
        zoom = min(zoom, math.floor(math.log2(2000 * 360 / 256 / width)))
        smallest = MIN_POPULATION.get(max(zoom, 2), 0)
        spans = [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]
        cells = self._index()
        found = []
        for low, high in spans:
            for row in range(_step(south), _step(north) + 1):
                for column in range(_step(low), _step(high) + 1):
                    for population, name, lat, lon in cells.get((row, column), ()):
                        if population < smallest:
                            break  # each cell is sorted, most populous first
                        if south <= lat <= north and low <= lon <= high:
                            found.append((population, name, lat, lon))
        found.sort(reverse=True)
        # Labels that would overlap a bigger town's are left out: about 30 fit across the view.
        spacing = width / 30
        kept: list[tuple[int, str, float, float]] = []
        for town in found:
            _, _, lat, lon = town
            if all(_apart(lat, lon, other[2], other[3], spacing) for other in kept):
                kept.append(town)
                if len(kept) == limit:
                    break
        return [(name, lat, lon, population) for population, name, lat, lon in kept]


def _apart(lat: float, lon: float, other_lat: float, other_lon: float, spacing: float) -> bool:
    """Whether two points lie further apart than `spacing` degrees on the map (longitude as drawn)."""
    return abs(lat - other_lat) > spacing / 2 or abs(lon - other_lon) > spacing


def _step(degrees: float) -> int:
    return math.floor(degrees / CELL_DEGREES)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return _step(lat), _step(lon)
