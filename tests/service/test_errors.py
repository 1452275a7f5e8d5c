"""Bad requests get a JSON body naming the field, never a 500; personal data stays out of logs."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from service.workflow.auth import Role
from tests.service.builders import a_facilitator, logged_in


def test_an_unknown_route_is_a_json_404(client: TestClient) -> None:
    answer = client.get("/nowhere")
    assert answer.status_code == 404
    assert answer.json()["errors"][0]["pointer"] == "/path"


def test_a_body_that_is_not_json_is_a_422_naming_the_body(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR) | {"Content-Type": "application/json"}
    answer = client.post("/facilitators", content=b"{not json", headers=headers)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"].startswith("/body")


def test_a_forged_token_is_a_401(client: TestClient) -> None:
    answer = client.get("/cases", headers={"Authorization": "Bearer forged"})
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_a_query_out_of_range_is_a_422_naming_the_parameter(client: TestClient) -> None:
    headers = logged_in(client, Role.MANAGER)
    answer = client.get("/referrals", params={"limit": 0}, headers=headers)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/query/limit"


def test_names_and_home_outcodes_never_reach_the_log(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    with caplog.at_level(logging.DEBUG):
        client.post("/facilitators", json=a_facilitator(name="Secret Person"), headers=headers)
        client.patch("/facilitators/F-1", json={"name": "Another Secret"}, headers=headers)
        client.post(
            "/facilitators",
            json=a_facilitator("F-2", name="Third Secret", home={"outcode": "XX0"}),
            headers=headers,
        )
    assert "Secret" not in caplog.text
