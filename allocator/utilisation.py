"""Level 4, max utilisation, by descent: ask for a plan whose peak is one unit lower, until
none exists.

Minimising a peak u with load_f <= u x capacity_f has a weak LP relaxation; asking instead
"is there a plan with every load_f <= (best - 1) x capacity_f?" is a capacity-tightening
feasibility question that CP-SAT refutes quickly (essex: 0.2 s against 0.55 s). Utilisation
is counted in 1/UTIL_SCALE units, rounded up.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping

from ortools.sat.python import cp_model

from allocator.model import UTIL_SCALE, PairModel


def _units(load: int, capacity: int) -> int:
    return -(-UTIL_SCALE * load // capacity)


def peak_units(m: PairModel, pairs: Mapping[int, tuple[int, int]]) -> int:
    """The plan's max utilisation in units (facilitators with no capacity are left out)."""
    load = [0] * len(m.facts.problem.facilitators)
    for ci, pair in pairs.items():
        for fi in pair:
            load[fi] += m.facts.case_hours[ci]
    caps = m.facts.capacity_scaled
    return max(
        (_units(v, caps[fi]) for fi, v in enumerate(load) if v > 0 and caps[fi] > 0), default=0
    )


def fixed_floor_units(m: PairModel) -> int:
    """A floor no plan can go below: the peak of those who carry only fixed (pinned) cases."""
    caps = m.facts.capacity_scaled
    return max(
        (
            _units(load, caps[fi])
            for fi, load in enumerate(m.baseline.load_hours)
            if fi not in m.by_fac and load > 0 and caps[fi] > 0
        ),
        default=0,
    )


def cap_peak(m: PairModel, units: int) -> list[cp_model.Constraint]:
    """Require every facilitator with a choice to stay at or below `units` utilisation."""
    caps = m.facts.capacity_scaled
    return [
        m.cp.add(UTIL_SCALE * m.load(fi) <= units * caps[fi]) for fi in m.by_fac if caps[fi] > 0
    ]


def switch_off(m: PairModel, constraints: list[cp_model.Constraint]) -> None:
    """Make constraints vacuous (CP-SAT cannot delete one): enforce them only if false."""
    off = m.cp.new_bool_var("off")
    m.cp.add(off == 0)
    for ct in constraints:
        ct.only_enforce_if(off)


class EarlyPeak:
    """Level 4's first question, asked while level 3 is still being solved: with levels 1 and 2
    fixed, can every facilitator stay below `units`, the peak of level 2's plan?

    It is asked on a copy of the model in a thread, so it runs on the second core beside level
    3 (CP-SAT releases the GIL while it solves). A refusal holds for every plan level 3 may
    choose, so `units` is then a floor for level 4: when level 3's plan peaks there, level 4 is
    proven with no solve of its own (essex: 0.27 s of refutation done beside level 3's 0.24 s).
    """

    def __init__(self, m: PairModel, units: int, solver: cp_model.CpSolver) -> None:
        self.units = units
        caps = cap_peak(m, units - 1)
        self._question = m.cp.clone()
        self._question.clear_objective()  # type: ignore[no-untyped-call]
        switch_off(m, caps)  # the model itself goes on to level 3 without the caps
        self._solver = solver
        self._status: cp_model.CpSolverStatus | None = None
        self.done = threading.Event()  # the question is answered (or stopped): the core is free
        self._thread = threading.Thread(target=self._ask, name="early-peak", daemon=True)
        self._thread.start()

    def _ask(self) -> None:
        self._status = self._solver.solve(self._question)
        self.done.set()

    def floor(self, deadline: float) -> int:
        """`units` if no plan of levels 1-2 peaks below it, else 0 (waits until `deadline` at
        most, then stops the question)."""
        self._thread.join(max(0.0, deadline - time.perf_counter()))
        self.stop()
        return self.units if self._status == cp_model.INFEASIBLE else 0

    def stop(self) -> None:
        """Stop the question if it still runs, and wait for its thread."""
        if self._thread.is_alive():
            self._solver.stop_search()
            self._thread.join()
