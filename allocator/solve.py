"""Solve the pair model lexicographically: weight, then changes, travel, max utilisation.

Each level is solved to optimality (or to the time left), then fixed as a constraint before the
next; large models carry each level's solution to the next as a hint. The whole solve respects
one time limit and always returns the best plan found.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from allocator.constraints import PAIR_CONSTRAINTS, largest_that_fit
from allocator.facts import Facts
from allocator.goals import GoalWeights, goal_terms, own_goals
from allocator.greedy import greedy_plan, hint_plan
from allocator.model import PairModel, build_pair_model
from allocator.race import race
from allocator.relaxation import Relaxation, rounded_plan, solve_relaxation
from allocator.result import LevelOutcome, Solution, build_result
from allocator.single import is_single, pairs_allowed, solve_single
from allocator.utilisation import EarlyPeak, cap_peak, fixed_floor_units, peak_units, switch_off
from models import (
    AllocationResult,
    Problem,
)

AUTO_CANDIDATES_ABOVE = 200_000  # (cases x facilitators) beyond which we keep k nearest
AUTO_CANDIDATES_K = 30
LARGE_MODEL_VARS = 5_000  # above this: greedy start, no presolve (measured: benchmarks/)
LEVEL_SHARES = (0.55, 0.5, 0.6)  # of the time left, per level; unused time carries on
STOP_LATENCY_SECONDS = 0.15
RESULT_SECONDS_PER_CASE = 0.00025  # writing the result after the levels (national: 0.4 s)
# Level 1 proven by the LP's cut (_weight_by_cut) only with this much time: its first plan
# comes later than level 1's own (essex: 0.14 s against 0.08 s), so under a very short limit
# (essex, limits of 0.2-0.3 s) level 1 alone gives the better plan (weight 124-125 against none).
CUT_START_SECONDS = 0.3
LP_SHARE = 0.3  # of the time left, at most, for level 1's LP relaxation on large models
# ... and only with this much time left: on region the LP's proto takes about 0.17 s to build
# and GLOP 0.4-0.9 s, so with less its share cannot finish and the LP only costs time
LP_START_SECONDS = 1.5
# Large models: level 1 asked first over the LP's neighbourhood (_lp_neighbourhood), with at
# most this share of the time left and only with this much
NEIGHBOURHOOD_SHARE = 0.25
NEIGHBOURHOOD_MIN_SECONDS = 1.5  # national at 5 s had 0.75 s: too little, and its plan worse
NEIGHBOURHOOD_NEAREST = 8  # ... and so is each case's nearest candidates
NEIGHBOURHOOD_LP_MIN = 1e-6  # an LP value above this: the variable is in the neighbourhood


@dataclass(frozen=True)
class SolveOptions:
    """How long and how hard to search; `workers` is CP-SAT's num_workers."""

    time_limit_s: float = 10.0
    workers: int | None = None  # None: 1 on small models, 2 on large (measured: benchmarks/)
    seed: int = 0
    candidates_per_case: int | None = None  # None: all, or automatic on very large problems
    log: bool = False
    own_goals: bool = True  # level 5 (goals.py) after the four canonical levels
    goal_weights: GoalWeights = field(default_factory=GoalWeights)
    # share of extra travel km level 5 may spend (0.05: 5 %); levels 1-4 are always solved at
    # the travel optimum, so without level 5 the slack is never spent
    travel_slack: float = 0.0
    enumerate_single: bool = True  # one free case: exact enumeration of pairs (single.py)
    explain_assignments: bool = True  # off: assignments carry no sentences (simulations)
    # Small models: a second thread races levels 2, 3 and 5 stated another way (race.py) and
    # asks level 4's first question beside level 3 (utilisation.EarlyPeak); level 1 is then
    # proven by the LP's cut (_weight_by_cut). Off in scenario replicates, which fill the cores.
    second_core: bool = True


