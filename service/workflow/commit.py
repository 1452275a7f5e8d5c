"""Committing a proposal: one transaction, idempotent, refused when the inputs changed.

Commits run one at a time: each first updates the single commit_lock row (PostgreSQL holds
the row lock until commit; SQLite lets one writer in), then locks the facilitators' rows
(SELECT ... FOR UPDATE), re-reads the store and compares its fingerprint with the proposal's.
The plan is checked by the same independent checker as `rjplan check` (allocator.check: H1-H10
and the metrics) before anything is written, and the proposal's changes make the store exactly
that plan: every case whose pair changes or is released.
"""

from __future__ import annotations

from allocator.check import check_allocation
from models import AllocationResult, Problem
from service.errors import ConflictError, NotFoundError
from service.store import tables as t
from service.store.mapping import fingerprint
from service.store.uow import UnitOfWork
from service.workflow.auth import Principal
from service.workflow.changes import changes
from service.workflow.idempotency import first_answer
from service.workflow.proposals import base_problem
from service.workflow.schemas.proposals import ChangeOut, CommitOut
from service.workflow.staleness import StaleProposalError, what_changed


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
    problem = Problem.model_validate(proposal.problem)
    if fingerprint(current) != proposal.fingerprint:
        raise StaleProposalError(
            what_changed(problem, proposal.current_pairs, proposal.kind, current)
        )
    result = AllocationResult.model_validate(proposal.result)
    _check_plan(problem, result)
    applied = changes(problem, result, proposal.current_pairs)
    _apply(uow, who, proposal, applied)
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


def _check_plan(problem: Problem, result: AllocationResult) -> None:
    """Refuse (409) a plan the independent checker finds a hard constraint broken in, naming
    the first few: the commit checks what `rjplan check` checks on the same problem."""
    report = check_allocation(problem, result)
    if report.violations:
        listed = "; ".join(f"{v.constraint}: {v.text}" for v in report.violations[:3])
        more = len(report.violations) - 3
        raise ConflictError(
            "/path/proposal_id",
            f"the plan breaks {len(report.violations)} hard constraint(s): {listed}"
            + (f" (and {more} more)" if more > 0 else "")
            + "; make a new proposal",
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
