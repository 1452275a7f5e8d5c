"""Travel minutes for the meetings planner, from `geo`'s road model, rounded up to minutes.

All the places of one problem (facilitators' and parties' homes, venues, prisons) get one
minutes matrix from `geo.travel_minutes_matrix` (road graph, local roads for short trips,
fallback off the mapped area). The planner and the independent checker each build the table
from the problem with this one function, so both see the same minutes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from geo import default_gazetteer, travel_minutes_matrix
from geo import travel_minutes as geo_minutes
from models.common import Location
from models.meetings import MeetingsProblem

Point = tuple[float, float]


@dataclass(frozen=True)
class TravelTable:
    """Whole minutes by road between the points of one problem."""

    index: dict[Point, int]
    minutes_matrix: np.ndarray[tuple[int, int], np.dtype[np.int64]]

    @classmethod
    def between(cls, points: Sequence[Point]) -> TravelTable:
        unique = list(dict.fromkeys(points))
        raw = travel_minutes_matrix(unique, unique) if unique else np.zeros((0, 0))
        whole = np.ceil(raw).astype(np.int64)
        np.fill_diagonal(whole, 0)
        return cls({p: i for i, p in enumerate(unique)}, whole)

    @classmethod
    def of(cls, problem: MeetingsProblem) -> TravelTable:
        """The table of every place a problem names."""
        return cls.between(problem_points(problem))

    def minutes(self, a: Point, b: Point) -> int:
        """Whole minutes from `a` to `b`; points outside the table are computed directly."""
        if a == b:
            return 0
        i, j = self.index.get(a), self.index.get(b)
        if i is None or j is None:
            return math.ceil(geo_minutes(a, b))
        return int(self.minutes_matrix[i, j])


def problem_points(problem: MeetingsProblem) -> list[Point]:
    """Every point of a problem: homes, venues and prisons, resolved with the gazetteer."""
    locations: list[Location] = [f.home for f in problem.facilitators]
    locations += [p.home for c in problem.cases for p in (c.victim, c.harmer)]
    locations += [v.location for v in problem.venues] + [p.location for p in problem.prisons]
    gazetteer = default_gazetteer()
    return [gazetteer.resolve(loc).point() for loc in locations]
