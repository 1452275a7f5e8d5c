"""Cases end: closing one, changing the work left on it, reviewing its pairs, through the API,
on SQLite and on PostgreSQL when configured."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from service.server import create_app
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.auth import Role
from tests.service.builders import a_facilitator, a_referral, logged_in
from tests.service.builders import proposed as proposed_as_of
from tests.service.conftest import settings_for

AS_OF = "2026-11-23"
TODAY = "2026-11-25"
pytestmark = pytest.mark.today(TODAY)
PEOPLE = [("F-1", "CM1", True), ("F-2", "CM2", False), ("F-3", "CM1", True), ("F-4", "CM3", False)]
CASES = ("R-1", "R-2", "R-3")

DIRECT = {"outcome": "direct", "method": "conference"}
DECLINED = {"outcome": "declined", "declined_by": "harmed"}


@pytest.fixture
def api(engine: Engine, database_url: str) -> Iterator[TestClient]:
    """An API client over a new, migrated store on each backend."""
    app = create_app(settings_for(database_url))
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


@pytest.fixture
def coordinator(api: TestClient) -> dict[str, str]:
    """A coordinator's headers; four facilitators with room for one case each (so two pairs)
    and three accepted referrals, hence three open cases, in the store."""
    headers = logged_in(api, Role.COORDINATOR)
    for fid, outcode, experienced in PEOPLE:
        body = a_facilitator(fid, home={"outcode": outcode}, experienced=experienced, max_cases=1)
        assert api.post("/facilitators", json=body, headers=headers).status_code == 201
    for rid in CASES:
        api.post("/referrals", json=a_referral(rid), headers=headers)
        assert api.post(f"/referrals/{rid}/screen", json={}, headers=headers).status_code == 200
    return headers


def proposed(client: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    return proposed_as_of(client, headers, AS_OF)


def pairs_of(proposal: dict[str, Any]) -> dict[str, list[str]]:
    return {a["case"]: sorted(a["facilitators"]) for a in proposal["result"]["assignments"]}


def committed(api: TestClient, headers: dict[str, str]) -> dict[str, list[str]]:
    """Propose and commit the morning allocation; case id -> its pair."""
    proposal = proposed(api, headers)
    answer = api.post(f"/proposals/{proposal['id']}/commit", headers=headers)
    assert answer.status_code == 200, answer.text
    return pairs_of(proposal)


@pytest.fixture
def admin(api: TestClient) -> dict[str, str]:
    """An admin's headers (admins read the audit log)."""
    return logged_in(api, Role.ADMIN)


def audit_of(api: TestClient, admin: dict[str, str], case_id: str) -> list[dict[str, Any]]:
    answer = api.get("/audit", params={"entity": "case", "entity_id": case_id}, headers=admin)
    assert answer.status_code == 200, answer.text
    entries: list[dict[str, Any]] = answer.json()
    return entries


def future_day(days: int = 2) -> str:
    return (dt.date.fromisoformat(TODAY) + dt.timedelta(days=days)).isoformat()


def test_closing_a_case_ends_its_pair_and_the_freed_pair_takes_the_waiting_case(
    api: TestClient, coordinator: dict[str, str]
) -> None:
    pairs = committed(api, coordinator)
    assert len(pairs) == 2, "room for two pairs only: one case waits"
    (waiting,) = set(CASES) - set(pairs)
    case, pair = next(iter(pairs.items()))
    body = DIRECT | {"closed_on": AS_OF, "pair_went_well": True}
    closed = api.post(f"/cases/{case}/close", json=body, headers=coordinator)
    assert closed.status_code == 200, closed.text
    view = closed.json()
    assert (view["status"], view["closed_on"], view["outcome"]) == ("closed", AS_OF, "direct")
    assert view["facilitators"] == []
    (last,) = view["history"]
    assert (last["ended_on"], last["end_reason"]) == (AS_OF, "case closed: direct")
    assert (last["went_well"], last["reviewed_by"]) == (True, "coordinator-x")
    assert api.get(f"/cases/{case}", headers=coordinator).json() == view
    for fid in pair:
        facilitator = api.get(f"/facilitators/{fid}", headers=coordinator).json()
        assert facilitator["current_cases"] == []
    after = proposed(api, coordinator)
    mentioned = set(pairs_of(after)) | {u["case"] for u in after["result"]["unallocated"]}
    assert case not in mentioned
    assert pairs_of(after)[waiting] == pair, "the two freed facilitators take the waiting case"


