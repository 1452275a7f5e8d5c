"""Where a case's parties live, for the meetings planner: the postcode in their own address in
the case file (sealed; opening it is a read of personal details, audited by the caller), placed
by the gazetteer; where a case has no such party yet, or their address holds no postcode the
gazetteer knows, the case's location stands in, and the plan says so."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from geo import Gazetteer
from geo.gazetteer import UnknownPlaceError
from models import Location
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.schemas.casefile import PartyDetails

POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][0-9A-Z]?) ?[0-9][A-Z]{2}\b", re.IGNORECASE)
ROLES = {"harmed": "victim", "responsible": "harmer"}
"""The case file's party roles as the meetings planner names them."""
Source = Literal["party", "case"]


@dataclass
class PartyPlaces:
    """Each case's parties' homes by planner role, where each came from, and the parties read."""

    homes: dict[str, dict[str, Location]] = field(default_factory=dict)
    sources: dict[str, dict[str, Source]] = field(default_factory=dict)
    read: list[int] = field(default_factory=list)


def address_outcode(address: str) -> str | None:
    """The outward code of the first full postcode in an address, e.g. 'CO1' of '... CO1 1AA'."""
    found = POSTCODE.search(address)
    return found.group(1).upper() if found else None


def party_places(uow: UnitOfWork, case_ids: Iterable[str], gaz: Gazetteer) -> PartyPlaces:
    """For each case, the first harmed and first responsible party whose address places them."""
    wanted = sorted(set(case_ids))
    places = PartyPlaces(sources={cid: {"victim": "case", "harmer": "case"} for cid in wanted})
    for row in uow.casefile.of_cases(t.Party, wanted):
        role = ROLES.get(row.role)
        if role is None or row.details is None or row.erased_on is not None:
            continue
        if places.sources[row.case_id][role] == "party":
            continue
        places.read.append(row.id)
        home = _home(PartyDetails.model_validate(uow.cipher.open_json(row.details)), gaz)
        if home is not None:
            places.homes.setdefault(row.case_id, {})[role] = home
            places.sources[row.case_id][role] = "party"
    return places


def _home(details: PartyDetails, gaz: Gazetteer) -> Location | None:
    code = address_outcode(details.address)
    if code is None:
        return None
    try:
        found = gaz.outcode(code)
    except UnknownPlaceError:
        return None
    return Location(lat=found.lat, lon=found.lon, outcode=found.code)
