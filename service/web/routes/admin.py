"""Admin: users and their roles (add, change role, disable or enable again) and the audit log
with its filters. Every change goes through service.workflow.users (audited there)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from models import InputError
from models.values import TYPED_AS_TEXT
from service.errors import ConflictError, NotFoundError
from service.web.deps import UowDep, section
from service.web.forms import field_errors, validation_errors
from service.web.paths import Username
from service.web.templating import PREFIX, page
from service.workflow import audit, users
from service.workflow.auth import Principal, Role
from service.workflow.passwords import MIN_LENGTH
from service.workflow.schemas.audit import AuditQuery
from service.workflow.schemas.auth import UserIn

router = APIRouter(prefix="/admin")
Admin = Annotated[Principal, Depends(section("users"))]
Overseer = Annotated[Principal, Depends(section("audit"))]
ROLES = [(r.value, r.value.capitalize()) for r in Role]
AUDIT_PAGE = 50
Text = Annotated[str, Form(max_length=200)]
Filter = Annotated[str, Query(max_length=64)]


@router.get("/users", response_class=HTMLResponse)
def user_list(request: Request, _admin: Admin, uow: UowDep, added: Filter = "") -> Response:
    """Every user with their role and whether they may sign in; the form to add one."""
    return _users_page(request, uow, {"added": added})


@router.post("/users", response_class=HTMLResponse)
def add_user(
    request: Request,
    admin: Admin,
    uow: UowDep,
    username: Text = "",
    password: Text = "",
    role: Text = "",
    facilitator_id: Text = "",
) -> Response:
    """Add a user with a role; the form again with what to fix."""
    form = {"username": username, "role": role, "facilitator_id": facilitator_id}
    try:
        body = UserIn.model_validate(
            form | {"password": password, "facilitator_id": facilitator_id or None},
            context=TYPED_AS_TEXT,
        )
        users.add(uow, admin, body)
    except ValidationError as exc:
        return _users_page(request, uow, {"errors": validation_errors(exc), "form": form}, 422)
    except (InputError, ConflictError, NotFoundError) as exc:
        return _users_page(request, uow, {"errors": field_errors(exc.errors), "form": form}, 422)
    return RedirectResponse(f"{PREFIX}/admin/users?added={username}", status_code=303)


def _users_page(
    request: Request, uow: UowDep, context: dict[str, Any], status: int = 200
) -> Response:
    values = {
        "users": users.listing(uow),
        "roles": ROLES,
        "form": {},
        "errors": {},
        "min_password": MIN_LENGTH,
    }
    return page(request, "pages/admin_users.html", values | context, status)


@router.get("/users/{username}", response_class=HTMLResponse)
def user_page(request: Request, username: Username, _admin: Admin, uow: UowDep) -> Response:
    """One user: change their role, disable or enable them."""
    return _user_page(request, uow, username, {})


def _user_page(
    request: Request, uow: UowDep, username: str, context: dict[str, Any], status: int = 200
) -> Response:
    found = users.one(uow, username)
    values = {"account": found, "roles": ROLES, "errors": {}}
    return page(request, "pages/admin_user.html", values | context, status)


@router.post("/users/{username}/role", response_class=HTMLResponse)
def change_role(
    request: Request,
    username: Username,
    admin: Admin,
    uow: UowDep,
    role: Text = "",
    facilitator_id: Text = "",
) -> Response:
    """Give the user another role (a facilitator login names its record)."""
    try:
        wanted = Role(role)
    except ValueError:
        errors = {"role": "Choose a role"}
        return _user_page(request, uow, username, {"errors": errors}, 422)
    try:
        users.change_role(uow, admin, username, wanted, facilitator_id.strip() or None)
    except (InputError, ConflictError, NotFoundError) as exc:
        uow.session.rollback()
        return _user_page(request, uow, username, {"errors": field_errors(exc.errors)}, 422)
    return RedirectResponse(f"{PREFIX}/admin/users/{username}?changed=role", status_code=303)


@router.post("/users/{username}/active", response_class=HTMLResponse)
def set_active(
    request: Request,
    username: Username,
    admin: Admin,
    uow: UowDep,
    active: Annotated[bool, Form()] = False,
) -> Response:
    """Disable the user (they are signed out at once) or enable them again."""
    users.set_active(uow, admin, username, active)
    return RedirectResponse(f"{PREFIX}/admin/users/{username}", status_code=303)


@router.get("/audit", response_class=HTMLResponse)
def audit_log(
    request: Request,
    _user: Overseer,
    uow: UowDep,
    actor: Filter = "",
    action: Filter = "",
    entity: Filter = "",
    entity_id: Filter = "",
    since: Filter = "",
    until: Filter = "",
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    """The audit log, newest first, filtered by who, action, entity, its id and days."""
    filters = {
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "since": since,
        "until": until,
    }
    given = {k: v for k, v in filters.items() if v.strip()}
    context: dict[str, Any] = {
        "filters": filters,
        "query": urlencode(given),
        "offset": offset,
        "page_size": AUDIT_PAGE,
    }
    try:
        query = AuditQuery.model_validate(given | {"newest_first": True}, context=TYPED_AS_TEXT)
    except ValidationError as exc:
        context |= {"entries": [], "more": False, "errors": validation_errors(exc)}
        return page(request, "pages/admin_audit.html", context, 422)
    found = audit.find(uow, query, AUDIT_PAGE + 1, offset)
    context |= {"entries": found[:AUDIT_PAGE], "more": len(found) > AUDIT_PAGE, "errors": {}}
    return page(request, "pages/admin_audit.html", context)
