"""The fast reads keep their meaning: every request re-checks its token, a served proposal is
always the stored one, and two processes over one store never see each other's stale state.

"Two processes" are two apps over one database, as two uvicorn workers would be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, update

from service.server import create_app
from service.store import tables as t
from service.store.db import make_engine, upgrade
from service.workflow.auth import Role
from tests.service.builders import a_facilitator, a_referral, logged_in
from tests.service.conftest import settings_for


@pytest.fixture
def two_workers(engine: Engine, database_url: str) -> Iterator[tuple[TestClient, TestClient]]:
    """Two apps over one migrated store, each with its own pools and caches."""
    apps = [create_app(settings_for(database_url)) for _ in range(2)]
    with TestClient(apps[0]) as first, TestClient(apps[1]) as second:
        yield first, second
    for app in apps:
        app.state.engine.dispose()


def _proposal(client: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    for fid in ("F-1", "F-2"):
        client.post("/facilitators", json=a_facilitator(fid), headers=headers)
    client.post("/referrals", json=a_referral("R-1"), headers=headers)
    client.post("/referrals/R-1/screen", json={}, headers=headers)
    made = client.post("/proposals", json={"as_of": "2026-11-23"}, headers=headers)
    assert made.status_code == 201, made.text
    body: dict[str, Any] = made.json()
    return body


def test_a_logout_in_one_worker_refuses_the_token_in_the_other_at_once(
    two_workers: tuple[TestClient, TestClient],
) -> None:
    first, second = two_workers
    headers = logged_in(first, Role.MANAGER)
    assert second.get("/auth/me", headers=headers).status_code == 200
    assert first.post("/auth/logout", headers=headers).status_code == 204
    refused = second.get("/cases", headers=headers)
    assert refused.status_code == 401
    assert "revoked" in refused.json()["errors"][0]["message"]


def test_a_disabled_user_or_an_expired_token_is_refused_on_the_next_request(
    client: TestClient,
) -> None:
    app: FastAPI = client.app  # type: ignore[assignment]
    for role, change in (
        (Role.MANAGER, update(t.User).where(t.User.username == "manager-x").values(active=False)),
        (Role.ADMIN, update(t.Token).values(expires_at=dt.datetime(2000, 1, 1))),
    ):
        headers = logged_in(client, role)
        assert client.get("/cases", headers=headers).status_code == 200
        with app.state.engine.begin() as conn:
            conn.execute(change)
        refused = client.get("/cases", headers=headers)
        assert refused.status_code == 401
        assert refused.json()["errors"][0]["pointer"] == "/headers/authorization"


def test_a_served_proposal_is_the_stored_one_before_and_after_a_commit_elsewhere(
    two_workers: tuple[TestClient, TestClient],
) -> None:
    first, second = two_workers
    headers = logged_in(first, Role.COORDINATOR)
    made = _proposal(first, headers)
    url = f"/proposals/{made['id']}"
    assert second.get(url, headers=headers).json() == made
    assert second.get(url, headers=headers).json() == made  # served again, from its cache
    assert first.post(f"{url}/commit", headers=headers).status_code == 200
    after = second.get(url, headers=headers).json()
    assert after == made | {"status": "committed"}
    assert second.get("/proposals/no-such-id", headers=headers).status_code == 404


def test_a_proposal_answers_304_to_its_own_etag_until_it_changes(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    made = _proposal(client, headers)
    url = f"/proposals/{made['id']}"
    read = client.get(url, headers=headers)
    etag = read.headers["etag"]
    assert read.headers["cache-control"] == "no-store"
    for sent in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        unchanged = client.get(url, headers=headers | {"If-None-Match": sent})
        assert unchanged.status_code == 304, sent
        assert unchanged.content == b""
        assert unchanged.headers["etag"] == etag
    assert client.get(url, headers=headers | {"If-None-Match": '"other"'}).status_code == 200
    client.post(f"{url}/commit", headers=headers)
    changed = client.get(url, headers=headers | {"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["status"] == "committed"
    assert changed.headers["etag"] != etag


def test_a_proposal_is_still_read_by_staff_only(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    made = _proposal(client, headers)
    facilitator = logged_in(client, Role.FACILITATOR, "F-1")
    assert client.get(f"/proposals/{made['id']}", headers=facilitator).status_code == 403
    assert client.get(f"/proposals/{made['id']}").status_code == 401


def test_a_case_read_shows_its_pair_history_oldest_first(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    made = _proposal(client, headers)
    assert client.get("/cases/R-1", headers=headers).json()["history"] == []
    client.post(f"/proposals/{made['id']}/commit", headers=headers)
    client.post("/facilitators", json=a_facilitator("F-3"), headers=headers)
    replan = {"facilitator": "F-1", "reason": "unavailable", "from_date": "2026-11-24"}
    moved = client.post("/replans", json=replan | {"as_of": "2026-11-23"}, headers=headers)
    client.post(f"/proposals/{moved.json()['id']}/commit", headers=headers)
    case = client.get("/cases/R-1", headers=headers).json()
    assert [p["facilitators"] for p in case["history"]] == [["F-1", "F-2"], case["facilitators"]]
    assert case["history"][0]["ended_on"] == "2026-11-23"
    assert case["history"][1]["ended_on"] is None
    assert "F-1" not in case["facilitators"]
    unallocated = client.get("/cases", params={"unallocated": True}, headers=headers).json()
    assert unallocated == []
    assert client.get("/cases/R-9", headers=headers).status_code == 404


@pytest.mark.postgres
def test_reads_survive_the_server_closing_every_pooled_connection(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    upgrade(engine)
    app = create_app(settings_for(postgres_url))
    with TestClient(app) as client:
        headers = logged_in(client, Role.MANAGER)
        for _ in range(5):  # a few reads open more than one pooled connection
            assert client.get("/cases", headers=headers).status_code == 200
        pids = client.portal.call(_pooled_backends, app.state.reader)  # type: ignore[union-attr]
        with engine.begin() as conn:
            for pid in pids:
                conn.execute(select(func.pg_terminate_backend(pid)))
        assert [client.get("/cases", headers=headers).status_code for _ in range(3)] == [200] * 3
    app.state.engine.dispose()
    engine.dispose()


async def _pooled_backends(reader: Any) -> set[int]:
    """The server process ids of every connection in the reader's pool."""
    pool = await reader._open()
    pids = set()
    for _ in range(pool.get_stats()["pool_size"]):
        async with pool.connection() as conn:
            pids.add(conn.info.backend_pid)
    return pids
