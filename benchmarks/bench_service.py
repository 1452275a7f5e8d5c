"""The service under load, on PostgreSQL with the essex demo data.

1. The morning workflow end to end over HTTP: screen the 30 demo referrals, propose, commit
   (target: under 3 s).
2. 50 concurrent clients reading proposals and cases for 30 s: requests per second and
   p50/p99 latency (target: p99 under 50 ms for reads).

The server runs in its own process (uvicorn, 2 workers) in a fresh PostgreSQL schema that is
dropped afterwards. PostgreSQL: RJPLAN_TEST_POSTGRES_URL, else the CI server at 127.0.0.1:5432.
Environment knobs: RJPLAN_BENCH_CLIENTS (50), RJPLAN_BENCH_SECONDS (30).
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

import httpx

from benchmarks.pg_schema import schema_with
from scenarios.demo_data import Scale, load_demo

CLIENTS = int(os.environ.get("RJPLAN_BENCH_CLIENTS", "50"))
SECONDS = float(os.environ.get("RJPLAN_BENCH_SECONDS", "30"))


def fresh_schema() -> AbstractContextManager[str]:
    """A database URL whose search_path is a new schema holding the essex demo data."""
    return schema_with(load_demo(Scale.ESSEX))


@contextmanager
def server(url: str) -> Iterator[str]:
    """uvicorn in its own process over `url`; yields the base address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {"RJPLAN_DATABASE_URL": url}
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "service.api.asgi:app",
        "--port",
        str(port),
        "--workers",
        "2",
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    process = subprocess.Popen(cmd, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
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
    return steps, proposal["id"], len(done.json()["changes"])


async def read_load(base: str, headers: dict[str, str], paths: list[str]) -> list[float]:
    """CLIENTS clients each reading `paths` in turn for SECONDS; latencies in seconds."""
    latencies: list[float] = []
    stop = time.perf_counter() + SECONDS
    limits = httpx.Limits(max_connections=CLIENTS)

    async def client_loop(client: httpx.AsyncClient, offset: int) -> None:
        i = offset
        while time.perf_counter() < stop:
            began = time.perf_counter()
            answer = await client.get(paths[i % len(paths)])
            latencies.append(time.perf_counter() - began)
            answer.raise_for_status()
            i += 1

    async with httpx.AsyncClient(
        base_url=base, headers=headers, limits=limits, timeout=30
    ) as client:
        await asyncio.gather(*(client_loop(client, n) for n in range(CLIENTS)))
    return latencies


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of `values`."""
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    """Run both measurements and print a table."""
    with fresh_schema() as url, server(url) as base:
        headers = login(base, "coordinator", "demo-coordinator")
        steps, proposal, pairs = morning(base, headers)
        timings = ", ".join(f"{k} {v:.2f} s" for k, v in steps.items())
        print(f"morning workflow (screen 30, propose, commit): {timings}; {pairs} pairs committed")
        cases = [c["id"] for c in httpx.get(f"{base}/cases", headers=headers).json()][:20]
        paths = [f"/proposals/{proposal}"] + [f"/cases/{c}" for c in cases]
        latencies = asyncio.run(read_load(base, headers, paths))
        rate = len(latencies) / SECONDS
        p50, p99 = percentile(latencies, 50) * 1000, percentile(latencies, 99) * 1000
        print(
            f"reads: {CLIENTS} clients x {SECONDS:.0f} s: {len(latencies)} requests, "
            f"{rate:.0f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms (target p99 < 50 ms)"
        )
