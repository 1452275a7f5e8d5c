"""Schemathesis over the OpenAPI spec: no 5xx, and every answer matches its documented schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from service.server import create_app
from service.store.db import make_engine, upgrade
from service.workflow.auth import Role
from tests.service.builders import (
    a_facilitator,
    a_referral,
    logged_in,
    small_run,
    started,
    wait_for,
)
from tests.service.conftest import settings_for

EXAMPLES_PER_ENDPOINT = 6
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, str]]]:
    """An app with a few records, a finished scenario run, and an admin's headers (admins pass
    every staff check)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'rjplan.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    # at most 5 replicates: a body the fuzzer finds valid never starts a long run
    fast = {"solve_time_limit_s": 2.0, "scenario_max_replicates": 5}
    app = create_app(settings_for(url).model_copy(update=fast))
    with TestClient(app) as client:
        admin = logged_in(client, Role.ADMIN)
        for fid in ("F-1", "F-2"):
            client.post("/facilitators", json=a_facilitator(fid), headers=admin)
        client.post("/referrals", json=a_referral("R-1"), headers=admin)
        client.post("/referrals/R-1/screen", json={}, headers=admin)
        wait_for(client, admin, started(client, admin, small_run(1))["id"], "done")
        yield app, admin
    app.state.engine.dispose()


@pytest.fixture(scope="module")
def api_schema(api: tuple[Any, dict[str, str]]) -> Any:
    """The app's own OpenAPI document, served over ASGI."""
    return schemathesis.openapi.from_asgi("/openapi.json", api[0])


def _fuzz(operation: Any, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_ENDPOINT,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def run(case: Any) -> None:
        case.call_and_validate(
            headers=headers, checks=[not_a_server_error, response_schema_conformance]
        )

    run()


def test_no_request_gets_a_5xx_or_an_answer_outside_its_schema(
    api: tuple[Any, dict[str, str]], api_schema: Any
) -> None:
    failures = {}
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if operation.label == "POST /auth/logout":
            continue  # it would revoke the token every other request uses (tested in test_auth)
        try:
            _fuzz(operation, api[1])
        except Exception as exc:  # collect every operation's failure, then report them all
            failures[operation.label] = str(exc)[:2000]
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())


def test_every_operation_has_a_summary_and_an_example_body(api: tuple[Any, dict[str, str]]) -> None:
    with TestClient(api[0]) as client:
        spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("description") or operation.get("summary"), (method, path)
            ok = [code for code in operation["responses"] if code.startswith("2")]
            assert ok, (method, path)
    schemas = spec["components"]["schemas"]
    for name in (
        "FacilitatorIn",
        "ControlsIn",
        "ProposalOut",
        "CommitOut",
        "ErrorBody",
        "ReplanIn",
        "ScenarioRunIn",
        "ScenarioRunOut",
        "ScenarioRunSummary",
        "CaseOut",
        "CloseIn",
        "CasePatch",
        "ReviewIn",
    ):
        assert schemas[name].get("examples"), name
