"""Great-circle distance: one pair with geopy, many pairs at once with numpy.

The canonical metric (formats.md) is the haversine distance on a sphere of radius
6371.0088 km, the mean Earth radius; geopy's great_circle uses the same formula and radius.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from geopy.distance import great_circle
from numpy.typing import NDArray

EARTH_RADIUS_KM = 6371.0088

Point = tuple[float, float]


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle km between two (lat, lon) points."""
    return float(great_circle(a, b, radius=EARTH_RADIUS_KM).km)


def distance_matrix_km(rows: Sequence[Point], cols: Sequence[Point]) -> NDArray[np.float64]:
    """Great-circle km from every point in `rows` to every point in `cols` (vectorised)."""
    if len(rows) == 0 or len(cols) == 0:
        return np.zeros((len(rows), len(cols)))
    a = np.radians(np.asarray(rows, dtype=np.float64))
    b = np.radians(np.asarray(cols, dtype=np.float64))
    lat1, lon1 = a[:, 0:1], a[:, 1:2]
    lat2, lon2 = b[:, 0][None, :], b[:, 1][None, :]
    h = (
        np.sin((lat2 - lat1) / 2.0) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2.0) ** 2
    )
    km: NDArray[np.float64] = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return km