def test_a_replan_never_moves_a_closed_case(api: TestClient, coordinator: dict[str, str]) -> None:
    pairs = committed(api, coordinator)
    (closed, pair), (ongoing, _) = sorted(pairs.items())
    body = DIRECT | {"closed_on": AS_OF}
    assert api.post(f"/cases/{closed}/close", json=body, headers=coordinator).is_success
    gone = {"facilitator": pair[0], "reason": "unavailable", "from_date": AS_OF, "as_of": AS_OF}
    replan = api.post("/replans", json=gone, headers=coordinator)
    assert replan.status_code == 201, replan.text
    result = replan.json()["result"]
    mentioned = {a["case"] for a in result["assignments"]} | {
        u["case"] for u in result["unallocated"]
    }
    assert closed not in mentioned
    assert closed not in {c["case"] for c in replan.json()["changes"]}
    assert ongoing in mentioned, "the open cases are still in the problem"


def test_cases_are_listed_open_by_default_closed_or_all_on_request_in_pages(
    api: TestClient, coordinator: dict[str, str]
) -> None:
    api.post(
        "/cases/R-2/close",
        json=DECLINED,
        headers=coordinator,
    )

    def listed(**params: Any) -> list[str]:
        answer = api.get("/cases", params=params, headers=coordinator)
        assert answer.status_code == 200, answer.text
        return [c["id"] for c in answer.json()]

    assert listed() == ["R-1", "R-3"]
    assert listed(status="open") == ["R-1", "R-3"]
    assert listed(status="closed") == ["R-2"]
    assert listed(status="all") == ["R-1", "R-2", "R-3"]
    waiting = listed(status="all", unallocated=True)
    assert waiting == ["R-1", "R-3"], "a closed case waits for no pair"
    assert api.get("/cases", params={"status": "gone"}, headers=coordinator).status_code == 422
    assert listed(status="all", limit=2) == ["R-1", "R-2"]  # pages of cases, by id
    assert listed(status="all", limit=2, offset=2) == ["R-3"]
    assert listed(unallocated=True, limit=1, offset=1) == ["R-3"]
    assert listed(status="closed", offset=1) == []
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}):
        answer = api.get("/cases", params=bad, headers=coordinator)
        assert answer.status_code == 422
        assert answer.json()["errors"][0]["pointer"] == f"/query/{next(iter(bad))}"


def test_a_facilitator_no_longer_sees_a_case_once_it_closed(
    api: TestClient, coordinator: dict[str, str]
) -> None:
    pairs = committed(api, coordinator)
    case, pair = next(iter(pairs.items()))
    mine = logged_in(api, Role.FACILITATOR, pair[0])
    assert [c["id"] for c in api.get("/me/cases", headers=mine).json()] == [case]
    api.post(
        f"/cases/{case}/close",
        json=DIRECT,
        headers=coordinator,
    )
    assert api.get("/me/cases", headers=mine).json() == []
    assert api.get(f"/cases/{case}", headers=mine).status_code == 403


def test_a_closed_case_cannot_be_closed_again_or_changed(
    api: TestClient, coordinator: dict[str, str], admin: dict[str, str]
) -> None:
    first = api.post(
        "/cases/R-1/close",
        json={"outcome": "declined", "declined_by": "service"},
        headers=coordinator,
    )
    assert first.status_code == 200, first.text
    again = api.post("/cases/R-1/close", json=DIRECT, headers=coordinator)
    changed = api.patch("/cases/R-1", json={"hours": 5}, headers=coordinator)
    for refused in (again, changed):
        assert refused.status_code == 409
        (error,) = refused.json()["errors"]
        assert error["pointer"] == "/path/case_id"
        assert "closed on" in error["message"]
    assert api.get("/cases/R-1", headers=coordinator).json()["outcome"] == "declined"
    assert [e["action"] for e in audit_of(api, admin, "R-1")] == ["open", "close"]


def _closing_refused(
    api: TestClient, headers: dict[str, str], case: str, body: dict[str, Any]
) -> str:
    """The pointer of the one error of a refused close (after checking nothing was written)."""
    answer = api.post(f"/cases/{case}/close", json=body, headers=headers)
    assert answer.status_code == 422, answer.text
    (error,) = answer.json()["errors"]
    assert api.get(f"/cases/{case}", headers=headers).json()["status"] == "open"
    pointer: str = error["pointer"]
    return pointer


