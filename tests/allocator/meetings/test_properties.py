"""Every plan the planner returns passes the independent check (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator.meetings import SolveSettings, check_schedule, example_problem, plan_meetings
from models.meetings import MeetingsProblem


def with_bad_input(problem: MeetingsProblem, broken: set[str]) -> MeetingsProblem:
    """The issue's bad inputs: a venue with no sessions, a prison lead time longer than the
    horizon, a party with no availability."""
    update: dict[str, object] = {}
    if "venue" in broken:
        closed = problem.venues[0].model_copy(update={"opening": {}})
        update["venues"] = [closed, *problem.venues[1:]]
    if "lead_time" in broken and problem.prisons:
        slow = problem.prisons[0].model_copy(update={"lead_time_working_days": 60})
        update["prisons"] = [slow, *problem.prisons[1:]]
    if "party" in broken:
        case = problem.cases[0]
        victim = case.victim.model_copy(update={"availability": frozenset()})
        update["cases"] = [case.model_copy(update={"victim": victim}), *problem.cases[1:]]
    return problem.model_copy(update=update)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    cases=st.integers(1, 25),
    venues=st.integers(1, 30),
    prisons=st.integers(0, 6),
    per_day=st.integers(1, 3),
    prep_days=st.integers(0, 2),
    broken=st.sets(st.sampled_from(["venue", "lead_time", "party"])),
)
def test_every_plan_passes_the_independent_check(
    seed: int,
    cases: int,
    venues: int,
    prisons: int,
    per_day: int,
    prep_days: int,
    broken: set[str],
) -> None:
    problem = example_problem(cases, venues, prisons, facilitators=max(4, cases // 2), seed=seed)
    problem = with_bad_input(problem, broken).model_copy(
        update={"max_meetings_per_day": per_day, "prep_days_before": prep_days}
    )
    schedule = plan_meetings(problem, SolveSettings(time_limit_s=2.0, num_workers=1, seed=seed))
    assert check_schedule(problem, schedule) == []
    assert len(schedule.meetings) + len(schedule.unplaced) == sum(
        2 + (c.meeting != "indirect") for c in problem.cases
    )
    assert all(u.reasons for u in schedule.unplaced)
    if "party" in broken:
        assert problem.cases[0].id + "/prep-victim" in {u.id for u in schedule.unplaced}
