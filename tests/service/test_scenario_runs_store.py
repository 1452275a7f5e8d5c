"""Scenario runs in the store: migration 0003, status changes that only one side can win, and
what a restart or a stop of the service does to runs in hand. On every backend."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from alembic import command
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, inspect

from service.server import create_app
from service.store import tables as t
from service.store.db import alembic_config, current_revision, make_engine, upgrade
from service.store.uow import UnitOfWork
from service.workflow.auth import Role
from service.workflow.scenario_input import resolve
from tests.service.builders import SMALL_SCENARIO, logged_in, small_run, started, wait_for
from tests.service.conftest import TEST_CIPHER, session_factory, settings_for


def a_run_row(run_id: str, status: str, **changes: Any) -> t.ScenarioRun:
    """A stored run of the one-month tiny scenario, with `changes` to the scenario."""
    document = resolve(None, SMALL_SCENARIO, None).scenario.model_dump(mode="json") | changes
    return t.ScenarioRun(
        id=run_id,
        status=status,
        scenario=document["scenario"],
        source="upload",
        document=document,
        source_yaml=SMALL_SCENARIO,
        replicates=2,
        seed=document["seed"],
        done=1 if status == "running" else 0,
        created_at=dt.datetime(2026, 11, 24, 9, 0),
        created_by="manager",
        started_at=dt.datetime(2026, 11, 24, 9, 0) if status == "running" else None,
    )


@pytest.fixture
def app(engine: Engine, database_url: str) -> Iterator[FastAPI]:
    """An app over the migrated store (its runner starts with each TestClient context)."""
    application = create_app(settings_for(database_url))
    yield application
    application.state.engine.dispose()


def test_migration_0003_adds_the_scenario_runs_table_and_its_downgrade_removes_it(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0002")
        assert "scenario_runs" not in inspect(engine).get_table_names()
        upgrade(engine, "0003")
        assert current_revision(engine) == "0003"
        assert "scenario_runs" in inspect(engine).get_table_names()
        command.downgrade(alembic_config(engine), "0002")
        assert current_revision(engine) == "0002"
        assert "scenario_runs" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_two_runners_claiming_one_queued_run_at_once_leave_exactly_one_winner(
    engine: Engine,
) -> None:
    sessions = session_factory(engine, TEST_CIPHER)
    with UnitOfWork(sessions) as uow:
        uow.scenario_runs.add(a_run_row("r1", "queued"))
        uow.commit()
    start = threading.Barrier(2)
    won: list[bool] = []

    def claim() -> None:
        with UnitOfWork(sessions) as uow:
            start.wait()
            won.append(uow.scenario_runs.move("r1", "queued", status="running"))
            uow.commit()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(won) == [False, True]


def test_a_restart_takes_over_the_run_left_running_and_runs_the_queued_ones(
    app: FastAPI,
) -> None:
    with UnitOfWork(app.state.sessions) as uow:
        uow.scenario_runs.add(a_run_row("was-running", "running"))
        uow.scenario_runs.add(a_run_row("was-queued", "queued"))
        uow.scenario_runs.add(a_run_row("bad-policy", "queued", policy="gone-since"))
        uow.commit()
    with TestClient(app) as client:
        manager = logged_in(client, Role.MANAGER)
        assert wait_for(client, manager, "was-running", "done", "failed")["status"] == "done"
        assert wait_for(client, manager, "was-queued", "done", "failed")["status"] == "done"
        failed = wait_for(client, manager, "bad-policy", "done", "failed")
        assert failed["status"] == "failed"
        assert "gone-since" in failed["error"]
        entries = client.get("/audit", params={"entity_id": "was-running"}, headers=manager).json()
        assert [(e["actor"], e["action"], e["changes"]["status"]) for e in entries] == [
            ("scenario-runner", "take_over", {"from": "running", "to": "queued"}),
            ("scenario-runner", "run", {"from": "queued", "to": "running"}),
            ("scenario-runner", "finish", {"from": "running", "to": "done"}),
        ]


def test_a_run_in_hand_when_the_service_stops_is_queued_again_and_the_next_start_runs_it(
    app: FastAPI,
) -> None:
    with TestClient(app) as client:
        manager = logged_in(client, Role.MANAGER)
        run = started(client, manager, small_run(200))
        wait_for(client, manager, run["id"], "running", done=1)
    with UnitOfWork(app.state.sessions) as uow:
        row = uow.scenario_runs.get(run["id"])
        assert row is not None
        assert row.status == "queued"
    with TestClient(app) as client:
        assert wait_for(client, manager, run["id"], "running")["status"] == "running"
