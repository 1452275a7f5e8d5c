"""Bad requests get a JSON body naming the field, never a 500; personal data stays out of logs."""

from __future__ import annotations

import logging
from typing import cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.workflow.auth import Role
from tests.service.builders import a_facilitator, logged_in


def test_an_unknown_route_is_a_json_404_naming_the_path(client: TestClient) -> None:
    answer = client.get("/nowhere")
    assert answer.status_code == 404
    [error] = answer.json()["errors"]
    assert error == {"pointer": "/path", "message": "Not Found: GET /nowhere"}


def test_a_body_that_is_not_json_is_a_422_naming_the_body(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR) | {"Content-Type": "application/json"}
    answer = client.post("/facilitators", content=b"{not json", headers=headers)
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["pointer"].startswith("/body")
    assert "JSON" in error["message"]


def test_a_forged_token_is_a_401_naming_the_authorization_header(client: TestClient) -> None:
    answer = client.get("/cases", headers={"Authorization": "Bearer forged"})
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"
    [error] = answer.json()["errors"]
    assert error["pointer"] == "/headers/authorization"
    assert "log in again" in error["message"]


def test_a_query_out_of_range_is_a_422_naming_the_parameter_and_its_bound(
    client: TestClient,
) -> None:
    headers = logged_in(client, Role.MANAGER)
    answer = client.get("/referrals", params={"limit": 0}, headers=headers)
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["pointer"] == "/query/limit"
    assert "greater than or equal to 1" in error["message"]


def test_names_and_home_outcodes_never_reach_the_log(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    with caplog.at_level(logging.DEBUG):
        created = client.post(
            "/facilitators", json=a_facilitator(name="Secret Person"), headers=headers
        )
        renamed = client.patch(
            "/facilitators/F-1", json={"name": "Another Secret"}, headers=headers
        )
        refused = client.post(
            "/facilitators",
            json=a_facilitator("F-2", name="Third Secret", home={"outcode": "XX0"}),
            headers=headers,
        )
    # the three requests really ran: stored, changed, and refused naming the home
    assert (created.status_code, renamed.status_code, refused.status_code) == (201, 200, 422)
    assert refused.json()["errors"][0]["pointer"] == "/body/home"
    assert "unknown outcode 'XX0'" in refused.json()["errors"][0]["message"]
    assert caplog.records, "nothing was captured: the check below would prove nothing"
    assert "Secret" not in caplog.text
    assert "XX0" not in caplog.text


def test_an_unexpected_failure_is_a_500_logged_by_route_without_its_personal_text(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    def fails() -> None:
        raise RuntimeError("could not save Secret Person of CM1 1AA")

    cast(FastAPI, client.app).add_api_route("/test-only/fails", fails, methods=["GET"])
    with caplog.at_level(logging.DEBUG, logger="rjplan.service"):
        answer = client.get("/test-only/fails")
    assert answer.status_code == 500
    assert answer.json()["error"] == "internal"
    assert "internal error RuntimeError on GET /test-only/fails" in caplog.text
    assert "Secret" not in caplog.text + answer.text
    assert "CM1 1AA" not in caplog.text + answer.text
