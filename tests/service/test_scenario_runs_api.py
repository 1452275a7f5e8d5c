"""What-if scenario runs through the HTTP API: start in the background, follow, read, cancel.

Runs are tested on SQLite, and on PostgreSQL when RJPLAN_TEST_POSTGRES_URL is set (input
checks on SQLite only: they happen before the store is touched). The runs are
a shipped scenario shrunk to one month on the tiny demo pool (about 0.15 s a replicate).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from scenarios.sim_run import RUN_FORMAT, run_scenario
from scenarios.sim_spec import Scenario
from service.server import create_app
from service.store.db import make_engine, upgrade
from service.workflow.auth import Role
from tests.service.builders import (
    SMALL_SCENARIO,
    a_facilitator,
    logged_in,
    small_run,
    started,
    wait_for,
)
from tests.service.conftest import settings_for

Headers = dict[str, str]


@pytest.fixture
def api(database_url: str) -> Iterator[TestClient]:
    """A client over a new, migrated store on each backend; its runner started and stopped."""
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    app = create_app(settings_for(database_url))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.state.engine.dispose()


@pytest.fixture
def manager(api: TestClient) -> Headers:
    return logged_in(api, Role.MANAGER)


def small_with(lines: str) -> dict[str, Any]:
    """A run of the small scenario with these YAML lines added (a later key replaces)."""
    return {"yaml": SMALL_SCENARIO + lines}


def counts(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each replicate's numbers without the solver's time, which differs run to run."""
    return [{k: v for k, v in r.items() if k != "solve_seconds"} for r in runs]


def test_a_manager_starts_a_run_follows_it_and_reads_the_stored_result_and_report(
    api: TestClient, manager: Headers
) -> None:
    queued = started(api, manager, small_run(3, seed=11))
    assert queued["status"] == "queued"
    assert queued["progress"] == {"done": 0, "total": 3}
    assert (queued["scenario"], queued["source"], queued["seed"]) == (
        "essex-tiny-month",
        "upload",
        11,
    )
    run = wait_for(api, manager, queued["id"], "done")
    assert run["progress"] == {"done": 3, "total": 3}
    assert run["error"] is None
    assert run["started_at"] is not None
    assert run["finished_at"] is not None
    assert run["headline"]["referrals"]["mean"] > 0
    assert run["yaml"] == SMALL_SCENARIO
    result = api.get(f"/scenario-runs/{run['id']}/result", headers=manager).json()
    assert result["format"] == RUN_FORMAT
    assert (result["replicates"], result["seed"], len(result["runs"])) == (3, 11, 3)
    assert run["headline"]["referrals"] == result["summary"]["referrals"]
    report = api.get(f"/scenario-runs/{run['id']}/report", headers=manager)
    assert report.headers["content-type"].startswith("text/html")
    assert "<svg" in report.text
    assert "essex-tiny-month" in report.text


def test_the_stored_document_is_exactly_what_ran_so_a_run_can_be_reproduced(
    api: TestClient, manager: Headers
) -> None:
    run = wait_for(api, manager, started(api, manager, small_run(2))["id"], "done")
    result = api.get(f"/scenario-runs/{run['id']}/result", headers=manager).json()
    again = run_scenario(Scenario.model_validate(run["document"]), run["replicates"])
    assert counts(again["runs"]) == counts(result["runs"])


def test_a_shipped_scenario_is_started_by_name_and_runs_are_listed_newest_first(
    api: TestClient, manager: Headers
) -> None:
    names = [s["name"] for s in api.get("/scenarios", headers=manager).json()]
    assert {"essex-2017-18", "essex-growth-40", "essex-2018-complex"} <= set(names)
    first = started(api, manager, small_run(200))  # keeps the shipped one (a year) queued
    shipped = started(api, manager, {"scenario": "essex-growth-40", "replicates": 1})
    assert (shipped["source"], shipped["title"]) == (
        "shipped",
        "Essex 2017-18 with 40% more referrals",
    )
    assert shipped["document"]["referrals"]["per_month"] == pytest.approx(49.7)
    listed = api.get("/scenario-runs", headers=manager).json()
    assert [r["id"] for r in listed] == [shipped["id"], first["id"]]
    for run in (shipped, first):
        assert api.post(f"/scenario-runs/{run['id']}/cancel", headers=manager).status_code == 200


