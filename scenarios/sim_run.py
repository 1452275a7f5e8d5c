"""Run a scenario's replicates in this process, a local process pool, or a Dask cluster.

Each replicate is a pure function of (scenario, replicate number), so the backend changes only
how long it takes: results come back in replicate order and are the same numbers everywhere.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any

from models import InputError
from scenarios.sim_engine import ReplicateStoppedError, ShouldStop, run_replicate
from scenarios.sim_spec import Scenario
from scenarios.sim_summary import summarise
from scenarios.sim_world import check_inputs

RUN_FORMAT = "rjplan.scenario-run/1"
DASK_MISSING = (
    "running on a Dask cluster needs Dask, which is not installed: "
    "pip install 'rjplan[dask]', or run here with --workers"
)
LISTS = ("waits", "unfinished_waits", "backlog")  # summarised, not repeated per replicate
Progress = Callable[[int, int], None]  # (replicates done, replicates in all)


@dataclass(frozen=True)
class Backend:
    """Where replicates run: `workers` local processes (1: here), or a Dask cluster.

    `cluster` is a scheduler address ("tcp://host:8786") or anything `distributed.Client`
    accepts, such as a LocalCluster.
    """

    workers: int = 1
    cluster: Any = None


def run_replicates(
    scenario: Scenario,
    replicates: int,
    backend: Backend | None = None,
    progress: Progress | None = None,
    first: int = 0,
    should_stop: ShouldStop | None = None,
) -> list[dict[str, Any]]:
    """The numbers of replicates first .. first+replicates-1, in that order. `should_stop`
    (here, in this process only) is asked each simulated day and between replicates: True
    ends the run with ReplicateStoppedError."""
    backend = backend or Backend()
    check_inputs(scenario)
    numbers = list(range(first, first + replicates))
    tick = progress or (lambda done, total: None)
    if backend.cluster is not None:
        return _on_dask(scenario, numbers, backend.cluster, tick)
    if backend.workers <= 1 or replicates <= 1:
        out = []
        for i, n in enumerate(numbers):
            if should_stop is not None and should_stop():
                raise ReplicateStoppedError(f"stopped after {i} replicate(s)")
            out.append(run_replicate(scenario, n, should_stop))
            tick(i + 1, replicates)
        return out
    return _in_pool(scenario, numbers, backend.workers, tick)


def _in_pool(
    scenario: Scenario, numbers: list[int], workers: int, tick: Progress
) -> list[dict[str, Any]]:
    # spawn, not fork: a forked child of a process that has run CP-SAT threads can hang
    context = multiprocessing.get_context("spawn")
    results: dict[int, dict[str, Any]] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(run_replicate, scenario, n): n for n in numbers}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            tick(len(results), len(numbers))
    return [results[n] for n in numbers]


def require_dask(source: str, pointer: str) -> None:
    """Raise an InputError naming `pointer` unless Dask (an optional extra) is installed."""
    try:
        import distributed  # noqa: F401  (loaded here only when a cluster is asked for)
    except ImportError:
        raise InputError.single(source, pointer, DASK_MISSING) from None


def _on_dask(
    scenario: Scenario, numbers: list[int], cluster: Any, tick: Progress
) -> list[dict[str, Any]]:
    require_dask("backend", "/cluster")
    from distributed import Client  # an optional extra: only when asked for

    with Client(cluster, set_as_default=False) as client:  # type: ignore[no-untyped-call]
        remote = client.scatter(scenario, broadcast=True)
        futures = client.map(run_replicate, [remote] * len(numbers), numbers, pure=False)
        results: list[dict[str, Any]] = []
        for future in futures:  # in replicate order; the cluster runs them all meanwhile
            results.append(future.result())
            tick(len(results), len(numbers))
    return results


def run_scenario(
    scenario: Scenario,
    replicates: int,
    backend: Backend | None = None,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> dict[str, Any]:
    """A whole run: what was run, the summary with 90% intervals, and each replicate's counts.
    `should_stop` can end it early, as in run_replicates."""
    started = time.perf_counter()
    results = run_replicates(scenario, replicates, backend, progress, should_stop=should_stop)
    return {
        "format": RUN_FORMAT,
        "scenario": scenario.scenario,
        "title": scenario.title,
        "policy": scenario.policy,
        "seed": scenario.seed,
        "replicates": replicates,
        "counted_from": scenario.counted_from.isoformat(),
        "counted_to": scenario.end.isoformat(),
        "seconds": round(time.perf_counter() - started, 2),
        "summary": summarise(results),
        "runs": [{k: v for k, v in r.items() if k not in LISTS} for r in results],
    }
