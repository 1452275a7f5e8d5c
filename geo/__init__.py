"""Where things are and how far apart: the embedded gazetteer, distances and travel times.

Data ships inside the package (geo/data); nothing is fetched at run time.
"""

from geo.distance import EARTH_RADIUS_KM, distance_matrix_km, haversine_km
from geo.gazetteer import Gazetteer, UnknownPlaceError, default_gazetteer, outward_code
from geo.resolve import OUT_OF_AREA, resolve_problem, resolve_referral
from geo.roads import RoadNetwork, load_road_network
from geo.travel import (
    CIRCUITY,
    TravelMatrices,
    Trip,
    road_km,
    road_km_matrix,
    travel,
    travel_matrices,
    travel_minutes,
    travel_minutes_matrix,
)

__all__ = [
    "CIRCUITY",
    "EARTH_RADIUS_KM",
    "OUT_OF_AREA",
    "Gazetteer",
    "RoadNetwork",
    "TravelMatrices",
    "Trip",
    "UnknownPlaceError",
    "default_gazetteer",
    "distance_matrix_km",
    "haversine_km",
    "load_road_network",
    "outward_code",
    "resolve_problem",
    "resolve_referral",
    "road_km",
    "road_km_matrix",
    "travel",
    "travel_matrices",
    "travel_minutes",
    "travel_minutes_matrix",
]
