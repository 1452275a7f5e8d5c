"""Meetings for committed pairs: build the planner's problem from the store, plan, store, read.

The planner's input comes from the record only: the committed pairs of the open cases (the
store's current pairs), the venues and prisons of the registers (service.workflow.venues:
active ones; a case's prison not in the register gets the planner's default sessions), and
the parties' own homes from the case file (service.workflow.party_places), the case's
location standing in for a party not yet placed; each plan says which (`party_locations`).
Opening a party's address is a read of personal details: audited once per plan.

The planner runs outside any database transaction, like the allocator (see proposals.py).
"""

from __future__ import annotations

import datetime as dt
import uuid

from allocator.meetings import (
    SolveSettings,
    booking_rows,
    facilitator_calendar,
    meetings_problem_for_pairs,
    plan_meetings,
)
from allocator.meetings.ics import calendar
from geo import Gazetteer
from models.meetings import MeetingSchedule, MeetingsProblem
from service.config import Settings
from service.errors import ForbiddenError, NotFoundError
from service.store import tables as t
from service.store.mapping import fingerprint
from service.store.uow import UnitOfWork
from service.workflow.audit import read_personal
from service.workflow.auth import Principal
from service.workflow.party_places import PartyPlaces, party_places
from service.workflow.proposals import base_problem
from service.workflow.schemas.meetings import BookingRowOut, MeetingPlanOut, MeetingPlanSummary
from service.workflow.venues import meeting_prisons, meeting_venues

PLAN_POINTER = "/path/plan_id"


def meetings_problem(
    uow: UnitOfWork, as_of: dt.date, gaz: Gazetteer
) -> tuple[MeetingsProblem, PartyPlaces]:
    """The meetings to plan for every open case with a committed pair, on `as_of`, and where
    its parties were placed from."""
    base = base_problem(uow, as_of)
    pairs = {c.id: (c.current[0], c.current[1]) for c in base.cases if len(c.current) == 2}
    places = party_places(uow, pairs, gaz)
    problem = meetings_problem_for_pairs(
        base, pairs, meeting_venues(uow), meeting_prisons(uow), places.homes
    )
    return problem, places


def plan(
    uow: UnitOfWork, who: Principal, settings: Settings, as_of: dt.date | None, gaz: Gazetteer
) -> MeetingPlanOut:
    """Plan the meetings of every committed case and store the plan as proposed."""
    day = as_of or uow.clock.today()
    problem, places = meetings_problem(uow, day, gaz)
    uow.session.rollback()  # no transaction stays open while the planner runs
    limits = SolveSettings(
        time_limit_s=settings.meetings_time_limit_s, num_workers=settings.meetings_workers
    )
    schedule = plan_meetings(problem, limits)
    row = t.MeetingPlan(
        id=str(uuid.uuid4()),
        status="proposed",
        as_of=day,
        fingerprint=fingerprint(problem),
        problem=problem.model_dump(mode="json"),
        schedule=schedule.model_dump(mode="json"),
        party_locations=places.sources,
        created_at=uow.clock.now(),
        created_by=who.username,
    )
    uow.meetings.add(row)
    for party in places.read:
        read_personal(uow, who, "party", str(party), ["details.address"])
    uow.commit()
    return view(row)


def view(row: t.MeetingPlan) -> MeetingPlanOut:
    """A stored plan as an API body."""
    return MeetingPlanOut(
        id=row.id,
        status="committed" if row.status == "committed" else "proposed",
        as_of=row.as_of,
        created_at=row.created_at,
        created_by=row.created_by,
        committed_at=row.committed_at,
        committed_by=row.committed_by,
        schedule=MeetingSchedule.model_validate(row.schedule),
        party_locations=row.party_locations or {},
    )


def get(uow: UnitOfWork, plan_id: str) -> MeetingPlanOut:
    """One plan with every meeting and the reasons of the unplaced ones."""
    return view(existing(uow, plan_id))


def recent(uow: UnitOfWork, limit: int, offset: int) -> list[MeetingPlanSummary]:
    """Plans, newest first, with how many meetings each placed."""
    return [summary(row) for row in uow.meetings.recent(limit, offset)]


def summary(row: t.MeetingPlan) -> MeetingPlanSummary:
    """A stored plan in one line: who made it, when, and how much it placed."""
    return MeetingPlanSummary(
        id=row.id,
        status="committed" if row.status == "committed" else "proposed",
        as_of=row.as_of,
        created_at=row.created_at,
        created_by=row.created_by,
        committed_at=row.committed_at,
        placed=len(row.schedule.get("meetings", [])),
        unplaced=len(row.schedule.get("unplaced", [])),
    )


def bookings(uow: UnitOfWork, plan_id: str) -> dict[str, list[BookingRowOut]]:
    """Venue id or prison name -> the rooms and visit sessions to book for this plan."""
    row = existing(uow, plan_id)
    problem, schedule = documents(row)
    return {
        place: [BookingRowOut.model_validate(r) for r in rows]
        for place, rows in booking_rows(problem, schedule).items()
    }


def own_calendar(uow: UnitOfWork, who: Principal) -> bytes:
    """The logged-in facilitator's meetings in the latest committed plan, as .ics: only those
    of cases they are still on (a case re-planned away since drops out of the feed)."""
    if who.facilitator_id is None:
        raise ForbiddenError("this login is not linked to a facilitator record; ask an admin")
    return _calendar(uow, who.facilitator_id)


def calendar_of(uow: UnitOfWork, facilitator_id: str) -> bytes:
    """A facilitator's meetings in the latest committed plan, as .ics (for staff)."""
    if uow.facilitators.get(facilitator_id) is None:
        raise NotFoundError("facilitator", facilitator_id, "/path/facilitator_id")
    return _calendar(uow, facilitator_id)


def _calendar(uow: UnitOfWork, facilitator_id: str) -> bytes:
    found = committed_for(uow, facilitator_id)
    if found is None:
        empty = MeetingsProblem(as_of=uow.clock.today())
        stamp = uow.clock.now().replace(tzinfo=dt.UTC)
        return calendar(empty, [], f"rjplan {facilitator_id}", stamp)
    problem, mine, stamp = found
    return facilitator_calendar(problem, mine, facilitator_id, stamp)


def committed_for(
    uow: UnitOfWork, facilitator_id: str
) -> tuple[MeetingsProblem, MeetingSchedule, dt.datetime] | None:
    """The latest committed plan's problem, its schedule cut to the meetings of cases this
    facilitator is still on (a case re-planned away since drops out), and when it was
    committed (UTC); None before any plan is committed."""
    row = uow.meetings.latest_committed()
    if row is None or row.committed_at is None:
        return None
    problem, schedule = documents(row)
    on = {p.case_id for p in uow.pairs.current_for_facilitator(facilitator_id)}
    still_theirs = [
        m for m in schedule.meetings if m.case in on and facilitator_id in m.facilitators
    ]
    mine = schedule.model_copy(update={"meetings": still_theirs})
    return problem, mine, row.committed_at.replace(tzinfo=dt.UTC)


def documents(row: t.MeetingPlan) -> tuple[MeetingsProblem, MeetingSchedule]:
    """A stored plan's problem and schedule."""
    return MeetingsProblem.model_validate(row.problem), MeetingSchedule.model_validate(row.schedule)


def existing(uow: UnitOfWork, plan_id: str) -> t.MeetingPlan:
    """The stored plan, or 404 naming the path parameter."""
    row = uow.meetings.get(plan_id)
    if row is None:
        raise NotFoundError("meetings plan", plan_id, PLAN_POINTER)
    return row
