"""Alembic environment: runs on the engine the service hands over (see service.store.db)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from service.store.tables import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Run the migrations inside one transaction on the configured engine."""
    engine = context.config.attributes.get("engine")
    if not isinstance(engine, Engine):
        raise RuntimeError("run migrations through `rjplan db upgrade`, which supplies the engine")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
