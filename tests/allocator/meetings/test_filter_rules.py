"""Each filter rule (where and when one meeting may be) bites alone in a tiny problem."""

from __future__ import annotations

import datetime as dt

from allocator.meetings.rules import Context
from allocator.meetings.solve import meeting_options
from tests.allocator.meetings.builders import (
    a_case,
    a_facilitator,
    a_party,
    a_prison,
    a_problem,
    a_venue,
    candidates_of,
)


def reason_of(problem: object, meeting_id: str) -> tuple[str, str]:
    options = {o.meeting.id: o for o in meeting_options(Context.of(problem))}  # type: ignore[arg-type]
    reason = options[meeting_id].reason
    assert reason is not None
    return reason.rule, reason.text


def test_both_facilitators_must_be_free_so_an_absence_removes_those_days() -> None:
    absent = {"start": "2026-11-24", "end": "2026-11-26"}
    problem = a_problem(
        facilitators=[a_facilitator("F1"), a_facilitator("F2", unavailable=[absent])]
    )
    days = {c.slot.date for c in candidates_of(problem, "C1/prep-victim")}
    assert min(days, default=None) == dt.date(2026, 11, 27)


def test_a_weekday_daytime_pair_is_never_offered_an_evening() -> None:
    sessions = {c.slot.session.value for c in candidates_of(a_problem(), "C1/prep-victim")}
    assert sessions == {"morning", "afternoon"}


def test_facilitators_never_free_together_are_named() -> None:
    evenings = a_facilitator("F2", availability=["weekday_evening"])
    problem = a_problem(facilitators=[a_facilitator("F1"), evenings])
    assert reason_of(problem, "C1/prep-victim")[0] == "M4"


def test_a_party_with_no_availability_is_named_and_the_rest_is_planned() -> None:
    case = a_case(victim=a_party(availability=[]))
    rule, text = reason_of(a_problem(cases=[case]), "C1/prep-victim")
    assert rule == "M5"
    assert "victim" in text
    assert candidates_of(a_problem(cases=[case]), "C1/prep-harmer")


def test_prison_visits_need_two_cleared_facilitators() -> None:
    uncleared = a_facilitator("F2", skills=["mediation"])
    case = a_case(harmer=a_party(prison="HMP Example"))
    problem = a_problem(facilitators=[a_facilitator("F1"), uncleared], cases=[case])
    assert reason_of(problem, "C1/prep-harmer")[0] == "M6"


def test_prison_visits_fall_in_visit_sessions_after_the_lead_time() -> None:
    case = a_case(harmer=a_party(prison="HMP Example"))
    found = candidates_of(a_problem(cases=[case]), "C1/prep-harmer")
    # 5 full working days after Monday 23 Nov (Tue 24 .. Mon 30): Tuesday 1 December
    assert min(c.slot.date for c in found) == dt.date(2026, 12, 1)
    assert {(c.slot.date.weekday(), c.slot.session.value) for c in found} <= {
        (1, "morning"),
        (3, "morning"),
        (3, "afternoon"),
    }


def test_a_lead_time_longer_than_the_horizon_is_named_in_words() -> None:
    case = a_case(harmer=a_party(prison="HMP Example"))
    problem = a_problem(cases=[case], prisons=[a_prison(lead_time_working_days=30)])
    rule, text = reason_of(problem, "C1/prep-harmer")
    assert rule == "M6"
    assert "30-working-day lead time" in text
    assert "HMP Example" in text


def test_a_venue_is_used_only_in_its_opening_sessions_and_not_on_blackout_days() -> None:
    venue = a_venue(
        opening={"wed": ["afternoon"]}, blackout=[{"start": "2026-11-25", "end": "2026-11-25"}]
    )
    found = candidates_of(a_problem(venues=[venue]), "C1/conference")
    assert {(c.slot.date, c.slot.session.value) for c in found} == {
        (dt.date(2026, 12, 2), "afternoon")
    }


def test_a_venue_with_no_sessions_leaves_the_conference_unplaced_with_a_reason() -> None:
    rule, text = reason_of(a_problem(venues=[a_venue(opening={})]), "C1/conference")
    assert rule == "M7"
    assert "open" in text


def test_an_existing_booking_takes_the_room() -> None:
    booked = a_venue(bookings=[{"date": "2026-11-26", "session": "morning", "room": "R1"}])
    found = candidates_of(a_problem(venues=[booked]), "C1/conference")
    assert (dt.date(2026, 11, 26), "morning") not in {
        (c.slot.date, c.slot.session.value) for c in found
    }


