"""geo: great-circle and travel matrices for 2,000 people x 2,000 places (target: < 1 s each).

Points are random in a box round greater Essex (seeded), so some fall off the road graph (at
sea) and take the fallback, as real data near the coast can.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np

from geo import (
    default_gazetteer,
    distance_matrix_km,
    road_km_matrix,
    travel_matrices,
    travel_minutes_matrix,
)
from geo.gazetteer import DATA_DIR
from geo.roads import load_road_network

SIZE = 2_000
REPEATS = 5


def random_points(n: int, seed: int) -> list[tuple[float, float]]:
    """n (lat, lon) points in a box round greater Essex."""
    rng = np.random.default_rng(seed)
    lats, lons = rng.uniform(51.45, 52.05, n), rng.uniform(0.0, 1.3, n)
    return list(zip(lats.tolist(), lons.tolist(), strict=True))


def timed(run: Callable[[], object], repeats: int = REPEATS) -> list[float]:
    """Wall-clock seconds of each of `repeats` runs."""
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> None:
    rows, cols = random_points(SIZE, 1), random_points(SIZE, 2)
    build = timed(lambda: load_road_network.__wrapped__(DATA_DIR), 3)
    network = default_gazetteer().roads
    print(f"road graph: {network.size} nodes, {network.graph.number_of_edges()} edges")
    print(f"{'what':<34}{'size':>12}{'best s':>9}{'median s':>10}")
    print(
        f"{'load graph + all-pairs (uncached)':<34}{'95 nodes':>12}"
        f"{min(build):>9.3f}{statistics.median(build):>10.3f}"
    )
    for name, run in [
        ("distance_matrix_km", lambda: distance_matrix_km(rows, cols)),
        ("travel_minutes_matrix", lambda: travel_minutes_matrix(rows, cols, network)),
        ("road_km_matrix", lambda: road_km_matrix(rows, cols, network)),
        ("travel_matrices (minutes + km)", lambda: travel_matrices(rows, cols, network)),
    ]:
        seconds = timed(run)
        size = f"{SIZE}x{SIZE}"
        print(f"{name:<34}{size:>12}{min(seconds):>9.3f}{statistics.median(seconds):>10.3f}")
