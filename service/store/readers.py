"""Where the hot reads run: `await reader.all(statement, params)` from async routes.

- On PostgreSQL (psycopg), `PostgresReader` runs each Core statement, compiled once, on an
  async psycopg pool in autocommit: no thread hop, no transaction. A one-query request cost
  about 0.5-0.6 ms of server CPU this way against 1.3-1.6 ms through a pooled SQLAlchemy
  connection in a worker thread (wrk, 10 connections, 2026-11-23; see benchmarks/README.md,
  section service).
- Anywhere else (SQLite), `ThreadReader` runs it on the SQLAlchemy engine in a worker thread.

Both return rows whose columns are attributes by name, in the statement's column order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from anyio import to_thread
from sqlalchemy import Engine
from sqlalchemy.sql import Select

from service.store.db import autocommit

MIN_CONNECTIONS = 2
MAX_CONNECTIONS = 10


class Reader(Protocol):
    """Runs one read-only statement outside any transaction."""

    async def all(self, statement: Select[Any], params: Mapping[str, Any]) -> Sequence[Any]:
        """Every row of `statement` with these bound values."""
        ...

    async def close(self) -> None:
        """Release the connections (at the app's shutdown)."""
        ...


class ThreadReader:
    """Statements on the SQLAlchemy engine, in autocommit, in a worker thread."""

    def __init__(self, engine: Engine) -> None:
        self._engine = autocommit(engine)

    async def all(self, statement: Select[Any], params: Mapping[str, Any]) -> Sequence[Any]:
        return await to_thread.run_sync(self._all, statement, params)

    def _all(self, statement: Select[Any], params: Mapping[str, Any]) -> Sequence[Any]:
        with self._engine.connect() as conn:
            return conn.execute(statement, dict(params)).all()

    async def close(self) -> None:
        return None  # the engine is the app's; it is disposed with the app


class PostgresReader:
    """Statements on an async psycopg pool of autocommit connections, on the event loop.

    The pool opens on first use in the running event loop (and again in a new loop, as a
    test client's), and `close` closes it. Connections are not pinged before use (a round
    trip, a sixth of a case read's CPU); instead, when a statement fails on a connection the
    server closed (a restarted database), the pool drops its broken idle connections and the
    statement runs once more: reads are safe to repeat.
    """

    def __init__(self, engine: Engine) -> None:
        # imported here: psycopg and its pool are the optional `postgres` extra
        from psycopg import OperationalError

        self._lost = OperationalError
        self._dialect = engine.dialect
        self._url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._compiled: dict[int, tuple[str, dict[str, Any]]] = {}
        self._pool: asyncio.Task[Any] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def all(self, statement: Select[Any], params: Mapping[str, Any]) -> Sequence[Any]:
        sql, defaults = self._compile(statement)
        values = defaults | dict(params)
        pool = await self._open()
        try:
            return await self._run(pool, sql, values)
        except self._lost:  # the server closed this connection: maybe the idle ones too
            await pool.check()  # drops every broken idle connection
            return await self._run(pool, sql, values)  # a read is safe to repeat

    @staticmethod
    async def _run(pool: Any, sql: str, values: dict[str, Any]) -> Sequence[Any]:
        async with pool.connection() as conn:
            cursor = await conn.execute(sql, values)
            rows: Sequence[Any] = await cursor.fetchall()
            return rows

    def _compile(self, statement: Select[Any]) -> tuple[str, dict[str, Any]]:
        found = self._compiled.get(id(statement))
        if found is None:
            compiled = statement.compile(dialect=self._dialect)
            found = (str(compiled), dict(compiled.params))
            self._compiled[id(statement)] = found
        return found

    async def _open(self) -> Any:
        loop = asyncio.get_running_loop()
        if self._pool is None or self._loop is not loop:
            self._loop = loop
            self._pool = loop.create_task(self._new_pool())  # shared by concurrent first calls
        return await self._pool

    async def _new_pool(self) -> Any:
        from psycopg.rows import namedtuple_row
        from psycopg_pool import AsyncConnectionPool

        pool = AsyncConnectionPool(
            self._url,
            min_size=MIN_CONNECTIONS,
            max_size=MAX_CONNECTIONS,
            kwargs={"autocommit": True, "row_factory": namedtuple_row},
            open=False,
        )
        await pool.open()
        return pool

    async def close(self) -> None:
        opening, self._pool, self._loop = self._pool, None, None
        if opening is not None:
            await (await opening).close()


def make_reader(engine: Engine) -> Reader:
    """A PostgresReader for a psycopg engine, else a ThreadReader."""
    if engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg":
        return PostgresReader(engine)
    return ThreadReader(engine)
