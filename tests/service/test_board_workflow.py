"""The coordinator's morning use cases behind the pages: a typed referral checked whole and
screened, a CSV previewed without writing, the proposal under review, the facilitators' vetting
warnings, and what changed when a commit is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from geo import Gazetteer, default_gazetteer
from models import Case as CaseModel
from models import DateWindow, Facilitator, InputError, Location, Problem, Referral
from rules.policy import Policy, list_policies, load_policy
from rules.referral_reader import parse_referral_fields
from rules.volunteering import VolunteerPolicy
from scenarios.demo_data import Scale, load_demo
from service.clock import FixedClock
from service.config import Settings
from service.errors import ConflictError
from service.store.db import session_factory
from service.store.uow import UnitOfWork
from service.workflow import commit, demo, facilitators, intake, morning, proposals, referrals
from service.workflow.auth import Principal, Role
from service.workflow.facilitator_board import rows, vetting
from service.workflow.schemas.proposals import ControlsIn, Pin
from service.workflow.staleness import SOMETHING_ELSE, StaleProposalError, what_changed
from tests.service.builders import a_facilitator, a_referral, logged_in
from tests.service.conftest import TEST_CIPHER, settings_for

COORDINATOR = Principal(1, "coordinator", Role.COORDINATOR, None)
DAY = dt.date(2026, 11, 23)
CLOCK = FixedClock(dt.datetime(2026, 11, 23, 9, 0))
HEADER = (
    "id,received,referrer.organisation,route,case_type,court,youth.under_18,youth.youth_justice,"
    "consent.victim,consent.perpetrator,responsibility_accepted,restorative_element,district,"
    "location.outcode\n"
)
ROW = (
    "{id},2026-11-20,police,community_resolution,low_level_crime,none,false,false,true,true,"
    "true,true,Chelmsford,CM1\n"
)


@pytest.fixture
def uow(engine: Engine) -> Iterator[UnitOfWork]:
    """A unit of work over a store with the tiny demo data, on the demo's day."""
    with UnitOfWork(session_factory(engine, TEST_CIPHER), CLOCK) as loading:
        demo.load(loading, load_demo(Scale.TINY))
    with UnitOfWork(session_factory(engine, TEST_CIPHER), CLOCK) as fresh:
        yield fresh


@pytest.fixture
def settings() -> Settings:
    return settings_for("sqlite://")


def policies() -> dict[str, Policy]:
    return {p: load_policy(p) for p in list_policies()}


def typed(**fields: str) -> dict[str, str]:
    """The intake form's fields for an acceptable referral, with `fields` changed."""
    base = {
        "id": "R-T-1",
        "received": "2026-11-23",
        "referrer.organisation": "police",
        "route": "community_resolution",
        "case_type": "low_level_crime",
        "court": "none",
        "district": "Braintree",
        "location.outcode": "CM7",
        "youth.under_18": "false",
        "youth.youth_justice": "false",
        "consent.victim": "true",
        "consent.perpetrator": "",
        "responsibility_accepted": "true",
        "restorative_element": "true",
        "parties.0.role": "victim",
        "parties.1.role": "perpetrator",
        "parties.1.prison": "",
    }
    return base | fields


def test_a_form_s_fields_read_as_a_referral_blank_nullable_fields_as_not_yet_asked() -> None:
    referral = parse_referral_fields(typed(), "referral")
    assert referral.consent.perpetrator is None
    assert referral.consent.victim is True
    assert [p.prison for p in referral.parties] == [None, None]


def test_a_form_s_bad_fields_are_each_named_by_their_path() -> None:
    with pytest.raises(InputError) as refused:
        parse_referral_fields(typed(received="23/11/2026", route=""), "referral")
    pointers = {e.pointer: e.message for e in refused.value.errors}
    assert "YYYY-MM-DD" in pointers["/received"]
    assert "/route" in pointers


def test_a_typed_referral_is_stored_and_screened_and_an_accepted_one_opens_its_case(
    uow: UnitOfWork,
) -> None:
    referral = parse_referral_fields(typed(), "referral")
    screened = intake.receive(uow, COORDINATOR, referral, policies(), _gazetteer())
    assert screened.decision.decision == "hold" or screened.decision.decision == "needs_info"
    done = intake.receive(
        uow,
        COORDINATOR,
        parse_referral_fields(typed(id="R-T-2", **{"consent.perpetrator": "true"}), "referral"),
        policies(),
        _gazetteer(),
    )
    assert done.decision.decision == "accept"
    assert done.case_id == "R-T-2"


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"district": "Atlantis"}, "/district"),
        ({"location.outcode": "ZZ9"}, "/location/outcode"),
        ({"parties.1.prison": "HMP Nowhere"}, "/parties/1/prison"),
    ],
)
def test_a_typed_referral_the_service_cannot_screen_is_refused_whole_with_nothing_written(
    uow: UnitOfWork, change: dict[str, str], pointer: str
) -> None:
    referral = parse_referral_fields(typed(id="R-T-9", **change), "referral")
    with pytest.raises(InputError) as refused:
        intake.receive(uow, COORDINATOR, referral, policies(), _gazetteer())
    assert refused.value.errors[0].pointer == pointer
    assert uow.referrals.get("R-T-9") is None


