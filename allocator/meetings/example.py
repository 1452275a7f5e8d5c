"""Realistic example data for Essex: venues, prisons and a meetings problem, from a seed.

Venues start from the gazetteer's example venues (police stations, community centres, council
and probation offices, libraries), with rooms, costs, access features and opening sessions
typical of each kind; more are added around district centres when asked for. Prisons are the
gazetteer's prisons nearest Chelmsford with typical professional-visit sessions. All of it is
synthetic: no real booking data, and no person's name anywhere.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Final

from geo import default_gazetteer, haversine_km
from models.common import DateWindow, Location
from models.meetings import (
    Access,
    Booking,
    MeetingPrison,
    MeetingVenue,
    Opening,
    Room,
    Session,
    Weekday,
)

WEEKDAYS: Final = (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)
DAY: Final = [Session.MORNING, Session.AFTERNOON]
ALL: Final = [Session.MORNING, Session.AFTERNOON, Session.EVENING]
CHELMSFORD: Final = (51.7356, 0.4685)


def _opening(kind: str, rng: random.Random) -> Opening:
    if kind in ("police_station", "probation_office", "council_office"):
        return {d: list(DAY) for d in WEEKDAYS}
    if kind == "library_meeting_room":
        return {**{d: list(DAY) for d in WEEKDAYS}, Weekday.SAT: [Session.MORNING]}
    opening: Opening = {d: list(ALL) for d in WEEKDAYS}
    opening[Weekday.SAT] = list(DAY)
    if rng.random() < 0.3:
        opening[Weekday.SUN] = [Session.AFTERNOON]
    return opening


def _rooms(kind: str, rng: random.Random) -> list[Room]:
    partner = kind in ("police_station", "probation_office", "council_office")
    count = rng.choice((1, 2, 2, 3))
    return [
        Room(
            id=f"R{i + 1}",
            capacity=rng.choice((6, 8, 10, 12) if partner else (8, 12, 16, 24, 30)),
            cost=0.0 if partner else float(rng.choice((15, 20, 25, 30, 40, 50))),
        )
        for i in range(count)
    ]


def _features(kind: str, rng: random.Random) -> frozenset[Access]:
    found = {Access.STEP_FREE} if kind != "library_meeting_room" or rng.random() < 0.5 else set()
    if rng.random() < 0.6:
        found.add(Access.ACCESSIBLE_TOILET)
    if rng.random() < 0.4:
        found.add(Access.HEARING_LOOP)
    if kind in ("police_station", "probation_office") or rng.random() < 0.3:
        found.add(Access.QUIET_ROOM)
    return frozenset(found)


def example_venues(
    count: int = 30, seed: int = 0, as_of: dt.date | None = None
) -> list[MeetingVenue]:
    """`count` Essex venues: the gazetteer's examples first, then village halls near towns."""
    rng = random.Random(seed)
    day0 = as_of or dt.date(2026, 11, 23)
    gaz = default_gazetteer()
    base = [(v.id, v.name, v.venue_type, v.lat, v.lon) for v in gaz.venues.values()]
    districts = list(gaz.districts.values())
    for i in range(max(0, count - len(base))):
        d = districts[i % len(districts)]
        town = d.main_towns[i // len(districts) % len(d.main_towns)] if d.main_towns else d.name
        lat, lon = d.lat + rng.uniform(-0.05, 0.05), d.lon + rng.uniform(-0.07, 0.07)
        base.append(
            (f"VH{i + 1:02d}", f"EXAMPLE Village Hall - {town}", "community_centre", lat, lon)
        )
    return [_venue(row, rng, day0) for row in base[:count]]


def _venue(
    row: tuple[str, str, str, float, float], rng: random.Random, day0: dt.date
) -> MeetingVenue:
    vid, name, kind, lat, lon = row
    rooms = _rooms(kind, rng)
    blackout = []
    if rng.random() < 0.3:
        start = day0 + dt.timedelta(days=rng.randint(3, 35))
        blackout.append(DateWindow(start=start, end=start + dt.timedelta(days=rng.randint(0, 4))))
    bookings = [
        Booking(
            date=day0 + dt.timedelta(days=rng.randint(1, 42)),
            session=rng.choice(DAY),
            room=rng.choice(rooms).id,
        )
        for _ in range(rng.randint(0, 6))
    ]
    return MeetingVenue(
        id=vid,
        name=name,
        location=Location(lat=lat, lon=lon),
        rooms=rooms,
        features=_features(kind, rng),
        opening=_opening(kind, rng),
        blackout=blackout,
        high_risk_suitable=kind in ("police_station", "probation_office"),
        bookings=bookings,
    )


def example_prisons(count: int = 6, seed: int = 0) -> list[MeetingPrison]:
    """The `count` gazetteer prisons nearest Chelmsford, with typical visit arrangements."""
    rng = random.Random(seed)
    gaz = default_gazetteer()
    near = sorted(gaz.prisons.values(), key=lambda p: haversine_km(CHELMSFORD, (p.lat, p.lon)))
    found = []
    for prison in near[:count]:
        days = rng.sample(WEEKDAYS, rng.choice((2, 3, 4)))
        found.append(
            MeetingPrison(
                name=prison.name,
                location=Location(lat=prison.lat, lon=prison.lon),
                sessions={d: list(DAY) if rng.random() < 0.6 else [Session.MORNING] for d in days},
                visitors_per_session=rng.choice((4, 6, 8)),
                lead_time_working_days=rng.choice((5, 10, 10, 15)),
            )
        )
    return found
