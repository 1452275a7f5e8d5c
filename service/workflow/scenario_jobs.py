"""The background runner of scenario runs: a small thread pool the app starts and stops.

A run executes in one of `scenario_jobs` threads (one by default), its replicates one after
another in that thread, outside any database transaction. After each replicate its progress
goes to the store, so any process can read it. The store decides every change of status: the
runner claims a run only while it is queued, and records progress or the end only while it is
still running; a run cancelled meanwhile stops at its next replicate and nothing more is written.

After a restart (`start`), runs left `running` are failed with the reason (the service stopped
while they ran; start them again), and runs still `queued` are queued again, oldest first. A
run in hand when the service stops is failed alike after its current replicate. This assumes
one service process runs the jobs, as `rjplan serve` does.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from models import InputError
from scenarios.sim_report import report_html
from scenarios.sim_run import Backend, Progress, run_scenario
from scenarios.sim_spec import Scenario
from scenarios.sim_summary import headline
from service.clock import Clock
from service.store.uow import UnitOfWork

log = logging.getLogger("rjplan.service.scenarios")
RUNNER = "scenario-runner"  # the actor of the runner's changes in the audit log
INTERRUPTED = "interrupted: the service stopped while this run was in progress; start it again"
MAX_ERROR = 2000


class RunStoppedError(Exception):
    """The run is no longer running in the store (cancelled): drop what was computed."""


class ServiceStoppingError(Exception):
    """The service is shutting down: stop after the replicate in hand."""


class ScenarioJobs:
    """Runs queued scenario runs in the background, `jobs` at a time."""

    def __init__(self, sessions: sessionmaker[Session], jobs: int, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock
        self._jobs = jobs
        self._pool: ThreadPoolExecutor | None = None
        self._stopping = threading.Event()

    def start(self) -> None:
        """Start the threads; fail runs a previous process left running, queue the rest again."""
        self._stopping.clear()
        self._pool = ThreadPoolExecutor(self._jobs, thread_name_prefix="scenario-run")
        with UnitOfWork(self._sessions, self._clock) as uow:
            for row in uow.scenario_runs.with_status("running"):
                self._end(uow, row.id, "failed", error=INTERRUPTED)
            queued = [row.id for row in uow.scenario_runs.with_status("queued")]
            uow.commit()
        for run_id in queued:
            self.submit(run_id)

    def stop(self) -> None:
        """Drop the queue (those runs stay queued in the store) and wait for the run in hand to
        reach the end of its current replicate."""
        self._stopping.set()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def submit(self, run_id: str) -> None:
        """Queue a stored run; without running threads it stays queued until the next start."""
        if self._pool is None or self._stopping.is_set():
            log.warning("scenario run %s stays queued: the runner is not started", run_id)
            return
        self._pool.submit(self._execute, run_id).add_done_callback(_log_crash)

    def _execute(self, run_id: str) -> None:
        claimed = self._claim(run_id)
        if claimed is None:
            return  # cancelled while queued, or already taken
        scenario, replicates = claimed
        try:
            result = run_scenario(scenario, replicates, Backend(workers=1), self._ticker(run_id))
            self._finish(run_id, result)
        except RunStoppedError:
            return
        except ServiceStoppingError:
            self._fail(run_id, INTERRUPTED)
        except Exception as exc:  # the run fails, the runner carries on with the next one
            log.error("scenario run %s failed: %s", run_id, type(exc).__name__)
            self._fail(run_id, _reason(exc))

    def _claim(self, run_id: str) -> tuple[Scenario, int] | None:
        with UnitOfWork(self._sessions, self._clock) as uow:
            row = uow.scenario_runs.get(run_id)
            started = {"status": "running", "started_at": self._clock.now()}
            if row is None or not uow.scenario_runs.move(run_id, "queued", **started):
                return None
            uow.audit.record(RUNNER, "run", "scenario_run", run_id, _moved("queued", "running"))
            uow.commit()
            return Scenario.model_validate(row.document), row.replicates

    def _ticker(self, run_id: str) -> Progress:
        def tick(done: int, total: int) -> None:
            with UnitOfWork(self._sessions, self._clock) as uow:
                still_running = uow.scenario_runs.move(run_id, "running", done=done)
                uow.commit()
            if not still_running:
                raise RunStoppedError(run_id)
            if self._stopping.is_set() and done < total:
                raise ServiceStoppingError(run_id)

        return tick

    def _finish(self, run_id: str, result: dict[str, Any]) -> None:
        summary = {"seconds": result["seconds"], "headline": headline(result["summary"])}
        report = report_html(result)
        with UnitOfWork(self._sessions, self._clock) as uow:
            values = {"summary": summary, "result": result, "report": report}
            self._end(uow, run_id, "done", **values)
            uow.commit()

    def _fail(self, run_id: str, error: str) -> None:
        with UnitOfWork(self._sessions, self._clock) as uow:
            self._end(uow, run_id, "failed", error=error)
            uow.commit()

    @staticmethod
    def _end(uow: UnitOfWork, run_id: str, status: str, **values: Any) -> None:
        """Move a running run to its end state (audited), unless it was cancelled meanwhile."""
        if uow.scenario_runs.move(
            run_id, "running", status=status, finished_at=uow.clock.now(), **values
        ):
            uow.audit.record(RUNNER, "finish", "scenario_run", run_id, _moved("running", status))


def _moved(before: str, after: str) -> dict[str, Any]:
    return {"status": {"from": before, "to": after}}


def _log_crash(future: Future[None]) -> None:
    """A failure outside a run (the store unreachable): logged, as no run can record it."""
    if not future.cancelled() and (exc := future.exception()) is not None:
        log.error("the scenario runner failed: %s", type(exc).__name__)


def _reason(exc: Exception) -> str:
    """What went wrong, for the manager (scenarios hold no personal data)."""
    text = str(exc) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
    return text[:MAX_ERROR]
