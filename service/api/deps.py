"""Dependencies of the routes, as `Annotated` aliases: the unit of work, the user, their role."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.app_state import (
    ClientAddress,
    GazetteerDep,
    JobsDep,
    LoginGateDep,
    ReaderDep,
    SettingsDep,
    UowDep,
    get_clock,
)
from service.errors import UnauthorizedError
from service.workflow import auth
from service.workflow.auth import PLANNERS, STAFF, Principal, Role

__all__ = [
    "ClientAddress",
    "GazetteerDep",
    "JobsDep",
    "LoginGateDep",
    "ReaderDep",
    "SettingsDep",
    "UowDep",
]


_bearer = HTTPBearer(auto_error=False, description="a token from POST /auth/token")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def current_user(request: Request, reader: ReaderDep, credentials: Credentials) -> Principal:
    """The logged-in user; 401 without a valid, unexpired, unrevoked bearer token (one query,
    on every request: no cache, so a logout counts at once in every worker process)."""
    if credentials is None:
        raise UnauthorizedError(
            "log in first: send 'Authorization: Bearer TOKEN' (POST /auth/token)"
        )
    return await auth.authenticate(reader, credentials.credentials, get_clock(request).now())


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
