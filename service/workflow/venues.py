"""The registers of places meetings are held: neutral venues (created, changed, imported from
CSV all-or-nothing, read) and the prisons the service visits (seeded by migration 0010 from the
gazetteer, then changed by staff); and both as the meetings planner sees them.

A venue is placed by its postcode's outward code, which the gazetteer must know; its district
is the one named (checked) or the outcode's. The booking contact is a person's details: sealed
at rest, given only when one venue is read, and that read audited. Every change is audited."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import ValidationError

from geo import Gazetteer
from geo.gazetteer import outward_code
from models import FieldError, InputError, Location
from models.documents import field_errors
from models.meetings import Access, MeetingPrison, MeetingVenue, Room
from models.values import TYPED_AS_TEXT
from service.errors import ConflictError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.audit import diff, read_personal
from service.workflow.auth import Principal
from service.workflow.csv_import import rows
from service.workflow.schemas.venues import (
    PlacesOut,
    PrisonIn,
    PrisonOut,
    RoomIn,
    VenueImportReport,
    VenueIn,
    VenueOut,
)

VENUE = "venue"
PRISON = "prison"
VENUE_COLUMNS = (
    "id",
    "name",
    "address",
    "postcode",
    "district",
    "rooms",
    "step_free",
    "hearing_loop",
    "high_risk_suitable",
    "opening",
    "neutral_for",
    "risk_notes",
    "contact",
    "active",
)
REQUIRED = {"id", "name", "postcode", "rooms"}


# --- venues ---------------------------------------------------------------------------------


def create(uow: UnitOfWork, who: Principal, data: VenueIn, gaz: Gazetteer) -> VenueOut:
    """Register a venue (409 when the id is taken)."""
    if uow.places.venue(data.id) is not None:
        raise ConflictError("/body/id", f"venue {data.id!r} exists; choose another id")
    row = _new_row(uow, who, data, gaz, "/body")
    uow.places.add(row)
    uow.audit.record(who.username, "create", VENUE, row.id, _audited(data))
    uow.commit()
    return view(uow, row, with_contact=False)


def replace(
    uow: UnitOfWork, who: Principal, venue_id: str, data: VenueIn, gaz: Gazetteer
) -> VenueOut:
    """Change every field of a venue (its id stays); audited as the fields that changed."""
    row = existing_venue(uow, venue_id)
    if data.id != venue_id:
        raise InputError.single(VENUE, "/body/id", f"the id is {venue_id!r}; it cannot change")
    old = _as_in(uow, row)
    fresh = _new_row(uow, who, data, gaz, "/body")
    for column in t.VenueRecord.__table__.columns:
        if column.key not in ("id", "version"):
            setattr(row, column.key, getattr(fresh, column.key))
    row.version += 1
    changes = diff(_audited(old), _audited(_as_in(uow, row)))
    if old.contact != data.contact:
        changes["contact"] = {"changed": True}
    uow.audit.record(who.username, "update", VENUE, venue_id, changes)
    uow.commit()
    return view(uow, row, with_contact=False)


def get(uow: UnitOfWork, who: Principal, venue_id: str) -> VenueOut:
    """One venue with its booking contact; the read of the contact is audited."""
    row = existing_venue(uow, venue_id)
    found = view(uow, row, with_contact=True)
    if row.contact is not None:
        read_personal(uow, who, VENUE, venue_id, ["contact"])
        uow.commit()
    return found


def listing(uow: UnitOfWork, active_only: bool) -> list[VenueOut]:
    """Every venue, by id, without the booking contacts."""
    return [view(uow, r, with_contact=False) for r in uow.places.venues(active_only)]


def import_venues(uow: UnitOfWork, who: Principal, text: str, gaz: Gazetteer) -> VenueImportReport:
    """Register every venue of the CSV, or none when any row is bad (every error listed)."""
    source = "venues.csv"
    errors: list[FieldError] = []
    parsed: list[tuple[int, t.VenueRecord]] = []
    for line, row in rows(text, REQUIRED, source):
        try:
            item = VenueIn.model_validate(_venue_fields(row, line), context=TYPED_AS_TEXT)
            parsed.append((line, _new_row(uow, who, item, gaz, f"/rows/{line}")))
        except ValidationError as exc:
            errors += [FieldError(f"/rows/{line}{e.pointer}", e.message) for e in field_errors(exc)]
        except InputError as exc:
            errors += exc.errors
    errors += _duplicates(uow, [(line, v.id) for line, v in parsed])
    if errors:
        raise InputError(source, errors)
    for _, venue in parsed:
        uow.places.add(venue)
        uow.audit.record(who.username, "import", VENUE, venue.id, {"id": venue.id})
    uow.commit()
    ids = [v.id for _, v in parsed]
    return VenueImportReport(created=len(ids), ids=ids)


def _venue_fields(row: dict[str, str], line: int) -> dict[str, Any]:
    """A CSV row as a VenueIn body: rooms `id:capacity[:pounds]` and neutral_for separated by
    `;`, opening `mon=morning+afternoon;wed=evening`; empty cells take the defaults."""
    data: dict[str, Any] = {k: row.get(k) for k in ("id", "name", "postcode")}
    for key in ("address", "risk_notes"):
        data[key] = row.get(key, "")
    for key in ("district", "contact"):
        data[key] = row.get(key) or None
    for flag in ("step_free", "hearing_loop", "high_risk_suitable", "active"):
        if row.get(flag):
            data[flag] = row[flag]
    data["rooms"] = [_room(part) for part in _parts(row.get("rooms", ""))]
    data["neutral_for"] = _parts(row.get("neutral_for", ""))
    if row.get("opening"):
        data["opening"] = _opening(row["opening"], line)
    return data


def _parts(cell: str) -> list[str]:
    return [p.strip() for p in cell.split(";") if p.strip()]


def _room(part: str) -> dict[str, str]:
    bits = [b.strip() for b in part.split(":")]
    room = {"id": bits[0], "capacity": bits[1] if len(bits) > 1 else ""}
    if len(bits) > 2:
        room["cost_pounds"] = bits[2]
    return room


def _opening(cell: str, line: int) -> dict[str, list[str]]:
    opening: dict[str, list[str]] = {}
    for part in _parts(cell):
        day, sep, sessions = part.partition("=")
        if not sep:
            msg = f"{part!r}: write each day as day=sessions, e.g. mon=morning+afternoon"
            raise InputError.single("venues.csv", f"/rows/{line}/opening", msg)
        opening[day.strip().lower()] = [s.strip() for s in sessions.split("+") if s.strip()]
    return opening


def _duplicates(uow: UnitOfWork, ids: list[tuple[int, str]]) -> list[FieldError]:
    counts = Counter(i for _, i in ids)
    taken = uow.places.venue_ids_taken(i for _, i in ids)
    errors = []
    for line, vid in ids:
        if counts[vid] > 1:
            errors.append(FieldError(f"/rows/{line}/id", f"id {vid!r} is in the file twice"))
        elif vid in taken:
            errors.append(FieldError(f"/rows/{line}/id", f"venue {vid!r} already exists"))
    return errors


def _new_row(
    uow: UnitOfWork, who: Principal, data: VenueIn, gaz: Gazetteer, at: str
) -> t.VenueRecord:
    """A venue row placed by the gazetteer (UnknownPlaceError naming `at`/postcode)."""
    outcode = gaz.outcode(outward_code(data.postcode), VENUE, f"{at}/postcode")
    district = outcode.district
    if data.district is not None:
        district = gaz.district(data.district, VENUE, f"{at}/district").name
    return t.VenueRecord(
        id=data.id,
        name=data.name,
        address=data.address,
        postcode=data.postcode.upper(),
        district=district,
        lat=outcode.lat,
        lon=outcode.lon,
        rooms=[r.model_dump(mode="json") for r in data.rooms],
        step_free=data.step_free,
        hearing_loop=data.hearing_loop,
        high_risk_suitable=data.high_risk_suitable,
        opening={day.value: [s.value for s in ss] for day, ss in data.opening.items()},
        neutral_for=list(data.neutral_for),
        risk_notes=data.risk_notes,
        contact=uow.cipher.seal_optional(data.contact),
        active=data.active,
        version=1,
        updated_at=uow.clock.now(),
        updated_by=who.username,
    )


def _as_in(uow: UnitOfWork, row: t.VenueRecord) -> VenueIn:
    return VenueIn.model_validate(
        {
            **{k: getattr(row, k) for k in VENUE_COLUMNS if k != "contact"},
            "contact": uow.cipher.open_optional(row.contact),
        }
    )


def _audited(data: VenueIn) -> dict[str, Any]:
    values = data.model_dump(mode="json")
    values["contact"] = "<personal>" if data.contact else None
    return values


def view(uow: UnitOfWork, row: t.VenueRecord, with_contact: bool) -> VenueOut:
    """A stored venue as a body; its contact opened only when asked for."""
    contact = uow.cipher.open_optional(row.contact) if with_contact else None
    return VenueOut.model_validate(
        {
            **{k: getattr(row, k) for k in VENUE_COLUMNS if k != "contact"},
            "contact": contact,
            "lat": row.lat,
            "lon": row.lon,
            "version": row.version,
            "updated_at": row.updated_at,
            "updated_by": row.updated_by,
        }
    )


def existing_venue(uow: UnitOfWork, venue_id: str) -> t.VenueRecord:
    """The venue, or 404 naming the path."""
    row = uow.places.venue(venue_id)
    if row is None:
        raise NotFoundError(VENUE, venue_id, "/path/venue_id")
    return row


def register(uow: UnitOfWork) -> PlacesOut:
    """The venues (without contacts) and the prisons, as the register page shows them."""
    return PlacesOut(venues=listing(uow, active_only=False), prisons=prisons(uow))


# --- prisons --------------------------------------------------------------------------------


def prisons(uow: UnitOfWork) -> list[PrisonOut]:
    """Every prison of the register, by name."""
    return [PrisonOut.model_validate(p) for p in uow.places.prisons()]


def prison(uow: UnitOfWork, name: str) -> PrisonOut:
    """One prison's visit arrangements."""
    return PrisonOut.model_validate(existing_prison(uow, name))


