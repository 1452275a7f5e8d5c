"""The allocator on twelve essex-sized services (demo data seeds 1-12), not only the shipped one.

`python -m benchmarks allocator_seeds` prints, per seed, the seconds until all four canonical
levels were proven (level 5 left out, as in `bench_allocator`) with the second core (the default:
level 1 proven by the LP's cut, levels 2 and 3 raced, level 4 asked early) and without it (one
thread: the levels one after the other), and each level's seconds. Every plan is checked by
`allocator.check` first. How long a proof takes varies far more between instances than between
settings, so a single instance says little on its own.
"""

from __future__ import annotations

import statistics
import time

from allocator import SolveOptions
from allocator.check import check_allocation
from allocator.solve import solve_with_stats
from geo import default_gazetteer, resolve_problem
from scenarios.demo_data import DEMO_AS_OF, DEMO_SEED, Scale, generate, load_demo

SEEDS = range(1, 13)
LIMIT_S = 20.0
SETUPS = (
    ("two threads", SolveOptions(time_limit_s=LIMIT_S, own_goals=False)),
    ("one thread", SolveOptions(time_limit_s=LIMIT_S, own_goals=False, second_core=False)),
)


def _seconds(problem_seed: int, options: SolveOptions) -> tuple[float | None, str]:
    """Seconds until every level was proven (None: not in the limit), and each level's."""
    gazetteer = default_gazetteer()
    demo = load_demo(Scale.ESSEX) if problem_seed == DEMO_SEED else None
    source = demo or generate(Scale.ESSEX, problem_seed, DEMO_AS_OF)
    problem = resolve_problem(source.problem, gazetteer)
    started = time.perf_counter()
    result, stats = solve_with_stats(problem, options)
    total = time.perf_counter() - started
    if not check_allocation(problem, result).valid:
        raise SystemExit(f"seed {problem_seed}: the plan fails the checker")
    levels = " ".join(f"{lv.seconds:.2f}{'' if lv.proven else '?'}" for lv in stats.levels)
    return (total if result.status.value == "optimal" else None), levels


def main() -> None:
    print(f"essex-sized demo services, seeds {SEEDS.start}-{SEEDS.stop - 1}, {LIMIT_S:g} s limit")
    print(
        f"{'seed':>4}  "
        + "  ".join(f"{name + ' s':>13} {'levels 1-4 s':<26}" for name, _ in SETUPS)
    )
    totals: dict[str, list[float]] = {name: [] for name, _ in SETUPS}
    for seed in SEEDS:
        cells = []
        for name, options in SETUPS:
            seconds, levels = _seconds(seed, options)
            totals[name].append(seconds if seconds is not None else LIMIT_S)
            shown = "-" if seconds is None else f"{seconds:.2f}"
            cells.append(f"{shown:>13} {levels:<26}")
        print(f"{seed:>4}  " + "  ".join(cells), flush=True)
    for name, values in totals.items():
        print(
            f"{name}: median {statistics.median(values):.2f} s, total {sum(values):.1f} s, "
            f"under 0.5 s on {sum(v < 0.5 for v in values)} of {len(values)}"
        )
