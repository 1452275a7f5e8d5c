"""Plan every meeting with CP-SAT: options -> model -> solve -> schedule with reasons.

One boolean per candidate (place, slot) of each meeting; a meeting takes at most one. The
solver runs on a fixed number of workers with a time limit and returns the best plan found,
its proven bound and the gap.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ortools.sat.python import cp_model

from allocator.meetings import constraints as rules
from allocator.meetings.calendar import horizon_slots
from allocator.meetings.candidates import Candidate, Options, options_for
from allocator.meetings.constraints import Choice
from allocator.meetings.explain import blocked_reason, depends_reason
from allocator.meetings.extract import planned, schedule_metrics
from allocator.meetings.focus import focus
from allocator.meetings.greedy import greedy_plan
from allocator.meetings.meetings import all_meetings, venue_rooms
from allocator.meetings.objective import PER_PRISON_TRIP, UNPLACED, costs, objective
from allocator.meetings.rules import Context
from models.meetings import MeetingSchedule, MeetingsProblem, UnplacedMeeting, UnplacedReason

Status = Literal["optimal", "feasible", "no_solution"]
Progress = Callable[[float, float, float], None]  # seconds, objective, bound


@dataclass(frozen=True)
class SolveSettings:
    """The whole time budget (options, greedy plan, model and search), the CP-SAT workers and a
    fixed seed. The search gets what is left of the budget, and at least half a second."""

    time_limit_s: float = 10.0
    num_workers: int = 2
    seed: int = 1


def meeting_options(ctx: Context) -> list[Options]:
    """Every meeting's candidates (or the reason it has none), dependencies resolved."""
    slots, rooms = horizon_slots(ctx.problem), venue_rooms(ctx.problem)
    cache: dict[str, frozenset[int]] = {}
    found = {m.id: options_for(ctx, m, slots, rooms, cache) for m in all_meetings(ctx.problem)}
    for options in found.values():
        if options.meeting.is_restorative and options.reason is None:
            options.reason = depends_reason(options.meeting, found)
            if options.reason is not None:
                options.candidates = []
    return list(found.values())


def plan_meetings(
    problem: MeetingsProblem,
    settings: SolveSettings = SolveSettings(),
    progress: Progress | None = None,
) -> MeetingSchedule:
    """Plan the meetings of every case; never raises for meetings that cannot be placed.

    A greedy plan is built first and given to CP-SAT as a hint; when the solver finds nothing
    better within the time budget, the greedy plan is returned (status feasible)."""
    started = time.perf_counter()
    ctx = Context.of(problem)
    options = meeting_options(ctx)
    points = {o.meeting.id: [costs(ctx, c).points for c in o.candidates] for o in options}
    first = greedy_plan(problem, options, points, ctx.travel)
    options, points = focus(problem, options, points, first)
    if progress:
        progress(time.perf_counter() - started, float(_points(first, options, points)), 0.0)
    model, choices, placed = _model(ctx, options, points, first)
    solver = _solver(settings, started)
    status = solver.solve(model, _Callback(progress, started) if progress else None)
    greedy_value = _points(first, options, points)
    solved = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if not solved or greedy_value < round(solver.objective_value):
        greedy = [Choice(c, placed[m]) for m, c in first.items()]
        found = (greedy_value, solver.best_objective_bound) if status != cp_model.UNKNOWN else None
        return _schedule(ctx, options, greedy, "feasible", found, started, settings)
    chosen = [c for c in choices if solver.boolean_value(c.literal)]
    label: Status = "optimal" if status == cp_model.OPTIMAL else "feasible"
    bound = (solver.objective_value, solver.best_objective_bound)
    return _schedule(ctx, options, chosen, label, bound, started, settings)


