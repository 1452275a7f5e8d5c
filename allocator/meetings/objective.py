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
from allocator.meetings.meetings import Role
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


def days_waited(c: Candidate) -> int:
    """Earliest dates: days from the first day of the horizon to the meeting (victims wait)."""
    return c.slot.day


def victim_travel(ctx: Context, c: Candidate) -> int:
    """Minutes the victim travels to the meeting (0 at home, 0 when not attending)."""
    return _party_minutes(ctx, c, "victim")


def harmer_travel(ctx: Context, c: Candidate) -> int:
    """Minutes the harmer travels to the meeting (0 at home or when held in the prison)."""
    return _party_minutes(ctx, c, "harmer")


def facilitator_travel(ctx: Context, c: Candidate) -> int:
    """Minutes both facilitators travel from home to the meeting."""
    homes = (ctx.facilitator_homes[f] for f in c.meeting.facilitators)
    return sum(ctx.travel.minutes(h, c.place.point) for h in homes)


def room_cost(c: Candidate) -> float:
    """Pounds for the room for the session (homes and prisons cost nothing)."""
    return c.place.room.cost if c.place.room else 0.0


def _party_minutes(ctx: Context, c: Candidate, role: Role) -> int:
    if role not in c.meeting.roles or c.meeting.party(role).prison:
        return 0
    return ctx.travel.minutes(ctx.homes[(c.meeting.case.id, role)], c.place.point)


def costs(ctx: Context, candidate: Candidate) -> Costs:
    """Every per-meeting goal's term for holding a meeting at a candidate's place and slot."""
    return Costs(
        days_waited(candidate),
        victim_travel(ctx, candidate),
        harmer_travel(ctx, candidate),
        facilitator_travel(ctx, candidate),
        room_cost(candidate),
    )


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
