"""A throw-away PostgreSQL schema holding a demo service, for the service benchmarks.

PostgreSQL: RJPLAN_TEST_POSTGRES_URL, else the CI server at 127.0.0.1:5432.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text

from geo import default_gazetteer
from scenarios.demo_data import DemoData
from scenarios.demo_year import default_seed
from service.store.crypto import Cipher
from service.store.db import make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow import demo, demo_year

POSTGRES = os.environ.get(
    "RJPLAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SCRATCH_KEY = Cipher.generate_key()
"""The data key of the throw-away schemas (made per run, never kept): a server started over one
needs it as RJPLAN_DATA_KEY to read the sealed names."""


@contextmanager
def empty_schema() -> Iterator[str]:
    """A database URL whose search_path is a new, empty schema; dropped after."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES}{'&' if '?' in POSTGRES else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def schema_with(data: DemoData, year: bool = False) -> Iterator[str]:
    """A database URL whose search_path is a new, migrated schema holding `data`; dropped after.
    With `year`, the demo year before today is played into it too, as `rjplan serve` does with
    the demo year on (service.workflow.demo_year)."""
    with empty_schema() as url:
        engine = make_engine(url)
        upgrade(engine)
        sessions = session_factory(engine, Cipher([SCRATCH_KEY.encode()]))
        with UnitOfWork(sessions) as uow:
            demo.load(uow, data)
        if year:
            people = [(f.id, f.experienced) for f in data.problem.facilitators]
            with UnitOfWork(sessions) as uow:
                demo_year.load_year(uow, people, default_gazetteer(), default_seed())
        engine.dispose()
        yield url
