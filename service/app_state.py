"""What the two HTTP doors (the API and the pages) take from the app's state, as dependencies
and their `Annotated` aliases: the unit of work, the clock, settings, the read pool, the
gazetteer, the scenario runner and the login gate. `service.server` puts them on the state once;
`service.api.deps` and `service.web.deps` add each door's own way of knowing the user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from geo import Gazetteer
from service.clock import Clock
from service.config import Settings
from service.store.readers import Reader
from service.store.uow import UnitOfWork
from service.workflow.auth import LoginGate
from service.workflow.scenario_jobs import ScenarioJobs


def get_uow(request: Request) -> Iterator[UnitOfWork]:
    """One unit of work per request; rolled back unless the workflow committed."""
    with UnitOfWork(request.app.state.sessions, request.app.state.clock) as uow:
        yield uow


def get_clock(request: Request) -> Clock:
    """The service's one clock (the app's)."""
    clock: Clock = request.app.state.clock
    return clock


def get_today(request: Request) -> dt.date:
    """The service's calendar day."""
    return get_clock(request).today()


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_jobs(request: Request) -> ScenarioJobs:
    """The app's runner of background scenario runs."""
    jobs: ScenarioJobs = request.app.state.jobs
    return jobs


async def get_gazetteer(request: Request) -> Gazetteer:
    """The gazetteer loaded once when the app started."""
    gazetteer: Gazetteer = request.app.state.gazetteer
    return gazetteer


async def get_reader(request: Request) -> Reader:
    """Where the hot reads run (service.store.readers): on PostgreSQL, on the event loop."""
    reader: Reader = request.app.state.reader
    return reader


async def get_login_gate(request: Request) -> LoginGate:
    """The app's login gate: its password hashing and lockout limits."""
    gate: LoginGate = request.app.state.login_gate
    return gate


async def client_address(request: Request) -> str:
    """The client's address as the server saw it (the login limits count by it)."""
    return request.client.host if request.client is not None else "unknown"


UowDep = Annotated[UnitOfWork, Depends(get_uow)]
ClockDep = Annotated[Clock, Depends(get_clock)]
Today = Annotated[dt.date, Depends(get_today)]
LoginGateDep = Annotated[LoginGate, Depends(get_login_gate)]
ClientAddress = Annotated[str, Depends(client_address)]
ReaderDep = Annotated[Reader, Depends(get_reader)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
GazetteerDep = Annotated[Gazetteer, Depends(get_gazetteer)]
JobsDep = Annotated[ScenarioJobs, Depends(get_jobs)]