def test_a_closing_day_in_the_future_or_before_the_pair_started_is_a_422_naming_it(
    api: TestClient, coordinator: dict[str, str]
) -> None:
    pairs = committed(api, coordinator)
    (waiting,) = set(CASES) - set(pairs)
    allocated = next(iter(pairs))
    for case in (waiting, allocated):
        future = DIRECT | {"closed_on": future_day()}
        assert _closing_refused(api, coordinator, case, future) == "/body/closed_on"
    before_pair = DIRECT | {"closed_on": "2026-11-22"}
    assert _closing_refused(api, coordinator, allocated, before_pair) == "/body/closed_on"
    before_opening = DIRECT | {"closed_on": "2020-01-01"}
    assert _closing_refused(api, coordinator, waiting, before_opening) == "/body/closed_on"
    no_pair = DIRECT | {"pair_went_well": True}
    assert _closing_refused(api, coordinator, waiting, no_pair) == "/body/pair_went_well"
    unknown = {"outcome": "finished"}
    assert _closing_refused(api, coordinator, waiting, unknown) == "/body/outcome"
    on_the_day = DIRECT | {"closed_on": AS_OF}
    assert api.post(f"/cases/{allocated}/close", json=on_the_day, headers=coordinator).is_success


def test_closing_without_a_pair_needs_no_review_and_defaults_to_today(
    api: TestClient, coordinator: dict[str, str]
) -> None:
    closed = api.post("/cases/R-3/close", json={"outcome": "no_outcome"}, headers=coordinator)
    assert closed.status_code == 200, closed.text
    assert closed.json()["closed_on"] == TODAY
    assert closed.json()["history"] == []


def test_an_unknown_case_or_a_pair_of_another_case_is_a_404(
    api: TestClient, coordinator: dict[str, str]
) -> None:
    pairs = committed(api, coordinator)
    ids = {c: api.get(f"/cases/{c}", headers=coordinator).json()["history"][0]["id"] for c in pairs}
    case, other = sorted(pairs)
    review = {"went_well": True}
    answers = {
        "/path/case_id": [
            api.post(
                "/cases/R-9/close",
                json=DIRECT,
                headers=coordinator,
            ),
            api.patch("/cases/R-9", json={"priority": 2}, headers=coordinator),
            api.put(f"/cases/R-9/pairs/{ids[case]}/review", json=review, headers=coordinator),
        ],
        "/path/pair_id": [
            api.put(f"/cases/{case}/pairs/{ids[other]}/review", json=review, headers=coordinator),
            api.put(f"/cases/{case}/pairs/999999/review", json=review, headers=coordinator),
        ],
    }
    for pointer, refused in answers.items():
        for answer in refused:
            assert answer.status_code == 404, answer.text
            assert answer.json()["errors"][0]["pointer"] == pointer


def _changes(api: TestClient, headers: dict[str, str], case: str, pair_id: int) -> dict[str, Any]:
    review = {"went_well": True}
    return {  # in this order: a closed case is no longer changed
        "patch": api.patch(f"/cases/{case}", json={"priority": 2}, headers=headers),
        "review": api.put(f"/cases/{case}/pairs/{pair_id}/review", json=review, headers=headers),
        "close": api.post(
            f"/cases/{case}/close",
            json=DIRECT,
            headers=headers,
        ),
    }


def test_only_admins_and_coordinators_close_change_or_review_cases(
    api: TestClient, coordinator: dict[str, str], admin: dict[str, str]
) -> None:
    pairs = committed(api, coordinator)
    case, pair = next(iter(pairs.items()))
    pair_id = api.get(f"/cases/{case}", headers=coordinator).json()["history"][0]["id"]
    for role, fid in ((Role.FACILITATOR, pair[0]), (Role.MANAGER, None)):
        for what, answer in _changes(api, logged_in(api, role, fid), case, pair_id).items():
            assert answer.status_code == 403, (role, what, answer.text)
    assert _changes(api, {}, case, pair_id)["close"].status_code == 401
    view = api.get(f"/cases/{case}", headers=coordinator).json()
    assert (view["status"], view["priority"], view["history"][0]["went_well"]) == ("open", 1, None)
    assert [e["action"] for e in audit_of(api, admin, case)] == ["open", "pair"]
    for what, answer in _changes(api, admin, case, pair_id).items():
        assert answer.status_code == 200, (what, answer.text)


