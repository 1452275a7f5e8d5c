"""The demo year carried out through the use cases: a slice of the plan (the referrals of the
last 40 days: closed, open and waiting ones) gives the same counts in the store as in the plan,
the same seed the same rows, and the worklist something to show. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pytest
from sqlalchemy import Engine, select

from geo import default_gazetteer
from models.casefile import ContactOutcome, PartyRole
from scenarios import demo_year as y
from scenarios.demo_data import DemoData, load_demo
from scenarios.demo_scales import Scale
from service.clock import FixedClock
from service.store import tables as t
from service.store.db import make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow import demo, demo_year, worklist
from service.workflow.auth import Principal, Role
from tests.service.conftest import TEST_CIPHER

TODAY = dt.date(2026, 12, 7)
SLICE_DAYS = 40
SEED = 2017


@cache
def data() -> DemoData:
    return load_demo(Scale.TINY)


@cache
def sliced() -> y.YearPlan:
    people = [(f.id, f.experienced) for f in data().problem.facilitators]
    year = y.plan_year(TODAY, people, default_gazetteer(), SEED)
    recent = {r.id for r in year.referrals if r.received >= TODAY - dt.timedelta(SLICE_DAYS)}
    return y.only(year, recent)


def _loaded(engine: Engine) -> UnitOfWork:
    clock = FixedClock(dt.datetime.combine(TODAY, dt.time(8, 0)))
    uow = UnitOfWork(session_factory(engine, TEST_CIPHER), clock)
    with uow:
        demo.load(uow, data())
        demo_year.replay(uow, sliced(), default_gazetteer(), SEED)
    return uow


def _store_counts(engine: Engine) -> dict[str, Any]:
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        s = uow.session
        roles = dict(s.execute(select(t.Party.id, t.Party.role)).all())
        contacts = s.execute(select(t.Contact.party_id, t.Contact.outcome)).all()
        contacted = {p for p, _ in contacts if p is not None}
        agreed = {p for p, o in contacts if o == ContactOutcome.AGREED.value}
        kinds = s.scalars(select(t.CaseOutcome.kind)).all()
        year = s.scalars(select(t.Referral.id).where(t.Referral.id.like("Y-%"))).all()
        return {
            "referrals": len(year),
            "harmed": sum(1 for p in contacted if roles[p] == PartyRole.HARMED.value),
            "responsible": sum(1 for p in contacted if roles[p] == PartyRole.RESPONSIBLE.value),
            "took_up": len(agreed),
            "outcomes": {k: kinds.count(k) for k in sorted(set(kinds))},
            "evaluations": len(s.scalars(select(t.Evaluation.id)).all()),
        }


def test_the_store_holds_what_the_plan_says_counted_the_dashboards_way(engine: Engine) -> None:
    _loaded(engine)
    planned = y.count(sliced())
    stored = _store_counts(engine)
    assert stored == {
        "referrals": planned.referrals,
        "harmed": planned.harmed_contacted,
        "responsible": planned.responsible_contacted,
        "took_up": planned.took_up,
        "outcomes": planned.outcomes,
        "evaluations": planned.evaluations,
    }
    assert stored["outcomes"], "the slice has closed cases"


def test_the_worklist_of_the_demo_coordinator_has_current_items(engine: Engine) -> None:
    _loaded(engine)
    clock = FixedClock(dt.datetime.combine(TODAY, dt.time(9, 0)))
    with UnitOfWork(session_factory(engine, TEST_CIPHER), clock) as uow:
        user = uow.users.by_username("coordinator")
        assert user is not None
        who = Principal(user.id, user.username, Role.COORDINATOR, None)
        items = worklist.for_user(uow, who)
    year_items = [i for i in items if i.subject_id.startswith("Y-")]
    assert any(i.kind.startswith("clock:") for i in year_items)


def _rows(engine: Engine) -> list[tuple[Any, ...]]:
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        s = uow.session
        parties = [
            (p.case_id, p.role, p.age_band, uow.cipher.open_json(p.details or ""))
            for p in s.scalars(select(t.Party).order_by(t.Party.id))
        ]
        contacts = [
            (c.case_id, c.party_id, c.kind, c.purpose, c.made_on, c.outcome)
            for c in s.scalars(select(t.Contact).order_by(t.Contact.id))
        ]
        return [*parties, *contacts]


def test_the_same_seed_gives_the_same_rows(tmp_path_factory: Any) -> None:
    engines = []
    for name in ("one", "two"):
        engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp(name) / 'y.sqlite'}")
        upgrade(engine)
        _loaded(engine)
        engines.append(engine)
    assert _rows(engines[0]) == _rows(engines[1])
    for engine in engines:
        engine.dispose()


def _half_written(uow: UnitOfWork) -> None:
    with uow.one_transaction():
        uow.settings.put("demo_probe", "first")
        uow.commit()  # only flushed
        raise RuntimeError("an act fails half way")


def test_one_transaction_writes_the_use_cases_commits_all_or_nothing(engine: Engine) -> None:
    sessions = session_factory(engine, TEST_CIPHER)
    with UnitOfWork(sessions) as uow, pytest.raises(RuntimeError):
        _half_written(uow)
    with UnitOfWork(sessions) as uow:
        assert uow.settings.get("demo_probe") is None
        with uow.one_transaction():
            uow.settings.put("demo_probe", "second")
            uow.commit()
    with UnitOfWork(sessions) as uow:
        assert uow.settings.get("demo_probe") == "second"
