"""The background runner of scenario runs: one per database, whatever the number of processes.

Every service process has a `ScenarioJobs`, but only the one holding the store's lease (table
runner_leases, row "scenario-runner") runs scenario runs: `rjplan serve --workers N` starts N
processes and exactly one runner. A loop thread beats every `beat` seconds (and at once when a
run is submitted or cancelled here): the holder renews the lease to now + `lease` (the injected
clock's now); a process without it takes it once it has expired or was released. On taking it,
the new holder queues again the runs left `running` by the one before (a runner whose lease
expired is dead or stuck: its runs are taken over, not failed). Then the holder claims queued
runs, oldest first, up to `scenario_jobs` at a time, each run in a pool thread, its replicates
one after another outside any database transaction, its progress stored after each replicate.

Stopping is prompt: each run in hand has a stop flag, asked once a simulated day
(scenarios.sim_engine). The holder raises it when the store says the run is no longer running
(cancelled, from any process: the run keeps the progress it had, `done` replicates), when it
loses the lease, and when the service stops; a stop queues the run again for the next holder
and releases the lease, so a restart or another worker takes over at once. The store decides
every change of status by compare-and-set (ScenarioRunRepository.move), so a runner and a
cancelling manager can never both win.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from models import InputError
from scenarios.sim_engine import ReplicateStoppedError
from scenarios.sim_report import report_html
from scenarios.sim_run import Backend, Progress, run_scenario
from scenarios.sim_spec import Scenario
from scenarios.sim_summary import headline
from service.clock import Clock
from service.store.uow import UnitOfWork

log = logging.getLogger("rjplan.service.scenarios")
RUNNER = "scenario-runner"  # the actor of the runner's changes in the audit log; the lease's name
MAX_ERROR = 2000
LEASE_S = 30.0
BEAT_S = 2.0


class RunStoppedError(Exception):
    """The run is no longer this runner's to finish (cancelled, or taken over)."""


