"""The case file pages: a case's parties (add; change one's details on its own page), contacts
log (add), timeline with its clocks, outcome (close the case with it), agreement and onward
referrals, evaluations, the referrer's feedback, victim-empathy scores and complaints (record
each; resolve a complaint) and messages to the referrer (write one, download it). Each handler
calls one use case; errors come back on the form, by field, with what was typed and nothing
written. Several forms share field names (party, received_on): theirs are keyed by the form
(`key=` in macros/forms.html), so an error shows on the form that was sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from models.casefile import (
    AgeBand,
    Agency,
    Channel,
    ContactKind,
    ContactOutcome,
    DeclinedBy,
    EmpathyStage,
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
from service.workflow.schemas.casefile import ContactIn, PartyDetails, PartyIn, PartyPatch
from service.workflow.schemas.cases import CloseIn
from service.workflow.schemas.outcomes import (
    ActionDone,
    ActionIn,
    ComplaintIn,
    ComplaintResolved,
    EmpathyIn,
    EvaluationIn,
    OnwardIn,
    ReferrerFeedbackIn,
)
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
    "agencies": _choices(Agency),
    "channels": [("", "no preference"), *_choices(Channel)],
    "stages": _choices(EmpathyStage),
    "yes_no": [("yes", "Yes"), ("no", "No")],
}
YES_NO = {"yes": True, "no": False}
# the details of a party, as the edit form names them (service.workflow.schemas.casefile)
DETAIL_FIELDS = tuple(PartyDetails.model_fields)


def _words(value: Any) -> str:
    return str(value.value).replace("_", " ")


def _errors(exc: InputError | ValidationError) -> dict[str, str]:
    found = exc.errors if isinstance(exc, InputError) else field_errors(exc)
    return {e.pointer.rsplit("/", 1)[-1] or "form": e.message for e in found}


def _render(
    request: Request,
    uow: UowDep,
    user: Principal,
    cid: str,
    errors: dict[str, str],
    status: int,
    failed: str = "",
    values: dict[str, str] | None = None,
) -> Response:
    file = casefile_view.view(uow, user, cid)
    context = {
        "failed": failed,
        "values": values or {},
        "file": file,
        "staff": user.role in STAFF,
        "planner": user.role in PLANNERS,
        "errors": errors,
        "choices": CHOICES,
        "roles_of": {p.id: p.role.value.replace("_", " ") for p in file.parties},
        "party_choices": [(str(p.id), f"{p.id}: {_words(p.role)}") for p in file.parties],
        "responsible_choices": [
            (str(p.id), f"{p.id}: {_words(p.role)}")
            for p in file.parties
            if p.role is PartyRole.RESPONSIBLE
        ],
    }
    return page(request, "pages/case_file.html", context, status)


def _done(
    request: Request,
    uow: UowDep,
    user: Principal,
    cid: str,
    action: Callable[[], object],
    form: str = "",
    sent: dict[str, str] | None = None,
) -> Response:
    """Run one use case; back to the file (303, at the form's section when named), or the
    file with the errors (422), which the form named `form` shows with what was `sent`."""
    try:
        action()
    except (InputError, ValidationError) as exc:
        uow.session.rollback()
        errors = _errors(exc)
        values = {}
        if form:  # its fields are keyed by the form's name: other forms share field names
            errors = {f"{form}-{k}": v for k, v in errors.items()}
            values = {f"{form}-{k}": v for k, v in (sent or {}).items()}
        return _render(request, uow, user, cid, errors, 422, form, values)
    where = f"#{form}" if form else ""
    return RedirectResponse(f"{PREFIX}/cases/{cid}/file{where}", status_code=303)


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
        "would_recommend": YES_NO.get(would_recommend),
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


@router.get("/parties/{party_id}", response_class=HTMLResponse)
def party_page(
    request: Request, case_id: EntityId, party_id: RowNumber, user: User, uow: UowDep
) -> Response:
    """A party's details, to change (coordinators and admins; the read is audited)."""
    user.require(PLANNERS, "changing a party")
    return _party_page(request, uow, user, case_id, party_id, {}, None, 200)


def _party_page(
    request: Request,
    uow: UowDep,
    user: Principal,
    cid: str,
    pid: int,
    errors: dict[str, str],
    form: dict[str, str] | None,
    status: int,
) -> Response:
    party = parties.one(uow, user, cid, pid)
    if form is None:
        details = party.details.model_dump() if party.details else {}
        form = {k: str(v) for k, v in details.items()}
        form |= {"age_band": party.age_band.value, "channel": party.channel or ""}
    context = {"party": party, "case_id": cid, "form": form, "errors": errors}
    return page(request, "pages/case_party.html", context | {"choices": CHOICES}, status)


@router.post("/parties/{party_id}", response_class=HTMLResponse)
def change_party(
    request: Request,
    case_id: EntityId,
    party_id: RowNumber,
    user: User,
    uow: UowDep,
    age_band: Short = "unknown",
    channel: Short = "",
    name: Short = "",
    phone: Short = "",
    email: Short = "",
    address: Text = "",
    times_to_avoid: Short = "",
    interpreter: Short = "",
    accessibility: Short = "",
    safe_contact: Text = "",
) -> Response:
    """Change a party's age band, preferred channel and details (the details replace the old
    ones); back to the case file, or the form with its errors."""
    details = {
        "name": name,
        "phone": phone,
        "email": email,
        "address": address,
        "times_to_avoid": times_to_avoid,
        "interpreter": interpreter,
        "accessibility": accessibility,
        "safe_contact": safe_contact,
    }
    body = {"age_band": age_band, "channel": channel or None, "details": details}
    try:
        parties.update(
            uow, user, case_id, party_id, PartyPatch.model_validate(body, context=TYPED_AS_TEXT)
        )
    except (InputError, ValidationError) as exc:
        uow.session.rollback()
        form = details | {"age_band": age_band, "channel": channel}
        return _party_page(request, uow, user, case_id, party_id, _errors(exc), form, 422)
    return RedirectResponse(f"{PREFIX}/cases/{case_id}/file#parties", status_code=303)


@router.post("/onward-referrals", response_class=HTMLResponse)
def refer_on(
    request: Request,
    case_id: EntityId,
    user: User,
    uow: UowDep,
    party: Short = "",
    agency: Short = "",
    on: Short = "",
    note: Text = "",
) -> Response:
    """Record that a participant was referred on to another agency."""
    body = {"party": party or None, "agency": agency, "on": on, "note": note}
    return _done(
        request,
        uow,
        user,
        case_id,
        lambda: outcomes.add_onward(
            uow, user, case_id, OnwardIn.model_validate(body, context=TYPED_AS_TEXT)
        ),
        "onward",
        {"party": party, "agency": agency, "on": on, "note": note},
    )


@router.post("/referrer-feedback", response_class=HTMLResponse)
def referrer_feedback(
    request: Request,
    case_id: EntityId,
    user: User,
    uow: UowDep,
    received_on: Short = "",
    referral_process: Short = "",
    initial_response: Short = "",
    kept_updated: Short = "",
    effectiveness: Short = "",
    would_refer_again: Short = "",
    would_recommend: Short = "",
    comments: Text = "",
) -> Response:
    """The referrer's ratings of the service on this closed case."""
    ratings = {
        "referral_process": referral_process,
        "initial_response": initial_response,
        "kept_updated": kept_updated,
        "effectiveness": effectiveness,
    }
    body: dict[str, object] = {k: v or None for k, v in ratings.items()}
    body |= {
        "received_on": received_on,
        "would_refer_again": YES_NO.get(would_refer_again),
        "would_recommend": YES_NO.get(would_recommend),
        "comments": comments,
    }
    return _done(
        request,
        uow,
        user,
        case_id,
        lambda: feedback.referrer(
            uow, user, case_id, ReferrerFeedbackIn.model_validate(body, context=TYPED_AS_TEXT)
        ),
        "referrer-feedback",
        ratings
        | {
            "received_on": received_on,
            "would_refer_again": would_refer_again,
            "would_recommend": would_recommend,
            "comments": comments,
        },
    )


@router.post("/empathy", response_class=HTMLResponse)
def empathy(
    request: Request,
    case_id: EntityId,
    user: User,
    uow: UowDep,
    party: Short = "",
    stage: Short = "",
    score: Short = "",
    taken_on: Short = "",
) -> Response:
    """The person responsible's victim-empathy score, before or after."""
    body = {"party": party, "stage": stage, "score": score, "taken_on": taken_on}
    return _done(
        request,
        uow,
        user,
        case_id,
        lambda: feedback.empathy(
            uow, user, case_id, EmpathyIn.model_validate(body, context=TYPED_AS_TEXT)
        ),
        "empathy",
        body,
    )


@router.post("/complaints", response_class=HTMLResponse)
def complain(
    request: Request,
    case_id: EntityId,
    user: User,
    uow: UowDep,
    party: Short = "",
    received_on: Short = "",
    summary: Text = "",
) -> Response:
    """A complaint about the service on this case."""
    body = {"party": party or None, "received_on": received_on, "summary": summary}
    return _done(
        request,
        uow,
        user,
        case_id,
        lambda: feedback.complain(
            uow, user, case_id, ComplaintIn.model_validate(body, context=TYPED_AS_TEXT)
        ),
        "complaints",
        {"party": party, "received_on": received_on, "summary": summary},
    )


@router.post("/complaints/{complaint_id}/resolution", response_class=HTMLResponse)
def resolve_complaint(
    request: Request,
    case_id: EntityId,
    complaint_id: RowNumber,
    user: User,
    uow: UowDep,
    resolved_on: Short = "",
    resolution: Text = "",
    upheld: Short = "",
) -> Response:
    """How a complaint was resolved, and whether it was upheld."""
    body = {"resolved_on": resolved_on, "resolution": resolution, "upheld": YES_NO.get(upheld)}
    return _done(
        request,
        uow,
        user,
        case_id,
        lambda: feedback.resolve(
            uow,
            user,
            case_id,
            complaint_id,
            ComplaintResolved.model_validate(body, context=TYPED_AS_TEXT),
        ),
        f"complaints-{complaint_id}",
        {"resolved_on": resolved_on, "resolution": resolution, "upheld": upheld},
    )
