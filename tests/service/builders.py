"""Builders for service tests: users, logins, facilitators and referrals with sensible defaults."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.store.uow import UnitOfWork
from service.workflow.auth import Role, create_user

PASSWORD = "correct horse battery"


def a_user(
    app: FastAPI, role: Role, username: str | None = None, facilitator_id: str | None = None
) -> str:
    """Create a user directly in the store; returns the username."""
    name = username or role.value
    with UnitOfWork(app.state.sessions) as uow:
        create_user(uow, "test", name, PASSWORD, role, facilitator_id)
        uow.commit()
    return name


def logged_in(client: TestClient, role: Role, facilitator_id: str | None = None) -> dict[str, str]:
    """Headers of a freshly created and logged-in user with this role."""
    app: Any = client.app
    name = a_user(app, role, f"{role.value}-{facilitator_id or 'x'}", facilitator_id)
    answer = client.post("/auth/token", json={"username": name, "password": PASSWORD})
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def a_facilitator(fid: str = "F-1", **fields: Any) -> dict[str, Any]:
    """The body of a valid new facilitator, with `fields` overriding the defaults."""
    body: dict[str, Any] = {
        "id": fid,
        "name": "Pat Example",
        "home": {"outcode": "CM1"},
        "district": "Chelmsford",
        "skills": [{"skill": "mediation"}],
        "weekly_hours": 6,
        "max_cases": 3,
        "vetting_expires": "2030-01-01",
        "experienced": True,
    }
    return body | fields


def an_old_facilitator_row(fid: str, name: str = "") -> dict[str, Any]:
    """A facilitators row as the schemas before 0007 stored it (name in plain text), for the
    migration tests that write through an old schema."""
    return {
        "id": fid,
        "name": name,
        "home_lat": 51.73,
        "home_lon": 0.47,
        "weekly_hours": 6.0,
        "max_cases": 3,
        "vetting_expires": dt.date(2030, 1, 1),
        "active": True,
        "experienced": True,
        "avoid_partners": [],
        "version": 1,
    }


def a_referral(rid: str = "R-1", **fields: Any) -> dict[str, Any]:
    """The body of a valid referral that both shipped policies accept."""
    body: dict[str, Any] = {
        "format": "rjplan.referral/1",
        "id": rid,
        "received": "2026-11-18",
        "referrer": {"organisation": "police"},
        "route": "community_resolution",
        "case_type": "low_level_crime",
        "offence": "criminal damage",
        "court": "none",
        "youth": {"under_18": False, "youth_justice": False},
        "consent": {"victim": True, "perpetrator": True},
        "responsibility_accepted": True,
        "restorative_element": True,
        "district": "Chelmsford",
        "location": {"outcode": "CM1"},
        "parties": [{"role": "victim"}, {"role": "perpetrator"}],
    }
    return body | fields


SMALL_SCENARIO = (
    "extends: essex-2017-18\nscenario: essex-tiny-month\nhorizon_months: 1\nwarmup_weeks: 0\n"
    "pool: {source: demo, scale: tiny}\n"
)
"""A shipped scenario shrunk to one month on the tiny demo pool: about 0.15 s a replicate."""
WAIT_S = 120.0


def proposed(client: TestClient, headers: dict[str, str], as_of: str) -> dict[str, Any]:
    """A new proposal for every accepted, unallocated case, made as of `as_of` (201 or fail)."""
    answer = client.post("/proposals", json={"as_of": as_of}, headers=headers)
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()
    return body


def small_run(replicates: int = 3, **fields: Any) -> dict[str, Any]:
    """The body of a scenario run of SMALL_SCENARIO, with `fields` added."""
    return {"yaml": SMALL_SCENARIO, "replicates": replicates} | fields


def started(client: TestClient, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    """Start a scenario run; its body, after checking the 202 and its Location."""
    answer = client.post("/scenario-runs", json=body, headers=headers)
    assert answer.status_code == 202, answer.text
    assert answer.headers["location"] == f"/scenario-runs/{answer.json()['id']}"
    run: dict[str, Any] = answer.json()
    return run


def wait_for(
    client: TestClient, headers: dict[str, str], run_id: str, *statuses: str, done: int = 0
) -> dict[str, Any]:
    """Poll a scenario run until it is in one of `statuses` with at least `done` replicates."""
    deadline = time.monotonic() + WAIT_S
    while True:
        run: dict[str, Any] = client.get(f"/scenario-runs/{run_id}", headers=headers).json()
        if run["status"] in statuses and run["progress"]["done"] >= done:
            return run
        assert time.monotonic() < deadline, f"run still {run['status']}: {run}"
        time.sleep(0.05)
