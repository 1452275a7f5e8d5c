"""The morning allocation and re-planning: build the problem from the store, solve, store.

The solver runs outside any database transaction; the proposal keeps the solved problem, the
result and a fingerprint of the store's inputs, so a commit can tell whether anything changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import uuid
from dataclasses import dataclass

from anyio import to_thread
from cachetools import LRUCache
from pydantic import TypeAdapter

from allocator import SolveOptions, solve
from allocator.alternatives import alternatives as next_best
from allocator.case_from_referral import priority_on
from allocator.facts import is_vetted
from allocator.replan import reopen_lapsed, replan_problem
from models import AllocationResult, Case, Problem
from service.config import Settings
from service.errors import InputError, NotFoundError
from service.store import queries
from service.store import tables as t
from service.store.mapping import (
    case_model,
    fingerprint,
)
from service.store.readers import Reader
from service.store.uow import UnitOfWork
from service.workflow import facilitators
from service.workflow.auth import Principal
from service.workflow.changes import changes, current_pairs
from service.workflow.schemas.proposals import (
    AlternativeOut,
    ControlsIn,
    ProposalOut,
    ProposalSummary,
    ReplanIn,
    ReplanReason,
    SolveRecord,
)

HORIZON_WEEKS = 6


def base_problem(uow: UnitOfWork, as_of: dt.date) -> Problem:
    """The store as an allocation problem on `as_of`: every facilitator (with the partners
    they worked well with), every open case, pairs kept. A case still waiting for a pair has
    its priority for that day (`allocator.case_from_referral.priority_on`: a long wait raises
    it). Closed cases are not in it: their hours count in nobody's load."""
    pairs = uow.pairs.current()
    rows = uow.cases.open()
    since = uow.cases.waiting_since(c.id for c in rows if c.id not in pairs)
    cases = [
        case_model(
            c,
            pairs.get(c.id),
            pinned=True,
            priority=priority_on(c.priority, since[c.id], as_of) if c.id in since else None,
        )
        for c in rows
    ]
    return Problem(
        as_of=as_of,
        horizon_weeks=HORIZON_WEEKS,
        facilitators=facilitators.allocator_view(uow, uow.facilitators.all(), as_of),
        cases=cases,
    )


def with_controls(problem: Problem, controls: ControlsIn) -> Problem:
    """The problem with a coordinator's pins, forbids and keeps applied (422 for unknown ids)."""
    cases = {c.id: c for c in problem.cases}
    known = {f.id for f in problem.facilitators}
    updates: dict[str, dict[str, object]] = {}
    vetted = {f.id for f in problem.facilitators if is_vetted(f, problem.as_of)}
    for i, pin in enumerate(controls.pins):
        _check(pin.case, pin.facilitators, cases, known, f"/body/pins/{i}")
        _check_vetted(pin.facilitators, vetted, f"/body/pins/{i}/facilitators")
        updates.setdefault(pin.case, {}).update(pinned=True, current=list(pin.facilitators))
    for field, entries in (("exclude", controls.forbids), ("keep", controls.keeps)):
        for i, entry in enumerate(entries):
            where = f"/body/{'forbids' if field == 'exclude' else 'keeps'}/{i}"
            _check(entry.case, [entry.facilitator], cases, known, where)
            change = updates.setdefault(entry.case, {"pinned": False})
            listed = change.get(field, getattr(cases[entry.case], field))
            change[field] = sorted({*listed, entry.facilitator})  # type: ignore[misc]
            change["pinned"] = False  # forbidding or keeping someone re-opens a kept pair
    new_cases = [c.model_copy(update=updates.get(c.id, {})) for c in problem.cases]
    return problem.model_copy(
        update={"cases": [Case.model_validate(c.model_dump()) for c in new_cases]}
    )


def _check_vetted(people: list[str], vetted: set[str], at: str) -> None:
    """A coordinator may pin only a pair that can be kept (H2), or H10 would leave it
    unallocated rather than kept."""
    for fid in people:
        if fid not in vetted:
            msg = f"{fid} is inactive or their vetting has lapsed (H2); pin another pair"
            raise InputError.single("controls", at, msg)


