"""What-if scenario runs: start one in the background, follow it, read its numbers and report."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status

from models.values import EntityId
from service.api.deps import JobsDep, ScenarioManager, ScenarioReader, SettingsDep, UowDep
from service.api.schemas.common import AUTHED, PageOffset, RecentLimit, error_responses
from service.workflow import scenario_runs
from service.workflow.schemas.scenarios import (
    REPORT_EXAMPLE,
    RESULT_EXAMPLE,
    ScenarioRunIn,
    ScenarioRunOut,
    ScenarioRunSummary,
    ShippedScenarioOut,
)

router = APIRouter(tags=["scenarios"])
RESULT: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the run document, format rjplan.scenario-run/1",
        "content": {"application/json": {"example": RESULT_EXAMPLE}},
    }
}
REPORT: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "one self-contained HTML page: tables and inline SVG charts",
        "content": {"text/html": {"schema": {"type": "string"}, "example": REPORT_EXAMPLE}},
    }
}
STARTED: dict[int | str, dict[str, Any]] = {
    202: {
        "description": "queued; follow it at the Location given",
        "headers": {"Location": {"description": "the run", "schema": {"type": "string"}}},
    }
}


@router.get("/scenarios", responses=error_responses(*AUTHED))
def list_shipped(_user: ScenarioReader) -> list[ShippedScenarioOut]:
    """The scenarios shipped with rjplan, to start by name or to `extends` in a file."""
    return scenario_runs.shipped()


@router.post(
    "/scenario-runs",
    status_code=status.HTTP_202_ACCEPTED,
    responses=STARTED | error_responses(*AUTHED),
)
def start_run(
    body: ScenarioRunIn,
    user: ScenarioManager,
    uow: UowDep,
    settings: SettingsDep,
    jobs: JobsDep,
    response: Response,
) -> ScenarioRunOut:
    """Start a scenario run in the background (managers and admins); poll its Location."""
    run = scenario_runs.start(uow, user, settings, body, jobs)
    response.headers["Location"] = f"/scenario-runs/{run.id}"
    return run


@router.get("/scenario-runs", responses=error_responses(*AUTHED))
def list_runs(
    _user: ScenarioReader,
    uow: UowDep,
    limit: RecentLimit = 20,
    offset: PageOffset = 0,
) -> list[ScenarioRunSummary]:
    """Scenario runs, newest first."""
    return scenario_runs.recent(uow, limit, offset)


@router.get("/scenario-runs/{run_id}", responses=error_responses(*AUTHED, 404))
def get_run(run_id: EntityId, _user: ScenarioReader, uow: UowDep) -> ScenarioRunOut:
    """A run's status and progress; its headline numbers once done, its reason if failed."""
    return scenario_runs.get(uow, run_id)


@router.post("/scenario-runs/{run_id}/cancel", responses=error_responses(*AUTHED, 404, 409))
def cancel_run(
    run_id: EntityId, user: ScenarioManager, uow: UowDep, jobs: JobsDep
) -> ScenarioRunOut:
    """Cancel a queued or running run (managers and admins); it stops within seconds,
    keeping the progress it had."""
    return scenario_runs.cancel(uow, user, run_id, jobs)


@router.get("/scenario-runs/{run_id}/result", responses=RESULT | error_responses(*AUTHED, 404, 409))
def get_result(run_id: EntityId, _user: ScenarioReader, uow: UowDep) -> dict[str, Any]:
    """The run document of a finished run: the summary with 90% intervals and each replicate."""
    return scenario_runs.result(uow, run_id)


@router.get(
    "/scenario-runs/{run_id}/report",
    response_class=Response,
    responses=REPORT | error_responses(*AUTHED, 404, 409),
)
def get_report(run_id: EntityId, _user: ScenarioReader, uow: UowDep) -> Response:
    """The HTML report of a finished run."""
    return Response(scenario_runs.report(uow, run_id), media_type="text/html; charset=utf-8")
