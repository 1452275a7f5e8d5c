"""Hours and expenses: logged and claimed by the volunteer or staff, read back by week and by
case, priced at the policy's mileage rate, decided by staff other than the claimant, audited."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.workflow.auth import Role
from tests.service.builders import a_facilitator, logged_in

pytestmark = pytest.mark.today("2026-11-25")


def volunteer(client: TestClient) -> tuple[dict[str, str], dict[str, str]]:
    """(coordinator, facilitator F-1) headers, F-1 and F-2 registered."""
    coordinator = logged_in(client, Role.COORDINATOR)
    for fid in ("F-1", "F-2"):
        client.post("/facilitators", json=a_facilitator(fid), headers=coordinator)
    return coordinator, logged_in(client, Role.FACILITATOR, "F-1")


def test_hours_are_summed_by_week_and_by_activity(client: TestClient) -> None:
    _, mine = volunteer(client)
    for day, hours, activity in (
        ("2026-11-16", 2, "training"),
        ("2026-11-18", 1.5, "admin"),
        ("2026-11-23", 3, "admin"),
    ):
        body = {"worked_on": day, "hours": hours, "activity": activity}
        assert client.post("/me/hours", json=body, headers=mine).status_code == 201
    summary = client.get("/me/hours", headers=mine).json()
    assert summary["total"] == 6.5
    assert summary["by_week"] == [
        {"key": "2026-11-16", "hours": 3.5},
        {"key": "2026-11-23", "hours": 3.0},
    ]
    assert {"key": "admin", "hours": 4.5} in summary["by_activity"]


def test_case_hours_need_a_case_the_volunteer_has_been_on(client: TestClient) -> None:
    _, mine = volunteer(client)
    no_case = client.post(
        "/me/hours", json={"worked_on": "2026-11-20", "hours": 2, "activity": "case"}, headers=mine
    )
    assert no_case.status_code == 422
    assert [e["pointer"] for e in no_case.json()["errors"]] == ["/body/case"]
    unknown = client.post(
        "/me/hours",
        json={"worked_on": "2026-11-20", "hours": 2, "activity": "case", "case": "C-404"},
        headers=mine,
    )
    assert unknown.status_code == 404


def test_a_facilitator_cannot_log_hours_for_someone_else(client: TestClient) -> None:
    _, mine = volunteer(client)
    body = {"worked_on": "2026-11-20", "hours": 2, "activity": "admin"}
    assert client.post("/facilitators/F-2/hours", json=body, headers=mine).status_code == 403
    assert client.get("/facilitators/F-2/hours", headers=mine).status_code == 403


def test_mileage_is_priced_at_the_policy_rate_and_approved_then_paid_by_staff(
    client: TestClient,
) -> None:
    coordinator, mine = volunteer(client)
    claim = {"incurred_on": "2026-11-20", "kind": "mileage", "miles": 23.4, "description": "CM1"}
    made = client.post("/me/expenses", json=claim, headers=mine)
    assert made.status_code == 201, made.text
    assert (made.json()["amount_pence"], made.json()["pence_per_mile"]) == (1053, 45)
    cid = made.json()["id"]
    assert client.post(f"/expenses/{cid}/approve", headers=mine).status_code == 403
    assert client.post(f"/expenses/{cid}/pay", headers=coordinator).status_code == 409
    approved = client.post(f"/expenses/{cid}/approve", headers=coordinator)
    assert (approved.json()["status"], approved.json()["decided_by"]) == (
        "approved",
        "coordinator-x",
    )
    manager = logged_in(client, Role.MANAGER)
    assert client.post(f"/expenses/{cid}/pay", headers=manager).json()["status"] == "paid"
    log = client.get("/audit", params={"entity": "expense"}, headers=manager).json()
    assert [e["action"] for e in log] == ["submit", "approve", "pay"]
    assert "CM1" not in str(log)


def test_staff_never_approve_a_claim_they_submitted(client: TestClient) -> None:
    coordinator, _ = volunteer(client)
    claim = {"incurred_on": "2026-11-20", "kind": "other", "amount_pence": 450}
    cid = client.post("/facilitators/F-1/expenses", json=claim, headers=coordinator).json()["id"]
    assert client.post(f"/expenses/{cid}/approve", headers=coordinator).status_code == 403


@pytest.mark.parametrize(
    ("claim", "pointer"),
    [
        ({"kind": "other", "amount_pence": -450}, "/body/amount_pence"),
        ({"kind": "mileage", "miles": -3}, "/body/miles"),
        ({"kind": "mileage", "amount_pence": 300}, "/body/miles"),
        ({"kind": "other", "amount_pence": 300, "description": "a\nb"}, "/body/description"),
    ],
)
def test_a_bad_claim_is_refused_naming_its_field_and_nothing_is_written(
    client: TestClient, claim: dict[str, object], pointer: str
) -> None:
    _, mine = volunteer(client)
    answer = client.post("/me/expenses", json={"incurred_on": "2026-11-20"} | claim, headers=mine)
    assert answer.status_code == 422
    assert pointer in [e["pointer"] for e in answer.json()["errors"]]
    assert client.get("/me/expenses", headers=mine).json() == []


def test_a_volunteer_sets_their_own_availability(client: TestClient) -> None:
    coordinator, mine = volunteer(client)
    window = {"unavailable": [{"start": "2026-12-20", "end": "2027-01-03"}]}
    assert client.put("/me/availability", json=window, headers=mine).status_code == 200
    record = client.get("/facilitators/F-1/record", headers=coordinator).json()
    assert record["unavailable"][0]["start"] == "2026-12-20"
