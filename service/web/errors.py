"""Errors as pages in the layout (400, 403, 404, 405, 409, 422, 500), never a traceback; no
session sends the browser to the sign-in page. The API's JSON errors are untouched: the pages
are their own app, mounted under /web (service.web.app)."""

from __future__ import annotations

import logging
from typing import cast
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from models import FieldError, InputError
from models.documents import pointer
from service.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ServiceError,
    UnauthorizedError,
)
from service.web.deps import SignInRequiredError
from service.web.templating import PREFIX, page

log = logging.getLogger("rjplan.web")

TITLES = {
    400: "There is a problem with the request",
    403: "You cannot do this",
    404: "Page not found",
    405: "This page cannot do that",
    409: "This has changed",
    422: "There is a problem with the request",
    500: "Sorry, there is a problem with the service",
}
_STATUS: dict[type[ServiceError], int] = {
    NotFoundError: 404,
    ConflictError: 409,
    ForbiddenError: 403,
}


def error_page(
    request: Request, status: int, message: str, errors: list[FieldError] | None = None
) -> HTMLResponse:
    """The error page for `status`, saying what went wrong and what to do."""
    context = {"title": TITLES.get(status, TITLES[400]), "message": message, "errors": errors}
    return page(request, "error.html", context, status=status)


async def _sign_in(request: Request, exc: Exception) -> Response:
    reason = cast(SignInRequiredError, exc).reason
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = f"{PREFIX}/?next={quote(target)}&reason={quote(reason)}"
    if request.headers.get("hx-request") == "true":  # htmx follows HX-Location, not a 303
        return Response(status_code=204, headers={"HX-Location": location})
    return RedirectResponse(location, status_code=303)


async def _service_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, UnauthorizedError):
        return await _sign_in(request, SignInRequiredError(exc.message))
    error = cast(ServiceError, exc)
    kind = next((k for k in type(error).__mro__ if k in _STATUS), None)  # a subclass: its base's
    status = _STATUS[kind] if kind is not None else 400
    return error_page(request, status, error.message, error.errors)


async def _input_error(request: Request, exc: Exception) -> Response:
    error = cast(InputError, exc)
    return error_page(request, 422, f"{error.source}: fix the fields listed", error.errors)


async def _validation_error(request: Request, exc: Exception) -> Response:
    error = cast(RequestValidationError, exc)
    errors = [
        FieldError(pointer(tuple(e.get("loc", ()))), str(e.get("msg", "invalid value")))
        for e in error.errors()
    ]
    # 422 as the API answers: the request was read, a value in it (the address's too) is wrong
    return error_page(request, 422, "The address or form has a value this page cannot use.", errors)


async def _http_error(request: Request, exc: Exception) -> Response:
    error = cast(HTTPException, exc)
    if error.status_code == 404:
        message = "Check the address, or use the navigation to find the page."
    else:
        message = f"{error.detail}."
    return error_page(request, error.status_code, message)


async def _unexpected(request: Request, exc: Exception) -> Response:
    # the type and route only: exception text may carry personal data from the request
    log.error(
        "internal error %s on %s %s",
        type(exc).__name__,
        request.method,
        getattr(request.scope.get("route"), "path", "?"),
    )
    return error_page(request, 500, "Try again later. The error is in the server log.")


def install(app: FastAPI) -> None:
    """Register the pages' error handlers on the pages' app."""
    app.add_exception_handler(SignInRequiredError, _sign_in)
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
