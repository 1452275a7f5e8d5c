"""The coordinator's morning in a real browser: the worklist, a typed referral and its
decision, the proposal with its controls, the commit, and the case on the facilitator's own
page; the refusal of a proposal the data moved under; the re-plan after an absence."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Page, expect

from service.store.uow import UnitOfWork
from service.workflow import facilitators
from service.workflow.auth import Principal, Role, create_user
from service.workflow.schemas.facilitators import FacilitatorPatch
from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked, sign_in, status

REFERRAL = "R-WEB-0001"
PASSWORD = "a-facilitator-pw"


def type_referral(page: Page, service: Service, rid: str) -> None:
    """Fill the intake form with a referral the policy in force accepts."""
    page.get_by_label("Reference").fill(rid)
    page.get_by_label("Date received").fill(service.as_of.isoformat())
    page.get_by_label("Referred by").select_option("police")
    page.get_by_label("How it reached the service").select_option("community_resolution")
    page.get_by_label("Kind of harm or conflict").select_option("low_level_crime")
    page.get_by_label("Offence or incident").fill("criminal damage to a fence")
    page.get_by_role("group", name="Where the case stands in court").get_by_label("None").check()
    page.get_by_label("District", exact=True).select_option("Braintree")
    page.get_by_label("Postcode district").fill("CM7")
    for question, answer in (
        ("Is anyone involved under 18?", "No"),
        ("Is the youth justice service involved?", "No"),
        ("Does the person harmed agree to take part?", "Yes"),
        ("Does the person responsible agree to take part?", "Yes"),
        ("Does the person responsible accept responsibility?", "Yes"),
        ("Is there a restorative element?", "Yes"),
    ):
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def login_for(service: Service, facilitator: str) -> str:
    """A login for a facilitator, as an administrator would make one; its username."""
    username = f"user-{facilitator.lower()}"
    with UnitOfWork(service.app.state.sessions, service.app.state.clock) as uow:
        create_user(uow, "admin", username, PASSWORD, Role.FACILITATOR, facilitator)
        uow.commit()
    return username


def test_the_whole_morning_from_a_typed_referral_to_the_facilitators_page(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    checked(page, "worklist")

    page.get_by_role("link", name="Referrals", exact=True).click()
    page.get_by_role("link", name="Type a referral").click()
    page.get_by_role("button", name="Send and screen the referral").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the referrer's reference for this referral")
    expect(summary).to_contain_text("Select whether the person harmed agrees")
    checked(page, "referral-errors")
    summary.get_by_role("link", name="Select who referred the case").click()
    expect(page.get_by_label("Referred by")).to_be_focused()

    type_referral(page, service, REFERRAL)
    page.get_by_role("button", name="Send and screen the referral").click()
    expect(page.get_by_role("heading", name=REFERRAL)).to_be_visible()
    expect(page.locator("#decision")).to_contain_text("accepted")
    expect(page.get_by_text("Meets the essex-2018 criteria")).to_be_visible()
    checked(page, "referral-decision")

    page.get_by_role("link", name="Morning board", exact=True).click()
    row = page.get_by_role("row").filter(has_text=REFERRAL)
    expect(row).to_contain_text("accepted")
    checked(page, "board")

    page.get_by_role("button", name="Propose today's pairs").click()
    expect(page.get_by_role("heading", name="Proposed pairs")).to_be_visible()
    change = page.get_by_role("row").filter(has_text=REFERRAL)
    expect(change).to_be_visible()
    pair = change.locator("td").nth(2).locator("strong").inner_text().split(" and ")
    checked(page, "proposal")

    change.get_by_role("link", name=f"Other pairs for {REFERRAL}").click()
    expect(page.get_by_role("heading", name=f"Other pairs for {REFERRAL}")).to_be_visible()
    expect(page.get_by_text(re.compile("km of travel|same km of travel")).first).to_be_visible()
    checked(page, "alternatives")
    page.get_by_role("link", name="Back to the proposal").click()

    page.get_by_role("row").filter(has_text=REFERRAL).get_by_role("button", name="Pin").click()
    expect(page.get_by_text(f"Case {REFERRAL}: pinned to")).to_be_visible()  # htmx swapped
    expect(page).to_have_url(re.compile(r"/web/board/proposals/[0-9a-f-]+$"))
    page.get_by_role("button", name="Commit these pairs").click()
    expect(page.get_by_text("These pairs are now the cases' pairs")).to_be_visible()
    checked(page, "committed")

    page.get_by_role("button", name="Sign out").click()
    username = login_for(service, pair[0])
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    expect(page.get_by_role("link", name=REFERRAL)).to_be_visible()


def test_a_commit_the_data_moved_under_is_refused_saying_what_changed(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    page.goto("/web/board")
    page.get_by_role("button", name=re.compile("Propose")).first.click()
    expect(page.get_by_role("heading", name="Proposed pairs")).to_be_visible()
    proposal = page.url
    someone = next(c for c in service.problem.cases if c.current).current[1]
    away = service.as_of + dt.timedelta(days=3)

    page.goto(f"/web/facilitators/{someone}")
    page.get_by_label("First day away of a new absence").fill(away.isoformat())
    page.get_by_label("Last day away of a new absence").fill(away.isoformat())
    page.get_by_role("button", name="Save availability").click()
    expect(page.get_by_text("The absences are saved")).to_be_visible()
    checked(page, "facilitator")

    page.goto(proposal)
    page.get_by_role("button", name="Commit these pairs").click()
    expect(page.get_by_text("This proposal was not committed")).to_be_visible()
    expect(page.locator("#what-changed")).to_contain_text(
        f"{someone} was marked unavailable from {away} to {away}"
    )
    checked(page, "commit-refused")
    page.get_by_role("button", name="Propose again from today's data").click()
    page.get_by_role("button", name="Commit these pairs").click()
    expect(page.get_by_text("These pairs are now the cases' pairs")).to_be_visible()


def test_marking_a_facilitator_unavailable_opens_the_re_plan_to_accept(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    case = next(c for c in service.problem.cases if c.current)
    leaving = case.current[0]
    page.get_by_role("link", name="Facilitators", exact=True).click()
    checked(page, "facilitators")
    page.get_by_role("link", name=leaving, exact=True).click()
    page.get_by_label("From").fill(service.as_of.isoformat())
    page.get_by_label("Until (the last day away)").fill(
        (service.as_of + dt.timedelta(days=20)).isoformat()
    )
    page.get_by_role("button", name="Mark unavailable and re-plan").click()
    expect(page.get_by_role("heading", name="Proposed changes to accept")).to_be_visible()
    moved = page.get_by_role("row").filter(has_text=case.id)
    expect(moved).to_contain_text(f"{leaving} is unavailable")
    checked(page, "replan")
    page.get_by_role("button", name="Accept and commit these pairs").click()
    expect(page.get_by_text("These pairs are now the cases' pairs")).to_be_visible()
    page.goto(f"/web/cases/{case.id}")
    expect(page.get_by_role("row").filter(has_text="now")).not_to_contain_text(leaving)


def test_the_main_actions_are_reachable_by_tab_and_enter(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    page.goto("/web/referrals/new")
    type_referral(page, service, "R-WEB-KEYS")
    page.get_by_role("button", name="Send and screen the referral").click()
    page.goto("/web/board")
    tab_to(page, "Propose")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Proposed pairs")).to_be_visible()
    tab_to(page, "(Other|Possible) pairs for R-WEB-KEYS")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Other pairs for R-WEB-KEYS")).to_be_visible()
    tab_to(page, "Use ")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"Case \S+: pinned to"))).to_be_visible()
    tab_to(page, "Commit these pairs")
    page.keyboard.press("Enter")
    expect(page.get_by_text("These pairs are now the cases' pairs")).to_be_visible()
    page.goto("/web/referrals/new")
    tab_to(page, "Send and screen the referral")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_be_focused()  # GOV.UK moves focus there


def tab_to(page: Page, name: str, limit: int = 200) -> None:
    """Press Tab until the focused element's text matches `name` at its start (a regular
    expression; fail after `limit` presses)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = " ".join(page.evaluate("() => document.activeElement.innerText || ''").split())
        if re.match(name, text):
            return
        seen.append(text)
    raise AssertionError(f"{name!r} is not reachable by Tab; focused in turn: {seen}")


