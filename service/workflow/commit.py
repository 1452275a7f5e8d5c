"""Committing a proposal: one transaction, idempotent, refused when the inputs changed.

Commits run one at a time: each first updates the single commit_lock row (PostgreSQL holds
the row lock until commit; SQLite lets one writer in), then locks the facilitators' rows
(SELECT ... FOR UPDATE), re-reads the store and compares its fingerprint with the proposal's.
Inside the same transaction it re-checks every facilitator's load (H5) before committing.
"""

from __future__ import annotations

from allocator.metrics import capacity_hours, loads
from models import AllocationResult
from service.errors import ConflictError, NotFoundError
from service.store import tables as t
from service.store.mapping import fingerprint
from service.store.uow import UnitOfWork
from service.workflow.auth import Principal
from service.workflow.idempotency import first_answer
from service.workflow.proposals import base_problem, changes, solved_cases
from service.workflow.schemas.proposals import ChangeOut, CommitOut

EPSILON = 1e-6


def commit(uow: UnitOfWork, who: Principal, pid: str, key: str | None) -> CommitOut:
    """Apply a proposal's changes to the pairs; a retry with the same key repeats the answer."""
    uow.proposals.lock_commits()
    if key:
        repeated = first_answer(uow.proposals.idempotency(key), "proposal_id", pid, "proposal")
        if repeated is not None:
            return CommitOut.model_validate(repeated)
    proposal = uow.proposals.get(pid)
    if proposal is None:
        raise NotFoundError("proposal", pid, "/path/proposal_id")
    if proposal.status != "open":
        raise ConflictError(
            "/path/proposal_id",
            f"the proposal was {proposal.status} at {proposal.committed_at} by "
            f"{proposal.committed_by}; make a new proposal",
        )
    uow.facilitators.lock(str(f["id"]) for f in proposal.problem.get("facilitators", []))
    current = base_problem(uow, proposal.as_of)
    if fingerprint(current) != proposal.fingerprint:
        raise ConflictError(
            "/path/proposal_id",
            "cases, pairs or facilitators changed since this proposal was made; make a new one",
        )
    result = AllocationResult.model_validate(proposal.result)
    applied = changes(solved_cases(proposal.problem), result, proposal.current_pairs)
    _apply(uow, who, proposal, applied)
    gained = {fid for c in applied for fid in c.after if fid not in c.before}
    _check_loads(uow, proposal, gained)
    answer = _finish(uow, who, proposal, applied, key)
    uow.commit()
    return answer


def _apply(uow: UnitOfWork, who: Principal, proposal: t.Proposal, applied: list[ChangeOut]) -> None:
    touched: set[str] = set()
    for change in applied:
        pair = uow.pairs.current_of(change.case)
        if pair is not None:
            pair.ended_on = proposal.as_of
            pair.end_reason = f"{proposal.kind} proposal {proposal.id}"
        if change.after:
            a, b = change.after
            uow.pairs.add(
                t.Pair(
                    case_id=change.case,
                    facilitator_a=a,
                    facilitator_b=b,
                    started_on=proposal.as_of,
                    proposal_id=proposal.id,
                )
            )
        case = uow.cases.get(change.case)
        if case is not None:
            case.version += 1
        touched |= {*change.before, *change.after}
        diff = {
            "facilitators": {"from": change.before, "to": change.after},
            "proposal": proposal.id,
        }
        uow.audit.record(who.username, "pair", "case", change.case, diff)
    for row in uow.facilitators.lock(touched):
        row.version += 1
    uow.flush()


def _check_loads(uow: UnitOfWork, proposal: t.Proposal, gained: set[str]) -> None:
    """H5 for everyone given a new case, on the store as it would be after this commit."""
    after = base_problem(uow, proposal.as_of)
    pairs = {c.id: (c.current[0], c.current[1]) for c in after.cases if len(c.current) == 2}
    load = loads(after, pairs)
    for f in after.facilitators:
        if f.id not in gained:
            continue  # a kept (pinned) load over the limit is reported by the solver, not here
        hours, count = load.get(f.id, (0.0, 0))
        if hours > capacity_hours(f, after) + EPSILON or count > f.max_cases:
            raise ConflictError(
                "/path/proposal_id",
                f"committing would give facilitator {f.id} more work than H5 allows; "
                "make a new proposal",
            )


def _finish(
    uow: UnitOfWork, who: Principal, proposal: t.Proposal, applied: list[ChangeOut], key: str | None
) -> CommitOut:
    now = uow.clock.now()
    proposal.status, proposal.committed_at, proposal.committed_by = "committed", now, who.username
    answer = CommitOut(
        proposal=proposal.id, committed_at=now, committed_by=who.username, changes=applied
    )
    if key:
        uow.proposals.add(
            t.IdempotencyKey(
                key=key,
                proposal_id=proposal.id,
                status_code=200,
                response=answer.model_dump(mode="json"),
                created_at=now,
            )
        )
    return answer
