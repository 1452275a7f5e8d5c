"""The facilitator's own record and the volunteer survey in a real browser: the demo
facilitator reads their record, is told per field what is wrong with a claim, submits one and
sees it submitted, and logs hours; a manager opens a survey round (without JavaScript), the
facilitator answers it once, the manager closes it and sees the results suppressed (fewer than
5 answered)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked, sign_in, status


def test_the_demo_facilitator_claims_mileage_after_fixing_the_fields_named(
    signed_in: SignedIn, service: Service
) -> None:
    assert service.logins["facilitator"][1] == "amber-kestrel-demo"  # the demo password
    page = signed_in("facilitator")
    page.get_by_role("link", name="My volunteer record").click()
    expect(page.get_by_role("heading", name="My volunteer record")).to_be_visible()
    for section in ("Training and skills", "Vetting and clearances", "Supervision and CPD"):
        expect(page.get_by_role("heading", name=section)).to_be_visible()
    checked(page, "my-record")

    page.get_by_label("Date of the expense").fill(service.as_of.isoformat())
    page.get_by_role("button", name="Submit claim").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link", name="Choose mileage or another cost")).to_be_visible()
    expect(page.locator("#f-kind-error")).to_contain_text("Choose mileage or another cost")
    checked(page, "my-record-claim-error")

    page.get_by_label("Mileage, at 45p a mile").check()
    page.get_by_label("Miles (for mileage)").fill("12")
    page.get_by_label("What it was for").fill("to the meeting in Harlow")
    page.get_by_role("button", name="Submit claim").click()
    expect(page.get_by_text("Your claim is submitted")).to_be_visible()
    claims = page.get_by_role("table", name="My expense claims, newest first")
    row = claims.get_by_role("row").filter(has_text="12 miles at 45p")
    expect(row).to_contain_text("£5.40")
    expect(row).to_contain_text("submitted")
    checked(page, "my-record-claimed")

    page.get_by_label("Day worked").fill(service.as_of.isoformat())
    page.get_by_label("Hours", exact=True).fill("1.5")
    page.get_by_label("Activity").select_option("admin")
    page.get_by_role("button", name="Log hours").click()
    expect(page.get_by_text("Your hours are logged.")).to_be_visible()


def test_a_round_is_opened_answered_once_and_closed_with_too_few_answers_hidden(
    signed_in: SignedIn, browser_without_js: SignedIn, service: Service
) -> None:
    manager = browser_without_js("manager")
    assert status(manager.goto("/web/survey")) == 200
    manager.get_by_role("button", name="Open a new round").click()
    expect(manager.get_by_text("The round is opened.")).to_be_visible()

    page = signed_in("facilitator")
    page.get_by_role("link", name="tell us how volunteering feels").click()
    questions = page.get_by_role("group")
    count = questions.count()
    for i in range(count - 1):
        questions.nth(i).get_by_label("Agree", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Choose agree, neither or disagree for “I feel frustrated in the role.”"
    )
    checked(page, "my-survey-error")
    questions.nth(count - 1).get_by_label("Disagree", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers are counted.")).to_be_visible()
    checked(page, "my-survey-answered")
    page.goto("/web/me")
    expect(page.get_by_text("The volunteer survey is open")).to_have_count(0)

    manager.goto("/web/survey")
    expect(manager.get_by_text("1 answered so far")).to_be_visible()
    manager.get_by_role("button", name="Close round").click()
    expect(manager.get_by_text("The round is closed.")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, service, "manager")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Facilitators").click()
    page.get_by_role("navigation", name="Facilitators pages").get_by_role(
        "link", name="Volunteer survey"
    ).click()
    results = page.get_by_role("table").first
    expect(results.get_by_role("row").filter(has_text="I feel valued.")).to_contain_text(
        "Fewer than 5 answered: not shown"
    )
    checked(page, "survey-closed")