def test_the_intake_and_the_board_work_without_javascript(
    browser_without_js: SignedIn, service: Service
) -> None:
    page = browser_without_js("coordinator")
    page.goto("/web/referrals/new")
    type_referral(page, service, "R-WEB-NOJS")
    page.get_by_role("button", name="Send and screen the referral").click()
    expect(page.locator("#decision")).to_contain_text("accepted")
    page.goto("/web/board")
    page.get_by_role("button", name=re.compile("Propose")).first.click()
    row = page.get_by_role("row").filter(has_text="R-WEB-NOJS")
    row.get_by_role("button", name="Pin").click()
    expect(page.get_by_text("Case R-WEB-NOJS: pinned to")).to_be_visible()


def test_a_csv_import_is_previewed_with_its_errors_before_anything_is_written(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    header = (
        "id,received,referrer.organisation,route,case_type,court,youth.under_18,"
        "youth.youth_justice,consent.victim,consent.perpetrator,responsibility_accepted,"
        "restorative_element,district,location.outcode\n"
    )
    rest = "police,community_resolution,low_level_crime,none,false,false,true,true,true,true"
    good = f"R-CSV-1,{service.as_of},{rest},Chelmsford,CM1\n"
    bad = f"R-CSV-2,not-a-date,{rest},Chelmsford,CM1\n"
    page.goto("/web/referrals/import")
    files = {"name": "referrals.csv", "mimeType": "text/csv"}
    page.get_by_label("CSV file").set_input_files(
        files | {"buffer": (header + good + bad).encode()}
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#import-errors")).to_contain_text("row 3, column received")
    expect(page.get_by_role("button", name=re.compile("^Import"))).to_have_count(0)
    checked(page, "import-errors")

    page.goto("/web/referrals/import")
    page.get_by_label("CSV file").set_input_files(files | {"buffer": (header + good).encode()})
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("row").filter(has_text="R-CSV-1")).to_be_visible()
    checked(page, "import-preview")
    page.get_by_role("button", name="Import 1 referral").click()
    expect(page.get_by_role("heading", name="Referrals imported")).to_be_visible()
    checked(page, "import-done")
    page.get_by_role("button", name="Screen the 1 referral").click()
    expect(page.get_by_role("row").filter(has_text="R-CSV-1")).to_contain_text("accepted")


def test_a_vetting_about_to_lapse_is_flagged_and_its_cases_re_planned(
    signed_in: SignedIn, service: Service
) -> None:
    case = [c for c in service.problem.cases if c.current][-1]  # one no other test moves
    someone = case.current[1]
    soon = service.as_of + dt.timedelta(days=5)
    with UnitOfWork(service.app.state.sessions, service.app.state.clock) as uow:
        admin = Principal(0, "admin", Role.ADMIN, None)
        patch = FacilitatorPatch(vetting_expires=soon)
        facilitators.update(uow, admin, someone, patch, service.app.state.gazetteer)
    page = signed_in("coordinator")
    page.goto("/web/facilitators")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=someone, exact=True))
    expect(row.locator(".govuk-tag--red")).to_have_text("expires in 5 days")
    row.get_by_role("link", name=someone, exact=True).click()
    page.get_by_role("button", name=f"Re-plan {someone}'s cases for the lapsed vetting").click()
    expect(page.get_by_role("heading", name="Proposed changes to accept")).to_be_visible()
    moved = page.get_by_role("row").filter(has_text=case.id)
    expect(moved.locator("td").nth(1)).to_contain_text(someone)  # the pair now
    expect(moved.locator("td").nth(2).locator("strong")).not_to_contain_text(someone)
    checked(page, "replan-vetting")


