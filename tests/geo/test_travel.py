"""Drive-time estimates: plausible against public figures, and the matrix equals the pair."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import (
    CIRCUITY,
    default_gazetteer,
    haversine_km,
    load_road_network,
    road_km,
    road_km_matrix,
    travel,
    travel_matrices,
    travel_minutes,
    travel_minutes_matrix,
)
from geo.travel import FALLBACK_KMH, MAX_ACCESS_KM
from tests.geo import places

Point = tuple[float, float]
in_essex = st.tuples(st.floats(*places.ESSEX_LAT), st.floats(*places.ESSEX_LON))
FASTEST_ROAD_KMH = 100  # the M11, the fastest road in the shipped graph


@pytest.mark.parametrize(
    ("a", "b", "public_minutes"),
    [
        # approximate public figures (route planners, off-peak, town centre to town centre)
        (places.CHELMSFORD, places.COLCHESTER, 35),  # A12, about 24 miles
        (places.SOUTHEND, places.CHELMSFORD, 33),  # A127 then A130, about 20 miles
        (places.BASILDON, places.CHELMSFORD, 25),  # A130/A12 or A129/B1007
        (places.HARLOW, places.CHELMSFORD, 37),  # A414 through Ongar
        (places.COLCHESTER, places.CLACTON, 30),  # A133
        (places.BRENTWOOD, places.CHELMSFORD, 20),  # A12
    ],
)
def test_town_to_town_drive_times_are_near_public_figures(
    a: Point, b: Point, public_minutes: float
) -> None:
    assert travel_minutes(a, b) == pytest.approx(public_minutes, rel=0.25)


def test_chelmsford_to_colchester_is_half_an_hour_to_forty_minutes_by_the_a12() -> None:
    trip = travel(places.CHELMSFORD, places.COLCHESTER)
    assert trip.method == "road"
    assert 30 <= trip.minutes <= 40
    assert trip.km == pytest.approx(38, rel=0.15)  # about 24 miles by road (public figure)


def test_a_visit_to_hmp_highpoint_from_chelmsford_takes_about_an_hour() -> None:
    highpoint = default_gazetteer().prison("HMP Highpoint (North & South)")
    # approximate public figure: about 37 miles, an hour, via Braintree and Haverhill
    assert travel_minutes(places.CHELMSFORD, (highpoint.lat, highpoint.lon)) == pytest.approx(
        60, rel=0.25
    )


def test_a_trip_across_town_goes_by_local_roads() -> None:
    near = (places.CHELMSFORD[0] + 0.01, places.CHELMSFORD[1])  # about 1.1 km north
    trip = travel(places.CHELMSFORD, near)
    assert trip.method == "direct"
    assert trip.km == pytest.approx(haversine_km(places.CHELMSFORD, near) * CIRCUITY)


def test_staying_put_takes_no_time() -> None:
    trip = travel(places.COLCHESTER, places.COLCHESTER)
    assert (trip.minutes, trip.km) == (0.0, 0.0)


def test_a_place_far_from_the_graph_falls_back_to_straight_line_times_circuity() -> None:
    trip = travel(places.BIRMINGHAM, places.CHELMSFORD)
    line = haversine_km(places.BIRMINGHAM, places.CHELMSFORD)
    assert trip.method == "fallback"
    assert trip.km == pytest.approx(line * CIRCUITY)
    assert trip.minutes == pytest.approx(line * CIRCUITY / FALLBACK_KMH * 60)


def test_a_point_out_at_sea_is_off_the_graph() -> None:
    out_at_sea = (51.50, 1.29)  # Thames estuary, more than MAX_ACCESS_KM from any node
    nodes = [(lat, lon) for lat, lon in default_gazetteer().roads.coords]
    assert min(haversine_km(out_at_sea, n) for n in nodes) > MAX_ACCESS_KM
    assert travel(out_at_sea, places.SOUTHEND).method == "fallback"


def test_without_road_files_every_trip_falls_back(tmp_path: Path) -> None:
    empty = load_road_network(tmp_path)
    assert travel(places.CHELMSFORD, places.COLCHESTER, empty).method == "fallback"
    a, b = places.CHELMSFORD, places.COLCHESTER
    assert travel_minutes_matrix([a], [b], empty)[0, 0] == pytest.approx(
        travel_minutes(a, b, empty)
    )


@settings(max_examples=40, deadline=None)
@given(in_essex, in_essex)
def test_a_trip_is_never_shorter_than_the_straight_line_nor_faster_than_the_m11(
    a: Point, b: Point
) -> None:
    trip = travel(a, b)
    line = haversine_km(a, b)
    assert trip.km >= line - 1e-9
    assert trip.minutes >= line / FASTEST_ROAD_KMH * 60 - 1e-9
    assert travel_minutes(b, a) == pytest.approx(trip.minutes, rel=1e-9, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(in_essex, min_size=1, max_size=5),
    st.lists(st.one_of(in_essex, st.just(places.BIRMINGHAM)), min_size=1, max_size=5),
)
def test_the_travel_matrix_equals_the_pair_estimate_element_by_element(
    rows: list[Point], cols: list[Point]
) -> None:
    both = travel_matrices(rows, cols)
    minutes = np.array([[travel_minutes(r, c) for c in cols] for r in rows])
    km = np.array([[road_km(r, c) for c in cols] for r in rows])
    np.testing.assert_allclose(both.minutes, minutes, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(both.km, km, rtol=1e-9, atol=1e-9)
    np.testing.assert_array_equal(travel_minutes_matrix(rows, cols), both.minutes)
    np.testing.assert_array_equal(road_km_matrix(rows, cols), both.km)


def test_an_empty_side_gives_an_empty_travel_matrix() -> None:
    assert travel_minutes_matrix([], [places.CHELMSFORD]).shape == (0, 1)
    assert road_km_matrix([places.CHELMSFORD], []).shape == (1, 0)