class ScenarioJobs:
    """Runs queued scenario runs in the background, `jobs` at a time, while this process
    holds the database's runner lease."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        jobs: int,
        clock: Clock,
        *,
        lease: float = LEASE_S,
        beat: float = BEAT_S,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._jobs = jobs
        self._lease = lease
        self._beat = beat
        self.holder = f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.holding = False
        self._pool: ThreadPoolExecutor | None = None
        self._loop: threading.Thread | None = None
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._beating = threading.Lock()  # one beat at a time (the loop's, a test's, start's)
        self._in_hand: dict[str, threading.Event] = {}  # run id -> its stop flag

    # --- the app's life -------------------------------------------------------------------

    def start(self) -> None:
        """Start the pool and the loop; the first beat runs here (so a restart takes over what
        the last holder left before the app serves)."""
        self._stopping.clear()
        self._pool = ThreadPoolExecutor(self._jobs, thread_name_prefix="scenario-run")
        self.beat()
        self._loop = threading.Thread(target=self._run_loop, name="scenario-lease", daemon=True)
        self._loop.start()

    def stop(self) -> None:
        """Stop the runs in hand within a simulated day (each is queued again), wait for their
        threads, and release the lease so another process takes over at once."""
        self._stopping.set()
        self._wake.set()
        with self._lock:
            for flag in self._in_hand.values():
                flag.set()
        if self._loop is not None:
            self._loop.join()
            self._loop = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self.holding:
            with UnitOfWork(self._sessions, self._clock) as uow:
                uow.leases.release(RUNNER, self.holder, self._clock.now())
                uow.commit()
            self.holding = False

    def busy(self) -> bool:
        """Whether a run is in hand in this process."""
        with self._lock:
            return bool(self._in_hand)

    def submit(self, run_id: str) -> None:
        """A run was stored as queued or cancelled: beat now rather than at the next beat
        (the lease holder claims or stops it, in whichever process)."""
        log.debug("scenario run %s queued", run_id)
        self._wake.set()

    # --- one beat -------------------------------------------------------------------------

    def beat(self) -> None:
        """Hold (or try to take) the lease; as the holder, stop the runs in hand that are no
        longer running in the store and claim queued runs for the free threads."""
        with self._beating:
            self._beat_once()

    def _beat_once(self) -> None:
        held = self._hold_lease()
        if not held:
            self._stop_all()
            return
        self._stop_cancelled()
        free = self._jobs - len(self._in_hand)
        for run_id in self._queued(free):
            claimed = self._claim(run_id)
            if claimed is not None:
                self._launch(run_id, *claimed)

    def _run_loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(self._beat)
            self._wake.clear()
            if self._stopping.is_set():
                return
            try:
                self.beat()
            except Exception as exc:  # the store unreachable: try again at the next beat
                log.error("the scenario runner's beat failed: %s", type(exc).__name__)

    def _hold_lease(self) -> bool:
        now = self._clock.now()
        until = now + dt.timedelta(seconds=self._lease)
        with UnitOfWork(self._sessions, self._clock) as uow:
            if uow.leases.renew(RUNNER, self.holder, now, until):
                uow.commit()
                self.holding = True
                return True
            taken = uow.leases.take(RUNNER, self.holder, now, until)
            if taken:
                self._take_over(uow)
            uow.commit()
        if self.holding and not taken:
            log.warning("scenario runner %s lost the lease to another process", self.holder)
        self.holding = taken
        return taken

    def _take_over(self, uow: UnitOfWork) -> None:
        """Queue again the runs the previous holder left running (committed with the lease)."""
        for row in uow.scenario_runs.with_status("running"):
            if row.id in self._in_hand:
                continue
            if uow.scenario_runs.move(row.id, "running", status="queued", started_at=None):
                changes = _moved("running", "queued") | {"done": row.done}
                uow.audit.record(RUNNER, "take_over", "scenario_run", row.id, changes)

    def _stop_all(self) -> None:
        with self._lock:
            for flag in self._in_hand.values():
                flag.set()

    def _stop_cancelled(self) -> None:
        with self._lock:
            in_hand = dict(self._in_hand)
        if not in_hand:
            return
        with UnitOfWork(self._sessions, self._clock) as uow:
            running = {row.id for row in uow.scenario_runs.with_status("running")}
        for run_id, flag in in_hand.items():
            if run_id not in running:
                flag.set()

    def _queued(self, most: int) -> list[str]:
        if most <= 0 or self._stopping.is_set():
            return []
        with UnitOfWork(self._sessions, self._clock) as uow:
            return [row.id for row in uow.scenario_runs.with_status("queued")[:most]]

    # --- one run --------------------------------------------------------------------------

    def _claim(self, run_id: str) -> tuple[Scenario, int] | None:
        with UnitOfWork(self._sessions, self._clock) as uow:
            row = uow.scenario_runs.get(run_id)
            started = {"status": "running", "started_at": self._clock.now(), "done": 0}
            if row is None or not uow.scenario_runs.move(run_id, "queued", **started):
                return None
            uow.audit.record(RUNNER, "run", "scenario_run", run_id, _moved("queued", "running"))
            uow.commit()
            try:
                return Scenario.model_validate(row.document), row.replicates
            except Exception as exc:  # a stored document that no longer reads
                self._end_now(run_id, "failed", error=_reason(exc))
                return None

    def _launch(self, run_id: str, scenario: Scenario, replicates: int) -> None:
        flag = threading.Event()
        with self._lock:
            self._in_hand[run_id] = flag
        if self._pool is None or self._stopping.is_set():
            self._requeue(run_id)
            with self._lock:
                self._in_hand.pop(run_id, None)
            return
        future = self._pool.submit(self._execute, run_id, scenario, replicates, flag)
        future.add_done_callback(_log_crash)

    def _execute(
        self, run_id: str, scenario: Scenario, replicates: int, flag: threading.Event
    ) -> None:
        try:
            backend = Backend(workers=1)
            result = run_scenario(scenario, replicates, backend, self._ticker(run_id), flag.is_set)
            self._finish(run_id, result)
        except (RunStoppedError, ReplicateStoppedError):
            if self._stopping.is_set():
                self._requeue(run_id)  # taken over by the next holder; cancelled: no change
        except Exception as exc:  # the run fails, the runner carries on with the next one
            log.error("scenario run %s failed: %s", run_id, type(exc).__name__)
            self._end_now(run_id, "failed", error=_reason(exc))
        finally:
            with self._lock:
                self._in_hand.pop(run_id, None)
            self._wake.set()  # a thread is free: look for the next queued run

    def _ticker(self, run_id: str) -> Progress:
        def tick(done: int, total: int) -> None:
            with UnitOfWork(self._sessions, self._clock) as uow:
                still_running = uow.scenario_runs.move(run_id, "running", done=done)
                uow.commit()
            if not still_running:
                raise RunStoppedError(run_id)

        return tick

    def _finish(self, run_id: str, result: dict[str, Any]) -> None:
        with UnitOfWork(self._sessions, self._clock) as uow:
            row = uow.scenario_runs.get(run_id)
            fitted = row.fitted if row is not None else None
        if fitted:  # the document says what the parts fitted from the store rest on
            result = result | {"fitted_inputs": fitted}
        summary = {"seconds": result["seconds"], "headline": headline(result["summary"])}
        report = report_html(result)
        values = {"summary": summary, "result": result, "report": report}
        self._end_now(run_id, "done", **values)

    def _requeue(self, run_id: str) -> None:
        with UnitOfWork(self._sessions, self._clock) as uow:
            if uow.scenario_runs.move(run_id, "running", status="queued", started_at=None):
                uow.audit.record(
                    RUNNER, "stop", "scenario_run", run_id, _moved("running", "queued")
                )
            uow.commit()

    def _end_now(self, run_id: str, status: str, **values: Any) -> None:
        """Move a running run to its end state (audited), unless it was cancelled meanwhile."""
        with UnitOfWork(self._sessions, self._clock) as uow:
            now = uow.clock.now()
            if uow.scenario_runs.move(run_id, "running", status=status, finished_at=now, **values):
                uow.audit.record(
                    RUNNER, "finish", "scenario_run", run_id, _moved("running", status)
                )
            uow.commit()


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
