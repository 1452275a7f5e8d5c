"""The one place where errors become HTTP answers: every 4xx is an ErrorBody with pointers."""

from __future__ import annotations

import logging
from typing import cast

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from models import FieldError, InputError
from models.documents import pointer
from service.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ServiceError,
    TooManyRequestsError,
    UnauthorizedError,
)

log = logging.getLogger("rjplan.service")

_STATUS: dict[type[ServiceError], tuple[int, str]] = {
    NotFoundError: (404, "not_found"),
    ConflictError: (409, "conflict"),
    UnauthorizedError: (401, "unauthorized"),
    ForbiddenError: (403, "forbidden"),
    TooManyRequestsError: (429, "too_many_requests"),
}


def error_response(
    status: int,
    code: str,
    message: str,
    errors: list[FieldError],
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """An ErrorBody response (401 with WWW-Authenticate)."""
    body = {
        "error": code,
        "message": message,
        "errors": [{"pointer": e.pointer, "message": e.message} for e in errors],
    }
    if status == 401:
        headers = (headers or {}) | {"WWW-Authenticate": "Bearer"}
    return JSONResponse(body, status_code=status, headers=headers)


async def _service_error(_request: Request, exc: Exception) -> JSONResponse:
    exc = cast(ServiceError, exc)
    kind = next((k for k in type(exc).__mro__ if k in _STATUS), None)  # a subclass: its base's
    status, code = _STATUS[kind] if kind is not None else (400, "bad_request")
    headers = None
    if isinstance(exc, TooManyRequestsError):
        headers = {"Retry-After": str(exc.retry_after)}
    return error_response(status, code, exc.message, exc.errors, headers)


async def _input_error(_request: Request, exc: Exception) -> JSONResponse:
    exc = cast(InputError, exc)
    return error_response(422, "invalid_input", f"{exc.source}: fix the fields listed", exc.errors)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    exc = cast(RequestValidationError, exc)
    errors = [FieldError(pointer(tuple(err.get("loc", ()))), _message(err)) for err in exc.errors()]
    return error_response(422, "invalid_input", "the request has invalid fields", errors)


def _message(err: dict[str, object]) -> str:
    if err.get("type") == "missing":
        return "required field is missing; add it"
    return str(err.get("msg", "invalid value")).removeprefix("Value error, ")


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    exc = cast(HTTPException, exc)
    where = "/path" if exc.status_code in (404, 405) else ""
    message = f"{exc.detail}: {request.method} {request.url.path}"
    return error_response(exc.status_code, "http_error", message, [FieldError(where, message)])


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # the type and route only: exception text may carry personal data from the request
    log.error(
        "internal error %s on %s %s",
        type(exc).__name__,
        request.method,
        getattr(request.scope.get("route"), "path", "?"),
    )
    return JSONResponse(
        {"error": "internal", "message": "internal error; see the server log", "errors": []}, 500
    )


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
