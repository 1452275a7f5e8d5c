"""The reports over the live record, counted by hand: seven referrals of early 2026, their
screening, cases, parties, contacts and outcomes. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from models import InputError
from service.errors import ForbiddenError
from service.store import tables as t
from service.store.db import session_factory
from service.store.uow import UnitOfWork
from service.workflow import reports
from service.workflow.auth import Principal, Role
from service.workflow.history import import_history
from service.workflow.schemas.reports import Cell, Report
from tests.service.record_builders import AT, Record

MANAGER = Principal(user_id=1, username="manager", role=Role.MANAGER, facilitator_id=None)
FACILITATOR = Principal(user_id=2, username="f1", role=Role.FACILITATOR, facilitator_id="F-1")
Q1 = reports.Params(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))


def d(month: int, day: int) -> dt.date:
    return dt.date(2026, month, day)


def early_2026(r: Record) -> None:
    """By hand, January to March 2026 (R6 is in April):

    R1 police, Chelmsford, accepted: harmed spoken to then agreed; responsible no answer then
       agreed; a supporter reached (not counted); closed direct (conference).
    R2 housing, Harlow, neighbour dispute, accepted: harmed spoken to twice; responsible never
       reached; closed with no outcome.
    R3 police, Harlow: held, then declined (the latest decision counts).
    R4 self, Chelmsford, accepted: harmed agreed then withdrew; responsible declined; closed
       declined by the person responsible.
    R5 police, Chelmsford: not screened yet.
    R6 police, Chelmsford, 1 April: outside the quarter.
    R7 police, Chelmsford, accepted, open: two people harmed sent letters.
    """
    r.referral("R1", d(1, 5))
    r.decision("R1", "accept", d(1, 6))
    r.case("R1", closed_on=d(3, 1))
    r.contacts("R1", r.party("R1", "harmed"), "spoke", "agreed")
    r.contacts("R1", r.party("R1", "responsible"), "no_answer", "agreed")
    r.contacts("R1", r.party("R1", "supporter"), "spoke")
    r.outcome("R1", "direct", d(3, 1), method="conference")

    r.referral("R2", d(1, 20), referrer="housing", district="Harlow", case_type="neighbour_dispute")
    r.decision("R2", "accept", d(1, 21))
    r.case("R2", closed_on=d(2, 28))
    r.contacts("R2", r.party("R2", "harmed"), "spoke", "spoke")
    r.contacts("R2", r.party("R2", "responsible"), "no_answer", "unreachable")
    r.outcome("R2", "no_outcome", d(2, 28))

    r.referral("R3", d(2, 3), district="Harlow")
    r.decision("R3", "hold", d(2, 4))
    r.decision("R3", "decline", d(2, 10))

    r.referral("R4", d(2, 10), referrer="self")
    r.decision("R4", "accept", d(2, 11))
    r.case("R4", closed_on=d(3, 20))
    r.contacts("R4", r.party("R4", "harmed"), "agreed", "withdrew")
    r.contacts("R4", r.party("R4", "responsible"), "declined")
    r.outcome("R4", "declined", d(3, 20), declined_by="responsible")

    r.referral("R5", d(3, 2))
    r.referral("R6", d(4, 1))
    r.decision("R6", "accept", d(4, 2))

    r.referral("R7", d(3, 15))
    r.decision("R7", "accept", d(3, 16))
    r.case("R7")
    r.contacts("R7", r.party("R7", "harmed"), "sent")
    r.contacts("R7", r.party("R7", "harmed"), "left_message", "sent")
    r.commit()


@pytest.fixture
def uow(engine: Engine) -> Iterator[UnitOfWork]:
    sessions = session_factory(engine)
    with sessions() as session:
        early_2026(Record(session))
    with UnitOfWork(sessions) as unit:
        yield unit


def rows(report: Report, table: int = 0) -> dict[str, list[Cell]]:
    return {str(row[0]): row[1:] for row in report.tables[table].rows}


def test_referrals_by_each_dimension(uow: UnitOfWork) -> None:
    def by(dim: str) -> dict[str, list[Cell]]:
        p = reports.Params(Q1.start, Q1.end, by=(dim,))
        return {k: v[:1] for k, v in rows(reports.run(uow, MANAGER, "referrals", p)).items()}

    assert by("referrer") == {"Police": [4], "Housing": [1], "Self-referral": [1]}
    assert by("district") == {"Chelmsford": [4], "Harlow": [2]}
    assert by("decision") == {"Accept": [4], "Decline": [1], "Not recorded": [1]}
    assert by("offence") == {"Low level crime": [5], "Neighbour dispute": [1]}
    assert by("month") == {"2026-01": [2], "2026-02": [2], "2026-03": [2]}


def test_referrals_share_and_total(uow: UnitOfWork) -> None:
    report = reports.run(uow, MANAGER, "referrals", Q1)
    assert rows(report)["Police"] == [4, 66.67]
    assert report.tables[0].totals == ["Total", 6, 100.0]


def test_referrer_crossed_with_district(uow: UnitOfWork) -> None:
    p = reports.Params(Q1.start, Q1.end, by=("referrer", "district"))
    report = reports.run(uow, MANAGER, "referrals", p)
    assert [c.label for c in report.tables[0].columns] == [
        "Referrer",
        "Chelmsford",
        "Harlow",
        "Total",
    ]
    assert rows(report) == {
        "Police": [3, 1, 4],
        "Housing": [0, 1, 1],
        "Self-referral": [1, 0, 1],
    }
    assert report.tables[0].totals == ["Total", 4, 2, 6]


def test_a_district_filter(uow: UnitOfWork) -> None:
    p = reports.Params(Q1.start, Q1.end, district="Harlow")
    funnel = reports.run(uow, MANAGER, "funnel", p)
    assert rows(funnel)["Referrals"][0] == 2
    assert rows(funnel)["Accepted"][0] == 1


def test_funnel_counted_by_hand(uow: UnitOfWork) -> None:
    report = reports.run(uow, MANAGER, "funnel", Q1)
    got = {k: v[0] for k, v in rows(report).items()}
    assert got == {
        "Referrals": 6,
        "Accepted": 4,
        "People harmed contacted": 5,
        "People responsible contacted": 2,
        "Took up the offer": 3,
        "Direct communication": 1,
        "Indirect communication": 0,
        "Positive outcomes": 1,
    }
    assert report.headlines[0].value == 16.67


def test_outcomes_counted_by_hand(uow: UnitOfWork) -> None:
    report = reports.run(uow, MANAGER, "outcomes", Q1)
    assert rows(report) == {
        "Declined": [1, 33.33],
        "No outcome": [1, 33.33],
        "Conference": [1, 33.33],
        "Indirect": [0, 0.0],
    }
    assert rows(report, 1) == {
        "The person harmed": [0],
        "The person responsible": [1],
        "The service": [0],
        "Not recorded": [0],
    }
    assert {h.key: h.value for h in report.headlines} == {"accepted": 4, "open": 1}


def test_imported_history_counts_beside_the_record(uow: UnitOfWork) -> None:
    csv = (
        "id,received,referrer,district,decision,outcome,method,harmed_contacted,"
        "responsible_contacted,took_up\n"
        "OLD-1,2026-02-01,housing,Harlow,accept,indirect,letter,1,1,2\n"
    )
    import_history(uow, MANAGER, csv.encode(), "old.csv")
    funnel = {k: v[0] for k, v in rows(reports.run(uow, MANAGER, "funnel", Q1)).items()}
    assert funnel["Referrals"] == 7
    assert funnel["Took up the offer"] == 5
    assert funnel["Indirect communication"] == 1
    p = reports.Params(Q1.start, Q1.end, by=("referrer",))
    assert rows(reports.run(uow, MANAGER, "referrals", p))["Housing"][0] == 2


def test_a_facilitator_sees_no_report(uow: UnitOfWork) -> None:
    with pytest.raises(ForbiddenError):
        reports.run(uow, FACILITATOR, "funnel", Q1)


def test_bad_parameters_are_named_with_their_fix(uow: UnitOfWork) -> None:
    p = reports.Params(start=d(3, 1), end=d(1, 1), by=("referrer", "referrer", "colour"))
    with pytest.raises(InputError) as caught:
        reports.run(uow, MANAGER, "referrals", p)
    pointers = [e.pointer for e in caught.value.errors]
    assert pointers.count("/query/to") == 1
    assert pointers.count("/query/by") == 3
    with pytest.raises(InputError, match="no report 'sales'"):
        reports.run(uow, MANAGER, "sales", Q1)
    with pytest.raises(InputError, match="needs splits"):
        reports.run(uow, MANAGER, "referrals", reports.Params(by=("period",)))
    with pytest.raises(InputError, match="overlap"):
        reports.check(
            "referrals",
            reports.Params(
                by=("period",),
                splits=(
                    reports.split_of("a:2026-01-01:2026-02-01"),
                    reports.split_of("b:2026-02-01:2026-03-01"),
                ),
            ),
        )
    with pytest.raises(InputError, match="name:YYYY-MM-DD"):
        reports.split_of("pilot:2026-13-01:2026-02-01")


def test_feedback_counted_by_hand_hiding_questions_with_few_answers(engine: Engine) -> None:
    sessions = session_factory(engine)
    with sessions() as session:
        r = Record(session)
        r.referral("R1", d(1, 5))
        r.case("R1")
        satisfaction = [5, 5, 5, 4, 3, None, 5]
        facilitator = [5, 5, None, None, None, None, 4]
        positive = [True, True, True, True, False, True, None]
        better = [True, True, False, False, None, None, True]
        for i in range(7):
            r.evaluation(
                "R1", r.party("R1", "harmed"), d(2, 1 + i),
                satisfaction=satisfaction[i], facilitator_rating=facilitator[i],
                positive_outcome=positive[i], felt_better=better[i], would_recommend=True,
            )  # fmt: skip
        r.evaluation("R1", r.party("R1", "harmed"), d(4, 2), satisfaction=1)  # April
        process, response = [5, 5, 4, 4, 5], [5, 4, None, None, None]
        for i in range(5):
            r.referrer_feedback(
                "R1", d(3, 1 + i), referral_process=process[i], initial_response=response[i],
                kept_updated=4, effectiveness=5, would_refer_again=i < 4,
            )  # fmt: skip
        for before, after in ((10, 14), (12, 12), (8, 10), (9, 15), (11, 11)):
            party = r.party("R1", "responsible")
            r.empathy("R1", party, "before", before, d(1, 10))
            r.empathy("R1", party, "after", after, d(3, 10))
        r.empathy("R1", r.party("R1", "responsible"), "before", 3, d(1, 10))  # no after
        late = r.party("R1", "responsible")
        r.empathy("R1", late, "before", 1, d(1, 10))
        r.empathy("R1", late, "after", 20, d(4, 10))  # after the quarter
        r.commit()
    with UnitOfWork(sessions) as uow:
        report = reports.run(uow, MANAGER, "feedback", Q1)
    assert rows(report) == {
        "Extremely satisfied with the service (5 of 5)": [6, 4, 66.67],
        "Rated the service 4 out of 5 or higher": [6, 5, 83.33],
        "Rated the facilitators 5 out of 5": [3, None, None],
        "Said it resulted in a positive outcome for them": [6, 5, 83.33],
        "Felt better as a result": [5, 3, 60.0],
        "Would recommend it to others": [7, 7, 100.0],
    }
    assert list(rows(report, 1).values()) == [
        [5, 92.0],
        [2, None],
        [5, 80.0],
        [5, 100.0],
        [5, 80.0],
        [0, None],
    ]
    assert report.headlines[0].value == 2.4


def test_allocation_counted_by_hand(engine: Engine) -> None:
    """Paired: R1 3 days after acceptance, R2 10 (its second pair does not count), R4 1;
    R7 waits; R6 is April's. Active: F1-F4 (F5 left in 2025, F6 is inactive)."""
    sessions = session_factory(engine)
    with sessions() as session:
        r = Record(session)
        early_2026(r)
        for fid in ("F1", "F2", "F3", "F4"):
            r.facilitator(fid)
        r.facilitator("F5", left_on=dt.date(2025, 12, 1))
        r.facilitator("F6", active=False)
        r.pair("R1", "F1", "F2", d(1, 9), ended_on=d(3, 1))
        r.pair("R2", "F1", "F3", d(1, 31), ended_on=d(2, 10))
        r.pair("R2", "F3", "F2", d(2, 10))
        r.pair("R4", "F1", "F2", d(2, 12))
        r.case("R6")
        r.pair("R6", "F4", "F1", d(4, 5))
        for fid, on, hours in (
            ("F1", d(1, 10), 10.0), ("F1", d(2, 10), 5.0), ("F2", d(3, 3), 5.0),
            ("F4", d(1, 4), 20.0), ("F1", d(4, 10), 100.0), ("F5", d(1, 4), 50.0),
        ):  # fmt: skip
            r.hours(fid, on, hours)
        r.commit()
    with UnitOfWork(sessions) as uow:
        report = reports.run(uow, MANAGER, "allocation", Q1)
    assert rows(report) == {"Median days": [3], "90th percentile days": [10.0]}
    assert rows(report, 1) == {"0": [1], "1": [1], "3": [2]}
    assert {h.key: h.value for h in report.headlines} == {
        "paired": 3,
        "hours_gini": 0.4375,
        "hours_logged": 40.0,
    }


