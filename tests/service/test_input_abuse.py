"""Input that is valid field by field but abuses the service: a facilitator avoiding themself
or strangers, a CSV with a column twice or 65,536 rows, a body of any size, an import that
would hold up every other request, and two requests racing for the same id."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from geo import default_gazetteer
from service.server import create_app
from service.store.db import make_engine, upgrade
from service.store.repositories import ReferralRepository
from service.workflow import csv_import, facilitators, meeting_commit
from service.workflow.auth import Principal, Role
from service.workflow.schemas.facilitators import FacilitatorOut, FacilitatorPatch
from service.workflow.schemas.meetings import MeetingCommitOut
from tests.service.builders import a_facilitator, a_referral, logged_in
from tests.service.concurrency import overlapping
from tests.service.conftest import settings_for
from tests.service.test_meetings_api import a_plan, api, coordinator, pairs_in_store

__all__ = ["api", "coordinator"]  # the meetings tests' fixtures, used below

COORDINATOR = Principal(1, "coordinator", Role.COORDINATOR, None)
HEADER = "id,name,home_outcode,district,skills,weekly_hours,max_cases,vetting_expires\n"


def _row(fid: str) -> str:
    return f"{fid},,CM1,,mediation,6,3,2030-01-01\n"


@pytest.mark.parametrize(
    ("partners", "pointer", "says"),
    [
        (["F-1"], "/body/avoid_partners/0", "themself"),
        (["F-2", "F-9"], "/body/avoid_partners/1", "no facilitator 'F-9'"),
        (["F-2", "F-2"], "/body/avoid_partners/1", "twice"),
        ([f"F-{i}" for i in range(51)], "/body/avoid_partners", "at most 50"),
    ],
)
def test_avoid_partners_are_known_facilitators_other_than_themself(
    client: TestClient, partners: list[str], pointer: str, says: str
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    client.post("/facilitators", json=a_facilitator("F-2"), headers=headers)
    body = a_facilitator("F-1", avoid_partners=partners)
    answer = client.post("/facilitators", json=body, headers=headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["pointer"] == pointer
    assert says in answer.json()["errors"][0]["message"]
    assert client.get("/facilitators/F-1", headers=headers).status_code == 404
    patched = client.patch("/facilitators/F-2", json={"avoid_partners": ["F-2"]}, headers=headers)
    assert patched.status_code == 422


def test_a_known_partner_is_kept(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    client.post("/facilitators", json=a_facilitator("F-2"), headers=headers)
    body = a_facilitator("F-1", avoid_partners=["F-2"])
    assert client.post("/facilitators", json=body, headers=headers).status_code == 201


def test_null_on_a_field_that_must_have_a_value_leaves_it_as_it_is(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    client.post("/facilitators", json=a_facilitator("F-1"), headers=headers)
    answer = client.patch("/facilitators/F-1", json={"weekly_hours": None}, headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["weekly_hours"] == 6


def _upload(client: TestClient, headers: dict[str, str], text: str) -> Any:
    files = {"file": ("f.csv", text, "text/csv")}
    return client.post("/facilitators/import", files=files, headers=headers)


def test_a_facilitator_csv_with_a_column_twice_is_refused_naming_it(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    text = HEADER.replace("district", "name") + _row("F-1")
    answer = _upload(client, headers, text)
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["pointer"] == "/header"
    assert "'name'" in answer.json()["errors"][0]["message"]
    assert client.get("/facilitators", headers=headers).json() == []


def test_a_facilitator_csv_of_65536_rows_is_read_in_batches(client: TestClient) -> None:
    """65,536 rows ask about more ids than one statement binds (SQLite 32,766, PostgreSQL
    65,535); the last repeats the first, so the answer lists it and writes nothing."""
    headers = logged_in(client, Role.COORDINATOR)
    text = HEADER + "".join(_row(f"F-{i}") for i in range(65_535)) + _row("F-0")
    answer = _upload(client, headers, text)
    assert answer.status_code == 422, answer.text
    pointers = {e["pointer"] for e in answer.json()["errors"]}
    assert pointers == {"/rows/2/id", "/rows/65537/id"}


def test_a_get_is_answered_while_an_import_runs(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import is held (an event) until the GET has been answered: were it run on the event
    loop, the GET would wait for it, and the order below would be the other way round."""
    headers = logged_in(client, Role.COORDINATOR)
    started, release, order = threading.Event(), threading.Event(), []
    real = csv_import.import_facilitators

    def held(*args: Any) -> Any:
        started.set()
        release.wait(timeout=30)
        order.append("import")
        return real(*args)

    monkeypatch.setattr(csv_import, "import_facilitators", held)
    importing = threading.Thread(target=_upload, args=(client, headers, HEADER + _row("F-1")))
    importing.start()
    try:
        assert started.wait(timeout=30)
        assert client.get("/auth/me", headers=headers).status_code == 200
        order.append("get")
    finally:
        release.set()
        importing.join(timeout=60)
    assert order == ["get", "import"]


