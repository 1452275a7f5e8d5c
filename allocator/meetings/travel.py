"""Travel minutes between two points for the meetings planner.

Until `geo` offers road travel times, a trip is the great-circle distance (haversine, the
canonical Earth radius of geo) times a road circuity of 1.25, driven at an average 45 km/h
(county roads, towns, parking), rounded up to whole minutes. The constants are stated here so
results can be reproduced; the planner and the checker both use this one function.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Final

from geo import EARTH_RADIUS_KM

ROAD_CIRCUITY: Final = 1.25
AVERAGE_KMH: Final = 45.0

Point = tuple[float, float]


@lru_cache(maxsize=1 << 18)
def travel_minutes(a: Point, b: Point) -> int:
    """Whole minutes by road from `a` to `b` (0 for the same point)."""
    if a == b:
        return 0
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    km = 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))
    return math.ceil(km * ROAD_CIRCUITY / AVERAGE_KMH * 60.0)
