"""The pages' session and CSRF rules, over HTTP without a browser: cookies, tokens, headers."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.server import create_app
from service.store.db import make_engine, upgrade
from service.web.routes.signin import safe_next
from service.workflow.auth import Role
from tests.service.builders import PASSWORD, a_user
from tests.service.conftest import settings_for


@pytest.fixture
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'rjplan.sqlite'}"


@pytest.fixture
def web(sqlite_url: str) -> Iterator[TestClient]:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    engine.dispose()
    app = create_app(settings_for(sqlite_url))
    with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as client:
        a_user(app, Role.COORDINATOR, "coordinator")
        yield client


def form_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def signed_in(web: TestClient) -> str:
    """Sign in as the coordinator; the CSRF token of the signed-in pages."""
    token = form_token(web.get("/web/").text)
    answer = web.post(
        "/web/sign-in",
        data={"username": "coordinator", "password": PASSWORD, "csrf_token": token},
    )
    assert answer.status_code == 303, answer.text
    return form_token(web.get("/web/cases").text)


def test_the_session_cookie_is_http_only_same_site_lax_and_limited_to_the_pages(
    web: TestClient,
) -> None:
    token = form_token(web.get("/web/").text)
    answer = web.post(
        "/web/sign-in",
        data={"username": "coordinator", "password": PASSWORD, "csrf_token": token},
    )
    cookie = next(c for c in answer.headers.get_list("set-cookie") if "rjplan_session" in c)
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/web" in cookie
    assert "Secure" not in cookie  # served over http here


def test_the_session_cookie_is_secure_when_served_over_https(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    engine.dispose()
    app = create_app(settings_for(sqlite_url))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        a_user(app, Role.COORDINATOR, "coordinator")
        token = form_token(client.get("/web/").text)
        answer = client.post(
            "/web/sign-in",
            data={"username": "coordinator", "password": PASSWORD, "csrf_token": token},
        )
        cookies = answer.headers.get_list("set-cookie")
        assert any("rjplan_session" in c and "Secure" in c for c in cookies)


def test_a_sign_in_without_the_forms_token_is_refused(web: TestClient) -> None:
    web.get("/web/")
    answer = web.post("/web/sign-in", data={"username": "coordinator", "password": PASSWORD})
    assert answer.status_code == 403
    assert "rjplan_session" not in answer.headers.get("set-cookie", "")


def test_a_signed_in_post_with_another_sessions_token_is_refused(web: TestClient) -> None:
    signed_in(web)
    answer = web.post("/web/sign-out", data={"csrf_token": "0" * 64})
    assert answer.status_code == 403
    assert "expired or did not come from this service" in answer.text


def test_signing_out_revokes_the_token_so_the_old_cookie_no_longer_works(
    web: TestClient,
) -> None:
    token = signed_in(web)
    old = web.cookies.get("rjplan_session")
    assert web.post("/web/sign-out", data={"csrf_token": token}).status_code == 303
    web.cookies.set("rjplan_session", old or "", path="/web")
    answer = web.get("/web/cases")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/web/?next=/web/cases")


def test_pages_carry_a_strict_content_security_policy_and_are_not_cached(
    web: TestClient,
) -> None:
    answer = web.get("/web/")
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["x-frame-options"] == "DENY"


def test_the_api_keeps_its_json_errors_beside_the_pages(web: TestClient) -> None:
    assert web.get("/nowhere").headers["content-type"] == "application/json"
    assert web.get("/web/nowhere").headers["content-type"].startswith("text/html")
    assert "/web" not in str(web.get("/openapi.json").json()["paths"])


def test_the_root_address_leads_to_the_sign_in_page(web: TestClient) -> None:
    answer = web.get("/")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/web/"


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        ("/web/cases?status=closed", True),
        ("https://elsewhere.example/web/", False),
        ("//elsewhere.example/web/", False),
        ("/web/\\elsewhere", False),
        ("/docs", False),
    ],
)
def test_after_signing_in_only_a_page_of_this_service_is_returned_to(
    target: str, kept: bool
) -> None:
    assert (safe_next(target) == target) is kept
