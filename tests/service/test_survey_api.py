"""The volunteer survey over the API: a manager opens and closes a round; a facilitator reads
it and answers once (409 the second time); answers to missing or unknown questions are 422
naming each; results only once closed, a question under 5 answers suppressed."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.workflow import survey
from service.workflow.auth import Role
from tests.service.builders import a_facilitator, logged_in

pytestmark = pytest.mark.today("2026-11-25")
ALL_AGREE = {"answers": {q.key: "agree" for q in survey.QUESTIONS}}


def test_a_round_is_opened_answered_once_and_closed_with_results_suppressed_under_five(
    client: TestClient,
) -> None:
    coordinator = logged_in(client, Role.COORDINATOR)
    client.post("/facilitators", json=a_facilitator("F-1"), headers=coordinator)
    manager = logged_in(client, Role.MANAGER)
    mine = logged_in(client, Role.FACILITATOR, "F-1")
    assert client.get("/me/survey", headers=mine).json()["round_id"] is None
    assert client.post("/me/survey", json=ALL_AGREE, headers=mine).status_code == 409
    assert client.post("/survey/rounds", headers=coordinator).status_code == 403
    opened = client.post("/survey/rounds", headers=manager)
    assert opened.status_code == 201, opened.text
    assert client.post("/survey/rounds", headers=manager).status_code == 409
    answered = client.post("/me/survey", json=ALL_AGREE, headers=mine)
    assert (answered.status_code, answered.json()["answered"]) == (201, True)
    assert client.post("/me/survey", json=ALL_AGREE, headers=mine).status_code == 409
    rid = opened.json()["id"]
    closed = client.post(f"/survey/rounds/{rid}/close", headers=manager).json()
    assert closed["answered"] == 1
    first = closed["results"][0]
    assert (first["answered"], first["agreeing"], first["share_agreeing"]) == (1, None, None)
    assert first["suppressed"] == "fewer than 5 answered: not shown"
    assert client.get("/survey/rounds", headers=manager).json()[0]["id"] == rid
    assert client.get("/survey/rounds", headers=mine).status_code == 403
    assert client.post("/survey/rounds/99/close", headers=manager).status_code == 404


def test_missing_and_unknown_questions_are_named_and_nothing_is_counted(
    client: TestClient,
) -> None:
    coordinator = logged_in(client, Role.COORDINATOR)
    client.post("/facilitators", json=a_facilitator("F-1"), headers=coordinator)
    manager = logged_in(client, Role.MANAGER)
    mine = logged_in(client, Role.FACILITATOR, "F-1")
    client.post("/survey/rounds", headers=manager)
    body = {"answers": {"varied": "agree", "mood": "agree"}}
    refused = client.post("/me/survey", json=body, headers=mine)
    assert refused.status_code == 422
    pointers = [e["pointer"] for e in refused.json()["errors"]]
    assert "/body/answers/interesting" in pointers
    assert "/body/answers/mood" in pointers
    bad = client.post("/me/survey", json={"answers": {"varied": "maybe"}}, headers=mine)
    assert bad.status_code == 422
    assert client.get("/me/survey", headers=mine).json()["answered"] is False
