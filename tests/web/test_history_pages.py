"""The history upload page in a real browser: a file with bad rows is refused whole, every bad
row listed with its column; the 2017-18 history loads; the form is a plain multipart POST for a
browser without JavaScript; a coordinator cannot open the page (manager and admin only)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked, status

HISTORY = Path(__file__).parents[1] / "fixtures" / "history"
BAD = (
    b"id,received,referrer,district,decision,outcome\n"
    b"H-1,2017-05-02,police,Harlow,accept,direct\n"
    b"H-2,2017-05-03,bank,Harlow,accept,\n"
    b"H-3,2017-05-04,police,Harlow,maybe,\n"
    b"H-4,2017-05-05,police,Harlow,decline,direct\n"
)


def test_a_file_with_bad_rows_is_refused_listing_each(signed_in: SignedIn) -> None:
    page = signed_in("manager")
    page.goto("/web/reports")
    page.get_by_role("link", name="Load the service's history from a spreadsheet").click()
    expect(page.get_by_role("heading", name="Load the service's history")).to_be_visible()
    expect(page.get_by_text("No history loaded yet.")).to_be_visible()
    page.get_by_label("History file").set_input_files(
        {"name": "past.csv", "mimeType": "text/csv", "buffer": BAD}
    )
    page.get_by_role("button", name="Load the history").click()
    expect(page.get_by_role("alert")).to_contain_text("The file has 3 problems")
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported")
    problems = page.get_by_role("table", name="Problems in past.csv")
    rows = problems.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("3")
    expect(rows.nth(0)).to_contain_text("referrer")
    expect(rows.nth(1)).to_contain_text("decision")
    expect(rows.nth(2)).to_contain_text("outcome")
    expect(page.get_by_text("No history loaded yet.")).to_be_visible()
    checked(page, "history-refused")


def test_a_history_file_loads(signed_in: SignedIn) -> None:
    page = signed_in("admin")
    page.goto("/web/reports/history")
    page.get_by_label("History file").set_input_files(HISTORY / "essex-2017-18.csv")
    page.get_by_role("button", name="Load the history").click()
    expect(page.get_by_text("Imported 426 past referrals from essex-2017-18.csv.")).to_be_visible()
    loaded = page.get_by_role("table", name="History files loaded, the latest first")
    expect(loaded.get_by_role("row").filter(has_text="essex-2017-18.csv")).to_contain_text("426")
    checked(page, "history-loaded")


def test_the_upload_is_a_plain_form_without_javascript(browser_without_js: SignedIn) -> None:
    """(Playwright's set_input_files waits for ever in a page without JavaScript, so the form
    is checked for what a browser without scripts needs: a multipart POST to the page.)"""
    page = browser_without_js("manager")
    page.goto("/web/reports/history")
    form = page.locator("form", has=page.get_by_label("History file"))
    expect(form).to_have_attribute("method", "post")
    expect(form).to_have_attribute("enctype", "multipart/form-data")
    expect(form).to_have_attribute("action", "/web/reports/history")
    expect(form.get_by_role("button", name="Load the history")).to_have_attribute("type", "submit")


def test_a_coordinator_cannot_load_history(signed_in: SignedIn, service: Service) -> None:
    page = signed_in("coordinator")
    assert status(page.goto("/web/reports/history")) == 403
    page.goto("/web/reports")
    expect(page.get_by_role("link", name="Load the service's history")).to_have_count(0)
