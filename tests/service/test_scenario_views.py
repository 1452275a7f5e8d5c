"""A finished scenario run as the pages show it: its numbers, each chart as SVG with the table
of what it draws, and two runs side by side; before a run is done there is nothing to show."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine

from scenarios.sim_run import Backend, run_scenario
from scenarios.sim_summary import headline
from service.errors import ConflictError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow import scenario_input, scenario_views
from tests.service.conftest import TEST_CIPHER, session_factory

ONE_MONTH = (
    "extends: essex-2017-18\nscenario: tiny-month\ntitle: One month\nhorizon_months: 1\n"
    "warmup_weeks: 0\npool: {source: demo, scale: tiny}\n"
)


def _document(seed: int) -> dict[str, Any]:
    scenario = scenario_input.resolve(None, ONE_MONTH, seed).scenario
    return run_scenario(scenario, 2, Backend(workers=1))


def _stored(engine: Engine, run_id: str, result: dict[str, Any] | None) -> None:
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        uow.scenario_runs.add(
            t.ScenarioRun(
                id=run_id,
                status="done" if result else "running",
                scenario="tiny-month",
                source="upload",
                document={"scenario": "tiny-month", "title": "One month", "policy": "essex-2015"},
                replicates=2,
                seed=1,
                done=2 if result else 1,
                created_at=dt.datetime(2026, 11, 23, 9, 0),
                created_by="manager",
                result=result,
                summary={"seconds": 0.1, "headline": headline(result["summary"])}
                if result
                else None,
            )
        )
        uow.commit()


@pytest.fixture(scope="module")
def documents() -> tuple[dict[str, Any], dict[str, Any]]:
    return _document(1), _document(2)


def test_a_finished_runs_numbers_and_each_chart_with_its_table(
    engine: Engine, documents: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    first, _ = documents
    _stored(engine, "A", first)
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        shown = scenario_views.charts(uow, "A")
        svg = scenario_views.chart_svg(uow, "A", "backlog")
        with pytest.raises(NotFoundError):
            scenario_views.chart_svg(uow, "A", "pie")
    summary = first["summary"]
    numbers = {row.label: row.value.mean for row in shown.numbers}
    assert numbers["Referrals"] == summary["referrals"]["mean"]
    assert [c.name for c in shown.charts] == ["backlog", "waits", "districts", "skills"]
    backlog = shown.charts[0]
    assert len(backlog.rows) == len(summary["backlog"])  # one row per week drawn
    assert backlog.rows[0][0] == "0"
    districts = shown.charts[2]
    assert [r[0] for r in districts.rows] == list(summary["utilisation_by_district"])
    assert svg.startswith("<svg")
    assert "aria-label='waiting cases by week" in svg


def test_two_runs_side_by_side_with_the_difference_of_their_means(
    engine: Engine, documents: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    first, second = documents
    _stored(engine, "A", first)
    _stored(engine, "B", second)
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        compared = scenario_views.compare(uow, "A", "B")
    referrals = next(r for r in compared.rows if r.label == "Referrals")
    a, b = first["summary"]["referrals"]["mean"], second["summary"]["referrals"]["mean"]
    assert (referrals.first.mean, referrals.second.mean) == (a, b)
    assert referrals.difference == pytest.approx(b - a)
    assert [r.label for r in compared.rows][:2] == ["Referrals", "Accepted by the rules"]


def test_a_run_not_yet_done_has_no_charts_and_cannot_be_compared(
    engine: Engine, documents: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    _stored(engine, "A", documents[0])
    _stored(engine, "R", None)
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        with pytest.raises(ConflictError, match="running"):
            scenario_views.charts(uow, "R")
        with pytest.raises(ConflictError):
            scenario_views.compare(uow, "A", "R")
        with pytest.raises(NotFoundError):
            scenario_views.compare(uow, "A", "nope")
