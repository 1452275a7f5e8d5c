"""Meetings for committed pairs through the HTTP API: plan, review, book, commit, calendars.

Each test runs on SQLite, and on PostgreSQL when RJPLAN_TEST_POSTGRES_URL is set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from models.meetings import MeetingSchedule, MeetingsProblem
from service.server import create_app
from service.store import tables as t
from service.store.db import make_engine, upgrade
from service.workflow.auth import Role
from service.workflow.party_places import address_outcode
from tests.service.builders import a_facilitator, a_referral, logged_in
from tests.service.conftest import settings_for

AS_OF = "2026-11-23"
PEOPLE = [("F-1", "CM1"), ("F-2", "CM2"), ("F-3", "CM1"), ("F-4", "CM3"), ("F-5", "CM2")]
Headers = dict[str, str]


@pytest.fixture
def api(database_url: str) -> Iterator[TestClient]:
    """A client over a new, migrated store on each backend, with short solves."""
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    fast = {"solve_time_limit_s": 2.0, "meetings_time_limit_s": 2.0}
    app = create_app(settings_for(database_url).model_copy(update=fast))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.state.engine.dispose()


def screened(client: TestClient, headers: Headers, *rids: str) -> None:
    for rid in rids:
        client.post("/referrals", json=a_referral(rid), headers=headers)
        answer = client.post(f"/referrals/{rid}/screen", json={}, headers=headers)
        assert answer.json()["decision"]["decision"] == "accept", answer.text


def allocate(client: TestClient, headers: Headers) -> dict[str, list[str]]:
    """Propose and commit the morning allocation; case -> its committed pair."""
    proposal = client.post("/proposals", json={"as_of": AS_OF}, headers=headers).json()
    committed = client.post(f"/proposals/{proposal['id']}/commit", headers=headers)
    assert committed.status_code == 200, committed.text
    return {a["case"]: a["facilitators"] for a in proposal["result"]["assignments"]}


@pytest.fixture
def coordinator(api: TestClient) -> Headers:
    """A coordinator's headers; five facilitators (room for five cases), three cases paired."""
    headers = logged_in(api, Role.COORDINATOR)
    for fid, outcode in PEOPLE:
        body = a_facilitator(fid, home={"outcode": outcode}, weekly_hours=12, max_cases=2)
        assert api.post("/facilitators", json=body, headers=headers).status_code == 201
    screened(api, headers, "R-1", "R-2", "R-3")
    assert len(allocate(api, headers)) == 3
    return headers


def a_plan(client: TestClient, headers: Headers) -> dict[str, Any]:
    answer = client.post("/meetings/plans", json={"as_of": AS_OF}, headers=headers)
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()
    return body


def pairs_in_store(client: TestClient, headers: Headers) -> dict[str, list[str]]:
    cases = client.get("/cases", headers=headers).json()
    return {c["id"]: sorted(c["facilitators"]) for c in cases if c["facilitators"]}


def test_meetings_are_planned_for_every_committed_pair_and_read_back(
    api: TestClient, coordinator: Headers
) -> None:
    plan = a_plan(api, coordinator)
    schedule = MeetingSchedule.model_validate(plan["schedule"])
    pairs = pairs_in_store(api, coordinator)
    assert plan["status"] == "proposed"
    assert {m.case for m in schedule.meetings} | {u.case for u in schedule.unplaced} == set(pairs)
    assert schedule.meetings, "three local cases with free facilitators get meetings"
    for meeting in schedule.meetings:
        assert sorted(meeting.facilitators) == pairs[meeting.case]
    assert all(u.reasons for u in schedule.unplaced)
    assert schedule.metrics.placed == len(schedule.meetings)
    read = api.get(f"/meetings/plans/{plan['id']}", headers=coordinator)
    assert read.status_code == 200
    assert read.json() == plan
    listed = api.get("/meetings/plans", headers=coordinator).json()
    assert listed[0]["id"] == plan["id"]
    assert listed[0]["placed"] == len(schedule.meetings)


def test_bookings_list_every_meeting_away_from_home_once(
    api: TestClient, coordinator: Headers
) -> None:
    plan = a_plan(api, coordinator)
    answer = api.get(f"/meetings/plans/{plan['id']}/bookings", headers=coordinator)
    assert answer.status_code == 200, answer.text
    booked = [
        (place, meeting)
        for place, rows in answer.json().items()
        for row in rows
        for meeting in row["meetings"].split()
    ]
    away = [
        (m["place"]["id"], m["id"])
        for m in plan["schedule"]["meetings"]
        if m["place"]["kind"] != "home"
    ]
    assert sorted(booked) == sorted(away)


