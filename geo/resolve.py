"""Fill in coordinates of records that give a place only as an outcode (done on import).

Every unknown place in a document is reported at once, each with its JSON pointer, so a
user fixes the file in one go.
"""

from __future__ import annotations

from typing import Final

from geo.gazetteer import Gazetteer, UnknownPlaceError
from models import Case, Facilitator, FieldError, Location, Problem, Referral

OUT_OF_AREA: Final = "out_of_area"


def resolve_problem(
    problem: Problem,
    gazetteer: Gazetteer,
    source: str = "problem",
    check_districts: bool = False,
) -> Problem:
    """The problem with lat/lon on every facilitator home and case location.

    Raises UnknownPlaceError naming e.g. `/facilitators/3/home/outcode` for each outcode the
    gazetteer does not know, and with `check_districts` each district it does not know.
    """
    errors: list[FieldError] = []
    facilitators = [
        _resolve_facilitator(f, i, gazetteer, errors, check_districts)
        for i, f in enumerate(problem.facilitators)
    ]
    cases = [
        _resolve_case(c, i, gazetteer, errors, check_districts) for i, c in enumerate(problem.cases)
    ]
    if errors:
        raise UnknownPlaceError(source, errors)
    return problem.model_copy(update={"facilitators": facilitators, "cases": cases})


def resolve_referral(
    referral: Referral,
    gazetteer: Gazetteer,
    source: str = "referral",
    check_district: bool = False,
) -> Referral:
    """The referral with lat/lon on its location; with `check_district`, its district must
    be one the gazetteer knows, or 'out_of_area'."""
    errors: list[FieldError] = []
    location = _resolve_location(referral.location, "/location", gazetteer, errors)
    if check_district and referral.district != OUT_OF_AREA:
        _check_district(referral.district, "/district", gazetteer, errors, OUT_OF_AREA)
    if errors:
        raise UnknownPlaceError(source, errors)
    return referral.model_copy(update={"location": location})


def _resolve_facilitator(
    facilitator: Facilitator,
    i: int,
    gazetteer: Gazetteer,
    errors: list[FieldError],
    check_district: bool,
) -> Facilitator:
    home = _resolve_location(facilitator.home, f"/facilitators/{i}/home", gazetteer, errors)
    if check_district and facilitator.district is not None:
        _check_district(facilitator.district, f"/facilitators/{i}/district", gazetteer, errors)
    return facilitator.model_copy(update={"home": home})


def _resolve_case(
    case: Case, i: int, gazetteer: Gazetteer, errors: list[FieldError], check_district: bool
) -> Case:
    location = _resolve_location(case.location, f"/cases/{i}/location", gazetteer, errors)
    if check_district and case.district is not None:
        _check_district(case.district, f"/cases/{i}/district", gazetteer, errors)
    return case.model_copy(update={"location": location})


def _resolve_location(
    location: Location, at: str, gazetteer: Gazetteer, errors: list[FieldError]
) -> Location:
    try:
        return gazetteer.resolve(location, pointer=f"{at}/outcode")
    except UnknownPlaceError as exc:
        errors.extend(exc.errors)
        return location


def _check_district(
    name: str, at: str, gazetteer: Gazetteer, errors: list[FieldError], *also: str
) -> None:
    try:
        gazetteer.district(name, pointer=at)
    except UnknownPlaceError as exc:
        extra = f" (or {', '.join(repr(a) for a in also)})" if also else ""
        errors.extend(FieldError(e.pointer, e.message + extra) for e in exc.errors)
