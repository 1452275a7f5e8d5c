"""Meetings planner benchmark (issue 6): 150 cases (about 400 meetings), 6 weeks, 30 venues,
6 prisons, seeded Essex example data, 2 CP-SAT workers.

Two runs of the same problem: a 4.5 s budget (is the plan complete, i.e. every meeting that
has any option placed, and how far from the bound), and a 30 s budget (when a plan first came
within 2% of the bound proven at that moment, and the final gap). Every plan is re-checked
with the independent checker.
"""

from __future__ import annotations

import time
from collections import Counter

from allocator.meetings import SolveSettings, check_schedule, example_problem, plan_meetings
from allocator.meetings.objective import UNPLACED
from models.meetings import MeetingSchedule, MeetingsProblem

CASES, VENUES, PRISONS, WEEKS, WORKERS, SEED = 150, 30, 6, 6, 2, 0


def main() -> None:
    started = time.perf_counter()
    problem = example_problem(CASES, VENUES, PRISONS, seed=SEED, horizon_weeks=WEEKS)
    print(
        f"problem: {CASES} cases, {len(problem.facilitators)} facilitators, {VENUES} venues, "
        f"{PRISONS} prisons, {WEEKS} weeks (generated in {time.perf_counter() - started:.2f} s)"
    )
    for budget in (4.5, 30.0):
        _run(problem, budget)


def _run(problem: MeetingsProblem, budget: float) -> None:
    events: list[tuple[float, float, float]] = []
    started = time.perf_counter()
    schedule = plan_meetings(
        problem,
        SolveSettings(time_limit_s=budget, num_workers=WORKERS, seed=1),
        lambda t, obj, bound: events.append((t, obj, bound)),
    )
    wall = time.perf_counter() - started
    m = schedule.metrics
    complete = next((t for t, obj, _ in events if obj < UNPLACED), None)
    within = next((t for t, obj, b in events if obj > 0 and (obj - b) / obj <= 0.02), None)
    print(f"\n--- budget {budget:.1f} s: returned after {wall:.2f} s, status {schedule.status}")
    print(f"placed {m.placed} of {m.placed + m.unplaced} meetings; {_unplaced(schedule)}")
    print(f"first complete plan at {_s(complete)}; first within 2% of the bound at {_s(within)}")
    print(f"objective {m.objective:.0f}, bound {m.bound:.0f}, gap {100 * (m.gap or 0):.2f}%")
    print(
        f"mean wait {m.mean_wait_days} days; travel minutes victim {m.victim_travel_minutes}, "
        f"harmer {m.harmer_travel_minutes}, facilitators {m.facilitator_travel_minutes}; "
        f"prison trips {m.prison_trips}; room cost {m.room_cost:.0f} pounds"
    )
    print(f"independent check: {len(check_schedule(problem, schedule))} violation(s)")


def _unplaced(schedule: MeetingSchedule) -> str:
    rules = Counter(u.reasons[0].rule for u in schedule.unplaced)
    fit = sum(1 for u in schedule.unplaced if u.reasons[0].text.startswith(("in ", "placing")))
    return f"unplaced by rule {dict(sorted(rules.items()))}, {fit} that had options"


def _s(t: float | None) -> str:
    return "never" if t is None else f"{t:.2f} s"


if __name__ == "__main__":
    main()