def test_closing_is_audited_with_the_status_and_the_pair_before_and_after_and_no_names(
    api: TestClient, coordinator: dict[str, str], admin: dict[str, str]
) -> None:
    pairs = committed(api, coordinator)
    case, pair = next(iter(pairs.items()))
    body = {
        "outcome": "direct",
        "method": "conference",
        "closed_on": AS_OF,
        "pair_went_well": False,
    }
    closed = api.post(f"/cases/{case}/close", json=body, headers=coordinator).json()
    pair_id = closed["history"][0]["id"]
    entry = audit_of(api, admin, case)[-1]
    assert (entry["action"], entry["actor"]) == ("close", "coordinator-x")
    before = {
        "id": pair_id,
        "facilitators": entry["changes"]["pair"]["from"]["facilitators"],
        "ended_on": None,
        "end_reason": None,
        "went_well": None,
    }
    assert sorted(before["facilitators"]) == pair
    assert entry["changes"] == {
        "status": {"from": "open", "to": "closed"},
        "closed_on": {"from": None, "to": AS_OF},
        "outcome": {"from": None, "to": "direct"},
        "method": "conference",
        "pair": {
            "from": before,
            "to": before
            | {"ended_on": AS_OF, "end_reason": "case closed: direct", "went_well": False},
        },
    }
    assert "Pat Example" not in str(entry)


def test_hours_and_priority_of_an_open_case_change_audited_and_versioned(
    api: TestClient, coordinator: dict[str, str], admin: dict[str, str]
) -> None:
    app: Any = api.app

    def version() -> int:
        with UnitOfWork(app.state.sessions) as uow:
            row = uow.session.get(t.Case, "R-1")
            assert row is not None
            return row.version

    start = version()
    hours = api.patch("/cases/R-1", json={"hours": 7.5}, headers=coordinator)
    assert hours.status_code == 200, hours.text
    assert (hours.json()["hours"], hours.json()["priority"]) == (7.5, 1)
    both = api.patch("/cases/R-1", json={"hours": 0, "priority": 5}, headers=coordinator).json()
    assert (both["hours"], both["priority"]) == (0, 5)
    same = api.patch("/cases/R-1", json={"priority": 5}, headers=coordinator)
    assert same.status_code == 200
    assert version() == start + 2, "a change that changes nothing is no new version"
    updates = [e["changes"] for e in audit_of(api, admin, "R-1") if e["action"] == "update"]
    assert updates == [
        {"hours": {"from": 19.0, "to": 7.5}},
        {"hours": {"from": 7.5, "to": 0.0}, "priority": {"from": 1, "to": 5}},
    ]


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({}, "/body"),
        ({"hour": 5}, "/body"),
        ({"hours": None}, "/body/hours"),
        ({"hours": -1}, "/body/hours"),
        ({"hours": 1000}, "/body/hours"),
        ({"priority": 0}, "/body/priority"),
        ({"priority": 6}, "/body/priority"),
        ({"hours": 5, "priority": None}, "/body/priority"),
    ],
)
def test_a_change_of_a_case_with_nothing_or_out_of_range_is_a_422_naming_the_field(
    client: TestClient, body: dict[str, Any], pointer: str
) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    answer = client.patch("/cases/R-1", json=body, headers=headers)
    assert answer.status_code == 422, answer.text
    assert [e["pointer"] for e in answer.json()["errors"]] == [pointer]


def test_a_review_of_an_ended_pair_is_recorded_and_a_second_overwrites_it_audited(
    api: TestClient, coordinator: dict[str, str], admin: dict[str, str]
) -> None:
    pairs = committed(api, coordinator)
    case, pair = next(iter(pairs.items()))
    replan = {"facilitator": pair[0], "reason": "unavailable", "from_date": AS_OF, "as_of": AS_OF}
    moved = api.post("/replans", json=replan, headers=coordinator).json()
    assert api.post(f"/proposals/{moved['id']}/commit", headers=coordinator).status_code == 200
    split = api.get(f"/cases/{case}", headers=coordinator).json()["history"][0]
    assert split["ended_on"] == AS_OF, "re-planning split the pair"
    url = f"/cases/{case}/pairs/{split['id']}/review"
    first = api.put(url, json={"went_well": False}, headers=coordinator)
    assert first.status_code == 200, first.text
    assert first.json()["history"][0]["went_well"] is False
    second = api.put(url, json={"went_well": True}, headers=admin).json()["history"][0]
    assert (second["went_well"], second["reviewed_by"]) == (True, "admin-x")
    assert api.put(url, json={"went_well": True}, headers=admin).status_code == 200
    reviews = [e for e in audit_of(api, admin, case) if e["action"] == "review"]
    assert [(e["actor"], e["changes"]["went_well"]) for e in reviews] == [
        ("coordinator-x", {"from": None, "to": False}),
        ("admin-x", {"from": False, "to": True}),
    ], "the same review again records nothing"
    assert all(e["changes"]["pair"] == split["id"] for e in reviews)


