"""Every plan the planner returns passes the independent check (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator.meetings import SolveSettings, check_schedule, example_problem, plan_meetings


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    cases=st.integers(1, 12),
    venues=st.integers(1, 30),
    prisons=st.integers(0, 6),
    per_day=st.integers(1, 3),
    prep_days=st.integers(0, 2),
)
def test_every_plan_passes_the_independent_check(
    seed: int, cases: int, venues: int, prisons: int, per_day: int, prep_days: int
) -> None:
    problem = example_problem(cases, venues, prisons, facilitators=max(4, cases // 2), seed=seed)
    problem = problem.model_copy(
        update={"max_meetings_per_day": per_day, "prep_days_before": prep_days}
    )
    schedule = plan_meetings(problem, SolveSettings(time_limit_s=2.0, num_workers=1, seed=seed))
    assert check_schedule(problem, schedule) == []
    assert len(schedule.meetings) + len(schedule.unplaced) == sum(
        2 + (c.meeting != "indirect") for c in problem.cases
    )
    assert all(u.reasons for u in schedule.unplaced)
