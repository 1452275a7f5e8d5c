"""Limits on what a request may ask the service to do: scenario numbers and the simulated work
a run may take, and the size and depth of a YAML document."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from rules.yaml_limits import MAX_DEPTH
from scenarios.sim_spec import MAX_REFERRALS
from service.workflow.auth import Role
from tests.service.builders import SMALL_SCENARIO, logged_in


def _with(lines: str) -> dict[str, Any]:
    return {"yaml": SMALL_SCENARIO + lines, "replicates": 1}


@pytest.mark.parametrize(
    ("body", "pointer", "says"),
    [
        (_with("referrals: {per_month: 1000000}\n"), "/body/yaml/referrals/per_month", "1000"),
        (_with("referrals: {per_month: .inf}\n"), "/body/yaml/referrals/per_month", "finite"),
        (_with("referrals: {per_month: .nan}\n"), "/body/yaml/referrals/per_month", "finite"),
        (
            _with("referrals: {per_month: 1000}\nhorizon_months: 120\n"),
            "/body/yaml/referrals",
            f"{MAX_REFERRALS:,}",
        ),
        (_with("solve_seconds: 1e9\n"), "/body/yaml/solve_seconds", "60"),
        ({"yaml": "[" * 9000 + "]" * 9000}, "/body/yaml", f"deeper than {MAX_DEPTH}"),
        (
            {"yaml": "a:\n" + "".join(f"{'  ' * i}- \n" for i in range(1, 60))},
            "/body/yaml",
            "deeper",
        ),
    ],
)
def test_a_scenario_past_a_limit_is_refused_naming_the_limit(
    client: TestClient, body: dict[str, Any], pointer: str, says: str
) -> None:
    manager = logged_in(client, Role.MANAGER)
    answer = client.post("/scenario-runs", json=body, headers=manager)
    assert answer.status_code == 422, answer.text
    errors = answer.json()["errors"]
    assert [e["pointer"] for e in errors] == [pointer]
    assert says in errors[0]["message"]
    assert client.get("/scenario-runs", headers=manager).json() == []
