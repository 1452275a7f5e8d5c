"""A scenario run whose `funnel` or `vetting_delay` says `source: store`: fitted from the store's
history when the run starts (API and CLI), the fit and its samples kept with the run; too little
history is a 422 naming the part and the sample it needs."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, inspect
from typer.testing import CliRunner

from service.cli import app as cli
from service.server import create_app
from service.store import tables as t
from service.store.db import alembic_config, make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow.auth import Role
from service.workflow.scenario_store_inputs import MIN_CLOSED_CASES, MIN_VETTING_WAITS
from tests.service.builders import SMALL_SCENARIO, logged_in, started, wait_for
from tests.service.conftest import TEST_CIPHER, TEST_DATA_KEY, settings_for

AT = dt.datetime(2026, 7, 1, 9)
OUTCOMES = {"declined": 9, "direct": 12, "indirect": 6, "no_outcome": 3}
"""30 closed cases: 21 taken up (not declined), of which 12 met, 6 indirect, 3 no outcome."""
WAITS = (60, 90, 120, 150, 200, 240)
BOTH = "funnel: {source: store}\nvetting_delay: {source: store}\n"


def a_history(engine: Engine, outcomes: dict[str, int], waits: tuple[int, ...]) -> None:
    """Referrals received January to June 2026, cases closed in March with these outcomes,
    recruits vetted these many days after their vetting was submitted."""
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        for rid, day in (("R-first", dt.date(2026, 1, 5)), ("R-last", dt.date(2026, 6, 30))):
            doc = {"referrer": {"organisation": "police"}}
            row = t.Referral(id=rid, received=day, district="X", document=doc, created_at=AT)
            uow.session.add(row)
        closed = [kind for kind, n in outcomes.items() for _ in range(n)]
        for i, kind in enumerate(closed):
            day = dt.date(2026, 3, 1) + dt.timedelta(days=i)
            uow.session.add(
                t.Case(
                    id=f"C-{i}",
                    status="closed",
                    lat=51.9,
                    lon=0.9,
                    hours=19.0,
                    created_at=AT,
                    closed_on=day,
                    outcome=kind,
                )
            )
            uow.session.add(
                t.CaseOutcome(case_id=f"C-{i}", kind=kind, recorded_on=day, recorded_by="c")
            )
        for i, days in enumerate(waits):
            submitted = dt.date(2025, 6, 2)
            recruit = t.Recruit(id=f"A-{i}", stage="vetted", created_at=AT)
            recruit.stages = [
                t.RecruitStage(
                    stage="vetting_submitted", reached_on=submitted, recorded_by="c", recorded_at=AT
                ),
                t.RecruitStage(
                    stage="vetted",
                    reached_on=submitted + dt.timedelta(days=days),
                    recorded_by="c",
                    recorded_at=AT,
                ),
            ]
            uow.session.add(recruit)
        uow.commit()


@pytest.fixture
def store(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def api(store: Engine, database_url: str) -> Iterator[TestClient]:
    app = create_app(settings_for(database_url))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.state.engine.dispose()


def run_of(lines: str) -> dict[str, Any]:
    return {"yaml": SMALL_SCENARIO + lines, "replicates": 1}


def test_migration_0018_adds_the_fit_column_to_scenario_runs_and_its_downgrade_removes_it(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0018")
        assert "fitted" in {c["name"] for c in inspect(engine).get_columns("scenario_runs")}
        command.downgrade(alembic_config(engine), "0018-1")
        assert "fitted" not in {c["name"] for c in inspect(engine).get_columns("scenario_runs")}
    finally:
        engine.dispose()


def test_a_run_asking_the_store_runs_on_the_rates_fitted_from_its_history(
    api: TestClient, store: Engine
) -> None:
    a_history(store, OUTCOMES, WAITS)
    manager = logged_in(api, Role.MANAGER)
    queued = started(api, manager, run_of(BOTH))
    funnel = queued["document"]["funnel"]
    assert funnel["take_up"] == pytest.approx(21 / 30)
    assert funnel["not_taken_up"] == {"declined": 1.0}
    assert funnel["worked"] == pytest.approx(
        {"conference": 12 / 21, "indirect": 6 / 21, "no_outcome": 3 / 21}
    )
    delay = queued["document"]["vetting_delay"]
    logs = [math.log(d) for d in WAITS]
    assert delay["median_days"] == pytest.approx(math.exp(sum(logs) / len(logs)))
    fitted = queued["fitted"]
    assert (fitted["history_from"], fitted["history_to"]) == ("2026-01-05", "2026-06-30")
    assert fitted["funnel"]["closed_cases"] == 30
    assert fitted["funnel"]["outcomes"]["direct"]["n"] == 30
    assert fitted["vetting_delay"]["recruits"] == len(WAITS)
    done = wait_for(api, manager, queued["id"], "done")
    assert done["fitted"] == fitted
    result = api.get(f"/scenario-runs/{queued['id']}/result", headers=manager).json()
    assert result["fitted_inputs"] == fitted, "the run document says what it ran on"


def test_a_funnel_with_too_little_history_is_refused_naming_the_part_and_the_minimum(
    api: TestClient, store: Engine
) -> None:
    a_history(store, {"direct": 3, "declined": 2}, WAITS)
    manager = logged_in(api, Role.MANAGER)
    answer = api.post("/scenario-runs", json=run_of(BOTH), headers=manager)
    assert answer.status_code == 422, answer.text
    error = answer.json()["errors"][0]
    assert error["pointer"] == "/body/yaml/funnel"
    assert f"at least {MIN_CLOSED_CASES}" in error["message"]
    assert "5 closed cases" in error["message"]
    assert api.get("/scenario-runs", headers=manager).json() == [], "nothing stored"


def test_a_vetting_delay_with_too_little_history_is_refused_naming_the_part_and_the_minimum(
    api: TestClient, store: Engine
) -> None:
    a_history(store, OUTCOMES, (60, 90))
    manager = logged_in(api, Role.MANAGER)
    answer = api.post("/scenario-runs", json=run_of(BOTH), headers=manager)
    assert answer.status_code == 422, answer.text
    error = answer.json()["errors"][0]
    assert error["pointer"] == "/body/yaml/vetting_delay"
    assert f"at least {MIN_VETTING_WAITS}" in error["message"]


def test_source_store_stands_alone(api: TestClient, store: Engine) -> None:
    a_history(store, OUTCOMES, WAITS)
    manager = logged_in(api, Role.MANAGER)
    mixed = "funnel: {source: store, take_up: 0.5}\n"
    answer = api.post("/scenario-runs", json=run_of(mixed), headers=manager)
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["pointer"] == "/body/yaml/funnel"


def test_a_run_without_source_store_records_no_fit(api: TestClient, store: Engine) -> None:
    manager = logged_in(api, Role.MANAGER)
    queued = started(api, manager, run_of(""))
    assert queued["fitted"] is None
    assert queued["document"]["funnel"]["take_up"] == 0.56  # essex-2017-18's own


def test_the_cli_fits_the_store_parts_from_the_store_at_url(
    store: Engine, database_url: str, tmp_path: Path
) -> None:
    a_history(store, OUTCOMES, WAITS)
    scenario = tmp_path / "mine.yaml"
    scenario.write_text(SMALL_SCENARIO + "funnel: {source: store}\n", encoding="utf-8")
    out = tmp_path / "run.json"
    args = ["scenario", "run", str(scenario), "-n", "1", "--url", database_url, "-o", str(out)]
    env = {"RJPLAN_DATA_KEY": TEST_DATA_KEY}
    answer = CliRunner().invoke(cli, args, env=env)
    assert answer.exit_code == 0, answer.output
    assert "funnel: 30 closed cases" in answer.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["fitted_inputs"]["funnel"]["closed_cases"] == 30
    assert document["fitted_inputs"]["vetting_delay"] is None


def test_without_a_store_the_cli_names_the_part_and_the_way_to_fit_it(tmp_path: Path) -> None:
    from models import InputError
    from scenarios.sim_spec import load_scenario

    scenario = tmp_path / "mine.yaml"
    scenario.write_text(SMALL_SCENARIO + "vetting_delay: {source: store}\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_scenario(scenario)
    assert refused.value.errors[0].pointer == "/vetting_delay/source"
    assert "--url" in refused.value.errors[0].message
