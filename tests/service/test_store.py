"""The store on SQLite always, and on PostgreSQL when RJPLAN_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from scenarios.demo_data import Scale, generate
from service.errors import ConflictError
from service.server import create_app
from service.store.db import (
    current_revision,
    head_revision,
    is_empty,
    make_engine,
    session_factory,
    upgrade,
)
from service.store.tables import Base
from service.store.uow import UnitOfWork
from service.workflow import commit, demo, proposals
from service.workflow.auth import Principal, Role
from service.workflow.schemas.proposals import CommitOut, ControlsIn, Pin
from tests.service.builders import a_facilitator, a_referral, logged_in
from tests.service.concurrency import overlapping
from tests.service.conftest import TEST_CIPHER, settings_for

COORDINATOR = Principal(1, "coordinator", Role.COORDINATOR, None)


def test_migrations_create_every_table_and_a_second_upgrade_changes_nothing(engine: Engine) -> None:
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    assert current_revision(engine) == head_revision()
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert is_empty(engine)


def test_the_audit_log_refuses_update_and_delete_even_through_sql(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_log (at, actor, action, entity, entity_id, changes) "
                "VALUES ('2026-11-23 09:00:00', 'a', 'create', 'case', 'C1', '{}')"
            )
        )
    for statement in ("UPDATE audit_log SET actor = 'b'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT actor FROM audit_log")).scalar_one() == "a"


def _app(url: str) -> FastAPI:
    return create_app(settings_for(url))


def test_a_restart_of_the_service_loses_nothing_committed(
    engine: Engine, database_url: str
) -> None:
    with TestClient(_app(database_url)) as first:
        headers = logged_in(first, Role.COORDINATOR)
        for fid, experienced in (("F-1", True), ("F-2", False)):
            first.post(
                "/facilitators", json=a_facilitator(fid, experienced=experienced), headers=headers
            )
        first.post("/referrals", json=a_referral("R-1"), headers=headers)
        first.post("/referrals/R-1/screen", json={}, headers=headers)
        proposal = first.post("/proposals", json={"as_of": "2026-11-23"}, headers=headers).json()
        assert first.post(f"/proposals/{proposal['id']}/commit", headers=headers).status_code == 200
        first.app.state.engine.dispose()  # type: ignore[attr-defined]
    with TestClient(_app(database_url)) as second:
        token = headers
        case = second.get("/cases/R-1", headers=token).json()
        assert sorted(case["facilitators"]) == ["F-1", "F-2"]
        assert (
            second.get(f"/proposals/{proposal['id']}", headers=token).json()["status"]
            == "committed"
        )
        assert (
            second.get("/referrals/R-1", headers=token).json()["decision"]["decision"] == "accept"
        )
        second.app.state.engine.dispose()  # type: ignore[attr-defined]


def test_the_demo_data_loads_into_an_empty_store_with_its_pairs_and_logins(engine: Engine) -> None:
    data = generate(Scale.TINY)
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        demo.load(uow, data)
    assert not is_empty(engine)
    with engine.connect() as conn:  # analysed after the bulk load: the planner knows the rows
        if engine.dialect.name == "postgresql":
            counted = "SELECT reltuples FROM pg_class WHERE oid = to_regclass('pairs')"
        else:
            counted = "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'pairs'"
        assert conn.execute(text(counted)).scalar_one() > 0
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        problem = proposals.base_problem(uow, data.problem.as_of)
        assert len(problem.facilitators) == len(data.problem.facilitators)
        assert {c.id for c in problem.cases if c.current} == {
            c.id for c in data.problem.cases if len(c.current) == 2
        }
        assert {u.username for u in uow.users.all()} == {
            "admin",
            "coordinator",
            "manager",
            "facilitator",
        }
        assert len(uow.referrals.search(None, None, 1000, 0)) == len(data.referrals)


def _two_rival_proposals(app: FastAPI) -> tuple[str, str]:
    """Two proposals made from the same store, each giving F-1 (room for one case) a case."""
    with TestClient(app) as client:
        headers = logged_in(client, Role.COORDINATOR)
        for fid in ("F-1", "F-2", "F-3"):
            body = a_facilitator(fid, max_cases=1 if fid == "F-1" else 3)
            client.post("/facilitators", json=body, headers=headers)
        for rid in ("R-1", "R-2"):
            client.post("/referrals", json=a_referral(rid), headers=headers)
            client.post(f"/referrals/{rid}/screen", json={}, headers=headers)
    with UnitOfWork(app.state.sessions) as uow:
        parent = proposals.propose(uow, COORDINATOR, app.state.settings, None)
    ids = []
    for case, partner in (("R-1", "F-2"), ("R-2", "F-3")):
        controls = ControlsIn(pins=[Pin(case=case, facilitators=["F-1", partner])])
        with UnitOfWork(app.state.sessions) as uow:
            ids.append(
                proposals.resolve(uow, COORDINATOR, app.state.settings, parent.id, controls).id
            )
    return ids[0], ids[1]


def test_two_concurrent_commits_touching_one_facilitator_leave_exactly_one_committed(
    engine: Engine, database_url: str
) -> None:
    """The second commit runs while the first holds its uncommitted writes (see
    tests/service/concurrency.py): on PostgreSQL it is seen waiting for the first's lock."""
    app = _app(database_url)
    rivals = _two_rival_proposals(app)
    first, second, how = overlapping(
        engine,
        lambda uow: commit.commit(uow, COORDINATOR, rivals[0], None),
        lambda uow: commit.commit(uow, COORDINATOR, rivals[1], None),
    )
    if engine.dialect.name == "postgresql":
        assert how == "waited for a lock"
    assert isinstance(first, CommitOut), first
    assert isinstance(second, ConflictError), second
    with UnitOfWork(app.state.sessions) as uow:
        assert len(uow.pairs.current_for_facilitator("F-1")) == 1
        assert [p.status for p in (uow.proposals.get(rivals[0]), uow.proposals.get(rivals[1]))] == [
            "committed",
            "open",
        ]
    app.state.engine.dispose()


@pytest.mark.postgres
def test_postgres_statements_are_planned_for_their_values_never_from_a_generic_plan(
    postgres_url: str,
) -> None:
    """psycopg prepares a statement on its fifth run, and PostgreSQL may then plan it once for
    any parameters: the reports' date windows went from 0.15 s to 20 s that way. The store's
    engines prepare nothing, so a statement run ten times is never a prepared one."""
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as conn:
            for _ in range(10):
                conn.execute(
                    text("SELECT 1 WHERE CAST(:d AS date) > DATE '2000-01-01'"), {"d": "2026-01-01"}
                )
            prepared = conn.execute(
                text("SELECT count(*) FROM pg_prepared_statements")
            ).scalar_one()
    finally:
        engine.dispose()
    assert prepared == 0
