"""The demo's places and volunteer records, loaded with the demo service (service.workflow.demo):
the venues register, visit arrangements for the prisons nearest Chelmsford, and for each
volunteer a start date, their force vetting and (for the prison-cleared) national security
vetting, supervision, CPD training, hours and expense claims; and a recruitment pipeline of
the seeds' shape (2017-18: 25 trained, only 9 started because of vetting delays).

Seeded (DEMO_RECORDS_SEED) and dated back from the loading day, so the worklist shows the
warnings a real service would meet on that day: vetting lapsing, supervision overdue, CPD
short. Names are synthetic ("Applicant A-01"); no contact details are invented.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from allocator.meetings import example_prisons, example_venues
from geo import Gazetteer, default_gazetteer
from geo.distance import haversine_km
from models.meetings import Access, MeetingVenue
from models.volunteers import CheckKind, Course, Level, Stage
from scenarios.demo_data import DemoData
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.training import Recording

DEMO_RECORDS_SEED = 2017
VENUE_COUNT = 30
COHORT_TRAINED = 25
COHORT_STARTED = 9
COHORT_LEFT_WAITING = 5
"""Of the 25 trained: 9 started, 5 left while waiting for vetting, the rest still wait."""
VETTING_MEDIAN_DAYS = 95.0
VETTING_SIGMA = 0.45
"""Days from vetting submitted to vetted: lognormal, median 95 (the seeds' months-long wait)."""
MILEAGE_PENCE = 45


def load(uow: UnitOfWork, data: DemoData, by: Recording) -> None:
    """Add the demo's venues, prison visit arrangements, volunteer records and recruits."""
    rng = random.Random(DEMO_RECORDS_SEED)
    gaz = default_gazetteer()
    day = by.today
    for venue in example_venues(VENUE_COUNT, 0, day):
        uow.places.add(_venue_row(venue, gaz, by))
    _prison_sessions(uow, by)
    people = sorted(data.problem.facilitators, key=lambda f: f.id)
    on_cases = {f: c.id for c in data.problem.cases for f in c.current}
    for i, person in enumerate(people):
        row = uow.facilitators.get(person.id)
        if row is not None:
            _records(uow, row, on_cases.get(person.id), rng, by, i)
    _pipeline(uow, [p.id for p in people], rng, by)


def nearest_outcode(gaz: Gazetteer, lat: float, lon: float) -> tuple[str, str]:
    """(outcode, district) of the outcode centroid nearest a point."""
    found = min(gaz.outcodes.values(), key=lambda o: haversine_km((lat, lon), (o.lat, o.lon)))
    return found.code, found.district


def _venue_row(venue: MeetingVenue, gaz: Gazetteer, by: Recording) -> t.VenueRecord:
    lat, lon = venue.location.point()
    outcode, district = nearest_outcode(gaz, lat, lon)
    return t.VenueRecord(
        id=venue.id,
        name=venue.name,
        address="",
        postcode=outcode,
        district=district,
        lat=lat,
        lon=lon,
        rooms=[{"id": r.id, "capacity": r.capacity, "cost_pounds": r.cost} for r in venue.rooms],
        step_free=Access.STEP_FREE in venue.features,
        hearing_loop=Access.HEARING_LOOP in venue.features,
        high_risk_suitable=venue.high_risk_suitable,
        opening={d.value: [s.value for s in ss] for d, ss in venue.opening.items()},
        neutral_for=[],
        risk_notes="",
        contact=None,
        active=True,
        version=1,
        updated_at=by.now,
        updated_by=by.actor,
    )


def _prison_sessions(uow: UnitOfWork, by: Recording) -> None:
    """The nearest prisons' arrangements vary (days, visitors, notice), as real ones do."""
    for example in example_prisons(6, 0):
        row = uow.places.prison(example.name)
        if row is None:
            continue
        row.sessions = {d.value: [s.value for s in ss] for d, ss in example.sessions.items()}
        row.visitors_per_session = example.visitors_per_session
        row.lead_time_working_days = example.lead_time_working_days
        row.updated_at, row.updated_by = by.now, by.actor


def _records(
    uow: UnitOfWork,
    row: t.Facilitator,
    case_id: str | None,
    rng: random.Random,
    by: Recording,
    index: int,
) -> None:
    day = by.today
    row.started_on = day - dt.timedelta(days=rng.randint(200, 1800))
    _check(row, CheckKind.FORCE, row.vetting_expires - dt.timedelta(days=365), by)
    if any(c.kind == CheckKind.PRISON.value for c in row.checks):
        # every fourth prison-cleared volunteer's NSV lapses within the 60-day notice
        left = rng.randint(5, 55) if index % 4 == 0 else rng.randint(120, 1500)
        _check(row, CheckKind.NSV, day + dt.timedelta(days=left) - dt.timedelta(days=5 * 365), by)
    overdue = index % 6 == 0
    weeks_ago = rng.randint(13, 22) if overdue else rng.randint(1, 10)
    for back in (weeks_ago, weeks_ago + 12):
        uow.volunteers.add(_supervision(row.id, day - dt.timedelta(weeks=back), back, by))
    cpd_hours = float(rng.choice((2, 4, 6, 8, 12, 16)))
    row.training.append(
        t.TrainingRecord(
            course=Course.REFRESHER.value,
            level=Level.FOUNDATION.value,
            provider="demo CPD day",
            completed_on=day - dt.timedelta(days=rng.randint(10, 150)),
            hours=cpd_hours,
            recorded_by=by.actor,
            recorded_at=by.now,
        )
    )
    if case_id is not None:
        for week in range(1, 9):
            worked = day - dt.timedelta(weeks=week, days=rng.randint(0, 4))
            uow.volunteers.add(_hours(row.id, case_id, worked, rng.choice((1.0, 2.0, 3.5)), by))
        _claims(uow, row.id, case_id, rng, by)


def _check(row: t.Facilitator, kind: CheckKind, granted: dt.date, by: Recording) -> None:
    row.checks.append(
        t.CheckRecord(kind=kind.value, granted_on=granted, recorded_by=by.actor, recorded_at=by.now)
    )


def _supervision(fid: str, held: dt.date, back: int, by: Recording) -> t.Supervision:
    kind = "individual" if back % 2 else "group"
    return t.Supervision(
        facilitator_id=fid,
        held_on=held,
        kind=kind,
        supervisor="coordinator",
        recorded_by=by.actor,
        recorded_at=by.now,
    )


def _hours(fid: str, case_id: str, worked: dt.date, hours: float, by: Recording) -> t.HoursEntry:
    return t.HoursEntry(
        facilitator_id=fid,
        case_id=case_id,
        worked_on=worked,
        hours=hours,
        activity="case",
        recorded_by=by.actor,
        recorded_at=by.now,
    )


def _claims(uow: UnitOfWork, fid: str, case_id: str, rng: random.Random, by: Recording) -> None:
    """Two mileage claims for the case: one paid, one waiting for a decision."""
    for status, back in (("paid", 30), ("submitted", 6)):
        miles = float(rng.randint(6, 40))
        claim = t.ExpenseClaim(
            facilitator_id=fid,
            case_id=case_id,
            incurred_on=by.today - dt.timedelta(days=back),
            kind="mileage",
            miles=miles,
            pence_per_mile=MILEAGE_PENCE,
            amount_pence=round(miles * MILEAGE_PENCE),
            description=uow.cipher.seal(f"home visits, case {case_id}"),
            status=status,
            submitted_by=by.actor,
            submitted_at=by.now,
        )
        if status == "paid":
            claim.decided_by, claim.decided_at = "coordinator", by.now
            claim.paid_by, claim.paid_at = "coordinator", by.now
        uow.expenses.add(claim)


def _pipeline(uow: UnitOfWork, people: Sequence[str], rng: random.Random, by: Recording) -> None:
    """A year's cohort of 25 trained (9 started, 5 left waiting, 11 still waiting for vetting)
    and this autumn's applicants and interviewees."""
    day = by.today
    starters = list(people[:COHORT_STARTED])
    for i in range(COHORT_TRAINED):
        applied = day - dt.timedelta(days=rng.randint(450, 540))  # all vetted before today
        interviewed = applied + dt.timedelta(days=rng.randint(7, 30))
        trained = interviewed + dt.timedelta(days=rng.randint(14, 45))
        submitted = trained + dt.timedelta(days=rng.randint(1, 10))
        stages = [
            (Stage.APPLICANT, applied),
            (Stage.INTERVIEWED, interviewed),
            (Stage.TRAINED, trained),
            (Stage.VETTING_SUBMITTED, submitted),
        ]
        fid = None
        if i < COHORT_STARTED:
            vetted = submitted + dt.timedelta(days=round(vetting_delay(rng)))
            stages += [(Stage.VETTED, vetted), (Stage.ACTIVE, vetted + dt.timedelta(days=7))]
            fid = starters[i] if i < len(starters) else None
            person = uow.facilitators.get(fid) if fid else None
            if person is not None:
                person.started_on = min(vetted + dt.timedelta(days=7), day)
        elif i < COHORT_STARTED + COHORT_LEFT_WAITING:
            stages.append((Stage.LEFT, submitted + dt.timedelta(days=rng.randint(90, 200))))
        _recruit(uow, f"A-{i + 1:02d}", [(s, min(d, day)) for s, d in stages], fid, by)
    for j in range(6):
        applied = day - dt.timedelta(days=rng.randint(10, 60))
        stages = [(Stage.APPLICANT, applied)]
        if j % 2:
            stages.append((Stage.INTERVIEWED, applied + dt.timedelta(days=7)))
        _recruit(uow, f"A-{COHORT_TRAINED + j + 1:02d}", stages, None, by)


def vetting_delay(rng: random.Random) -> float:
    """Days from vetting submitted to vetted, drawn from the demo's lognormal."""
    return rng.lognormvariate(0.0, VETTING_SIGMA) * VETTING_MEDIAN_DAYS


def _recruit(
    uow: UnitOfWork,
    rid: str,
    stages: list[tuple[Stage, dt.date]],
    fid: str | None,
    by: Recording,
) -> None:
    row = t.Recruit(
        id=rid,
        name=uow.cipher.seal(f"Applicant {rid}"),
        home_outcode=None,
        district=None,
        stage=stages[-1][0].value,
        facilitator_id=fid,
        created_at=by.now,
    )
    row.stages = [
        t.RecruitStage(
            stage=stage.value, reached_on=on, note=None, recorded_by=by.actor, recorded_at=by.now
        )
        for stage, on in stages
    ]
    uow.recruits.add(row)
