"""Signing in with a cookie, and the CSRF token every form carries.

The session cookie holds a login token made by the same workflow function as the API's
`POST /auth/token` (`service.workflow.auth.login`): stored hashed, expiring, revocable, checked
on every request (`auth.authenticate`). It is HttpOnly, SameSite=Lax, limited to the pages'
path, and Secure whenever the page was served over https.

CSRF: a signed-in form carries an HMAC of the session token (bound to the session, nothing
stored); the sign-in form, before any session, a random value that must equal a cookie of the
same value (double submit). `verified` checks one or the other on every unsafe request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response

from service.errors import ForbiddenError

SESSION_COOKIE = "rjplan_session"
PRESESSION_COOKIE = "rjplan_presession"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
COOKIE_PATH = "/web"


def session_token(request: Request) -> str | None:
    """The login token in the session cookie, if any (checked by the caller)."""
    return request.cookies.get(SESSION_COOKIE) or None


def csrf_token(request: Request) -> str:
    """The token the page's forms must send back: bound to the session when signed in,
    else to the pre-session cookie (made here when missing, set by `remember_presession`)."""
    token = session_token(request)
    if token is not None:
        return _bound(token)
    value = request.cookies.get(PRESESSION_COOKIE) or getattr(request.state, "presession", None)
    if value is None:
        value = secrets.token_urlsafe(32)
        request.state.presession = value
    return str(value)


def _bound(token: str) -> str:
    return hmac.new(token.encode(), b"rjplan csrf", hashlib.sha256).hexdigest()


async def verified(request: Request) -> None:
    """Refuse (403) an unsafe request whose CSRF token is missing or wrong."""
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        field = form.get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    token = session_token(request)
    expected = _bound(token) if token else request.cookies.get(PRESESSION_COOKIE)
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise ForbiddenError(
            "this form has expired or did not come from this service; reload the page and "
            "send it again"
        )


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def remember_presession(request: Request, response: Response) -> None:
    """Set the pre-session cookie when this request made one (the sign-in form's CSRF)."""
    made = getattr(request.state, "presession", None)
    if made is not None and PRESESSION_COOKIE not in request.cookies:
        _set(request, response, PRESESSION_COOKIE, made)


def start(request: Request, response: Response, token: str) -> None:
    """Put a new login token in the session cookie (and drop the pre-session one)."""
    _set(request, response, SESSION_COOKIE, token)
    response.delete_cookie(PRESESSION_COOKIE, path=COOKIE_PATH)


def end(response: Response) -> None:
    """Remove the session cookie (the token itself is revoked by the caller)."""
    response.delete_cookie(SESSION_COOKIE, path=COOKIE_PATH, httponly=True, samesite="lax")


def _set(request: Request, response: Response, name: str, value: str) -> None:
    response.set_cookie(
        name,
        value,
        path=COOKIE_PATH,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )
