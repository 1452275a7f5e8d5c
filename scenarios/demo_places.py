"""Where demo people and cases are: districts, outcodes, prisons and venues, area by area.

Area 1 is Essex itself, taken from the gazetteer. The bigger scales need more ground than one
county, so areas 2, 3, ... are copies of Essex moved by whole steps of latitude and longitude
(a grid growing west and north, about 90-100 km between copies so they do not overlap). Their
districts are named "Basildon (area 2)" and so on; their places carry coordinates only, since
Essex outcodes would resolve to the wrong copy. The copies are synthetic and say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from geo import Gazetteer
from models import Location, Prison, PrisonRef, Venue

LAT_STEP = 0.8  # degrees between area rows (~89 km)
LON_STEP = -1.45  # degrees between area columns, westwards (~100 km at 52 N)
GRID_COLUMNS = 6
KM_PER_DEGREE_LAT = 111.2


@dataclass(frozen=True)
class Area:
    """One copy of the service's county: index 0 is the real one."""

    index: int
    dlat: float
    dlon: float

    @property
    def label(self) -> str:
        """Suffix for names in this area ('' for the real county)."""
        return "" if self.index == 0 else f" (area {self.index + 1})"

    def district(self, base: str) -> str:
        """The name of `base` district in this area."""
        return base + self.label

    def shift(self, lat: float, lon: float) -> tuple[float, float]:
        """A real-county point moved into this area."""
        return (lat + self.dlat, lon + self.dlon)


def areas(count: int) -> list[Area]:
    """`count` areas: the real county first, then shifted copies on a grid."""
    out = []
    for k in range(count):
        row, col = divmod(k, GRID_COLUMNS)
        row_step = -1 if row == 1 else max(row - 1, 0)
        out.append(Area(k, round(LAT_STEP * row_step, 6), round(LON_STEP * col, 6)))
    return out


def pick(rng: np.random.Generator, weights: dict[str, float]) -> str:
    """One key of `weights`, drawn in proportion to its weight (key order fixes the stream).

    The draw is `rng.choice(len(keys), p=...)` done by hand, as numpy does it (one uniform
    number against the normalised cumulative weights), with the cumulative weights kept: the
    same numbers for the same stream, without choice's checks on every one of the thousands of
    draws a simulation makes."""
    keys, cdf = _cumulative(tuple(weights.items()))
    return keys[int(cdf.searchsorted(rng.random(), side="right"))]


@lru_cache(maxsize=256)
def _cumulative(items: tuple[tuple[str, float], ...]) -> tuple[list[str], NDArray[np.float64]]:
    keys = [k for k, _ in items]
    p = np.asarray([w for _, w in items], dtype=np.float64)
    cdf = (p / p.sum()).cumsum()
    cdf /= cdf[-1]
    return keys, cdf


def point_in_district(
    rng: np.random.Generator, gazetteer: Gazetteer, district: str, area: Area, jitter_km: float
) -> Location:
    """A point near the centroid of a random outcode of `district`, moved into `area`."""
    codes = gazetteer.district(district).outcodes
    code = gazetteer.outcode(codes[int(rng.integers(len(codes)))])
    outcode = code.code if area.index == 0 else None
    return jittered(rng, code.lat, code.lon, area, jitter_km, outcode)


def jittered(
    rng: np.random.Generator,
    lat: float,
    lon: float,
    area: Area,
    jitter_km: float,
    outcode: str | None = None,
) -> Location:
    """(lat, lon) moved by a random offset of about `jitter_km` and into `area`."""
    dlat, dlon = rng.normal(0.0, jitter_km, size=2) / KM_PER_DEGREE_LAT
    dlon = dlon / np.cos(np.radians(lat))
    new_lat, new_lon = area.shift(lat + float(dlat), lon + float(dlon))
    return Location(lat=round(new_lat, 5), lon=round(new_lon, 5), outcode=outcode)


def prison_in(gazetteer: Gazetteer, name: str, area: Area) -> Prison:
    """A gazetteer prison, moved and renamed into `area`."""
    real = gazetteer.prison(name)
    lat, lon = area.shift(real.lat, real.lon)
    return real.model_copy(
        update={"name": real.name + area.label, "lat": round(lat, 5), "lon": round(lon, 5)}
    )


def prison_ref(prison: Prison) -> PrisonRef:
    """The prison as a case refers to it."""
    return PrisonRef(name=prison.name, lat=prison.lat, lon=prison.lon)


def venues_in(gazetteer: Gazetteer, area: Area) -> list[Venue]:
    """The gazetteer's example venues, moved and renamed into `area`."""
    out = []
    for venue in gazetteer.venues.values():
        if area.index == 0:
            out.append(venue)
            continue
        lat, lon = area.shift(venue.lat, venue.lon)
        out.append(
            venue.model_copy(
                update={
                    "id": f"{venue.id}-A{area.index + 1}",
                    "name": venue.name + area.label,
                    "district": area.district(venue.district) if venue.district else "",
                    "lat": round(lat, 5),
                    "lon": round(lon, 5),
                    "synthetic": True,
                }
            )
        )
    return out
