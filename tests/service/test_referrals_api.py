"""Referrals over HTTP: receive, import, list, screen under a named policy."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.workflow.auth import Role
from tests.service.builders import a_referral, logged_in


def test_a_referral_is_received_and_listed(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    assert client.post("/referrals", json=a_referral("R-1"), headers=headers).status_code == 201
    assert client.post("/referrals", json=a_referral("R-1"), headers=headers).status_code == 409
    listed = client.get("/referrals", params={"district": "Chelmsford"}, headers=headers).json()
    assert [r["referral"]["id"] for r in listed] == ["R-1"]
    assert client.get("/referrals", params={"district": "Harlow"}, headers=headers).json() == []


def test_a_bad_referral_is_refused_with_the_fields_at_fault(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    answer = client.post("/referrals", json=a_referral(route="carrier pigeon"), headers=headers)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/body/route"


def test_screening_stores_the_decision_with_reasons_and_opens_a_case(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    client.post("/referrals", json=a_referral("R-1"), headers=headers)
    answer = client.post("/referrals/R-1/screen", json={"policy": "essex-2015"}, headers=headers)
    assert answer.status_code == 200
    body = answer.json()
    assert body["decision"]["decision"] == "accept"
    assert body["decision"]["policy"] == "essex-2015"
    assert body["case_id"] == "R-1"
    stored = client.get("/referrals/R-1", headers=headers).json()
    assert stored["decision"]["policy"] == "essex-2015"
    case = client.get("/cases/R-1", headers=headers).json()
    assert case["facilitators"] == []
    assert (
        client.get("/cases", params={"unallocated": True}, headers=headers).json()[0]["id"] == "R-1"
    )


def test_domestic_abuse_is_declined_under_2015_and_accepted_under_2018(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    client.post(
        "/referrals", json=a_referral("R-1", flags={"domestic_abuse": True}), headers=headers
    )
    old = client.post(
        "/referrals/R-1/screen", json={"policy": "essex-2015"}, headers=headers
    ).json()
    new = client.post(
        "/referrals/R-1/screen", json={"policy": "essex-2018"}, headers=headers
    ).json()
    assert old["decision"]["decision"] == "decline"
    assert old["decision"]["reasons"]
    assert new["decision"]["decision"] == "accept"
    assert (
        "dv" in new["decision"]["requirements"]["both"] + new["decision"]["requirements"]["either"]
    )
    declined = client.get("/referrals", params={"decision": "decline"}, headers=headers).json()
    assert declined == []


def test_an_unknown_policy_or_referral_is_a_clear_error(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    client.post("/referrals", json=a_referral("R-1"), headers=headers)
    unknown = client.post("/referrals/R-1/screen", json={"policy": "/etc/passwd"}, headers=headers)
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["pointer"] == "/body/policy"
    assert client.post("/referrals/R-9/screen", json={}, headers=headers).status_code == 404


def test_a_csv_of_referrals_is_imported_all_or_nothing(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    header = (
        "id,received,referrer.organisation,route,case_type,court,youth.under_18,youth.youth_justice,"
        "consent.victim,consent.perpetrator,responsibility_accepted,restorative_element,district,location.outcode\n"
    )
    rest = (
        "police,community_resolution,low_level_crime,none,"
        "false,false,true,true,true,true,Harlow,CM20"
    )
    good = f"R-1,2026-11-18,{rest}\n"
    bad = f"R-2,2026-13-45,{rest}\n"
    refused = client.post(
        "/referrals/import", files={"file": ("r.csv", header + good + bad)}, headers=headers
    )
    assert refused.status_code == 422
    assert "row 3" in refused.json()["errors"][0]["pointer"]
    assert client.get("/referrals", headers=headers).json() == []
    accepted = client.post(
        "/referrals/import", files={"file": ("r.csv", header + good)}, headers=headers
    )
    assert accepted.json() == {"created": 1, "ids": ["R-1"]}


def test_the_policy_in_force_is_changed_by_a_manager_and_audited(client: TestClient) -> None:
    manager = logged_in(client, Role.MANAGER)
    assert client.get("/policies", headers=manager).json()["in_force"] == "essex-2018"
    assert (
        client.put("/policies/in-force", json={"policy": "essex-2015"}, headers=manager).status_code
        == 200
    )
    assert client.get("/policies", headers=manager).json()["in_force"] == "essex-2015"
    log = client.get("/audit", params={"entity": "policy"}, headers=manager).json()
    assert log[0]["changes"] == {"from": None, "to": "essex-2015"}
    assert (
        client.put("/policies/in-force", json={"policy": "nope"}, headers=manager).status_code
        == 422
    )


def test_a_csv_with_a_lone_carriage_return_or_an_oversized_cell_is_a_422_naming_the_row(
    client: TestClient,
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    for path in ("/referrals/import", "/facilitators/import"):
        lone_cr = client.post(path, files={"file": ("r.csv", "id\n\ra\n")}, headers=headers)
        assert lone_cr.status_code == 422, (path, lone_cr.text)
        huge = '"' + "x" * 200_000 + '"\n'
        oversized = client.post(path, files={"file": ("r.csv", huge)}, headers=headers)
        assert oversized.status_code == 422, (path, oversized.text)
        assert oversized.json()["errors"][0]["pointer"] in ("row 1", "/rows/1")
