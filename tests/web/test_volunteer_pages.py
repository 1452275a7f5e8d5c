"""The volunteers' pages in a real browser: a facilitator's record (from their page) and the
recruitment funnel over a period; both are staff pages, a facilitator gets 403."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from service.web.templating import TEMPLATES
from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked, status


def shown(day: dt.date) -> str:
    """A day as the pages show it (the `date` filter)."""
    return str(TEMPLATES.env.filters["date"](day))


def test_a_coordinator_opens_a_facilitators_record_from_their_page(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    person = service.problem.facilitators[0]
    page.get_by_role("link", name="Facilitators", exact=True).click()
    page.get_by_role("link", name=person.id, exact=True).first.click()
    page.get_by_role("link", name="Volunteer record").click()
    expect(page.get_by_role("heading", name=f"Record of {person.id}")).to_be_visible()
    expires = page.locator(".govuk-summary-list__row", has_text="Force vetting expires")
    expect(expires).to_contain_text(shown(person.vetting_expires))
    for heading in ("Training", "Checks", "Supervision", "CPD this year"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Force vetting")).to_be_visible()
    expect(page.get_by_role("cell", name="Refresher").first).to_be_visible()
    checked(page, "facilitator-record")


def test_the_funnel_over_a_period_shows_the_demo_cohort(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Facilitators").click()
    page.get_by_role("navigation", name="Facilitators pages").get_by_role(
        "link", name="Recruitment", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Recruitment", exact=True)).to_be_visible()
    page.get_by_label("Trained from").fill((service.as_of - dt.timedelta(days=600)).isoformat())
    page.get_by_label("Trained until").fill(service.as_of.isoformat())
    page.get_by_role("button", name="Show the funnel").click()
    table = page.locator("table.govuk-table")
    expect(table.locator("caption")).to_contain_text("25 trained from")
    trained = table.get_by_role("row", name="Trained")
    expect(trained.get_by_role("cell").first).to_have_text("25")
    active = table.get_by_role("row", name="Active")
    expect(active.get_by_role("cell").first).to_have_text("9")
    checked(page, "recruits-funnel")


def test_a_period_ending_before_it_starts_is_refused_naming_the_field(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    day = service.as_of.isoformat()
    answer = page.goto(f"/web/recruits?from={day}&to=2020-01-01")
    assert status(answer) == 422
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link")).to_contain_text("is after")
    expect(page.locator("#f-from-error")).to_be_visible()
    assert status(page.goto("/web/recruits?from=2020-02-31&to=2020-03-01")) == 422
    expect(page.locator("#f-from-error")).to_contain_text("Enter the first day")
    assert status(page.goto("/web/recruits?from=2020-01-01&to=1800-01-01")) == 422
    expect(page.locator("#f-to-error")).to_contain_text("The last day of the period: 1800-01-01")
    checked(page, "recruits-bad-period")


def test_a_facilitator_cannot_open_a_record_or_the_funnel(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("facilitator")
    me = service.logins["facilitator"][2]
    assert status(page.goto(f"/web/facilitators/{me}/record")) == 403
    expect(page.get_by_role("heading", name="You cannot do this")).to_be_visible()
    assert status(page.goto("/web/recruits")) == 403
    expect(page.get_by_role("link", name="Recruitment")).to_have_count(0)
    checked(page, "recruits-forbidden")