def _check(case: str, people: list[str], cases: dict[str, Case], known: set[str], at: str) -> None:
    if case not in cases:
        raise InputError.single("controls", f"{at}/case", f"no open case {case!r} in this proposal")
    for fid in people:
        if fid not in known:
            raise InputError.single("controls", at, f"no facilitator {fid!r}; check the id")


def propose(
    uow: UnitOfWork, who: Principal, settings: Settings, as_of: dt.date | None
) -> ProposalOut:
    """A morning proposal for every accepted, unallocated case (ongoing pairs kept)."""
    day = as_of or uow.clock.today()
    base = base_problem(uow, day)
    uow.session.rollback()  # no transaction stays open while the solver runs
    made_from = (day, fingerprint(base))
    morning = reopen_lapsed(base)
    return _solved(uow, who, settings, ("morning", None), made_from, current_pairs(base), morning)


def resolve(
    uow: UnitOfWork, who: Principal, settings: Settings, pid: str, controls: ControlsIn
) -> ProposalOut:
    """A child proposal: the parent's problem with more controls, re-solved.

    It keeps the parent's fingerprint, so its commit is refused if the store changed since the
    parent was made.
    """
    parent = _existing(uow, pid)
    merged = ControlsIn.model_validate(
        {k: parent.controls.get(k, []) + v for k, v in controls.model_dump(mode="json").items()}
    )
    solved = with_controls(Problem.model_validate(parent.problem), controls)
    fp, kind, as_of, pairs = parent.fingerprint, parent.kind, parent.as_of, parent.current_pairs
    uow.session.rollback()
    return _solved(uow, who, settings, (kind, pid), (as_of, fp), pairs, solved, merged)


def start_replan(
    uow: UnitOfWork, who: Principal, settings: Settings, body: ReplanIn
) -> ProposalOut:
    """Record the absence (or lapsed vetting), then propose moving only what must move."""
    day = body.as_of or uow.clock.today()
    if body.from_date < day:
        msg = f"from_date is before the planning day {day}; give a later date"
        raise InputError.single("replan", "/body/from_date", msg)
    if body.reason is ReplanReason.VETTING_LAPSED:
        facilitators.lapse_vetting(uow, who, body.facilitator, body.from_date)
        gone, lapsed = [], [body.facilitator]
    else:
        until = body.until or day + dt.timedelta(days=7 * HORIZON_WEEKS)
        facilitators.mark_unavailable(
            uow, who, body.facilitator, body.from_date, until, body.reason.value
        )
        gone, lapsed = [body.facilitator], []
    uow.commit()
    base = base_problem(uow, day)
    uow.session.rollback()
    scoped = reopen_lapsed(replan_problem(base, gone, body.from_date, lapsed))
    made_from = (day, fingerprint(base))
    return _solved(uow, who, settings, ("replan", None), made_from, current_pairs(base), scoped)


def solve_record(settings: Settings) -> SolveRecord:
    """How the service solves allocations: the same options give the same proposal."""
    return SolveRecord(
        time_limit_s=settings.solve_time_limit_s,
        workers=settings.solve_workers,
        seed=settings.solve_seed,
        travel_slack_percent=settings.travel_slack_percent,
    )


