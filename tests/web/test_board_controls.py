"""The board's one-facilitator controls in a real browser, on a service of their own (the
morning tests' referrals would change what the solver can do): forbid a facilitator a case,
keep one on it and let the solver choose the partner."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.web.conftest import SignedIn
from tests.web.harness import Service, status
from tests.web.test_morning_pages import type_referral


def test_forbid_and_keep_re_solve_with_the_control_stated(
    browser_without_js: SignedIn, service: Service
) -> None:
    page = browser_without_js("coordinator")
    page.goto("/web/referrals/new")
    type_referral(page, service, "R-WEB-CTRL")
    page.get_by_role("button", name="Send and screen the referral").click()
    page.goto("/web/board")
    page.get_by_role("button", name=re.compile("Propose")).first.click()
    row = page.get_by_role("row").filter(has_text="R-WEB-CTRL")
    pair = row.locator("td").nth(2).locator("strong").inner_text().split(" and ")
    row.get_by_role("button", name=f"Not {pair[0]} on R-WEB-CTRL").click()
    expect(page.get_by_text(f"Case R-WEB-CTRL: not {pair[0]}")).to_be_visible()
    rows = page.get_by_role("row").filter(has_text="R-WEB-CTRL")
    expect(rows.filter(has_text=pair[0])).to_have_count(0)

    page.get_by_role("row").filter(has_text="R-WEB-CTRL").get_by_role(
        "link", name="Other pairs for R-WEB-CTRL"
    ).click()
    kept = page.get_by_role("button", name=re.compile("^Keep ")).first
    who = kept.inner_text().removeprefix("Keep ").strip()
    kept.click()
    expect(page.get_by_text(f"Case R-WEB-CTRL: keep {who}, the solver chooses")).to_be_visible()
    final = page.get_by_role("row").filter(has_text="R-WEB-CTRL").locator("td").nth(2)
    expect(final.locator("strong")).to_contain_text(who)
    # an unknown control is not a route to anything
    assert status(page.goto(page.url + "/unknown")) in (404, 405)