def test_the_room_must_hold_everyone_coming() -> None:
    case = a_case(victim=a_party(supporters=4))
    small = a_venue(rooms=[{"id": "R1", "capacity": 6}])
    assert reason_of(a_problem(cases=[case], venues=[small]), "C1/conference")[0] == "M8"


def test_the_venue_must_meet_every_access_need() -> None:
    case = a_case(victim=a_party(access=["hearing_loop"]))
    assert reason_of(a_problem(cases=[case]), "C1/conference")[0] == "M8"


def test_a_high_risk_case_meets_only_at_a_venue_suitable_for_it() -> None:
    venues = [a_venue("V1"), a_venue("V2", high_risk_suitable=True)]
    found = candidates_of(a_problem(cases=[a_case(risk="high")], venues=venues), "C1/conference")
    assert {c.place.id for c in found} == {"V2"}
    unsuitable = a_problem(cases=[a_case(risk="high")])
    assert reason_of(unsuitable, "C1/conference")[0] == "M9"


def test_a_conference_is_never_at_a_party_home() -> None:
    at_home = a_venue("V1", location={"lat": 51.73, "lon": 0.48})  # where both parties live
    elsewhere = a_venue("V2", location={"lat": 51.80, "lon": 0.64})
    found = candidates_of(a_problem(venues=[at_home, elsewhere]), "C1/conference")
    assert {c.place.id for c in found} == {"V2"}
    assert reason_of(a_problem(venues=[at_home]), "C1/conference")[0] == "M10"


def test_a_conference_uses_only_a_venue_neutral_for_both_parties() -> None:
    victims_only = a_venue("V1", neutral_for=["victim"])
    both = a_venue("V2", neutral_for=["victim", "harmer"])
    found = candidates_of(a_problem(venues=[victims_only, both]), "C1/conference")
    assert {c.place.id for c in found} == {"V2"}
    assert reason_of(a_problem(venues=[victims_only]), "C1/conference")[0] == "M10"


def test_a_venue_neutral_for_some_areas_only_takes_cases_of_those_areas() -> None:
    venues = [a_venue("V1", neutral_for=["Braintree"]), a_venue("V2", neutral_for=["chelmsford"])]
    here = a_problem(cases=[a_case(area="Chelmsford")], venues=venues)
    assert {c.place.id for c in candidates_of(here, "C1/conference")} == {"V2"}
    nowhere = a_problem(cases=[a_case()], venues=venues)  # a case with no area
    assert reason_of(nowhere, "C1/conference")[0] == "M10"


def test_a_venue_neutral_only_for_one_party_still_takes_that_partys_preparation() -> None:
    victims_only = a_venue("V1", neutral_for=["victim"])
    case = a_case(victim=a_party(prep_at="neutral"), harmer=a_party(prep_at="neutral"))
    problem = a_problem(cases=[case], venues=[victims_only])
    assert candidates_of(problem, "C1/prep-victim")
    assert candidates_of(problem, "C1/prep-harmer")  # the rule is the conference's


def test_no_venue_at_all_is_named_and_home_visits_still_happen() -> None:
    problem = a_problem(venues=[a_venue(rooms=[])])
    assert reason_of(problem, "C1/conference")[0] == "M7"
    assert candidates_of(problem, "C1/prep-victim")


def test_a_prison_session_too_small_for_a_conference_is_named_with_its_limit() -> None:
    case = a_case(harmer=a_party(prison="HMP Example"), victim=a_party(supporters=3))
    rule, text = reason_of(a_problem(cases=[case]), "C1/conference")
    assert rule == "M8"
    assert text == "HMP Example takes 4 visitors a session; this meeting brings 6"


def test_a_prison_without_the_access_a_visitor_needs_is_named() -> None:
    case = a_case(harmer=a_party(prison="HMP Example"), victim=a_party(access=["hearing_loop"]))
    problem = a_problem(cases=[case], prisons=[a_prison(visitors_per_session=6)])
    assert reason_of(problem, "C1/conference") == (
        "M8",
        "HMP Example does not offer hearing_loop access",
    )


def test_a_prisoner_s_own_access_needs_do_not_stop_a_visit_to_them() -> None:
    case = a_case(harmer=a_party(prison="HMP Example", access=["hearing_loop"]))
    assert candidates_of(a_problem(cases=[case]), "C1/prep-harmer")
