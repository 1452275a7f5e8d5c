"""Builders for simulation tests: small, fast scenarios derived from the shipped one."""

from __future__ import annotations

from typing import Any

from scenarios.sim_spec import Scenario, load_scenario, merge, validate_scenario


def a_scenario(**changes: Any) -> Scenario:
    """essex-2017-18 shrunk to two counted months with a short warm-up, then `changes`."""
    base = load_scenario("essex-2017-18").model_dump(mode="json")
    small = {
        "horizon_months": 2,
        "warmup_weeks": 2,
        "solve_seconds": 1.0,
        "cohorts": [{"month": 0, "groups": [{"count": 4, "skills": ["mediation"]}]}],
    }
    return validate_scenario(merge(merge(base, small), changes), "test")
