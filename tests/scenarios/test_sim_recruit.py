"""The recruitment search: a small plan of volunteers by district and skill that meets a target."""

from __future__ import annotations

from models import Skill
from scenarios.sim_recruit import BASIC, Search, default_kinds, plan_groups, recruit, with_plan
from scenarios.sim_spec import VettingDelay
from tests.scenarios.sim_builders import a_scenario

FAST_VETTING = VettingDelay(median_days=1, sigma=0)


def a_stretched_service() -> object:
    """The tiny demo pool (12 volunteers) facing the essex referral rate for three months."""
    return a_scenario(
        pool={"source": "demo", "scale": "tiny"},
        horizon_months=3,
        cohorts=[],
        solve_seconds=0.5,
        experienced_after_cases=0,
    )


def test_recruits_bring_a_stretched_services_wait_under_the_target() -> None:
    scenario = a_stretched_service()
    search = Search(
        target_p90_days=10,
        kinds=default_kinds(["Colchester"]),
        replicates=2,
        max_volunteers=12,
        vetting=FAST_VETTING,
    )
    best, tried = recruit(scenario, search)  # type: ignore[arg-type]
    assert tried[0].plan == ()
    assert not tried[0].meets
    assert best.meets
    assert best.plan
    assert best.as_dict(2)["volunteers"] == 2 * len(best.plan)


def test_the_search_stops_at_its_budget_and_says_the_target_is_not_met() -> None:
    search = Search(
        target_p90_days=0, kinds=[(None, BASIC)], replicates=1, max_volunteers=2, vetting=None
    )
    best, tried = recruit(a_stretched_service(), search)  # type: ignore[arg-type]
    assert len(best.plan) == 1
    assert not best.as_dict(2)["meets_target"]
    assert len(tried) == 2


def test_a_plan_becomes_one_cohort_at_the_start_of_the_window() -> None:
    plan = ((None, BASIC), ("Harlow", BASIC), (None, BASIC))
    planned = with_plan(a_scenario(cohorts=[]), plan, 3)
    (cohort,) = planned.cohorts
    assert cohort.month == 0
    assert sorted(g.count for g in cohort.groups) == [3, 6]


def test_plan_groups_sum_repeated_kinds() -> None:
    kind = (None, BASIC | {Skill.PRISON})
    assert plan_groups((kind, kind), 2) == [
        {"count": 4, "district": None, "skills": ["mediation", "prison"]}
    ]
