"""The volunteer warnings read columns, not whole facilitator records: the facts they build
are the ones the records give (every present volunteer's training, checks, supervision, cases
and hours), volunteers who have left raise none, and the reading is a fixed number of
statements however many volunteers there are. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, event

from rules.volunteer_reminders import VolunteerFacts
from scenarios.demo_data import Scale, load_demo
from service.clock import FixedClock
from service.store.db import session_factory
from service.store.mapping import checks_of, training_of
from service.store.uow import UnitOfWork
from service.workflow import demo
from service.workflow.volunteer_warnings import facts_on, volunteer_warnings
from tests.service.conftest import TEST_CIPHER

DAY = dt.date(2026, 11, 25)


def from_records(uow: UnitOfWork, day: dt.date) -> list[VolunteerFacts]:
    """The facts as they were built before: from every facilitator's whole record."""
    supervised = uow.volunteers.last_supervisions()
    last_cases = uow.volunteers.last_case_days()
    month = uow.volunteers.hours_by_facilitator(day.replace(day=1), day)
    busy = {f for p in uow.pairs.current().values() for f in (p.facilitator_a, p.facilitator_b)}
    return [
        VolunteerFacts(
            id=row.id,
            active=row.active,
            started_on=row.started_on,
            weekly_hours=row.weekly_hours,
            force_expires=row.vetting_expires,
            checks=checks_of(row),
            training=training_of(row),
            last_supervision=supervised.get(row.id),
            on_a_case=row.id in busy,
            last_case_day=last_cases.get(row.id),
            month_hours=month.get(row.id, 0.0),
        )
        for row in uow.facilitators.all()
        if row.left_on is None or row.left_on > day
    ]


def _store(engine: Engine, scale: Scale) -> UnitOfWork:
    uow = UnitOfWork(session_factory(engine, TEST_CIPHER), FixedClock(dt.datetime(2026, 11, 25, 9)))
    with uow:
        demo.load(uow, load_demo(scale))
    return uow


def _statements(engine: Engine, uow: UnitOfWork) -> int:
    count = [0]

    def counted(*_: Any) -> None:
        count[0] += 1

    event.listen(engine, "before_cursor_execute", counted)
    with uow:
        facts_on(uow, DAY)
    event.remove(engine, "before_cursor_execute", counted)
    return count[0]


def test_the_facts_from_columns_are_those_of_the_whole_records(engine: Engine) -> None:
    uow = _store(engine, Scale.TINY)
    with uow:
        rows = uow.facilitators.all()
        left, leaving = rows[0], rows[1]
        left.left_on = DAY  # left today: gone from the warnings
        leaving.left_on = DAY + dt.timedelta(days=1)  # still here today
        uow.commit()
    with uow:
        facts = facts_on(uow, DAY)
        assert facts == from_records(uow, DAY)
        ids = {f.id for f in facts}
        assert left.id not in ids
        assert leaving.id in ids
        assert any(f.checks for f in facts)
        assert any(f.training for f in facts)
        assert any(f.on_a_case for f in facts)
        assert any(f.last_supervision for f in facts)
        assert all(i.subject_id != left.id for i in volunteer_warnings(uow, DAY))


@pytest.mark.parametrize("scale", [Scale.TINY, Scale.ESSEX])
def test_the_facts_take_eight_statements_for_12_volunteers_or_60(
    engine: Engine, scale: Scale
) -> None:
    # three for the people, their training and checks; one each for supervisions, this
    # month's hours and current pairs; two for the last case days (either side of a pair)
    assert _statements(engine, _store(engine, scale)) == 8