def test_starting_and_cancelling_are_in_the_audit_log_with_the_runners_changes(
    api: TestClient, manager: Headers
) -> None:
    run = wait_for(api, manager, started(api, manager, small_run(1))["id"], "done")
    entries = api.get(
        "/audit", params={"entity": "scenario_run", "entity_id": run["id"]}, headers=manager
    ).json()
    assert [(e["actor"], e["action"]) for e in entries] == [
        ("manager-x", "start"),
        ("scenario-runner", "run"),
        ("scenario-runner", "finish"),
    ]
    assert entries[0]["changes"] == {
        "scenario": "essex-tiny-month",
        "source": "upload",
        "replicates": 1,
        "seed": 2017,
    }
    assert entries[2]["changes"] == {"status": {"from": "running", "to": "done"}}


def test_a_cancelled_run_stops_keeps_no_result_and_the_next_run_goes_ahead(
    api: TestClient, manager: Headers
) -> None:
    long = started(api, manager, small_run(200))
    behind = started(api, manager, small_run(1))
    assert api.get(f"/scenario-runs/{behind['id']}", headers=manager).json()["status"] == "queued"
    result = api.get(f"/scenario-runs/{behind['id']}/result", headers=manager)
    assert result.status_code == 409
    assert result.json()["errors"][0]["pointer"] == "/path/run_id"
    cancelled = api.post(f"/scenario-runs/{behind['id']}/cancel", headers=manager)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    again = api.post(f"/scenario-runs/{behind['id']}/cancel", headers=manager)
    assert again.status_code == 409
    assert "cancelled" in again.json()["errors"][0]["message"]

    wait_for(api, manager, long["id"], "running", done=1)
    assert api.post(f"/scenario-runs/{long['id']}/cancel", headers=manager).status_code == 200
    after = wait_for(api, manager, started(api, manager, small_run(1))["id"], "done")
    assert after["status"] == "done", "one job at a time: it ran once the cancelled one let go"
    stopped = api.get(f"/scenario-runs/{long['id']}", headers=manager).json()
    assert stopped["status"] == "cancelled"
    assert 1 <= stopped["progress"]["done"] < 200
    assert stopped["headline"] is None
    assert api.get(f"/scenario-runs/{long['id']}/report", headers=manager).status_code == 409
    actions = [
        e["action"]
        for e in api.get(
            "/audit", params={"entity": "scenario_run", "entity_id": long["id"]}, headers=manager
        ).json()
    ]
    assert actions == ["start", "run", "cancel"]


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({}, "/body/scenario"),
        ({"scenario": "essex-2017-18", "yaml": SMALL_SCENARIO}, "/body/scenario"),
        ({"scenario": "no-such-scenario"}, "/body/scenario"),
        ({"scenario": "essex-2017-18", "replicates": 0}, "/body/replicates"),
        ({"scenario": "essex-2017-18", "replicates": 201}, "/body/replicates"),
        ({"scenario": "essex-2017-18", "seed": -1}, "/body/seed"),
        ({"yaml": "extends: /etc/passwd\n"}, "/body/yaml/extends"),
        (small_with("policy: /etc/passwd\n"), "/body/yaml/policy"),
        (small_with("pool: {source: file, path: /etc/passwd}\n"), "/body/yaml/pool/source"),
        (small_with("pool: {scale: national}\n"), "/body/yaml/pool/scale"),
        (small_with("referrals: {per_month: -1}\n"), "/body/yaml/referrals/per_month"),
        (small_with("horizon_months: 0\n"), "/body/yaml/horizon_months"),
        (small_with("scenario: " + "x" * 101 + "\n"), "/body/yaml/scenario"),
        (
            small_with("cohorts: [{month: 0, groups: [{count: 1, district: Atlantis}]}]\n"),
            "/body/yaml/cohorts/0/groups/0/district",
        ),
        ({"yaml": "a: &big [1, 2]\nb: *big\n"}, "/body/yaml"),
        ({"yaml": "scenario: [unclosed\n"}, "/body/yaml"),
        ({"yaml": "- a list, not a scenario\n"}, "/body/yaml"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_starts_nothing(
    client: TestClient, body: dict[str, Any], pointer: str
) -> None:
    manager = logged_in(client, Role.MANAGER)
    answer = client.post("/scenario-runs", json=body, headers=manager)
    assert answer.status_code == 422, answer.text
    assert [e["pointer"] for e in answer.json()["errors"]] == [pointer]
    assert client.get("/scenario-runs", headers=manager).json() == []


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/scenario-runs/no-such-run"),
        ("get", "/scenario-runs/no-such-run/result"),
        ("get", "/scenario-runs/no-such-run/report"),
        ("post", "/scenario-runs/no-such-run/cancel"),
    ],
)
def test_an_unknown_run_is_a_404_naming_the_path(
    client: TestClient, method: str, path: str
) -> None:
    answer = client.request(method.upper(), path, headers=logged_in(client, Role.MANAGER))
    assert answer.status_code == 404
    assert answer.json()["errors"][0]["pointer"] == "/path/run_id"


