"""Formats rjplan.meetings-problem/1 and rjplan.meetings/1: defaults and errors by field."""

from __future__ import annotations

from typing import Any

import pytest

from models import DocumentError, MeetingsProblem, parse_document


def a_problem(**over: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "rjplan.meetings-problem/1",
        "as_of": "2026-11-23",
        "facilitators": [
            {"id": "F1", "home": {"outcode": "CM1"}},
            {"id": "F2", "home": {"lat": 51.7, "lon": 0.5}},
        ],
        "cases": [
            {
                "id": "C1",
                "facilitators": ["F1", "F2"],
                "victim": {"home": {"outcode": "CM2"}},
                "harmer": {"home": {"outcode": "CM3"}, "prison": "HMP Example"},
            }
        ],
        "prisons": [{"name": "HMP Example", "location": {"lat": 51.73, "lon": 0.49}}],
    }
    return doc | over


def test_a_minimal_problem_takes_the_documented_defaults() -> None:
    problem = parse_document(a_problem(), MeetingsProblem)
    assert problem.horizon_weeks == 6
    assert problem.max_meetings_per_day == 2
    assert problem.prep_days_before == 1
    assert problem.cases[0].meeting == "conference"
    assert problem.prisons[0].lead_time_working_days == 10


def test_a_pair_naming_an_unknown_facilitator_is_refused_at_its_field() -> None:
    doc = a_problem()
    doc["cases"][0]["facilitators"] = ["F1", "F9"]
    with pytest.raises(DocumentError) as caught:
        parse_document(doc, MeetingsProblem)
    assert caught.value.errors[0].pointer == "/cases/0/facilitators"
    assert "F9" in caught.value.errors[0].message


def test_a_party_in_an_unknown_prison_is_refused_at_its_field() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_document(a_problem(prisons=[]), MeetingsProblem)
    assert caught.value.errors[0].pointer == "/cases/0/harmer/prison"


def test_an_unknown_session_is_refused() -> None:
    venue = {
        "id": "V1",
        "name": "hall",
        "location": {"outcode": "CM1"},
        "opening": {"mon": ["night"]},
    }
    with pytest.raises(DocumentError) as caught:
        parse_document(a_problem(venues=[venue]), MeetingsProblem)
    assert caught.value.errors[0].pointer.startswith("/venues/0/opening/mon")
