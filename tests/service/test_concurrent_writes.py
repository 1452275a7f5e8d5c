"""Two requests writing the same thing at the same time, in truly overlapping transactions
(tests/service/concurrency.py), on SQLite and on PostgreSQL: the same referral created twice,
the same referral screened twice, two meeting plans over the same facilitators committed
together. One wins, the other is a 409 naming the id (or waits its turn), nothing is
half-written."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

import rules
from geo import default_gazetteer
from models import Referral
from service.errors import ConflictError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow import meeting_commit, referrals
from service.workflow.auth import Principal, Role
from service.workflow.schemas.meetings import MeetingCommitOut
from service.workflow.schemas.referrals import ReferralOut, ScreeningOut
from tests.service.builders import a_referral
from tests.service.concurrency import overlapping
from tests.service.conftest import TEST_CIPHER, session_factory
from tests.service.test_meetings_api import a_plan, api, coordinator

__all__ = ["api", "coordinator"]  # the meetings tests' fixtures, used below

COORDINATOR = Principal(1, "coordinator", Role.COORDINATOR, None)
BOTH_CHECKS_PASSED = "reached its commit"
"""The second request read the store, found no R-1 (no case) and went to commit, as the first
had: the race the check before the write cannot see, left to the database's unique key."""
POLICIES = {pid: rules.load_policy(pid) for pid in rules.list_policies()}


def _count(engine: Engine, table: Any, **where: str) -> int:
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        query = select(func.count()).select_from(table)
        for column, value in where.items():
            query = query.where(getattr(table, column) == value)
        return int(uow.session.execute(query).scalar_one())


def _one_won_one_409_naming(outcomes: tuple[Any, Any], kind: type, ident: str) -> None:
    won = [o for o in outcomes if isinstance(o, kind)]
    refused = [o for o in outcomes if isinstance(o, ConflictError)]
    assert (len(won), len(refused)) == (1, 1), outcomes
    assert repr(ident) in refused[0].message, refused[0].message


def test_the_same_referral_created_twice_at_once_is_stored_once_and_the_other_is_a_409(
    engine: Engine,
) -> None:
    referral = Referral.model_validate(a_referral("R-1"))
    first, second, how = overlapping(
        engine,
        lambda uow: referrals.create(uow, COORDINATOR, referral),
        lambda uow: referrals.create(uow, COORDINATOR, referral),
    )
    assert how == BOTH_CHECKS_PASSED
    _one_won_one_409_naming((first, second), ReferralOut, "R-1")
    assert _count(engine, t.Referral) == 1
    assert _count(engine, t.AuditEntry, entity="referral", action="create") == 1


def test_the_same_referral_screened_twice_at_once_opens_one_case_and_the_other_is_a_409(
    engine: Engine,
) -> None:
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        referrals.create(uow, COORDINATOR, Referral.model_validate(a_referral("R-1")))
    gazetteer = default_gazetteer()

    def screen(uow: UnitOfWork) -> ScreeningOut:
        return referrals.screen(uow, COORDINATOR, "R-1", None, POLICIES, gazetteer)

    first, second, how = overlapping(engine, screen, screen)
    _one_won_one_409_naming((first, second), ScreeningOut, "R-1")
    assert isinstance(first, ScreeningOut), first
    assert first.case_id == "R-1"
    assert (_count(engine, t.Case), _count(engine, t.Decision)) == (1, 1)
    assert _count(engine, t.AuditEntry, action="screen") == 1
    assert how == BOTH_CHECKS_PASSED


def test_two_meeting_plans_over_the_same_facilitators_commit_one_after_the_other(
    api: TestClient, coordinator: dict[str, str]
) -> None:
    """The second commit waits for the first's locks (the commit lock and the facilitators'
    rows), then finds its input unchanged and commits: the later commit is the plan in force."""
    plans = [a_plan(api, coordinator)["id"], a_plan(api, coordinator)["id"]]
    engine: Engine = api.app.state.engine  # type: ignore[attr-defined]
    gazetteer = default_gazetteer()
    first, second, how = overlapping(
        engine,
        lambda uow: meeting_commit.commit(uow, COORDINATOR, plans[0], None, gazetteer),
        lambda uow: meeting_commit.commit(uow, COORDINATOR, plans[1], None, gazetteer),
    )
    assert isinstance(first, MeetingCommitOut), first
    assert isinstance(second, MeetingCommitOut), second
    if engine.dialect.name == "postgresql":
        assert how == "waited for a lock"
    assert first.committed_at <= second.committed_at
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        latest = uow.meetings.latest_committed()
        assert latest is not None
        assert latest.id == plans[1]
        assert len(uow.audit.search("meeting_plan", plans[0], 10, 0)) == 1
        assert len(uow.audit.search("meeting_plan", plans[1], 10, 0)) == 1
