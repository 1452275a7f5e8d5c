"""The recruitment pipeline through the API: dated stages in order, the facilitator record a
recruit becomes, leaving kept in step, and the funnel of a cohort."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from service.workflow.auth import Role
from tests.service.builders import logged_in

pytestmark = pytest.mark.today("2026-11-25")
STEPS = [
    ("interviewed", "2026-06-10"),
    ("trained", "2026-07-01"),
    ("vetting_submitted", "2026-07-03"),
    ("vetted", "2026-09-14"),
]
NEW = {"id": "F-120", "weekly_hours": 6, "max_cases": 2}


def an_applicant(
    client: TestClient, headers: dict[str, str], rid: str = "A-1", **fields: Any
) -> None:
    body = {
        "id": rid,
        "name": "Sam Applicant",
        "home_outcode": "CO1",
        "district": "Colchester",
        "applied_on": "2026-06-01",
    } | fields
    answer = client.post("/recruits", json=body, headers=headers)
    assert answer.status_code == 201, answer.text


def moved(
    client: TestClient, headers: dict[str, str], rid: str, stage: str, on: str, **more: Any
) -> Any:
    return client.post(
        f"/recruits/{rid}/stages", json={"stage": stage, "on": on} | more, headers=headers
    )


def walked_to_vetted(client: TestClient, headers: dict[str, str], rid: str = "A-1") -> None:
    for stage, on in STEPS:
        assert moved(client, headers, rid, stage, on).status_code == 200


def test_a_recruit_becomes_a_trained_and_vetted_facilitator_when_first_active(
    client: TestClient,
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    an_applicant(client, headers)
    walked_to_vetted(client, headers)
    answer = moved(client, headers, "A-1", "active", "2026-09-21", facilitator=NEW)
    assert answer.status_code == 200, answer.text
    assert (answer.json()["stage"], answer.json()["facilitator_id"]) == ("active", "F-120")
    record = client.get("/facilitators/F-120/record", headers=headers).json()
    assert record["started_on"] == "2026-09-21"
    assert record["commitment_until"] == "2027-09-21"
    assert record["force_vetting_expires"] == "2027-09-14"
    assert [(t["course"], t["completed_on"]) for t in record["training"]] == [
        ("practitioner", "2026-07-01")
    ]


def test_stages_are_reached_in_order_and_never_before_the_one_before(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    an_applicant(client, headers)
    skipped = moved(client, headers, "A-1", "trained", "2026-07-01")
    assert skipped.status_code == 409
    assert skipped.json()["errors"][0]["pointer"] == "/body/stage"
    early = moved(client, headers, "A-1", "interviewed", "2026-05-01")
    assert early.status_code == 422
    assert early.json()["errors"][0]["pointer"] == "/body/on"
    assert len(client.get("/recruits/A-1", headers=headers).json()["stages"]) == 1


def test_becoming_active_needs_the_facilitator_details(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    an_applicant(client, headers)
    walked_to_vetted(client, headers)
    answer = moved(client, headers, "A-1", "active", "2026-09-21")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/body/facilitator"
    assert client.get("/recruits/A-1", headers=headers).json()["stage"] == "vetted"


def test_an_unknown_home_outcode_is_refused(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    body = {"id": "A-1", "home_outcode": "ZZ9", "applied_on": "2026-06-01"}
    answer = client.post("/recruits", json=body, headers=headers)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/body/home_outcode"


def test_pausing_and_leaving_keep_the_facilitator_record_in_step(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    an_applicant(client, headers)
    walked_to_vetted(client, headers)
    moved(client, headers, "A-1", "active", "2026-09-21", facilitator=NEW)
    moved(client, headers, "A-1", "paused", "2026-10-01")
    assert client.get("/facilitators/F-120", headers=headers).json()["active"] is False
    moved(client, headers, "A-1", "active", "2026-10-20")
    assert client.get("/facilitators/F-120", headers=headers).json()["active"] is True
    leave = {"left_on": "2026-11-20", "reason": "new job"}
    assert client.post("/facilitators/F-120/leave", json=leave, headers=headers).status_code == 200
    assert client.get("/recruits/A-1", headers=headers).json()["stage"] == "left"


def test_the_funnel_shows_how_many_trained_started_and_how_long_vetting_took(
    client: TestClient,
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    for i in range(5):
        an_applicant(client, headers, f"A-{i}")
        for stage, on in STEPS if i < 2 else STEPS[:3]:
            assert moved(client, headers, f"A-{i}", stage, on).status_code == 200
    for i in range(2):
        moved(client, headers, f"A-{i}", "active", "2026-09-21", facilitator=NEW | {"id": f"F-{i}"})
    funnel = client.get(
        "/recruits/funnel", params={"from": "2026-04-01", "to": "2027-03-31"}, headers=headers
    ).json()
    rows = {r["stage"]: r for r in funnel["rows"]}
    assert (funnel["recruits"], rows["trained"]["reached"], rows["active"]["reached"]) == (5, 5, 2)
    vetting = rows["vetting_submitted"]
    assert (vetting["moved_on"], vetting["waiting"], vetting["days_median"]) == (2, 3, 73)
    assert vetting["waiting_days_median"] == 145
    mine = logged_in(client, Role.FACILITATOR, "F-0")
    assert (
        client.get(
            "/recruits/funnel", params={"from": "2026-04-01", "to": "2027-03-31"}, headers=mine
        ).status_code
        == 403
    )


def test_a_recruits_name_outcode_and_notes_are_stored_sealed_and_each_read_is_audited(
    client: TestClient,
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    an_applicant(client, headers)
    moved(client, headers, "A-1", "interviewed", "2026-06-10", note="prefers evenings")
    app: Any = client.app
    with app.state.sessions() as session:
        stored = session.execute(
            text(
                "SELECT r.name, r.home_outcode, s.note FROM recruits r "
                "JOIN recruit_stages s ON s.recruit_id = r.id WHERE s.note IS NOT NULL"
            )
        ).one()
    assert "Sam Applicant" not in stored[0]  # whole: base64 may hold "Sam" by chance
    assert stored[1] != "CO1"
    assert "evenings" not in stored[2]
    shown = client.get("/recruits/A-1", headers=headers).json()
    assert (shown["name"], shown["home_outcode"]) == ("Sam Applicant", "CO1")
    assert shown["stages"][-1]["note"] == "prefers evenings"
    admin = logged_in(client, Role.ADMIN)
    audit = client.get("/audit", params={"entity": "recruit"}, headers=admin).json()
    assert [e["changes"] for e in audit if e["action"] == "read"] == [
        {"fields": ["home_outcode", "name", "note"]}
    ]


def test_a_recruit_says_which_stages_come_next_and_the_pipeline_lists_them_without_names(
    client: TestClient,
) -> None:
    from service.store.uow import UnitOfWork
    from service.workflow import recruitment

    headers = logged_in(client, Role.COORDINATOR)
    an_applicant(client, headers)
    an_applicant(client, headers, "A-2")
    walked_to_vetted(client, headers)
    read = client.get("/recruits/A-1", headers=headers).json()
    assert read["next_stages"] == ["active", "left"]
    assert client.get("/recruits/A-2", headers=headers).json()["next_stages"] == [
        "interviewed",
        "left",
    ]
    app: Any = client.app
    with UnitOfWork(app.state.sessions, app.state.clock) as uow:
        lines = recruitment.pipeline(uow)
    assert [(r.id, r.stage.value, r.since.isoformat()) for r in lines] == [
        ("A-1", "vetted", "2026-09-14"),
        ("A-2", "applicant", "2026-06-01"),
    ]
    assert "Sam Applicant" not in str([r.model_dump() for r in lines])