def _solved(
    uow: UnitOfWork,
    who: Principal,
    settings: Settings,
    kind: tuple[str, str | None],
    made_from: tuple[dt.date, str],
    pairs: dict[str, list[str]],
    problem: Problem,
    controls: ControlsIn | None = None,
) -> ProposalOut:
    """Solve `problem` (outside any transaction) and store it as a proposal of `kind` (kind,
    parent id), made from the store as of `made_from` (day, fingerprint)."""
    record = solve_record(settings)
    options = SolveOptions(
        time_limit_s=record.time_limit_s,
        workers=record.workers,
        seed=record.seed,
        travel_slack=record.travel_slack_percent / 100,
    )
    result = solve(problem, options)
    row = t.Proposal(
        id=str(uuid.uuid4()),
        kind=kind[0],
        parent_id=kind[1],
        status="open",
        as_of=made_from[0],
        fingerprint=made_from[1],
        problem=problem.model_dump(mode="json"),
        current_pairs=pairs,
        result=result.model_dump(mode="json"),
        controls=(controls or ControlsIn()).model_dump(mode="json"),
        solve_options=record.model_dump(mode="json"),
        created_at=uow.clock.now(),
        created_by=who.username,
    )
    uow.proposals.add(row)
    uow.commit()
    return view(row)


def view(row: t.Proposal | queries.Record) -> ProposalOut:
    """A stored proposal (a table row, or a row of `queries.proposal`) as an API body."""
    result = AllocationResult.model_validate(row.result)
    return ProposalOut(
        id=row.id,
        kind=row.kind,
        parent_id=row.parent_id,
        status=row.status,
        as_of=row.as_of,
        created_at=row.created_at,
        created_by=row.created_by,
        controls=ControlsIn.model_validate(row.controls),
        solve=SolveRecord.model_validate(row.solve_options) if row.solve_options else None,
        result=result,
        changes=changes(Problem.model_validate(row.problem), result, row.current_pairs),
    )


@dataclass(frozen=True)
class Document:
    """A proposal's API body serialised once, with an entity tag for conditional GETs."""

    body: bytes
    etag: str


# The latest serialised proposals of this process, by (id, status). A stored proposal never
# changes but for its status (open, then committed), so a body found under the status just read
# from the store is that of the stored proposal, whichever process changed it: nothing here
# needs invalidating.
DOCUMENTS: LRUCache[tuple[str, str], Document] = LRUCache(maxsize=32)
_DOCUMENTS_LOCK = threading.Lock()
_BODY = TypeAdapter(ProposalOut)


async def document(reader: Reader, pid: str) -> Document:
    """One proposal with explanations and what it would change, as the bytes of its API body
    (serialised once per status in each process)."""
    status = await queries.proposal_status(reader, pid)
    if status is None:
        raise NotFoundError("proposal", pid, "/path/proposal_id")
    with _DOCUMENTS_LOCK:
        found = DOCUMENTS.get((pid, status))
    if found is not None:
        return found
    row = await queries.proposal(reader, pid)
    if row is None:  # removed in between: proposals are never removed, but be exact
        raise NotFoundError("proposal", pid, "/path/proposal_id")
    made = await to_thread.run_sync(_serialise, row)  # tens of ms: not on the event loop
    with _DOCUMENTS_LOCK:
        DOCUMENTS[pid, row.status] = made
    return made


def _serialise(row: queries.Record) -> Document:
    body = _BODY.dump_json(view(row), by_alias=True)
    return Document(body, f'"{hashlib.sha256(body).hexdigest()[:32]}"')


def recent(uow: UnitOfWork, limit: int, offset: int) -> list[ProposalSummary]:
    """Proposals, newest first."""
    return [ProposalSummary.model_validate(r) for r in uow.proposals.recent(limit, offset)]


def alternatives(uow: UnitOfWork, pid: str, case_id: str, k: int) -> list[AlternativeOut]:
    """The next best pairs for one case, with what each would change in the metrics."""
    row = _existing(uow, pid)
    problem = Problem.model_validate(row.problem)
    if case_id not in {c.id for c in problem.cases}:
        raise NotFoundError("case in this proposal", case_id, "/path/case_id")
    options = next_best(problem, AllocationResult.model_validate(row.result), case_id, k)
    return [
        AlternativeOut(pair=list(a.pair), current=a.current, metrics=a.metrics, delta=a.delta)
        for a in options
    ]


def _existing(uow: UnitOfWork, pid: str) -> t.Proposal:
    row = uow.proposals.get(pid)
    if row is None:
        raise NotFoundError("proposal", pid, "/path/proposal_id")
    return row
