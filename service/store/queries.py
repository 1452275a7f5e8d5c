"""The hot reads as SQLAlchemy Core selects: who holds a token, one case with its pairs, a
facilitator's open cases, a proposal. One round trip each, no ORM, no unit of work, run by a
`Reader` (service.store.readers): every request authenticates, and reads are most of the
traffic.

Rows are tuples in the select's column order whose columns are also attributes by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from sqlalchemy import Select, bindparam, exists, or_, select
from sqlalchemy.orm import Session

from service.store import tables as t
from service.store.readers import Reader

Record: TypeAlias = Any
"""A row: a SQLAlchemy Row or a psycopg named tuple (see service.store.readers)."""

USERS = t.User.__table__
TOKENS = t.Token.__table__
CASES = t.Case.__table__
PAIRS = t.Pair.__table__
PROPOSALS = t.Proposal.__table__

CASE_COLUMNS = (
    CASES.c.id,
    CASES.c.referral_id,
    CASES.c.status,
    CASES.c.closed_on,
    CASES.c.outcome,
    CASES.c.district,
    CASES.c.outcode,
    CASES.c.requires_both,
    CASES.c.requires_either,
    CASES.c.hours,
    CASES.c.priority,
    CASES.c.prison_name,
)
PAIR_COLUMNS = (
    PAIRS.c.id.label("pair_id"),
    PAIRS.c.facilitator_a,
    PAIRS.c.facilitator_b,
    PAIRS.c.started_on,
    PAIRS.c.ended_on,
    PAIRS.c.end_reason,
    PAIRS.c.went_well,
    PAIRS.c.reviewed_by,
    PAIRS.c.reviewed_at,
)

_PRINCIPAL = (
    select(
        USERS.c.id,
        USERS.c.username,
        USERS.c.role,
        USERS.c.facilitator_id,
        USERS.c.active,
        TOKENS.c.expires_at,
        TOKENS.c.revoked_at,
    )
    .join_from(TOKENS, USERS, TOKENS.c.user_id == USERS.c.id)
    .where(TOKENS.c.token_hash == bindparam("token_hash"))
)

_WITH_PAIRS = select(*CASE_COLUMNS, *PAIR_COLUMNS).outerjoin_from(
    CASES, PAIRS, PAIRS.c.case_id == CASES.c.id
)
_CASE = _WITH_PAIRS.where(CASES.c.id == bindparam("case_id")).order_by(PAIRS.c.id)

_ON_NOW = (
    select(PAIRS.c.case_id)
    .where(PAIRS.c.ended_on.is_(None))
    .where(
        or_(PAIRS.c.facilitator_a == bindparam("fid"), PAIRS.c.facilitator_b == bindparam("fid"))
    )
)
_CASES_OF = _WITH_PAIRS.where(CASES.c.id.in_(_ON_NOW), CASES.c.status == "open").order_by(
    CASES.c.id, PAIRS.c.id
)
_WAITING = ~exists().where(PAIRS.c.case_id == CASES.c.id, PAIRS.c.ended_on.is_(None))


def _listing(status: str | None, waiting: bool) -> Select[Any]:
    """A page of cases (by id: `limit` and `offset` bound) with all their pairs' rows."""
    page = select(CASES.c.id).order_by(CASES.c.id)
    if status is not None:
        page = page.where(CASES.c.status == status)
    if waiting:  # open and without a current pair
        page = page.where(CASES.c.status == "open", _WAITING)
    page = page.limit(bindparam("limit")).offset(bindparam("offset"))
    return _WITH_PAIRS.where(CASES.c.id.in_(page)).order_by(CASES.c.id, PAIRS.c.id)


# one statement per filter, not a bound list: the PostgreSQL reader compiles each statement once
_LISTING = {
    (status, waiting): _listing(status, waiting)
    for status in ("open", "closed", None)
    for waiting in (False, True)
}

_PROPOSAL_STATUS = select(PROPOSALS.c.status).where(PROPOSALS.c.id == bindparam("pid"))
_PROPOSAL = select(PROPOSALS).where(PROPOSALS.c.id == bindparam("pid"))


async def principal(reader: Reader, token_hash: str) -> Record | None:
    """The token's user and the token's expiry and revocation, in one query; None if unknown."""
    rows = await reader.all(_PRINCIPAL, {"token_hash": token_hash})
    return rows[0] if rows else None


async def case_with_pairs(reader: Reader, case_id: str) -> Sequence[Record]:
    """The case's columns once per pair it has had (oldest first; one row with no pair
    columns when it never had one); empty when there is no such case."""
    return await reader.all(_CASE, {"case_id": case_id})


def case_with_pairs_in(session: Session, case_id: str) -> Sequence[Record]:
    """`case_with_pairs` in a unit of work's transaction: a case as just changed there."""
    return session.execute(_CASE, {"case_id": case_id}).all()


async def cases_of(reader: Reader, facilitator_id: str) -> Sequence[Record]:
    """Like `case_with_pairs`, for every case the facilitator is on now (by case id)."""
    return await reader.all(_CASES_OF, {"fid": facilitator_id})


async def cases_in(
    reader: Reader, status: str | None, waiting: bool, limit: int, offset: int
) -> Sequence[Record]:
    """Like `case_with_pairs`, for a page of the cases with this status, open or closed, or of
    every case when None; `waiting`: only open cases without a current pair (by case id)."""
    return await reader.all(_LISTING[status, waiting], {"limit": limit, "offset": offset})


async def proposal_status(reader: Reader, proposal_id: str) -> str | None:
    """The proposal's status (its only column that changes), or None when there is none."""
    rows = await reader.all(_PROPOSAL_STATUS, {"pid": proposal_id})
    return str(rows[0].status) if rows else None


async def proposal(reader: Reader, proposal_id: str) -> Record | None:
    """The whole stored proposal, or None."""
    rows = await reader.all(_PROPOSAL, {"pid": proposal_id})
    return rows[0] if rows else None
