"""A facilitator changes their own absences (audited as theirs), and only their own: a staff
login or a facilitator login without a record has no own record."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from geo.gazetteer import default_gazetteer
from service.clock import FixedClock
from service.errors import ForbiddenError, InputError
from service.store.uow import UnitOfWork
from service.workflow import facilitators, own_record
from service.workflow.audit import find
from service.workflow.auth import Principal, Role
from service.workflow.schemas.audit import AuditQuery
from service.workflow.schemas.facilitators import FacilitatorIn, WindowIn
from tests.service.builders import a_facilitator
from tests.service.conftest import TEST_CIPHER, session_factory

CLOCK = FixedClock(dt.datetime(2026, 11, 23, 9, 0))
ADMIN = Principal(1, "root", Role.ADMIN, None)
ME = Principal(2, "pat", Role.FACILITATOR, "F-1")
DAY = dt.date(2026, 12, 1)


def _uow(engine: Engine) -> UnitOfWork:
    return UnitOfWork(session_factory(engine, TEST_CIPHER), CLOCK)


def test_a_facilitator_adds_and_removes_their_own_absences(engine: Engine) -> None:
    with _uow(engine) as uow:
        body = FacilitatorIn.model_validate(a_facilitator("F-1", home={"lat": 51.7, "lon": 0.5}))
        facilitators.create(uow, ADMIN, body, default_gazetteer())
    first = WindowIn(start=DAY, end=DAY + dt.timedelta(days=6), reason="holiday")
    second = WindowIn(start=DAY + dt.timedelta(days=20), end=DAY + dt.timedelta(days=21))
    with _uow(engine) as uow:
        own_record.add_my_absence(uow, ME, first)
        after = own_record.add_my_absence(uow, ME, second)
    assert after.unavailable == [first, second]
    with _uow(engine) as uow:
        assert own_record.remove_my_absence(uow, ME, 1).unavailable == [second]
        with pytest.raises(InputError, match="no absence number 2"):
            own_record.remove_my_absence(uow, ME, 2)
    with _uow(engine) as uow:
        changes = find(uow, AuditQuery(actor="pat", action="availability"), 10, 0)
    assert len(changes) == 3


def test_only_a_facilitator_linked_to_a_record_has_an_own_record(engine: Engine) -> None:
    window = WindowIn(start=DAY, end=DAY)
    unlinked = Principal(3, "lee", Role.FACILITATOR, None)
    for who in (ADMIN, unlinked):
        with _uow(engine) as uow, pytest.raises(ForbiddenError):
            own_record.add_my_absence(uow, who, window)
