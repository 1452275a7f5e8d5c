"""An ASGI factory for running the API under any server: `uvicorn --factory service.api.asgi:app`.

It reads the settings from the environment (RJPLAN_DATABASE_URL...) and expects a migrated
database (`rjplan db upgrade`, or `rjplan serve`, which also loads the demo data).
"""

from __future__ import annotations

from fastapi import FastAPI

from service.api.app import create_app
from service.config import Settings


def app() -> FastAPI:
    """The service app configured from the environment."""
    return create_app(Settings())
