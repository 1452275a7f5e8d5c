"""The edge vocabulary (models.values) at every door: ids, texts, days and numbers are checked
where they come in, answered with 422 naming the field and the fix, and nothing is written."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from models.values import DAY_PATTERN, ID_PATTERN
from service.workflow.auth import Role
from tests.service.builders import a_facilitator, a_referral, logged_in


def _unbounded(spec: dict[str, Any]) -> list[str]:
    """Every request-side leaf of the OpenAPI document that says no limit: a string without
    maxLength and pattern (or an enum, or a day with the window), a number without both
    bounds, a list without maxItems."""
    schemas = spec["components"]["schemas"]
    found: list[str] = []

    def walk(node: dict[str, Any], where: str, seen: frozenset[str]) -> None:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name in seen or name.startswith("Body_import_"):  # a file: its size limit
                return
            seen, node, where = seen | {name}, schemas[name], name
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in node.get(key, []):
                walk(sub, where, seen)
        kind = node.get("type")
        if kind == "string" and "enum" not in node and "const" not in node:
            if node.get("format") == "date-time":
                return
            if "pattern" not in node or ("maxLength" not in node and "format" not in node):
                found.append(f"{where}: string")
        elif kind in ("number", "integer"):
            low = "minimum" in node or "exclusiveMinimum" in node
            high = "maximum" in node or "exclusiveMaximum" in node
            if not (low and high):
                found.append(f"{where}: {kind}")
        elif kind == "array":
            if "maxItems" not in node:
                found.append(f"{where}: array")
            walk(node.get("items", {}), f"{where}[]", seen)
        for name, sub in node.get("properties", {}).items():
            walk(sub, f"{where}.{name}", seen)
        if isinstance(node.get("additionalProperties"), dict):
            walk(node["additionalProperties"], f"{where}.*", seen)

    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for param in operation.get("parameters", []):
                walk(param["schema"], f"{method} {path} {param['in']}:{param['name']}", frozenset())
            for content in operation.get("requestBody", {}).get("content", {}).values():
                walk(content["schema"], f"{method} {path} body", frozenset())
    return sorted(set(found))


def test_every_request_field_states_its_limits_in_the_openapi_document(
    client: TestClient,
) -> None:
    assert _unbounded(client.get("/openapi.json").json()) == []


def test_a_day_states_the_window_and_an_id_the_grammar(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    referral = spec["components"]["schemas"]["Referral"]["properties"]
    assert referral["id"]["pattern"] == ID_PATTERN
    assert referral["id"]["maxLength"] == 64
    assert referral["received"]["formatMinimum"] == "2000-01-01"
    assert referral["received"]["formatMaximum"] == "2100-12-31"


@pytest.mark.parametrize(
    ("fields", "pointer"),
    [
        ({"id": "R\x001"}, "/body/id"),
        ({"id": "R/1"}, "/body/id"),
        ({"id": ".."}, "/body/id"),
        ({"id": "."}, "/body/id"),
        ({"id": "R" * 65}, "/body/id"),
        ({"district": "Chelms\x00ford"}, "/body/district"),
        ({"district": "D" * 65}, "/body/district"),
        ({"offence": "theft\x07"}, "/body/offence"),
        ({"received": "1900-01-01"}, "/body/received"),
        ({"received": "9999-12-31"}, "/body/received"),
    ],
)
def test_a_bad_referral_is_refused_naming_the_field_and_nothing_is_written(
    client: TestClient, fields: dict[str, Any], pointer: str
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    answer = client.post("/referrals", json=a_referral(**fields), headers=headers)
    assert answer.status_code == 422, answer.text
    assert [e["pointer"] for e in answer.json()["errors"]] == [pointer]
    assert client.get("/referrals", headers=headers).json() == []


@pytest.mark.parametrize("path", ["/referrals/R%001", "/referrals/R%201", "/cases/" + "C" * 65])
def test_a_bad_id_in_the_path_is_refused_naming_it(client: TestClient, path: str) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    answer = client.get(path, headers=headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["pointer"].startswith("/path/")


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31", "1900-01-01"])
@pytest.mark.parametrize("path", ["/proposals", "/meetings/plans"])
def test_a_planning_day_outside_the_window_is_refused(
    client: TestClient, path: str, as_of: str
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    answer = client.post(path, json={"as_of": as_of}, headers=headers)
    assert answer.status_code == 422, answer.text
    message = answer.json()["errors"][0]
    assert message["pointer"] == "/body/as_of"
    assert "2000-01-01 to 2100-12-31" in message["message"]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_query_day_outside_the_window_is_refused(client: TestClient, day: str) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    answer = client.get("/referrals", params={"received_from": day}, headers=headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["pointer"] == "/query/received_from"


def test_a_boolean_is_not_a_number(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    client.post("/facilitators", json=a_facilitator("F-1"), headers=headers)
    body = {"worked_on": "2026-11-20", "hours": False, "activity": "admin"}
    answer = client.post("/facilitators/F-1/hours", json=body, headers=headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["pointer"] == "/body/hours"
    refused = client.post(
        "/facilitators", json=a_facilitator("F-2", max_cases=True), headers=headers
    )
    assert refused.status_code == 422
    assert "not true or false" in refused.json()["errors"][0]["message"]


def test_a_nul_in_the_login_is_a_422_not_a_500(client: TestClient) -> None:
    answer = client.post("/auth/token", json={"username": "ad\x00min", "password": "x"})
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["pointer"] == "/body/username"


def test_a_facilitator_id_outside_the_grammar_is_refused(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    answer = client.post("/facilitators", json=a_facilitator("F\x001"), headers=headers)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/body/id"
    assert "letters, digits" in answer.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("TRACE", "/volunteers/policy", "GET, HEAD, PUT"),
        ("DELETE", "/referrals", "GET, HEAD, POST"),
        ("PUT", "/cases/R-1", "GET, HEAD, PATCH"),
        ("OPTIONS", "/facilitators/import", "POST"),
    ],
)
def test_a_405_names_every_method_of_the_path_in_allow(
    client: TestClient, method: str, path: str, allowed: str
) -> None:
    answer = client.request(method, path)
    assert answer.status_code == 405
    assert answer.headers["allow"] == allowed
    assert answer.json()["errors"][0]["pointer"] == "/path"


def test_a_yes_no_is_true_or_false_and_a_number_is_not_text(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    before = client.post("/facilitators", json=a_facilitator("F-1"), headers=headers).json()
    for fields, pointer, fix in [
        ({"experienced": 0}, "/body/experienced", "give true or false, not a number"),
        ({"active": "false"}, "/body/active", "give true or false, not text"),
        ({"weekly_hours": "2.5"}, "/body/weekly_hours", "give a number, not the text '2.5'"),
    ]:
        answer = client.patch("/facilitators/F-1", json=fields, headers=headers)
        assert answer.status_code == 422, answer.text
        assert answer.json()["errors"] == [{"pointer": pointer, "message": fix}]
    assert client.get("/facilitators/F-1", headers=headers).json() == before


def test_a_csv_cell_is_text_and_may_still_say_a_number_or_a_yes_no(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    csv = (
        "id,name,home_outcode,weekly_hours,max_cases,vetting_expires,experienced\n"
        "F-9,Sam,CM1,2.5,2,2027-09-30,true\n"
    )
    files = {"file": ("facilitators.csv", csv, "text/csv")}
    answer = client.post("/facilitators/import", files=files, headers=headers)
    assert answer.status_code == 201, answer.text
    made = client.get("/facilitators/F-9", headers=headers).json()
    assert (made["weekly_hours"], made["experienced"]) == (2.5, True)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b"\xff\xfe{"),
        ("multipart/form-data; boundary=b", b"--b\r\n-8.1e-48--b--\r\n"),
    ],
)
def test_a_body_that_cannot_be_read_is_a_422_naming_the_body(
    client: TestClient, content_type: str, body: bytes
) -> None:
    headers = logged_in(client, Role.COORDINATOR) | {"Content-Type": content_type}
    path = "/facilitators/import" if content_type.startswith("multipart") else "/facilitators"
    answer = client.post(path, content=body, headers=headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["pointer"] == "/body"
    assert client.get("/facilitators", headers=headers).json() == []


def test_a_page_or_file_operation_documents_its_errors_as_json(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, kind in [
        ("/cases/{case_id}/parties/{party_id}/subject-access.html", "text/html"),
        ("/cases/{case_id}/referrer-updates/{contact_id}/message.txt", "text/plain"),
    ]:
        responses = spec["paths"][path]["get"]["responses"]
        assert kind in responses["200"]["content"]
        for code in ("401", "403", "404", "422"):
            assert list(responses[code]["content"]) == ["application/json"], (path, code)


def test_the_day_pattern_describes_dates_only_of_the_window() -> None:
    days = re.compile(DAY_PATTERN)
    assert days.fullmatch("2000-01-01")
    assert days.fullmatch("2100-12-31")
    assert not any(
        days.fullmatch(d) for d in ("2026-13-01", "2026-00-10", "2026-01-32", "1999-12-31")
    )
