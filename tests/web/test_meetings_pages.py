"""Meetings pages in a real browser: a coordinator plans the committed pairs' meetings, reads
the week by place and by facilitator, commits the plan and downloads a calendar file; the
facilitator then finds their meetings on their own page and downloads their calendar."""

from __future__ import annotations

import re
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.web.conftest import SignedIn
from tests.web.harness import checked, status


def _events(download_path: Path) -> list[str]:
    with open(download_path, "rb") as f:
        return [str(e["uid"]) for e in Calendar.from_ical(f.read()).walk("VEVENT")]


def test_plan_the_week_commit_it_and_download_a_calendar(signed_in: SignedIn) -> None:
    page = signed_in("coordinator")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Meetings").click()
    expect(page.get_by_role("heading", name="Meetings", exact=True)).to_be_visible()
    expect(page.get_by_text("No plan yet.")).to_be_visible()
    checked(page, "meetings")
    page.get_by_role("button", name="Plan meetings").click()
    expect(page.get_by_role("heading", name=re.compile("^Week of "))).to_be_visible()
    expect(page.get_by_text("proposed: not committed yet")).to_be_visible()
    week = page.get_by_role("table", name=re.compile("Meetings by place"))
    expect(week.get_by_role("rowheader").first).to_be_visible()
    checked(page, "meetings-plan")

    page.get_by_role("link", name="By facilitator").click()
    by_person = page.get_by_role("table", name=re.compile("Meetings by facilitator"))
    first = by_person.get_by_role("rowheader").first
    expect(first).to_contain_text("Calendar (.ics)")
    checked(page, "meetings-by-facilitator")
    with page.expect_download() as download:
        first.get_by_role("link", name=re.compile("Calendar")).click()
    assert download.value.suggested_filename.startswith("rjplan-facilitator-")
    assert _events(download.value.path())  # the facilitator's meetings of this plan

    page.get_by_role("button", name="Commit this plan").click()
    expect(page.get_by_text("Plan committed")).to_be_visible()
    expect(page.get_by_role("button", name="Commit this plan")).to_have_count(0)
    page.get_by_role("link", name="All plans").click()
    expect(page.get_by_role("row").filter(has_text="committed")).to_have_count(1)


def test_the_facilitator_sees_their_committed_meetings_and_downloads_their_calendar(
    signed_in: SignedIn,
) -> None:
    page = signed_in("facilitator")  # after the plan above was committed (same service)
    expect(page.get_by_role("heading", name="My meetings")).to_be_visible()
    meetings = page.get_by_role("table", name=re.compile("My meetings"))
    expect(meetings.get_by_role("row").nth(1)).to_be_visible()
    shown = meetings.get_by_role("row").count() - 1
    checked(page, "my-work-meetings")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download my meetings")).click()
    assert len(_events(download.value.path())) == shown


def test_a_manager_reads_plans_but_may_not_plan(signed_in: SignedIn, page: Page) -> None:
    signed_in("manager")
    page.goto("/web/meetings")
    expect(page.get_by_role("button", name="Plan meetings")).to_have_count(0)
    token = page.locator("input[name=csrf_token]").first.get_attribute("value") or ""
    answer = page.request.post("/web/meetings/plans", form={"csrf_token": token})
    assert answer.status == 403
    assert "planning and committing meetings needs one of the roles" in answer.text()
    assert status(page.goto("/web/meetings/plans/nope")) == 404