def _model(
    ctx: Context,
    options: list[Options],
    points: dict[str, list[int]],
    first: dict[str, Candidate],
) -> tuple[cp_model.CpModel, list[Choice], dict[str, cp_model.IntVar]]:
    """The CP-SAT model: one literal per option, every coupling rule, the goals, the hint."""
    model = cp_model.CpModel()
    choices, placed = _variables(model, options, points)
    rules.facilitator_in_one_meeting_per_session(model, choices)
    rules.room_booked_once_per_session(model, choices)
    rules.prison_session_visitor_limit(model, choices)
    rules.preparation_before_meeting(model, ctx.problem, choices, placed)
    rules.time_to_travel_between_meetings(model, choices, ctx.travel)
    rules.daily_meeting_limit(model, ctx.problem, choices)
    model.minimize(objective(model, choices, placed))
    for c in choices:
        model.add_hint(c.literal, first.get(c.candidate.meeting.id) is c.candidate)
    for mid, var in placed.items():
        model.add_hint(var, mid in first)
    return model, choices, placed


def _points(
    plan: dict[str, Candidate], options: list[Options], points: dict[str, list[int]]
) -> int:
    """The objective of a plan, as the model counts it."""
    trips = {(c.place.id, c.slot.day) for c in plan.values() if c.place.kind == "prison"}
    total = PER_PRISON_TRIP * len(trips)
    for opt in options:
        chosen = plan.get(opt.meeting.id)
        if chosen is None:
            total += UNPLACED if opt.candidates else 0
        else:
            total += points[opt.meeting.id][opt.candidates.index(chosen)]
    return total


def _variables(
    model: cp_model.CpModel, options: list[Options], points: dict[str, list[int]]
) -> tuple[list[Choice], dict[str, cp_model.IntVar]]:
    choices: list[Choice] = []
    placed: dict[str, cp_model.IntVar] = {}
    for opt in options:
        if not opt.candidates:
            continue
        mid = opt.meeting.id
        mine = [
            Choice(c, model.new_bool_var(f"{mid}@{c.place.key}#{c.slot.index}"), cost)
            for c, cost in zip(opt.candidates, points[mid], strict=True)
        ]
        placed[mid] = model.new_bool_var(f"placed[{mid}]")
        model.add(sum(c.literal for c in mine) == placed[mid])
        choices += mine
    return choices, placed


def _solver(settings: SolveSettings, started: float) -> cp_model.CpSolver:
    """CP-SAT with what is left of the time budget; on 1-2 workers the full-problem worker is
    `max_lp_sym` (cliques in the LP, symmetry), which proves bounds the default worker cannot."""
    solver = cp_model.CpSolver()
    left = settings.time_limit_s - (time.perf_counter() - started)
    solver.parameters.max_time_in_seconds = max(0.5, left)
    solver.parameters.num_workers = settings.num_workers
    solver.parameters.random_seed = settings.seed
    if settings.num_workers <= 2:
        solver.parameters.subsolvers.append("max_lp_sym")
    return solver


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, progress: Progress, started: float) -> None:
        super().__init__()
        self._progress, self._started = progress, started

    def on_solution_callback(self) -> None:
        elapsed = time.perf_counter() - self._started
        self._progress(elapsed, self.objective_value, self.best_objective_bound)


def _schedule(
    ctx: Context,
    options: list[Options],
    chosen: list[Choice],
    status: Status,
    bound: tuple[float, float] | None,
    started: float,
    settings: SolveSettings,
) -> MeetingSchedule:
    done = {c.candidate.meeting.id for c in chosen}
    unplaced = []
    for opt in options:
        if opt.meeting.id in done:
            continue
        reason = opt.reason or blocked_reason(ctx, opt, chosen)
        unplaced.append(_unplaced(opt, reason))
    meetings = sorted((planned(c.candidate) for c in chosen), key=lambda m: (m.start, m.id))
    metrics = schedule_metrics(
        ctx,
        [c.candidate for c in chosen],
        len(unplaced),
        bound,
        time.perf_counter() - started,
        settings.num_workers,
    )
    return MeetingSchedule(
        status=status,
        as_of=ctx.problem.as_of,
        meetings=meetings,
        unplaced=unplaced,
        metrics=metrics,
    )


def _unplaced(opt: Options, reason: UnplacedReason) -> UnplacedMeeting:
    m = opt.meeting
    return UnplacedMeeting(id=m.id, case=m.case.id, kind=m.kind, reasons=[reason])
