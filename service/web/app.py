"""The pages as their own app, mounted under /web in the service's app (service.server calls
`add_pages`), sharing its state: one process serves pages and API from one store.

Pages have their own error pages and their own CSRF check on every unsafe request, while the
API's JSON answers stay exactly as they were. Their security headers (a strict
Content-Security-Policy: the pages load only their own files, no inline script or style; no
framing; no-store) are the whole service's, set in one place: service.headers.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from service.web import errors, session
from service.web.routes import ROUTERS
from service.web.templating import PREFIX

STATIC = Path(__file__).parent / "static"


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
    return pages


def add_pages(app: FastAPI) -> None:
    """Mount the pages under /web on `app`, sharing its state; `/` leads to the sign-in."""
    pages = create_pages()
    pages.state = app.state
    app.mount(PREFIX, pages)
    app.add_api_route("/", _to_pages, include_in_schema=False)


async def _to_pages() -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}/", status_code=303)
