"""The annual review's own words: aims per service year, and feedback quotes chosen from the
year's comments with the names of the case's people and facilitators taken out. On SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select

from models import InputError
from service.errors import ForbiddenError, NotFoundError
from service.store import tables as t
from service.store.db import session_factory
from service.store.uow import UnitOfWork
from service.workflow import annual_review as review
from service.workflow.auth import Principal, Role
from tests.service.conftest import TEST_CIPHER
from tests.service.record_builders import Record

MANAGER = Principal(user_id=1, username="manager", role=Role.MANAGER, facilitator_id=None)
COORDINATOR = Principal(user_id=2, username="coord", role=Role.COORDINATOR, facilitator_id=None)
D = dt.date


def test_names_and_their_words_are_taken_out() -> None:
    text = "Sam Jones and sam met Pat. Samantha stayed; Jo too."
    assert review.without_names(text, ["Sam Jones", "Pat O'Neil", "Jo Smith"]) == (
        "[name] and [name] met [name]. Samantha stayed; Jo too."
    )
    assert review.without_names("No one named.", []) == "No one named."


def test_the_service_year_is_named_by_its_april() -> None:
    assert review.year_of(D(2016, 3, 31)) == 2015
    assert review.year_of(D(2016, 4, 1)) == 2016


@pytest.fixture
def uow(engine: Engine) -> Iterator[UnitOfWork]:
    """C1 (harmed Sam Jones, facilitator Robin Hart): the person harmed's comment of
    2016-01-10 and the referrer's of 2016-02-01; C1's comment of 2016-05-01 is in the next
    year; an evaluation of 2016-01-11 without a comment is not offered."""
    sessions = session_factory(engine, TEST_CIPHER)
    with sessions() as session:
        r = Record(session)
        r.referral("C1", D(2015, 10, 1))
        r.case("C1", closed_on=D(2016, 1, 5))
        harmed = r.party("C1", "harmed")
        row = session.get(t.Party, harmed)
        assert row is not None
        row.details = TEST_CIPHER.seal_json({"name": "Sam Jones"})
        for fid, name in (("F1", "Robin Hart"), ("F2", "Ali Khan")):
            r.facilitator(fid)
            person = session.get(t.Facilitator, fid)
            assert person is not None
            person.name = TEST_CIPHER.seal(name)
        r.pair("C1", "F1", "F2", D(2015, 10, 10))
        seal = TEST_CIPHER.seal
        r.evaluation("C1", harmed, D(2016, 1, 10), comments=seal("Robin helped me, Sam, a lot."))
        r.evaluation("C1", harmed, D(2016, 1, 11), satisfaction=5)
        r.referrer_feedback("C1", D(2016, 2, 1), comments=seal("Quick and kind."))
        r.evaluation("C1", harmed, D(2016, 5, 1), comments=seal("Next year."))
        r.commit()
    with UnitOfWork(sessions) as unit:
        yield unit


def test_aims_are_kept_per_year(uow: UnitOfWork) -> None:
    review.set_aims(uow, MANAGER, 2015, "  Reach every district.\nTrain 20 volunteers.  ")
    assert review.words(uow, MANAGER, 2015).aims == "Reach every district.\nTrain 20 volunteers."
    assert review.words(uow, COORDINATOR, 2016).aims is None
    review.set_aims(uow, MANAGER, 2015, "")
    assert review.words(uow, MANAGER, 2015).aims is None


def test_only_managers_and_admins_write_the_review(uow: UnitOfWork) -> None:
    with pytest.raises(ForbiddenError):
        review.set_aims(uow, COORDINATOR, 2015, "Mine")
    with pytest.raises(ForbiddenError):
        review.candidates(uow, COORDINATOR, 2015)


def test_aims_too_long_are_refused_naming_the_field(uow: UnitOfWork) -> None:
    with pytest.raises(InputError) as caught:
        review.set_aims(uow, MANAGER, 2015, "x" * 2001)
    assert caught.value.errors[0].pointer == "/body/aims"


def test_the_years_comments_are_offered_without_names(uow: UnitOfWork) -> None:
    found = review.candidates(uow, MANAGER, 2015)
    assert [(c.source, c.speaker, c.text) for c in found] == [
        ("evaluation", "A person harmed", "[name] helped me, [name], a lot."),
        ("referrer", "A referrer", "Quick and kind."),
    ]
    assert not any(c.chosen for c in found)


def test_a_chosen_quote_is_printed_without_names_and_sealed(uow: UnitOfWork) -> None:
    first = review.candidates(uow, MANAGER, 2015)[0]
    said = review.choose(uow, MANAGER, 2015, first.source, first.source_id, "")
    assert [(q.speaker, q.text) for q in said.quotes] == [
        ("A person harmed", "[name] helped me, [name], a lot.")
    ]
    edited = "Robin Hart and Ali were kind to me."
    said = review.choose(uow, MANAGER, 2015, first.source, first.source_id, edited)
    assert [q.text for q in said.quotes] == ["[name] and [name] were kind to me."]
    stored = uow.session.scalars(select(t.ReviewQuote.text)).one()
    assert "were kind to me" not in stored
    assert review.candidates(uow, MANAGER, 2015)[0].chosen
    review.unquote(uow, MANAGER, 2015, said.quotes[0].id)
    assert review.words(uow, MANAGER, 2015).quotes == []


def test_a_comment_of_another_year_cannot_be_quoted(uow: UnitOfWork) -> None:
    later = review.candidates(uow, MANAGER, 2016)[0]
    with pytest.raises(NotFoundError):
        review.choose(uow, MANAGER, 2015, later.source, later.source_id, "")
