"""The one place where errors become HTTP answers: every 4xx is an ErrorBody with pointers."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
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
    if exc.status_code == 400:  # the framework could not read the body: bad input like any other
        message = (
            f"the body cannot be read ({str(exc.detail).rstrip('.')}): send JSON in UTF-8, "
            "or the multipart form with the file the operation names"
        )
        return error_response(422, "invalid_input", message, [FieldError("/body", message)])
    where = "/path" if exc.status_code in (404, 405) else ""
    message = f"{exc.detail}: {request.method} {request.url.path}"
    answer = error_response(exc.status_code, "http_error", message, [FieldError(where, message)])
    answer.headers.update(exc.headers or {})
    if exc.status_code == 405:  # every method of the path, not only the first route's (RFC 9110)
        answer.headers["Allow"] = ", ".join(allowed_methods(request, exc))
    return answer


def allowed_methods(request: Request, exc: HTTPException) -> list[str]:
    """The methods any route takes at this request's path: those of the API's operations there
    (its OpenAPI document) and those the router named (a page's)."""
    named = (exc.headers or {}).get("Allow", "")
    methods = {m.strip().upper() for m in named.split(",") if m.strip()}
    paths: dict[str, dict[str, object]] = request.app.openapi().get("paths", {})
    if request.url.path in paths:  # a concrete path before its templated neighbours (OpenAPI)
        return _with_head({m.upper() for m in paths[request.url.path]})
    for template, operations in paths.items():
        if _template(template).fullmatch(request.url.path):
            methods |= {m.upper() for m in operations}
    return _with_head(methods)


def _with_head(methods: set[str]) -> list[str]:
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


_PARAM = re.compile(r"\{[^}]+\}")


@lru_cache(maxsize=1024)
def _template(path: str) -> re.Pattern[str]:
    """An OpenAPI path template (`/cases/{case_id}`) as a pattern of the paths it takes."""
    return re.compile("[^/]+".join(re.escape(part) for part in _PARAM.split(path)))


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
