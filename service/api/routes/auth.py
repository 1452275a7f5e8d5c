"""Log in and out; manage users (admin)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, status

from service.api.deps import (
    Admin,
    ClientAddress,
    Credentials,
    CurrentUser,
    LoginGateDep,
    SettingsDep,
    UowDep,
)
from service.api.schemas.auth import LoginIn, TokenOut
from service.api.schemas.common import AUTHED, error_responses
from service.workflow import auth, users
from service.workflow.schemas.auth import UserIn, UserOut

router = APIRouter(tags=["auth"])


@router.post("/auth/token", responses=error_responses(401, 422, 429))
def login(
    body: LoginIn,
    uow: UowDep,
    settings: SettingsDep,
    gate: LoginGateDep,
    address: ClientAddress,
) -> TokenOut:
    """Log in with a username and password (any case of the username); the token expires and
    can be revoked. Repeated failures lock the username or the client address out for a
    while: 429 with Retry-After."""
    ttl = dt.timedelta(minutes=settings.token_ttl_minutes)
    issued = auth.login(uow, gate, body.username, body.password, address, ttl)
    return TokenOut(
        access_token=issued.token, expires_at=issued.expires_at, role=issued.principal.role
    )


@router.post(
    "/auth/logout", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(*AUTHED)
)
def logout(_user: CurrentUser, credentials: Credentials, uow: UowDep) -> None:
    """Revoke the token used for this request."""
    if credentials is not None:
        auth.revoke(uow, credentials.credentials)


@router.get("/auth/me", responses=error_responses(*AUTHED))
def me(user: CurrentUser, uow: UowDep) -> UserOut:
    """Who the token belongs to."""
    return users.me(uow, user)


@router.post(
    "/users", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 404, 409)
)
def create_user(body: UserIn, admin: Admin, uow: UowDep) -> UserOut:
    """Add a user with a role (admin only); passwords are stored as argon2 hashes."""
    return users.add(uow, admin, body)


@router.get("/users", responses=error_responses(*AUTHED))
def list_users(_admin: Admin, uow: UowDep) -> list[UserOut]:
    """Every user and their role (admin only)."""
    return users.listing(uow)
