"""Engines and migrations: open the database named by a URL and bring it to the latest schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from service.store import tables
from service.store.crypto import Cipher

MIGRATIONS = Path(__file__).parent / "migrations"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and enforced foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # per worker process: 20 here and the reads' 10 (service.store.readers), so 3 workers
        # stay within PostgreSQL's default max_connections of 100
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 10)
        if parsed.get_driver_name() == "psycopg":
            # no server-side prepared statements: after five runs of one, PostgreSQL may switch
            # to a generic plan that ignores the parameters' values, and the reports' date
            # windows then took 20 s instead of 0.15 s (benchmarks/README.md, reports)
            kwargs.setdefault("connect_args", {}).setdefault("prepare_threshold", None)
        return create_engine(url, pool_pre_ping=True, **kwargs)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def autocommit(engine: Engine) -> Engine:
    """`engine` (sharing its pool) without transactions, for reads of one statement each."""
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def session_factory(engine: Engine, cipher: Cipher | None = None) -> sessionmaker[Session]:
    """Sessions bound to `engine` that keep loaded objects usable after commit, carrying the
    `cipher` of the store's personal details (`UnitOfWork.cipher`; see service.store.keys)."""
    return sessionmaker(engine, expire_on_commit=False, info={"cipher": cipher})


def alembic_config(engine: Engine, cipher: Cipher | None = None) -> Config:
    """An Alembic configuration that runs our migrations on `engine` (no alembic.ini needed);
    data migrations that seal personal values use `cipher`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    config.attributes["cipher"] = cipher
    return config


def upgrade(engine: Engine, revision: str = "head", cipher: Cipher | None = None) -> None:
    """Migrate the database to `revision` (the latest by default); a store that holds personal
    values to seal needs the `cipher`."""
    command.upgrade(alembic_config(engine, cipher), revision)


def head_revision() -> str:
    """The latest migration shipped (what `upgrade` brings a database to)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations in {MIGRATIONS}: the package is incomplete")
    return head


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for a database never migrated."""
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as conn:
        return conn.execute(select(_version_column())).scalar_one_or_none()


def _version_column() -> Any:
    from sqlalchemy import column, table

    return table("alembic_version", column("version_num")).c.version_num


def is_empty(engine: Engine) -> bool:
    """True when the store holds no facilitators and no referrals (a new database)."""
    with Session(engine) as session:
        has_any = session.scalar(select(tables.Facilitator.id).limit(1)) or session.scalar(
            select(tables.Referral.id).limit(1)
        )
    return not has_any