def test_gini_of_equal_and_of_one_holding_all() -> None:
    assert reports.gini([3.0, 3.0, 3.0]) == 0.0
    assert reports.gini([0.0, 0.0, 0.0, 12.0]) == 0.75
    assert reports.gini([]) is None
    assert reports.gini([0.0, 0.0]) is None


def test_volunteers_counted_by_hand(engine: Engine) -> None:
    sessions = session_factory(engine)
    with sessions() as session:
        r = Record(session)
        for fid in ("F1", "F2", "F3", "F4"):
            r.facilitator(fid)
        r.facilitator("F5", left_on=dt.date(2025, 12, 1))
        r.facilitator("F6", active=False)
        for fid, course, on in (
            ("F1", "practitioner", d(2, 1)),
            ("F2", "practitioner", dt.date(2025, 6, 1)),  # before the quarter
            ("F3", "mediation", d(2, 2)),  # not the practitioner course
        ):
            session.add(
                t.TrainingRecord(
                    facilitator_id=fid,
                    course=course,
                    level="foundation",
                    completed_on=on,
                    recorded_by="t",
                    recorded_at=AT,
                )
            )
        for rid, stage, reached in (
            ("Rc1", "vetting_submitted", d(1, 20)),
            ("Rc2", "active", d(3, 1)),
            ("Rc3", "active", dt.date(2025, 12, 1)),
        ):
            session.add(t.Recruit(id=rid, stage=stage, created_at=AT))
            session.flush()
            session.add(t.RecruitStage(recruit_id=rid, stage=stage, reached_on=reached,
                                       recorded_by="t", recorded_at=AT))  # fmt: skip
        for fid, held in (("F1", d(1, 15)), ("F2", d(2, 15)), ("F3", dt.date(2025, 12, 15))):
            session.add(
                t.Supervision(
                    facilitator_id=fid,
                    held_on=held,
                    kind="individual",
                    supervisor="Sam",
                    recorded_by="t",
                    recorded_at=AT,
                )
            )
        r.hours("F1", d(1, 10), 10.0)
        r.hours("F2", d(3, 3), 5.0)
        r.hours("F1", d(4, 10), 100.0)
        r.commit()
    with UnitOfWork(sessions) as uow:
        report = reports.run(uow, MANAGER, "volunteers", Q1)
    assert {k: v[0] for k, v in rows(report).items()} == {
        "Active volunteers": 4,
        "Trained": 1,
        "Started": 1,
        "Waiting for vetting": 1,
        "Hours logged": 15.0,
        "Supervisions held": 2,
    }
