"""From chosen candidates to the published schedule: planned meetings and their metrics."""

from __future__ import annotations

from allocator.meetings.candidates import Candidate
from allocator.meetings.objective import costs
from allocator.meetings.rules import Context
from models.meetings import Place, PlannedMeeting, ScheduleMetrics


def planned(c: Candidate) -> PlannedMeeting:
    """The published form of one chosen candidate (times local to Europe/London)."""
    place = Place(
        kind=c.place.kind,
        id=c.place.id,
        room=c.place.room.id if c.place.room else None,
        lat=c.place.point[0],
        lon=c.place.point[1],
    )
    return PlannedMeeting(
        id=c.meeting.id,
        case=c.meeting.case.id,
        kind=c.meeting.kind,
        date=c.slot.date,
        session=c.slot.session,
        start=c.slot.start(),
        end=c.slot.end(),
        place=place,
        facilitators=list(c.meeting.facilitators),
        attendees=c.meeting.attendees,
    )


def schedule_metrics(
    ctx: Context,
    chosen: list[Candidate],
    unplaced: int,
    bound: tuple[float, float] | None,
    seconds: float,
    workers: int,
) -> ScheduleMetrics:
    """Totals of the plan's cost terms, with the solver's objective, bound and gap."""
    terms = [costs(ctx, c) for c in chosen]
    trips = {(c.place.id, c.slot.day) for c in chosen if c.place.kind == "prison"}
    objective, best = bound if bound else (None, None)
    gap = None
    if objective is not None and best is not None:
        gap = 0.0 if objective <= 0 else max(0.0, (objective - best) / objective)
    return ScheduleMetrics(
        placed=len(chosen),
        unplaced=unplaced,
        mean_wait_days=round(sum(t.wait_days for t in terms) / len(terms), 2) if terms else 0.0,
        victim_travel_minutes=sum(t.victim_minutes for t in terms),
        harmer_travel_minutes=sum(t.harmer_minutes for t in terms),
        facilitator_travel_minutes=sum(t.facilitator_minutes for t in terms),
        prison_trips=len(trips),
        room_cost=round(sum(t.room_pounds for t in terms), 2),
        objective=objective,
        bound=best,
        gap=gap,
        solve_seconds=round(seconds, 3),
        num_workers=workers,
    )
