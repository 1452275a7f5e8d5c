"""The dashboard and the annual review in a real browser, over the 2015-16 review's history
imported into the demo service: key figures, charts each with its table, the district filter,
a download, the printable review; axe finds nothing serious."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from service.store.uow import UnitOfWork
from service.workflow.auth import Principal, Role
from service.workflow.history import import_history
from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked, status

HISTORY = Path(__file__).parents[1] / "fixtures" / "history"
YEAR = "from=2015-04-01&to=2016-03-31"


@pytest.fixture(scope="module", autouse=True)
def history(service: Service) -> None:
    who = Principal(user_id=0, username="test", role=Role.MANAGER, facilitator_id=None)
    with UnitOfWork(service.app.state.sessions) as uow:
        name = "essex-2015-16.csv"
        import_history(uow, who, (HISTORY / name).read_bytes(), name)


def test_the_dashboard_shows_the_years_figures_and_charts_with_tables(
    signed_in: SignedIn,
) -> None:
    page = signed_in("manager")
    page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    page.get_by_label("From", exact=True).fill("2015-04-01")
    page.get_by_label("To", exact=True).fill("2016-03-31")
    page.get_by_role("button", name="Show").click()
    figures = page.locator(".rj-figures")
    expect(figures).to_contain_text("Referrals")
    expect(figures.locator(".rj-figure").first).to_contain_text("77")
    expect(figures).to_contain_text("Police")  # top referrer
    expect(figures).to_contain_text("Chelmsford")  # top area
    for title in ("Referrals by referrer", "Referrals by district", "Case outcomes"):
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Bar chart of referrals by referrer")).to_be_visible()
    outcomes = page.get_by_role("table", name="Case outcomes: the numbers")
    expect(outcomes.get_by_role("row", name="Declined")).to_contain_text("33")
    expect(outcomes.get_by_role("row", name="Declined")).to_contain_text("62 %")
    checked(page, "dashboard")


def test_the_district_filter_narrows_the_figures(signed_in: SignedIn) -> None:
    page = signed_in("manager")
    page.goto(f"/web/reports?{YEAR}")
    page.get_by_label("District", exact=True).select_option("Harlow")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".rj-figure").first).to_contain_text("12")
    referrers = page.get_by_role("table", name="Referrals by referrer: the numbers")
    expect(referrers.locator("tr.rj-total")).to_contain_text("12")


def test_a_download_is_a_workbook_with_small_counts_hidden(signed_in: SignedIn) -> None:
    page = signed_in("coordinator")
    page.goto(f"/web/reports?{YEAR}")
    with page.expect_download() as caught:
        page.get_by_role("link", name="Excel (Case outcomes)").click()
    path = caught.value.path()
    sheet = load_workbook(io.BytesIO(Path(path).read_bytes())).worksheets[0]
    assert [c.value for c in sheet[2]][:2] == ["Declined", 33]
    assert [c.value for c in sheet[5]][:2] == ["Indirect", "[c]"]


def test_the_annual_review_prints_without_the_navigation(signed_in: SignedIn) -> None:
    page = signed_in("manager")
    page.goto(f"/web/reports?{YEAR}")
    page.get_by_role("link", name="The annual review for this period, ready to print").click()
    expect(page.get_by_role("heading", name="Annual review")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Menu")).to_be_hidden()
    expect(page.get_by_role("table", name="Referrals by district")).to_be_visible()
    page.emulate_media(media="screen")
    checked(page, "annual-review")


def test_a_facilitator_has_no_reports(signed_in: SignedIn) -> None:
    page = signed_in("facilitator")
    expect(page.get_by_role("link", name="Reports")).to_have_count(0)
    assert status(page.goto("/web/reports")) == 403
