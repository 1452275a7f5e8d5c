"""The service under load, on PostgreSQL with the essex demo data (issue 5).

1. The morning workflow end to end over HTTP: screen the 30 demo referrals, propose, commit
   (target: under 3 s), with where its time goes.
2. 50 concurrent clients reading proposals and cases for 30 s: requests per second and
   p50/p99 latency (target: p99 under 50 ms for reads). Then each read alone for a shorter
   run, to tell them apart: a case, a proposal, a facilitator's cases, the case list and the
   worklist (issue 20).

The server is uvicorn with RJPLAN_BENCH_WORKERS (2) processes in its own process group over a
fresh PostgreSQL schema that is dropped afterwards. The load generator is wrk (a C program, so
the client takes little of the CPU the server needs) when it is installed, with a Lua script
for the mix and the login header; otherwise a Python (httpx, asyncio) generator, which shares
the cores with the server and so lowers what it measures. Which one ran is printed. Server CPU
per request is read from /proc (Linux): the figure least moved by other work on the machine.

PostgreSQL: RJPLAN_TEST_POSTGRES_URL, else the CI server at 127.0.0.1:5432. Knobs:
RJPLAN_BENCH_CLIENTS (50), RJPLAN_BENCH_SECONDS (30; each single-read run is a third of it),
RJPLAN_BENCH_WORKERS (2), RJPLAN_BENCH_SOURCE (a source tree to run the server from instead of
this one, to measure two versions side by side with the same benchmark),
RJPLAN_BENCH_SERVER_ARGS (more uvicorn options, e.g. "--loop asyncio --http h11"),
RJPLAN_BENCH_DEMO_YEAR=1 (the demo year before today loaded first: 426 more referrals and
their case files).
"""

from __future__ import annotations

import asyncio
import functools
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks.pg_schema import SCRATCH_KEY, schema_with
from scenarios.demo_data import Scale, load_demo
from service.workflow.demo import DEMO_PASSWORDS

CLIENTS = int(os.environ.get("RJPLAN_BENCH_CLIENTS", "50"))
SECONDS = float(os.environ.get("RJPLAN_BENCH_SECONDS", "30"))
WORKERS = int(os.environ.get("RJPLAN_BENCH_WORKERS", "2"))
SOURCE = os.environ.get("RJPLAN_BENCH_SOURCE", "")
SERVER_ARGS = os.environ.get("RJPLAN_BENCH_SERVER_ARGS", "").split()
DEMO_YEAR = os.environ.get("RJPLAN_BENCH_DEMO_YEAR", "") == "1"
WRK = shutil.which("wrk")
CASES_READ = 20
WARM_UP = 3.0  # seconds of load before measuring


@dataclass(frozen=True)
class Load:
    """What one load run measured."""

    generator: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    failed: int
    server_cpu_ms: float | None  # server CPU per request (all worker processes)

    def line(self, what: str) -> str:
        cpu = f", server CPU {self.server_cpu_ms:.2f} ms/request" if self.server_cpu_ms else ""
        return (
            f"{what}: {CLIENTS} clients x {self.seconds:.0f} s ({self.generator}): "
            f"{self.requests} requests, {self.requests / self.seconds:.0f} req/s, "
            f"p50 {self.p50_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, {self.failed} failed{cpu}"
        )


def fresh_schema() -> AbstractContextManager[str]:
    """A database URL whose search_path is a new schema holding the essex demo data, and the
    demo year before today with RJPLAN_BENCH_DEMO_YEAR=1 (issue 20 asks the reads with it)."""
    return schema_with(load_demo(Scale.ESSEX), year=DEMO_YEAR)