@dataclass(frozen=True)
class Setting:
    """CP-SAT's LP on a small model: how strong (linearization_level), and whether every row
    is in from the start."""

    linearization: int = 2
    eager_lp: bool = False
    # the levels before also held from the other side (weight <= its optimum, changes >= its
    # optimum): the same plans, stated so CP-SAT's LP sees more (races only; see _questions)
    held_equal: bool = False
    tightened: bool = False  # H5 also as constraints.largest_that_fit (races only)
    hinted: bool = False  # starts from the plan of the level before


@dataclass
class Level:
    """One level of the lexicographic objective."""

    name: str
    expr: Callable[[PairModel], cp_model.LinearExprT]
    maximise: bool = False
    setting: Setting = Setting()  # CP-SAT's LP on small models (see _params)
    race: tuple[Setting, ...] = ()  # small models, second core: these raced instead (race.py)


LEVELS: tuple[Level, ...] = (
    Level("allocated_weight", PairModel.weight, maximise=True),
    Level(
        "changes",
        PairModel.changes,
        race=(Setting(eager_lp=True), Setting(eager_lp=True, held_equal=True)),
    ),
    Level(
        "travel_km",
        PairModel.travel_metres,
        setting=Setting(eager_lp=True),
        race=(
            Setting(eager_lp=True),
            Setting(eager_lp=True, tightened=True, hinted=True),
        ),
    ),
)


# Level 5, the service's own goals: from level 4's plan, every LP row up front; with the second
# core, raced against lazy rows and no start. Single-threaded, on the essex demo morning and
# essex seeds 1-5: 8.8 s in all from the plan, against 23.1 s without it and 24.7 s with lazy
# rows (which were faster on the demo morning alone: 0.89 s against 1.34 s).
GOALS_SETTING = Setting(eager_lp=True, hinted=True)
GOALS_RACE = (GOALS_SETTING, Setting())


def _params(
    options: SolveOptions, seconds: float, variables: int, setting: Setting = Setting()
) -> cp_model.CpSolver:
    """CP-SAT settings. Small models: a stronger LP (linearization 2) and no probing; large
    ones: skip presolve, which costs more than it saves once a greedy plan is the hint.
    (Skipping presolve on tiny models too was measured 3 times slower.)"""
    large = variables > LARGE_MODEL_VARS
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = max(0.01, seconds)
    params.num_workers = options.workers or (2 if large else 1)
    params.random_seed = options.seed
    params.log_search_progress = options.log
    if large:
        params.cp_model_presolve = False
    else:
        params.linearization_level = setting.linearization
        params.cp_model_probing_level = 0
        # Every LP row in from the start: the later levels prove faster so (essex: level 4
        # 0.42-0.46 s against 0.63-0.79 s, level 3 a little faster), level 1 slower (0.5 s
        # against 0.2 s); level 2 is raced both ways (see LEVELS).
        params.add_lp_constraints_lazily = not setting.eager_lp
    return solver


def _hint(m: PairModel, solver: cp_model.CpSolver) -> None:
    """On a large model, the last solution, every variable of it, as the next solve's hint (in
    bulk: one call per variable was a tenth of a small solve). Without it CP-SAT, which runs
    large models without presolve, may find no plan at all for the next level in its time
    (region, level 2: none in 2 s). Small models prove faster without: the levels' proofs
    lean on the LP, and a hint pulls the search towards the last level's plan (essex: all
    four levels in 1.05 s without, 1.78 s with; median of 5 runs each)."""
    if len(m.x) <= LARGE_MODEL_VARS:
        m.cp.clear_hints()  # type: ignore[no-untyped-call]
        return
    values = solver.response_proto.solution
    m.cp.clear_hints()  # type: ignore[no-untyped-call]
    # Take the hint message only now: one taken before clear_hints() still accepts values, but
    # the model no longer marks it present, so CP-SAT would silently solve without a hint.
    hint = m.cp.model_proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)


def _read_pairs(m: PairModel, solver: cp_model.CpSolver) -> dict[int, tuple[int, int]]:
    values = solver.response_proto.solution
    pairs = dict(m.baseline.fixed)
    for ci, facs in m.by_case.items():
        if values[m.y[ci].index]:
            on = [fi for fi in facs if values[m.x[ci, fi].index]]
            pairs[ci] = (on[0], on[1])
    return pairs


