"""The coordinator's Today page in a real browser: grouped by urgency, or by what each item
is about."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.web.conftest import SignedIn
from tests.web.harness import checked, status


def test_the_worklist_gathers_each_case_s_items_under_it(signed_in: SignedIn) -> None:
    page = signed_in("coordinator")
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    by_urgency = page.locator(".govuk-task-list__item").count()
    assert by_urgency > 0, "the demo data has nothing to do: the test would prove nothing"
    page.get_by_role("link", name="case, referral or facilitator").click()
    expect(page).to_have_url(re.compile(r"/web/worklist\?by=subject$"))
    subjects = page.locator(".rj-worklist__subject")
    expect(subjects.first).to_have_text(re.compile(r"^(Case|Referral|Facilitator) \S+"))
    assert page.locator(".govuk-task-list__item").count() == by_urgency  # nothing lost
    titles = subjects.all_inner_texts()
    assert len(titles) == len(set(titles)), "a subject stands once"
    checked(page, "worklist-by-subject")
    page.get_by_role("link", name="urgency").click()
    expect(page.get_by_role("heading", name=re.compile("^(Overdue|Due today|Due soon)")).first)


def test_an_unknown_grouping_is_a_named_error(signed_in: SignedIn) -> None:
    page = signed_in("coordinator")
    assert status(page.goto("/web/worklist?by=colour")) == 422
    expect(page.locator("main")).to_contain_text("by")
