"""A volunteer's record through the API: training from which skills follow, checks, supervision,
leaving; who may read it; and bad input refused with the field named and nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.workflow.auth import Role
from tests.service.builders import a_facilitator, logged_in

pytestmark = pytest.mark.today("2026-11-25")


def registered(client: TestClient, fid: str = "F-1", **fields: Any) -> dict[str, str]:
    """A coordinator's headers after registering one facilitator."""
    headers = logged_in(client, Role.COORDINATOR)
    answer = client.post("/facilitators", json=a_facilitator(fid, **fields), headers=headers)
    assert answer.status_code == 201, answer.text
    return headers


def skills(client: TestClient, headers: dict[str, str], fid: str = "F-1") -> list[str]:
    return [
        s["skill"] for s in client.get(f"/facilitators/{fid}", headers=headers).json()["skills"]
    ]


def pointers(answer: Any) -> list[str]:
    return [e["pointer"] for e in answer.json()["errors"]]


def test_a_dv_course_at_intermediate_level_makes_the_volunteer_dv_trained(
    client: TestClient,
) -> None:
    headers = registered(client)
    course = {"course": "dv_sv", "level": "intermediate", "completed_on": "2026-10-14", "hours": 12}
    answer = client.post("/facilitators/F-1/training", json=course, headers=headers)
    assert answer.status_code == 201, answer.text
    assert skills(client, headers) == ["dv", "mediation"]
    record = client.get("/facilitators/F-1/record", headers=headers).json()
    assert record["level"] == "intermediate"
    assert {"skill": "dv", "since": "2026-10-14"} in record["skills"]
    assert (record["cpd"]["required_hours"], record["cpd"]["done_hours"]) == (12, 12)


def test_a_dv_course_at_foundation_level_grants_no_dv_skill(client: TestClient) -> None:
    headers = registered(client)
    course = {"course": "dv_sv", "level": "foundation", "completed_on": "2026-10-14"}
    client.post("/facilitators/F-1/training", json=course, headers=headers)
    assert skills(client, headers) == ["mediation"]


def test_a_training_date_in_the_future_is_refused_and_nothing_is_written(
    client: TestClient,
) -> None:
    headers = registered(client)
    course = {"course": "mediation", "completed_on": "2026-11-26"}
    answer = client.post("/facilitators/F-1/training", json=course, headers=headers)
    assert answer.status_code == 422
    assert pointers(answer) == ["/body/completed_on"]
    assert len(client.get("/facilitators/F-1/record", headers=headers).json()["training"]) == 1


def test_a_vetting_expiry_before_its_grant_is_refused(client: TestClient) -> None:
    headers = registered(client)
    check = {"kind": "force", "granted_on": "2026-11-01", "expires_on": "2026-10-01"}
    answer = client.post("/facilitators/F-1/checks", json=check, headers=headers)
    assert answer.status_code == 422
    assert pointers(answer) == ["/body/expires_on"]
    assert client.get("/facilitators/F-1/record", headers=headers).json()["checks"] == []


def test_a_force_vetting_sets_the_expiry_the_allocator_reads_twelve_months_on(
    client: TestClient,
) -> None:
    headers = registered(client, vetting_expires="2026-12-01")
    check = {"kind": "force", "granted_on": "2026-11-20"}
    answer = client.post("/facilitators/F-1/checks", json=check, headers=headers)
    assert answer.json()["lapses_on"] == "2027-11-20"
    assert (
        client.get("/facilitators/F-1", headers=headers).json()["vetting_expires"] == "2027-11-20"
    )


def test_prison_is_a_skill_only_while_the_clearance_is_in_force(client: TestClient) -> None:
    headers = registered(client)
    old = {"kind": "prison", "granted_on": "2025-11-01"}
    client.post("/facilitators/F-1/checks", json=old, headers=headers)
    assert "prison" not in skills(client, headers)
    renewed = {"kind": "prison", "granted_on": "2026-11-02"}
    client.post("/facilitators/F-1/checks", json=renewed, headers=headers)
    assert "prison" in skills(client, headers)


def test_supervision_for_an_unknown_facilitator_is_a_404_naming_the_path(
    client: TestClient,
) -> None:
    headers = registered(client)
    body = {"held_on": "2026-11-20", "kind": "group", "supervisor": "coordinator"}
    answer = client.post("/facilitators/F-9/supervisions", json=body, headers=headers)
    assert answer.status_code == 404
    assert pointers(answer) == ["/path/facilitator_id"]


def test_supervision_recorded_moves_the_next_due_day_twelve_weeks_on(client: TestClient) -> None:
    headers = registered(client, started_on="2026-01-05")
    before = client.get("/facilitators/F-1/record", headers=headers).json()["supervision"]
    assert (before["due"], before["overdue"]) == ("2026-03-30", True)
    body = {"held_on": "2026-11-20", "kind": "individual", "supervisor": "Sam (coordinator)"}
    assert (
        client.post("/facilitators/F-1/supervisions", json=body, headers=headers).status_code == 201
    )
    after = client.get("/facilitators/F-1/record", headers=headers).json()["supervision"]
    assert (after["last"], after["due"], after["overdue"]) == ("2026-11-20", "2027-02-12", False)


def test_a_facilitator_reads_only_their_own_record(client: TestClient) -> None:
    headers = registered(client, "F-1")
    client.post("/facilitators", json=a_facilitator("F-2"), headers=headers)
    mine = logged_in(client, Role.FACILITATOR, "F-1")
    assert client.get("/me/record", headers=mine).json()["facilitator"] == "F-1"
    assert client.get("/facilitators/F-1/record", headers=mine).status_code == 200
    assert client.get("/facilitators/F-2/record", headers=mine).status_code == 403
    course = {"course": "mediation", "completed_on": "2026-10-14"}
    assert client.post("/facilitators/F-1/training", json=course, headers=mine).status_code == 403


def test_leaving_makes_the_volunteer_inactive_and_keeps_the_reason_out_of_the_audit(
    client: TestClient,
) -> None:
    headers = registered(client, started_on="2026-01-05")
    body = {"left_on": "2026-11-24", "reason": "moved to Leeds for work"}
    record = client.post("/facilitators/F-1/leave", json=body, headers=headers).json()
    assert (record["active"], record["left_on"]) == (False, "2026-11-24")
    assert record["commitment_until"] == "2027-01-05"
    again = client.post("/facilitators/F-1/leave", json=body, headers=headers)
    assert again.status_code == 409
    admin = logged_in(client, Role.ADMIN)
    assert "Leeds" not in client.get("/audit", headers=admin).text


def test_a_manager_sets_the_policy_and_supervision_falls_due_at_the_new_interval(
    client: TestClient,
) -> None:
    headers = registered(client, started_on="2026-10-01")
    manager = logged_in(client, Role.MANAGER)
    policy = client.get("/volunteers/policy", headers=manager).json()["policy"]
    assert policy["supervision_every_weeks"] == 12
    changed = client.put(
        "/volunteers/policy", json=policy | {"supervision_every_weeks": 4}, headers=manager
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["set_by"] == "manager-x"
    due = client.get("/facilitators/F-1/record", headers=headers).json()["supervision"]["due"]
    assert due == "2026-10-29"
    assert client.put("/volunteers/policy", json=policy, headers=headers).status_code == 403
