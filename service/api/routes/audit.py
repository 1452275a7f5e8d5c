"""The audit log, read-only: there is no route that changes or removes an entry."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from models.values import EntityId, Line32
from service.api.deps import Overseer, UowDep
from service.api.schemas.common import AUTHED, PageOffset, error_responses
from service.workflow import audit
from service.workflow.schemas.views import AuditOut

router = APIRouter(tags=["audit"])


@router.get("/audit", responses=error_responses(*AUTHED))
def read_audit(
    _user: Overseer,
    uow: UowDep,
    entity: Annotated[Line32 | None, Query(examples=["facilitator"])] = None,
    entity_id: Annotated[EntityId | None, Query(examples=["F-101"])] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: PageOffset = 0,
) -> list[AuditOut]:
    """Who changed what and when, oldest first (admins and managers)."""
    return audit.search(uow, entity, entity_id, limit, offset)
