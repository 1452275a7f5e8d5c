"""A meetings plan as people read it: one week by place and by facilitator, the calendar file
of one place or facilitator, and a facilitator's own meetings. No person's name or address:
home visits say whose home by role (allocator.meetings.ics.location_text)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from allocator.meetings import calendars
from allocator.meetings.ics import TITLES, calendar_file, location_text
from models.meetings import MeetingsProblem, PlannedMeeting, UnplacedMeeting
from service.errors import ForbiddenError, NotFoundError
from service.store.uow import UnitOfWork
from service.workflow.auth import Principal
from service.workflow.meetings import committed_for, documents, existing, summary
from service.workflow.schemas.meetings import (
    MeetingCell,
    MeetingLane,
    MeetingWeekOut,
    UnplacedCell,
)

HOMES = "Home visits"
DAYS = 7
WEEKEND = 5  # Saturday's weekday(): weekend days are shown only when they have meetings


def monday(day: dt.date) -> dt.date:
    """The Monday of `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


def week(uow: UnitOfWork, plan_id: str, start: dt.date | None) -> MeetingWeekOut:
    """The week of `start` (default: the week of the plan's first meeting) of a plan, by
    place and by facilitator, with every unplaced meeting and why."""
    row = existing(uow, plan_id)
    problem, schedule = documents(row)
    weeks = sorted({monday(m.date) for m in schedule.meetings})
    first = monday(start) if start else (weeks[0] if weeks else monday(row.as_of))
    week_days = [first + dt.timedelta(days=i) for i in range(DAYS)]
    shown = [m for m in schedule.meetings if week_days[0] <= m.date <= week_days[-1]]
    busy = {m.date for m in shown}
    days = [d for d in week_days if d.weekday() < WEEKEND or d in busy]
    return MeetingWeekOut(
        plan=summary(row),
        week=first,
        days=days,
        weeks=weeks,
        by_place=_lanes(problem, shown, days, _place_of(problem)),
        by_facilitator=_lanes(problem, shown, days, _facilitators_of),
        unplaced=[_unplaced(u) for u in schedule.unplaced],
    )


def plan_calendar(uow: UnitOfWork, plan_id: str, name: str) -> bytes:
    """One place's or facilitator's .ics file of a plan (the names `week` gives its lanes)."""
    row = existing(uow, plan_id)
    problem, schedule = documents(row)
    stamp = (row.committed_at or row.created_at).replace(tzinfo=dt.UTC)
    files = calendars(problem, schedule, stamp)
    if name not in files:
        raise NotFoundError("calendar", name, "/path/name")
    return files[name]


def own_meetings(uow: UnitOfWork, who: Principal) -> list[MeetingCell]:
    """The signed-in facilitator's meetings in the latest committed plan, in time order."""
    if who.facilitator_id is None:
        raise ForbiddenError("this login is not linked to a facilitator record; ask an admin")
    found = committed_for(uow, who.facilitator_id)
    if found is None:
        return []
    problem, schedule, _ = found
    return [cell(problem, m) for m in sorted(schedule.meetings, key=lambda m: m.start)]


def cell(problem: MeetingsProblem, m: PlannedMeeting) -> MeetingCell:
    """A planned meeting in words."""
    return MeetingCell(
        id=m.id,
        case=m.case,
        title=TITLES[m.kind],
        date=m.date,
        session=m.session.value,
        start=f"{m.start:%H:%M}",
        end=f"{m.end:%H:%M}",
        place=location_text(problem, m),
        facilitators=list(m.facilitators),
    )


Owners = Callable[[PlannedMeeting], list[tuple[str, str]]]
"""A meeting's lanes: (lane name, owner key of its calendar file)."""


def _place_of(problem: MeetingsProblem) -> Owners:
    names = {v.id: v.name for v in problem.venues}

    def owners(m: PlannedMeeting) -> list[tuple[str, str]]:
        if m.place.kind == "home":
            return [(HOMES, "")]
        if m.place.kind == "prison":
            return [(m.place.id, f"prison-{m.place.id}")]
        return [(names.get(m.place.id, m.place.id), f"venue-{m.place.id}")]

    return owners


def _facilitators_of(m: PlannedMeeting) -> list[tuple[str, str]]:
    return [(f, f"facilitator-{f}") for f in m.facilitators]


def _lanes(
    problem: MeetingsProblem, meetings: list[PlannedMeeting], days: list[dt.date], owners: Owners
) -> list[MeetingLane]:
    lanes: dict[str, MeetingLane] = {}
    for m in sorted(meetings, key=lambda m: m.start):
        for name, owner in owners(m):
            lane = lanes.setdefault(
                name,
                MeetingLane(
                    name=name,
                    calendar=calendar_file(owner) if owner else None,
                    days=[[] for _ in days],
                ),
            )
            lane.days[days.index(m.date)].append(cell(problem, m))
    return sorted(lanes.values(), key=lambda lane: (lane.name == HOMES, lane.name))


def _unplaced(u: UnplacedMeeting) -> UnplacedCell:
    return UnplacedCell(
        id=u.id,
        case=u.case,
        title=TITLES[u.kind],
        reasons=[f"{r.rule}: {r.text}" for r in u.reasons],
    )
