"""Retention and subject access, on SQLite and PostgreSQL: a case closed more than the policy's
six years ago loses its personal details and keeps every row and count; a recent one is left
alone; a dry run changes nothing; everything held on one person comes out as JSON and a page,
matched across cases by name and phone, and the export is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from rules.retention import load_retention, parse_retention
from service.cli import app
from service.clock import FixedClock
from service.errors import InputError
from service.server import create_app
from service.store import tables as t
from service.store.db import session_factory
from service.store.uow import UnitOfWork
from service.workflow import retention
from service.workflow.auth import Role
from tests.service.builders import PASSWORD, a_referral, logged_in
from tests.service.conftest import TEST_CIPHER, TEST_DATA_KEY, settings_for
from tests.service.test_casefile_api import at

TODAY = dt.date(2026, 12, 7)
ANN = {"name": "Ann <b>Harmed</b>", "phone": "01632 960001", "email": "ann@example.org"}


@pytest.fixture
def api(engine: Engine, database_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(settings_for(database_url))) as client:
        yield client


def _staff(api: TestClient) -> dict[str, str]:
    body = {"username": "coordinator-x", "password": PASSWORD}
    token = api.post("/auth/token", json=body).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


def _case(api: TestClient, rid: str, received: str, closed: str) -> int:
    """A case with Ann harmed (details, a call with notes), an agreed action, closed, an
    evaluation with comments; her party id."""
    with at(received):
        headers = _staff(api)
        api.post("/referrals", json=a_referral(rid, received=received), headers=headers)
        api.post(f"/referrals/{rid}/screen", json={}, headers=headers)
        party = {"role": "harmed", "details": ANN}
        pid: int = api.post(f"/cases/{rid}/parties", json=party, headers=headers).json()["id"]
        call = {"party": pid, "kind": "call", "made_on": received, "outcome": "agreed"}
        call |= {"notes": "Ann is worried about meeting him"}
        assert api.post(f"/cases/{rid}/contacts", json=call, headers=headers).status_code == 201
        action = {"description": "Ann to get a letter", "owner": "harmed", "due": closed}
        api.post(f"/cases/{rid}/actions", json=action, headers=headers)
    with at(closed):
        headers = _staff(api)
        closing = {"outcome": "indirect", "method": "letter"}
        assert api.post(f"/cases/{rid}/close", json=closing, headers=headers).status_code == 200
        evaluation = {"party": pid, "received_on": closed, "satisfaction": 5}
        evaluation |= {"comments": "Ann slept well"}
        api.post(f"/cases/{rid}/evaluations", json=evaluation, headers=headers)
    return pid


@pytest.fixture
def cases(api: TestClient) -> dict[str, int]:
    logged_in(api, Role.COORDINATOR)
    return {
        "old": _case(api, "R-OLD", "2019-03-04", "2019-05-01"),
        "new": _case(api, "R-NEW", "2026-10-05", "2026-11-02"),
    }


def _counts(engine: Engine) -> dict[str, int]:
    tables: tuple[type[t.Base], ...] = (*retention.CASE_FILE, t.Case, t.CaseOutcome, t.Referral)
    with engine.connect() as conn:
        return {
            model.__tablename__: conn.execute(select(func.count()).select_from(model)).scalar_one()
            for model in tables
        }


def _uow(engine: Engine) -> UnitOfWork:
    return UnitOfWork(session_factory(engine, TEST_CIPHER), FixedClock(dt.datetime(2026, 12, 7, 9)))


def test_erasure_blanks_old_cases_personal_values_and_keeps_every_row_and_count(
    api: TestClient, cases: dict[str, int], engine: Engine
) -> None:
    before = _counts(engine)
    with _uow(engine) as uow:
        dry = retention.erase(uow, "test", None, dry_run=True)
    assert (dry.before, dry.case_ids, dry.dry_run) == (dt.date(2020, 12, 7), ["R-OLD"], True)
    # details, contact notes, the action, the evaluation's comments
    assert dry.by_table == {
        "agreement_actions": 1,
        "contacts": 1,
        "evaluations": 1,
        "parties": 1,
    }
    with _uow(engine) as uow:
        assert retention.erase(uow, "test", None, dry_run=True) == dry  # a dry run changed nothing
        done = retention.erase(uow, "test", None, dry_run=False)
    assert (done.values, done.dry_run) == (4, False)
    assert _counts(engine) == before
    with _uow(engine) as uow:
        assert retention.erase(uow, "test", None, dry_run=True).values == 0  # nothing left
        old = uow.casefile.of_case(t.Party, "R-OLD")[0]
        new = uow.casefile.of_case(t.Party, "R-NEW")[0]
        assert (old.details, old.erased_on) == (None, TODAY)
        assert new.details is not None
        assert uow.casefile.of_case(t.Contact, "R-OLD")[0].notes is None
        assert (
            uow.cipher.open(uow.casefile.of_case(t.AgreementAction, "R-OLD")[0].description) == ""
        )
        assert uow.casefile.outcome("R-OLD").kind == "indirect"  # type: ignore[union-attr]
        erased = uow.audit.search("case", "R-OLD", limit=50, offset=0)
        assert [e.changes["values"] for e in erased if e.action == "erase"] == [4]
    with at("2026-12-07"):
        staff = _staff(api)
        listed = api.get("/cases/R-OLD/parties", headers=staff).json()
    assert (listed[0]["details"], listed[0]["status"], listed[0]["took_up"]) == (
        None,
        "agreed",
        True,
    )


def test_a_cutoff_in_the_future_is_refused_naming_the_option(
    cases: dict[str, int], engine: Engine
) -> None:
    with _uow(engine) as uow, pytest.raises(InputError) as refused:
        retention.erase(uow, "test", dt.date(2027, 1, 1), dry_run=False)
    assert refused.value.errors[0].pointer == "--before"


def test_everything_held_on_one_person_comes_out_matched_across_cases_and_audited(
    api: TestClient, cases: dict[str, int]
) -> None:
    with at("2026-12-07"):
        staff = _staff(api)
        other = {"role": "harmed", "details": ANN | {"phone": "01632 960999", "email": ""}}
        api.post("/cases/R-NEW/parties", json=other, headers=staff)  # same name, not her
        url = f"/cases/R-NEW/parties/{cases['new']}/subject-access"
        export = api.get(url, headers=staff)
        page = api.get(f"{url}.html", headers=staff)
        manager = api.get(url, headers=logged_in(api, Role.MANAGER))
        audit = api.get(
            f"/audit?entity=subject_access&entity_id={cases['new']}",
            headers=logged_in(api, Role.ADMIN),
        ).json()
    assert export.status_code == 200, export.text
    body: dict[str, Any] = export.json()
    assert [r["case_id"] for r in body["records"]] == ["R-NEW", "R-OLD"]
    first = body["records"][0]
    assert first["party"]["details"]["phone"] == "01632 960001"
    assert [c["notes"] for c in first["contacts"]] == ["Ann is worried about meeting him"]
    assert first["evaluations"][0]["comments"] == "Ann slept well"
    assert first["agreed_actions"][0]["description"] == "Ann to get a letter"
    assert page.headers["content-type"].startswith("text/html")
    assert "Ann &lt;b&gt;Harmed&lt;/b&gt;" in page.text
    assert "<b>Harmed</b>" not in page.text
    assert manager.status_code == 403
    assert [e["action"] for e in audit] == ["export", "export"]


def test_the_erase_command_counts_on_a_dry_run_and_refuses_a_bad_day(
    cases: dict[str, int], database_url: str
) -> None:
    env = {"RJPLAN_DATA_KEY": TEST_DATA_KEY}
    erase = ["db", "erase", "--url", database_url, "--before"]
    dry = CliRunner().invoke(app, [*erase, "2020-01-01", "--dry-run"], env=env)
    bad = CliRunner().invoke(app, [*erase, "last year"])
    assert dry.exit_code == 0, dry.output
    assert "would erase 4 personal values of 1 cases closed before 2020-01-01" in dry.output
    # the CLI's main turns InputError into exit 2 with this message (service.cli)
    assert isinstance(bad.exception, InputError)
    assert "--before: 'last year' is not a day; write it as YYYY-MM-DD" in str(bad.exception)


def test_a_retention_policy_names_its_bad_fields() -> None:
    assert load_retention("essex-2018").closed_cases.erase_personal_after_years == 6
    with pytest.raises(InputError) as bad:
        parse_retention(
            "retention: x\ntitle: t\nsource: s\nclosed_cases: {erase_personal_after_years: 0}",
            "r.yaml",
        )
    assert bad.value.errors[0].pointer == "/closed_cases/erase_personal_after_years"
