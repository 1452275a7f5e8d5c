"""The volunteers report's supervision, pipeline, trained-and-started and CPD tables, counted by
hand over the first quarter of 2026. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from rules.volunteering import VolunteerPolicy, supervision_due
from service.store import tables as t
from service.store.db import session_factory
from service.store.uow import UnitOfWork
from service.workflow import reports
from service.workflow.auth import Principal, Role
from service.workflow.schemas.reports import Cell, Report
from tests.service.record_builders import AT, Record

MANAGER = Principal(user_id=1, username="manager", role=Role.MANAGER, facilitator_id=None)
Q1 = reports.Params(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))
D = dt.date


def supervised(session: Session, fid: str, *days: dt.date) -> None:
    for day in days:
        session.add(t.Supervision(facilitator_id=fid, held_on=day, kind="individual",
                                  supervisor="Sam", recorded_by="t", recorded_at=AT))  # fmt: skip


def trained(session: Session, fid: str, course: str, level: str, on: dt.date, hours: float) -> None:
    session.add(t.TrainingRecord(facilitator_id=fid, course=course, level=level, completed_on=on,
                                 hours=hours, recorded_by="t", recorded_at=AT))  # fmt: skip


def recruit(session: Session, rid: str, district: str, *stages: tuple[str, dt.date]) -> None:
    session.add(t.Recruit(id=rid, district=district, stage=stages[-1][0], created_at=AT))
    session.flush()
    for stage, on in stages:
        session.add(t.RecruitStage(recruit_id=rid, stage=stage, reached_on=on,
                                   recorded_by="t", recorded_at=AT))  # fmt: skip


def volunteers(r: Record, s: Session) -> None:
    """By hand, January to March 2026, supervision every 12 weeks (84 days):

    F1 started 2025-10-01, supervised 2025-12-01 (next due 2026-02-23), 2026-02-10 (met it;
       next due 2026-05-05), 2026-03-20: 2 held, 1 due and held by the due day.
    F2 started 2025-11-01, never supervised: due 2026-01-24, not held.
    F3 no start day, supervised 2025-11-15 (due 2026-02-07) and 2026-03-01 (late): 1 held.
    F4 started 2025-12-01, left 2026-02-01: due 2026-02-23 after leaving, not owed.
    F5 paused, F6 left in 2025: not counted (F5's supervision and training neither).
    Supervision: held 3, due 3, by the due day 1, late 1, not held 1.

    CPD year 2025-04-01 to 2026-03-31: F1 foundation 4 + 3 = 7 of 6 (met); F2 intermediate
    (a course before the year) 5 of 12; F3 nothing, 0 of 6; F4 6 of 6 (met; the advanced course
    of June 2026 is after the day counted). Foundation 3 volunteers, 2 met, 13 hours;
    intermediate 1, 0 met, 5 hours.
    """
    r.facilitator("F1", started_on=D(2025, 10, 1))
    r.facilitator("F2", started_on=D(2025, 11, 1))
    r.facilitator("F3")
    r.facilitator("F4", started_on=D(2025, 12, 1), left_on=D(2026, 2, 1))
    r.facilitator("F5", started_on=D(2025, 1, 1), active=False)
    r.facilitator("F6", started_on=D(2024, 1, 1), left_on=D(2025, 12, 1))
    supervised(s, "F1", D(2025, 12, 1), D(2026, 2, 10), D(2026, 3, 20))
    supervised(s, "F3", D(2025, 11, 15), D(2026, 3, 1))
    supervised(s, "F5", D(2026, 1, 10))
    supervised(s, "F6", D(2026, 1, 10))
    trained(s, "F1", "practitioner", "foundation", D(2025, 5, 1), 4.0)
    trained(s, "F1", "mediation", "foundation", D(2026, 2, 1), 3.0)
    trained(s, "F2", "complex_sensitive", "intermediate", D(2025, 3, 1), 10.0)
    trained(s, "F2", "practitioner", "foundation", D(2025, 9, 1), 5.0)
    trained(s, "F4", "practitioner", "foundation", D(2025, 4, 1), 6.0)
    trained(s, "F4", "mediation", "advanced", D(2026, 6, 1), 20.0)
    trained(s, "F5", "practitioner", "foundation", D(2026, 1, 5), 100.0)


def pipeline(s: Session) -> None:
    """By hand, the days of the stages left in January to March 2026:

    applicant -> interviewed: Ra 35, Rb 10, Rc 20, Re 1 (Harlow): median 15, p90 35.
    interviewed -> trained: Ra 27, Rb 21 (Rc trained in April): median 24, p90 27.
    trained -> vetting submitted: Ra 10, Rb 4, Rf 20: median 10, p90 20.
    vetting submitted -> vetted: Ra 30, Rd 198: median 114, p90 198.
    vetted -> active: Ra 7, Rd 17 (Rd's later return from a pause not counted): median 12,
    p90 17.
    Trained in the quarter: Ra (started), Rb (left), Rf (on the way); Rc in April, Rd in 2025.
    """
    recruit(s, "Ra", "Chelmsford", ("applicant", D(2025, 12, 1)), ("interviewed", D(2026, 1, 5)),
            ("trained", D(2026, 2, 1)), ("vetting_submitted", D(2026, 2, 11)),
            ("vetted", D(2026, 3, 13)), ("active", D(2026, 3, 20)))  # fmt: skip
    recruit(s, "Rb", "Chelmsford", ("applicant", D(2026, 1, 1)), ("interviewed", D(2026, 1, 11)),
            ("trained", D(2026, 2, 1)), ("vetting_submitted", D(2026, 2, 5)),
            ("left", D(2026, 3, 1)))  # fmt: skip
    recruit(s, "Rc", "Chelmsford", ("applicant", D(2026, 1, 10)), ("interviewed", D(2026, 1, 30)),
            ("trained", D(2026, 4, 10)))  # fmt: skip
    recruit(s, "Rd", "Chelmsford", ("trained", D(2025, 6, 1)),
            ("vetting_submitted", D(2025, 7, 1)), ("vetted", D(2026, 1, 15)),
            ("active", D(2026, 2, 1)), ("paused", D(2026, 3, 1)),
            ("active", D(2026, 3, 10)))  # fmt: skip
    recruit(s, "Re", "Harlow", ("applicant", D(2026, 1, 1)), ("interviewed", D(2026, 1, 2)))
    recruit(s, "Rf", "Chelmsford", ("trained", D(2026, 3, 5)),
            ("vetting_submitted", D(2026, 3, 25)))  # fmt: skip


@pytest.fixture
def uow(engine: Engine) -> Iterator[UnitOfWork]:
    sessions = session_factory(engine)
    with sessions() as session:
        r = Record(session)
        volunteers(r, session)
        pipeline(session)
        r.commit()
    with UnitOfWork(sessions) as unit:
        yield unit


def table(report: Report, key: str) -> dict[str, list[Cell]]:
    found = next(x for x in report.tables if x.key == key)
    return {str(row[0]): row[1:] for row in found.rows}


def test_the_due_days_of_the_fixture_are_the_reminders_own() -> None:
    policy = VolunteerPolicy()
    assert supervision_due(D(2025, 12, 1), None, policy) == D(2026, 2, 23)
    assert supervision_due(None, D(2025, 11, 1), policy) == D(2026, 1, 24)
    assert supervision_due(D(2025, 11, 15), None, policy) == D(2026, 2, 7)


@pytest.mark.today("2026-11-25")
def test_supervisions_done_against_due(uow: UnitOfWork) -> None:
    report = reports.run(uow, MANAGER, "volunteers", Q1)
    assert table(report, "supervision") == {
        "Supervisions held": [3],
        "Supervisions due": [3],
        "Due and held by the due day": [1],
        "Due and held late": [1],
        "Due and not held yet": [1],
    }


@pytest.mark.today("2026-11-25")
def test_supervision_due_follows_the_policy_in_force(uow: UnitOfWork) -> None:
    """Every 4 weeks: F1's starts due 2025-10-29 (met 12-01 late), 12-01's due 12-29 (out),
    02-10's due 03-10 (met 03-20 late), 03-20's due 04-17 (out); F2's 11-29 out; F3's
    11-15 -> 12-13 out, 03-01 -> 03-29 (not held); F4's 12-29 out."""
    uow.volunteers.add(
        t.VolunteerPolicyRecord(
            document=VolunteerPolicy(supervision_every_weeks=4).model_dump(mode="json"),
            set_by="manager",
            set_at=AT,
        )
    )
    uow.flush()
    found = table(reports.run(uow, MANAGER, "volunteers", Q1), "supervision")
    assert found["Supervisions due"] == [2]
    assert found["Due and held late"] == [1]
    assert found["Due and not held yet"] == [1]


@pytest.mark.today("2026-11-25")
def test_days_in_each_stage_of_recruitment(uow: UnitOfWork) -> None:
    report = reports.run(uow, MANAGER, "volunteers", Q1)
    assert table(report, "pipeline") == {
        "Applicant to interviewed": [4, 15, 35.0],
        "Interviewed to trained": [2, 24, 27.0],
        "Trained to vetting submitted": [3, 10, 20.0],
        "Vetting submitted to vetted": [2, 114, 198.0],
        "Vetted to active": [2, 12, 17.0],
    }


@pytest.mark.today("2026-11-25")
def test_stage_days_of_one_district(uow: UnitOfWork) -> None:
    p = reports.Params(Q1.start, Q1.end, district="Harlow")
    found = table(reports.run(uow, MANAGER, "volunteers", p), "pipeline")
    assert found["Applicant to interviewed"] == [1, 1, 1.0]
    assert found["Vetted to active"] == [0, None, None]


@pytest.mark.today("2026-11-25")
def test_trained_and_started_in_the_period(uow: UnitOfWork) -> None:
    report = reports.run(uow, MANAGER, "volunteers", Q1)
    assert table(report, "trained_started") == {
        "Trained": [3],
        "Of them, started": [1],
        "Of them, left before starting": [1],
        "Of them, not started yet": [1],
    }


@pytest.mark.today("2026-11-25")
def test_cpd_hours_against_the_requirement(uow: UnitOfWork) -> None:
    report = reports.run(uow, MANAGER, "volunteers", Q1)
    cpd = next(x for x in report.tables if x.key == "cpd")
    assert cpd.title == "CPD hours from 2025-04-01 to 2026-03-31 against the requirement"
    assert table(report, "cpd") == {
        "Foundation": [3, 6.0, 2, 1, 13.0],
        "Intermediate": [1, 12.0, 0, 1, 5.0],
    }
    assert cpd.totals == ["Total", 4, None, 2, 2, 18.0]
