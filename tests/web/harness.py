"""The browser tests' harness: a live service over a temporary SQLite store with the demo data,
Debian's Chromium driven by Playwright, axe-core injected into every page checked, and a
screenshot of each page in tests/web/screenshots/ (git-ignored).

Add a page's test (see service/web/README.md): take `signed_in("coordinator")` (a page of a
signed-in browser), go to the page, act as a person would (labels and roles, not CSS), then
`checked(page, "name")`: axe finds no serious or critical violation, and the screenshot is saved.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, Response
from pydantic import SecretStr

from models import Problem
from scenarios.demo_data import Scale, load_demo
from service.clock import FixedClock
from service.config import Settings
from service.server import create_app
from service.store.db import make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow import demo
from tests.service.conftest import TEST_CIPHER, TEST_DATA_KEY

CHROMIUM = os.environ.get("RJPLAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).parent
AXE = (HERE / "vendor" / "axe.min.js").read_text()
SCREENSHOTS = HERE / "screenshots"
BLOCKING = ("serious", "critical")
DEMO_SCALE = Scale.TINY
START_S = 30.0


@dataclass(frozen=True)
class Service:
    """A running service: its base URL, its app (for its state) and the demo's day."""

    url: str
    app: FastAPI
    problem: Problem
    logins: dict[str, tuple[str, str, str | None]]

    @property
    def as_of(self) -> dt.date:
        return self.problem.as_of


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def settings_for(database_url: str) -> Settings:
    """Demo data, short solves: a test's morning takes seconds."""
    return Settings(
        database_url=database_url,
        demo_scale=DEMO_SCALE.value,
        solve_time_limit_s=5.0,
        meetings_time_limit_s=5.0,
        load_demo_when_empty=False,
        data_key=SecretStr(TEST_DATA_KEY),
    )


def running(database_url: str) -> Iterator[Service]:
    """A uvicorn server in a thread over a migrated store with the demo data, its clock
    frozen on the demo's day (so the pages show the same day on any day the tests run)."""
    settings = settings_for(database_url)
    data = load_demo(DEMO_SCALE)
    clock = FixedClock(dt.datetime.combine(data.problem.as_of, dt.time(9, 0)))
    engine = make_engine(database_url)
    upgrade(engine)
    with UnitOfWork(session_factory(engine, TEST_CIPHER), clock) as uow:
        demo.load(uow, data)
    engine.dispose()
    app = create_app(settings, clock)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    logins = {role.value: (name, pw, fid) for name, pw, role, fid in demo.demo_logins(data)}
    try:
        yield Service(f"http://127.0.0.1:{port}", app, data.problem, logins)
    finally:
        server.should_exit = True
        thread.join(timeout=START_S)


def launch(playwright: Any) -> Browser:
    """Debian's Chromium, headless; a clear failure (never a skip) when it is missing."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install -y chromium) "
            "or set RJPLAN_CHROMIUM; the browser tests are part of make test"
        )
    browser: Browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    return browser


def sign_in(page: Page, service: Service, role: str) -> None:
    """Sign in through the sign-in form as the demo user of `role`."""
    username, password, _ = service.logins[role]
    page.goto(f"{service.url}/web/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def status(answer: Response | None) -> int:
    """The HTTP status of a navigation's answer."""
    assert answer is not None, "the navigation had no answer"
    return answer.status


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now (WCAG 2.2 AA)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)  # evaluated by the driver: the page's CSP allows no injected script
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    return [v for v in result["violations"] if v.get("impact") in BLOCKING]


TITLE_MAX = 120


def checked(page: Page, name: str) -> None:
    """Save the page's screenshot as NAME.png, then fail on a title that is not one short line
    of text (a block left open in a template swallows the page into it), or on any serious or
    critical axe violation (listed with the elements at fault)."""
    title = page.title()
    assert title.endswith(" \u2013 rjplan"), f"{name}: the title {title[:80]!r} lacks the service"
    assert len(title) <= TITLE_MAX, f"{name}: the title is {len(title)} characters long"
    assert "<" not in title, f"{name}: markup in the title {title[:80]!r}"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    violations = axe_violations(page)
    summary = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in violations
    ]
    assert not violations, f"axe on {name}: {json.dumps(summary, indent=1)}"
