"""Places given only as outcodes get coordinates on import; unknown places are named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo import OUT_OF_AREA, UnknownPlaceError, default_gazetteer, resolve_problem, resolve_referral
from models import (
    Case,
    CaseType,
    Consent,
    CourtStatus,
    Facilitator,
    InputError,
    Location,
    Organisation,
    Problem,
    Referral,
    Referrer,
    Route,
    Youth,
    parse_document,
    parse_list,
)
from models.documents import read_json


def a_facilitator(fid: str = "F1", home: Location | None = None, **kw: object) -> Facilitator:
    return Facilitator.model_validate(
        {
            "id": fid,
            "home": home or Location(outcode="CM1"),
            "weekly_hours": 6,
            "max_cases": 2,
            "vetting_expires": dt.date(2027, 5, 1),
            **kw,
        }
    )


def a_case(cid: str = "C1", location: Location | None = None, **kw: object) -> Case:
    return Case.model_validate(
        {"id": cid, "location": location or Location(outcode="CO1"), "hours": 19, **kw}
    )


def a_problem(facilitators: list[Facilitator], cases: list[Case]) -> Problem:
    return Problem(as_of=dt.date(2026, 11, 23), facilitators=facilitators, cases=cases)


def a_referral(location: Location, district: str = "Colchester") -> Referral:
    return Referral(
        id="R1",
        received=dt.date(2026, 11, 20),
        referrer=Referrer(organisation=Organisation.POLICE),
        route=Route.COMMUNITY_RESOLUTION,
        case_type=CaseType.LOW_LEVEL_CRIME,
        court=CourtStatus.NONE,
        youth=Youth(under_18=False, youth_justice=False),
        consent=Consent(victim=True, perpetrator=True),
        responsibility_accepted=True,
        restorative_element=True,
        district=district,
        location=location,
    )


def test_homes_and_case_locations_given_as_outcodes_get_their_centroids() -> None:
    gazetteer = default_gazetteer()
    problem = a_problem([a_facilitator(home=Location(outcode="ss1"))], [a_case()])
    resolved = resolve_problem(problem, gazetteer)
    ss1, co1 = gazetteer.outcode("SS1"), gazetteer.outcode("CO1")
    assert resolved.facilitators[0].home.point() == (ss1.lat, ss1.lon)
    assert resolved.cases[0].location.point() == (co1.lat, co1.lon)
    assert resolved.facilitators[0].home.outcode == "ss1"  # what the user wrote is kept


def test_coordinates_already_given_are_left_alone() -> None:
    home = Location(lat=51.6, lon=0.5, outcode="CO1")
    problem = a_problem([a_facilitator(home=home)], [a_case(location=Location(lat=51.7, lon=0.4))])
    resolved = resolve_problem(problem, default_gazetteer())
    assert resolved.facilitators[0].home == home
    assert resolved.cases[0].location.point() == (51.7, 0.4)


def test_every_unknown_outcode_is_named_by_its_json_pointer_at_once() -> None:
    facilitators = [a_facilitator(f"F{i}") for i in range(3)]
    facilitators.append(a_facilitator("F3", home=Location(outcode="CM55")))
    problem = a_problem(facilitators, [a_case(location=Location(outcode="ZZ9"))])
    with pytest.raises(UnknownPlaceError) as caught:
        resolve_problem(problem, default_gazetteer(), source="morning.json")
    assert caught.value.source == "morning.json"
    pointers = [e.pointer for e in caught.value.errors]
    assert pointers == ["/facilitators/3/home/outcode", "/cases/0/location/outcode"]
    assert "CM5" in caught.value.errors[0].message  # a known outcode to choose instead


def test_districts_are_checked_only_when_asked() -> None:
    problem = a_problem([a_facilitator(district="Chelmsfordshire")], [a_case(district="Tendring")])
    assert resolve_problem(problem, default_gazetteer()).facilitators[0].home.resolved
    with pytest.raises(UnknownPlaceError) as caught:
        resolve_problem(problem, default_gazetteer(), check_districts=True)
    assert [e.pointer for e in caught.value.errors] == ["/facilitators/0/district"]


def test_a_referral_location_gets_coordinates() -> None:
    referral = resolve_referral(a_referral(Location(outcode="CO15")), default_gazetteer())
    co15 = default_gazetteer().outcode("CO15")
    assert referral.location.point() == (co15.lat, co15.lon)


def test_a_referral_from_out_of_area_passes_the_district_check() -> None:
    referral = a_referral(Location(lat=52.6, lon=1.3), district=OUT_OF_AREA)
    assert resolve_referral(referral, default_gazetteer(), check_district=True) == referral


def test_a_referral_with_an_unknown_district_and_outcode_names_both() -> None:
    referral = a_referral(Location(outcode="XX1"), district="Essexshire")
    with pytest.raises(UnknownPlaceError) as caught:
        resolve_referral(referral, default_gazetteer(), source="ref.json", check_district=True)
    errors = {e.pointer: e.message for e in caught.value.errors}
    assert set(errors) == {"/location/outcode", "/district"}
    assert "'out_of_area'" in errors["/district"]


def test_an_unknown_place_is_an_input_error_the_cli_reports() -> None:
    assert issubclass(UnknownPlaceError, InputError)


def test_the_example_documents_resolve_with_their_districts_checked() -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    gazetteer = default_gazetteer()
    problem = parse_document(read_json(fixtures / "problem-tiny.json"), Problem)
    resolved = resolve_problem(problem, gazetteer, check_districts=True)
    assert all(f.home.resolved for f in resolved.facilitators)
    assert all(c.location.resolved for c in resolved.cases)
    for referral in parse_list(read_json(fixtures / "referrals.json"), Referral):
        assert resolve_referral(referral, gazetteer, check_district=True).location.resolved
        assert all(gazetteer.prison(name) for name in referral.prisons)