def _facilitator_id(role: Role) -> str | None:
    return "F-1" if role is Role.FACILITATOR else None


@pytest.mark.parametrize(
    ("role", "may_start", "may_read"),
    [
        (Role.ADMIN, True, True),
        (Role.MANAGER, True, True),
        (Role.COORDINATOR, False, True),
        (Role.FACILITATOR, False, False),
    ],
)
def test_managers_and_admins_start_and_cancel_staff_read_facilitators_see_nothing(
    api: TestClient, manager: Headers, role: Role, may_start: bool, may_read: bool
) -> None:
    if role is Role.FACILITATOR:
        api.post("/facilitators", json=a_facilitator("F-1"), headers=logged_in(api, Role.ADMIN))
    headers = manager if role is Role.MANAGER else logged_in(api, role, _facilitator_id(role))
    run = started(api, manager, small_run(1))
    start = api.post("/scenario-runs", json=small_run(1), headers=headers)
    assert start.status_code == (202 if may_start else 403), start.text
    cancel = api.post(f"/scenario-runs/{run['id']}/cancel", headers=headers)
    assert cancel.status_code in ((200, 409) if may_start else (403,))
    for path in ("/scenarios", "/scenario-runs", f"/scenario-runs/{run['id']}"):
        assert api.get(path, headers=headers).status_code == (200 if may_read else 403), path
    if not may_start:
        assert cancel.json()["errors"][0]["pointer"] == "/headers/authorization"
    assert api.get("/scenario-runs", headers={}).status_code == 401


def test_with_two_jobs_at_once_each_run_gives_the_numbers_it_gives_alone(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    engine.dispose()
    app = create_app(settings_for(sqlite_url).model_copy(update={"scenario_jobs": 2}))
    with TestClient(app) as client:
        manager = logged_in(client, Role.MANAGER)
        runs = [started(client, manager, small_run(4, seed=seed)) for seed in (3, 3, 4)]
        done = [wait_for(client, manager, run["id"], "done") for run in runs]
        results = [
            client.get(f"/scenario-runs/{run['id']}/result", headers=manager).json() for run in done
        ]
    alone = run_scenario(Scenario.model_validate(done[0]["document"]), 4)
    assert counts(results[0]["runs"]) == counts(results[1]["runs"]) == counts(alone["runs"])
    assert counts(results[2]["runs"]) != counts(alone["runs"]), "another seed, other numbers"
    app.state.engine.dispose()


def test_a_run_can_start_from_the_stores_own_facilitators(
    api: TestClient, manager: Headers
) -> None:
    admin = logged_in(api, Role.ADMIN)
    homes = ["CM1", "CM2", "CO1", "SS1"]
    for i, outcode in enumerate(homes):
        body = a_facilitator(f"S-{i}", home={"outcode": outcode}, experienced=i % 2 == 0)
        assert api.post("/facilitators", json=body, headers=admin).status_code == 201
    retired = a_facilitator("S-9", active=False)
    assert api.post("/facilitators", json=retired, headers=admin).status_code == 201
    run = wait_for(api, manager, started(api, manager, small_run(1, pool="store"))["id"], "done")
    pool = run["document"]["pool"]
    assert pool["source"] == "inline"
    assert [f["id"] for f in pool["facilitators"]] == [f"S-{i}" for i in range(len(homes))]
    result = api.get(f"/scenario-runs/{run['id']}/result", headers=manager).json()
    again = run_scenario(Scenario.model_validate(run["document"]), run["replicates"])
    assert counts(again["runs"]) == counts(result["runs"])


def test_a_store_pool_needs_two_active_facilitators(api: TestClient, manager: Headers) -> None:
    answer = api.post("/scenario-runs", json=small_run(1, pool="store"), headers=manager)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/body/pool"
