"""The coordinator's worklist in process, on the essex demo with the demo year loaded: CPU
seconds per read (time.process_time, which waiting for a shared core does not inflate) of the
whole worklist and of its volunteer warnings alone, and the statements each sends. SQLite, and
PostgreSQL when it answers (RJPLAN_TEST_POSTGRES_URL, else 127.0.0.1:5432).

`RJPLAN_BENCH_READS` (default 30) reads are timed after 3 warm-up reads; the figure is the
median of 5 batches' CPU per read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from benchmarks.pg_schema import empty_schema
from geo import default_gazetteer
from scenarios.demo_data import load_demo
from scenarios.demo_scales import DEMO_AS_OF, Scale
from scenarios.demo_year import default_seed
from service.clock import FixedClock
from service.store.crypto import Cipher
from service.store.db import make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow import demo, demo_year, worklist
from service.workflow.auth import Principal, Role
from service.workflow.volunteer_warnings import volunteer_warnings

READS = int(os.environ.get("RJPLAN_BENCH_READS", "30"))
BATCHES = 5
KEY = Cipher.generate_key()
COORDINATOR = Principal(1, "bench", Role.COORDINATOR, None)


def _loaded(engine: Engine, clock: FixedClock) -> Callable[[], UnitOfWork]:
    upgrade(engine)
    sessions = session_factory(engine, Cipher([KEY.encode()]))
    data = load_demo(Scale.ESSEX)
    with UnitOfWork(sessions, clock) as uow:
        demo.load(uow, data)
    people = [(f.id, f.experienced) for f in data.problem.facilitators]
    with UnitOfWork(sessions, clock) as uow:
        demo_year.load_year(uow, people, default_gazetteer(), default_seed())
    return lambda: UnitOfWork(sessions, clock)


def _per_read(read: Callable[[UnitOfWork], Any], uows: Callable[[], UnitOfWork]) -> float:
    """Median over batches of the CPU milliseconds of one read (a unit of work each)."""
    for _ in range(3):
        with uows() as uow:
            read(uow)
    batches = []
    for _ in range(BATCHES):
        started = time.process_time()
        for _ in range(READS):
            with uows() as uow:
                read(uow)
        batches.append(1000 * (time.process_time() - started) / READS)
    return statistics.median(batches)


def _statements(
    engine: Engine, read: Callable[[UnitOfWork], Any], uows: Any
) -> tuple[int, int, str]:
    """Statements one read sends, its items, and a digest of them (the same before and after
    a change: the same answer)."""
    count = [0]

    def counted(*_: Any) -> None:
        count[0] += 1

    event.listen(engine, "before_cursor_execute", counted)
    with uows() as uow:
        items = read(uow)
    event.remove(engine, "before_cursor_execute", counted)
    text = json.dumps([i.model_dump(mode="json") for i in items], sort_keys=True)
    return count[0], len(items), hashlib.sha256(text.encode()).hexdigest()[:12]


def _row(backend: str, engine: Engine) -> None:
    clock = FixedClock(dt.datetime.combine(DEMO_AS_OF, dt.time(9, 0)))
    uows = _loaded(engine, clock)
    day = DEMO_AS_OF
    reads: dict[str, Callable[[UnitOfWork], Any]] = {
        "worklist (coordinator)": lambda uow: worklist.for_user(uow, COORDINATOR, day),
        "volunteer warnings": lambda uow: volunteer_warnings(uow, day),
    }
    for name, read in reads.items():
        statements, items, digest = _statements(engine, read, uows)
        ms = _per_read(read, uows)
        print(f"| {backend} | {name} | {items} ({digest}) | {statements} | {ms:.2f} |", flush=True)


def main() -> None:
    """Print the table for benchmarks/README.md."""
    print(f"load average at start: {os.getloadavg()}", flush=True)
    print("| backend | read | items (digest) | statements | CPU ms / read |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        _row("SQLite", engine)
        engine.dispose()
    with empty_schema() as url:
        engine = make_engine(url)
        _row("PostgreSQL", engine)
        engine.dispose()
    print(f"load average at end: {os.getloadavg()}")
