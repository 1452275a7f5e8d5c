"""A fast first plan: place meetings one at a time at their cheapest option that breaks no rule.

Preparation visits go first (the most constrained first), then restorative meetings after
their preparation. The plan is a hint for CP-SAT and the answer when the solver finds nothing
better in its time limit, so a complete plan is always available within seconds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from allocator.meetings.calendar import gap_minutes
from allocator.meetings.candidates import Candidate, Options
from allocator.meetings.meetings import prison_visitors
from allocator.meetings.travel import TravelTable
from models.meetings import MeetingsProblem


@dataclass
class _Book:
    """What the plan so far has used."""

    problem: MeetingsProblem
    travel: TravelTable
    facilitator_slots: set[tuple[str, int]] = field(default_factory=set)
    facilitator_days: dict[tuple[str, int], list[Candidate]] = field(
        default_factory=lambda: defaultdict(list)
    )
    rooms: set[tuple[str, int]] = field(default_factory=set)
    prison_visitors: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))
    placed: dict[str, Candidate] = field(default_factory=dict)

    def fits(self, c: Candidate) -> bool:
        """True when `c` breaks none of M1, M2, M3, M11, M12, M13 against the plan so far."""
        limit = self.problem.max_meetings_per_day
        for fid in c.meeting.facilitators:
            if (fid, c.slot.index) in self.facilitator_slots:
                return False
            same_day = self.facilitator_days[(fid, c.slot.day)]
            if len(same_day) >= limit or any(_too_far(self.travel, c, other) for other in same_day):
                return False
        if c.place.kind == "venue" and (c.place.key, c.slot.index) in self.rooms:
            return False
        if c.place.prison is not None:
            used = self.prison_visitors[(c.place.id, c.slot.index)]
            if used + prison_visitors(c.meeting) > c.place.prison.visitors_per_session:
                return False
        return self._after_preparation(c)

    def _after_preparation(self, c: Candidate) -> bool:
        if not c.meeting.is_restorative:
            return True
        case, gap = c.meeting.case.id, self.problem.prep_days_before
        for prep in (f"{case}/prep-victim", f"{case}/prep-harmer"):
            done = self.placed.get(prep)
            if done is None:
                return False
            if gap == 0 and done.slot.index >= c.slot.index:
                return False
            if gap > 0 and done.slot.day + gap > c.slot.day:
                return False
        return True

    def take(self, c: Candidate) -> None:
        for fid in c.meeting.facilitators:
            self.facilitator_slots.add((fid, c.slot.index))
            self.facilitator_days[(fid, c.slot.day)].append(c)
        if c.place.kind == "venue":
            self.rooms.add((c.place.key, c.slot.index))
        if c.place.prison is not None:
            self.prison_visitors[(c.place.id, c.slot.index)] += prison_visitors(c.meeting)
        self.placed[c.meeting.id] = c


def _too_far(travel: TravelTable, a: Candidate, b: Candidate) -> bool:
    first, second = sorted((a, b), key=lambda x: x.slot.index)
    if first.slot.index == second.slot.index:
        return True
    gap = gap_minutes(first.slot.session, second.slot.session)
    return travel.minutes(first.place.point, second.place.point) > gap


def greedy_plan(
    problem: MeetingsProblem,
    options: list[Options],
    points: dict[str, list[int]],
    travel: TravelTable,
) -> dict[str, Candidate]:
    """Meeting id -> chosen candidate, for every meeting the greedy order could place.

    `points` holds each meeting's candidate costs, aligned with its candidates."""
    book = _Book(problem, travel)
    ordered = sorted(
        (o for o in options if o.candidates),
        key=lambda o: (o.meeting.is_restorative, len(o.candidates), o.meeting.id),
    )
    for opt in ordered:
        costs = points[opt.meeting.id]
        for i in sorted(range(len(opt.candidates)), key=costs.__getitem__):
            if book.fits(opt.candidates[i]):
                book.take(opt.candidates[i])
                break
    return book.placed
