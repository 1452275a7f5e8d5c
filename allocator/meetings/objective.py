"""The goals of the meetings planner, as one weighted sum (documented weights, in points).

In order of importance: every meeting planned (UNPLACED per meeting left out); the earliest
dates (PER_DAY_WAITED per meeting per day after the first day: victims should not wait); the
least travel for the victim (PER_VICTIM_MINUTE), then the harmer (PER_HARMER_MINUTE), then the
two facilitators (PER_FACILITATOR_MINUTE each); visits to one prison on one day combined into
one trip (PER_PRISON_TRIP per prison-day used); the lowest room cost (PER_POUND).
One day earlier is worth 25 minutes of a victim's travel, 33 of a harmer's, 100 of a
facilitator's. UNPLACED exceeds the largest cost any single placed meeting can carry.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Final

from ortools.sat.python import cp_model

from allocator.meetings.candidates import Candidate
from allocator.meetings.constraints import Choice
from allocator.meetings.rules import Context

UNPLACED: Final = 1_000_000
PER_DAY_WAITED: Final = 100
PER_VICTIM_MINUTE: Final = 4
PER_HARMER_MINUTE: Final = 3
PER_FACILITATOR_MINUTE: Final = 1
PER_PRISON_TRIP: Final = 30
PER_POUND: Final = 1


@dataclass(frozen=True)
class Costs:
    """What one candidate costs, term by term (minutes, days, pounds)."""

    wait_days: int
    victim_minutes: int
    harmer_minutes: int
    facilitator_minutes: int
    room_pounds: float

    @property
    def points(self) -> int:
        return (
            PER_DAY_WAITED * self.wait_days
            + PER_VICTIM_MINUTE * self.victim_minutes
            + PER_HARMER_MINUTE * self.harmer_minutes
            + PER_FACILITATOR_MINUTE * self.facilitator_minutes
            + round(PER_POUND * self.room_pounds)
        )


def costs(ctx: Context, candidate: Candidate) -> Costs:
    """The cost terms of holding a meeting at a candidate's place and slot."""
    meeting, point = candidate.meeting, candidate.place.point

    def party_minutes(role: str) -> int:
        if role not in meeting.roles or getattr(meeting.case, role).prison:
            return 0
        return ctx.travel.minutes(ctx.homes[(meeting.case.id, role)], point)

    fac = sum(ctx.travel.minutes(_home(ctx, f), point) for f in meeting.facilitators)
    room = candidate.place.room.cost if candidate.place.room else 0.0
    return Costs(candidate.slot.day, party_minutes("victim"), party_minutes("harmer"), fac, room)


def _home(ctx: Context, fid: str) -> tuple[float, float]:
    return ctx.facilitator_homes[fid]


def objective(
    model: cp_model.CpModel, choices: list[Choice], placed: dict[str, cp_model.IntVar]
) -> cp_model.LinearExpr:
    """Add the trip indicators and return the weighted objective to minimise (points)."""
    terms = [c.points * c.literal for c in choices]
    terms += [UNPLACED * (1 - p) for p in placed.values()]
    return sum(terms) + PER_PRISON_TRIP * sum(prison_trips(model, choices))  # type: ignore[return-value]


def prison_trips(model: cp_model.CpModel, choices: list[Choice]) -> list[cp_model.IntVar]:
    """One indicator per prison and day that has a visit: visits that day share one trip."""
    per_day: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    for c in choices:
        if c.candidate.place.kind == "prison":
            per_day[(c.candidate.place.id, c.candidate.slot.day)].append(c.literal)
    trips = []
    for (prison, day), literals in per_day.items():
        trip = model.new_bool_var(f"trip[{prison},{day}]")
        for literal in literals:
            model.add_implication(literal, trip)
        trips.append(trip)
    return trips
