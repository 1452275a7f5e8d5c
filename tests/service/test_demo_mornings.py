"""The demo service's morning, on the demo's own day and long after it: propose, commit.

A commit makes the store exactly the plan the solver checked: a pair the solver cannot keep
(a facilitator's vetting lapsed) is re-opened and listed with the reason, never left behind
to overload the partner who stays.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from scenarios.demo_data import Scale, load_demo
from service.clock import FixedClock
from service.config import Settings
from service.errors import InputError
from service.store.db import session_factory
from service.store.uow import UnitOfWork
from service.workflow import commit, demo, proposals
from service.workflow.auth import Principal, Role
from service.workflow.schemas.proposals import ControlsIn, Pin
from tests.service.conftest import TEST_CIPHER

COORDINATOR = Principal(1, "coordinator", Role.COORDINATOR, None)
DEMO_DAY = load_demo(Scale.ESSEX).problem.as_of
SETTINGS = Settings(solve_time_limit_s=10.0, load_demo_when_empty=False)


def clock_on(day: dt.date) -> FixedClock:
    return FixedClock(dt.datetime.combine(day, dt.time(9)))


def loaded(engine: Engine, clock: FixedClock) -> None:
    with UnitOfWork(session_factory(engine, TEST_CIPHER), clock) as uow:
        demo.load(uow, load_demo(Scale.ESSEX))


def stored_pairs(engine: Engine) -> dict[str, frozenset[str]]:
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        return {
            c: frozenset((p.facilitator_a, p.facilitator_b)) for c, p in uow.pairs.current().items()
        }


@pytest.mark.parametrize("days_later", [0, 30, 180, 365])
def test_the_demo_morning_commits_and_the_store_becomes_the_checked_plan(
    engine: Engine, days_later: int
) -> None:
    clock = clock_on(DEMO_DAY)
    loaded(engine, clock)
    clock.advance(dt.timedelta(days=days_later))
    with UnitOfWork(session_factory(engine, TEST_CIPHER), clock) as uow:
        proposal = proposals.propose(uow, COORDINATOR, SETTINGS, None)
    with UnitOfWork(session_factory(engine, TEST_CIPHER), clock) as uow:
        done = commit.commit(uow, COORDINATOR, proposal.id, None)
    assert done.changes == proposal.changes
    planned = {c: frozenset(pair) for c, pair in proposal.result.pairs().items()}
    assert stored_pairs(engine) == planned


def test_a_pair_whose_vetting_lapsed_is_reopened_keeping_the_partner_who_can_stay(
    engine: Engine,
) -> None:
    clock = clock_on(DEMO_DAY)
    loaded(engine, clock)
    data = load_demo(Scale.ESSEX).problem
    people = {f.id: f for f in data.facilitators}
    case = next(
        c
        for c in data.cases
        if len(c.current) == 2
        and sorted(people[f].vetting_expires for f in c.current)[0] > DEMO_DAY
    )
    first, second = sorted(case.current, key=lambda f: people[f].vetting_expires)
    lapsed_on = people[first].vetting_expires
    clock.advance(lapsed_on - DEMO_DAY)
    if people[second].vetting_expires <= lapsed_on:
        pytest.skip("both lapse the same day in this demo")
    with UnitOfWork(session_factory(engine, TEST_CIPHER), clock) as uow:
        proposal = proposals.propose(uow, COORDINATOR, SETTINGS, None)
    (change,) = [c for c in proposal.changes if c.case == case.id]
    assert first not in change.after
    assert change.reasons[0] == f"{first}'s vetting lapsed on {lapsed_on} (H2)"
    assert not change.after or second in change.after, "the partner who can stay stays"


def test_a_coordinator_cannot_pin_a_pair_whose_vetting_has_lapsed(engine: Engine) -> None:
    clock = clock_on(DEMO_DAY)
    loaded(engine, clock)
    later = DEMO_DAY + dt.timedelta(days=60)
    people = load_demo(Scale.ESSEX).problem.facilitators
    lapsed = next(f.id for f in people if f.vetting_expires <= later)
    fine = next(f.id for f in people if f.vetting_expires > later)
    clock.advance(later - DEMO_DAY)
    with UnitOfWork(session_factory(engine, TEST_CIPHER), clock) as uow:
        proposal = proposals.propose(uow, COORDINATOR, SETTINGS, None)
    case = proposal.result.assignments[0].case
    controls = ControlsIn(pins=[Pin(case=case, facilitators=[lapsed, fine])])
    with (
        pytest.raises(InputError) as refused,
        UnitOfWork(session_factory(engine, TEST_CIPHER), clock) as uow,
    ):
        proposals.resolve(uow, COORDINATOR, SETTINGS, proposal.id, controls)
    assert refused.value.errors[0].pointer == "/body/pins/0/facilitators"
    assert "vetting has lapsed (H2)" in refused.value.errors[0].message
