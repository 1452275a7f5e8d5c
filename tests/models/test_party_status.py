"""A party's status, derived from their contacts: `party_status` over the whole history and
`status_after` one contact at a time (as the case timeline walks them) always agree."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from models.casefile import (
    ContactFact,
    ContactOutcome,
    PartyStatus,
    party_status,
    status_after,
)

D = dt.date(2026, 3, 2)


def test_no_contact_is_not_contacted_and_an_unanswered_call_leaves_it_so() -> None:
    assert party_status(()) is PartyStatus.NOT_CONTACTED
    assert status_after(PartyStatus.NOT_CONTACTED, ContactOutcome.NO_ANSWER) is (
        PartyStatus.NOT_CONTACTED
    )


def test_an_answer_replaces_the_status_and_reaching_them_only_informs_once() -> None:
    assert status_after(PartyStatus.NOT_CONTACTED, ContactOutcome.AGREED) is PartyStatus.AGREED
    assert status_after(PartyStatus.AGREED, ContactOutcome.WITHDREW) is PartyStatus.WITHDRAWN
    assert status_after(PartyStatus.NOT_CONTACTED, ContactOutcome.SPOKE) is PartyStatus.INFORMED
    assert status_after(PartyStatus.CONSIDERING, ContactOutcome.SPOKE) is PartyStatus.CONSIDERING


@given(st.lists(st.tuples(st.integers(0, 30), st.sampled_from(list(ContactOutcome))), max_size=12))
def test_one_contact_at_a_time_gives_the_status_of_the_whole_history(
    logged: list[tuple[int, ContactOutcome]],
) -> None:
    facts = [
        ContactFact(D + dt.timedelta(days=day), seq, outcome)
        for seq, (day, outcome) in enumerate(logged)
    ]
    status = PartyStatus.NOT_CONTACTED
    for fact in sorted(facts, key=lambda f: (f.on, f.seq)):
        status = status_after(status, fact.outcome)
    assert status is party_status(facts)
