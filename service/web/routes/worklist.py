"""The coordinator's home: everything due or overdue today, most urgent first, each with the
one action that clears it (service.workflow.worklist, the API's GET /worklist)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from service.web.deps import Today, UowDep, section
from service.web.templating import page
from service.workflow import worklist
from service.workflow.auth import Principal
from service.workflow.schemas.worklist import Urgency

router = APIRouter(prefix="/worklist")
Staff = Annotated[Principal, Depends(section("worklist"))]
GROUPS = (
    (Urgency.OVERDUE, "Overdue", "red"),
    (Urgency.DUE_TODAY, "Due today", "orange"),
    (Urgency.DUE_SOON, "Due soon", "blue"),
)


@router.get("", response_class=HTMLResponse)
def my_worklist(request: Request, user: Staff, uow: UowDep, today: Today) -> Response:
    """Today's worklist, grouped by urgency."""
    items = worklist.for_user(uow, user, today)
    groups = [(label, colour, [i for i in items if i.urgency is u]) for u, label, colour in GROUPS]
    return page(
        request, "pages/worklist.html", {"groups": groups, "count": len(items), "today": today}
    )
