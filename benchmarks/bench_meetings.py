"""Meetings planner benchmark (issue 6): 150 cases (about 400 meetings), 6 weeks, 30 venues,
6 prisons, seeded Essex example data; 2 CP-SAT workers and a 30 s budget for the whole plan.

Prints when the first complete plan existed (every meeting with an option placed), when a
plan first came within 2% of the bound proven at that moment, and the final gap; then
re-checks the plan with the independent checker.
"""

from __future__ import annotations

import time
from collections import Counter

from allocator.meetings import SolveSettings, check_schedule, example_problem, plan_meetings
from allocator.meetings.objective import UNPLACED

CASES, VENUES, PRISONS, WEEKS, BUDGET_S, WORKERS, SEED = 150, 30, 6, 6, 30.0, 2, 0


def main() -> None:
    started = time.perf_counter()
    problem = example_problem(CASES, VENUES, PRISONS, seed=SEED, horizon_weeks=WEEKS)
    made = time.perf_counter() - started
    events: list[tuple[float, float, float]] = []
    schedule = plan_meetings(
        problem,
        SolveSettings(time_limit_s=BUDGET_S, num_workers=WORKERS, seed=1),
        lambda t, obj, bound: events.append((t, obj, bound)),
    )
    m = schedule.metrics
    complete = next((t for t, obj, _ in events if obj < UNPLACED), None)
    within = next((t for t, obj, b in events if obj > 0 and (obj - b) / obj <= 0.02), None)
    violations = check_schedule(problem, schedule)
    print(
        f"problem: {CASES} cases, {m.placed + m.unplaced} meetings, {VENUES} venues, "
        f"{PRISONS} prisons, {len(problem.facilitators)} facilitators, {WEEKS} weeks "
        f"(generated in {made:.2f} s)"
    )
    rules = Counter(u.reasons[0].rule for u in schedule.unplaced)
    solver = sum(1 for u in schedule.unplaced if u.reasons[0].text.startswith(("in ", "placing")))
    print(
        f"placed {m.placed}, unplaced {m.unplaced}: by rule {dict(sorted(rules.items()))}, "
        f"{solver} with options the plan could not fit"
    )
    print(f"first complete plan at {_s(complete)}; within 2% of the bound at {_s(within)}")
    print(
        f"final: status {schedule.status}, objective {m.objective:.0f}, bound {m.bound:.0f}, "
        f"gap {100 * (m.gap or 0):.2f}%, {m.solve_seconds:.1f} s on {WORKERS} workers"
    )
    print(
        f"mean wait {m.mean_wait_days} days; travel minutes victim {m.victim_travel_minutes}, "
        f"harmer {m.harmer_travel_minutes}, facilitators {m.facilitator_travel_minutes}; "
        f"prison trips {m.prison_trips}; room cost {m.room_cost:.0f} pounds"
    )
    print(f"independent check: {len(violations)} violation(s)")


def _s(t: float | None) -> str:
    return "never" if t is None else f"{t:.2f} s"


if __name__ == "__main__":
    main()