@contextmanager
def server(url: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """uvicorn in its own process over `url`; yields the base address and the process."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {"RJPLAN_DATABASE_URL": url, "RJPLAN_DATA_KEY": SCRATCH_KEY}
    if SOURCE:
        env["PYTHONPATH"] = SOURCE
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "service.server:from_environment"]
    cmd += ["--port", str(port), "--workers", str(WORKERS)]
    cmd += ["--log-level", "warning", "--no-access-log", *SERVER_ARGS]
    process = subprocess.Popen(cmd, env=env, cwd=SOURCE or None)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def login(base: str, username: str, password: str) -> dict[str, str]:
    """Bearer headers for a demo login."""
    answer = httpx.post(f"{base}/auth/token", json={"username": username, "password": password})
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def morning(base: str, headers: dict[str, str]) -> tuple[dict[str, float], str, int]:
    """Screen every waiting referral, propose, commit: (seconds per step, proposal, pairs)."""
    steps: dict[str, float] = {}
    began = time.perf_counter()
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        referrals = client.get("/referrals", params={"limit": 1000}).json()
        for item in referrals:
            client.post(f"/referrals/{item['referral']['id']}/screen", json={}).raise_for_status()
        steps["screen"] = time.perf_counter() - began
        proposal = client.post("/proposals", json={}).json()
        steps["propose"] = time.perf_counter() - began - steps["screen"]
        done = client.post(f"/proposals/{proposal['id']}/commit", headers={"Idempotency-Key": "b"})
        done.raise_for_status()
    steps["total"] = time.perf_counter() - began
    steps["commit"] = steps["total"] - steps["screen"] - steps["propose"]
    steps["solver"] = proposal["result"]["metrics"]["solve_seconds"]
    steps["referrals"] = len(referrals)
    return steps, proposal["id"], len(done.json()["changes"])


def server_cpu_seconds(process: subprocess.Popen[bytes]) -> float | None:
    """User + system CPU seconds of the server's processes so far (Linux /proc), else None."""
    pids = [process.pid, *_children(process.pid)]
    try:
        ticks = sum(_cpu_ticks(pid) for pid in pids)
    except OSError:
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


Sample = tuple[str, int, float, float, float, int]
"""generator, requests, seconds, p50 ms, p99 ms, failed requests"""


def measured(process: subprocess.Popen[bytes], run: Callable[[], Sample]) -> Load:
    """Run a load generator and add the server's CPU time per request."""
    before = server_cpu_seconds(process)
    generator, requests, seconds, p50, p99, failed = run()
    after = server_cpu_seconds(process)
    cpu = None
    if before is not None and after is not None and requests:
        cpu = (after - before) * 1000 / requests
    return Load(generator, requests, seconds, p50, p99, failed, cpu)


LUA = """
local paths = {%s}
local auth = "%s"
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {["Authorization"] = auth})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("wrk-summary %%d %%.6f %%.3f %%.3f %%d\\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def wrk_load(base: str, auth: str, paths: list[str], seconds: float) -> Sample:
    """wrk: CLIENTS connections over 2 threads, each cycling over `paths`, sending `auth`."""
    assert WRK is not None
    script = LUA % (", ".join(f'"{p}"' for p in paths), auth)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        cmd = [WRK, "-t2", f"-c{CLIENTS}", f"-d{seconds:.0f}s", "--timeout", "10s"]
        out = subprocess.run([*cmd, "-s", lua.name, base], capture_output=True, text=True)
    found = re.search(r"wrk-summary (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", out.stdout)
    if found is None:
        raise RuntimeError(f"wrk gave no summary: {out.stdout}\n{out.stderr}")
    requests, took, p50, p99, failed = found.groups()
    return "wrk", int(requests), float(took), float(p50), float(p99), int(failed)


def python_load(base: str, auth: str, paths: list[str], seconds: float) -> Sample:
    """The same load from Python (httpx, asyncio): the fallback when wrk is missing."""
    began = time.perf_counter()
    latencies, failed = asyncio.run(_read_load(base, {"Authorization": auth}, paths, seconds))
    took = time.perf_counter() - began
    p50, p99 = percentile(latencies, 50) * 1000, percentile(latencies, 99) * 1000
    return "python httpx, sharing the cores", len(latencies), took, p50, p99, failed


async def _read_load(
    base: str, headers: dict[str, str], paths: list[str], seconds: float
) -> tuple[list[float], int]:
    latencies: list[float] = []
    failed = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=CLIENTS)

    async def client_loop(client: httpx.AsyncClient, offset: int) -> None:
        nonlocal failed
        i = offset
        while time.perf_counter() < stop:
            began = time.perf_counter()
            answer = await client.get(paths[i % len(paths)])
            latencies.append(time.perf_counter() - began)
            failed += answer.status_code != 200
            i += 1

    async with httpx.AsyncClient(
        base_url=base, headers=headers, limits=limits, timeout=30
    ) as client:
        await asyncio.gather(*(client_loop(client, n) for n in range(CLIENTS)))
    return latencies, failed


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of `values`."""
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    """Run the morning, then the read loads, and print one line each."""
    load = wrk_load if WRK else python_load
    with fresh_schema() as url, server(url) as (base, process):
        headers = login(base, "coordinator", DEMO_PASSWORDS["coordinator"])
        began = server_cpu_seconds(process)
        steps, proposal, pairs = morning(base, headers)
        ended = server_cpu_seconds(process)
        timings = ", ".join(f"{k} {v:.2f} s" for k, v in steps.items() if k != "referrals")
        cpu = f"; server CPU {ended - began:.2f} s" if began is not None and ended else ""
        print(
            f"morning workflow (screen {steps['referrals']:.0f}, propose, commit): {timings}; "
            f"{pairs} pairs committed{cpu}"
        )
        cases = [c["id"] for c in httpx.get(f"{base}/cases", headers=headers).json()]
        case_paths = [f"/cases/{c}" for c in cases[:CASES_READ]]
        mixed = [p for c in case_paths for p in (f"/proposals/{proposal}", c)]
        auth = headers["Authorization"]
        source = f" from {SOURCE}" if SOURCE else ""
        options = f" {' '.join(SERVER_ARGS)}" if SERVER_ARGS else ""
        print(f"server: uvicorn{options}, {WORKERS} workers{source}; load: {load.__name__}")
        load(base, auth, mixed, WARM_UP)  # pools opened, statements prepared, bodies cached
        result = measured(process, lambda: load(base, auth, mixed, SECONDS))
        print(
            result.line(f"reads: half GET /proposals/{{id}}, half GET /cases/{{id}} x{CASES_READ}")
        )
        print("  (target: p99 under 50 ms)")
        facilitator = login(base, "facilitator", DEMO_PASSWORDS["facilitator"])["Authorization"]
        alone = (
            ("GET /cases/{id} alone", case_paths, auth),
            ("GET /proposals/{id} alone (no If-None-Match)", [mixed[0]], auth),
            ("GET /me/cases alone (the demo facilitator)", ["/me/cases"], facilitator),
            ("GET /cases alone (the case list, open cases)", ["/cases"], auth),
            ("GET /worklist alone (a coordinator's)", ["/worklist"], auth),
        )
        for what, paths, token in alone:
            run = functools.partial(load, base, token, paths, SECONDS / 3)
            print(measured(process, run).line(what))
