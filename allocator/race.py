"""One question put to CP-SAT under two settings (or two statements of it) at once, a thread
each: the first to settle it (a proven optimum, or no plan at all) stops the other.

Which statement or setting proves a level fastest changes from one instance to the next, by
up to ten times, and none is best on every instance. On essex seeds 1-12, single-threaded,
level 2 took 0.10-1.8 s stated as "weight >= cut" and 0.13-1.1 s as "weight == cut", each
faster on some seeds; raced, the pair took 4.5 s in all against 10.1 s for the one setting
used before. With two cores, asking both and keeping the first answer costs the second core
and takes about the better time of the two. CP-SAT's own two-worker portfolio is not this: its
second worker runs other subsolvers, and on essex two workers were 3 times slower than one.
What each level races, and the measurements: solve.LEVELS, solve._questions and the allocator
section of benchmarks/README.md.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

SETTLED = (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID)
PLANS = (cp_model.OPTIMAL, cp_model.FEASIBLE)
WAIT_STEP_SECONDS = 0.005  # how often a waiting entrant looks whether the race is over


class FirstPlan(cp_model.CpSolverSolutionCallback):
    """Notes when CP-SAT finds its first plan (for the benchmarks' time to first plan)."""

    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def on_solution_callback(self) -> None:
        if self.at is None:
            self.at = time.perf_counter()


@dataclass(frozen=True)
class Answer:
    """The entrant that settled the question, or else the one with the better plan."""

    status: cp_model.CpSolverStatus
    solver: cp_model.CpSolver
    first_plan_at: float | None  # the earliest first plan of either entrant

    @property
    def found(self) -> bool:
        return self.status in PLANS


def race(
    questions: list[cp_model.CpModel],
    solvers: list[cp_model.CpSolver],
    maximise: bool = False,
    core_free: threading.Event | None = None,
    note_first: bool = True,
) -> Answer:
    """Solve each question with its solver, in its own thread, and return once one settles it;
    each solver's own time limit bounds the race. The questions must ask the same thing (the
    same variables, objective and plans), though they may state it differently; a model may
    not be shared by two entrants (give the others copies).

    `note_first`: note when the first plan came (a Python callback on every plan found).
    With `core_free`, the entrants after the first start only once it is set (the second core
    is busy until then), with what is left of their time, and not at all if the first entrant
    has finished before."""
    if len(solvers) == 1:  # no race: solve here, without a thread (scenario replicates)
        alone = FirstPlan()
        status = solvers[0].solve(questions[0], alone if note_first else None)
        return Answer(status, solvers[0], alone.at)
    statuses: dict[int, cp_model.CpSolverStatus] = {}
    firsts = [FirstPlan() for _ in solvers]
    lock = threading.Lock()
    settled = threading.Event()
    first_done = threading.Event()
    started = time.perf_counter()

    def run(i: int, question: cp_model.CpModel) -> None:
        if i and core_free is not None:
            while not core_free.wait(WAIT_STEP_SECONDS):
                if first_done.is_set():
                    return
            params = solvers[i].parameters
            left = params.max_time_in_seconds - (time.perf_counter() - started)
            if left <= 0 or first_done.is_set():
                return
            params.max_time_in_seconds = left
        if settled.is_set():
            return
        status = solvers[i].solve(question, firsts[i] if note_first else None)
        if i == 0:
            first_done.set()
        with lock:
            statuses[i] = status
        if status in SETTLED:
            settled.set()
            for j, other in enumerate(solvers):
                if j != i:
                    other.stop_search()

    threads = [
        threading.Thread(target=run, args=(i, q), name=f"race-{i}", daemon=True)
        for i, q in enumerate(questions)
    ]
    for thread in threads:
        thread.start()
    while alive := [t for t in threads if t.is_alive()]:
        if settled.is_set():  # again and again: a stop that comes before a solve starts is lost
            for solver in solvers:
                solver.stop_search()
        alive[0].join(WAIT_STEP_SECONDS)
    first = min((f.at for f in firsts if f.at is not None), default=None)
    found = {i: s.objective_value for i, s in enumerate(solvers) if statuses.get(i) in PLANS}
    winner = pick(statuses, found, maximise)
    return Answer(statuses.get(winner, cp_model.UNKNOWN), solvers[winner], first)


def pick(
    statuses: dict[int, cp_model.CpSolverStatus], objectives: dict[int, float], maximise: bool
) -> int:
    """Which entrant answers: the first (by index) to settle the question, else the one with
    the best plan (`objectives`: the entrants that found one), else the first."""
    settled = [i for i, status in sorted(statuses.items()) if status in SETTLED]
    if settled:
        return settled[0]
    if not objectives:
        return 0
    best = max if maximise else min
    return best(sorted(objectives), key=objectives.__getitem__)
