"""Schemathesis, every check, over the whole API: no server error and no conformance failure.

The app is served on a loopback port (uvicorn in a thread) over a migrated store with a few
records, on SQLite and, when RJPLAN_TEST_POSTGRES_URL is set, on PostgreSQL; `st run` (the
schemathesis CLI: examples, coverage, fuzzing and stateful phases, `--checks all`) tests it
as an admin (a fixture user), with `RJPLAN_SCHEMATHESIS_EXAMPLES` examples an operation (default
10, a few minutes) and a fixed seed. `POST /auth/logout` is left out: it would revoke the token
every other request uses (tests/service/test_auth.py tests it).

NOT YET GREEN, so opt-in (RJPLAN_SCHEMATHESIS=1) and not part of `make test`: the run of
2026-12-06 (3 examples an operation, seed 15, SQLite, 109 operations) generated 5,377 test cases
and found 0 server errors but 50 conformance failures still to fix: ST202 schema-valid request
rejected 30 (422s of business rules the schema cannot state: days in the future, end before
start...), ST103 undocumented status code 12, ST201 schema-violating request accepted 3,
ST205 Allow header mismatch 3, ST105 undocumented Content-Type 2, and one failed health check.
The first run, before this branch's fixes, found 106 (73 of them 405s without Allow).

Run: `RJPLAN_SCHEMATHESIS=1 RJPLAN_SCHEMATHESIS_OUTPUT=/tmp/st.txt pytest
tests/service/test_schemathesis.py` (`RJPLAN_SCHEMATHESIS_EXAMPLES=100` for a longer one).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from service.server import create_app
from service.store.db import make_engine, upgrade
from service.workflow.auth import Role
from tests.service.builders import a_facilitator, a_referral, logged_in
from tests.service.conftest import settings_for

pytestmark = pytest.mark.skipif(
    not os.environ.get("RJPLAN_SCHEMATHESIS"),
    reason="opt-in until green: RJPLAN_SCHEMATHESIS=1 (see the module's docstring)",
)
EXAMPLES = int(os.environ.get("RJPLAN_SCHEMATHESIS_EXAMPLES", "10"))
SEED = 15
ST = Path(sys.executable).with_name("st")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def served(database_url: str) -> Iterator[tuple[str, dict[str, str]]]:
    """The app on a loopback port with two facilitators, a screened referral (a case) and an
    admin's headers; stopped afterwards."""
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    fast = {"solve_time_limit_s": 1.0, "meetings_time_limit_s": 1.0, "scenario_max_replicates": 2}
    app = create_app(settings_for(database_url).model_copy(update=fast))
    with TestClient(app) as client:
        admin = logged_in(client, Role.ADMIN)
        for fid in ("F-1", "F-2"):
            client.post("/facilitators", json=a_facilitator(fid), headers=admin)
        client.post("/referrals", json=a_referral("R-1"), headers=admin)
        client.post("/referrals/R-1/screen", json={}, headers=admin)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the app did not start"
    try:
        yield f"http://127.0.0.1:{port}", admin
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        app.state.engine.dispose()


def run_schemathesis(base: str, headers: dict[str, str], report: Path, examples: int) -> Any:
    """`st run` over the app's OpenAPI document, every check; the finished process."""
    command = [
        str(ST),
        "run",
        f"{base}/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        str(examples),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--exclude-path",
        "/auth/logout",
        "--header",
        f"Authorization:{headers['Authorization']}",
        "--request-timeout",
        "60",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(report),
        "--no-color",
        "--generation-database",
        "none",
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)


def test_every_request_gets_an_answer_the_openapi_document_describes(
    served: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    base, admin = served
    done = run_schemathesis(base, admin, tmp_path / "events.ndjson", EXAMPLES)
    kept = os.environ.get("RJPLAN_SCHEMATHESIS_OUTPUT")
    if kept:  # the whole output, to read every failure of a long run
        Path(kept).write_text(done.stdout, encoding="utf-8")
    assert done.returncode == 0, done.stdout[-20_000:]
    events = [json.loads(line) for line in (tmp_path / "events.ndjson").read_text().splitlines()]
    assert events, "schemathesis reported nothing"