def test_a_plan_is_committed_once_and_a_retry_with_its_key_repeats_the_answer(
    api: TestClient, coordinator: Headers
) -> None:
    plan = a_plan(api, coordinator)
    url = f"/meetings/plans/{plan['id']}/commit"
    first = api.post(url, headers=coordinator | {"Idempotency-Key": "m-1"})
    again = api.post(url, headers=coordinator | {"Idempotency-Key": "m-1"})
    assert first.status_code == 200, first.text
    assert again.json() == first.json()
    assert first.json()["placed"] == len(plan["schedule"]["meetings"])
    assert api.post(url, headers=coordinator).status_code == 409
    read = api.get(f"/meetings/plans/{plan['id']}", headers=coordinator).json()
    assert read["status"] == "committed"
    assert read["committed_by"] == first.json()["committed_by"]
    audit = api.get(
        "/audit", params={"entity": "meeting_plan"}, headers=logged_in(api, Role.MANAGER)
    ).json()
    assert [(e["action"], e["entity_id"]) for e in audit] == [("commit", plan["id"])]


def test_an_idempotency_key_cannot_be_reused_for_another_plan(
    api: TestClient, coordinator: Headers
) -> None:
    first, second = a_plan(api, coordinator), a_plan(api, coordinator)
    key = {"Idempotency-Key": "same"}
    assert api.post(f"/meetings/plans/{first['id']}/commit", headers=coordinator | key).is_success
    reused = api.post(f"/meetings/plans/{second['id']}/commit", headers=coordinator | key)
    assert reused.status_code == 409
    assert reused.json()["errors"][0]["pointer"] == "/headers/idempotency-key"


def test_a_plan_is_refused_with_409_once_the_committed_pairs_changed(
    api: TestClient, coordinator: Headers
) -> None:
    plan = a_plan(api, coordinator)
    screened(api, coordinator, "R-4")
    assert "R-4" in allocate(api, coordinator)
    refused = api.post(f"/meetings/plans/{plan['id']}/commit", headers=coordinator)
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["pointer"] == "/path/plan_id"
    assert "changed since" in refused.json()["errors"][0]["message"]
    fresh = a_plan(api, coordinator)
    assert "R-4" in {m["case"] for m in fresh["schedule"]["meetings"]}
    assert api.post(f"/meetings/plans/{fresh['id']}/commit", headers=coordinator).is_success


def test_a_plan_made_before_a_case_closed_is_refused_and_the_next_leaves_it_out(
    api: TestClient, coordinator: Headers
) -> None:
    plan = a_plan(api, coordinator)
    assert "R-2" in {m["case"] for m in plan["schedule"]["meetings"]}
    closed = api.post(
        "/cases/R-2/close",
        json={"outcome": "declined", "declined_by": "harmed"},
        headers=coordinator,
    )
    assert closed.status_code == 200, closed.text
    refused = api.post(f"/meetings/plans/{plan['id']}/commit", headers=coordinator)
    assert refused.status_code == 409
    assert "changed since" in refused.json()["errors"][0]["message"]
    fresh = a_plan(api, coordinator)
    assert "R-2" not in {m["case"] for m in fresh["schedule"]["meetings"]}
    assert api.post(f"/meetings/plans/{fresh['id']}/commit", headers=coordinator).is_success


def test_an_unknown_plan_is_404_naming_the_path(api: TestClient, coordinator: Headers) -> None:
    for url in ("/meetings/plans/nope", "/meetings/plans/nope/bookings"):
        answer = api.get(url, headers=coordinator)
        assert answer.status_code == 404
        assert answer.json()["errors"][0]["pointer"] == "/path/plan_id"
    assert api.post("/meetings/plans/nope/commit", headers=coordinator).status_code == 404


def test_only_coordinators_and_admins_plan_and_commit_and_facilitators_read_no_plan(
    api: TestClient, coordinator: Headers
) -> None:
    plan = a_plan(api, coordinator)
    facilitator = logged_in(api, Role.FACILITATOR, "F-1")
    manager = logged_in(api, Role.MANAGER)
    commit = f"/meetings/plans/{plan['id']}/commit"
    for headers in (facilitator, manager):
        assert api.post("/meetings/plans", json={}, headers=headers).status_code == 403
        assert api.post(commit, headers=headers).status_code == 403
    for url in (
        "/meetings/plans",
        f"/meetings/plans/{plan['id']}",
        f"/meetings/plans/{plan['id']}/bookings",
        "/facilitators/F-2/calendar.ics",
    ):
        assert api.get(url, headers=facilitator).status_code == 403, url
        assert api.get(url, headers=manager).status_code == 200, url
        assert api.get(url).status_code == 401, url
    assert api.get("/me/calendar.ics", headers=coordinator).status_code == 403
    assert api.post(commit, headers=logged_in(api, Role.ADMIN)).is_success


