"""The demo database carries the venues, prisons, volunteer records and recruitment pipeline,
so its worklist shows the volunteers' warnings on the day it is loaded."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from sqlalchemy import Engine

from models.volunteers import Stage
from scenarios.demo_data import Scale, load_demo
from service.clock import FixedClock
from service.store.db import session_factory
from service.store.uow import UnitOfWork
from service.web.routes import ROUTERS
from service.workflow import demo, demo_records, recruitment, scenario_fit, worklist
from service.workflow.auth import Principal, Role
from service.workflow.volunteer_warnings import volunteer_warnings
from tests.service.conftest import TEST_CIPHER

DAY = dt.date(2026, 11, 25)
STAFF = Principal(1, "coordinator", Role.COORDINATOR, None)


@pytest.fixture
def demo_store(engine: Engine) -> UnitOfWork:
    uow = UnitOfWork(session_factory(engine, TEST_CIPHER), FixedClock(dt.datetime(2026, 11, 25, 9)))
    with uow:
        demo.load(uow, load_demo(Scale.TINY))
    return uow


def test_the_demo_carries_venues_varied_prisons_and_records_that_raise_warnings(
    demo_store: UnitOfWork,
) -> None:
    with demo_store as uow:
        assert len(uow.places.venues()) == 30
        leads = {p.lead_time_working_days for p in uow.places.prisons()}
        assert len(leads) > 1, "the nearest prisons' notice periods differ"
        kinds = Counter(i.kind for i in volunteer_warnings(uow, DAY))
        assert kinds["supervision_overdue"] >= 1
        assert kinds["nsv_expiring"] >= 1
        listed = {i.kind for i in worklist.for_user(uow, STAFF, DAY)}
        assert {"supervision_overdue", "nsv_expiring"} <= listed
        assert uow.expenses.search(None, "submitted", 100, 0)


def test_the_demo_pipeline_has_the_seeds_shape_25_trained_9_started(
    demo_store: UnitOfWork,
) -> None:
    with demo_store as uow:
        cohort = (DAY - dt.timedelta(days=600), DAY)
        funnel = recruitment.cohort_funnel(uow, Stage.TRAINED, cohort, DAY)
        assert funnel.recruits == 25
        reached = {row.stage: row.reached for row in funnel.rows}
        assert reached[Stage.ACTIVE] == 9
        assert reached[Stage.VETTED] == 9


def test_the_fit_of_the_demo_history_finds_the_vetting_wait_it_was_made_with(
    demo_store: UnitOfWork,
) -> None:
    with demo_store as uow:
        found = scenario_fit.fit(uow)
    wait = found.vetting_delay
    assert wait is not None
    assert wait.n == demo_records.COHORT_STARTED
    assert wait.median_days.low <= demo_records.VETTING_MEDIAN_DAYS <= wait.median_days.high
    assert found.months >= 1
    assert sum(r.per_month.n for r in found.referral_rates) == len(load_demo(Scale.TINY).referrals)


def _page_pattern(path: str) -> re.Pattern[str]:
    """A pages route's path as a pattern: each `{name}` one path segment."""
    return re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")


def test_every_worklist_item_links_to_a_page_that_exists(demo_store: UnitOfWork) -> None:
    pages = [_page_pattern(r.path) for router in ROUTERS for r in router.routes]  # type: ignore[attr-defined]
    with demo_store as uow:
        items = worklist.for_user(uow, STAFF, DAY)
    assert items, "the demo's worklist is not empty"
    broken = {i.link for i in items if i.link and not any(p.match(i.link) for p in pages)}
    assert not broken, f"worklist links with no page: {sorted(broken)}"