def test_a_facilitator_reading_their_case_never_sees_pair_reviews(
    api: TestClient, coordinator: dict[str, str]
) -> None:
    pairs = committed(api, coordinator)
    case, pair = next(iter(pairs.items()))
    pair_id = api.get(f"/cases/{case}", headers=coordinator).json()["history"][0]["id"]
    url = f"/cases/{case}/pairs/{pair_id}/review"
    assert api.put(url, json={"went_well": True}, headers=coordinator).status_code == 200
    mine = logged_in(api, Role.FACILITATOR, pair[0])
    (own,) = api.get("/me/cases", headers=mine).json()
    for seen in (api.get(f"/cases/{case}", headers=mine).json(), own):
        assert seen["history"][0]["went_well"] is None
        assert seen["history"][0]["reviewed_by"] is None
    assert api.get(f"/cases/{case}", headers=coordinator).json()["history"][0]["went_well"]


def _close(api: TestClient, headers: dict[str, str]) -> None:
    assert api.post("/cases/R-1/close", json=DECLINED, headers=headers).is_success


def _more_hours(api: TestClient, headers: dict[str, str]) -> None:
    assert api.patch("/cases/R-1", json={"hours": 25}, headers=headers).is_success


def _higher_priority(api: TestClient, headers: dict[str, str]) -> None:
    assert api.patch("/cases/R-1", json={"priority": 3}, headers=headers).is_success


@pytest.mark.parametrize("change", [_close, _more_hours, _higher_priority])
def test_a_proposal_made_before_a_case_closed_or_changed_is_refused_on_commit(
    api: TestClient,
    coordinator: dict[str, str],
    change: Callable[[TestClient, dict[str, str]], None],
) -> None:
    proposal = proposed(api, coordinator)
    change(api, coordinator)
    refused = api.post(f"/proposals/{proposal['id']}/commit", headers=coordinator)
    assert refused.status_code == 409, refused.text
    assert "changed since" in refused.json()["errors"][0]["message"]
    every = api.get("/cases", params={"status": "all"}, headers=coordinator).json()
    assert [c["facilitators"] for c in every] == [[], [], []], "nothing was committed"


def test_a_proposal_made_before_a_review_is_refused_on_commit(
    api: TestClient, coordinator: dict[str, str]
) -> None:
    pairs = committed(api, coordinator)
    case = next(iter(pairs))
    pair_id = api.get(f"/cases/{case}", headers=coordinator).json()["history"][0]["id"]
    proposal = proposed(api, coordinator)
    review = {"went_well": True}
    api.put(f"/cases/{case}/pairs/{pair_id}/review", json=review, headers=coordinator)
    refused = api.post(f"/proposals/{proposal['id']}/commit", headers=coordinator)
    assert refused.status_code == 409, "the problem changed: these two now worked well together"


def test_pairs_that_went_well_are_in_the_next_proposals_problem_both_ways(
    api: TestClient, coordinator: dict[str, str]
) -> None:
    pairs = committed(api, coordinator)
    (good_case, good), (bad_case, bad) = sorted(pairs.items())
    body = DIRECT | {"closed_on": AS_OF, "pair_went_well": True}
    api.post(f"/cases/{good_case}/close", json=body, headers=coordinator)
    bad_id = api.get(f"/cases/{bad_case}", headers=coordinator).json()["history"][0]["id"]
    bad_review = {"went_well": False}
    api.put(f"/cases/{bad_case}/pairs/{bad_id}/review", json=bad_review, headers=coordinator)
    proposal = proposed(api, coordinator)
    app: Any = api.app
    with UnitOfWork(app.state.sessions) as uow:
        stored = uow.proposals.get(proposal["id"])
        assert stored is not None
        problem = stored.problem
    worked_well = {f["id"]: f["worked_well_with"] for f in problem["facilitators"]}
    a, b = good
    assert worked_well == {a: [b], b: [a]} | {fid: [] for fid in bad}