def test_a_taken_reference_is_a_conflict_naming_the_id(uow: UnitOfWork) -> None:
    taken = next(iter(uow.referrals.search(None, None, 1, 0))).id
    referral = parse_referral_fields(typed(id=taken), "referral")
    with pytest.raises(ConflictError) as refused:
        intake.receive(uow, COORDINATOR, referral, policies(), _gazetteer())
    assert refused.value.pointer == "/id"


def test_a_csv_preview_lists_every_row_and_every_error_and_writes_nothing(
    uow: UnitOfWork,
) -> None:
    text = HEADER + ROW.format(id="R-C-1") + ROW.format(id="R-C-1").replace("police", "pol")
    preview = intake.preview_csv(uow, text)
    assert [r.referral.id for r in preview.rows] == ["R-C-1"]
    assert [e.where for e in preview.errors] == ["row 3, column referrer.organisation"]
    assert not preview.importable
    assert uow.referrals.get("R-C-1") is None
    good = intake.preview_csv(uow, HEADER + ROW.format(id="R-C-1"))
    assert good.importable
    assert not good.errors


def test_imported_referrals_not_yet_screened_are_screened_and_the_others_left(
    uow: UnitOfWork,
) -> None:
    referrals.import_csv(uow, COORDINATOR, HEADER + ROW.format(id="R-C-1") + ROW.format(id="R-C-2"))
    first = intake.screen_unscreened(uow, COORDINATOR, ["R-C-1"], policies(), _gazetteer())
    again = intake.screen_unscreened(
        uow,
        COORDINATOR,
        ["R-C-1", "R-C-2", "R-C-2"],
        policies(),
        _gazetteer(),
    )
    assert [s.decision.referral for s in first] == ["R-C-1"]
    assert [s.decision.referral for s in again] == ["R-C-2"]


def test_new_referrals_are_those_of_the_last_days_newest_first(uow: UnitOfWork) -> None:
    found = morning.new_referrals(uow, DAY)
    received = [r.referral.received for r in found]
    assert received == sorted(received, reverse=True)
    assert all(d >= DAY - dt.timedelta(days=morning.NEW_REFERRAL_DAYS) for d in received)


def test_the_proposal_under_review_is_the_newest_re_solve_until_a_commit_overtakes_it(
    uow: UnitOfWork, settings: Settings
) -> None:
    assert morning.under_review(uow, DAY) is None
    made = proposals.propose(uow, COORDINATOR, settings, DAY)
    assert morning.under_review(uow, DAY) == made
    pair = next(a for a in made.result.assignments)
    pin = ControlsIn(pins=[Pin(case=pair.case, facilitators=pair.facilitators)])
    child = proposals.resolve(uow, COORDINATOR, settings, made.id, pin)
    shown = morning.under_review(uow, DAY)
    assert shown is not None
    assert shown.id == child.id
    assert morning.under_review(uow, DAY + dt.timedelta(days=1)) is None
    commit.commit(uow, COORDINATOR, child.id, None)
    assert morning.under_review(uow, DAY) is None


def test_a_refused_commit_names_what_changed(uow: UnitOfWork, settings: Settings) -> None:
    made = proposals.propose(uow, COORDINATOR, settings, DAY)
    someone = next(iter(uow.pairs.current().values())).facilitator_a
    away = DAY + dt.timedelta(days=2)
    facilitators.mark_unavailable(uow, COORDINATOR, someone, away, away, "unavailable")
    uow.commit()
    with pytest.raises(StaleProposalError) as refused:
        commit.commit(uow, COORDINATOR, made.id, None)
    assert refused.value.changed == [f"{someone} was marked unavailable from {away} to {away}"]
    assert refused.value.errors[1].message.startswith("changed: ")


def _gazetteer() -> Gazetteer:
    return default_gazetteer()


# what_changed, on problems alone


def person(fid: str, **fields: object) -> Facilitator:
    base = {
        "id": fid,
        "home": Location(lat=51.7, lon=0.47),
        "weekly_hours": 6.0,
        "max_cases": 3,
        "vetting_expires": dt.date(2027, 6, 1),
    }
    return Facilitator.model_validate(base | fields)


def case(cid: str, current: list[str] | None = None, **fields: object) -> CaseModel:
    base = {"id": cid, "location": Location(lat=51.7, lon=0.5), "hours": 19.0}
    return CaseModel.model_validate(base | {"current": current or []} | fields)