def events(answer: Any) -> dict[str, str]:
    """UID -> SUMMARY of every event in an .ics answer, parsed back with icalendar."""
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/calendar")
    parsed = Calendar.from_ical(answer.content)
    return {str(e["UID"]): str(e["SUMMARY"]) for e in parsed.walk("VEVENT")}


def test_a_facilitator_s_calendar_holds_their_committed_meetings_and_nobody_else_s(
    api: TestClient, coordinator: Headers
) -> None:
    facilitator = logged_in(api, Role.FACILITATOR, "F-1")
    assert events(api.get("/me/calendar.ics", headers=facilitator)) == {}
    plan = a_plan(api, coordinator)
    assert events(api.get("/me/calendar.ics", headers=facilitator)) == {}, "only once committed"
    assert api.post(f"/meetings/plans/{plan['id']}/commit", headers=coordinator).is_success
    meetings = plan["schedule"]["meetings"]
    mine = {f"{m['id']}@rjplan" for m in meetings if "F-1" in m["facilitators"]}
    theirs = {f"{m['id']}@rjplan" for m in meetings if "F-1" not in m["facilitators"]}
    own = events(api.get("/me/calendar.ics", headers=facilitator))
    assert set(own) == mine
    assert not set(own) & theirs
    assert all("case R-" in summary for summary in own.values())
    staff_view = events(api.get("/facilitators/F-1/calendar.ics", headers=coordinator))
    assert staff_view == own
    missing = api.get("/facilitators/F-9/calendar.ics", headers=coordinator)
    assert missing.status_code == 404


def test_with_no_committed_pairs_a_plan_is_empty_not_an_error(api: TestClient) -> None:
    admin = logged_in(api, Role.ADMIN)
    plan = a_plan(api, admin)
    assert plan["schedule"]["meetings"] == []
    assert plan["schedule"]["unplaced"] == []
    far = api.post("/meetings/plans", json={"as_of": "9999-12-31"}, headers=admin)
    assert far.status_code == 422
    assert far.json()["errors"][0]["pointer"] == "/body/as_of"


def test_a_case_re_planned_away_from_a_facilitator_leaves_their_calendar(
    api: TestClient, coordinator: Headers
) -> None:
    plan = a_plan(api, coordinator)
    assert api.post(f"/meetings/plans/{plan['id']}/commit", headers=coordinator).is_success
    meeting = plan["schedule"]["meetings"][0]
    gone = meeting["facilitators"][0]
    feed = logged_in(api, Role.FACILITATOR, gone)
    assert f"{meeting['id']}@rjplan" in events(api.get("/me/calendar.ics", headers=feed))
    body = {"facilitator": gone, "reason": "unavailable", "from_date": AS_OF, "as_of": AS_OF}
    replan = api.post("/replans", json=body, headers=coordinator).json()
    assert api.post(f"/proposals/{replan['id']}/commit", headers=coordinator).is_success
    assert events(api.get("/me/calendar.ics", headers=feed)) == {}
    fresh = api.post(
        f"/meetings/plans/{a_plan(api, coordinator)['id']}/commit", headers=coordinator
    )
    assert fresh.is_success, "a plan made after the replan commits"


def test_the_openapi_document_shows_examples_of_every_meetings_body_and_the_feeds(
    api: TestClient,
) -> None:
    spec = api.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for name in (
        "MeetingPlanIn",
        "MeetingPlanOut",
        "MeetingPlanSummary",
        "BookingRowOut",
        "MeetingCommitOut",
    ):
        assert schemas[name].get("examples"), name
    for path in ("/me/calendar.ics", "/facilitators/{facilitator_id}/calendar.ics"):
        feed = spec["paths"][path]["get"]["responses"]["200"]["content"]["text/calendar"]
        assert Calendar.from_ical(feed["example"]).walk("VEVENT"), path
    commit = spec["paths"]["/meetings/plans/{plan_id}/commit"]["post"]
    assert {"404", "409"} <= set(commit["responses"])
    assert "idempotency-key" in {p["name"] for p in commit["parameters"]}


