"""The morning board: new referrals with their decisions, today's proposal with each pair's
explanation, the coordinator's controls (pin, forbid, keep one and choose the partner), re-solve
and commit, with a refusal that says what changed. The handlers call the same workflow
functions as the API's /proposals (service.workflow.proposals, commit, morning)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from models.values import TYPED_AS_TEXT
from service.errors import ConflictError
from service.web.deps import SettingsDep, Today, UowDep, planning, section
from service.web.forms import validation_errors
from service.web.paths import EntityId
from service.web.templating import PREFIX, page
from service.workflow import commit, morning, proposals
from service.workflow.auth import PLANNERS, Principal
from service.workflow.schemas.proposals import ControlsIn, ProposalOut
from service.workflow.staleness import StaleProposalError

router = APIRouter(prefix="/board")
Staff = Annotated[Principal, Depends(section("board"))]
Planner = Annotated[Principal, Depends(planning("board"))]
Id = EntityId  # service.web.paths: bounded as the API's ids
Field = Annotated[str, Form(min_length=1, max_length=64)]
ALTERNATIVES = 5


@router.get("", response_class=HTMLResponse)
def board(request: Request, user: Staff, uow: UowDep, today: Today) -> Response:
    """New referrals with their decisions; today's proposal under review, if any."""
    context = {
        "referrals": morning.new_referrals(uow, today),
        "new_days": morning.NEW_REFERRAL_DAYS,
        "proposal": morning.under_review(uow, today),
        "today": today,
        "planner": user.role in PLANNERS,
    }
    return page(request, "pages/board.html", context)


@router.post("/proposals")
def propose(user: Planner, uow: UowDep, settings: SettingsDep, today: Today) -> Response:
    """A new proposal for today from the store as it is now."""
    made = proposals.propose(uow, user, settings, today)
    return _to(made)


@router.get("/proposals/{proposal_id}", response_class=HTMLResponse)
def proposal_page(request: Request, proposal_id: Id, user: Staff, uow: UowDep) -> Response:
    """One proposal: what it changes, each pair and why, the unallocated cases and why."""
    return _proposal(request, user, morning.proposal(uow, proposal_id))


@router.post("/proposals/{proposal_id}/pin", response_class=HTMLResponse)
def pin(
    request: Request,
    proposal_id: Id,
    user: Planner,
    uow: UowDep,
    settings: SettingsDep,
    case: Field,
    first: Field,
    second: Field,
) -> Response:
    """Pin a case to a pair and re-solve."""
    body = {"pins": [{"case": case, "facilitators": [first, second]}]}
    return _resolved(request, user, uow, settings, proposal_id, body)


@router.post("/proposals/{proposal_id}/resolve", response_class=HTMLResponse)
def resolve(
    request: Request, proposal_id: Id, user: Planner, uow: UowDep, settings: SettingsDep
) -> Response:
    """Solve the proposal's problem again with the controls it has."""
    return _resolved(request, user, uow, settings, proposal_id, {})


@router.get("/proposals/{proposal_id}/cases/{case_id}", response_class=HTMLResponse)
def alternatives(
    request: Request, proposal_id: Id, case_id: Id, user: Staff, uow: UowDep
) -> Response:
    """The next best pairs for one case, each with what it would change in the metrics; pin
    one, or keep one facilitator and let the solver choose the partner."""
    made = morning.proposal(uow, proposal_id)
    options = proposals.alternatives(uow, proposal_id, case_id, ALTERNATIVES)
    now = made.result.pairs().get(case_id)
    context = {
        "proposal": made,
        "case_id": case_id,
        "pair": list(now) if now else [],
        "options": options,
        "keepable": sorted({f for o in options for f in o.pair} | set(now or ())),
        "planner": user.role in PLANNERS,
    }
    return page(request, "pages/board_alternatives.html", context)


@router.post("/proposals/{proposal_id}/commit", response_class=HTMLResponse)
def commit_proposal(request: Request, proposal_id: Id, user: Planner, uow: UowDep) -> Response:
    """Commit the proposal's changes; when the store changed since it was made, the proposal
    page again (409) saying what changed, and a button to propose again."""
    try:
        commit.commit(uow, user, proposal_id, None)
    except ConflictError as exc:
        uow.session.rollback()
        changed = exc.changed if isinstance(exc, StaleProposalError) else []
        made = morning.proposal(uow, proposal_id)
        refusal = {"message": exc.message, "changed": changed}
        return _proposal(request, user, made, refusal=refusal, status=409)
    return RedirectResponse(f"{PREFIX}/board/proposals/{proposal_id}?committed=1", 303)


# one facilitator and a case: which list of the controls each of these posts adds to
ONE_FACILITATOR_CONTROLS = {"forbid": "forbids", "keep": "keeps"}


# declared after /resolve and /commit, whose addresses it would otherwise take
@router.post("/proposals/{proposal_id}/{control}", response_class=HTMLResponse)
def control_one(
    request: Request,
    proposal_id: Id,
    control: Literal["forbid", "keep"],
    user: Planner,
    uow: UowDep,
    settings: SettingsDep,
    case: Field,
    facilitator: Field,
) -> Response:
    """`forbid`: keep a facilitator off a case; `keep`: keep one facilitator on a case and let
    the solver choose the partner. Either way, re-solve."""
    body = {ONE_FACILITATOR_CONTROLS[control]: [{"case": case, "facilitator": facilitator}]}
    return _resolved(request, user, uow, settings, proposal_id, body)


def _resolved(
    request: Request,
    user: Principal,
    uow: UowDep,
    settings: SettingsDep,
    pid: str,
    body: dict[str, Any],
) -> Response:
    """Re-solve `pid` with the controls in `body`: the new proposal's page (its body alone,
    for htmx, with the new address pushed)."""
    try:
        controls = ControlsIn.model_validate(body, context=TYPED_AS_TEXT)
    except ValidationError as exc:
        made = morning.proposal(uow, pid)
        return _proposal(request, user, made, errors=validation_errors(exc), status=422)
    made = proposals.resolve(uow, user, settings, pid, controls)
    if request.headers.get("hx-request") == "true":
        response = _proposal(request, user, made, fragment=True)
        response.headers["HX-Push-Url"] = _address(made)
        return response
    return _to(made)


def _proposal(
    request: Request,
    user: Principal,
    made: ProposalOut,
    *,
    refusal: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
    fragment: bool = False,
) -> Response:
    pairs = made.result.pairs()
    changed = {c.case for c in made.changes}
    context = {
        "proposal": made,
        "changed": [a for a in made.result.assignments if a.case in changed],
        "kept": [a for a in made.result.assignments if a.case not in changed],
        "released": [c for c in made.changes if not c.after],
        "pairs": pairs,
        "planner": user.role in PLANNERS and made.status == "open",
        "refusal": refusal,
        "errors": errors,
        "committed": request.query_params.get("committed") == "1",
    }
    template = "pages/proposal_body.html" if fragment else "pages/proposal.html"
    return page(request, template, context, status=status)


def _address(made: ProposalOut) -> str:
    return f"{PREFIX}/board/proposals/{made.id}"


def _to(made: ProposalOut) -> Response:
    return RedirectResponse(_address(made), status_code=303)
