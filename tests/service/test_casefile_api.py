"""The case file through the API, one case from referral to evaluation, across Easter 2026: its
parties (sealed, every read audited), contacts (status and take-up derived), clocks on working
days, the worklist, the outcome in the seeds' words and the feedback; bad input refused by
field with nothing written; facilitators only on their own cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from service.clock import SERVICE_ZONE
from service.server import create_app
from service.workflow.auth import Role
from tests.service.builders import PASSWORD, a_facilitator, a_referral, logged_in
from tests.service.conftest import settings_for

HARMED = {"role": "harmed", "age_band": "25_64", "details": {"name": "Ann Harmed"}}
RESPONSIBLE = {"role": "responsible", "age_band": "under_18", "channel": "letter"}


def at(day: str) -> Any:
    """The service's clock at 09:00 in England on `day` (ticking)."""
    when = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(9), SERVICE_ZONE)
    return time_machine.travel(when, tick=True)


@pytest.fixture
def api(engine: Engine, database_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(settings_for(database_url))) as client:
        yield client


@pytest.fixture
def staff(api: TestClient) -> dict[str, str]:
    return logged_in(api, Role.COORDINATOR)


def _accepted_before_easter(api: TestClient, staff: dict[str, str]) -> None:
    with at("2026-04-02"):
        sent = api.post("/referrals", json=a_referral("R-1", received="2026-03-31"), headers=staff)
        assert sent.status_code == 201, sent.text
        screened = api.post("/referrals/R-1/screen", json={}, headers=staff).json()
    assert screened["case_id"] == "R-1"


def again(api: TestClient) -> dict[str, str]:
    """The coordinator logged in again (a token lasts hours; these tests move days on)."""
    body = {"username": "coordinator-x", "password": PASSWORD}
    token = api.post("/auth/token", json=body).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


def _error(answer: Any) -> tuple[int, str]:
    (error,) = answer.json()["errors"]
    return answer.status_code, error["pointer"]


def test_parties_are_sealed_their_reads_audited_and_bad_parties_refused_by_field(
    api: TestClient, staff: dict[str, str], engine: Engine
) -> None:
    _accepted_before_easter(api, staff)
    with at("2026-04-07"):
        staff = again(api)
        harmed = api.post("/cases/R-1/parties", json=HARMED, headers=staff)
        young = api.post("/cases/R-1/parties", json=RESPONSIBLE, headers=staff).json()
        no_role = api.post("/cases/R-1/parties", json={"age_band": "25_64"}, headers=staff)
        lone = api.post("/cases/R-1/parties", json={"role": "supporter"}, headers=staff)
        listed = api.get("/cases/R-1/parties", headers=staff).json()
        audit = api.get("/audit?entity=party", headers=logged_in(api, Role.ADMIN))
    assert harmed.status_code == 201
    assert (young["youth_route"], young["status"], young["took_up"]) == (
        True,
        "not_contacted",
        False,
    )
    assert _error(no_role) == (422, "/body/role")
    assert _error(lone) == (422, "/body/supports")
    assert [p["role"] for p in listed] == ["harmed", "responsible"]
    assert listed[0]["details"]["name"] == "Ann Harmed"
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT details FROM parties")).scalars().all()
    # whole names: a sealed value is base64 and may hold any short run of letters by chance
    assert "Ann Harmed" not in str(stored)
    assert "Ann Harmed" not in audit.text
    assert {"action": "read", "changes": {"fields": ["details"]}}.items() <= next(
        e for e in audit.json() if e["action"] == "read"
    ).items()


def test_a_contact_before_the_referral_or_in_the_future_is_refused_and_nothing_is_written(
    api: TestClient, staff: dict[str, str]
) -> None:
    _accepted_before_easter(api, staff)
    with at("2026-04-07"):
        staff = again(api)
        party = api.post("/cases/R-1/parties", json=HARMED, headers=staff).json()["id"]
        call = {"party": party, "kind": "call", "outcome": "no_answer"}
        early = api.post(
            "/cases/R-1/contacts", json=call | {"made_on": "2026-03-30"}, headers=staff
        )
        late = api.post("/cases/R-1/contacts", json=call | {"made_on": "2026-04-08"}, headers=staff)
        stranger = api.post(
            "/cases/R-1/contacts", json=call | {"made_on": "2026-04-07", "party": 99}, headers=staff
        )
        logged = api.get("/cases/R-1/contacts", headers=staff).json()
    assert _error(early) == (422, "/body/made_on")
    assert "before the referral was received (2026-03-31)" in early.json()["errors"][0]["message"]
    assert _error(late) == (422, "/body/made_on")
    assert _error(stranger) == (404, "/body/party")
    assert logged == []


