"""The whole morning workflow through the HTTP API: screen, propose, adjust, commit, re-plan."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.workflow.auth import Role
from tests.service.builders import a_facilitator, a_referral, logged_in
from tests.service.builders import proposed as proposed_as_of

AS_OF = "2026-11-23"
PEOPLE = [("F-1", "CM1", True), ("F-2", "CM2", False), ("F-3", "CM1", True), ("F-4", "CM3", False)]


@pytest.fixture
def coordinator(client: TestClient) -> dict[str, str]:
    """A coordinator's headers, with four facilitators and three screened referrals in store."""
    headers = logged_in(client, Role.COORDINATOR)
    for fid, outcode, experienced in PEOPLE:
        body = a_facilitator(fid, home={"outcode": outcode}, experienced=experienced)
        assert client.post("/facilitators", json=body, headers=headers).status_code == 201
    for rid in ("R-1", "R-2", "R-3"):
        client.post("/referrals", json=a_referral(rid), headers=headers)
        screened = client.post(f"/referrals/{rid}/screen", json={}, headers=headers)
        assert screened.json()["decision"]["decision"] == "accept"
    return headers


def propose(client: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    return proposed_as_of(client, headers, AS_OF)


def test_the_morning_allocation_is_proposed_explained_and_committed_once(
    client: TestClient, coordinator: dict[str, str]
) -> None:
    proposal = propose(client, coordinator)
    pairs = {a["case"]: a["facilitators"] for a in proposal["result"]["assignments"]}
    assert set(pairs) | {u["case"] for u in proposal["result"]["unallocated"]} == {
        "R-1",
        "R-2",
        "R-3",
    }
    assert all(a["explanation"] for a in proposal["result"]["assignments"])
    assert {c["case"] for c in proposal["changes"]} == set(pairs)
    read = client.get(f"/proposals/{proposal['id']}", headers=coordinator).json()
    assert read["result"] == proposal["result"]
    url = f"/proposals/{proposal['id']}/commit"
    first = client.post(url, headers=coordinator | {"Idempotency-Key": "k-1"})
    again = client.post(url, headers=coordinator | {"Idempotency-Key": "k-1"})
    assert first.status_code == 200, first.text
    assert again.json() == first.json()
    assert client.post(url, headers=coordinator).status_code == 409
    for case, pair in pairs.items():
        stored = client.get(f"/cases/{case}", headers=coordinator).json()
        assert sorted(stored["facilitators"]) == sorted(pair)
    audit = client.get(
        "/audit", params={"entity": "case"}, headers=logged_in(client, Role.ADMIN)
    ).json()
    assert {e["entity_id"] for e in audit if e["action"] == "pair"} == set(pairs)


def test_a_commit_is_refused_with_409_when_a_facilitator_changed_since_the_proposal(
    client: TestClient, coordinator: dict[str, str]
) -> None:
    proposal = propose(client, coordinator)
    client.patch("/facilitators/F-4", json={"weekly_hours": 1}, headers=coordinator)
    refused = client.post(f"/proposals/{proposal['id']}/commit", headers=coordinator)
    assert refused.status_code == 409
    assert "changed since" in refused.json()["errors"][0]["message"]
    assert client.get("/cases", params={"unallocated": True}, headers=coordinator).json()


def test_an_idempotency_key_cannot_be_reused_for_another_proposal(
    client: TestClient, coordinator: dict[str, str]
) -> None:
    first = propose(client, coordinator)
    second = client.post(f"/proposals/{first['id']}/resolve", json={}, headers=coordinator).json()
    key = {"Idempotency-Key": "same"}
    assert (
        client.post(f"/proposals/{first['id']}/commit", headers=coordinator | key).status_code
        == 200
    )
    reused = client.post(f"/proposals/{second['id']}/commit", headers=coordinator | key)
    assert reused.status_code == 409
    assert reused.json()["errors"][0]["pointer"] == "/headers/idempotency-key"


def test_a_coordinator_pins_and_forbids_then_re_solves(
    client: TestClient, coordinator: dict[str, str]
) -> None:
    proposal = propose(client, coordinator)
    controls = {
        "pins": [{"case": "R-1", "facilitators": ["F-3", "F-4"]}],
        "forbids": [{"case": "R-2", "facilitator": "F-1"}],
    }
    child = client.post(f"/proposals/{proposal['id']}/resolve", json=controls, headers=coordinator)
    assert child.status_code == 201, child.text
    body = child.json()
    pairs = {a["case"]: a["facilitators"] for a in body["result"]["assignments"]}
    assert sorted(pairs["R-1"]) == ["F-3", "F-4"]
    assert "F-1" not in pairs.get("R-2", [])
    assert body["parent_id"] == proposal["id"]
    assert body["controls"]["pins"][0]["case"] == "R-1"
    assert client.post(f"/proposals/{body['id']}/commit", headers=coordinator).status_code == 200
    stored = client.get("/cases/R-1", headers=coordinator).json()
    assert sorted(stored["facilitators"]) == ["F-3", "F-4"]


def test_controls_naming_unknown_cases_or_people_are_422(
    client: TestClient, coordinator: dict[str, str]
) -> None:
    proposal = propose(client, coordinator)
    url = f"/proposals/{proposal['id']}/resolve"
    bad_case = client.post(
        url, json={"forbids": [{"case": "R-9", "facilitator": "F-1"}]}, headers=coordinator
    )
    bad_person = client.post(
        url, json={"forbids": [{"case": "R-1", "facilitator": "F-9"}]}, headers=coordinator
    )
    assert bad_case.status_code == 422
    assert bad_case.json()["errors"][0]["pointer"] == "/body/forbids/0/case"
    assert bad_person.status_code == 422


def test_alternatives_show_other_valid_pairs_with_metric_deltas(
    client: TestClient, coordinator: dict[str, str]
) -> None:
    proposal = propose(client, coordinator)
    case = proposal["result"]["assignments"][0]["case"]
    answer = client.get(
        f"/proposals/{proposal['id']}/cases/{case}/alternatives", headers=coordinator
    )
    assert answer.status_code == 200, answer.text
    options = answer.json()
    assert options
    assert all(len(o["pair"]) == 2 and "travel_km" in o["delta"] for o in options)
    missing = client.get(f"/proposals/{proposal['id']}/cases/R-9/alternatives", headers=coordinator)
    assert missing.status_code == 404


def test_a_facilitator_sees_their_own_cases_and_nothing_else(
    client: TestClient, coordinator: dict[str, str]
) -> None:
    proposal = propose(client, coordinator)
    client.post(f"/proposals/{proposal['id']}/commit", headers=coordinator)
    pairs = {a["case"]: a["facilitators"] for a in proposal["result"]["assignments"]}
    fid = next(iter(pairs.values()))[0]
    mine = logged_in(client, Role.FACILITATOR, fid)
    own = client.get("/me/cases", headers=mine).json()
    assert {c["id"] for c in own} == {case for case, pair in pairs.items() if fid in pair}
    others = [case for case, pair in pairs.items() if fid not in pair]
    for case in others:
        assert client.get(f"/cases/{case}", headers=mine).status_code == 403
    assert client.get("/cases", headers=mine).status_code == 403
    assert client.get("/facilitators", headers=mine).status_code == 403
    assert client.get("/referrals", headers=mine).status_code == 403


def test_a_replan_moves_only_the_cases_of_the_absent_facilitator(
    client: TestClient, coordinator: dict[str, str]
) -> None:
    proposal = propose(client, coordinator)
    client.post(f"/proposals/{proposal['id']}/commit", headers=coordinator)
    pairs = {a["case"]: a["facilitators"] for a in proposal["result"]["assignments"]}
    gone = next(iter(pairs.values()))[0]
    body = {"facilitator": gone, "reason": "unavailable", "from_date": AS_OF, "as_of": AS_OF}
    replan = client.post("/replans", json=body, headers=coordinator)
    assert replan.status_code == 201, replan.text
    moved = {c["case"] for c in replan.json()["changes"]}
    assert moved == {case for case, pair in pairs.items() if gone in pair}
    for change in replan.json()["changes"]:
        assert gone not in change["after"]
    committed = client.post(f"/proposals/{replan.json()['id']}/commit", headers=coordinator)
    assert committed.status_code == 200, committed.text
    facilitator = client.get(f"/facilitators/{gone}", headers=coordinator).json()
    assert facilitator["current_cases"] == []
    assert facilitator["unavailable"][-1]["start"] == AS_OF


def test_a_replan_for_an_unknown_facilitator_or_past_date_is_refused(
    client: TestClient, coordinator: dict[str, str]
) -> None:
    unknown = {"facilitator": "F-9", "reason": "vetting_lapsed", "from_date": AS_OF, "as_of": AS_OF}
    assert client.post("/replans", json=unknown, headers=coordinator).status_code == 404
    past = {
        "facilitator": "F-1",
        "reason": "unavailable",
        "from_date": "2026-01-01",
        "as_of": AS_OF,
    }
    answer = client.post("/replans", json=past, headers=coordinator)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/body/from_date"


@pytest.mark.today("2026-11-20")
def test_a_waiting_case_gains_priority_as_the_days_pass_not_when_it_was_screened(
    client: TestClient, coordinator: dict[str, str]
) -> None:
    # the referrals were received on 2026-11-18 and screened two days later
    for as_of, priority in (("2026-11-23", 1), ("2026-11-28", 1), ("2026-11-29", 2)):
        result = proposed_as_of(client, coordinator, as_of)["result"]
        allocated = len(result["assignments"])
        assert allocated > 0
        assert result["metrics"]["allocated_weight"] == priority * allocated, as_of
    stored = client.get("/cases/R-1", headers=coordinator).json()
    assert stored["priority"] == 1, "the stored priority is the case's base, not a day's"


def test_the_same_store_and_options_give_the_same_proposal_and_say_how_it_was_solved(
    client: TestClient, coordinator: dict[str, str]
) -> None:
    first, second = (propose(client, coordinator) for _ in range(2))
    for proposal in (first, second):
        assert proposal["solve"] == {
            "time_limit_s": 5.0,
            "workers": None,
            "seed": 0,
            "travel_slack_percent": 0.0,
        }
        proposal["result"]["metrics"].pop("solve_seconds")
    assert first["result"]["status"] == "optimal"
    assert first["result"] == second["result"]
    assert first["changes"] == second["changes"]
