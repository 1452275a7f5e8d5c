"""Drive time and road distance between any two points, one pair or N x M at once.

The model, in three parts:

- road: from each point to one of its NEAREST_NODES nearest graph nodes (an access leg on
  local roads), the fastest node-to-node drive on the main-road graph, then an access leg to
  the destination; plus ENTRY_MINUTES at each end for joining and leaving the main roads.
- direct: local roads all the way; wins for short trips, e.g. within one town.
- fallback: when a point has no graph node within MAX_ACCESS_KM (it is off the mapped area)
  or the graph has no route: great-circle km x CIRCUITY at FALLBACK_KMH.

The quicker of road and direct is taken. Road km is the length of the trip chosen on time
(the quickest route), not the shortest possible route.

Constants and why:
- CIRCUITY 1.3: road km / straight-line km for local roads. Published circuity factors for
  road networks are mostly 1.2-1.4; the graph's own edges use 1.10 (motorway) to 1.30 (urban).
- LOCAL_KMH 40: average on the minor and town roads of an access leg (30 mph limits with
  junctions, and faster rural lanes).
- FALLBACK_KMH 60: a door-to-door average over A-roads and motorways for longer trips.
- ENTRY_MINUTES 3: the graph's edge speeds are through-road speeds between town centres and
  leave out the slow first and last stretch. Without it Chelmsford -> Colchester is 28 min
  against about 35 min in public route planners; with 3 min at each end town-centre trips
  land within a few minutes of public figures (tests/geo/test_travel.py).
- NEAREST_NODES 3 and MAX_ACCESS_KM 20: a point may join the graph at any of its three
  nearest nodes (the nearest is often behind it); a point 20 km from every node is not on
  the mapped network, and the graph would say more than it knows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from geo.distance import Point, distance_matrix_km, haversine_km
from geo.gazetteer import default_gazetteer
from geo.roads import FloatMatrix, RoadNetwork

CIRCUITY = 1.3
LOCAL_KMH = 40.0
FALLBACK_KMH = 60.0
ENTRY_MINUTES = 3.0
NEAREST_NODES = 3
MAX_ACCESS_KM = 20.0

Method = Literal["road", "direct", "fallback"]


@dataclass(frozen=True)
class Trip:
    """One estimated trip: minutes, road km, and which part of the model gave them."""

    minutes: float
    km: float
    method: Method


def travel(a: Point, b: Point, network: RoadNetwork | None = None) -> Trip:
    """The estimated drive from `a` to `b` (lat, lon), on the shipped network by default."""
    net = network if network is not None else default_gazetteer().roads
    gc = haversine_km(a, b)
    road = _road_trip(a, b, net)
    if road is None:
        return Trip(gc * CIRCUITY / FALLBACK_KMH * 60.0, gc * CIRCUITY, "fallback")
    direct = Trip(gc * CIRCUITY / LOCAL_KMH * 60.0, gc * CIRCUITY, "direct")
    return road if road.minutes <= direct.minutes else direct


def travel_minutes(a: Point, b: Point, network: RoadNetwork | None = None) -> float:
    """Estimated minutes of driving from `a` to `b`."""
    return travel(a, b, network).minutes


def road_km(a: Point, b: Point, network: RoadNetwork | None = None) -> float:
    """Estimated road km of the quickest drive from `a` to `b`."""
    return travel(a, b, network).km


def _road_trip(a: Point, b: Point, net: RoadNetwork) -> Trip | None:
    """The quickest trip through the graph, or None when either end is off it."""
    best_minutes, best_km = np.inf, np.inf
    exits = _access(b, net)
    for u, u_km in _access(a, net):
        for v, v_km in exits:
            u_leg_km, v_leg_km = u_km * CIRCUITY, v_km * CIRCUITY
            minutes = (u_leg_km / LOCAL_KMH * 60.0 + net.minutes[u, v]) + (
                v_leg_km / LOCAL_KMH * 60.0
            )
            if minutes < best_minutes:
                best_minutes = minutes
                best_km = (u_leg_km + net.km[u, v]) + v_leg_km
    if not np.isfinite(best_minutes):
        return None
    return Trip(float(best_minutes) + 2.0 * ENTRY_MINUTES, float(best_km), "road")


def _access(point: Point, net: RoadNetwork) -> list[tuple[int, float]]:
    """(node, great-circle km) of the nearest nodes within reach, nearest first."""
    ranked = sorted((haversine_km(point, (lat, lon)), i) for i, (lat, lon) in enumerate(net.coords))
    return [(i, km) for km, i in ranked[:NEAREST_NODES] if km <= MAX_ACCESS_KM]


@dataclass(frozen=True)
class TravelMatrices:
    """Minutes and road km from every row point to every column point."""

    minutes: FloatMatrix
    km: FloatMatrix


def travel_minutes_matrix(
    rows: Sequence[Point], cols: Sequence[Point], network: RoadNetwork | None = None
) -> FloatMatrix:
    """Estimated drive minutes, rows x cols; element-wise equal to `travel_minutes`."""
    return _matrices(rows, cols, network, with_km=False).minutes


def road_km_matrix(
    rows: Sequence[Point], cols: Sequence[Point], network: RoadNetwork | None = None
) -> FloatMatrix:
    """Estimated road km of the quickest drives, rows x cols; equal to `road_km`."""
    return _matrices(rows, cols, network, with_km=True).km


def travel_matrices(
    rows: Sequence[Point], cols: Sequence[Point], network: RoadNetwork | None = None
) -> TravelMatrices:
    """Both matrices at once (cheaper than asking for each)."""
    return _matrices(rows, cols, network, with_km=True)


def _matrices(
    rows: Sequence[Point], cols: Sequence[Point], network: RoadNetwork | None, with_km: bool
) -> TravelMatrices:
    net = network if network is not None else default_gazetteer().roads
    if len(rows) == 0 or len(cols) == 0:
        empty = np.zeros((len(rows), len(cols)))
        return TravelMatrices(empty, empty.copy())
    line_km = distance_matrix_km(rows, cols)
    line_km *= CIRCUITY
    road_min, road_km_ = _road_matrices(rows, cols, net, with_km)
    direct_min = line_km / LOCAL_KMH * 60.0
    minutes = np.minimum(road_min, direct_min)
    km = np.where(road_min <= direct_min, road_km_, line_km) if with_km else line_km
    off_graph = np.isinf(road_min)
    if off_graph.any():
        minutes[off_graph] = line_km[off_graph] / FALLBACK_KMH * 60.0
    return TravelMatrices(minutes, km)


def _road_matrices(
    rows: Sequence[Point], cols: Sequence[Point], net: RoadNetwork, with_km: bool
) -> tuple[FloatMatrix, FloatMatrix]:
    """Quickest minutes through the graph (inf when off it) and their km, rows x cols."""
    shape = (len(rows), len(cols))
    if net.size == 0:
        return np.full(shape, np.inf), np.full(shape, np.inf)
    r_node, r_km, r_min = _access_legs(rows, net)
    c_node, c_km, c_min = _access_legs(cols, net)
    # rows -> every node, entering the graph at the best of each row's nearest nodes
    reach_min = np.full((shape[0], net.size), np.inf)
    reach_km = np.full((shape[0], net.size), np.inf)
    for a in range(r_node.shape[1]):
        via = r_min[:, a, None] + net.minutes[r_node[:, a]]
        better = via < reach_min
        reach_min = np.where(better, via, reach_min)
        if with_km:
            reach_km = np.where(better, r_km[:, a, None] + net.km[r_node[:, a]], reach_km)
    # every node -> columns, leaving the graph at the best of each column's nearest nodes
    best_min = reach_min[:, c_node[:, 0]] + c_min[None, :, 0]
    # without km the caller ignores best_km: alias it rather than fill another N x M array
    best_km = reach_km[:, c_node[:, 0]] + c_km[None, :, 0] if with_km else best_min
    for b in range(1, c_node.shape[1]):
        via = np.take(reach_min, c_node[:, b], axis=1)
        via += c_min[None, :, b]
        if with_km:
            better = via < best_min
            np.copyto(best_km, reach_km[:, c_node[:, b]] + c_km[None, :, b], where=better)
        np.minimum(best_min, via, out=best_min)
    best_min += 2.0 * ENTRY_MINUTES
    return best_min, best_km


def _access_legs(
    points: Sequence[Point], net: RoadNetwork
) -> tuple[np.ndarray[tuple[int, int], np.dtype[np.intp]], FloatMatrix, FloatMatrix]:
    """Each point's nearest nodes (nearest first), access-leg km, and minutes (inf if too far)."""
    line = distance_matrix_km(points, [(lat, lon) for lat, lon in net.coords])
    nearest = np.argsort(line, axis=1, kind="stable")[:, : min(NEAREST_NODES, net.size)]
    line = np.take_along_axis(line, nearest, axis=1)
    leg_km = line * CIRCUITY
    leg_min = np.where(line <= MAX_ACCESS_KM, leg_km / LOCAL_KMH * 60.0, np.inf)
    return nearest, leg_km, leg_min
