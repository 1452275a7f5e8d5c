"""The case file pages in a real browser: one case walked from its referral to its evaluation
(type and screen the referral, open its case file, add the person harmed, log the call where
she agrees, write the referrer the acceptance message, close with a conference, record her
evaluation), a bad day refused on the form by field with nothing written."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked, status
from tests.web.test_morning_pages import type_referral

REFERRAL = "R-FILE-0001"


def test_one_case_from_its_referral_to_the_evaluation(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    page.goto("/web/referrals/new")
    type_referral(page, service, REFERRAL)
    page.get_by_role("button", name="Send and screen the referral").click()
    page.get_by_role("link", name=REFERRAL, exact=True).click()
    page.get_by_role("link", name="Case file: parties").click()
    expect(page.get_by_role("heading", name=REFERRAL)).to_be_visible()
    expect(page.get_by_text("No parties yet.")).to_be_visible()

    page.get_by_text("Add a party").click()
    page.get_by_label("Role").select_option("harmed")
    page.get_by_label("Name").fill("Ann Example")
    page.get_by_label("Phone").fill("01632 960001")
    page.get_by_role("button", name="Add the party").click()
    parties = page.locator("#parties + table")
    expect(parties).to_contain_text("Ann Example")
    expect(parties).to_contain_text("not contacted")

    page.get_by_text("Log a contact with a party").click()
    page.get_by_label("Day").fill("2001-01-01")
    page.get_by_role("button", name="Log the contact").click()
    expect(page.get_by_role("alert")).to_contain_text("before the referral")
    expect(page.get_by_text("No contacts yet.")).to_be_visible()  # nothing written

    page.get_by_label("Day").fill(service.as_of.isoformat())  # the form came back open
    page.get_by_label("What came of it").select_option("agreed")
    page.get_by_label("Notes and next step").fill("Would like to meet him")
    page.get_by_role("button", name="Log the contact").click()
    expect(parties).to_contain_text("agreed")
    expect(page.locator("#contacts + table")).to_contain_text("Would like to meet him")

    page.get_by_label("Message to the referrer").select_option("accepted")
    page.get_by_role("button", name="Write and log the message").click()
    expect(page.get_by_role("link", name="Download the message (.eml)")).to_be_visible()

    page.get_by_text("Add an agreed action").click()
    page.get_by_label("What was agreed").fill("Write a letter of apology")
    page.get_by_label("Due by").fill(service.as_of.isoformat())
    page.get_by_role("button", name="Add the action").click()
    page.get_by_role("button", name="Mark action 1 done today").click()
    expect(page.locator("#outcome ~ table").first).not_to_contain_text("not yet")

    page.get_by_label("How the case ended").select_option("direct")
    page.get_by_label("How they communicated").select_option("conference")
    page.get_by_role("button", name="Close the case with this outcome").click()
    expect(page.locator("#outcome + dl")).to_contain_text("direct, conference")

    evaluation = page.locator("form[action$='/file/evaluations']")
    evaluation.get_by_label("5", exact=True).check()
    evaluation.get_by_label("Yes").check()
    evaluation.get_by_label("Comments").fill("I felt listened to")
    evaluation.get_by_role("button", name="Record the evaluation").click()
    expect(page.locator("#feedback + table")).to_contain_text("I felt listened to")
    checked(page, "case-file")


def _party(page: Page, role: str, name: str) -> None:
    page.get_by_text("Add a party").click()
    page.get_by_label("Role").select_option(role)
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Add the party").click()


def test_a_party_changed_referred_on_and_the_feedback_after_the_case(
    signed_in: SignedIn, service: Service
) -> None:
    case = "R-FILE-0002"
    today = service.as_of.isoformat()
    page = signed_in("coordinator")
    page.goto("/web/referrals/new")
    type_referral(page, service, case)
    page.get_by_role("button", name="Send and screen the referral").click()
    page.goto(f"/web/cases/{case}/file")
    _party(page, "harmed", "Bea Example")
    _party(page, "responsible", "Cal Example")
    rows = page.locator("#parties + table tbody tr")
    harmed, responsible = (rows.nth(i).locator("td").first.inner_text() for i in (0, 1))

    page.get_by_role("link", name=f"Change party {harmed}'s details").click()
    expect(page.get_by_role("heading", name=f"Party {harmed}: harmed")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Bea Example")
    page.get_by_label("Interpreter").fill("Polish")
    page.get_by_label("How they prefer to be contacted").select_option("letter")
    checked(page, "case-party")
    page.get_by_role("button", name="Save the party's details").click()
    expect(page).to_have_url(re.compile(rf"/web/cases/{case}/file#parties$"))
    page.get_by_role("link", name=f"Change party {harmed}'s details").click()
    expect(page.get_by_label("Interpreter")).to_have_value("Polish")
    expect(page.get_by_label("Name")).to_have_value("Bea Example")  # the rest kept
    page.get_by_role("link", name="Back to the case file").click()

    onward = page.locator("form[action$='/file/onward-referrals']")
    page.locator("summary").filter(has_text="Record an onward referral").click()
    onward.get_by_label("Who was referred on").select_option(responsible)
    onward.get_by_label("To which agency").select_option("structured_activity")
    onward.get_by_label("Note").fill("Anger management course")
    onward.get_by_role("button", name="Record the onward referral").click()
    expect(page.locator("#onward + ul")).to_contain_text(
        f"structured activity, party {responsible}"
    )

    page.get_by_label("How the case ended").select_option("direct")
    page.get_by_label("How they communicated").select_option("conference")
    page.get_by_role("button", name="Close the case with this outcome").click()

    page.locator("summary").filter(has_text="Record an empathy score").click()
    empathy = page.locator("form[action$='/file/empathy']")
    empathy.get_by_label("before").check()
    empathy.get_by_label("Score (0 to 100)").fill("101")
    empathy.get_by_role("button", name="Record the score").click()
    expect(page.get_by_role("alert")).to_contain_text("100")
    expect(page.get_by_text("No scores yet.")).to_be_visible()  # nothing written
    empathy.get_by_label("Score (0 to 100)").fill("41")  # the form came back open
    empathy.get_by_role("button", name="Record the score").click()
    expect(page.locator("#empathy + ul")).to_contain_text(f"Party {responsible}, before: 41")

    page.locator("summary").filter(has_text="Record the referrer's feedback").click()
    referrer = page.locator("form[action$='/file/referrer-feedback']")
    referrer.get_by_role("group", name="Being kept updated").get_by_label("4").check()
    referrer.get_by_role("group", name="Would they refer again?").get_by_label("Yes").check()
    referrer.get_by_role("button", name="Record the referrer's feedback").click()
    expect(page.locator("#referrer-feedback + table")).to_contain_text(today)

    page.locator("summary").filter(has_text="Record a complaint").click()
    complaint = page.locator("form[action$='/file/complaints']")
    complaint.get_by_label("What it is about").fill("The meeting started late")
    complaint.get_by_role("button", name="Record the complaint").click()
    card = page.locator(".govuk-summary-card").filter(has_text="The meeting started late")
    complaint_id = card.get_attribute("id")
    card.get_by_label("How it was resolved").fill("Apologised; rooms booked earlier")
    card.get_by_label("No").check()
    card.get_by_role("button", name=re.compile("^Record the resolution of complaint")).click()
    expect(page.locator(f"#{complaint_id}")).to_contain_text("not upheld")
    checked(page, "case-file-feedback")


def test_only_planners_change_a_party_and_only_of_its_own_case(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    for case in ("R-FILE-0003", "R-FILE-0004"):
        page.goto("/web/referrals/new")
        type_referral(page, service, case)
        page.get_by_role("button", name="Send and screen the referral").click()
    page.goto("/web/cases/R-FILE-0003/file")
    _party(page, "harmed", "Dee Example")
    first = page.locator("#parties + table tbody tr").first.locator("td").first.inner_text()
    assert status(page.goto(f"/web/cases/R-FILE-0003/file/parties/{first}")) == 200
    assert status(page.goto(f"/web/cases/R-FILE-0004/file/parties/{first}")) == 404
    page.get_by_role("button", name="Sign out").click()
    page = signed_in("manager")
    assert status(page.goto(f"/web/cases/R-FILE-0003/file/parties/{first}")) == 403