def run_levels(m: PairModel, options: SolveOptions, deadline: float) -> Solution | None:
    """Solve each level in turn, fixing it before the next; None if level 1 found nothing."""
    large = len(m.x) > LARGE_MODEL_VARS
    found = Solution()
    if large:
        _start_large(m, found, deadline)
    early = _levels(m, options, deadline, found, large)
    if not found.levels and not found.from_greedy:
        _fall_back_to_greedy(m, found)
    if len(found.levels) == len(LEVELS):
        # wait for the early question as long again as level 3 took, at most: past that, the
        # descent under level 3's own constraint is likely the quicker way to the same answer
        patience = time.perf_counter() + max(0.05, found.levels[-1].seconds)
        floor = early.floor(min(deadline, patience)) if early else 0
        proven = _lower_the_peak(m, options, deadline, found, floor)
        if proven and options.own_goals:
            _own_goals_level(m, options, deadline, found)
    elif early:  # the levels broke off: level 4 will not be asked
        early.stop()
    return found if found.levels or found.from_greedy else None


def _levels(
    m: PairModel, options: SolveOptions, deadline: float, found: Solution, large: bool
) -> EarlyPeak | None:
    """Levels 1-3 into `found`; level 4's first question, when it was asked early."""
    early: EarlyPeak | None = None
    two_threads = options.second_core and not large
    by_cut = two_threads and deadline - time.perf_counter() >= CUT_START_SECONDS
    if by_cut:
        done = _weight_by_cut(m, options, deadline, found)
    else:
        done = 0 if large else _weight_by_greedy(m, found)
    for level, share in list(zip(LEVELS, LEVEL_SHARES, strict=True))[done:]:
        if time.perf_counter() >= deadline:
            break
        if level.name == "travel_km" and two_threads:  # levels 1 and 2 are fixed
            early = _ask_peak_early(m, options, deadline, found)
        seconds = (deadline - time.perf_counter()) * share
        if not _solve_level(m, level, options, seconds, found, two_threads, early):
            break
    return early


def _solve_level(
    m: PairModel,
    level: Level,
    options: SolveOptions,
    seconds: float,
    found: Solution,
    rivals: bool = False,
    early: EarlyPeak | None = None,
) -> bool:
    """One level solved and fixed; False when it found no plan (the levels break off). With
    `rivals`, the level's race settings are raced (race.py); the second entrant waits for
    level 4's early question, if one is being asked, to free the second core."""
    started = time.perf_counter()
    expr = level.expr(m)
    if isinstance(expr, int) and found.levels:  # no variable in it: nothing to choose
        found.levels.append(LevelOutcome(level.name, expr, expr, True, 0.0))
        return True
    if level.maximise:
        m.cp.maximize(expr)
    else:
        m.cp.minimize(expr)
    settings = level.race if rivals and level.race else (level.setting,)
    solvers = [_params(options, seconds, len(m.x), setting) for setting in settings]
    questions = _questions(m, settings, found.levels, found.pairs)
    core_free = early.done if early else None
    answer = race(questions, solvers, level.maximise, core_free, found.first_plan_at is None)
    found.first_plan_at = found.first_plan_at or answer.first_plan_at
    if not answer.found:
        return False
    seconds = time.perf_counter() - started
    _fix_level(m, level, options, answer.solver, answer.status, found, seconds)
    return True


def _questions(
    m: PairModel,
    settings: tuple[Setting, ...],
    before: list[LevelOutcome],
    plan: dict[int, tuple[int, int]] | None = None,
) -> list[cp_model.CpModel]:
    """The model once per entrant: itself for the first, copies for the others, each stated as
    its setting says. Held equal: each proven level before also from the other side; every plan
    left meets it already (the level is optimal), but CP-SAT's LP does not know that (essex,
    level 2: see race.py). Tightened: H5 also as constraints.largest_that_fit. Hinted: from
    `plan`. What is added to the first goes into the model itself, and stays: races add it to
    the copies only; level 5, the last, starts the model itself from level 4's plan."""
    questions: list[cp_model.CpModel] = [m.cp, *(m.cp.clone() for _ in settings[1:])]
    by_name = {level.name: level for level in LEVELS}
    for question, setting in zip(questions, settings, strict=True):
        if setting.hinted and plan:
            hint_plan(m, plan, question)
        if setting.held_equal:
            for outcome in (o for o in before if o.proven):
                level = by_name[outcome.name]
                expr, value = level.expr(m), round(outcome.value)
                question.add(expr <= value if level.maximise else expr >= value)
        if setting.tightened:
            for xs, most in largest_that_fit(m):
                question.add(sum(xs) <= most)
    return questions


