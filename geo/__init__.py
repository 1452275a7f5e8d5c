"""Where things are and how far apart: the embedded gazetteer, distances and travel times.

Data ships inside the package (geo/data); nothing is fetched at run time.
"""

from geo.distance import EARTH_RADIUS_KM, distance_matrix_km, haversine_km
from geo.gazetteer import Gazetteer, UnknownPlaceError, default_gazetteer

__all__ = [
    "EARTH_RADIUS_KM",
    "Gazetteer",
    "UnknownPlaceError",
    "default_gazetteer",
    "distance_matrix_km",
    "haversine_km",
]
