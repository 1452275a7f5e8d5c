"""Bodies of what-if scenario runs: start one, follow its progress, read its numbers."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import ConfigDict, Field

from scenarios.fit import Interval
from service.workflow.schemas.base import Line100, Note, Schema, UtcDateTime

RunStatus = Literal["queued", "running", "done", "failed", "cancelled"]
Source = Literal["shipped", "upload"]
MAX_YAML = 20_000
MAX_SEED = 2**32 - 1
_RUN_ID = "5f0c2a9e-0000-4000-8000-000000000007"
_SMALL = (
    "extends: essex-2017-18\nscenario: essex-tiny-month\ntitle: One month on the tiny pool\n"
    "horizon_months: 1\nwarmup_weeks: 0\npool: {source: demo, scale: tiny}\n"
)
_HEADLINE: dict[str, Any] = {
    "referrals": {"mean": 426.8, "low": 405.0, "high": 449.1},
    "allocated": {"mean": 131.2, "low": 120.0, "high": 142.6},
    "wait_days_p90": {"mean": 3.0, "low": 3.0, "high": 3.0},
    "positive_outcomes": {"mean": 95.5, "low": 84.0, "high": 107.0},
}


class ScenarioRunIn(Schema):
    """Start a run: a shipped scenario by name, or a scenario file's text (YAML) whose
    `extends` names a shipped one. `seed` replaces the scenario's own."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"scenario": "essex-growth-40", "replicates": 20},
                {"scenario": "essex-2018-complex", "replicates": 10, "pool": "store"},
                {"yaml": _SMALL, "replicates": 3, "seed": 7},
            ]
        }
    )

    scenario: Line100 | None = Field(
        default=None,
        min_length=1,
        description="a shipped scenario (GET /scenarios); give this or `yaml`",
    )
    yaml: Note | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_YAML,
        description="a scenario file's text; `extends` may name a shipped scenario, the pool is "
        "a shipped demo (tiny or essex) and the policy a shipped one",
    )
    replicates: int = Field(
        default=10,
        ge=1,
        le=10_000,
        description="at most the service's RJPLAN_SCENARIO_MAX_REPLICATES (200 by default)",
    )
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED, description="default: the scenario's")
    pool: Literal["scenario", "store"] = Field(
        default="scenario",
        description="`store`: start from the service's own active facilitators (stored with "
        "the run, so it can be repeated) instead of the scenario's pool",
    )


class RunProgress(Schema):
    done: int = Field(description="replicates finished")
    total: int = Field(description="replicates asked for")


class ScenarioRunSummary(Schema):
    """One line per run: what, who, and how far it got."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": _RUN_ID,
                    "status": "running",
                    "scenario": "essex-growth-40",
                    "source": "shipped",
                    "replicates": 20,
                    "seed": 2017,
                    "progress": {"done": 7, "total": 20},
                    "created_at": "2026-11-24T09:00:00Z",
                    "created_by": "manager",
                    "started_at": "2026-11-24T09:00:01Z",
                    "finished_at": None,
                }
            ]
        }
    )

    id: str
    status: RunStatus
    scenario: str
    source: Source
    replicates: int
    seed: int
    progress: RunProgress
    created_at: UtcDateTime
    created_by: str
    started_at: UtcDateTime | None
    finished_at: UtcDateTime | None


class ScenarioRunOut(ScenarioRunSummary):
    """A run: its progress, the headline numbers once done (mean and 90% interval over the
    replicates), the reason when it failed, and the scenario exactly as it ran."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": _RUN_ID,
                    "status": "done",
                    "scenario": "essex-growth-40",
                    "title": "Essex 2017-18 with 40% more referrals",
                    "source": "shipped",
                    "policy": "essex-2015",
                    "replicates": 20,
                    "seed": 2017,
                    "progress": {"done": 20, "total": 20},
                    "created_at": "2026-11-24T09:00:00Z",
                    "created_by": "manager",
                    "started_at": "2026-11-24T09:00:01Z",
                    "finished_at": "2026-11-24T09:01:52Z",
                    "error": None,
                    "seconds": 110.4,
                    "headline": _HEADLINE,
                    "document": {"scenario": "essex-growth-40", "horizon_months": 12},
                    "yaml": None,
                }
            ]
        }
    )

    title: str
    policy: str
    error: str | None = Field(description="why it failed; null unless failed")
    seconds: float | None = Field(description="time the replicates took; null until done")
    headline: dict[str, dict[str, float]] | None = Field(
        description="key numbers, each {mean, low, high}; null until done"
    )
    document: dict[str, Any] = Field(description="the scenario as it ran, `extends` resolved")
    yaml: Note | None = Field(description="the text sent, for an uploaded scenario")
    fitted: FittedInputs | None = Field(
        default=None,
        description="for parts the scenario asked to fit from the store (`source: store`): "
        "the fit and its samples; null when none did",
    )


class FittedFunnel(Schema):
    """The funnel fitted from the store: the closed cases it rests on, take-up (share not
    declined) and each outcome's share, each with its 95% interval and sample."""

    closed_cases: int
    take_up: Interval
    outcomes: dict[str, Interval]


class FittedVettingDelay(Schema):
    """The vetting delay fitted from the store: recruits' waits from vetting submitted to
    vetted, lognormal."""

    recruits: int = Field(description="recruits whose wait the fit used")
    median_days: Interval
    sigma: float = Field(description="spread of the log-days")
    p90_days: float


class FittedInputs(Schema):
    """What a run's `source: store` parts were fitted from: the history's days and each part's
    fit with its samples (the numbers run are in the run's document)."""

    history_from: dt.date
    history_to: dt.date
    funnel: FittedFunnel | None = None
    vetting_delay: FittedVettingDelay | None = None


class ShippedScenarioOut(Schema):
    """A scenario shipped with rjplan, to start by name."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "essex-growth-40",
                    "title": "Essex 2017-18 with 40% more referrals",
                    "policy": "essex-2015",
                    "start": "2017-02-06",
                    "horizon_months": 12,
                    "seed": 2017,
                }
            ]
        }
    )

    name: str
    title: str
    policy: str
    start: dt.date
    horizon_months: int
    seed: int


RESULT_EXAMPLE: dict[str, Any] = {
    "format": "rjplan.scenario-run/1",
    "scenario": "essex-growth-40",
    "title": "Essex 2017-18 with 40% more referrals",
    "policy": "essex-2015",
    "seed": 2017,
    "replicates": 20,
    "counted_from": "2017-04-03",
    "counted_to": "2018-04-03",
    "seconds": 110.4,
    "summary": _HEADLINE,
    "runs": [{"referrals": 598, "accepted": 329, "allocated": 184}],
}
REPORT_EXAMPLE = (
    "<!doctype html><html lang='en'><meta charset='utf-8'><title>Scenario essex-growth-40"
    "</title>...<h2>Waiting cases on Monday mornings</h2><svg ...></svg></html>\n"
)
