"""Loading the demo service into an empty store, and the demo logins printed by `rjplan serve`."""

from __future__ import annotations

import datetime as dt

from models import Referral
from scenarios.demo_data import DemoData
from service.store import tables as t
from service.store.mapping import case_row
from service.store.uow import UnitOfWork
from service.workflow import demo_records, volunteer_policy
from service.workflow.auth import Role, create_user
from service.workflow.schemas.facilitators import SkillIn
from service.workflow.training import Recording, declared

DEMO_ACTOR = "demo-loader"
DEMO_PASSWORDS = {
    "admin": "copper-lantern-demo",
    "coordinator": "willow-harbour-demo",
    "manager": "granite-meadow-demo",
    "facilitator": "amber-kestrel-demo",
}
"""The demo users' passwords: known, so for a local demo only (they meet the password policy,
service.workflow.passwords, like every account's)."""
ONGOING_SINCE_DAYS = 21


def demo_logins(data: DemoData) -> list[tuple[str, str, Role, str | None]]:
    """(username, password, role, facilitator id) of the demo users: known, so local only."""
    on_a_case = next((c.current[0] for c in data.problem.cases if c.current), None)
    roles = (Role.ADMIN, Role.COORDINATOR, Role.MANAGER, Role.FACILITATOR)
    return [
        (
            role.value,
            DEMO_PASSWORDS[role.value],
            role,
            on_a_case if role is Role.FACILITATOR else None,
        )
        for role in roles
    ]


def is_loaded(uow: UnitOfWork) -> bool:
    """True when the demo data was loaded into this store (its load is in the audit log)."""
    return bool(uow.audit.search("demo", None, limit=1, offset=0))


def load(uow: UnitOfWork, data: DemoData, records: bool = True) -> None:
    """Put the demo facilitators, cases (with their pairs), referrals and users in the store;
    with `records`, also the places and volunteer records (service.workflow.demo_records: they
    need the schema of 0010 or later, so a test loading into an older one leaves them out)."""
    now = uow.clock.now()
    problem = data.problem
    by = Recording(DEMO_ACTOR, now, uow.clock.today(), volunteer_policy.in_force(uow))
    for f in problem.facilitators:
        lat, lon = f.home.point()
        row = t.Facilitator(
            id=f.id,
            name=uow.cipher.seal(f"Volunteer {f.id}"),
            home_outcode=f.home.outcode,
            home_lat=lat,
            home_lon=lon,
            district=f.district,
            weekly_hours=f.weekly_hours,
            max_cases=f.max_cases,
            vetting_expires=f.vetting_expires,
            active=f.active,
            experienced=f.experienced,
            max_travel_km=f.max_travel_km,
            avoid_partners=list(f.avoid_partners),
            version=1,
        )
        skills = [SkillIn(skill=s) for s in sorted(f.skills)]
        row.training, row.checks = declared(skills, by, "/facilitators/skills")
        row.absences = [t.Absence(start=w.start, end=w.end) for w in f.unavailable]
        uow.facilitators.add(row)
    uow.flush()
    since = problem.as_of - dt.timedelta(days=ONGOING_SINCE_DAYS)
    for case in problem.cases:
        uow.cases.add(case_row(case, None, now))
        if len(case.current) == 2:
            a, b = case.current
            uow.pairs.add(
                t.Pair(case_id=case.id, facilitator_a=a, facilitator_b=b, started_on=since)
            )
    for referral in data.referrals:
        _referral(uow, referral, now)
    if records:
        demo_records.load(uow, data, by)
    for username, password, role, fid in demo_logins(data):
        create_user(uow, DEMO_ACTOR, username, password, role, fid)
    uow.audit.record(
        DEMO_ACTOR, "load", "demo", "demo", {"facilitators": len(problem.facilitators)}
    )
    uow.commit()
    uow.refresh_statistics()  # a bulk load: plan the reads on what is now there
    uow.commit()


def _referral(uow: UnitOfWork, referral: Referral, now: dt.datetime) -> None:
    uow.referrals.add(
        t.Referral(
            id=referral.id,
            received=referral.received,
            district=referral.district,
            document=referral.model_dump(mode="json"),
            created_at=now,
        )
    )
