"""The embedded gazetteer: outcode centroids, districts, prisons and example venues.

Another area is another data folder with the same four CSV files, not a code change.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from geo.roads import RoadNetwork, load_road_network
from models import InputError, Location, Prison, Venue

DATA_DIR = Path(str(resources.files("geo") / "data"))
OUTCODES_FILE = "essex_outcodes.csv"


class UnknownPlaceError(InputError):
    """An outcode, district or prison the gazetteer does not know."""


@dataclass(frozen=True)
class District:
    """A local authority district the service covers, with a central point."""

    name: str
    lad_code: str
    lat: float
    lon: float
    main_towns: tuple[str, ...]
    outcodes: tuple[str, ...]


@dataclass(frozen=True)
class Outcode:
    code: str
    lat: float
    lon: float
    district: str


class Gazetteer:
    """Lookup of places by name; built from one data folder."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.data_dir = data_dir
        self.outcodes = {o.code: o for o in _read_outcodes(data_dir / OUTCODES_FILE)}
        self.districts = {d.name: d for d in _read_districts(data_dir / "essex_districts.csv")}
        self.prisons = {p.name: p for p in _read_prisons(data_dir / "prisons.csv")}
        self.venues = {v.id: v for v in _read_venues(data_dir / "venues_example.csv")}

    @property
    def roads(self) -> RoadNetwork:
        """The main-road graph of this data folder (loaded once per folder)."""
        return load_road_network(self.data_dir)

    def outcode(self, code: str, source: str = "outcode", pointer: str = "/outcode") -> Outcode:
        """The centroid of an outcode such as 'CM1'; case is ignored, and a full postcode
        ('CM2 6LQ') finds its outcode."""
        found = self.outcodes.get(outward_code(code))
        if found is None:
            raise UnknownPlaceError.single(
                source, pointer, f"unknown outcode {code!r}; {self.suggest_outcodes(code)}"
            )
        return found

    def suggest_outcodes(self, code: str) -> str:
        """A hint naming known outcodes, those of the same postcode area first."""
        key = outward_code(code)
        area = key.rstrip("0123456789")
        same_area = [c for c in self.outcodes if c.rstrip("0123456789") == area]
        close = difflib.get_close_matches(key, list(self.outcodes), n=6, cutoff=0.5)
        picks = list(dict.fromkeys(close + same_area))[:8] or list(self.outcodes)[:8]
        return f"known outcodes include {', '.join(picks)} (full list: {OUTCODES_FILE})"

    def district(self, name: str, source: str = "district", pointer: str = "/district") -> District:
        """A district by its name, e.g. 'Southend-on-Sea' (case-insensitive)."""
        folded = {k.casefold(): v for k, v in self.districts.items()}
        found = folded.get(name.strip().casefold())
        if found is None:
            known = ", ".join(self.districts)
            raise UnknownPlaceError.single(
                source, pointer, f"unknown district {name!r}; use one of {known}"
            )
        return found

    def locate(self, place: str, source: str = "place", pointer: str = "") -> tuple[float, float]:
        """(lat, lon) of an outcode (or full postcode), a district or a prison, tried in turn."""
        if outward_code(place) in self.outcodes:
            found = self.outcodes[outward_code(place)]
            return (found.lat, found.lon)
        for lookup in (self.district, self.prison):
            try:
                match = lookup(place)
            except UnknownPlaceError:
                continue
            return (match.lat, match.lon)
        raise UnknownPlaceError.single(
            source,
            pointer,
            f"{place!r} is not a known outcode, district or prison; "
            f"{self.suggest_outcodes(place)}, or a district such as {next(iter(self.districts))}",
        )

    def prison(self, name: str, source: str = "prison", pointer: str = "/prison") -> Prison:
        """A prison by name; 'HMP Chelmsford' also finds 'HMP/YOI Chelmsford'."""
        if name in self.prisons:
            return self.prisons[name]
        wanted = _prison_key(name)
        for prison in self.prisons.values():
            if _prison_key(prison.name) == wanted:
                return prison
        raise UnknownPlaceError.single(
            source, pointer, f"unknown prison {name!r}; use one of {', '.join(self.prisons)}"
        )

    def resolve(
        self, location: Location, source: str = "location", pointer: str = "/outcode"
    ) -> Location:
        """The same location with lat/lon filled in from its outcode when missing."""
        if location.resolved or location.outcode is None:  # Location demands one of the two
            return location
        found = self.outcode(location.outcode, source, pointer)
        return location.model_copy(update={"lat": found.lat, "lon": found.lon})


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped with rjplan (Essex)."""
    return Gazetteer()


def _prison_key(name: str) -> str:
    """The name without titles or notes: 'HMP Highpoint (North & South)' -> 'highpoint'."""
    plain = re.sub(r"\(.*?\)", " ", name).replace("/", " ").replace("&", " ")
    words = plain.casefold().split()
    return " ".join(w for w in words if w not in {"hmp", "yoi", "hmyoi", "and"})


def outward_code(code: str) -> str:
    """The outward code of an outcode or full postcode: 'cm2 6lq' -> 'CM2', 'CM26LQ' -> 'CM2'."""
    parts = code.strip().upper().split()
    if len(parts) == 2:  # outward and inward code
        return parts[0]
    joined = "".join(parts)
    is_full_postcode = len(joined) >= 5 and joined[-3].isdigit() and joined[-2:].isalpha()
    return joined[:-3] if is_full_postcode else joined


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _read_outcodes(path: Path) -> list[Outcode]:
    return [
        Outcode(r["outcode"].upper(), float(r["lat"]), float(r["lon"]), r["district"])
        for r in _rows(path)
    ]


def _read_districts(path: Path) -> list[District]:
    return [
        District(
            name=r["district"],
            lad_code=r["lad_code"],
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            main_towns=tuple(t.strip() for t in r["main_towns"].split(";") if t.strip()),
            outcodes=tuple(r["outcodes_assigned_in_source"].split()),
        )
        for r in _rows(path)
    ]


def _read_prisons(path: Path) -> list[Prison]:
    return [
        Prison(
            name=r["prison"],
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            category=r["category"],
            holds=r["holds"],
            postcode=r["postcode"],
        )
        for r in _rows(path)
    ]


def _read_venues(path: Path) -> list[Venue]:
    return [
        Venue(
            id=r["venue_id"],
            name=r["name"],
            venue_type=r["venue_type"],
            town=r["town"],
            district=r["district"],
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            notes=r["notes"],
            synthetic=r["synthetic"].strip().lower() == "true",
        )
        for r in _rows(path)
    ]
