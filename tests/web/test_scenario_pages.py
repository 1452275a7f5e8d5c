"""Scenario pages in a real browser: a manager uploads a scenario file, follows the run to its
charts (each an SVG image with its table beneath), runs a second one and compares the two side
by side; a file too large or not a scenario is refused by field; without JavaScript the run
page has a refresh link."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.web.conftest import SignedIn
from tests.web.harness import checked

ONE_MONTH = (
    "extends: essex-2017-18\nscenario: tiny-month-{seed}\ntitle: One month, seed {seed}\n"
    "horizon_months: 1\nwarmup_weeks: 0\nseed: {seed}\npool: {{source: demo, scale: tiny}}\n"
)
FINISHED_MS = 60_000


def _upload(page: Page, path: Path, replicates: str = "3") -> None:
    page.goto("/web/scenarios")
    page.get_by_label("Scenario file (.yaml)").set_input_files(str(path))
    page.locator("#f-upload-replicates").fill(replicates)
    page.get_by_role("button", name="Upload and start").click()


def _scenario_file(tmp_path: Path, seed: int) -> Path:
    path = tmp_path / f"month-{seed}.yaml"
    path.write_text(ONE_MONTH.format(seed=seed))
    return path


def test_a_scenario_file_runs_to_its_charts_and_two_runs_compare(
    signed_in: SignedIn, tmp_path: Path
) -> None:
    page = signed_in("manager")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reports").click()
    reports = page.get_by_role("navigation", name="Reports pages")
    reports.get_by_role("link", name="Scenarios").click()
    expect(page.get_by_role("heading", name="Scenarios", exact=True)).to_be_visible()
    checked(page, "scenarios")
    _upload(page, _scenario_file(tmp_path, 1))
    expect(page.get_by_role("heading", name="One month, seed 1")).to_be_visible()
    expect(page.get_by_text("3 of 3 replicates finished")).to_be_visible(timeout=FINISHED_MS)
    chart = page.get_by_role("img", name=re.compile("mean number of cases waiting"))
    # htmx saw the run end and loaded the page again; matplotlib draws the chart on request
    expect(chart).to_be_visible(timeout=FINISHED_MS)
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.get_by_role("table", name="Waiting cases on Monday mornings")).to_be_visible()
    numbers = page.get_by_role("table", name="Numbers")
    expect(numbers.get_by_role("row", name=re.compile("^Referrals"))).to_be_visible()
    checked(page, "scenario-run")

    _upload(page, _scenario_file(tmp_path, 2))
    expect(page.get_by_role("table", name="Numbers")).to_be_visible(timeout=FINISHED_MS)
    page.get_by_role("link", name="All scenarios").click()
    for field, name in (("First run", "tiny-month-1"), ("Second run", "tiny-month-2")):
        choice = page.get_by_label(field)
        run_id = choice.locator("option", has_text=name).get_attribute("value")
        choice.select_option(run_id)
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", name="Two runs side by side")).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="First: tiny-month-1")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Second: tiny-month-2")).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("^Referrals"))).to_be_visible()
    checked(page, "scenario-compare")


def test_a_bad_or_too_large_file_is_refused_by_field(signed_in: SignedIn, tmp_path: Path) -> None:
    page = signed_in("manager")
    big = tmp_path / "big.yaml"
    big.write_text("# padding\n" * 3000)
    _upload(page, big)
    expect(page.get_by_role("alert")).to_contain_text("larger than 20,000 bytes")
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("extends: essex-2017-18\nhorizon_months: many\n")
    _upload(page, wrong)
    expect(page.get_by_role("alert")).to_contain_text("horizon_months")
    checked(page, "scenarios-error")


def test_without_javascript_the_run_page_offers_a_refresh(
    browser_without_js: SignedIn, tmp_path: Path
) -> None:
    page = browser_without_js("manager")
    _upload(page, _scenario_file(tmp_path, 3), replicates="2")
    expect(page.get_by_role("heading", name="One month, seed 3")).to_be_visible()
    for _ in range(120):
        refresh = page.get_by_role("link", name="Refresh to see the progress")
        if refresh.count() == 0:
            break
        page.wait_for_timeout(500)
        refresh.click()
    expect(page.get_by_role("table", name="Utilisation by district")).to_be_visible()


def test_the_start_form_names_the_field_to_fix(signed_in: SignedIn) -> None:
    page = signed_in("manager")
    page.goto("/web/scenarios")
    page.get_by_label("Scenario", exact=True).select_option("essex-growth-40")
    page.get_by_label("Replicates").first.fill("100000")
    page.get_by_role("button", name="Start the run").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("less than or equal to 10000")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Replicates").first).to_be_focused()