def _fix_level(
    m: PairModel,
    level: Level,
    options: SolveOptions,
    solver: cp_model.CpSolver,
    status: cp_model.CpSolverStatus,
    found: Solution,
    seconds: float,
) -> None:
    """Record a level's plan and outcome, and hold every later level to its value."""
    expr = level.expr(m)
    value = round(solver.objective_value)
    found.pairs, found.from_greedy = _read_pairs(m, solver), False
    found.levels.append(
        LevelOutcome(
            level.name, value, solver.best_objective_bound, status == cp_model.OPTIMAL, seconds
        )
    )
    found.held[level.name] = m.cp.add(expr >= value if level.maximise else expr <= value)
    _hint(m, solver)


def weight_within_reach(m: PairModel) -> int:
    """An upper bound on level 1: the weight of the free cases that could each be paired if they
    were the only one (a candidate pair the pair-level rules allow, single.pairs_allowed; every
    person-level rule, H5's room included, already holds for the candidates)."""
    cases = m.facts.problem.cases
    return sum(
        cases[ci].priority
        for ci, facs in m.by_case.items()
        if len(pairs_allowed(m, ci, np.array(facs, dtype=np.int64))[0]) > 0
    )


def _weight_by_greedy(m: PairModel, found: Solution) -> int:
    """Level 1 of a small model without CP-SAT when the greedy plan (valid: greedy.py) pairs
    every case that could be paired alone: then its weight is the optimum (at least the
    greedy's, at most `weight_within_reach`). Held as CP-SAT's own level 1 is held (`expr >=
    value`), so the later levels solve the very same model. Returns 1 when level 1 is done so.

    In a simulation most mornings with two to five new cases are like this: CP-SAT's level 1
    was 18 % of an essex-2017-18 replicate's CPU (benchmarks/README.md, issue 20, session 7)."""
    started = time.perf_counter()
    plan = greedy_plan(m)
    weight = _plan_weight(m, plan)
    if weight < weight_within_reach(m):
        return 0
    level = LEVELS[0]
    found.pairs = {**m.baseline.fixed, **plan}
    found.first_plan_at = time.perf_counter()
    found.levels.append(
        LevelOutcome(level.name, weight, weight, True, time.perf_counter() - started)
    )
    found.held[level.name] = m.cp.add(level.expr(m) >= weight)
    return 1


def _weight_by_cut(m: PairModel, options: SolveOptions, deadline: float, found: Solution) -> int:
    """Levels 1 and 2 of a small model at once: level 2 asked straight away under "weight at
    least the LP's cut" (the largest integral weight at or below the LP relaxation's bound), so
    its first plan proves level 1. Returns how many levels are done: 2, or 0 when no plan
    reaches the cut (the cut then drops by one for level 1) or none was found in the time.

    On essex seeds 1-12 the cut was level 1's optimum every time, found in 11-13 ms of GLOP;
    CP-SAT's own level-1 solve took 0.08-0.23 s. Level 2 is raced (race.py) as "weight >= cut"
    and as "weight == cut" (see _questions)."""
    started = time.perf_counter()
    lp = solve_relaxation(m, LP_SHARE * (deadline - started))
    if lp is None:
        return 0
    cut = lp.cut()
    weight, changes = LEVELS[0], LEVELS[1]
    at_cut = m.cp.add(m.weight() >= cut)
    m.cp.minimize(changes.expr(m))
    seconds = (deadline - time.perf_counter()) * LEVEL_SHARES[1]
    solvers = [_params(options, seconds, len(m.x), setting) for setting in changes.race]
    proven_by_lp = [LevelOutcome(weight.name, cut, cut, True, 0.0)]  # no plan is above the cut
    answer = race(_questions(m, changes.race, proven_by_lp), solvers)
    found.first_plan_at = answer.first_plan_at
    if not answer.found:
        switch_off(m, [at_cut])
        if answer.status == cp_model.INFEASIBLE:
            m.cp.add(m.weight() <= cut - 1)
        return 0
    now = time.perf_counter()
    reached = int(answer.solver.value(m.weight()))
    proven_at = (answer.first_plan_at or now) - started
    # reached is never above the cut, unless GLOP's tolerance misled it: then it is unproven
    found.levels.append(
        LevelOutcome(weight.name, reached, max(cut, reached), reached == cut, proven_at)
    )
    _fix_level(m, changes, options, answer.solver, answer.status, found, now - started)
    return 2


