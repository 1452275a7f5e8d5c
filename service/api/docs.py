"""The API's docs page at /docs: Swagger UI from the package's own files (swagger-ui-dist,
vendored by `make vendor` with its checksums), so the page loads nothing from another site and
runs under the service's strict Content-Security-Policy (service.headers): its start-up script
is a file, not inline. FastAPI's own /docs and /redoc (which load from a CDN) are off."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
ASSETS = "/docs-static"  # service.headers.STATIC_PREFIXES lets these be cached
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title} - API docs</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{assets}/vendor/swagger-ui/swagger-ui.css">
</head>
<body data-openapi="{openapi}">
<div id="swagger-ui"></div>
<script src="{assets}/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="{assets}/docs.js"></script>
</body>
</html>
"""


def add_docs(app: FastAPI) -> None:
    """Serve the docs page at /docs and its files under /docs-static on `app` (made with
    docs_url=None and redoc_url=None)."""
    app.mount(ASSETS, StaticFiles(directory=STATIC), name="docs-static")
    page = PAGE.format(title=app.title, assets=ASSETS, openapi=app.openapi_url)

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(page)
