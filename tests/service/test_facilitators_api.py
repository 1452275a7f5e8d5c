"""Facilitators over HTTP: create, change, absences, CSV import, audit and roles."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.workflow.auth import Role
from tests.service.builders import a_facilitator, logged_in

CSV_HEADER = (
    "id,name,home_outcode,district,skills,weekly_hours,max_cases,vetting_expires,experienced\n"
)


def test_a_coordinator_adds_a_facilitator_whose_outcode_is_resolved(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    answer = client.post("/facilitators", json=a_facilitator("F-1"), headers=headers)
    assert answer.status_code == 201
    home = answer.json()["home"]
    assert home["outcode"] == "CM1"
    assert home["lat"] is not None
    assert (
        client.post("/facilitators", json=a_facilitator("F-1"), headers=headers).status_code == 409
    )


def test_an_unknown_outcode_is_a_422_naming_the_field(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    answer = client.post(
        "/facilitators", json=a_facilitator(home={"outcode": "ZZ99"}), headers=headers
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/body/home"


def test_a_missing_field_is_reported_with_its_pointer(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    body = a_facilitator()
    del body["weekly_hours"]
    answer = client.post("/facilitators", json=body, headers=headers)
    assert answer.status_code == 422
    assert {
        "pointer": "/body/weekly_hours",
        "message": "required field is missing; add it",
    } in answer.json()["errors"]


def test_a_manager_reads_facilitators_but_cannot_change_them(client: TestClient) -> None:
    coordinator = logged_in(client, Role.COORDINATOR)
    manager = logged_in(client, Role.MANAGER)
    client.post("/facilitators", json=a_facilitator(), headers=coordinator)
    assert [f["id"] for f in client.get("/facilitators", headers=manager).json()] == ["F-1"]
    assert (
        client.patch("/facilitators/F-1", json={"weekly_hours": 2}, headers=manager).status_code
        == 403
    )


def test_skills_cannot_be_typed_by_hand_they_follow_from_training(client: TestClient) -> None:
    coordinator = logged_in(client, Role.COORDINATOR)
    client.post("/facilitators", json=a_facilitator(), headers=coordinator)
    patch = {"skills": [{"skill": "dv"}], "weekly_hours": 2}
    refused = client.patch("/facilitators/F-1", json=patch, headers=coordinator)
    assert refused.status_code == 422
    assert [e["pointer"] for e in refused.json()["errors"]] == ["/body/skills"]
    after = client.get("/facilitators/F-1", headers=coordinator).json()
    assert (after["weekly_hours"], after["version"]) == (6, 1)


def test_changing_vetting_is_audited_without_personal_values(client: TestClient) -> None:
    coordinator = logged_in(client, Role.COORDINATOR)
    admin = logged_in(client, Role.ADMIN)
    client.post("/facilitators", json=a_facilitator(), headers=coordinator)
    patch = {"vetting_expires": "2031-01-01", "name": "New Name"}
    changed = client.patch("/facilitators/F-1", json=patch, headers=coordinator)
    assert changed.status_code == 200
    assert changed.json()["version"] == 2
    log = client.get("/audit", params={"entity": "facilitator"}, headers=admin).json()
    update = next(e for e in log if e["action"] == "update")
    assert update["actor"] == "coordinator-x"
    assert update["changes"]["vetting_expires"] == {"from": "2030-01-01", "to": "2031-01-01"}
    assert update["changes"]["name"] == {"changed": True}
    assert "New Name" not in str(log)
    assert "Pat Example" not in str(log)


def test_absences_are_replaced_and_a_reversed_window_is_refused(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    client.post("/facilitators", json=a_facilitator(), headers=headers)
    window = {"start": "2026-12-01", "end": "2026-12-14"}
    ok = client.put(
        "/facilitators/F-1/availability", json={"unavailable": [window]}, headers=headers
    )
    assert ok.json()["unavailable"][0]["start"] == "2026-12-01"
    reversed_window = {"start": "2026-12-14", "end": "2026-12-01"}
    bad = client.put(
        "/facilitators/F-1/availability", json={"unavailable": [reversed_window]}, headers=headers
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["pointer"].startswith("/body/unavailable/0")
    missing = client.put(
        "/facilitators/F-404/availability", json={"unavailable": []}, headers=headers
    )
    assert missing.status_code == 404


def test_a_csv_import_creates_every_row(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    text = (
        CSV_HEADER
        + "F-1,A,CM1,Chelmsford,mediation;prison,6,3,2030-01-01,true\nF-2,B,CO1,,,4,2,2030-02-01,\n"
    )
    answer = client.post(
        "/facilitators/import", files={"file": ("f.csv", text, "text/csv")}, headers=headers
    )
    assert answer.status_code == 201
    assert answer.json() == {"created": 2, "ids": ["F-1", "F-2"]}


def test_a_csv_import_with_bad_rows_writes_nothing_and_lists_every_bad_row(
    client: TestClient,
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    text = CSV_HEADER + (
        "F-1,A,CM1,,mediation,6,3,2030-01-01,\n"
        "F-2,B,ZZ9,,,4,2,2030-02-01,\n"
        "F-3,C,CM2,,juggling,four,2,2030-02-01,\n"
        "F-1,D,CM1,,,4,2,2030-02-01,\n"
    )
    answer = client.post(
        "/facilitators/import", files={"file": ("f.csv", text, "text/csv")}, headers=headers
    )
    assert answer.status_code == 422
    pointers = [e["pointer"] for e in answer.json()["errors"]]
    assert "/rows/3/home_outcode" in pointers
    assert any(p.startswith("/rows/4/skills") for p in pointers)
    assert "/rows/4/weekly_hours" in pointers
    assert "/rows/5/id" in pointers
    assert client.get("/facilitators", headers=headers).json() == []


def test_a_csv_without_required_columns_names_them(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    answer = client.post(
        "/facilitators/import",
        files={"file": ("f.csv", "id,name\nF-1,A\n", "text/csv")},
        headers=headers,
    )
    assert answer.status_code == 422
    assert "home_outcode" in answer.json()["errors"][0]["message"]
    binary = client.post(
        "/facilitators/import",
        files={"file": ("f.csv", b"\xff\xfe\x00", "text/csv")},
        headers=headers,
    )
    assert binary.status_code == 422
