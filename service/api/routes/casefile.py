"""The case file: parties, contacts, the timeline and its clocks. Who may read or write is
decided by the use cases (service.workflow.case_access): staff read, coordinators write, a
facilitator reads and logs contacts on their own cases."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status
from fastapi.responses import HTMLResponse, PlainTextResponse

from models import values
from models.values import EntityId
from service.api.deps import CurrentUser, UowDep
from service.api.schemas.common import AUTHED, error_responses, json_error_responses
from service.workflow import clocks, contacts, parties, referrer_updates, subject_access
from service.workflow.schemas.casefile import (
    ContactIn,
    ContactOut,
    PartyIn,
    PartyOut,
    PartyPatch,
)
from service.workflow.schemas.referrer_updates import (
    ReferrerMessage,
    ReferrerUpdateIn,
    ReferrerUpdateOut,
    UpdateKind,
)
from service.workflow.schemas.retention import SubjectAccessOut
from service.workflow.schemas.timeline import TimelineOut

router = APIRouter(prefix="/cases/{case_id}", tags=["case file"])
PartyId = Annotated[int, Path(ge=1, le=2_147_483_647)]
ContactId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Day = Annotated[values.Day | None, Query()]


@router.get("/parties", responses=error_responses(*AUTHED, 404))
def list_parties(case_id: EntityId, user: CurrentUser, uow: UowDep) -> list[PartyOut]:
    """The case's parties with their status and take-up (from the contacts) and their details
    (PROTECT - PERSONAL: the read is audited)."""
    return parties.listing(uow, user, case_id)


@router.post(
    "/parties", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 404, 409)
)
def add_party(case_id: EntityId, body: PartyIn, user: CurrentUser, uow: UowDep) -> PartyOut:
    """Add a party (harmed, responsible, or a supporter of a party); details sealed at rest."""
    return parties.add(uow, user, case_id, body)


@router.patch("/parties/{party_id}", responses=error_responses(*AUTHED, 404))
def change_party(
    case_id: EntityId, party_id: PartyId, body: PartyPatch, user: CurrentUser, uow: UowDep
) -> PartyOut:
    """Change a party's age band, preferred channel or details (audited: which fields)."""
    return parties.update(uow, user, case_id, party_id, body)


@router.get("/parties/{party_id}/subject-access", responses=error_responses(*AUTHED, 404))
def party_subject_access(
    case_id: EntityId, party_id: PartyId, user: CurrentUser, uow: UowDep
) -> SubjectAccessOut:
    """Everything held on the person who is this party, in every case they are a party of
    (matched by name and phone or e-mail): a subject access export, audited. Coordinators and
    admins."""
    return subject_access.export(uow, user, case_id, party_id)


@router.get(
    "/parties/{party_id}/subject-access.html",
    response_class=HTMLResponse,
    responses=json_error_responses(*AUTHED, 404),
)
def party_subject_access_page(
    case_id: EntityId, party_id: PartyId, user: CurrentUser, uow: UowDep
) -> HTMLResponse:
    """The subject access export as a readable page to print or send (audited)."""
    export = subject_access.export(uow, user, case_id, party_id)
    return HTMLResponse(
        subject_access.as_html(export),
        headers=_attachment(f"subject-access-{case_id}-{party_id}.html"),
    )


@router.get("/contacts", responses=error_responses(*AUTHED, 404))
def list_contacts(case_id: EntityId, user: CurrentUser, uow: UowDep) -> list[ContactOut]:
    """The contacts log, oldest first (notes: a read audited)."""
    return contacts.listing(uow, user, case_id)


@router.post(
    "/contacts", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 404)
)
def log_contact(case_id: EntityId, body: ContactIn, user: CurrentUser, uow: UowDep) -> ContactOut:
    """Log a call, letter, visit, email or meeting attempt; a party's answer (considering,
    agreed, declined, withdrew) sets their status. Not before the referral, not in the future."""
    return contacts.log(uow, user, case_id, body)


@router.get("/timeline", responses=error_responses(*AUTHED, 404))
def case_timeline(
    case_id: EntityId, user: CurrentUser, uow: UowDep, day: Day = None
) -> TimelineOut:
    """The case's events and its timeliness clocks (due, overdue, met late, met) on `day`."""
    return clocks.timeline(uow, user, case_id, day)


@router.get("/referrer-updates/preview", responses=error_responses(*AUTHED, 404, 409))
def preview_referrer_update(
    case_id: EntityId, kind: UpdateKind, user: CurrentUser, uow: UowDep
) -> ReferrerMessage:
    """The message to the referrer of this kind, filled from the case now; nothing recorded
    (409: a closure message on an open case, a pair-allocated one before a pair)."""
    return referrer_updates.preview(uow, user, case_id, kind)


@router.post(
    "/referrer-updates",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*AUTHED, 404, 409),
)
def send_referrer_update(
    case_id: EntityId, body: ReferrerUpdateIn, user: CurrentUser, uow: UowDep
) -> ReferrerUpdateOut:
    """Write the referrer the message of this kind and log it as a contact (email or letter,
    sent; its purpose stops the timeliness clocks). Download it as .txt or .eml to send."""
    return referrer_updates.send(uow, user, case_id, body)


@router.get(
    "/referrer-updates/{contact_id}/message.txt",
    response_class=PlainTextResponse,
    responses=json_error_responses(*AUTHED, 404),
)
def referrer_update_text(
    case_id: EntityId, contact_id: ContactId, user: CurrentUser, uow: UowDep
) -> PlainTextResponse:
    """A logged message to the referrer as a plain-text file (a read audited)."""
    message = referrer_updates.message_of(uow, user, case_id, contact_id)
    return PlainTextResponse(
        referrer_updates.as_text(message),
        headers=_attachment(f"{case_id}-referrer-{contact_id}.txt"),
    )


@router.get(
    "/referrer-updates/{contact_id}/message.eml",
    response_class=Response,
    responses={200: {"content": {"message/rfc822": {}}}, **error_responses(*AUTHED, 404)},
)
def referrer_update_eml(
    case_id: EntityId, contact_id: ContactId, user: CurrentUser, uow: UowDep
) -> Response:
    """A logged message to the referrer as an unsent e-mail (.eml: open it in a mail program,
    address it and send; a read audited)."""
    message = referrer_updates.message_of(uow, user, case_id, contact_id)
    return Response(
        referrer_updates.as_eml(message, uow.clock.now()),
        media_type="message/rfc822",
        headers=_attachment(f"{case_id}-referrer-{contact_id}.eml"),
    )


def _attachment(name: str) -> dict[str, str]:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
    return {"Content-Disposition": f'attachment; filename="{safe}"'}
