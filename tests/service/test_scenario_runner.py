"""The scenario runner: one per database (the lease), a dead runner's runs taken over, and
cancellation and shutdown that stop a run within a simulated day. On every backend."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from scenarios.sim_engine import ReplicateStoppedError, run_replicate
from service.clock import FixedClock
from service.server import create_app
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.auth import Role
from service.workflow.scenario_input import resolve
from service.workflow.scenario_jobs import LEASE_S, ScenarioJobs
from tests.service.builders import SMALL_SCENARIO, logged_in, started, wait_for
from tests.service.conftest import TEST_CIPHER, session_factory, settings_for
from tests.service.test_scenario_runs_store import a_run_row

LONG_SCENARIO = SMALL_SCENARIO.replace("horizon_months: 1", "horizon_months: 24")
"""Two years on the tiny pool: one replicate takes 10-40 s, so a stop lands inside it."""
STOP_S = 5.0


def status(engine: Engine, run_id: str) -> tuple[str, int]:
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        row = uow.scenario_runs.get(run_id)
        assert row is not None
        return row.status, row.done


def wait_status(engine: Engine, run_id: str, wanted: str, within: float = 120.0) -> None:
    deadline = time.monotonic() + within
    while status(engine, run_id)[0] != wanted:
        assert time.monotonic() < deadline, status(engine, run_id)
        time.sleep(0.05)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 11, 24, 9, 0))


@pytest.fixture
def runners(engine: Engine, clock: FixedClock) -> Iterator[tuple[ScenarioJobs, ScenarioJobs]]:
    """Two runners over one database (two worker processes of one service)."""
    sessions = session_factory(engine, TEST_CIPHER)
    first, second = ScenarioJobs(sessions, 1, clock), ScenarioJobs(sessions, 1, clock)
    yield first, second
    for runner in (first, second):
        runner.stop()


def test_a_replicate_asks_to_stop_once_a_simulated_day_and_stops_when_told() -> None:
    scenario = resolve(None, SMALL_SCENARIO, None).scenario
    asked = 0

    def stop_on_the_fifth_day() -> bool:
        nonlocal asked
        asked += 1
        return asked == 5

    fifth_day = (scenario.start + dt.timedelta(days=4)).isoformat()
    with pytest.raises(ReplicateStoppedError, match=f"stopped on {fifth_day}"):
        run_replicate(scenario, 0, stop_on_the_fifth_day)
    assert asked == 5


def test_one_runner_holds_the_database_and_the_other_stands_by(
    engine: Engine, runners: tuple[ScenarioJobs, ScenarioJobs]
) -> None:
    first, second = runners
    first.start()
    second.start()
    assert (first.holding, second.holding) == (True, False)
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        uow.scenario_runs.add(a_run_row("r1", "queued"))
        uow.commit()
    second.beat()
    assert status(engine, "r1")[0] == "queued"  # the runner without the lease leaves it
    first.submit("r1")
    wait_status(engine, "r1", "done")
    first.stop()  # a clean stop lets the lease go: the other takes over at its next beat
    second.beat()
    assert second.holding


def test_a_runner_whose_lease_expired_has_its_running_run_taken_over_not_failed(
    engine: Engine, runners: tuple[ScenarioJobs, ScenarioJobs], clock: FixedClock
) -> None:
    dead, alive = runners
    dead.beat()  # holds the lease, then never beats again (as if killed)
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        uow.scenario_runs.add(a_run_row("left", "running"))
        uow.commit()
    alive.start()
    assert not alive.holding
    clock.advance(dt.timedelta(seconds=LEASE_S - 1))
    alive.beat()
    assert (alive.holding, status(engine, "left")[0]) == (False, "running")
    clock.advance(dt.timedelta(seconds=2))
    alive.beat()
    assert alive.holding
    wait_status(engine, "left", "done")
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        actions = [e.action for e in uow.audit.search("scenario_run", "left", 10, 0)]
    assert actions == ["take_over", "run", "finish"]
    dead.beat()  # back from the dead: it no longer holds the lease and runs nothing
    assert not dead.holding


def test_a_cancelled_run_stops_inside_its_replicate_within_seconds(
    engine: Engine, database_url: str
) -> None:
    app = create_app(settings_for(database_url))
    with TestClient(app) as client:
        manager = logged_in(client, Role.MANAGER)
        run = started(client, manager, {"yaml": LONG_SCENARIO, "replicates": 2})
        wait_for(client, manager, run["id"], "running")
        time.sleep(0.5)
        asked = time.monotonic()
        cancelled = client.post(f"/scenario-runs/{run['id']}/cancel", headers=manager)
        assert cancelled.status_code == 200, cancelled.text
        jobs: ScenarioJobs = app.state.jobs
        while jobs.busy():
            assert time.monotonic() - asked < STOP_S, "the run went on after its cancel"
            time.sleep(0.05)
        after = client.get(f"/scenario-runs/{run['id']}", headers=manager).json()
        assert (after["status"], after["progress"]) == ("cancelled", {"done": 0, "total": 2})
    app.state.engine.dispose()


def test_a_service_stopping_during_a_replicate_stops_within_seconds_and_queues_it_again(
    engine: Engine, database_url: str
) -> None:
    app = create_app(settings_for(database_url))
    client = TestClient(app)
    client.__enter__()
    manager = logged_in(client, Role.MANAGER)
    run = started(client, manager, {"yaml": LONG_SCENARIO, "replicates": 1})
    wait_for(client, manager, run["id"], "running")
    time.sleep(0.5)
    stopping = threading.Thread(target=client.__exit__, args=(None, None, None))
    asked = time.monotonic()
    stopping.start()
    stopping.join(timeout=STOP_S)
    assert not stopping.is_alive(), "the service did not stop within seconds"
    assert time.monotonic() - asked < STOP_S
    with UnitOfWork(app.state.sessions) as uow:
        row = uow.scenario_runs.get(run["id"])
        assert row is not None
        assert (row.status, row.done) == ("queued", 0)
        lease = uow.session.get(t.RunnerLease, "scenario-runner")
        assert lease is not None
        assert lease.expires_at <= app.state.clock.now()  # let go: the next one takes over
    app.state.engine.dispose()