def test_one_case_from_referral_to_evaluation_with_its_clocks_across_easter(
    api: TestClient, staff: dict[str, str]
) -> None:
    _accepted_before_easter(api, staff)
    with at("2026-04-07"):
        staff = again(api)
        harmed = api.post("/cases/R-1/parties", json=HARMED, headers=staff).json()["id"]
        worklist = api.get("/worklist", headers=staff).json()
    items = [(i["kind"], i["due"], i["urgency"]) for i in worklist]
    assert items == [
        ("clock:referrer-acknowledged", "2026-04-02", "overdue"),  # received 31 March + 2
        ("clock:referrer-updated-at-acceptance", "2026-04-08", "due_soon"),  # Easter skipped
    ]
    with at("2026-04-08"):
        staff = again(api)
        call = {"party": harmed, "kind": "call", "made_on": "2026-04-08", "outcome": "agreed"}
        assert api.post("/cases/R-1/contacts", json=call, headers=staff).status_code == 201
        update = {"counterpart": "referrer", "kind": "email", "purpose": "update"}
        update |= {"made_on": "2026-04-08", "outcome": "sent"}
        assert api.post("/cases/R-1/contacts", json=update, headers=staff).status_code == 201
        party = api.get("/cases/R-1/parties", headers=staff).json()[0]
        timeline = api.get("/cases/R-1/timeline", headers=staff).json()
        open_outcome = api.put("/cases/R-1/outcome", json={"outcome": "no_outcome"}, headers=staff)
        no_method = api.post("/cases/R-1/close", json={"outcome": "direct"}, headers=staff)
        closed = api.post(
            "/cases/R-1/close", json={"outcome": "direct", "method": "conference"}, headers=staff
        )
        outcome = api.get("/cases/R-1/outcome", headers=staff).json()
        evaluation = {"party": harmed, "received_on": "2026-04-08", "satisfaction": 5}
        evaluation |= {"would_recommend": True, "comments": "I slept well for the first time."}
        feedback = api.post("/cases/R-1/evaluations", json=evaluation, headers=staff)
    assert (party["status"], party["took_up"]) == ("agreed", True)
    clocks = {c["id"]: (c["due"], c["state"]) for c in timeline["clocks"]}
    assert clocks["harmed-first-contact"] == ("2026-04-13", "met")
    assert clocks["referrer-updated-at-acceptance"] == ("2026-04-08", "met")
    assert clocks["referrer-acknowledged"] == ("2026-04-02", "overdue")
    assert _error(open_outcome) == (409, "/path/case_id")
    assert _error(no_method) == (422, "/body/method")
    assert closed.status_code == 200, closed.text
    assert (outcome["kind"], outcome["method"], outcome["positive"]) == (
        "direct",
        "conference",
        True,
    )
    assert feedback.status_code == 201, feedback.text
    (returned,) = feedback.json()["evaluations"]
    assert (returned["satisfaction"], returned["comments"]) == (
        5,
        "I slept well for the first time.",
    )


def test_the_old_closing_words_are_refused_with_what_to_send_instead(
    api: TestClient, staff: dict[str, str]
) -> None:
    _accepted_before_easter(api, staff)
    answer = api.post("/cases/R-1/close", json={"outcome": "completed"}, headers=staff)
    assert _error(answer) == (422, "/body/outcome")
    assert "direct (with method conference or panel)" in answer.json()["errors"][0]["message"]