def test_who_may_see_and_change_the_morning(signed_in: SignedIn, service: Service) -> None:
    page = signed_in("manager")
    page.goto("/web/board")
    expect(page.get_by_role("heading", name="Morning board")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Propose"))).to_have_count(0)
    assert status(page.goto("/web/referrals/new")) == 403
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, service, "facilitator")
    expect(page.get_by_role("link", name="Morning board")).to_have_count(0)
    for path in ("/web/board", "/web/worklist", "/web/facilitators", "/web/referrals"):
        assert status(page.goto(path)) == 403


def test_every_new_referral_is_screened_from_the_board_at_once(signed_in: SignedIn) -> None:
    page = signed_in("coordinator")
    page.goto("/web/board")
    page.get_by_role(
        "button", name=re.compile(r"^Screen the \d+ referrals not yet screened")
    ).click()
    expect(page.get_by_role("heading", name="Morning board")).to_be_visible()
    expect(page.get_by_text("not screened")).to_have_count(0)
    checked(page, "board-screened")


def test_bad_dates_are_named_at_their_fields_and_nothing_changes(
    signed_in: SignedIn, service: Service
) -> None:
    someone = service.problem.facilitators[0].id
    page = signed_in("coordinator")
    page.goto(f"/web/facilitators/{someone}")
    page.get_by_label("First day away of a new absence").fill("2026-12-10")
    page.get_by_label("Last day away of a new absence").fill("2026-12-01")
    page.get_by_role("button", name="Save availability").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("end is before start")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Last day away of a new absence")).to_be_focused()
    checked(page, "availability-errors")

    page.goto(f"/web/facilitators/{someone}")
    page.get_by_label("From").fill((service.as_of - dt.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Mark unavailable and re-plan").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("before the planning day")
    expect(page.get_by_label("First day away of absence 1")).to_have_count(0)  # none recorded
