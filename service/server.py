"""The service's composition root: one ASGI app with the shared state and both HTTP doors.

`create_app(settings, clock)` opens the store and the things every request shares (the
sessions, the read pool, the gazetteer, the policies, the clock, the scenario runner) and adds
the doors: the JSON API (service.api) and the pages (service.web). The doors never import each
other or this module; `rjplan serve` starts it by name (`service.server:from_environment`), so
the CLI does not import it either.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.types import ASGIApp

import rules
from geo import default_gazetteer
from service.api.app import DESCRIPTION, add_api
from service.api.limits import BodyLimit
from service.clock import SYSTEM_CLOCK, Clock
from service.config import Settings, data_key_text
from service.headers import SecurityHeaders
from service.store.db import make_engine, session_factory
from service.store.keys import load_cipher
from service.store.readers import make_reader
from service.web.app import add_pages
from service.workflow.auth import LoginGate
from service.workflow.login_limits import LoginLimits
from service.workflow.passwords import PasswordHashing
from service.workflow.scenario_jobs import ScenarioJobs

GC_THRESHOLDS = (7_000, 20, 20)  # Python's defaults: (700, 10, 10)


def create_app(settings: Settings, clock: Clock = SYSTEM_CLOCK) -> FastAPI:
    """An app over the database in `settings` (already migrated: see `rjplan db upgrade`),
    reading the time from `clock`. Personal details are opened with the data key
    (service.store.keys): without RJPLAN_DATA_KEY a PostgreSQL store refuses to start."""
    cipher = load_cipher(settings.database_url, data_key_text(settings)).cipher
    app = _Service(
        title="rjplan",
        version="1",
        description=DESCRIPTION,
        lifespan=_lifespan,
        docs_url=None,  # the API door serves its own, from the package (service.api.docs)
        redoc_url=None,
    )
    engine = make_engine(settings.database_url)
    app.state.settings = settings
    app.state.clock = clock
    app.state.engine = engine
    app.state.cipher = cipher
    app.state.sessions = session_factory(engine, cipher)
    app.state.jobs = ScenarioJobs(app.state.sessions, settings.scenario_jobs, clock)
    app.state.reader = make_reader(engine)
    hashing = PasswordHashing(settings.password_hashing_at_once)
    app.state.login_gate = LoginGate(hashing, LoginLimits.from_settings(settings))
    app.state.gazetteer = default_gazetteer()
    app.state.policies = {pid: rules.load_policy(pid) for pid in rules.list_policies()}
    add_api(app)
    add_pages(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


class _Service(FastAPI):
    """The app with the security headers (service.headers) outside everything, even the
    server-error middleware, so a 500 carries them too."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the scenario runner with the app (it runs runs while this process holds the
    database's lease) and stop it last: a run in hand stops within a simulated day and is
    queued again for the next holder (see service.workflow.scenario_jobs); then close the read
    pool."""
    jobs: ScenarioJobs = app.state.jobs
    await asyncio.to_thread(jobs.start)
    try:
        yield
    finally:
        await asyncio.to_thread(jobs.stop)
        await app.state.reader.close()  # the async read pool (PostgreSQL)


def from_environment() -> FastAPI:
    """The app configured from the environment (RJPLAN_DATABASE_URL...), ready to serve: the
    factory `rjplan serve` and any ASGI server start (`uvicorn --factory
    service.server:from_environment`). It expects a migrated database (`rjplan db upgrade`,
    or `rjplan serve`, which also loads the demo data)."""
    return ready_to_serve(create_app(Settings()))


def ready_to_serve(made: FastAPI) -> FastAPI:
    """Move what the app loaded to start (gazetteer, policies, the libraries: about 200,000
    objects that live as long as the process) out of the garbage collector's sight with
    `gc.freeze`, and collect the young generations less often. Under load each worker otherwise
    ran full collections that walked them all, 140-176 ms each, several times in 30 s, each one
    a stall for every request it held. Frozen, they took 3-18 ms (walking what the first
    requests load lazily); with the thresholds raised too, none ran in a 30 s load test
    (benchmarks/README.md, section service)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    return made
