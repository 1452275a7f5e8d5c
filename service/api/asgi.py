"""An ASGI factory for running the API under any server: `uvicorn --factory service.api.asgi:app`.

It reads the settings from the environment (RJPLAN_DATABASE_URL...) and expects a migrated
database (`rjplan db upgrade`, or `rjplan serve`, which also loads the demo data).
"""

from __future__ import annotations

import gc

from fastapi import FastAPI

from service.api.app import create_app
from service.config import Settings

GC_THRESHOLDS = (7_000, 20, 20)  # Python's defaults: (700, 10, 10)


def app() -> FastAPI:
    """The service app configured from the environment, ready to serve (`ready_to_serve`)."""
    return ready_to_serve(create_app(Settings()))


def ready_to_serve(made: FastAPI) -> FastAPI:
    """Move what the app loaded to start (gazetteer, policies, the libraries: about 200,000
    objects that live as long as the process) out of the garbage collector's sight with
    `gc.freeze`, and collect the young generations less often. Under load each worker otherwise
    ran full collections that walked them all, 140-176 ms each, several times in 30 s, each one
    a stall for every request it held. Frozen, they took 3-18 ms (walking what the first
    requests load lazily); with the thresholds raised too, none ran in a 30 s load test
    (benchmarks/README.md, section service)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    return made
