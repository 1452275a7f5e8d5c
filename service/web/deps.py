"""Dependencies of the pages: the unit of work, the clock, the signed-in user and their role.

The pages share the API app's state (see service.web.app.install): the store's sessions, the
read pool, settings, gazetteer, policies and the scenario runner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request

from geo import Gazetteer
from service.clock import Clock
from service.config import Settings
from service.errors import UnauthorizedError
from service.store.readers import Reader
from service.store.uow import UnitOfWork
from service.web import session
from service.web.nav import OVERSEERS, SECTIONS, Section
from service.workflow import auth
from service.workflow.auth import PLANNERS, LoginGate, Principal
from service.workflow.scenario_jobs import ScenarioJobs


class SignInRequiredError(Exception):
    """No valid session: the page answers with the sign-in form (see service.web.errors)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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
    settings: Settings = request.app.state.settings
    return settings


async def get_reader(request: Request) -> Reader:
    reader: Reader = request.app.state.reader
    return reader


async def get_gazetteer(request: Request) -> Gazetteer:
    gazetteer: Gazetteer = request.app.state.gazetteer
    return gazetteer


async def get_jobs(request: Request) -> ScenarioJobs:
    jobs: ScenarioJobs = request.app.state.jobs
    return jobs


async def get_login_gate(request: Request) -> LoginGate:
    """The app's login gate: its password hashing and lockout limits."""
    gate: LoginGate = request.app.state.login_gate
    return gate


async def client_address(request: Request) -> str:
    """The client's address as the server saw it (the login limits count by it)."""
    return request.client.host if request.client is not None else "unknown"


UowDep = Annotated[UnitOfWork, Depends(get_uow)]
LoginGateDep = Annotated[LoginGate, Depends(get_login_gate)]
ClientAddress = Annotated[str, Depends(client_address)]
ReaderDep = Annotated[Reader, Depends(get_reader)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
GazetteerDep = Annotated[Gazetteer, Depends(get_gazetteer)]
JobsDep = Annotated[ScenarioJobs, Depends(get_jobs)]
Today = Annotated[dt.date, Depends(get_today)]


ClockDep = Annotated[Clock, Depends(get_clock)]


async def signed_in(request: Request, reader: ReaderDep, clock: ClockDep) -> Principal:
    """The signed-in user (kept on request.state for the layout); the sign-in page without."""
    token = session.session_token(request)
    if token is None:
        raise SignInRequiredError("Sign in to continue.")
    try:
        user = await auth.authenticate(reader, token, clock.now())
    except UnauthorizedError as exc:
        raise SignInRequiredError(f"Sign in again: {exc.message}.") from None
    request.state.user = user
    return user


User = Annotated[Principal, Depends(signed_in)]


def section(key: str) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency: the signed-in user, if their role may open this section (else 403)."""
    found: Section = SECTIONS[key]

    async def check(user: User) -> Principal:
        user.require(found.roles, found.doing)
        return user

    return check


def planning(key: str) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency: the signed-in user of a section, if their role may also change cases and
    allocations (the API's Planner: coordinator or admin; else 403)."""
    found: Section = SECTIONS[key]

    async def check(user: User) -> Principal:
        user.require(found.roles & PLANNERS, "changing cases and allocations")
        return user

    return check


def overseeing(key: str) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency: the signed-in user of a section, if their role also oversees the service
    (manager or admin; else 403)."""
    found: Section = SECTIONS[key]

    async def check(user: User) -> Principal:
        user.require(found.roles & OVERSEERS, "loading the service's history")
        return user

    return check
