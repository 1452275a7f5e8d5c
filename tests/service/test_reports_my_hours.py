"""A facilitator's own hours as a report, counted by hand; the only report a facilitator may
run, and only of themselves. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from models import InputError
from service.errors import ForbiddenError
from service.store.db import session_factory
from service.store.uow import UnitOfWork
from service.workflow import reports
from service.workflow.auth import Principal, Role
from service.workflow.schemas.reports import Cell, Report
from tests.service.record_builders import Record

F1 = Principal(user_id=2, username="f1", role=Role.FACILITATOR, facilitator_id="F1")
F2 = Principal(user_id=3, username="f2", role=Role.FACILITATOR, facilitator_id="F2")
NOBODY = Principal(user_id=4, username="f9", role=Role.FACILITATOR, facilitator_id=None)
MANAGER = Principal(user_id=1, username="manager", role=Role.MANAGER, facilitator_id=None)
Q1 = reports.Params(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))
D = dt.date


@pytest.fixture
def uow(engine: Engine) -> Iterator[UnitOfWork]:
    """By hand, F1 in January to March 2026: C1 2.5 (Jan) + 3 (Feb) = 5.5, C2 4 (Feb),
    no case 1.5 (Jan) + 2 (Mar 31) = 3.5; by month Jan 4, Feb 7, Mar 2; total 13. Not counted:
    F1's 10 hours of April on C1 and 8 of December 2025, and F2's 6 hours on C1 in February."""
    sessions = session_factory(engine)
    with sessions() as session:
        r = Record(session)
        r.facilitator("F1")
        r.facilitator("F2")
        for rid in ("C1", "C2"):
            r.referral(rid, D(2025, 12, 1))
            r.case(rid)
        for fid, on, hours, case in (
            ("F1", D(2026, 1, 5), 2.5, "C1"), ("F1", D(2026, 2, 9), 3.0, "C1"),
            ("F1", D(2026, 2, 20), 4.0, "C2"), ("F1", D(2026, 1, 30), 1.5, None),
            ("F1", D(2026, 3, 31), 2.0, None), ("F1", D(2026, 4, 1), 10.0, "C1"),
            ("F1", D(2025, 12, 31), 8.0, None), ("F2", D(2026, 2, 9), 6.0, "C1"),
        ):  # fmt: skip
            r.hours(fid, on, hours, case)
        r.commit()
    with UnitOfWork(sessions) as unit:
        yield unit


def rows(report: Report, key: str) -> dict[str, list[Cell]]:
    found = next(x for x in report.tables if x.key == key)
    return {str(row[0]): row[1:] for row in found.rows}


def test_my_hours_by_month_and_by_case(uow: UnitOfWork) -> None:
    report = reports.run(uow, F1, "my_hours", Q1)
    assert rows(report, "by_month") == {"2026-01": [4.0], "2026-02": [7.0], "2026-03": [2.0]}
    assert rows(report, "by_case") == {"C1": [5.5], "C2": [4.0], "Not on a case": [3.5]}
    assert [t.totals for t in report.tables] == [["Total", 13.0], ["Total", 13.0]]


def test_each_facilitator_sees_their_own_hours_only(uow: UnitOfWork) -> None:
    asked = reports.Params(Q1.start, Q1.end, facilitator="F1")  # asking for another's: ignored
    report = reports.run(uow, F2, "my_hours", asked)
    assert rows(report, "by_case") == {"C1": [6.0]}


def test_a_facilitator_may_run_no_other_report(uow: UnitOfWork) -> None:
    for spec in reports.REPORTS.values():
        if spec.name != "my_hours":
            with pytest.raises(ForbiddenError):
                reports.run(uow, F1, spec.name, Q1)
    assert [r.name for r in reports.catalogue(F1)] == ["my_hours"]


def test_staff_have_no_own_hours_report(uow: UnitOfWork) -> None:
    with pytest.raises(ForbiddenError):
        reports.run(uow, MANAGER, "my_hours", Q1)
    with pytest.raises(ForbiddenError):
        reports.run(uow, NOBODY, "my_hours", Q1)
    assert "my_hours" not in [r.name for r in reports.catalogue(MANAGER)]


def test_my_hours_takes_no_district(uow: UnitOfWork) -> None:
    with pytest.raises(InputError) as caught:
        reports.run(uow, F1, "my_hours", reports.Params(Q1.start, Q1.end, district="Harlow"))
    assert [e.pointer for e in caught.value.errors] == ["/query/district"]
