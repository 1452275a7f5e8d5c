"""SIGTERM to a serving process while a scenario replicate runs: the server exits within
seconds (uvicorn's shutdown runs the runner's stop) and the run is queued again, not lost."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from service.store.db import make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow.auth import Role, create_user
from tests.service.builders import PASSWORD
from tests.service.conftest import TEST_CIPHER, TEST_DATA_KEY
from tests.service.test_scenario_runner import LONG_SCENARIO

EXIT_S = 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_sigterm_during_a_replicate_ends_the_server_within_seconds_and_queues_the_run(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'rjplan.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        create_user(uow, "test", "manager", PASSWORD, Role.MANAGER)
        uow.commit()
    port = free_port()
    env = os.environ | {
        "RJPLAN_DATABASE_URL": url,
        "RJPLAN_DATA_KEY": TEST_DATA_KEY,
        "RJPLAN_LOAD_DEMO_WHEN_EMPTY": "false",
    }
    command = [sys.executable, "-m", "uvicorn", "--factory", "service.server:from_environment"]
    server = subprocess.Popen([*command, "--port", str(port), "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(f"{base}/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        login = {"username": "manager", "password": PASSWORD}
        token = httpx.post(f"{base}/auth/token", json=login).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        body = {"yaml": LONG_SCENARIO, "replicates": 1}
        run = httpx.post(f"{base}/scenario-runs", json=body, headers=headers).json()
        while (
            httpx.get(f"{base}/scenario-runs/{run['id']}", headers=headers).json()["status"]
            != "running"
        ):
            assert time.monotonic() < deadline
            time.sleep(0.1)
        time.sleep(0.5)
        asked = time.monotonic()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=EXIT_S)
        assert time.monotonic() - asked < EXIT_S
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        row = uow.scenario_runs.get(run["id"])
        assert row is not None
        assert (row.status, row.done) == ("queued", 0)
    engine.dispose()
