"""The cases pages in a real browser: the list and its filters, one case with its pairs."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked


def test_the_cases_list_filters_to_the_cases_waiting_for_a_pair(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("manager")
    page.get_by_role("link", name="Cases").click()
    expect(page.get_by_role("heading", name="Cases", exact=True)).to_be_visible()
    rows = page.locator("#cases-table tbody tr")
    expect(rows).to_have_count(len(service.problem.cases))
    checked(page, "cases")
    page.get_by_label("Only cases waiting for a pair").check()
    waiting = [c for c in service.problem.cases if not c.current]
    expect(rows).to_have_count(len(waiting))  # htmx swapped the table in place
    expect(page).to_have_url(re.compile("unallocated=true"))
    expect(rows.first).to_contain_text("waiting for a pair")


def test_the_filters_work_without_javascript(browser_without_js: SignedIn) -> None:
    page = browser_without_js("manager")
    page.goto("/web/cases")
    page.get_by_label("Status").select_option("closed")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("No cases match these filters.")).to_be_visible()


def test_a_case_page_shows_its_pair_and_the_pairs_it_had(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("coordinator")
    case = next(c for c in service.problem.cases if c.current)
    page.goto("/web/cases")
    page.get_by_role("link", name=case.id, exact=True).click()
    expect(page.get_by_role("heading", name=case.id)).to_be_visible()
    expect(page.get_by_text(" and ".join(case.current)).first).to_be_visible()
    checked(page, "case")