@pytest.fixture
def small_bodies(sqlite_url: str) -> Any:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    engine.dispose()
    settings = settings_for(sqlite_url).model_copy(update={"max_body_bytes": 2_000})
    with TestClient(create_app(settings), raise_server_exceptions=False) as tc:
        yield tc


def test_a_body_over_the_limit_is_a_413_with_the_error_body(small_bodies: TestClient) -> None:
    headers = logged_in(small_bodies, Role.COORDINATOR)
    big = a_referral("R-1", offence="x" * 150, parties=[{"role": "victim"}] * 20)
    answer = small_bodies.post("/referrals", json=big | {"pad": "y" * 2_000}, headers=headers)
    assert answer.status_code == 413
    assert answer.json()["error"] == "too_large"
    assert answer.json()["errors"][0]["pointer"] == "/body"
    assert "2,000 bytes" in answer.json()["message"]

    def chunks() -> Any:  # no Content-Length: counted as it comes
        yield b'{"pad": "'
        for _ in range(10):
            yield b"z" * 500
        yield b'"}'

    chunked = small_bodies.post("/referrals", content=chunks(), headers=headers)
    assert chunked.status_code == 413
    assert small_bodies.get("/referrals", headers=headers).json() == []
    assert (
        small_bodies.post("/referrals", json=a_referral("R-1"), headers=headers).status_code == 201
    )


def test_a_referral_created_twice_at_once_is_a_409_naming_the_id(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: both requests find no R-1, both insert; the database keeps one. Here the
    check is made to miss the row the other request wrote, as it would in the race."""
    headers = logged_in(client, Role.COORDINATOR)
    assert client.post("/referrals", json=a_referral("R-1"), headers=headers).status_code == 201
    monkeypatch.setattr(ReferralRepository, "get", lambda self, rid: None)
    answer = client.post("/referrals", json=a_referral("R-1"), headers=headers)
    assert answer.status_code == 409, answer.text
    assert "'R-1'" in answer.json()["errors"][0]["message"]


@pytest.mark.postgres
def test_a_meetings_commit_locks_its_facilitators_until_it_is_in(
    api: TestClient, coordinator: dict[str, str], database_url: str
) -> None:
    """A change to a facilitator of the plan waits for the commit (PostgreSQL: for the row
    lock; SQLite: one writer at a time), so the plan never commits over a changed facilitator."""
    plan = a_plan(api, coordinator)
    fid = next(iter(pairs_in_store(api, coordinator).values()))[0]
    engine: Engine = api.app.state.engine  # type: ignore[attr-defined]
    gazetteer = default_gazetteer()
    first, second, how = overlapping(
        engine,
        lambda uow: meeting_commit.commit(uow, COORDINATOR, plan["id"], None, gazetteer),
        lambda uow: facilitators.update(
            uow, COORDINATOR, fid, FacilitatorPatch(weekly_hours=3), gazetteer
        ),
    )
    assert isinstance(first, MeetingCommitOut), first
    assert isinstance(second, FacilitatorOut), second
    if engine.dialect.name == "postgresql":
        assert how == "waited for a lock"
