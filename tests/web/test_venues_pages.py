"""The venues and prisons register page in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from service.workflow.demo_records import VENUE_COUNT
from tests.web.conftest import SignedIn
from tests.web.harness import checked


def test_the_register_shows_the_demo_venues_and_the_prisons_visit_arrangements(
    signed_in: SignedIn,
) -> None:
    page = signed_in("coordinator")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Meetings").click()
    page.get_by_role("navigation", name="Meetings pages").get_by_role("link", name="Venues").click()
    expect(page.get_by_role("heading", name="Venues and prisons")).to_be_visible()
    expect(page.locator("#venues-table tbody tr")).to_have_count(VENUE_COUNT)
    prisons = page.locator("#prisons-table tbody tr")
    expect(prisons.filter(has_text="HMP/YOI Chelmsford")).to_have_count(1)
    checked(page, "venues")


def test_a_volunteer_cannot_open_the_register(signed_in: SignedIn) -> None:
    page = signed_in("facilitator")
    expect(page.get_by_role("link", name="Venues")).to_have_count(0)
    answer = page.goto("/web/venues")
    assert answer is not None
    assert answer.status == 403
