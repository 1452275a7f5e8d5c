"""The pages as their own app, mounted under /web in the service's app (service.server calls
`add_pages`), sharing its state: one process serves pages and API from one store.

Pages have their own error pages, their own CSRF check on every unsafe request and security
headers (a strict Content-Security-Policy: the pages load only their own files, no inline
script or style), while the API's JSON answers stay exactly as they were.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from service.web import errors, session
from service.web.routes import ROUTERS
from service.web.templating import PREFIX

STATIC = Path(__file__).parent / "static"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_pages() -> FastAPI:
    """The pages' app: routes, static files, error pages, CSRF check and headers."""
    pages = FastAPI(
        title="rjplan pages",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(session.verified)],
    )
    pages.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        pages.include_router(router)
    errors.install(pages)
    pages.middleware("http")(_headers)
    return pages


async def _headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    response.headers.update(HEADERS)
    if not request.url.path.startswith(f"{PREFIX}/static/"):
        response.headers["Cache-Control"] = "no-store"  # pages hold personal data
    return response


def add_pages(app: FastAPI) -> None:
    """Mount the pages under /web on `app`, sharing its state; `/` leads to the sign-in."""
    pages = create_pages()
    pages.state = app.state
    app.mount(PREFIX, pages)
    app.add_api_route("/", _to_pages, include_in_schema=False)


async def _to_pages() -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}/", status_code=303)
