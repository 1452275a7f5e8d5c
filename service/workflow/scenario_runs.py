"""What-if scenario runs in the service: a manager starts one as a background job, follows its
progress, and reads the stored run document and HTML report. The job runner is
`scenario_jobs.ScenarioJobs`; this module stores, cancels and reads runs."""

from __future__ import annotations

import uuid
from typing import Any

from models import Facilitator, InputError
from service.config import Settings
from service.errors import ConflictError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow import facilitators, scenario_input
from service.workflow.auth import Principal
from service.workflow.scenario_jobs import ScenarioJobs
from service.workflow.schemas.scenarios import (
    RunProgress,
    ScenarioRunIn,
    ScenarioRunOut,
    ScenarioRunSummary,
    ShippedScenarioOut,
)

RUN_POINTER = "/path/run_id"
ENTITY = "scenario_run"
CANCELLABLE = ("queued", "running")


def start(
    uow: UnitOfWork, who: Principal, settings: Settings, body: ScenarioRunIn, jobs: ScenarioJobs
) -> ScenarioRunOut:
    """Check the scenario, store the run as queued (audited) and hand it to the runner."""
    if body.replicates > settings.scenario_max_replicates:
        msg = f"at most {settings.scenario_max_replicates} replicates; ask for fewer"
        raise InputError.single(scenario_input.SOURCE, "/body/replicates", msg)
    resolved = scenario_input.resolve(body.scenario, body.yaml, body.seed, uow)
    scenario = resolved.scenario
    if body.pool == "store":
        scenario = scenario_input.with_pool(scenario, store_pool(uow))
    row = t.ScenarioRun(
        id=str(uuid.uuid4()),
        status="queued",
        scenario=scenario.scenario,
        source=resolved.source,
        document=scenario.model_dump(mode="json"),
        source_yaml=resolved.text,
        fitted=resolved.fitted.model_dump(mode="json") if resolved.fitted else None,
        replicates=body.replicates,
        seed=scenario.seed,
        done=0,
        created_at=uow.clock.now(),
        created_by=who.username,
    )
    uow.scenario_runs.add(row)
    audited = {"scenario": row.scenario, "source": row.source, "replicates": row.replicates}
    fitted = [part for part, fit in (row.fitted or {}).items() if isinstance(fit, dict)]
    if fitted:  # the parts fitted from the store's history
        audited["fitted_from_store"] = fitted
    uow.audit.record(who.username, "start", ENTITY, row.id, audited | {"seed": row.seed})
    uow.commit()
    jobs.submit(row.id)
    return view(row)


def store_pool(uow: UnitOfWork) -> list[Facilitator]:
    """The service's active facilitators, as a scenario's starting pool (with the partners
    they worked well with, for level 5 when a scenario turns own goals on)."""
    active = [f for f in uow.facilitators.all() if f.active]
    return facilitators.allocator_view(uow, active, uow.clock.today())


def cancel(
    uow: UnitOfWork, who: Principal, run_id: str, jobs: ScenarioJobs | None = None
) -> ScenarioRunOut:
    """Cancel a queued or running run (audited); a running one stops within a simulated day
    of the runner's next beat (at once when this process's `jobs` runs it), keeping the
    progress it had."""
    row = existing(uow, run_id)
    before = row.status
    if before not in CANCELLABLE or not uow.scenario_runs.move(
        run_id, before, status="cancelled", finished_at=uow.clock.now()
    ):
        uow.session.rollback()
        now = existing(uow, run_id).status
        msg = f"the run is {now}; only a queued or running run can be cancelled"
        raise ConflictError(RUN_POINTER, msg)
    changes = {"status": {"from": before, "to": "cancelled"}, "done": row.done}
    uow.audit.record(who.username, "cancel", ENTITY, run_id, changes)
    uow.commit()
    if jobs is not None:
        jobs.submit(run_id)  # wakes the runner, which stops what the store no longer runs
    uow.session.expire_all()
    return view(existing(uow, run_id))


def get(uow: UnitOfWork, run_id: str) -> ScenarioRunOut:
    """A run's status, progress, and headline numbers once done."""
    return view(existing(uow, run_id))


def recent(uow: UnitOfWork, limit: int, offset: int) -> list[ScenarioRunSummary]:
    """Runs, newest first."""
    return [
        ScenarioRunSummary.model_validate(_common(row))
        for row in uow.scenario_runs.recent(limit, offset)
    ]


def result(uow: UnitOfWork, run_id: str) -> dict[str, Any]:
    """The run document (format rjplan.scenario-run/1) of a finished run; 409 before."""
    return _finished(uow, run_id).result or {}  # stored with status done, in one update


def report(uow: UnitOfWork, run_id: str) -> str:
    """The HTML report of a finished run; 409 before."""
    row = _finished(uow, run_id)
    return row.report or ""


def shipped() -> list[ShippedScenarioOut]:
    """The scenarios shipped with rjplan."""
    return [
        ShippedScenarioOut(
            name=s.scenario,
            title=s.title,
            policy=s.policy,
            start=s.start,
            horizon_months=s.horizon_months,
            seed=s.seed,
        )
        for s in scenario_input.shipped()
    ]


def view(row: t.ScenarioRun) -> ScenarioRunOut:
    """A stored run as an API body."""
    summary = row.summary or {}
    return ScenarioRunOut.model_validate(
        _common(row)
        | {
            "title": row.document.get("title", ""),
            "policy": row.document.get("policy", ""),
            "error": row.error,
            "seconds": summary.get("seconds"),
            "headline": summary.get("headline"),
            "document": row.document,
            "yaml": row.source_yaml,
            "fitted": row.fitted,
        }
    )


def _common(row: t.ScenarioRun) -> dict[str, Any]:
    return {
        "id": row.id,
        "status": row.status,
        "scenario": row.scenario,
        "source": row.source,
        "replicates": row.replicates,
        "seed": row.seed,
        "progress": RunProgress(done=row.done, total=row.replicates),
        "created_at": row.created_at,
        "created_by": row.created_by,
        "started_at": row.started_at,
        "finished_at": row.finished_at,
    }


def existing(uow: UnitOfWork, run_id: str) -> t.ScenarioRun:
    """The stored run, or 404 naming the path parameter."""
    row = uow.scenario_runs.get(run_id)
    if row is None:
        raise NotFoundError("scenario run", run_id, RUN_POINTER)
    return row


def _finished(uow: UnitOfWork, run_id: str) -> t.ScenarioRun:
    row = existing(uow, run_id)
    if row.status != "done":
        msg = f"the run is {row.status}; its result and report are stored when it is done"
        raise ConflictError(RUN_POINTER, msg)
    return row
