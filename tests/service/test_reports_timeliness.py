"""The timeliness report counted by hand (tests/service/timeliness_record.py), on SQLite and
PostgreSQL; its reads do not grow with the number of cases; over the API and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event
from typer.testing import CliRunner

from service.cli import app
from service.store.db import make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow import reports
from service.workflow.auth import Principal, Role
from tests.service.builders import logged_in
from tests.service.timeliness_record import FROM, TO, TODAY, spring_2026

MANAGER = Principal(user_id=1, username="manager", role=Role.MANAGER, facilitator_id=None)
PERIOD = reports.Params(start=FROM, end=TO)
WORKING, CALENDAR = "working days", "calendar days"
# clock: met, met late, missed, still due, median days, 90th percentile days, unit
BY_HAND: dict[str, list[Any]] = {
    "Referral acknowledged to the referrer": [1, 1, 2, 0, 2, 3, WORKING],
    "First contact with the person harmed": [1, 1, 0, 1, 3.5, 6, WORKING],
    "First contact with the person responsible, once the person harmed is reached": [
        0, 0, 1, 1, None, None, WORKING,
    ],
    "Referrer told the referral was accepted": [0, 1, 3, 0, 15, 15, WORKING],
    "Referrer told two facilitators have the case": [0, 0, 0, 0, None, None, WORKING],
    "Referrer updated when a party's answer changed": [0, 0, 0, 0, None, None, WORKING],
    "Referrer told the outcome": [1, 0, 0, 0, 2, 2, WORKING],
    "Evaluation sent to the participants": [1, 0, 0, 0, 5, 5, CALENDAR],
}  # fmt: skip


def _run(engine: Engine) -> Any:
    with UnitOfWork(session_factory(engine)) as uow:
        return reports.run(uow, MANAGER, "timeliness", PERIOD)


@pytest.mark.today(TODAY)
def test_timeliness_counted_by_hand(engine: Engine) -> None:
    with session_factory(engine)() as session:
        spring_2026(session)
    report = _run(engine)
    table = report.tables[0]
    assert {str(row[0]): row[1:8] for row in table.rows} == BY_HAND
    assert report.headlines[0].value == 4
    definition = {str(row[0]): row[8] for row in table.rows}
    assert definition["First contact with the person harmed"] == (
        "From case_accepted to harmed_reached, within 5 working days; not owed once case_closed."
    )
    assert "calendar days" in definition["Evaluation sent to the participants"]
    terms = {d.term for d in report.definitions}
    assert {"Met", "Met late", "Missed", "Still due", "Days taken"} <= terms


@pytest.mark.today(TODAY)
def test_a_district_with_no_cases_counts_none(engine: Engine) -> None:
    with session_factory(engine)() as session:
        spring_2026(session)
    with UnitOfWork(session_factory(engine)) as uow:
        p = reports.Params(start=FROM, end=TO, district="Harlow")
        report = reports.run(uow, MANAGER, "timeliness", p)
    assert report.headlines[0].value == 0
    assert all(row[1:5] == [0, 0, 0, 0] for row in report.tables[0].rows)


class Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_: Any) -> None:
        self.count += 1


def _statements(url: str, extra: int) -> int:
    engine = make_engine(url)
    upgrade(engine)
    with session_factory(engine)() as session:
        spring_2026(session, extra=extra)
    counter = Counter()
    event.listen(engine, "before_cursor_execute", counter)
    _run(engine)
    engine.dispose()
    return counter.count


@pytest.mark.today(TODAY)
def test_reads_do_not_grow_with_the_cases(tmp_path: Path) -> None:
    few = _statements(f"sqlite:///{tmp_path / 'few.sqlite'}", extra=0)
    many = _statements(f"sqlite:///{tmp_path / 'many.sqlite'}", extra=12)
    assert few == many
    assert few <= 12


@pytest.fixture
def recorded(sqlite_url: str) -> str:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    with session_factory(engine)() as session:
        spring_2026(session)
    engine.dispose()
    return sqlite_url


@pytest.mark.today(TODAY)
def test_over_the_api_as_json(recorded: str, client: TestClient) -> None:
    manager = logged_in(client, Role.MANAGER)
    assert "timeliness" in [r["name"] for r in client.get("/reports", headers=manager).json()]
    params = {"from": FROM.isoformat(), "to": TO.isoformat(), "suppress": "false"}
    answer = client.get("/reports/timeliness", params=params, headers=manager)
    assert answer.status_code == 200, answer.text
    rows = {row[0]: row[1:8] for row in answer.json()["tables"][0]["rows"]}
    assert rows == BY_HAND


@pytest.mark.today(TODAY)
def test_from_the_cli_as_csv_and_json(recorded: str, tmp_path: Path) -> None:
    period = ["--from", FROM.isoformat(), "--to", TO.isoformat(), "--url", recorded]
    out = tmp_path / "timeliness.csv"
    result = CliRunner().invoke(
        app, ["report", "timeliness", *period, "--format", "csv", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert lines[0].startswith("Clock,Met,Met late,Missed,Still due,Median days taken")
    assert any(line.startswith("First contact with the person harmed,") for line in lines)
    result = CliRunner().invoke(app, ["report", "timeliness", *period])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["name"] == "timeliness"
    assert len(body["tables"][0]["rows"]) == len(BY_HAND)