def change_prison(uow: UnitOfWork, who: Principal, name: str, data: PrisonIn) -> PrisonOut:
    """Change a prison's sessions, lead time, clearance, visitor rules or whether it is
    visited; audited as the fields that changed."""
    row = existing_prison(uow, name)
    before = PrisonIn.model_validate(row).model_dump(mode="json")
    after = data.model_dump(mode="json")
    for key, value in after.items():
        setattr(row, key, value)
    row.version += 1
    row.updated_at, row.updated_by = uow.clock.now(), who.username
    uow.audit.record(who.username, "update", PRISON, name, diff(before, after))
    uow.commit()
    return PrisonOut.model_validate(row)


def existing_prison(uow: UnitOfWork, name: str) -> t.PrisonRecord:
    """The prison, or 404 naming the path."""
    row = uow.places.prison(name)
    if row is None:
        raise NotFoundError(PRISON, name, "/path/name")
    return row


# --- as the meetings planner sees them ------------------------------------------------------


def meeting_venues(uow: UnitOfWork) -> list[MeetingVenue]:
    """Every venue still booked, as the meetings planner takes it."""
    return [
        MeetingVenue(
            id=row.id,
            name=row.name,
            location=Location(lat=row.lat, lon=row.lon, outcode=outward_code(row.postcode)),
            rooms=[_planner_room(RoomIn.model_validate(r)) for r in row.rooms],
            features=_features(row),
            high_risk_suitable=row.high_risk_suitable,
            opening=row.opening,
            neutral_for=frozenset(row.neutral_for),
        )
        for row in uow.places.venues(active_only=True)
    ]


def _planner_room(room: RoomIn) -> Room:
    return Room(id=room.id, capacity=room.capacity, cost=room.cost_pounds)


def _features(row: t.VenueRecord) -> frozenset[Access]:
    have = {Access.STEP_FREE: row.step_free, Access.HEARING_LOOP: row.hearing_loop}
    return frozenset(a for a, yes in have.items() if yes)


def meeting_prisons(uow: UnitOfWork) -> list[MeetingPrison]:
    """Every prison still visited, as the meetings planner takes it."""
    return [
        MeetingPrison(
            name=row.name,
            location=Location(lat=row.lat, lon=row.lon),
            sessions=row.sessions,
            visitors_per_session=row.visitors_per_session,
            lead_time_working_days=row.lead_time_working_days,
        )
        for row in uow.places.prisons(active_only=True)
    ]
