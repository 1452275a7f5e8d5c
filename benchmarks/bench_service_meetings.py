"""Meetings through the service: plan, read, bookings, commit and a facilitator's feed.

The demo data (tiny, essex, region; seed 1) is loaded into a fresh PostgreSQL schema (dropped
afterwards; RJPLAN_TEST_POSTGRES_URL, else the CI server at 127.0.0.1:5432), then the service
is called in-process (FastAPI's test client) as the demo coordinator and facilitator, with
the default meetings time limit (RJPLAN_MEETINGS_TIME_LIMIT_S, 10 s). The stored plan is
re-checked with `allocator.meetings.check_schedule` (violations must be 0).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from fastapi.testclient import TestClient

from allocator.meetings import check_schedule
from benchmarks.pg_schema import schema_with
from models.meetings import MeetingSchedule, MeetingsProblem
from scenarios.demo_data import DEMO_AS_OF, Scale, generate
from service.config import Settings
from service.server import create_app
from service.store.uow import UnitOfWork
from service.workflow.demo import DEMO_PASSWORDS

SCALES = (Scale.TINY, Scale.ESSEX, Scale.REGION)
DAY = {"as_of": DEMO_AS_OF.isoformat()}


def demo_store(scale: Scale) -> AbstractContextManager[str]:
    """A database URL whose search_path is a new schema holding the demo data of `scale`."""
    return schema_with(generate(scale, seed=1))


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    answer = call()
    return answer, time.perf_counter() - started


def login(client: TestClient, username: str) -> dict[str, str]:
    body = {"username": username, "password": DEMO_PASSWORDS[username]}
    token = client.post("/auth/token", json=body).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


def run(scale: Scale) -> str:
    """One table row for `scale`."""
    with demo_store(scale) as url:
        app = create_app(Settings(database_url=url, load_demo_when_empty=False))
        with TestClient(app) as client:
            staff, own = login(client, "coordinator"), login(client, "facilitator")
            made, plan_s = timed(lambda: client.post("/meetings/plans", json=DAY, headers=staff))
            plan = made.json()
            url_of = f"/meetings/plans/{plan['id']}"
            _, read_s = timed(lambda: client.get(url_of, headers=staff))
            _, book_s = timed(lambda: client.get(f"{url_of}/bookings", headers=staff))
            done, commit_s = timed(lambda: client.post(f"{url_of}/commit", headers=staff))
            feed, feed_s = timed(lambda: client.get("/me/calendar.ics", headers=own))
            with UnitOfWork(app.state.sessions) as uow:
                row = uow.meetings.get(plan["id"])
                problem = MeetingsProblem.model_validate(row.problem if row else {})
                violations = check_schedule(
                    problem, MeetingSchedule.model_validate(plan["schedule"])
                )
        app.state.engine.dispose()
    m = plan["schedule"]["metrics"]
    gap = "-" if m["gap"] is None else f"{100 * m['gap']:.2f} %"
    return (
        f"| {scale.value} | {len(problem.cases)} | {m['placed']} | {m['unplaced']} "
        f"| {plan['schedule']['status']} | {gap} | {m['solve_seconds']:.2f} s "
        f"| {plan_s:.2f} s | {read_s * 1000:.0f} ms | {book_s * 1000:.0f} ms "
        f"| {commit_s * 1000:.0f} ms ({done.status_code}) "
        f"| {feed_s * 1000:.0f} ms ({feed.content.count(b'BEGIN:VEVENT')} events) "
        f"| {len(violations)} |"
    )


def main() -> None:
    """Print one markdown row per demo scale."""
    print(
        "| scale | cases | placed | unplaced | status | gap | solve | POST plan | GET plan "
        "| bookings | commit | own feed | violations |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for scale in SCALES:
        print(run(scale), flush=True)
