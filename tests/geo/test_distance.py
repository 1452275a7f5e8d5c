"""Great-circle distances: known figures, and the matrix agreeing with the pair function."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import EARTH_RADIUS_KM, distance_matrix_km, haversine_km
from tests.geo import places

latitudes = st.floats(min_value=-80, max_value=80, allow_nan=False)
longitudes = st.floats(min_value=-179, max_value=179, allow_nan=False)
points = st.tuples(latitudes, longitudes)


def test_geopys_documented_newport_to_cleveland_figure_is_reproduced() -> None:
    # geopy docs: great_circle(newport_ri, cleveland_oh).km -> 864.2144943393625 (r=6371.009)
    assert haversine_km(places.NEWPORT_RI, places.CLEVELAND_OH) == pytest.approx(864.2145, abs=0.01)


def test_one_degree_of_latitude_is_a_360th_of_the_earths_circumference() -> None:
    expected = 2 * math.pi * EARTH_RADIUS_KM / 360
    assert haversine_km((51.0, 0.5), (52.0, 0.5)) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        # approximate public "as the crow flies" figures, +-1.5 km
        (places.CHELMSFORD, places.COLCHESTER, 33.9),
        (places.SOUTHEND, places.CHELMSFORD, 26.4),
        (places.COLCHESTER, places.CLACTON, 20.0),
        (places.CHELMSFORD, places.LONDON_CHARING_CROSS, 49.0),
    ],
)
def test_town_to_town_straight_line_distances_match_public_figures(
    a: tuple[float, float], b: tuple[float, float], km: float
) -> None:
    assert haversine_km(a, b) == pytest.approx(km, abs=1.5)


@settings(max_examples=30, deadline=None)
@given(st.lists(points, min_size=1, max_size=6), st.lists(points, min_size=1, max_size=6))
def test_the_distance_matrix_equals_the_pair_function_everywhere(
    rows: list[tuple[float, float]], cols: list[tuple[float, float]]
) -> None:
    matrix = distance_matrix_km(rows, cols)
    expected = np.array([[haversine_km(r, c) for c in cols] for r in rows])
    assert matrix.shape == (len(rows), len(cols))
    # 1 m absolute: the arcsin form loses digits for nearly antipodal points
    np.testing.assert_allclose(matrix, expected, rtol=1e-9, atol=1e-3)


def test_an_empty_side_gives_an_empty_matrix() -> None:
    assert distance_matrix_km([], [places.CHELMSFORD]).shape == (0, 1)
    assert distance_matrix_km([places.CHELMSFORD], []).shape == (1, 0)
