"""The case file pages: a case's parties (add), contacts log (add), timeline with its clocks,
outcome (close the case with it) and agreement, evaluations (record one) and messages to the
referrer (write one, download it). Each handler calls one use case; errors come back on the
form, by field, with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from models.casefile import (
    AgeBand,
    ContactKind,
    ContactOutcome,
    DeclinedBy,
    Method,
    OutcomeKind,
    PartyRole,
)
from models.documents import field_errors
from models.values import TYPED_AS_TEXT
from service.errors import InputError
from service.web.deps import ClockDep, UowDep, User
from service.web.paths import EntityId, RowNumber
from service.web.templating import PREFIX, page
from service.workflow import (
    case_changes,
    casefile_view,
    contacts,
    feedback,
    outcomes,
    parties,
)
from service.workflow import referrer_updates as updates
from service.workflow.auth import PLANNERS, STAFF, Principal
from service.workflow.schemas.casefile import ContactIn, PartyDetails, PartyIn
from service.workflow.schemas.cases import CloseIn
from service.workflow.schemas.outcomes import ActionDone, ActionIn, EvaluationIn
from service.workflow.schemas.referrer_updates import ReferrerUpdateIn, UpdateKind

router = APIRouter(prefix="/cases/{case_id}/file")
Text = Annotated[str, Form(max_length=2000)]
Short = Annotated[str, Form(max_length=200)]


OWNERS = ("responsible", "harmed", "supporter", "facilitator", "coordinator")


def _choices(values: Any) -> list[tuple[str, str]]:
    return [(v.value, v.value.replace("_", " ")) for v in values]


CHOICES = {
    "roles": _choices(PartyRole),
    "bands": _choices(AgeBand),
    "kinds": _choices(ContactKind),
    "answers": _choices(ContactOutcome),
    "outcomes": _choices(OutcomeKind),
    "methods": [("", "none"), *_choices(Method)],
    "declined_by": [("", "nobody"), *_choices(DeclinedBy)],
    "updates": _choices(UpdateKind),
    "ratings": [(str(n), str(n)) for n in range(5, 0, -1)],
    "owners": [(o, o) for o in OWNERS],
}


def _errors(exc: InputError | ValidationError) -> dict[str, str]:
    found = exc.errors if isinstance(exc, InputError) else field_errors(exc)
    return {e.pointer.rsplit("/", 1)[-1] or "form": e.message for e in found}


def _render(
    request: Request, uow: UowDep, user: Principal, cid: str, errors: dict[str, str], status: int
) -> Response:
    file = casefile_view.view(uow, user, cid)
    context = {
        "file": file,
        "staff": user.role in STAFF,
        "planner": user.role in PLANNERS,
        "errors": errors,
        "choices": CHOICES,
        "roles_of": {p.id: p.role.value.replace("_", " ") for p in file.parties},
    }
    return page(request, "pages/case_file.html", context, status)


def _done(
    request: Request, uow: UowDep, user: Principal, cid: str, action: Callable[[], object]
) -> Response:
    """Run one use case; back to the file (303), or the file with the errors (422)."""
    try:
        action()
    except (InputError, ValidationError) as exc:
        return _render(request, uow, user, cid, _errors(exc), 422)
    return RedirectResponse(f"{PREFIX}/cases/{cid}/file", status_code=303)


@router.get("", response_class=HTMLResponse)
def case_file(request: Request, case_id: EntityId, user: User, uow: UowDep) -> Response:
    """The case file: parties, contacts, clocks, outcome, agreement, feedback."""
    return _render(request, uow, user, case_id, {}, 200)


@router.post("/parties", response_class=HTMLResponse)
def add_party(
    request: Request,
    case_id: EntityId,
    user: User,
    uow: UowDep,
    role: Short = "",
    age_band: Short = "unknown",
    name: Short = "",
    phone: Short = "",
) -> Response:
    """Add a party (name and phone sealed)."""
    return _done(
        request,
        uow,
        user,
        case_id,
        lambda: parties.add(
            uow,
            user,
            case_id,
            PartyIn.model_validate(
                {
                    "role": role,
                    "age_band": age_band,
                    "details": PartyDetails(name=name, phone=phone),
                },
                context=TYPED_AS_TEXT,
            ),
        ),
    )


@router.post("/contacts", response_class=HTMLResponse)
def log_contact(
    request: Request,
    case_id: EntityId,
    user: User,
    uow: UowDep,
    party: Short = "",
    kind: Short = "",
    answer: Short = "",
    made_on: Short = "",
    notes: Text = "",
) -> Response:
    """Log a contact with a party."""
    body = {"party": party or None, "kind": kind, "outcome": answer, "made_on": made_on}
    return _done(
        request,
        uow,
        user,
        case_id,
        lambda: contacts.log(
            uow,
            user,
            case_id,
            ContactIn.model_validate(body | {"notes": notes}, context=TYPED_AS_TEXT),
        ),
    )


@router.post("/close", response_class=HTMLResponse)
def close_case(
    request: Request,
    case_id: EntityId,
    user: User,
    uow: UowDep,
    outcome: Short = "",
    method: Short = "",
    declined_by: Short = "",
) -> Response:
    """Close the case with its outcome (coordinators and admins)."""
    user.require(PLANNERS, "closing a case")
    body = {"outcome": outcome, "method": method or None, "declined_by": declined_by or None}
    return _done(
        request,
        uow,
        user,
        case_id,
        lambda: case_changes.close(
            uow, user, case_id, CloseIn.model_validate(body, context=TYPED_AS_TEXT)
        ),
    )


@router.post("/actions", response_class=HTMLResponse)
def agree_action(
    request: Request,
    case_id: EntityId,
    user: User,
    uow: UowDep,
    description: Text = "",
    owner: Short = "",
    due: Short = "",
) -> Response:
    """Add an action of the agreement (whose, by when); monitored until done."""
    body = {"description": description, "owner": owner, "due": due}
    return _done(
        request,
        uow,
        user,
        case_id,
        lambda: outcomes.add_action(
            uow, user, case_id, ActionIn.model_validate(body, context=TYPED_AS_TEXT)
        ),
    )


@router.post("/actions/{action_id}/done", response_class=HTMLResponse)
def action_done(
    request: Request,
    case_id: EntityId,
    action_id: RowNumber,
    user: User,
    uow: UowDep,
    done_on: Short = "",
) -> Response:
    """Mark an agreed action done on a day (today by default)."""
    body = {"done_on": done_on or uow.clock.today()}
    return _done(
        request,
        uow,
        user,
        case_id,
        lambda: outcomes.action_done(
            uow,
            user,
            case_id,
            action_id,
            ActionDone.model_validate(body, context=TYPED_AS_TEXT).done_on,
        ),
    )


@router.post("/evaluations", response_class=HTMLResponse)
def record_evaluation(
    request: Request,
    case_id: EntityId,
    user: User,
    uow: UowDep,
    party: Short = "",
    received_on: Short = "",
    satisfaction: Short = "",
    would_recommend: Short = "",
    comments: Text = "",
) -> Response:
    """Record a participant's evaluation of the closed case."""
    body = {
        "party": party,
        "received_on": received_on,
        "satisfaction": satisfaction or None,
        "would_recommend": {"yes": True, "no": False}.get(would_recommend),
        "comments": comments,
    }
    return _done(
        request,
        uow,
        user,
        case_id,
        lambda: feedback.evaluate(
            uow, user, case_id, EvaluationIn.model_validate(body, context=TYPED_AS_TEXT)
        ),
    )


@router.post("/referrer-updates", response_class=HTMLResponse)
def write_referrer_update(
    request: Request, case_id: EntityId, user: User, uow: UowDep, update_kind: Short = ""
) -> Response:
    """Write the referrer a message of this kind and log it."""
    body = {"kind": update_kind}
    return _done(
        request,
        uow,
        user,
        case_id,
        lambda: updates.send(
            uow, user, case_id, ReferrerUpdateIn.model_validate(body, context=TYPED_AS_TEXT)
        ),
    )


@router.get("/referrer-updates/{contact_id}/message.eml")
def download_referrer_update(
    case_id: EntityId, contact_id: RowNumber, user: User, uow: UowDep, clock: ClockDep
) -> Response:
    """A logged message to the referrer as an unsent e-mail to open and send."""
    message = updates.message_of(uow, user, case_id, contact_id)
    return Response(
        updates.as_eml(message, clock.now()),
        media_type="message/rfc822",
        headers={"Content-Disposition": f'attachment; filename="{case_id}-{contact_id}.eml"'},
    )
