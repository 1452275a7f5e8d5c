"""The case file pages in a real browser: one case walked from its referral to its evaluation
(type and screen the referral, open its case file, add the person harmed, log the call where
she agrees, write the referrer the acceptance message, close with a conference, record her
evaluation), a bad day refused on the form by field with nothing written."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked
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

    page.get_by_label("5", exact=True).check()
    page.get_by_label("Yes").check()
    page.get_by_label("Comments").fill("I felt listened to")
    page.get_by_role("button", name="Record the evaluation").click()
    expect(page.locator("#feedback + table")).to_contain_text("I felt listened to")
    checked(page, "case-file")
