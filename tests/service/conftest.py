"""Fixtures of the service tests: a migrated store on SQLite, and on PostgreSQL when configured.

PostgreSQL tests run when RJPLAN_TEST_POSTGRES_URL is set (`.ci/run` sets it); each test gets its
own schema, dropped afterwards, so runs never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, create_engine, text

from service.config import Settings
from service.server import create_app
from service.store.crypto import Cipher
from service.store.db import make_engine, session_factory, upgrade

POSTGRES_URL = os.environ.get("RJPLAN_TEST_POSTGRES_URL", "")
NO_POSTGRES = (
    "RJPLAN_TEST_POSTGRES_URL is not set: PostgreSQL store tests skipped (.ci/run sets it)"
)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL schema; skipped with a reason when none is set."""
    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new database on each backend: a SQLite file always, PostgreSQL when configured."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'rjplan.sqlite'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty store."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new SQLite file (for API tests that need one backend only)."""
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'rjplan.sqlite'}"


TEST_DATA_KEY = "ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2YnlS2yk8="
"""The data key of the tests' stores (a fixed test key: never a real service's)."""
TEST_CIPHER = Cipher([TEST_DATA_KEY.encode()])


def settings_for(url: str) -> Settings:
    """Settings for tests: short solves, no demo data, the tests' data key."""
    return Settings(
        database_url=url,
        solve_time_limit_s=5.0,
        load_demo_when_empty=False,
        data_key=SecretStr(TEST_DATA_KEY),
    )


@pytest.fixture
def client(sqlite_url: str) -> Iterator[TestClient]:
    """An API client over a new, migrated SQLite store."""
    engine = make_engine(sqlite_url)
    upgrade(engine)
    engine.dispose()
    with TestClient(create_app(settings_for(sqlite_url)), raise_server_exceptions=False) as tc:
        yield tc


__all__ = ["session_factory"]
