"""A facilitator's own volunteer record: the courses with the skills each gives, checks,
supervision, CPD, hours this month, this year and per case, expense claims with their state;
hours logged and claims made as their own; amounts typed in pounds."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from geo.gazetteer import default_gazetteer
from models.common import Skill
from models.volunteers import CheckKind, Course, Level, SupervisionKind
from service.clock import FixedClock
from service.errors import ForbiddenError, InputError
from service.store.uow import UnitOfWork
from service.workflow import facilitators, my_record, volunteer_record
from service.workflow.auth import Principal, Role
from service.workflow.schemas.facilitators import FacilitatorIn
from service.workflow.schemas.hours import Activity, ExpenseIn, ExpenseKind, HoursIn
from service.workflow.schemas.volunteers import CheckIn, SupervisionIn, TrainingIn
from tests.service.builders import a_facilitator
from tests.service.conftest import TEST_CIPHER, session_factory

CLOCK = FixedClock(dt.datetime(2026, 11, 23, 9, 0))
ADMIN = Principal(1, "root", Role.ADMIN, None)
ME = Principal(2, "pat", Role.FACILITATOR, "F-1")


def _uow(engine: Engine) -> UnitOfWork:
    return UnitOfWork(session_factory(engine, TEST_CIPHER), CLOCK)


def recorded(engine: Engine) -> None:
    """F-1 (started 2026-01-05) with a DV course, a force vetting and a supervision."""
    with _uow(engine) as uow:
        body = FacilitatorIn.model_validate(a_facilitator("F-1", started_on="2026-01-05"))
        facilitators.create(uow, ADMIN, body, default_gazetteer())
    course = TrainingIn(
        course=Course.DOMESTIC_SEXUAL_VIOLENCE,
        level=Level.INTERMEDIATE,
        completed_on=dt.date(2026, 6, 10),
        provider="Restorative Solutions",
        hours=12,
    )
    with _uow(engine) as uow:
        volunteer_record.record_training(uow, ADMIN, "F-1", course)
        check = CheckIn(kind=CheckKind.NSV, granted_on=dt.date(2025, 3, 1))
        volunteer_record.record_check(uow, ADMIN, "F-1", check)
        held = SupervisionIn(
            held_on=dt.date(2026, 9, 1), kind=SupervisionKind.INDIVIDUAL, supervisor="coord"
        )
        volunteer_record.record_supervision(uow, ADMIN, "F-1", held)


def test_my_record_shows_my_courses_with_their_skills_checks_and_supervision(
    engine: Engine,
) -> None:
    recorded(engine)
    with _uow(engine) as uow:
        mine = my_record.mine(uow, ME)
    given = {(c.training.course, c.training.completed_on): c.skills for c in mine.courses}
    assert given == {
        (Course.MEDIATION, None): [Skill.MEDIATION],  # declared when registered, undated
        (Course.DOMESTIC_SEXUAL_VIOLENCE, dt.date(2026, 6, 10)): [Skill.DV],
    }
    (nsv,) = mine.record.checks
    assert (nsv.kind, nsv.lapses_on) == (CheckKind.NSV, dt.date(2030, 3, 1))
    assert mine.record.supervision.due == dt.date(2026, 11, 24)
    assert (mine.record.cpd.required_hours, mine.record.cpd.done_hours) == (12.0, 12.0)


def test_my_hours_are_summed_this_month_this_year_and_per_case(engine: Engine) -> None:
    recorded(engine)
    with _uow(engine) as uow:
        for day, hours in (("2026-11-02", 2.0), ("2026-10-30", 1.5), ("2025-12-31", 4.0)):
            body = HoursIn.model_validate(
                {"worked_on": day, "hours": hours, "activity": Activity.ADMIN}
            )
            my_record.log_my_hours(uow, ME, body)
    with _uow(engine) as uow:
        mine = my_record.mine(uow, ME)
    assert (mine.month_from, mine.month_hours) == (dt.date(2026, 11, 1), 2.0)
    assert (mine.year_from, mine.year_hours) == (dt.date(2026, 1, 1), 3.5)
    assert mine.year_by_case == []


def test_my_claims_are_mine_priced_at_the_rate_and_listed_with_their_state(
    engine: Engine,
) -> None:
    recorded(engine)
    with _uow(engine) as uow:
        mileage = ExpenseIn(incurred_on=dt.date(2026, 11, 20), kind=ExpenseKind.MILEAGE, miles=10)
        my_record.claim(uow, ME, mileage)
        typed = {"incurred_on": "2026-11-21", "kind": "other", "amount": "£4.50"}
        fare = ExpenseIn.model_validate(my_record.claim_fields(typed))
        my_record.claim(uow, ME, fare)
    with _uow(engine) as uow:
        mine = my_record.mine(uow, ME)
    assert [(c.kind, c.amount_pence, c.status) for c in mine.claims] == [
        ("other", 450, "submitted"),
        ("mileage", 450, "submitted"),
    ]
    assert {c.facilitator for c in mine.claims} == {"F-1"}
    assert mine.pence_per_mile == 45


def test_staff_and_unlinked_logins_have_no_record_of_their_own(engine: Engine) -> None:
    recorded(engine)
    for who in (ADMIN, Principal(3, "lee", Role.FACILITATOR, None)):
        with _uow(engine) as uow, pytest.raises(ForbiddenError):
            my_record.mine(uow, who)


@pytest.mark.parametrize(
    ("typed", "pence"), [("4.50", 450), ("£12", 1200), (" 1,200.05 ", 120005), ("", None)]
)
def test_an_amount_in_pounds_is_read_in_pence(typed: str, pence: int | None) -> None:
    assert my_record.pence(typed, "/body/amount") == pence


@pytest.mark.parametrize("typed", ["four pounds", "4.505", "nan", "inf"])
def test_an_amount_that_is_not_pounds_and_pence_names_the_field(typed: str) -> None:
    with pytest.raises(InputError) as caught:
        my_record.pence(typed, "/body/amount")
    assert [e.pointer for e in caught.value.errors] == ["/body/amount"]
