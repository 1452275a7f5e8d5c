"""Two units of work that truly overlap, for the concurrent-commit tests.

Starting two threads at a barrier does not make their transactions overlap: one may commit
before the other has begun. Here the first runs up to its commit (every read and write done,
its locks held, nothing committed) and waits; only then does the second begin its own
transaction, on its own connection, and run until it is seen waiting for a lock the first
holds (PostgreSQL: pg_stat_activity; SQLite, one writer at a time: until it sends its first
write) or, were nothing to stop it, until it reaches its own commit. Then the first commits,
and the second goes on. Whatever the timing, the two overlap the same way on every run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event, text

from service.store.db import session_factory
from service.store.uow import UnitOfWork
from tests.service.conftest import TEST_CIPHER

WAIT_S = 30.0
Work = Callable[[UnitOfWork], Any]


def overlapping(engine: Engine, first: Work, second: Work) -> tuple[Any, Any, str]:
    """Run `first` and `second` overlapping as above: (their results or exceptions, how the
    second was held: "waited for a lock", "sent its first write" or "reached its commit")."""
    sessions = session_factory(engine, TEST_CIPHER)
    first_held, first_done, second_at_commit = (
        threading.Event(),
        threading.Event(),
        threading.Event(),
    )
    release_first, second_writing = threading.Event(), threading.Event()
    outcomes: dict[str, Any] = {}
    second_pid: list[int] = []

    def run_first() -> None:
        try:
            with UnitOfWork(sessions) as uow:
                _hold_commit(uow, lambda: (first_held.set(), release_first.wait(WAIT_S)))
                outcomes["first"] = first(uow)
        except Exception as exc:  # a refusal is an outcome too
            outcomes["first"] = exc
        finally:
            first_held.set()
            first_done.set()

    def run_second() -> None:
        try:
            with UnitOfWork(sessions) as uow:
                conn = uow.session.connection()  # its transaction and connection, from here on
                if engine.dialect.name == "postgresql":
                    second_pid.append(conn.exec_driver_sql("SELECT pg_backend_pid()").scalar())
                event.listen(conn, "before_cursor_execute", _on_write(second_writing))
                _hold_commit(uow, lambda: (second_at_commit.set(), first_done.wait(WAIT_S)))
                outcomes["second"] = second(uow)
        except Exception as exc:
            outcomes["second"] = exc
        finally:
            second_at_commit.set()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    threads[0].start()
    assert first_held.wait(WAIT_S), "the first unit of work never reached its commit"
    assert "first" not in outcomes, f"the first unit of work failed: {outcomes.get('first')}"
    threads[1].start()
    how = _until_held(engine, second_pid, second_writing, second_at_commit)
    release_first.set()
    for thread in threads:
        thread.join(WAIT_S)
    return outcomes["first"], outcomes["second"], how


def _hold_commit(uow: UnitOfWork, before: Callable[[], Any]) -> None:
    commit = uow.commit

    def held() -> None:
        before()
        commit()

    uow.commit = held  # type: ignore[method-assign]


def _on_write(writing: threading.Event) -> Callable[..., None]:
    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE")):
            writing.set()

    return seen


def _until_held(
    engine: Engine, pid: list[int], writing: threading.Event, at_commit: threading.Event
) -> str:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if at_commit.is_set():
            return "reached its commit"
        if engine.dialect.name == "postgresql":
            if pid and _waits_for_a_lock(engine, pid[0]):
                return "waited for a lock"
        elif writing.is_set():
            return "sent its first write"
        time.sleep(0.01)
    raise AssertionError("the second unit of work neither waited nor reached its commit")


def _waits_for_a_lock(engine: Engine, pid: int) -> bool:
    query = text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :pid")
    with engine.connect() as conn:
        return conn.execute(query, {"pid": pid}).scalar() == "Lock"
