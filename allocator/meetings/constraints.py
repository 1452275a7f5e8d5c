"""The hard rules that couple meetings, as CP-SAT constraints (one small function per rule).

Every function takes the model and the chosen-candidate literals and adds its constraints.
The filter rules (where and when one meeting may be at all) are in `rules.py`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from allocator.meetings.calendar import gap_minutes
from allocator.meetings.candidates import Candidate
from allocator.meetings.meetings import prison_visitors
from allocator.meetings.travel import TravelTable
from models.meetings import MeetingKind, MeetingsProblem, Session


@dataclass(frozen=True)
class Choice:
    """A candidate and the literal that is true when the plan uses it."""

    candidate: Candidate
    literal: cp_model.IntVar
    points: int = 0


def _by_facilitator(choices: Iterable[Choice]) -> dict[str, list[Choice]]:
    found: dict[str, list[Choice]] = defaultdict(list)
    for c in choices:
        for fid in c.candidate.meeting.facilitators:
            found[fid].append(c)
    return found


def facilitator_in_one_meeting_per_session(model: cp_model.CpModel, choices: list[Choice]) -> None:
    """M1: a facilitator attends at most one meeting in any session."""
    for mine in _by_facilitator(choices).values():
        per_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for c in mine:
            per_slot[c.candidate.slot.index].append(c.literal)
        for literals in per_slot.values():
            model.add_at_most_one(literals)


def room_booked_once_per_session(model: cp_model.CpModel, choices: list[Choice]) -> None:
    """M2: a venue room holds at most one meeting in any session."""
    per_room: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    for c in choices:
        if c.candidate.place.kind == "venue":
            per_room[(c.candidate.place.key, c.candidate.slot.index)].append(c.literal)
    for literals in per_room.values():
        model.add_at_most_one(literals)


def prison_session_visitor_limit(model: cp_model.CpModel, choices: list[Choice]) -> None:
    """M3: the visitors in one prison session stay within its `visitors_per_session`."""
    per_session: dict[tuple[str, int], list[Choice]] = defaultdict(list)
    for c in choices:
        if c.candidate.place.prison is not None:
            per_session[(c.candidate.place.id, c.candidate.slot.index)].append(c)
    for group in per_session.values():
        limit = group[0].candidate.place.prison.visitors_per_session  # type: ignore[union-attr]
        model.add(sum(prison_visitors(c.candidate.meeting) * c.literal for c in group) <= limit)


def preparation_before_meeting(
    model: cp_model.CpModel,
    problem: MeetingsProblem,
    choices: list[Choice],
    placed: dict[str, cp_model.IntVar],
) -> None:
    """M11: a restorative meeting needs both preparation visits, `prep_days_before` days earlier
    (a later session of the same day when that is 0)."""
    mine: dict[str, list[Choice]] = defaultdict(list)
    for c in choices:
        mine[c.candidate.meeting.id].append(c)
    for case in problem.cases:
        meeting = next(
            (
                f"{case.id}/{k.value}"
                for k in (MeetingKind.CONFERENCE, MeetingKind.PANEL)
                if f"{case.id}/{k.value}" in placed
            ),
            None,
        )
        if meeting is None:
            continue
        when = sum(_rank(c, problem) * c.literal for c in mine[meeting])
        for prep in (f"{case.id}/prep-victim", f"{case.id}/prep-harmer"):
            if prep not in placed:
                model.add(placed[meeting] == 0)
                continue
            model.add_implication(placed[meeting], placed[prep])
            before = sum(_rank(c, problem) * c.literal for c in mine[prep])
            model.add(when >= before + _gap(problem)).only_enforce_if(placed[meeting])


def _rank(c: Choice, problem: MeetingsProblem) -> int:
    slot = c.candidate.slot
    return slot.index if problem.prep_days_before == 0 else slot.day


def _gap(problem: MeetingsProblem) -> int:
    return max(1, problem.prep_days_before)


def time_to_travel_between_meetings(
    model: cp_model.CpModel, choices: list[Choice], travel: TravelTable
) -> None:
    """M12: two meetings of one facilitator on one day leave the travel time between them."""
    for mine in _by_facilitator(choices).values():
        days: dict[int, dict[Session, list[Choice]]] = defaultdict(lambda: defaultdict(list))
        for c in mine:
            days[c.candidate.slot.day][c.candidate.slot.session].append(c)
        for sessions in days.values():
            for first, early in sessions.items():
                for second, late in sessions.items():
                    if gap_minutes(first, second) > 0:
                        _forbid_far(model, early, late, gap_minutes(first, second), travel)


def _forbid_far(
    model: cp_model.CpModel,
    early: list[Choice],
    late: list[Choice],
    gap: int,
    travel: TravelTable,
) -> None:
    at: dict[tuple[float, float], list[cp_model.IntVar]] = defaultdict(list)
    for c in early:
        at[c.candidate.place.point].append(c.literal)
    for point, here in at.items():
        far = [c.literal for c in late if travel.minutes(point, c.candidate.place.point) > gap]
        if far:
            model.add(sum(here) + sum(far) <= 1)


def daily_meeting_limit(
    model: cp_model.CpModel, problem: MeetingsProblem, choices: list[Choice]
) -> None:
    """M13: a facilitator attends at most `max_meetings_per_day` meetings a day."""
    for mine in _by_facilitator(choices).values():
        per_day: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for c in mine:
            per_day[c.candidate.slot.day].append(c.literal)
        for literals in per_day.values():
            if len(literals) > problem.max_meetings_per_day:
                model.add(sum(literals) <= problem.max_meetings_per_day)