def _ask_peak_early(
    m: PairModel, options: SolveOptions, deadline: float, found: Solution
) -> EarlyPeak | None:
    """Start level 4's first question beside level 3 (utilisation.EarlyPeak), unless level 2's
    plan already peaks at the floor."""
    units = peak_units(m, found.pairs)
    if units <= fixed_floor_units(m):
        return None
    solver = _params(options, deadline - time.perf_counter(), len(m.x), Setting(eager_lp=True))
    return EarlyPeak(m, units, solver)


def _start_large(m: PairModel, found: Solution, deadline: float) -> None:
    """A large model's start: the greedy plan at once, then the LP relaxation of level 1 for a
    proven bound on weight (a valid cut) and, when better, the LP's rounded plan as the hint.

    Each step is taken only if there is time for it: the LP only with LP_START_SECONDS left,
    the hint only if a level can still run. Before, a 1 s limit on region ran 0.17-0.61 s over,
    the LP and the hint built after the deadline had passed (benchmarks/README.md, time limit).
    """
    plan = greedy_plan(m)
    found.pairs = {**m.baseline.fixed, **plan}
    found.from_greedy, found.first_plan_at = True, time.perf_counter()
    left = deadline - time.perf_counter()
    lp = solve_relaxation(m, LP_SHARE * left) if left >= LP_START_SECONDS else None
    if lp is not None:
        m.cp.add(m.weight() <= lp.cut())
        rounded = rounded_plan(m, lp)
        if _plan_weight(m, rounded) > _plan_weight(m, plan):
            plan = rounded
            found.pairs = {**m.baseline.fixed, **plan}
        seconds = NEIGHBOURHOOD_SHARE * (deadline - time.perf_counter())
        if _plan_weight(m, plan) < lp.cut() and seconds >= NEIGHBOURHOOD_MIN_SECONDS:
            better = _lp_neighbourhood(m, lp, plan, seconds)
            if better is not None and _plan_weight(m, better) > _plan_weight(m, plan):
                plan = better
                found.pairs = {**m.baseline.fixed, **plan}
    if time.perf_counter() < deadline:
        hint_plan(m, plan)


def _lp_neighbourhood(
    m: PairModel, lp: Relaxation, plan: dict[int, tuple[int, int]], seconds: float
) -> dict[int, tuple[int, int]] | None:
    """Level 1 of a large model asked over the LP's neighbourhood only: the variables the LP,
    the plan so far or a current pair uses, and each case's nearest candidates; the rest are
    fixed at 0, so its plan is a plan of the whole model. CP-SAT presolves this small question
    (the whole model runs without presolve) and improves the start more in the same time:
    region 2001 at 10 s, 622 -> 633 of the cut's 639 in 2.2 s; at 10 s in all, 0.58-1.31 % short
    of the reference before and 0.56-0.73 % after (benchmarks/README.md, issue 20, session 8)."""
    question = m.cp.clone()
    proto = question.model_proto
    cases = m.facts.problem.cases
    index = m.facts.fac_index
    keep = {key for key, value in lp.x.items() if value > NEIGHBOURHOOD_LP_MIN}
    keep |= {(ci, fi) for ci, pair in plan.items() for fi in pair}
    keep |= {(ci, index[fid]) for ci in m.y for fid in cases[ci].current}
    km = m.facts.km
    for ci, facs in m.by_case.items():  # and each case's nearest candidates
        keep |= {(ci, fi) for fi in sorted(facs, key=lambda fi: km[fi, ci])[:NEIGHBOURHOOD_NEAREST]}
    for key, var in m.x.items():
        if key not in keep:
            proto.variables[var.index].domain[1] = 0  # a boolean's [0, 1] becomes [0, 0]
    question.maximize(m.weight())
    hint_plan(m, plan, question)
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = seconds
    params.num_workers = 2
    status = solver.solve(question)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {ci: pair for ci, pair in _read_pairs(m, solver).items() if ci in m.y}  # no pinned


