"""Dependencies of the pages: the unit of work, the clock, the signed-in user and their role.

The pages share the API app's state (see service.web.app.install): the store's sessions, the
read pool, settings, gazetteer, policies and the scenario runner.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from service.app_state import (
    ClientAddress,
    ClockDep,
    GazetteerDep,
    JobsDep,
    LoginGateDep,
    ReaderDep,
    SettingsDep,
    Today,
    UowDep,
)
from service.errors import UnauthorizedError
from service.web import session
from service.web.nav import OVERSEERS, SECTIONS, Section
from service.workflow import auth
from service.workflow.auth import PLANNERS, Principal

__all__ = [
    "ClientAddress",
    "ClockDep",
    "GazetteerDep",
    "JobsDep",
    "LoginGateDep",
    "ReaderDep",
    "SettingsDep",
    "Today",
    "UowDep",
]


class SignInRequiredError(Exception):
    """No valid session: the page answers with the sign-in form (see service.web.errors)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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
