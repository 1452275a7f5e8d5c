"""Scenario simulation: the essex demo pool, 12 months, allocation each working morning.

Target (issue 7): 100 replicates in under 60 s on 2 cores. Prints wall time by replicates and
backend (one process, a local pool of 2, a Dask LocalCluster of 2), the number of allocator
solves and the time per solve. (Solving unchanged mornings too was measured to change nothing
on this pool: every morning with a waiting case is a changed one.)
"""

from __future__ import annotations

import time
from typing import Any

from scenarios.sim_run import Backend, run_replicates
from scenarios.sim_spec import Scenario, load_scenario

SCENARIO = "essex-2017-18"  # the essex demo pool, 8 weeks' warm-up + 12 counted months


def _measure(label: str, scenario: Scenario, replicates: int, backend: Backend) -> None:
    started = time.perf_counter()
    runs = run_replicates(scenario, replicates, backend)
    wall = time.perf_counter() - started
    solves = sum(r["solves"] for r in runs)
    solve_s = sum(r["solve_seconds"] for r in runs)
    print(
        f"| {label} | {replicates} | {wall:.1f} | {wall / replicates:.2f} | {solves} | "
        f"{1000 * solve_s / max(1, solves):.1f} | {1000 * wall / max(1, solves):.1f} |"
    )


def main() -> None:
    """Print the table for benchmarks/README.md."""
    base = load_scenario(SCENARIO)
    greedy = base.model_copy(update={"greedy_mornings": True})
    print(
        "| backend | replicates | wall s | s / replicate | solves | "
        "ms in solver / solve | wall ms / solve |"
    )
    print("|---|---|---|---|---|---|---|")
    cases: list[tuple[str, Scenario, int, Any]] = [
        ("1 process", base, 10, Backend()),
        ("pool of 2", base, 10, Backend(workers=2)),
        ("pool of 2", base, 100, Backend(workers=2)),
        ("pool of 2, greedy mornings", greedy, 100, Backend(workers=2)),
    ]
    for label, scenario, n, backend in cases:
        _measure(label, scenario, n, backend)
    try:
        from distributed import LocalCluster  # the rjplan[dask] extra
    except ImportError:
        print("| Dask LocalCluster | - | not run: Dask is not installed (rjplan[dask]) |")
        return
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        _measure("Dask LocalCluster, 2 workers", base, 100, Backend(cluster=cluster))
