"""Every answer of the service carries the security headers (service.headers), API and pages,
errors included; the API docs load nothing from another site."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from service.headers import CSP

SECURITY = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "content-security-policy": CSP,
}


def assert_secured(answer: Response, cached: bool = False) -> None:
    got = {name: answer.headers.get(name) for name in SECURITY}
    assert got == SECURITY, answer.request.url
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    no_store = answer.headers.get("cache-control") == "no-store"
    assert no_store is not cached, answer.request.url


def every_operation(client: TestClient) -> list[tuple[str, str]]:
    """(method, path with each parameter filled) of every operation in the OpenAPI document."""
    paths: dict[str, dict[str, Any]] = client.get("/openapi.json").json()["paths"]
    return [
        (method.upper(), re.sub(r"\{[^}]+\}", "x1", path))
        for path, operations in paths.items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def test_every_operation_of_the_openapi_document_answers_with_the_headers(
    client: TestClient,
) -> None:
    operations = every_operation(client)
    assert len(operations) > 50
    for method, path in operations:
        answer = client.request(method, path, json={})
        assert_secured(answer)


def test_answers_outside_the_document_carry_them_too(client: TestClient) -> None:
    for answer in (
        client.get("/openapi.json"),
        client.get("/nowhere"),  # 404
        client.put("/auth/token"),  # 405
        client.get("/", follow_redirects=False),  # 303
        client.get("/web/"),  # the sign-in page
        client.get("/web/cases", follow_redirects=False),  # to the sign-in
        client.get("/docs"),
    ):
        assert_secured(answer)


def test_a_server_error_carries_them(client: TestClient) -> None:
    app: Any = client.app

    def broken() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/broken-for-a-test", broken)
    answer = client.get("/broken-for-a-test")
    assert answer.status_code == 500
    assert_secured(answer)


@pytest.mark.parametrize(
    "asset",
    [
        "/web/static/vendor/htmx/htmx.min.js",
        "/docs-static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/docs-static/docs.js",
    ],
)
def test_static_assets_may_be_cached_and_keep_the_other_headers(
    client: TestClient, asset: str
) -> None:
    answer = client.get(asset)
    assert answer.status_code == 200
    assert_secured(answer, cached=True)


def test_the_docs_page_loads_only_this_services_own_files(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    targets = re.findall(r'(?:src|href|data-openapi)="([^"]*)"', page.text)
    assert targets, page.text
    assert "http" not in page.text.lower()
    assert "<script>" not in page.text  # no inline script: the CSP forbids it
    for target in targets:
        if target.startswith("data:"):
            continue
        assert target.startswith("/"), target
        assert client.get(target).status_code == 200, target
    assert client.get("/redoc").status_code == 404  # FastAPI's, from a CDN: off
