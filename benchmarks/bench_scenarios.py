"""Scenario simulation: the essex demo pool, 12 months, allocation each working morning.

Target (issue 20): 100 replicates in under 30 s on 2 cores. Prints, by replicates and backend
(one process, a local pool of 2, a Dask LocalCluster of 2), the wall time, the CPU seconds the
replicates took (this process for one process; the worker processes, reaped, for a pool or a
local cluster: waiting for a shared core does not count), the allocator solves, the time per
solve, and the load average before and after each row. (Solving unchanged mornings too was
measured to change nothing on this pool: every morning with a waiting case is a changed one.)

`RJPLAN_BENCH_ROWS` picks rows by number (e.g. "3,5"; default: all): 1 one process x 10,
2 pool x 10, 3 pool x 100, 4 pool x 100 with greedy mornings, 5 Dask x 100.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import time
from typing import Any

from scenarios.sim_run import Backend, run_replicates
from scenarios.sim_spec import Scenario, load_scenario

SCENARIO = "essex-2017-18"  # the essex demo pool, 8 weeks' warm-up + 12 counted months


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _load() -> str:
    return "/".join(f"{v:.1f}" for v in os.getloadavg())


def _measure(label: str, scenario: Scenario, replicates: int, backend: Any) -> None:
    load = _load()
    cpu, started = _cpu(), time.perf_counter()
    runs = run_replicates(scenario, replicates, backend() if callable(backend) else backend)
    wall = time.perf_counter() - started
    cpu = _cpu() - cpu
    _row(label, replicates, runs, wall, cpu, load)


def _row(
    label: str, n: int, runs: list[dict[str, Any]], wall: float, cpu: float, load: str
) -> None:
    solves = sum(r["solves"] for r in runs)
    solve_s = sum(r["solve_seconds"] for r in runs)
    print(
        f"| {label} | {n} | {wall:.1f} | {cpu:.1f} | {cpu / n:.3f} | {solves} | "
        f"{1000 * solve_s / max(1, solves):.1f} | {load} -> {_load()} | {_digest(runs)} |",
        flush=True,
    )


def _digest(runs: list[dict[str, Any]]) -> str:
    """Every figure of every replicate but the solver's seconds, hashed: equal digests, the same
    answers to the last digit."""
    numbers = [{k: v for k, v in r.items() if k != "solve_seconds"} for r in runs]
    return hashlib.sha256(json.dumps(numbers, sort_keys=True).encode()).hexdigest()[:12]


def _dask(scenario: Scenario, replicates: int) -> None:
    try:
        from distributed import LocalCluster  # the rjplan[dask] extra
    except ImportError:
        print("| Dask LocalCluster | - | not run: Dask is not installed (rjplan[dask]) |")
        return
    load = _load()
    cpu, started = _cpu(), time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        runs = run_replicates(scenario, replicates, Backend(cluster=cluster))
    wall = time.perf_counter() - started  # with the cluster's start and stop
    _row("Dask LocalCluster, 2 workers", replicates, runs, wall, _cpu() - cpu, load)


def main() -> None:
    """Print the table for benchmarks/README.md."""
    base = load_scenario(SCENARIO)
    greedy = base.model_copy(update={"greedy_mornings": True})
    wanted = os.environ.get("RJPLAN_BENCH_ROWS", "1,2,3,4,5").split(",")
    print(
        "| backend | replicates | wall s | CPU s | CPU s / replicate | solves | "
        "ms in solver / solve | load average before -> after | answers (digest) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    rows: list[tuple[str, str, Scenario, int, Any]] = [
        ("1", "1 process", base, 10, Backend()),
        ("2", "pool of 2", base, 10, Backend(workers=2)),
        ("3", "pool of 2", base, 100, Backend(workers=2)),
        ("4", "pool of 2, greedy mornings", greedy, 100, Backend(workers=2)),
    ]
    for number, label, scenario, n, backend in rows:
        if number in wanted:
            _measure(label, scenario, n, backend)
    if "5" in wanted:
        _dask(base, 100)
