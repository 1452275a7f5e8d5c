"""The venues and prisons registers over HTTP: register, change and import venues (bad input
refused naming the field, nothing written), the sealed and audited booking contact, and the
prisons seeded from the gazetteer with their visit arrangements changed by staff."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from service.workflow.auth import Role
from tests.service.builders import a_facilitator, logged_in

pytestmark = pytest.mark.today("2026-11-25")
CSV_HEADER = "id,name,address,postcode,district,rooms,step_free,hearing_loop,opening,contact\n"


def a_venue(vid: str = "V-1", **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": vid,
        "name": "Colchester Community Centre",
        "address": "1 High Street, Colchester",
        "postcode": "CO1 1AA",
        "rooms": [{"id": "hall", "capacity": 20, "cost_pounds": 25}],
        "step_free": True,
        "hearing_loop": True,
        "opening": {"mon": ["morning", "afternoon"], "wed": ["evening"]},
        "neutral_for": ["victim", "harmer"],
        "risk_notes": "Side entrance lets parties arrive apart",
        "contact": "Jo Booker, 01206 000000",
    }
    return body | fields


def pointers(answer: Any) -> list[str]:
    return [e["pointer"] for e in answer.json()["errors"]]


def test_a_venue_is_registered_placed_by_its_postcode_and_its_contact_sealed_and_audited(
    client: TestClient,
) -> None:
    staff = logged_in(client, Role.COORDINATOR)
    made = client.post("/venues", json=a_venue(), headers=staff)
    assert made.status_code == 201, made.text
    assert (made.json()["district"], made.json()["contact"]) == ("Colchester", None)
    assert made.json()["lat"] == pytest.approx(51.89, abs=0.05)
    listed = client.get("/venues", headers=staff).json()
    assert [(v["id"], v["contact"]) for v in listed] == [("V-1", None)]
    one = client.get("/venues/V-1", headers=staff).json()
    assert one["contact"] == "Jo Booker, 01206 000000"
    app: Any = client.app
    with app.state.sessions() as session:
        stored = session.execute(text("SELECT contact FROM venues")).scalar_one()
    assert "Jo Booker" not in stored  # whole: base64 may hold any two letters by chance
    admin = logged_in(client, Role.ADMIN)
    log = client.get("/audit", params={"entity": "venue"}, headers=admin).json()
    assert [e["action"] for e in log] == ["create", "read"]
    assert "Jo Booker" not in str(log)
    assert client.post("/venues", json=a_venue(), headers=staff).status_code == 409


def test_a_venue_with_no_seat_or_a_postcode_off_the_gazetteer_is_refused_and_not_written(
    client: TestClient,
) -> None:
    staff = logged_in(client, Role.COORDINATOR)
    empty = a_venue(rooms=[{"id": "hall", "capacity": 0}])
    answer = client.post("/venues", json=empty, headers=staff)
    assert answer.status_code == 422
    assert pointers(answer) == ["/body/rooms/0/capacity"]
    answer = client.post("/venues", json=a_venue(postcode="ZZ9 9ZZ"), headers=staff)
    assert answer.status_code == 422
    assert pointers(answer) == ["/body/postcode"]
    answer = client.post("/venues", json=a_venue(district="Atlantis"), headers=staff)
    assert pointers(answer) == ["/body/district"]
    assert client.get("/venues", headers=staff).json() == []


def test_a_venue_is_changed_by_staff_only_and_the_change_is_audited(client: TestClient) -> None:
    staff = logged_in(client, Role.COORDINATOR)
    client.post("/venues", json=a_venue(), headers=staff)
    changed = client.put("/venues/V-1", json=a_venue(step_free=False, contact="Sam"), headers=staff)
    assert changed.status_code == 200, changed.text
    assert (changed.json()["step_free"], changed.json()["version"]) == (False, 2)
    admin = logged_in(client, Role.ADMIN)
    log = client.get("/audit", params={"entity": "venue"}, headers=admin).json()
    assert log[-1]["changes"] == {
        "contact": {"changed": True},
        "step_free": {"from": True, "to": False},
    }
    renamed = client.put("/venues/V-1", json=a_venue("V-2"), headers=staff)
    assert pointers(renamed) == ["/body/id"]
    client.post("/facilitators", json=a_facilitator("F-1"), headers=staff)
    volunteer = logged_in(client, Role.FACILITATOR, "F-1")
    assert client.put("/venues/V-1", json=a_venue(), headers=volunteer).status_code == 403


def test_a_venues_csv_is_imported_whole_or_not_at_all_with_every_bad_row_listed(
    client: TestClient,
) -> None:
    staff = logged_in(client, Role.COORDINATOR)
    bad = CSV_HEADER + (
        "V-1,Hall,,CM1 1AA,,hall:20:25;side:6,yes,no,mon=morning+afternoon,\n"
        "V-2,Barn,,ZZ9 9ZZ,,barn:10,,,,\n"
        "V-3,Room,,CO1 1AA,,room:0,,,,\n"
        "V-4,Hut,,CO2 7AA,,hut:8,,,monday,\n"
        "V-1,Again,,CM2 6LQ,,hall:5,,,,\n"
    )
    answer = client.post(
        "/venues/import", files={"file": ("v.csv", bad, "text/csv")}, headers=staff
    )
    assert answer.status_code == 422
    assert pointers(answer) == [
        "/rows/3/postcode",
        "/rows/4/rooms/0/capacity",
        "/rows/5/opening",
        "/rows/2/id",  # the id twice: both rows named
        "/rows/6/id",
    ]
    assert client.get("/venues", headers=staff).json() == []
    good = CSV_HEADER + (
        "V-1,Hall,,CM1 1AA,,hall:20:25;side:6,yes,no,mon=morning+afternoon,Jo 01245\n"
        "V-2,Barn,,CO2 7AA,Colchester,barn:10,,,,\n"
    )
    answer = client.post(
        "/venues/import", files={"file": ("v.csv", good, "text/csv")}, headers=staff
    )
    assert answer.status_code == 201, answer.text
    assert answer.json() == {"created": 2, "ids": ["V-1", "V-2"]}
    hall = client.get("/venues/V-1", headers=staff).json()
    assert [r["capacity"] for r in hall["rooms"]] == [20, 6]
    assert (hall["step_free"], hall["opening"], hall["contact"]) == (
        True,
        {"mon": ["morning", "afternoon"]},
        "Jo 01245",
    )


def test_the_prisons_come_from_the_gazetteer_and_their_visits_are_changed_by_staff(
    client: TestClient,
) -> None:
    staff = logged_in(client, Role.COORDINATOR)
    listed = client.get("/prisons", headers=staff).json()
    names = [p["name"] for p in listed]
    assert "HMP/YOI Chelmsford" in names
    assert len(names) == 21
    change = {
        "sessions": {"mon": ["morning"], "fri": ["afternoon"]},
        "visitors_per_session": 6,
        "lead_time_working_days": 15,
        "clearance": "prison",
        "visitor_rules": "Photo ID; book through the legal visits line",
    }
    answer = client.put("/prisons/HMP%2FYOI%20Chelmsford", json=change, headers=staff)
    assert answer.status_code == 200, answer.text
    assert (answer.json()["lead_time_working_days"], answer.json()["version"]) == (15, 2)
    too_long = client.put(
        "/prisons/HMP%2FYOI%20Chelmsford",
        json=change | {"lead_time_working_days": 100},
        headers=staff,
    )
    assert pointers(too_long) == ["/body/lead_time_working_days"]
    assert client.get("/prisons/HMP%20Nowhere", headers=staff).status_code == 404
