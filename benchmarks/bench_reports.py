"""Reports over five years of history: every report timed on SQLite and PostgreSQL side by
side, and the dashboard page's render.

A generated service (seeded): about 2,000 referrals a year for five years (April 2021 to March
2026), their screening decisions, cases, parties and contacts, outcomes, evaluations, referrer
feedback and empathy scores, 80 facilitators with pairs and logged hours, loaded by bulk
inserts into a migrated store on each backend. Each report runs through the workflow
(service.workflow.reports.run) over the last year and over all five, median of RUNS.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, insert, text
from sqlalchemy.orm import Session

from benchmarks.pg_schema import POSTGRES
from service.store import tables as t
from service.store.db import make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow import reports
from service.workflow.auth import Principal, Role
from service.workflow.dashboard import dashboard

SEED = 19
YEARS = 5
PER_YEAR = 2_000
FIRST = dt.date(2021, 4, 1)
RUNS = 5
MANAGER = Principal(user_id=0, username="bench", role=Role.MANAGER, facilitator_id=None)
REFERRERS = ["police"] * 8 + ["housing"] * 4 + ["council", "self", "school", "prison", "other"]
DISTRICTS = [
    "Colchester", "Southend", "Thurrock", "Chelmsford", "Basildon", "Harlow", "Braintree",
    "Epping Forest", "Tendring", "Brentwood", "Rochford", "Castle Point", "Maldon", "Uttlesford",
]  # fmt: skip
CASE_TYPES = ["neighbour_dispute", "anti_social_behaviour", "low_level_crime", "criminal_offence"]
AT = dt.datetime(2026, 4, 1, 9, 0)


def generate(session: Session, rng: random.Random) -> dict[str, int]:
    """Fill the store; how many rows of each kind."""
    facilitators = [f"F{i:03d}" for i in range(80)]
    rows: dict[str, list[dict[str, Any]]] = {
        k: []
        for k in (
            "referrals", "decisions", "cases", "outcomes", "parties", "contacts", "evaluations",
            "feedback", "empathy", "pairs", "hours",
        )
    }  # fmt: skip
    session.execute(
        insert(t.Facilitator),
        [
            {
                "id": fid, "home_lat": 51.7, "home_lon": 0.5, "district": rng.choice(DISTRICTS),
                "weekly_hours": 6.0, "max_cases": 3, "vetting_expires": dt.date(2030, 1, 1),
                "active": True, "experienced": False, "avoid_partners": [], "version": 1,
                "started_on": dt.date(2020, 1, 1),
            }
            for fid in facilitators
        ],
    )  # fmt: skip
    party_id = 0
    days = YEARS * 365
    for n in range(YEARS * PER_YEAR):
        rid = f"B{n:06d}"
        received = FIRST + dt.timedelta(days=rng.randrange(days))
        district = rng.choice(DISTRICTS)
        rows["referrals"].append(
            {
                "id": rid, "received": received, "district": district, "created_at": AT,
                "document": {"referrer": {"organisation": rng.choice(REFERRERS)},
                             "case_type": rng.choice(CASE_TYPES)},
            }
        )  # fmt: skip
        decided = received + dt.timedelta(days=rng.randrange(1, 10))
        verdict = rng.choices(["accept", "decline", "redirect"], [70, 25, 5])[0]
        rows["decisions"].append(
            {"referral_id": rid, "policy": "essex-2018", "outcome": verdict, "document": {},
             "decided_at": dt.datetime.combine(decided, dt.time(10)), "decided_by": "bench"}
        )  # fmt: skip
        if verdict != "accept":
            continue
        closed = decided + dt.timedelta(days=rng.randrange(20, 120))
        rows["cases"].append(
            {"id": rid, "referral_id": rid, "status": "closed", "district": district,
             "lat": 51.7, "lon": 0.5, "hours": 19.0, "priority": 1, "created_at": AT,
             "version": 1, "closed_on": closed, "requires_both": [], "requires_either": []}
        )  # fmt: skip
        a, b = rng.sample(facilitators, 2)
        paired = decided + dt.timedelta(days=rng.randrange(1, 30))
        rows["pairs"].append(
            {"case_id": rid, "facilitator_a": a, "facilitator_b": b, "started_on": paired,
             "ended_on": closed}
        )  # fmt: skip
        for fid in (a, b):
            rows["hours"].append(
                {"facilitator_id": fid, "case_id": rid, "worked_on": paired,
                 "hours": float(rng.randrange(2, 12)), "activity": "case",
                 "recorded_by": "bench", "recorded_at": AT}
            )  # fmt: skip
        kind = rng.choices(["declined", "no_outcome", "direct", "indirect"], [55, 20, 10, 15])[0]
        rows["outcomes"].append(
            {"case_id": rid, "kind": kind, "recorded_on": closed, "recorded_by": "bench",
             "declined_by": rng.choice(["harmed", "responsible", "service"])
             if kind == "declined" else None,
             "method": {"direct": "conference", "indirect": "letter"}.get(kind)}
        )  # fmt: skip
        for role in ["harmed"] * rng.choice([1, 1, 2]) + ["responsible"]:
            party_id += 1
            rows["parties"].append(
                {"id": party_id, "case_id": rid, "role": role, "age_band": "25_64",
                 "created_at": AT, "created_by": "bench", "version": 1}
            )  # fmt: skip
            answers = rng.choice([["no_answer", "spoke"], ["agreed"], ["declined"], ["no_answer"]])
            for i, outcome in enumerate(answers):
                rows["contacts"].append(
                    {"case_id": rid, "party_id": party_id, "counterpart": "party", "kind": "call",
                     "purpose": "general", "made_on": decided + dt.timedelta(days=i + 1),
                     "made_by": a, "outcome": outcome, "created_at": AT}
                )  # fmt: skip
            if kind in ("direct", "indirect") and rng.random() < 0.5:
                rows["evaluations"].append(
                    {"case_id": rid, "party_id": party_id, "received_on": closed,
                     "satisfaction": rng.choice([3, 4, 5, 5]), "facilitator_rating": 5,
                     "positive_outcome": rng.random() < 0.85, "felt_better": rng.random() < 0.8,
                     "would_recommend": rng.random() < 0.9}
                )  # fmt: skip
            if role == "responsible" and kind in ("direct", "indirect"):
                for stage, score in (("before", 10), ("after", 10 + rng.randrange(0, 6))):
                    rows["empathy"].append(
                        {"case_id": rid, "party_id": party_id, "stage": stage, "score": score,
                         "taken_on": closed}
                    )  # fmt: skip
        if rng.random() < 0.2:
            rows["feedback"].append(
                {"case_id": rid, "received_on": closed, "referral_process": rng.choice([4, 5]),
                 "initial_response": rng.choice([4, 5]), "kept_updated": rng.choice([3, 4, 5]),
                 "effectiveness": rng.choice([3, 4, 5]), "would_refer_again": True}
            )  # fmt: skip
    targets = {
        "referrals": t.Referral, "decisions": t.Decision, "cases": t.Case,
        "outcomes": t.CaseOutcome, "parties": t.Party, "contacts": t.Contact,
        "evaluations": t.Evaluation, "feedback": t.ReferrerFeedback, "empathy": t.EmpathyScore,
        "pairs": t.Pair, "hours": t.HoursEntry,
    }  # fmt: skip
    for key, table in targets.items():
        for start in range(0, len(rows[key]), 5_000):
            session.execute(insert(table), rows[key][start : start + 5_000])
    session.commit()
    return {k: len(v) for k, v in rows.items()}


@contextmanager
def sqlite_store(folder: str) -> Iterator[str]:
    yield f"sqlite:///{folder}/reports-bench.sqlite"


@contextmanager
def postgres_store() -> Iterator[str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES}{'&' if '?' in POSTGRES else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def median_ms(run: Callable[[], object]) -> float:
    run()  # warm: the first query plans and fills caches
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


CASES = {
    "referrals by referrer": ("referrals", ("referrer",)),
    "referrals by referrer x district": ("referrals", ("referrer", "district")),
    "referrals by month": ("referrals", ("month",)),
    "funnel": ("funnel", ()),
    "outcomes": ("outcomes", ()),
    "feedback": ("feedback", ()),
    "allocation": ("allocation", ()),
    "volunteers": ("volunteers", ()),
}
LAST_YEAR = (dt.date(2025, 4, 1), dt.date(2026, 3, 31))


def timings(url: str) -> tuple[dict[str, int], dict[str, tuple[float, float]], dict[str, float]]:
    engine = make_engine(url)
    upgrade(engine)
    sessions = session_factory(engine)
    with sessions() as session:
        started = time.perf_counter()
        counts = generate(session, random.Random(SEED))
        counts["load_s"] = round(time.perf_counter() - started)
    with UnitOfWork(sessions) as uow:
        uow.refresh_statistics()
        uow.commit()
    out: dict[str, tuple[float, float]] = {}
    with UnitOfWork(sessions) as uow:
        for label, (name, by) in CASES.items():
            year = reports.Params(start=LAST_YEAR[0], end=LAST_YEAR[1], by=by)
            every = reports.Params(by=by)
            out[label] = (timed(uow, name, year), timed(uow, name, every))
        page = page_times(uow)
    engine.dispose()
    return counts, out, page


def timed(uow: UnitOfWork, name: str, params: reports.Params) -> float:
    return median_ms(lambda: reports.run(uow, MANAGER, name, params))


def page_times(uow: UnitOfWork) -> dict[str, float]:
    """The dashboard: its workflow (six reports and five charts) and the page's template."""
    from service.web.templating import TEMPLATES

    template = TEMPLATES.get_template("pages/dashboard.html")

    def render(board: Any) -> str:
        context = {
            "board": board, "downloads": (), "district_options": [("", "All districts")],
            "user": None, "nav": [], "csrf_token": "", "csrf_field": "csrf",
            "current_path": "/reports", "htmx": False, "prefix": "/web",
        }  # fmt: skip
        return template.render(context)

    def cold() -> None:
        from service.workflow import report_charts

        report_charts.bars.cache_clear()
        report_charts.trend.cache_clear()
        render(dashboard(uow, MANAGER, LAST_YEAR[0], LAST_YEAR[1], None))

    def warm() -> None:
        render(dashboard(uow, MANAGER, LAST_YEAR[0], LAST_YEAR[1], None))

    return {"cold charts": median_ms(cold), "charts cached": median_ms(warm)}


def main() -> None:
    import tempfile

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder, sqlite_store(folder) as url:
        results["sqlite"] = timings(url)
    with postgres_store() as url:
        results["postgres"] = timings(url)
    counts = results["sqlite"][0]
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    print(f"load: sqlite {counts['load_s']} s, postgres {results['postgres'][0]['load_s']} s")
    print(
        f"\nmedian of {RUNS} runs, ms: last year ({LAST_YEAR[0]} to {LAST_YEAR[1]}) | all 5 years"
    )
    print("| report | SQLite year | PostgreSQL year | SQLite 5 years | PostgreSQL 5 years |")
    print("|---|---|---|---|---|")
    for label in CASES:
        s, p = results["sqlite"][1][label], results["postgres"][1][label]
        print(f"| {label} | {s[0]:.0f} | {p[0]:.0f} | {s[1]:.0f} | {p[1]:.0f} |")
    print("\n| dashboard (workflow + template), last year | SQLite | PostgreSQL |")
    print("|---|---|---|")
    for key in ("cold charts", "charts cached"):
        print(f"| {key} | {results['sqlite'][2][key]:.0f} | {results['postgres'][2][key]:.0f} |")