def problem(facilitators: list[Facilitator], cases: list[CaseModel]) -> Problem:
    return Problem(as_of=DAY, facilitators=facilitators, cases=cases)


def test_what_changed_names_pairs_cases_and_facilitators_in_words() -> None:
    then = problem(
        [person("F-1"), person("F-2"), person("F-3")],
        [case("C-1", ["F-1", "F-2"], pinned=True), case("C-2"), case("C-3", priority=2)],
    )
    window = DateWindow(start=DAY, end=DAY + dt.timedelta(days=4))
    now = problem(
        [person("F-1", unavailable=[window]), person("F-2"), person("F-3", weekly_hours=2.0)],
        [case("C-1", ["F-1", "F-3"]), case("C-3", priority=3), case("C-4")],
    )
    changed = what_changed(then, {"C-1": ["F-1", "F-2"]}, "morning", now)
    assert changed == [
        "case C-1's pair changed from F-1 and F-2 to F-1 and F-3",
        "case C-2 was closed",
        "case C-4 was opened",
        "case C-3: priority changed from 2 to 3",
        f"F-1 was marked unavailable from {window.start} to {window.end}",
        "F-3: weekly hours changed from 6.0 to 2.0",
    ]


def test_what_changed_ignores_what_a_re_plan_adds_to_its_own_problem() -> None:
    planned = DateWindow(start=DAY, end=DAY + dt.timedelta(days=41))
    stored = DateWindow(start=DAY, end=DAY + dt.timedelta(days=7))
    then = problem([person("F-1", unavailable=[stored, planned]), person("F-2")], [])
    now = problem([person("F-1", unavailable=[stored]), person("F-2")], [case("C-9")])
    assert what_changed(then, {}, "replan", now) == [SOMETHING_ELSE]
    assert what_changed(then, {}, "morning", now)[0] == "case C-9 was opened"


# the vetting warning


@pytest.mark.parametrize(
    ("days", "notice", "rank", "lapsed"),
    [
        (90, None, None, False),
        (60, 60, 2, False),
        (31, 60, 2, False),
        (30, 30, 1, False),
        (8, 30, 1, False),
        (7, 7, 0, False),
        (1, 7, 0, False),
        (0, 7, 0, True),
        (-5, 7, 0, True),
    ],
)
def test_the_vetting_warning_is_the_tightest_of_the_policy_s_notices(
    days: int, notice: int | None, rank: int | None, lapsed: bool
) -> None:
    found = vetting(DAY + dt.timedelta(days=days), DAY, VolunteerPolicy())
    assert (found.notice, found.rank, found.lapsed, found.days_left) == (notice, rank, lapsed, days)


def test_the_vetting_warning_follows_the_policy_in_force() -> None:
    policy = VolunteerPolicy(expiry_notice_days=(90, 14))
    assert vetting(DAY + dt.timedelta(days=80), DAY, policy).rank == 1
    assert vetting(DAY + dt.timedelta(days=14), DAY, policy).notice == 14


def test_the_facilitators_table_counts_the_hours_of_their_current_cases(uow: UnitOfWork) -> None:
    table = {r.facilitator.id: r for r in rows(uow, COORDINATOR, DAY)}
    hours = {c.id: c.hours for c in uow.cases.open()}
    for row in table.values():
        assert row.hours_committed == sum(hours[c] for c in row.facilitator.current_cases)
    assert any(r.hours_committed > 0 for r in table.values())
    assert any(r.training for r in table.values())


def test_the_api_s_409_lists_what_changed(client: TestClient) -> None:
    headers = logged_in(client, Role.COORDINATOR)
    for fid in ("F-1", "F-2"):
        client.post("/facilitators", json=a_facilitator(fid), headers=headers)
    client.post("/referrals", json=a_referral("R-1"), headers=headers)
    client.post("/referrals/R-1/screen", json={}, headers=headers)
    made = client.post("/proposals", json={"as_of": "2026-11-23"}, headers=headers).json()
    client.patch("/facilitators/F-2", json={"weekly_hours": 1}, headers=headers)
    refused = client.post(f"/proposals/{made['id']}/commit", headers=headers)
    assert refused.status_code == 409
    messages = [e["message"] for e in refused.json()["errors"]]
    assert "changed since" in messages[0]
    assert "changed: F-2: weekly hours changed from 6.0 to 1.0" in messages


def test_referral_model_is_unchanged_by_the_form_reader() -> None:
    assert Referral.model_validate(a_referral()) == parse_referral_fields(
        _flat(a_referral()), "referral"
    )


def _flat(body: dict[str, object], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in body.items():
        if isinstance(value, dict):
            out |= _flat(value, f"{prefix}{key}.")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                out |= _flat(item, f"{prefix}{key}.{i}.")
        else:
            out[f"{prefix}{key}"] = str(value).lower() if isinstance(value, bool) else str(value)
    return out
