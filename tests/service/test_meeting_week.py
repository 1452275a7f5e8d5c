"""A stored meetings plan read as a week by place and by facilitator, one lane's calendar file,
and the plan's unplaced meetings with their reasons."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar
from sqlalchemy import Engine

from models.common import Location
from models.meetings import (
    MeetingFacilitator,
    MeetingKind,
    MeetingPrison,
    MeetingSchedule,
    MeetingsProblem,
    MeetingVenue,
    Place,
    PlannedMeeting,
    ScheduleMetrics,
    Session,
    UnplacedMeeting,
    UnplacedReason,
)
from service.errors import NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow import meeting_week
from tests.service.conftest import TEST_CIPHER, session_factory

AS_OF = dt.date(2026, 11, 23)  # a Monday
HALL = MeetingVenue(id="V-1", name="Chelmsford Library", location=Location(lat=51.73, lon=0.47))


def _meeting(mid: str, day: dt.date, place: Place, pair: tuple[str, str]) -> PlannedMeeting:
    return PlannedMeeting(
        id=mid,
        case=mid.split("/")[0],
        kind=MeetingKind.PREP_VICTIM if "prep" in mid else MeetingKind.CONFERENCE,
        date=day,
        session=Session.MORNING,
        start=dt.datetime.combine(day, dt.time(9, 30)),
        end=dt.datetime.combine(day, dt.time(12, 0)),
        place=place,
        facilitators=list(pair),
        attendees=4,
    )


def _stored_plan(engine: Engine) -> None:
    venue = Place(kind="venue", id="V-1", room="R1", lat=51.73, lon=0.47)
    home = Place(kind="home", id="victim-home", lat=51.7, lon=0.4)
    prison = Place(kind="prison", id="HMP Chelmsford", lat=51.72, lon=0.48)
    meetings = [
        _meeting("C-1/prep-victim", AS_OF + dt.timedelta(days=1), home, ("F-1", "F-2")),
        _meeting("C-2/conference", AS_OF + dt.timedelta(days=2), venue, ("F-1", "F-3")),
        _meeting("C-3/prep-victim", AS_OF + dt.timedelta(days=3), prison, ("F-2", "F-3")),
        _meeting("C-1/conference", AS_OF + dt.timedelta(days=8), venue, ("F-1", "F-2")),
        _meeting("C-5/conference", AS_OF + dt.timedelta(days=12), venue, ("F-1", "F-3")),
    ]
    unplaced = UnplacedMeeting(
        id="C-4/conference",
        case="C-4",
        kind=MeetingKind.CONFERENCE,
        reasons=[UnplacedReason(rule="M6", text="no room large enough")],
    )
    metrics = ScheduleMetrics(
        placed=5,
        unplaced=1,
        mean_wait_days=3.0,
        victim_travel_minutes=0,
        harmer_travel_minutes=0,
        facilitator_travel_minutes=0,
        prison_trips=1,
        room_cost=0.0,
    )
    schedule = MeetingSchedule(
        status="feasible", as_of=AS_OF, meetings=meetings, unplaced=[unplaced], metrics=metrics
    )
    here = Location(lat=51.73, lon=0.47)
    problem = MeetingsProblem(
        as_of=AS_OF,
        venues=[HALL],
        facilitators=[MeetingFacilitator(id=f"F-{i}", home=here) for i in (1, 2, 3)],
        prisons=[MeetingPrison(name="HMP Chelmsford", location=here)],
    )
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        uow.meetings.add(
            t.MeetingPlan(
                id="P-1",
                status="proposed",
                as_of=AS_OF,
                fingerprint="0" * 64,
                problem=problem.model_dump(mode="json"),
                schedule=schedule.model_dump(mode="json"),
                created_at=dt.datetime(2026, 11, 23, 9, 0),
                created_by="coordinator",
            )
        )
        uow.commit()


def test_a_plans_first_week_by_place_and_by_facilitator(engine: Engine) -> None:
    _stored_plan(engine)
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        week = meeting_week.week(uow, "P-1", None)
    assert week.week == AS_OF
    assert len(week.days) == 5  # no meeting at the weekend
    assert week.weeks == [AS_OF, AS_OF + dt.timedelta(days=7)]
    places = {lane.name: lane for lane in week.by_place}
    assert list(places) == ["Chelmsford Library", "HMP Chelmsford", "Home visits"]
    assert places["Home visits"].calendar is None
    assert places["Chelmsford Library"].calendar == "venue-V-1.ics"
    library = places["Chelmsford Library"].days
    assert [len(d) for d in library] == [0, 0, 1, 0, 0]  # the next week's is not shown
    assert library[2][0].place == "Chelmsford Library, room R1"
    assert places["Home visits"].days[1][0].place == "The victim's home (address in the case file)"
    people = {lane.name: sum(len(d) for d in lane.days) for lane in week.by_facilitator}
    assert people == {"F-1": 2, "F-2": 2, "F-3": 2}
    assert [(u.id, u.reasons) for u in week.unplaced] == [
        ("C-4/conference", ["M6: no room large enough"])
    ]


def test_another_week_and_a_lanes_calendar_file(engine: Engine) -> None:
    _stored_plan(engine)
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        later = meeting_week.week(uow, "P-1", AS_OF + dt.timedelta(days=10))
        ics = meeting_week.plan_calendar(uow, "P-1", "facilitator-F-2.ics")
        with pytest.raises(NotFoundError):
            meeting_week.plan_calendar(uow, "P-1", "facilitator-F-9.ics")
        with pytest.raises(NotFoundError):
            meeting_week.week(uow, "P-404", None)
    assert later.week == AS_OF + dt.timedelta(days=7)
    assert [lane.name for lane in later.by_facilitator] == ["F-1", "F-2", "F-3"]
    saturday = AS_OF + dt.timedelta(days=12)
    assert later.days[-1] == saturday  # a weekend day with a meeting is shown, Sunday not
    assert len(later.days) == 6
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert sorted(str(e["uid"]) for e in events) == [
        "C-1/conference@rjplan",
        "C-1/prep-victim@rjplan",
        "C-3/prep-victim@rjplan",
    ]
