"""The service under abuse, on PostgreSQL with the essex demo data (issue 15): 50 clients whose
every tenth request is a failed login, while one 100,000-row facilitator CSV is imported.

Three runs of RJPLAN_BENCH_SECONDS (20) each, over one server (uvicorn, RJPLAN_BENCH_WORKERS (2)
processes, a fresh PostgreSQL schema dropped afterwards):
1. reads alone: `GET /cases/{id}` over 20 cases, as a coordinator;
2. the same clients with every tenth request a login with a wrong password (half of them for
   the real username `coordinator`, half for unknown ones);
3. as 2, with a 100,000-row facilitator CSV (4 MB, under the 5 MB upload limit) posted at the
   start, which is read, checked and written in the server's thread pool.
For each: the reads' p50 and p99, the logins' p99 and their answers, the server's CPU per
request and the peak resident memory of all its processes (sampled every 0.1 s from /proc),
against the memory after warm-up: "bounded" means the peak does not grow with the number of
bad logins (the hashing semaphore lets RJPLAN_PASSWORD_HASHING_AT_ONCE argon2 checks of
64 MiB run at a time per process; the others wait).

The lockouts are set out of the way (RJPLAN_LOGIN_FAILURES_PER_ADDRESS 100,000, per account
1,000) so every bad login costs a full password check: the worst case. With the defaults the
20th failure from one address locks it, and later tries are 429s that cost no hashing.

The load is a Python (httpx, asyncio) generator sharing the cores with the server, so its
figures are a lower bound of what the server does alone; the output says so.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from benchmarks import bench_service as svc
from service.workflow.demo import DEMO_PASSWORDS

CLIENTS = svc.CLIENTS
SECONDS = float(os.environ.get("RJPLAN_BENCH_SECONDS", "20"))
IMPORT_ROWS = int(os.environ.get("RJPLAN_BENCH_IMPORT_ROWS", "100000"))
BAD_LOGIN_EVERY = 10
LOCKOUTS_AWAY = {
    "RJPLAN_LOGIN_FAILURES_PER_ADDRESS": "100000",
    "RJPLAN_LOGIN_FAILURES_PER_ACCOUNT": "1000",
}


@dataclass
class Run:
    """What one run measured."""

    reads: list[float] = field(default_factory=list)
    logins: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def facilitator_csv(rows: int) -> bytes:
    """A facilitator CSV of `rows` new, valid facilitators."""
    header = "id,name,home_outcode,district,skills,weekly_hours,max_cases,vetting_expires\n"
    body = "".join(f"FX-{i},,CM1,,mediation,6,3,2030-01-01\n" for i in range(rows))
    return (header + body).encode()


async def _load(base: str, auth: str, paths: list[str], bad_logins: bool, seconds: float) -> Run:
    run = Run()
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=CLIENTS)

    async def client_loop(client: httpx.AsyncClient, n: int) -> None:
        i = n
        while time.perf_counter() < stop:
            i += 1
            began = time.perf_counter()
            if bad_logins and i % BAD_LOGIN_EVERY == 0:
                name = "coordinator" if i % 2 else f"nobody-{n}-{i}"
                body = {"username": name, "password": "not-the-password-at-all"}
                answer = await client.post("/auth/token", json=body)
                run.logins.append(time.perf_counter() - began)
                run.statuses[f"login {answer.status_code}"] += 1
            else:
                answer = await client.get(paths[i % len(paths)], headers={"Authorization": auth})
                run.reads.append(time.perf_counter() - began)
                run.statuses[f"read {answer.status_code}"] += 1

    began = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        await asyncio.gather(*(client_loop(client, n) for n in range(CLIENTS)))
    run.seconds = time.perf_counter() - began
    return run


def rss_mib(pids: list[int]) -> float:
    """The resident memory of `pids` together, in MiB (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


@contextmanager
def peak_memory(pid: int) -> Iterator[list[float]]:
    """Sample the server's processes' memory every 0.1 s; yields a list that holds the peak."""
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss_mib([pid, *svc._children(pid)]))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        done.set()
        sampler.join()


def ms(values: list[float], q: float) -> str:
    return f"{svc.percentile(values, q) * 1000:.0f}" if len(values) > 1 else "-"


def main() -> None:
    """The three runs, one line each, and the import's own figures."""
    os.environ.update(LOCKOUTS_AWAY)
    upload = facilitator_csv(IMPORT_ROWS)
    with svc.fresh_schema() as url, svc.server(url) as (base, process):
        headers = svc.login(base, "coordinator", DEMO_PASSWORDS["coordinator"])
        auth = headers["Authorization"]
        cases = [c["id"] for c in httpx.get(f"{base}/cases", headers=headers).json()]
        paths = [f"/cases/{c}" for c in cases[: svc.CASES_READ]]
        asyncio.run(_load(base, auth, paths, False, 3.0))  # warm up
        settled = rss_mib([process.pid, *svc._children(process.pid)])
        print(
            f"server: uvicorn, {svc.WORKERS} workers, {settled:.0f} MiB after warm-up; "
            f"load: python httpx, {CLIENTS} clients, sharing the cores; lockouts out of the way"
        )
        print(f"import: {IMPORT_ROWS} facilitator rows, {len(upload) / 1e6:.1f} MB")
        for name, bad, importing in (
            ("reads alone", False, False),
            ("reads, every 10th a bad login", True, False),
            ("reads, bad logins, a 100k-row import", True, True),
        ):
            imported: dict[str, float | int] = {}

            def post_import(into: dict[str, float | int] = imported) -> None:
                began = time.perf_counter()
                files = {"file": ("facilitators.csv", upload, "text/csv")}
                answer = httpx.post(
                    f"{base}/facilitators/import", files=files, headers=headers, timeout=600
                )
                into["status"] = answer.status_code
                into["seconds"] = time.perf_counter() - began

            worker = threading.Thread(target=post_import) if importing else None
            cpu_before = svc.server_cpu_seconds(process)
            with peak_memory(process.pid) as peak:
                if worker:
                    worker.start()
                run = asyncio.run(_load(base, auth, paths, bad, SECONDS))
                if worker:
                    worker.join()
            cpu_after = svc.server_cpu_seconds(process)
            requests = len(run.reads) + len(run.logins)
            cpu = ""
            if cpu_before is not None and cpu_after is not None and requests:
                cpu = f", server CPU {(cpu_after - cpu_before) * 1000 / requests:.2f} ms/request"
            answers = ", ".join(f"{k}: {v}" for k, v in sorted(run.statuses.items()))
            print(
                f"{name}: {requests} requests in {run.seconds:.1f} s "
                f"({requests / run.seconds:.0f} req/s); reads p50 {ms(run.reads, 50)} ms, "
                f"p99 {ms(run.reads, 99)} ms; logins p99 {ms(run.logins, 99)} ms; "
                f"peak memory {peak[0]:.0f} MiB{cpu}; answers {answers}"
            )
            if imported:
                print(
                    f"  the import: HTTP {imported['status']} in {imported['seconds']:.1f} s "
                    "(run to its end after the load stopped, if it was longer)"
                )
