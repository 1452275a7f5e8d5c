"""The annual review's own words in a real browser: a manager writes the year's aims and quotes
a participant's comment (the names already taken out), and the printed review shows both; a
coordinator reads the review but cannot edit it. axe finds nothing serious."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.annual_review import year_of
from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked, status


@pytest.fixture(scope="module", autouse=True)
def a_comment(service: Service) -> None:
    """A person harmed, Sam Jones, commented on a demo case on the demo's day."""
    with UnitOfWork(service.app.state.sessions) as uow:
        cid = service.problem.cases[0].id
        details = uow.cipher.seal_json({"name": "Sam Jones"})
        party = t.Party(case_id=cid, role="harmed", age_band="25_64", created_at=uow.clock.now(),
                        created_by="test", details=details)  # fmt: skip
        uow.session.add(party)
        uow.session.flush()
        comment = uow.cipher.seal("Sam Jones felt heard at last, thank you.")
        uow.session.add(t.Evaluation(case_id=cid, party_id=party.id, received_on=service.as_of,
                                     satisfaction=5, comments=comment))  # fmt: skip
        uow.commit()


def test_a_manager_writes_the_aims_and_quotes_a_comment(
    signed_in: SignedIn, service: Service
) -> None:
    year = year_of(service.as_of)
    page = signed_in("manager")
    page.goto("/web/reports/annual")
    page.get_by_role("link", name=f"Write the aims and choose the quotes of {year}-").click()
    expect(page.get_by_role("heading", name="The review's aims and quotes")).to_be_visible()
    page.get_by_label("The aims of the year").fill("Reach every district.\nTrain 20 volunteers.")
    page.get_by_role("button", name="Save the aims").click()
    expect(page.get_by_text("The aims are saved.")).to_be_visible()

    comment = page.locator("form.rj-candidate").filter(
        has=page.locator("textarea", has_text="[name] felt heard at last")
    )
    expect(comment).to_have_count(1)
    expect(page.get_by_text("Sam Jones")).to_have_count(0)
    comment.get_by_role("button", name="Quote this").click()
    expect(page.get_by_text("The quote is in the review.")).to_be_visible()
    checked(page, "annual-review-edit")

    page.get_by_role("link", name="Back to the").click()
    expect(page.get_by_role("heading", name="Our aims")).to_be_visible()
    expect(page.get_by_text("Train 20 volunteers.")).to_be_visible()
    quotes = page.locator("section", has=page.get_by_role("heading", name="In their words"))
    expect(quotes).to_contain_text("[name] felt heard at last, thank you.")
    expect(quotes).to_contain_text("A person harmed")
    page.emulate_media(media="print")
    expect(quotes).to_be_visible()
    expect(page.get_by_role("link", name="Write the aims")).to_be_hidden()
    page.emulate_media(media="screen")
    checked(page, "annual-review-words")


def test_a_coordinator_reads_the_review_but_cannot_edit_it(signed_in: SignedIn) -> None:
    page = signed_in("coordinator")
    page.goto("/web/reports/annual")
    expect(page.get_by_role("heading", name="Annual review")).to_be_visible()
    expect(page.get_by_role("link", name="Write the aims")).to_have_count(0)
    assert status(page.goto("/web/reports/annual/edit")) == 403
