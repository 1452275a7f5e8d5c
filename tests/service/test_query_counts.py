"""The hot reads cost a constant number of SQL statements, whatever the number of rows: no read
loops over cases, pairs or people with a query each (N+1).

Each read runs against the tiny demo service and the essex one (10 and 65 cases, 12 and 60
facilitators), counted by a SQLAlchemy listener on the app's engine (the SQLite store: the
PostgreSQL reader sends the same statements on its own pool). The worklist is read two years
after the demo day, when every clock is overdue and every vetting has lapsed, so it has an item
for each case and pair.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from scenarios.demo_data import load_demo
from scenarios.demo_scales import DEMO_AS_OF, Scale
from service.server import create_app
from service.store.db import make_engine, upgrade
from service.store.uow import UnitOfWork
from service.workflow import demo
from service.workflow.auth import Role
from tests.service.builders import logged_in
from tests.service.conftest import settings_for

LATER = (DEMO_AS_OF + dt.timedelta(days=730)).isoformat()


class Statements:
    """Counts the statements the app's engine sends for requests while `on`: not those of the
    scenario runner's lease loop (service.workflow.scenario_jobs), which renews its lease on its
    own thread whenever its timer says."""

    def __init__(self) -> None:
        self.count = 0
        self.on = False

    def __call__(self, *_: Any) -> None:
        if self.on and not threading.current_thread().name.startswith("scenario"):
            self.count += 1

    def during(self, client: TestClient, path: str, headers: dict[str, str]) -> tuple[int, int]:
        """The statements one GET sends, and how many items it answered with."""
        self.count, self.on = 0, True
        answer = client.get(path, headers=headers)
        self.on = False
        assert answer.status_code == 200, answer.text
        return self.count, len(answer.json())


def _reads(scale: Scale, url: str) -> dict[str, tuple[int, int]]:
    """Statements and items of each hot read on a store holding the demo service of `scale`."""
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    data = load_demo(scale)
    app = create_app(settings_for(url))
    counter = Statements()
    with TestClient(app) as client:
        with UnitOfWork(app.state.sessions) as uow:
            demo.load(uow, data)
        event.listen(app.state.engine, "before_cursor_execute", counter)
        staff = logged_in(client, Role.COORDINATOR)
        fid = next(c.current[0] for c in data.problem.cases if c.current)
        own = logged_in(client, Role.FACILITATOR, fid)
        a_case = next(c.id for c in data.problem.cases if fid in c.current)
        reads = {
            "case list": counter.during(client, "/cases?status=all", staff),
            "a case": counter.during(client, f"/cases/{a_case}", staff),
            "a facilitator's cases": counter.during(client, "/me/cases", own),
            "worklist": counter.during(client, f"/worklist?day={LATER}", staff),
            "a facilitator's worklist": counter.during(client, f"/worklist?day={LATER}", own),
        }
        event.remove(app.state.engine, "before_cursor_execute", counter)
    app.state.engine.dispose()
    return reads


@pytest.mark.today("2026-11-23")
def test_each_hot_read_sends_as_many_statements_for_65_cases_as_for_10(tmp_path: Path) -> None:
    tiny = _reads(Scale.TINY, f"sqlite:///{tmp_path / 'tiny.sqlite'}")
    essex = _reads(Scale.ESSEX, f"sqlite:///{tmp_path / 'essex.sqlite'}")
    for read in tiny:
        assert essex[read][0] == tiny[read][0], (read, tiny[read], essex[read])
    # the rows did grow: otherwise the comparison says nothing
    assert essex["case list"][1] > tiny["case list"][1]
    assert essex["worklist"][1] > tiny["worklist"][1]
    # and the case reads are one round trip each after the token's
    assert essex["a case"][0] <= 2
    assert essex["case list"][0] <= 2
    assert essex["a facilitator's cases"][0] <= 2
