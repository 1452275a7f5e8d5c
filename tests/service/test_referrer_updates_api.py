"""Referrer updates through the API: each kind of message filled from the case (roles and
statuses, never a party's name), logged as a contact that stops its clock, downloaded as .txt
and as an unsent .eml; refused by field when it does not fit the case, nothing written."""

from __future__ import annotations

import email
from collections.abc import Iterator
from email.message import Message
from email.policy import default

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from service.server import create_app
from service.workflow.auth import Role
from tests.service.builders import a_facilitator, a_referral, logged_in
from tests.service.conftest import settings_for
from tests.service.test_casefile_api import HARMED, again, at

UPDATES = "/cases/R-1/referrer-updates"


@pytest.fixture
def api(engine: Engine, database_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(settings_for(database_url))) as client:
        yield client


@pytest.fixture
def staff(api: TestClient) -> dict[str, str]:
    headers = logged_in(api, Role.COORDINATOR)
    with at("2026-04-02"):
        referral = a_referral("R-1", received="2026-03-31")
        sent = api.post("/referrals", json=referral, headers=headers)
        assert sent.status_code == 201, sent.text
        assert api.post("/referrals/R-1/screen", json={}, headers=headers).status_code == 200
    return headers


def _error(answer: object) -> tuple[int, str]:
    (error,) = answer.json()["errors"]  # type: ignore[attr-defined]
    return answer.status_code, error["pointer"]  # type: ignore[attr-defined]


def test_an_acknowledgement_is_logged_stops_its_clock_and_downloads_as_text_and_eml(
    api: TestClient, staff: dict[str, str]
) -> None:
    with at("2026-04-02"):
        staff = again(api)
        preview = api.get(f"{UPDATES}/preview?kind=acknowledgement", headers=staff).json()
        sent = api.post(UPDATES, json={"kind": "acknowledgement"}, headers=staff)
        contact = sent.json()["contact_id"]
        text = api.get(f"{UPDATES}/{contact}/message.txt", headers=staff)
        eml = api.get(f"{UPDATES}/{contact}/message.eml", headers=staff)
        clocks = api.get("/cases/R-1/timeline", headers=staff).json()["clocks"]
        audit = api.get(
            f"/audit?entity=contact&entity_id={contact}", headers=logged_in(api, Role.ADMIN)
        ).json()
    assert preview["subject"] == "Referral R-1 received"
    assert "received on Tuesday 31 March 2026" in preview["body"]
    assert sent.status_code == 201, sent.text
    assert sent.json()["body"] == preview["body"]
    assert text.headers["content-disposition"] == 'attachment; filename="R-1-referrer-' + (
        f'{contact}.txt"'
    )
    assert text.text.startswith("Subject: Referral R-1 received\n\nDear colleague at Essex Police")
    mail: Message = email.message_from_bytes(eml.content, policy=default)
    assert eml.headers["content-type"] == "message/rfc822"
    assert (mail["Subject"], mail["X-Unsent"]) == ("Referral R-1 received", "1")
    assert "rjplan.invalid" in mail["From"]
    assert "We have received it" in mail.get_content()  # type: ignore[attr-defined]
    acknowledged = next(c for c in clocks if c["id"] == "referrer-acknowledged")
    assert (acknowledged["state"], acknowledged["met_on"]) == ("met", "2026-04-02")
    assert [e["action"] for e in audit] == ["log", "read", "read"]


def test_the_messages_follow_the_case_in_roles_and_statuses_never_names(
    api: TestClient, staff: dict[str, str]
) -> None:
    with at("2026-04-07"):
        staff = again(api)
        harmed = api.post("/cases/R-1/parties", json=HARMED, headers=staff).json()["id"]
        call = {"party": harmed, "kind": "call", "made_on": "2026-04-07", "outcome": "agreed"}
        api.post("/cases/R-1/contacts", json=call, headers=staff)
        accepted = api.get(f"{UPDATES}/preview?kind=accepted", headers=staff).json()
        status = api.post(UPDATES, json={"kind": "status_change"}, headers=staff).json()
        no_pair = api.post(UPDATES, json={"kind": "pair_allocated"}, headers=staff)
        still_open = api.post(UPDATES, json={"kind": "closure"}, headers=staff)
        by_visit = api.post(UPDATES, json={"kind": "accepted", "channel": "visit"}, headers=staff)
        unknown = api.post(UPDATES, json={"kind": "gossip"}, headers=staff)
        logged = api.get("/cases/R-1/contacts", headers=staff).json()
    assert "has been accepted by the service" in accepted["body"]
    assert "- the person harmed: agreed to take part" in status["body"]
    assert "Ann" not in status["body"]
    assert _error(no_pair) == (409, "/body/kind")
    assert _error(still_open) == (409, "/body/kind")
    assert _error(by_visit) == (422, "/body/channel")
    assert _error(unknown) == (422, "/body/kind")
    assert [c["purpose"] for c in logged] == ["general", "update"]  # nothing else written


def test_the_closure_message_gives_the_outcome_and_the_agreements_progress(
    api: TestClient, staff: dict[str, str]
) -> None:
    with at("2026-04-08"):
        staff = again(api)
        action = {"description": "Write a letter", "owner": "responsible", "due": "2026-05-01"}
        api.post("/cases/R-1/actions", json=action, headers=staff)
        closing = {"outcome": "direct", "method": "conference"}
        assert api.post("/cases/R-1/close", json=closing, headers=staff).status_code == 200
        sent = api.post(UPDATES, json={"kind": "closure", "channel": "letter"}, headers=staff)
        clocks = api.get("/cases/R-1/timeline", headers=staff).json()["clocks"]
    body = sent.json()["body"]
    assert "closed on Wednesday 8 April 2026" in body
    assert "Outcome: direct communication, at a face-to-face meeting." in body
    assert "The agreement has 1 action; 0 done so far." in body
    told = next(c for c in clocks if c["id"] == "referrer-told-outcome")
    assert told["state"] == "met"


def test_a_facilitator_not_on_the_case_cannot_write_or_read_its_messages(
    api: TestClient, staff: dict[str, str]
) -> None:
    with at("2026-04-07"):
        staff = again(api)
        api.post("/facilitators", json=a_facilitator("F-1"), headers=staff)
        contact = api.post(UPDATES, json={"kind": "accepted"}, headers=staff).json()["contact_id"]
        outsider = logged_in(api, Role.FACILITATOR, "F-1")
        refused = api.post(UPDATES, json={"kind": "accepted"}, headers=outsider)
        unread = api.get(f"{UPDATES}/{contact}/message.txt", headers=outsider)
        missing = api.get(f"{UPDATES}/999/message.eml", headers=staff)
    assert refused.status_code == 403
    assert unread.status_code == 403
    assert _error(missing) == (404, "/path/contact_id")