def test_a_facilitator_sees_and_logs_contacts_only_on_the_cases_they_are_on(
    api: TestClient, staff: dict[str, str]
) -> None:
    _accepted_before_easter(api, staff)
    with at("2026-04-07"):
        staff = again(api)
        api.post("/facilitators", json=a_facilitator("F-1"), headers=staff)
        party = api.post("/cases/R-1/parties", json=HARMED, headers=staff).json()["id"]
        outsider = logged_in(api, Role.FACILITATOR, "F-1")
        call = {"party": party, "kind": "call", "made_on": "2026-04-07", "outcome": "spoke"}
        for answer in (
            api.get("/cases/R-1/parties", headers=outsider),
            api.post("/cases/R-1/contacts", json=call, headers=outsider),
            api.get("/cases/R-1/timeline", headers=outsider),
        ):
            assert answer.status_code == 403
        assert api.get("/worklist", headers=outsider).json() == []
        manager = logged_in(api, Role.MANAGER)
        assert api.get("/cases/R-1/parties", headers=manager).status_code == 200
        assert api.post("/cases/R-1/contacts", json=call, headers=manager).status_code == 403


def test_a_held_referral_updated_after_sentencing_is_screened_again_keeping_both_decisions(
    api: TestClient, staff: dict[str, str]
) -> None:
    held = a_referral("R-2", received="2026-12-01", court="pending")
    with at("2026-12-02"):
        api.post("/referrals", json=held, headers=staff)
        first = api.post("/referrals/R-2/screen", json={}, headers=staff).json()
        review = {"review_on": "2026-12-29", "reason": "after sentencing on 23 December"}
        assert api.put("/referrals/R-2/review", json=review, headers=staff).status_code == 200
    assert first["decision"]["decision"] == "hold"
    with at("2026-12-23"):
        staff = again(api)
        due = api.get("/worklist", headers=staff).json()
    assert [(i["kind"], i["due"], i["urgency"]) for i in due] == [
        ("hold_review", "2026-12-29", "due_soon")  # 24th, then 29th after Christmas
    ]
    with at("2026-12-29"):
        staff = again(api)
        sentenced = held | {"court": "sentenced"}
        rescreened = api.put("/referrals/R-2", json={"referral": sentenced}, headers=staff).json()
        decisions = api.get(
            "/audit?entity=referral&entity_id=R-2", headers=logged_in(api, Role.ADMIN)
        )
        accepted_worklist = [i["kind"] for i in api.get("/worklist", headers=staff).json()]
    assert (rescreened["decision"]["decision"], rescreened["case_id"]) == ("accept", "R-2")
    screens = [e["changes"]["decision"] for e in decisions.json() if e["action"] == "screen"]
    assert screens == ["hold", "accept"]
    assert "hold_review" not in accepted_worklist


def test_onward_referrals_are_listed_oldest_first_with_their_notes_for_staff_only(
    api: TestClient, staff: dict[str, str], engine: Engine
) -> None:
    _accepted_before_easter(api, staff)
    with at("2026-04-09"):
        staff = again(api)
        api.post("/facilitators", json=a_facilitator("F-1"), headers=staff)
        party = api.post("/cases/R-1/parties", json=RESPONSIBLE, headers=staff).json()["id"]
        later = {"party": party, "agency": "housing", "on": "2026-04-09", "note": "Tenancy"}
        first = {"agency": "probation", "on": "2026-04-08"}
        future = {"agency": "probation", "on": "2026-04-10"}
        stranger = {"party": 99, "agency": "probation", "on": "2026-04-08"}
        assert api.post("/cases/R-1/onward-referrals", json=later, headers=staff).status_code == 201
        assert api.post("/cases/R-1/onward-referrals", json=first, headers=staff).status_code == 201
        refused = api.post("/cases/R-1/onward-referrals", json=future, headers=staff)
        unknown = api.post("/cases/R-1/onward-referrals", json=stranger, headers=staff)
        listed = api.get("/cases/R-1/onward-referrals", headers=staff).json()
        outsider = logged_in(api, Role.FACILITATOR, "F-1")
        barred = api.get("/cases/R-1/onward-referrals", headers=outsider)
    assert [(o["agency"], o["on"], o["note"]) for o in listed] == [
        ("probation", "2026-04-08", None),
        ("housing", "2026-04-09", "Tenancy"),
    ]
    assert _error(refused) == (422, "/body/on")
    assert unknown.status_code == 404  # no party 99 on this case
    assert barred.status_code == 403
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT note FROM onward_referrals WHERE note IS NOT NULL"))
        assert "Tenancy" not in stored.scalar_one()  # sealed at rest
