"""Each rule between meetings, verified on two candidates: allowed together or not."""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from allocator.meetings import constraints as rules
from allocator.meetings.candidates import Candidate
from allocator.meetings.constraints import Choice
from allocator.meetings.travel import TravelTable
from models.meetings import MeetingsProblem
from tests.allocator.meetings.builders import (
    a_case,
    a_facilitator,
    a_party,
    a_prison,
    a_problem,
    candidates_of,
)

Rule = Callable[[cp_model.CpModel, list[Choice]], None]


def together(rule: Rule, *picked: Candidate) -> bool:
    """True when the rule lets every picked candidate be used at once."""
    model = cp_model.CpModel()
    choices = [Choice(c, model.new_bool_var(str(i))) for i, c in enumerate(picked)]
    rule(model, choices)
    for c in choices:
        model.add(c.literal == 1)
    return cp_model.CpSolver().solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def pick(problem: MeetingsProblem, mid: str, day: str, session: str, place: str = "") -> Candidate:
    return next(
        c
        for c in candidates_of(problem, mid)
        if c.slot.date.isoformat() == day
        and c.slot.session.value == session
        and c.place.id.startswith(place)
    )


def two_cases(**over: object) -> MeetingsProblem:
    return a_problem(cases=[a_case("C1", ("F1", "F2")), a_case("C2", ("F1", "F3"))], **over)


def test_a_facilitator_is_at_one_meeting_per_session() -> None:
    p = two_cases()
    a = pick(p, "C1/prep-victim", "2026-11-24", "morning")
    assert not together(
        rules.facilitator_in_one_meeting_per_session,
        a,
        pick(p, "C2/prep-victim", "2026-11-24", "morning"),
    )
    assert together(
        rules.facilitator_in_one_meeting_per_session,
        a,
        pick(p, "C2/prep-victim", "2026-11-24", "afternoon"),
    )


def test_a_room_holds_one_meeting_per_session() -> None:
    neutral = a_party(prep_at="neutral")
    p = a_problem(
        cases=[
            a_case("C1", ("F1", "F2"), victim=neutral),
            a_case("C2", ("F3", "F4"), victim=neutral),
        ],
        facilitators=[a_facilitator(f) for f in ("F1", "F2", "F3", "F4")],
    )
    a = pick(p, "C1/prep-victim", "2026-11-24", "morning", "V1")
    b = pick(p, "C2/prep-victim", "2026-11-24", "morning", "V1")
    assert not together(rules.room_booked_once_per_session, a, b)
    c = pick(p, "C2/prep-victim", "2026-11-24", "afternoon", "V1")
    assert together(rules.room_booked_once_per_session, a, c)


def test_a_prison_session_takes_no_more_visitors_than_it_allows() -> None:
    inside = a_party(prison="HMP Example")
    cases = [a_case("C1", ("F1", "F2"), harmer=inside), a_case("C2", ("F3", "F4"), harmer=inside)]
    people = [a_facilitator(f) for f in ("F1", "F2", "F3", "F4")]
    for limit, allowed in ((3, False), (4, True)):
        p = a_problem(
            cases=cases, facilitators=people, prisons=[a_prison(visitors_per_session=limit)]
        )
        a = pick(p, "C1/prep-harmer", "2026-12-03", "morning")
        b = pick(p, "C2/prep-harmer", "2026-12-03", "morning")
        assert together(rules.prison_session_visitor_limit, a, b) is allowed


def test_preparation_visits_come_before_the_conference() -> None:
    p = a_problem()

    def order(model: cp_model.CpModel, choices: list[Choice]) -> None:
        placed = {}
        for c in choices:
            placed[c.candidate.meeting.id] = c.literal
        rules.preparation_before_meeting(model, p, choices, placed)

    victim = pick(p, "C1/prep-victim", "2026-11-25", "morning")
    harmer = pick(p, "C1/prep-harmer", "2026-11-25", "afternoon")
    assert together(order, victim, harmer, pick(p, "C1/conference", "2026-11-26", "morning"))
    assert not together(order, victim, harmer, pick(p, "C1/conference", "2026-11-25", "afternoon"))
    assert not together(order, victim, harmer, pick(p, "C1/conference", "2026-11-24", "morning"))


def test_a_facilitator_has_time_to_travel_between_meetings_on_one_day() -> None:
    far = a_party(home={"lat": 52.63, "lon": 1.30})  # Norwich, over 2 hours from Chelmsford
    p = a_problem(cases=[a_case("C1", ("F1", "F2")), a_case("C2", ("F1", "F3"), victim=far)])
    table = TravelTable.of(p)

    def travel(model: cp_model.CpModel, choices: list[Choice]) -> None:
        rules.time_to_travel_between_meetings(model, choices, table)

    near_morning = pick(p, "C1/prep-victim", "2026-11-24", "morning")
    far_afternoon = pick(p, "C2/prep-victim", "2026-11-24", "afternoon")
    assert not together(travel, near_morning, far_afternoon)
    near_afternoon = pick(p, "C2/prep-harmer", "2026-11-24", "afternoon")
    assert together(travel, near_morning, near_afternoon)


def test_a_facilitator_has_at_most_n_meetings_a_day() -> None:
    p = a_problem(
        cases=[a_case("C1", ("F1", "F2")), a_case("C2", ("F1", "F3"))], max_meetings_per_day=1
    )

    def limit(model: cp_model.CpModel, choices: list[Choice]) -> None:
        rules.daily_meeting_limit(model, p, choices)

    a = pick(p, "C1/prep-victim", "2026-11-24", "morning")
    assert not together(limit, a, pick(p, "C2/prep-victim", "2026-11-24", "afternoon"))
    assert together(limit, a, pick(p, "C2/prep-victim", "2026-11-25", "afternoon"))
