"""Logins, tokens and roles over HTTP."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.workflow.auth import Role
from tests.service.builders import PASSWORD, a_user, logged_in


def test_a_user_logs_in_with_the_right_password_and_is_refused_with_a_wrong_one(
    client: TestClient,
) -> None:
    a_user(client.app, Role.COORDINATOR, "sam")  # type: ignore[arg-type]
    ok = client.post("/auth/token", json={"username": "sam", "password": PASSWORD})
    bad = client.post("/auth/token", json={"username": "sam", "password": "wrong password"})
    assert ok.status_code == 200
    assert ok.json()["role"] == "coordinator"
    assert bad.status_code == 401
    assert bad.json()["errors"][0]["pointer"] == "/headers/authorization"


def test_a_request_without_a_token_gets_401_with_a_field_level_message(client: TestClient) -> None:
    answer = client.get("/facilitators")
    assert answer.status_code == 401
    assert "log in" in answer.json()["errors"][0]["message"]


def test_a_revoked_token_no_longer_works(client: TestClient) -> None:
    headers = logged_in(client, Role.MANAGER)
    assert client.get("/auth/me", headers=headers).status_code == 200
    assert client.post("/auth/logout", headers=headers).status_code == 204
    assert client.get("/auth/me", headers=headers).status_code == 401


def test_only_an_admin_creates_users(client: TestClient) -> None:
    body = {"username": "new", "password": "long enough pw", "role": "manager"}
    coordinator = logged_in(client, Role.COORDINATOR)
    admin = logged_in(client, Role.ADMIN)
    assert client.post("/users", json=body, headers=coordinator).status_code == 403
    assert client.post("/users", json=body, headers=admin).status_code == 201
    assert client.post("/users", json=body, headers=admin).status_code == 409
    assert [u["username"] for u in client.get("/users", headers=admin).json()].count("new") == 1


def test_passwords_and_tokens_are_stored_hashed(client: TestClient) -> None:
    headers = logged_in(client, Role.MANAGER)
    token = headers["Authorization"].split()[1]
    app: object = client.app
    with app.state.engine.connect() as conn:  # type: ignore[attr-defined]
        dump = " ".join(str(r) for r in conn.exec_driver_sql("SELECT * FROM users").all())
        dump += " ".join(str(r) for r in conn.exec_driver_sql("SELECT * FROM tokens").all())
    assert PASSWORD not in dump
    assert token not in dump
    assert "$argon2" in dump


def test_a_facilitator_login_must_name_a_known_facilitator(client: TestClient) -> None:
    admin = logged_in(client, Role.ADMIN)
    body = {"username": "fac", "password": "long enough pw", "role": "facilitator"}
    assert client.post("/users", json=body, headers=admin).status_code == 422
    unknown = client.post("/users", json=body | {"facilitator_id": "F-nobody"}, headers=admin)
    assert unknown.status_code == 404


def test_an_empty_facilitator_id_is_refused_not_a_server_error(client: TestClient) -> None:
    admin = logged_in(client, Role.ADMIN)
    body = {"username": "x1", "password": "long enough pw", "role": "admin", "facilitator_id": ""}
    answer = client.post("/users", json=body, headers=admin)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"].endswith("/facilitator_id")
