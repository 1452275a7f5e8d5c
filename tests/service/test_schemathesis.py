"""Schemathesis over the whole API: no server error and no conformance failure, in `make test`.

The app is served on a loopback port (uvicorn in a thread) over a migrated store with a few
records, on SQLite and, when RJPLAN_TEST_POSTGRES_URL is set, on PostgreSQL; `st run` (the
schemathesis CLI: examples, coverage, fuzzing and stateful phases) tests it as an admin (a
fixture user), with a fixed seed and `RJPLAN_SCHEMATHESIS_EXAMPLES` examples an operation
(default 3: over 6,000 requests a backend; the test asserts at least 2,000). `POST /auth/logout`
is left out: it would revoke the token every other request uses (tests/service/test_auth.py
tests it).

Every check runs but one, `positive_data_acceptance` (ST202, "schema-valid request rejected"):
it expects every request the schema allows to be accepted, and a 422 of a business rule is the
service doing its job, not a contract failure. The rules it trips are ones JSON Schema cannot
state: a day not in the future or not before the planning day (relative to today's clock), an
end after a start, a party of the right role on this case, a known outcode, a CSV file's header
and rows, a policy or standard that exists in the policy folder. Each such 422 is documented on
its operation and names the field. What the check is for still holds: the hook
`schema_valid_data_is_refused_only_by_a_business_rule` (tests/service/schemathesis_hooks.py)
fails a schema-valid request refused for a type or shape error, and `negative_data_rejection`
(ST201) fails a schema-violating one accepted, so schema and server types agree both ways.

Run a longer one: `RJPLAN_SCHEMATHESIS_EXAMPLES=100 RJPLAN_SCHEMATHESIS_OUTPUT=/tmp/st.txt
pytest tests/service/test_schemathesis.py`.
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
from types import SimpleNamespace
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from service.server import create_app
from service.store.db import make_engine, upgrade
from service.workflow.auth import Role
from tests.service import schemathesis_hooks
from tests.service.builders import a_facilitator, a_referral, logged_in
from tests.service.conftest import settings_for

EXAMPLES = int(os.environ.get("RJPLAN_SCHEMATHESIS_EXAMPLES", "3"))
AT_LEAST_REQUESTS = 2_000
BUSINESS_RULES_ARE_NOT_CONTRACT_FAILURES = "positive_data_acceptance"  # see the docstring
SEED = 15
ST = Path(sys.executable).with_name("st")
ROOT = Path(__file__).resolve().parents[2]
HOOKS = "tests.service.schemathesis_hooks"  # its check stands in for positive_data_acceptance


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
        "--exclude-checks",
        BUSINESS_RULES_ARE_NOT_CONTRACT_FAILURES,
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
    hooks = {"SCHEMATHESIS_HOOKS": HOOKS, "PYTHONPATH": str(ROOT)}
    env = os.environ | hooks
    return subprocess.run(
        command, capture_output=True, text=True, timeout=3600, check=False, env=env
    )


def test_every_request_gets_an_answer_the_openapi_document_describes(
    served: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    base, admin = served
    done = run_schemathesis(base, admin, tmp_path / "events.ndjson", EXAMPLES)
    kept = os.environ.get("RJPLAN_SCHEMATHESIS_OUTPUT")
    if kept:  # the whole output, to read every failure of a long run
        Path(kept).write_text(done.stdout, encoding="utf-8")
    assert done.returncode == 0, done.stdout[-20_000:]
    assert requests_made(tmp_path / "events.ndjson") >= AT_LEAST_REQUESTS


def requests_made(report: Path) -> int:
    """How many requests the run's NDJSON report records (each scenario's interactions)."""
    made = 0
    with report.open(encoding="utf-8") as lines:
        for line in lines:
            event = json.loads(line)
            if "ScenarioFinished" in event:
                made += len(event["ScenarioFinished"]["recorder"].get("interactions", {}))
    return made


@pytest.mark.parametrize(
    ("mode_positive", "message", "fails"),
    [
        (True, "2031-11-02 is in the future (today is 2026-12-06)", False),
        (True, "Input should be a valid integer", True),
        (True, "give true or false, not a number", True),
        (False, "Input should be a valid integer", False),
    ],
)
def test_the_hook_lets_a_business_rule_refuse_schema_valid_data_but_not_a_type_error(
    mode_positive: bool, message: str, fails: bool
) -> None:
    mode = SimpleNamespace(is_positive=mode_positive)
    case = SimpleNamespace(meta=SimpleNamespace(generation=SimpleNamespace(mode=mode)))
    body = {"error": "invalid_input", "errors": [{"pointer": "/body/x", "message": message}]}
    response = SimpleNamespace(status_code=422, content=json.dumps(body).encode())
    check = schemathesis_hooks.schema_valid_data_is_refused_only_by_a_business_rule
    if fails:
        with pytest.raises(AssertionError, match="type or shape"):
            check(None, response, case)
    else:
        check(None, response, case)
