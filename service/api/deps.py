"""Dependencies of the routes, as `Annotated` aliases: the unit of work, the user, their role."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from geo import Gazetteer
from service.clock import Clock
from service.config import Settings
from service.errors import UnauthorizedError
from service.store.readers import Reader
from service.store.uow import UnitOfWork
from service.workflow import auth
from service.workflow.auth import PLANNERS, STAFF, LoginGate, Principal, Role
from service.workflow.scenario_jobs import ScenarioJobs


def get_uow(request: Request) -> Iterator[UnitOfWork]:
    """One unit of work per request; rolled back unless the service layer committed."""
    with UnitOfWork(request.app.state.sessions, request.app.state.clock) as uow:
        yield uow


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
LoginGateDep = Annotated[LoginGate, Depends(get_login_gate)]
ClientAddress = Annotated[str, Depends(client_address)]
ReaderDep = Annotated[Reader, Depends(get_reader)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
GazetteerDep = Annotated[Gazetteer, Depends(get_gazetteer)]
JobsDep = Annotated[ScenarioJobs, Depends(get_jobs)]
_bearer = HTTPBearer(auto_error=False, description="a token from POST /auth/token")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def current_user(request: Request, reader: ReaderDep, credentials: Credentials) -> Principal:
    """The logged-in user; 401 without a valid, unexpired, unrevoked bearer token (one query,
    on every request: no cache, so a logout counts at once in every worker process)."""
    if credentials is None:
        raise UnauthorizedError(
            "log in first: send 'Authorization: Bearer TOKEN' (POST /auth/token)"
        )
    clock: Clock = request.app.state.clock
    return await auth.authenticate(reader, credentials.credentials, clock.now())


CurrentUser = Annotated[Principal, Depends(current_user)]


def _role(roles: frozenset[Role], doing: str) -> Callable[[Principal], Awaitable[Principal]]:
    async def check(user: CurrentUser) -> Principal:  # no I/O: spare a thread hop
        user.require(roles, doing)
        return user

    return check


Staff = Annotated[Principal, Depends(_role(STAFF, "reading case data"))]
Planner = Annotated[Principal, Depends(_role(PLANNERS, "changing cases and allocations"))]
Admin = Annotated[Principal, Depends(_role(frozenset({Role.ADMIN}), "managing users"))]
Overseer = Annotated[
    Principal, Depends(_role(frozenset({Role.ADMIN, Role.MANAGER}), "reading the audit log"))
]
FacilitatorUser = Annotated[
    Principal, Depends(_role(frozenset({Role.FACILITATOR}), "the facilitator's own view"))
]
PolicySetter = Annotated[
    Principal,
    Depends(_role(frozenset({Role.ADMIN, Role.MANAGER}), "setting the volunteer policy")),
]
VolunteerStaff = Annotated[
    Principal, Depends(_role(STAFF, "recording volunteers' training, checks and supervision"))
]
ScenarioReader = Annotated[Principal, Depends(_role(STAFF, "reading scenario runs"))]
ScenarioManager = Annotated[
    Principal,
    Depends(_role(frozenset({Role.ADMIN, Role.MANAGER}), "starting or cancelling scenario runs")),
]