def test_a_plan_uses_only_registered_places_and_the_parties_own_homes_where_known(
    api: TestClient, coordinator: Headers
) -> None:
    hall = {
        "id": "V-CM2",
        "name": "Chelmsford Hall",
        "postcode": "CM2 6LQ",  # not the cases' CM1: a venue at a party's home is no neutral ground
        "rooms": [{"id": "hall", "capacity": 12}],
        "step_free": True,
        "opening": {d: ["morning", "afternoon", "evening"] for d in ("mon", "wed", "fri")},
    }
    assert api.post("/venues", json=hall, headers=coordinator).status_code == 201
    harmed = {"role": "harmed", "details": {"address": "2 Quay St, Colchester CO1 1AA"}}
    assert api.post("/cases/R-1/parties", json=harmed, headers=coordinator).status_code == 201
    unplaced = {"role": "responsible", "details": {"address": "no fixed abode"}}
    assert api.post("/cases/R-1/parties", json=unplaced, headers=coordinator).status_code == 201
    plan = a_plan(api, coordinator)
    assert plan["party_locations"] == {
        "R-1": {"victim": "party", "harmer": "case"},
        "R-2": {"victim": "case", "harmer": "case"},
        "R-3": {"victim": "case", "harmer": "case"},
    }
    away = {m["place"]["id"] for m in plan["schedule"]["meetings"] if m["place"]["kind"] == "venue"}
    assert away == {"V-CM2"}, "the conferences meet at the one registered venue"
    app: Any = api.app
    with app.state.sessions() as session:
        stored = session.get(t.MeetingPlan, plan["id"])
        problem = MeetingsProblem.model_validate(stored.problem)
    assert [v.id for v in problem.venues] == ["V-CM2"]
    registered = {p["name"] for p in api.get("/prisons", headers=coordinator).json()}
    assert {p.name for p in problem.prisons} <= registered
    victim = next(c.victim for c in problem.cases if c.id == "R-1")
    assert victim.home.outcode == "CO1"
    admin = logged_in(api, Role.ADMIN)
    reads = api.get("/audit", params={"entity": "party"}, headers=admin).json()
    assert sum(e["action"] == "read" and e["actor"] == "coordinator-x" for e in reads) >= 2


def test_a_conference_is_never_at_a_venue_the_register_does_not_call_neutral_for_its_area(
    api: TestClient, coordinator: Headers
) -> None:
    def hall(vid: str, postcode: str, neutral_for: list[str]) -> dict[str, Any]:
        return {
            "id": vid,
            "name": f"Hall {vid}",
            "postcode": postcode,
            "rooms": [{"id": "hall", "capacity": 12}],
            "opening": {d: ["morning", "afternoon"] for d in ("mon", "tue", "wed", "thu", "fri")},
            "neutral_for": neutral_for,
        }

    near = hall("V-COL", "CM2 6LQ", ["victim", "harmer", "Colchester"])  # near, but not neutral
    for body in (near, hall("V-ANY", "CO1 1AA", [])):
        assert api.post("/venues", json=body, headers=coordinator).status_code == 201
    plan = a_plan(api, coordinator)
    conferences = [m for m in plan["schedule"]["meetings"] if m["kind"] == "conference"]
    assert conferences, "the cases' conferences are planned"
    assert {m["place"]["id"] for m in conferences} == {"V-ANY"}, "the cases are in Chelmsford"
    app: Any = api.app
    with app.state.sessions() as session:
        problem = MeetingsProblem.model_validate(session.get(t.MeetingPlan, plan["id"]).problem)
    assert {c.area for c in problem.cases} == {"Chelmsford"}
    neutral = {v.id: v.neutral_for for v in problem.venues}
    assert neutral["V-COL"] == {"victim", "harmer", "Colchester"}


def test_a_partys_outcode_is_the_first_full_postcode_in_their_address() -> None:
    assert address_outcode("Flat 2, 10 North Hill, Colchester co1 1aa") == "CO1"
    assert address_outcode("Rectory Road, Hollesley IP12 3JW; was CM2 6LQ") == "IP12"
    assert address_outcode("somewhere in CM1") is None


def test_a_plan_s_meeting_times_carry_their_utc_offset(
    api: TestClient, coordinator: Headers
) -> None:
    """London times in November are GMT: each start and end says so (RFC 3339), and reads
    back as the same wall-clock time of the session."""
    meetings = a_plan(api, coordinator)["schedule"]["meetings"]
    assert meetings
    for m in meetings:
        start, end = dt.datetime.fromisoformat(m["start"]), dt.datetime.fromisoformat(m["end"])
        assert start.utcoffset() == end.utcoffset() == dt.timedelta(0), m
        assert start.date().isoformat() == m["date"]
