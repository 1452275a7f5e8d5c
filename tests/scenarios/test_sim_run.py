"""Replicates give the same numbers in this process, a process pool and a Dask cluster."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import InputError
from scenarios.sim_run import Backend, run_replicates, run_scenario
from scenarios.sim_summary import interval, summarise, wait_histogram
from tests.scenarios.sim_builders import a_scenario


def _numbers(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Replicate results without the solver's wall-clock seconds."""
    return [{k: v for k, v in r.items() if k != "solve_seconds"} for r in results]


@pytest.fixture(scope="module")
def here() -> list[dict[str, Any]]:
    return run_replicates(a_scenario(horizon_months=1), 2)


def test_a_local_process_pool_gives_the_same_numbers_as_one_process(
    here: list[dict[str, Any]],
) -> None:
    pooled = run_replicates(a_scenario(horizon_months=1), 2, Backend(workers=2))
    assert _numbers(pooled) == _numbers(here)


def test_a_dask_cluster_gives_the_same_numbers_as_one_process(here: list[dict[str, Any]]) -> None:
    distributed = pytest.importorskip("distributed", reason="Dask is an extra: rjplan[dask]")
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        remote = run_replicates(a_scenario(horizon_months=1), 2, Backend(cluster=cluster))
    assert _numbers(remote) == _numbers(here)


def test_a_dask_cluster_of_two_processes_gives_the_same_numbers_as_one_process(
    here: list[dict[str, Any]],
) -> None:
    distributed = pytest.importorskip("distributed", reason="Dask is an extra: rjplan[dask]")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = run_replicates(a_scenario(horizon_months=1), 2, Backend(cluster=cluster))
    assert _numbers(remote) == _numbers(here)


def test_without_dask_a_cluster_run_is_refused_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    with pytest.raises(InputError) as err:
        run_replicates(a_scenario(horizon_months=1), 1, Backend(cluster="tcp://nowhere:8786"))
    [error] = err.value.errors
    assert error.pointer == "/cluster"
    assert "pip install 'rjplan[dask]'" in error.message


def test_progress_is_reported_for_every_replicate() -> None:
    seen: list[tuple[int, int]] = []
    run_replicates(a_scenario(horizon_months=1), 2, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 2), (2, 2)]


def test_a_run_summary_has_a_90_percent_interval_around_each_mean(
    here: list[dict[str, Any]],
) -> None:
    summary = summarise(here)
    for key in ("referrals", "allocated", "wait_days_p90", "volunteer_hours"):
        assert summary[key]["low"] <= summary[key]["mean"] <= summary[key]["high"]
    assert summary["backlog"]
    assert sum(b["share"] for b in summary["wait_histogram"]) == pytest.approx(1)


def test_a_run_document_names_its_scenario_and_replicates() -> None:
    doc = run_scenario(a_scenario(horizon_months=1), 1)
    assert (doc["format"], doc["scenario"], doc["replicates"]) == (
        "rjplan.scenario-run/1",
        "essex-2017-18",
        1,
    )
    assert len(doc["runs"]) == 1


def test_an_interval_of_one_value_is_that_value() -> None:
    assert interval([4.0]) == {"mean": 4.0, "low": 4.0, "high": 4.0}


def test_waits_past_the_last_bin_get_a_bin_of_their_own() -> None:
    bins = wait_histogram([1, 200])
    assert bins[-1]["to"] == 201
    assert bins[-1]["share"] == 0.5


@settings(max_examples=50)
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=30))
def test_a_90_percent_interval_lies_within_the_replicates(values: list[float]) -> None:
    got = interval(values)
    assert min(values) - 1e-3 <= got["low"] <= got["high"] <= max(values) + 1e-3
    assert min(values) - 1e-3 <= got["mean"] <= max(values) + 1e-3


def test_an_unknown_policy_is_reported_before_any_worker_starts() -> None:
    with pytest.raises(InputError) as err:
        run_replicates(a_scenario(policy="essex-1999"), 2, Backend(workers=2))
    assert "essex-2018" in str(err.value)


def test_a_misspelt_recruit_district_names_the_cohort_and_group() -> None:
    cohorts = [{"month": 0, "groups": [{"count": 1}, {"count": 2, "district": "Colchster"}]}]
    with pytest.raises(InputError) as err:
        run_replicates(a_scenario(cohorts=cohorts), 1)
    assert err.value.errors[0].pointer == "/cohorts/0/groups/1/district"
