"""The volunteers' warnings as worklist items, from the records in the store."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.auth import Role
from tests.service.builders import a_facilitator, logged_in

pytestmark = pytest.mark.today("2026-11-25")
SUPERVISED = {"held_on": "2026-11-02", "kind": "group", "supervisor": "coordinator"}


def a_case_ended(client: TestClient, fid: str, partner: str, ended: dt.date) -> None:
    """A closed case that `fid` and `partner` worked on until `ended`, written to the store."""
    app: Any = client.app
    with UnitOfWork(app.state.sessions) as uow:
        case = t.Case(
            id=f"C-{fid}",
            status="closed",
            lat=51.7,
            lon=0.47,
            hours=19.0,
            priority=1,
            requires_both=[],
            requires_either=[],
            created_at=dt.datetime(2026, 1, 1),
            closed_on=ended,
            outcome="completed",
        )
        uow.cases.add(case)
        uow.flush()
        started = ended - dt.timedelta(weeks=6)
        uow.pairs.add(
            t.Pair(
                case_id=case.id,
                facilitator_a=fid,
                facilitator_b=partner,
                started_on=started,
                ended_on=ended,
            )
        )
        uow.commit()


def warnings(client: TestClient, headers: dict[str, str], **params: str) -> list[dict[str, Any]]:
    answer = client.get("/volunteers/warnings", params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()
    return items


def test_the_warnings_list_lapsing_vetting_overdue_supervision_and_idle_volunteers(
    client: TestClient,
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    people = {
        "F-ok": {"vetting_expires": "2027-06-01"},
        "F-vet": {"vetting_expires": "2026-12-20"},
        "F-sup": {"vetting_expires": "2027-06-01"},
    }
    for fid, fields in people.items():
        client.post(
            "/facilitators",
            json=a_facilitator(fid, started_on="2026-01-05", **fields),
            headers=headers,
        )
    for fid in ("F-ok", "F-vet"):
        client.post(f"/facilitators/{fid}/supervisions", json=SUPERVISED, headers=headers)
    for fid in people:
        course = {"course": "refresher", "completed_on": "2026-11-01", "hours": 20}
        client.post(f"/facilitators/{fid}/training", json=course, headers=headers)
    a_case_ended(client, "F-ok", "F-vet", dt.date(2026, 11, 20))
    a_case_ended(client, "F-sup", "F-vet", dt.date(2026, 8, 1))
    items = warnings(client, headers)
    found = {(i["subject_id"], i["kind"], i["urgency"]) for i in items}
    assert found == {
        ("F-vet", "force_expiring", "due_soon"),
        ("F-sup", "supervision_overdue", "overdue"),
        ("F-sup", "no_case", "overdue"),
    }
    vetting = next(i for i in items if i["kind"] == "force_expiring")
    assert "in 25 days (30-day notice)" in vetting["title"]
    assert vetting["link"] == "/facilitators/F-vet"


def test_a_volunteer_who_left_raises_no_warning(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    client.post(
        "/facilitators", json=a_facilitator("F-1", vetting_expires="2026-12-01"), headers=headers
    )
    assert [i["kind"] for i in warnings(client, headers)] == ["force_expiring"]
    client.post(
        "/facilitators/F-1/leave",
        json={"left_on": "2026-11-25", "reason": "moved"},
        headers=headers,
    )
    assert warnings(client, headers) == []


def test_the_warnings_can_be_asked_for_another_day_and_only_by_staff(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    client.post(
        "/facilitators", json=a_facilitator("F-1", vetting_expires="2027-03-01"), headers=headers
    )
    assert warnings(client, headers) == []
    later = [i["kind"] for i in warnings(client, headers, day="2027-01-15")]
    assert later == ["force_expiring", "cpd_short"]
    mine = logged_in(client, Role.FACILITATOR, "F-1")
    assert client.get("/volunteers/warnings", headers=mine).status_code == 403


def test_the_worklist_carries_the_volunteer_warnings_and_a_volunteer_sees_only_their_own(
    client: TestClient,
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    for fid in ("F-1", "F-2"):
        person = a_facilitator(fid, vetting_expires="2026-12-01", started_on="2026-01-05")
        client.post("/facilitators", json=person, headers=headers)
    staff = client.get("/worklist", headers=headers).json()
    lapsing = {(i["subject_id"], i["kind"]) for i in staff if i["subject"] == "facilitator"}
    assert {("F-1", "force_expiring"), ("F-2", "force_expiring")} <= lapsing
    assert ("F-1", "supervision_overdue") in lapsing
    own = client.get("/worklist", headers=logged_in(client, Role.FACILITATOR, "F-1")).json()
    assert own
    assert {i["subject_id"] for i in own} == {"F-1"}
