"""The main-road graph of the area: nodes, edges and all-pairs drive times between nodes.

The graph is small (about 95 nodes), so every node-to-node drive time is computed once with
networkx and kept as a matrix; travel between arbitrary points (geo.travel) then needs only
numpy look-ups. An area without road files gets an empty network and every trip falls back
to the great-circle estimate.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from models import FieldError, InputError

ROADS_FILE = "essex_roads.csv"
NODES_FILE = "essex_road_nodes.csv"

FloatMatrix = NDArray[np.float64]


@dataclass(frozen=True)
class Road:
    """One edge of the graph: a stretch of road between two nodes."""

    start: str
    end: str
    name: str
    km: float
    typical_kmh: float

    @property
    def minutes(self) -> float:
        """Drive time at the typical speed."""
        return self.km / self.typical_kmh * 60.0


@dataclass(frozen=True)
class RoadNetwork:
    """A road graph with node-to-node fastest drive times (minutes) and their lengths (km).

    `minutes[u, v]` is the fastest drive from node u to node v; `km[u, v]` is the length of
    that same fastest route (not the shortest one). Unreachable pairs hold `inf`.
    Arrays are read-only and the graph is frozen: one network is shared by every caller.
    """

    names: tuple[str, ...]
    coords: FloatMatrix  # (n, 2) lat, lon in degrees
    minutes: FloatMatrix  # (n, n)
    km: FloatMatrix  # (n, n)
    graph: nx.Graph

    @property
    def size(self) -> int:
        """Number of nodes."""
        return len(self.names)

    def index(self, name: str) -> int:
        """Position of node `name` in `names` (KeyError when unknown)."""
        try:
            return self.names.index(name)
        except ValueError:
            raise KeyError(name) from None


@cache
def load_road_network(data_dir: Path) -> RoadNetwork:
    """The road network of one data folder (cached: read and solved once per folder)."""
    nodes_path, roads_path = data_dir / NODES_FILE, data_dir / ROADS_FILE
    if not nodes_path.exists() or not roads_path.exists():
        return _network(nx.Graph(), {})
    coords = _read_nodes(nodes_path)
    graph = nx.Graph()
    graph.add_nodes_from(coords)
    for road in _read_roads(roads_path, coords):
        a, b = road.start, road.end
        if graph.has_edge(a, b) and graph[a][b]["minutes"] <= road.minutes:
            continue  # two rows for one pair of nodes: the faster road is the one taken
        graph.add_edge(a, b, road=road.name, km=road.km, minutes=road.minutes)
    return _network(graph, coords)


def _network(graph: nx.Graph, coords: dict[str, tuple[float, float]]) -> RoadNetwork:
    names = tuple(coords)
    minutes, km = _all_pairs(graph, names)
    points = np.array([coords[n] for n in names], dtype=np.float64).reshape(len(names), 2)
    for array in (points, minutes, km):
        array.flags.writeable = False
    return RoadNetwork(names, points, minutes, km, nx.freeze(graph))


def _all_pairs(graph: nx.Graph, names: tuple[str, ...]) -> tuple[FloatMatrix, FloatMatrix]:
    """Fastest minutes between every pair of nodes, and the km of those fastest routes."""
    n = len(names)
    position = {name: i for i, name in enumerate(names)}
    minutes = np.full((n, n), np.inf)
    km = np.full((n, n), np.inf)
    for source, (times, paths) in nx.all_pairs_dijkstra(graph, weight="minutes"):
        i = position[source]
        for target, path in paths.items():
            j = position[target]
            minutes[i, j] = times[target]
            km[i, j] = sum(graph[u][v]["km"] for u, v in pairwise(path))
    return minutes, km


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _read_nodes(path: Path) -> dict[str, tuple[float, float]]:
    coords: dict[str, tuple[float, float]] = {}
    for i, row in enumerate(_rows(path)):
        try:
            coords[row["node"]] = (float(row["lat"]), float(row["lon"]))
        except (KeyError, TypeError, ValueError):
            raise InputError.single(
                path.name, f"/rows/{i}", "a node needs a name and numeric lat and lon"
            ) from None
    return coords


def _read_roads(path: Path, coords: dict[str, tuple[float, float]]) -> list[Road]:
    """Every row as a Road; all faults of the file reported at once."""
    roads: list[Road] = []
    errors: list[FieldError] = []
    for i, row in enumerate(_rows(path)):
        for end in ("from_town", "to_town"):
            if row.get(end) not in coords:
                errors.append(
                    FieldError(f"/rows/{i}/{end}", f"{row.get(end)!r} is not in {NODES_FILE}")
                )
        try:
            km, kmh = float(row["km"]), float(row["typical_kmh"])
        except (KeyError, TypeError, ValueError):
            errors.append(FieldError(f"/rows/{i}", "km and typical_kmh must be numbers"))
            continue
        if km <= 0 or kmh <= 0:
            errors.append(FieldError(f"/rows/{i}", "km and typical_kmh must be above zero"))
            continue
        roads.append(Road(row["from_town"], row["to_town"], row.get("road") or "", km, kmh))
    if errors:
        raise InputError(path.name, errors)
    return roads