def _fall_back_to_greedy(m: PairModel, found: Solution) -> None:
    """No level found a plan in the time (a small model under a very short limit): the greedy
    plan, rather than none (essex: 9 ms; CP-SAT's first plan comes after 0.08-0.15 s)."""
    plan = greedy_plan(m)
    if plan:
        found.pairs = {**m.baseline.fixed, **plan}
        found.from_greedy, found.first_plan_at = True, time.perf_counter()


def _plan_weight(m: PairModel, plan: dict[int, tuple[int, int]]) -> int:
    return sum(m.facts.problem.cases[ci].priority for ci in plan)


def _variable_metres(m: PairModel, pairs: dict[int, tuple[int, int]]) -> int:
    """Level 3's measure of a plan: metres over the cases that have variables."""
    metres = m.facts.metres
    return sum(int(metres[fi, ci]) for ci, pair in pairs.items() if ci in m.y for fi in pair)


def _lower_the_peak(
    m: PairModel, options: SolveOptions, deadline: float, found: Solution, known: int = 0
) -> bool:
    """Level 4: lower max utilisation one unit at a time until no plan is left (proven), or
    down to `known`, a floor already proven (EarlyPeak).

    Leaves the model capped at the best peak found (the refuted cap is switched off), so a
    later level keeps it; True when the peak was proven."""
    started = time.perf_counter()
    best, floor = peak_units(m, found.pairs), max(fixed_floor_units(m), known)
    proven = best <= floor
    m.cp.clear_objective()  # type: ignore[no-untyped-call]
    capped_at_best = False
    while not proven and time.perf_counter() < deadline:
        caps = cap_peak(m, best - 1)
        solver = _params(options, deadline - time.perf_counter(), len(m.x), Setting(eager_lp=True))
        status = solver.solve(m.cp)
        if status == cp_model.INFEASIBLE:
            proven = True
            switch_off(m, caps)
        elif status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found.pairs = _read_pairs(m, solver)
            best, capped_at_best = peak_units(m, found.pairs), True
            proven = best <= floor  # down to those who carry only fixed cases: done
            _hint(m, solver)
        else:
            switch_off(m, caps)
            break
    if not capped_at_best:
        cap_peak(m, best)
    seconds = time.perf_counter() - started
    bound = best if proven else floor
    found.levels.append(LevelOutcome("max_utilisation", best, bound, proven, seconds))
    return proven


def _loosen_travel(m: PairModel, found: Solution, slack: float) -> None:
    """Hold travel within `slack` (a share) of its optimum instead of at it, for level 5 only."""
    metres = round(next(lv.value for lv in found.levels if lv.name == "travel_km"))
    switch_off(m, [found.held["travel_km"]])
    m.cp.add(m.travel_metres() <= metres + int(metres * slack))


