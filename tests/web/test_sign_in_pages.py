"""Signing in and out in a real browser, the navigation each role sees, and the error pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked, status


def test_the_service_address_shows_the_sign_in_page(page: Page, service: Service) -> None:
    page.goto(service.url)
    expect(page).to_have_url(re.compile(r"/web/$"))
    expect(page.get_by_role("heading", name="Sign in to rjplan")).to_be_visible()
    checked(page, "sign-in")


def test_a_wrong_password_is_named_in_an_error_summary_that_leads_to_the_field(
    page: Page, service: Service
) -> None:
    page.goto("/web/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter a correct username and password")
    expect(page).to_have_title(re.compile("^Error: "))
    checked(page, "sign-in-error")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Username")).to_be_focused()


def test_a_coordinator_sees_only_the_sections_a_coordinator_may_open(
    signed_in: SignedIn,
) -> None:
    page = signed_in("coordinator")
    menu = page.get_by_role("navigation", name="Menu")
    for label in ("Cases",):
        expect(menu.get_by_role("link", name=label)).to_be_visible()
    for label in ("My work",):
        expect(menu.get_by_role("link", name=label)).to_have_count(0)


def test_a_facilitator_sees_only_their_own_work(signed_in: SignedIn) -> None:
    page = signed_in("facilitator")
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link")).to_have_count(1)
    checked(page, "my-work")


def test_a_facilitator_opening_another_facilitators_case_is_refused(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("facilitator")
    me = service.logins["facilitator"][2]
    other = next(c.id for c in service.problem.cases if c.current and me not in c.current)
    assert status(page.goto(f"/web/cases/{other}")) == 403
    expect(page.get_by_role("heading", name="You cannot do this")).to_be_visible()
    checked(page, "error-403")


def test_an_unknown_page_is_a_404_page_in_the_same_style(signed_in: SignedIn) -> None:
    page = signed_in("coordinator")
    assert status(page.goto("/web/no-such-page")) == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    checked(page, "error-404")


def test_signing_out_ends_the_session(signed_in: SignedIn) -> None:
    page = signed_in("manager")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    page.goto("/web/cases")
    expect(page.get_by_role("heading", name="Sign in to rjplan")).to_be_visible()


def test_signing_in_takes_only_the_keyboard(page: Page, service: Service) -> None:
    page.goto("/web/")
    page.keyboard.press("Tab")  # the skip link first
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.get_by_label("Username").focus()
    page.keyboard.type(service.logins["coordinator"][0])
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(service.logins["coordinator"][1])
    page.keyboard.press("Enter")
    expect(page.get_by_text("Signed in as")).to_be_visible()


@pytest.mark.parametrize("role", ["admin", "coordinator", "manager", "facilitator"])
def test_every_roles_bar_keeps_to_one_line_on_a_laptop(signed_in: SignedIn, role: str) -> None:
    page = signed_in(role)
    page.set_viewport_size({"width": 1280, "height": 800})
    links = page.get_by_role("navigation", name="Menu").get_by_role("link")
    tops = {round(box["y"]) for box in (link.bounding_box() for link in links.all()) if box}
    assert len(tops) == 1, f"the {role}'s bar wraps onto {len(tops)} lines"


def test_a_section_under_another_is_reached_through_its_second_row(
    signed_in: SignedIn,
) -> None:
    page = signed_in("coordinator")
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link", name="Recruitment")).to_have_count(0)
    menu.get_by_role("link", name="Facilitators").click()
    pages = page.get_by_role("navigation", name="Facilitators pages")
    expect(pages.get_by_role("link", name="Facilitators")).to_have_attribute("aria-current", "page")
    pages.get_by_role("link", name="Recruitment").click()
    expect(page.get_by_role("heading", name="Recruitment", exact=True)).to_be_visible()
    expect(menu.get_by_role("link", name="Facilitators")).to_have_attribute("aria-current", "true")
    checked(page, "recruitment-subnav")
