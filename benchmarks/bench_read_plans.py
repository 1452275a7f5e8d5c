"""The worklist's reads on a store grown by years of closed cases: PostgreSQL's plans before and
after migration 0014 (`python -m benchmarks read_plans`; PostgreSQL at RJPLAN_TEST_POSTGRES_URL).

The essex demo is loaded at 0012, then 20,000 closed cases with two ended pairs each are added
(a few years of a national service); each query is EXPLAIN ANALYZEd at 0012 and again at 0014,
after ANALYZE. A scratch schema, dropped at the end.
"""

from __future__ import annotations

import os
import uuid

from sqlalchemy import Connection, create_engine, text

from scenarios.demo_data import load_demo
from scenarios.demo_scales import Scale
from service.store.crypto import Cipher
from service.store.db import make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow import demo

URL = os.environ.get(
    "RJPLAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
OLD_CASES = 20_000
CIPHER = Cipher([b"ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2YnlS2yk8="])  # a scratch key
QUERIES = {
    "clock cases (open, or closed since)": "SELECT id FROM cases WHERE status = 'open' "
    "OR closed_on >= DATE '2026-10-01' ORDER BY id",
    "current pairs": "SELECT * FROM pairs WHERE ended_on IS NULL",
    "lapsing vettings": "SELECT id, vetting_expires FROM facilitators "
    "WHERE vetting_expires <= DATE '2026-11-26'",
}
GROW = (
    "INSERT INTO cases (id, referral_id, status, district, outcode, lat, lon, requires_both, "
    "requires_either, hours, priority, created_at, version, closed_on, outcome) "
    "SELECT 'OLD-' || g, NULL, 'closed', district, outcode, lat, lon, requires_both, "
    "requires_either, hours, priority, created_at, 1, DATE '2020-01-01' + (g % 2000), 'direct' "
    "FROM cases, generate_series(1, :n) g WHERE cases.id = (SELECT min(id) FROM cases)",
    "INSERT INTO pairs (case_id, facilitator_a, facilitator_b, started_on, ended_on) "
    "SELECT c.id, p.facilitator_a, p.facilitator_b, DATE '2020-01-01', DATE '2020-02-01' "
    "FROM cases c, (SELECT * FROM pairs LIMIT 1) p, generate_series(1, 2) g "
    "WHERE c.id LIKE 'OLD-%'",
)


def _plans(conn: Connection, revision: str) -> None:
    conn.execute(text("ANALYZE"))
    for name, query in QUERIES.items():
        plan = [line.strip() for line in conn.execute(text(f"EXPLAIN ANALYZE {query}")).scalars()]
        took = next(line for line in plan if line.startswith("Execution"))
        scans = [line.split("  (")[0].removeprefix("->  ") for line in plan if "Scan" in line]
        print(f"| {revision} | {name} | {', '.join(scans)} | {took} |")


def main() -> None:
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in URL else "?"
    engine = make_engine(f"{URL}{sep}options=-csearch_path%3D{schema}")
    try:
        upgrade(engine, "0012", cipher=CIPHER)
        with UnitOfWork(session_factory(engine, CIPHER)) as uow:
            demo.load(uow, load_demo(Scale.ESSEX))
        with engine.begin() as conn:
            conn.execute(text(GROW[0]), {"n": OLD_CASES})
            conn.execute(text(GROW[1]))
            cases = conn.execute(text("SELECT count(*) FROM cases")).scalar()
            pairs = conn.execute(text("SELECT count(*) FROM pairs")).scalar()
        print(f"{cases} cases, {pairs} pairs, 60 facilitators")
        print("| migration | query | plan | time |\n|---|---|---|---|")
        for revision in ("0012", "0014"):
            upgrade(engine, revision, cipher=CIPHER)
            with engine.begin() as conn:
                _plans(conn, revision)
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
