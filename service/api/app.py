"""The FastAPI application: `create_app(settings)` wires the store, the routers and errors."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

import rules
from geo import default_gazetteer
from service.api import errors
from service.api.routes import (
    audit,
    auth,
    cases,
    facilitators,
    meetings,
    policies,
    proposals,
    referrals,
    scenarios,
)
from service.clock import SYSTEM_CLOCK, Clock
from service.config import Settings
from service.store.db import make_engine, session_factory
from service.store.readers import make_reader
from service.workflow.scenario_jobs import ScenarioJobs

ROUTERS = (
    auth.router,
    referrals.router,
    policies.router,
    facilitators.router,
    proposals.router,
    meetings.router,
    cases.router,
    scenarios.router,
    audit.router,
)

DESCRIPTION = """The rjplan service: referrals and their screening, facilitators, the morning
allocation (propose, review, pin or forbid, commit), re-planning, meetings for committed pairs
(plan, review, commit, calendar feeds), what-if scenario runs in the background (start, follow,
read the numbers and report) and the facilitator's own view.

Log in with `POST /auth/token` and send `Authorization: Bearer TOKEN`. Every error answer is a
JSON body with `errors[]`, each naming a field by JSON pointer. Data is PROTECT - PERSONAL
INFORMATION: roles limit who reads what, and every change is in the audit log."""


def create_app(settings: Settings, clock: Clock = SYSTEM_CLOCK) -> FastAPI:
    """An app over the database in `settings` (already migrated: see `rjplan db upgrade`),
    reading the time from `clock`."""
    app = FastAPI(title="rjplan", version="1", description=DESCRIPTION, lifespan=_lifespan)
    engine = make_engine(settings.database_url)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.clock = clock
    app.state.jobs = ScenarioJobs(app.state.sessions, settings.scenario_jobs, clock)
    app.state.reader = make_reader(engine)
    app.state.gazetteer = default_gazetteer()
    app.state.policies = {pid: rules.load_policy(pid) for pid in rules.list_policies()}
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the scenario runner with the app (resuming what a restart left) and stop it last:
    the run in hand ends after its current replicate (see service.workflow.scenario_jobs);
    then close the read pool."""
    jobs: ScenarioJobs = app.state.jobs
    await asyncio.to_thread(jobs.start)
    try:
        yield
    finally:
        await asyncio.to_thread(jobs.stop)
        await app.state.reader.close()  # the async read pool (PostgreSQL)
