"""Each goal moves the plan when only it differs between two options."""

from __future__ import annotations

from allocator.meetings import SolveSettings, check_schedule, plan_meetings
from models.meetings import MeetingSchedule, MeetingsProblem
from tests.allocator.meetings.builders import a_case, a_facilitator, a_party, a_problem, a_venue

WEST, EAST = {"lat": 51.74, "lon": 0.30}, {"lat": 51.74, "lon": 0.70}


def planned(problem: MeetingsProblem) -> MeetingSchedule:
    schedule = plan_meetings(problem, SolveSettings(time_limit_s=5, num_workers=1))
    assert check_schedule(problem, schedule) == []
    assert schedule.status == "optimal"
    return schedule


def conference_venue(schedule: MeetingSchedule) -> str:
    return next(m.place.id for m in schedule.meetings if m.kind.value == "conference")


def test_the_victim_travels_less_than_the_harmer_when_they_live_apart() -> None:
    case = a_case(victim=a_party(home=WEST), harmer=a_party(home=EAST))
    venues = [
        a_venue("VW", location=WEST | {"lat": 51.745}),
        a_venue("VE", location=EAST | {"lat": 51.745}),
    ]
    assert conference_venue(planned(a_problem(cases=[case], venues=venues))) == "VW"
    swapped = a_case(victim=a_party(home=EAST), harmer=a_party(home=WEST))
    assert conference_venue(planned(a_problem(cases=[swapped], venues=venues))) == "VE"


def test_the_cheaper_room_wins_when_everything_else_is_equal() -> None:
    dear = a_venue("DEAR", rooms=[{"id": "R1", "capacity": 10, "cost": 60}])
    cheap = a_venue("CHEAP", rooms=[{"id": "R1", "capacity": 10, "cost": 10}])
    assert conference_venue(planned(a_problem(venues=[dear, cheap]))) == "CHEAP"


def test_facilitators_travel_less_when_the_parties_do_not_mind() -> None:
    home = {"lat": 51.74, "lon": 0.47}
    case = a_case(victim=a_party(home=home), harmer=a_party(home=home))
    north = a_venue("NORTH", location={"lat": 51.75, "lon": 0.47})  # 1.1 km from the parties
    south = a_venue("SOUTH", location={"lat": 51.73, "lon": 0.47})  # 1.1 km the other way
    for lat, nearer in ((51.80, "NORTH"), (51.68, "SOUTH")):
        pair = [a_facilitator(f, home={"lat": lat, "lon": 0.47}) for f in ("F1", "F2")]
        problem = a_problem(cases=[case], venues=[south, north], facilitators=pair)
        assert conference_venue(planned(problem)) == nearer


def test_an_earlier_day_beats_a_shorter_trip_for_the_victim() -> None:
    later_near = a_venue("NEAR", opening={"fri": ["morning"]})
    sooner_far = a_venue("FAR", location={"lat": 51.80, "lon": 0.64}, opening={"wed": ["morning"]})
    schedule = planned(a_problem(venues=[later_near, sooner_far]))
    conference = next(m for m in schedule.meetings if m.kind.value == "conference")
    assert conference.place.id == "FAR"
    assert conference.date.isoformat() == "2026-11-25"
