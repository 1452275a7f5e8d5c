"""The forms of the volunteers' pages in a real browser: a coordinator adds a training event,
records a vetting check and a supervision on a facilitator's record, and moves a recruit to
their next stage on a day; bad input comes back with the GOV.UK error summary and each field's
message, nothing written; the forms work without JavaScript."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked, status


def record_of(page: Page, fid: str) -> Page:
    assert status(page.goto(f"/web/facilitators/{fid}/record")) == 200
    return page


def test_a_coordinator_adds_training_a_check_and_a_supervision_to_a_record(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    fid = service.problem.facilitators[0].id
    day = (service.as_of - dt.timedelta(days=3)).isoformat()
    record_of(page, fid)
    training = page.locator("form", has=page.get_by_role("button", name="Add training"))
    training.get_by_label("Course").select_option("dv_sv")
    training.get_by_label("Level").select_option("intermediate")
    training.get_by_label("Completed on").fill(day)
    training.get_by_label("Provider").fill("Restorative Solutions")
    training.get_by_label("CPD hours it counts for").fill("12")
    training.get_by_role("button", name="Add training").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The training is added")
    expect(page.get_by_role("row", name="dv sv").first).to_contain_text("Restorative Solutions")

    check = page.locator("form", has=page.get_by_role("button", name="Record the check"))
    check.get_by_label("National security vetting (NSV)").check()
    check.get_by_label("Granted on").fill(day)
    check.get_by_role("button", name="Record the check").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The check is recorded")
    nsv = page.get_by_role("row", name="National security vetting")
    expect(nsv).to_contain_text(shown_day(service.as_of - dt.timedelta(days=3)))

    supervision = page.locator(
        "form", has=page.get_by_role("button", name="Record the supervision")
    )
    supervision.get_by_label("Held on").fill(day)
    supervision.get_by_label("Group").check()
    supervision.get_by_label("Supervised by").fill("Coordinator Jo")
    supervision.get_by_role("button", name="Record the supervision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("supervision is recorded")
    expect(page.get_by_role("row", name="Coordinator Jo")).to_contain_text("group")
    checked(page, "facilitator-record-forms")


def shown_day(day: dt.date) -> str:
    from service.web.templating import TEMPLATES

    return str(TEMPLATES.env.filters["date"](day))


def test_bad_record_input_is_listed_in_the_error_summary_and_nothing_is_written(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    fid = service.problem.facilitators[1].id
    record_of(page, fid)
    rows_before = page.locator("table").first.locator("tr").count()
    training = page.locator("form", has=page.get_by_role("button", name="Add training"))
    future = (service.as_of + dt.timedelta(days=5)).isoformat()
    training.get_by_label("Completed on").fill(future)
    with page.expect_navigation() as sent:
        training.get_by_role("button", name="Add training").click()
    assert status(sent.value) == 422
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link")).to_contain_text("is in the future")
    expect(page.locator("#f-training-completed_on-error")).to_be_visible()
    expect(page.get_by_label("Completed on")).to_have_value(future)
    assert page.locator("table").first.locator("tr").count() == rows_before

    supervision = page.locator(
        "form", has=page.get_by_role("button", name="Record the supervision")
    )
    with page.expect_navigation() as sent:
        supervision.get_by_role("button", name="Record the supervision").click()
    assert status(sent.value) == 422
    links = page.locator(".govuk-error-summary").get_by_role("link")
    expect(links).to_have_count(3)
    expect(page.locator("#f-supervision-held_on-error")).to_contain_text("Enter the day")
    expect(page.locator("#f-supervision-kind-error")).to_contain_text("individual or group")
    expect(page.locator("#f-supervision-supervisor-error")).to_contain_text("who supervised")

    check = page.locator("form", has=page.get_by_role("button", name="Record the check"))
    check.get_by_label("Force vetting").check()
    check.get_by_label("Granted on").fill(service.as_of.isoformat())
    check.get_by_label("Expires on (optional)").fill("2000-01-01")
    with page.expect_navigation() as sent:
        check.get_by_role("button", name="Record the check").click()
    assert status(sent.value) == 422
    expect(page.locator("#f-check-expires_on-error")).to_contain_text(
        "The expiry must come after the day it was granted"
    )
    checked(page, "facilitator-record-errors")


def test_the_record_forms_work_without_javascript(
    browser_without_js: SignedIn, service: Service
) -> None:
    page = browser_without_js("coordinator")
    fid = service.problem.facilitators[2].id
    record_of(page, fid)
    supervision = page.locator(
        "form", has=page.get_by_role("button", name="Record the supervision")
    )
    supervision.get_by_label("Held on").fill(service.as_of.isoformat())
    supervision.get_by_label("Individual").check()
    supervision.get_by_label("Supervised by").fill("Coordinator Sam")
    supervision.get_by_role("button", name="Record the supervision").click()
    expect(page.get_by_role("row", name="Coordinator Sam")).to_contain_text("individual")
    last = page.locator(".govuk-summary-list__row", has_text="Last")
    expect(last).to_contain_text(shown_day(service.as_of))


def test_a_coordinator_moves_a_recruit_to_the_next_stage_on_a_day(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Facilitators").click()
    page.get_by_role("navigation", name="Facilitators pages").get_by_role(
        "link", name="Recruitment", exact=True
    ).click()
    recruits = page.locator("table", has=page.get_by_role("columnheader", name="Recruit"))
    waiting = recruits.get_by_role("row").filter(has_text="Vetting submitted").first
    rid = waiting.get_by_role("link").inner_text()
    waiting.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(rid)

    form = page.locator("form", has=page.get_by_role("button", name="Move to this stage"))
    form.get_by_label("Vetted").check()
    with page.expect_navigation() as sent:
        form.get_by_role("button", name="Move to this stage").click()
    assert status(sent.value) == 422, "a stage needs its day"
    expect(page.locator(".govuk-error-summary").get_by_role("link")).to_contain_text(
        "Enter the day they reached it"
    )
    expect(page.locator("#f-stage-on-error")).to_be_visible()
    checked(page, "recruit-stage-error")

    form.get_by_label("On", exact=True).fill(service.as_of.isoformat())
    form.get_by_role("button", name="Move to this stage").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{rid} is now vetted")
    expect(page.get_by_role("row", name="Vetted")).to_contain_text(shown_day(service.as_of))
    expect(page.get_by_label("Active")).to_be_visible()  # what comes next now
    expect(page.get_by_label("Facilitator id")).to_be_visible()
    checked(page, "recruit-stage")
    page.get_by_role("link", name="Back to recruitment").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=rid, exact=True))
    expect(row).to_contain_text("Vetted")


def test_a_stage_before_the_one_before_is_refused_naming_the_day(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    page.goto("/web/recruits")
    recruits = page.locator("table", has=page.get_by_role("columnheader", name="Recruit"))
    row = recruits.get_by_role("row").filter(has_text="Applicant").first
    row.get_by_role("link").click()
    form = page.locator("form", has=page.get_by_role("button", name="Move to this stage"))
    form.get_by_label("Interviewed").check()
    form.get_by_label("On", exact=True).fill("2001-01-01")
    with page.expect_navigation() as sent:
        form.get_by_role("button", name="Move to this stage").click()
    assert status(sent.value) == 422
    expect(page.locator("#f-stage-on-error")).to_contain_text(
        "The day must not be before the stage before"
    )
