"""The annual review's own words in the store: a year's aims, its chosen quotes, and the
feedback comments of a period a manager may choose from."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.store import tables as t


def aims(session: Session, year: int) -> t.ReviewAims | None:
    """The aims written for the service year starting in `year`, if any."""
    return session.get(t.ReviewAims, year)


def quotes(session: Session, year: int) -> list[t.ReviewQuote]:
    """The quotes chosen for the year, in the order chosen."""
    query = select(t.ReviewQuote).where(t.ReviewQuote.year == year).order_by(t.ReviewQuote.id)
    return list(session.scalars(query))


def quote(session: Session, year: int, source: str, source_id: int) -> t.ReviewQuote | None:
    """The quote taken from this comment for the year, if chosen."""
    query = select(t.ReviewQuote).where(
        t.ReviewQuote.year == year,
        t.ReviewQuote.source == source,
        t.ReviewQuote.source_id == source_id,
    )
    return session.scalars(query).first()


def evaluations_with_comments(
    session: Session, first: dt.date, last: dt.date
) -> list[tuple[t.Evaluation, str]]:
    """Participants' evaluations received from first to last with a comment, with the role of
    the party who gave it, oldest first."""
    e = t.Evaluation
    query = (
        select(e, t.Party.role)
        .join(t.Party, t.Party.id == e.party_id)
        .where(e.comments.is_not(None), e.received_on.between(first, last))
        .order_by(e.received_on, e.id)
    )
    return [(row, str(role)) for row, role in session.execute(query)]


def referrer_feedback_with_comments(
    session: Session, first: dt.date, last: dt.date
) -> list[t.ReferrerFeedback]:
    """Referrers' feedback received from first to last with a comment, oldest first."""
    f = t.ReferrerFeedback
    query = (
        select(f)
        .where(f.comments.is_not(None), f.received_on.between(first, last))
        .order_by(f.received_on, f.id)
    )
    return list(session.scalars(query))


def names_on_case(session: Session, cid: str) -> tuple[list[str], list[str]]:
    """The sealed details of the case's parties, and the sealed names of the facilitators
    ever paired on it (the caller opens them)."""
    parties = select(t.Party.details).where(t.Party.case_id == cid, t.Party.details.is_not(None))
    pairs = select(t.Pair.facilitator_a, t.Pair.facilitator_b).where(t.Pair.case_id == cid)
    ids = {fid for row in session.execute(pairs) for fid in row}
    people = select(t.Facilitator.name).where(
        t.Facilitator.id.in_(ids), t.Facilitator.name.is_not(None)
    )
    return [d for d in session.scalars(parties) if d], [n for n in session.scalars(people) if n]