def _own_goals_level(m: PairModel, options: SolveOptions, deadline: float, found: Solution) -> None:
    """Level 5: the service's own goals among plans the canonical levels leave equal, or, with
    `travel_slack`, among plans equal on levels 1, 2 and 4 whose travel is within the slack of
    its optimum (level 4's peak stays capped at its optimum)."""
    started = time.perf_counter()
    terms = goal_terms(m)
    expr = own_goals(m, options.goal_weights, terms)
    if isinstance(expr, int):
        return
    if options.travel_slack > 0:
        _loosen_travel(m, found, options.travel_slack)
    m.cp.minimize(expr)
    small = len(m.x) <= LARGE_MODEL_VARS
    settings = GOALS_RACE if options.second_core and small else (GOALS_SETTING,)
    solvers = [_params(options, deadline - started, len(m.x), setting) for setting in settings]
    questions = _questions(m, settings, found.levels, found.pairs)
    answer = race(questions, solvers, note_first=False)
    if not answer.found:
        return  # out of time: the level-4 plan stands
    found.pairs = _read_pairs(m, answer.solver)
    travel = next(lv for lv in found.levels if lv.name == "travel_km")
    found.relaxed = _variable_metres(m, found.pairs) > travel.value  # the slack was spent
    found.goals = LevelOutcome(
        "own_goals",
        round(answer.solver.objective_value),
        answer.solver.best_objective_bound,
        answer.status == cp_model.OPTIMAL,
        time.perf_counter() - started,
    )


@dataclass(frozen=True)
class SolveStats:
    """How a solve went, for benchmarks and logs."""

    first_plan_seconds: float | None
    levels: list[LevelOutcome]
    variables: int
    pruned: bool
    goals: LevelOutcome | None = None  # level 5, when it ran


def _result_reserve(problem: Problem, options: SolveOptions) -> float:
    """Seconds kept back from the levels for explanations and metrics, so the whole solve ends
    within its time limit (at most a fifth of it). CP-SAT itself stops up to about 0.1 s after
    its own limit on large models (region, national), hence the fixed part."""
    wanted = STOP_LATENCY_SECONDS + RESULT_SECONDS_PER_CASE * len(problem.cases)
    return min(0.2 * options.time_limit_s, wanted)


def solve_greedy(problem: Problem, explain_assignments: bool = False) -> AllocationResult:
    """The coordinator's greedy plan (greedy.py) as a result, with no CP-SAT at all: valid (it
    only picks among the model's variables, within each person's room and the pair rules) but
    not optimal. For simulations whose figures do not need the optimum: on 100 replicates of
    essex-2017-18 as many cases were allocated with the same waits as with the proven levels,
    but with other pairs on many mornings, for 43 % less CPU (benchmarks/README.md, issue 20)."""
    started = time.perf_counter()
    m = build_pair_model(Facts(problem))
    found = Solution(pairs={**m.baseline.fixed, **greedy_plan(m)}, from_greedy=True)
    found.first_plan_at = time.perf_counter()
    return build_result(m, found, time.perf_counter() - started, 0.0, explain_assignments)


def solve(problem: Problem, options: SolveOptions | None = None) -> AllocationResult:
    """Allocate pairs to cases: the best plan found within the time limit, with reasons."""
    return solve_with_stats(problem, options)[0]


def solve_with_stats(
    problem: Problem, options: SolveOptions | None = None
) -> tuple[AllocationResult, SolveStats]:
    """`solve`, plus when the first plan appeared and how each level ended."""
    options = options or SolveOptions()
    started = time.perf_counter()
    facts = Facts(problem)
    k = options.candidates_per_case
    if k is None and len(problem.cases) * len(problem.facilitators) > AUTO_CANDIDATES_ABOVE:
        k = AUTO_CANDIDATES_K
    m = build_pair_model(facts, k)
    found: Solution | None
    spends_slack = options.own_goals and options.travel_slack > 0
    if options.enumerate_single and is_single(m) and not spends_slack:
        found = solve_single(m, options.own_goals, options.goal_weights)  # no CP-SAT model
    else:
        for _, add_constraint in PAIR_CONSTRAINTS:
            add_constraint(m)
        found = run_levels(
            m, options, started + options.time_limit_s - _result_reserve(problem, options)
        )
    seconds = time.perf_counter() - started
    slack = options.travel_slack if options.own_goals else 0.0
    result = build_result(m, found, seconds, slack, options.explain_assignments)
    first = found.first_plan_at - started if found and found.first_plan_at else None
    stats = SolveStats(
        first, found.levels if found else [], len(m.x), m.pruned, found.goals if found else None
    )
    return result, stats
