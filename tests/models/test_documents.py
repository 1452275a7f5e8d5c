"""The interchange formats: what is accepted, and how errors name their field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models import (
    DocumentError,
    Problem,
    Referral,
    Skill,
    load_document,
    parse_document,
)

SHARED = Path(__file__).resolve().parents[1] / "fixtures"


def a_problem(**overrides: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "format": "rjplan.problem/1",
        "as_of": "2026-11-23",
        "facilitators": [
            {
                "id": "F1",
                "home": {"lat": 51.7, "lon": 0.47},
                "skills": ["mediation"],
                "weekly_hours": 6,
                "max_cases": 2,
                "vetting_expires": "2027-05-01",
            }
        ],
        "cases": [{"id": "C1", "location": {"outcode": "CM1"}, "hours": 19}],
    }
    doc.update(overrides)
    return doc


def pointers(exc: DocumentError) -> list[str]:
    return [e.pointer for e in exc.errors]


def test_a_minimal_problem_takes_the_documented_defaults() -> None:
    problem = parse_document(a_problem(), Problem)
    assert problem.horizon_weeks == 6
    assert problem.start_within_days == 7
    assert problem.cases[0].priority == 1
    assert problem.facilitators[0].skills == frozenset({Skill.MEDIATION})


def test_unknown_fields_are_ignored() -> None:
    problem = parse_document(a_problem(colour="blue"), Problem)
    assert not hasattr(problem, "colour")


def test_a_wrong_type_is_named_by_its_json_pointer() -> None:
    doc = a_problem()
    doc["facilitators"][0]["weekly_hours"] = "lots"  # type: ignore[index]
    with pytest.raises(DocumentError) as caught:
        parse_document(doc, Problem, "p.json")
    assert pointers(caught.value) == ["/facilitators/0/weekly_hours"]
    assert caught.value.source == "p.json"


def test_a_missing_required_field_says_so() -> None:
    doc = a_problem()
    del doc["facilitators"][0]["vetting_expires"]  # type: ignore[index]
    with pytest.raises(DocumentError) as caught:
        parse_document(doc, Problem)
    assert pointers(caught.value) == ["/facilitators/0/vetting_expires"]
    assert "missing" in caught.value.errors[0].message


def test_an_unknown_skill_is_refused() -> None:
    doc = a_problem()
    doc["facilitators"][0]["skills"] = ["juggling"]  # type: ignore[index]
    with pytest.raises(DocumentError) as caught:
        parse_document(doc, Problem)
    assert pointers(caught.value)[0].startswith("/facilitators/0/skills")


def test_an_absence_that_ends_before_it_starts_is_refused() -> None:
    doc = a_problem()
    doc["facilitators"][0]["unavailable"] = [{"start": "2026-12-10", "end": "2026-12-01"}]  # type: ignore[index]
    with pytest.raises(DocumentError) as caught:
        parse_document(doc, Problem)
    assert pointers(caught.value) == ["/facilitators/0/unavailable/0"]
    assert "swap" in caught.value.errors[0].message


def test_negative_hours_are_refused() -> None:
    doc = a_problem(cases=[{"id": "C1", "location": {"outcode": "CM1"}, "hours": -3}])
    with pytest.raises(DocumentError) as caught:
        parse_document(doc, Problem)
    assert pointers(caught.value) == ["/cases/0/hours"]


def test_duplicate_ids_name_the_second_record() -> None:
    case = {"id": "C1", "location": {"outcode": "CM1"}, "hours": 19}
    with pytest.raises(DocumentError) as caught:
        parse_document(a_problem(cases=[case, case]), Problem)
    assert pointers(caught.value) == ["/cases/1/id"]


def test_a_case_naming_an_unknown_facilitator_is_refused() -> None:
    case = {"id": "C1", "location": {"outcode": "CM1"}, "hours": 19, "current": ["F9"]}
    with pytest.raises(DocumentError) as caught:
        parse_document(a_problem(cases=[case]), Problem)
    assert pointers(caught.value) == ["/cases/0/current"]
    assert "F9" in caught.value.errors[0].message


def test_a_pinned_case_needs_its_pair() -> None:
    case = {"id": "C1", "location": {"outcode": "CM1"}, "hours": 19, "pinned": True}
    with pytest.raises(DocumentError) as caught:
        parse_document(a_problem(cases=[case]), Problem)
    assert pointers(caught.value) == ["/cases/0"]


def test_a_location_needs_coordinates_or_an_outcode() -> None:
    case = {"id": "C1", "location": {}, "hours": 19}
    with pytest.raises(DocumentError) as caught:
        parse_document(a_problem(cases=[case]), Problem)
    assert pointers(caught.value) == ["/cases/0/location"]


def test_a_referral_needs_consent_stated_even_when_unknown() -> None:
    referrals = json.loads((SHARED / "referrals.json").read_text())
    doc = dict(referrals[0])
    del doc["consent"]
    with pytest.raises(DocumentError) as caught:
        parse_document(doc, Referral)
    assert pointers(caught.value) == ["/consent"]


def test_the_shared_examples_load(tmp_path: Path) -> None:
    problem = load_document(SHARED / "problem-tiny.json")
    assert isinstance(problem, Problem)
    referrals = load_document(SHARED / "referrals.json")
    assert isinstance(referrals, list)
    assert all(isinstance(r, Referral) for r in referrals)


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "rjplan.problem/1",\n "as_of": }')
    with pytest.raises(DocumentError) as caught:
        load_document(bad)
    assert "line 2" in caught.value.errors[0].message


def test_an_unknown_format_is_named(tmp_path: Path) -> None:
    doc = tmp_path / "doc.json"
    doc.write_text('{"format": "rjplan.timetable/9"}')
    with pytest.raises(DocumentError) as caught:
        load_document(doc)
    assert pointers(caught.value) == ["/format"]
    assert "rjplan.problem/1" in caught.value.errors[0].message
