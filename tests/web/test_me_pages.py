"""A facilitator's own page in a real browser: they add and remove a time they are not
available, with field errors for impossible dates; they cannot open another's case (403)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked, status


def test_a_facilitator_adds_and_removes_a_time_they_are_not_available(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("facilitator")
    start = service.as_of.replace(day=1).replace(month=service.as_of.month % 12 + 1)
    if start < service.as_of:
        start = start.replace(year=service.as_of.year + 1)
    page.get_by_label("From").fill(start.isoformat())
    page.get_by_label("To (included)").fill(start.replace(day=2).isoformat())
    page.get_by_label("Why").select_option("holiday")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("Your availability is saved")).to_be_visible()
    absences = page.get_by_role("table", name="My absences")
    expect(absences.get_by_role("row").filter(has_text="holiday")).to_have_count(1)
    checked(page, "my-availability")

    page.get_by_label("From").fill(start.replace(day=9).isoformat())
    page.get_by_label("To (included)").fill(start.replace(day=8).isoformat())
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("swap the dates")
    checked(page, "my-availability-error")

    absences.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("No absences recorded.")).to_be_visible()


def test_a_facilitator_opening_another_facilitators_case_gets_403(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("facilitator")
    me = service.logins["facilitator"][2]
    other = next(c.id for c in service.problem.cases if c.current and me not in c.current)
    mine = next(c.id for c in service.problem.cases if me in c.current)
    assert status(page.goto(f"/web/cases/{mine}")) == 200
    assert status(page.goto(f"/web/cases/{other}")) == 403
    expect(page.get_by_role("heading", name="You cannot do this")).to_be_visible()
    checked(page, "case-forbidden")


def test_a_facilitator_sees_their_own_hours_and_no_other_report(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("facilitator")
    page.get_by_role("link", name="My hours by month and by case").click()
    expect(page.get_by_role("heading", name="My hours", exact=True)).to_be_visible()
    month = service.as_of.strftime("%Y-%m")
    by_month = page.get_by_role("table", name="My hours by month")
    before = float(
        by_month.get_by_role("row").filter(has_text=month).get_by_role("cell").inner_text()
    )

    username, password, _ = service.logins["facilitator"]
    login = page.request.post(
        f"{service.url}/auth/token", data={"username": username, "password": password}
    )
    bearer = {"Authorization": f"Bearer {login.json()['access_token']}"}
    hours = {"worked_on": service.as_of.isoformat(), "hours": 2.5, "activity": "admin"}
    assert page.request.post(f"{service.url}/me/hours", data=hours, headers=bearer).ok
    page.reload()
    expect(by_month.get_by_role("row").filter(has_text=month)).to_contain_text(f"{before + 2.5:g}")
    by_case = page.get_by_role("table", name="My hours by case")
    expect(by_case.get_by_role("row").filter(has_text="Not on a case")).to_be_visible()
    checked(page, "my-hours")

    assert status(page.goto(f"{service.url}/web/reports")) == 403
    assert status(page.goto(f"{service.url}/web/reports/annual")) == 403
