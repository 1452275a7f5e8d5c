"""Signing in and out. The login is the API's own (`service.workflow.auth.login`): the same
users, passwords, token lifetime and revocation; the token lives in an HttpOnly cookie."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from service.errors import TooManyRequestsError, UnauthorizedError
from service.web import session
from service.web.deps import (
    ClientAddress,
    ClockDep,
    LoginGateDep,
    ReaderDep,
    SettingsDep,
    UowDep,
)
from service.web.nav import home
from service.web.templating import PREFIX, page
from service.workflow import auth

router = APIRouter()
Next = Annotated[str, Query(max_length=500)]
Reason = Annotated[str, Query(max_length=200)]


def safe_next(target: str) -> str | None:
    """A page of this service to return to after signing in; anything else is dropped (no
    open redirect to another site)."""
    ok = target.startswith(f"{PREFIX}/") and not target.startswith("//") and "\\" not in target
    return target if ok and not any(ord(c) < 32 for c in target) else None


@router.get("/", response_class=HTMLResponse)
async def sign_in_page(
    request: Request, reader: ReaderDep, clock: ClockDep, next: Next = "", reason: Reason = ""
) -> Response:
    """The sign-in form; a signed-in user goes on to their home page."""
    token = session.session_token(request)
    if token is not None:
        try:
            user = await auth.authenticate(reader, token, clock.now())
        except UnauthorizedError:
            user = None
        if user is not None:
            return RedirectResponse(f"{PREFIX}{home(user).path}", status_code=303)
    return page(request, "pages/sign_in.html", {"next": safe_next(next), "reason": reason})


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in(
    request: Request,
    uow: UowDep,
    settings: SettingsDep,
    gate: LoginGateDep,
    address: ClientAddress,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Check the password (the same message for any failure) and start a session; after too
    many failures, 429 with Retry-After and how long to wait."""
    errors = {}
    headers: dict[str, str] = {}
    if not username.strip():
        errors["username"] = "Enter your username"
    if not password:
        errors["password"] = "Enter your password"
    status = 422
    if not errors:
        ttl = dt.timedelta(minutes=settings.token_ttl_minutes)
        try:
            issued = auth.login(uow, gate, username.strip(), password, address, ttl)
        except UnauthorizedError:
            errors["username"] = "Enter a correct username and password"
            status = 401
        except TooManyRequestsError as locked:
            errors["username"] = locked.message[0].upper() + locked.message[1:]
            status = 429
            headers["Retry-After"] = str(locked.retry_after)
        else:
            target = safe_next(next) or f"{PREFIX}{home(issued.principal).path}"
            response = RedirectResponse(target, status_code=303)
            session.start(request, response, issued.token)
            return response
    context = {"errors": errors, "username": username, "next": safe_next(next)}
    answer = page(request, "pages/sign_in.html", context, status=status)
    answer.headers.update(headers)
    return answer


@router.post("/sign-out")
def sign_out(request: Request, uow: UowDep) -> Response:
    """Revoke the session's token and forget the cookie."""
    token = session.session_token(request)
    if token is not None:
        auth.revoke(uow, token)
    response = RedirectResponse(f"{PREFIX}/?reason=You+have+signed+out.", status_code=303)
    session.end(response)
    return response
