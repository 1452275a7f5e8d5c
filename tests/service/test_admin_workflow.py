"""Admin use cases: a user's role changed and a user disabled (audited, never one's own), and
the audit log searched by who, action, entity and days; on every backend."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine

from service.clock import FixedClock
from service.errors import ConflictError, InputError, NotFoundError, UnauthorizedError
from service.store.uow import UnitOfWork
from service.workflow import audit, auth, users
from service.workflow.auth import Principal, Role
from service.workflow.login_limits import LoginLimits
from service.workflow.passwords import DEFAULT_HASHING
from service.workflow.schemas.audit import AuditQuery
from service.workflow.schemas.auth import UserIn
from tests.service.conftest import TEST_CIPHER, session_factory

ADMIN = Principal(1, "root", Role.ADMIN, None)
GATE = auth.LoginGate(DEFAULT_HASHING, LoginLimits())
# 23:30 UTC on 23 November is still the 23rd in London; 23:30 UTC on 30 June is 1 July (BST)
LATE = FixedClock(dt.datetime(2026, 11, 23, 23, 30))
SUMMER = FixedClock(dt.datetime(2026, 6, 30, 23, 30))


def _uow(engine: Engine, clock: FixedClock = LATE) -> UnitOfWork:
    return UnitOfWork(session_factory(engine, TEST_CIPHER), clock)


def _with_users(engine: Engine) -> None:
    with _uow(engine) as uow:
        users.add(uow, ADMIN, UserIn(username="root", password="long enough 1", role=Role.ADMIN))
        users.add(uow, ADMIN, UserIn(username="sam", password="long enough 2", role=Role.MANAGER))


def test_an_admin_changes_a_users_role_and_the_change_is_audited(engine: Engine) -> None:
    _with_users(engine)
    with _uow(engine) as uow:
        changed = users.change_role(uow, ADMIN, "sam", Role.COORDINATOR, "ignored for staff")
    assert (changed.role, changed.facilitator_id) == (Role.COORDINATOR, None)
    with _uow(engine) as uow:
        found = audit.find(uow, AuditQuery(action="change_role"), 10, 0)
    assert [(e.actor, e.entity_id, e.changes) for e in found] == [
        ("root", "sam", {"role": {"from": "manager", "to": "coordinator"}})
    ]


def test_a_role_change_is_refused_for_oneself_an_unknown_user_or_a_facilitator_without_record(
    engine: Engine,
) -> None:
    _with_users(engine)
    with _uow(engine) as uow, pytest.raises(ConflictError, match="your own role"):
        users.change_role(uow, ADMIN, "root", Role.MANAGER, None)
    with _uow(engine) as uow, pytest.raises(NotFoundError):
        users.change_role(uow, ADMIN, "nobody", Role.MANAGER, None)
    with _uow(engine) as uow, pytest.raises(InputError, match="facilitator's id"):
        users.change_role(uow, ADMIN, "sam", Role.FACILITATOR, None)
    with _uow(engine) as uow, pytest.raises(NotFoundError):
        users.change_role(uow, ADMIN, "sam", Role.FACILITATOR, "F-404")
    with _uow(engine) as uow:
        assert [u.role for u in users.listing(uow)] == [Role.ADMIN, Role.MANAGER]


def test_a_disabled_user_cannot_sign_in_and_an_admin_cannot_disable_themselves(
    engine: Engine,
) -> None:
    _with_users(engine)
    with _uow(engine) as uow:
        assert users.set_active(uow, ADMIN, "sam", active=False).active is False
    with _uow(engine) as uow, pytest.raises(UnauthorizedError):
        auth.login(uow, GATE, "sam", "long enough 2", "127.0.0.1", dt.timedelta(hours=1))
    with _uow(engine) as uow, pytest.raises(ConflictError, match="disable yourself"):
        users.set_active(uow, ADMIN, "root", active=False)
    with _uow(engine) as uow:
        users.set_active(uow, ADMIN, "sam", active=True)
        users.set_active(uow, ADMIN, "sam", active=True)  # no change: no entry
        auth.login(uow, GATE, "sam", "long enough 2", "127.0.0.1", dt.timedelta(hours=1))
    with _uow(engine) as uow:
        actions = [e.action for e in audit.find(uow, AuditQuery(entity_id="sam"), 10, 0)]
    assert actions == ["create", "disable", "enable"]


def test_the_audit_log_filters_by_who_what_and_days_in_the_services_zone(engine: Engine) -> None:
    with _uow(engine, SUMMER) as uow:  # 1 July in London
        uow.audit.record("ann", "update", "facilitator", "F-1", {})
        uow.commit()
    with _uow(engine, LATE) as uow:  # 23 November
        uow.audit.record("bob", "update", "case", "C-1", {})
        uow.audit.record("ann", "commit", "proposal", "P-1", {})
        uow.commit()
    with _uow(engine) as uow:

        def ids(**filters: object) -> list[str]:
            return [e.entity_id for e in audit.find(uow, AuditQuery.model_validate(filters), 9, 0)]

        assert ids() == ["F-1", "C-1", "P-1"]
        assert ids(actor="ann") == ["F-1", "P-1"]
        assert ids(actor="ann", newest_first=True) == ["P-1", "F-1"]
        assert ids(action="update", entity="case") == ["C-1"]
        assert ids(since="2026-07-01", until="2026-07-01") == ["F-1"]
        assert ids(until="2026-06-30") == []
        assert ids(since="2026-11-23") == ["C-1", "P-1"]
        assert ids(since="2026-11-24") == []
    with pytest.raises(ValidationError, match="swap the dates"):
        AuditQuery(since=dt.date(2026, 2, 1), until=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        AuditQuery(actor="x" * 65)
